package main

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"jixiao/review"
	"jixiao/store"
)

// removeDB ingests two documents, a.txt (id 1) and b.txt (id 2, the
// fixture with one more line), and gives a form of b.txt a correction and
// a review. It returns the directory (the working paths) and the database.
func removeDB(t *testing.T) (dir, db string) {
	t.Helper()
	dir = t.TempDir()
	db = filepath.Join(dir, "j.db")
	data := readFixture(t)
	a, b := filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt")
	copyFile(t, a, data)
	copyFile(t, b, append(append([]byte(nil), data...), '\n'))
	for _, p := range []string{a, b} {
		if code, _, errOut := runCLI(t, "", "ingest", "--db", db, p); code != 0 {
			t.Fatalf("ingest %s: exit %d, %s", p, code, errOut)
		}
	}
	ctx := context.Background()
	s, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var formID int64
	err = s.Query(ctx, `SELECT min(id) FROM forms WHERE document_id = 2`, func(_ []string, vals []any) error {
		if vals != nil {
			formID = vals[0].(int64)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := review.Correct(ctx, s, review.Edit{FormID: formID, Field: "project_name", Value: "改过的名称", Reviewer: "王芳"}); err != nil {
		t.Fatal(err)
	}
	if _, err := review.Mark(ctx, s, formID, "reviewed", "王芳"); err != nil {
		t.Fatal(err)
	}
	return dir, db
}

// counts returns the rows of the tables remove touches, and checks that
// the search indexes and the foreign keys are consistent.
func counts(t *testing.T, db string) map[string]int {
	t.Helper()
	raw, err := sql.Open("sqlite3", "file:"+db) // read-write, for FTS5's integrity-check
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	m := map[string]int{}
	for _, tb := range []string{"documents", "forms", "goals", "indicators", "flags", "corrections", "reviews", "removed_corrections"} {
		var n int
		if err := raw.QueryRow("SELECT count(*) FROM " + tb).Scan(&n); err != nil {
			t.Fatal(err)
		}
		m[tb] = n
	}
	for _, fts := range []string{"forms_fts", "goals_fts", "indicators_fts"} {
		var n int
		if err := raw.QueryRow("SELECT count(*) FROM " + fts + "_docsize").Scan(&n); err != nil {
			t.Fatal(err)
		}
		m[fts] = n
		if _, err := raw.Exec("INSERT INTO " + fts + " (" + fts + ") VALUES ('integrity-check')"); err != nil {
			t.Errorf("%s: %v", fts, err)
		}
	}
	rows, err := raw.Query("PRAGMA foreign_key_check")
	if err != nil {
		t.Fatal(err)
	}
	if rows.Next() {
		t.Error("foreign_key_check finds dangling rows")
	}
	rows.Close()
	return m
}

func TestRemove(t *testing.T) {
	full := map[string]int{"documents": 2, "forms": 88, "goals": 88, "indicators": 1192, "flags": 26,
		"corrections": 1, "reviews": 1, "removed_corrections": 0, "forms_fts": 88, "goals_fts": 88, "indicators_fts": 1192}
	half := map[string]int{"documents": 1, "forms": 44, "goals": 44, "indicators": 596, "flags": 13,
		"corrections": 1, "reviews": 1, "removed_corrections": 0, "forms_fts": 44, "goals_fts": 44, "indicators_fts": 596}
	for _, tc := range []struct {
		name   string
		args   []string // after remove --db DB; "$DIR" is the directory of the documents
		code   int
		stdout []string // lines that must be in stdout
		stderr string
		after  map[string]int
	}{
		{"dry run by path", []string{"--dry-run", "$DIR/a.txt"}, 0,
			[]string{"would remove document 1 $DIR/a.txt: 44 forms, 596 indicators, 13 flags", "  form 1  "}, "", full},
		{"by id", []string{"1"}, 0,
			[]string{"removed document 1 $DIR/a.txt: 44 forms, 596 indicators, 13 flags", "$DB now holds 1 document(s), 44 form(s)"}, "", half},
		{"flags after the path", []string{"$DIR/a.txt", "--dry-run"}, 0, []string{"would remove document 1"}, "", full},
		{"reviewed: refused", []string{"$DIR/b.txt"}, exitSomeFailed, nil,
			"document 2 $DIR/b.txt: its forms carry 1 correction and 1 review by reviewers", full},
		{"reviewed with another: none removed", []string{"1", "2"}, exitSomeFailed, nil, "nothing removed (--force", full},
		{"reviewed, dry run: refused too", []string{"--dry-run", "2"}, exitSomeFailed, nil, "carry 1 correction", full},
		{"forced: corrections archived", []string{"--force", "2"}, 0,
			[]string{"removed document 2 $DIR/b.txt: 44 forms, 596 indicators, 13 flags, 1 review, 1 correction (kept in removed_corrections)"}, "",
			map[string]int{"documents": 1, "forms": 44, "goals": 44, "indicators": 596, "flags": 13,
				"corrections": 0, "reviews": 0, "removed_corrections": 1, "forms_fts": 44, "goals_fts": 44, "indicators_fts": 596}},
		{"both, forced", []string{"--force", "$DIR/a.txt", "2", "$DIR/b.txt"}, 0, []string{"removed document 1", "removed document 2",
			"$DB now holds 0 document(s), 0 form(s)"}, "",
			map[string]int{"documents": 0, "forms": 0, "goals": 0, "indicators": 0, "flags": 0,
				"corrections": 0, "reviews": 0, "removed_corrections": 1, "forms_fts": 0, "goals_fts": 0, "indicators_fts": 0}},
		{"unknown: none removed", []string{"1", "$DIR/nope.txt"}, exitSomeFailed, nil, "no document $DIR/nope.txt is stored", full},
		{"unknown id", []string{"99"}, exitSomeFailed, nil, "no document 99 is stored", full},
		{"no document named", []string{"--force"}, exitUsage, nil, "no document (ID or PATH) given", full},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir, db := removeDB(t)
			expand := strings.NewReplacer("$DIR", dir, "$DB", db).Replace
			args := []string{"remove", "--db", db}
			for _, a := range tc.args {
				args = append(args, expand(a))
			}
			code, out, errOut := runCLI(t, "", args...)
			if code != tc.code || !strings.Contains(errOut, expand(tc.stderr)) {
				t.Errorf("exit %d, stderr %q; want %d, %q", code, errOut, tc.code, expand(tc.stderr))
			}
			for _, l := range tc.stdout {
				if !strings.Contains(out, expand(l)) {
					t.Errorf("stdout %q lacks %q", out, expand(l))
				}
			}
			got := counts(t, db)
			for k, v := range tc.after {
				if got[k] != v {
					t.Errorf("%s: %d rows, want %d", k, got[k], v)
				}
			}
		})
	}
}

// TestRemoveArchive checks what removed_corrections keeps, and that the
// removed document can be ingested again.
func TestRemoveArchive(t *testing.T) {
	dir, db := removeDB(t)
	if code, _, errOut := runCLI(t, "", "remove", "--db", db, "--force", "2"); code != 0 {
		t.Fatalf("remove: exit %d, %s", code, errOut)
	}
	code, out, _ := runCLI(t, "", "query", "--db", db, "--format", "csv",
		"SELECT form_index, document_path, field, new_value, reviewer FROM removed_corrections")
	want := "1," + filepath.Join(dir, "b.txt") + ",project_name,改过的名称,王芳\n"
	if code != 0 || !strings.HasSuffix(out, want) {
		t.Errorf("removed_corrections: %q, want …%q", out, want)
	}
	code, out, errOut := runCLI(t, "", "ingest", "--db", db, filepath.Join(dir, "b.txt"))
	if code != 0 || !strings.Contains(out, "ingested 1 document(s): 44 form(s)") {
		t.Errorf("ingest again: exit %d, %q, %q", code, out, errOut)
	}
	if got := counts(t, db); got["forms"] != 88 || got["forms_fts"] != 88 {
		t.Errorf("after ingesting again: %v", got)
	}
}
