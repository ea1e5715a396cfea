package store_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"jixiao/store"
)

// hasOtherCase reports whether s has a letter with case outside ASCII:
// the trigram index folds those, LIKE and lower() do not, so the two
// methods may differ on them by design.
func hasOtherCase(s string) bool {
	for _, r := range s {
		if r > unicode.MaxASCII && (unicode.IsUpper(r) || unicode.IsLower(r) || unicode.IsTitle(r)) {
			return true
		}
	}
	return false
}

// FuzzSearch searches the fixture database for arbitrary text: Search must
// not fail (no query can break out of its FTS5 phrase or LIKE pattern),
// every hit must contain the text, and the number of hits must equal a
// count by instr() over the same columns, which shares nothing with
// either the trigram index or LIKE.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{"警用", "满意度", "警车安装北斗", "北", "档案数字化加工", "ABC", "2023", `"`, `a"b`, "%", "_",
		`\`, "NEAR(a b)", "满意*", "^警", "100%", "  警用 ", "\x00", "(汇总)", "（", "≥90%"} {
		f.Add(s)
	}
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(f.TempDir(), "fuzz.db"))
	if err != nil {
		f.Fatal(err)
	}
	defer db.Close()
	if _, _, err := db.SaveDocument(ctx, doc("forms"), fixtureForms(f)); err != nil {
		f.Fatal(err)
	}
	pool := store.ReaderPool(db)
	f.Fuzz(func(t *testing.T, q string) {
		hits, total, err := db.Search(ctx, q, 1000000)
		if strings.TrimSpace(q) == "" || strings.ContainsRune(q, 0) || !utf8.ValidString(q) {
			if err == nil {
				t.Fatalf("Search(%q) accepted", q)
			}
			return
		}
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		tq := strings.TrimSpace(q)
		for _, h := range hits {
			if !strings.Contains(strings.ToLower(h.Text), strings.ToLower(tq)) {
				t.Fatalf("Search(%q): hit %q does not contain it", q, h.Text)
			}
		}
		if total != len(hits) {
			t.Fatalf("Search(%q): total %d, %d hits", q, total, len(hits))
		}
		if hasOtherCase(tq) {
			return
		}
		var want int
		err = pool.QueryRowContext(ctx, `SELECT
			(SELECT count(*) FROM forms WHERE instr(lower(project_name), lower(?1)) > 0) +
			(SELECT count(*) FROM forms WHERE instr(lower(department), lower(?1)) > 0) +
			(SELECT count(*) FROM forms WHERE instr(lower(implementing_unit), lower(?1)) > 0) +
			(SELECT count(*) FROM goals WHERE instr(lower(overall), lower(?1)) > 0) +
			(SELECT count(*) FROM goals WHERE instr(lower(annual), lower(?1)) > 0) +
			(SELECT count(*) FROM indicators WHERE instr(lower(name), lower(?1)) > 0)`, tq).Scan(&want)
		if err != nil {
			t.Fatal(err)
		}
		if total != want {
			t.Fatalf("Search(%q): %d hits, instr() counts %d", q, total, want)
		}
	})
}
