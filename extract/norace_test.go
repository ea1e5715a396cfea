//go:build !race

package extract_test

// raceEnabled: the race detector slows the Go side of OCR several times
// over, so the slow end-to-end tests read fewer pages.
const raceEnabled = false
