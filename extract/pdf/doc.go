// Package pdf reads PDFs with a text layer into tables: the glyphs of each
// page with their positions, the ruling lines of the page, and from both the
// grid of cells, including cells merged over several rows or columns.
//
// Text is read with github.com/ledongthuc/pdf's content-stream interpreter,
// but positions, widths and Unicode are computed here: the library gives CJK
// glyphs of one show-text operator a shared position, reads only "re"
// rectangles without the transformation matrix, and decodes ToUnicode maps
// slowly. This package tracks the graphics state itself (cm, q/Q, Tm, Td,
// TJ, …), reads CID widths (/W, /DW) and ToUnicode maps, and collects stroked
// lines and thin filled rectangles as ruling lines.
//
// Tables are rebuilt by lattice: ruling lines cut the page into grid cells,
// grid cells not separated by a line are merged, and each merged cell's text
// is its glyphs in reading order. A merged cell is reported on the first row
// it covers, whatever row its text is printed in. Text outside any ruled
// region (titles, notes, and whole tables drawn without ruling lines) is
// read by text alignment (stream, stream.go): lines cut into cells at gaps,
// the lines of a multi-line cell joined, rows from vertical overlap, and
// each level label put on the first row it covers by where it is centred.
//
// Limitations: Form XObjects, /Rotate and vertical writing are not handled;
// fonts without a ToUnicode map (other than simple fonts with a standard
// encoding) give U+FFFD, which the caller sees through Page.Garbled.
package pdf
