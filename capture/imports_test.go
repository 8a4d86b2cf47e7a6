package capture

import (
	"os"
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
			// pcap needs cgo and libpcap: only live.go, built with
			// -tags pcap, uses it; files are read in pure Go.
			strings.HasPrefix(path, "github.com/google/gopacket/")
	})
	src, err := os.ReadFile("live.go")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(src), "//go:build pcap && cgo\n") {
		t.Error("live.go imports gopacket/pcap and must be built only with -tags pcap and cgo")
	}
	for _, name := range []string{"capture.go", "decode.go", "read.go", "tcp.go", "livecore.go", "tunnel.go"} {
		if src, err := os.ReadFile(name); err != nil || strings.Contains(string(src), `"github.com/google/gopacket/pcap"`) {
			t.Errorf("%s: must not import gopacket/pcap (%v)", name, err)
		}
	}
}
