package main

import (
	"io"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestFlagsAnywhere(t *testing.T) {
	for _, tc := range []struct {
		args []string
		db   string
		v    bool
		pos  []string
	}{
		{[]string{"a", "b"}, "x.db", false, []string{"a", "b"}},
		{[]string{"--db", "m.db", "a"}, "m.db", false, []string{"a"}},
		{[]string{"a", "--db", "m.db"}, "m.db", false, []string{"a"}},
		{[]string{"a", "--db=m.db", "b", "-v"}, "m.db", true, []string{"a", "b"}},
		{[]string{"a", "-v", "b", "--db", "m.db", "c"}, "m.db", true, []string{"a", "b", "c"}},
		{[]string{"-", "--db", "m.db"}, "m.db", false, []string{"-"}},
		{[]string{"a", "--", "--db", "m.db"}, "x.db", false, []string{"a", "--db", "m.db"}},
		{[]string{"--", "-v"}, "x.db", false, []string{"-v"}},
		{[]string{"-v", "--", "a"}, "x.db", true, []string{"a"}},
		{[]string{"--db", "--", "a", "-v"}, "--", true, []string{"a"}}, // "--" is --db's value
		{[]string{"a", "--", "b", "--", "c"}, "x.db", false, []string{"a", "b", "--", "c"}},
		{[]string{}, "x.db", false, nil},
	} {
		f := newFlags(&env{stdout: io.Discard, stderr: io.Discard}, "test", "")
		db := f.String("db", "x.db", "")
		v := f.Bool("v", false, "")
		if code, stop := f.parse(tc.args); stop {
			t.Errorf("%q: stopped with %d", tc.args, code)
			continue
		}
		if *db != tc.db || *v != tc.v || !slices.Equal(f.Args(), tc.pos) {
			t.Errorf("%q: db %q v %v args %q, want %q %v %q", tc.args, *db, *v, f.Args(), tc.db, tc.v, tc.pos)
		}
	}
}

func TestFlagsAnywhereErrors(t *testing.T) {
	for _, args := range [][]string{{"a", "--nope"}, {"a", "--db"}, {"a", "-v=maybe"}} {
		f := newFlags(&env{stdout: io.Discard, stderr: io.Discard}, "test", "")
		f.String("db", "x.db", "")
		f.Bool("v", false, "")
		if code, stop := f.parse(args); !stop || code != exitUsage {
			t.Errorf("%q: %d %v, want a usage error", args, code, stop)
		}
	}
	f := newFlags(&env{stdout: io.Discard, stderr: io.Discard}, "test", "")
	if code, stop := f.parse([]string{"a", "--help"}); !stop || code != exitOK {
		t.Errorf("a --help: %d %v", code, stop)
	}
}

// TestVersionText checks the text of jixiao version for the build
// information Go records. (The command: testdata/script/version.txtar.)
func TestVersionText(t *testing.T) {
	info := &debug.BuildInfo{GoVersion: "go1.99", Main: debug.Module{Path: "jixiao", Version: "v1.2.3"},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "abc123"}, {Key: "vcs.time", Value: "2026-01-02T03:04:05Z"},
			{Key: "vcs.modified", Value: "true"}}}
	for _, tc := range []struct {
		info *debug.BuildInfo
		ok   bool
		want []string
	}{
		{info, true, []string{"jixiao v1.2.3\n", "revision abc123\n", "time     2026-01-02T03:04:05Z\n", "modified true\n", "go       go1.99 "}},
		{&debug.BuildInfo{GoVersion: "go1.99"}, true, []string{"jixiao (devel)\n", "go       go1.99 "}},
		{nil, false, []string{"jixiao (unknown version)\n"}},
	} {
		got := versionText(tc.info, tc.ok)
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("versionText: %q lacks %q", got, w)
			}
		}
	}
}

// TestHelpExitStatuses checks that each command's --help lists its own
// exit statuses: those of exitStatuses, and no others.
func TestHelpExitStatuses(t *testing.T) {
	for _, c := range commands() {
		sts, ok := exitStatuses[c.name]
		if !ok {
			t.Errorf("%s: no exit statuses listed", c.name)
			continue
		}
		code, out, _ := runCLI(t, "", c.name, "--help")
		if code != 0 {
			t.Errorf("%s --help: exit %d", c.name, code)
		}
		_, section, ok := strings.Cut(out, "Exit status:\n")
		if !ok {
			t.Errorf("%s --help: no exit statuses in %q", c.name, out)
			continue
		}
		var got []string
		for _, l := range strings.Split(strings.TrimSpace(section), "\n") {
			got = append(got, strings.Fields(l)[0])
		}
		var want []string
		for _, s := range sts {
			want = append(want, strconv.Itoa(s.code))
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s --help: exit statuses %q, want %q", c.name, got, want)
		}
	}
}
