// Package flood builds hostile captures for the resource tests: the packets
// of real SMB captures with a flood of half-open and garbage TCP
// connections to port 445 spread evenly between them, from distinct source
// addresses and ports. The output is a classic pcap (Ethernet, IPv4),
// written as a stream so that captures of millions of connections need no
// memory.
package flood

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/netip"
	"sort"
	"time"
)

// Config describes the flood.
type Config struct {
	// Connections is the number of flood connections. Half only send a
	// SYN (half-open), three in ten send a SYN and a packet of random
	// bytes, and two in ten send random bytes with no SYN, as a
	// connection whose start was not captured would.
	Connections int
	// Seed makes the flood reproducible.
	Seed uint64
	// Server receives the flood (port 445); the zero value is the server
	// of the bundled Samba captures, 198.51.100.10.
	Server netip.Addr
	// MaxGarbage bounds the random payloads (default 512 bytes).
	MaxGarbage int
}

// Stats counts what Write wrote.
type Stats struct {
	Packets     uint64
	RealPackets uint64
	HalfOpen    int // SYN only
	SYNGarbage  int // SYN, then random bytes
	Garbage     int // random bytes, no SYN
	Bytes       uint64
}

// packet is one record to write.
type packet struct {
	ts   time.Time
	data []byte
	orig uint32
}

// Write writes to w the packets of the real captures (classic pcap,
// Ethernet), each shifted in time so that all start together, with the
// flood connections spread evenly between them. The real packets keep their
// order and timestamps whatever the flood, so the same real captures with
// Connections 0 give the reference capture of a flood run.
func Write(w io.Writer, cfg Config, real ...[]byte) (Stats, error) {
	var st Stats
	if cfg.MaxGarbage <= 0 {
		cfg.MaxGarbage = 512
	}
	if !cfg.Server.IsValid() {
		cfg.Server = netip.MustParseAddr("198.51.100.10")
	}
	pkts, err := merge(real)
	if err != nil {
		return st, err
	}
	if len(pkts) == 0 {
		return st, errors.New("flood: no real packets to mix the flood into")
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	var hdr [24]byte
	binary.LittleEndian.PutUint32(hdr[0:], 0xa1b2c3d4)
	binary.LittleEndian.PutUint16(hdr[4:], 2)
	binary.LittleEndian.PutUint16(hdr[6:], 4)
	binary.LittleEndian.PutUint32(hdr[16:], 262144)
	binary.LittleEndian.PutUint32(hdr[20:], 1) // Ethernet
	bw.Write(hdr[:])
	put := func(ts time.Time, data []byte, orig uint32) {
		var rh [16]byte
		us := ts.UnixMicro()
		binary.LittleEndian.PutUint32(rh[0:], uint32(us/1e6))
		binary.LittleEndian.PutUint32(rh[4:], uint32(us%1e6))
		binary.LittleEndian.PutUint32(rh[8:], uint32(len(data)))
		binary.LittleEndian.PutUint32(rh[12:], orig)
		bw.Write(rh[:])
		bw.Write(data)
		st.Packets++
		st.Bytes += uint64(len(data))
	}

	g := &gen{cfg: cfg, rng: rand.New(rand.NewPCG(cfg.Seed, 0x5eed)), buf: make([]byte, 0, 2048)}
	// Group j of the flood goes before real packet j (the last group after
	// the last packet), its timestamps spread between the neighbours.
	groups := len(pkts) + 1
	done := 0
	for j := 0; j < groups; j++ {
		n := cfg.Connections*(j+1)/groups - done
		var from, to time.Time
		switch {
		case j == 0:
			from, to = pkts[0].ts.Add(-time.Millisecond), pkts[0].ts
		case j == len(pkts):
			from, to = pkts[j-1].ts, pkts[j-1].ts.Add(time.Millisecond)
		default:
			from, to = pkts[j-1].ts, pkts[j].ts
		}
		for k := 0; k < n; k++ {
			ts := from.Add(time.Duration(int64(to.Sub(from)) * int64(k) / int64(n)))
			g.connection(done+k, ts, put, &st)
		}
		done += n
		if j < len(pkts) {
			put(pkts[j].ts, pkts[j].data, pkts[j].orig)
			st.RealPackets++
		}
	}
	return st, bw.Flush()
}

// merge reads the real captures, shifts each to start when the first one
// does (plus a microsecond per capture, so that their packets interleave
// in a fixed order), and sorts all packets by time.
func merge(real [][]byte) ([]packet, error) {
	var all []packet
	var base time.Time
	for i, b := range real {
		pkts, err := readPcap(b)
		if err != nil {
			return nil, fmt.Errorf("flood: real capture %d: %w", i+1, err)
		}
		if len(pkts) == 0 {
			continue
		}
		if base.IsZero() {
			base = pkts[0].ts
		}
		shift := base.Add(time.Duration(i) * time.Microsecond).Sub(pkts[0].ts)
		for _, p := range pkts {
			p.ts = p.ts.Add(shift)
			all = append(all, p)
		}
	}
	sort.SliceStable(all, func(a, b int) bool { return all[a].ts.Before(all[b].ts) })
	return all, nil
}

// readPcap reads a little- or big-endian microsecond pcap of Ethernet
// frames.
func readPcap(b []byte) ([]packet, error) {
	if len(b) < 24 {
		return nil, errors.New("not a pcap file")
	}
	var bo binary.ByteOrder
	switch binary.LittleEndian.Uint32(b) {
	case 0xa1b2c3d4:
		bo = binary.LittleEndian
	case 0xd4c3b2a1:
		bo = binary.BigEndian
	default:
		return nil, errors.New("not a microsecond pcap file")
	}
	if link := bo.Uint32(b[20:]) & 0xffff; link != 1 {
		return nil, fmt.Errorf("link type %d, want Ethernet", link)
	}
	var out []packet
	for off := 24; off < len(b); {
		if off+16 > len(b) {
			return nil, fmt.Errorf("record at byte offset %d is cut", off)
		}
		incl := int(bo.Uint32(b[off+8:]))
		if off+16+incl > len(b) {
			return nil, fmt.Errorf("record at byte offset %d is cut", off)
		}
		ts := time.Unix(int64(bo.Uint32(b[off:])), int64(bo.Uint32(b[off+4:]))*1000)
		out = append(out, packet{ts: ts, data: b[off+16 : off+16+incl], orig: bo.Uint32(b[off+12:])})
		off += 16 + incl
	}
	return out, nil
}

// gen makes flood connections.
type gen struct {
	cfg Config
	rng *rand.Rand
	buf []byte
}

// connection writes flood connection i: from 10.x.y.z, a distinct
// address per connection, to the server's port 445.
func (g *gen) connection(i int, ts time.Time, put func(time.Time, []byte, uint32), st *Stats) {
	n := uint32(i + 1)
	src := netip.AddrFrom4([4]byte{10, byte(n >> 16), byte(n >> 8), byte(n)})
	sport := uint16(1024 + g.rng.IntN(64000))
	seq := g.rng.Uint32()
	garbage := func() []byte {
		p := make([]byte, 1+g.rng.IntN(g.cfg.MaxGarbage))
		for k := range p {
			p[k] = byte(g.rng.Uint32())
		}
		return p
	}
	switch r := g.rng.IntN(10); {
	case r < 5:
		st.HalfOpen++
		put(ts, g.frame(src, sport, seq, tcpSYN, nil), 0)
	case r < 8:
		st.SYNGarbage++
		put(ts, g.frame(src, sport, seq, tcpSYN, nil), 0)
		put(ts, g.frame(src, sport, seq+1, tcpACK|tcpPSH, garbage()), 0)
	default:
		st.Garbage++
		put(ts, g.frame(src, sport, seq, tcpACK|tcpPSH, garbage()), 0)
	}
}

const (
	tcpSYN = 0x02
	tcpPSH = 0x08
	tcpACK = 0x10
)

// frame builds an Ethernet/IPv4/TCP frame to the server's port 445. The
// returned slice is valid until the next call.
func (g *gen) frame(src netip.Addr, sport uint16, seq uint32, flags byte, payload []byte) []byte {
	b := g.buf[:0]
	b = append(b, 0x02, 0, 0, 0, 0, 0x10, 0x02, 0, 0, 0, 0, 0x20, 0x08, 0x00) // Ethernet, IPv4
	ip := len(b)
	total := 20 + 20 + len(payload)
	b = append(b, 0x45, 0, byte(total>>8), byte(total), 0, 0, 0x40, 0, 64, 6, 0, 0)
	s, d := src.As4(), g.cfg.Server.As4()
	b = append(b, s[:]...)
	b = append(b, d[:]...)
	var sum uint32
	for k := ip; k < ip+20; k += 2 {
		sum += uint32(b[k])<<8 | uint32(b[k+1])
	}
	for sum > 0xffff {
		sum = sum&0xffff + sum>>16
	}
	binary.BigEndian.PutUint16(b[ip+10:], ^uint16(sum))
	b = binary.BigEndian.AppendUint16(b, sport)
	b = binary.BigEndian.AppendUint16(b, 445)
	b = binary.BigEndian.AppendUint32(b, seq)
	b = binary.BigEndian.AppendUint32(b, 0)
	b = append(b, 5<<4, flags, 0xff, 0xff, 0, 0, 0, 0)
	b = append(b, payload...)
	g.buf = b
	return b
}
