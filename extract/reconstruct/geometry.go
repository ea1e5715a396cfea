package reconstruct

import "jixiao"

// placeOf returns where a cell was read, and false when the source gives
// no box (text exports).
func placeOf(c cell) (jixiao.Place, bool) {
	if c.page == 0 || c.Box.Empty() {
		return jixiao.Place{}, false
	}
	return jixiao.Place{Page: c.page, Box: c.Box}, true
}

// place records that the field at path was read from cells: the union of
// their boxes on the first page among them that has one, and of the boxes
// the field already has there (a goal wrapped over several rows). A field
// whose cells have no box gets no place.
func (b *builder) place(path string, cells ...cell) {
	for _, c := range cells {
		p, ok := placeOf(c)
		if !ok {
			continue
		}
		b.setPlace(path, p)
	}
}

// setPlace records p for the field at path, joining it with the place the
// field has on the same page; a place on another page is dropped.
func (b *builder) setPlace(path string, p jixiao.Place) { addPlace(&b.f, path, p) }

// addPlace records p in f's geometry for the field at path, joining it
// with the place the field has on the same page; a place on another page,
// or without a page or box, is dropped.
func addPlace(f *jixiao.Form, path string, p jixiao.Place) {
	if p.Page == 0 || p.Box.Empty() {
		return
	}
	if f.Geometry == nil {
		f.Geometry = map[string]jixiao.Place{}
	}
	old, ok := f.Geometry[path]
	switch {
	case !ok:
		f.Geometry[path] = p
	case old.Page == p.Page:
		f.Geometry[path] = jixiao.Place{Page: p.Page, Box: old.Box.Union(p.Box)}
	}
}
