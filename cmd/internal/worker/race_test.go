//go:build race

package worker

// raceEnabled says the race detector is on: its shadow memory counts in a
// child's data segment, so a limited child starts near its limit.
const raceEnabled = true
