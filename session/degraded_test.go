package session

import (
	"bytes"
	"encoding/binary"
	"strings"
	"testing"

	"github.com/smbscope/smbscope/dissect"
)

// Degraded and hostile traffic: each case feeds a real stream with
// something removed, altered or added, and checks that the result either
// stays right or says it does not know, and that what was skipped is
// counted in Anomalies by name.

// runPackets feeds packets (a nil data is a gap of the given size) and
// returns the result.
func runPackets(t *testing.T, pkts []packet, sawSYN bool, opt Options, reason string) *Connection {
	t.Helper()
	var got *Connection
	tr := NewTracker("test", opt, func(c *Connection) { got = c })
	c := tr.Open(testClient, testServer, pkts[0].meta, sawSYN)
	for _, p := range pkts {
		c.Data(p.dir, p.data, p.meta)
	}
	c.Close(pkts[len(pkts)-1].meta, reason)
	return got
}

func only(t *testing.T, c *Connection) *Session {
	t.Helper()
	if c == nil || len(c.Sessions) != 1 {
		t.Fatalf("want one session, got %+v", c)
	}
	return c.Sessions[0]
}

func hasReason(s *Session, part string) bool {
	for _, r := range s.Reasons {
		if strings.Contains(r, part) {
			return true
		}
	}
	return false
}

// The final SESSION_SETUP response was lost: the session did not fail,
// and the traffic after it still shows how it ran.
func TestLostFinalSessionSetupResponse(t *testing.T) {
	pkts := loadStream(t, "s05_smb311_defaults_user")
	var got *Connection
	tr := NewTracker("test", Options{}, func(c *Connection) { got = c })
	c := tr.Open(testClient, testServer, pkts[0].meta, true)
	for i, p := range pkts {
		if i == 5 { // frame 11, SESSION_SETUP response STATUS_SUCCESS
			c.Gap(p.dir, len(p.data), p.meta)
			continue
		}
		c.Data(p.dir, p.data, p.meta)
	}
	c.Close(pkts[len(pkts)-1].meta, "end_of_input")
	s := only(t, got)
	if s.Outcome == OutcomeFailed {
		t.Fatalf("outcome failed for a session whose setup response was merely lost: %q", s.Reasons)
	}
	if s.Outcome != OutcomeUnsigned || s.Unsigned != 56 {
		t.Errorf("outcome %s with %d unsigned, want unsigned from the 56 unsigned messages after setup: %q", s.Outcome, s.Unsigned, s.Reasons)
	}
	if got.Anomalies["gap"] != 1 || !hasReason(s, "SESSION_SETUP response not captured") {
		t.Errorf("anomalies %v, reasons %q: want the gap counted and the lost response named", got.Anomalies, s.Reasons)
	}
}

// Everything after the second SESSION_SETUP request was lost: nobody can
// tell whether the setup succeeded.
func TestCaptureEndsDuringSetupWithGap(t *testing.T) {
	pkts := loadStream(t, "s05_smb311_defaults_user")
	var got *Connection
	tr := NewTracker("test", Options{}, func(c *Connection) { got = c })
	c := tr.Open(testClient, testServer, pkts[0].meta, true)
	for _, p := range pkts[:5] {
		c.Data(p.dir, p.data, p.meta)
	}
	c.Gap(FromServer, -1, pkts[5].meta)
	c.Close(pkts[5].meta, "end_of_input")
	s := only(t, got)
	if s.Outcome != OutcomeUnknown {
		t.Errorf("outcome %s, want unknown: the setup may have completed in the lost bytes (%q)", s.Outcome, s.Reasons)
	}
}

// Only one direction was captured (asymmetric routing, a one-way tap).
func TestOneSidedCapture(t *testing.T) {
	pkts := loadStream(t, "s05_smb311_defaults_user")
	for _, side := range []Direction{FromClient, FromServer} {
		var one []packet
		for _, p := range pkts {
			if p.dir == side {
				one = append(one, p)
			}
		}
		c := runPackets(t, one, true, Options{}, "end_of_input")
		s := only(t, c)
		// Unsigned is right either way (s05 is unsigned both ways), but
		// the record must say what it saw.
		if s.Outcome != OutcomeUnsigned && s.Outcome != OutcomeUnknown {
			t.Errorf("%v only: outcome %s (%q)", side, s.Outcome, s.Reasons)
		}
		if !hasReason(s, "counts cover the "+map[Direction]string{FromClient: "client", FromServer: "server"}[side]+"'s side only") {
			t.Errorf("%v only: reasons %q do not say that one side was captured", side, s.Reasons)
		}
		if side == FromClient && c.ServerSigning != SigningUnknown {
			t.Errorf("client only: server signing %v, want unknown", c.ServerSigning)
		}
	}
}

// A header announcing a message larger than any SMB implementation sends
// swallows the rest of the direction; the record names it.
func TestOversizedMessage(t *testing.T) {
	pkts := loadStream(t, "s05_smb311_defaults_user")
	for i := range pkts {
		pkts[i].data = bytes.Clone(pkts[i].data)
	}
	// Frame 20, a CREATE request: claim 16 MiB.
	pkts[14].data[1], pkts[14].data[2], pkts[14].data[3] = 0xFF, 0xFF, 0xFF
	c := runPackets(t, pkts, true, Options{}, "end_of_input")
	if c.Anomalies[AnomalyOversized] != 1 || c.Anomalies[AnomalyIncomplete] != 1 {
		t.Errorf("anomalies %v, want %s and %s", c.Anomalies, AnomalyOversized, AnomalyIncomplete)
	}
	s := only(t, c)
	if s.Signed != 4 || s.Outcome != OutcomeUnsigned {
		t.Errorf("outcome %s signed %d: %q", s.Outcome, s.Signed, s.Reasons)
	}
}

// smb2Msg builds an SMB2 header for command cmd on session sid, with
// NextCommand next, followed by pad bytes of body.
func smb2Msg(cmd uint16, sid uint64, mid uint64, next uint32, response bool, pad int) []byte {
	b := make([]byte, dissect.SMB2HeaderLen+pad)
	copy(b, "\xfeSMB")
	binary.LittleEndian.PutUint16(b[4:], dissect.SMB2HeaderLen)
	binary.LittleEndian.PutUint16(b[12:], cmd)
	if response {
		binary.LittleEndian.PutUint32(b[16:], 1) // SERVER_TO_REDIR
	}
	binary.LittleEndian.PutUint32(b[20:], next)
	binary.LittleEndian.PutUint64(b[24:], mid)
	binary.LittleEndian.PutUint64(b[40:], sid)
	return b
}

func nbss(body []byte) []byte {
	return append([]byte{0, byte(len(body) >> 16), byte(len(body) >> 8), byte(len(body))}, body...)
}

// A compound chain whose members never end is cut at MaxCompoundMembers or
// at the keep limit, and counted as such.
func TestEndlessCompoundChain(t *testing.T) {
	pkts := loadStream(t, "s05_smb311_defaults_user")
	var chain []byte
	for i := 0; i < 6000; i++ {
		chain = append(chain, smb2Msg(dissect.SMB2Echo, 0xbe45b6ac, uint64(1000+i), dissect.SMB2HeaderLen, false, 0)...)
	}
	extra := packet{pkts[30].meta, FromClient, nbss(chain)}
	stream := append(append(append([]packet(nil), pkts[:30]...), extra), pkts[30:]...)
	for _, tc := range []struct {
		keep    int
		anomaly string
	}{
		{0, AnomalyKeepLimit},                     // 256 KiB kept: 4096 members fit, the chain goes on
		{1 << 20, "compound_malformed"},           // all kept: MaxCompoundMembers stops it
		{1000, AnomalyKeepLimit},                  // a small keep limit
		{dissect.SMB2HeaderLen, AnomalyKeepLimit}, // the smallest
	} {
		c := runPackets(t, stream, true, Options{MaxKeptBytes: tc.keep}, "end_of_input")
		if c.Anomalies[tc.anomaly] != 1 {
			t.Errorf("keep %d: anomalies %v, want %s", tc.keep, c.Anomalies, tc.anomaly)
		}
		s := only(t, c)
		if s.Outcome != OutcomeUnsigned || s.Unsigned < 56 || s.Unsigned > 56+dissect.MaxCompoundMembers {
			t.Errorf("keep %d: outcome %s, %d unsigned", tc.keep, s.Outcome, s.Unsigned)
		}
	}
}

// Thousands of sessions on one connection: the first MaxSessions are
// tracked, the messages of the others are counted as skipped.
func TestThousandsOfSessions(t *testing.T) {
	pkts := loadStream(t, "s05_smb311_defaults_user")
	stream := append([]packet(nil), pkts...)
	last := pkts[len(pkts)-1].meta
	for i := 0; i < 5000; i++ {
		m := last
		m.Frame += uint64(i + 1)
		stream = append(stream, packet{m, FromClient, nbss(smb2Msg(dissect.SMB2Echo, uint64(0x100000+i), uint64(i), 0, false, 4))})
	}
	c := runPackets(t, stream, true, Options{}, "end_of_input")
	if len(c.Sessions) != defaultMaxSessions {
		t.Fatalf("%d sessions, want the limit %d", len(c.Sessions), defaultMaxSessions)
	}
	if want := 5000 - (defaultMaxSessions - 1); c.Anomalies[AnomalySessionLimit] != want {
		t.Errorf("anomalies %v, want %s %d", c.Anomalies, AnomalySessionLimit, want)
	}
	if s := c.Sessions[0]; s.ID != 0xbe45b6ac || s.Outcome != OutcomeUnsigned || s.Unsigned != 56 {
		t.Errorf("the real session: %s %s %d unsigned", s.SessionIDString(), s.Outcome, s.Unsigned)
	}
	c = runPackets(t, stream, true, Options{MaxSessions: 10}, "end_of_input")
	if len(c.Sessions) != 10 || c.Anomalies[AnomalySessionLimit] != 5000-9 {
		t.Errorf("MaxSessions 10: %d sessions, anomalies %v", len(c.Sessions), c.Anomalies)
	}
}

// A connection closed to respect the connection limit says so.
func TestEvictedConnection(t *testing.T) {
	pkts := loadStream(t, "s05_smb311_defaults_user")
	c := runPackets(t, pkts[:20], true, Options{}, "evicted")
	if c.Anomalies[AnomalyEvicted] != 1 {
		t.Errorf("anomalies %v, want %s", c.Anomalies, AnomalyEvicted)
	}
}

// Garbage on port 445 is not SMB, even when its first byte is a session
// service type: nothing is reported.
func TestGarbageIsNotSMB(t *testing.T) {
	meta := loadStream(t, "s05_smb311_defaults_user")[0].meta
	for _, garbage := range [][]byte{
		append([]byte{0x81, 0, 0, 8}, "garbage!"...),
		{0x82, 0, 0, 3, 1, 2, 3},
		{0x83, 0, 0, 1, 0x42},
		{0x85, 0, 0, 0, 0x85, 0, 0, 0},
		append([]byte{0, 0, 0, 70}, bytes.Repeat([]byte{0xAA}, 70)...),
		bytes.Repeat([]byte("SMB"), 200),
	} {
		var got *Connection
		tr := NewTracker("test", Options{}, func(c *Connection) { got = c })
		c := tr.Open(testClient, testServer, meta, true)
		c.Data(FromClient, garbage, meta)
		c.Close(meta, "end_of_input")
		if got != nil {
			t.Errorf("% x: reported as SMB: %+v", garbage[:8], got)
		}
	}
}

// A few bytes announcing a large PDU cost memory only as the PDU's bytes
// arrive: garbage cannot make each connection hold a kept-size buffer.
func TestAnnouncedSizeIsNotAllocated(t *testing.T) {
	meta := loadStream(t, "s05_smb311_defaults_user")[0].meta
	tr := NewTracker("test", Options{}, func(*Connection) {})
	for _, head := range [][]byte{
		{0x85, 0x01, 0xFF, 0xFF, 'x'},                    // keepalive claiming 128 KiB
		{0x81, 0x01, 0xFF, 0xFF, 'x', 'y'},               // session request claiming 128 KiB
		{0x00, 0x03, 0xFF, 0xFF, 0xFE, 'S', 'M', 'B', 0}, // SMB2 claiming 256 KiB
	} {
		c := tr.Open(testClient, testServer, meta, true)
		c.Data(FromClient, head, meta)
		if got := cap(c.fr[FromClient].buf); got > minPDUBuffer {
			t.Errorf("% x: %d bytes held for %d received", head, got, len(head))
		}
		// The PDU still grows to its kept size as its bytes come.
		c.Data(FromClient, make([]byte, 100<<10), meta)
		if got := len(c.fr[FromClient].buf); got < 100<<10 {
			t.Errorf("% x: %d bytes kept of 100 KiB received", head, got)
		}
		c.Close(meta, "end_of_input")
	}
}
