package ocr

import (
	"image"
	"testing"

	"jixiao/extract/grid"
)

// TestLooseBesideTable: text outside a table but beside one of its rows
// (a column whose rules were lost) joins that row; text above or below
// the table is a row of its own.
func TestLooseBesideTable(t *testing.T) {
	const w, h = 600, 400
	p := &pageImg{w: w, h: h, dpi: 200, bin: make([]uint8, w*h), mask: make([]uint8, w*h), g: image.NewGray(image.Rect(0, 0, w, h))}
	inkAt := func(r image.Rectangle) {
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				p.bin[y*w+x] = 1
			}
		}
	}
	p.lats = []*grid.Lattice{{Xs: []float64{200, 580}, Ys: []float64{50, 120, 190}}}
	inkAt(image.Rect(40, 140, 160, 165)) // beside the table's second row
	inkAt(image.Rect(40, 300, 160, 325)) // below the table
	rows := []pageRow{{top: 50}, {top: 120}}
	rows, cells := p.looseLines(rows, nil, []int{0})
	if len(cells) != 2 {
		t.Fatalf("%d cells, want 2: %+v", len(cells), cells)
	}
	if cells[0].row != 1 {
		t.Errorf("the text beside the second row is in row %d, want 1", cells[0].row)
	}
	if len(rows) != 3 || cells[1].row != 2 || !rows[2].loose {
		t.Errorf("the text below the table: rows %+v, its row %d; want a third, loose row", rows, cells[1].row)
	}
}
