package capture

import (
	"encoding/binary"
	"net/netip"
)

// The common frame is Ethernet, at most a few 802.1Q or 802.1ad tags, IPv4
// without options or IPv6 without extension headers, then TCP. fastDecode
// decodes exactly that with a few bounds checks and no interface calls, and
// gives up (returning false) on anything else: other link types, tunnels,
// IP options, extension headers, fragments, malformed or truncated headers,
// which the gopacket parser then decodes as before. Where it answers, it
// answers what the gopacket path would (fastpath_test.go checks this on
// every bundled capture and by fuzzing).

const (
	etherIPv4  = 0x0800
	etherIPv6  = 0x86dd
	etherDot1Q = 0x8100
	etherQinQ  = 0x88a8
	maxFastTag = 4 // VLAN tags the fast path follows
)

// fastDecode fills out from an Ethernet frame and reports whether it could.
func fastDecode(data []byte, wireLen int, out *tcpPacket) bool {
	if len(data) < 14 {
		return false
	}
	typ := binary.BigEndian.Uint16(data[12:])
	body := data[14:]
	for tags := 0; typ == etherDot1Q || typ == etherQinQ; tags++ {
		if tags == maxFastTag || len(body) < 4 {
			return false
		}
		typ = binary.BigEndian.Uint16(body[2:])
		body = body[4:]
	}
	var ipWire int            // IP payload bytes on the wire, TCP header included
	var seg []byte            // the TCP segment as captured
	var s0, s1, d0, d1 uint64 // the addresses' 16-byte forms, for the key
	switch typ {
	case etherIPv4:
		if len(body) < 20 || body[0] != 0x45 || body[9] != 6 {
			return false // not version 4 without options, or not TCP
		}
		if binary.BigEndian.Uint16(body[6:])&0x3fff != 0 {
			return false // a fragment (more fragments or an offset)
		}
		total := int(binary.BigEndian.Uint16(body[2:]))
		if total < 20 {
			return false // 0 (segmentation offload) or invalid
		}
		if len(body) > total {
			body = body[:total] // link-layer padding
		}
		out.src = netip.AddrPortFrom(netip.AddrFrom4([4]byte(body[12:16])), 0)
		out.dst = netip.AddrPortFrom(netip.AddrFrom4([4]byte(body[16:20])), 0)
		s1, d1 = v4Half(body[12:]), v4Half(body[16:])
		ipWire = total - 20
		seg = body[20:]
	case etherIPv6:
		if len(body) < 40 || body[0]>>4 != 6 || body[6] != 6 {
			return false // not IPv6, or an extension header before TCP
		}
		plen := int(binary.BigEndian.Uint16(body[4:]))
		seg = body[40:]
		if plen == 0 {
			plen = len(seg) // jumbogram or segmentation offload: trust the frame
		}
		if len(seg) > plen {
			seg = seg[:plen]
		}
		out.src = netip.AddrPortFrom(netip.AddrFrom16([16]byte(body[8:24])), 0)
		out.dst = netip.AddrPortFrom(netip.AddrFrom16([16]byte(body[24:40])), 0)
		s0, s1 = binary.BigEndian.Uint64(body[8:]), binary.BigEndian.Uint64(body[16:])
		d0, d1 = binary.BigEndian.Uint64(body[24:]), binary.BigEndian.Uint64(body[32:])
		ipWire = plen
	default:
		return false
	}
	if len(seg) < 20 {
		return false
	}
	off := int(seg[12]>>4) * 4
	if off < 20 || off > len(seg) || !tcpOptionsValid(seg[20:off]) {
		return false
	}
	sp, dp := binary.BigEndian.Uint16(seg[0:]), binary.BigEndian.Uint16(seg[2:])
	out.src = netip.AddrPortFrom(out.src.Addr(), sp)
	out.dst = netip.AddrPortFrom(out.dst.Addr(), dp)
	out.key, out.srcIsB = makeKey(s0, s1, sp, d0, d1, dp, typ == etherIPv4)
	out.seq = binary.BigEndian.Uint32(seg[4:])
	flags := seg[13]
	out.fin, out.syn, out.rst, out.ack = flags&0x01 != 0, flags&0x02 != 0, flags&0x04 != 0, flags&0x10 != 0
	out.payload = seg[off:]
	out.missing = 0
	if cut := wireLen - len(data); cut > 0 {
		if m := ipWire - off - len(out.payload); m > 0 {
			out.missing = min(m, cut)
		}
	}
	return true
}

// tcpOptionsValid reports whether TCP options parse as gopacket parses
// them: an end-of-list ends them, a no-op is one byte, every other option
// has a length of at least 2 that fits in what is left.
func tcpOptionsValid(opts []byte) bool {
	for len(opts) > 0 {
		switch opts[0] {
		case 0:
			return true
		case 1:
			opts = opts[1:]
		default:
			if len(opts) < 2 || opts[1] < 2 || int(opts[1]) > len(opts) {
				return false
			}
			opts = opts[opts[1]:]
		}
	}
	return true
}
