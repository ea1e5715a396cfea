package scan

import (
	"bytes"
	"compress/flate"
	"compress/lzw"
	"compress/zlib"
	"encoding/ascii85"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"io"

	lpdf "github.com/ledongthuc/pdf"
	tifflzw "golang.org/x/image/tiff/lzw"
)

// colorSpace is a PDF colour space reduced to what gray conversion needs.
type colorSpace struct {
	comps int // components per sample: 1, 3 or 4 (1 for Indexed)
	// For Indexed: the base space's components and the lookup table
	// (hival+1 entries of base components).
	base   int
	lookup []byte
	// subtractive: a Separation tint (1 = full ink = black).
	subtractive bool
}

// readColorSpace reduces a colour space (a name, a named resource or an
// array) to components; depth guards against a resource naming itself.
func readColorSpace(v, res lpdf.Value, depth int) (colorSpace, error) {
	if depth > 4 {
		return colorSpace{}, errors.New("pdf image: colour space nested too deep")
	}
	switch v.Kind() {
	case lpdf.Name:
		switch v.Name() {
		case "DeviceGray", "G", "CalGray":
			return colorSpace{comps: 1}, nil
		case "DeviceRGB", "RGB", "CalRGB":
			return colorSpace{comps: 3}, nil
		case "DeviceCMYK", "CMYK":
			return colorSpace{comps: 4}, nil
		}
		named := res.Key("ColorSpace").Key(v.Name())
		if named.IsNull() {
			return colorSpace{}, fmt.Errorf("%w: colour space /%s", ErrUnsupported, v.Name())
		}
		return readColorSpace(named, res, depth+1)
	case lpdf.Array:
		switch fam := v.Index(0).Name(); fam {
		case "CalGray", "CalRGB", "DeviceGray", "DeviceRGB", "DeviceCMYK":
			return readColorSpace(v.Index(0), res, depth+1)
		case "ICCBased":
			switch n := num(v.Index(1).Key("N")); n {
			case 1, 3, 4:
				return colorSpace{comps: int(n)}, nil
			default:
				return colorSpace{}, fmt.Errorf("pdf image: ICCBased colour space with %d components", n)
			}
		case "Separation":
			return colorSpace{comps: 1, subtractive: true}, nil
		case "Indexed", "I":
			base, err := readColorSpace(v.Index(1), res, depth+1)
			if err != nil {
				return colorSpace{}, err
			}
			if base.lookup != nil {
				return colorSpace{}, errors.New("pdf image: Indexed over Indexed")
			}
			hival := int(num(v.Index(2)))
			if hival < 0 || hival > 255 {
				return colorSpace{}, fmt.Errorf("pdf image: Indexed hival %d", hival)
			}
			var table []byte
			switch t := v.Index(3); t.Kind() {
			case lpdf.String:
				table = []byte(t.RawString())
			case lpdf.Stream:
				rc := t.Reader()
				table, _ = io.ReadAll(io.LimitReader(rc, 256*4))
				rc.Close()
			}
			if len(table) < (hival+1)*base.comps {
				return colorSpace{}, fmt.Errorf("pdf image: Indexed lookup table of %d bytes, want %d", len(table), (hival+1)*base.comps)
			}
			return colorSpace{comps: 1, base: base.comps, lookup: table}, nil
		default:
			return colorSpace{}, fmt.Errorf("%w: colour space %s", ErrUnsupported, fam)
		}
	case lpdf.Null:
		return colorSpace{}, errors.New("pdf image: no /ColorSpace")
	}
	return colorSpace{}, fmt.Errorf("pdf image: bad /ColorSpace %v", v)
}

// decode decodes the image to grayscale, turned upright by the page's
// /Rotate.
func (img *pdfImage) decode() (image.Image, error) {
	data := img.raw
	last := len(img.filters)
	dct := last > 0 && img.filters[last-1] == "DCTDecode"
	if dct {
		last--
	}
	// Sample data: exactly what the dimensions call for.
	rowBytes := (int64(img.w)*int64(img.cs.comps)*int64(img.bpc) + 7) / 8
	need := rowBytes * int64(img.h)
	limit := need
	if dct {
		limit = maxEncoded
	}
	for i := 0; i < last; i++ {
		name, p := img.filters[i], img.parms[i]
		lim := int64(maxEncoded)
		if i == last-1 {
			lim = limit
			if p.predictor >= 10 {
				lim += int64(img.h) // a filter-type byte per row
			}
		}
		var err error
		if data, err = applyFilter(name, p, data, lim); err != nil {
			return nil, fmt.Errorf("pdf image %s: %w", name, err)
		}
		if i == last-1 && !dct {
			if data, err = unpredict(p, data, img); err != nil {
				return nil, fmt.Errorf("pdf image %s: %w", name, err)
			}
		}
	}
	var g *image.Gray
	if dct {
		if _, err := checkConfig(data); err != nil {
			return nil, fmt.Errorf("pdf image DCTDecode: %w", err)
		}
		j, _, err := image.Decode(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("pdf image DCTDecode: %w", err)
		}
		g = toGray(j)
		if len(img.invert) > 0 && img.invert[0] {
			for i := range g.Pix {
				g.Pix[i] = 255 - g.Pix[i]
			}
		}
	} else {
		if int64(len(data)) < need {
			return nil, fmt.Errorf("pdf image: %d bytes of samples, want %d for %dx%d at %d bits × %d components",
				len(data), need, img.w, img.h, img.bpc, img.cs.comps)
		}
		g = img.samplesToGray(data, int(rowBytes))
	}
	return rotate(g, img.rotate), nil
}

// applyFilter decodes one byte filter, reading at most limit bytes.
func applyFilter(name string, p filterParms, in []byte, limit int64) ([]byte, error) {
	var r io.Reader
	switch name {
	case "FlateDecode", "Fl":
		zr, err := zlib.NewReader(bytes.NewReader(in))
		if err != nil {
			// Some producers write raw deflate without the zlib header.
			r = flate.NewReader(bytes.NewReader(in))
		} else {
			r = zr
		}
	case "LZWDecode", "LZW":
		if p.earlyChange == 0 {
			r = lzw.NewReader(bytes.NewReader(in), lzw.MSB, 8)
		} else {
			r = tifflzw.NewReader(bytes.NewReader(in), tifflzw.MSB, 8)
		}
	case "RunLengthDecode", "RL":
		return runLength(in, limit)
	case "ASCIIHexDecode", "AHx":
		return asciiHex(in)
	case "ASCII85Decode", "A85":
		s := bytes.TrimSpace(in)
		s = bytes.TrimSuffix(s, []byte("~>"))
		s = bytes.TrimPrefix(s, []byte("<~"))
		r = ascii85.NewDecoder(bytes.NewReader(s))
	default:
		return nil, fmt.Errorf("%w: filter %s", ErrUnsupported, name)
	}
	out, err := io.ReadAll(io.LimitReader(r, limit))
	// A stream cut short (or with a bad checksum after its data) is
	// judged by the caller's size check; other errors are corrupt data.
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, zlib.ErrChecksum) {
		return nil, err
	}
	return out, nil
}

func runLength(in []byte, limit int64) ([]byte, error) {
	var out []byte
	for i := 0; i < len(in) && int64(len(out)) < limit; {
		n := int(in[i])
		i++
		switch {
		case n < 128:
			if i+n+1 > len(in) {
				return out, nil
			}
			out = append(out, in[i:i+n+1]...)
			i += n + 1
		case n > 128:
			if i >= len(in) {
				return out, nil
			}
			for range 257 - n {
				out = append(out, in[i])
			}
			i++
		default:
			return out, nil // 128: end of data
		}
	}
	return out[:min(int64(len(out)), limit)], nil
}

func asciiHex(in []byte) ([]byte, error) {
	var digits []byte
	for _, c := range in {
		if c == '>' {
			break
		}
		if c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0 {
			continue
		}
		digits = append(digits, c)
	}
	if len(digits)%2 == 1 {
		digits = append(digits, '0')
	}
	out := make([]byte, len(digits)/2)
	_, err := hex.Decode(out, digits)
	return out, err
}

// unpredict undoes a PNG (10–15) or TIFF (2) predictor.
func unpredict(p filterParms, data []byte, img *pdfImage) ([]byte, error) {
	switch {
	case p.predictor <= 1:
		return data, nil
	case p.predictor == 2:
		if p.bpc != 8 {
			return nil, fmt.Errorf("%w: TIFF predictor with %d bits per component", ErrUnsupported, p.bpc)
		}
		row := p.colors * p.columns
		if row <= 0 {
			return nil, errors.New("bad predictor parameters")
		}
		for s := 0; s+row <= len(data); s += row {
			r := data[s : s+row]
			for i := p.colors; i < len(r); i++ {
				r[i] += r[i-p.colors]
			}
		}
		return data, nil
	case p.predictor >= 10 && p.predictor <= 15:
		rowBytes := (p.colors*p.bpc*p.columns + 7) / 8
		bpp := max(1, (p.colors*p.bpc+7)/8)
		if rowBytes <= 0 || p.colors <= 0 || p.bpc <= 0 {
			return nil, errors.New("bad predictor parameters")
		}
		out := make([]byte, 0, len(data))
		prev := make([]byte, rowBytes)
		for s := 0; s+1+rowBytes <= len(data); s += 1 + rowBytes {
			ft, cur := data[s], data[s+1:s+1+rowBytes]
			for i := range cur {
				var left, up, upLeft byte
				if i >= bpp {
					left, upLeft = cur[i-bpp], prev[i-bpp]
				}
				up = prev[i]
				switch ft {
				case 0:
				case 1:
					cur[i] += left
				case 2:
					cur[i] += up
				case 3:
					cur[i] += byte((int(left) + int(up)) / 2)
				case 4:
					cur[i] += paeth(left, up, upLeft)
				default:
					return nil, fmt.Errorf("PNG predictor: row filter %d", ft)
				}
			}
			out = append(out, cur...)
			prev = cur
		}
		return out, nil
	}
	return nil, fmt.Errorf("%w: predictor %d", ErrUnsupported, p.predictor)
}

func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// samplesToGray converts unpacked sample rows to 8-bit gray.
func (img *pdfImage) samplesToGray(data []byte, rowBytes int) *image.Gray {
	g := image.NewGray(image.Rect(0, 0, img.w, img.h))
	cs, bpc := img.cs, img.bpc
	maxv := 1<<bpc - 1
	if bpc == 16 {
		maxv = 255 // the high byte is kept
	}
	comps := make([]int, cs.comps)
	inv := func(c int) bool { return c < len(img.invert) && img.invert[c] }
	for y := 0; y < img.h; y++ {
		row := data[y*rowBytes : (y+1)*rowBytes]
		bit := 0
		out := g.Pix[y*g.Stride : y*g.Stride+img.w]
		for x := range out {
			for c := range comps {
				var v int
				switch bpc {
				case 8:
					v = int(row[bit/8])
				case 16:
					v = int(row[bit/8])
				default:
					v = int(row[bit/8]>>(8-bpc-bit%8)) & maxv
				}
				bit += bpc
				if inv(c) {
					v = maxv - v
				}
				comps[c] = v
			}
			switch {
			case cs.lookup != nil:
				i := min(comps[0], len(cs.lookup)/cs.base-1) * cs.base
				e := cs.lookup[i : i+cs.base]
				var vals [4]int
				for k := range e {
					vals[k] = int(e[k])
				}
				out[x] = gray(cs.base, vals[:cs.base], false)
			default:
				for k := range comps {
					if maxv != 255 {
						comps[k] = comps[k] * 255 / maxv
					}
				}
				out[x] = gray(cs.comps, comps, cs.subtractive)
			}
		}
	}
	return g
}

// gray converts 8-bit components to a gray level.
func gray(n int, c []int, subtractive bool) uint8 {
	switch n {
	case 1:
		if subtractive {
			return uint8(255 - c[0])
		}
		return uint8(c[0])
	case 3:
		return dropRed(c[0], c[1], c[2])
	case 4: // CMYK, naively to RGB
		k := 255 - c[3]
		return dropRed((255-c[0])*k/255, (255-c[1])*k/255, (255-c[2])*k/255)
	}
	return 0
}

// Gray returns img as a new *image.Gray with origin (0, 0): a colour image
// with its red ink taken out (colour.go), then, gray or colour, with its
// illumination evened out and its paper brought to white (flatten). Safe
// for concurrent use.
func Gray(img image.Image) *image.Gray { return flatten(toGray(img)) }

// toGray returns img as an *image.Gray with origin (0, 0): img itself when
// it already is one, a colour image through grayOf.
func toGray(img image.Image) *image.Gray {
	if g, ok := img.(*image.Gray); ok && g.Rect.Min == (image.Point{}) {
		return g
	}
	if _, ok := img.(*image.Gray); ok {
		b := img.Bounds()
		g := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
		draw.Draw(g, g.Rect, img, b.Min, draw.Src)
		return g
	}
	return grayOf(img)
}
