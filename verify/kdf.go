package verify

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
)

// KDFCounter is the NIST SP 800-108 key derivation function in counter mode
// with HMAC-SHA256 as PRF, a 32-bit counter placed before the fixed input
// data: K(i) = HMAC-SHA256(key, [i]_32 || fixed), for i = 1.., concatenated
// and cut to bits/8 bytes.
func KDFCounter(key, fixed []byte, bits int) []byte {
	n := (bits + 7) / 8
	out := make([]byte, 0, n+sha256.Size)
	mac := hmac.New(sha256.New, key)
	var ctr [4]byte
	for i := uint32(1); len(out) < n; i++ {
		mac.Reset()
		binary.BigEndian.PutUint32(ctr[:], i)
		mac.Write(ctr[:])
		mac.Write(fixed)
		out = mac.Sum(out)
	}
	return out[:n]
}

// KDF is the SMB 3.x key derivation (MS-SMB2 3.1.4.2): SP 800-108 counter
// mode with HMAC-SHA256, fixed input Label || 0x00 || Context || [L]_32.
// label and context are passed as MS-SMB2 spells them, including their own
// terminating zero byte ("SMBSigningKey\x00").
func KDF(key, label, context []byte, bits int) []byte {
	fixed := make([]byte, 0, len(label)+1+len(context)+4)
	fixed = append(fixed, label...)
	fixed = append(fixed, 0)
	fixed = append(fixed, context...)
	fixed = binary.BigEndian.AppendUint32(fixed, uint32(bits))
	return KDFCounter(key, fixed, bits)
}
