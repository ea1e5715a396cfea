// Package sheet reads spreadsheets — Office Open XML workbooks (XLSX) and
// OpenDocument spreadsheets, zipped (ODS) or flat XML (FODS) — as the rows a
// text export would give: each sheet row one row (Line is its 1-based row
// number, the rows of later sheets numbered on after those of earlier
// ones), each non-empty cell on its 0-based column. A merged cell's text
// is on its first row and column, as a text export prints it; text that a
// file keeps in the cells a merge covers is not read. Cell text is the
// value as displayed (numbers in their number format), white space
// collapsed.
//
// Limits: no zip entry is read beyond MaxEntryBytes (nor an XLSX beyond
// MaxArchiveBytes in all), no sheet beyond
// MaxColumns columns, no file beyond MaxCells non-empty cells (repeated
// cells counted as often as they repeat); beyond them the readers fail
// with ErrTooLarge. Formulas are read as their cached values; comments,
// hidden sheets' hiding and styles are ignored. The readers are safe for
// concurrent use.
package sheet

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"

	"jixiao/extract/html"
)

// Limits of one file.
const (
	MaxEntryBytes   = 64 << 20  // uncompressed bytes of one zip entry
	MaxArchiveBytes = 256 << 20 // uncompressed bytes of all entries of an XLSX
	MaxCells        = 1 << 20   // non-empty cells
	MaxColumns      = 16384     // columns of a sheet (Excel's limit)
	MaxMerges       = 1 << 16   // merged ranges of one XLSX sheet
)

// ErrTooLarge is returned (wrapped) when a file exceeds a limit.
var ErrTooLarge = errors.New("spreadsheet too large")

// clean is the cell text as a text export prints it.
func clean(s string) string { return html.Clean(s) }

// openEntry opens the named entry of zr, reading at most MaxEntryBytes
// (archive/zip fails an entry longer than its declared size).
func openEntry(zr *zip.Reader, name string) (io.ReadCloser, error) {
	for _, f := range zr.File {
		if f.Name != name {
			continue
		}
		if f.UncompressedSize64 > MaxEntryBytes {
			return nil, fmt.Errorf("%s is %d bytes uncompressed, more than %d: %w", name, f.UncompressedSize64, MaxEntryBytes, ErrTooLarge)
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		return struct {
			io.Reader
			io.Closer
		}{io.LimitReader(rc, MaxEntryBytes), rc}, nil
	}
	return nil, fmt.Errorf("no %s in the archive", name)
}

// counter counts non-empty cells against MaxCells.
type counter struct{ n int }

func (c *counter) add(k int) error {
	c.n += k
	if c.n > MaxCells {
		return fmt.Errorf("more than %d cells: %w", MaxCells, ErrTooLarge)
	}
	return nil
}
