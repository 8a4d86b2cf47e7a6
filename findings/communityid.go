package findings

import (
	"crypto/sha1"
	"encoding/base64"
	"encoding/binary"
	"net/netip"
)

// CommunityID computes the Community ID v1 flow hash of a TCP connection
// (https://github.com/corelight/community-id-spec): base64 of
// SHA-1(seed, ordered addresses, protocol, padding, ordered ports).
func CommunityID(seed uint16, a, b netip.AddrPort) string {
	const protoTCP = 6
	srcIP, dstIP := a.Addr().Unmap(), b.Addr().Unmap()
	srcPort, dstPort := a.Port(), b.Port()
	// The endpoint with the smaller address (then port) goes first.
	if c := srcIP.Compare(dstIP); c > 0 || (c == 0 && srcPort > dstPort) {
		srcIP, dstIP = dstIP, srcIP
		srcPort, dstPort = dstPort, srcPort
	}
	buf := make([]byte, 0, 2+16+16+2+4)
	buf = binary.BigEndian.AppendUint16(buf, seed)
	buf = append(buf, srcIP.AsSlice()...)
	buf = append(buf, dstIP.AsSlice()...)
	buf = append(buf, protoTCP, 0)
	buf = binary.BigEndian.AppendUint16(buf, srcPort)
	buf = binary.BigEndian.AppendUint16(buf, dstPort)
	sum := sha1.Sum(buf)
	return "1:" + base64.StdEncoding.EncodeToString(sum[:])
}
