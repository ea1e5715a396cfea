package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jixiao"
)

// The whole-department fixtures: a text export and a PDF of the ten
// goldens, in the goldens' order (fixtures/golden/department/README.md).
const (
	departmentText   = "../../fixtures/department/tab.txt"
	departmentPDF    = "../../fixtures/department/genpdf-a.pdf"
	departmentGolden = "../../fixtures/golden/department"
)

// departmentDB ingests the whole-department fixtures into a new database
// and returns its path.
func departmentDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "dept.db")
	if code, _, errOut := runCLI(t, "", "ingest", "--db", db, departmentText, departmentPDF); code != exitOK {
		t.Fatalf("ingest: exit %d: %s", code, errOut)
	}
	return db
}

// departmentGoldens returns the goldens' tasks and budget requests, in
// order, as JSON.
func departmentGoldens(t *testing.T) (tasks, request []string) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(departmentGolden, "dept-*.json"))
	if len(files) < 10 {
		t.Fatalf("%d department goldens", len(files))
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var g jixiao.Form
		if err := json.Unmarshal(b, &g); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		tasks = append(tasks, jsonText(t, g.Tasks))
		request = append(request, jsonText(t, g.BudgetRequest))
	}
	return tasks, request
}

func jsonText(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestExportDepartment checks that the JSON-lines export of stored
// whole-department forms carries their tasks and budget request as read
// (the goldens', from the text export and the PDF), with the PDF's boxes
// of both, and that the tables' CSVs hold one row per task and line.
func TestExportDepartment(t *testing.T) {
	db := departmentDB(t)
	wantTasks, wantRequest := departmentGoldens(t)
	code, out, errOut := runCLI(t, "", "export", "--db", db)
	if code != exitOK {
		t.Fatalf("export: exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 2*len(wantTasks) {
		t.Fatalf("%d records, want %d", len(lines), 2*len(wantTasks))
	}
	var nTasks, nLines int
	for i, l := range lines {
		var f jixiao.Form
		if err := json.Unmarshal([]byte(l), &f); err != nil {
			t.Fatal(err)
		}
		g := i % len(wantTasks)
		if f.FormType != jixiao.FormDepartmentTarget {
			t.Errorf("record %d: form_type %q", i+1, f.FormType)
		}
		if got := jsonText(t, f.Tasks); got != wantTasks[g] {
			t.Errorf("record %d (%s) tasks:\n got %s\nwant %s", i+1, f.Source.Kind, got, wantTasks[g])
		}
		if got := jsonText(t, f.BudgetRequest); got != wantRequest[g] {
			t.Errorf("record %d (%s) budget_request:\n got %s\nwant %s", i+1, f.Source.Kind, got, wantRequest[g])
		}
		nTasks += len(f.Tasks)
		nLines += len(f.BudgetRequest)
		if f.Source.Kind != jixiao.KindPDF {
			continue
		}
		// The PDF's boxes of the tasks and lines, by their paths.
		for j, task := range f.Tasks {
			if _, ok := f.Geometry[jixiao.TaskField(j, jixiao.TaskName)]; task.Name != nil && !ok {
				t.Errorf("record %d: no box of %s", i+1, jixiao.TaskField(j, jixiao.TaskName))
			}
		}
		if _, ok := f.Geometry[jixiao.BudgetLineField(0, jixiao.LineAmount)]; len(f.BudgetRequest) > 0 && !ok {
			t.Errorf("record %d: no box of %s", i+1, jixiao.BudgetLineField(0, jixiao.LineAmount))
		}
	}
	if nTasks == 0 || nLines == 0 {
		t.Fatalf("%d tasks, %d budget lines exported", nTasks, nLines)
	}

	dir := filepath.Join(t.TempDir(), "tables")
	if code, _, errOut := runCLI(t, "", "export", "--db", db, "--format", "csv", "--dir", dir); code != exitOK {
		t.Fatalf("export --dir: exit %d: %s", code, errOut)
	}
	for _, c := range []struct {
		table  string
		header string
		rows   int
	}{
		{jixiao.FieldTasks, "id,form_id,seq,name,content,amount,amount_raw", nTasks},
		{jixiao.FieldBudgetRequest, "id,form_id,seq,basis,label,amount,raw", nLines},
	} {
		recs := readCSV(t, filepath.Join(dir, c.table+".csv"))
		if len(recs) != 1+c.rows || strings.Join(recs[0], ",") != c.header {
			t.Errorf("%s.csv: %d records, header %v; want %d rows, %s", c.table, len(recs), recs[0], c.rows, c.header)
		}
	}
	// Form 1 (dept-01): the total, 8650.5 万元, is line 1 of basis ''.
	recs := readCSV(t, filepath.Join(dir, jixiao.FieldBudgetRequest+".csv"))
	if len(recs) < 2 || strings.Join(recs[1], ",") != "1,1,1,,资金总额,86505000,8650.5" {
		t.Errorf("%s.csv row 1: %v", jixiao.FieldBudgetRequest, recs[1:2])
	}
}

// TestMergeDepartment merges a database of whole-department forms into
// an empty one: the copy exports the same records (tasks, budget
// request, their boxes and flags), and merging again adds nothing.
func TestMergeDepartment(t *testing.T) {
	in := departmentDB(t)
	out := filepath.Join(t.TempDir(), "merged.db")
	for round, want := range []string{"merged 2 document(s): 20 form(s)", "merged 0 document(s): 0 form(s)"} {
		code, stdout, stderr := runCLI(t, "", "merge", "--db", out, in)
		if code != exitOK || !strings.Contains(stdout, want) {
			t.Fatalf("round %d: exit %d, %s%s; want %q", round, code, stdout, stderr, want)
		}
		a, aFail := canonicalDump(t, in)
		b, bFail := canonicalDump(t, out)
		sameDump(t, "merged department forms", a, aFail, b, bFail)
	}
	q := "SELECT (SELECT count(*) FROM tasks), (SELECT count(*) FROM budget_request)"
	_, a, _ := runCLI(t, "", "query", "--db", in, "--format", "csv", q)
	_, b, _ := runCLI(t, "", "query", "--db", out, "--format", "csv", q)
	if a != b || strings.Contains(a, ",0") {
		t.Errorf("rows of tasks and budget_request: %q, merged %q", a, b)
	}
}
