package capture

import (
	"strings"
	"testing"

	"github.com/smbscope/smbscope/internal/archtest"
)

// capture knows packets and TCP only: the standard library and gopacket,
// never the packages that interpret payloads.
func TestImports(t *testing.T) {
	archtest.CheckImports(t, func(path string) bool {
		return archtest.Standard(path) ||
			path == "github.com/google/gopacket" ||
			// pcap needs cgo and libpcap; files are read in pure Go.
			strings.HasPrefix(path, "github.com/google/gopacket/") && path != "github.com/google/gopacket/pcap"
	})
}
