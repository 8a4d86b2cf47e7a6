package session

import (
	"github.com/smbscope/smbscope/dissect"
)

// oplockBreakMessageID marks unsolicited break notifications (MS-SMB2 2.2.23).
const oplockBreakMessageID = 0xFFFFFFFFFFFFFFFF

func (c *Conn) smb2PDU(physical Direction, pdu []byte, holed, whole bool, m Meta) {
	r := dissect.NewCompoundReader(pdu)
	for member := 0; ; member++ {
		msg, ok, err := r.Next()
		if err != nil {
			if !holed && !c.keptOnly {
				c.anomaly("compound_malformed")
				return
			}
			if c.keptOnly {
				// The chain runs past the prefix kept of a large PDU.
				c.anomaly(AnomalyKeepLimit)
			}
			if member > 0 {
				return
			}
			// A snap length (or the keep limit) cut the first member
			// before its NextCommand offset: its header is still whole.
			msg, ok = pdu, true
			r = dissect.CompoundReader{}
		}
		if !ok {
			if c.keptOnly && member > 0 && r.Offset() == len(pdu) {
				// The last member kept points past the kept prefix.
				c.anomaly(AnomalyKeepLimit)
			}
			return
		}
		h, err := dissect.ParseSMB2Header(msg)
		if err != nil {
			c.anomaly("smb2_header_truncated")
			return
		}
		dir, mi := c.begin(physical, h.IsResponse(), m)
		if mi != nil {
			mi.Command, mi.Signed = h.Command, h.Signed()
			mi.SessionID, mi.MessageID, mi.Status = h.SessionID, h.MessageID, h.Status
		}
		c.smb2Message(dir, &h, msg, m)
		if c.v != nil {
			c.verifySMB2(dir, &h, msg, whole, m)
		}
		c.traced(c.t.mi)
	}
}

func (c *Conn) smb2Message(dir Direction, h *dissect.SMB2Header, msg []byte, m Meta) {
	if h.IsResponse() != (dir == FromServer) {
		c.anomaly("smb2_direction_mismatch")
	}
	switch h.Command {
	case dissect.SMB2Negotiate:
		c.smb2Negotiate(h, msg, m)
		return
	case dissect.SMB2SessionSetup:
		c.smb2SessionSetup(h, msg, m)
		return
	}
	if h.IsResponse() && h.Status == dissect.StatusInvalidSignature {
		c.invalidSignature(c.ref(FromServer, h, m))
	}
	if h.SessionID == 0 {
		return // no session, no key: nothing to sign with
	}
	if h.Command == dissect.SMB2OplockBreak && h.MessageID == oplockBreakMessageID {
		return // break notification, sent unsigned by design (MS-SMB2 3.3.4.6)
	}
	s := c.session(h.SessionID, false, m)
	if s == nil {
		return
	}
	if h.IsResponse() && h.Async() && h.Status == dissect.StatusPending {
		s.Exempt++ // interim response (MS-SMB2 3.3.4.2), never signed
		return
	}
	if h.Command == dissect.SMB2Cancel || (h.IsResponse() && h.Status == dissect.StatusUserSessionDeleted) {
		s.Exempt++
		return
	}
	protection := false
	switch h.Command {
	case dissect.SMB2TreeConnect:
		protection = true
		if h.IsResponse() && h.Status == dissect.StatusSuccess {
			if tc, err := dissect.ParseTreeConnectResponse(msg); err == nil && tc.ShareFlags&dissect.SMB2ShareFlagEncryptData != 0 {
				s.TreeEncrypt = true
			}
		}
	case dissect.SMB2Ioctl:
		// An error response has no CtlCode: match it to its request.
		if h.IsResponse() {
			_, protection = c.alwaysSignedIoctls[h.MessageID]
			delete(c.alwaysSignedIoctls, h.MessageID)
			if len(c.alwaysSignedIoctls) == 0 {
				c.alwaysSignedIoctls = nil
			}
		} else if io, err := dissect.ParseIoctl(msg); err == nil && alwaysSigned(io.CtlCode) {
			protection = true
			if c.alwaysSignedIoctls == nil {
				c.alwaysSignedIoctls = make(map[uint64]struct{})
			}
			if len(c.alwaysSignedIoctls) < c.t.opt.MaxPending {
				c.alwaysSignedIoctls[h.MessageID] = struct{}{}
			}
		}
	}
	c.count(s, h.Signed(), protection, c.ref(dir, h, m))
}

// alwaysSigned reports FSCTLs that clients sign whatever the session's
// policy: VALIDATE_NEGOTIATE_INFO (secure negotiate, MS-SMB2 3.2.5.5) and
// QUERY_NETWORK_INTERFACE_INFO (multichannel, 3.3.5.15.11).
func alwaysSigned(ctl uint32) bool {
	return ctl == dissect.FsctlValidateNegotiateInfo || ctl == dissect.FsctlQueryNetworkInterface
}

// count records one message of a session after setup. Messages sent while
// the session's first setup is still under way (a client abandoning it with
// LOGOFF, say) have no key to sign with and are set apart.
func (c *Conn) count(s *Session, signed, protection bool, ref MessageRef) {
	c.setupSeenLater(s, ref)
	if st := c.setupState(s); st != nil && st.inProgress && !st.succeeded {
		s.Exempt++
		return
	}
	if signed {
		s.Signed++
		if protection {
			s.SignedProtection++
		}
		return
	}
	s.Unsigned++
	if len(s.UnsignedSamples) < maxSamples {
		if s.UnsignedSamples == nil {
			s.UnsignedSamples = make([]MessageRef, 0, maxSamples)
		}
		s.UnsignedSamples = append(s.UnsignedSamples, ref)
	}
}

func (c *Conn) ref(dir Direction, h *dissect.SMB2Header, m Meta) MessageRef {
	r := MessageRefAt(m)
	r.Dir, r.Cmd, r.NTStatus = dir, h.Command, true
	if h.IsResponse() {
		r.Response, r.Status = true, h.Status
	}
	return r
}

func signingOf(mode uint16) Signing {
	switch {
	case mode&dissect.SMB2SigningRequired != 0:
		return SigningRequired
	case mode&dissect.SMB2SigningEnabled != 0:
		return SigningEnabled
	default:
		return SigningDisabled
	}
}

func (c *Conn) smb2Negotiate(h *dissect.SMB2Header, msg []byte, m Meta) {
	if !h.IsResponse() {
		req, err := dissect.ParseNegotiateRequest(msg)
		if err != nil {
			// A snap length may have cut the message: its head still
			// tells the client's SecurityMode.
			head, herr := dissect.ParseNegotiateRequestHead(msg)
			if herr != nil {
				c.anomaly("negotiate_request_malformed")
				return
			}
			c.anomaly("negotiate_request_truncated")
			req = dissect.NegotiateRequest{SecurityMode: head.SecurityMode}
		}
		mode := req.SecurityMode
		c.res.ClientSecurityMode = &mode
		c.res.NegotiateReqFrame = m.Frame
		if c.t.mi != nil {
			c.t.mi.SecurityMode = &mode
		}
		c.res.ClientSigning = signingOf(mode)
		c.res.DialectsOffered = c.t.names(listDialects, req.Dialects, dissect.DialectName)
		c.res.SigningAlgorithms = c.t.names(listSigning, req.Contexts.SigningAlgorithms, dissect.SigningAlgorithmName)
		c.res.Ciphers = c.t.names(listCiphers, req.Contexts.Ciphers, dissect.CipherName)
		if req.Contexts.NetName != "" {
			c.res.ServerName = req.Contexts.NetName
		}
		return
	}
	if h.Status != dissect.StatusSuccess {
		return
	}
	resp, err := dissect.ParseNegotiateResponse(msg)
	if err != nil {
		head, herr := dissect.ParseNegotiateResponseHead(msg)
		if herr != nil {
			c.anomaly("negotiate_response_malformed")
			return
		}
		c.anomaly("negotiate_response_truncated")
		resp = dissect.NegotiateResponse{SecurityMode: head.SecurityMode, DialectRevision: head.DialectRevision}
	}
	mode := resp.SecurityMode
	c.res.ServerSecurityMode = &mode
	if c.t.mi != nil {
		c.t.mi.SecurityMode = &mode
		c.t.mi.Dialect = dissect.DialectName(resp.DialectRevision)
	}
	c.res.ServerSigning = signingOf(mode)
	c.res.ServerCapabilities = resp.Capabilities
	c.res.NegotiateSeen = true
	c.res.NegotiateFrame = m.Frame
	if resp.DialectRevision == dissect.DialectWildcard {
		// Answer to an SMB1 multi-protocol NEGOTIATE: a second, SMB2
		// NEGOTIATE follows (MS-SMB2 3.3.5.3.1).
		c.res.Dialect = ""
		return
	}
	c.dialect = resp.DialectRevision
	c.res.Dialect = dissect.DialectName(resp.DialectRevision)
	c.res.SMB1Negotiated = false
	if algs := resp.Contexts.SigningAlgorithms; len(algs) > 0 {
		c.res.SigningAlgorithm = dissect.SigningAlgorithmName(algs[0])
	}
	if ciphers := resp.Contexts.Ciphers; len(ciphers) > 0 {
		c.res.Cipher = dissect.CipherName(ciphers[0])
	}
}

func names(ids []uint16, name func(uint16) string) []string {
	if len(ids) == 0 {
		return nil
	}
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = name(id)
	}
	return out
}

func (c *Conn) smb2SessionSetup(h *dissect.SMB2Header, msg []byte, m Meta) {
	if !h.IsResponse() {
		req, err := dissect.ParseSessionSetupRequest(msg)
		if err != nil {
			flags, mode, herr := dissect.ParseSessionSetupRequestHead(msg)
			if herr != nil {
				c.anomaly("session_setup_request_malformed")
				return
			}
			c.anomaly("session_setup_request_truncated")
			req = dissect.SessionSetupRequest{Flags: flags, SecurityMode: mode}
		}
		var s *Session
		var st *setupState
		if h.SessionID == 0 {
			s = c.t.pendingSession(false, m)
			st = &setupState{s: s}
			c.notePending(h.MessageID, st)
		} else {
			if s = c.session(h.SessionID, false, m); s == nil {
				return
			}
			st = c.setupOf(s)
			if st.succeeded && !st.inProgress {
				s.Reauthenticated++
			}
		}
		st.inProgress = true
		s.SetupSeen = true
		mode := req.SecurityMode
		s.ClientSecMode = &mode
		if c.t.mi != nil {
			m16 := uint16(mode)
			c.t.mi.SecurityMode = &m16
		}
		if c.res.ClientSecurityMode == nil {
			// No SMB2 NEGOTIATE request (an SMB1 multi-protocol one was
			// answered, or it was not captured): this is the client's word.
			c.res.ClientSigning = signingOf(uint16(mode))
		}
		if req.Flags&dissect.SMB2SessionFlagBinding != 0 {
			s.Binding = true
		}
		s.PreviousSession = req.PreviousSessionID
		if len(req.SecurityBuffer) > 0 {
			st.extendedToken = true
			c.token(s, req.SecurityBuffer)
		}
		return
	}
	s := c.session(h.SessionID, false, m)
	if s == nil {
		return
	}
	st := c.adoptPending(h.MessageID, s)
	s.SetupSeen = true
	st.responseSeen = true
	switch h.Status {
	case dissect.StatusMoreProcessingRequired:
		st.inProgress = true
		resp, err := dissect.ParseSessionSetupResponse(msg)
		if err != nil {
			flags, herr := dissect.ParseSessionSetupResponseHead(msg)
			if herr != nil {
				return
			}
			resp = dissect.SessionSetupResponse{SessionFlags: flags}
		}
		if c.t.mi != nil {
			flags := resp.SessionFlags
			c.t.mi.SessionFlags = &flags
		}
		if len(resp.SecurityBuffer) > 0 {
			c.token(s, resp.SecurityBuffer)
		}
		return
	case dissect.StatusSuccess:
		st.inProgress = false
		st.succeeded = true
		s.SetupDone = true
		s.SetupStatus = h.Status
		s.SetupFrame = m.Frame
		resp, err := dissect.ParseSessionSetupResponse(msg)
		if err != nil {
			flags, herr := dissect.ParseSessionSetupResponseHead(msg)
			if herr != nil {
				c.anomaly("session_setup_response_malformed")
				return
			}
			c.anomaly("session_setup_response_truncated")
			resp = dissect.SessionSetupResponse{SessionFlags: flags}
		}
		flags := resp.SessionFlags
		s.SessionFlags = &flags
		if c.t.mi != nil {
			c.t.mi.SessionFlags = &flags
		}
		if flags&dissect.SMB2SessionFlagEncryptData != 0 {
			s.SessionEncrypt = true
		}
		if len(resp.SecurityBuffer) > 0 {
			c.token(s, resp.SecurityBuffer)
		}
		classify(s)
		// SMB 3.1.1 signs the final response of every user session
		// (MS-SMB2 3.3.5.5.3); an unsigned one was stripped or forged.
		if c.dialect == dissect.Dialect311 && !h.Signed() && !s.Guest && !s.Anonymous {
			c.count(s, false, false, c.ref(FromServer, h, m))
		}
	default:
		st.inProgress = false
		s.SetupDone = true
		s.SetupStatus = h.Status
		s.SetupFrame = m.Frame
		if h.Status == dissect.StatusInvalidSignature {
			c.invalidSignature(c.ref(FromServer, h, m))
		}
	}
}

// classify sets Guest and Anonymous from every signal seen: session flags,
// the SMB1 Action bit and the NTLMSSP AUTHENTICATE (Samba sets no flag for
// anonymous logons).
func classify(s *Session) {
	if s.SessionFlags != nil {
		if *s.SessionFlags&dissect.SMB2SessionFlagIsNull != 0 {
			s.Anonymous = true
		}
		if *s.SessionFlags&dissect.SMB2SessionFlagIsGuest != 0 {
			s.Guest = true
		}
	}
	if s.SMB1Action != nil && *s.SMB1Action&dissect.SMB1ActionGuest != 0 {
		s.Guest = true
	}
	if s.NTLMAnonymous {
		s.Anonymous = true
	}
	if s.Anonymous {
		// A null session is reported as anonymous; servers that also
		// raise the guest bit for it say nothing more.
		s.Guest = false
	}
}
