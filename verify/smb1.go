package verify

import (
	"crypto/md5"
	"crypto/subtle"
	"encoding/binary"
	"hash"
)

// SMB1 header offset of SecuritySignature (MS-CIFS 2.2.3.1).
const (
	smb1HeaderLen    = 32
	smb1SignatureOff = 14
	smb1SignatureLen = 8
)

// SMB1Signer checks SMB1 message signatures (MS-CIFS 3.1.4.1): the first 8
// bytes of MD5(MACKey || message), where the message's SecuritySignature
// field holds the message's sequence number (32 bits, little-endian, then 4
// zero bytes) instead of the signature.
type SMB1Signer struct {
	d      hash.Hash
	macKey []byte
	sum    []byte
}

// NewSMB1Signer returns a signer whose MACKey is sessionKey followed by
// response (the NT challenge response of a logon without extended security;
// nil with extended security, MS-SMB 3.2.5.3).
func NewSMB1Signer(sessionKey, response []byte) *SMB1Signer {
	key := make([]byte, 0, len(sessionKey)+len(response))
	key = append(key, sessionKey...)
	key = append(key, response...)
	return &SMB1Signer{d: md5.New(), macKey: key, sum: make([]byte, 0, md5.Size)}
}

// Verify reports whether msg, a whole SMB1 message from its header on,
// carries the signature of sequence number seq.
func (s *SMB1Signer) Verify(msg []byte, seq uint32) bool {
	if len(msg) < smb1HeaderLen {
		return false
	}
	var field [smb1SignatureLen]byte
	binary.LittleEndian.PutUint32(field[:], seq)
	s.d.Reset()
	s.d.Write(s.macKey)
	s.d.Write(msg[:smb1SignatureOff])
	s.d.Write(field[:])
	s.d.Write(msg[smb1SignatureOff+smb1SignatureLen:])
	got := s.d.Sum(s.sum[:0])
	return subtle.ConstantTimeCompare(got[:smb1SignatureLen], msg[smb1SignatureOff:smb1SignatureOff+smb1SignatureLen]) == 1
}
