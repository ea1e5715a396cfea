package reconstruct_test

import (
	"slices"
	"strings"
	"testing"

	"jixiao"
	"jixiao/extract/reconstruct"
	"jixiao/extract/table"
)

// cellsAt makes a row of cells "text@confidence" (no @: not measured).
func cellsAt(page int, specs ...string) table.Row {
	r := table.Row{Page: page}
	for i, s := range specs {
		text, conf, _ := strings.Cut(s, "@")
		c := table.Cell{Text: text, Col: i * 100}
		switch conf {
		case "lo":
			c.Confidence = 0.5
		case "mid":
			c.Confidence = 0.9
		case "min":
			c.Confidence = table.MinConfidence
		}
		r.Cells = append(r.Cells, c)
	}
	return r
}

func TestConfidence(t *testing.T) {
	tests := []struct {
		name     string
		rows     []table.Row
		conf     []float64 // each indicator's confidence
		lowAt    []string  // fields flagged low_confidence, in order
		noThresh bool      // Form instead of FormWith
	}{
		{
			name: "text cells are certain",
			rows: []table.Row{
				cellsAt(1, title), cellsAt(1, "项目名称", "A"),
				cellsAt(1, "绩效指标", "一级指标", "二级指标", "三级指标", "指标值"),
				cellsAt(1, "产出指标", "数量指标", "n", "1"),
			},
			conf: []float64{1},
		},
		{
			name: "header, funds and goal fields below the threshold",
			rows: []table.Row{
				cellsAt(1, title), cellsAt(1, "项目名称", "A@lo", "主管部门", "B@mid"),
				cellsAt(1, "其他资金", "0@mid", "其他资金", "0@lo"),
				cellsAt(1, "项目总目标", "年度总体目标"), cellsAt(1, "goal1@mid", "goal2"), cellsAt(1, "more@min"),
			},
			lowAt: []string{"project_name", "funds.annual_other", "goals.overall"},
		},
		{
			name: "an unsure level-2 label counts for every indicator under it",
			rows: []table.Row{
				cellsAt(1, title), cellsAt(1, "绩效指标", "一级指标", "二级指标", "三级指标", "指标值"),
				cellsAt(1, "产出指标", "数量指标@lo", "n1@mid", "1"),
				cellsAt(2, "n2", "2@mid"),
				cellsAt(2, "质量指标", "n3@lo", "x@mid", "3@min"),
			},
			conf:  []float64{0.5, 0.5, table.MinConfidence},
			lowAt: []string{"indicators[0].level2", "indicators[1].level2", "indicators[2].name", "indicators[2].value"},
		},
		{
			name: "no threshold, no flags; confidences still kept",
			rows: []table.Row{
				cellsAt(1, title), cellsAt(1, "项目名称", "A@lo"),
				cellsAt(1, "绩效指标", "一级指标", "二级指标", "三级指标", "指标值"),
				cellsAt(1, "满意度指标@mid", "n@mid", "95%@lo"),
			},
			conf:     []float64{0.5},
			noThresh: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tb := table.Table{Rows: tt.rows}
			f := reconstruct.FormWith(tb, reconstruct.Options{LowConfidence: 0.8})
			if tt.noThresh {
				f = reconstruct.Form(tb)
			}
			var got []float64
			for _, ind := range f.Indicators {
				got = append(got, ind.Confidence)
			}
			if !slices.Equal(got, tt.conf) {
				t.Errorf("confidences %v, want %v", got, tt.conf)
			}
			var low []string
			for _, fl := range f.Flags {
				if fl.Code == jixiao.FlagLowConfidence {
					low = append(low, fl.Field)
					if !strings.Contains(fl.Message, "OCR confidence 0.") {
						t.Errorf("message %q does not give the confidence", fl.Message)
					}
				}
			}
			if !slices.Equal(low, tt.lowAt) {
				t.Errorf("low_confidence on %v, want %v", low, tt.lowAt)
			}
		})
	}
}
