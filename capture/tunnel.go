package capture

import (
	"encoding/binary"
	"errors"

	"github.com/google/gopacket"
	"github.com/google/gopacket/layers"
)

// Tunnels that mirrored and overlay traffic arrives in. Each decoder below
// is a gopacket DecodingLayer that skips its header and names the layer
// inside, so the parser goes on to the inner Ethernet or IP header and the
// TCP connection is tracked by its inner addresses:
//
//   - VXLAN (UDP port 4789, RFC 7348) and Geneve (UDP port 6081, RFC 8926);
//   - GRE (RFC 2784, 2890, and version 1 as PPTP uses it) carrying IP,
//     Ethernet (transparent bridging), PPP, MPLS, or a mirrored frame:
//     ERSPAN type I (no header), type II and type III, and WCCP redirection
//     (with or without its 4-byte redirect header);
//   - MPLS label stacks, with or without a pseudowire control word;
//   - PPPoE sessions.
//
// IP in IP (protocol 4 and 41) needs nothing here: gopacket's IPv4 layer
// and the ipv6 layer already name the inner IP header as the next layer.
// gopacket v1.1.19 has decoders for some of these, but not as
// DecodingLayers (Geneve, MPLS, PPPoE), without bounds checks (GRE), or
// without the ERSPAN and WCCP variants, hence these.

// Tunnel ports and protocol numbers.
const (
	portVXLAN  = 4789
	portGeneve = 6081

	etherERSPAN2 = 0x88be // ERSPAN type I and II
	etherERSPAN3 = 0x22eb
	etherWCCP    = 0x883e
	etherPPP     = 0x880b
)

var errTunnel = errors.New("malformed tunnel header")

// tunnels holds one decoder per tunnel header, reused for every packet.
type tunnels struct {
	udp    udpTunnel
	vxlan  vxlan
	geneve geneve
	gre    gre
	mpls   mpls
	pppoe  pppoe
	ppp    ppp
}

func (t *tunnels) layers() []gopacket.DecodingLayer {
	return []gopacket.DecodingLayer{&t.udp, &t.vxlan, &t.geneve, &t.gre, &t.mpls, &t.pppoe, &t.ppp}
}

// udpTunnel decodes a UDP header far enough to find the tunnels carried on
// their standard ports. Any other UDP datagram, or one too short to hold a
// header, simply ends the layer chain: it is not TCP either way.
type udpTunnel struct {
	next    gopacket.LayerType
	payload []byte
}

func (u *udpTunnel) CanDecode() gopacket.LayerClass    { return layers.LayerTypeUDP }
func (u *udpTunnel) NextLayerType() gopacket.LayerType { return u.next }
func (u *udpTunnel) LayerPayload() []byte              { return u.payload }
func (u *udpTunnel) DecodeFromBytes(data []byte, _ gopacket.DecodeFeedback) error {
	u.next, u.payload = gopacket.LayerTypePayload, nil
	if len(data) < 8 {
		return nil
	}
	switch binary.BigEndian.Uint16(data[2:]) {
	case portVXLAN:
		u.next = layers.LayerTypeVXLAN
	case portGeneve:
		u.next = layers.LayerTypeGeneve
	default:
		return nil
	}
	body := data[8:]
	if n := int(binary.BigEndian.Uint16(data[4:])); n >= 8 && n-8 < len(body) {
		body = body[:n-8] // link-layer padding
	}
	u.payload = body
	return nil
}

// vxlan decodes the 8-byte VXLAN header; an Ethernet frame follows.
type vxlan struct{ payload []byte }

func (v *vxlan) CanDecode() gopacket.LayerClass    { return layers.LayerTypeVXLAN }
func (v *vxlan) NextLayerType() gopacket.LayerType { return layers.LayerTypeEthernet }
func (v *vxlan) LayerPayload() []byte              { return v.payload }
func (v *vxlan) DecodeFromBytes(data []byte, df gopacket.DecodeFeedback) error {
	if len(data) < 8 {
		df.SetTruncated()
		return errTunnel
	}
	if data[0]&0x08 == 0 { // the I flag: a valid VNI
		return errTunnel
	}
	v.payload = data[8:]
	return nil
}

// geneve decodes the Geneve header and its options.
type geneve struct {
	next    gopacket.LayerType
	payload []byte
}

func (g *geneve) CanDecode() gopacket.LayerClass    { return layers.LayerTypeGeneve }
func (g *geneve) NextLayerType() gopacket.LayerType { return g.next }
func (g *geneve) LayerPayload() []byte              { return g.payload }
func (g *geneve) DecodeFromBytes(data []byte, df gopacket.DecodeFeedback) error {
	if len(data) < 8 {
		df.SetTruncated()
		return errTunnel
	}
	if data[0]>>6 != 0 {
		return errTunnel // unknown version
	}
	n := 8 + int(data[0]&0x3f)*4
	if len(data) < n {
		df.SetTruncated()
		return errTunnel
	}
	g.next = etherNext(binary.BigEndian.Uint16(data[2:]))
	g.payload = data[n:]
	return nil
}

// etherNext names the layer an EtherType announces, for the tunnels that
// use EtherTypes to tell what they carry.
func etherNext(t uint16) gopacket.LayerType {
	switch t {
	case 0x6558: // transparent Ethernet bridging
		return layers.LayerTypeEthernet
	case etherPPP:
		return layers.LayerTypePPP
	}
	return layers.EthernetType(t).LayerType()
}

// gre decodes a GRE header (version 0 or 1) and, for mirrored traffic, the
// ERSPAN or WCCP header after it.
type gre struct {
	next    gopacket.LayerType
	payload []byte
}

func (g *gre) CanDecode() gopacket.LayerClass    { return layers.LayerTypeGRE }
func (g *gre) NextLayerType() gopacket.LayerType { return g.next }
func (g *gre) LayerPayload() []byte              { return g.payload }
func (g *gre) DecodeFromBytes(data []byte, df gopacket.DecodeFeedback) error {
	short := func() error {
		df.SetTruncated()
		return errTunnel
	}
	if len(data) < 4 {
		return short()
	}
	checksum, routing := data[0]&0x80 != 0, data[0]&0x40 != 0
	key, seq := data[0]&0x20 != 0, data[0]&0x10 != 0
	ack, version := data[1]&0x80 != 0, data[1]&0x07
	proto := binary.BigEndian.Uint16(data[2:])
	if version > 1 {
		return errTunnel
	}
	n := 4
	if checksum || routing {
		n += 4
	}
	if key {
		n += 4
	}
	if seq {
		n += 4
	}
	if version == 1 && ack {
		n += 4
	}
	if len(data) < n {
		return short()
	}
	if routing {
		// RFC 1701 source route entries, up to the null entry.
		for {
			if len(data) < n+4 {
				return short()
			}
			family, length := binary.BigEndian.Uint16(data[n:]), int(data[n+3])
			n += 4 + length
			if family == 0 && length == 0 {
				break
			}
		}
		if len(data) < n {
			return short()
		}
	}
	body := data[n:]
	switch proto {
	case etherERSPAN2:
		if !seq {
			// Type I: the mirrored frame follows GRE directly.
			g.next, g.payload = layers.LayerTypeEthernet, body
			return nil
		}
		// Type II: an 8-byte header, version 1.
		if len(body) < 8 {
			return short()
		}
		if body[0]>>4 != 1 {
			return errTunnel
		}
		g.next, g.payload = layers.LayerTypeEthernet, body[8:]
		return nil
	case etherERSPAN3:
		// Type III: a 12-byte header, version 2, then an 8-byte platform
		// specific subheader when the O flag is set. The frame type says
		// whether Ethernet frames or IP packets were mirrored.
		if len(body) < 12 {
			return short()
		}
		if body[0]>>4 != 2 {
			return errTunnel
		}
		h := 12
		if body[11]&0x01 != 0 {
			h += 8
		}
		if len(body) < h {
			return short()
		}
		switch (body[10] >> 2) & 0x1f {
		case 0:
			g.next = layers.LayerTypeEthernet
		case 2:
			g.next = layerTypeRaw
		default:
			return errTunnel
		}
		g.payload = body[h:]
		return nil
	case etherWCCP:
		// WCCP redirection: version 1 puts the IP packet right after GRE,
		// version 2 a 4-byte redirect header first.
		if len(body) > 0 && body[0]>>4 != 4 {
			if len(body) < 4 {
				return short()
			}
			body = body[4:]
		}
		g.next, g.payload = layerTypeRaw, body
		return nil
	}
	g.next, g.payload = etherNext(proto), body
	return nil
}

// mpls decodes an MPLS label stack. What follows the bottom label is not
// announced: IPv4 and IPv6 are told by their version nibble, and anything
// else is taken for an Ethernet pseudowire, after its control word when
// the first nibble is zero.
type mpls struct {
	next    gopacket.LayerType
	payload []byte
}

func (m *mpls) CanDecode() gopacket.LayerClass    { return layers.LayerTypeMPLS }
func (m *mpls) NextLayerType() gopacket.LayerType { return m.next }
func (m *mpls) LayerPayload() []byte              { return m.payload }
func (m *mpls) DecodeFromBytes(data []byte, df gopacket.DecodeFeedback) error {
	n := 0
	for {
		if len(data) < n+4 {
			df.SetTruncated()
			return errTunnel
		}
		bottom := data[n+2]&0x01 != 0
		n += 4
		if bottom {
			break
		}
	}
	body := data[n:]
	if len(body) == 0 {
		df.SetTruncated()
		return errTunnel
	}
	switch body[0] >> 4 {
	case 4:
		m.next = layers.LayerTypeIPv4
	case 6:
		m.next = layers.LayerTypeIPv6
	case 0:
		if len(body) < 4 {
			df.SetTruncated()
			return errTunnel
		}
		m.next, body = layers.LayerTypeEthernet, body[4:]
	default:
		m.next = layers.LayerTypeEthernet
	}
	m.payload = body
	return nil
}

// pppoe decodes a PPPoE session header and the PPP protocol field after it.
type pppoe struct {
	next    gopacket.LayerType
	payload []byte
}

func (p *pppoe) CanDecode() gopacket.LayerClass    { return layers.LayerTypePPPoE }
func (p *pppoe) NextLayerType() gopacket.LayerType { return p.next }
func (p *pppoe) LayerPayload() []byte              { return p.payload }
func (p *pppoe) DecodeFromBytes(data []byte, df gopacket.DecodeFeedback) error {
	if len(data) < 6 {
		df.SetTruncated()
		return errTunnel
	}
	if data[0] != 0x11 || data[1] != 0 { // version 1, type 1, session data
		return errTunnel
	}
	body := data[6:]
	if n := int(binary.BigEndian.Uint16(data[4:])); n < len(body) {
		body = body[:n] // link-layer padding
	}
	var err error
	p.next, p.payload, err = pppNext(body, df)
	return err
}

// ppp decodes a PPP header, as GRE version 1 (PPTP) carries it.
type ppp struct {
	next    gopacket.LayerType
	payload []byte
}

func (p *ppp) CanDecode() gopacket.LayerClass    { return layers.LayerTypePPP }
func (p *ppp) NextLayerType() gopacket.LayerType { return p.next }
func (p *ppp) LayerPayload() []byte              { return p.payload }
func (p *ppp) DecodeFromBytes(data []byte, df gopacket.DecodeFeedback) error {
	if len(data) >= 2 && data[0] == 0xff && data[1] == 0x03 {
		data = data[2:] // address and control fields
	}
	var err error
	p.next, p.payload, err = pppNext(data, df)
	return err
}

// pppNext reads a PPP protocol field, compressed to one byte or not, and
// names the layer after it: IPv4 or IPv6, else the end of the chain.
func pppNext(data []byte, df gopacket.DecodeFeedback) (gopacket.LayerType, []byte, error) {
	if len(data) == 0 {
		df.SetTruncated()
		return 0, nil, errTunnel
	}
	proto, n := uint16(data[0]), 1
	if data[0]&0x01 == 0 {
		if len(data) < 2 {
			df.SetTruncated()
			return 0, nil, errTunnel
		}
		proto, n = binary.BigEndian.Uint16(data), 2
	}
	switch proto {
	case 0x21:
		return layers.LayerTypeIPv4, data[n:], nil
	case 0x57:
		return layers.LayerTypeIPv6, data[n:], nil
	}
	return gopacket.LayerTypePayload, nil, nil
}
