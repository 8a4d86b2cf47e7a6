package verify

import (
	"bytes"
	"encoding/hex"
	"strings"
	"testing"
)

func unhex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.Join(strings.Fields(s), ""))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// RFC 4493 section 4: the AES-128 key, its subkeys and the four examples.
func TestCMACRFC4493(t *testing.T) {
	key := unhex(t, "2b7e1516 28aed2a6 abf71588 09cf4f3c")
	msg := unhex(t, `6bc1bee2 2e409f96 e93d7e11 7393172a
		ae2d8a57 1e03ac9c 9eb76fac 45af8e51
		30c81c46 a35ce411 e5fbc119 1a0a52ef
		f69f2445 df4f9b17 ad2b417b e66c3710`)
	h, err := NewCMAC(key)
	if err != nil {
		t.Fatal(err)
	}
	c := h.(*cmac)
	if want := unhex(t, "fbeed618 35713366 7c85e08f 7236a8de"); !bytes.Equal(c.k1[:], want) {
		t.Errorf("K1 = %x, want %x", c.k1, want)
	}
	if want := unhex(t, "f7ddac30 6ae266cc f90bc11e e46d513b"); !bytes.Equal(c.k2[:], want) {
		t.Errorf("K2 = %x, want %x", c.k2, want)
	}
	for _, tc := range []struct {
		n    int
		want string
	}{
		{0, "bb1d6929 e9593728 7fa37d12 9b756746"},
		{16, "070a16b4 6b4d4144 f79bdd9d d04a287c"},
		{40, "dfa66747 de9ae630 30ca3261 1497c827"},
		{64, "51f0bebf 7e3b9d92 fc497417 79363cfe"},
	} {
		want := unhex(t, tc.want)
		h.Reset()
		h.Write(msg[:tc.n])
		if got := h.Sum(nil); !bytes.Equal(got, want) {
			t.Errorf("Mlen=%d: CMAC = %x, want %x", tc.n, got, want)
		}
		// Any split of the message into writes gives the same MAC.
		for split := 0; split <= tc.n; split++ {
			for step := 1; step <= 17; step += 4 {
				h.Reset()
				h.Write(msg[:split])
				for p := split; p < tc.n; p += step {
					h.Write(msg[p:min(p+step, tc.n)])
				}
				if got := h.Sum(nil); !bytes.Equal(got, want) {
					t.Fatalf("Mlen=%d split at %d step %d: CMAC = %x, want %x", tc.n, split, step, got, want)
				}
			}
		}
	}
}

func TestCMACBadKey(t *testing.T) {
	if _, err := NewCMAC(make([]byte, 5)); err == nil {
		t.Fatal("a 5-byte key was accepted")
	}
}
