package worker

import (
	"bytes"
	"errors"
	"io"
	"testing"
)

func TestFrameRoundTrip(t *testing.T) {
	for _, f := range []frame{
		{typ: frameJob, body: []byte(`{"path":"a.pdf"}`), data: []byte("%PDF-1.4 …")},
		{typ: frameEvent, body: []byte(`{"page":true}`)},
		{typ: frameResult, body: []byte(`{}`)},
		{typ: frameResult},
	} {
		var b bytes.Buffer
		if err := writeFrame(&b, f); err != nil {
			t.Fatal(err)
		}
		got, err := readFrame(&b, 1<<20)
		if err != nil {
			t.Fatalf("%q: %v", f.typ, err)
		}
		if got.typ != f.typ || !bytes.Equal(got.body, f.body) || !bytes.Equal(got.data, f.data) {
			t.Errorf("read %+v, wrote %+v", got, f)
		}
		if _, err := readFrame(&b, 1<<20); err != io.EOF {
			t.Errorf("after the frame: %v, want EOF", err)
		}
	}
}

func TestReadFrameRefuses(t *testing.T) {
	whole := func(f frame) []byte {
		var b bytes.Buffer
		_ = writeFrame(&b, f)
		return b.Bytes()
	}
	ok := whole(frame{typ: frameJob, body: []byte("{}"), data: []byte("data")})
	for _, tc := range []struct {
		name string
		in   []byte
		want error
	}{
		{"cut in the header", ok[:5], io.ErrUnexpectedEOF},
		{"cut in the body", ok[:frameHeader+1], io.ErrUnexpectedEOF},
		{"cut in the data", ok[:len(ok)-1], io.ErrUnexpectedEOF},
		{"unknown type", append([]byte{'X'}, ok[1:]...), errFrame},
		{"data over the limit", whole(frame{typ: frameJob, data: make([]byte, 2<<10)}), errFrame},
		{"claims 2^64-1 bytes", append([]byte{'J', 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, "x"...), errFrame},
		{"claims a 4 GiB body", []byte{'R', 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0}, errFrame},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := readFrame(bytes.NewReader(tc.in), 1<<10)
			if !errors.Is(err, tc.want) {
				t.Errorf("err %v, want %v", err, tc.want)
			}
		})
	}
}

// FuzzReadFrame feeds the frame decoder arbitrary bytes: it must return
// frames or errors, never panic, and a frame it returns must write back
// to the bytes it was read from.
func FuzzReadFrame(f *testing.F) {
	var b bytes.Buffer
	_ = writeFrame(&b, frame{typ: frameJob, body: []byte(`{"path":"x"}`), data: []byte("abc")})
	_ = writeFrame(&b, frame{typ: frameEvent, body: []byte(`{"page":true}`)})
	f.Add(b.Bytes())
	f.Add([]byte{'R', 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, '{', '}'})
	f.Fuzz(func(t *testing.T, in []byte) {
		r := bytes.NewReader(in)
		for {
			start := len(in) - r.Len()
			fr, err := readFrame(r, 1<<16)
			if err != nil {
				return
			}
			var out bytes.Buffer
			if err := writeFrame(&out, fr); err != nil {
				t.Fatal(err)
			}
			if end := len(in) - r.Len(); !bytes.Equal(out.Bytes(), in[start:end]) {
				t.Fatalf("frame does not write back to its bytes")
			}
		}
	})
}
