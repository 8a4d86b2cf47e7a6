package session

import (
	"strings"

	"github.com/smbscope/smbscope/dissect"
)

// Conn is the live state of one TCP connection. Its small fields are
// grouped so that a connection fits a 768-byte allocation with the 8-byte
// type header Go puts in front of objects over 512 bytes: with 100,000
// connections open, every byte here is 100 kB.
type Conn struct {
	t   *Tracker
	res Connection
	fr  [2]framer

	knownPort  bool // 445 or 139: SMB expected
	isSMB      bool // an SMB or NBSS message was parsed
	rolesSet   bool // client/server roles confirmed from the traffic
	swapped    bool // roles were inverted from what capture guessed
	closed     bool
	keptOnly   bool    // the current PDU was cut to Options.MaxKeptBytes
	spoke      [2]bool // a message was parsed per logical direction
	smb1Active bool    // SMB1 negotiate response seen
	// smb1ClientRequires: an SMB1 request carried
	// SMB_FLAGS2_SMB_SECURITY_SIGNATURE_REQUIRED (MS-SMB 2.2.3.1).
	smb1ClientRequires bool
	dialect            uint16 // SMB2 dialect chosen, 0 when unknown
	dataSeen           int32  // payload bytes seen before SMB was recognised

	// order holds the sessions in the order they were first seen;
	// sessions indexes them once there are more than smallSessions.
	sessions map[uint64]*Session
	order    []*Session
	// pendingOne and pendingMore hold the SESSION_SETUP state of a first
	// leg (SessionId 0) per MessageId until the response assigns the id;
	// Session.setup holds it afterwards. Most connections have one at a
	// time, which needs no table.
	pendingOne  pendingSetup
	pendingMore map[uint64]*setupState

	smb1Dialects []string

	// alwaysSignedIoctls holds the MessageIds of IOCTL requests that clients
	// sign on every session, awaiting their response.
	alwaysSignedIoctls map[uint64]struct{}

	v *connVerify // signature verification, nil without secrets
}

// setupState follows a session's SESSION_SETUP exchange.
type setupState struct {
	s             *Session
	succeeded     bool // a SUCCESS final response was seen at least once
	inProgress    bool // legs seen, no final response yet
	responseSeen  bool
	extendedToken bool
	finalUnseen   bool // the final response was lost; later traffic shows success
}

// notSMBAfter is how much unrecognised payload on a port other than 445
// and 139 is examined before the connection is dropped as not SMB.
const notSMBAfter = 4096

// Data consumes in-order bytes of one direction. It returns false once the
// connection is known not to carry SMB.
func (c *Conn) Data(dir Direction, data []byte, m Meta) bool {
	c.res.Last = m
	f := &c.fr[dir]
	f.feed(c.sink(dir), data, c.keepLimit(), m)
	if !c.isSMB && !c.knownPort {
		c.dataSeen += int32(min(len(data), notSMBAfter+1))
		if c.dataSeen > notSMBAfter {
			return false
		}
	}
	return true
}

// Gap records bytes of one direction that will never be delivered.
func (c *Conn) Gap(dir Direction, n int, m Meta) {
	c.res.Last = m
	if c.v != nil {
		c.v.gaps++
	}
	c.fr[dir].gap(c.sink(dir), n, m)
}

// connSink receives the framer callbacks of both directions; the framer
// tells which. A conversion of the Conn pointer, so handing it to the
// framer allocates nothing.
type connSink Conn

func (c *Conn) sink(Direction) *connSink { return (*connSink)(c) }

func (s *connSink) anomaly(name string) {
	c := (*Conn)(s)
	if c.isSMB || c.knownPort {
		c.anomaly(name)
	}
}

func (s *connSink) buffer(b []byte, want int) []byte { return s.t.buffer(b, want) }
func (s *connSink) release(b []byte)                 { s.t.release(b) }

func (s *connSink) pdu(f *framer, typ dissect.NBSSType, body []byte, length int, holed bool, m Meta) {
	c := (*Conn)(s)
	dir := FromClient
	if f == &c.fr[FromServer] {
		dir = FromServer
	}
	c.pdu(dir, typ, body, length, holed, m)
}

func (c *Conn) anomaly(name string) {
	name = c.keptName(name)
	if c.res.Anomalies == nil {
		c.res.Anomalies = make(map[string]int)
	}
	c.res.Anomalies[name]++
}

// logical maps a physical direction to client/server after a role swap.
func (c *Conn) logical(dir Direction) Direction {
	if c.swapped {
		return dir ^ 1
	}
	return dir
}

// confirmRoles fixes client and server from the first message whose
// direction is certain (SMB2 SERVER_TO_REDIR, SMB1 REPLY), unless the
// handshake already told.
func (c *Conn) confirmRoles(physical Direction, response bool) {
	if c.rolesSet {
		return
	}
	c.rolesSet = true
	if c.res.SawSYN {
		return
	}
	if (physical == FromClient) == response {
		c.swapped = true
		c.res.Client, c.res.Server = c.res.Server, c.res.Client
		c.res.NetBIOS = c.res.Server.Port() == 139
	}
}

func (c *Conn) pdu(physical Direction, typ dissect.NBSSType, body []byte, length int, holed bool, m Meta) {
	if !nbssControlValid(typ, body, length, holed) {
		c.anomaly(AnomalyNBSSControl)
		return
	}
	switch typ {
	case dissect.NBSSKeepalive:
		return
	case dissect.NBSSRequest:
		c.isSMB = true
		c.res.NetBIOS = true
		if called, calling, err := dissect.ParseNBSSSessionRequest(body); err == nil {
			c.res.NetBIOSCalled, c.res.NetBIOSCalling = called, calling
		}
		return
	case dissect.NBSSPositive:
		c.res.NetBIOS = true
		return
	case dissect.NBSSNegative:
		c.res.NetBIOS = true
		c.res.NetBIOSRefused = true
		return
	case dissect.NBSSMessage:
	default:
		return
	}
	if holed && len(body) < 4 {
		c.anomaly("message_truncated")
		return
	}
	c.keptOnly = !holed && len(body) < length
	c.isSMB = true
	whole := !holed && len(body) == length
	switch dissect.ProtocolOf(body) {
	case dissect.ProtoSMB2:
		c.res.SMB2Seen = true
		c.smb2PDU(physical, body, holed, whole, m)
	case dissect.ProtoTransform:
		c.res.SMB2Seen = true
		c.transform(body, m)
	case dissect.ProtoCompression:
		c.res.SMB2Seen = true
		c.anomaly("compressed_message")
	case dissect.ProtoSMB1:
		c.res.SMB1Seen = true
		c.smb1Message(physical, body, holed, whole, m)
	}
}

func (c *Conn) transform(body []byte, m Meta) {
	th, err := dissect.ParseTransformHeader(body)
	if err != nil {
		c.anomaly("transform_truncated")
		return
	}
	c.res.Messages++
	if mi := c.tracing(); mi != nil {
		mi.Meta, mi.Transform, mi.SessionID = m, true, th.SessionID
		c.traced(mi)
	}
	s := c.session(th.SessionID, false, m)
	if s == nil {
		return
	}
	s.Encrypted++
}

// invalidSignature records a STATUS_INVALID_SIGNATURE response, keeping
// the first few as evidence.
func (c *Conn) invalidSignature(ref MessageRef) {
	c.res.InvalidSignatureCount++
	c.res.LastInvalidSignature = ref.Meta()
	if len(c.res.InvalidSignatures) < maxSamples {
		c.res.InvalidSignatures = append(c.res.InvalidSignatures, ref)
	}
}

// session returns the session with id, creating it when new. nil when the
// per-connection limit is reached.
func (c *Conn) session(id uint64, smb1 bool, m Meta) *Session {
	if s := c.tracked(id); s != nil {
		s.Last = m
		return s
	}
	if len(c.order) >= c.t.opt.MaxSessions {
		c.anomaly("session_limit")
		return nil
	}
	s := &Session{ID: id, SMB1: smb1, First: m, Last: m}
	c.order = append(c.order, s)
	switch {
	case c.sessions != nil:
		c.sessions[id] = s
	case len(c.order) > smallSessions:
		c.sessions = make(map[uint64]*Session, len(c.order))
		for _, s := range c.order {
			c.sessions[s.ID] = s
		}
	}
	return s
}

// smallSessions is how many sessions a connection looks up in order, before
// it indexes them: most connections have one.
const smallSessions = 8

// tracked returns the session with id, nil when it is not tracked.
func (c *Conn) tracked(id uint64) *Session {
	if c.sessions != nil {
		return c.sessions[id]
	}
	for _, s := range c.order {
		if s.ID == id {
			return s
		}
	}
	return nil
}

// setupState returns the SESSION_SETUP state of s, nil before its first.
func (c *Conn) setupState(s *Session) *setupState { return s.setup }

func (c *Conn) setupOf(s *Session) *setupState {
	if s.setup == nil {
		s.setup = &setupState{s: s}
	}
	return s.setup
}

// pendingSetup is a first leg's state awaiting its response's SessionId.
type pendingSetup struct {
	key uint64
	st  *setupState // nil when the slot is free
}

func (c *Conn) notePending(key uint64, st *setupState) {
	n := len(c.pendingMore)
	if c.pendingOne.st != nil {
		n++
	}
	if n >= c.t.opt.MaxPending {
		c.anomaly("pending_limit")
		return
	}
	if _, ok := c.pendingMore[key]; ok {
		c.pendingMore[key] = st
		return
	}
	if c.pendingOne.st == nil || c.pendingOne.key == key {
		c.pendingOne = pendingSetup{key: key, st: st}
		return
	}
	if c.pendingMore == nil {
		c.pendingMore = make(map[uint64]*setupState)
	}
	c.pendingMore[key] = st
}

// takePending removes and returns the state noted for key, nil when none.
func (c *Conn) takePending(key uint64) *setupState {
	if c.pendingOne.st != nil && c.pendingOne.key == key {
		p := c.pendingOne.st
		c.pendingOne = pendingSetup{}
		return p
	}
	p, ok := c.pendingMore[key]
	if !ok {
		return nil
	}
	delete(c.pendingMore, key)
	if len(c.pendingMore) == 0 {
		c.pendingMore = nil // an idle connection holds no table
	}
	return p
}

// adoptPending attaches what the first SESSION_SETUP request (sent with
// SessionId 0) told to the session the response names.
func (c *Conn) adoptPending(key uint64, s *Session) *setupState {
	st := c.setupOf(s)
	p := c.takePending(key)
	if p == nil {
		return st
	}
	mergeAuth(s, p.s)
	st.inProgress = true
	st.extendedToken = st.extendedToken || p.extendedToken
	if s.First.Frame == 0 || (p.s.First.Frame != 0 && p.s.First.Frame < s.First.Frame) {
		s.First = p.s.First
	}
	c.t.recycle(p.s)
	return st
}

// mergeAuth copies what a pending request learned into the session.
func mergeAuth(dst, src *Session) {
	dst.SetupSeen = true
	if src.ClientSecMode != nil {
		dst.ClientSecMode = src.ClientSecMode
	}
	if src.Binding {
		dst.Binding = true
	}
	if src.PreviousSession != 0 {
		dst.PreviousSession = src.PreviousSession
	}
	if len(src.MechsOffered) > 0 {
		dst.MechsOffered = src.MechsOffered
	}
	if src.Auth != "" {
		dst.Auth = src.Auth
	}
	if src.UserSeen {
		dst.UserSeen = true
		dst.User, dst.Domain, dst.Workstation = src.User, src.Domain, src.Workstation
		dst.NTLMAnonymous = src.NTLMAnonymous
		dst.NTLMVersion = src.NTLMVersion
		dst.NTLMFlags = src.NTLMFlags
	}
	if src.KerberosRealm != "" || src.KerberosSName != "" {
		dst.KerberosRealm, dst.KerberosSName, dst.KerberosEtype = src.KerberosRealm, src.KerberosSName, src.KerberosEtype
	}
}

// token parses a SESSION_SETUP security buffer and applies it to s.
func (c *Conn) token(s *Session, buf []byte) {
	// Nothing keeps the NTLM message: decode it into the tracker's.
	tok, err := dissect.ParseSecurityTokenInto(buf, &c.t.ntlm)
	if err != nil {
		c.anomaly("security_token_malformed")
		return
	}
	applyToken(s, tok)
	if mi := c.t.mi; mi != nil {
		if n := tok.NTLM; n != nil && n.Type == dissect.NTLMAuthenticateType {
			mi.NTLMAuth = &[3]string{n.User, n.Domain, n.Workstation}
		}
		if k := tok.Kerberos; k != nil {
			mi.KerberosRealm, mi.KerberosSName = k.Realm, strings.Join(k.SName, ",")
		}
	}
}

// applyToken records what an authentication token says about the session.
func applyToken(s *Session, tok dissect.SecurityToken) {
	if len(tok.MechTypes) > 0 && tok.Kind == dissect.TokenSPNEGOInit {
		s.MechsOffered = make([]string, 0, len(tok.MechTypes))
		for _, oid := range tok.MechTypes {
			name := dissect.MechName(oid)
			if oid == dissect.OIDKerberos5Legacy {
				name = "ms-kerberos" // Microsoft's historical Kerberos OID, offered beside the standard one
			}
			s.MechsOffered = append(s.MechsOffered, name)
		}
	}
	if tok.SupportedMech != "" {
		switch dissect.MechName(tok.SupportedMech) {
		case "kerberos":
			s.Auth = AuthKerberos
		case "ntlmssp":
			s.Auth = AuthNTLMSSP
		}
	}
	if n := tok.NTLM; n != nil {
		s.Auth = AuthNTLMSSP
		switch n.Type {
		case dissect.NTLMAuthenticateType:
			s.UserSeen = true
			s.User, s.Domain, s.Workstation = n.User, n.Domain, n.Workstation
			s.NTLMAnonymous = n.Anonymous
			s.NTLMVersion = n.Version
			s.NTLMFlags = n.Flags
		case dissect.NTLMChallengeType:
			if n.DNSComputer != "" {
				s.ServerName = n.DNSComputer
			} else if n.NetBIOSComputer != "" {
				s.ServerName = n.NetBIOSComputer
			}
		}
	}
	if k := tok.Kerberos; k != nil {
		s.Auth = AuthKerberos
		if k.MsgType == 14 {
			s.KerberosRealm = k.Realm
			s.KerberosSName = k.SPN()
			s.KerberosEtype = k.TicketEtype
		}
	}
}

// Close ends the connection and hands its result to the tracker's emit.
func (c *Conn) Close(m Meta, reason string) {
	if c.closed {
		return
	}
	c.closed = true
	if m.Frame != 0 {
		c.res.Last = m
	}
	c.res.Close = reason
	c.noteClose(reason)
	if !c.isSMB {
		c.t.Ignored++
		return
	}
	c.res.UID = connUID(c.res.Client, c.res.Server, c.res.First)
	if c.res.SMB1Negotiated && c.smb1ClientRequires && c.res.ClientSigning == SigningUnknown {
		c.res.ClientSigning = SigningRequired
	}
	for _, s := range c.order {
		c.finish(s)
		c.finishVerify(s)
		s.setup = nil
		c.res.Sessions = append(c.res.Sessions, s)
	}
	c.t.Reported++
	c.t.emit(&c.res)
}
