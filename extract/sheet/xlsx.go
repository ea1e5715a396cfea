package sheet

import (
	"archive/zip"
	"bytes"
	"fmt"

	"github.com/xuri/excelize/v2"

	"jixiao/extract/table"
)

// XLSX reads the workbook in data, sheet by sheet in workbook order, and
// calls fn with each non-empty row. It returns fn's first error, an error
// for a workbook that does not open, or ErrTooLarge (wrapped).
func XLSX(data []byte, fn func(table.Row) error) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	var total uint64
	for _, f := range zr.File {
		if f.UncompressedSize64 > MaxEntryBytes {
			return fmt.Errorf("xlsx: %s is %d bytes uncompressed, more than %d: %w", f.Name, f.UncompressedSize64, MaxEntryBytes, ErrTooLarge)
		}
		total += f.UncompressedSize64
	}
	if total > MaxArchiveBytes {
		return fmt.Errorf("xlsx: %d bytes uncompressed, more than %d: %w", total, MaxArchiveBytes, ErrTooLarge)
	}
	// Every part is kept in memory (never in temporary files), at most
	// MaxEntryBytes each; declared sizes are enforced by archive/zip.
	wb, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    MaxArchiveBytes,
		UnzipXMLSizeLimit: MaxEntryBytes,
	})
	if err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	defer wb.Close()
	var (
		cells  counter
		offset int // rows of the sheets before
	)
	for _, name := range wb.GetSheetList() {
		last, err := xlsxSheet(wb, name, offset, &cells, fn)
		if err != nil {
			return err
		}
		offset += last
	}
	return nil
}

// mergeRange is a merged range, 0-based, inclusive.
type mergeRange struct{ r0, c0, r1, c1 int }

// xlsxSheet reads one sheet and returns its last row number.
func xlsxSheet(wb *excelize.File, name string, offset int, cells *counter, fn func(table.Row) error) (int, error) {
	merges, err := wb.GetMergeCells(name)
	if err != nil {
		return 0, fmt.Errorf("xlsx sheet %s: %w", name, err)
	}
	if len(merges) > MaxMerges {
		return 0, fmt.Errorf("xlsx sheet %s: more than %d merged ranges: %w", name, MaxMerges, ErrTooLarge)
	}
	ranges := make([]mergeRange, 0, len(merges))
	for _, m := range merges {
		c0, r0, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c1, r1, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil {
			continue
		}
		ranges = append(ranges, mergeRange{r0 - 1, c0 - 1, r1 - 1, c1 - 1})
	}
	covered := func(r, c int) bool {
		for _, m := range ranges {
			if r >= m.r0 && r <= m.r1 && c >= m.c0 && c <= m.c1 && (r != m.r0 || c != m.c0) {
				return true
			}
		}
		return false
	}
	rows, err := wb.Rows(name)
	if err != nil {
		return 0, fmt.Errorf("xlsx sheet %s: %w", name, err)
	}
	defer rows.Close()
	r := 0
	for ; rows.Next(); r++ {
		cols, err := rows.Columns()
		if err != nil {
			return 0, fmt.Errorf("xlsx sheet %s row %d: %w", name, r+1, err)
		}
		if len(cols) > MaxColumns {
			return 0, fmt.Errorf("xlsx sheet %s row %d: more than %d columns: %w", name, r+1, MaxColumns, ErrTooLarge)
		}
		row := table.Row{Line: offset + r + 1}
		for c, v := range cols {
			if t := clean(v); t != "" && !covered(r, c) {
				row.Cells = append(row.Cells, table.Cell{Text: t, Col: c})
			}
		}
		if len(row.Cells) == 0 {
			continue
		}
		if err := cells.add(len(row.Cells)); err != nil {
			return 0, fmt.Errorf("xlsx: %w", err)
		}
		if err := fn(row); err != nil {
			return 0, err
		}
	}
	if err := rows.Error(); err != nil {
		return 0, fmt.Errorf("xlsx sheet %s: %w", name, err)
	}
	return r, nil
}
