package main

import (
	"strings"
	"testing"
)

func TestStatsCommand(t *testing.T) {
	db := fixtureDB(t)
	code, out, errOut := runCLI(t, "", "stats", "--db", db, "--top", "0")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, %s", code, errOut)
	}
	for _, want := range []string{
		"1 document(s), 44 form(s), 596 indicator(s), 13 flag(s), 0 failure(s)",
		"Indicators by level-2 (596)",
		"Indicators by kind of target (596)",
		"Flags by code (13)",
		"Forms by department (44)",
		"公安局闵行分局(汇总)     44  100.0%",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("stats lacks %q:\n%s", want, out)
		}
	}
	// Each section's counts add up to its total, with --top cutting rows
	// into "(N others)".
	_, top, _ := runCLI(t, "", "stats", "--db", db, "--top", "2")
	if !strings.Contains(top, "others)") {
		t.Errorf("--top 2 gives no (others) row:\n%s", top)
	}
	for _, args := range [][]string{{"stats", "x"}, {"stats", "--top", "-1"}} {
		if code, _, _ := runCLI(t, "", append([]string{args[0], "--db", db}, args[1:]...)...); code != exitUsage {
			t.Errorf("%v: exit %d", args, code)
		}
	}
}
