// Command genpdf renders golden export records (fixtures/golden/form-NN.json)
// as budget performance-target forms (财政项目支出绩效目标申报表), to make
// PDF fixtures whose true reading is known: the PDF reader's tests compare
// what it reads back with the goldens.
//
// Usage:
//
//	genpdf -layout a|b|m -out FILE.pdf [-borderless] [-repeat N] [-out-dir DIR] [-uncompressed] GOLDEN.json...
//	genpdf -html FILE.html [-borderless] GOLDEN.json...
//	genpdf -fods FILE.fods GOLDEN.json...
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
// ToUnicode map. Merged labels are centered vertically in their merged
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
// Chromium) or a flat OpenDocument spreadsheet (to convert with LibreOffice).
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
	raw := fs.Bool("uncompressed", false, "leave PDF content streams uncompressed (to read them)")
	borderless := fs.Bool("borderless", false, "draw no cell borders (a table without ruling lines), in the PDF and the HTML")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: genpdf [options] GOLDEN.json...\n\nOptions:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	l, ok := render.Layouts[*lay]
	if fs.NArg() == 0 || !ok || *repeat < 1 || (*out == "" && *outDir == "" && *html == "" && *fods == "") {
		fs.Usage()
		return 2
	}
	if err := generate(fs.Args(), *lay, l, *out, *outDir, *repeat, *html, *fods, !*raw, *borderless); err != nil {
		fmt.Fprintln(stderr, "genpdf:", err)
		return 1
	}
	return 0
}

func generate(paths []string, name string, l render.Layout, out, outDir string, repeat int, html, fods string, compress, borderless bool) error {
	l.Borderless = borderless
	recs, err := render.LoadRecords(paths)
	if err != nil {
		return err
	}
	forms := make([]render.Form, len(recs))
	for i, r := range recs {
		forms[i] = render.Build(r)
	}
	if html != "" {
		if err := atomicfile.WriteBytes(html, render.HTML(forms, borderless)); err != nil {
			return err
		}
	}
	if fods != "" {
		if err := atomicfile.WriteBytes(fods, render.FODS(forms)); err != nil {
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
				all = append(all, render.Build(r))
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
