package findings

import (
	"net/netip"
	"testing"
)

// TCP vectors of the Community ID specification's baseline
// (community-id-spec, baseline/baseline_deflt.json for seed 0 and
// baseline/baseline_seed1.json for seed 1), computed there from its
// tcp.pcap and ipv6.pcap. Each flow is given in both directions: the ID
// must not depend on which side is the originator.
func TestCommunityIDSpecVectors(t *testing.T) {
	tests := []struct {
		name       string
		src, dst   string
		seed       uint16
		want       string
		reverseToo bool
	}{
		{"IPv4 seed 0", "128.232.110.120:34855", "66.35.250.204:80", 0, "1:LQU9qZlK+B5F3KDmev6m5PMibrg=", true},
		{"IPv4 seed 1", "128.232.110.120:34855", "66.35.250.204:80", 1, "1:3V71V58M3Ksw/yuFALMcW0LAHvc=", true},
		{"IPv6 seed 0", "[2001:470:e5bf:dead:4957:2174:e82c:4887]:63943", "[2607:f8b0:400c:c03::1a]:25", 0, "1:/qFaeAR+gFe1KYjMzVDsMv+wgU4=", true},
		{"IPv6 seed 1", "[2001:470:e5bf:dead:4957:2174:e82c:4887]:63943", "[2607:f8b0:400c:c03::1a]:25", 1, "1:eJYTW6AOzFLlSUoESovMjnu7rMw=", true},
		// An IPv4-mapped IPv6 address is the IPv4 flow it carries.
		{"IPv4-mapped", "[::ffff:128.232.110.120]:34855", "[::ffff:66.35.250.204]:80", 0, "1:LQU9qZlK+B5F3KDmev6m5PMibrg=", false},
	}
	for _, tt := range tests {
		a, b := netip.MustParseAddrPort(tt.src), netip.MustParseAddrPort(tt.dst)
		if got := CommunityID(tt.seed, a, b); got != tt.want {
			t.Errorf("%s: CommunityID(%d, %v, %v) = %s, want %s", tt.name, tt.seed, a, b, got, tt.want)
		}
		if got := CommunityID(tt.seed, b, a); tt.reverseToo && got != tt.want {
			t.Errorf("%s reversed: CommunityID(%d, %v, %v) = %s, want %s (must not depend on direction)", tt.name, tt.seed, b, a, got, tt.want)
		}
	}
}

// Equal addresses are ordered by port.
func TestCommunityIDSameAddress(t *testing.T) {
	a := netip.MustParseAddrPort("127.0.0.1:445")
	b := netip.MustParseAddrPort("127.0.0.1:50000")
	if CommunityID(0, a, b) != CommunityID(0, b, a) {
		t.Error("loopback flow: the ID depends on direction")
	}
	if CommunityID(0, a, b) == CommunityID(1, a, b) {
		t.Error("the seed does not change the ID")
	}
}
