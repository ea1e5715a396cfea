package extract

import (
	"cmp"
	"errors"
	"fmt"
	"slices"

	"jixiao"
	"jixiao/extract/ocr"
	"jixiao/extract/reconstruct"
	"jixiao/extract/table"
)

// pageRole is what a page of a stream does to the form before it.
type pageRole int

const (
	// roleBlank: no title and nothing of a grid (a blank back, noise).
	roleBlank pageRole = iota
	// roleStart: its first content starts a form (a title or 项目名称 row).
	roleStart
	// roleContinue: grid content before any title: it continues the form
	// of the page before it (and may start another further down).
	roleContinue
)

// roleOf classifies a page by its rows: grid content (a row of two cells or
// more, or a row with an indicator label such as 产出指标 or 数量指标) before
// the first row that starts a form makes it a continuation.
func roleOf(rows []table.Row) pageRole {
	for _, r := range rows {
		switch {
		case table.StartsForm(r):
			return roleStart
		case gridRow(r):
			return roleContinue
		}
	}
	return roleBlank
}

// gridRow reports whether r looks like a row of a form's table rather than
// stray text: two cells or more, or a cell that is a label of the form.
func gridRow(r table.Row) bool {
	if len(r.Cells) >= 2 {
		return true
	}
	for _, c := range r.Cells {
		if _, ok := reconstruct.Label(c.Text); ok {
			return true
		}
	}
	return false
}

// joinStream makes the documents of a stream from its read pages (perFile
// in file order): it finds the files that fail on their own, cuts the rest
// into runs of whole forms, and reads each run's rows as one document.
// The parts are in the order of their first files.
func joinStream(files []StreamFile, perFile [][]streamPage) []StreamPart {
	fileErr := make([]error, len(files)) // a file that fails on its own
	// Walk the pages as the splitter will, to find the continuation pages
	// that have no form to continue.
	inForm := false
	var lastFailed *streamPage // the last page that could not be read, since the last form start
	for i, ps := range perFile {
		allFailed, hasStart := len(ps) > 0, false
		var orphan error
		for k := range ps {
			p := &ps[k]
			if p.err != nil {
				inForm, lastFailed = false, p
				continue
			}
			allFailed = false
			if p.role == roleContinue && !inForm {
				p.orphan = orphanError(files, p, lastFailed)
				orphan = cmp.Or(orphan, p.orphan)
				if !startsLater(p.rows) {
					lastFailed = p // the next continuation needed it
				}
			}
			if startsLater(p.rows) {
				inForm, lastFailed, hasStart = true, nil, true
			}
		}
		switch {
		case allFailed:
			fileErr[i] = firstError(ps)
		case orphan != nil && !hasStart:
			fileErr[i] = orphan
		}
	}

	type part struct {
		first int
		p     StreamPart
	}
	var parts []part
	var run []int // files of the document being gathered
	runHasForm := false
	flush := func() {
		if len(run) > 0 {
			parts = append(parts, part{run[0], StreamPart{Doc: readRun(files, perFile, run)}})
		}
		run, runHasForm = nil, false
	}
	for i, ps := range perFile {
		if fileErr[i] != nil {
			parts = append(parts, part{i, StreamPart{File: files[i], Err: fileErr[i]}})
			continue
		}
		role := firstRole(ps)
		if role == roleStart && runHasForm {
			flush()
		}
		run = append(run, i)
		runHasForm = runHasForm || role != roleBlank
	}
	flush()
	slices.SortStableFunc(parts, func(a, b part) int { return a.first - b.first })
	out := make([]StreamPart, len(parts))
	for i, p := range parts {
		out[i] = p.p
	}
	return out
}

// startsLater reports whether one of rows starts a form.
func startsLater(rows []table.Row) bool {
	for _, r := range rows {
		if table.StartsForm(r) {
			return true
		}
	}
	return false
}

// firstRole returns the role of the first page of ps that is not blank and
// was read, roleBlank if none.
func firstRole(ps []streamPage) pageRole {
	for _, p := range ps {
		if p.err == nil && p.role != roleBlank {
			return p.role
		}
	}
	return roleBlank
}

func firstError(ps []streamPage) error {
	for _, p := range ps {
		if p.err != nil {
			return p.err
		}
	}
	return nil
}

// orphanError is the failure of page p, a continuation with no form to
// continue: the page before it that could not be read (failed, if any)
// or the stream's lack of a first page.
func orphanError(files []StreamFile, p, failed *streamPage) error {
	fe := &jixiao.Error{Op: "extract", Path: files[p.file].Path, Kind: jixiao.ErrNoForm}
	if p.filePage > 1 {
		fe.Page = p.filePage
	}
	switch {
	case failed != nil && failed.err != nil:
		fe.Err = fmt.Errorf("this page has no title and continues the form of %s, which could not be read (%v)",
			pageName(files, failed), errors.Unwrap(failed.err))
		return fe
	case failed != nil:
		fe.Err = fmt.Errorf("this page has no title and continues the form of %s, which has no form to continue either",
			pageName(files, failed))
		return fe
	}
	fe.Err = fmt.Errorf("this page has no %s and continues a form, but no page before it in its directory starts one "+
		"(its first page is missing, or the files' names do not sort in page order)", jixiao.Title)
	return fe
}

// pageName names a page of a stream for a message: its file, and its page
// in the file when the file has several.
func pageName(files []StreamFile, p *streamPage) string {
	if p.filePage > 1 {
		return fmt.Sprintf("%s page %d", files[p.file].Path, p.filePage)
	}
	return files[p.file].Path
}

// readRun reads the files run of a stream (indexes into files) as one
// document: their pages numbered from 1 in order, blank pages skipped,
// forms never joined across a page that could not be read.
func readRun(files []StreamFile, perFile [][]streamPage, run []int) Document {
	doc := Document{Kind: jixiao.KindImage}
	var hashes []string
	var pages []*streamPage // by the document's page number - 1
	for _, i := range run {
		f := files[i]
		hashes = append(hashes, f.SHA256)
		doc.Size += f.Size
		sf := SourceFile{Path: f.Path, SHA256: f.SHA256, Size: f.Size, FirstPage: len(pages) + 1}
		for k := range perFile[i] {
			p := &perFile[i][k]
			if p.filePage > 0 {
				sf.Pages++
			}
			pages = append(pages, p)
		}
		doc.Files = append(doc.Files, sf)
	}
	doc.SHA256 = StreamSHA256(hashes)
	doc.Pages = len(pages)
	doc.Path = doc.Files[0].Path
	for _, p := range pages {
		if p.err == nil && p.role != roleBlank {
			doc.Path = files[p.file].Path
			break
		}
	}

	sizes := make([]jixiao.Page, len(pages))
	failed := map[int]bool{}
	split := table.NewSplitter(func(t table.Table) error {
		f := reconstruct.FormWith(t, reconstruct.Options{LowConfidence: ocr.LowConfidence})
		flagUnreadStream(&f, files, pages, failed)
		f.Pages = pagesOf(sizes, f.Source.PageFrom, f.Source.PageTo)
		doc.Forms = append(doc.Forms, f)
		return nil
	})
	for n, p := range pages {
		page := n + 1
		switch {
		case p.err != nil:
			failed[page] = true
			doc.Problems = append(doc.Problems, p.err)
			split.Break()
			continue
		case p.role == roleBlank:
			doc.Blank++
			continue
		case p.orphan != nil:
			doc.Problems = append(doc.Problems, p.orphan)
		}
		sizes[n] = p.size
		sizes[n].Page, sizes[n].File, sizes[n].FilePage = page, files[p.file].Path, p.filePage
		for _, r := range p.rows {
			r.Page = page
			_ = split.Add(r)
		}
	}
	_ = split.Close()
	for i := range doc.Forms {
		s := &doc.Forms[i].Source
		s.Path, s.SHA256, s.Kind, s.FormIndex = doc.Path, doc.SHA256, doc.Kind, i+1
	}
	return doc
}

// flagUnreadStream flags a form next to a page of its document that could
// not be read (skipping blank pages), naming the page's file.
func flagUnreadStream(f *jixiao.Form, files []StreamFile, pages []*streamPage, failed map[int]bool) {
	near := func(from, step int) {
		for p := from; p >= 1 && p <= len(pages); p += step {
			sp := pages[p-1]
			switch {
			case failed[p]:
				f.Flags = append(f.Flags, jixiao.Flag{Code: jixiao.FlagPageUnread, Field: "",
					Message: fmt.Sprintf("page %d (%s) could not be read (%v): this form may be incomplete",
						p, pageName(files, sp), errors.Unwrap(sp.err))})
				return
			case sp.role == roleBlank:
				continue
			}
			return
		}
	}
	near(f.Source.PageFrom-1, -1)
	near(f.Source.PageTo+1, 1)
}
