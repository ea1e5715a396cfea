package sniff

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

const sample = "财政项目支出绩效目标申报表\t\t\n项目名称\t警用装备\t项目性质\t经常性项目\n"

func encode(t *testing.T, enc interface{ Bytes([]byte) ([]byte, error) }, s string) []byte {
	t.Helper()
	b, err := enc.Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDetect(t *testing.T) {
	gb := encode(t, simplifiedchinese.GB18030.NewEncoder(), sample)
	u16le := encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder(), sample)
	u16be := encode(t, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewEncoder(), "项目名称\tabc\n")
	tests := []struct {
		name string
		in   []byte
		want Kind
	}{
		{"empty", nil, Empty},
		{"blank", []byte(" \n\t\r\n"), Empty},
		{"utf8", []byte(sample), Text},
		{"utf8 bom", append([]byte{0xEF, 0xBB, 0xBF}, sample...), Text},
		{"gb18030", gb, Text},
		{"utf16le bom", u16le, Text},
		{"utf16be no bom", u16be, Text},
		{"ascii", []byte("hello\tworld\n"), Text},
		{"pdf", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), PDF},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), PNG},
		{"jpeg", []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 'J', 'F', 'I', 'F'}, JPEG},
		{"tiff le", []byte("II*\x00\x08\x00\x00\x00"), TIFF},
		{"tiff be", []byte("MM\x00*\x00\x00\x00\x08"), TIFF},
		{"binary", []byte{0x00, 0x01, 0x02, 0x03, 0xFE, 0x00, 0x9C, 0x11, 0x00, 0x05}, Binary},
		{"elf", []byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00"), Binary},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Detect(tt.in); got != tt.want {
				t.Errorf("Detect = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestDecodeText(t *testing.T) {
	tests := []struct {
		name    string
		in      []byte
		wantEnc string
	}{
		{"utf8", []byte(sample), "utf-8"},
		{"utf8 bom", append([]byte{0xEF, 0xBB, 0xBF}, sample...), "utf-8"},
		{"gb18030", encode(t, simplifiedchinese.GB18030.NewEncoder(), sample), "gb18030"},
		{"gbk", encode(t, simplifiedchinese.GBK.NewEncoder(), sample), "gb18030"},
		{"utf16le", encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder(), sample), "utf-16le"},
		{"utf16be", encode(t, unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder(), sample), "utf-16be"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, enc, err := DecodeText(tt.in, bytes.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			if enc != tt.wantEnc {
				t.Errorf("encoding = %s, want %s", enc, tt.wantEnc)
			}
			if string(got) != sample {
				t.Errorf("decoded %q, want %q", got, sample)
			}
		})
	}
	if _, _, err := DecodeText([]byte{0, 1, 2, 3, 0, 0, 7}, bytes.NewReader(nil)); !errors.Is(err, ErrNotText) {
		t.Errorf("binary: err = %v, want ErrNotText", err)
	}
}

// A head cut in the middle of a multi-byte character is still text.
func TestDetectCutHead(t *testing.T) {
	s := []byte(sample)
	for cut := len(s) - 3; cut < len(s); cut++ {
		if got := Detect(s[:cut]); got != Text {
			t.Errorf("cut at %d: %s, want text", cut, got)
		}
	}
}

func FuzzDetectDecode(f *testing.F) {
	f.Add([]byte(sample))
	f.Add([]byte("%PDF-1.4"))
	f.Add([]byte{0xFF, 0xFE, 0x41, 0x00})
	f.Fuzz(func(t *testing.T, data []byte) {
		k := Detect(data)
		if k != Text {
			return
		}
		r, _, err := DecodeText(data, bytes.NewReader(data))
		if err != nil {
			t.Fatalf("Detect says text but DecodeText fails: %v", err)
		}
		if _, err := io.ReadAll(r); err != nil {
			t.Fatalf("reading decoded text: %v", err)
		}
	})
}
