package ocr

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestDebugPage prints the rows of one page: of genpdf-a.pdf rendered
// (JIXIAO_OCR_PAGE=n) or of its degraded scan in fixtures/scan
// (JIXIAO_OCR_SCAN=n).
func TestDebugPage(t *testing.T) {
	var file string
	if n, _ := strconv.Atoi(os.Getenv("JIXIAO_OCR_SCAN")); n > 0 {
		file = fmt.Sprintf("../../fixtures/scan/genpdf-a-%03d.jpg", n)
	} else if n, _ := strconv.Atoi(os.Getenv("JIXIAO_OCR_PAGE")); n > 0 {
		file = render(t, "../../fixtures/pdf/genpdf-a.pdf", n, n)[0]
	} else {
		t.Skip("set JIXIAO_OCR_PAGE or JIXIAO_OCR_SCAN")
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewReader(Options{DPI: 200})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	rows, err := r.ReadImage(context.Background(), data, 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows {
		var cs []string
		for _, c := range row.Cells {
			cs = append(cs, fmt.Sprintf("%d:%s(%.2f)", c.Col, c.Text, c.Confidence))
		}
		t.Logf("y=%d | %s", row.Top, strings.Join(cs, " | "))
	}
	t.Logf("%+v", r.Stats())
}
