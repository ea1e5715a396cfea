package jixiao

// Where a value was read on a paged source (a scan or a PDF). Text exports
// have no geometry: their rows keep their lines (Source.LineFrom, Indicator.Line).

// PageUnit is the unit of a page's size and of the boxes on it. The list
// only grows.
type PageUnit string

// The page units.
const (
	// UnitPixel: pixels of the page image as decoded from the file (a scan,
	// or the image of a page of an image-only PDF) and turned upright (a
	// page stored turned by 90°, 180° or 270° in its pixels is turned back
	// exactly, ocr.Reader.Upright; the page's width and height are the
	// upright image's), origin at the top left corner, y down. OCR reads a
	// deskewed copy of the upright image; its boxes are mapped back onto
	// the upright image (the box of the deskewed cell's corners).
	UnitPixel PageUnit = "px"
	// UnitPoint: PDF points (1/72 inch) of a page with a text layer,
	// origin at the top left corner of its media box, y down.
	UnitPoint PageUnit = "pt"
)

// Box is a rectangle on a page: [x0, y0, x1, y1], the top left and bottom
// right corners, in the unit of its page, with x0 <= x1 and y0 <= y1. The
// zero Box means "not known".
type Box [4]float64

// Empty reports whether b has no area (the zero Box among others).
func (b Box) Empty() bool { return b[2] <= b[0] || b[3] <= b[1] }

// Union returns the smallest box holding b and o; an empty box adds nothing.
func (b Box) Union(o Box) Box {
	switch {
	case o.Empty():
		return b
	case b.Empty():
		return o
	}
	return Box{min(b[0], o[0]), min(b[1], o[1]), max(b[2], o[2]), max(b[3], o[3])}
}

// Place is where a field was read: its page (1-based, of the document) and
// the box of the cell (or text) it was read from.
type Place struct {
	Page int `json:"page"`
	Box  Box `json:"box"`
}

// Page is the size of one page of a paged source, in the unit its boxes
// are given in.
type Page struct {
	Page   int      `json:"page"` // 1-based
	Width  float64  `json:"width"`
	Height float64  `json:"height"`
	Unit   PageUnit `json:"unit"`
	// File and FilePage say which file the page is in, and where in it,
	// when the document is a page stream (image files read as the pages
	// of one document): the file as named on ingest and its 1-based page
	// in that file. "" and 0 for a document of one file, whose pages are
	// the file's.
	File     string `json:"file,omitempty"`
	FilePage int    `json:"file_page,omitempty"`
	// Turn is the clockwise quarter turn (0, 90, 180 or 270 degrees) that
	// made a scanned page upright before it was read: its width, height
	// and boxes are those of the turned image.
	Turn int `json:"turn,omitempty"`
}
