package capture

import (
	"encoding/binary"
	"errors"
	"net/netip"

	"github.com/google/gopacket"
	"github.com/google/gopacket/layers"
)

// Link-layer header types (LINKTYPE_* in the pcap and pcapng specifications).
const (
	linkNull     = 0
	linkEthernet = 1
	linkRawBSD1  = 12 // DLT_RAW on some BSDs
	linkRawBSD2  = 14 // DLT_RAW on OpenBSD
	linkRaw      = 101
	linkLoop     = 108
	linkSLL      = 113
	linkIPv4     = 228
	linkIPv6     = 229
	linkSLL2     = 276
)

// Layer types for the decoders gopacket v1.1.19 lacks.
var (
	layerTypeSLL2 = gopacket.RegisterLayerType(1745, gopacket.LayerTypeMetadata{Name: "LinuxSLL2"})
	layerTypeRaw  = gopacket.RegisterLayerType(1746, gopacket.LayerTypeMetadata{Name: "RawIP"})
)

// tcpPacket is the part of a decoded packet that TCP tracking needs.
type tcpPacket struct {
	src, dst netip.AddrPort
	seq      uint32
	syn      bool
	ack      bool
	fin      bool
	rst      bool
	payload  []byte // captured payload
	missing  int    // payload bytes on the wire that the capture cut off
	key      connKey
	srcIsB   bool // src is key's second endpoint
}

type decodeResult uint8

const (
	decodedTCP decodeResult = iota
	decodedOther
	decodeFailed
)

// decoder turns link-layer frames into TCP segments with gopacket's
// allocation-free DecodingLayerParser; the layers are reused for every
// packet.
type decoder struct {
	eth  layers.Ethernet
	vlan layers.Dot1Q
	sll  layers.LinuxSLL
	sll2 linuxSLL2
	loop layers.Loopback
	raw  rawIP
	ip4  layers.IPv4
	ip6  ipv6
	tcp  layers.TCP
	tun  tunnels

	decoded  []gopacket.LayerType
	parsers  map[uint32]*gopacket.DecodingLayerParser
	lastLink uint32
	last     *gopacket.DecodingLayerParser
}

func newDecoder() *decoder {
	return &decoder{
		decoded:  make([]gopacket.LayerType, 0, 16),
		parsers:  make(map[uint32]*gopacket.DecodingLayerParser),
		lastLink: ^uint32(0),
	}
}

// firstLayer maps a link type to the layer its frames start with.
func firstLayer(link uint32) (gopacket.LayerType, bool) {
	switch link {
	case linkEthernet:
		return layers.LayerTypeEthernet, true
	case linkSLL:
		return layers.LayerTypeLinuxSLL, true
	case linkSLL2:
		return layerTypeSLL2, true
	case linkNull, linkLoop:
		return layers.LayerTypeLoopback, true
	case linkRaw, linkRawBSD1, linkRawBSD2:
		return layerTypeRaw, true
	case linkIPv4:
		return layers.LayerTypeIPv4, true
	case linkIPv6:
		return layers.LayerTypeIPv6, true
	}
	return 0, false
}

func (d *decoder) parser(link uint32) *gopacket.DecodingLayerParser {
	if link == d.lastLink {
		return d.last
	}
	p, ok := d.parsers[link]
	if !ok {
		if first, known := firstLayer(link); known {
			p = gopacket.NewDecodingLayerParser(first)
			p.SetDecodingLayerContainer(gopacket.DecodingLayerArray(nil))
			for _, l := range []gopacket.DecodingLayer{&d.eth, &d.vlan, &d.sll, &d.sll2, &d.loop, &d.raw, &d.ip4, &d.ip6, &d.tcp} {
				p.AddDecodingLayer(l)
			}
			for _, l := range d.tun.layers() {
				p.AddDecodingLayer(l)
			}
			// Anything past TCP, and any protocol we do not decode,
			// simply ends the layer chain.
			p.IgnoreUnsupported = true
		}
		d.parsers[link] = p // nil for unknown link types
	}
	d.lastLink, d.last = link, p
	return p
}

// decode fills out from data. wireLen is the frame's length on the wire and
// tells truncated captures apart from bogus IP length fields.
func (d *decoder) decode(data []byte, link uint32, wireLen int, out *tcpPacket) decodeResult {
	if link == linkEthernet && fastDecode(data, wireLen, out) {
		return decodedTCP
	}
	return d.decodeLayers(data, link, wireLen, out)
}

// decodeLayers decodes with gopacket's parser: every link type, tunnel and
// header the fast path leaves alone.
func (d *decoder) decodeLayers(data []byte, link uint32, wireLen int, out *tcpPacket) decodeResult {
	p := d.parser(link)
	if p == nil {
		return decodeFailed
	}
	err := p.DecodeLayers(data, &d.decoded)
	var sawTCP bool
	var ipv gopacket.LayerType
	for _, t := range d.decoded {
		switch t {
		case layers.LayerTypeIPv4, layers.LayerTypeIPv6:
			ipv = t
		case layers.LayerTypeTCP:
			sawTCP = true
		}
	}
	if !sawTCP || ipv == 0 {
		switch {
		case err != nil:
			return decodeFailed
		case ipv == layers.LayerTypeIPv4 && (d.ip4.Flags&layers.IPv4MoreFragments != 0 || d.ip4.FragOffset != 0):
			return decodeFailed // IP fragments are not reassembled
		case ipv == layers.LayerTypeIPv6 && d.ip6.frag:
			return decodeFailed
		}
		return decodedOther
	}
	var ipWire int // IP payload bytes on the wire (TCP header included)
	if ipv == layers.LayerTypeIPv4 {
		out.src = netip.AddrPortFrom(netip.AddrFrom4([4]byte(d.ip4.SrcIP)), uint16(d.tcp.SrcPort))
		out.dst = netip.AddrPortFrom(netip.AddrFrom4([4]byte(d.ip4.DstIP)), uint16(d.tcp.DstPort))
		ipWire = int(d.ip4.Length) - int(d.ip4.IHL)*4
	} else {
		out.src = netip.AddrPortFrom(netip.AddrFrom16(d.ip6.src), uint16(d.tcp.SrcPort))
		out.dst = netip.AddrPortFrom(netip.AddrFrom16(d.ip6.dst), uint16(d.tcp.DstPort))
		ipWire = d.ip6.wire
	}
	out.key, out.srcIsB = keyOf(out.src, out.dst)
	out.seq = d.tcp.Seq
	out.syn, out.ack, out.fin, out.rst = d.tcp.SYN, d.tcp.ACK, d.tcp.FIN, d.tcp.RST
	out.payload = d.tcp.Payload
	out.missing = 0
	if cut := wireLen - len(data); cut > 0 {
		// Only a frame that really was cut short can have missing bytes;
		// otherwise an IP length larger than the frame is just wrong.
		if m := ipWire - int(d.tcp.DataOffset)*4 - len(out.payload); m > 0 {
			out.missing = min(m, cut)
		}
	}
	return decodedTCP
}

// linuxSLL2 decodes the 20-byte Linux "cooked" v2 header (LINKTYPE 276).
type linuxSLL2 struct {
	proto   layers.EthernetType
	payload []byte
}

func (l *linuxSLL2) CanDecode() gopacket.LayerClass    { return layerTypeSLL2 }
func (l *linuxSLL2) NextLayerType() gopacket.LayerType { return l.proto.LayerType() }
func (l *linuxSLL2) LayerPayload() []byte              { return l.payload }
func (l *linuxSLL2) DecodeFromBytes(data []byte, df gopacket.DecodeFeedback) error {
	if len(data) < 20 {
		df.SetTruncated()
		return errShortSLL2
	}
	l.proto = layers.EthernetType(binary.BigEndian.Uint16(data))
	l.payload = data[20:]
	return nil
}

// rawIP dispatches headerless IP frames by their version nibble.
type rawIP struct {
	next    gopacket.LayerType
	payload []byte
}

func (l *rawIP) CanDecode() gopacket.LayerClass    { return layerTypeRaw }
func (l *rawIP) NextLayerType() gopacket.LayerType { return l.next }
func (l *rawIP) LayerPayload() []byte              { return l.payload }
func (l *rawIP) DecodeFromBytes(data []byte, _ gopacket.DecodeFeedback) error {
	if len(data) == 0 {
		return errNotIP
	}
	switch data[0] >> 4 {
	case 4:
		l.next = layers.LayerTypeIPv4
	case 6:
		l.next = layers.LayerTypeIPv6
	default:
		return errNotIP
	}
	l.payload = data
	return nil
}

var (
	errShortSLL2 = errors.New("short SLL2 header")
	errNotIP     = errors.New("not IPv4 or IPv6")
	errShortIPv6 = errors.New("short IPv6 header")
)

// ipv6 decodes the IPv6 header and skips extension headers up to the
// transport header. (gopacket's own IPv6 layer leaves most extension headers
// to separate layers and mis-trims the payload after a hop-by-hop header.)
type ipv6 struct {
	src, dst [16]byte
	next     layers.IPProtocol
	frag     bool // a non-atomic fragment
	wire     int  // payload bytes on the wire after the extension headers
	payload  []byte
}

func (ip *ipv6) CanDecode() gopacket.LayerClass { return layers.LayerTypeIPv6 }
func (ip *ipv6) LayerPayload() []byte           { return ip.payload }
func (ip *ipv6) NextLayerType() gopacket.LayerType {
	if ip.frag {
		return gopacket.LayerTypeFragment
	}
	return ip.next.LayerType()
}

func (ip *ipv6) DecodeFromBytes(data []byte, df gopacket.DecodeFeedback) error {
	if len(data) < 40 || data[0]>>4 != 6 {
		df.SetTruncated()
		return errShortIPv6
	}
	ip.frag = false
	plen := int(binary.BigEndian.Uint16(data[4:]))
	next := layers.IPProtocol(data[6])
	ip.src, ip.dst = [16]byte(data[8:24]), [16]byte(data[24:40])
	body := data[40:]
	wire := plen
	if plen == 0 {
		// Jumbogram or a segmentation-offload capture: trust the frame.
		wire = len(body)
	}
	if len(body) > wire {
		body = body[:wire] // link-layer padding
	}
	for {
		var n int
		switch next {
		case layers.IPProtocolIPv6HopByHop, layers.IPProtocolIPv6Routing, layers.IPProtocolIPv6Destination, 135 /* mobility */, 139 /* HIP */, 140 /* shim6 */ :
			if len(body) < 2 {
				return errShortIPv6
			}
			n = (int(body[1]) + 1) * 8
		case layers.IPProtocolAH:
			if len(body) < 2 {
				return errShortIPv6
			}
			n = (int(body[1]) + 2) * 4
		case layers.IPProtocolIPv6Fragment:
			if len(body) < 8 {
				return errShortIPv6
			}
			if binary.BigEndian.Uint16(body[2:])&0xfff9 != 0 {
				// Offset or "more fragments" set: not reassembled.
				ip.frag = true
			}
			n = 8
		default:
			ip.next, ip.wire, ip.payload = next, wire, body
			return nil
		}
		if n > len(body) {
			df.SetTruncated()
			return errShortIPv6
		}
		next = layers.IPProtocol(body[0])
		body, wire = body[n:], wire-n
		if ip.frag {
			ip.next, ip.wire, ip.payload = next, wire, body
			return nil
		}
	}
}
