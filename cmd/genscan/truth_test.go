package main

import (
	"reflect"
	"strings"
	"testing"
)

func TestFound(t *testing.T) {
	for _, tc := range []struct {
		text  string
		names []string
		want  int
	}{
		{"甲乙丙", []string{"甲", "丙"}, 2},
		{"甲乙丙", []string{"丁"}, 0},
		// A name inside a longer one is not counted on the longer one's
		// print.
		{"实验室建设验收合格性", []string{"实验室建设", "实验室建设验收合格性"}, 1},
		{"实验室建设验收合格性实验室建设", []string{"实验室建设", "实验室建设验收合格性"}, 2},
		// A name printed twice is found twice, once per indicator.
		{"完成工作完成工作", []string{"完成工作", "完成工作"}, 2},
		{"完成工作", []string{"完成工作", "完成工作"}, 1},
		{"甲", []string{""}, 0},
	} {
		if got := found(tc.text, tc.names); got != tc.want {
			t.Errorf("found(%q, %q) = %d, want %d", tc.text, tc.names, got, tc.want)
		}
	}
}

func TestPlaceRows(t *testing.T) {
	for _, tc := range []struct {
		name  string
		texts []string
		names []string
		want  []int // nil: an error
	}{
		{"one page", []string{"一级指标甲乙丙"}, []string{"甲", "乙", "丙"}, []int{3}},
		{"two pages", []string{"一级指标甲乙", "丙丁"}, []string{"甲", "乙", "丙", "丁"}, []int{2, 2}},
		{"grid on the second page", []string{"", "一级指标甲乙丙"}, []string{"甲", "乙", "丙"}, []int{0, 3}},
		{"one row left", []string{"甲乙丙", "丁"}, []string{"甲", "乙", "丙", "丁"}, []int{3, 1}},
		// A name lost in the text (a wrapped cell read in pieces) is
		// placed by its neighbours.
		{"a name not found", []string{"甲乙", "丁戊"}, []string{"甲", "乙", "丙", "丁", "戊"}, nil},
		{"a name not found inside a run", []string{"甲丙", "丁戊"}, []string{"甲", "乙", "丙", "丁", "戊"}, []int{3, 2}},
		{"substring across the break", []string{"实验室建设", "实验室建设验收合格性"}, []string{"实验室建设", "实验室建设验收合格性"}, []int{1, 1}},
		{"same name on both pages", []string{"完成工作甲", "完成工作"}, []string{"完成工作", "甲", "完成工作"}, []int{2, 1}},
		{"no name found", []string{"", ""}, []string{"甲", "乙"}, nil},
		{"no page", nil, []string{"甲"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := placeRows(tc.texts, tc.names)
			if tc.want == nil {
				if err == nil {
					t.Errorf("placeRows = %v, want an error", got)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tc.want) {
				t.Errorf("placeRows = %v, %v; want %v", got, err, tc.want)
			}
		})
	}
}

func TestGridText(t *testing.T) {
	page := "财政项目支出绩效目标申报表\n项目名称 甲\n年度总体目标 完成 乙\n一级指标\n二级指标\n乙 丙\n"
	if got := gridText(page, true); got != "一级指标二级指标乙丙" {
		t.Errorf("first page: %q", got)
	}
	if got := gridText("乙 丙\n", false); got != "乙丙" {
		t.Errorf("continuation page: %q", got)
	}
	if got := gridText("项目名称 甲 乙", true); got != "" {
		t.Errorf("first page before the grid: %q", got)
	}
}

func TestParseBBox(t *testing.T) {
	s := `<!DOCTYPE html><html><body><doc>
<page width="595.280000" height="841.890000">
    <word xMin="56.7" yMin="30.1" xMax="112.5" yMax="41.0">项目名称</word>
    <word xMin="120.0" yMin="30.1" xMax="130.0" yMax="41.0">A&amp;B</word>
</page>
<page width="841.890000" height="595.280000">
</page>
</doc></body></html>`
	pages, err := parseBBox(s)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 2 || pages[0].w != 595.28 || pages[1].h != 595.28 || len(pages[0].words) != 2 || len(pages[1].words) != 0 {
		t.Fatalf("pages = %+v", pages)
	}
	if w := pages[0].words[1]; w.text != "A&B" || w.x0 != 120 || w.y1 != 41 {
		t.Errorf("word = %+v", w)
	}
	if w, ok := pages[0].find("名称"); !ok || w.x0 != 56.7 {
		t.Errorf("find = %+v, %v", w, ok)
	}
	if _, err := parseBBox("<html></html>"); err == nil {
		t.Error("no page: no error")
	}
}

// Cells cover every form of a split, hold distinct forms, and a cell's
// forms do not depend on which other cells are chosen.
func TestCells(t *testing.T) {
	forms := []int{2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34, 36, 38, 40, 42, 44}
	all := cells(splitMeasure, forms, 8, nil, nil)
	if len(all) != 4*len(classes) {
		t.Fatalf("%d cells, want 4 faces × %d classes", len(all), len(classes))
	}
	seen := map[int]bool{}
	byName := map[string][]int{}
	for _, c := range all {
		if c.face.split != splitMeasure || len(c.forms) != 8 {
			t.Errorf("cell %s/%s: split %s, %d forms", c.face.name, c.class.name, c.face.split, len(c.forms))
		}
		in := map[int]bool{}
		for _, f := range c.forms {
			if in[f] {
				t.Errorf("cell %s/%s has form %d twice", c.face.name, c.class.name, f)
			}
			in[f], seen[f] = true, true
		}
		byName[c.face.name+"/"+c.class.name] = c.forms
	}
	if len(seen) != len(forms) {
		t.Errorf("the cells show %d of %d forms", len(seen), len(forms))
	}
	for _, sel := range []struct{ faces, classes []string }{
		{[]string{"zenhei"}, nil},
		{nil, []string{"backs", "clean300"}},
		{[]string{"notosans", "ukai"}, []string{"colourseal"}},
	} {
		for _, c := range cells(splitMeasure, forms, 8, sel.faces, sel.classes) {
			if k := c.face.name + "/" + c.class.name; !reflect.DeepEqual(c.forms, byName[k]) {
				t.Errorf("cell %s chosen with -faces %v -classes %v holds %v, in the full grid %v", k, sel.faces, sel.classes, c.forms, byName[k])
			}
		}
	}
	// Every face is of one split, every class in one table.
	for _, f := range faces {
		if f.split != splitTune && f.split != splitMeasure {
			t.Errorf("face %s: split %q", f.name, f.split)
		}
		if f.size < 10 || f.size > 11.5 {
			t.Errorf("face %s: size %g outside 10-11.5 pt", f.name, f.size)
		}
	}
}

func TestCorpusUsage(t *testing.T) {
	for _, args := range [][]string{
		{"corpus"},
		{"corpus", "-out-dir", "d", "-split", "both"},
		{"corpus", "-out-dir", "d", "-faces", "droid"},                   // a tuning face, -split measure
		{"corpus", "-out-dir", "d", "-faces", "arial"},                   // no such face
		{"corpus", "-out-dir", "d", "-classes", "scan200,coffee"},        // no such class
		{"corpus", "-out-dir", "d", "-forms-per-cell", "0"},              // no form
		{"corpus", "-out-dir", "d", "-repeat", "0"},                      // no repetition
		{"corpus", "-out-dir", "d", "extra"},                             // no arguments
		{"corpus", "-out-dir", "d", "-split", "tune", "-faces", "uming"}, // a measurement face
	} {
		var b strings.Builder
		if code := run(t.Context(), args, &b); code != 2 {
			t.Errorf("run %q = %d, want 2", args, code)
		}
	}
	var b strings.Builder
	if code := run(t.Context(), []string{"corpus", "-help"}, &b); code != 2 || !strings.Contains(b.String(), "genscan corpus -out-dir") || !strings.Contains(b.String(), "colourseal") {
		t.Errorf("-help: exit %d, %q", code, b.String())
	}
}
