package ocr

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestDebugPage prints the rows of one page of genpdf-a.pdf
// (JIXIAO_OCR_PAGE=n).
func TestDebugPage(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("JIXIAO_OCR_PAGE"))
	if n == 0 {
		t.Skip("set JIXIAO_OCR_PAGE")
	}
	files := render(t, "../../fixtures/pdf/genpdf-a.pdf", n, n)
	data, _ := os.ReadFile(files[0])
	r, err := NewReader(Options{DPI: 200})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	rows, err := r.ReadImage(context.Background(), data, n)
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
}
