package verify

import (
	"crypto/des"
	"crypto/hmac"
	"crypto/md5"
	"crypto/rc4"
	"crypto/subtle"
	"errors"
	"strings"
	"unicode/utf16"

	"golang.org/x/crypto/md4"
)

// NegotiateFlags bits that change the session key (MS-NLMP 2.2.2.5).
const (
	ntlmFlagLMKey                   = 0x00000080
	ntlmFlagExtendedSessionSecurity = 0x00080000
	ntlmFlagRequestNonNTSessionKey  = 0x00400000
	ntlmFlagKeyExch                 = 0x40000000
)

var (
	// ErrWrongPassword: the secret does not produce the captured response.
	ErrWrongPassword = errors.New("the password does not match the captured logon")
	// ErrAnonymous: an anonymous logon has no key to derive.
	ErrAnonymous = errors.New("anonymous logon: no session key")
	// ErrLMSessionKey: LM_KEY and NON_NT_SESSION_KEY logons derive their key
	// from the LM hash, which an NT hash does not give.
	ErrLMSessionKey = errors.New("NTLMv1 logon keyed with the LM hash: not supported")
	// ErrNoChallenge: the server challenge was not captured.
	ErrNoChallenge = errors.New("server challenge not captured")
)

// NTLMAuth is what a captured NTLM logon tells: the AUTHENTICATE message
// and the server challenge it answers.
type NTLMAuth struct {
	User, Domain    string // as sent: NTLMv2 keys depend on them exactly
	Flags           uint32 // AUTHENTICATE NegotiateFlags (0 for SMB1 logons without extended security)
	ServerChallenge []byte // 8 bytes, from the CHALLENGE (or the SMB1 NEGOTIATE response)
	LMResponse      []byte
	NTResponse      []byte
	// EncryptedRandomSessionKey is used when Flags has KEY_EXCH.
	EncryptedRandomSessionKey []byte
}

// utf16LE encodes s as UTF-16LE, as NTLM hashes its strings.
func utf16LE(s string) []byte {
	u := utf16.Encode([]rune(s))
	b := make([]byte, 2*len(u))
	for i, c := range u {
		b[2*i], b[2*i+1] = byte(c), byte(c>>8)
	}
	return b
}

// NTHash is NTOWFv1 (MS-NLMP 3.3.1): MD4 of the UTF-16LE password.
func NTHash(password string) [16]byte {
	h := md4.New()
	h.Write(utf16LE(password))
	var out [16]byte
	h.Sum(out[:0])
	return out
}

func hmacMD5(key []byte, parts ...[]byte) []byte {
	m := hmac.New(md5.New, key)
	for _, p := range parts {
		m.Write(p)
	}
	return m.Sum(nil)
}

// desKey spreads 7 key bytes over the 8 bytes DES takes (parity bits unset:
// DES ignores them).
func desKey(k []byte) []byte {
	return []byte{
		k[0],
		k[0]<<7 | k[1]>>1,
		k[1]<<6 | k[2]>>2,
		k[2]<<5 | k[3]>>3,
		k[3]<<4 | k[4]>>4,
		k[4]<<3 | k[5]>>5,
		k[5]<<2 | k[6]>>6,
		k[6] << 1,
	}
}

// desl is DESL(K, D) of MS-NLMP 6: D encrypted with three DES keys taken
// from the 16-byte K padded to 21 bytes.
func desl(k, d []byte) []byte {
	var k21 [21]byte
	copy(k21[:], k)
	out := make([]byte, 24)
	for i := 0; i < 3; i++ {
		b, _ := des.NewCipher(desKey(k21[7*i : 7*i+7]))
		b.Encrypt(out[8*i:], d)
	}
	return out
}

// NTLMSessionKey derives the session key (ExportedSessionKey, MS-NLMP 3.1.5.1.2
// and 3.3) of a captured logon from the user's NT hash. The hash is first
// checked against the captured response: NTProofStr for NTLMv2, the DESL
// response for NTLMv1; a mismatch is ErrWrongPassword.
func NTLMSessionKey(ntHash [16]byte, a *NTLMAuth) ([]byte, error) {
	if len(a.NTResponse) == 0 {
		return nil, ErrAnonymous
	}
	if len(a.ServerChallenge) != 8 {
		return nil, ErrNoChallenge
	}
	var keyExchangeKey []byte
	switch {
	case len(a.NTResponse) > 24: // NTLMv2 (MS-NLMP 3.3.2)
		if len(a.NTResponse) < 16+28 {
			return nil, ErrWrongPassword
		}
		responseKeyNT := hmacMD5(ntHash[:], utf16LE(strings.ToUpper(a.User)+a.Domain))
		proof := hmacMD5(responseKeyNT, a.ServerChallenge, a.NTResponse[16:])
		if subtle.ConstantTimeCompare(proof, a.NTResponse[:16]) != 1 {
			return nil, ErrWrongPassword
		}
		keyExchangeKey = hmacMD5(responseKeyNT, proof) // SessionBaseKey
	case len(a.NTResponse) == 24: // NTLMv1 (MS-NLMP 3.3.1, 3.4.5.1)
		md := md4.New()
		md.Write(ntHash[:])
		sessionBaseKey := md.Sum(nil)
		ess := a.Flags&ntlmFlagExtendedSessionSecurity != 0 && len(a.LMResponse) >= 8
		challenge := a.ServerChallenge
		if ess {
			d := md5.Sum(append(append([]byte{}, a.ServerChallenge...), a.LMResponse[:8]...))
			challenge = d[:8]
		}
		if subtle.ConstantTimeCompare(desl(ntHash[:], challenge), a.NTResponse) != 1 {
			return nil, ErrWrongPassword
		}
		switch {
		case ess:
			keyExchangeKey = hmacMD5(sessionBaseKey, a.ServerChallenge, a.LMResponse[:8])
		case a.Flags&(ntlmFlagLMKey|ntlmFlagRequestNonNTSessionKey) != 0:
			return nil, ErrLMSessionKey
		default:
			keyExchangeKey = sessionBaseKey
		}
	default:
		return nil, ErrWrongPassword
	}
	if a.Flags&ntlmFlagKeyExch != 0 && len(a.EncryptedRandomSessionKey) == 16 {
		c, _ := rc4.NewCipher(keyExchangeKey)
		out := make([]byte, 16)
		c.XORKeyStream(out, a.EncryptedRandomSessionKey)
		return out, nil
	}
	return keyExchangeKey, nil
}
