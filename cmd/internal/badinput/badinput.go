// Package badinput generates the bad-input corpus of fixtures/bad: files
// that a batch ingest must survive (each fails with a clear error naming the
// file and the reason, or lands as a partial record with flags), and larger
// variants that tests generate on the fly rather than check in.
//
// Generation is deterministic: the same fixture text gives the same bytes,
// so a test can check that the checked-in corpus is what this package makes
// (cmd/genbad writes it).
package badinput

import (
	"bytes"
	"errors"
	"jixiao/extract/pdf/pdftest"
	"math/rand/v2"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// Outcome is what ingesting a bad file must give.
type Outcome string

// The outcomes of a bad file.
const (
	// Fails: the file is named on stderr with a reason, nothing is stored
	// for it, and it is logged in the failures table.
	Fails Outcome = "fails"
	// Partial: the readable part of the form is stored, with review flags.
	Partial Outcome = "partial"
	// Lands: the file is stored in full (a legitimate encoding variant).
	Lands Outcome = "lands"
)

// File is one file of the corpus.
type File struct {
	Name    string  // file name in fixtures/bad
	About   string  // what is wrong with it, for the README
	Outcome Outcome // what ingesting it gives
	Data    []byte
}

// Files returns the checked-in corpus, made from the text fixture forms
// (fixtures/text/forms.txt): its first form is used for the text variants.
// It fails only when forms holds no form.
func Files(forms []byte) ([]File, error) {
	first, err := firstForm(forms)
	if err != nil {
		return nil, err
	}
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes(first)
	if err != nil {
		return nil, err
	}
	u16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes(first)
	if err != nil {
		return nil, err
	}
	return []File{
		{"empty.txt", "zero bytes", Fails, nil},
		{"noise.bin", "4 KiB of pseudo-random bytes (PCG, seed 8)", Fails, noise(4096, 8)},
		{"no-form.txt", "UTF-8 Chinese prose without any form title or grid", Fails, []byte(noFormText)},
		{"cut-grid.txt", "the first fixture form cut off in the middle of its indicator grid", Partial, cutGrid(first)},
		{"gb18030.txt", "the first fixture form encoded in GB18030", Lands, gb},
		{"utf16le.txt", "the first fixture form in UTF-16LE with a byte-order mark", Lands, u16},
		{"truncated.pdf", "a one-page PDF cut off inside its content stream (no xref, no trailer)", Fails, pdftest.TruncatedPDF()},
		{"encrypted.pdf", "a PDF with a standard security handler (RC4-128) and a non-empty user password", Fails, pdftest.EncryptedPDF()},
		{"broken-xref.pdf", "a one-page PDF whose xref offsets and startxref point to the wrong bytes", Fails, pdftest.BrokenXrefPDF()},
		{"cyclic-kids.pdf", "a page tree whose inner /Pages node lists the root among its /Kids", Fails, pdftest.CyclicKidsPDF()},
		{"cyclic-parent.pdf", "a page without /Resources whose /Parent chain loops (inherited keys are looked up forever)", Fails, pdftest.CyclicParentPDF()},
		{"self-length.pdf", "a content stream whose /Length is an indirect reference to the stream itself", Fails, pdftest.SelfLengthPDF()},
		{"deep-tree.pdf", "one page under 2,000 nested /Pages nodes", Fails, pdftest.DeepTreePDF(2000)},
		{"huge-xref-size.pdf", "a cross-reference stream whose /Size claims 10^10 entries", Fails, pdftest.HugeXrefSizePDF()},
		{"huge-xref-index.pdf", "a cross-reference stream whose /Index claims 10^10 entries", Fails, pdftest.HugeXrefIndexPDF()},
		{"huge-xref-subsection.pdf", "a classic cross-reference table whose subsection claims more entries than the file can hold", Fails, pdftest.HugeXrefSubsectionPDF()},
		{"prev-loop.pdf", "cross-reference sections whose /Prev chain loops", Fails, pdftest.PrevLoopPDF()},
		{"extends-loop.pdf", "object streams whose /Extends chain loops", Fails, pdftest.ExtendsLoopPDF()},
		{"huge-objstm-n.pdf", "an object stream whose /N claims more objects than the file can hold", Fails, pdftest.HugeObjStmNPDF()},
		{"cyclic-kids-broken-xref.pdf", "cyclic-kids.pdf with a broken xref: the cycle is reached through xref repair", Fails, pdftest.CyclicKidsBrokenXrefPDF()},
		{"blank-page.pdf", "a valid two-page PDF whose second page has no /Contents (a blank page), with no form on it", Fails, pdftest.BlankPagePDF()},
		{"bomb.png", "a PNG whose header claims 100000×100000 pixels, with 10 bytes of image data", Fails, bombPNG(100000, 100000)},
		{"truncated.jpg", "a 64×64 JPEG cut off in the middle of its image data", Fails, truncatedJPEG()},
		{"zero-pages.tif", "a TIFF header whose first directory offset is 0: no page", Fails, zeroPageTIFF()},
		{"bomb16.png", "a PNG whose header claims 10000×10000 16-bit RGBA pixels (800 MB decoded), with 10 bytes of image data", Fails, bomb16PNG(10000, 10000)},
		{"nul-byte.txt", "the first fixture form with a NUL byte in its overall goal", Partial, insertAt(first, "项目总目标", "\x00")},
		{"bad-byte.txt", "the first fixture form with a byte 0xFF (never UTF-8) in its overall goal", Partial, insertAt(first, "项目总目标", "\xff")},
	}, nil
}

// insertAt returns text with extra inserted a few bytes after the first
// line holding label (in the cell after it), or at the middle when there
// is none.
func insertAt(text []byte, label, extra string) []byte {
	i := bytes.Index(text, []byte(label))
	if i < 0 {
		i = len(text) / 2
	} else if j := bytes.IndexByte(text[i:], '\n'); j > 0 {
		i += j - 1
		for i > 0 && !utf8.RuneStart(text[i]) {
			i--
		}
	}
	out := append([]byte{}, text[:i]...)
	return append(append(out, extra...), text[i:]...)
}

// noFormText is prose about the forms, with none of their labels in a grid.
const noFormText = "这是一份说明文件，不是申报表。\n" +
	"本文件介绍预算绩效管理的一般要求，没有项目名称，也没有绩效指标。\n" +
	"请将申报材料另行提交。\n"

// noise returns n pseudo-random bytes from a seeded PCG: binary data that
// is neither text nor any known format.
func noise(n int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, seed))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	b[0] = 0 // never a text, PDF or image signature
	return b
}

// firstForm returns the lines of the first form in a text export: from the
// first title line to the line before the next one.
func firstForm(forms []byte) ([]byte, error) {
	const title = "财政项目支出绩效目标申报表"
	start := bytes.Index(forms, []byte(title))
	if start < 0 {
		return nil, errors.New("badinput: no form in the fixture text")
	}
	start = bytes.LastIndexByte(forms[:start], '\n') + 1
	rest := forms[start+len(title):]
	end := bytes.Index(rest, []byte(title))
	if end < 0 {
		return forms[start:], nil
	}
	end = bytes.LastIndexByte(rest[:end], '\n') + 1
	return forms[start : start+len(title)+end], nil
}

// cutGrid keeps a form up to the middle of its indicator grid: the header,
// funds and goals stay whole, the grid loses its second half (and with it
// the satisfaction indicators), and the last kept line is cut mid-cell.
func cutGrid(form []byte) []byte {
	lines := strings.SplitAfter(string(form), "\n")
	grid := 0
	for i, l := range lines {
		if strings.Contains(l, "一级指标") {
			grid = i
			break
		}
	}
	keep := grid + (len(lines)-grid)/2
	out := strings.Join(lines[:keep], "")
	last := []rune(lines[keep])
	return []byte(out + string(last[:len(last)/2]))
}
