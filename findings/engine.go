package findings

import (
	"encoding/binary"
	"net/netip"
	"strings"
	"time"

	"github.com/smbscope/smbscope/session"
)

// Writer receives records in the order they are final: session records and
// session findings as each connection ends, then at the end of the run the
// host findings and the host records. There is one implementation per
// output format.
type Writer interface {
	Session(r *SessionRecord) error
	Finding(r *FindingRecord) error
	Host(r *HostRecord) error
	// Input is told what one input held once it has been read. Formats
	// that report per input use it; the others ignore it.
	Input(s *InputSummary) error
	// Close writes what is buffered and closes what the writer opened.
	Close() error
}

// InputSummary counts what one input held.
type InputSummary struct {
	Input       string
	Packets     uint64
	Connections int    // SMB connections
	Sessions    int    // SMB sessions
	Err         string // why the input could not be read to its end
}

// maxEvidence caps the uids and frames a deduplicated finding lists.
const maxEvidence = 10

// Engine applies the rules to each connection as it ends, writes its session
// records and session findings at once, and aggregates host findings
// (one per subject per run) until Finish.
type Engine struct {
	w      Writer
	seed   uint16
	hosts  map[hostKey]*hostFinding
	order  []hostKey
	counts map[string]int
	err    error

	posture     map[hostID]*hostState
	postureSeen []hostID
	hostRecords []*HostRecord

	live *liveHosts // set by SetLive

	names [addrNames]addrName // recently named addresses

	recs  []SessionRecord     // scratch for one connection's records
	arena recordArena         // and for their strings and message evidence
	cidOf *session.Connection // the connection cid is the Community ID of
	cid   string
}

// communityID is c's Community ID, computed once per connection.
func (e *Engine) communityID(c *session.Connection) string {
	if e.cidOf != c {
		e.cidOf, e.cid = c, CommunityID(e.seed, c.Client, c.Server)
	}
	return e.cid
}

type hostKey struct{ finding, subject string }

// addrNames is the size of the Engine's cache of address strings: every
// connection names its two endpoints, and most come back.
const addrNames = 1 << addrNameBits

const addrNameBits = 10

type addrName struct {
	addr netip.Addr
	name string
}

// addrString is a's string form, IPv4-mapped addresses unmapped, from the
// cache when a was named recently. The cache is direct mapped, so it costs
// the same whatever the traffic.
func (e *Engine) addrString(a netip.Addr) string {
	a = a.Unmap()
	b := a.As16()
	h := binary.LittleEndian.Uint64(b[8:]) ^ binary.LittleEndian.Uint64(b[:8])
	h *= 0x9E3779B97F4A7C15
	slot := &e.names[h>>(64-addrNameBits)]
	if slot.name == "" || slot.addr != a {
		slot.addr, slot.name = a, a.String()
	}
	return slot.name
}

// NewEngine returns an Engine writing to w; seed is the Community ID seed.
func NewEngine(w Writer, seed uint16) *Engine {
	return &Engine{
		w: w, seed: seed,
		hosts:   make(map[hostKey]*hostFinding),
		counts:  make(map[string]int),
		posture: make(map[hostID]*hostState),
	}
}

// Counts returns how many findings of each kind were written so far.
func (e *Engine) Counts() map[string]int { return e.counts }

// Err returns the first write error.
func (e *Engine) Err() error { return e.err }

func (e *Engine) write(f *FindingRecord) {
	e.counts[f.Finding]++
	e.setErr(e.w.Finding(f))
}

func (e *Engine) setErr(err error) {
	if err != nil && e.err == nil {
		e.err = err
	}
}

// Input passes the summary of one input to the writer.
func (e *Engine) Input(s *InputSummary) { e.setErr(e.w.Input(s)) }

// Connection processes one finished connection.
func (e *Engine) Connection(c *session.Connection) {
	e.recs = sessionRecords(e.recs[:0], c, e.communityID(c), &e.arena)
	for i := range e.recs {
		e.setErr(e.w.Session(&e.recs[i]))
	}
	clear(e.recs)
	e.arena.reset()
	for _, s := range c.Sessions {
		e.sessionFindings(c, s)
	}
	if len(c.InvalidSignatures) > 0 {
		f := e.newFinding(InvalidSignature, c, e.addrString(c.Server.Addr()))
		f.TS = Time(c.InvalidSignatures[0].Time())
		f.Evidence.Count = c.InvalidSignatureCount
		f.Evidence.FirstSeen = Time(c.InvalidSignatures[0].Time())
		f.Evidence.LastSeen = Time(c.LastInvalidSignature.Time)
		refs := c.InvalidSignatures
		f.Evidence.Truncated = c.InvalidSignatureCount > len(refs)
		for _, r := range refs {
			f.Evidence.Frames = append(f.Evidence.Frames, r.Frame)
		}
		f.Evidence.Messages = messages(refs)
		e.write(f)
	}
	e.hostFindings(c)
	e.observeHosts(c)
	if e.live != nil {
		e.flushLive(c.Last.Time, false)
	}
}

func (e *Engine) newFinding(k Kind, c *session.Connection, subject string) *FindingRecord {
	return &FindingRecord{
		Type:        "finding",
		TS:          Time(c.First.Time),
		Finding:     k.Name,
		Severity:    k.Severity,
		Subject:     subject,
		UID:         c.UID,
		ConnID:      connID(c),
		CommunityID: e.communityID(c),
		Description: k.Description,
		Evidence:    Evidence{Input: c.Input, Count: 1, FirstSeen: Time(c.First.Time), LastSeen: Time(c.Last.Time), UIDs: []string{c.UID}},
		Remediation: k.Remediation,
	}
}

func (e *Engine) sessionFindings(c *session.Connection, s *session.Session) {
	var subject string // made when a finding needs it
	subj := func() string {
		if subject == "" {
			subject = e.addrString(c.Client.Addr()) + " -> " + e.addrString(c.Server.Addr()) + " session " + s.SessionIDString()
		}
		return subject
	}
	emit := func(k Kind, frames []uint64, detail string) {
		f := e.newFinding(k, c, subj())
		f.TS = Time(s.First.Time)
		f.Evidence.FirstSeen, f.Evidence.LastSeen = Time(s.First.Time), Time(s.Last.Time)
		f.Evidence.SessionID = s.SessionIDString()
		f.Evidence.Dialect = c.Dialect
		if s.UserSeen {
			f.Evidence.User = qualifiedUser(s)
		}
		f.Evidence.Frames = frames
		f.Evidence.Detail = detail
		e.write(f)
	}
	if s.Signatures != nil {
		e.signatureFindings(c, s, subj())
	}
	setup := setupFrames(s)
	required := c.SigningRequired()
	isRequired := required != nil && *required
	switch {
	case !s.Authenticated():
	case isRequired && s.UnexpectedUnsigned > 0:
		f := sampleFrames(s)
		emit(SigningRequiredButUnsigned, f, strings.Join(s.Reasons, "; "))
	case s.Outcome == session.OutcomeUnsigned || (s.Outcome == session.OutcomeMixed && !isRequired && s.Encrypted == 0):
		emit(UnsignedSession, append(setup, sampleFrames(s)...), strings.Join(s.Reasons, "; "))
	}
	if s.Authenticated() && s.Auth == session.AuthNTLMSSP && s.UserSeen {
		pair := e.addrString(c.Client.Addr()) + " -> " + e.addrString(c.Server.Addr())
		// The detail is the first session's: made only for a new finding.
		detail := func() string {
			d := "user " + qualifiedUser(s)
			if s.NTLMVersion != "" {
				d += ", NTLM" + s.NTLMVersion
			}
			if s.KerberosOffered {
				d += "; the client offered Kerberos but NTLM was used: it probably connected by IP address or CNAME"
			}
			return d
		}
		if h := e.aggregate(&NTLMAuthentication, c, pair, s.SetupFrame, nil); h.detail == "" {
			h.detail = detail()
		}
		if s.NTLMVersion == "v1" || s.NTLMVersion == "v1-ess" {
			if h := e.aggregate(&NTLMv1Authentication, c, pair, s.SetupFrame, nil); h.detail == "" {
				h.detail = detail()
			}
		}
	}
	if s.SetupDone && s.SetupStatus == 0 {
		switch {
		case s.Anonymous:
			emit(AnonymousSession, setup, "")
		case s.Guest && s.UserSeen && s.User != "" && !strings.EqualFold(s.User, "guest"):
			emit(GuestFallback, setup, "logon as "+qualifiedUser(s)+" answered as guest")
		case s.Guest:
			emit(GuestSession, setup, "")
		}
	}
}

func qualifiedUser(s *session.Session) string {
	if s.Domain != "" {
		return s.Domain + `\` + s.User
	}
	return s.User
}

func setupFrames(s *session.Session) []uint64 {
	if s.SetupFrame == 0 {
		return nil
	}
	return []uint64{s.SetupFrame}
}

func sampleFrames(s *session.Session) []uint64 {
	out := make([]uint64, 0, len(s.UnsignedSamples))
	for _, m := range s.UnsignedSamples {
		out = append(out, m.Frame)
	}
	return out
}

// hostFindings aggregates the posture of the connection's client and server.
func (e *Engine) hostFindings(c *session.Connection) {
	server := e.addrString(c.Server.Addr())
	client := e.addrString(c.Client.Addr())
	if c.NegotiateSeen && c.ServerSecurityMode != nil && c.ServerSigning != session.SigningRequired {
		e.aggregate(&ServerSigningNotRequired, c, server, c.NegotiateFrame, c.ServerSecurityMode)
	}
	if c.ClientSecurityMode != nil && c.ClientSigning != session.SigningRequired {
		e.aggregate(&ClientSigningNotRequired, c, client, c.NegotiateReqFrame, c.ClientSecurityMode)
	}
	if c.SMB1Negotiated {
		e.aggregate(&SMB1Negotiated, c, server, c.NegotiateFrame, nil)
	}
	if c.SMB1Offered {
		e.aggregate(&SMB1Offered, c, client, c.NegotiateReqFrame, nil)
	}
}

// aggregate counts c as evidence of the host finding k about subject;
// mode, when not nil, is the security mode the first evidence showed.
func (e *Engine) aggregate(k *Kind, c *session.Connection, subject string, frame uint64, mode *uint16) *hostFinding {
	key := hostKey{k.Name, subject}
	h, ok := e.hosts[key]
	if !ok {
		h = newHostFinding(k, c, subject, e.communityID(c))
		if mode != nil {
			h.mode = hex16(*mode, 2)
		}
		e.hosts[key] = h
		e.order = append(e.order, key)
	}
	h.add(c, frame)
	if e.live != nil {
		e.live.touched(key)
	}
	return h
}

// Finish writes the host findings, then one host record per server and per
// client, each in the order they were first seen. Hosts returns the host
// records afterwards.
func (e *Engine) Finish() error {
	if e.live != nil {
		// Live, each was written already: write those changed since.
		e.flushLive(time.Time{}, true)
		clear(e.live.state)
	} else {
		for _, k := range e.order {
			e.write(e.hosts[k].record())
		}
	}
	e.order = e.order[:0]
	clear(e.hosts)
	for _, id := range e.postureSeen {
		r := e.posture[id].record()
		e.hostRecords = append(e.hostRecords, r)
		e.setErr(e.w.Host(r))
	}
	e.postureSeen = e.postureSeen[:0]
	clear(e.posture)
	return e.err
}

// Hosts returns the host records written by Finish.
func (e *Engine) Hosts() []*HostRecord { return e.hostRecords }
