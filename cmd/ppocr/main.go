// Command ppocr prints the text of page images read by PaddleOCR's
// PP-OCRv4 pipeline alone: text lines found by the detector, read by the
// recogniser, top to bottom. It is the full-page PP-OCR baseline of `make
// bench-ocr`; jixiao itself reads scans cell by cell.
//
//	ppocr [--models DIR] IMAGE...
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"image"
	"io"
	"os"
	"os/signal"
	"syscall"

	"jixiao/extract/ocr"
	"jixiao/extract/ocr/paddle"
)

const usage = `Usage: ppocr [--models DIR] IMAGE...

Prints the text of each page image (PNG, JPEG, first page of a TIFF) as
PaddleOCR's PP-OCRv4 pipeline reads it: the text lines its detector finds,
top to bottom, each read by its recogniser, one line per output line. With
several images, each page's text follows a line "==> IMAGE <==".

The models and the ONNX Runtime library are those of ` + "`make deps`" + `
(in $XDG_CACHE_HOME/jixiao/ppocr or ~/.cache/jixiao/ppocr), or in
--models DIR, or $JIXIAO_OCR_MODELS; $JIXIAO_ORT_LIB names the library
if it is elsewhere.

Options:
  --models DIR   directory of the PP-OCR models (default: see above)

Example:
  ppocr fixtures/scan/small/genpdf-a-004.jpg

Exit status:
  0    every page read
  1    some pages could not be read (each is named on stderr), or the
       models could not be loaded
  2    usage error
  130  interrupted
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is the whole command; it returns the exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ppocr", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	dir := fs.String("models", "", "")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, usage)
			return 0
		}
		fmt.Fprintf(stderr, "ppocr: %v\n\n%s", err, usage)
		return 2
	}
	if fs.NArg() == 0 {
		fmt.Fprintf(stderr, "ppocr: no image given\n\n%s", usage)
		return 2
	}
	m, err := paddle.Locate(*dir)
	if err != nil {
		fmt.Fprintf(stderr, "ppocr: %v\n", err)
		return 1
	}
	det, err := paddle.NewDetector(m)
	if err != nil {
		fmt.Fprintf(stderr, "ppocr: %v\n", err)
		return 1
	}
	defer det.Close()
	rec, err := paddle.NewRecognizer(m)
	if err != nil {
		fmt.Fprintf(stderr, "ppocr: %v\n", err)
		return 1
	}
	defer rec.Close()
	code := 0
	for _, path := range fs.Args() {
		if fs.NArg() > 1 {
			fmt.Fprintf(stdout, "==> %s <==\n", path)
		}
		if err := readPage(ctx, det, rec, path, stdout); err != nil {
			if ctx.Err() != nil {
				fmt.Fprintln(stderr, "ppocr: interrupted")
				return 130
			}
			fmt.Fprintf(stderr, "ppocr: %s: %v\n", path, err)
			code = 1
		}
	}
	return code
}

// readPage prints the text lines of the page image at path.
func readPage(ctx context.Context, det *paddle.Detector, rec *paddle.Recognizer, path string, w io.Writer) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	page, err := ocr.Decode(data)
	if err != nil {
		return err
	}
	boxes, err := det.Detect(ctx, page)
	if err != nil {
		return err
	}
	crops := make([]*image.Gray, len(boxes))
	for i, b := range boxes {
		crops[i] = page.SubImage(b).(*image.Gray)
	}
	lines, err := rec.Read(ctx, crops)
	if err != nil {
		return err
	}
	for _, l := range lines {
		if l.Text != "" {
			fmt.Fprintln(w, l.Text)
		}
	}
	return nil
}
