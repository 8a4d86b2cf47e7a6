package session

import (
	"testing"

	"github.com/smbscope/smbscope/internal/archtest"
)

// session sees byte streams, never packets: no gopacket, no capture.
func TestImports(t *testing.T) {
	archtest.CheckImports(t, func(path string) bool {
		return archtest.Standard(path) || path == archtest.Module+"dissect" || path == archtest.Module+"verify"
	})
}
