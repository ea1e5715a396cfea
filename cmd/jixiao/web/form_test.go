package web

import (
	"testing"

	"jixiao/extract/form"
)

func TestCellBox(t *testing.T) {
	f := form.Form{
		Pages: []form.Page{
			{Page: 1, Width: 1000, Height: 2000, Unit: form.UnitPixel},
			{Page: 2, Width: 595.28, Height: 841.89, Unit: form.UnitPoint},
		},
		Geometry: map[string]form.Place{
			"project_name":        {Page: 1, Box: form.Box{100, 200, 600, 300}},
			"indicators[0].value": {Page: 2, Box: form.Box{0, 0, 595.28, 841.89}},
			"funds.total":         {Page: 3, Box: form.Box{1, 1, 2, 2}},           // no size for page 3
			"goals.overall":       {Page: 1, Box: form.Box{5, 5, 5, 9}},           // empty
			"department":          {Page: 1, Box: form.Box{-10, 1900, 500, 2100}}, // beyond the page
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
	if got := cellBox(form.Form{}, "project_name"); got != "" {
		t.Errorf("cellBox of a text export = %q", got)
	}
}
