package session

import (
	"encoding/binary"
	"reflect"
	"strings"
	"testing"

	"github.com/smbscope/smbscope/verify"
)

// carolSecrets holds the test password of the Samba captures' user carol
// (testdata/pcaps/samba/README.md).
func carolSecrets(t testing.TB) *verify.Secrets {
	t.Helper()
	s := new(verify.Secrets)
	if err := s.ParseCreds(strings.NewReader(`DEVNET\carol:c0rrect-h0rse`+"\n"), "creds"); err != nil {
		t.Fatal(err)
	}
	return s
}

// runWith feeds packets to a connection tracked with opt.
func runWith(t testing.TB, pkts []packet, opt Options, split func([]byte) [][]byte) *Connection {
	t.Helper()
	var got *Connection
	tr := NewTracker("test", opt, func(c *Connection) { got = c })
	c := tr.Open(testClient, testServer, pkts[0].meta, true)
	for _, p := range pkts {
		for _, piece := range split(p.data) {
			c.Data(p.dir, piece, p.meta)
		}
	}
	c.Close(pkts[len(pkts)-1].meta, "end_of_input")
	return got
}

// The SMB1 and SMB 3.1.1 streams verify with carol's password, however
// the bytes are cut into packets.
func TestVerifyStreams(t *testing.T) {
	secrets := carolSecrets(t)
	for _, tc := range []struct {
		name     string
		verified int // every signed message, the final SESSION_SETUP response included
	}{
		{"s01_smb1_srvmand_user", 41},
		{"s05_smb311_defaults_user", 5}, // unsigned session: its signed TREE_CONNECTs
	} {
		t.Run(tc.name, func(t *testing.T) {
			pkts := loadStream(t, tc.name)
			got := runWith(t, pkts, Options{Secrets: secrets}, whole)
			if len(got.Sessions) != 1 || got.Sessions[0].Signatures == nil {
				t.Fatalf("sessions %+v", got.Sessions)
			}
			chk := got.Sessions[0].Signatures
			if chk.Verified != tc.verified || chk.Failed != 0 || chk.Unverifiable != 0 {
				t.Errorf("verified %d, failed %d, unverifiable %d %v; want %d verified", chk.Verified, chk.Failed, chk.Unverifiable, chk.Reasons, tc.verified)
			}
			if bytewise := runWith(t, pkts, Options{Secrets: secrets}, byteByByte); !reflect.DeepEqual(bytewise, got) {
				t.Errorf("byte by byte: %+v, whole packets: %+v", bytewise.Sessions[0].Signatures, chk)
			}
			if plain := runWith(t, pkts, Options{}, whole); plain.Sessions[0].Signatures != nil {
				t.Error("Signatures set without secrets")
			}
		})
	}
}

// A byte flipped in one signed SMB1 message is that message's failure, and
// only its own: the sequence numbers go on.
func TestVerifyFlippedByte(t *testing.T) {
	secrets := carolSecrets(t)
	pkts := loadStream(t, "s01_smb1_srvmand_user")
	clean := runWith(t, pkts, Options{Secrets: secrets}, whole).Sessions[0].Signatures
	// The middle packet that holds exactly one whole, signed SMB1 message.
	target := -1
	for i := len(pkts) / 2; i < len(pkts); i++ {
		d := pkts[i].data
		if len(d) > 40 && d[0] == 0 && int(d[1])<<16|int(d[2])<<8|int(d[3]) == len(d)-4 && d[4] == 0xFF &&
			string(d[4+14:4+22]) != "\x00\x00\x00\x00\x00\x00\x00\x00" {
			target = i
			break
		}
	}
	if target < 0 {
		t.Fatal("no packet with one whole signed message")
	}
	tampered := append([]packet(nil), pkts...)
	tampered[target].data = append([]byte(nil), pkts[target].data...)
	tampered[target].data[len(tampered[target].data)-1] ^= 0x20
	chk := runWith(t, tampered, Options{Secrets: secrets}, whole).Sessions[0].Signatures
	if chk.Failed != 1 || chk.Verified != clean.Verified-1 || len(chk.Failures) != 1 || chk.Failures[0].Frame != pkts[target].meta.Frame {
		t.Errorf("verified %d (of %d), failed %d, failures %+v; want the one failure at frame %d",
			chk.Verified, clean.Verified, chk.Failed, chk.Failures, pkts[target].meta.Frame)
	}
}

// FuzzVerify runs mutated connections with secrets: the results stay the
// same however the bytes are cut, and the counts stay within the messages.
func FuzzVerify(f *testing.F) {
	for _, name := range []string{"s01_smb1_srvmand_user", "s05_smb311_defaults_user"} {
		pkts := loadStream(f, name)
		f.Add(fuzzEncode(pkts), []byte{})
		f.Add(fuzzEncode(pkts[:min(len(pkts), 14)]), []byte{3, 200, 17})
	}
	secrets := carolSecrets(f)
	f.Fuzz(func(t *testing.T, in []byte, cuts []byte) {
		recs := fuzzDecode(in)
		opt := Options{Secrets: secrets}
		want := fuzzRun(recs, true, opt, whole)
		if want == nil {
			return
		}
		for _, s := range want.Sessions {
			v := s.Signatures
			if v == nil || v.Verified < 0 || v.Failed < 0 || v.Unverifiable < 0 ||
				v.Verified+v.Failed+v.Unverifiable > want.Messages || len(v.Failures) > v.Failed {
				t.Fatalf("session %s: %+v for %d messages", s.SessionIDString(), v, want.Messages)
			}
		}
		if got := fuzzRun(recs, true, opt, fuzzPieces(cuts)); !reflect.DeepEqual(got, want) {
			t.Fatalf("pieces %v differ:\n got %s\nwant %s", cuts, fuzzDescribe(got), fuzzDescribe(want))
		}
	})
}

// Compounded messages are each signed over their own bytes, padding
// included (MS-SMB2 3.1.4.1): after the 3.1.1 logon of s05, a PDU of two
// ECHO requests signed with the session's key verifies member by member,
// and a byte changed in the first member's padding fails that member only.
func TestVerifyCompound(t *testing.T) {
	pkts := loadStream(t, "s05_smb311_defaults_user")
	for _, tc := range []struct {
		name             string
		tamper           bool
		verified, failed int
	}{{"signed", false, 2, 0}, {"padding changed", true, 1, 1}} {
		t.Run(tc.name, func(t *testing.T) {
			var got *Connection
			tr := NewTracker("test", Options{Secrets: carolSecrets(t)}, func(c *Connection) { got = c })
			c := tr.Open(testClient, testServer, pkts[0].meta, true)
			for _, p := range pkts {
				c.Data(p.dir, p.data, p.meta)
			}
			id := c.order[0].ID
			sv := c.v.sessions[id]
			if sv == nil || sv.signer == nil {
				t.Fatal("no signing key after the logon")
			}
			before := sv.check.Verified
			echo := func(mid byte, next uint32, n int) []byte {
				m := make([]byte, n)
				copy(m, []byte{0xFE, 'S', 'M', 'B', 64})
				m[12] = 0x0D // ECHO
				m[16] = 0x08 // SIGNED
				binary.LittleEndian.PutUint32(m[20:], next)
				m[24] = mid
				binary.LittleEndian.PutUint64(m[40:], id)
				m[64] = 4 // StructureSize
				return m
			}
			first, second := echo(200, 72, 72), echo(201, 0, 68)
			sv.signer.Sign(first)
			sv.signer.Sign(second)
			if tc.tamper {
				first[70] ^= 1 // padding after the 68-byte ECHO
			}
			pdu := append(append([]byte{0, 0, 0, 72 + 68}, first...), second...)
			last := pkts[len(pkts)-1].meta
			c.Data(FromClient, pdu, Meta{Frame: last.Frame + 1, Time: last.Time})
			c.Close(Meta{Frame: last.Frame + 1, Time: last.Time}, "end_of_input")
			chk := got.Sessions[0].Signatures
			if chk.Verified-before != tc.verified || chk.Failed != tc.failed {
				t.Errorf("compound: %d verified, %d failed; want %d and %d", chk.Verified-before, chk.Failed, tc.verified, tc.failed)
			}
		})
	}
}
