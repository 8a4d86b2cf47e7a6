package verify

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/subtle"
	"encoding/binary"
	"errors"
	"hash"
)

// SMB2 dialect revisions (MS-SMB2 2.2.3).
const (
	dialect202 = 0x0202
	dialect210 = 0x0210
	dialect300 = 0x0300
	dialect302 = 0x0302
	dialect311 = 0x0311
)

// Algorithm is an SMB2 signing algorithm, numbered as the SMB 3.1.1
// SIGNING_CAPABILITIES negotiate context numbers them (MS-SMB2 2.2.3.1.7).
type Algorithm uint16

const (
	HMACSHA256 Algorithm = 0
	AESCMAC    Algorithm = 1
	AESGMAC    Algorithm = 2
)

func (a Algorithm) String() string {
	switch a {
	case HMACSHA256:
		return "HMAC-SHA256"
	case AESCMAC:
		return "AES-CMAC"
	case AESGMAC:
		return "AES-GMAC"
	}
	return "unknown"
}

// ErrUnknownAlgorithm is returned for a signing algorithm id this package
// does not implement.
var ErrUnknownAlgorithm = errors.New("unknown signing algorithm")

// PreauthHash is the SMB 3.1.1 pre-authentication integrity hash value
// (MS-SMB2 3.2.5.2, 3.3.5.4): SHA-512 chained over the NEGOTIATE and
// SESSION_SETUP messages. The zero value is the initial all-zero hash.
type PreauthHash [sha512.Size]byte

// Update chains one whole message (from its SMB2 header on, as sent) into
// the hash: H = SHA-512(H || msg).
func (h *PreauthHash) Update(msg []byte) {
	d := sha512.New()
	d.Write(h[:])
	d.Write(msg)
	d.Sum(h[:0])
}

// SessionKey16 returns Session.SessionKey: the first 16 bytes of the
// authentication's key, right-padded with zeros when shorter (MS-SMB2
// 3.2.1.3).
func SessionKey16(key []byte) []byte {
	out := make([]byte, 16)
	copy(out, key)
	return out
}

// SMB2SigningKey derives the key that signs a session's messages (MS-SMB2
// 3.2.5.3.1): the session key itself for 2.0.2 and 2.1;
// KDF(SessionKey, "SMB2AESCMAC\0", "SmbSign\0") for 3.0 and 3.0.2;
// KDF(SessionKey, "SMBSigningKey\0", preauth) for 3.1.1. preauth is used only
// for 3.1.1. It returns nil for an unknown dialect.
func SMB2SigningKey(dialect uint16, sessionKey, preauth []byte) []byte {
	sk := SessionKey16(sessionKey)
	switch dialect {
	case dialect202, dialect210:
		return sk
	case dialect300, dialect302:
		return KDF(sk, []byte("SMB2AESCMAC\x00"), []byte("SmbSign\x00"), 128)
	case dialect311:
		return KDF(sk, []byte("SMBSigningKey\x00"), preauth, 128)
	}
	return nil
}

// SMB2Algorithm returns the signing algorithm of a connection: HMAC-SHA256
// for 2.0.2 and 2.1, AES-CMAC for 3.0 and 3.0.2, and for 3.1.1 the
// algorithm the server chose in SIGNING_CAPABILITIES (negotiated false:
// none was chosen, AES-CMAC).
func SMB2Algorithm(dialect uint16, chosen Algorithm, negotiated bool) Algorithm {
	switch {
	case dialect == dialect202 || dialect == dialect210:
		return HMACSHA256
	case dialect == dialect311 && negotiated:
		return chosen
	}
	return AESCMAC
}

// SMB2 header offsets used by signing (MS-SMB2 2.2.1).
const (
	smb2HeaderLen    = 64
	smb2FlagsOff     = 16
	smb2CommandOff   = 12
	smb2MessageIDOff = 24
	smb2SignatureOff = 48
	smb2SignatureLen = 16
	smb2FlagResponse = 0x1
	smb2Cancel       = 0x000C
)

var zeroSignature [smb2SignatureLen]byte

// Signer checks the signatures of SMB2/3 messages signed with one key. It
// keeps buffers between calls and is not safe for concurrent use.
type Signer struct {
	alg     Algorithm
	mac     hash.Hash   // HMAC-SHA256 or AES-CMAC
	gcm     cipher.AEAD // AES-GMAC
	sum     []byte
	scratch []byte
}

// NewSigner returns a Signer for the algorithm and signing key.
func NewSigner(alg Algorithm, key []byte) (*Signer, error) {
	s := &Signer{alg: alg, sum: make([]byte, 0, sha256.Size)}
	switch alg {
	case HMACSHA256:
		s.mac = hmac.New(sha256.New, key)
	case AESCMAC:
		m, err := NewCMAC(key)
		if err != nil {
			return nil, err
		}
		s.mac = m
	case AESGMAC:
		b, err := aes.NewCipher(key)
		if err != nil {
			return nil, err
		}
		if s.gcm, err = cipher.NewGCM(b); err != nil {
			return nil, err
		}
	default:
		return nil, ErrUnknownAlgorithm
	}
	return s, nil
}

// Algorithm returns the signer's algorithm.
func (s *Signer) Algorithm() Algorithm { return s.alg }

// Verify reports whether msg, one whole SMB2 message from its header to its
// end (for a compound member: up to the next member, padding included),
// carries the signature its key gives (MS-SMB2 3.1.4.1, 3.1.5.1).
func (s *Signer) Verify(msg []byte) bool {
	if len(msg) < smb2HeaderLen {
		return false
	}
	want := msg[smb2SignatureOff : smb2SignatureOff+smb2SignatureLen]
	return subtle.ConstantTimeCompare(s.signature(msg), want) == 1
}

// Sign writes into msg's signature field the signature its key gives (the
// SIGNED flag is the caller's). It does nothing to a message shorter than
// an SMB2 header.
func (s *Signer) Sign(msg []byte) {
	if len(msg) >= smb2HeaderLen {
		copy(msg[smb2SignatureOff:], s.signature(msg))
	}
}

// signature computes the 16-byte signature of msg, its signature field
// taken as zero. The result is valid until the next call.
func (s *Signer) signature(msg []byte) []byte {
	var got []byte
	if s.gcm != nil {
		// GMAC: GCM with no plaintext and the message as additional data;
		// the nonce is MessageId, then a role bit (server) and a CANCEL bit.
		var nonce [12]byte
		copy(nonce[:8], msg[smb2MessageIDOff:smb2MessageIDOff+8])
		if binary.LittleEndian.Uint32(msg[smb2FlagsOff:])&smb2FlagResponse != 0 {
			nonce[8] |= 1
		}
		if binary.LittleEndian.Uint16(msg[smb2CommandOff:]) == smb2Cancel {
			nonce[8] |= 2
		}
		s.scratch = append(s.scratch[:0], msg...)
		copy(s.scratch[smb2SignatureOff:], zeroSignature[:])
		got = s.gcm.Seal(s.sum[:0], nonce[:], nil, s.scratch)
		if cap(s.scratch) > 1<<20 {
			s.scratch = nil // do not hold on to a large message's copy
		}
	} else {
		s.mac.Reset()
		s.mac.Write(msg[:smb2SignatureOff])
		s.mac.Write(zeroSignature[:])
		s.mac.Write(msg[smb2SignatureOff+smb2SignatureLen:])
		got = s.mac.Sum(s.sum[:0])
	}
	return got[:smb2SignatureLen]
}
