package session

import (
	"bufio"
	"encoding/hex"
	"math/rand"
	"net/netip"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

// packet is one line of a testdata stream file.
type packet struct {
	meta Meta
	dir  Direction
	data []byte
}

func loadStream(t testing.TB, name string) []packet {
	t.Helper()
	f, err := os.Open("testdata/" + name + ".stream")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []packet
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<22)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) != 4 {
			t.Fatalf("bad line %q", sc.Text())
		}
		frame, _ := strconv.ParseUint(fields[0], 10, 64)
		sec, _ := strconv.ParseFloat(fields[1], 64)
		dir := FromClient
		if fields[2] == "S" {
			dir = FromServer
		}
		data, err := hex.DecodeString(fields[3])
		if err != nil {
			t.Fatal(err)
		}
		ts := time.Unix(0, int64(sec*1e9)).UTC()
		out = append(out, packet{Meta{frame, ts}, dir, data})
	}
	return out
}

var (
	testClient = netip.MustParseAddrPort("198.51.100.20:40000")
	testServer = netip.MustParseAddrPort("198.51.100.10:445")
)

// feed runs packets through a tracker, splitting each packet's data with
// split, and returns the connection result.
func feed(t testing.TB, pkts []packet, sawSYN bool, split func([]byte) [][]byte) *Connection {
	t.Helper()
	var got *Connection
	tr := NewTracker("test", Options{}, func(c *Connection) { got = c })
	c := tr.Open(testClient, testServer, pkts[0].meta, sawSYN)
	for _, p := range pkts {
		for _, piece := range split(p.data) {
			c.Data(p.dir, piece, p.meta)
		}
	}
	c.Close(pkts[len(pkts)-1].meta, "end_of_input")
	if got == nil {
		t.Fatal("no connection result")
	}
	return got
}

func whole(b []byte) [][]byte { return [][]byte{b} }

func byteByByte(b []byte) [][]byte {
	out := make([][]byte, len(b))
	for i := range b {
		out[i] = b[i : i+1]
	}
	return out
}

func randomPieces(r *rand.Rand) func([]byte) [][]byte {
	return func(b []byte) [][]byte {
		var out [][]byte
		for len(b) > 0 {
			n := 1 + r.Intn(len(b))
			out = append(out, b[:n])
			b = b[n:]
		}
		return out
	}
}

var streams = []string{
	"s05_smb311_defaults_user",
	"s01_smb1_srvmand_user",
	"s13_smb1_port139_user",
	"s02_smb311_srvencreq_user",
}

// The same bytes, however they are cut, give the same result.
func TestChunkingDoesNotChangeResults(t *testing.T) {
	for _, name := range streams {
		t.Run(name, func(t *testing.T) {
			pkts := loadStream(t, name)
			want := feed(t, pkts, true, whole)
			if len(want.Sessions) == 0 {
				t.Fatal("no session found")
			}
			if got := feed(t, pkts, true, byteByByte); !reflect.DeepEqual(got, want) {
				t.Errorf("byte by byte differs:\n got %+v\nwant %+v", got.Sessions[0], want.Sessions[0])
			}
			r := rand.New(rand.NewSource(1))
			for i := 0; i < 20; i++ {
				if got := feed(t, pkts, true, randomPieces(r)); !reflect.DeepEqual(got, want) {
					t.Fatalf("random pieces (round %d) differ:\n got %+v\nwant %+v", i, got.Sessions[0], want.Sessions[0])
				}
			}
		})
	}
}

// What each stream must show: values from the observed ground truth in
// testdata/pcaps/samba/CASE.expect.json (signed_after_setup, …).
func TestStreamOutcomes(t *testing.T) {
	cases := []struct {
		name             string
		dialect          string
		outcome          Outcome
		user             string
		serverSign       Signing
		signed, unsigned int
		encrypted        int
		netbios          bool
	}{
		{"s05_smb311_defaults_user", "3.1.1", OutcomeUnsigned, "carol", SigningEnabled, 4, 56, 0, false},
		{"s01_smb1_srvmand_user", "NT LANMAN 1.0", OutcomeSigned, "carol", SigningRequired, 40, 0, 0, false},
		{"s13_smb1_port139_user", "NT LANMAN 1.0", OutcomeUnsigned, "carol", SigningEnabled, 0, 40, 0, true},
		{"s02_smb311_srvencreq_user", "3.1.1", OutcomeEncrypted, "carol", SigningEnabled, 0, 0, 61, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := feed(t, loadStream(t, tc.name), true, whole)
			if c.Dialect != tc.dialect {
				t.Errorf("dialect %q, want %q", c.Dialect, tc.dialect)
			}
			if c.ServerSigning != tc.serverSign {
				t.Errorf("server signing %v, want %v", c.ServerSigning, tc.serverSign)
			}
			if c.NetBIOS != tc.netbios {
				t.Errorf("netbios %v, want %v", c.NetBIOS, tc.netbios)
			}
			if len(c.Sessions) != 1 {
				t.Fatalf("%d sessions, want 1", len(c.Sessions))
			}
			s := c.Sessions[0]
			if s.Outcome != tc.outcome || s.User != tc.user {
				t.Errorf("outcome %s user %q, want %s %q (reasons %q)", s.Outcome, s.User, tc.outcome, tc.user, s.Reasons)
			}
			if s.Encrypted != tc.encrypted {
				t.Errorf("encrypted %d, want %d", s.Encrypted, tc.encrypted)
			}
			if s.Signed != tc.signed || s.Unsigned != tc.unsigned {
				t.Errorf("signed %d unsigned %d, want %d %d", s.Signed, s.Unsigned, tc.signed, tc.unsigned)
			}
		})
	}
}

// A capture that starts mid-stream (no handshake, first packet cut in the
// middle of a PDU) still finds the session and its signing behaviour.
func TestMidStreamStart(t *testing.T) {
	pkts := loadStream(t, "s05_smb311_defaults_user")
	// Start after session setup, inside a packet.
	var start int
	for i, p := range pkts {
		if p.meta.Frame >= 20 {
			start = i
			break
		}
	}
	rest := append([]packet(nil), pkts[start:]...)
	rest[0].data = rest[0].data[7:]
	c := feed(t, rest, false, whole)
	if len(c.Sessions) != 1 {
		t.Fatalf("%d sessions, want 1", len(c.Sessions))
	}
	s := c.Sessions[0]
	if s.SetupSeen || s.Outcome != OutcomeUnsigned || s.ID != 0xbe45b6ac {
		t.Errorf("session %s setupSeen=%v outcome=%s, want 0x00000000be45b6ac unsigned without setup", s.SessionIDString(), s.SetupSeen, s.Outcome)
	}
	if c.ServerSigning != SigningUnknown || c.SigningRequired() != nil {
		t.Errorf("server signing %v / required %v, want unknown", c.ServerSigning, c.SigningRequired())
	}
}

// A lost packet is reported and framing recovers at the next PDU.
func TestGapResync(t *testing.T) {
	pkts := loadStream(t, "s05_smb311_defaults_user")
	var got *Connection
	tr := NewTracker("test", Options{}, func(c *Connection) { got = c })
	c := tr.Open(testClient, testServer, pkts[0].meta, true)
	dropped := 0
	for i, p := range pkts {
		if i == 30 {
			c.Gap(p.dir, len(p.data), p.meta)
			dropped = int(p.meta.Frame)
			continue
		}
		c.Data(p.dir, p.data, p.meta)
	}
	c.Close(pkts[len(pkts)-1].meta, "end_of_input")
	if got.Anomalies["gap"] != 1 {
		t.Errorf("anomalies %v, want one gap (frame %d dropped)", got.Anomalies, dropped)
	}
	if len(got.Sessions) != 1 || got.Sessions[0].Outcome != OutcomeUnsigned {
		t.Fatalf("sessions %v", got.Sessions)
	}
}

// A STATUS_INVALID_SIGNATURE response (0xC000A000) is kept as evidence.
// The status of a real CREATE response is rewritten to make one.
func TestInvalidSignatureEvidence(t *testing.T) {
	pkts := loadStream(t, "s05_smb311_defaults_user")
	var frame uint64
	for i, p := range pkts {
		// NBSS (4) + SMB2 header: Status at 8, Command at 12, Flags at 16.
		d := p.data
		if p.dir == FromServer && len(d) >= 68 && d[4] == 0xFE && d[16] == 5 && d[17] == 0 {
			d = append([]byte(nil), d...)
			copy(d[4+8:], []byte{0x00, 0xA0, 0x00, 0xC0})
			pkts[i].data = d
			frame = p.meta.Frame
			break
		}
	}
	if frame == 0 {
		t.Fatal("no CREATE response in the stream")
	}
	c := feed(t, pkts, true, whole)
	if c.InvalidSignatureCount != 1 || len(c.InvalidSignatures) != 1 || c.InvalidSignatures[0].Frame != frame {
		t.Fatalf("invalid signatures %d %+v, want one at frame %d", c.InvalidSignatureCount, c.InvalidSignatures, frame)
	}
	if got := c.InvalidSignatures[0].StatusName(); got != "STATUS_INVALID_SIGNATURE" {
		t.Errorf("status %q", got)
	}
}
