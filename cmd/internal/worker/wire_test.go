package worker

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"testing"

	"jixiao"
	"jixiao/extract"
	"jixiao/normalize"
)

// TestDocumentRoundTrip checks that the records of the fixture forms
// (normalized, with flags, targets and sources) come back from the wire
// exactly as they went.
func TestDocumentRoundTrip(t *testing.T) {
	data, err := os.ReadFile("../../../fixtures/text/forms.txt")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := extract.Read(context.Background(), "forms.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	for i := range doc.Forms {
		normalize.Form(&doc.Forms[i])
	}
	doc.Problems = []error{&jixiao.Error{Op: "extract", Path: "forms.txt", Page: 3, Kind: jixiao.ErrMalformed, Err: errors.New("cut")}}
	body, err := json.Marshal(Result{Doc: wireDocument(doc)})
	if err != nil {
		t.Fatal(err)
	}
	var r Result
	if err := json.Unmarshal(body, &r); err != nil {
		t.Fatal(err)
	}
	got := r.Doc.Extracted()
	if !reflect.DeepEqual(got.Forms, doc.Forms) {
		t.Errorf("forms differ after the round trip")
	}
	if len(got.Problems) != 1 || got.Problems[0].Error() != doc.Problems[0].Error() || jixiao.KindOf(got.Problems[0]) != jixiao.ErrMalformed {
		t.Errorf("problems %v, want %v", got.Problems, doc.Problems)
	}
	got.Forms, got.Problems, doc.Forms, doc.Problems = nil, nil, nil, nil
	if !reflect.DeepEqual(got, doc) {
		t.Errorf("document %+v, want %+v", got, doc)
	}
}

func TestErrorRoundTrip(t *testing.T) {
	for _, err := range []error{
		&jixiao.Error{Op: "extract", Path: "a.pdf", Page: 2, Kind: jixiao.ErrLimitExceeded, Err: errors.New("too many pixels")},
		&jixiao.Error{Op: "ingest", Path: "b.txt", Line: 9, Kind: jixiao.ErrNoForm},
		errors.New("plain"),
	} {
		back := wireError(err).Err()
		if back.Error() != (&jixiao.Error{Op: "extract", Kind: jixiao.ErrInternal, Err: err}).Error() && back.Error() != err.Error() {
			t.Errorf("%v came back as %v", err, back)
		}
	}
	if (*Error)(nil).Err() != nil || wireError(nil) != nil {
		t.Error("nil is not nil after the round trip")
	}
}
