package verify

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/subtle"
	"hash"
)

// cmac is AES-CMAC (RFC 4493, NIST SP 800-38B) as a hash.Hash: the MAC of
// everything written since the last Reset.
type cmac struct {
	b      cipher.Block
	k1, k2 [aes.BlockSize]byte
	x      [aes.BlockSize]byte // chaining value
	buf    [aes.BlockSize]byte // pending bytes, at most one block
	n      int                 // bytes in buf
}

// NewCMAC returns AES-CMAC keyed with key (16, 24 or 32 bytes).
func NewCMAC(key []byte) (hash.Hash, error) {
	b, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	c := &cmac{b: b}
	// Subkeys (RFC 4493 2.3): L = AES(K, 0); K1 = L<<1 (^Rb), K2 = K1<<1 (^Rb).
	var l [aes.BlockSize]byte
	b.Encrypt(l[:], l[:])
	double(&c.k1, &l)
	double(&c.k2, &c.k1)
	return c, nil
}

// double multiplies v by x in GF(2^128) as RFC 4493 defines it.
func double(dst, v *[aes.BlockSize]byte) {
	carry := v[0] >> 7
	for i := 0; i < aes.BlockSize-1; i++ {
		dst[i] = v[i]<<1 | v[i+1]>>7
	}
	dst[aes.BlockSize-1] = v[aes.BlockSize-1] << 1
	dst[aes.BlockSize-1] ^= 0x87 & -carry // Rb when the top bit was set
}

func (c *cmac) Size() int      { return aes.BlockSize }
func (c *cmac) BlockSize() int { return aes.BlockSize }

func (c *cmac) Reset() {
	c.x = [aes.BlockSize]byte{}
	c.n = 0
}

// block folds one full block into the chaining value.
func (c *cmac) block(p []byte) {
	subtle.XORBytes(c.x[:], c.x[:], p[:aes.BlockSize])
	c.b.Encrypt(c.x[:], c.x[:])
}

// Write never fails. The last block is held back: it is processed with a
// subkey by Sum.
func (c *cmac) Write(p []byte) (int, error) {
	n := len(p)
	if c.n > 0 {
		k := copy(c.buf[c.n:], p)
		c.n += k
		p = p[k:]
		if len(p) == 0 {
			return n, nil
		}
		c.block(c.buf[:])
		c.n = 0
	}
	for len(p) > aes.BlockSize {
		c.block(p)
		p = p[aes.BlockSize:]
	}
	c.n = copy(c.buf[:], p)
	return n, nil
}

// Sum appends the MAC to b without changing the state.
func (c *cmac) Sum(b []byte) []byte {
	var last [aes.BlockSize]byte
	if c.n == aes.BlockSize {
		subtle.XORBytes(last[:], c.buf[:], c.k1[:])
	} else {
		copy(last[:], c.buf[:c.n])
		last[c.n] = 0x80
		subtle.XORBytes(last[:], last[:], c.k2[:])
	}
	subtle.XORBytes(last[:], last[:], c.x[:])
	c.b.Encrypt(last[:], last[:])
	return append(b, last[:]...)
}
