// Command encap wraps every packet of an Ethernet pcap capture in a tunnel,
// as a sensor receives mirrored or overlay traffic: the inner packets, their
// timestamps and their order are kept, so an analysis of the output must
// give the same connections as one of the input. It makes the captures of
// testdata/pcaps/tunnels (see the README there).
//
//	go run ./scripts/encap -mode vxlan IN.pcap OUT.pcap
//
// Modes:
//
//	vxlan     Ethernet / IPv4 / UDP 4789 / VXLAN (VNI 4242) / inner frame
//	geneve    Ethernet / IPv6 / UDP 6081 / Geneve with one option / inner frame
//	gre       Ethernet / IPv4 / GRE with key and sequence number / inner IP packet
//	erspan1   Ethernet / IPv4 / GRE 0x88be without sequence number / inner frame
//	erspan2   Ethernet / IPv4 / GRE 0x88be / ERSPAN type II header / inner frame
//	erspan3   Ethernet / IPv4 / GRE 0x22eb / ERSPAN type III header with the
//	          platform-specific subheader / inner frame
//	mpls      Ethernet / MPLS (two labels) / inner IP packet
//	pppoe     Ethernet / PPPoE session / PPP / inner IP packet
//
// The outer addresses are documentation addresses: 198.51.100.1 to
// 198.51.100.2 (2001:db8:51::1 to 2001:db8:51::2 for geneve), MACs
// 02:00:00:00:00:01 to 02:00:00:00:00:02. Only the standard library is used.
package main

import (
	"bufio"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"hash/fnv"
	"os"
)

func main() {
	mode := flag.String("mode", "vxlan", "tunnel: vxlan, geneve, gre, erspan1, erspan2, erspan3, mpls or pppoe")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: encap -mode MODE IN.pcap OUT.pcap")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 2 {
		flag.Usage()
		os.Exit(2)
	}
	if err := convert(*mode, flag.Arg(0), flag.Arg(1)); err != nil {
		fmt.Fprintf(os.Stderr, "encap: %v\n", err)
		os.Exit(1)
	}
}

// Classic pcap file format.
const (
	pcapMagicMicro = 0xa1b2c3d4
	pcapMagicNano  = 0xa1b23c4d
	linkEthernet   = 1
)

func convert(mode, in, out string) error {
	wrap, ok := modes[mode]
	if !ok {
		return fmt.Errorf("unknown mode %q", mode)
	}
	src, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	if len(src) < 24 {
		return errors.New("input too short for a pcap header")
	}
	var bo binary.ByteOrder = binary.LittleEndian
	magic := bo.Uint32(src)
	if magic != pcapMagicMicro && magic != pcapMagicNano {
		bo = binary.BigEndian
		magic = bo.Uint32(src)
	}
	if magic != pcapMagicMicro && magic != pcapMagicNano {
		return errors.New("input is not a classic pcap file")
	}
	if link := bo.Uint32(src[20:]); link != linkEthernet {
		return fmt.Errorf("input link type %d: only Ethernet is supported", link)
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	hdr := make([]byte, 24)
	binary.LittleEndian.PutUint32(hdr, magic)
	binary.LittleEndian.PutUint16(hdr[4:], 2)
	binary.LittleEndian.PutUint16(hdr[6:], 4)
	binary.LittleEndian.PutUint32(hdr[16:], 262144)
	binary.LittleEndian.PutUint32(hdr[20:], linkEthernet)
	w.Write(hdr)
	var e encoder
	for off := 24; off < len(src); {
		if len(src)-off < 16 {
			return errors.New("truncated record header")
		}
		sec, frac := bo.Uint32(src[off:]), bo.Uint32(src[off+4:])
		incl, orig := int(bo.Uint32(src[off+8:])), int(bo.Uint32(src[off+12:]))
		off += 16
		if len(src)-off < incl {
			return errors.New("truncated record")
		}
		frame := src[off : off+incl]
		off += incl
		if incl != orig {
			return errors.New("cut packets are not supported: the outer lengths would be wrong")
		}
		pkt := wrap(&e, frame)
		rec := make([]byte, 16)
		binary.LittleEndian.PutUint32(rec, sec)
		binary.LittleEndian.PutUint32(rec[4:], frac)
		binary.LittleEndian.PutUint32(rec[8:], uint32(len(pkt)))
		binary.LittleEndian.PutUint32(rec[12:], uint32(len(pkt)))
		w.Write(rec)
		w.Write(pkt)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

var (
	macSensor = []byte{2, 0, 0, 0, 0, 2}
	macMirror = []byte{2, 0, 0, 0, 0, 1}
	ip4Mirror = []byte{198, 51, 100, 1}
	ip4Sensor = []byte{198, 51, 100, 2}
	ip6Mirror = []byte{0x20, 0x01, 0x0d, 0xb8, 0, 0x51, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}
	ip6Sensor = []byte{0x20, 0x01, 0x0d, 0xb8, 0, 0x51, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2}
)

// encoder keeps the counters that run across packets.
type encoder struct {
	ipID uint16
	seq  uint32
}

var modes = map[string]func(e *encoder, frame []byte) []byte{
	"vxlan": func(e *encoder, frame []byte) []byte {
		vx := []byte{0x08, 0, 0, 0, 0, 0x10, 0x92, 0} // I flag, VNI 4242
		return e.ipv4(17, e.udp(flowPort(frame), 4789, append(vx, frame...), nil))
	},
	"geneve": func(e *encoder, frame []byte) []byte {
		g := []byte{
			0x02, 0x00, 0x65, 0x58, 0x00, 0xab, 0xcd, 0x00, // 2 option words, Ethernet, VNI 0xabcd
			0x01, 0x02, 0x80, 0x01, 0xde, 0xad, 0xbe, 0xef, // option class 0x0102, type 0x80, 4 bytes
		}
		return e.ipv6(17, e.udp(flowPort(frame), 6081, append(g, frame...), ip6pseudo))
	},
	"gre": func(e *encoder, frame []byte) []byte {
		proto, ip := innerIP(frame)
		e.seq++
		g := []byte{0x30, 0, byte(proto >> 8), byte(proto), 0, 0, 0, 42, 0, 0, 0, 0}
		binary.BigEndian.PutUint32(g[8:], e.seq)
		return e.ipv4(47, append(g, ip...))
	},
	"erspan1": func(e *encoder, frame []byte) []byte {
		g := []byte{0, 0, 0x88, 0xbe}
		return e.ipv4(47, append(g, frame...))
	},
	"erspan2": func(e *encoder, frame []byte) []byte {
		e.seq++
		g := []byte{0x10, 0, 0x88, 0xbe, 0, 0, 0, 0}
		binary.BigEndian.PutUint32(g[4:], e.seq)
		// Version 1, VLAN 0, COS 0, En 0, T 0, session 7, index 0.
		h := []byte{0x10, 0x00, 0x00, 0x07, 0, 0, 0, 0}
		return e.ipv4(47, append(append(g, h...), frame...))
	},
	"erspan3": func(e *encoder, frame []byte) []byte {
		e.seq++
		g := []byte{0x10, 0, 0x22, 0xeb, 0, 0, 0, 0}
		binary.BigEndian.PutUint32(g[4:], e.seq)
		// Version 2, session 7, timestamp, SGT 0, frame type 0 (Ethernet),
		// hardware id 1, granularity 3, O set; then platform id 3's
		// subheader (port id and the upper timestamp).
		h := []byte{
			0x20, 0x00, 0x00, 0x07,
			0, 0, 0, 0,
			0x00, 0x00, 0x00, 0x17,
			0x0c, 0x00, 0x00, 0x01, 0, 0, 0, 0,
		}
		binary.BigEndian.PutUint32(h[4:], e.seq*100)
		return e.ipv4(47, append(append(g, h...), frame...))
	},
	"mpls": func(e *encoder, frame []byte) []byte {
		_, ip := innerIP(frame)
		labels := []byte{0x00, 0x3e, 0x90, 0x40, 0x00, 0x7d, 0x21, 0x40} // 1001, then 2002 (bottom), TTL 64
		return ether(0x8847, append(labels, ip...))
	},
	"pppoe": func(e *encoder, frame []byte) []byte {
		proto, ip := innerIP(frame)
		pppProto := uint16(0x0021)
		if proto == 0x86dd {
			pppProto = 0x0057
		}
		h := []byte{0x11, 0x00, 0x12, 0x34, 0, 0, byte(pppProto >> 8), byte(pppProto)}
		binary.BigEndian.PutUint16(h[4:], uint16(2+len(ip)))
		return ether(0x8864, append(h, ip...))
	},
}

// innerIP strips the frame's Ethernet header.
func innerIP(frame []byte) (uint16, []byte) {
	if len(frame) < 14 {
		return 0, nil
	}
	return binary.BigEndian.Uint16(frame[12:]), frame[14:]
}

// flowPort picks a UDP source port from the inner frame's addresses, as
// VXLAN and Geneve endpoints do to spread flows.
func flowPort(frame []byte) uint16 {
	h := fnv.New32a()
	if len(frame) >= 54 {
		h.Write(frame[26:38])
	}
	return 49152 + uint16(h.Sum32()%16384)
}

func ether(etherType uint16, payload []byte) []byte {
	b := make([]byte, 0, 14+len(payload))
	b = append(b, macSensor...)
	b = append(b, macMirror...)
	b = append(b, byte(etherType>>8), byte(etherType))
	return append(b, payload...)
}

func (e *encoder) ipv4(proto byte, payload []byte) []byte {
	e.ipID++
	h := []byte{0x45, 0, 0, 0, byte(e.ipID >> 8), byte(e.ipID), 0x40, 0, 64, proto, 0, 0}
	binary.BigEndian.PutUint16(h[2:], uint16(20+len(payload)))
	h = append(append(h, ip4Mirror...), ip4Sensor...)
	binary.BigEndian.PutUint16(h[10:], ^sum(h, 0))
	return ether(0x0800, append(h, payload...))
}

func (e *encoder) ipv6(next byte, payload []byte) []byte {
	h := []byte{0x60, 0, 0, 0, 0, 0, next, 64}
	binary.BigEndian.PutUint16(h[4:], uint16(len(payload)))
	h = append(append(h, ip6Mirror...), ip6Sensor...)
	return ether(0x86dd, append(h, payload...))
}

// udp builds a UDP datagram; pseudo, when given, computes the checksum
// (required over IPv6, left zero over IPv4).
func (e *encoder) udp(src, dst uint16, payload []byte, pseudo func(n int) uint32) []byte {
	u := []byte{byte(src >> 8), byte(src), byte(dst >> 8), byte(dst), 0, 0, 0, 0}
	binary.BigEndian.PutUint16(u[4:], uint16(8+len(payload)))
	u = append(u, payload...)
	if pseudo != nil {
		c := ^sum(u, pseudo(len(u)))
		if c == 0 {
			c = 0xffff
		}
		binary.BigEndian.PutUint16(u[6:], c)
	}
	return u
}

func ip6pseudo(n int) uint32 {
	var s uint32
	for _, a := range [][]byte{ip6Mirror, ip6Sensor} {
		for i := 0; i < 16; i += 2 {
			s += uint32(binary.BigEndian.Uint16(a[i:]))
		}
	}
	return s + uint32(n) + 17
}

// sum is the ones' complement sum of b, folded, starting from initial.
func sum(b []byte, initial uint32) uint16 {
	s := initial
	for i := 0; i+1 < len(b); i += 2 {
		s += uint32(binary.BigEndian.Uint16(b[i:]))
	}
	if len(b)%2 == 1 {
		s += uint32(b[len(b)-1]) << 8
	}
	for s > 0xffff {
		s = s&0xffff + s>>16
	}
	return uint16(s)
}
