package main

import (
	"context"
	"fmt"
	"html"
	"os/exec"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// word is a word of a page's text with its box, in points from the page's
// top left corner, as `pdftotext -bbox` gives it.
type word struct {
	x0, y0, x1, y1 float64
	text           string
}

// pdfPage is one page's size in points and its words.
type pdfPage struct {
	w, h  float64
	words []word
}

var (
	bboxPage = regexp.MustCompile(`<page width="([0-9.]+)" height="([0-9.]+)">`)
	bboxWord = regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>`)
)

// pageWords returns the words of every page of pdf, from `pdftotext
// -bbox`.
func pageWords(ctx context.Context, pdf string) ([]pdfPage, error) {
	out, err := exec.CommandContext(ctx, "pdftotext", "-enc", "UTF-8", "-bbox", pdf, "-").Output()
	if err != nil {
		return nil, fmt.Errorf("pdftotext -bbox %s: %w", pdf, err)
	}
	return parseBBox(string(out))
}

// parseBBox reads the XHTML of `pdftotext -bbox`.
func parseBBox(s string) ([]pdfPage, error) {
	var pages []pdfPage
	locs := bboxPage.FindAllStringSubmatchIndex(s, -1)
	for i, l := range locs {
		end := len(s)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		var p pdfPage
		p.w, _ = strconv.ParseFloat(s[l[2]:l[3]], 64)
		p.h, _ = strconv.ParseFloat(s[l[4]:l[5]], 64)
		for _, m := range bboxWord.FindAllStringSubmatch(s[l[1]:end], -1) {
			var v [4]float64
			for k := range v {
				v[k], _ = strconv.ParseFloat(m[1+k], 64)
			}
			p.words = append(p.words, word{v[0], v[1], v[2], v[3], html.UnescapeString(m[5])})
		}
		pages = append(pages, p)
	}
	if len(pages) == 0 {
		return nil, fmt.Errorf("pdftotext -bbox: no page")
	}
	return pages, nil
}

// find returns the first word containing s, and false if none does.
func (p pdfPage) find(s string) (word, bool) {
	for _, w := range p.words {
		if strings.Contains(w.text, s) {
			return w, true
		}
	}
	return word{}, false
}

// Labels of the indicator grid's header row.
const (
	gridMark   = "一级指标"
	level2Mark = "二级指标"
	level3Mark = "三级指标"
)

// compact removes all white space from s.
func compact(s string) string { return strings.Join(strings.Fields(s), "") }

// gridText returns the part of a page's text where indicator rows can be:
// from the grid's header row on if the page has one, else (a continuation
// page) all of it, else (the first page of a form whose grid has not begun)
// nothing. Spaces and line breaks are removed.
func gridText(text string, first bool) string {
	if k := strings.Index(text, gridMark); k >= 0 {
		return compact(text[k:])
	}
	if first {
		return ""
	}
	return compact(text)
}

// found returns how many of names can be found in text, each at a place of
// its own: longer names are looked for first and their places blanked, so
// that a name printed inside a longer one (实验室建设, 实验室建设验收合格性)
// is not counted twice, and a name printed twice is found twice.
func found(text string, names []string) int {
	sorted := append([]string(nil), names...)
	sort.SliceStable(sorted, func(i, j int) bool { return len(sorted[i]) > len(sorted[j]) })
	n := 0
	for _, name := range sorted {
		if k := strings.Index(text, name); k >= 0 && name != "" {
			text = text[:k] + "\x00" + text[k+len(name):]
			n++
		}
	}
	return n
}

// placeRows finds how many indicator rows each of a form's pages holds.
// texts are the grid texts of the form's pages in order (gridText), names
// its indicator names in order (spaces removed). The rows of a page are a
// run of the indicators, the runs in page order; the split chosen is the
// one under which most names are found on their page. It is an error if
// two splits do equally well: the truth is never guessed.
func placeRows(texts, names []string) ([]int, error) {
	m, k := len(texts), len(names)
	if m == 0 {
		return nil, fmt.Errorf("no page")
	}
	// best[j][b]: the most names found when pages 0…j-1 hold indicators
	// 0…b-1; ways counts the splits that do as well (capped at 2).
	best := make([][]int, m+1)
	ways := make([][]int, m+1)
	from := make([][]int, m+1)
	for j := range best {
		best[j], ways[j], from[j] = make([]int, k+1), make([]int, k+1), make([]int, k+1)
		for b := range best[j] {
			best[j][b] = -1
		}
	}
	best[0][0], ways[0][0] = 0, 1
	for j := 0; j < m; j++ {
		for a := 0; a <= k; a++ {
			if best[j][a] < 0 {
				continue
			}
			for b := a; b <= k; b++ {
				s := best[j][a] + found(texts[j], names[a:b])
				switch {
				case s > best[j+1][b]:
					best[j+1][b], ways[j+1][b], from[j+1][b] = s, ways[j][a], a
				case s == best[j+1][b]:
					ways[j+1][b] = min(ways[j+1][b]+ways[j][a], 2)
				}
			}
		}
	}
	if ways[m][k] != 1 {
		return nil, fmt.Errorf("indicator rows cannot be placed on the pages: %d of %d names found, and %s",
			best[m][k], k, "another split finds as many")
	}
	rows := make([]int, m)
	for j, b := m, k; j > 0; j-- {
		a := from[j][b]
		rows[j-1] = b - a
		b = a
	}
	return rows, nil
}
