package main

import "testing"

// TestSplitJobs: the worker processes of a batch read at most -j pages at
// once in all, and use all of -j while there are units enough.
func TestSplitJobs(t *testing.T) {
	for _, tc := range []struct {
		jobs, units        int
		processes, readers int
	}{
		{jobs: 1, units: 1, processes: 1, readers: 1},
		{jobs: 1, units: 40, processes: 1, readers: 1},
		{jobs: 2, units: 40, processes: 2, readers: 1},
		{jobs: 2, units: 1, processes: 1, readers: 2},
		{jobs: 4, units: 2, processes: 2, readers: 2},
		{jobs: 5, units: 2, processes: 2, readers: 2},
		{jobs: 4, units: 0, processes: 1, readers: 4},
	} {
		p, r := splitJobs(tc.jobs, tc.units)
		if p != tc.processes || r != tc.readers {
			t.Errorf("splitJobs(%d, %d) = %d processes × %d readers, want %d × %d", tc.jobs, tc.units, p, r, tc.processes, tc.readers)
		}
		if p*r > tc.jobs {
			t.Errorf("splitJobs(%d, %d): %d × %d readers, more than -j", tc.jobs, tc.units, p, r)
		}
	}
}
