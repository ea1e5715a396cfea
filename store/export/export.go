// Package export writes stored forms for other tools: the JSON-lines export
// record, the flat indicator_targets view as one CSV, and every table as a
// CSV of its own. Writers stream: they hold one form or row at a time.
//
// CSV files are UTF-8 with a byte-order mark (Excel on Chinese Windows
// needs it to read UTF-8) and a header row of column names; NULL is an empty
// cell, numbers are written in full without exponent (762206, 0.95), and
// text as stored.
package export

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"jixiao"
	"jixiao/review"
	"jixiao/store"
	"jixiao/store/atomicfile"
)

// BOM is the UTF-8 byte-order mark that starts every CSV file.
const BOM = "\ufeff"

// JSONL writes one export record per form and line, in form_id order, with
// the reviewers' corrections applied (review.Forms); a corrected form's record lists them
// in "corrections" (original and corrected value of each field) and its
// review status in "review". Strings are written as printed (no HTML
// escaping of <, > and &). The "funds" and "funds_raw" of a form that
// prints no funds block are null: a self-evaluation form's money is in
// "budget", a whole-department form's in "budget_request" and "tasks".
func JSONL(ctx context.Context, w io.Writer, db *store.DB) error {
	bw := bufio.NewWriter(w)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	err := review.Forms(ctx, db, func(r review.Form) error {
		buf.Reset()
		rec := reviewedRecord(r)
		noFunds := rec.FormType == jixiao.FormSelfEvaluation || rec.FormType == jixiao.FormDepartmentTarget
		if noFunds {
			rec.Funds, rec.FundsRaw = jixiao.Funds{}, jixiao.FundsRaw{}
		}
		if err := enc.Encode(rec); err != nil {
			return err
		}
		b := buf.Bytes()
		if noFunds {
			b = nullFunds(b)
		}
		_, err := bw.Write(b)
		return err
	})
	if err != nil {
		return err
	}
	return bw.Flush()
}

// The encodings of empty funds blocks, as members of a record.
var emptyFunds = func() [2][2][]byte {
	f, err := json.Marshal(struct {
		F jixiao.Funds    `json:"funds"`
		R jixiao.FundsRaw `json:"funds_raw"`
	}{})
	if err != nil {
		panic(err)
	}
	// f is {"funds":{…},"funds_raw":{…}}: cut it into its two members.
	funds, raw, _ := bytes.Cut(f[1:len(f)-1], []byte(`,"funds_raw":`))
	return [2][2][]byte{
		{funds, []byte(`"funds":null`)},
		{append([]byte(`"funds_raw":`), raw...), []byte(`"funds_raw":null`)},
	}
}()

// nullFunds rewrites the empty "funds" and "funds_raw" objects of the
// encoded record b as null. encoding/json offers no other way to write a
// struct field of the embedded form as null while keeping the order of
// the members; "funds" cannot occur unescaped inside a string, so the
// first match is the record's own member.
func nullFunds(b []byte) []byte {
	for _, r := range emptyFunds {
		b = bytes.Replace(b, r[0], r[1], 1)
	}
	return b
}

// IndicatorsQuery selects the flat CSV of IndicatorsCSV: the view
// indicator_targets, one row per indicator, in form and seq order.
const IndicatorsQuery = `SELECT * FROM indicator_targets ORDER BY form_id, seq`

// IndicatorsCSV writes the view indicator_targets as one CSV: one row per
// indicator with its form's header fields and its typed target in plain
// columns (docs/schema.md and "jixiao schema" describe them).
func IndicatorsCSV(ctx context.Context, w io.Writer, db *store.DB) error {
	return QueryCSV(ctx, w, db, IndicatorsQuery)
}

// QueryCSV writes the result of a reading SQL statement as CSV, with a BOM
// and a header row. Statements that write are refused (see store.DB.Query).
func QueryCSV(ctx context.Context, w io.Writer, db *store.DB, query string) error {
	return WriteQueryCSV(ctx, w, db, query, true)
}

// WriteQueryCSV is QueryCSV with the BOM optional.
func WriteQueryCSV(ctx context.Context, w io.Writer, db *store.DB, query string, bom bool) error {
	bw := bufio.NewWriter(w)
	if bom {
		if _, err := bw.WriteString(BOM); err != nil {
			return err
		}
	}
	cw := csv.NewWriter(bw)
	var rec []string
	err := db.Query(ctx, query, func(cols []string, vals []any) error {
		if vals == nil {
			return cw.Write(cols)
		}
		rec = rec[:0]
		for _, v := range vals {
			rec = append(rec, Text(v))
		}
		return cw.Write(rec)
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

// TablesCSV writes every plain table of the database (store.DB.Tables) as
// dir/<table>.csv, in rowid order, each file atomically; it creates dir
// when missing, overwrites files of the same names and leaves other files
// alone. It returns the paths written. A failure leaves the files written
// before it in place.
func TablesCSV(ctx context.Context, dir string, db *store.DB) ([]string, error) {
	tables, err := db.Tables(ctx)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	var paths []string
	for _, t := range tables {
		p := filepath.Join(dir, t+".csv")
		err := atomicfile.Write(p, func(f *os.File) error {
			return QueryCSV(ctx, f, db, "SELECT * FROM "+store.QuoteIdent(t)+" ORDER BY rowid")
		})
		if err != nil {
			return paths, fmt.Errorf("export table %s: %w", t, err)
		}
		paths = append(paths, p)
	}
	return paths, nil
}

// Text renders a value of store.DB.Query as text: "" for NULL, integers
// and reals in full without exponent, BLOBs as hex, times as RFC 3339.
func Text(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case string:
		return x
	case []byte:
		return hex.EncodeToString(x)
	case time.Time:
		return x.Format(time.RFC3339Nano)
	case bool:
		return strconv.FormatBool(x)
	}
	return fmt.Sprint(v)
}
