package html

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"jixiao/extract/table"
)

func rows(t testing.TB, page string) ([]table.Row, error) {
	t.Helper()
	var out []table.Row
	err := Rows(strings.NewReader(page), func(r table.Row) error {
		out = append(out, r)
		return nil
	})
	return out, err
}

// format prints rows as "line:col=text|col=text".
func format(rs []table.Row) string {
	var b strings.Builder
	for _, r := range rs {
		fmt.Fprintf(&b, "%d:", r.Line)
		for i, c := range r.Cells {
			if i > 0 {
				b.WriteByte('|')
			}
			fmt.Fprintf(&b, "%d=%s", c.Col, c.Text)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func TestRows(t *testing.T) {
	tests := []struct {
		name, page, want string
	}{
		{"spans", `<table>
<tr><td rowspan="3">绩效指标</td><td>一级指标</td><td colspan="2">二级指标</td><td>值</td></tr>
<tr><td rowspan="2">产出指标</td><td>数量指标</td><td>x</td><td>1</td></tr>
<tr><td>质量指标</td><td>y</td><td>2</td></tr>
<tr><td>a</td><td>b</td></tr>
</table>`, "1:0=绩效指标|1=一级指标|2=二级指标|4=值\n2:1=产出指标|2=数量指标|3=x|4=1\n3:2=质量指标|3=y|4=2\n4:0=a|1=b\n"},
		{"blocks around a table", `<!DOCTYPE html><html><head><title>不读</title><style>td{}</style></head><body>
<h1>财政项目支出绩效目标申报表</h1><p class=year>(2023年度)</p>
<table><caption>说明</caption><tbody><tr><th>项目名称</th><td>A &amp; B</td></tr></tbody></table><script>x()</script>
<div>尾 <b>注</b></div></body></html>`, "1:0=财政项目支出绩效目标申报表\n2:0=(2023年度)\n3:0=说明\n4:0=项目名称|1=A & B\n5:0=尾 注\n"},
		{"white space and breaks", "<table><tr><td>\n  一<br>二\u3000</td><td>  </td><td>\t三  四 </td></tr><tr></tr><tr><td>五</td></tr></table>",
			"1:0=一 二|2=三 四\n3:0=五\n"},
		{"bad spans", `<table><tr><td colspan="x">a</td><td rowspan="-1" colspan="0">b</td><td colspan="99999">c</td></tr><tr><td>d</td></tr></table>`,
			"1:0=a|1=b|2=c\n2:0=d\n"},
		{"nested table flattened", `<table><tr><td>外<table><tr><td>内</td><td>格</td></tr></table></td><td>z</td></tr></table>`, "1:0=外 内 格|1=z\n"},
		{"unclosed tags", `<table><tr><td>a<td>b<tr><td>c`, "1:0=a|1=b\n2:0=c\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := rows(t, tt.page)
			if err != nil {
				t.Fatal(err)
			}
			if s := format(got); s != tt.want {
				t.Errorf("got\n%s\nwant\n%s", s, tt.want)
			}
		})
	}
}

func TestLimits(t *testing.T) {
	wide := `<table><tr><td colspan="1000">a</td>` + strings.Repeat(`<td colspan="1000"></td>`, 20) + `</tr></table>`
	if _, err := rows(t, wide); !errors.Is(err, ErrTooManyCells) {
		t.Errorf("wide: err = %v, want too many cells", err)
	}
	// A rowspan bomb costs nothing: spans are counts, not cells.
	bomb := `<table><tr><td rowspan="65534" colspan="1000">a</td><td>b</td></tr><tr><td>c</td></tr></table>`
	got, err := rows(t, bomb)
	if err != nil || format(got) != "1:0=a|1000=b\n2:1000=c\n" {
		t.Errorf("bomb: %q, %v", format(got), err)
	}
	stop := errors.New("stop")
	if err := Rows(strings.NewReader("<p>a</p><p>b</p>"), func(table.Row) error { return stop }); err != stop {
		t.Errorf("err = %v, want fn's error", err)
	}
}

// FuzzRows: no panic, lines increase, columns are in order and in range.
func FuzzRows(f *testing.F) {
	f.Add(`<table><tr><td rowspan=2 colspan=2>a</td><td>b</td></tr><tr><td>c</td></tr></table>`)
	f.Add(`<h1>财政项目支出绩效目标申报表</h1><table><caption>x</caption><thead><tr><th>项目名称</th></tr></thead></table>`)
	if b, err := os.ReadFile("../../fixtures/html/no-form.html"); err == nil {
		f.Add(string(b))
	}
	f.Fuzz(func(t *testing.T, page string) {
		line := 0
		_ = Rows(strings.NewReader(page), func(r table.Row) error {
			if r.Line <= line || len(r.Cells) == 0 {
				t.Fatalf("row %+v after line %d", r, line)
			}
			line = r.Line
			col := -1
			for _, c := range r.Cells {
				if c.Col <= col || c.Col >= MaxColumns || c.Text == "" || c.Text != Clean(c.Text) {
					t.Fatalf("row %+v: bad cell %+v", r, c)
				}
				col = c.Col
			}
			return nil
		})
	})
}
