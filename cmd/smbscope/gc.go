package main

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
)

// Most of what an analysis allocates dies young (messages, tokens,
// records), while what stays live is small: a few tens of megabytes of
// open connections and host state. With Go's default (collect when the
// heap has doubled since the last collection), a small heap is collected
// every few megabytes of allocation. gcTuner lets the heap grow to
// heapTarget before a collection while the live heap is small, and caps
// the process at memLimit while the live heap is under limitUpTo; beyond,
// where memory is the state of that many open connections anyway, it
// keeps Go's default. After each collection it sets GOGC and the memory
// limit from the live heap. It does nothing when GOGC or GOMEMLIMIT is set
// in the environment.
//
// memLimit leaves room under 64 MiB of resident memory for what the Go
// runtime does not count: the program's own pages and the few megabytes of
// a mapped capture file in use at a time (capture.ReadFile).
const (
	heapTarget = 32 << 20
	memLimit   = 46 << 20
	limitUpTo  = 36 << 20
)

type gcTuner struct {
	stopped   atomic.Bool
	prev      int
	prevLimit int64
	sample    []metrics.Sample
}

// sentinel is an object whose finalizer runs after each collection; the
// pointer keeps it out of the tiny allocator, which would delay that.
type sentinel struct {
	_ *int
	_ [32]byte
}

// tuneGC starts tuning; the function it returns stops it and restores
// GOGC.
func tuneGC() (stop func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	g := &gcTuner{sample: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	g.prev = debug.SetGCPercent(percentFor(4<<20, heapTarget))
	g.prevLimit = debug.SetMemoryLimit(memLimit)
	g.arm()
	return func() {
		g.stopped.Store(true)
		debug.SetGCPercent(g.prev)
		debug.SetMemoryLimit(g.prevLimit)
	}
}

func (g *gcTuner) arm() {
	runtime.SetFinalizer(&sentinel{}, func(*sentinel) {
		if g.stopped.Load() {
			return
		}
		metrics.Read(g.sample)
		if g.sample[0].Value.Kind() == metrics.KindUint64 {
			live := g.sample[0].Value.Uint64()
			debug.SetGCPercent(percentFor(live, heapTarget))
			if live < limitUpTo {
				debug.SetMemoryLimit(memLimit)
			} else {
				debug.SetMemoryLimit(math.MaxInt64)
			}
		}
		g.arm()
	})
}

// percentFor is the GOGC that lets a heap of live bytes grow to target,
// and no less than the default 100.
func percentFor(live, target uint64) int {
	if live == 0 || target <= 2*live {
		return 100
	}
	return int(min((target-live)*100/live, 2000))
}
