package verify

import (
	"bufio"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// Secrets holds what the user supplied to verify signatures: session keys by
// SMB session id, and NTLM credentials from which session keys are derived.
// Its zero value holds nothing. Nothing it returns, error or reason, contains
// a key, a password or a hash.
type Secrets struct {
	keys  map[uint64][]byte
	creds []credential
}

type credential struct {
	domain, user string // domain "" matches any domain
	nt           [16]byte
}

// Empty reports whether no secret was loaded.
func (s *Secrets) Empty() bool { return s == nil || len(s.keys) == 0 && len(s.creds) == 0 }

// SessionKey returns the session key supplied for an SMB session id.
func (s *Secrets) SessionKey(id uint64) ([]byte, bool) {
	if s == nil {
		return nil, false
	}
	k, ok := s.keys[id]
	return k, ok
}

// Outcome of an NTLM key look-up, for the reason a session could not be
// verified.
type NTLMResult uint8

const (
	NTLMKey           NTLMResult = iota // a credential produced the captured response
	NTLMNoCredential                    // no credential for the user
	NTLMWrongPassword                   // credentials for the user, none matching
	NTLMUnsupported                     // the logon's key cannot be derived (anonymous, LM key)
)

// NTLM derives the session key of a captured NTLM logon from the supplied
// credentials of its user (the user name compared without regard to case;
// credentials naming the logon's domain are tried first, then those of the
// same user in other domains or in none).
func (s *Secrets) NTLM(a *NTLMAuth) ([]byte, NTLMResult) {
	if s == nil {
		return nil, NTLMNoCredential
	}
	tried, unsupported := false, false
	for pass := 0; pass < 2; pass++ {
		for i := range s.creds {
			c := &s.creds[i]
			if !strings.EqualFold(c.user, a.User) || strings.EqualFold(c.domain, a.Domain) != (pass == 0) {
				continue
			}
			tried = true
			key, err := NTLMSessionKey(c.nt, a)
			switch {
			case err == nil:
				return key, NTLMKey
			case errors.Is(err, ErrWrongPassword):
			default:
				unsupported = true
			}
		}
	}
	switch {
	case unsupported:
		return nil, NTLMUnsupported
	case tried:
		return nil, NTLMWrongPassword
	}
	return nil, NTLMNoCredential
}

// LoadKeyFile reads a session key file (see ParseKeys).
func (s *Secrets) LoadKeyFile(path string) error {
	return s.loadFile(path, s.ParseKeys)
}

// LoadCredsFile reads an NTLM credentials file (see ParseCreds).
func (s *Secrets) LoadCredsFile(path string) error {
	return s.loadFile(path, s.ParseCreds)
}

func (s *Secrets) loadFile(path string, parse func(io.Reader, string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return parse(f, path)
}

// lines calls fn with each line of r that is neither blank nor a comment
// (# first), trimmed, and its line number.
func lines(r io.Reader, fn func(line string, n int) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		if err := fn(line, n); err != nil {
			return err
		}
	}
	return sc.Err()
}

// ParseKeys adds the session keys of a key file: one `SESSION_ID SESSION_KEY`
// per line, blank lines and # comments ignored. SESSION_ID is 0x and up to 16
// hex digits (the number, as smbscope prints session_id), or exactly 16 hex
// digits without 0x, the eight bytes as they appear on the wire (Wireshark's
// SMB2 session key table). SESSION_KEY is 32 hex digits (or 64, a full
// AES-256 session key). Fields may be separated by spaces, tabs or commas
// and quoted, so a Wireshark smb2_seskey_list file reads as is; fields after
// the second (Wireshark's server-to-client and client-to-server keys) are
// ignored. name names the file in errors.
func (s *Secrets) ParseKeys(r io.Reader, name string) error {
	return lines(r, func(line string, n int) error {
		fields := strings.FieldsFunc(line, func(c rune) bool { return c == ' ' || c == '\t' || c == ',' })
		for i := range fields {
			fields[i] = strings.Trim(fields[i], `"`)
		}
		if len(fields) < 2 {
			return fmt.Errorf("%s line %d: expected SESSION_ID SESSION_KEY", name, n)
		}
		id, ok := parseSessionID(fields[0])
		if !ok {
			return fmt.Errorf("%s line %d: session id must be 0x and up to 16 hex digits, or 16 hex digits in wire order", name, n)
		}
		key, err := hex.DecodeString(fields[1])
		if err != nil || (len(key) != 16 && len(key) != 32) {
			return fmt.Errorf("%s line %d: session key must be 32 or 64 hex digits", name, n)
		}
		if s.keys == nil {
			s.keys = make(map[uint64][]byte)
		}
		s.keys[id] = key
		return nil
	})
}

func parseSessionID(f string) (uint64, bool) {
	if rest, ok := strings.CutPrefix(strings.ToLower(f), "0x"); ok {
		if rest == "" || len(rest) > 16 {
			return 0, false
		}
		v, err := strconv.ParseUint(rest, 16, 64)
		return v, err == nil
	}
	b, err := hex.DecodeString(f)
	if err != nil || len(b) != 8 {
		return 0, false
	}
	var v uint64
	for i := 7; i >= 0; i-- {
		v = v<<8 | uint64(b[i])
	}
	return v, true
}

// ParseCreds adds the credentials of a credentials file: one
// `DOMAIN\user:password` or `DOMAIN\user:NTHASH` per line (NTHASH: the 32 hex
// digits of the NT hash; a password of exactly 32 hex digits must therefore
// be given as its hash), blank lines and # comments ignored. `user:secret`
// without a domain matches the user in any domain. The password runs to the
// end of the line: it may contain ':' but no leading or trailing spaces.
func (s *Secrets) ParseCreds(r io.Reader, name string) error {
	return lines(r, func(line string, n int) error {
		who, secret, ok := strings.Cut(line, ":")
		if !ok || who == "" {
			return fmt.Errorf(`%s line %d: expected DOMAIN\user:password or DOMAIN\user:NTHASH`, name, n)
		}
		c := credential{user: who}
		if d, u, ok := strings.Cut(who, `\`); ok {
			c.domain, c.user = d, u
		}
		if c.user == "" {
			return fmt.Errorf(`%s line %d: no user name before ':'`, name, n)
		}
		if h, err := hex.DecodeString(secret); err == nil && len(h) == 16 {
			copy(c.nt[:], h)
		} else {
			c.nt = NTHash(secret)
		}
		s.creds = append(s.creds, c)
		return nil
	})
}
