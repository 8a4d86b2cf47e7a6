// Package session owns connection and SMB session state: NBSS framing and
// resynchronisation, SMB1 and SMB2/3 state machines, request/response
// matching, and the inference of how signing behaved (DESIGN §4). It sees
// plain byte streams, never packets, and produces immutable Connection
// results.
package session

import (
	"crypto/sha256"
	"encoding/binary"
	"net/netip"

	"github.com/smbscope/smbscope/dissect"
	"github.com/smbscope/smbscope/verify"
)

// Options bounds the state kept per connection. Zero values take defaults.
type Options struct {
	// MaxKeptBytes is the prefix of each SMB PDU kept for parsing; larger
	// PDUs (bulk READ/WRITE) are framed past without copying.
	MaxKeptBytes int
	// MaxSessions is the number of SMB sessions tracked per connection.
	MaxSessions int
	// MaxPending is the number of requests awaiting a response per connection.
	MaxPending int
	// Secrets, when it holds any, turns on signature verification: every
	// signed message of a session whose key the secrets give is checked
	// (Session.Signatures), and PDUs are kept whole whatever MaxKeptBytes.
	Secrets *verify.Secrets
}

const (
	defaultMaxKeptBytes = 256 << 10
	defaultMaxSessions  = 1024
	defaultMaxPending   = 4096
	// maxSamples is how many unsigned messages a session keeps as evidence.
	maxSamples = 8
)

func (o Options) withDefaults() Options {
	if o.MaxKeptBytes <= 0 {
		o.MaxKeptBytes = defaultMaxKeptBytes
	}
	o.MaxKeptBytes = max(o.MaxKeptBytes, minKeptBytes)
	if o.MaxSessions <= 0 {
		o.MaxSessions = defaultMaxSessions
	}
	if o.MaxPending <= 0 {
		o.MaxPending = defaultMaxPending
	}
	return o
}

// Tracker turns the byte streams of one input into Connection results.
type Tracker struct {
	input string
	opt   Options
	emit  func(*Connection)
	// Ignored counts connections that carried no SMB.
	Ignored uint64
	// Reported counts connections handed to emit.
	Reported uint64
	// Trace, when set, receives every parsed SMB message. The pointer is
	// valid only during the call.
	Trace func(*MessageInfo)
	info  MessageInfo  // scratch for Trace, one message at a time
	mi    *MessageInfo // the current message's, when tracing
	ntlm  dissect.NTLMMessage
	// spare holds buffers for PDUs that span packets, reused by every
	// connection of the tracker.
	spare [][]byte
	// lists holds name lists already made, by kind and wire values.
	lists map[string][]string
	// idle holds the Sessions of first SESSION_SETUP legs once their
	// response has been merged into the real session, for the next ones.
	idle []*Session
}

// Kinds of name lists.
const (
	listDialects byte = iota
	listSigning
	listCiphers
)

// maxLists bounds the name lists a tracker shares; maxListLen the length
// of a list worth sharing.
const (
	maxLists   = 256
	maxListLen = 16
)

// names returns the names of a NEGOTIATE request's list of ids, the same
// slice for every connection that offered the same list: clients of one
// build all offer the same, and results are only read, never changed, so
// 100,000 open connections need not hold 100,000 copies.
func (t *Tracker) names(kind byte, ids []uint16, name func(uint16) string) []string {
	if len(ids) == 0 || len(ids) > maxListLen {
		return names(ids, name)
	}
	var buf [1 + 2*maxListLen]byte
	k := append(buf[:0], kind)
	for _, id := range ids {
		k = binary.LittleEndian.AppendUint16(k, id)
	}
	if l, ok := t.lists[string(k)]; ok {
		return l
	}
	l := names(ids, name)
	if len(t.lists) < maxLists {
		if t.lists == nil {
			t.lists = make(map[string][]string)
		}
		t.lists[string(k)] = l
	}
	return l
}

// pendingSession returns a zeroed Session for what a first SESSION_SETUP
// leg (no SessionId yet) tells.
func (t *Tracker) pendingSession(smb1 bool, m Meta) *Session {
	if n := len(t.idle); n > 0 {
		s := t.idle[n-1]
		t.idle = t.idle[:n-1]
		*s = Session{SMB1: smb1, First: m, Last: m}
		return s
	}
	return &Session{SMB1: smb1, First: m, Last: m}
}

// recycle takes back a pending Session that nothing refers to any more.
func (t *Tracker) recycle(s *Session) {
	if len(t.idle) < maxSpare {
		t.idle = append(t.idle, s)
	}
}

// maxSpare bounds the buffers a tracker keeps for reuse.
const maxSpare = 8

// buffer returns b's bytes in a buffer of capacity want or more, a spare
// one when one is large enough.
func (t *Tracker) buffer(b []byte, want int) []byte {
	var nb []byte
	for i := len(t.spare) - 1; i >= 0; i-- {
		if cap(t.spare[i]) >= want {
			nb = t.spare[i][:len(b)]
			t.spare[i] = t.spare[len(t.spare)-1]
			t.spare[len(t.spare)-1] = nil
			t.spare = t.spare[:len(t.spare)-1]
			break
		}
	}
	if nb == nil {
		nb = make([]byte, len(b), want)
	}
	copy(nb, b)
	t.release(b)
	return nb
}

// release keeps b for reuse, unless it is larger than a kept prefix
// (whole PDUs kept for verification) or enough are kept already.
func (t *Tracker) release(b []byte) {
	if cap(b) == 0 || cap(b) > defaultMaxKeptBytes {
		return
	}
	if len(t.spare) < maxSpare {
		t.spare = append(t.spare, b[:0])
		return
	}
	// Keep the larger ones.
	for i, s := range t.spare {
		if cap(s) < cap(b) {
			t.spare[i] = b[:0]
			return
		}
	}
}

// NewTracker returns a Tracker for the input named input; emit receives each
// connection's result once the connection has ended.
func NewTracker(input string, opt Options, emit func(*Connection)) *Tracker {
	return &Tracker{input: input, opt: opt.withDefaults(), emit: emit}
}

// Open starts tracking a TCP connection.
func (t *Tracker) Open(client, server netip.AddrPort, start Meta, sawSYN bool) *Conn {
	c := &Conn{t: t}
	c.res.Input = t.input
	c.res.Client, c.res.Server = client, server
	c.res.First, c.res.Last = start, start
	c.res.SawSYN = sawSYN
	c.knownPort = AlwaysAccepts(client, server)
	c.res.NetBIOS = server.Port() == 139
	// With the handshake seen, each direction starts at a PDU boundary;
	// otherwise the first PDU start must be searched for.
	c.fr[0].synced, c.fr[1].synced = sawSYN, sawSYN
	if !t.opt.Secrets.Empty() {
		c.v = newConnVerify(t.opt.Secrets)
	}
	return c
}

func isSMBPort(p uint16) bool { return p == 445 || p == 139 }

// AlwaysAccepts reports whether Conn.Data of a connection between client
// and server always returns true: on the SMB ports a connection is never
// given up as not SMB, so its data can be handed over without waiting for
// the answer.
func AlwaysAccepts(client, server netip.AddrPort) bool {
	return isSMBPort(server.Port()) || isSMBPort(client.Port())
}

// connUID derives a Zeek-style uid from what identifies the connection, so
// the same capture always yields the same uids.
func connUID(client, server netip.AddrPort, first Meta) string {
	var buf [64]byte // both endpoints and the time, on the stack unless zoned
	b, _ := client.AppendBinary(buf[:0])
	b, _ = server.AppendBinary(b)
	b = binary.BigEndian.AppendUint64(b, uint64(first.Time.UnixNano()))
	sum := sha256.Sum256(b)
	const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	out := make([]byte, 18)
	out[0] = 'C'
	v := binary.BigEndian.Uint64(sum[:]) ^ binary.BigEndian.Uint64(sum[8:])
	w := binary.BigEndian.Uint64(sum[16:])
	for i := 1; i < len(out); i++ {
		if i <= 10 {
			out[i] = alphabet[v%62]
			v /= 62
		} else {
			out[i] = alphabet[w%62]
			w /= 62
		}
	}
	return string(out)
}
