//go:build race

package main

// raceEnabled: the race detector slows the degradation of pages several
// times over, so TestCorpus makes a smaller corpus.
const raceEnabled = true
