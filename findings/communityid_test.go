package findings

import (
	"net/netip"
	"testing"
)

// Vectors from the Community ID specification's README and test suite.
func TestCommunityIDSpecVectors(t *testing.T) {
	a := netip.MustParseAddrPort("128.232.110.120:34855")
	b := netip.MustParseAddrPort("66.35.250.204:80")
	const want = "1:LQU9qZlK+B5F3KDmev6m5PMibrg="
	if got := CommunityID(0, a, b); got != want {
		t.Errorf("CommunityID(a, b) = %s, want %s", got, want)
	}
	if got := CommunityID(0, b, a); got != want {
		t.Errorf("CommunityID(b, a) = %s, want %s (must not depend on direction)", got, want)
	}
}
