package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// readCSV reads a CSV file that must start with a UTF-8 byte-order mark.
func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	body, ok := bytes.CutPrefix(data, []byte("\xef\xbb\xbf"))
	if !ok {
		t.Fatalf("%s has no UTF-8 byte-order mark", path)
	}
	recs, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return recs
}

// TestExportTablesCSV writes one CSV per table and checks each against the
// same table read by jixiao query: every row and value round-trips through
// encoding/csv.
func TestExportTablesCSV(t *testing.T) {
	db := fixtureDB(t)
	dir := filepath.Join(t.TempDir(), "tables")
	if code, out, errOut := runCLI(t, "", "export", "--db", db, "--format", "csv", "--dir", dir); code != 0 || out != "" || errOut != "" {
		t.Fatalf("exit %d, %q, %q", code, out, errOut)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, " ") != "budget.csv budget_request.csv corrections.csv document_files.csv documents.csv failures.csv field_boxes.csv flags.csv forms.csv funds.csv goals.csv indicators.csv pages.csv removed_corrections.csv reviews.csv tasks.csv" {
		t.Errorf("files %v", names)
	}
	for _, name := range names {
		table := strings.TrimSuffix(name, ".csv")
		got := readCSV(t, filepath.Join(dir, name))
		_, out, errOut := runCLI(t, "", "query", "--db", db, "--format", "csv", "SELECT * FROM "+table+" ORDER BY rowid")
		want, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil || errOut != "" {
			t.Fatalf("%s: %v %s", table, err, errOut)
		}
		if len(got) != len(want) {
			t.Errorf("%s: %d records, want %d", table, len(got), len(want))
			continue
		}
		for i := range got {
			if strings.Join(got[i], "\x00") != strings.Join(want[i], "\x00") {
				t.Errorf("%s record %d:\n got %q\nwant %q", table, i, got[i], want[i])
				break
			}
		}
	}
	if recs := readCSV(t, filepath.Join(dir, "indicators.csv")); len(recs) != 1+596 {
		t.Errorf("indicators.csv: %d records", len(recs))
	}
	if recs := readCSV(t, filepath.Join(dir, "forms.csv")); len(recs) != 1+44 || recs[7][9] != "警用装备" {
		t.Errorf("forms.csv: %d records, form 7 %v", len(recs), recs[7])
	}
}

// TestExportFlatCSV checks the flat CSV: the view indicator_targets, with
// multi-line goal-free text cells, quotes and commas intact.
func TestExportFlatCSV(t *testing.T) {
	db := fixtureDB(t)
	out := filepath.Join(t.TempDir(), "flat.csv")
	if code, _, errOut := runCLI(t, "", "export", "--db", db, "--format", "csv", "--out", out); code != 0 {
		t.Fatal(errOut)
	}
	recs := readCSV(t, out)
	if len(recs) != 1+596 || recs[0][0] != "form_id" || recs[0][1] != "indicator_id" {
		t.Fatalf("%d records, header %v", len(recs), recs[0])
	}
	col := map[string]int{}
	for i, c := range recs[0] {
		col[c] = i
	}
	// Form 7, indicator 1 (golden form-07.json): 约1360件 → quantity ~ 1360 件.
	var found bool
	for _, r := range recs[1:] {
		if r[col["form_id"]] == "7" && r[col["seq"]] == "1" {
			found = true
			if r[col["value"]] != "约1360件" || r[col["kind"]] != "quantity" || r[col["op"]] != "~" ||
				r[col["number"]] != "1360" || r[col["unit"]] != "件" || r[col["project_name"]] != "警用装备" {
				t.Errorf("form 7 seq 1: %v", r)
			}
		}
		if r[col["form_id"]] == "7" && r[col["seq"]] == "2" && r[col["flags"]] != "value_missing" {
			t.Errorf("form 7 seq 2 flags %q", r[col["flags"]])
		}
	}
	if !found {
		t.Error("no row for form 7 seq 1")
	}
	for _, args := range [][]string{
		{"export", "--format", "jsonl", "--dir", "x"},
		{"export", "--format", "csv", "--dir", "x", "--out", "y"},
	} {
		if code, _, _ := runCLI(t, "", append([]string{args[0], "--db", db}, args[1:]...)...); code != exitUsage {
			t.Errorf("%v: exit %d", args, code)
		}
	}
}
