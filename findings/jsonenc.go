package findings

import (
	"encoding/binary"
	"net/netip"
	"slices"
	"strconv"
	"unicode/utf8"
)

// Session and finding records are written once per session, so they are
// encoded here field by field rather than by reflection. The output is
// byte for byte what encoding/json writes with SetEscapeHTML(false) (field
// order, omitempty, null for nil slices and pointers, sorted map keys,
// string escapes); jsonenc_test.go checks this on every bundled capture
// and on records filled with random values by reflection, so a field added
// to a record and not here fails the tests.

// The encoders below append to a byte slice and return it, one member at a
// time; each member's key is a constant that carries its leading comma and
// its colon.

func jStr(b []byte, key, v string) []byte {
	b = append(b, key...)
	return appendJSONString(b, v)
}

func jStrOmit(b []byte, key, v string) []byte {
	if v == "" {
		return b
	}
	return jStr(b, key, v)
}

func jStrPtr(b []byte, key string, v *string) []byte {
	b = append(b, key...)
	if v == nil {
		return append(b, "null"...)
	}
	return appendJSONString(b, *v)
}

func jInt(b []byte, key string, v int) []byte {
	b = append(b, key...)
	return strconv.AppendInt(b, int64(v), 10)
}

func jIntOmit(b []byte, key string, v int) []byte {
	if v == 0 {
		return b
	}
	return jInt(b, key, v)
}

func jIntPtrOmit(b []byte, key string, v *int) []byte {
	if v == nil {
		return b
	}
	return jInt(b, key, *v)
}

func jUint(b []byte, key string, v uint64) []byte {
	b = append(b, key...)
	return strconv.AppendUint(b, v, 10)
}

func jUintOmit(b []byte, key string, v uint64) []byte {
	if v == 0 {
		return b
	}
	return jUint(b, key, v)
}

func jBool(b []byte, key string, v bool) []byte {
	b = append(b, key...)
	return strconv.AppendBool(b, v)
}

func jBoolOmit(b []byte, key string, v bool) []byte {
	if !v {
		return b
	}
	return jBool(b, key, v)
}

func jBoolPtr(b []byte, key string, v *bool) []byte {
	b = append(b, key...)
	if v == nil {
		return append(b, "null"...)
	}
	return strconv.AppendBool(b, *v)
}

func jTime(b []byte, key string, t Time) []byte {
	b = append(b, key...)
	return t.AppendText(b)
}

func jAddr(b []byte, key string, a netip.Addr) []byte {
	b = append(b, key...)
	b = append(b, '"')
	b = a.AppendTo(b) // addresses hold nothing to escape
	return append(b, '"')
}

// jStrs writes a string array, null when nil.
func jStrs(b []byte, key string, v []string) []byte {
	b = append(b, key...)
	if v == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, s := range v {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	return append(b, ']')
}

func jStrsOmit(b []byte, key string, v []string) []byte {
	if len(v) == 0 {
		return b
	}
	return jStrs(b, key, v)
}

func jUints(b []byte, key string, v []uint64) []byte {
	b = append(b, key...)
	if v == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, n := range v {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendUint(b, n, 10)
	}
	return append(b, ']')
}

func jMessagesOmit(b []byte, key string, v []MessageRecord) []byte {
	if len(v) == 0 {
		return b
	}
	b = append(b, key...)
	b = append(b, '[')
	for i := range v {
		if i > 0 {
			b = append(b, ',')
		}
		m := &v[i]
		b = jUint(b, `{"frame":`, m.Frame)
		b = jTime(b, `,"ts":`, m.TS)
		b = jStr(b, `,"from":`, m.From)
		b = jStr(b, `,"command":`, m.Command)
		b = jStrOmit(b, `,"status":`, m.Status)
		b = append(b, '}')
	}
	return append(b, ']')
}

// jCountsOmit writes a map with its keys sorted, as encoding/json does.
func jCountsOmit(b []byte, key string, m map[string]int) []byte {
	if len(m) == 0 {
		return b
	}
	var stack [16]string
	keys := stack[:0]
	for name := range m {
		keys = append(keys, name)
	}
	slices.Sort(keys)
	b = append(b, key...)
	b = append(b, '{')
	for i, name := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, name)
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(m[name]), 10)
	}
	return append(b, '}')
}

func jConnID(b []byte, c *ConnID) []byte {
	b = jAddr(b, `,"id.orig_h":`, c.OrigH)
	b = jUint(b, `,"id.orig_p":`, uint64(c.OrigP))
	b = jAddr(b, `,"id.resp_h":`, c.RespH)
	return jUint(b, `,"id.resp_p":`, uint64(c.RespP))
}

// appendSessionJSON appends r as encoding/json would, without the newline.
func appendSessionJSON(b []byte, r *SessionRecord) []byte {
	b = jStr(b, `{"type":`, r.Type)
	b = jTime(b, `,"ts":`, r.TS)
	b = jStr(b, `,"uid":`, r.UID)
	b = jConnID(b, &r.ConnID)
	b = jStr(b, `,"community_id":`, r.CommunityID)
	b = jStrPtr(b, `,"dialect":`, r.Dialect)
	b = jStrPtr(b, `,"session_id":`, r.SessionID)
	b = jStr(b, `,"client_signing":`, r.ClientSigning)
	b = jStr(b, `,"server_signing":`, r.ServerSigning)
	b = jBoolPtr(b, `,"signing_required":`, r.SigningRequired)
	b = jStr(b, `,"auth":`, r.Auth)
	b = jStrPtr(b, `,"user":`, r.User)
	b = jStrPtr(b, `,"domain":`, r.Domain)
	b = jStrPtr(b, `,"workstation":`, r.Workstation)
	b = jBool(b, `,"guest":`, r.Guest)
	b = jBool(b, `,"anonymous":`, r.Anonymous)
	b = jStrPtr(b, `,"setup_status":`, r.SetupStatus)
	b = jInt(b, `,"signed_msgs":`, r.SignedMsgs)
	b = jInt(b, `,"unsigned_msgs":`, r.UnsignedMsgs)
	b = jInt(b, `,"encrypted_msgs":`, r.EncryptedMsgs)
	b = jStr(b, `,"outcome":`, r.Outcome)
	b = jStrs(b, `,"reasons":`, r.Reasons)
	b = jStr(b, `,"input":`, r.Input)
	b = jStr(b, `,"transport":`, r.Transport)
	b = jStr(b, `,"smb_version":`, r.SMBVersion)
	b = jStrsOmit(b, `,"dialects_offered":`, r.DialectsOffered)
	b = jStrPtr(b, `,"client_security_mode":`, r.ClientSecurityMode)
	b = jStrPtr(b, `,"server_security_mode":`, r.ServerSecurityMode)
	b = jStrOmit(b, `,"signing_algorithm":`, r.SigningAlgorithm)
	b = jStrOmit(b, `,"cipher":`, r.Cipher)
	b = jStrOmit(b, `,"server_name":`, r.ServerName)
	b = jStrOmit(b, `,"ntlm_version":`, r.NTLMVersion)
	b = jStrOmit(b, `,"krb_realm":`, r.KerberosRealm)
	b = jStrOmit(b, `,"krb_sname":`, r.KerberosSName)
	b = jStrOmit(b, `,"krb_etype":`, r.KerberosEtype)
	b = jStrsOmit(b, `,"ntlm_flags":`, r.NTLMFlags)
	b = jStrsOmit(b, `,"mechs_offered":`, r.MechsOffered)
	if r.SessionFlags != nil {
		b = jStrPtr(b, `,"session_flags":`, r.SessionFlags)
	}
	b = jInt(b, `,"signed_negotiation_msgs":`, r.SignedNegotiation)
	b = jInt(b, `,"exempt_msgs":`, r.ExemptMsgs)
	b = jInt(b, `,"unexpected_unsigned_msgs":`, r.UnexpectedUnsigned)
	b = jMessagesOmit(b, `,"unsigned_samples":`, r.UnsignedSamples)
	b = jUintOmit(b, `,"setup_frame":`, r.SetupFrame)
	b = jUint(b, `,"first_frame":`, r.FirstFrame)
	b = jUint(b, `,"last_frame":`, r.LastFrame)
	b = jBoolOmit(b, `,"share_encrypt":`, r.TreeEncrypt)
	b = jIntOmit(b, `,"reauthentications":`, r.Reauthentications)
	b = jCountsOmit(b, `,"anomalies":`, r.Anomalies)
	b = jIntPtrOmit(b, `,"sig_verified":`, r.SigVerified)
	b = jIntPtrOmit(b, `,"sig_failed":`, r.SigFailed)
	b = jIntPtrOmit(b, `,"sig_unverifiable":`, r.SigUnverifiable)
	b = jStrOmit(b, `,"sig_unverifiable_reason":`, r.SigUnverifiableReason)
	return append(b, '}')
}

// appendFindingJSON appends r as encoding/json would, without the newline.
// kindTexts caches, per finding kind, the encoded description and
// remediation: every finding of a kind carries the same texts, a kilobyte
// or so, and they need not be escaped again for each one.
type kindTexts map[string]*encodedTexts

type encodedTexts struct {
	description string
	remediation Remediation
	desc, rem   []byte
}

// of returns r's encoded texts, from the cache when r carries the texts
// they were made from.
func (k kindTexts) of(r *FindingRecord) *encodedTexts {
	if t := k[r.Finding]; t != nil && t.description == r.Description && t.remediation == r.Remediation {
		return t
	}
	t := &encodedTexts{description: r.Description, remediation: r.Remediation}
	t.desc = jStr(nil, `,"description":`, r.Description)
	t.rem = appendRemediationJSON(nil, &r.Remediation)
	if len(k) < 64 {
		k[r.Finding] = t
	}
	return t
}

func appendRemediationJSON(b []byte, m *Remediation) []byte {
	b = jStr(b, `},"remediation":{"summary":`, m.Summary)
	b = jStrOmit(b, `,"group_policy":`, m.GroupPolicy)
	b = jStrOmit(b, `,"registry":`, m.Registry)
	b = jStrOmit(b, `,"powershell":`, m.PowerShell)
	b = jStrOmit(b, `,"samba":`, m.Samba)
	b = jStrOmit(b, `,"reference":`, m.Reference)
	return append(b, '}', '}')
}

// appendFindingJSON appends r as a JSON object; texts, when not nil, caches
// the encoding of the texts findings of a kind share.
func appendFindingJSON(b []byte, r *FindingRecord, texts kindTexts) []byte {
	var t *encodedTexts
	if texts != nil {
		t = texts.of(r)
	}
	b = jStr(b, `{"type":`, r.Type)
	b = jTime(b, `,"ts":`, r.TS)
	b = jStr(b, `,"finding":`, r.Finding)
	b = jStr(b, `,"severity":`, string(r.Severity))
	b = jStr(b, `,"subject":`, r.Subject)
	b = jStr(b, `,"uid":`, r.UID)
	b = jConnID(b, &r.ConnID)
	b = jStr(b, `,"community_id":`, r.CommunityID)
	if t != nil {
		b = append(b, t.desc...)
	} else {
		b = jStr(b, `,"description":`, r.Description)
	}

	e := &r.Evidence
	b = append(b, `,"evidence":{`...)
	n := len(b)
	b = jStrOmit(b, `,"input":`, e.Input)
	b = jInt(b, `,"count":`, e.Count)
	b = append(b[:n], b[n+1:]...) // the first member has no comma
	b = jTime(b, `,"first_seen":`, e.FirstSeen)
	b = jTime(b, `,"last_seen":`, e.LastSeen)
	b = jStrs(b, `,"uids":`, e.UIDs)
	b = jUints(b, `,"frames":`, e.Frames)
	b = jStrOmit(b, `,"session_id":`, e.SessionID)
	b = jStrOmit(b, `,"user":`, e.User)
	b = jStrOmit(b, `,"dialect":`, e.Dialect)
	b = jStrOmit(b, `,"security_mode":`, e.Mode)
	b = jMessagesOmit(b, `,"messages":`, e.Messages)
	b = jStrOmit(b, `,"detail":`, e.Detail)
	b = jBoolOmit(b, `,"truncated":`, e.Truncated)

	if t != nil {
		return append(b, t.rem...)
	}
	return appendRemediationJSON(b, &r.Remediation)
}

const hexDigits = "0123456789abcdef"

// safeWord reports whether none of the eight bytes of x is below 0x20, a
// quote, a backslash or 0x80 and above.
func safeWord(x uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	hasZero := func(v uint64) uint64 { return (v - ones) & ^v & highs }
	return (x&highs)|((x-0x20*ones)&^x&highs)|hasZero(x^('"'*ones))|hasZero(x^('\\'*ones)) == 0
}

// appendJSONString quotes s as encoding/json does without HTML escaping:
// quote, backslash and control characters escaped, invalid UTF-8 as
// U+FFFD, and U+2028 and U+2029 escaped.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		// Eight bytes at a time while none needs a look: no control
		// character, quote, backslash or byte of a multi-byte rune.
		for i+8 <= len(s) && safeWord(binary.LittleEndian.Uint64([]byte(s[i:i+8]))) {
			i += 8
		}
		if i == len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
