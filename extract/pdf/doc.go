// Package pdf reads PDFs with a text layer into tables: the glyphs of each
// page with their positions, the ruling lines of the page, and from both the
// grid of cells, including cells merged over several rows or columns.
//
// Documents are opened with github.com/ledongthuc/pdf (see Open), behind
// checks of the raw bytes and of the page tree that refuse what would make
// it loop or allocate without bound, and with a cross-reference table
// rebuilt when the library cannot read the file's. Content streams are
// interpreted here, not by the library (which gives CJK glyphs of one
// show-text operator a shared position, reads only "re" rectangles without
// the transformation matrix, decodes ToUnicode maps slowly and bounds
// nothing): this package tracks the graphics state itself (cm, q/Q, Tm, Td,
// TJ, …), reads CID widths (/W, /DW) and ToUnicode maps, and collects
// stroked lines and thin filled rectangles as ruling lines. A page's
// content is read up to MaxContentBytes decoded, with caps on operands,
// strings, nesting, saved states, glyphs and path segments (lex.go); a
// page past one fails the document with form.ErrLimitExceeded.
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
// objects stored in object streams are not recovered by the repair; a page
// tree whose pages inherit /Resources from a node of very many kids costs
// time quadratic in their number (the library re-reads the node each time);
// fonts without a ToUnicode map (other than simple fonts with a standard
// encoding) give U+FFFD, which the caller sees through Page.Garbled.
package pdf
