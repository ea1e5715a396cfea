//go:build race

package main

// raceEnabled: the race detector multiplies memory use several times
// over, so memory bars are checked in normal builds only.
const raceEnabled = true
