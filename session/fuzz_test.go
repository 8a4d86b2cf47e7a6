package session

import (
	"encoding/binary"
	"fmt"
	"reflect"
	"testing"
	"time"
)

// A fuzzed connection is a sequence of records: one flags byte (bit 0: the
// server sent it; bit 1: a gap of LEN bytes rather than data), a 2-byte
// big-endian LEN, and LEN bytes of data. The seeds are the real streams of
// testdata, so the fuzzer starts from traffic every state machine accepts.
const (
	fuzzFromServer = 1 << 0
	fuzzGap        = 1 << 1
)

// fuzzEncode turns packets into the fuzz input format.
func fuzzEncode(pkts []packet) []byte {
	var out []byte
	for _, p := range pkts {
		for data := p.data; len(data) > 0; {
			n := min(len(data), 0xFFFF)
			out = append(out, byte(p.dir), byte(n>>8), byte(n))
			out = append(out, data[:n]...)
			data = data[n:]
		}
	}
	return out
}

// fuzzRecord is one decoded record: data, or a gap of n bytes.
type fuzzRecord struct {
	meta Meta
	dir  Direction
	gap  bool
	n    int
	data []byte
}

// fuzzDecode reads records until the input ends; a record cut short keeps
// the bytes present.
func fuzzDecode(b []byte) []fuzzRecord {
	base := time.Unix(1795293517, 0).UTC()
	var out []fuzzRecord
	for len(b) >= 3 {
		flags, n := b[0], int(binary.BigEndian.Uint16(b[1:]))
		b = b[3:]
		r := fuzzRecord{meta: Meta{Frame: uint64(len(out) + 1), Time: base.Add(time.Duration(len(out)) * time.Millisecond)},
			dir: Direction(flags & fuzzFromServer)}
		if flags&fuzzGap != 0 {
			r.gap, r.n = true, n
			if n == 0xFFFF {
				r.n = -1 // size unknown
			}
		} else {
			n = min(n, len(b))
			r.data, b = b[:n], b[n:]
		}
		out = append(out, r)
	}
	return out
}

// fuzzRun feeds records to a new connection, each data record cut into
// the pieces split returns, and returns the result (nil when the
// connection carried no SMB).
func fuzzRun(recs []fuzzRecord, sawSYN bool, opt Options, split func([]byte) [][]byte) *Connection {
	var got *Connection
	tr := NewTracker("fuzz", opt, func(c *Connection) { got = c })
	start := Meta{Frame: 1, Time: time.Unix(1795293517, 0).UTC()}
	if len(recs) > 0 {
		start = recs[0].meta
	}
	c := tr.Open(testClient, testServer, start, sawSYN)
	last := start
	for _, r := range recs {
		last = r.meta
		if r.gap {
			c.Gap(r.dir, r.n, r.meta)
			continue
		}
		for _, piece := range split(r.data) {
			c.Data(r.dir, piece, r.meta)
		}
	}
	c.Close(last, "end_of_input")
	return got
}

// fuzzPieces cuts b into pieces whose lengths come from cuts, cycled.
func fuzzPieces(cuts []byte) func([]byte) [][]byte {
	if len(cuts) == 0 {
		return whole
	}
	i := 0
	return func(b []byte) [][]byte {
		var out [][]byte
		for len(b) > 0 {
			n := min(len(b), 1+int(cuts[i%len(cuts)]))
			i++
			out = append(out, b[:n])
			b = b[n:]
		}
		return out
	}
}

// fuzzOptions derives the limits from one fuzz byte: 0 keeps the defaults,
// anything else sets limits small enough for the fuzzer to reach them.
func fuzzOptions(limits uint8) Options {
	if limits == 0 {
		return Options{}
	}
	return Options{
		MaxKeptBytes: 64 + 16*int(limits&0x3F),
		MaxSessions:  1 + int(limits>>6),
		MaxPending:   1 + int(limits>>6),
	}
}

// fuzzCheckBounds checks that a result respects the limits it was made
// under and counts no more messages than its bytes could hold.
func fuzzCheckBounds(t *testing.T, c *Connection, opt Options, bytesIn int) {
	if c == nil {
		return
	}
	opt = opt.withDefaults()
	if len(c.Sessions) > opt.MaxSessions {
		t.Fatalf("%d sessions, limit %d", len(c.Sessions), opt.MaxSessions)
	}
	// The smallest SMB message is the 32-byte SMB1 header.
	if c.Messages*dissectMinMessage > bytesIn {
		t.Fatalf("%d messages from %d bytes", c.Messages, bytesIn)
	}
	for _, s := range c.Sessions {
		if len(s.UnsignedSamples) > maxSamples {
			t.Fatalf("session %s keeps %d samples", s.SessionIDString(), len(s.UnsignedSamples))
		}
		if s.Signed < 0 || s.Unsigned < 0 || s.Encrypted < 0 || s.Exempt < 0 {
			t.Fatalf("negative count in %+v", s)
		}
		if s.Outcome == "" {
			t.Fatalf("session %s has no outcome", s.SessionIDString())
		}
	}
	for name, n := range c.Anomalies {
		if name == "" || n <= 0 {
			t.Fatalf("anomaly %q counted %d", name, n)
		}
	}
}

// dissectMinMessage is the size of an SMB1 header, the shortest message
// that counts.
const dissectMinMessage = 32

// FuzzConnection feeds a whole connection, mutated by the fuzzer, three
// ways: each record at once, byte by byte, and in pieces the fuzzer
// chooses. The results must be identical and within the limits.
func FuzzConnection(f *testing.F) {
	for _, name := range streams {
		pkts := loadStream(f, name)
		f.Add(fuzzEncode(pkts), true, []byte{}, uint8(0))
		// The negotiation and session setup alone, smaller for the mutator.
		f.Add(fuzzEncode(pkts[:min(len(pkts), 10)]), true, []byte{3, 200, 17}, uint8(0))
		// A mid-stream start, cut inside a PDU.
		mid := append([]packet(nil), pkts[len(pkts)/2:]...)
		mid[0].data = mid[0].data[min(len(mid[0].data), 5):]
		f.Add(fuzzEncode(mid), false, []byte{0, 255}, uint8(0x41))
		// Lost bytes: a gap record in each direction, one of unknown size.
		gapped := fuzzEncode(pkts[:len(pkts)/3])
		gapped = append(gapped, fuzzGap|byte(FromServer), 0, 100, fuzzGap, 0xFF, 0xFF)
		gapped = append(gapped, fuzzEncode(pkts[len(pkts)/3:])...)
		f.Add(gapped, true, []byte{7}, uint8(0))
	}
	f.Fuzz(func(t *testing.T, in []byte, sawSYN bool, cuts []byte, limits uint8) {
		recs := fuzzDecode(in)
		opt := fuzzOptions(limits)
		bytesIn := 0
		for _, r := range recs {
			bytesIn += len(r.data)
		}
		want := fuzzRun(recs, sawSYN, opt, whole)
		fuzzCheckBounds(t, want, opt, bytesIn)
		if again := fuzzRun(recs, sawSYN, opt, whole); !reflect.DeepEqual(again, want) {
			t.Fatalf("two runs differ:\n%+v\n%+v", again, want)
		}
		if got := fuzzRun(recs, sawSYN, opt, byteByByte); !reflect.DeepEqual(got, want) {
			t.Fatalf("byte by byte differs:\n got %s\nwant %s", fuzzDescribe(got), fuzzDescribe(want))
		}
		if got := fuzzRun(recs, sawSYN, opt, fuzzPieces(cuts)); !reflect.DeepEqual(got, want) {
			t.Fatalf("pieces %v differ:\n got %s\nwant %s", cuts, fuzzDescribe(got), fuzzDescribe(want))
		}
	})
}

// fuzzDescribe prints a result with its sessions, for failure messages.
func fuzzDescribe(c *Connection) string {
	if c == nil {
		return "<no SMB>"
	}
	s := fmtAny(*c)
	for _, ss := range c.Sessions {
		s += "\n  session " + fmtAny(*ss)
	}
	return s
}

func fmtAny(v any) string { return fmt.Sprintf("%+v", v) }
