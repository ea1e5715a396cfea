// Package export writes stored forms for other tools: the JSON-lines export
// record and a flat CSV of indicators. Writers stream: one form is held at a
// time.
package export

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"jixiao/store"
)

// JSONL writes one export record per form and line, in form_id order, with
// the reviewers' corrections applied; a corrected form's record lists them
// in "corrections" (original and corrected value of each field) and its
// review status in "review". Strings are written as printed (no HTML
// escaping of <, > and &).
func JSONL(ctx context.Context, w io.Writer, db *store.DB) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	err := db.ReviewedForms(ctx, func(r store.ReviewedForm) error { return enc.Encode(reviewedRecord(r)) })
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
	"seq", "level1", "level2", "level2_raw", "name", "name_norm", "value",
	"target_kind", "target_op", "target_value", "target_min", "target_max", "target_unit",
	"target_by", "target_from", "target_to", "target_times", "target_every", "target_per",
	"target_direction", "target_basis", "target_label", "target_detail",
	"target", "confidence", "flags", "original_value",
}

// IndicatorsCSV writes one row per indicator with its form's header fields
// and its typed target spread over target_* columns, in UTF-8 with a
// byte-order mark (Excel on Chinese Windows needs it). Absent values are
// empty cells; target is the whole typed target as JSON; flags are the
// indicator's flag codes joined by ";". Reviewers' corrections are applied
// (value, name, header fields and the target of a corrected value);
// original_value is the value as the machine read it.
func IndicatorsCSV(ctx context.Context, w io.Writer, db *store.DB) error {
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString("\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(bw)
	if err := cw.Write(IndicatorColumns); err != nil {
		return err
	}
	err := db.ReviewedForms(ctx, func(r store.ReviewedForm) error {
		f := r.Form
		for i, ind := range f.Indicators {
			target, err := marshal(ind.Target)
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
				strconv.Itoa(ind.Seq), ind.Level1, ind.Level2, ind.Level2Raw, s(ind.Name), ind.NameNorm, s(ind.Value),
			}
			tg := ind.Target
			rec = append(rec, string(tg.Kind), tg.Op, num(tg.Value), num(tg.Min), num(tg.Max), s(tg.Unit),
				tg.By, tg.From, tg.To, count(tg.Times), count(tg.Every), tg.Per,
				tg.Direction, tg.Basis, tg.Label, tg.Detail,
				string(target), strconv.FormatFloat(ind.Confidence, 'f', -1, 64), strings.Join(ind.Flags, ";"), originalValue(r, i))
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

// marshal encodes v as compact JSON without HTML escaping (≥ and < stay
// readable).
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

func num(p *float64) string {
	if p == nil {
		return ""
	}
	return strconv.FormatFloat(*p, 'f', -1, 64)
}

func count(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func s(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
