package main

import (
	"fmt"
	"strings"
	"testing"

	"jixiao/store"
)

func TestSchemaCommand(t *testing.T) {
	code, out, errOut := runCLI(t, "", "schema")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, %s", code, errOut)
	}
	for _, want := range []string{
		fmt.Sprintf("jixiao database schema, version %d", store.SchemaVersion),
		"indicator_targets (view)",
		"forms_fts (full-text index (FTS5, trigram))",
		"  document_id        INTEGER  not null, → documents(id)  the document it was found in",
		"  index indicators_target_unit (target_unit): facets and comparisons by unit",
		"  unique: (form_id, seq)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("schema lacks %q", want)
		}
	}
	code, out, _ = runCLI(t, "", "schema", "flags_open")
	if code != 0 || !strings.Contains(out, "flags_open (view)") || strings.Contains(out, "documents (table)") {
		t.Errorf("schema flags_open: exit %d:\n%s", code, out)
	}
	for _, args := range [][]string{{"schema", "nope"}, {"schema", "--format", "html"}} {
		if code, _, errOut := runCLI(t, "", args...); code != exitUsage || errOut == "" {
			t.Errorf("%v: exit %d", args, code)
		}
	}
}
