package capture

import (
	"encoding/binary"
	"slices"
	"testing"
)

// Tunnel builders for TestTunnels: each wraps a whole Ethernet frame or its
// IP packet, and keeps the frame's wire length in step.

func tunEther(typ uint16, payload []byte) []byte {
	b := []byte{2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, byte(typ >> 8), byte(typ)}
	return append(b, payload...)
}

func tunIPv4(proto byte, payload []byte) []byte {
	h := []byte{0x45, 0, 0, 0, 0, 1, 0x40, 0, 64, proto, 0, 0, 198, 51, 100, 1, 198, 51, 100, 2}
	binary.BigEndian.PutUint16(h[2:], uint16(20+len(payload)))
	return append(h, payload...)
}

func tunIPv6(next byte, payload []byte) []byte {
	h := make([]byte, 40)
	h[0], h[6], h[7] = 0x60, next, 64
	binary.BigEndian.PutUint16(h[4:], uint16(len(payload)))
	copy(h[8:], []byte{0x20, 0x01, 0x0d, 0xb8, 0, 0x51, 15: 1})
	copy(h[24:], []byte{0x20, 0x01, 0x0d, 0xb8, 0, 0x51, 15: 2})
	return append(h, payload...)
}

func tunUDP(dst uint16, payload []byte) []byte {
	u := []byte{0xc0, 0x01, byte(dst >> 8), byte(dst), 0, 0, 0, 0}
	binary.BigEndian.PutUint16(u[4:], uint16(8+len(payload)))
	return append(u, payload...)
}

// ipOf returns the IP packet of an Ethernet frame and its EtherType.
func ipOf(f []byte) (uint16, []byte) { return ethType(f), f[14:] }

func wrap(fn func(f []byte) []byte) func(frame) frame {
	return func(f frame) frame {
		out := fn(slices.Clone(f.data))
		f.wire += len(out) - len(f.data)
		f.data = out
		return f
	}
}

// TestTunnels checks that SMB inside every supported tunnel gives exactly
// the connections, streams and frame numbers of the plain capture. The
// bundled captures in testdata/pcaps/tunnels cover the common forms; these
// cover the variants.
func TestTunnels(t *testing.T) {
	v4, v6 := loadFrames(t, s01), loadFrames(t, s06)
	gre := func(flags []byte, proto uint16, extra []byte) []byte {
		return append(append(slices.Clone(flags), byte(proto>>8), byte(proto)), extra...)
	}
	ppp := func(ether uint16) []byte {
		if ether == 0x86dd {
			return []byte{0x57} // compressed protocol field
		}
		return []byte{0xff, 0x03, 0x00, 0x21}
	}
	cases := []struct {
		name string
		src  string
		fn   func(f []byte) []byte
	}{
		{"vxlan-over-ipv6-in-vlan", s01, func(f []byte) []byte {
			inner := tunIPv6(17, tunUDP(4789, append([]byte{0x08, 0, 0, 0, 0, 0, 1, 0}, f...)))
			return append([]byte{2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x81, 0x00, 0x00, 0x64, 0x86, 0xdd}, inner...)
		}},
		{"geneve-ipv4-payload", s01, func(f []byte) []byte {
			_, ip := ipOf(f)
			g := []byte{0x00, 0x00, 0x08, 0x00, 0, 0, 1, 0}
			return tunEther(0x0800, tunIPv4(17, tunUDP(6081, append(g, ip...))))
		}},
		{"gre-checksum-ipv6", s06, func(f []byte) []byte {
			typ, ip := ipOf(f)
			return tunEther(0x0800, tunIPv4(47, append(gre([]byte{0x80, 0}, typ, []byte{0, 0, 0, 0}), ip...)))
		}},
		{"gre-routing", s01, func(f []byte) []byte {
			typ, ip := ipOf(f)
			// Routing present: checksum/offset word, one 4-byte SRE
			// with 4 bytes of routing data, then the null SRE.
			sre := []byte{0, 0, 0, 0, 0x08, 0x00, 0x00, 0x04, 1, 2, 3, 4, 0, 0, 0, 0}
			return tunEther(0x0800, tunIPv4(47, append(gre([]byte{0x40, 0}, typ, sre), ip...)))
		}},
		{"gre-transparent-ethernet-over-ipv6", s06, func(f []byte) []byte {
			return tunEther(0x86dd, tunIPv6(47, append(gre([]byte{0x20, 0}, 0x6558, []byte{0, 0, 0, 9}), f...)))
		}},
		{"pptp-gre-v1-ppp-ipv4", s01, func(f []byte) []byte {
			typ, ip := ipOf(f)
			h := gre([]byte{0x30, 0x81}, 0x880b, []byte{0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0}) // key, seq, ack
			return tunEther(0x0800, tunIPv4(47, append(append(h, ppp(typ)...), ip...)))
		}},
		{"pptp-gre-v1-ppp-ipv6", s06, func(f []byte) []byte {
			typ, ip := ipOf(f)
			h := gre([]byte{0x20, 0x01}, 0x880b, []byte{0, 0, 0, 0})
			return tunEther(0x0800, tunIPv4(47, append(append(h, ppp(typ)...), ip...)))
		}},
		{"wccp-v1-no-redirect-header", s01, func(f []byte) []byte {
			_, ip := ipOf(f)
			return tunEther(0x0800, tunIPv4(47, append(gre([]byte{0, 0}, 0x883e, nil), ip...)))
		}},
		{"wccp-v2-redirect-header", s01, func(f []byte) []byte {
			_, ip := ipOf(f)
			return tunEther(0x0800, tunIPv4(47, append(gre([]byte{0, 0}, 0x883e, []byte{0x05, 0x59, 0x00, 0x48}), ip...)))
		}},
		{"erspan3-ip-frames", s06, func(f []byte) []byte {
			_, ip := ipOf(f)
			h := []byte{0x20, 0, 0, 7, 0, 0, 0, 1, 0, 0, 2 << 2, 0x10} // frame type 2, O clear
			return tunEther(0x0800, tunIPv4(47, append(append(gre([]byte{0x10, 0}, 0x22eb, []byte{0, 0, 0, 1}), h...), ip...)))
		}},
		{"mpls-control-word-ethernet", s01, func(f []byte) []byte {
			labels := []byte{0x00, 0x01, 0x01, 0x40, 0, 0, 0, 0} // bottom label, then the control word
			return tunEther(0x8847, append(labels, f...))
		}},
		{"mpls-ipv6", s06, func(f []byte) []byte {
			_, ip := ipOf(f)
			return tunEther(0x8847, append([]byte{0x00, 0x01, 0x00, 0x40, 0x00, 0x02, 0x01, 0x40}, ip...))
		}},
		{"pppoe-ipv6", s06, func(f []byte) []byte {
			_, ip := ipOf(f)
			h := []byte{0x11, 0x00, 0x00, 0x01, 0, 0, 0x00, 0x57}
			binary.BigEndian.PutUint16(h[4:], uint16(2+len(ip)))
			return tunEther(0x8864, append(h, ip...))
		}},
		{"ip-in-ip", s01, func(f []byte) []byte {
			_, ip := ipOf(f)
			return tunEther(0x0800, tunIPv4(4, ip))
		}},
		{"6in4", s06, func(f []byte) []byte {
			_, ip := ipOf(f)
			return tunEther(0x0800, tunIPv4(41, ip))
		}},
		{"vxlan-in-gre-in-mpls", s01, func(f []byte) []byte {
			vx := tunIPv4(17, tunUDP(4789, append([]byte{0x08, 0, 0, 0, 0, 0, 1, 0}, f...)))
			g := tunIPv4(47, append(gre([]byte{0, 0}, 0x0800, nil), vx...))
			return tunEther(0x8847, append([]byte{0x00, 0x01, 0x01, 0x40}, g...))
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			frames := v4
			if tc.src == s06 {
				frames = v6
			}
			sameAsOriginal(t, tc.src, writePcap(linkEthernet, mapFrames(frames, wrap(tc.fn)), pcapStyle{}))
		})
	}
}

// TestTunnelMalformed feeds cut and wrong tunnel headers: none may panic,
// each must be counted, and UDP on other ports stays plain non-TCP.
func TestTunnelMalformed(t *testing.T) {
	f := loadFrames(t, s01)[0].data
	_, ip := ipOf(f)
	vx := append([]byte{0x08, 0, 0, 0, 0, 0, 1, 0}, f...)
	cases := []struct {
		name        string
		data        []byte
		undecodable bool
	}{
		{"udp-other-port", tunEther(0x0800, tunIPv4(17, tunUDP(53, []byte{1, 2, 3}))), false},
		{"udp-cut", tunEther(0x0800, tunIPv4(17, []byte{0x12, 0xb5, 0x12})), false},
		{"vxlan-cut", tunEther(0x0800, tunIPv4(17, tunUDP(4789, []byte{0x08, 0, 0}))), true},
		{"vxlan-no-vni-flag", tunEther(0x0800, tunIPv4(17, tunUDP(4789, append([]byte{0, 0, 0, 0, 0, 0, 1, 0}, f...)))), true},
		{"geneve-cut-options", tunEther(0x0800, tunIPv4(17, tunUDP(6081, []byte{0x3f, 0, 0x65, 0x58, 0, 0, 1, 0}))), true},
		{"geneve-version-1", tunEther(0x0800, tunIPv4(17, tunUDP(6081, append([]byte{0x40, 0, 0x65, 0x58, 0, 0, 1, 0}, f...)))), true},
		{"gre-cut", tunEther(0x0800, tunIPv4(47, []byte{0x30, 0})), true},
		{"gre-cut-key", tunEther(0x0800, tunIPv4(47, []byte{0x30, 0, 0x08, 0x00, 0, 0})), true},
		{"gre-version-2", tunEther(0x0800, tunIPv4(47, append([]byte{0, 2, 0x08, 0x00}, ip...))), true},
		{"gre-routing-unterminated", tunEther(0x0800, tunIPv4(47, []byte{0x40, 0, 0x08, 0x00, 0, 0, 0, 0, 0x08, 0, 0, 200})), true},
		{"erspan2-cut", tunEther(0x0800, tunIPv4(47, []byte{0x10, 0, 0x88, 0xbe, 0, 0, 0, 1, 0x10, 0})), true},
		{"erspan2-bad-version", tunEther(0x0800, tunIPv4(47, append([]byte{0x10, 0, 0x88, 0xbe, 0, 0, 0, 1, 0x30, 0, 0, 0, 0, 0, 0, 0}, f...))), true},
		{"erspan3-cut-subheader", tunEther(0x0800, tunIPv4(47, []byte{0x10, 0, 0x22, 0xeb, 0, 0, 0, 1, 0x20, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0})), true},
		{"erspan3-bad-frame-type", tunEther(0x0800, tunIPv4(47, append([]byte{0x10, 0, 0x22, 0xeb, 0, 0, 0, 1, 0x20, 0, 0, 7, 0, 0, 0, 0, 0, 0, 5 << 2, 0}, f...))), true},
		{"wccp-cut", tunEther(0x0800, tunIPv4(47, []byte{0, 0, 0x88, 0x3e, 0x05, 0x59})), true},
		{"mpls-no-bottom", tunEther(0x8847, []byte{0, 1, 0, 64, 0, 2, 0, 64}), true},
		{"mpls-cut-control-word", tunEther(0x8847, []byte{0, 1, 1, 64, 0, 0}), true},
		{"pppoe-cut", tunEther(0x8864, []byte{0x11, 0, 0, 1}), true},
		{"pppoe-discovery-code", tunEther(0x8864, append([]byte{0x11, 0x09, 0, 1, 0, 2, 0, 0x21}, ip...)), true},
		{"pppoe-lcp", tunEther(0x8864, []byte{0x11, 0, 0, 1, 0, 4, 0xc0, 0x21, 1, 1}), false},
		{"ppp-cut-protocol", tunEther(0x8864, []byte{0x11, 0, 0, 1, 0, 1, 0x00}), true},
		{"vxlan-inner-cut", tunEther(0x0800, tunIPv4(17, tunUDP(4789, vx[:8+14+10]))), true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for cut := len(tc.data); cut >= 0; cut-- {
				// Every prefix must be handled without a panic.
				mustRead(t, writePcap(linkEthernet, []frame{{data: tc.data[:cut], wire: len(tc.data)}}, pcapStyle{}), Options{})
			}
			_, st := mustRead(t, writePcap(linkEthernet, []frame{{data: tc.data, wire: len(tc.data)}}, pcapStyle{}), Options{})
			if st.TCPPackets != 0 {
				t.Errorf("decoded as TCP: %+v", st)
			}
			if got := st.Undecodable == 1; got != tc.undecodable {
				t.Errorf("undecodable=%v, want %v (%+v)", got, tc.undecodable, st)
			}
		})
	}
}
