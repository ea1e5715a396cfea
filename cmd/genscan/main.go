// Command genscan makes deterministic "scanned" fixtures from PDF fixtures,
// and (genscan corpus) a scan corpus that varies as real archives do, with
// the truth of every page.
//
// Pages are rasterised by pdftoppm (poppler-utils: a fixture generator may
// call it, the jixiao pipeline never does) and degraded in pure Go, with
// integer arithmetic after a few sines and cosines, from generators
// (math/rand/v2 PCG) seeded per page: the same input, flags, Go version
// (image/jpeg, compress/flate) and poppler version give the same bytes on
// every platform, whatever -j. Files are written atomically (temporary
// file, sync, rename); existing files of other names in DIR are left alone.
//
// Exit codes: 0 ok, 1 failure, 2 usage, 130 interrupted.
//
// # Scans of one PDF
//
//	genscan -out-dir DIR [-repeat N] [-jpeg RANGE] [-png RANGE] [-tiff RANGE]
//	        [-pdf RANGE] [-pdf-flate RANGE] [-pages-per-file N] [-clean-lossless]
//	        [-golden GLOB] [-seed S] [-qmin Q] [-qmax Q] [-dpi D] [-prefix NAME]
//	        [-j N] FILE.pdf
//
// Each page is rasterised at 200 dpi grayscale (`pdftoppm -gray`, PGM) and
// degraded as a scanner and a careless archivist would: rotated by
// −1.5°…+1.5° (bilinear, white fill), with lowered contrast and additive
// noise, slightly blurred, and JPEG-compressed at quality 60–80. For every
// page in -jpeg RANGE (default all) it writes DIR/NAME-NNN.jpg (NAME
// defaults to the PDF's base name; NNN is the page number, at least 3
// digits), and it writes
//
//   - -png RANGE: DIR/NAME-NNN.png for those pages (the degraded page before
//     JPEG compression, as a lossless scan);
//   - -tiff RANGE: a multi-page TIFF of those pages (lossless as the PNG;
//     8-bit gray, one Deflate strip per page, an IFD chain written here as
//     x/image/tiff encodes one image per file), DIR/NAME-FFF-LLL.tif for
//     pages FFF to LLL, or DIR/NAME-NNN.tif for one;
//   - -pdf RANGE: an image-only PDF wrapping the JPEG scans of those pages,
//     one A4 page per image (a DCTDecode image XObject filling the page; no
//     text layer, no font), named like the TIFF;
//   - -pdf-flate RANGE: an image-only PDF of those pages stored losslessly
//     (the degraded page before JPEG compression: 8-bit DeviceGray,
//     /FlateDecode with the PNG Paeth predictor), DIR/NAME-FFF-LLL-flate.pdf;
//   - DIR/pages.json: each file written → the 1-based numbers of the forms it
//     shows, in order (a form continued from the page before counts); the
//     forms are found in the PDF itself (below);
//   - DIR/degrade.json: each JPEG → the source page, the seed and the
//     degradations applied (rotation in millidegrees, positive clockwise as
//     displayed; blur; black and white levels; noise amplitude; JPEG quality).
//
// RANGE is N, N-M, a comma-separated list of those, or all (-jpeg also
// none), in page numbers of the output
// (counted over all repetitions). -pages-per-file N splits each TIFF and
// PDF range into files of N pages. -clean-lossless degrades the pages of
// PNG, TIFF and Flate PDF files without noise: a tenth of the size, for
// small checked-in fixtures.
//
// Forms are found with pdftotext (reading order) per page: each 项目名称 printed
// starts the next form; a page with text before its first title or 项目名称
// continues the form of the page before. With -golden GLOB (sorted file
// names, e.g. 'fixtures/golden/form-*.json') the project names printed
// after 项目名称 must match the goldens' in order, so form N is golden N.
// Each page's generator is seeded with -seed and the output page number.
//
// -repeat N degrades the pages N times over, each repetition with its own
// seeds, for a benchmark set: genpdf-a.pdf (49 pages) with -repeat 11 gives
// 539 pages:
//
//	genscan -repeat 11 -out-dir /tmp/scan -pdf all -pages-per-file 49 \
//	        -golden 'fixtures/golden/form-*.json' fixtures/pdf/genpdf-a.pdf
//
// # The scan corpus
//
//	genscan corpus -out-dir DIR [-split measure|tune|all] [-forms-per-cell N]
//	        [-faces a,b] [-classes a,b] [-seed S] [-repeat R] [-j N]
//	        [-golden GLOB] [-chromium CMD] [-sources]
//
// renders golden forms (-golden, default fixtures/golden/form-*.json; form
// N is form-NN.json) in several faces, by two producers, and damages their
// pages as one of several classes, into DIR/SPLIT/FACE/CLASS/fNN.EXT, with
// DIR/manifest.json. Example: genscan corpus -out-dir ~/.cache/jixiao/corpus
// (make corpus: the measurement set, about 310 pages).
//
// Splits: the odd-numbered goldens and the tuning faces are for tuning the
// OCR, the even-numbered goldens and the measurement faces for measuring
// it; -split all is both.
//
// Faces (name: family, style, producer, split, text size):
//
//   - droid: Droid Sans Fallback, hei, genpdf, tune, 10.5 pt (layout a);
//   - sungti: AR PL SungtiL GB, song, genpdf, tune, 10 pt;
//   - notoserif: Noto Serif CJK SC, song, Chromium, tune, 11 pt;
//   - uming: AR PL UMing CN, song (Ming), Chromium, measure, 11.5 pt;
//   - ukai: AR PL UKai CN, kai, genpdf, measure, 11 pt;
//   - notosans: Noto Sans CJK SC, hei, Chromium, measure, 10 pt;
//   - zenhei: WenQuanYi Zen Hei, hei, genpdf, measure, 10.5 pt;
//   - kaitim: AR PL KaitiM GB, kai, Chromium, tune, 10.5 pt.
//
// genpdf is cmd/genpdf's renderer (cmd/internal/render, fpdf): layout a
// (A4 portrait, each form on a new page, the grid's header row repeated on
// a continuation page) in the face's TrueType font and size, the margins
// and cell padding varied per face; of a TrueType collection (.ttc) the
// first font is copied out (render.ExtractTTC). Characters a face lacks
// are set in DejaVu Sans (Droid Sans Fallback has no ASCII). Chromium
// prints the renderer's HTML (the face as its CSS font-family, fontconfig's
// fallback for missing characters; 12 mm margins, no repeated header; a
// grid that does not fit under the header block moves whole to the next
// page) with headless --print-to-pdf: Noto CJK is CFF, which fpdf cannot
// embed.
//
// Classes (every parameter drawn per page from its range; manifest.json
// says each class in a line):
//
//   - clean300: grey 300 dpi, no damage, JPEG 85–90;
//   - scan200: grey 200 dpi, today's model (rotation ±1.5°, contrast, noise,
//     blur), JPEG 55–90;
//   - low150: grey 150 dpi, noise 1–2, blur 16–40/256, JPEG 70–90;
//   - skewlight: grey 200 dpi, rotation 1–3.5° either way, uneven
//     illumination (a linear gradient in a drawn direction from 1 down to
//     0.80–0.95 times a vignette dimming the corners by 5–15%: 0.68–0.90 of
//     the paper at the darkest corner), noise, blur, JPEG 60–85;
//   - colourseal: RGB 200 dpi, a warm paper tint (R 242–254, G 4–12 below,
//     B 10–28 below G), on the first page of each form a red round seal
//     (38–42 mm; ring, star, the form's implementing unit around the ring in
//     AR PL KaitiM GB, 财务专用章 under the star when on the funds; drawn as
//     a PDF by fpdf, rasterised by pdftoppm at the page's resolution, turned
//     −25…25°, opacity 60–85% with a smooth 70–100% ink texture, multiplied
//     over the page) centred 15–45 mm right of the 实施单位 label or 5–30 mm
//     right of the 年度资金申请总额 label, whose boxes come from the rendered
//     PDF (pdftotext -bbox); then rotation ±1°, contrast, noise, blur, JPEG
//     60–85;
//   - bleedrules: grey 200 dpi; ruling lines found in the clean raster (dark
//     runs of at least 12 mm across or 7 mm down, with their anti-aliased
//     fringe) faded to 25–60% of their ink, or broken (gaps of 4–30 px every
//     60–240 px), or both; on three pages in four with 二级 label cells the
//     rule between the 二级指标 and 三级指标 columns faded to 8–30% or 30–70%
//     cut away over 1 to all of those cells (the columns from the header
//     words' boxes, the rule from the raster, a cell between the horizontal
//     rules above and below its label); another page of the face's document
//     showing through (mirrored, box-blurred twice, 6–16%); then rotation
//     ±1°, contrast, noise, blur, JPEG 60–85;
//   - backs: image-only PDFs, a back after every page: white, on two in
//     three the front showing through (mirrored, blurred, 2–7%), on one in
//     three a few specks, then the scanner model, on one in two an edge
//     shadow (8–60 px, 40–140 levels); every fourth form of a face's split
//     rendered with its last 1 or 2 indicator rows forced onto a
//     continuation page (render.Form.TailRows); fronts as scan200; JPEG
//     60–85;
//   - turned: as scan200, then each page turned clockwise in its pixels by
//     90° or 270° (two pages in five each) or 180° (one in five), recorded
//     as turn_deg; nothing in the file says so (no /Rotate, no EXIF
//     orientation), and the page of an image-only PDF stays A4 portrait.
//     Its cells take their forms after every other class's, so the other
//     cells keep theirs. JPEG 55–90.
//
// Documents hold one whole form: one page as .jpg (the fourth form of each
// cell as .png), several pages as an image-only PDF of JPEGs or a
// lossless multi-page TIFF (alternately), a backs form as a PDF with its
// backs. Each (split, face, class) cell holds -forms-per-cell forms (8): cell
// k of the split's full grid (faces, then classes, in the order above)
// takes forms k·N … k·N+N−1 of the split's sorted list, counted round it, so
// that the cells cover every form and a cell's forms do not depend on
// -faces or -classes. -repeat R writes every document R times, each with
// its own seeds, as fNN-rR.EXT beyond the first (a benchmark set; never
// check one in). A page's generator is seeded with -seed and a hash of its
// split, face, class, form, repetition and page index.
//
// manifest.json (generator "genscan corpus 1") names the faces (family,
// style, producers, split) and classes used and lists the documents sorted
// by file: split, face, producer, class, dpi, colour, the forms in order,
// and per page the forms with content on it, blank (a back), grid_rows
// (indicator rows on the page, the grid's header row not counted), seal,
// and params (what was drawn: angles in millidegrees, levels 0–255,
// strengths in ‰, lengths in pixels; jpeg_quality for pages stored as
// JPEG). The truth comes from the rendered PDF: the forms per page from
// pdftotext as above (a project name wrapped into pieces may match part of
// the golden's), the rows per page by placing the form's indicator names
// on its pages (the split under which most names are found in the grid's
// text; a tie is an error, never a guess), checked against the renderer's
// own record for genpdf faces and against the forced continuation's rows.
// -sources keeps the rendered PDFs in DIR/sources.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"

	"golang.org/x/sync/errgroup"

	"jixiao/store/atomicfile"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stderr)
	stop()
	os.Exit(code)
}

// config holds the parsed flags.
type config struct {
	pdf          string
	outDir       string
	prefix       string
	repeat       int
	dpi          int
	seed         uint64
	qmin, qmax   int
	jpg, png     pageRange
	tiff         pageRange
	pdfRange     pageRange
	flateRange   pageRange
	pagesPerFile int
	golden       string
	jobs         int
	// cleanLossless degrades the pages of lossless files (PNG, TIFF,
	// Flate PDF) without noise, so that they compress to a tenth.
	cleanLossless bool
}

func run(ctx context.Context, args []string, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "corpus" {
		return runCorpus(ctx, args[1:], stderr)
	}
	fs := flag.NewFlagSet("genscan", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c config
	var jpgR, pngR, tiffR, pdfR, flateR string
	fs.StringVar(&c.outDir, "out-dir", "", "directory to write the scans to (required)")
	fs.StringVar(&c.prefix, "prefix", "", "file name prefix (default: the PDF's base name)")
	fs.IntVar(&c.repeat, "repeat", 1, "degrade the pages this many times over, each time with other seeds")
	fs.IntVar(&c.dpi, "dpi", 200, "rasterisation resolution")
	fs.Uint64Var(&c.seed, "seed", 1, "base seed (each page's generator is seeded with it and the page number)")
	fs.IntVar(&c.qmin, "qmin", 60, "lowest JPEG quality")
	fs.IntVar(&c.qmax, "qmax", 80, "highest JPEG quality")
	fs.StringVar(&jpgR, "jpeg", "all", "write these pages as JPEG files (N, N-M, all, or none)")
	fs.StringVar(&pngR, "png", "", "also write these pages as PNG (N, N-M or all)")
	fs.StringVar(&tiffR, "tiff", "", "also write these pages as a multi-page TIFF (N, N-M or all)")
	fs.StringVar(&pdfR, "pdf", "", "also write these pages as an image-only PDF (N, N-M or all)")
	fs.StringVar(&flateR, "pdf-flate", "", "also write these pages as an image-only PDF of lossless FlateDecode images (N, N-M or all)")
	fs.IntVar(&c.pagesPerFile, "pages-per-file", 0, "split TIFF and PDF ranges into files of this many pages (0: one file per range)")
	fs.StringVar(&c.golden, "golden", "", "glob of the golden records the PDF renders, in order, to check the forms found")
	fs.IntVar(&c.jobs, "j", runtime.NumCPU(), "pages processed in parallel")
	fs.BoolVar(&c.cleanLossless, "clean-lossless", false, "degrade the pages of PNG, TIFF and Flate PDF files without noise (much smaller files)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: genscan -out-dir DIR [options] FILE.pdf\n       genscan corpus -out-dir DIR [options]   (see genscan corpus -help)\n\nOptions:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	var errs []error
	for _, p := range []struct {
		s string
		r *pageRange
	}{{jpgR, &c.jpg}, {pngR, &c.png}, {tiffR, &c.tiff}, {pdfR, &c.pdfRange}, {flateR, &c.flateRange}} {
		if p.s == "none" {
			continue
		}
		r, err := parseRange(p.s)
		if err != nil {
			errs = append(errs, err)
		}
		*p.r = r
	}
	if fs.NArg() != 1 || c.outDir == "" || c.repeat < 1 || c.dpi < 1 || c.jobs < 1 || c.pagesPerFile < 0 ||
		c.qmin < 1 || c.qmax > 100 || c.qmin > c.qmax || len(errs) > 0 {
		for _, err := range errs {
			fmt.Fprintln(stderr, "genscan:", err)
		}
		fs.Usage()
		return 2
	}
	c.pdf = fs.Arg(0)
	if c.prefix == "" {
		c.prefix = strings.TrimSuffix(filepath.Base(c.pdf), filepath.Ext(c.pdf))
	}
	if err := generate(ctx, c, stderr); err != nil {
		fmt.Fprintln(stderr, "genscan:", err)
		if ctx.Err() != nil {
			return 130
		}
		return 1
	}
	return 0
}

// pageRange is a range of output page numbers, or several (N-M,K,…);
// all means every page, the zero value none.
type pageRange struct {
	first, last int
	all         bool
	more        []pageRange // the further ranges of a list
}

func parseRange(s string) (pageRange, error) {
	switch s {
	case "":
		return pageRange{}, nil
	case "all":
		return pageRange{all: true}, nil
	}
	parts := strings.Split(s, ",")
	var r pageRange
	for i, part := range parts {
		a, b, ok := strings.Cut(part, "-")
		if !ok {
			b = a
		}
		first, err1 := strconv.Atoi(a)
		last, err2 := strconv.Atoi(b)
		if err1 != nil || err2 != nil || first < 1 || last < first {
			return pageRange{}, fmt.Errorf("bad page range %q (want N, N-M, a list of those, or all)", s)
		}
		if i == 0 {
			r = pageRange{first: first, last: last}
		} else {
			r.more = append(r.more, pageRange{first: first, last: last})
		}
	}
	return r, nil
}

// bounds returns the first range clipped to pages 1…total (empty when
// first > last).
func (r pageRange) bounds(total int) (first, last int) {
	if r.all {
		return 1, total
	}
	if r.first == 0 {
		return 1, 0
	}
	return r.first, min(r.last, total)
}

func (r pageRange) has(page int) bool {
	if r.all || (r.first <= page && page <= r.last) {
		return true
	}
	for _, m := range r.more {
		if m.has(page) {
			return true
		}
	}
	return false
}

// chunks splits each range of the list into runs of at most per pages
// (per 0: one run a range).
func (r pageRange) chunks(total, per int) [][2]int {
	first, last := r.bounds(total)
	var out [][2]int
	for f := first; f <= last; {
		l := last
		if per > 0 {
			l = min(f+per-1, last)
		}
		out = append(out, [2]int{f, l})
		f = l + 1
	}
	for _, m := range r.more {
		out = append(out, m.chunks(total, per)...)
	}
	return out
}

// pageInfo is what degrade.json records for one JPEG.
type pageInfo struct {
	SourcePage int    `json:"source_page"`
	Seed       uint64 `json:"seed"`
	params
}

func generate(ctx context.Context, c config, stderr io.Writer) error {
	for _, tool := range []string{"pdftoppm", "pdftotext", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			return fmt.Errorf("%s not found (apt install poppler-utils): %w", tool, err)
		}
	}
	n, err := pageCount(ctx, c.pdf)
	if err != nil {
		return err
	}
	texts := make([]string, n)
	for i := range texts {
		if texts[i], err = pageText(ctx, c.pdf, i+1); err != nil {
			return err
		}
	}
	srcForms, names := formsOnPages(texts)
	if c.golden != "" {
		goldens, err := filepath.Glob(c.golden)
		if err != nil {
			return err
		}
		sort.Strings(goldens)
		if err := checkNames(names, goldens, false); err != nil {
			return fmt.Errorf("%s against %s: %w", c.pdf, c.golden, err)
		}
	}
	if err := os.MkdirAll(c.outDir, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "genscan-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	// Rasterise each source page once, as PGM: the same pixels as
	// pdftoppm -gray -png, which poppler 22 writes as RGB, 10× slower.
	raster := func(s int) string { return filepath.Join(tmp, fmt.Sprintf("p%d", s)) }
	// Only the source pages some output shows.
	total := n * c.repeat
	need := make([]bool, n+1)
	for page := 1; page <= total; page++ {
		for _, r := range []pageRange{c.jpg, c.png, c.tiff, c.pdfRange, c.flateRange} {
			if r.has(page) {
				need[(page-1)%n+1] = true
			}
		}
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(c.jobs)
	for s := 1; s <= n; s++ {
		if !need[s] {
			continue
		}
		g.Go(func() error {
			p, d := strconv.Itoa(s), strconv.Itoa(c.dpi)
			out, err := exec.CommandContext(gctx, "pdftoppm", "-r", d, "-gray", "-f", p, "-l", p,
				"-singlefile", c.pdf, raster(s)).CombinedOutput()
			if err != nil {
				return fmt.Errorf("pdftoppm %s page %d: %v: %s", c.pdf, s, err, bytes.TrimSpace(out))
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}

	digits := max(3, len(strconv.Itoa(total)))
	name := func(page int, ext string) string {
		return fmt.Sprintf("%s-%0*d.%s", c.prefix, digits, page, ext)
	}
	runName := func(r [2]int, ext string) string {
		if r[0] == r[1] {
			return name(r[0], ext)
		}
		return fmt.Sprintf("%s-%0*d-%0*d.%s", c.prefix, digits, r[0], digits, r[1], ext)
	}
	source := func(page int) int { return (page-1)%n + 1 }
	// scan degrades output page `page` from its raster: the same image
	// every time it is called (for a lossless file, without noise if
	// -clean-lossless).
	scan := func(page int, lossless bool) (*image.Gray, pageInfo, error) {
		src, err := loadGray(raster(source(page)) + ".pgm")
		if err != nil {
			return nil, pageInfo{}, err
		}
		r := newRand(c.seed, uint64(page))
		p := drawParams(r, c.qmin, c.qmax)
		if lossless && c.cleanLossless {
			p.Noise = 0
		}
		return degrade(src, p, r), pageInfo{SourcePage: source(page), Seed: c.seed, params: p}, nil
	}
	// scanJPEG is page's JPEG, as its JPEG file holds it.
	scanJPEG := func(page int) ([]byte, pageInfo, error) {
		img, info, err := scan(page, false)
		if err != nil {
			return nil, info, err
		}
		var b bytes.Buffer
		err = jpeg.Encode(&b, img, &jpeg.Options{Quality: info.Quality})
		return b.Bytes(), info, err
	}

	var mu sync.Mutex
	forms := map[string][]int{}
	infos := map[string]pageInfo{}
	g, gctx = errgroup.WithContext(ctx)
	g.SetLimit(c.jobs)
	for page := 1; page <= total; page++ {
		if !c.jpg.has(page) && !c.png.has(page) {
			continue
		}
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			var files []string
			if c.jpg.has(page) {
				b, info, err := scanJPEG(page)
				if err != nil {
					return err
				}
				files = append(files, name(page, "jpg"))
				if err := atomicfile.WriteBytes(filepath.Join(c.outDir, files[0]), b); err != nil {
					return err
				}
				mu.Lock()
				infos[files[0]] = info
				mu.Unlock()
			}
			if c.png.has(page) {
				img, _, err := scan(page, true)
				if err != nil {
					return err
				}
				var b bytes.Buffer
				if err := png.Encode(&b, img); err != nil {
					return err
				}
				files = append(files, name(page, "png"))
				if err := atomicfile.WriteBytes(filepath.Join(c.outDir, files[len(files)-1]), b.Bytes()); err != nil {
					return err
				}
			}
			mu.Lock()
			defer mu.Unlock()
			for _, f := range files {
				forms[f] = srcForms[source(page)-1]
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}

	// Multi-page files: each run degrades its pages again (the same bytes,
	// so nothing is kept in memory).
	runForms := func(r [2]int) []int {
		seen := map[int]bool{}
		var out []int
		for p := r[0]; p <= r[1]; p++ {
			for _, f := range srcForms[source(p)-1] {
				if !seen[f] {
					seen[f] = true
					out = append(out, f)
				}
			}
		}
		return out
	}
	g, gctx = errgroup.WithContext(ctx)
	g.SetLimit(c.jobs)
	for _, r := range c.tiff.chunks(total, c.pagesPerFile) {
		file := runName(r, "tif")
		forms[file] = runForms(r)
		g.Go(func() error {
			return atomicfile.Write(filepath.Join(c.outDir, file), func(f *os.File) error {
				t, err := newTIFFWriter(f, r[1]-r[0]+1, c.dpi)
				if err != nil {
					return err
				}
				for p := r[0]; p <= r[1]; p++ {
					if err := gctx.Err(); err != nil {
						return err
					}
					img, _, err := scan(p, true)
					if err != nil {
						return err
					}
					if err := t.add(img); err != nil {
						return err
					}
				}
				return t.close()
			})
		})
	}
	for _, r := range c.pdfRange.chunks(total, c.pagesPerFile) {
		file := runName(r, "pdf")
		forms[file] = runForms(r)
		g.Go(func() error {
			var jpegs [][]byte
			for p := r[0]; p <= r[1]; p++ {
				b, _, err := scanJPEG(p)
				if err != nil {
					return err
				}
				jpegs = append(jpegs, b)
			}
			b, err := imagePDF(jpegs)
			if err != nil {
				return fmt.Errorf("%s: %w", file, err)
			}
			return atomicfile.WriteBytes(filepath.Join(c.outDir, file), b)
		})
	}
	for _, r := range c.flateRange.chunks(total, c.pagesPerFile) {
		file := strings.TrimSuffix(runName(r, "pdf"), ".pdf") + "-flate.pdf"
		forms[file] = runForms(r)
		g.Go(func() error {
			var pages []*image.Gray
			for p := r[0]; p <= r[1]; p++ {
				img, _, err := scan(p, true)
				if err != nil {
					return err
				}
				pages = append(pages, img)
			}
			b, err := flatePDF(pages)
			if err != nil {
				return fmt.Errorf("%s: %w", file, err)
			}
			return atomicfile.WriteBytes(filepath.Join(c.outDir, file), b)
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}

	pagesJSON, err := jsonLines(forms)
	if err != nil {
		return err
	}
	degradeJSON, err := jsonLines(infos)
	if err != nil {
		return err
	}
	if err := atomicfile.WriteBytes(filepath.Join(c.outDir, "pages.json"), pagesJSON); err != nil {
		return err
	}
	if err := atomicfile.WriteBytes(filepath.Join(c.outDir, "degrade.json"), degradeJSON); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "genscan: %d page(s) of %s, %d form(s), %d file(s) in %s\n",
		total, c.pdf, len(names), len(forms)+2, c.outDir)
	return nil
}

// jsonLines encodes m as a JSON object with one member per line, in key
// order.
func jsonLines[V any](m map[string]V) ([]byte, error) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b bytes.Buffer
	b.WriteString("{\n")
	for i, k := range keys {
		kb, err := json.Marshal(k)
		if err != nil {
			return nil, err
		}
		vb, err := json.Marshal(m[k])
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(&b, "  %s: %s", kb, vb)
		if i < len(keys)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("}\n")
	return b.Bytes(), nil
}

// loadGray reads a binary PGM (P5, maxval 255) as written by pdftoppm -gray.
func loadGray(path string) (*image.Gray, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	img, err := parsePGM(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return img, nil
}

// parsePGM decodes a binary PGM with maxval 255 (comments in the header
// allowed); it returns an error for anything else or for short data.
func parsePGM(b []byte) (*image.Gray, error) {
	if !bytes.HasPrefix(b, []byte("P5")) {
		return nil, fmt.Errorf("not a binary PGM")
	}
	hdr, err := parsePNMHeader(b)
	if err != nil {
		return nil, err
	}
	w, h, i := hdr[0], hdr[1], hdr[2]
	if len(b)-i < w*h {
		return nil, fmt.Errorf("PGM data cut short: %d bytes for %dx%d", len(b)-i, w, h)
	}
	img := image.NewGray(image.Rect(0, 0, w, h))
	copy(img.Pix, b[i:i+w*h])
	return img, nil
}
