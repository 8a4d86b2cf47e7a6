package verify

import (
	"bytes"
	"errors"
	"testing"
)

// MS-NLMP 4.2.1 common values: user "User", domain "Domain", password
// "Password", server challenge 0123456789abcdef, client challenge
// aaaaaaaaaaaaaaaa, random session key 55555555555555555555555555555555.
func TestNTHashNLMPVector(t *testing.T) {
	// MS-NLMP 4.2.2.1.2 NTOWFv1().
	h := NTHash("Password")
	if want := unhex(t, "a4f49c406510bdcab6824ee7c30fd852"); !bytes.Equal(h[:], want) {
		t.Fatalf("NTOWFv1 = %x, want %x", h, want)
	}
}

// MS-NLMP 4.2.2 NTLM v1 Authentication (no extended session security).
func TestNTLMv1NLMPVector(t *testing.T) {
	a := &NTLMAuth{
		User: "User", Domain: "Domain",
		ServerChallenge: unhex(t, "0123456789abcdef"),
		NTResponse:      unhex(t, "67c43011f30298a2ad35ece64f16331c44bdbed927841f94"),
	}
	key, err := NTLMSessionKey(NTHash("Password"), a)
	if err != nil {
		t.Fatal(err)
	}
	// MS-NLMP 4.2.2.1.3 session base key (KeyExchangeKey without flags).
	if want := unhex(t, "d87262b0cde4b1cb7499becccdf10784"); !bytes.Equal(key, want) {
		t.Errorf("session key = %x, want %x", key, want)
	}
	if _, err := NTLMSessionKey(NTHash("password"), a); !errors.Is(err, ErrWrongPassword) {
		t.Errorf("wrong password: err = %v", err)
	}
}

// MS-NLMP 4.2.4 NTLMv2 Authentication: NTProofStr, SessionBaseKey, and the
// EncryptedRandomSessionKey that KEY_EXCH sends.
func TestNTLMv2NLMPVector(t *testing.T) {
	temp := unhex(t, `0101 0000 0000 0000 0000000000000000 aaaaaaaaaaaaaaaa 00000000
		0200 0c00 44006f006d00610069006e00
		0100 0c00 5300650072007600650072000000000000000000`)
	proof := unhex(t, "68cd0ab851e51c96aabc927bebef6a1c")
	a := &NTLMAuth{
		User: "User", Domain: "Domain",
		Flags:                     0xe28a8233, // KEY_EXCH among the 4.2.4 challenge flags
		ServerChallenge:           unhex(t, "0123456789abcdef"),
		NTResponse:                append(append([]byte{}, proof...), temp...),
		EncryptedRandomSessionKey: unhex(t, "c5dad2544fc9799094ce1ce90bc9d03e"),
	}
	key, err := NTLMSessionKey(NTHash("Password"), a)
	if err != nil {
		t.Fatal(err)
	}
	if want := unhex(t, "55555555555555555555555555555555"); !bytes.Equal(key, want) {
		t.Errorf("exported session key = %x, want %x", key, want)
	}
	a.Flags &^= ntlmFlagKeyExch
	key, err = NTLMSessionKey(NTHash("Password"), a)
	if err != nil {
		t.Fatal(err)
	}
	if want := unhex(t, "8de40ccadbc14a82f15cb0ad0de95ca3"); !bytes.Equal(key, want) {
		t.Errorf("session base key = %x, want %x", key, want)
	}
	if _, err := NTLMSessionKey(NTHash("Passw0rd"), a); !errors.Is(err, ErrWrongPassword) {
		t.Errorf("wrong password: err = %v", err)
	}
	a.User = "user" // NTOWFv2 upper-cases the user name
	if _, err := NTLMSessionKey(NTHash("Password"), a); err != nil {
		t.Errorf("user name case changed the key: %v", err)
	}
	a.Domain = "DOMAIN" // but not the domain
	if _, err := NTLMSessionKey(NTHash("Password"), a); !errors.Is(err, ErrWrongPassword) {
		t.Errorf("domain case: err = %v", err)
	}
}

// MS-NLMP 4.2.3 NTLM v1 with client challenge (extended session security).
func TestNTLMv1ESSNLMPVector(t *testing.T) {
	a := &NTLMAuth{
		User: "User", Domain: "Domain",
		Flags:           ntlmFlagExtendedSessionSecurity,
		ServerChallenge: unhex(t, "0123456789abcdef"),
		LMResponse:      unhex(t, "aaaaaaaaaaaaaaaa00000000000000000000000000000000"),
		NTResponse:      unhex(t, "7537f803ae367128ca458204bde7caf81e97ed2683267232"),
	}
	key, err := NTLMSessionKey(NTHash("Password"), a)
	if err != nil {
		t.Fatal(err)
	}
	if want := unhex(t, "eb93429a8bd952f8b89c55b87f475edc"); !bytes.Equal(key, want) {
		t.Errorf("key exchange key = %x, want %x", key, want)
	}
}

func TestNTLMSessionKeyRefusals(t *testing.T) {
	if _, err := NTLMSessionKey(NTHash("x"), &NTLMAuth{ServerChallenge: make([]byte, 8)}); !errors.Is(err, ErrAnonymous) {
		t.Errorf("anonymous: err = %v", err)
	}
	if _, err := NTLMSessionKey(NTHash("x"), &NTLMAuth{NTResponse: make([]byte, 24)}); !errors.Is(err, ErrNoChallenge) {
		t.Errorf("no challenge: err = %v", err)
	}
}
