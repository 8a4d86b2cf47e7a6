package dissect

import (
	"encoding/binary"
	"math/rand/v2"
	"testing"
	"unicode/utf16"
)

// utf16Reference is the plain decoding: every unit, trailing NULs dropped.
func utf16Reference(b []byte) string {
	units := make([]uint16, len(b)/2)
	for i := range units {
		units[i] = binary.LittleEndian.Uint16(b[2*i:])
	}
	for len(units) > 0 && units[len(units)-1] == 0 {
		units = units[:len(units)-1]
	}
	return string(utf16.Decode(units))
}

// TestUTF16LE checks the ASCII fast path and the general decoding against
// the plain decoding on random strings of ASCII, other BMP characters,
// surrogates (paired and not), NULs and odd lengths.
func TestUTF16LE(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	units := []uint16{0, 'a', 'Z', 0x7f, 0x80, 0xe9, 0x65e5, 0xd83d, 0xde00, 0xdc00, 0xffff, 0x2028}
	for i := 0; i < 50000; i++ {
		n := r.IntN(80)
		b := make([]byte, 0, 2*n+1)
		for range n {
			u := units[r.IntN(len(units))]
			if r.IntN(2) == 0 {
				u = uint16('a' + r.IntN(26))
			}
			b = binary.LittleEndian.AppendUint16(b, u)
		}
		if r.IntN(5) == 0 {
			b = append(b, byte(r.IntN(256)))
		}
		if got, want := utf16LE(b), utf16Reference(b); got != want {
			t.Fatalf("%x: %q, want %q", b, got, want)
		}
	}
}
