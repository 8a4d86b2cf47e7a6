package session

import (
	"net/netip"
	"time"

	"github.com/smbscope/smbscope/dissect"
)

// Meta locates a packet in its input, so evidence can be opened in Wireshark.
type Meta struct {
	Frame uint64
	Time  time.Time
}

// Direction tells which side sent a message.
type Direction uint8

const (
	FromClient Direction = 0
	FromServer Direction = 1
)

// Signing is one side's signing posture as advertised on the wire.
type Signing uint8

const (
	SigningUnknown Signing = iota
	SigningDisabled
	SigningEnabled
	SigningRequired
)

func (s Signing) String() string {
	switch s {
	case SigningDisabled:
		return "disabled"
	case SigningEnabled:
		return "enabled"
	case SigningRequired:
		return "required"
	default:
		return "unknown"
	}
}

// Outcome is what the traffic of a session showed, per DESIGN §4.
type Outcome string

const (
	OutcomeSigned    Outcome = "signed"
	OutcomeUnsigned  Outcome = "unsigned"
	OutcomeEncrypted Outcome = "encrypted"
	OutcomeMixed     Outcome = "mixed"
	OutcomeFailed    Outcome = "failed"
	OutcomeUnknown   Outcome = "unknown"
)

// Auth mechanism names used in session records.
const (
	AuthNTLMSSP   = "ntlmssp"
	AuthKerberos  = "kerberos"
	AuthAnonymous = "anonymous"
	AuthUnknown   = "unknown"
)

// MessageRef points at one SMB message: the frame that completed it. It
// keeps the command and status as the wire codes, so that evidence held
// for many open sessions stays small; the methods name them.
type MessageRef struct {
	Frame uint64
	// The capture time as Unix seconds and nanoseconds, so that the
	// reference holds no pointer (time.Time holds one) and takes 32 bytes.
	sec      int64
	nsec     int32
	Status   uint32 // responses only
	Cmd      uint16
	Dir      Direction
	SMB1     bool
	Response bool
	// NTStatus: Status is an NT status. SMB1 responses without
	// SMB_FLAGS2_NT_STATUS carry a DOS error class and code in its place
	// (MS-CIFS 2.2.3.1).
	NTStatus bool
}

// MessageRefAt returns a reference to the message completed by the packet m.
func MessageRefAt(m Meta) MessageRef {
	return MessageRef{Frame: m.Frame, sec: m.Time.Unix(), nsec: int32(m.Time.Nanosecond())}
}

// Time is the capture time of the message's packet.
func (r MessageRef) Time() time.Time { return time.Unix(r.sec, int64(r.nsec)) }

// Meta locates the message's packet.
func (r MessageRef) Meta() Meta { return Meta{Frame: r.Frame, Time: r.Time()} }

// Command names the message's command.
func (r MessageRef) Command() string {
	if r.SMB1 {
		return dissect.SMB1CommandName(uint8(r.Cmd))
	}
	return dissect.SMB2CommandName(r.Cmd)
}

// StatusName names a response's status; "" for a request.
func (r MessageRef) StatusName() string {
	switch {
	case !r.Response:
		return ""
	case !r.SMB1:
		return dissect.StatusName(r.Status)
	}
	h := dissect.SMB1Header{Status: r.Status}
	if r.NTStatus {
		h.Flags2 = dissect.SMB1Flags2NTStatus
	}
	return dissect.SMB1StatusName(h)
}

// Connection is the immutable result for one TCP connection that carried SMB.
// The one-byte fields are grouped, so that no padding is held per open
// connection.
type Connection struct {
	Input  string
	UID    string
	Client netip.AddrPort
	Server netip.AddrPort
	First  Meta   // first packet
	Last   Meta   // last packet seen
	Close  string // why the connection ended

	SawSYN         bool
	NetBIOS        bool // carried over the NetBIOS session service (port 139 style)
	NetBIOSRefused bool // negative session response

	SMB1Seen, SMB2Seen bool
	NegotiateSeen      bool // a NEGOTIATE response was seen
	SMB1Offered        bool // the client's NEGOTIATE offered an SMB1 dialect
	SMB1Negotiated     bool // an SMB1 dialect was chosen
	ClientSigning      Signing
	ServerSigning      Signing
	ServerCapabilities uint32

	NetBIOSCalled  string // session request names, when seen
	NetBIOSCalling string

	NegotiateFrame     uint64   // the NEGOTIATE response
	NegotiateReqFrame  uint64   // the client's last NEGOTIATE request
	Dialect            string   // "3.1.1", or the SMB1 dialect string; "" when unknown
	DialectsOffered    []string // client's list
	ClientSecurityMode *uint16  // raw, SMB2 NEGOTIATE request
	ServerSecurityMode *uint16  // raw, NEGOTIATE response (SMB1: the SecurityMode byte)
	SigningAlgorithms  []string // offered by the client (3.1.1)
	SigningAlgorithm   string   // chosen by the server (3.1.1)
	Ciphers            []string // offered by the client (3.1.1)
	Cipher             string   // chosen by the server (3.1.1)
	ServerName         string   // NETNAME context or NTLM challenge, when seen

	Sessions []*Session

	// Evidence of STATUS_INVALID_SIGNATURE responses on this connection.
	// The first ones are kept; InvalidSignatureCount counts them all.
	InvalidSignatures     []MessageRef
	InvalidSignatureCount int
	LastInvalidSignature  Meta

	Messages  int // SMB messages parsed
	Anomalies map[string]int
}

// SigningRequired reports whether either side required signing, nil when
// neither side's mode was seen.
//
// SMB2/3 signs when either side requires it. SMB1 signs when the server
// requires it, or when the client requires it and the server has signing
// enabled: a server with signing disabled cannot sign (MS-CIFS 3.2.4.2.4).
func (c *Connection) SigningRequired() *bool {
	if c.ClientSigning == SigningUnknown && c.ServerSigning == SigningUnknown {
		return nil
	}
	v := c.ClientSigning == SigningRequired || c.ServerSigning == SigningRequired
	if c.SMB1Negotiated {
		v = c.ServerSigning == SigningRequired ||
			(c.ClientSigning == SigningRequired && c.ServerSigning == SigningEnabled)
	}
	return &v
}

// Session is the immutable result for one SMB session on a connection.
type Session struct {
	ID   uint64 // SMB2 SessionId, or the SMB1 UID
	SMB1 bool

	SetupSeen         bool // some SESSION_SETUP of this session was captured
	SetupDone         bool // a final SESSION_SETUP response was captured
	SetupStatus       uint32
	SetupStatusName   string
	SetupFrame        uint64 // frame of the final SESSION_SETUP response
	First, Last       Meta
	Reauthenticated   int
	ClientSecMode     *uint8 // SMB2 SESSION_SETUP request SecurityMode
	SessionFlags      *uint16
	SMB1Action        *uint16
	Binding           bool
	TreeEncrypt       bool // a TREE_CONNECT response carried SHARE_FLAG_ENCRYPT_DATA
	SessionEncrypt    bool // SESSION_SETUP response carried ENCRYPT_DATA
	PreviousSession   uint64
	MechsOffered      []string
	Auth              string
	NTLMVersion       string
	User              string
	Domain            string
	Workstation       string
	UserSeen          bool // an NTLM AUTHENTICATE or SMB1 account name was seen
	NTLMAnonymous     bool
	NTLMFlags         uint32   // AUTHENTICATE NegotiateFlags
	NTLMFlagNames     []string // the signing-relevant ones: SIGN, SEAL, KEY_EXCH, ALWAYS_SIGN, ANONYMOUS
	ServerName        string
	KerberosRealm     string
	KerberosSName     string
	KerberosEtype     int
	KerberosEtypeName string
	// KerberosOffered: the client's SPNEGO list had Kerberos, yet NTLM was
	// used (typically a connection by IP address or CNAME).
	KerberosOffered  bool
	Guest, Anonymous bool

	Signed    int // signed messages after setup
	Unsigned  int // unsigned messages after setup that count against signing
	Encrypted int // TRANSFORM PDUs carrying this SessionId
	// SignedProtection counts signed TREE_CONNECT and VALIDATE_NEGOTIATE
	// messages: clients sign them even on unsigned sessions, so they prove
	// nothing about the session's policy.
	SignedProtection int
	// Exempt counts messages that are legitimately unsigned (interim
	// responses, break notifications, CANCEL, USER_SESSION_DELETED).
	Exempt int
	// UnsignedSamples holds the first unsigned messages after setup.
	UnsignedSamples []MessageRef
	// UnexpectedUnsigned counts unsigned messages in a session that signs
	// (signed messages that are not negotiation protection were seen, or
	// signing was required on the connection and the session is a user
	// session).
	UnexpectedUnsigned int
	// Signatures is what checking the signatures with the supplied secrets
	// found; nil when no secrets were supplied (Options.Secrets).
	Signatures *SignatureCheck

	Outcome Outcome
	Reasons []string

	setup *setupState // SESSION_SETUP state while the connection is analysed
}

// SessionIDString formats a session id as records show it.
func (s *Session) SessionIDString() string {
	const hex = "0123456789abcdef"
	var b [18]byte
	b[0], b[1] = '0', 'x'
	for i := 0; i < 16; i++ {
		b[17-i] = hex[(s.ID>>(4*i))&0xF]
	}
	return string(b[:])
}

// Authenticated reports whether the session was a user session: neither
// guest nor anonymous, and set up successfully.
func (s *Session) Authenticated() bool {
	return !s.Guest && !s.Anonymous && s.SetupDone && s.SetupStatus == 0
}
