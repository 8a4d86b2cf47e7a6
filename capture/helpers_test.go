package capture

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// pcaps is the shared corpus of real captures.
const pcaps = "../testdata/pcaps"

// event is one call a recorded Stream received.
type event struct {
	kind  byte // 'D' data, 'G' gap, 'C' close
	dir   Direction
	n     int // data length or gap size
	frame uint64
	time  time.Time
}

// recStream records everything a connection delivered.
type recStream struct {
	info   ConnInfo
	data   [2][]byte
	events []event
	closes int
	reason CloseReason
	close  Meta
	err    string // contract violations seen
}

func (s *recStream) Data(d Direction, b []byte, m Meta) bool {
	if s.closes > 0 {
		s.err += "Data after Close; "
	}
	if len(b) == 0 {
		s.err += "empty Data; "
	}
	s.data[d] = append(s.data[d], b...)
	s.events = append(s.events, event{'D', d, len(b), m.Frame, m.Time})
	return true
}

func (s *recStream) Gap(d Direction, n int, m Meta) {
	if s.closes > 0 {
		s.err += "Gap after Close; "
	}
	if n == 0 || n < -1 {
		s.err += fmt.Sprintf("Gap(%d); ", n)
	}
	s.events = append(s.events, event{'G', d, n, m.Frame, m.Time})
}

func (s *recStream) Close(m Meta, r CloseReason) {
	s.closes++
	s.reason, s.close = r, m
	s.events = append(s.events, event{kind: 'C', frame: m.Frame, time: m.Time})
}

// recorder is a Handler that keeps every connection.
type recorder struct {
	conns []*recStream
	skip  func(ConnInfo) bool // connections to refuse
}

func (r *recorder) Open(c ConnInfo) Stream {
	if r.skip != nil && r.skip(c) {
		return nil
	}
	s := &recStream{info: c}
	r.conns = append(r.conns, s)
	return s
}

// check fails t on contract violations: every stream closed exactly once.
func (r *recorder) check(t *testing.T) {
	t.Helper()
	for _, s := range r.conns {
		if s.closes != 1 {
			t.Errorf("%v: Close called %d times", s.info.Flow, s.closes)
		}
		if s.err != "" {
			t.Errorf("%v: %s", s.info.Flow, s.err)
		}
	}
}

func short(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:8])
}

// summary renders one line per connection: start frame, roles, and the
// length and digest of each direction's delivered bytes.
func (r *recorder) summary() string {
	var sb strings.Builder
	for _, s := range r.conns {
		fmt.Fprintf(&sb, "%d %s %s %v %d %s %d %s\n", s.info.Start.Frame, s.info.Flow.Client, s.info.Flow.Server, s.info.SawSYN,
			len(s.data[0]), short(s.data[0]), len(s.data[1]), short(s.data[1]))
	}
	return sb.String()
}

// gaps sums the gap bytes of direction d.
func (s *recStream) gaps(d Direction) (n, calls int) {
	for _, e := range s.events {
		if e.kind == 'G' && e.dir == d {
			n += e.n
			calls++
		}
	}
	return n, calls
}

func readFile(t testing.TB, path string, opt Options) (*recorder, Stats) {
	t.Helper()
	rec := &recorder{}
	st, err := ReadFile(context.Background(), path, rec, opt)
	if err != nil {
		t.Fatalf("ReadFile(%s): %v", path, err)
	}
	return rec, st
}

func pcapPath(name string) string { return filepath.Join(pcaps, name) }

// readBytes analyses an in-memory capture.
func readBytes(t testing.TB, b []byte, opt Options) (*recorder, Stats, error) {
	t.Helper()
	rec := &recorder{}
	st, err := Read(context.Background(), bytes.NewReader(b), "test", rec, opt)
	return rec, st, err
}

// mustRead analyses an in-memory capture that must read without error and
// honour the Stream contract.
func mustRead(t testing.TB, b []byte, opt Options) (*recorder, Stats) {
	t.Helper()
	rec, st, err := readBytes(t, b, opt)
	if err != nil {
		t.Fatal(err)
	}
	if tt, ok := t.(*testing.T); ok {
		rec.check(tt)
	}
	return rec, st
}
