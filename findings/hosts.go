package findings

import (
	"cmp"
	"net/netip"
	"slices"
	"strings"
	"time"

	"github.com/smbscope/smbscope/session"
)

// Host roles.
const (
	RoleServer = "server"
	RoleClient = "client"
)

// Values of HostRecord.SigningRequired.
const (
	SigningYes     = "yes"     // every NEGOTIATE seen required signing
	SigningNo      = "no"      // none did
	SigningMixed   = "mixed"   // some connections required it, others did not
	SigningUnknown = "unknown" // no NEGOTIATE of this host was captured
)

// Posture verdicts of HostRecord.Posture.
const (
	// PostureRelayTarget: a server that answered at least one NEGOTIATE
	// without SIGNING_REQUIRED. NTLM authentication relayed to it is
	// accepted without signing.
	PostureRelayTarget = "relay-target"
	// PostureRequiresSigning: every NEGOTIATE seen required signing.
	PostureRequiresSigning = "requires-signing"
	// PostureSignsIfServerRequires: a client that did not require signing
	// on at least one connection: its sessions are signed only when the
	// server requires it.
	PostureSignsIfServerRequires = "signs-only-if-server-requires"
	// PostureSMB1: SMB1 was negotiated, and signing was not shown to be
	// optional.
	PostureSMB1 = "smb1"
	// PostureUnknown: no NEGOTIATE of this host was captured.
	PostureUnknown = "unknown"
)

// HostRecord is the posture of one server or one client over the whole
// run: one record per address and role.
type HostRecord struct {
	Type string `json:"type"`
	// TS is when the host was first seen (as FirstSeen).
	TS   Time       `json:"ts"`
	Host netip.Addr `json:"host"`
	Role string     `json:"role"`
	// Posture is the verdict, one of the Posture constants.
	Posture string `json:"posture"`
	// Names are the host's names learned from the traffic: for servers
	// the NTLM challenge's computer name, the 3.1.1 NETNAME context and the
	// NetBIOS called name; for clients the NTLM workstation and the
	// NetBIOS calling name.
	Names []string `json:"names"`
	// Dialects negotiated on the host's connections.
	Dialects []string `json:"dialects"`
	// SigningRequired is one of the Signing constants: whether this host's
	// own NEGOTIATE messages (the response for a server, the request for
	// a client) required signing.
	SigningRequired string `json:"signing_required"`
	// Negotiations counts the connections on which this host's signing
	// mode was seen, and NotRequired those without SIGNING_REQUIRED.
	Negotiations int  `json:"negotiations"`
	NotRequired  int  `json:"negotiations_not_requiring"`
	SMB1Offered  bool `json:"smb1_offered"`
	SMB1Used     bool `json:"smb1_used"`
	// EncryptionSeen: an encrypted (TRANSFORM) message was seen.
	EncryptionSeen bool `json:"encryption_seen"`
	Connections    int  `json:"connections"`
	// Peers counts the distinct addresses on the other side.
	Peers     int `json:"peers"`
	Sessions  int `json:"sessions"`
	Signed    int `json:"sessions_signed"`
	Unsigned  int `json:"sessions_unsigned"`
	Encrypted int `json:"sessions_encrypted"`
	Mixed     int `json:"sessions_mixed"`
	Failed    int `json:"sessions_failed"`
	Unknown   int `json:"sessions_unknown"`
	Guest     int `json:"sessions_guest"`
	Anonymous int `json:"sessions_anonymous"`
	// Users that authenticated (DOMAIN\user), from NTLM or SMB1.
	Users     []string `json:"users"`
	FirstSeen Time     `json:"first_seen"`
	LastSeen  Time     `json:"last_seen"`
}

// RelayTarget reports whether the host is a server that did not require
// signing on at least one connection.
func (h *HostRecord) RelayTarget() bool {
	return h.Role == RoleServer && (h.SigningRequired == SigningNo || h.SigningRequired == SigningMixed)
}

type hostID struct {
	role string
	addr netip.Addr
}

// hostState aggregates one host's connections until Finish.
type hostState struct {
	rec      HostRecord
	first    time.Time
	last     time.Time
	names    []string
	dialects []string
	users    []string
	// The distinct peers: in a list while there are few, as most hosts
	// have, in a set beyond.
	peerList []netip.Addr
	peers    map[netip.Addr]struct{}
}

const fewPeers = 8

func (h *hostState) addPeer(a netip.Addr) {
	switch {
	case h.peers != nil:
		h.peers[a] = struct{}{}
	case slices.Contains(h.peerList, a):
	case len(h.peerList) < fewPeers:
		h.peerList = append(h.peerList, a)
	default:
		h.peers = make(map[netip.Addr]struct{}, 2*fewPeers)
		for _, p := range h.peerList {
			h.peers[p] = struct{}{}
		}
		h.peers[a] = struct{}{}
		h.peerList = nil
	}
}

func (h *hostState) peerCount() int {
	if h.peers != nil {
		return len(h.peers)
	}
	return len(h.peerList)
}

func (e *Engine) host(role string, addr netip.Addr) *hostState {
	id := hostID{role, addr}
	h := e.posture[id]
	if h == nil {
		h = &hostState{rec: HostRecord{Type: "host", Host: addr, Role: role}}
		e.posture[id] = h
		e.postureSeen = append(e.postureSeen, id)
	}
	return h
}

// observeHosts adds one connection to the posture of its server and client.
func (e *Engine) observeHosts(c *session.Connection) {
	server, client := c.Server.Addr().Unmap(), c.Client.Addr().Unmap()
	srv, cli := e.host(RoleServer, server), e.host(RoleClient, client)
	srv.connection(c, client)
	cli.connection(c, server)

	if c.NegotiateSeen && c.ServerSecurityMode != nil {
		srv.negotiation(c.ServerSigning == session.SigningRequired)
	}
	if c.ClientSigning != session.SigningUnknown {
		cli.negotiation(c.ClientSigning == session.SigningRequired)
	}
	srv.name(c.ServerName)
	srv.name(c.NetBIOSCalled)
	cli.name(c.NetBIOSCalling)
	for _, s := range c.Sessions {
		srv.name(s.ServerName)
		if s.UserSeen {
			cli.name(s.Workstation)
		}
	}
}

func (h *hostState) connection(c *session.Connection, peer netip.Addr) {
	r := &h.rec
	if r.Connections == 0 || c.First.Time.Before(h.first) {
		h.first = c.First.Time
	}
	if r.Connections == 0 || c.Last.Time.After(h.last) {
		h.last = c.Last.Time
	}
	r.Connections++
	h.addPeer(peer)
	if c.Dialect != "" {
		h.dialects = addOnce(h.dialects, c.Dialect)
	}
	r.SMB1Offered = r.SMB1Offered || c.SMB1Offered
	r.SMB1Used = r.SMB1Used || c.SMB1Negotiated
	for _, s := range c.Sessions {
		r.Sessions++
		switch s.Outcome {
		case session.OutcomeSigned:
			r.Signed++
		case session.OutcomeUnsigned:
			r.Unsigned++
		case session.OutcomeEncrypted:
			r.Encrypted++
		case session.OutcomeMixed:
			r.Mixed++
		case session.OutcomeFailed:
			r.Failed++
		default:
			r.Unknown++
		}
		if s.Guest {
			r.Guest++
		}
		if s.Anonymous {
			r.Anonymous++
		}
		if s.Encrypted > 0 {
			r.EncryptionSeen = true
		}
		if s.UserSeen && s.User != "" {
			h.users = addOnce(h.users, qualifiedUser(s))
		}
	}
}

func (h *hostState) negotiation(required bool) {
	h.rec.Negotiations++
	if !required {
		h.rec.NotRequired++
	}
}

// name records a host name, ignoring the generic NetBIOS names clients
// call when they do not know the server's, and addresses.
func (h *hostState) name(n string) {
	n = strings.TrimSpace(n)
	if n == "" {
		return
	}
	// Known already (the usual case): none of the names kept is an
	// address or a placeholder, so nothing else needs checking.
	for _, have := range h.names {
		if strings.EqualFold(have, n) {
			return
		}
	}
	if strings.EqualFold(n, "*SMBSERVER") || strings.EqualFold(n, "*SMBSERV") || n == "*" {
		return
	}
	if _, err := netip.ParseAddr(n); err == nil {
		return
	}
	h.names = append(h.names, n)
}

func addOnce(list []string, v string) []string {
	if slices.Contains(list, v) {
		return list
	}
	return append(list, v)
}

func sortedFold(list []string) []string {
	out := append([]string{}, list...)
	slices.SortFunc(out, func(a, b string) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a), strings.ToLower(b)), cmp.Compare(a, b))
	})
	return out
}

// record builds the host record: sorted sets, signing verdict and posture.
func (h *hostState) record() *HostRecord {
	r := h.rec
	r.TS, r.FirstSeen, r.LastSeen = Time(h.first), Time(h.first), Time(h.last)
	r.Names = sortedFold(h.names)
	r.Dialects = append([]string{}, h.dialects...)
	slices.Sort(r.Dialects)
	r.Users = sortedFold(h.users)
	r.Peers = h.peerCount()
	switch {
	case r.Negotiations == 0:
		r.SigningRequired = SigningUnknown
	case r.NotRequired == 0:
		r.SigningRequired = SigningYes
	case r.NotRequired == r.Negotiations:
		r.SigningRequired = SigningNo
	default:
		r.SigningRequired = SigningMixed
	}
	notRequired := r.SigningRequired == SigningNo || r.SigningRequired == SigningMixed
	switch {
	case notRequired && r.Role == RoleServer:
		r.Posture = PostureRelayTarget
	case notRequired:
		r.Posture = PostureSignsIfServerRequires
	case r.SMB1Used:
		r.Posture = PostureSMB1
	case r.SigningRequired == SigningYes:
		r.Posture = PostureRequiresSigning
	default:
		r.Posture = PostureUnknown
	}
	return &r
}
