package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
)

// pageText returns the text of page n (1-based) of pdf, from pdftotext in
// its reading-order mode (a cell's wrapped lines stay together).
func pageText(ctx context.Context, pdf string, n int) (string, error) {
	p := strconv.Itoa(n)
	out, err := exec.CommandContext(ctx, "pdftotext", "-enc", "UTF-8", "-f", p, "-l", p, pdf, "-").Output()
	if err != nil {
		return "", fmt.Errorf("pdftotext %s page %d: %w", pdf, n, err)
	}
	return string(out), nil
}

// pageCount returns the number of pages of pdf, from pdfinfo.
func pageCount(ctx context.Context, pdf string) (int, error) {
	out, err := exec.CommandContext(ctx, "pdfinfo", pdf).Output()
	if err != nil {
		return 0, fmt.Errorf("pdfinfo %s: %w", pdf, err)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(out)
	if m == nil {
		return 0, fmt.Errorf("pdfinfo %s: no page count", pdf)
	}
	return strconv.Atoi(string(m[1]))
}

// Marks of a form in the text of a page, and the label printed right of
// the project name.
const (
	titleMark  = "财政项目支出绩效目标申报表"
	nameMark   = "项目名称"
	natureMark = "项目性质"
)

// nameAfter returns the project name printed after a 项目名称 label, given
// the text that follows the label: up to the 项目性质 label if that comes
// within a few lines, else the next non-empty line; spaces and line breaks
// removed (a name may wrap in its cell).
func nameAfter(rest string) string {
	if k := strings.Index(rest, natureMark); k >= 0 && strings.Count(rest[:k], "\n") <= 8 {
		rest = rest[:k]
	} else {
		for _, l := range strings.Split(rest, "\n") {
			if strings.TrimSpace(l) != "" {
				rest = l
				break
			}
		}
	}
	return strings.Join(strings.Fields(rest), "")
}

// formsOnPages returns, for each page's text, the 1-based numbers of the
// forms it shows, and the project names of the forms in order. A form
// starts where 项目名称 is printed (each start is the next form number); a
// page with text before its first title or 项目名称 (or with neither)
// continues the form of the page before.
func formsOnPages(texts []string) (pages [][]int, names []string) {
	pages = make([][]int, len(texts))
	for i, t := range texts {
		first := len(t)
		for _, mark := range []string{titleMark, nameMark} {
			if k := strings.Index(t, mark); k >= 0 && k < first {
				first = k
			}
		}
		if strings.TrimSpace(t[:first]) != "" && len(names) > 0 {
			pages[i] = append(pages[i], len(names))
		}
		for rest := t; ; {
			k := strings.Index(rest, nameMark)
			if k < 0 {
				break
			}
			rest = rest[k+len(nameMark):]
			names = append(names, nameAfter(rest))
			pages[i] = append(pages[i], len(names))
		}
	}
	return pages, names
}

// checkNames compares the project names read from the PDF with those of
// the golden records, in order, spaces ignored. With partial, a name read
// may be a part of the golden's of at least two characters: a name wrapped
// over three lines in a narrow cell comes out of pdftotext in pieces, some
// before the 项目名称 label.
func checkNames(names []string, goldens []string, partial bool) error {
	if len(names) != len(goldens) {
		return fmt.Errorf("the PDF shows %d forms, the goldens are %d", len(names), len(goldens))
	}
	for i, g := range goldens {
		b, err := os.ReadFile(g)
		if err != nil {
			return err
		}
		var rec struct {
			ProjectName string `json:"project_name"`
		}
		if err := json.Unmarshal(b, &rec); err != nil {
			return fmt.Errorf("%s: %w", g, err)
		}
		want := strings.Join(strings.Fields(rec.ProjectName), "")
		if partial && len([]rune(names[i])) >= 2 && strings.Contains(want, names[i]) {
			continue
		}
		if names[i] != want {
			return fmt.Errorf("form %d: the PDF shows project %q, %s has %q", i+1, names[i], g, rec.ProjectName)
		}
	}
	return nil
}
