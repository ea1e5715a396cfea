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
func BrokenXrefPDF() []byte { return breakXref(onePage().bytes()) }

// breakXref makes the offsets of b's table point into the middle of
// objects, and its startxref past the table.
func breakXref(b []byte) []byte {
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

// CyclicKidsBrokenXrefPDF is CyclicKidsPDF with a broken cross-reference
// table: the cycle is reached only through the table's repair.
func CyclicKidsBrokenXrefPDF() []byte { return breakXref(CyclicKidsPDF()) }

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

// xrefStreamBytes writes d with a cross-reference stream (uncompressed,
// /W [1 4 2]) instead of a table. dict gets the stream's default
// dictionary entries and returns those written; entries lists extra
// entries (type 2: in an object stream) by object number.
func (d *pdfDoc) xrefStreamBytes(dict func(string) string, entries map[int][3]int) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(d.objs))
	for i, body := range d.objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, body)
	}
	self := len(d.objs) + 1
	size := self + 1
	for n := range entries {
		size = max(size, n+1)
	}
	xref := b.Len()
	var data []byte
	entry := func(typ, f2, f3 int) {
		data = append(data, byte(typ), byte(f2>>24), byte(f2>>16), byte(f2>>8), byte(f2), byte(f3>>8), byte(f3))
	}
	for n := range size {
		switch e, ok := entries[n]; {
		case ok:
			entry(e[0], e[1], e[2])
		case n == 0:
			entry(0, 0, 65535)
		case n <= len(offsets):
			entry(1, offsets[n-1], 0)
		case n == self:
			entry(1, xref, 0)
		default:
			entry(0, 0, 0)
		}
	}
	def := fmt.Sprintf("/Type /XRef /Size %d /W [1 4 2] /Root 1 0 R", size)
	fmt.Fprintf(&b, "%d 0 obj\n<< %s /Length %d >>\nstream\n%s\nendstream\nendobj\n", self, dict(def), len(data), data)
	fmt.Fprintf(&b, "startxref\n%d\n%%%%EOF\n", xref)
	return b.Bytes()
}

// HugeXrefSizePDF is a one-page PDF of about 760 bytes whose
// cross-reference stream claims /Size 10^10: a reader that allocates its
// table from /Size needs hundreds of gigabytes.
func HugeXrefSizePDF() []byte {
	return onePage().xrefStreamBytes(func(def string) string {
		return def[:strings.Index(def, "/Size")] + "/Size 10000000000 /W [1 4 2] /Root 1 0 R"
	}, nil)
}

// HugeXrefIndexPDF is a one-page PDF whose cross-reference stream's /Index
// claims a subsection of 10^10 entries.
func HugeXrefIndexPDF() []byte {
	return onePage().xrefStreamBytes(func(def string) string { return def + " /Index [0 10000000000]" }, nil)
}

// HugeXrefSubsectionPDF is a one-page PDF whose classic cross-reference
// table has a subsection header claiming 10^10 entries.
func HugeXrefSubsectionPDF() []byte {
	// The table comes after the objects: startxref still points at it.
	return bytes.Replace(onePage().bytes(), []byte("xref\n0 6\n"), []byte("xref\n0 10000000000\n"), 1)
}

// PrevLoopPDF is a one-page PDF whose cross-reference table's trailer has
// a /Prev pointing back at the table itself.
func PrevLoopPDF() []byte {
	b := onePage().bytes()
	x := bytes.LastIndex(b, []byte("xref\n0 "))
	return bytes.Replace(b, []byte("/Root 1 0 R"), []byte(fmt.Sprintf("/Root 1 0 R /Prev %d", x)), 1)
}

// ExtendsLoopPDF is a PDF whose catalog is listed as stored in object
// stream 6, which does not hold it, and whose /Extends chain loops:
// 6 → 7 → 6. A reader that follows /Extends looking for the object never
// stops.
func ExtendsLoopPDF() []byte {
	d := onePage()
	d.set(1, "null")                                                        // the catalog is "in" object stream 6
	d.add(stream("/Type /ObjStm /N 1 /First 4 /Extends 7 0 R", "8 0 null")) // 6
	d.add(stream("/Type /ObjStm /N 1 /First 4 /Extends 6 0 R", "9 0 null")) // 7
	return d.xrefStreamBytes(func(def string) string { return def }, map[int][3]int{1: {2, 6, 0}})
}

// HugeObjStmNPDF is a PDF whose catalog is in an object stream claiming
// /N 10^10 objects.
func HugeObjStmNPDF() []byte {
	d := onePage()
	body := d.objs[0]
	d.set(1, "null")
	d.add(stream("/Type /ObjStm /N 10000000000 /First 4", "1 0 "+body)) // 6
	return d.xrefStreamBytes(func(def string) string { return def }, map[int][3]int{1: {2, 6, 0}})
}

// bombPDF is a one-page PDF whose content stream inflates to prefix and
// then period repeated, n bytes in all.
func bombPDF(prefix, period string, n int64) []byte {
	d := onePage()
	data := bombStream(prefix, period, n)
	d.set(4, fmt.Sprintf("<< /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream", len(data), data))
	return d.bytes()
}

// The content-stream bombs: a file of about a megabyte whose one page's
// content inflates to a gigabyte (2 GiB for the save-state one) of one
// operator or operand repeated.

// RectBombPDF repeats "0 0 1 1 re": rectangles of the current path.
func RectBombPDF() []byte { return bombPDF("", "0 0 1 1 re\n", 1<<30) }

// SaveBombPDF repeats "q": graphics states saved and never restored.
func SaveBombPDF() []byte { return bombPDF("", "q ", 2<<30) }

// OperandBombPDF repeats "1": operands never consumed by an operator.
func OperandBombPDF() []byte { return bombPDF("", "1 ", 1<<30) }

// StringBombPDF is one literal string of a gigabyte, never closed.
func StringBombPDF() []byte { return bombPDF("BT /F1 12 Tf 72 720 Td (", "a", 1<<30) }

// GlyphBombPDF shows "ab" over and over.
func GlyphBombPDF() []byte { return bombPDF("BT /F1 12 Tf 72 720 Td ", "(ab) Tj\n", 1<<30) }

// BlankPagePDF is a valid two-page PDF whose second page has no
// /Contents: a blank page.
func BlankPagePDF() []byte {
	d := onePage()
	n := d.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>")
	d.set(2, fmt.Sprintf("<< /Type /Pages /Kids [3 0 R %d 0 R] /Count 2 >>", n))
	return d.bytes()
}

// FlatPagesPDF is a valid PDF of n pages, all kids of the root of the
// page tree, each showing one line of text from one shared content stream.
func FlatPagesPDF(n int) []byte {
	d := onePage()
	kids := make([]string, n)
	for i := range n {
		p := 3
		if i > 0 {
			p = d.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>")
		}
		kids[i] = fmt.Sprintf("%d 0 R", p)
	}
	d.set(2, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), n))
	return d.bytes()
}

// SpaceBombPDF's page content is a gigabyte of white space.
func SpaceBombPDF() []byte { return bombPDF("", " ", 1<<30) }

// ToUnicodeBombPDF is a one-page PDF whose font (a simple font without
// /Encoding) has a ToUnicode stream that inflates to a gigabyte of "1 ":
// operands the library's CMap interpreter pushes without bound.
func ToUnicodeBombPDF() []byte {
	d := onePage()
	data := bombStream("", "1 ", 1<<30)
	n := d.add(fmt.Sprintf("<< /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream", len(data), data))
	d.set(5, fmt.Sprintf("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode %d 0 R >>", n))
	return d.bytes()
}
