package session

import (
	"fmt"
	"slices"

	"github.com/smbscope/smbscope/dissect"
)

// finish completes a session's result: auth, outcome and reasons (DESIGN §4).
func (c *Conn) finish(s *Session) {
	st := c.setupState(s)
	if s.SetupStatusName == "" && s.SetupDone {
		s.SetupStatusName = dissect.StatusName(s.SetupStatus)
	}
	classify(s)
	if s.KerberosEtype != 0 {
		s.KerberosEtypeName = dissect.KerberosEtypeName(s.KerberosEtype)
	}
	s.NTLMFlagNames = signingFlagNames(s.NTLMFlags)
	s.KerberosOffered = s.Auth == AuthNTLMSSP && slices.Contains(s.MechsOffered, "kerberos")
	switch {
	case s.Anonymous:
		s.Auth = AuthAnonymous
	case s.Auth == "":
		s.Auth = AuthUnknown
	}
	required := c.res.SigningRequired()
	r := &s.Reasons
	add := func(format string, args ...any) {
		if len(args) == 0 {
			*r = append(*r, format) // no verbs: nothing to format
			return
		}
		*r = append(*r, fmt.Sprintf(format, args...))
	}

	// Policy: what the negotiation says should happen.
	switch {
	case !c.res.NegotiateSeen && c.res.ClientSigning == SigningUnknown:
		add("NEGOTIATE not captured: signing policy unknown")
	case s.SMB1:
		add("SMB1: server signing %s, client signing %s", c.res.ServerSigning, c.res.ClientSigning)
	case required != nil && *required:
		who := "server"
		switch {
		case c.res.ClientSigning == SigningRequired && c.res.ServerSigning == SigningRequired:
			who = "client and server"
		case c.res.ClientSigning == SigningRequired:
			who = "client"
		}
		add("%s require(s) signing: an authenticated session must sign", who)
	case required != nil:
		add("neither client nor server requires signing: SMB2/3 then does not sign")
	}
	if !s.SetupSeen {
		add("session setup not captured (capture starts mid-stream)")
	}
	if s.Guest {
		add("guest session: no user key, so the session is not signed")
	}
	if s.Anonymous {
		if s.Signed > s.SignedProtection {
			add("anonymous (null) session, yet signed: its key comes from an anonymous logon and proves no identity")
		} else {
			add("anonymous (null) session: no user key, so the session is not signed")
		}
	}
	if s.KerberosOffered && s.UserSeen && !s.Anonymous {
		add("the client offered Kerberos but authenticated with NTLM (connecting by IP address or CNAME does this)")
	}
	if s.SessionEncrypt {
		add("server requires encryption for the session (SESSION_FLAG_ENCRYPT_DATA)")
	}
	if s.TreeEncrypt {
		add("a share requires encryption (SHARE_FLAG_ENCRYPT_DATA)")
	}

	// Observation: what the traffic did.
	failed := s.SetupDone && s.SetupStatus != 0 && (st == nil || !st.succeeded)
	observed := s.Signed + s.Unsigned + s.Encrypted
	policyOnly := s.Signed - s.SignedProtection
	switch {
	case failed:
		s.Outcome = OutcomeFailed
		add("session setup failed: %s", s.SetupStatusName)
	case st != nil && st.inProgress && !s.SetupDone && observed == 0:
		switch {
		case st.responseSeen && c.endedOnWire():
			s.Outcome = OutcomeFailed
			add("session setup did not complete")
		case st.responseSeen:
			s.Outcome = OutcomeUnknown
			add("session setup had not completed when the capture lost the connection")
		default:
			s.Outcome = OutcomeUnknown
			add("no SESSION_SETUP response captured")
		}
	case observed == 0:
		s.Outcome = OutcomeUnknown
		add("no messages after session setup captured")
	case s.Encrypted > 0 && s.Unsigned == 0:
		s.Outcome = OutcomeEncrypted
		add("%d encrypted messages (SMB3 transform)", s.Encrypted)
	case s.Encrypted > 0:
		s.Outcome = OutcomeMixed
		add("%d encrypted messages, yet %d unsigned plaintext messages", s.Encrypted, s.Unsigned)
	case s.Unsigned == 0 && policyOnly == 0 && !(required != nil && *required):
		s.Outcome = OutcomeUnknown
		add("only TREE_CONNECT/VALIDATE_NEGOTIATE were seen signed; clients sign those on every session")
	case s.Unsigned == 0:
		s.Outcome = OutcomeSigned
		add("all %d messages after setup signed", s.Signed)
	case policyOnly == 0:
		s.Outcome = OutcomeUnsigned
		if s.SignedProtection > 0 {
			add("%d messages after setup unsigned; the %d signed ones are TREE_CONNECT/VALIDATE_NEGOTIATE, signed on every session", s.Unsigned, s.SignedProtection)
		} else {
			add("all %d messages after setup unsigned", s.Unsigned)
		}
	default:
		s.Outcome = OutcomeMixed
		add("%d messages after setup signed, %d unsigned", s.Signed, s.Unsigned)
	}
	if s.Unsigned > 0 && !s.Guest && !s.Anonymous && (policyOnly > 0 || (required != nil && *required)) {
		s.UnexpectedUnsigned = s.Unsigned
		first := s.UnsignedSamples[0]
		add("%d unexpected unsigned messages in a session that signs (first: frame %d, %s)", s.Unsigned, first.Frame, first.Command())
	}
	if n := c.res.Anomalies["gap"]; n > 0 {
		add("%d capture gaps on the connection: counts cover what was captured", n)
	}
	c.degradedReasons(s, st, add)
}

// signingFlagNames names the NTLMSSP flags that bear on signing (MS-NLMP 2.2.2.5).
func signingFlagNames(flags uint32) []string {
	var out []string
	for _, f := range []struct {
		bit  uint32
		name string
	}{
		{dissect.NTLMFlagSign, "SIGN"},
		{dissect.NTLMFlagSeal, "SEAL"},
		{dissect.NTLMFlagKeyExch, "KEY_EXCH"},
		{dissect.NTLMFlagAlwaysSign, "ALWAYS_SIGN"},
		{dissect.NTLMFlagAnonymous, "ANONYMOUS"},
	} {
		if flags&f.bit != 0 {
			out = append(out, f.name)
		}
	}
	return out
}

// NoSessionOutcome says what a connection without any SMB session showed.
func (c *Connection) NoSessionOutcome() (Outcome, []string) {
	switch {
	case c.NetBIOSRefused:
		return OutcomeFailed, []string{"NetBIOS session request refused"}
	case c.NegotiateSeen:
		return OutcomeFailed, []string{"NEGOTIATE completed but no SESSION_SETUP followed: the client gave up (signing or dialect mismatch is a common cause)"}
	default:
		return OutcomeUnknown, []string{"no NEGOTIATE response and no session captured"}
	}
}
