package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// fixtureDB ingests the text fixture (44 forms) into a new database and
// returns its path.
func fixtureDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "j.db")
	if code, _, errOut := runCLI(t, "", "ingest", "--db", db, fixture); code != 0 {
		t.Fatalf("ingest: exit %d, %s", code, errOut)
	}
	return db
}

func TestSearchCommand(t *testing.T) {
	db := fixtureDB(t)
	tests := []struct {
		query string
		want  []string // lines that must be in the output, in order
	}{
		// 2 characters (answered by LIKE): a project found by part of its name.
		{"北斗", []string{"form 11  警车安装北斗定位系统  公安局闵行分局(汇总)", "  project_name      警车安装[北斗]定位系统"}},
		// 6 characters (answered by the trigram index).
		{"警车安装北斗", []string{"form 11  警车安装北斗定位系统  公安局闵行分局(汇总)", "  project_name      [警车安装北斗]定位系统"}},
		{"民警执法能力", []string{"form 7  警用装备  公安局闵行分局(汇总)", "  goals.annual      …,提高闵行区的社会治安防控水平和[民警执法能力]。"}},
		{"验收合格率", []string{"form 7  警用装备", "  indicator 2       警用装备[验收合格率]"}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			code, out, errOut := runCLI(t, "", "search", "--db", db, "--limit", "1000", tt.query)
			if code != 0 || errOut != "" {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
			lines := strings.Split(out, "\n")
			i := 0
			for _, l := range lines {
				if i < len(tt.want) && strings.HasPrefix(l, tt.want[i]) {
					i++
				}
			}
			if i < len(tt.want) {
				t.Errorf("output lacks %q:\n%s", tt.want[i], out)
			}
			for _, l := range lines {
				if strings.HasPrefix(l, "  ") && !strings.Contains(l, "["+tt.query+"]") {
					t.Errorf("hit line without the marked query: %q", l)
				}
			}
		})
	}
}

func TestSearchLimitAndNoMatch(t *testing.T) {
	db := fixtureDB(t)
	code, out, _ := runCLI(t, "", "search", "--db", db, "--limit", "3", "满意")
	hits := 0
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "  ") {
			hits++
		}
	}
	if code != 0 || hits != 3 || !strings.Contains(out, "3 of 64 hits shown (--limit)") {
		t.Errorf("exit %d, %d hits:\n%s", code, hits, out)
	}
	code, out, errOut := runCLI(t, "", "search", "--db", db, "不存在的项目")
	if code != 0 || out != "" || !strings.Contains(errOut, "no field contains") {
		t.Errorf("no match: exit %d, %q, %q", code, out, errOut)
	}
	for _, args := range [][]string{{"search"}, {"search", " "}, {"search", " ", "\t"}, {"search", "--limit", "0", "x"}} {
		if code, _, errOut := runCLI(t, "", append([]string{args[0], "--db", db}, args[1:]...)...); code != exitUsage || errOut == "" {
			t.Errorf("%v: exit %d, %q", args, code, errOut)
		}
	}
	if code, _, errOut := runCLI(t, "", "search", "--db", filepath.Join(t.TempDir(), "none.db"), "x"); code != exitSomeFailed || !strings.Contains(errOut, "no database") {
		t.Errorf("missing database: exit %d, %q", code, errOut)
	}
}

func TestSnippet(t *testing.T) {
	tests := []struct {
		text, query string
		want        string
	}{
		{"警用装备验收合格率", "验收", "警用装备[验收]合格率"},
		{"一二三四五六七八九十甲乙丙丁戊己庚辛壬癸", "甲乙", "…七八九十[甲乙]丙丁戊己…"},
		{"ABC abc", "abc", "[ABC] [abc]"},
		{"满意满意满意", "满意", "[满意][满意][满意]"},
		{"第一行\n第二行", "一行", "第[一行] 第二行"},
	}
	for _, tt := range tests {
		if got := snippet(tt.text, []string{tt.query}, 4, "[", "]"); got != tt.want {
			t.Errorf("snippet(%q, %q) = %q, want %q", tt.text, tt.query, got, tt.want)
		}
	}
}

func TestSearchWords(t *testing.T) {
	db := fixtureDB(t)
	for _, tc := range []struct {
		name   string
		args   []string
		stdout string // "" when nothing is found
		stderr string
	}{
		{"two words, one form", []string{"警用", "验收"}, "form 7  警用装备  公安局闵行分局(汇总)\n" +
			"  project_name      [警用]装备\n" +
			"  goals.overall     …施标准(试行)等规定的要求,采购[警用]装备,有效提升民警执法工作的支撑…\n" +
			"  goals.annual      完成2023年执勤民警日常[警用]装备购买与配置,包括单警装备和公…\n" +
			"  indicator 2       [警用]装备[验收]合格率\n", ""},
		{"words in one argument", []string{"警用 验收"}, "form 7  警用装备  公安局闵行分局(汇总)\n", ""},
		{"both in one field", []string{"北斗", "定位", "--limit", "2"}, "form 11  警车安装北斗定位系统  公安局闵行分局(汇总)\n" +
			"  project_name      警车安装[北斗][定位]系统\n" +
			"  goals.annual      完成2023年度购置警用车辆的[北斗][定位]系统安装工作，确保所涉车辆的…\n" +
			"2 of 7 hits shown (--limit)\n", ""},
		{"not all in one form", []string{"北斗", "验收合格率"}, "", `no form contains all of ["北斗" "验收合格率"]`},
		{"one word unknown", []string{"警用", "不存在的项目"}, "", "no form contains all of"},
	} {
		code, out, errOut := runCLI(t, "", append([]string{"search", "--db", db, "--limit", "100"}, tc.args...)...)
		ok := code == 0 && strings.Contains(errOut, tc.stderr)
		if tc.stdout == "" {
			ok = ok && out == ""
		} else {
			ok = ok && strings.HasPrefix(out, tc.stdout)
		}
		if !ok {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want stdout %q, stderr %q", tc.name, code, out, errOut, tc.stdout, tc.stderr)
		}
	}
}

func TestSnippetWords(t *testing.T) {
	for _, tc := range []struct {
		text  string
		words []string
		want  string
	}{
		{"车辆北斗定位系统", []string{"北斗", "定位"}, "车辆[北斗][定位]系统"},
		{"车辆北斗定位系统", []string{"定位", "北斗定位"}, "车辆[北斗定位]系统"},
		{"一二三四五六七八九十甲乙", []string{"甲乙", "二三"}, "一[二三]四五六七…"},
	} {
		if got := snippet(tc.text, tc.words, 4, "[", "]"); got != tc.want {
			t.Errorf("snippet(%q, %q) = %q, want %q", tc.text, tc.words, got, tc.want)
		}
	}
}
