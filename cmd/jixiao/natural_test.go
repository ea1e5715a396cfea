package main

import (
	"slices"
	"testing"
)

func TestNaturalLess(t *testing.T) {
	cases := []struct{ in, want []string }{
		{[]string{"p10.jpg", "p2.jpg", "p1.jpg"}, []string{"p1.jpg", "p2.jpg", "p10.jpg"}},
		{[]string{"scan_0010.jpg", "scan_0002.jpg", "scan_0001.jpg"}, []string{"scan_0001.jpg", "scan_0002.jpg", "scan_0010.jpg"}},
		{[]string{"17-p2.jpg", "9-p1.jpg", "17-p1.jpg", "17-p10.jpg"}, []string{"9-p1.jpg", "17-p1.jpg", "17-p2.jpg", "17-p10.jpg"}},
		{[]string{"b.png", "a.png", "a1.png"}, []string{"a.png", "a1.png", "b.png"}},
		{[]string{"p2", "p02"}, []string{"p02", "p2"}},
	}
	for _, tc := range cases {
		got := slices.Clone(tc.in)
		slices.SortFunc(got, func(a, b string) int {
			switch {
			case naturalLess(a, b):
				return -1
			case naturalLess(b, a):
				return 1
			}
			return 0
		})
		if !slices.Equal(got, tc.want) {
			t.Errorf("%v sorted: %v, want %v", tc.in, got, tc.want)
		}
	}
}
