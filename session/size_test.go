package session

import (
	"testing"
	"unsafe"

	"github.com/smbscope/smbscope/dissect"
)

// TestConnSize keeps the state of an open connection in a 768-byte
// allocation: Go's size classes step from 768 to 896, and an object over
// 512 bytes that holds pointers carries an 8-byte type header. A field
// added to Conn or Connection costs 128 bytes per connection once it
// crosses.
func TestConnSize(t *testing.T) {
	if n := unsafe.Sizeof(Conn{}); n > 768-8 {
		t.Errorf("Conn is %d bytes, want at most 760", n)
	}
}

// TestSharedNames checks that equal NEGOTIATE lists share one slice and
// that different ones, or lists of another kind, do not.
func TestSharedNames(t *testing.T) {
	tr := NewTracker("x", Options{}, func(*Connection) {})
	a := tr.names(listDialects, []uint16{0x202, 0x311}, dissect.DialectName)
	b := tr.names(listDialects, []uint16{0x202, 0x311}, dissect.DialectName)
	c := tr.names(listDialects, []uint16{0x202, 0x300}, dissect.DialectName)
	d := tr.names(listCiphers, []uint16{0x202, 0x311}, dissect.CipherName)
	if &a[0] != &b[0] {
		t.Errorf("equal lists are not shared")
	}
	if &a[0] == &c[0] || &a[0] == &d[0] || c[1] != dissect.DialectName(0x300) || d[0] != dissect.CipherName(0x202) {
		t.Errorf("different lists share: %q %q %q", a, c, d)
	}
}
