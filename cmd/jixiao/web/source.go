package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image/png"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"jixiao"
	"jixiao/extract/scan"
	"jixiao/extract/sniff"
	"jixiao/review"
	"jixiao/store"
)

// maxSourceBytes caps the size of a source file the workbench reads (the
// default --max-size of ingest).
const maxSourceBytes = 512 << 20

// source is the source pane of a form page.
type source struct {
	Kind    string
	Path    string
	DocID   int64
	Lines   []srcLine // text exports: the form's lines
	Pages   []int     // paged sources: the form's pages
	Problem string    // why the source cannot be shown; "" when it can
}

// srcLine is one line of a text export.
type srcLine struct {
	N    int
	Text string
}

// lineOf returns the number of the first of the form's lines that holds
// needle, or 0.
func (s source) lineOf(needle string) int {
	needle = strings.TrimSpace(needle)
	if needle == "" {
		return 0
	}
	for _, l := range s.Lines {
		if strings.Contains(l.Text, needle) {
			return l.N
		}
	}
	return 0
}

// source returns the source pane of r's form.
func (s *Server) source(ctx context.Context, r review.Form) source {
	src := r.Form.Source
	out := source{Kind: string(src.Kind), Path: src.Path, DocID: r.DocumentID}
	switch src.Kind {
	case jixiao.KindText:
		if src.LineFrom == 0 {
			out.Problem = "the form's lines are not known"
			return out
		}
		lines, err := s.files.textLines(s.docPath(src.Path), src.SHA256)
		if err != nil {
			out.Problem = err.Error()
			return out
		}
		for n := src.LineFrom; n <= src.LineTo && n <= len(lines); n++ {
			out.Lines = append(out.Lines, srcLine{N: n, Text: lines[n-1]})
		}
	case jixiao.KindPDF, jixiao.KindPDFOCR, jixiao.KindImage:
		from, to := max(src.PageFrom, 1), max(src.PageTo, src.PageFrom, 1)
		for n := from; n <= to && n-from < 50; n++ {
			out.Pages = append(out.Pages, n)
		}
	default:
		out.Problem = fmt.Sprintf("sources of kind %q cannot be shown", src.Kind)
	}
	return out
}

// docPath resolves a stored document path against BaseDir.
func (s *Server) docPath(p string) string {
	if filepath.IsAbs(p) || s.opt.BaseDir == "" {
		return p
	}
	return filepath.Join(s.opt.BaseDir, p)
}

// handlePage serves page {page} of document {id} as an image: a page of a
// text-layer PDF rendered by pdftoppm at pdfDPI (cached); a page of a scan
// (an image file, every page of a multi-page TIFF, the image of a page of
// an image-only PDF) as the OCR reader decoded it, so that the boxes of the
// record's geometry, in its pixels, fall on it. A page of a page stream is
// the page of its file. Only documents of the database are served, by id, and
// only while the file's SHA-256 is the stored one.
func (s *Server) handlePage(w http.ResponseWriter, r *http.Request) {
	id, err1 := strconv.ParseInt(r.PathValue("id"), 10, 64)
	pageNo, err2 := strconv.Atoi(r.PathValue("page"))
	if err1 != nil || err2 != nil || id <= 0 || pageNo <= 0 || pageNo > 100000 {
		http.Error(w, "bad document or page number", http.StatusBadRequest)
		return
	}
	doc, err := s.opt.DB.DocumentByID(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		http.NotFound(w, r)
		return
	} else if err != nil {
		s.opt.Log.Printf("jixiao serve: document %d: %v", id, err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	path, sha := s.docPath(doc.Path), doc.SHA256
	turn, err := s.opt.DB.PageTurn(r.Context(), id, pageNo)
	if err != nil {
		s.opt.Log.Printf("jixiao serve: document %d page %d: %v", id, pageNo, err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	// A page of a page stream is a page of one of its files.
	if file, fileSHA, filePage, ok, err := s.opt.DB.PageFile(r.Context(), id, pageNo); err != nil {
		s.opt.Log.Printf("jixiao serve: document %d page %d: %v", id, pageNo, err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	} else if ok {
		path, sha, pageNo = s.docPath(file), fileSHA, filePage
	}
	if err := s.files.verify(path, sha); err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	w.Header().Set("Cache-Control", "private, max-age=3600")
	switch doc.Kind {
	case jixiao.KindPDF:
		png, err := s.renderPDFPage(r.Context(), path, sha, pageNo)
		if err != nil {
			s.opt.Log.Printf("jixiao serve: document %d page %d: %v", id, pageNo, err)
			http.Error(w, "the page could not be rendered", http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "image/png")
		http.ServeFile(w, r, png)
	case jixiao.KindImage, jixiao.KindPDFOCR:
		s.serveScanPage(w, r, path, sha, pageNo, turn)
	default:
		http.Error(w, "this document has no pages", http.StatusNotFound)
	}
}

// serveScanPage serves page n of a scanned document: page 1 of a PNG or
// JPEG file as it is, any other page (of a TIFF, which browsers do not
// show, or of an image-only PDF) decoded by package scan, as OCR decodes
// it, and converted to PNG once into the cache. A page that was read
// turned upright (turn degrees clockwise) is served turned the same way, so
// that its boxes fall on it. A page beyond the document's is not found.
func (s *Server) serveScanPage(w http.ResponseWriter, r *http.Request, path, sha string, n, turn int) {
	cached := filepath.Join(s.opt.CacheDir, fmt.Sprintf("%s-p%d-t%d.png", sha, n, turn))
	if _, err := os.Stat(cached); err == nil {
		w.Header().Set("Content-Type", "image/png")
		http.ServeFile(w, r, cached)
		return
	}
	data, err := readLimited(path)
	if err != nil {
		http.Error(w, "the image could not be read", http.StatusNotFound)
		return
	}
	switch kind := sniff.Detect(data); {
	case turn != 0:
	case n == 1 && kind == sniff.PNG:
		w.Header().Set("Content-Type", "image/png")
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(data))
		return
	case n == 1 && kind == sniff.JPEG:
		w.Header().Set("Content-Type", "image/jpeg")
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(data))
		return
	}
	doc, err := scan.Open(data)
	if err != nil || n > doc.Pages() {
		http.Error(w, "no such page", http.StatusNotFound)
		return
	}
	img, err := doc.Page(n)
	if err != nil {
		s.opt.Log.Printf("jixiao serve: %s page %d: %v", filepath.Base(path), n, err)
		http.Error(w, "the page image could not be decoded", http.StatusNotFound)
		return
	}
	if img, err = scan.Rotate(img, turn); err != nil {
		s.opt.Log.Printf("jixiao serve: %s page %d: %v", filepath.Base(path), n, err)
		http.Error(w, "the page image could not be turned", http.StatusNotFound)
		return
	}
	var b bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&b, img); err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	if err := writeCache(cached, b.Bytes()); err != nil {
		s.opt.Log.Printf("jixiao serve: cache %s: %v", cached, err)
	}
	w.Header().Set("Content-Type", "image/png")
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(b.Bytes()))
}

// pdfDPI is the resolution text-layer PDF pages are rendered at: sharp
// at twice the width of the source pane, and at 100% (A4 is 1654 × 2339
// pixels).
const pdfDPI = 200

// renderPDFPage returns the path of a PNG of page n of the PDF at path,
// rendered by pdftoppm at pdfDPI into the cache directory (named by the
// document's SHA-256, so a cached page is never stale).
func (s *Server) renderPDFPage(ctx context.Context, path, sha string, n int) (string, error) {
	out := filepath.Join(s.opt.CacheDir, fmt.Sprintf("%s-p%d-r%d.png", sha, n, pdfDPI))
	s.pages.Lock()
	defer s.pages.Unlock()
	if _, err := os.Stat(out); err == nil {
		return out, nil
	}
	if err := os.MkdirAll(s.opt.CacheDir, 0o700); err != nil {
		return "", err
	}
	tmp, err := os.MkdirTemp(s.opt.CacheDir, "render-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	num := strconv.Itoa(n)
	cmd := exec.CommandContext(ctx, s.opt.Pdftoppm, "-f", num, "-l", num, "-r", strconv.Itoa(pdfDPI), "-png", "-singlefile",
		"--", path, filepath.Join(tmp, "page"))
	if msg, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("pdftoppm: %w: %s", err, bytes.TrimSpace(msg))
	}
	if err := os.Rename(filepath.Join(tmp, "page.png"), out); err != nil {
		return "", err
	}
	return out, nil
}

// fileCache remembers which source files were verified against their
// SHA-256 (by size and modification time) and the decoded lines of a few
// text exports.
type fileCache struct {
	mu       sync.Mutex
	max      int
	verified map[string]stamp    // path → the stamp it had when its hash matched
	lines    map[string][]string // path → decoded lines (at most max entries)
}

// stamp identifies a version of a file cheaply.
type stamp struct {
	sha     string
	size    int64
	modTime time.Time
}

func newFileCache(max int) *fileCache {
	return &fileCache{max: max, verified: map[string]stamp{}, lines: map[string][]string{}}
}

// errChanged is the message when a file no longer has its stored bytes.
var errChanged = errors.New("the source file has changed since it was ingested (its SHA-256 differs); it is not shown")

func stampOf(path, sha string) (stamp, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return stamp{}, fmt.Errorf("the source file %s cannot be read: %w", filepath.Base(path), errors.Unwrap(err))
	}
	if !fi.Mode().IsRegular() {
		return stamp{}, fmt.Errorf("the source %s is not a regular file", filepath.Base(path))
	}
	return stamp{sha: sha, size: fi.Size(), modTime: fi.ModTime()}, nil
}

// verify returns nil when the file at path has the SHA-256 sha.
func (c *fileCache) verify(path, sha string) error {
	st, err := stampOf(path, sha)
	if err != nil {
		return err
	}
	c.mu.Lock()
	ok := c.verified[path] == st
	c.mu.Unlock()
	if ok {
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("the source file cannot be read: %w", errors.Unwrap(err))
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, io.LimitReader(f, maxSourceBytes+1)); err != nil {
		return fmt.Errorf("the source file cannot be read: %w", err)
	}
	if hex.EncodeToString(h.Sum(nil)) != sha {
		return errChanged
	}
	c.mu.Lock()
	c.verified[path] = st
	c.mu.Unlock()
	return nil
}

// textLines returns the lines of the text export at path, decoded as
// ingest decoded them, when its SHA-256 is sha.
func (c *fileCache) textLines(path, sha string) ([]string, error) {
	st, err := stampOf(path, sha)
	if err != nil {
		return nil, err
	}
	key := path + "\x00" + sha
	c.mu.Lock()
	lines, ok := c.lines[key]
	ok = ok && c.verified[path] == st
	c.mu.Unlock()
	if ok {
		return lines, nil
	}
	data, err := readLimited(path)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	if hex.EncodeToString(sum[:]) != sha {
		return nil, errChanged
	}
	rd, _, err := sniff.DecodeText(data[:min(len(data), sniff.HeadSize)], bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("the source file cannot be decoded: %w", err)
	}
	text, err := io.ReadAll(rd)
	if err != nil {
		return nil, fmt.Errorf("the source file cannot be decoded: %w", err)
	}
	lines = strings.Split(strings.ReplaceAll(string(text), "\r\n", "\n"), "\n")
	c.mu.Lock()
	if len(c.lines) >= c.max {
		for k := range c.lines { // drop any one
			delete(c.lines, k)
			break
		}
	}
	c.lines[key] = lines
	c.verified[path] = st
	c.mu.Unlock()
	return lines, nil
}

// readLimited reads the file at path, refusing one above maxSourceBytes.
func readLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("the source file cannot be read: %w", errors.Unwrap(err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxSourceBytes+1))
	if err != nil {
		return nil, fmt.Errorf("the source file cannot be read: %w", err)
	}
	if len(data) > maxSourceBytes {
		return nil, errors.New("the source file is too large to show")
	}
	return data, nil
}

// writeCache writes data to the cache file path atomically (a reader never
// sees half a file).
func writeCache(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "img-")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
