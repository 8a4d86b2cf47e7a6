package findings

import (
	"fmt"
	"net/netip"
	"testing"
)

func TestHex16(t *testing.T) {
	for width := 0; width <= 4; width++ {
		for v := 0; v <= 0xFFFF; v++ {
			want := fmt.Sprintf("0x%0*x", width, v)
			if got := hex16(uint16(v), width); got != want {
				t.Fatalf("hex16(%#x, %d) = %q, want %q", v, width, got, want)
			}
		}
	}
}

func TestAddrString(t *testing.T) {
	e := NewEngine(nil, 0)
	var addrs []netip.Addr
	for i := range 5000 {
		addrs = append(addrs,
			netip.AddrFrom4([4]byte{10, byte(i >> 8), byte(i), 1}),
			netip.AddrFrom16(netip.AddrFrom4([4]byte{192, 0, 2, byte(i)}).As16()), // IPv4-mapped
			netip.MustParseAddr(fmt.Sprintf("2001:db8::%x", i)))
	}
	// Twice over, so that cached names are served and evicted ones remade.
	for range 2 {
		for _, a := range addrs {
			if got, want := e.addrString(a), a.Unmap().String(); got != want {
				t.Fatalf("addrString(%v) = %q, want %q", a, got, want)
			}
		}
	}
}
