package verify

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha256"
	"testing"
)

func testMessage(cmd byte, flags byte, n int) []byte {
	msg := make([]byte, n)
	copy(msg, []byte{0xFE, 'S', 'M', 'B', smb2HeaderLen})
	msg[smb2CommandOff] = cmd
	msg[smb2FlagsOff] = flags | 0x8
	msg[smb2MessageIDOff] = 0x42
	for i := smb2HeaderLen; i < n; i++ {
		msg[i] = byte(3 * i)
	}
	return msg
}

// Each algorithm computed independently with the standard library (and
// RFC 4493 CMAC for AES-CMAC), as MS-SMB2 3.1.4.1 describes it.
func TestSignerAlgorithms(t *testing.T) {
	key := []byte("SMB signing key!")
	for _, tc := range []struct {
		name      string
		cmd, flag byte
		nonceByte byte
	}{
		{"request", 0x08, 0, 0},
		{"response", 0x08, smb2FlagResponse, 1},
		{"cancel", smb2Cancel, 0, 2},
	} {
		msg := testMessage(tc.cmd, tc.flag, 200)
		// HMAC-SHA256 over the message with a zero signature field.
		m := hmac.New(sha256.New, key)
		m.Write(msg)
		wantHMAC := m.Sum(nil)[:16]
		// AES-CMAC.
		c, _ := NewCMAC(key)
		c.Write(msg)
		wantCMAC := c.Sum(nil)
		// AES-GMAC: GCM, no plaintext, the message as additional data,
		// nonce MessageId || role and CANCEL bits.
		b, _ := aes.NewCipher(key)
		g, _ := cipher.NewGCM(b)
		nonce := make([]byte, 12)
		nonce[0], nonce[8] = 0x42, tc.nonceByte
		wantGMAC := g.Seal(nil, nonce, nil, msg)
		for alg, want := range map[Algorithm][]byte{HMACSHA256: wantHMAC, AESCMAC: wantCMAC, AESGMAC: wantGMAC} {
			s, err := NewSigner(alg, key)
			if err != nil {
				t.Fatal(err)
			}
			signed := append([]byte(nil), msg...)
			s.Sign(signed)
			if !bytes.Equal(signed[smb2SignatureOff:smb2SignatureOff+16], want) {
				t.Errorf("%s %s: signature %x, want %x", alg, tc.name, signed[smb2SignatureOff:smb2SignatureOff+16], want)
			}
			if !s.Verify(signed) {
				t.Errorf("%s %s: a signed message does not verify", alg, tc.name)
			}
			// Every bit outside the signature field counts.
			for i := 0; i < len(signed); i++ {
				if i >= smb2SignatureOff && i < smb2SignatureOff+16 {
					continue
				}
				signed[i] ^= 0x10
				if s.Verify(signed) {
					t.Fatalf("%s %s: byte %d flipped, still verifies", alg, tc.name, i)
				}
				signed[i] ^= 0x10
			}
		}
	}
	if _, err := NewSigner(7, key); err == nil {
		t.Error("algorithm 7 accepted")
	}
	if s, _ := NewSigner(AESCMAC, key); s.Verify(make([]byte, 10)) {
		t.Error("a message shorter than a header verifies")
	}
}

func TestSMB2SigningKeyPerDialect(t *testing.T) {
	sk := []byte("0123456789abcdef")
	if got := SMB2SigningKey(0x0202, sk, nil); !bytes.Equal(got, sk) {
		t.Errorf("2.0.2 key %x", got)
	}
	if got := SMB2SigningKey(0x0210, sk[:8], nil); !bytes.Equal(got, append(append([]byte{}, sk[:8]...), make([]byte, 8)...)) {
		t.Errorf("a short session key is not zero-padded: %x", got)
	}
	want := KDF(sk, []byte("SMB2AESCMAC\x00"), []byte("SmbSign\x00"), 128)
	if got := SMB2SigningKey(0x0300, append(append([]byte{}, sk...), sk...), nil); !bytes.Equal(got, want) {
		t.Errorf("3.0 key from a 32-byte session key %x, want %x (its first 16 bytes)", got, want)
	}
	if SMB2SigningKey(0x0999, sk, nil) != nil {
		t.Error("a key for an unknown dialect")
	}
	for _, tc := range []struct {
		dialect    uint16
		chosen     Algorithm
		negotiated bool
		want       Algorithm
	}{
		{0x0202, AESGMAC, true, HMACSHA256},
		{0x0210, AESGMAC, false, HMACSHA256},
		{0x0300, HMACSHA256, true, AESCMAC},
		{0x0302, AESGMAC, true, AESCMAC},
		{0x0311, AESGMAC, true, AESGMAC},
		{0x0311, HMACSHA256, true, HMACSHA256},
		{0x0311, AESGMAC, false, AESCMAC},
	} {
		if got := SMB2Algorithm(tc.dialect, tc.chosen, tc.negotiated); got != tc.want {
			t.Errorf("dialect %#x, chosen %s (%v): %s, want %s", tc.dialect, tc.chosen, tc.negotiated, got, tc.want)
		}
	}
}

func TestSMB1Signer(t *testing.T) {
	key, resp := []byte("0123456789abcdef"), []byte("response-24-bytes-long!!")
	msg := make([]byte, 80)
	copy(msg, []byte{0xFF, 'S', 'M', 'B'})
	for i := 32; i < len(msg); i++ {
		msg[i] = byte(i)
	}
	// MD5(MACKey || message with the sequence number in the signature field)[:8].
	field := append([]byte(nil), msg...)
	copy(field[14:], []byte{5, 0, 0, 0, 0, 0, 0, 0})
	sum := md5.Sum(append(append(append([]byte{}, key...), resp...), field...))
	copy(msg[14:], sum[:8])
	s := NewSMB1Signer(key, resp)
	if !s.Verify(msg, 5) {
		t.Fatal("the signed message does not verify")
	}
	if s.Verify(msg, 6) || NewSMB1Signer(key, nil).Verify(msg, 5) {
		t.Error("another sequence number or MAC key verifies")
	}
	if s.Verify(msg[:20], 5) {
		t.Error("a message shorter than a header verifies")
	}
}
