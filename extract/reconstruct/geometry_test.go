package reconstruct_test

import (
	"reflect"
	"testing"

	"jixiao"
	"jixiao/extract/reconstruct"
	"jixiao/extract/table"
)

// boxed is a cell at column col whose box is [x, y, x+w, y+h].
func boxed(text string, x, y, w, h float64) table.Cell {
	return table.Cell{Text: text, Col: int(x), Box: jixiao.Box{x, y, x + w, y + h}}
}

// Each field's place is the box of the cell it was read from: a wrapped
// goal's the union of its cells on its first page, an indicator's level
// the box of the label cell in force, a name joined from two cells their
// union; a source without boxes has no geometry.
func TestGeometry(t *testing.T) {
	rows := []table.Row{
		{Page: 1, Cells: []table.Cell{boxed(jixiao.Title, 100, 10, 400, 30)}},
		{Page: 1, Cells: []table.Cell{boxed("项目名称", 0, 50, 100, 20), boxed("道路养护", 100, 50, 200, 20)}},
		{Page: 1, Cells: []table.Cell{boxed("项目资金总额", 0, 70, 100, 20), boxed("1,000.00", 100, 70, 100, 20)}},
		{Page: 1, Cells: []table.Cell{boxed("项目总目标", 0, 90, 300, 20), boxed("年度总体目标", 300, 90, 300, 20)}},
		{Page: 1, Cells: []table.Cell{boxed("完成道路", 0, 110, 300, 20)}},
		{Page: 1, Cells: []table.Cell{boxed("养护", 0, 130, 300, 20)}},
		{Page: 1, Cells: []table.Cell{boxed("一级指标", 0, 150, 100, 20), boxed("二级指标", 100, 150, 100, 20),
			boxed("三级指标", 200, 150, 200, 20), boxed("年度指标值", 400, 150, 100, 20)}},
		{Page: 1, Cells: []table.Cell{boxed("产出指标", 0, 170, 100, 60), boxed("数量指标", 100, 170, 100, 40),
			boxed("养护", 200, 170, 100, 20), boxed("里程", 300, 170, 100, 20), boxed("10公里", 400, 170, 100, 20)}},
		{Page: 2, Cells: []table.Cell{boxed("完成率", 200, 10, 200, 20), boxed("100%", 400, 10, 100, 20)}},
	}
	f := reconstruct.Form(table.Table{Rows: rows})
	want := map[string]jixiao.Place{
		"title":                {Page: 1, Box: jixiao.Box{100, 10, 500, 40}},
		"project_name":         {Page: 1, Box: jixiao.Box{100, 50, 300, 70}},
		"funds.total":          {Page: 1, Box: jixiao.Box{100, 70, 200, 90}},
		"goals.overall":        {Page: 1, Box: jixiao.Box{0, 110, 300, 150}},
		"indicators[0].level1": {Page: 1, Box: jixiao.Box{0, 170, 100, 230}},
		"indicators[0].level2": {Page: 1, Box: jixiao.Box{100, 170, 200, 210}},
		"indicators[0].name":   {Page: 1, Box: jixiao.Box{200, 170, 400, 190}},
		"indicators[0].value":  {Page: 1, Box: jixiao.Box{400, 170, 500, 190}},
		// The labels in force were read on page 1, the row on page 2.
		"indicators[1].level1": {Page: 1, Box: jixiao.Box{0, 170, 100, 230}},
		"indicators[1].level2": {Page: 1, Box: jixiao.Box{100, 170, 200, 210}},
		"indicators[1].name":   {Page: 2, Box: jixiao.Box{200, 10, 400, 30}},
		"indicators[1].value":  {Page: 2, Box: jixiao.Box{400, 10, 500, 30}},
	}
	if !reflect.DeepEqual(f.Geometry, want) {
		t.Errorf("geometry:\n got %v\nwant %v", f.Geometry, want)
	}

	// The same rows without boxes (a text export): no geometry.
	for i := range rows {
		rows[i].Page, rows[i].Line = 0, i+1
		for j := range rows[i].Cells {
			rows[i].Cells[j].Box = jixiao.Box{}
		}
	}
	if g := reconstruct.Form(table.Table{Rows: rows}).Geometry; g != nil {
		t.Errorf("a text export has geometry %v", g)
	}
}
