package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"jixiao/store"
)

// canonicalDump is a database's content independent of ids and of the
// order documents were stored in: the export records without form_id,
// sorted, and the failures as path, SHA-256 and kind, sorted.
func canonicalDump(t *testing.T, db string) (forms, failures []string) {
	return canonicalDumpBy(t, db, "")
}

// canonicalDumpBy is canonicalDump with the export run by the binary bin
// (faster than in process under the race detector), or in process for "".
func canonicalDumpBy(t *testing.T, db, bin string) (forms, failures []string) {
	t.Helper()
	var (
		code        int
		out, errOut string
	)
	if bin == "" {
		code, out, errOut = runCLI(t, "", "export", "--db", db)
	} else {
		code, out, errOut = runBin(t, bin, "export", "--db", db)
	}
	if code != 0 {
		t.Fatalf("export %s: exit %d: %s", db, code, errOut)
	}
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if l == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatal(err)
		}
		delete(m, "form_id")
		j, _ := json.Marshal(m)
		forms = append(forms, string(j))
	}
	sort.Strings(forms)
	r, err := store.OpenReadOnly(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	err = r.Failures(context.Background(), func(f store.Failure) error {
		failures = append(failures, fmt.Sprintf("%s %s %s", f.Path, f.SHA256, f.Kind))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(failures)
	return forms, failures
}

func sameDump(t *testing.T, what string, aForms, aFail, bForms, bFail []string) {
	t.Helper()
	if len(aForms) == 0 {
		t.Fatalf("%s: no forms", what)
	}
	if !slices.Equal(aForms, bForms) {
		t.Errorf("%s: forms differ (%d vs %d)", what, len(aForms), len(bForms))
		for i := range min(len(aForms), len(bForms)) {
			if aForms[i] != bForms[i] {
				t.Errorf("first difference:\n%.300s\n%.300s", aForms[i], bForms[i])
				break
			}
		}
	}
	if !slices.Equal(aFail, bFail) {
		t.Errorf("%s: failures differ:\n%v\n%v", what, aFail, bFail)
	}
}

// TestShardMerge ingests a fixture batch (text, PDFs, the bad corpus) in
// one run, and again as 3 shards into 3 databases, merged; the merged
// database equals the single run's. Merging again adds nothing.
func TestShardMerge(t *testing.T) {
	dir := t.TempDir()
	args := []string{"../../fixtures/text", "../../fixtures/bad", "../../fixtures/pdf/libreoffice.pdf"}
	single := filepath.Join(dir, "single.db")
	if code, _, errOut := runCLI(t, "", append([]string{"ingest", "--db", single}, args...)...); code != exitSomeFailed {
		t.Fatalf("single run: exit %d: %s", code, errOut)
	}
	var parts []string
	for i := 1; i <= 3; i++ {
		p := filepath.Join(dir, fmt.Sprintf("part%d.db", i))
		code, out, errOut := runCLI(t, "", append([]string{"ingest", "--db", p, "--shard", fmt.Sprintf("%d/3", i)}, args...)...)
		if code != exitOK && code != exitSomeFailed {
			t.Fatalf("shard %d: exit %d: %s", i, code, errOut)
		}
		t.Logf("shard %d/3: %s", i, strings.SplitN(out, "\n", 2)[0])
		parts = append(parts, p)
	}
	merged := filepath.Join(dir, "merged.db")
	code, out, errOut := runCLI(t, "", append([]string{"merge", "--db", merged}, parts...)...)
	if code != exitOK {
		t.Fatalf("merge: exit %d: %s %s", code, out, errOut)
	}
	sf, sfl := canonicalDump(t, single)
	mf, mfl := canonicalDump(t, merged)
	sameDump(t, "merged vs single run", sf, sfl, mf, mfl)

	// Again, in another order: nothing new.
	slices.Reverse(parts)
	code, out, _ = runCLI(t, "", append([]string{"merge", "--db", merged}, parts...)...)
	if code != exitOK || !strings.Contains(out, "merged 0 document(s): 0 form(s), 0 failure row(s)") {
		t.Errorf("second merge: exit %d, %q", code, out)
	}
	mf2, mfl2 := canonicalDump(t, merged)
	sameDump(t, "after merging twice", sf, sfl, mf2, mfl2)
}

// TestShardSplit checks that the shards partition the files, are stable
// under a change of argument order and of where the batch is mounted, and
// spread files over every shard.
func TestShardSplit(t *testing.T) {
	mk := func(root string) []string {
		var files []string
		for i := range 60 {
			p := filepath.Join(root, fmt.Sprintf("d%d", i%4), fmt.Sprintf("f%02d.txt", i))
			copyFile(t, p, []byte("x"))
			files = append(files, p)
		}
		return files
	}
	a, b := filepath.Join(t.TempDir(), "share"), filepath.Join(t.TempDir(), "mnt", "other")
	mk(a)
	mk(b)
	single := filepath.Join(t.TempDir(), "one.txt")
	copyFile(t, single, []byte("y"))
	const n = 3
	seen := map[string]int{}
	for i := 1; i <= n; i++ {
		s := shardSpec{i, n}
		argsA := []string{filepath.Join(a, "d0"), filepath.Join(a, "d1"), single, a}
		filesA, _ := expandInputs(argsA)
		gotA := selectShard(argsA, filesA, s)
		argsA2 := []string{a, single, filepath.Join(a, "d1"), filepath.Join(a, "d0")}
		filesA2, _ := expandInputs(argsA2)
		gotA2 := selectShard(argsA2, filesA2, s)
		filesB, _ := expandInputs([]string{b})
		gotB := selectShard([]string{b}, filesB, s)
		rel := func(root string, files []string) []string {
			var out []string
			for _, f := range files {
				if r, err := filepath.Rel(root, f); err == nil && !strings.HasPrefix(r, "..") {
					out = append(out, filepath.ToSlash(r))
				}
			}
			sort.Strings(out)
			return out
		}
		if !slices.Equal(rel(a, gotA), rel(a, gotA2)) {
			t.Errorf("shard %d/%d depends on the order of the arguments", i, n)
		}
		if !slices.Equal(rel(a, gotA), rel(b, gotB)) {
			t.Errorf("shard %d/%d depends on where the batch is mounted:\n%v\n%v", i, n, rel(a, gotA), rel(b, gotB))
		}
		if len(gotB) < 10 {
			t.Errorf("shard %d/%d holds %d of 60 files", i, n, len(gotB))
		}
		for _, f := range gotA {
			seen[f]++
		}
	}
	files, _ := expandInputs([]string{a, single})
	for _, f := range files {
		if seen[f] != 1 {
			t.Errorf("%s is in %d shards", f, seen[f])
		}
	}
}

func TestParseShard(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want shardSpec
		ok   bool
	}{
		{"1/1", shardSpec{1, 1}, true},
		{"2/3", shardSpec{2, 3}, true},
		{"3/3", shardSpec{3, 3}, true},
		{"0/3", shardSpec{}, false},
		{"4/3", shardSpec{}, false},
		{"1/0", shardSpec{}, false},
		{"-1/3", shardSpec{}, false},
		{"1", shardSpec{}, false},
		{"a/b", shardSpec{}, false},
		{"", shardSpec{}, false},
	} {
		got, err := parseShard(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("parseShard(%q) = %v, %v", tc.in, got, err)
		}
	}
}

func TestShardAndMergeUsage(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "j.db")
	if code, _, e := runCLI(t, "", "ingest", "--db", db, fixture); code != 0 {
		t.Fatal(e)
	}
	if code, out, _ := runCLI(t, "", "merge", "--help"); code != 0 || !strings.Contains(out, "Examples") || !strings.Contains(out, "Exit status") {
		t.Errorf("merge --help: exit %d, %q", code, out)
	}
	for _, args := range [][]string{
		{"ingest", "--shard", "4/3", fixture},
		{"ingest", "--shard", "1/2", "-"},
		{"merge", "x.db"},
		{"merge", "--db", filepath.Join(dir, "out.db")},
		{"merge", "--db", db, db},
	} {
		if code, _, errOut := runCLI(t, "", args...); code != exitUsage || errOut == "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
		}
	}
	code, _, errOut := runCLI(t, "", "merge", "--db", filepath.Join(dir, "out.db"), db, filepath.Join(dir, "missing.db"))
	if code != exitSomeFailed || !strings.Contains(errOut, "missing.db") {
		t.Errorf("merge of a missing database: exit %d, %q", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "missing.db")); err == nil {
		t.Error("merge created its missing input")
	}
}
