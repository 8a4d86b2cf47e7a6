package verify

import (
	"strings"
	"testing"

	"github.com/smbscope/smbscope/internal/archtest"
)

// verify is cryptography only: the standard library and golang.org/x/crypto.
func TestImports(t *testing.T) {
	archtest.CheckImports(t, func(path string) bool {
		return archtest.Standard(path) || strings.HasPrefix(path, "golang.org/x/crypto/")
	})
}
