package web

import (
	"testing"

	"jixiao"
)

func TestCellBox(t *testing.T) {
	f := jixiao.Form{
		Pages: []jixiao.Page{
			{Page: 1, Width: 1000, Height: 2000, Unit: jixiao.UnitPixel},
			{Page: 2, Width: 595.28, Height: 841.89, Unit: jixiao.UnitPoint},
		},
		Geometry: map[string]jixiao.Place{
			"project_name":        {Page: 1, Box: jixiao.Box{100, 200, 600, 300}},
			"indicators[0].value": {Page: 2, Box: jixiao.Box{0, 0, 595.28, 841.89}},
			"funds.total":         {Page: 3, Box: jixiao.Box{1, 1, 2, 2}},           // no size for page 3
			"goals.overall":       {Page: 1, Box: jixiao.Box{5, 5, 5, 9}},           // empty
			"department":          {Page: 1, Box: jixiao.Box{-10, 1900, 500, 2100}}, // beyond the page
		},
	}
	tests := []struct{ field, want string }{
		{"project_name", "1,0.10000,0.10000,0.50000,0.05000"},
		{"indicators[0].value", "2,0.00000,0.00000,1.00000,1.00000"},
		{"funds.total", ""},
		{"goals.overall", ""},
		{"department", "1,0.00000,0.95000,0.51000,0.10000"},
		{"end_date", ""},
	}
	for _, tt := range tests {
		if got := cellBox(f, tt.field); got != tt.want {
			t.Errorf("cellBox(%s) = %q, want %q", tt.field, got, tt.want)
		}
	}
	if got := cellBox(jixiao.Form{}, "project_name"); got != "" {
		t.Errorf("cellBox of a text export = %q", got)
	}
}
