package findings

import (
	"fmt"
	"testing"
)

func TestHex16(t *testing.T) {
	for width := 0; width <= 4; width++ {
		for v := 0; v <= 0xFFFF; v++ {
			want := fmt.Sprintf("0x%0*x", width, v)
			if got := hex16(uint16(v), width); got != want {
				t.Fatalf("hex16(%#x, %d) = %q, want %q", v, width, got, want)
			}
		}
	}
}
