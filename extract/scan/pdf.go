package scan

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"strconv"
	"strings"

	lpdf "github.com/ledongthuc/pdf"

	"jixiao"
	"jixiao/extract/pdf"
)

// pdfImage is what OpenPDF learnt about one page's image: enough to decode
// it later without the PDF library (which is not safe for concurrent use).
type pdfImage struct {
	w, h    int
	bpc     int
	cs      colorSpace
	invert  []bool // per component, from /Decode [1 0 …]
	filters []string
	parms   []filterParms
	raw     []byte // the stream's bytes as stored in the file
	rotate  int    // the page's /Rotate: 0, 90, 180 or 270 (clockwise)
}

// filterParms are the /DecodeParms of one filter.
type filterParms struct {
	predictor, colors, bpc, columns int
	earlyChange                     int
}

// maxEncoded bounds what the byte filters before a DCTDecode may expand to.
const maxEncoded = 256 << 20

// OpenPDF reads the page tree of a PDF and, for each page, finds the image
// that fills it: the largest image XObject of the page's resources (or of a
// Form XObject drawn on it). A page without a usable image gives its error
// from Page, so that the other pages can still be read; a document none of
// whose pages has an image gives ErrNoPages. An encrypted PDF is refused.
// The document is opened as package pdf opens it (pdf.Open: the same
// guards against malformed structure, and the same repair of a broken
// cross-reference table); its limits give ErrTooLarge (wrapped). Panics of
// the PDF library are returned as errors.
func OpenPDF(data []byte) (doc *Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			doc, err = nil, fmt.Errorf("pdf: malformed (library panic: %v)", r)
		}
	}()
	opened, err := pdf.Open(data)
	switch {
	case jixiao.KindOf(err) == jixiao.ErrLimitExceeded:
		return nil, fmt.Errorf("%w: pdf: %w", ErrTooLarge, err)
	case err != nil:
		return nil, fmt.Errorf("pdf: %w", err)
	}
	if !opened.Reader.Trailer().Key("Encrypt").IsNull() {
		return nil, errors.New("pdf: encrypted")
	}
	// Open may have repaired a copy: the streams' offsets index that.
	data, pages := opened.Data, opened.Pages
	n := len(pages)
	if n > MaxPages {
		return nil, fmt.Errorf("%w: %d pages, more than %d", ErrTooLarge, n, MaxPages)
	}
	imgs := make([]*pdfImage, n)
	errs := make([]error, n)
	found := false
	for i := range n {
		imgs[i], errs[i] = pageImage(pages[i], data)
		found = found || imgs[i] != nil || !errors.Is(errs[i], ErrNoPages)
	}
	if !found {
		return nil, fmt.Errorf("%w: none of the %d page(s) holds an image", ErrNoPages, n)
	}
	return &Document{Format: "pdf", pages: n, page: func(p int) (image.Image, error) {
		if errs[p-1] != nil {
			return nil, errs[p-1]
		}
		return imgs[p-1].decode()
	}}, nil
}

// pageImage finds the largest image drawn by page p and reads its
// parameters. It returns ErrNoPages (wrapped) for a page without one.
func pageImage(p lpdf.Page, data []byte) (img *pdfImage, err error) {
	defer func() {
		if r := recover(); r != nil {
			img, err = nil, fmt.Errorf("pdf: malformed page (library panic: %v)", r)
		}
	}()
	if p.V.IsNull() {
		return nil, fmt.Errorf("%w: the page object is missing", ErrNoPages)
	}
	res := p.Resources()
	var best lpdf.Value
	var bestRes lpdf.Value
	bestArea := int64(-1)
	var consider func(xobjs, res lpdf.Value, depth int)
	consider = func(xobjs, res lpdf.Value, depth int) {
		for _, k := range xobjs.Keys() {
			x := xobjs.Key(k)
			switch x.Key("Subtype").Name() {
			case "Image":
				if a := num(x.Key("Width")) * num(x.Key("Height")); a > bestArea {
					best, bestRes, bestArea = x, res, a
				}
			case "Form":
				if depth < 1 {
					fr := x.Key("Resources")
					consider(fr.Key("XObject"), fr, depth+1)
				}
			}
		}
	}
	consider(res.Key("XObject"), res, 0)
	if bestArea < 0 {
		return nil, fmt.Errorf("%w: the page draws no image XObject (inline images are not read)", ErrNoPages)
	}
	img, err = readImage(best, bestRes, data)
	if err != nil {
		return nil, err
	}
	img.rotate = pageRotate(p.V)
	return img, nil
}

// pageRotate returns the page's /Rotate (inherited from its parents),
// normalised to 0, 90, 180 or 270.
func pageRotate(v lpdf.Value) int {
	for range 32 {
		if r := v.Key("Rotate"); !r.IsNull() {
			return ((int(num(r))/90*90)%360 + 360) % 360
		}
		v = v.Key("Parent")
		if v.IsNull() {
			break
		}
	}
	return 0
}

// readImage reads an image XObject's dictionary and locates its bytes.
func readImage(x, res lpdf.Value, data []byte) (*pdfImage, error) {
	img := &pdfImage{w: int(num(x.Key("Width"))), h: int(num(x.Key("Height"))), bpc: int(num(x.Key("BitsPerComponent")))}
	if err := checkSize("pdf", img.w, img.h); err != nil {
		return nil, err
	}
	f := x.Key("Filter")
	parms := x.Key("DecodeParms")
	if parms.IsNull() {
		parms = x.Key("DP")
	}
	switch f.Kind() {
	case lpdf.Name:
		img.filters = []string{f.Name()}
		img.parms = []filterParms{readParms(parms)}
	case lpdf.Array:
		for i := range f.Len() {
			img.filters = append(img.filters, f.Index(i).Name())
			p := parms
			if parms.Kind() == lpdf.Array {
				p = parms.Index(i)
			}
			img.parms = append(img.parms, readParms(p))
		}
	}
	for _, name := range img.filters {
		if why, ok := unsupportedFilters[name]; ok {
			return nil, fmt.Errorf("%w: %s (%s) images are not decoded; supported: DCTDecode, FlateDecode, LZWDecode, RunLengthDecode", ErrUnsupported, name, why)
		}
	}
	dct := len(img.filters) > 0 && img.filters[len(img.filters)-1] == "DCTDecode"
	if x.Key("ImageMask").Bool() {
		img.bpc, img.cs = 1, colorSpace{comps: 1}
	} else if !dct {
		cs, err := readColorSpace(x.Key("ColorSpace"), res, 0)
		if err != nil {
			return nil, err
		}
		img.cs = cs
		switch img.bpc {
		case 1, 2, 4, 8, 16:
		default:
			return nil, fmt.Errorf("pdf image: %d bits per component", img.bpc)
		}
	}
	if d := x.Key("Decode"); d.Kind() == lpdf.Array {
		for i := 0; i+1 < d.Len(); i += 2 {
			img.invert = append(img.invert, fnum(d.Index(i)) > fnum(d.Index(i+1)))
		}
	}
	raw, err := streamBytes(x, data)
	if err != nil {
		return nil, err
	}
	img.raw = raw
	return img, nil
}

// unsupportedFilters are the image filters not decoded here, with what
// they are.
var unsupportedFilters = map[string]string{
	"JBIG2Decode":    "JBIG2 bilevel",
	"JPXDecode":      "JPEG 2000",
	"CCITTFaxDecode": "CCITT Group 3/4 fax",
	"CCF":            "CCITT Group 3/4 fax",
	"Crypt":          "encrypted stream",
}

func readParms(p lpdf.Value) filterParms {
	fp := filterParms{predictor: 1, colors: 1, bpc: 8, columns: 1, earlyChange: 1}
	if p.Kind() != lpdf.Dict {
		return fp
	}
	for _, k := range []struct {
		key string
		dst *int
	}{{"Predictor", &fp.predictor}, {"Colors", &fp.colors}, {"BitsPerComponent", &fp.bpc},
		{"Columns", &fp.columns}, {"EarlyChange", &fp.earlyChange}} {
		if v := p.Key(k.key); !v.IsNull() {
			*k.dst = int(num(v))
		}
	}
	return fp
}

// streamBytes returns the stored (still encoded) bytes of stream x. The
// library decodes only some filters and panics on the others, so the bytes
// are taken from the file at the stream's offset, which the library's
// String form of a stream ends with ("<<…>>@offset").
func streamBytes(x lpdf.Value, data []byte) ([]byte, error) {
	s := x.String()
	i := strings.LastIndex(s, ">>@")
	if x.Kind() != lpdf.Stream || i < 0 {
		return nil, errors.New("pdf image: not a stream")
	}
	off, err := strconv.ParseInt(s[i+3:], 10, 64)
	n := num(x.Key("Length"))
	if err != nil || off < 0 || n < 0 || off > int64(len(data)) {
		return nil, fmt.Errorf("pdf image: stream offset %q or length %d out of the file", s[i+3:], n)
	}
	if !bytes.HasSuffix(bytes.TrimRight(data[max(0, off-16):off], "\r\n"), []byte("stream")) {
		return nil, fmt.Errorf("pdf image: no stream keyword before offset %d", off)
	}
	end := off + n
	if end > int64(len(data)) {
		end = int64(len(data)) // a /Length past the end: take what is there
	}
	return data[off:end], nil
}

// fnum returns an integer or real value as a float, 0 for anything else.
func fnum(v lpdf.Value) float64 {
	if v.Kind() == lpdf.Real {
		return v.Float64()
	}
	return float64(num(v))
}

// num returns an integer or real value as a number, 0 for anything else.
func num(v lpdf.Value) int64 {
	switch v.Kind() {
	case lpdf.Integer:
		return v.Int64()
	case lpdf.Real:
		return int64(v.Float64())
	}
	return 0
}
