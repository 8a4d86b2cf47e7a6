package capture

import (
	"testing"
	"unsafe"
)

// TestConnSize keeps a tracked connection in a 240-byte allocation (Go's
// size classes step from 240 to 256): with 100,000 connections open, a
// field added here costs 1.6 MB once it crosses.
func TestConnSize(t *testing.T) {
	if n := unsafe.Sizeof(conn{}); n > 240 {
		t.Errorf("conn is %d bytes, want at most 240", n)
	}
}
