package findings

import (
	"net/netip"
	"strconv"
	"time"

	"github.com/smbscope/smbscope/session"
)

// Time marshals as epoch seconds with microseconds, as Zeek writes ts.
type Time time.Time

func (t Time) MarshalJSON() ([]byte, error) {
	return t.AppendText(nil), nil
}

// AppendText appends the epoch seconds with six decimals.
func (t Time) AppendText(b []byte) []byte {
	us := time.Time(t).UnixMicro()
	sign := ""
	if us < 0 {
		sign, us = "-", -us
	}
	b = append(b, sign...)
	b = strconv.AppendInt(b, us/1e6, 10)
	frac := us % 1e6
	var d [7]byte
	d[0] = '.'
	for i := 6; i > 0; i-- {
		d[i] = byte('0' + frac%10)
		frac /= 10
	}
	return append(b, d[:]...)
}

// ConnID is Zeek's conn_id: originator (client) and responder (server).
type ConnID struct {
	OrigH netip.Addr `json:"id.orig_h"`
	OrigP uint16     `json:"id.orig_p"`
	RespH netip.Addr `json:"id.resp_h"`
	RespP uint16     `json:"id.resp_p"`
}

// MessageRecord is one piece of per-message evidence.
type MessageRecord struct {
	Frame   uint64 `json:"frame"`
	TS      Time   `json:"ts"`
	From    string `json:"from"`
	Command string `json:"command"`
	Status  string `json:"status,omitempty"`
}

// SessionRecord is one line per SMB session, or per connection that had
// none. The first fields are the output contract; the rest are additions.
type SessionRecord struct {
	Type            string   `json:"type"`
	TS              Time     `json:"ts"`
	UID             string   `json:"uid"`
	ConnID                   // flattened id.* fields
	CommunityID     string   `json:"community_id"`
	Dialect         *string  `json:"dialect"`
	SessionID       *string  `json:"session_id"`
	ClientSigning   string   `json:"client_signing"`
	ServerSigning   string   `json:"server_signing"`
	SigningRequired *bool    `json:"signing_required"`
	Auth            string   `json:"auth"`
	User            *string  `json:"user"`
	Domain          *string  `json:"domain"`
	Workstation     *string  `json:"workstation"`
	Guest           bool     `json:"guest"`
	Anonymous       bool     `json:"anonymous"`
	SetupStatus     *string  `json:"setup_status"`
	SignedMsgs      int      `json:"signed_msgs"`
	UnsignedMsgs    int      `json:"unsigned_msgs"`
	EncryptedMsgs   int      `json:"encrypted_msgs"`
	Outcome         string   `json:"outcome"`
	Reasons         []string `json:"reasons"`

	Input              string          `json:"input"`
	Transport          string          `json:"transport"`
	SMBVersion         string          `json:"smb_version"`
	DialectsOffered    []string        `json:"dialects_offered,omitempty"`
	ClientSecurityMode *string         `json:"client_security_mode"`
	ServerSecurityMode *string         `json:"server_security_mode"`
	SigningAlgorithm   string          `json:"signing_algorithm,omitempty"`
	Cipher             string          `json:"cipher,omitempty"`
	ServerName         string          `json:"server_name,omitempty"`
	NTLMVersion        string          `json:"ntlm_version,omitempty"`
	KerberosRealm      string          `json:"krb_realm,omitempty"`
	KerberosSName      string          `json:"krb_sname,omitempty"`
	KerberosEtype      string          `json:"krb_etype,omitempty"`
	NTLMFlags          []string        `json:"ntlm_flags,omitempty"`
	MechsOffered       []string        `json:"mechs_offered,omitempty"`
	SessionFlags       *string         `json:"session_flags,omitempty"`
	SignedNegotiation  int             `json:"signed_negotiation_msgs"`
	ExemptMsgs         int             `json:"exempt_msgs"`
	UnexpectedUnsigned int             `json:"unexpected_unsigned_msgs"`
	UnsignedSamples    []MessageRecord `json:"unsigned_samples,omitempty"`
	SetupFrame         uint64          `json:"setup_frame,omitempty"`
	FirstFrame         uint64          `json:"first_frame"`
	LastFrame          uint64          `json:"last_frame"`
	TreeEncrypt        bool            `json:"share_encrypt,omitempty"`
	Reauthentications  int             `json:"reauthentications,omitempty"`
	Anomalies          map[string]int  `json:"anomalies,omitempty"`

	// Signature verification with supplied secrets (--keys, --ntlm-creds):
	// absent when none were supplied.
	SigVerified           *int   `json:"sig_verified,omitempty"`
	SigFailed             *int   `json:"sig_failed,omitempty"`
	SigUnverifiable       *int   `json:"sig_unverifiable,omitempty"`
	SigUnverifiableReason string `json:"sig_unverifiable_reason,omitempty"`
}

// Evidence supports a finding with what a user can open in Wireshark.
type Evidence struct {
	Input     string          `json:"input,omitempty"`
	Count     int             `json:"count"`
	FirstSeen Time            `json:"first_seen"`
	LastSeen  Time            `json:"last_seen"`
	UIDs      []string        `json:"uids"`
	Frames    []uint64        `json:"frames"`
	SessionID string          `json:"session_id,omitempty"`
	User      string          `json:"user,omitempty"`
	Dialect   string          `json:"dialect,omitempty"`
	Mode      string          `json:"security_mode,omitempty"`
	Messages  []MessageRecord `json:"messages,omitempty"`
	Detail    string          `json:"detail,omitempty"`
	Truncated bool            `json:"truncated,omitempty"`
}

// FindingRecord is one line per finding.
type FindingRecord struct {
	Type        string      `json:"type"`
	TS          Time        `json:"ts"`
	Finding     string      `json:"finding"`
	Severity    Severity    `json:"severity"`
	Subject     string      `json:"subject"`
	UID         string      `json:"uid"`
	ConnID                  // the first connection that showed it
	CommunityID string      `json:"community_id"`
	Description string      `json:"description"`
	Evidence    Evidence    `json:"evidence"`
	Remediation Remediation `json:"remediation"`
}

func connID(c *session.Connection) ConnID {
	return ConnID{
		OrigH: c.Client.Addr().Unmap(), OrigP: c.Client.Port(),
		RespH: c.Server.Addr().Unmap(), RespP: c.Server.Port(),
	}
}

// hex16 formats v as records show flags and security modes: 0x and at
// least width hex digits (at most 4).
func hex16(v uint16, width int) string {
	const digits = "0123456789abcdef"
	var b [6]byte
	i := len(b)
	for v != 0 || len(b)-i < min(max(width, 1), 4) {
		i--
		b[i] = digits[v&0xF]
		v >>= 4
	}
	i -= 2
	b[i], b[i+1] = '0', 'x'
	return string(b[i:])
}

func messages(refs []session.MessageRef) []MessageRecord {
	if len(refs) == 0 {
		return nil
	}
	out := make([]MessageRecord, len(refs))
	for i, r := range refs {
		out[i] = messageRecord(r)
	}
	return out
}

func messageRecord(r session.MessageRef) MessageRecord {
	from := "client"
	if r.Dir == session.FromServer {
		from = "server"
	}
	return MessageRecord{Frame: r.Frame, TS: Time(r.Time()), From: from, Command: r.Command(), Status: r.StatusName()}
}

// recordArena holds the memory of one connection's records, reused for
// the next connection's once they are written: the optional fields that
// are pointers and the message evidence.
type recordArena struct {
	msgs []MessageRecord
	strs []string
}

// str returns a pointer to a copy of s, taken from a when it is not nil.
// Growing strs leaves earlier pointers to the old array, still valid.
func (a *recordArena) str(s string) *string {
	if a == nil {
		return &s
	}
	a.strs = append(a.strs, s)
	return &a.strs[len(a.strs)-1]
}

// reset makes the arena's memory available to the next connection.
func (a *recordArena) reset() {
	clear(a.msgs)
	a.msgs = a.msgs[:0]
	clear(a.strs)
	a.strs = a.strs[:0]
}

// messagesIn is messages with the records taken from a, when it is not
// nil.
func messagesIn(a *recordArena, refs []session.MessageRef) []MessageRecord {
	if a == nil || len(refs) == 0 {
		return messages(refs)
	}
	start := len(a.msgs)
	for _, r := range refs {
		a.msgs = append(a.msgs, messageRecord(r))
	}
	return a.msgs[start:len(a.msgs):len(a.msgs)]
}

// NewSessionRecords builds the records of one connection: one per session,
// or a single one with a null session_id when there was none.
func NewSessionRecords(c *session.Connection, seed uint16) []SessionRecord {
	return sessionRecords(nil, c, CommunityID(seed, c.Client, c.Server), nil)
}

// sessionRecords appends the records of c to dst; cid is c's Community ID.
// With an arena, optional strings and message evidence are taken from it.
func sessionRecords(dst []SessionRecord, c *session.Connection, cid string, a *recordArena) []SessionRecord {
	base := SessionRecord{
		Type:             "session",
		TS:               Time(c.First.Time),
		UID:              c.UID,
		ConnID:           connID(c),
		CommunityID:      cid,
		ClientSigning:    c.ClientSigning.String(),
		ServerSigning:    c.ServerSigning.String(),
		SigningRequired:  c.SigningRequired(),
		Auth:             session.AuthUnknown,
		Input:            c.Input,
		Transport:        "direct",
		SigningAlgorithm: c.SigningAlgorithm,
		Cipher:           c.Cipher,
		ServerName:       c.ServerName,
		DialectsOffered:  c.DialectsOffered,
		FirstFrame:       c.First.Frame,
		LastFrame:        c.Last.Frame,
		Anomalies:        c.Anomalies,
	}
	if c.NetBIOS {
		base.Transport = "netbios"
	}
	switch {
	case c.SMB1Seen && c.SMB2Seen:
		base.SMBVersion = "smb1+smb2"
	case c.SMB1Seen:
		base.SMBVersion = "smb1"
	default:
		base.SMBVersion = "smb2"
	}
	if c.Dialect != "" {
		base.Dialect = a.str(c.Dialect)
	}
	if m := c.ClientSecurityMode; m != nil {
		base.ClientSecurityMode = a.str(hex16(*m, 2))
	}
	if m := c.ServerSecurityMode; m != nil {
		base.ServerSecurityMode = a.str(hex16(*m, 2))
	}
	if len(c.Sessions) == 0 {
		outcome, reasons := c.NoSessionOutcome()
		base.Outcome, base.Reasons = string(outcome), reasons
		return append(dst, base)
	}
	out := dst
	for _, s := range c.Sessions {
		out = append(out, base)
		r := &out[len(out)-1]
		r.TS = Time(s.First.Time)
		r.SessionID = a.str(s.SessionIDString())
		r.Auth = s.Auth
		if s.UserSeen {
			r.User, r.Domain = a.str(s.User), a.str(s.Domain)
			if !s.SMB1 || s.Workstation != "" {
				r.Workstation = a.str(s.Workstation)
			}
		}
		r.Guest, r.Anonymous = s.Guest, s.Anonymous
		if s.SetupDone {
			r.SetupStatus = a.str(s.SetupStatusName)
		}
		r.SignedMsgs, r.UnsignedMsgs, r.EncryptedMsgs = s.Signed, s.Unsigned, s.Encrypted
		r.Outcome, r.Reasons = string(s.Outcome), s.Reasons
		if s.ServerName != "" {
			r.ServerName = s.ServerName
		}
		r.NTLMVersion = s.NTLMVersion
		r.KerberosRealm, r.KerberosSName = s.KerberosRealm, s.KerberosSName
		r.KerberosEtype = s.KerberosEtypeName
		r.NTLMFlags = s.NTLMFlagNames
		r.MechsOffered = s.MechsOffered
		if s.SessionFlags != nil {
			r.SessionFlags = a.str(hex16(*s.SessionFlags, 4))
		}
		r.SignedNegotiation = s.SignedProtection
		r.ExemptMsgs = s.Exempt
		r.UnexpectedUnsigned = s.UnexpectedUnsigned
		r.UnsignedSamples = messagesIn(a, s.UnsignedSamples)
		r.SetupFrame = s.SetupFrame
		r.FirstFrame, r.LastFrame = s.First.Frame, s.Last.Frame
		r.TreeEncrypt = s.TreeEncrypt
		r.Reauthentications = s.Reauthenticated
		signatureFields(r, s)
	}
	return out
}
