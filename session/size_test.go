package session

import (
	"testing"
	"unsafe"
)

// TestConnSize keeps the state of an open connection in a 768-byte
// allocation (Go's size classes step from 768 to 896): a field added to
// Conn or Connection costs 128 bytes per connection once it crosses.
func TestConnSize(t *testing.T) {
	if n := unsafe.Sizeof(Conn{}); n > 768 {
		t.Errorf("Conn is %d bytes, want at most 768", n)
	}
}
