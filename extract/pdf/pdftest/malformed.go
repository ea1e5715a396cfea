package pdftest

import (
	"bytes"
	"fmt"
	"strings"
)

// pdfDoc assembles a PDF from numbered object bodies (object i+1 is
// objs[i]) with a correct cross-reference table, unless a malformation is
// asked for by the caller afterwards.
type pdfDoc struct {
	objs    []string
	trailer string // extra trailer entries, e.g. "/Encrypt 9 0 R"
}

// add appends an object body and returns its number.
func (d *pdfDoc) add(body string) int {
	d.objs = append(d.objs, body)
	return len(d.objs)
}

// set replaces the body of object n (1-based).
func (d *pdfDoc) set(n int, body string) { d.objs[n-1] = body }

// bytes writes the file: header, objects, xref table, trailer with /Root 1 0 R.
func (d *pdfDoc) bytes() []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(d.objs))
	for i, body := range d.objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, body)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(d.objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n", len(d.objs)+1, d.trailer, xref)
	return b.Bytes()
}

// stream returns the body of a stream object holding data.
func stream(dict, data string) string {
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
}

// pageContent is a content stream printing one line of Latin text: a text
// layer without any form in it.
const pageContent = "BT /F1 12 Tf 72 720 Td (not a declaration form) Tj ET"

// onePage returns a valid one-page PDF with a text layer and no form.
// Objects: 1 catalog, 2 pages, 3 page, 4 content, 5 font.
func onePage() *pdfDoc {
	d := &pdfDoc{}
	d.add("<< /Type /Catalog /Pages 2 0 R >>")
	d.add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	d.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>")
	d.add(stream("", pageContent))
	d.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	return d
}

// TruncatedPDF is a valid PDF cut off before its cross-reference table.
func TruncatedPDF() []byte {
	b := onePage().bytes()
	return b[:bytes.Index(b, []byte("4 0 obj"))+20]
}

// EncryptedPDF carries a standard security handler (RC4, 128 bits) whose
// user password is not empty: the /U entry matches no password a reader can
// try, so it cannot be opened without one.
func EncryptedPDF() []byte {
	d := onePage()
	n := d.add("<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 " +
		"/O <" + strings.Repeat("5a", 32) + "> /U <" + strings.Repeat("c3", 32) + "> >>")
	d.trailer = fmt.Sprintf("/Encrypt %d 0 R /ID [<%s> <%s>] ", n, strings.Repeat("01", 16), strings.Repeat("01", 16))
	return d.bytes()
}

// BrokenXrefPDF has a cross-reference table whose offsets point into the
// middle of other objects, and a startxref that points past the table.
func BrokenXrefPDF() []byte {
	b := onePage().bytes()
	x := bytes.LastIndex(b, []byte("xref\n0 "))
	lines := strings.Split(string(b[x:]), "\n")
	for i, l := range lines {
		if strings.HasSuffix(l, " 00000 n ") {
			lines[i] = fmt.Sprintf("%010d 00000 n ", 7+13*i)
		}
	}
	out := append(b[:x:x], strings.Join(lines, "\n")...)
	return bytes.Replace(out, []byte(fmt.Sprintf("startxref\n%d", x)), []byte(fmt.Sprintf("startxref\n%d", x+3)), 1)
}

// CyclicKidsPDF has a page tree whose intermediate node lists the root as
// its kid: 2 → 6 → 2 → … with counts that keep a naive walk going down.
func CyclicKidsPDF() []byte {
	d := onePage()
	n := d.add("<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 2 >>")
	d.set(2, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 2 >>", n))
	d.set(3, fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>", n))
	return d.bytes()
}

// CyclicParentPDF has a page that inherits its resources (it has none of its
// own) through a /Parent chain that loops: page 3 → node 6 → node 7 → 6.
func CyclicParentPDF() []byte {
	d := onePage()
	a := d.add("") // 6
	b := d.add("") // 7
	d.set(a, fmt.Sprintf("<< /Type /Pages /Parent %d 0 R /Kids [3 0 R] /Count 1 >>", b))
	d.set(b, fmt.Sprintf("<< /Type /Pages /Parent %d 0 R /Kids [%d 0 R] /Count 1 >>", a, a))
	d.set(2, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", b))
	d.set(3, fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>", a))
	return d.bytes()
}

// SelfLengthPDF has a content stream whose /Length is an indirect reference
// to the stream object itself.
func SelfLengthPDF() []byte {
	d := onePage()
	d.set(4, "<< /Length 4 0 R >>\nstream\n"+pageContent+"\nendstream")
	return d.bytes()
}

// DeepTreePDF returns a PDF whose single page sits under depth nested
// /Pages nodes, each with /Count 1 and a /Parent link.
func DeepTreePDF(depth int) []byte {
	d := onePage()
	// Objects 1-5 as onePage; nodes 6 … 6+depth-1 are the chain below the
	// root (2); the page (3) hangs under the last one.
	first := len(d.objs) + 1
	for i := range depth {
		parent := 2
		if i > 0 {
			parent = first + i - 1
		}
		kid := first + i + 1
		if i == depth-1 {
			kid = 3
		}
		d.add(fmt.Sprintf("<< /Type /Pages /Parent %d 0 R /Kids [%d 0 R] /Count 1 >>", parent, kid))
	}
	d.set(2, fmt.Sprintf("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", first))
	d.set(3, fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>", first+depth-1))
	return d.bytes()
}

// DeepArrayPDF returns a PDF whose page's /MediaBox is an array nested
// depth levels deep: a parser that recurses per level needs a stack
// proportional to depth.
func DeepArrayPDF(depth int) []byte {
	d := onePage()
	box := strings.Repeat("[", depth) + strings.Repeat("]", depth)
	d.set(3, "<< /Type /Page /Parent 2 0 R /MediaBox "+box+" /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>")
	return d.bytes()
}
