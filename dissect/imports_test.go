package dissect

import (
	"testing"

	"github.com/smbscope/smbscope/internal/archtest"
)

// dissect is pure parsing: the standard library only.
func TestImports(t *testing.T) {
	archtest.CheckImports(t, archtest.Standard)
}
