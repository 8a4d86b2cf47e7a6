package session

import (
	"github.com/smbscope/smbscope/dissect"
	"github.com/smbscope/smbscope/verify"
)

// Signature verification with supplied secrets (Options.Secrets). It runs
// beside the state machines of smb2.go and smb1.go, on the same messages:
// it follows the handshake each key needs (the NTLM exchange, the SMB 3.1.1
// pre-authentication hash, the SMB1 sequence numbers) and checks every
// signed message of a session with the session's key.

// nbssMaxKept is the largest PDU body the 24-bit NBSS length can frame.
// With secrets, every PDU is kept whole so that its signature can be checked.
const nbssMaxKept = 1 << 24

// maxFailures caps the failed messages a session keeps as evidence.
const maxFailures = 10000

// Why a signed message could not be checked, as records say it.
const (
	reasonNoKey       = "no key"
	reasonHandshake   = "handshake not captured"
	reasonTruncated   = "truncated packet"
	reasonKeyMismatch = "the supplied session key does not match the session"
	reasonUnderivable = "the session key cannot be derived from a password for this logon (anonymous or LM-keyed NTLMv1)"
	reasonBinding     = "multichannel session binding: channel keys are not derived"
	reasonAlgorithm   = "unknown signing algorithm"
	reasonSMB1Seq     = "SMB1 sequence number lost (gap in the capture)"
	reasonSMB1NoReq   = "SMB1 request of this response not captured: sequence number unknown"
	reasonSMB1Start   = "SMB1 signing started where the capture cannot follow it"
	reasonSMB1Break   = "SMB1 oplock break from the server: no request gives its sequence number"
)

// SignatureCheck is what checking one session's signatures with the
// supplied secrets found.
type SignatureCheck struct {
	Verified     int // signatures that matched
	Failed       int // signatures that did not: the message was altered, or signed with another key
	Unverifiable int // signed messages that could not be checked
	// Reasons tells why messages could not be checked, each reason once, in
	// the order first met.
	Reasons []string
	// Failures are the messages whose signature did not match.
	Failures []MessageRef
}

// connVerify is the verification state of one connection.
type connVerify struct {
	secrets *verify.Secrets
	gaps    int // Gap calls so far: bytes that will never be seen

	// SMB 3.1.1 connection pre-authentication hash (MS-SMB2 3.2.5.2).
	negReqSeen bool
	preauth    verify.PreauthHash
	preauthOK  bool // the NEGOTIATE request and response were captured whole
	negGaps    int
	alg        verify.Algorithm // SIGNING_CAPABILITIES choice
	algSet     bool

	pending  map[uint64]*sessVerify // first SESSION_SETUP legs, by MessageId
	sessions map[uint64]*sessVerify // by SessionId (SMB1: UID)

	smb1 smb1Verify
}

// sessVerify is the verification state of one session.
type sessVerify struct {
	setupSeen bool // this session's first SESSION_SETUP request was captured
	setupCut  bool // a SESSION_SETUP request was not captured whole
	preauth   verify.PreauthHash
	preauthOK bool
	gaps      int // connVerify.gaps when the setup started
	challenge []byte
	auth      *verify.NTLMAuth
	keyed     bool // the key was settled: signer, or reason why none
	signer    *verify.Signer
	reason    string
	// confirmed: the key is known to be right, because it was derived from
	// a password checked against the captured logon, or a message verified
	// with it. Until then failures are held back: a wrong supplied key, not
	// tampering, is the likelier cause.
	confirmed bool
	held      []MessageRef
	heldN     int
	check     SignatureCheck
}

func newConnVerify(s *verify.Secrets) *connVerify {
	return &connVerify{secrets: s, pending: make(map[uint64]*sessVerify), sessions: make(map[uint64]*sessVerify)}
}

// keepLimit is how much of each PDU the framer keeps.
func (c *Conn) keepLimit() int {
	if c.v != nil {
		return max(c.t.opt.MaxKeptBytes, nbssMaxKept)
	}
	return c.t.opt.MaxKeptBytes
}

// session returns the verification state of a session the connection
// tracks (so within Options.MaxSessions), nil for any other id.
func (c *Conn) sessVerify(id uint64) *sessVerify {
	if c.tracked(id) == nil {
		return nil
	}
	v := c.v
	sv, ok := v.sessions[id]
	if !ok {
		sv = &sessVerify{}
		v.sessions[id] = sv
	}
	return sv
}

func (sv *sessVerify) unverifiable(reason string) {
	sv.check.Unverifiable++
	for _, r := range sv.check.Reasons {
		if r == reason {
			return
		}
	}
	sv.check.Reasons = append(sv.check.Reasons, reason)
}

// result records the outcome of one signature check.
func (sv *sessVerify) result(ok bool, ref MessageRef) {
	if ok {
		sv.check.Verified++
		if !sv.confirmed {
			sv.confirmed = true
			for _, r := range sv.held {
				sv.fail(r)
			}
			sv.check.Failed += sv.heldN - len(sv.held)
			sv.held, sv.heldN = nil, 0
		}
		return
	}
	if sv.confirmed {
		sv.fail(ref)
		return
	}
	sv.heldN++
	if len(sv.held) < maxFailures {
		sv.held = append(sv.held, ref)
	}
}

func (sv *sessVerify) fail(ref MessageRef) {
	sv.check.Failed++
	if len(sv.check.Failures) < maxFailures {
		sv.check.Failures = append(sv.check.Failures, ref)
	}
}

// finishVerify hands a session its SignatureCheck when secrets were
// supplied.
func (c *Conn) finishVerify(s *Session) {
	if c.v == nil {
		return
	}
	sv := c.v.sessions[s.ID]
	if sv == nil {
		s.Signatures = &SignatureCheck{}
		return
	}
	if sv.heldN > 0 {
		// Not one message verified: the key, not every message, is wrong.
		sv.check.Unverifiable += sv.heldN - 1
		sv.unverifiable(reasonKeyMismatch)
		sv.held, sv.heldN = nil, 0
	}
	chk := sv.check
	s.Signatures = &chk
}

// verifyNegotiate follows the NEGOTIATE exchange: the 3.1.1 connection
// pre-authentication hash and the signing algorithm chosen.
func (c *Conn) verifyNegotiate(h *dissect.SMB2Header, msg []byte, whole bool) {
	v := c.v
	if !h.IsResponse() {
		v.preauth = verify.PreauthHash{}
		v.preauth.Update(msg)
		v.preauthOK = whole
		v.negReqSeen = true
		v.negGaps = v.gaps
		v.algSet = false
		return
	}
	if h.Status != dissect.StatusSuccess {
		return
	}
	v.preauth.Update(msg)
	v.preauthOK = v.preauthOK && v.negReqSeen && whole && v.gaps == v.negGaps
	if resp, err := dissect.ParseNegotiateResponse(msg); err == nil && len(resp.Contexts.SigningAlgorithms) > 0 {
		v.alg, v.algSet = verify.Algorithm(resp.Contexts.SigningAlgorithms[0]), true
	}
}

// startSetup begins following a session's first SESSION_SETUP exchange.
func (v *connVerify) startSetup(sv *sessVerify, known bool) {
	sv.setupSeen = known
	sv.preauth = v.preauth
	sv.preauthOK = known && v.preauthOK
	sv.gaps = v.gaps
	sv.auth, sv.challenge, sv.setupCut = nil, nil, false
}

// verifySetup follows a SESSION_SETUP message: the session's
// pre-authentication hash, the NTLM CHALLENGE and AUTHENTICATE, and at the
// final success response, the session's signing key.
func (c *Conn) verifySetup(h *dissect.SMB2Header, msg []byte, whole bool) {
	v := c.v
	if !h.IsResponse() {
		req, err := dissect.ParseSessionSetupRequest(msg)
		var sv *sessVerify
		if h.SessionID == 0 {
			if len(v.pending) >= c.t.opt.MaxPending {
				return
			}
			sv = &sessVerify{}
			v.pending[h.MessageID] = sv
			v.startSetup(sv, true)
		} else {
			if sv = c.sessVerify(h.SessionID); sv == nil {
				return
			}
			if sv.keyed {
				return // reauthentication keeps the session's keys
			}
			if !sv.setupSeen {
				v.startSetup(sv, false) // its first legs were not captured
			}
		}
		if err == nil && req.Flags&dissect.SMB2SessionFlagBinding != 0 {
			sv.keyed, sv.reason = true, reasonBinding
			return
		}
		sv.preauth.Update(msg)
		sv.preauthOK = sv.preauthOK && whole
		sv.setupCut = sv.setupCut || !whole
		if err == nil {
			if a := ntlmAuthenticate(req.SecurityBuffer); a != nil {
				sv.auth = a
			}
		}
		return
	}
	sv, ok := v.pending[h.MessageID]
	delete(v.pending, h.MessageID)
	switch old := c.sessVerify(h.SessionID); {
	case old == nil:
		return
	case !ok || old.keyed:
		sv = old
	default:
		v.sessions[h.SessionID] = sv
	}
	if sv.keyed {
		return
	}
	switch h.Status {
	case dissect.StatusMoreProcessingRequired:
		sv.preauth.Update(msg)
		sv.preauthOK = sv.preauthOK && whole
		if resp, err := dissect.ParseSessionSetupResponse(msg); err == nil {
			if ch := ntlmChallenge(resp.SecurityBuffer); ch != nil {
				sv.challenge = ch
			}
		}
	case dissect.StatusSuccess:
		c.deriveSMB2Key(sv, h.SessionID)
	default:
		sv.setupSeen, sv.auth, sv.challenge = false, nil, nil
	}
}

// ntlmAuthenticate returns a copy of what an NTLM AUTHENTICATE carried in a
// security buffer says, nil when it holds none.
func ntlmAuthenticate(buf []byte) *verify.NTLMAuth {
	if len(buf) == 0 {
		return nil
	}
	tok, err := dissect.ParseSecurityToken(buf)
	n := tok.NTLM
	if err != nil || n == nil || n.Type != dissect.NTLMAuthenticateType {
		return nil
	}
	return &verify.NTLMAuth{
		User: n.User, Domain: n.Domain, Flags: n.Flags,
		LMResponse:                clone(n.LMResponse),
		NTResponse:                clone(n.NTResponse),
		EncryptedRandomSessionKey: clone(n.EncryptedRandomSessionKey),
	}
}

// ntlmChallenge returns a copy of the server challenge of an NTLM
// CHALLENGE in a security buffer, nil when it holds none.
func ntlmChallenge(buf []byte) []byte {
	if len(buf) == 0 {
		return nil
	}
	tok, err := dissect.ParseSecurityToken(buf)
	if n := tok.NTLM; err == nil && n != nil && n.Type == dissect.NTLMChallengeType {
		return clone(n.ServerChallenge[:])
	}
	return nil
}

func clone(b []byte) []byte {
	if b == nil {
		return nil
	}
	return append([]byte(nil), b...)
}

// sessionKey finds the session key of a session: from the key table, else
// from the credentials and the captured NTLM logon. confirmed tells that a
// password checked it; reason says why there is none.
func (v *connVerify) sessionKey(sv *sessVerify, id uint64) (key []byte, confirmed bool, reason string) {
	if k, ok := v.secrets.SessionKey(id); ok {
		return k, false, ""
	}
	if sv.auth == nil {
		// An NTLM exchange whose AUTHENTICATE was lost or cut is a
		// handshake not captured, not a logon without a key.
		if !sv.setupSeen || sv.setupCut || sv.gaps != v.gaps || sv.challenge != nil {
			return nil, false, reasonHandshake
		}
		return nil, false, reasonNoKey
	}
	a := *sv.auth
	a.ServerChallenge = sv.challenge
	if a.ServerChallenge == nil && len(a.NTResponse) > 0 {
		return nil, false, reasonHandshake
	}
	k, res := v.secrets.NTLM(&a)
	switch res {
	case verify.NTLMKey:
		return k, true, ""
	case verify.NTLMWrongPassword:
		who := a.User
		if a.Domain != "" {
			who = a.Domain + `\` + a.User
		}
		return nil, false, "wrong password for " + who
	case verify.NTLMUnsupported:
		return nil, false, reasonUnderivable
	}
	return nil, false, reasonNoKey
}

// deriveSMB2Key settles a session's signing key at the end of its first
// successful SESSION_SETUP (or, for a session whose setup was not captured,
// at its first signed message, from the key table).
func (c *Conn) deriveSMB2Key(sv *sessVerify, id uint64) {
	v := c.v
	sv.keyed = true
	key, confirmed, reason := v.sessionKey(sv, id)
	switch {
	case key == nil:
		sv.reason = reason
		return
	case c.dialect == 0:
		sv.reason = reasonHandshake // the dialect decides the algorithm
		return
	case c.dialect == dissect.Dialect311 && !(sv.setupSeen && sv.preauthOK && sv.gaps == v.gaps):
		sv.reason = reasonHandshake // the key depends on every handshake byte
		return
	}
	alg := verify.SMB2Algorithm(c.dialect, v.alg, v.algSet)
	signer, err := verify.NewSigner(alg, verify.SMB2SigningKey(c.dialect, key, sv.preauth[:]))
	if err != nil {
		sv.reason = reasonAlgorithm
		return
	}
	sv.signer, sv.confirmed = signer, confirmed
}

// verifySMB2 follows the handshake and checks the signature of one SMB2
// message; whole tells that all of its bytes were captured.
func (c *Conn) verifySMB2(dir Direction, h *dissect.SMB2Header, msg []byte, whole bool, m Meta) {
	switch h.Command {
	case dissect.SMB2Negotiate:
		c.verifyNegotiate(h, msg, whole)
		return
	case dissect.SMB2SessionSetup:
		c.verifySetup(h, msg, whole)
	}
	if !h.Signed() || h.SessionID == 0 {
		return
	}
	sv := c.sessVerify(h.SessionID)
	if sv == nil {
		return
	}
	if !whole {
		sv.unverifiable(reasonTruncated)
		return
	}
	if !sv.keyed {
		c.deriveSMB2Key(sv, h.SessionID)
	}
	if sv.signer == nil {
		sv.unverifiable(sv.reason)
		return
	}
	sv.result(sv.signer.Verify(msg), c.ref(dir, h, m))
}

// smb1Verify follows SMB1 signing on a connection (MS-CIFS 3.1.4.1,
// 3.2.4.1.1): one MAC key for the connection, set by the first logon that
// starts signing, and a sequence number per message: a request takes the
// next number, its response the one after.
type smb1Verify struct {
	challenge []byte // NEGOTIATE response challenge (logons without extended security)
	signer    *verify.SMB1Signer
	active    bool // signing started and can be followed
	confirmed bool // the MAC key was checked by a password or a verified message
	reason    string
	setupSeen bool              // a SESSION_SETUP_ANDX request was captured
	next      uint32            // sequence number of the next request
	replies   map[uint64]uint32 // request (PID, MID) -> its response's sequence number
	gaps      int               // connVerify.gaps when signing started
	// The logon in progress.
	setup     *sessVerify
	setupResp []byte // NT response of a logon without extended security
}

func smb1ReplyKey(h *dissect.SMB1Header) uint64 { return uint64(h.PID())<<16 | uint64(h.MID) }

// smb1OneWay reports requests that get no response and so take a single
// sequence number: NT_CANCEL and the secondary transaction requests
// (MS-CIFS 3.2.4.1.3).
func smb1OneWay(cmd uint8) bool {
	switch cmd {
	case dissect.SMB1NTCancel, dissect.SMB1TransactionSecondary, dissect.SMB1Transaction2Second, dissect.SMB1NTTransactSecondary:
		return true
	}
	return false
}

// verifySMB1 follows SMB1 logons and sequence numbers and checks the
// signature of one SMB1 message.
func (c *Conn) verifySMB1(dir Direction, h *dissect.SMB1Header, msg []byte, whole bool, m Meta) {
	v := c.v
	sm := &v.smb1
	switch h.Command {
	case dissect.SMB1Negotiate:
		if h.IsResponse() {
			if resp, err := dissect.ParseSMB1NegotiateResponse(msg); err == nil {
				sm.challenge = clone(resp.Challenge)
			}
		}
		return
	case dissect.SMB1SessionSetupAndX:
		if c.smb1Setup(h, msg, whole, m) {
			return
		}
	}
	signed := smb1Signed(h)
	if !sm.active {
		if signed && h.UID != 0 {
			reason := sm.reason
			switch {
			case reason != "":
			case !sm.setupSeen:
				reason = reasonHandshake
			default:
				reason = reasonSMB1Start
			}
			if sv := c.sessVerify(uint64(h.UID)); sv != nil {
				sv.unverifiable(reason)
			}
		}
		return
	}
	// Sequence numbers.
	var seq uint32
	known, unknown := true, reasonSMB1NoReq
	switch {
	case !h.IsResponse() && dir == FromClient:
		seq = sm.next
		if smb1OneWay(h.Command) {
			sm.next++
		} else {
			sm.next += 2
			if len(sm.replies) >= 4096 {
				clear(sm.replies)
			}
			sm.replies[smb1ReplyKey(h)] = seq + 1
		}
	case h.IsResponse():
		seq, known = sm.replies[smb1ReplyKey(h)]
	default:
		known, unknown = false, reasonSMB1Break
	}
	if !signed || h.UID == 0 && !h.IsResponse() {
		return
	}
	sv := c.sessVerify(uint64(h.UID))
	if sv == nil {
		return
	}
	switch {
	case v.gaps != sm.gaps:
		sv.unverifiable(reasonSMB1Seq)
	case !whole:
		sv.unverifiable(reasonTruncated)
	case !known:
		sv.unverifiable(unknown)
	default:
		sv.confirmed = sv.confirmed || sm.confirmed
		ok := sm.signer.Verify(msg, seq)
		sm.confirmed = sm.confirmed || ok
		sv.result(ok, c.smb1Ref(dir, h, m))
	}
}

// smb1Setup follows an SMB1 SESSION_SETUP_ANDX. It returns true when the
// message was handled in full (signing started with it, or it precedes
// signing).
func (c *Conn) smb1Setup(h *dissect.SMB1Header, msg []byte, whole bool, m Meta) bool {
	v := c.v
	sm := &v.smb1
	if sm.active {
		return false // a later logon: numbered and checked like any message
	}
	if !h.IsResponse() {
		sm.setupSeen = true
		sv := &sessVerify{setupSeen: true}
		if h.UID != 0 && sm.setup != nil {
			sv = sm.setup
		}
		sm.setup = sv
		req, err := dissect.ParseSMB1SessionSetupRequest(msg)
		if err != nil || !whole {
			sv.setupCut = true
			return true
		}
		if req.WordCount == 12 {
			if a := ntlmAuthenticate(req.SecurityBlob); a != nil {
				sv.auth, sm.setupResp = a, nil
			}
			return true
		}
		// Without extended security the responses travel in the request
		// and the challenge came with the NEGOTIATE response.
		sv.auth = &verify.NTLMAuth{
			User: req.AccountName, Domain: req.PrimaryDomain,
			LMResponse: clone(req.OEMPassword), NTResponse: clone(req.UnicodePassword),
		}
		sv.challenge = sm.challenge
		sm.setupResp = clone(req.UnicodePassword)
		return true
	}
	sv := sm.setup
	if sv == nil {
		return false
	}
	status := smb1Status(h)
	switch {
	case status == dissect.StatusMoreProcessingRequired:
		if resp, err := dissect.ParseSMB1SessionSetupResponse(msg); err == nil {
			if ch := ntlmChallenge(resp.SecurityBlob); ch != nil {
				sv.challenge = ch
			}
		}
		return true
	case status != dissect.StatusSuccess:
		sm.setup = nil
		return true
	}
	sm.setup = nil
	if !smb1Signed(h) {
		return true // this logon did not start signing (guest, anonymous, not negotiated)
	}
	// The response that starts signing carries sequence number 1; the
	// client's next request takes 2.
	owner := c.sessVerify(uint64(h.UID))
	if owner == nil {
		return true
	}
	key, confirmed, reason := v.sessionKey(sv, uint64(h.UID))
	if key == nil {
		sm.reason = reason
		owner.unverifiable(reason)
		return true
	}
	sm.signer = verify.NewSMB1Signer(verify.SessionKey16(key), sm.setupResp)
	sm.active, sm.next, sm.gaps, sm.confirmed = true, 2, v.gaps, confirmed
	sm.replies = make(map[uint64]uint32)
	if !whole {
		owner.unverifiable(reasonTruncated)
		return true
	}
	owner.confirmed = confirmed
	ok := sm.signer.Verify(msg, 1)
	sm.confirmed = confirmed || ok
	owner.result(ok, c.smb1Ref(FromServer, h, m))
	return true
}
