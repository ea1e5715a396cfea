package scan

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	_ "image/jpeg" // decoders for image.Decode
	_ "image/png"
)

// MaxPixels is the largest page image decoded (width × height, 100
// megapixels: A0 at 300 dpi). Anything larger is refused with ErrTooLarge
// before it is decoded.
const MaxPixels = 100_000_000

// MaxImageBytes bounds the memory a decoded page image may take (its
// pixels times the bytes of its colour model: 8 for 16-bit RGBA, 1 for
// 8-bit grey). A larger image is refused with ErrTooLarge before it is
// decoded: a 10000×10000 16-bit PNG would take 800 MB.
const MaxImageBytes = 512 << 20

// MaxPages is the most pages a document may have.
const MaxPages = 10_000

// Errors wrapped by Open and Page; anything else is malformed data.
var (
	// ErrTooLarge is an image of more than MaxPixels, or a document of
	// more than MaxPages.
	ErrTooLarge = errors.New("image too large")
	// ErrUnsupported is an image encoding or format this package does not
	// decode (JBIG2, JPEG 2000, CCITT fax in PDFs; JPEG inside TIFF).
	ErrUnsupported = errors.New("unsupported image encoding")
	// ErrNoPages is a document without any page image.
	ErrNoPages = errors.New("no page image")
)

// Document is a scanned document opened for decoding. Its methods are safe
// for concurrent use.
type Document struct {
	// Format is "png", "jpeg", "tiff" or "pdf".
	Format string
	pages  int
	page   func(n int) (image.Image, error) // 1-based
}

// Pages returns the number of pages (at least 1).
func (d *Document) Pages() int { return d.pages }

// Page decodes page n (1-based). It returns ErrTooLarge (wrapped) for an
// image beyond MaxPixels, ErrUnsupported for an encoding not decoded here,
// and another error for malformed data; each error names the page.
func (d *Document) Page(n int) (img image.Image, err error) {
	if n < 1 || n > d.pages {
		return nil, fmt.Errorf("page %d of %d", n, d.pages)
	}
	defer func() {
		if r := recover(); r != nil {
			img, err = nil, fmt.Errorf("page %d: decoder panic: %v", n, r)
		}
	}()
	img, err = d.page(n)
	if err != nil {
		if d.pages > 1 {
			return nil, fmt.Errorf("page %d: %w", n, err)
		}
		return nil, err
	}
	return img, nil
}

// Open reads the structure of a PNG, JPEG, TIFF or PDF scan, recognised by
// its first bytes. A PDF is read for its page images whether or not it has
// a text layer (OpenPDF). Open decodes no pixels; it returns ErrTooLarge,
// ErrUnsupported or ErrNoPages (wrapped), or an error for malformed data.
func Open(data []byte) (*Document, error) {
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return single(data, "png")
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		return single(data, "jpeg")
	case bytes.HasPrefix(data, []byte("II*\x00")), bytes.HasPrefix(data, []byte("MM\x00*")):
		return openTIFF(data)
	case bytes.Contains(data[:min(len(data), 1024)], []byte("%PDF-")):
		return OpenPDF(data)
	}
	return nil, fmt.Errorf("%w: not a PNG, JPEG, TIFF or PDF", ErrUnsupported)
}

// single opens a one-page PNG or JPEG, checking its size.
func single(data []byte, format string) (*Document, error) {
	if _, err := checkConfig(data); err != nil {
		return nil, err
	}
	return &Document{Format: format, pages: 1, page: func(int) (image.Image, error) {
		return decodeChecked(bytes.NewReader(data))
	}}, nil
}

// readerAtSeeker is what the image decoders get: DecodeConfig and Decode
// read it from the start.
type readerAtSeeker interface {
	Read([]byte) (int, error)
	ReadAt([]byte, int64) (int, error)
	Seek(int64, int) (int64, error)
}

// checkConfig reads an image's header and refuses one without pixels or
// beyond MaxPixels.
func checkConfig(data []byte) (image.Config, error) {
	return checkConfigFrom(bytes.NewReader(data))
}

func checkConfigFrom(r readerAtSeeker) (image.Config, error) {
	cfg, format, err := image.DecodeConfig(r)
	if err != nil {
		return cfg, fmt.Errorf("image header: %w", err)
	}
	return cfg, checkImage(format, cfg)
}

// checkImage refuses an image without pixels, of more than MaxPixels, or
// that would take more than MaxImageBytes decoded.
func checkImage(format string, cfg image.Config) error {
	if err := checkSize(format, cfg.Width, cfg.Height); err != nil {
		return err
	}
	if n := int64(cfg.Width) * int64(cfg.Height) * bytesPerPixel(cfg.ColorModel); n > MaxImageBytes {
		return fmt.Errorf("%w: %s image of %dx%d pixels would take %d MiB decoded, more than %d MiB", ErrTooLarge, format, cfg.Width, cfg.Height, n>>20, MaxImageBytes>>20)
	}
	return nil
}

// bytesPerPixel is what a pixel of an image in model takes once decoded.
func bytesPerPixel(m color.Model) int64 {
	switch m {
	case color.GrayModel, color.AlphaModel:
		return 1
	case color.Gray16Model, color.Alpha16Model:
		return 2
	case color.YCbCrModel:
		return 3
	case color.RGBAModel, color.NRGBAModel, color.CMYKModel:
		return 4
	case color.RGBA64Model, color.NRGBA64Model:
		return 8
	}
	if _, ok := m.(color.Palette); ok {
		return 1
	}
	return 8
}

// checkSize refuses an empty image or one of more than MaxPixels.
func checkSize(format string, w, h int) error {
	if w <= 0 || h <= 0 {
		return fmt.Errorf("%s image of %dx%d pixels has no pixels", format, w, h)
	}
	if int64(w)*int64(h) > MaxPixels {
		return fmt.Errorf("%w: %s image of %dx%d pixels, more than %d", ErrTooLarge, format, w, h, MaxPixels)
	}
	return nil
}

// decodeChecked decodes an image after checking its header again (the
// reader may be a view that differs from what Open saw).
func decodeChecked(r readerAtSeeker) (image.Image, error) {
	if _, err := checkConfigFrom(r); err != nil {
		return nil, err
	}
	if _, err := r.Seek(0, 0); err != nil {
		return nil, err
	}
	img, format, err := image.Decode(r)
	if err != nil {
		return nil, fmt.Errorf("decode %s: %w", format, err)
	}
	return img, nil
}
