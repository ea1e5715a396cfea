// Package pdf reads PDFs with a text layer into table rows: the cells of
// each page with their text and box (in points), a cell merged over several
// rows or columns reported on the first row it covers, whatever row its
// text is printed in. Tables are rebuilt from the page's ruling lines; text
// outside them, and tables drawn without ruling lines, are read by text
// alignment (stream.go). How a page is read is described in docs/pdf.md.
//
// Documents are opened with github.com/ledongthuc/pdf (see Open), behind
// checks that refuse what would make it loop or allocate without bound,
// and read again with a rebuilt cross-reference table when the library
// cannot read the file's; content streams are interpreted by this package.
// A page's content is read up to MaxContentBytes decoded, with caps on
// operands, strings, nesting, saved states, glyphs and path segments
// (lex.go); a page past one fails the document with jixiao.ErrLimitExceeded.
//
// Limitations: Form XObjects, /Rotate and vertical writing are not handled;
// objects stored in object streams are not recovered by the repair; a page
// tree whose pages inherit /Resources from a node of very many kids costs
// time quadratic in their number (the library re-reads the node each time);
// fonts without a ToUnicode map (other than simple fonts with a standard
// encoding) give U+FFFD, which the caller sees through Result.Garbled.
package pdf
