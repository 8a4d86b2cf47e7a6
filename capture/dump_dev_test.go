package capture

import (
	"fmt"
	"os"
	"testing"
)

func TestDumpDev(t *testing.T) {
	f := os.Getenv("DUMP")
	if f == "" {
		t.Skip()
	}
	rec, st := readFile(t, f, Options{})
	rec.check(t)
	fmt.Print(rec.summary())
	fmt.Fprintf(os.Stderr, "%+v\n", st)
	if os.Getenv("EV") != "" {
		for _, s := range rec.conns {
			fmt.Fprintln(os.Stderr, s.info.Flow, s.reason, s.events)
		}
	}
}

func TestDumpFramesDev(t *testing.T) {
	f := os.Getenv("FRAMES")
	if f == "" {
		t.Skip()
	}
	rec, _ := readFile(t, f, Options{})
	type fl struct{ n, g int }
	m := map[uint64]*fl{}
	var order []uint64
	for _, s := range rec.conns {
		for _, e := range s.events {
			if e.kind == 'C' {
				continue
			}
			x := m[e.frame]
			if x == nil {
				x = &fl{}
				m[e.frame] = x
				order = append(order, e.frame)
			}
			if e.kind == 'D' {
				x.n += e.n
			} else {
				x.g += e.n
			}
		}
	}
	for _, fr := range order {
		fmt.Printf("%d %d\n", fr, m[fr].n+m[fr].g)
	}
}
