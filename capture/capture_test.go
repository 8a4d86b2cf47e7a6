package capture

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"testing"
	"time"
)

const (
	s01 = "samba/s01_smb1_srvmand_user.pcap"        // IPv4, handshake, FIN
	s05 = "samba/s05_smb311_defaults_user.pcap"     // IPv4, SMB 3.1.1
	s06 = "samba/s06_smb210_srvmand_ipv6_user.pcap" // IPv6
	s13 = "samba/s13_smb1_port139_user.pcap"        // NetBIOS port 139
	s18 = "samba/s18_smb311_srvmand_snap150.pcap"   // snaplen 150
	s20 = "samba/s20_midstream_from_s05.pcap"       // pcapng, no handshake
	seg = "public/suricata-verify/smb-eicar-file-segmentation-random__input.pcap"
)

// Frames and sizes of every packet with TCP payload in s01, as tshark
// lists them: tshark -Y 'tcp.len>0' -T fields -e frame.number -e tcp.len.
const s01DataFrames = "4:66 6:163 8:160 9:286 10:508 11:156 12:94 13:60 14:124 15:39 16:39 17:39 18:104 " +
	"19:66 20:92 21:380 22:76 23:92 24:112 25:107 26:1448 27:1448 29:1448 30:1448 32:1276 33:51 34:45 " +
	"35:39 36:92 37:492 38:76 39:92 40:112 41:107 42:76 43:156 44:63 45:1448 46:1448 47:1448 48:1448 " +
	"49:1272 52:45 53:39 54:112 55:107 56:76 57:156 58:63 59:82 60:45 61:39 62:39 63:39"

func dataFrames(s *recStream) string {
	var parts []string
	for _, e := range s.events {
		if e.kind == 'D' {
			parts = append(parts, fmt.Sprintf("%d:%d", e.frame, e.n))
		}
	}
	return strings.Join(parts, " ")
}

// Each Data call carries one packet's bytes and that packet's frame number
// and time, exactly as Wireshark numbers them.
func TestFramesMatchWireshark(t *testing.T) {
	rec, st := readFile(t, pcapPath(s01), Options{})
	rec.check(t)
	if len(rec.conns) != 1 {
		t.Fatalf("%d connections, want 1", len(rec.conns))
	}
	c := rec.conns[0]
	if got := dataFrames(c); got != s01DataFrames {
		t.Errorf("data frames:\n got %s\nwant %s", got, s01DataFrames)
	}
	want := ConnInfo{
		Flow: Flow{
			Client: netip.MustParseAddrPort("198.51.100.20:39340"),
			Server: netip.MustParseAddrPort("198.51.100.10:445"),
		},
		Start:  Meta{Frame: 1, Time: c.info.Start.Time},
		SawSYN: true,
	}
	if c.info != want {
		t.Errorf("ConnInfo %+v, want %+v", c.info, want)
	}
	// tshark -Y frame.number==4 -T fields -e frame.time_epoch
	if ts := c.events[0].time; ts.UnixMicro() != 1795293483305348 {
		t.Errorf("frame 4 time %v (%d µs)", ts, ts.UnixMicro())
	}
	if c.reason != CloseFIN || c.close.Frame != 65 {
		t.Errorf("closed %v at frame %d, want fin at 65 (the second FIN)", c.reason, c.close.Frame)
	}
	if st.Packets != 66 || st.TCPPackets != 66 || st.Connections != 1 || st.Gaps != 0 {
		t.Errorf("stats %+v", st)
	}
}

// Roles come from the handshake when it was captured, else from the ports.
func TestRoles(t *testing.T) {
	ap := netip.MustParseAddrPort
	base := loadFrames(t, s01)
	setPorts := func(fs []frame, client, server uint16) []frame {
		return mapFrames(fs, func(f frame) frame {
			f.data = slices.Clone(f.data)
			o := tcpOff(f.data)
			sp := binary.BigEndian.Uint16(f.data[o:])
			if sp == 445 {
				binary.BigEndian.PutUint16(f.data[o:], server)
				binary.BigEndian.PutUint16(f.data[o+2:], client)
			} else {
				binary.BigEndian.PutUint16(f.data[o:], client)
				binary.BigEndian.PutUint16(f.data[o+2:], server)
			}
			return f
		})
	}
	cases := []struct {
		name           string
		pcap           []byte
		client, server string
		sawSYN         bool
	}{
		{"s01", writePcap(1, base, pcapStyle{}), "198.51.100.20:39340", "198.51.100.10:445", true},
		{"port139", fileBytes(t, s13), "198.51.100.20:54218", "198.51.100.10:139", true},
		{"ipv6", fileBytes(t, s06), "[2001:db8:51::20]:49544", "[2001:db8:51::10]:445", true},
		{"midstream", fileBytes(t, s20), "198.51.100.20:35896", "198.51.100.10:445", false},
		// The first packet is the SYN-ACK: its receiver is the client.
		{"synack-first", writePcap(1, base[1:], pcapStyle{}), "198.51.100.20:39340", "198.51.100.10:445", true},
		// Mid-stream without SMB ports: the lower port is the server.
		{"lower-port", writePcap(1, setPorts(base[3:], 6000, 5000), pcapStyle{}), "198.51.100.20:6000", "198.51.100.10:5000", false},
		{"lower-port-client", writePcap(1, setPorts(base[3:], 5000, 6000), pcapStyle{}), "198.51.100.10:6000", "198.51.100.20:5000", false},
		// Equal ports: the receiver of the first packet (frame 4 goes to
		// the real server).
		{"equal-ports", writePcap(1, setPorts(base[3:], 7000, 7000), pcapStyle{}), "198.51.100.20:7000", "198.51.100.10:7000", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec, _ := mustRead(t, tc.pcap, Options{})
			if len(rec.conns) != 1 {
				t.Fatalf("%d connections", len(rec.conns))
			}
			got := rec.conns[0].info
			if got.Flow.Client != ap(tc.client) || got.Flow.Server != ap(tc.server) || got.SawSYN != tc.sawSYN {
				t.Errorf("got %v -> %v syn=%v, want %s -> %s syn=%v", got.Flow.Client, got.Flow.Server, got.SawSYN, tc.client, tc.server, tc.sawSYN)
			}
		})
	}
}

// A capture that starts mid-connection delivers from its first byte, with
// no Gap: nothing before the capture is "missing" from what it shows.
func TestMidstream(t *testing.T) {
	rec, _ := readFile(t, pcapPath(s20), Options{})
	rec.check(t)
	c := rec.conns[0]
	if c.events[0].kind != 'D' || c.events[0].frame != 1 {
		t.Errorf("first event %+v, want Data of frame 1", c.events[0])
	}
	for _, e := range c.events {
		if e.kind == 'G' {
			t.Errorf("unexpected gap %+v", e)
		}
	}
	// tshark -z follow,tcp,raw,0 on s20 yields 10328 client bytes.
	if len(c.data[FromClient]) != 10328 {
		t.Errorf("client bytes %d, want 10328", len(c.data[FromClient]))
	}
}

// In a capture cut at snaplen 150 every data packet is truncated: the
// captured 84 payload bytes must be delivered at once, followed by a Gap of
// the missing bytes in the same frame, rather than held as a hole.
func TestSnaplenTruncation(t *testing.T) {
	rec, st := readFile(t, pcapPath(s18), Options{})
	rec.check(t)
	if st.TruncatedPackets != 64 {
		t.Errorf("TruncatedPackets = %d, want 64", st.TruncatedPackets)
	}
	c := rec.conns[0]
	var total [2]int
	pairs := 0
	for i, e := range c.events {
		switch e.kind {
		case 'D':
			total[e.dir] += e.n
		case 'G':
			total[e.dir] += e.n
			prev := c.events[i-1]
			if prev.kind != 'D' || prev.dir != e.dir || prev.frame != e.frame || prev.n != 84 {
				t.Errorf("gap %+v not right after 84 data bytes of its frame (previous %+v)", e, prev)
			}
			pairs++
		}
	}
	if pairs != 64 {
		t.Errorf("%d data+gap pairs, want 64", pairs)
	}
	// Sum of tcp.len per direction (tshark): nothing lost, nothing invented.
	if total[FromClient] != 11246 || total[FromServer] != 12070 {
		t.Errorf("data+gap bytes %v, want [11246 12070]", total)
	}
	if c.reason != CloseFIN {
		t.Errorf("closed %v, want fin", c.reason)
	}
}

func fileBytes(t testing.TB, name string) []byte {
	t.Helper()
	f := loadFrames(t, name)
	if len(f) == 0 {
		t.Fatal("empty capture")
	}
	return writePcap(f[0].link, f, pcapStyle{})
}

// sameAsOriginal checks that a rewritten capture yields exactly what the
// original did: connections, roles, bytes, gaps, frames and close.
func sameAsOriginal(t *testing.T, name string, b []byte) *recorder {
	t.Helper()
	want, wst := readFile(t, pcapPath(name), Options{})
	got, gst := mustRead(t, b, Options{})
	gst.Bytes, wst.Bytes = 0, 0
	if g, w := render(got, gst), render(want, wst); g != w {
		t.Errorf("got:\n%swant:\n%s", g, w)
	}
	return got
}

// Link layers: every supported header in front of the same IP packets must
// give the same result.
func TestLinkTypes(t *testing.T) {
	v4, v6 := loadFrames(t, s01), loadFrames(t, s06)
	sll := func(f frame) frame {
		h := make([]byte, 16)
		binary.BigEndian.PutUint16(h[2:], 1) // ARPHRD_ETHER
		binary.BigEndian.PutUint16(h[4:], 6)
		copy(h[6:], f.data[6:12])
		copy(h[14:], f.data[12:14])
		f.data = append(h, f.data[14:]...)
		f.wire += 2
		return f
	}
	sll2 := func(f frame) frame {
		h := make([]byte, 20)
		copy(h[0:], f.data[12:14]) // protocol
		binary.BigEndian.PutUint32(h[4:], 3)
		binary.BigEndian.PutUint16(h[8:], 1)
		h[10], h[11] = 4, 6 // outgoing, address length
		copy(h[12:], f.data[6:12])
		f.data = append(h, f.data[14:]...)
		f.wire += 6
		return f
	}
	null := func(bo binary.ByteOrder, v4fam, v6fam uint32) func(frame) frame {
		return func(f frame) frame {
			h := make([]byte, 4)
			fam := v4fam
			if ethType(f.data) == 0x86dd {
				fam = v6fam
			}
			bo.PutUint32(h, fam)
			f.data = append(h, f.data[14:]...)
			f.wire -= 10
			return f
		}
	}
	vlans := func(tags ...uint16) func(frame) frame {
		return func(f frame) frame {
			out := slices.Clone(f.data[:12])
			for i, tpid := range tags {
				out = binary.BigEndian.AppendUint16(out, tpid)
				out = binary.BigEndian.AppendUint16(out, uint16(100+i)) // VLAN id
			}
			f.data = append(out, f.data[12:]...)
			f.wire += 4 * len(tags)
			return f
		}
	}
	cases := []struct {
		name string
		src  string
		link uint32
		fn   func(frame) frame
	}{
		{"raw-101-ipv4", s01, 101, stripEthernet},
		{"raw-101-ipv6", s06, 101, stripEthernet},
		{"raw-12", s01, 12, stripEthernet},
		{"raw-14", s06, 14, stripEthernet},
		{"ipv4-228", s01, 228, stripEthernet},
		{"ipv6-229", s06, 229, stripEthernet},
		{"sll-113", s01, 113, sll},
		{"sll2-276-ipv4", s01, 276, sll2},
		{"sll2-276-ipv6", s06, 276, sll2},
		{"null-0-ipv4", s01, 0, null(binary.LittleEndian, 2, 30)},
		{"null-0-ipv6-bsd", s06, 0, null(binary.LittleEndian, 2, 24)},
		{"null-0-ipv6-linux-be", s06, 0, null(binary.BigEndian, 2, 10)},
		{"loop-108", s01, 108, null(binary.BigEndian, 2, 24)},
		{"vlan-8021q", s06, 1, vlans(0x8100)},
		{"qinq-8021ad", s01, 1, vlans(0x88a8, 0x8100)},
		{"vlan-stacked-3", s01, 1, vlans(0x88a8, 0x8100, 0x8100)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			frames := v4
			if tc.src == s06 {
				frames = v6
			}
			sameAsOriginal(t, tc.src, writePcap(tc.link, mapFrames(frames, tc.fn), pcapStyle{}))
		})
	}
}

// pcap in both byte orders, with micro- and nanosecond timestamps.
func TestPcapVariants(t *testing.T) {
	frames := mapFrames(loadFrames(t, s01), func(f frame) frame {
		f.ts = f.ts.Add(789 * time.Nanosecond) // visible only at ns resolution
		return f
	})
	for _, st := range []pcapStyle{{}, {bigEndian: true}, {nano: true}, {nano: true, bigEndian: true}, {modified: true}} {
		t.Run(fmt.Sprintf("%+v", st), func(t *testing.T) {
			got := sameAsOriginal(t, s01, writePcap(1, frames, st))
			want := frames[3].ts // frame 4, the first with data
			if !st.nano {
				want = want.Truncate(time.Microsecond)
			}
			if ts := got.conns[0].events[0].time; !ts.Equal(want) {
				t.Errorf("time %v, want %v", ts, want)
			}
		})
	}
}

// mergeAlternating interleaves two captures packet by packet and returns
// where each original frame went.
func mergeAlternating(a, b []frame) (merged []frame, fromA, fromB map[uint64]uint64) {
	fromA, fromB = map[uint64]uint64{}, map[uint64]uint64{}
	for i := 0; i < max(len(a), len(b)); i++ {
		if i < len(a) {
			merged = append(merged, a[i])
			fromA[uint64(len(merged))] = uint64(i + 1)
		}
		if i < len(b) {
			merged = append(merged, b[i])
			fromB[uint64(len(merged))] = uint64(i + 1)
		}
	}
	return merged, fromA, fromB
}

// renumbered returns the events of s with frames mapped back to the
// original capture's numbering.
func renumbered(s *recStream, back map[uint64]uint64) []event {
	out := make([]event, len(s.events))
	for i, e := range s.events {
		e.frame = back[e.frame]
		e.time = time.Time{}
		out[i] = e
	}
	return out
}

func originalEvents(t *testing.T, name string) []event {
	rec, _ := readFile(t, pcapPath(name), Options{})
	return renumbered(rec.conns[0], func() map[uint64]uint64 {
		m := map[uint64]uint64{}
		for i := uint64(0); i < 1000; i++ {
			m[i] = i
		}
		return m
	}())
}

// pcapng with several interfaces of different link types and timestamp
// resolutions, unknown blocks, and a second section in the other byte order.
func TestPcapng(t *testing.T) {
	v4, v6 := loadFrames(t, s01), loadFrames(t, s06)
	merged, fromV4, fromV6 := mergeAlternating(v4, v6)

	var w ngWriter
	w.section(false)
	w.iface(1, 0, 0)                  // Ethernet, microseconds
	w.iface(229, 9, 0)                // raw IPv6, nanoseconds
	w.iface(276, 0x80|20, 0)          // SLL2, 2^-20 s (unused)
	w.block(4, make([]byte, 4))       // name resolution block
	w.block(0x40000bad, []byte("xx")) // custom block
	for i, f := range merged {
		if ethType(f.data) == 0x86dd {
			w.epb(1, units(f.ts, 9, 0), f.data[14:], f.wire-14)
		} else {
			w.epb(0, units(f.ts, 0, 0), f.data, f.wire)
		}
		if i == 10 {
			w.block(5, make([]byte, 12)) // interface statistics
		}
	}
	rec, st := mustRead(t, w.b.Bytes(), Options{})
	if len(rec.conns) != 2 || st.Packets != uint64(len(merged)) {
		t.Fatalf("%d connections, %d packets", len(rec.conns), st.Packets)
	}
	if got, want := renumbered(rec.conns[0], fromV4), originalEvents(t, s01); !slices.Equal(got, want) {
		t.Errorf("Ethernet interface: events differ from the original\n got %v\nwant %v", got, want)
	}
	if got, want := renumbered(rec.conns[1], fromV6), originalEvents(t, s06); !slices.Equal(got, want) {
		t.Errorf("raw IPv6 interface: events differ from the original\n got %v\nwant %v", got, want)
	}
	// Nanosecond interface keeps nanoseconds, microsecond one microseconds.
	if got := rec.conns[1].events[0].time; !got.Equal(v6[3].ts) {
		t.Errorf("ns interface time %v, want %v", got, v6[3].ts)
	}

	t.Run("big-endian-offset-and-old-blocks", func(t *testing.T) {
		var w ngWriter
		w.section(true)
		const offset = 1_000_000_000
		w.iface(1, 0x80|30, offset) // 2^-30 s with an if_tsoffset
		for i, f := range v4 {
			ts := units(f.ts, 0x80|30, offset)
			switch i % 3 {
			case 0:
				w.epb(0, ts, f.data, f.wire)
			case 1:
				w.obsoletePB(0, ts, f.data)
			default:
				w.spb(f.data)
			}
		}
		rec := sameAsOriginal(t, s01, w.b.Bytes())
		// Frame 4 is an Enhanced Packet Block: its time survives 2^-30
		// units and the offset to within a nanosecond.
		if d := rec.conns[0].events[0].time.Sub(v4[3].ts); d < -time.Nanosecond || d > time.Nanosecond {
			t.Errorf("time off by %v", d)
		}
	})

	t.Run("two-sections", func(t *testing.T) {
		var w ngWriter
		w.section(false)
		w.iface(1, 0, 0)
		for _, f := range v4 {
			w.epb(0, units(f.ts, 0, 0), f.data, f.wire)
		}
		w.section(true) // new section: byte order and interfaces reset
		w.iface(229, 9, 0)
		for _, f := range v6 {
			w.epb(0, units(f.ts, 9, 0), f.data[14:], f.wire-14)
		}
		rec, _ := mustRead(t, w.b.Bytes(), Options{})
		want1, _ := readFile(t, pcapPath(s01), Options{})
		want2, _ := readFile(t, pcapPath(s06), Options{})
		if len(rec.conns) != 2 ||
			!bytes.Equal(rec.conns[0].data[0], want1.conns[0].data[0]) || !bytes.Equal(rec.conns[0].data[1], want1.conns[0].data[1]) ||
			!bytes.Equal(rec.conns[1].data[0], want2.conns[0].data[0]) || !bytes.Equal(rec.conns[1].data[1], want2.conns[0].data[1]) {
			t.Errorf("streams differ from the originals:\n%s", rec.summary())
		}
	})
}
