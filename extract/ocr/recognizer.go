package ocr

import (
	"context"
	"image"
)

// Line is one line of text cut from a page for a Recognizer: its pixels
// (dark ink on white, ruling lines blanked, a white border around the ink)
// and what a recogniser may need to know of the page it was cut from.
type Line struct {
	Img    *image.Gray
	Box    image.Rectangle // the line's ink on the deskewed page, in pixels
	Ink    uint8           // the page's ink threshold: darker pixels are ink
	DPI    float64         // the page's resolution
	Border int             // width of the white border around the ink in Img
}

// Reading is what a Recognizer read in a Line.
type Reading struct {
	Text string
	// Confidence is the recogniser's certainty, from 0 to 1: below
	// LowConfidence the reading should be reviewed.
	Confidence float64
}

// A Recognizer reads lines of text. Read returns one Reading per Line, in
// order (an empty Text for a line it cannot read), ctx's error when
// cancelled, and an error when the engine fails. Implementations are not
// safe for concurrent use: each worker has its own.
type Recognizer interface {
	Read(ctx context.Context, lines []Line) ([]Reading, error)
	Close() error
}
