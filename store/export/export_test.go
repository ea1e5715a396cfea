package export

import (
	"testing"
	"time"
)

func TestText(t *testing.T) {
	tests := []struct {
		in   any
		want string
	}{
		{nil, ""},
		{int64(-7), "-7"},
		{762206.0, "762206"},
		{0.95, "0.95"},
		{1e21, "1000000000000000000000"},
		{1e-7, "0.0000001"},
		{"≥90%", "≥90%"},
		{"", ""},
		{[]byte{0xca, 0xfe}, "cafe"},
		{time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC), "2024-01-02T03:04:05Z"},
		{true, "true"},
	}
	for _, tt := range tests {
		if got := Text(tt.in); got != tt.want {
			t.Errorf("Text(%#v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
