package pdf

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// textOf returns the text of every row Rows reads, one row a line.
func textOf(t *testing.T, data []byte) string {
	t.Helper()
	res, err := Rows(data)
	if err != nil {
		t.Fatalf("Rows: %v", err)
	}
	var lines []string
	for _, r := range res.Rows {
		for _, c := range r.Cells {
			lines = append(lines, c.Text)
		}
	}
	return strings.Join(lines, "\n")
}

// libraryRefuses reports whether the document fails without repair: an
// error or a panic on opening it.
func libraryRefuses(data []byte) (refused bool) {
	defer func() {
		if recover() != nil {
			refused = true
		}
	}()
	_, _, err := open(data)
	return err != nil
}

func page(text string) []byte {
	return minimalPDF("BT /F1 10 Tf 60 675 Td (" + text + ") Tj ET")
}

func TestRepairXref(t *testing.T) {
	good := page("Hello")
	shifted := bytes.Replace(good, []byte("%PDF-1.4\n"), []byte("%PDF-1.4\n% sixteen bytes...\n"), 1)
	xrefAt := bytes.Index(good, []byte("xref\n"))
	truncated := append(append([]byte{}, good[:xrefAt]...), "xref\n0 6\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n"...)
	truncated = append(truncated, []byte(strings.TrimSpace(string(good[bytes.LastIndex(good, []byte("startxref\n"))+10:])))...)
	noTable := regexp.MustCompile(`(?s)xref\n.*trailer`).ReplaceAll(good, []byte("trailer"))
	tests := []struct {
		name string
		data []byte
	}{
		{"offsets shifted by inserted bytes", shifted},
		{"table cut short", truncated},
		{"no table", noTable},
		{"no table, an object header inside stream data", bytes.Replace(noTable, []byte("(Hello) Tj ET"), []byte("(Hello) Tj ET %\n9 0 obj"), 1)},
		{"junk before the header", append([]byte("garbage\n"), good...)},
		{"PDF 2.0 header and shifted offsets", bytes.Replace(shifted, []byte("%PDF-1.4"), []byte("%PDF-2.0"), 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !libraryRefuses(tt.data) {
				t.Fatal("the library reads it without repair: not a test of the repair")
			}
			if got := textOf(t, tt.data); got != "Hello" {
				t.Errorf("text %q, want Hello", got)
			}
		})
	}
}

// The rebuilt table lists every object at its header, also after an
// object missing its endobj, and no object for a header inside stream data.
func TestRepairTable(t *testing.T) {
	good := page("Hello")
	data := bytes.Replace(good, []byte(">>\nendobj\n5 0 obj"), []byte(">>\n5 0 obj"), 1)
	data = bytes.Replace(data, []byte("(Hello) Tj ET"), []byte("(Hello) Tj ET %\n9 0 obj"), 1)
	out, ok := repairXref(data)
	if !ok {
		t.Fatal("not repaired")
	}
	table := out[len(data):]
	if !bytes.Contains(table, []byte("xref\n0 6\n")) || !bytes.Contains(table, []byte("/Size 6 /Root 1 0 R")) {
		t.Errorf("table and trailer:\n%s", table)
	}
	entry := regexp.MustCompile(`(?m)^(\d{10}) 00000 n\r$`).FindAllSubmatch(table, -1)
	if len(entry) != 5 {
		t.Fatalf("%d objects in the table, want 5:\n%s", len(entry), table)
	}
	for n := 1; n <= 5; n++ {
		off, _ := strconv.Atoi(string(entry[n-1][1]))
		if want := fmt.Sprintf("%d 0 obj", n); !bytes.HasPrefix(data[off:], []byte(want)) {
			t.Errorf("object %d at %d: %q", n, off, data[off:min(len(data), off+10)])
		}
	}
}

// pdfunite writes a trailer /Size smaller than the objects it uses; the
// library then finds no page. The repaired copy has both pages.
func TestRepairPdfunite(t *testing.T) {
	if _, err := exec.LookPath("pdfunite"); err != nil {
		t.Skip("pdfunite missing (apt poppler-utils)")
	}
	dir := t.TempDir()
	var args []string
	for i, text := range []string{"First", "Second"} {
		p := filepath.Join(dir, string(rune('a'+i))+".pdf")
		if err := os.WriteFile(p, page(text), 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, p)
	}
	out := filepath.Join(dir, "united.pdf")
	if b, err := exec.Command("pdfunite", append(args, out)...).CombinedOutput(); err != nil {
		t.Fatalf("pdfunite: %v: %s", err, b)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !libraryRefuses(data) {
		t.Log("this pdfunite writes a table the library reads")
	}
	if got := textOf(t, data); got != "First\nSecond" {
		t.Errorf("text %q, want First, Second", got)
	}
}

// testdata/pdfunite.pdf was written by pdfunite (poppler 22.12) from two
// pages of pdftest: its trailer says /Size 8 for 18 objects, and its /ID
// strings hold a "]" and unbalanced parentheses' bytes.
func TestRepairPdfuniteFixture(t *testing.T) {
	data, err := os.ReadFile("testdata/pdfunite.pdf")
	if err != nil {
		t.Fatal(err)
	}
	if !libraryRefuses(data) {
		t.Fatal("the library reads it without repair")
	}
	if got := textOf(t, data); got != "First\nSecond" {
		t.Errorf("text %q, want First, Second", got)
	}
}

// A file without objects or without a catalog cannot be repaired: the
// error is the library's.
func TestRepairGivesUp(t *testing.T) {
	for name, data := range map[string][]byte{
		"no object":  []byte("%PDF-1.4\nhello\n%%EOF\n"),
		"no catalog": bytes.ReplaceAll(bytes.ReplaceAll(page("x"), []byte("/Root"), []byte("/Rooo")), []byte("/Catalog"), []byte("/Catalogue")),
		"no header":  []byte("1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"),
	} {
		if _, ok := repairXref(data); ok {
			t.Errorf("%s: repaired", name)
		}
		if _, err := Rows(data); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// FuzzRepairXref: the repair never panics, and what it writes starts with
// a PDF header and ends with a table and %%EOF.
func FuzzRepairXref(f *testing.F) {
	f.Add(page("Hello"))
	seeds, _ := filepath.Glob("testdata/*.pdf")
	for _, p := range seeds {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Length 5 >>\nstream\n1 0 obj\nendstream\nendobj\ntrailer << /Root 1 0 R /ID [<00> <01>] >>\n%%EOF"))
	f.Fuzz(func(t *testing.T, data []byte) {
		out, ok := repairXref(data)
		if !ok {
			return
		}
		if !bytes.HasPrefix(out, []byte("%PDF-")) || !bytes.HasSuffix(out, []byte("%%EOF\n")) || !regexp.MustCompile(`[\r\n]xref\n0 \d+\n`).Match(out) {
			t.Fatalf("repaired copy malformed: %q", out[max(0, len(out)-200):])
		}
	})
}

func TestStringArray(t *testing.T) {
	tests := map[string]string{
		"[<00ff> <0102>] >>":     "[<00ff> <0102>]",
		"[(a]b) (c\\)d(e)f)] >>": "[(a]b) (c\\)d(e)f)]",
		"[(unclosed ] >>":        "",
		"[/Name] >>":             "",
		"(no array)":             "",
		"[<00> <01>":             "",
	}
	for in, want := range tests {
		if got := string(stringArray([]byte(in))); got != want {
			t.Errorf("stringArray(%q) = %q, want %q", in, got, want)
		}
	}
}
