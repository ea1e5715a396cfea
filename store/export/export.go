// Package export writes stored forms for other tools: the JSON-lines export
// record and a flat CSV of indicators. Writers stream: one form is held at a
// time.
package export

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"jixiao/extract/form"
	"jixiao/store"
)

// JSONL writes one export record per form and line, in form_id order.
// Strings are written as printed (no HTML escaping of <, > and &).
func JSONL(ctx context.Context, w io.Writer, db *store.DB) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	err := db.Forms(ctx, func(f form.Form) error { return enc.Encode(f) })
	if err != nil {
		return err
	}
	return bw.Flush()
}

// IndicatorColumns are the columns of IndicatorsCSV, in order.
var IndicatorColumns = []string{
	"form_id", "source_path", "source_kind", "form_index", "year",
	"project_name", "project_nature", "project_category", "department", "implementing_unit",
	"start_date", "end_date",
	"seq", "level1", "level2", "level2_raw", "name", "value",
	"target_kind", "target", "confidence", "flags",
}

// IndicatorsCSV writes one row per indicator with its form's header fields,
// in UTF-8 with a byte-order mark (Excel on Chinese Windows needs it). Absent
// values are empty cells; target is the typed target as JSON; flags are the
// indicator's flag codes joined by ";".
func IndicatorsCSV(ctx context.Context, w io.Writer, db *store.DB) error {
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString("\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(bw)
	if err := cw.Write(IndicatorColumns); err != nil {
		return err
	}
	err := db.Forms(ctx, func(f form.Form) error {
		for _, ind := range f.Indicators {
			target, err := json.Marshal(ind.Target)
			if err != nil {
				return fmt.Errorf("form %d indicator %d: %w", f.ID, ind.Seq, err)
			}
			year := ""
			if f.Year != 0 {
				year = strconv.Itoa(f.Year)
			}
			rec := []string{
				strconv.FormatInt(f.ID, 10), f.Source.Path, string(f.Source.Kind), strconv.Itoa(f.Source.FormIndex), year,
				s(f.ProjectName), s(f.ProjectNature), s(f.ProjectCategory), s(f.Department), s(f.ImplementingUnit),
				s(f.StartDate), s(f.EndDate),
				strconv.Itoa(ind.Seq), ind.Level1, ind.Level2, ind.Level2Raw, s(ind.Name), s(ind.Value),
				string(ind.Target.Kind), string(target), strconv.FormatFloat(ind.Confidence, 'f', -1, 64),
				strings.Join(ind.Flags, ";"),
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

func s(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// WriteFileAtomic writes a file through write: into a temporary file beside
// path, synced, then renamed over path. On any error path is left as it was.
func WriteFileAtomic(path string, write func(io.Writer) error) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := write(tmp); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
