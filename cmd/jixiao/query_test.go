package main

import (
	"bytes"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jixiao/store"
)

func TestQueryRefusesWrites(t *testing.T) {
	db := fixtureDB(t)
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	attached := filepath.Join(t.TempDir(), "x.db")
	for _, q := range []string{
		"DELETE FROM forms",
		"DELETE FROM indicators WHERE form_id = 7",
		"UPDATE forms SET project_name = NULL",
		"INSERT INTO failures (path, error_kind, message, failed_at) VALUES ('a', 'b', 'c', 'd')",
		"DROP TABLE flags",
		"CREATE TABLE notes (x)",
		"ATTACH DATABASE '" + attached + "' AS x",
		"PRAGMA journal_mode = DELETE",
		"VACUUM",
	} {
		code, out, errOut := runCLI(t, "", "query", "--db", db, q)
		if code != exitSomeFailed || out != "" || !strings.Contains(errOut, "only reading statements are allowed") {
			t.Errorf("%s: exit %d, stdout %q, stderr %q", q, code, out, errOut)
		}
	}
	after, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Error("the database file changed")
	}
	if _, err := os.Stat(attached); !os.IsNotExist(err) {
		t.Error("ATTACH created a file")
	}
	code, out, _ := runCLI(t, "", "query", "--db", db, "SELECT count(*) AS n FROM forms")
	if code != 0 || out != " n\n--\n44\n(1 row)\n" {
		t.Errorf("count after refused writes: exit %d, %q", code, out)
	}
}

func TestQueryFormats(t *testing.T) {
	db := fixtureDB(t)
	q := `SELECT form_id, project_name, seq, name, value, number, unit FROM indicator_targets WHERE form_id = 7 ORDER BY seq`

	// CSV: parses, one row per indicator of form 7 (16 in its golden).
	code, out, errOut := runCLI(t, "", "query", "--db", db, "--format", "csv", q)
	if code != 0 || errOut != "" {
		t.Fatalf("csv: exit %d, %s", code, errOut)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 17 || strings.Join(recs[0], ",") != "form_id,project_name,seq,name,value,number,unit" {
		t.Fatalf("csv: %d records, header %v", len(recs), recs[0])
	}
	if r := recs[1]; r[1] != "警用装备" || r[3] != "装备购买完成数" || r[4] != "约1360件" || r[5] != "1360" || r[6] != "件" {
		t.Errorf("csv first row %v", r)
	}
	if r := recs[2]; r[4] != "" || r[5] != "" { // 警用装备验收合格率 has no value
		t.Errorf("csv NULLs: %v", r)
	}
	if strings.HasPrefix(out, "\ufeff") {
		t.Error("csv has a BOM without --bom")
	}
	_, bom, _ := runCLI(t, "", "query", "--db", db, "--format", "csv", "--bom", q)
	if !strings.HasPrefix(bom, "\ufeff") || bom[3:] != out {
		t.Error("--bom does not add just a BOM")
	}

	// JSON: an array of objects with the column values, NULL as null.
	code, out, _ = runCLI(t, "", "query", "--db", db, "--format", "json", q)
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); code != 0 || err != nil {
		t.Fatalf("json: exit %d, %v:\n%s", code, err, out)
	}
	if len(rows) != 16 || rows[0]["number"] != 1360.0 || rows[0]["unit"] != "件" || rows[1]["value"] != nil {
		t.Errorf("json rows %v", rows[:2])
	}
	if !strings.HasPrefix(out, "[\n{\"form_id\": 7, \"project_name\": \"警用装备\"") {
		t.Errorf("json keys not in column order: %.80s", out)
	}
	if _, out, _ := runCLI(t, "", "query", "--db", db, "--format", "json", "SELECT 1 WHERE 0"); out != "[]\n" {
		t.Errorf("json of no rows: %q", out)
	}

	// Table: columns line up by display width (a Chinese character takes
	// two columns); numbers are right-aligned.
	code, out, _ = runCLI(t, "", "query", "--db", db, q)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if code != 0 || len(lines) != 16+3 || lines[len(lines)-1] != "(16 rows)" {
		t.Fatalf("table: exit %d:\n%s", code, out)
	}
	rule := lines[1]
	var starts []int // display column where each column starts
	for i := 0; i < len(rule); i++ {
		if rule[i] == '-' && (i == 0 || rule[i-1] == ' ') {
			starts = append(starts, i)
		}
	}
	if len(starts) != 7 {
		t.Fatalf("rule %q", rule)
	}
	for _, l := range append([]string{lines[0]}, lines[2:len(lines)-1]...) {
		// The text before each column start is exactly that wide (lines
		// end early where the last cells are empty: trailing spaces are
		// trimmed).
		for _, s := range starts[1:] {
			if displayWidth(l) <= s {
				break
			}
			w, cut := 0, -1
			for i, r := range l {
				if w == s {
					cut = i
					break
				}
				w += runeWidth(r)
			}
			if cut < 0 || l[cut-2:cut] != "  " {
				t.Errorf("line %q: column at %d does not start after two spaces", l, s)
			}
		}
	}
	if !strings.Contains(out, "      7  警用装备") {
		t.Errorf("form_id not right-aligned:\n%s", out)
	}
}

func TestQueryUsage(t *testing.T) {
	db := fixtureDB(t)
	for _, args := range [][]string{{"query"}, {"query", "a", "b"}, {"query", "--format", "xml", "SELECT 1"}} {
		if code, _, errOut := runCLI(t, "", append([]string{args[0], "--db", db}, args[1:]...)...); code != exitUsage || errOut == "" {
			t.Errorf("%v: exit %d, %q", args, code, errOut)
		}
	}
	if code, _, errOut := runCLI(t, "", "query", "--db", db, "SELEKT 1"); code != exitSomeFailed || !strings.Contains(errOut, "syntax error") {
		t.Errorf("syntax error: exit %d, %q", code, errOut)
	}
}

func TestDisplayWidth(t *testing.T) {
	for s, want := range map[string]int{"abc": 3, "警用装备": 8, "≥90%": 4, "９５％": 6, "（一）": 6, "e\u0301": 1, "": 0} {
		if got := displayWidth(s); got != want {
			t.Errorf("displayWidth(%q) = %d, want %d", s, got, want)
		}
	}
	for _, tt := range []struct {
		s    string
		max  int
		want string
	}{{"警用装备验收合格率", 9, "警用装备…"}, {"abcdef", 4, "abc…"}, {"警用", 4, "警用"}, {"警用", 0, "警用"}} {
		if got := truncate(tt.s, tt.max); got != tt.want || displayWidth(got) > max(tt.max, displayWidth(tt.s)) {
			t.Errorf("truncate(%q, %d) = %q, want %q", tt.s, tt.max, got, tt.want)
		}
	}
}

// TestReadingUpgradesOldDatabase runs the reading commands on a copy of
// the schema-version-2 database kept in store/testdata: the first upgrades
// it in place, and its forms are found by the new search indexes.
func TestReadingUpgradesOldDatabase(t *testing.T) {
	b, err := os.ReadFile("../../store/testdata/v2.db")
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "v2.db")
	if err := os.WriteFile(db, b, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "", "query", "--db", db, "--format", "csv", "SELECT user_version, (SELECT count(*) FROM forms_overview) FROM pragma_user_version")
	if code != 0 || !strings.Contains(errOut, "upgrading") || !strings.HasSuffix(out, fmt.Sprintf("\n%d,3\n", store.SchemaVersion)) {
		t.Errorf("exit %d, %q, %q", code, out, errOut)
	}
	code, out, errOut = runCLI(t, "", "search", "--db", db, "警用装备")
	if code != 0 || errOut != "" || !strings.Contains(out, "form 2  警用装备") {
		t.Errorf("search after the upgrade: exit %d, %q, %q", code, out, errOut)
	}
}

// TestNewerDatabaseRefused checks the message of docs/schema.md for a database
// written by a newer jixiao.
func TestNewerDatabaseRefused(t *testing.T) {
	db := fixtureDB(t)
	code, _, errOut := runCLI(t, "", "query", "--db", db, "PRAGMA user_version")
	if code != 0 {
		t.Fatal(errOut)
	}
	raw, err := sql.Open("sqlite3", db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(fmt.Sprintf("PRAGMA user_version = %d", store.SchemaVersion+1)); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	for _, args := range [][]string{{"query", "SELECT 1"}, {"search", "警用"}, {"stats"}, {"export"}} {
		code, out, errOut := runCLI(t, "", append([]string{args[0], "--db", db}, args[1:]...)...)
		want := fmt.Sprintf("jixiao: store: open %s read-only: schema version %d, but this jixiao knows versions up to %d (upgrade jixiao): database schema too new\n", db, store.SchemaVersion+1, store.SchemaVersion)
		if code != exitSomeFailed || out != "" || errOut != want {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}
}

func TestCountStatements(t *testing.T) {
	for _, tc := range []struct {
		sql  string
		want int
	}{
		{"", 0},
		{"  ;; ", 0},
		{"-- only a comment", 0},
		{"/* only */ ; -- comments", 0},
		{"SELECT 1", 1},
		{"SELECT 1;", 1},
		{"SELECT 1 ; ;\n-- done\n", 1},
		{"SELECT ';'", 1},
		{"SELECT 'it''s; here'", 1},
		{`SELECT 1 AS "a;b"`, 1},
		{`SELECT 1 AS "a"";b"`, 1},
		{"SELECT 1 AS `a;b`", 1},
		{"SELECT 1 AS [a;b]", 1},
		{"SELECT 1 -- ; SELECT 2", 1},
		{"SELECT 1 /* ; SELECT 2 */", 1},
		{"SELECT 1 /* unclosed ; SELECT 2", 1},
		{"SELECT '-- not a comment'; SELECT 2", 2},
		{"SELECT 1; SELECT 2", 2},
		{"SELECT 1;SELECT 2;", 2},
		{"SELECT 1; -- x\nSELECT 2", 2},
		{"SELECT 1; SELECT 2; SELECT 3", 3},
		{"SELECT 'unclosed; SELECT 2", 1},
	} {
		if got := countStatements(tc.sql); got != tc.want {
			t.Errorf("countStatements(%q) = %d, want %d", tc.sql, got, tc.want)
		}
	}
}

func TestQueryStdinAndStatements(t *testing.T) {
	db := fixtureDB(t)
	for _, tc := range []struct {
		name   string
		stdin  string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"stdin", "SELECT count(*) AS n FROM forms;\n", []string{"-"}, 0, "n\n44\n", ""},
		{"stdin with comments", "-- the forms\nSELECT count(*) AS n /* all */ FROM forms\n", []string{"-"}, 0, "n\n44\n", ""},
		{"trailing semicolon", "", []string{"SELECT 1 AS one;"}, 0, "one\n1\n", ""},
		{"semicolon in a string", "", []string{"SELECT ';' AS s"}, 0, "s\n;\n", ""},
		{"two statements", "", []string{"SELECT 1; SELECT 2"}, exitUsage, "", "2 statements given"},
		{"two on stdin", "SELECT 1;\nSELECT 2;\n", []string{"-"}, exitUsage, "", "2 statements given"},
		{"a write after a read", "", []string{"SELECT 1; DELETE FROM forms"}, exitUsage, "", "2 statements given"},
		{"empty stdin", "", []string{"-"}, exitUsage, "", "no SQL statement given"},
		{"only a comment, after --", "", []string{"--", "-- nothing"}, exitUsage, "", "no SQL statement given"},
	} {
		args := append([]string{"query", "--db", db, "--format", "csv"}, tc.args...)
		code, out, errOut := runCLI(t, tc.stdin, args...)
		if code != tc.code || out != tc.stdout || !strings.Contains(errOut, tc.stderr) {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want %d, %q, %q", tc.name, code, out, errOut, tc.code, tc.stdout, tc.stderr)
		}
	}
}
