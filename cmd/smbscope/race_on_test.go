//go:build race

package main

// raceEnabled: the race detector makes allocation-heavy tests slow, so they
// run smaller.
const raceEnabled = true
