// Command genpdf renders golden export records (fixtures/golden/form-NN.json)
// as budget performance-target forms (财政项目支出绩效目标申报表), to make
// PDF fixtures whose true reading is known: the PDF reader's tests compare
// what it reads back with the goldens.
//
// Usage:
//
//	genpdf -layout a|b|m -out FILE.pdf [-borderless] [-repeat N] [-out-dir DIR] [-uncompressed]
//	       [-font FILE.ttf|FILE.ttc] [-size PT] [-tail-rows K] GOLDEN.json...
//	genpdf -html FILE.html [-borderless] [-font-family CSS] [-size PT] [-tail-rows K] GOLDEN.json...
//	genpdf -fods FILE.fods GOLDEN.json...
//	genpdf -xlsx FILE.xlsx GOLDEN.json...
//	genpdf -ods FILE.ods GOLDEN.json...
//
// Forms are written in the order of the arguments. Layout a is A4 portrait
// in Droid Sans Fallback (10.5pt), each form starting on a new page, the
// indicator header row repeated after a page break inside the grid; layout
// b is A4 landscape in AR PL SungtiL GB (9.5pt), forms flowing one after
// the other, no header repeated; layout m is like a in 10pt, but forms
// alternate between A4 portrait and A4 landscape pages (the columns
// widened to the landscape page), so that page sizes are mixed in one
// document. -borderless draws no cell borders: a table without ruling
// lines, for the reader's stream mode. Characters the font lacks (Droid Sans
// Fallback has no ASCII) are set in DejaVu Sans, so a line may be several
// runs in two fonts. Every cell border is its own rectangle (re S); every
// run of text is one Tj on an embedded Type0/Identity-H font with a
// ToUnicode map. -font sets another TrueType font (a .ttc collection's
// first font is copied out, as fpdf reads no collections; CFF fonts such as
// Noto CJK cannot be used: print them from HTML) and -size another size.
// Merged labels are centered vertically in their merged
// cell; a merged cell split by a page break is drawn as one bordered part
// per page, the label centered in the first part. Output is deterministic:
// the same input gives the same bytes.
//
// -repeat N writes the forms N times over (a benchmark corpus), each project
// name then followed by a serial number (（样本000001）, as cmd/gencorpus
// does) so that no two forms or files are the same; with -out-dir each
// repetition is its own file DIR/genpdf-L-NNNN.pdf. Layout a needs
// -repeat 21 for 1,000 pages.
// -html and -fods write the same forms as an HTML document (to print with
// Chromium; -font-family and -size set its CSS face and size) or a flat
// OpenDocument spreadsheet (to convert with LibreOffice). -xlsx and -ods
// write the spreadsheet FODS writes as an Office Open XML workbook and as a
// zipped OpenDocument spreadsheet (deterministic too). All four are
// sources jixiao reads (fixtures/html, fixtures/sheet).
//
// -tail-rows K breaks each form before its last K indicator rows (in the
// PDF and the HTML), so that its last page is a continuation page holding
// only those rows: forms with K or fewer indicators are left alone.
//
// Exit codes: 0 ok, 1 failure, 2 usage.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"jixiao/cmd/internal/render"
	"jixiao/store/atomicfile"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

func run(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("genpdf", flag.ContinueOnError)
	fs.SetOutput(stderr)
	lay := fs.String("layout", "a", "PDF layout: a (A4 portrait), b (A4 landscape, flowing) or m (forms alternately portrait and landscape)")
	out := fs.String("out", "", "PDF file to write")
	outDir := fs.String("out-dir", "", "with -repeat: write each repetition as its own file in this directory")
	repeat := fs.Int("repeat", 1, "write the forms this many times over")
	html := fs.String("html", "", "write an HTML document instead of a PDF")
	fods := fs.String("fods", "", "write a flat OpenDocument spreadsheet instead of a PDF")
	xlsx := fs.String("xlsx", "", "write an XLSX workbook instead of a PDF")
	ods := fs.String("ods", "", "write a zipped OpenDocument spreadsheet instead of a PDF")
	raw := fs.Bool("uncompressed", false, "leave PDF content streams uncompressed (to read them)")
	borderless := fs.Bool("borderless", false, "draw no cell borders (a table without ruling lines), in the PDF and the HTML")
	font := fs.String("font", "", "TrueType font of the PDF (a .ttf, or a .ttc collection: its first font), instead of the layout's")
	size := fs.Float64("size", 0, "font size of the PDF's text in pt, instead of the layout's; of the HTML's (default 11)")
	family := fs.String("font-family", "", "CSS font-family of the HTML (default "+render.DefaultFontFamily+")")
	tail := fs.Int("tail-rows", 0, "break each form before its last `K` indicator rows, so that they alone fill its last page (0: no forced break)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: genpdf [options] GOLDEN.json...\n\nOptions:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	l, ok := render.Layouts[*lay]
	if fs.NArg() == 0 || !ok || *repeat < 1 || *size < 0 || *tail < 0 || (*out == "" && *outDir == "" && *html == "" && *fods == "" && *xlsx == "" && *ods == "") {
		fs.Usage()
		return 2
	}
	if *font != "" {
		l.Font = *font
	}
	if *size > 0 {
		l.Size = *size
	}
	l.Borderless = *borderless
	o := options{html: render.HTMLOptions{Borderless: *borderless, FontFamily: *family, FontSize: *size}, tailRows: *tail, xlsx: *xlsx, ods: *ods}
	if err := generate(fs.Args(), *lay, l, *out, *outDir, *repeat, *html, *fods, !*raw, o); err != nil {
		fmt.Fprintln(stderr, "genpdf:", err)
		return 1
	}
	return 0
}

// options are the choices of generate beyond the layout.
type options struct {
	html     render.HTMLOptions
	tailRows int    // Form.TailRows of every form
	xlsx     string // XLSX file to write, or ""
	ods      string // ODS file to write, or ""
}

func generate(paths []string, name string, l render.Layout, out, outDir string, repeat int, html, fods string, compress bool, o options) error {
	recs, err := render.LoadRecords(paths)
	if err != nil {
		return err
	}
	forms := make([]render.Form, len(recs))
	for i, r := range recs {
		forms[i] = render.Build(r)
		forms[i].TailRows = o.tailRows
	}
	if html != "" {
		if err := atomicfile.WriteBytes(html, render.HTML(forms, o.html)); err != nil {
			return err
		}
	}
	if fods != "" {
		if err := atomicfile.WriteBytes(fods, render.FODS(forms)); err != nil {
			return err
		}
	}
	for _, w := range []struct {
		path string
		make func([]render.Form) ([]byte, error)
	}{{o.xlsx, render.XLSX}, {o.ods, render.ODS}} {
		if w.path == "" {
			continue
		}
		b, err := w.make(forms)
		if err != nil {
			return err
		}
		if err := atomicfile.WriteBytes(w.path, b); err != nil {
			return err
		}
	}
	if repeat > 1 {
		// Repeated forms carry a serial number in their project name, so
		// that no two forms or files of a corpus are the same.
		all := make([]render.Form, 0, len(recs)*repeat)
		for k := 0; k < repeat; k++ {
			for _, r := range recs {
				serial := len(all) + 1
				name := render.Str(r.ProjectName) + fmt.Sprintf("（样本%06d）", serial)
				r.ProjectName = &name
				f := render.Build(r)
				f.TailRows = o.tailRows
				all = append(all, f)
			}
		}
		forms = all
	}
	if outDir != "" {
		if err := os.MkdirAll(outDir, 0o755); err != nil {
			return err
		}
		n := len(recs)
		for k := 0; k*n < len(forms); k++ {
			b, err := render.PDF(l, forms[k*n:(k+1)*n], compress)
			if err != nil {
				return err
			}
			if err := atomicfile.WriteBytes(filepath.Join(outDir, fmt.Sprintf("genpdf-%s-%04d.pdf", name, k+1)), b); err != nil {
				return err
			}
		}
	}
	if out != "" {
		b, err := render.PDF(l, forms, compress)
		if err != nil {
			return err
		}
		if err := atomicfile.WriteBytes(out, b); err != nil {
			return err
		}
	}
	return nil
}
