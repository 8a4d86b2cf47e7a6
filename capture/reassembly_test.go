package capture

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

func isData(f frame) bool { return len(tcpPayload(f.data)) > 0 }

// fromClient tells the direction of an s01/s05/eicar frame by its ports.
func fromClient(f frame) bool {
	o := tcpOff(f.data)
	sp := binary.BigEndian.Uint16(f.data[o:])
	return sp != 445
}

// checkAttribution verifies that every Data call carries bytes of the
// packet whose frame number it reports.
func checkAttribution(t *testing.T, rec *recorder, frames []frame) {
	t.Helper()
	for _, s := range rec.conns {
		var off [2]int
		for _, e := range s.events {
			switch e.kind {
			case 'D':
				b := s.data[e.dir][off[e.dir] : off[e.dir]+e.n]
				off[e.dir] += e.n
				if p := tcpPayload(frames[e.frame-1].data); !bytes.Contains(p, b) {
					t.Fatalf("Data of %d bytes reported for frame %d does not come from it", e.n, e.frame)
				}
			}
		}
	}
}

// Reordered, duplicated and overlapping segments give the same streams,
// each byte delivered once, attributed to a packet that carried it.
func TestReorderAndRetransmit(t *testing.T) {
	for _, tc := range []struct {
		name string
		wrap bool
	}{{s05, false}, {seg, false}, {s05, true}} {
		name := tc.name
		t.Run(fmt.Sprintf("%s/wrap=%v", name, tc.wrap), func(t *testing.T) {
			orig := loadFrames(t, name)
			if tc.wrap {
				// Move both initial sequence numbers a few KB below 2^32 so
				// that the streams wrap around.
				orig = mapFrames(orig, func(f frame) frame {
					f.data = slices.Clone(f.data)
					o := tcpOff(f.data)
					delta := uint32(1<<32 - 3000 - tcpSeq(orig[0].data))
					if !fromClient(f) {
						delta = uint32(1<<32 - 5000 - tcpSeq(orig[1].data))
					}
					binary.BigEndian.PutUint32(f.data[o+4:], tcpSeq(f.data)+delta)
					return f
				})
			}
			rng := rand.New(rand.NewPCG(7, 9))
			// Duplicate every fourth data packet a few packets later.
			var frames []frame
			var dups []frame
			for i, f := range orig {
				frames = append(frames, f)
				if isData(f) && i%4 == 0 {
					dups = append(dups, f)
				}
				if len(dups) > 0 && rng.IntN(3) == 0 {
					frames = append(frames, dups[0])
					dups = dups[1:]
				}
			}
			frames = append(frames, dups...)
			// Overlaps: a segment spanning the end of one packet and the
			// start of the next, sent before both.
			for i := 10; i+1 < len(frames); i += 9 {
				a := frames[i]
				if !isData(a) {
					continue
				}
				j := slices.IndexFunc(frames[i+1:], func(f frame) bool { return isData(f) && fromClient(f) == fromClient(a) })
				if j < 0 {
					continue
				}
				b := frames[i+1+j]
				pa, pb := tcpPayload(a.data), tcpPayload(b.data)
				if tcpSeq(b.data) != tcpSeq(a.data)+uint32(len(pa)) || len(pa) < 4 || len(pb) < 4 {
					continue
				}
				mid := append(slices.Clone(pa[len(pa)/2:]), pb[:len(pb)/2]...)
				o := frame{data: withPayload(a.data, tcpSeq(a.data)+uint32(len(pa)/2), mid), ts: a.ts}
				o.wire = len(o.data)
				frames = slices.Insert(frames, i, o)
				i++
			}
			// Shuffle within windows of five packets, keeping the
			// handshake first so roles stay certain.
			for i := 3; i+5 <= len(frames); i += 5 {
				w := frames[i : i+5]
				rng.Shuffle(len(w), func(a, b int) { w[a], w[b] = w[b], w[a] })
			}
			want, _ := readFile(t, pcapPath(name), Options{})
			got, st := mustRead(t, writePcap(1, frames, pcapStyle{}), Options{})
			if len(got.conns) != 1 {
				t.Fatalf("%d connections", len(got.conns))
			}
			for d := range 2 {
				if !bytes.Equal(got.conns[0].data[d], want.conns[0].data[d]) {
					t.Errorf("direction %d: %d bytes, want %d (same content)", d, len(got.conns[0].data[d]), len(want.conns[0].data[d]))
				}
			}
			if st.Gaps != 0 || st.OutOfOrder == 0 || st.Duplicates == 0 {
				t.Errorf("stats %+v: want no gaps, some out-of-order and duplicate segments", st)
			}
			checkAttribution(t, got, frames)
		})
	}
}

// A segment missing from the capture becomes one Gap of its size, just
// before the data that follows it; with a small buffer the hole is given up
// early instead of at the end.
func TestLostSegment(t *testing.T) {
	orig := loadFrames(t, s01)
	const lost = 26 // frame 27 (index 26): 1448 client bytes
	if n := len(tcpPayload(orig[lost].data)); n != 1448 || !fromClient(orig[lost]) {
		t.Fatalf("frame %d has %d bytes", lost+1, n)
	}
	frames := slices.Delete(slices.Clone(orig), lost, lost+1)
	want, _ := readFile(t, pcapPath(s01), Options{})
	full := want.conns[0].data[FromClient]
	var start int
	for _, e := range want.conns[0].events {
		if e.frame == lost+1 {
			break
		}
		if e.kind == 'D' && e.dir == FromClient {
			start += e.n
		}
	}
	wantClient := append(slices.Clone(full[:start]), full[start+1448:]...)

	for _, tc := range []struct {
		name  string
		opt   Options
		early bool
	}{
		{"wait-for-fin", Options{}, false},
		{"buffer-limit", Options{MaxBufferedBytes: 4000}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec, st := mustRead(t, writePcap(1, frames, pcapStyle{}), tc.opt)
			c := rec.conns[0]
			if !bytes.Equal(c.data[FromClient], wantClient) || !bytes.Equal(c.data[FromServer], want.conns[0].data[FromServer]) {
				t.Errorf("streams differ from the original minus the lost segment")
			}
			gi := slices.IndexFunc(c.events, func(e event) bool { return e.kind == 'G' })
			if gi < 0 || st.Gaps != 1 {
				t.Fatalf("%d gaps, want 1", st.Gaps)
			}
			g, next := c.events[gi], c.events[gi+1]
			// The next client packet was frame 29 of the original, now 28.
			if g.dir != FromClient || g.n != 1448 || g.frame != 28 || next.kind != 'D' || next.frame != 28 {
				t.Errorf("gap %+v followed by %+v, want 1448 client bytes before the data of frame 28", g, next)
			}
			lastServer := 0
			for i, e := range c.events {
				if e.kind == 'D' && e.dir == FromServer {
					lastServer = i
				}
			}
			if early := gi < lastServer; early != tc.early {
				t.Errorf("gap reported before later server data: %v, want %v", early, tc.early)
			}
			if c.reason != CloseFIN {
				t.Errorf("closed %v", c.reason)
			}
			checkAttribution(t, rec, frames)
		})
	}
}

// rst builds a reset from the sender of f.
func rst(f frame) frame {
	o := tcpOff(f.data)
	d := withPayload(f.data, tcpSeq(f.data)+uint32(len(tcpPayload(f.data))), nil)
	d[o+13] = 0x14 // RST, ACK
	return frame{data: d, ts: f.ts, wire: len(d)}
}

func shift(fs []frame, d time.Duration) []frame {
	return mapFrames(fs, func(f frame) frame { f.ts = f.ts.Add(d); return f })
}

func TestLifecycle(t *testing.T) {
	v4 := loadFrames(t, s01)

	t.Run("rst-then-stragglers-then-new-syn", func(t *testing.T) {
		frames := slices.Clone(v4[:30])
		frames = append(frames, rst(v4[29])) // frame 31
		frames = append(frames, v4[30:40]...)
		frames = append(frames, shift(v4, time.Second)...)
		rec, st := mustRead(t, writePcap(1, frames, pcapStyle{}), Options{})
		if len(rec.conns) != 2 || st.Connections != 2 {
			t.Fatalf("%d connections, want 2 (stragglers after a reset start none)", len(rec.conns))
		}
		if c := rec.conns[0]; c.reason != CloseRST || c.close.Frame != 31 {
			t.Errorf("first closed %v at %d, want rst at 31", c.reason, c.close.Frame)
		}
		want, _ := readFile(t, pcapPath(s01), Options{})
		if c := rec.conns[1]; !c.info.SawSYN || c.info.Start.Frame != 42 || !bytes.Equal(c.data[0], want.conns[0].data[0]) {
			t.Errorf("second connection %+v", c.info)
		}
	})

	t.Run("port-reuse-after-fin", func(t *testing.T) {
		frames := append(slices.Clone(v4), shift(v4, 2*time.Second)...)
		rec, _ := mustRead(t, writePcap(1, frames, pcapStyle{}), Options{})
		if len(rec.conns) != 2 {
			t.Fatalf("%d connections, want 2", len(rec.conns))
		}
		a, b := rec.conns[0], rec.conns[1]
		if a.reason != CloseFIN || b.reason != CloseFIN || b.info.Start.Frame != 67 ||
			!bytes.Equal(a.data[0], b.data[0]) || !bytes.Equal(a.data[1], b.data[1]) {
			t.Errorf("got:\n%s", rec.summary())
		}
	})

	t.Run("idle", func(t *testing.T) {
		frames := append(slices.Clone(v4[:30]), shift(v4[30:], 11*time.Minute)...)
		rec, _ := mustRead(t, writePcap(1, frames, pcapStyle{}), Options{})
		if len(rec.conns) != 2 {
			t.Fatalf("%d connections, want 2", len(rec.conns))
		}
		a, b := rec.conns[0], rec.conns[1]
		if a.reason != CloseIdle || a.close.Frame != 30 || b.info.SawSYN || b.info.Start.Frame != 31 || b.reason != CloseFIN {
			t.Errorf("got %v@%d then start %d syn=%v %v", a.reason, a.close.Frame, b.info.Start.Frame, b.info.SawSYN, b.reason)
		}
		want, _ := readFile(t, pcapPath(s01), Options{})
		for d := range 2 {
			if !bytes.Equal(append(slices.Clone(a.data[d]), b.data[d]...), want.conns[0].data[d]) {
				t.Errorf("direction %d: the two halves do not add up to the stream", d)
			}
		}
		// A longer timeout keeps it one connection.
		rec, _ = mustRead(t, writePcap(1, frames, pcapStyle{}), Options{IdleTimeout: time.Hour})
		if len(rec.conns) != 1 {
			t.Errorf("%d connections with a 1h timeout", len(rec.conns))
		}
	})

	t.Run("eviction", func(t *testing.T) {
		merged, _, _ := mergeAlternating(v4, loadFrames(t, s06))
		pcap := writePcap(1, merged, pcapStyle{})
		rec, st := mustRead(t, pcap, Options{MaxConnections: 1})
		evicted := 0
		for _, c := range rec.conns {
			if c.reason == CloseEvicted {
				evicted++
			}
		}
		if st.Evicted == 0 || uint64(evicted) != st.Evicted || st.Connections != uint64(len(rec.conns)) {
			t.Errorf("evicted %d (stats %d) of %d connections", evicted, st.Evicted, len(rec.conns))
		}
		rec, st = mustRead(t, pcap, Options{MaxConnections: 2})
		if st.Evicted != 0 || len(rec.conns) != 2 {
			t.Errorf("with room for both: %d evicted, %d connections", st.Evicted, len(rec.conns))
		}
	})

	t.Run("unwanted-connection", func(t *testing.T) {
		merged, _, _ := mergeAlternating(v4, loadFrames(t, s13))
		rec := &recorder{skip: func(c ConnInfo) bool { return c.Flow.Server.Port() == 139 }}
		st, err := Read(t.Context(), bytes.NewReader(writePcap(1, merged, pcapStyle{})), "x", rec, Options{})
		if err != nil {
			t.Fatal(err)
		}
		rec.check(t)
		want, _ := readFile(t, pcapPath(s01), Options{})
		if st.Connections != 2 || len(rec.conns) != 1 || !bytes.Equal(rec.conns[0].data[1], want.conns[0].data[1]) {
			t.Errorf("%d opened, %d recorded", st.Connections, len(rec.conns))
		}
	})

	t.Run("lost-interest", func(t *testing.T) {
		s := &quitter{after: 3}
		_, err := Read(t.Context(), bytes.NewReader(writePcap(1, v4, pcapStyle{})), "x", handlerFunc(func(ConnInfo) Stream { return s }), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if s.data != 3 || s.closes != 1 || s.reason != CloseFIN {
			t.Errorf("%d Data calls, %d closes (%v); want 3 and 1 (fin)", s.data, s.closes, s.reason)
		}
	})
}

// quitter loses interest after a few Data calls.
type quitter struct {
	after, data, closes int
	reason              CloseReason
}

func (q *quitter) Data(Direction, []byte, Meta) bool { q.data++; return q.data < q.after }
func (q *quitter) Gap(Direction, int, Meta)          { q.data += 1000 }
func (q *quitter) Close(_ Meta, r CloseReason)       { q.closes++; q.reason = r }

// IPv4 options, IPv6 extension headers, link padding and non-TCP traffic.
func TestNetworkLayer(t *testing.T) {
	t.Run("ipv4", func(t *testing.T) {
		var frames []frame
		for i, f := range loadFrames(t, s01) {
			// Every packet gets 4 bytes of IP options (NOP NOP NOP EOL).
			d := append(slices.Clone(f.data[:34]), 1, 1, 1, 0)
			d = append(d, f.data[34:]...)
			d[14] = 0x46
			binary.BigEndian.PutUint16(d[16:], binary.BigEndian.Uint16(d[16:])+4)
			if i == 3 {
				d = append(d, 0xee, 0xee, 0xee) // link-layer padding after the IP packet
			}
			frames = append(frames, frame{data: d, ts: f.ts, wire: len(d)})
			if i == 10 {
				udp := slices.Clone(d)
				udp[23] = 17
				frag := slices.Clone(d)
				frag[20] |= 0x20 // more fragments
				arp := append(slices.Clone(d[:12]), 0x08, 0x06)
				arp = append(arp, make([]byte, 28)...)
				short := slices.Clone(d[:14+24+10]) // cut inside the TCP header
				for _, x := range [][]byte{udp, frag, arp} {
					frames = append(frames, frame{data: x, ts: f.ts, wire: len(x)})
				}
				frames = append(frames, frame{data: short, ts: f.ts, wire: len(d)})
			}
		}
		want, _ := readFile(t, pcapPath(s01), Options{})
		rec, st := mustRead(t, writePcap(1, frames, pcapStyle{}), Options{})
		if len(rec.conns) != 1 || !bytes.Equal(rec.conns[0].data[0], want.conns[0].data[0]) || !bytes.Equal(rec.conns[0].data[1], want.conns[0].data[1]) {
			t.Errorf("streams differ:\n%s", rec.summary())
		}
		if st.NonTCP != 2 || st.Undecodable != 2 || st.TruncatedPackets != 1 || st.TCPPackets != 66 {
			t.Errorf("stats %+v: want 2 non-TCP (UDP, ARP), 2 undecodable (fragment, cut header)", st)
		}
	})
	t.Run("ipv6-extension-headers", func(t *testing.T) {
		var frames []frame
		ext := []byte{
			60, 0, 1, 4, 0, 0, 0, 0, // hop-by-hop -> destination options, PadN
			44, 0, 1, 4, 0, 0, 0, 0, // destination options -> fragment, PadN
			6, 0, 0, 0, 0, 0, 0, 1, // atomic fragment (offset 0, no more) -> TCP
		}
		for i, f := range loadFrames(t, s06) {
			d := append(slices.Clone(f.data[:54]), ext...)
			d = append(d, f.data[54:]...)
			d[20] = 0 // next header: hop-by-hop
			binary.BigEndian.PutUint16(d[18:], binary.BigEndian.Uint16(d[18:])+uint16(len(ext)))
			frames = append(frames, frame{data: d, ts: f.ts, wire: len(d)})
			if i == 10 {
				frag := slices.Clone(d)
				frag[54+16+3] = 1 // more fragments
				frames = append(frames, frame{data: frag, ts: f.ts, wire: len(frag)})
			}
		}
		want, _ := readFile(t, pcapPath(s06), Options{})
		rec, st := mustRead(t, writePcap(1, frames, pcapStyle{}), Options{})
		if len(rec.conns) != 1 || !bytes.Equal(rec.conns[0].data[0], want.conns[0].data[0]) || !bytes.Equal(rec.conns[0].data[1], want.conns[0].data[1]) {
			t.Errorf("streams differ:\n%s", rec.summary())
		}
		if st.Undecodable != 1 || st.TCPPackets != 90 {
			t.Errorf("stats %+v: want the fragment undecodable, all else TCP", st)
		}
	})
}
