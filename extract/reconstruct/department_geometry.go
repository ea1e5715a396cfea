package reconstruct

import (
	"jixiao"
	"jixiao/extract/table"
)

// at returns where a cell of the row being read is, false when the row
// has no page or the cell no box (text exports).
func (b *deptBuilder) at(c table.Cell) (jixiao.Place, bool) {
	if b.page == 0 || c.Box.Empty() {
		return jixiao.Place{}, false
	}
	return jixiao.Place{Page: b.page, Box: c.Box}, true
}

// place records that the field at path was read from cells of the row
// being read, as the target form's builder does: the union of their boxes
// with the field's place on the same page; a place on another page is
// dropped.
func (b *deptBuilder) place(path string, cells ...table.Cell) {
	for _, c := range cells {
		if p, ok := b.at(c); ok {
			b.setPlace(path, p)
		}
	}
}

func (b *deptBuilder) setPlace(path string, p jixiao.Place) { addPlace(&b.f, path, p) }
