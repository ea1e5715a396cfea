package ingest

import (
	"context"
	"fmt"

	"jixiao"
	"jixiao/store"
)

// writeBatch stores the documents of batch, in one transaction when they
// are several (a bad one is retried apart, see store.DB.SaveBatch), logs
// the failures, and counts them all in st. A document whose bytes come
// twice is stored once and then marked skipped; one the database refuses
// gets its Err.
func writeBatch(ctx context.Context, db *store.DB, batch []Result, st *Stats) {
	var ps []*store.Prepared
	for i := range batch {
		if r := &batch[i]; !r.Skipped && r.Err == nil {
			ps = append(ps, r.prep)
		}
	}
	saved := db.SaveBatch(ctx, ps)
	for i := range batch {
		r := &batch[i]
		switch {
		case r.Skipped:
			st.Skipped++
			continue
		case r.Err == nil:
			res := saved[0]
			saved = saved[1:]
			switch {
			case res.Err != nil:
				r.Err = &jixiao.Error{Op: "store", Path: r.Doc.Path, Kind: jixiao.ErrIO, Err: res.Err}
			case !res.Added:
				r.Skipped = true // the same bytes twice in one batch
				st.Skipped++
				continue
			default:
				st.Docs++
				st.ScanPages += r.Doc.Pages
				st.BlankPages += r.Doc.Blank
				st.PagesLost += len(r.Doc.Problems)
				st.Forms += len(r.Doc.Forms)
				for _, f := range r.Doc.Forms {
					st.Indicators += len(f.Indicators)
					st.Flags += len(f.Flags)
				}
				continue
			}
		}
		st.Failed++
		first, err := db.RecordFailure(ctx, displayPath(r.Path), r.Doc.SHA256, jixiao.KindOf(r.Err), r.Err.Error())
		if err != nil {
			r.Err = fmt.Errorf("%w (and recording the failure: %v)", r.Err, err)
		}
		if first || err != nil {
			st.NewFailures++
		}
	}
}
