package pdf

import (
	"bytes"
	"errors"
	"testing"

	"jixiao"
	"jixiao/extract/pdf/pdftest"
)

// FuzzPrecheck: the checks of the raw bytes never panic, and refuse only
// with a *jixiao.Error.
func FuzzPrecheck(f *testing.F) {
	for _, b := range [][]byte{pdftest.HugeXrefSizePDF(), pdftest.HugeXrefIndexPDF(), pdftest.HugeXrefSubsectionPDF(),
		pdftest.PrevLoopPDF(), pdftest.ExtendsLoopPDF(), pdftest.HugeObjStmNPDF(), pdftest.BlankPagePDF()} {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := precheck(data); err != nil {
			var fe *jixiao.Error
			if !errors.As(err, &fe) {
				t.Fatalf("error %v, not a *jixiao.Error", err)
			}
		}
	})
}

// FuzzInterpret: the content-stream interpreter never panics, passes no
// operator more than maxOperands operands, and fails only past a limit.
func FuzzInterpret(f *testing.F) {
	for _, s := range []string{rulesAndText, "q 1 0 0 1 5 5 cm Q", "BI /W 1 /H 1 ID \xff\x00 EI Q",
		"[(a) -5 (b)] TJ", "<< /A [1 2 <</B (c)>>] >> BDC EMC", "(unclosed \\", "<4142", "/N#41me 1 2 3"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		err := interpret(bytes.NewReader(data), func(args []operand, op string) error {
			if len(args) > maxOperands || op == "" {
				t.Fatalf("operator %q with %d operands", op, len(args))
			}
			return nil
		})
		if err != nil && !errors.Is(err, errLimit) {
			t.Fatalf("error %v, not a limit", err)
		}
	})
}
