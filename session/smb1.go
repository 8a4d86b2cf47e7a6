package session

import (
	"strings"

	"github.com/smbscope/smbscope/dissect"
)

// smb1Placeholder is the signature SMB1 carries before signing starts
// ("BSRSPYL ", MS-CIFS 3.2.4.1.1).
var smb1Placeholder = [8]byte{'B', 'S', 'R', 'S', 'P', 'Y', 'L', ' '}

// smb1PendingKey separates SMB1 MIDs from SMB2 MessageIds in pendingSetup.
const smb1PendingKey = 1 << 63

// smb1Signed reports whether an SMB1 message carries a real MAC. Flags2
// SECURITY_SIGNATURE is ignored: Samba leaves it clear when signing and
// Windows may set it with a zero signature.
func smb1Signed(h *dissect.SMB1Header) bool {
	return h.SecuritySignature != [8]byte{} && h.SecuritySignature != smb1Placeholder
}

func smb1Status(h *dissect.SMB1Header) uint32 {
	if h.Flags2&dissect.SMB1Flags2NTStatus != 0 {
		return h.Status
	}
	if h.Status == 0 {
		return 0
	}
	return 0xFFFFFFFF // DOS error: failed, code not an NT status
}

func (c *Conn) smb1Message(physical Direction, msg []byte, holed, whole bool, m Meta) {
	h, err := dissect.ParseSMB1Header(msg)
	if err != nil {
		c.anomaly("smb1_header_truncated")
		return
	}
	dir, mi := c.begin(physical, h.IsResponse(), m)
	if mi != nil {
		mi.SMB1, mi.Command = true, uint16(h.Command)
		mi.Signed, mi.SessionID, mi.MessageID, mi.Status = smb1Signed(&h), uint64(h.UID), uint64(h.MID), h.Status
		defer c.traced(mi)
	}
	if c.v != nil {
		defer c.verifySMB1(dir, &h, msg, whole, m)
	}
	if !h.IsResponse() && dir == FromClient && h.Flags2&dissect.SMB1Flags2SecuritySignatureRequired != 0 {
		// Meaningful only if SMB1 is negotiated: a multi-protocol
		// NEGOTIATE answered by SMB2 says nothing of SMB2 signing.
		c.smb1ClientRequires = true
	}
	switch h.Command {
	case dissect.SMB1Negotiate:
		c.smb1Negotiate(&h, msg, m)
		return
	case dissect.SMB1SessionSetupAndX:
		c.smb1SessionSetup(&h, msg, m)
		return
	}
	if h.IsResponse() && h.Flags2&dissect.SMB1Flags2NTStatus != 0 && h.Status == dissect.StatusInvalidSignature {
		c.invalidSignature(c.smb1Ref(FromServer, &h, m))
	}
	if h.UID == 0 {
		return
	}
	s := c.session(uint64(h.UID), true, m)
	if s == nil {
		return
	}
	if h.Command == dissect.SMB1NTCancel || (h.Command == dissect.SMB1LockingAndX && dir == FromServer && !h.IsResponse()) {
		// CANCEL is never answered; a server-sent LOCKING_ANDX is an
		// oplock break, unsigned by design (MS-CIFS 3.3.4.1.1).
		s.Exempt++
		return
	}
	c.count(s, smb1Signed(&h), false, c.smb1Ref(dir, &h, m))
}

func (c *Conn) smb1Ref(dir Direction, h *dissect.SMB1Header, m Meta) MessageRef {
	r := MessageRefAt(m)
	r.Dir, r.SMB1, r.Cmd = dir, true, uint16(h.Command)
	if h.IsResponse() {
		r.Response, r.Status = true, h.Status
		r.NTStatus = h.Flags2&dissect.SMB1Flags2NTStatus != 0
	}
	return r
}

func (c *Conn) smb1Negotiate(h *dissect.SMB1Header, msg []byte, m Meta) {
	if !h.IsResponse() {
		req, err := dissect.ParseSMB1NegotiateRequest(msg)
		if err != nil {
			// Keep the dialect strings a snap length left whole.
			dialects, _ := dissect.SMB1NegotiateDialectsHead(msg)
			if len(dialects) == 0 {
				c.anomaly("negotiate_request_malformed")
				return
			}
			c.anomaly("negotiate_request_truncated")
			req = dissect.SMB1NegotiateRequest{Dialects: dialects}
		}
		c.smb1Dialects = req.Dialects
		c.res.NegotiateReqFrame = m.Frame
		// A list of its own: an SMB2 list before it may be shared.
		c.res.DialectsOffered = append([]string(nil), req.Dialects...)
		for _, d := range req.Dialects {
			if !strings.HasPrefix(d, "SMB 2.") {
				c.res.SMB1Offered = true
			}
		}
		return
	}
	resp, err := dissect.ParseSMB1NegotiateResponse(msg)
	if err != nil {
		head, herr := dissect.ParseSMB1NegotiateResponseHead(msg)
		if herr != nil {
			c.anomaly("negotiate_response_malformed")
			return
		}
		c.anomaly("negotiate_response_truncated")
		resp = dissect.SMB1NegotiateResponse{WordCount: head.WordCount, DialectIndex: head.DialectIndex,
			HasSecurityMode: head.HasSecurityMode, SecurityMode: head.SecurityMode}
	}
	c.res.NegotiateSeen = true
	c.res.NegotiateFrame = m.Frame
	c.smb1Active = true
	if int(resp.DialectIndex) < len(c.smb1Dialects) {
		c.res.Dialect = c.smb1Dialects[resp.DialectIndex]
	} else if resp.DialectIndex == 0xFFFF {
		c.res.Dialect = ""
		c.anomaly("smb1_no_dialect_accepted")
	}
	c.res.SMB1Negotiated = resp.DialectIndex != 0xFFFF
	if c.t.mi != nil {
		c.t.mi.Dialect = c.res.Dialect
	}
	switch {
	case resp.HasSecurityMode:
		mode := uint16(resp.SecurityMode)
		c.res.ServerSecurityMode = &mode
		if c.t.mi != nil {
			c.t.mi.SecurityMode = &mode
		}
		switch {
		case resp.SecurityMode&dissect.SMB1SecuritySignaturesRequired != 0:
			c.res.ServerSigning = SigningRequired
		case resp.SecurityMode&dissect.SMB1SecuritySignaturesEnabled != 0:
			c.res.ServerSigning = SigningEnabled
		default:
			c.res.ServerSigning = SigningDisabled
		}
	default:
		// Dialects before NT LM 0.12 cannot sign.
		c.res.ServerSigning = SigningDisabled
	}
}

func (c *Conn) smb1SessionSetup(h *dissect.SMB1Header, msg []byte, m Meta) {
	if !h.IsResponse() {
		req, err := dissect.ParseSMB1SessionSetupRequest(msg)
		if err != nil {
			c.anomaly("session_setup_request_malformed")
			return
		}
		var s *Session
		var st *setupState
		if h.UID == 0 {
			s = c.t.pendingSession(true, m)
			st = &setupState{s: s}
			c.notePending(smb1PendingKey|uint64(h.MID), st)
		} else {
			if s = c.session(uint64(h.UID), true, m); s == nil {
				return
			}
			st = c.setupOf(s)
			if st.succeeded && !st.inProgress {
				s.Reauthenticated++
			}
		}
		st.inProgress = true
		s.SetupSeen = true
		if len(req.SecurityBlob) > 0 || req.WordCount == 12 {
			st.extendedToken = true
			c.token(s, req.SecurityBlob)
			return
		}
		// Without extended security the account and passwords travel in
		// the request itself (MS-CIFS 2.2.4.53.1).
		s.UserSeen = true
		s.User, s.Domain = req.AccountName, req.PrimaryDomain
		s.NTLMAnonymous = req.AccountName == "" && req.OEMPasswordLen <= 1 && req.UnicodePasswordLen == 0
		switch {
		case req.UnicodePasswordLen == 24:
			s.NTLMVersion = "v1"
		case req.UnicodePasswordLen > 24:
			s.NTLMVersion = "v2"
		}
		return
	}
	key := smb1PendingKey | uint64(h.MID)
	s := c.session(uint64(h.UID), true, m)
	if s == nil {
		return
	}
	st := c.adoptPending(key, s)
	s.SetupSeen = true
	st.responseSeen = true
	status := smb1Status(h)
	switch {
	case status == dissect.StatusMoreProcessingRequired:
		st.inProgress = true
		if resp, err := dissect.ParseSMB1SessionSetupResponse(msg); err == nil && len(resp.SecurityBlob) > 0 {
			c.token(s, resp.SecurityBlob)
		}
	case status == dissect.StatusSuccess:
		st.inProgress = false
		st.succeeded = true
		s.SetupDone = true
		s.SetupStatus = 0
		s.SetupFrame = m.Frame
		if resp, err := dissect.ParseSMB1SessionSetupResponse(msg); err == nil {
			action := resp.Action
			s.SMB1Action = &action
			if c.t.mi != nil {
				c.t.mi.SessionFlags = &action
			}
			if len(resp.SecurityBlob) > 0 {
				c.token(s, resp.SecurityBlob)
			}
		} else {
			c.anomaly("session_setup_response_malformed")
		}
		classify(s)
	default:
		st.inProgress = false
		s.SetupDone = true
		s.SetupStatus = status
		s.SetupFrame = m.Frame
	}
	if status != 0 && status != dissect.StatusMoreProcessingRequired {
		s.SetupStatusName = dissect.SMB1StatusName(*h)
	}
}
