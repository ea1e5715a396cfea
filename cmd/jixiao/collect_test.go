package main

import (
	"runtime/debug"
	"testing"
)

// TestCollectLess: ingest's collector setting applies only when GOGC and
// GOMEMLIMIT leave it to jixiao, and is undone afterwards.
func TestCollectLess(t *testing.T) {
	tests := []struct {
		name, gogc, memlimit string
		wantPct              int
		wantLimit            int64 // -1: unchanged
	}{
		{"defaults", "", "", 400, 512 << 20},
		{"GOGC set", "100", "", -1, -1},
		{"GOMEMLIMIT set", "", "1GiB", 400, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("GOGC", tt.gogc)
			t.Setenv("GOMEMLIMIT", tt.memlimit)
			pct0 := debug.SetGCPercent(-1)
			debug.SetGCPercent(pct0)
			limit0 := debug.SetMemoryLimit(-1)

			restore := collectLess()
			pct := debug.SetGCPercent(-1)
			debug.SetGCPercent(pct)
			limit := debug.SetMemoryLimit(-1)
			restore()

			if want := tt.wantPct; want == -1 && pct != pct0 || want != -1 && pct != want {
				t.Errorf("GC percent %d during ingest (before: %d), want %d", pct, pct0, tt.wantPct)
			}
			if want := tt.wantLimit; want == -1 && limit != limit0 || want != -1 && limit != want {
				t.Errorf("memory limit %d during ingest (before: %d), want %d", limit, limit0, tt.wantLimit)
			}
			if p := debug.SetGCPercent(pct0); p != pct0 {
				t.Errorf("GC percent %d after ingest, want %d back", p, pct0)
			}
			if l := debug.SetMemoryLimit(-1); l != limit0 {
				t.Errorf("memory limit %d after ingest, want %d back", l, limit0)
			}
		})
	}
}
