package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"jixiao"
	"jixiao/review"
	"jixiao/store"
)

// TestMergeReviews: jixiao merge copies the corrections and reviews of
// IN.db, once.
func TestMergeReviews(t *testing.T) {
	ctx := context.Background()
	in := fixtureDB(t)
	db, err := store.Open(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := review.Correct(ctx, db, review.Edit{FormID: 2, Field: "project_name", Value: "更正的名称", Reviewer: "王芳"}); err != nil {
		t.Fatal(err)
	}
	if _, err := review.Mark(ctx, db, 2, jixiao.StatusReviewed, "王芳"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	out := filepath.Join(t.TempDir(), "out.db")
	for round, want := range []string{"1 correction(s), 1 review(s)", "0 correction(s), 0 review(s)"} {
		code, stdout, stderr := runCLI(t, "", "merge", "--db", out, in)
		if code != exitOK || !strings.Contains(stdout, want) {
			t.Errorf("round %d: exit %d, %s%s; want %q", round, code, stdout, stderr, want)
		}
	}
	code, stdout, _ := runCLI(t, "", "query", "--db", out, "--format", "csv",
		"SELECT project_name, project_name_read IS NOT NULL, review_status, reviewer FROM forms_overview WHERE form_id = 2")
	if code != exitOK || !strings.Contains(stdout, "更正的名称,1,reviewed,王芳") {
		t.Errorf("merged form 2: exit %d, %s", code, stdout)
	}
}
