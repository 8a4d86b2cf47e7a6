package dissect

import (
	"encoding/binary"
	"errors"
	"unicode/utf16"
)

// Errors returned by the parsers. Callers compare with errors.Is.
var (
	// ErrTruncated means the input ends before the structure does.
	ErrTruncated = errors.New("dissect: truncated")
	// ErrMalformed means a field holds a value the specification forbids.
	ErrMalformed = errors.New("dissect: malformed")
	// ErrProtocol means the input does not start with the expected protocol id.
	ErrProtocol = errors.New("dissect: wrong protocol id")
)

func u16(b []byte, off int) (uint16, bool) {
	if off < 0 || off+2 > len(b) {
		return 0, false
	}
	return binary.LittleEndian.Uint16(b[off:]), true
}

func u32(b []byte, off int) (uint32, bool) {
	if off < 0 || off+4 > len(b) {
		return 0, false
	}
	return binary.LittleEndian.Uint32(b[off:]), true
}

func u64(b []byte, off int) (uint64, bool) {
	if off < 0 || off+8 > len(b) {
		return 0, false
	}
	return binary.LittleEndian.Uint64(b[off:]), true
}

// span returns b[off:off+n] when it lies inside b. off and n come from the
// wire; they are ints here so the sum cannot wrap.
func span(b []byte, off, n int) ([]byte, bool) {
	if off < 0 || n < 0 || off > len(b) || n > len(b)-off {
		return nil, false
	}
	return b[off : off+n : off+n], true
}

// utf16LE decodes little-endian UTF-16, replacing unpaired surrogates with
// U+FFFD. A trailing odd byte is ignored and a terminating NUL is dropped.
func utf16LE(b []byte) string {
	n := len(b) / 2
	for n > 0 && b[2*n-2] == 0 && b[2*n-1] == 0 {
		n-- // trailing NUL units
	}
	if n == 0 {
		return ""
	}
	// Names are nearly always ASCII: one allocation, for the string.
	var stack [64]byte
	ascii := stack[:0]
	if n > len(stack) {
		ascii = make([]byte, 0, n)
	}
	for i := range n {
		lo, hi := b[2*i], b[2*i+1]
		if hi != 0 || lo >= 0x80 {
			return utf16Decode(b[:2*n])
		}
		ascii = append(ascii, lo)
	}
	return string(ascii)
}

// utf16Decode decodes UTF-16LE in general, unpaired surrogates as U+FFFD.
func utf16Decode(b []byte) string {
	units := make([]uint16, len(b)/2)
	for i := range units {
		units[i] = binary.LittleEndian.Uint16(b[2*i:])
	}
	return string(utf16.Decode(units))
}
