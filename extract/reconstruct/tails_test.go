package reconstruct

import "testing"

func TestJoinClosingTails(t *testing.T) {
	for _, c := range []struct {
		name string
		in   []string
		want []string
	}{
		{"a bracket cut off a merged label", []string{
			"项目资金(万|年初预算数|全年预算数",
			"|总额|85.6|90",
			"）|其中：本年财政拨款|85.6|90",
		}, []string{
			"项目资金(万）|年初预算数|全年预算数",
			"|总额|85.6|90",
			"|其中：本年财政拨款|85.6|90",
		}},
		{"nothing above it: left", []string{
			"|总额|85.6",
			"）|其中：本年财政拨款|85.6",
		}, nil},
		{"more than brackets: left", []string{
			"项目资金(万|年初预算数",
			"元）|总额",
		}, nil},
	} {
		want := c.want
		if want == nil {
			want = c.in
		}
		rows := page(c.in...)
		joinClosingTails(rows)
		if g, w := texts(rows), texts(page(want...)); g != w {
			t.Errorf("%s:\n got %s\nwant %s", c.name, g, w)
		}
	}
}
