package findings

import (
	"testing"

	"github.com/smbscope/smbscope/internal/archtest"
)

// findings sees results, never bytes or packets.
func TestImports(t *testing.T) {
	archtest.CheckImports(t, func(path string) bool {
		return archtest.Standard(path) || path == archtest.Module+"session"
	})
}
