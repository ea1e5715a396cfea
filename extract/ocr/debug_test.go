package ocr

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestDebugPage prints the rows of one page: an image file
// (JIXIAO_OCR_FILE=path), or page n of genpdf-a.pdf rendered
// (JIXIAO_OCR_PAGE=n). JIXIAO_OCR_ENGINE chooses the engine,
// JIXIAO_OCR_DPI the resolution (default 200).
func TestDebugPage(t *testing.T) {
	file := os.Getenv("JIXIAO_OCR_FILE")
	if n, _ := strconv.Atoi(os.Getenv("JIXIAO_OCR_PAGE")); file == "" && n > 0 {
		file = render(t, "../../fixtures/pdf/genpdf-a.pdf", n, n)[0]
	}
	if file == "" {
		t.Skip("set JIXIAO_OCR_FILE or JIXIAO_OCR_PAGE")
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	dpi := 200.0
	if v, err := strconv.ParseFloat(os.Getenv("JIXIAO_OCR_DPI"), 64); err == nil {
		dpi = v
	}
	r, err := NewReader(Options{DPI: dpi, Engine: Engine(os.Getenv("JIXIAO_OCR_ENGINE"))})
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
