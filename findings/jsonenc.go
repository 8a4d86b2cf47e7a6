package findings

import (
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

// jsonObj appends the members of one JSON object.
type jsonObj struct {
	b     []byte
	first bool
}

func openObj(b []byte) jsonObj { return jsonObj{b: append(b, '{'), first: true} }

func (o *jsonObj) close() []byte { return append(o.b, '}') }

func (o *jsonObj) key(k string) {
	if !o.first {
		o.b = append(o.b, ',')
	}
	o.first = false
	o.b = append(o.b, '"')
	o.b = append(o.b, k...)
	o.b = append(o.b, '"', ':')
}

func (o *jsonObj) str(k, v string) {
	o.key(k)
	o.b = appendJSONString(o.b, v)
}

func (o *jsonObj) strOmit(k, v string) {
	if v != "" {
		o.str(k, v)
	}
}

func (o *jsonObj) strPtr(k string, v *string) {
	o.key(k)
	if v == nil {
		o.b = append(o.b, "null"...)
		return
	}
	o.b = appendJSONString(o.b, *v)
}

func (o *jsonObj) int(k string, v int) {
	o.key(k)
	o.b = strconv.AppendInt(o.b, int64(v), 10)
}

func (o *jsonObj) intOmit(k string, v int) {
	if v != 0 {
		o.int(k, v)
	}
}

func (o *jsonObj) intPtrOmit(k string, v *int) {
	if v != nil {
		o.int(k, *v)
	}
}

func (o *jsonObj) uint(k string, v uint64) {
	o.key(k)
	o.b = strconv.AppendUint(o.b, v, 10)
}

func (o *jsonObj) uintOmit(k string, v uint64) {
	if v != 0 {
		o.uint(k, v)
	}
}

func (o *jsonObj) bool(k string, v bool) {
	o.key(k)
	o.b = strconv.AppendBool(o.b, v)
}

func (o *jsonObj) boolOmit(k string, v bool) {
	if v {
		o.bool(k, v)
	}
}

func (o *jsonObj) boolPtr(k string, v *bool) {
	o.key(k)
	if v == nil {
		o.b = append(o.b, "null"...)
		return
	}
	o.b = strconv.AppendBool(o.b, *v)
}

func (o *jsonObj) time(k string, t Time) {
	o.key(k)
	o.b = t.AppendText(o.b)
}

func (o *jsonObj) addr(k string, a netip.Addr) {
	o.key(k)
	o.b = append(o.b, '"')
	o.b = a.AppendTo(o.b) // addresses hold nothing to escape
	o.b = append(o.b, '"')
}

// strs writes a string array, null when nil.
func (o *jsonObj) strs(k string, v []string) {
	o.key(k)
	if v == nil {
		o.b = append(o.b, "null"...)
		return
	}
	o.b = append(o.b, '[')
	for i, s := range v {
		if i > 0 {
			o.b = append(o.b, ',')
		}
		o.b = appendJSONString(o.b, s)
	}
	o.b = append(o.b, ']')
}

func (o *jsonObj) strsOmit(k string, v []string) {
	if len(v) > 0 {
		o.strs(k, v)
	}
}

func (o *jsonObj) uints(k string, v []uint64) {
	o.key(k)
	if v == nil {
		o.b = append(o.b, "null"...)
		return
	}
	o.b = append(o.b, '[')
	for i, n := range v {
		if i > 0 {
			o.b = append(o.b, ',')
		}
		o.b = strconv.AppendUint(o.b, n, 10)
	}
	o.b = append(o.b, ']')
}

func (o *jsonObj) messagesOmit(k string, v []MessageRecord) {
	if len(v) == 0 {
		return
	}
	o.key(k)
	o.b = append(o.b, '[')
	for i := range v {
		if i > 0 {
			o.b = append(o.b, ',')
		}
		m := &v[i]
		mo := openObj(o.b)
		mo.uint("frame", m.Frame)
		mo.time("ts", m.TS)
		mo.str("from", m.From)
		mo.str("command", m.Command)
		mo.strOmit("status", m.Status)
		o.b = mo.close()
	}
	o.b = append(o.b, ']')
}

// countsOmit writes a map with its keys sorted, as encoding/json does.
func (o *jsonObj) countsOmit(k string, m map[string]int) {
	if len(m) == 0 {
		return
	}
	var stack [16]string
	keys := stack[:0]
	for name := range m {
		keys = append(keys, name)
	}
	slices.Sort(keys)
	o.key(k)
	mo := openObj(o.b)
	for i, name := range keys {
		if i > 0 {
			mo.b = append(mo.b, ',')
		}
		mo.b = appendJSONString(mo.b, name)
		mo.b = append(mo.b, ':')
		mo.b = strconv.AppendInt(mo.b, int64(m[name]), 10)
	}
	o.b = mo.close()
}

func (o *jsonObj) connID(c *ConnID) {
	o.addr("id.orig_h", c.OrigH)
	o.uint("id.orig_p", uint64(c.OrigP))
	o.addr("id.resp_h", c.RespH)
	o.uint("id.resp_p", uint64(c.RespP))
}

// appendSessionJSON appends r as encoding/json would, without the newline.
func appendSessionJSON(b []byte, r *SessionRecord) []byte {
	o := openObj(b)
	o.str("type", r.Type)
	o.time("ts", r.TS)
	o.str("uid", r.UID)
	o.connID(&r.ConnID)
	o.str("community_id", r.CommunityID)
	o.strPtr("dialect", r.Dialect)
	o.strPtr("session_id", r.SessionID)
	o.str("client_signing", r.ClientSigning)
	o.str("server_signing", r.ServerSigning)
	o.boolPtr("signing_required", r.SigningRequired)
	o.str("auth", r.Auth)
	o.strPtr("user", r.User)
	o.strPtr("domain", r.Domain)
	o.strPtr("workstation", r.Workstation)
	o.bool("guest", r.Guest)
	o.bool("anonymous", r.Anonymous)
	o.strPtr("setup_status", r.SetupStatus)
	o.int("signed_msgs", r.SignedMsgs)
	o.int("unsigned_msgs", r.UnsignedMsgs)
	o.int("encrypted_msgs", r.EncryptedMsgs)
	o.str("outcome", r.Outcome)
	o.strs("reasons", r.Reasons)
	o.str("input", r.Input)
	o.str("transport", r.Transport)
	o.str("smb_version", r.SMBVersion)
	o.strsOmit("dialects_offered", r.DialectsOffered)
	o.strPtr("client_security_mode", r.ClientSecurityMode)
	o.strPtr("server_security_mode", r.ServerSecurityMode)
	o.strOmit("signing_algorithm", r.SigningAlgorithm)
	o.strOmit("cipher", r.Cipher)
	o.strOmit("server_name", r.ServerName)
	o.strOmit("ntlm_version", r.NTLMVersion)
	o.strOmit("krb_realm", r.KerberosRealm)
	o.strOmit("krb_sname", r.KerberosSName)
	o.strOmit("krb_etype", r.KerberosEtype)
	o.strsOmit("ntlm_flags", r.NTLMFlags)
	o.strsOmit("mechs_offered", r.MechsOffered)
	if r.SessionFlags != nil {
		o.strPtr("session_flags", r.SessionFlags)
	}
	o.int("signed_negotiation_msgs", r.SignedNegotiation)
	o.int("exempt_msgs", r.ExemptMsgs)
	o.int("unexpected_unsigned_msgs", r.UnexpectedUnsigned)
	o.messagesOmit("unsigned_samples", r.UnsignedSamples)
	o.uintOmit("setup_frame", r.SetupFrame)
	o.uint("first_frame", r.FirstFrame)
	o.uint("last_frame", r.LastFrame)
	o.boolOmit("share_encrypt", r.TreeEncrypt)
	o.intOmit("reauthentications", r.Reauthentications)
	o.countsOmit("anomalies", r.Anomalies)
	o.intPtrOmit("sig_verified", r.SigVerified)
	o.intPtrOmit("sig_failed", r.SigFailed)
	o.intPtrOmit("sig_unverifiable", r.SigUnverifiable)
	o.strOmit("sig_unverifiable_reason", r.SigUnverifiableReason)
	return o.close()
}

// appendFindingJSON appends r as encoding/json would, without the newline.
func appendFindingJSON(b []byte, r *FindingRecord) []byte {
	o := openObj(b)
	o.str("type", r.Type)
	o.time("ts", r.TS)
	o.str("finding", r.Finding)
	o.str("severity", string(r.Severity))
	o.str("subject", r.Subject)
	o.str("uid", r.UID)
	o.connID(&r.ConnID)
	o.str("community_id", r.CommunityID)
	o.str("description", r.Description)

	e := &r.Evidence
	o.key("evidence")
	eo := openObj(o.b)
	eo.strOmit("input", e.Input)
	eo.int("count", e.Count)
	eo.time("first_seen", e.FirstSeen)
	eo.time("last_seen", e.LastSeen)
	eo.strs("uids", e.UIDs)
	eo.uints("frames", e.Frames)
	eo.strOmit("session_id", e.SessionID)
	eo.strOmit("user", e.User)
	eo.strOmit("dialect", e.Dialect)
	eo.strOmit("security_mode", e.Mode)
	eo.messagesOmit("messages", e.Messages)
	eo.strOmit("detail", e.Detail)
	eo.boolOmit("truncated", e.Truncated)
	o.b = eo.close()

	m := &r.Remediation
	o.key("remediation")
	mo := openObj(o.b)
	mo.str("summary", m.Summary)
	mo.strOmit("group_policy", m.GroupPolicy)
	mo.strOmit("registry", m.Registry)
	mo.strOmit("powershell", m.PowerShell)
	mo.strOmit("samba", m.Samba)
	mo.strOmit("reference", m.Reference)
	o.b = mo.close()
	return o.close()
}

const hexDigits = "0123456789abcdef"

// appendJSONString quotes s as encoding/json does without HTML escaping:
// quote, backslash and control characters escaped, invalid UTF-8 as
// U+FFFD, and U+2028 and U+2029 escaped.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
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
