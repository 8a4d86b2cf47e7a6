package main

import (
	"context"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/smbscope/smbscope/capture"
	"github.com/smbscope/smbscope/dissect"
	"github.com/smbscope/smbscope/session"
	"github.com/smbscope/smbscope/verify"
)

// The signed Samba captures of testdata/pcaps/signing (see its README) and
// their throw-away test password.
const (
	signingDir      = "testdata/pcaps/signing"
	signingCreds    = signingDir + "/creds.txt"
	signingPassword = "Signing-Test-1"
	tamperedCapture = signingDir + "/smb311_gmac_tampered.pcap"
	tamperedFrame   = 68
)

var signingCases = []struct {
	file, dialect, algorithm string
}{
	{"smb1_nt1.pcap", "NT LANMAN 1.0", ""},
	{"smb202.pcap", "2.0.2", ""},
	{"smb210.pcap", "2.1", ""},
	{"smb300.pcap", "3.0", ""},
	{"smb302.pcap", "3.0.2", ""},
	{"smb311_cmac.pcap", "3.1.1", "AES-CMAC"},
	{"smb311_gmac.pcap", "3.1.1", "AES-GMAC"},
	{"smb311_hmac.pcap", "3.1.1", "HMAC-SHA256"},
}

// signedBySession counts, independently of verification, the messages of
// each session that carry a signature (SMB2 SIGNED flag; SMB1: a real MAC).
func signedBySession(t *testing.T, path string) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, msgs := range traceCapture(t, path) {
		for _, mi := range msgs {
			if mi.Signed && !mi.Transform {
				out[fmt.Sprintf("0x%016x", mi.SessionID)]++
			}
		}
	}
	return out
}

func num(r map[string]any, key string) int {
	v, _ := r[key].(float64)
	return int(v)
}

func byType(recs []map[string]any, typ string) []map[string]any {
	var out []map[string]any
	for _, r := range recs {
		if r["type"] == typ {
			out = append(out, r)
		}
	}
	return out
}

func findingsNamed(recs []map[string]any, name string) []map[string]any {
	var out []map[string]any
	for _, r := range byType(recs, "finding") {
		if r["finding"] == name {
			out = append(out, r)
		}
	}
	return out
}

// Every signed message of every dialect and algorithm verifies with the
// password, and nothing is left unverified.
func TestSigningCaptures(t *testing.T) {
	repoRoot(t)
	for _, tc := range signingCases {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join(signingDir, tc.file)
			out, stderr, code := analyseFile(t, "--ntlm-creds", signingCreds, path)
			if code != 0 {
				t.Fatalf("exit code %d: %s", code, stderr)
			}
			recs := records(t, out)
			sessions := byType(recs, "session")
			if len(sessions) != 1 {
				t.Fatalf("%d session records, want 1", len(sessions))
			}
			s := sessions[0]
			if s["dialect"] != tc.dialect || (tc.algorithm != "" && s["signing_algorithm"] != tc.algorithm) {
				t.Fatalf("dialect %v, algorithm %v; want %s %s", s["dialect"], s["signing_algorithm"], tc.dialect, tc.algorithm)
			}
			if s["outcome"] != "signed" || num(s, "unsigned_msgs") != 0 {
				t.Fatalf("outcome %v with %d unsigned messages: the capture is not the signed session it should be", s["outcome"], num(s, "unsigned_msgs"))
			}
			signed := signedBySession(t, path)[s["session_id"].(string)]
			// All signed messages: those after setup, and the final
			// SESSION_SETUP response that the server signs.
			if signed != num(s, "signed_msgs")+1 {
				t.Errorf("%d signed messages in the session, %d after setup", signed, num(s, "signed_msgs"))
			}
			if num(s, "sig_verified") != signed || num(s, "sig_failed") != 0 || num(s, "sig_unverifiable") != 0 {
				t.Errorf("sig_verified %d, sig_failed %d, sig_unverifiable %d (%v); want %d verified and nothing else",
					num(s, "sig_verified"), num(s, "sig_failed"), num(s, "sig_unverifiable"), s["sig_unverifiable_reason"], signed)
			}
			if _, ok := s["sig_unverifiable_reason"]; ok {
				t.Errorf("sig_unverifiable_reason present: %v", s["sig_unverifiable_reason"])
			}
			if f := findingsNamed(recs, "signature_mismatch"); len(f) != 0 {
				t.Errorf("%d signature_mismatch findings", len(f))
			}
			if strings.Contains(out+stderr, signingPassword) {
				t.Error("the password appears in the output")
			}
		})
	}
}

// The copy with one byte flipped inside a signed READ response gives
// exactly one signature_mismatch, at that frame.
func TestTamperedCapture(t *testing.T) {
	repoRoot(t)
	out, stderr, code := analyseFile(t, "--ntlm-creds", signingCreds, tamperedCapture)
	if code != 0 {
		t.Fatalf("exit code %d: %s", code, stderr)
	}
	recs := records(t, out)
	f := findingsNamed(recs, "signature_mismatch")
	if len(f) != 1 {
		t.Fatalf("%d signature_mismatch findings, want 1", len(f))
	}
	ev := f[0]["evidence"].(map[string]any)
	frames, _ := ev["frames"].([]any)
	if len(frames) != 1 || int(frames[0].(float64)) != tamperedFrame {
		t.Errorf("evidence frames %v, want [%d]", ev["frames"], tamperedFrame)
	}
	if f[0]["severity"] != "critical" {
		t.Errorf("severity %v", f[0]["severity"])
	}
	msgs, _ := ev["messages"].([]any)
	if len(msgs) != 1 || msgs[0].(map[string]any)["command"] != "READ" || msgs[0].(map[string]any)["from"] != "server" {
		t.Errorf("evidence messages %v, want the server's READ response", ev["messages"])
	}
	s := byType(recs, "session")[0]
	clean := signedBySession(t, tamperedCapture)[s["session_id"].(string)]
	if num(s, "sig_failed") != 1 || num(s, "sig_verified") != clean-1 || num(s, "sig_unverifiable") != 0 {
		t.Errorf("sig_verified %d, sig_failed %d, sig_unverifiable %d; want %d, 1, 0",
			num(s, "sig_verified"), num(s, "sig_failed"), num(s, "sig_unverifiable"), clean-1)
	}
	// The original capture has no mismatch: the finding is the flipped byte.
	out, _, _ = analyseFile(t, "--ntlm-creds", signingCreds, filepath.Join(signingDir, "smb311_gmac.pcap"))
	if f := findingsNamed(records(t, out), "signature_mismatch"); len(f) != 0 {
		t.Errorf("the untouched capture gives %d signature_mismatch findings", len(f))
	}
}

// writeTemp writes a file into the test's temporary directory.
func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// secretForms lists how a secret could leak into output: as given, and
// its NT hash in either case.
func secretForms(password string) []string {
	h := verify.NTHash(password)
	return []string{password, hex.EncodeToString(h[:]), strings.ToUpper(hex.EncodeToString(h[:]))}
}

// A wrong password leaves every signed message unverifiable, says so
// plainly, raises no mismatch, and never shows the password.
func TestWrongPassword(t *testing.T) {
	repoRoot(t)
	const wrong = "Wrong-Password-9"
	creds := writeTemp(t, "creds.txt", `WORKGROUP\alice:`+wrong+"\n")
	for _, tc := range signingCases {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join(signingDir, tc.file)
			for _, format := range []string{"json", "zeek", "text"} {
				out, stderr, code := analyseFile(t, "-f", format, "--ntlm-creds", creds, path)
				if code != 0 {
					t.Fatalf("exit code %d: %s", code, stderr)
				}
				for _, s := range secretForms(wrong) {
					if strings.Contains(out+stderr, s) {
						t.Fatalf("%s output shows the password or its hash", format)
					}
				}
				if format != "json" {
					continue
				}
				recs := records(t, out)
				s := byType(recs, "session")[0]
				signed := signedBySession(t, path)[s["session_id"].(string)]
				if num(s, "sig_verified") != 0 || num(s, "sig_failed") != 0 || num(s, "sig_unverifiable") != signed {
					t.Errorf("sig_verified %d, sig_failed %d, sig_unverifiable %d; want 0, 0, %d",
						num(s, "sig_verified"), num(s, "sig_failed"), num(s, "sig_unverifiable"), signed)
				}
				if want := `wrong password for WORKGROUP\alice`; s["sig_unverifiable_reason"] != want {
					t.Errorf("sig_unverifiable_reason %q, want %q", s["sig_unverifiable_reason"], want)
				}
				if f := findingsNamed(recs, "signature_mismatch"); len(f) != 0 {
					t.Errorf("%d signature_mismatch findings for a wrong password", len(f))
				}
			}
		})
	}
}

// The credential may be the NT hash instead of the password; a user with no
// credential gets "no key"; without secrets the fields are absent.
func TestCredentialForms(t *testing.T) {
	repoRoot(t)
	path := filepath.Join(signingDir, "smb311_cmac.pcap")
	h := verify.NTHash(signingPassword)
	byHash := writeTemp(t, "hash.txt", "# NT hash form\n"+`workgroup\ALICE:`+hex.EncodeToString(h[:])+"\n")
	out, stderr, _ := analyseFile(t, "--ntlm-creds", byHash, path)
	s := byType(records(t, out), "session")[0]
	if num(s, "sig_verified") == 0 || num(s, "sig_failed") != 0 || num(s, "sig_unverifiable") != 0 {
		t.Errorf("NT hash credential: %v verified, %v failed, %v unverifiable", s["sig_verified"], s["sig_failed"], s["sig_unverifiable"])
	}
	for _, f := range secretForms(signingPassword) {
		if strings.Contains(out+stderr, f) {
			t.Error("the output shows the NT hash")
		}
	}

	other := writeTemp(t, "other.txt", `WORKGROUP\bob:whatever`+"\n")
	out, _, _ = analyseFile(t, "--ntlm-creds", other, path)
	s = byType(records(t, out), "session")[0]
	if s["sig_unverifiable_reason"] != "no key" || num(s, "sig_verified") != 0 {
		t.Errorf("no credential for the user: reason %v, %v verified", s["sig_unverifiable_reason"], s["sig_verified"])
	}

	out, _, _ = analyseFile(t, path)
	for _, key := range []string{"sig_verified", "sig_failed", "sig_unverifiable", "sig_unverifiable_reason"} {
		if _, ok := byType(records(t, out), "session")[0][key]; ok {
			t.Errorf("%s present without secrets", key)
		}
	}
}

// A malformed secrets file is a usage error that names the file and line
// but shows none of its content.
func TestSecretsFileErrors(t *testing.T) {
	repoRoot(t)
	path := filepath.Join(signingDir, "smb202.pcap")
	for _, tc := range []struct{ flag, content, want string }{
		{"--ntlm-creds", "WORKGROUP-alice-Secret-Leak-1\n", "line 1"},
		{"--ntlm-creds", "# comment\n\n\\:Secret-Leak-1\n", "line 3"},
		{"--keys", "0x1234 Secret-Leak-1\n", "line 1"},
		{"--keys", "zz00000000000000 00112233445566778899aabbccddeeff\n", "line 1"},
		{"--keys", "0x1234\n", "line 1"},
	} {
		file := writeTemp(t, "secrets.txt", tc.content)
		out, stderr, code := analyseFile(t, tc.flag, file, path)
		if code != 2 || out != "" {
			t.Errorf("%s %q: exit code %d, output %q; want 2 and none", tc.flag, tc.content, code, out)
		}
		if !strings.Contains(stderr, tc.want) || !strings.Contains(stderr, file) {
			t.Errorf("%s %q: error %q does not name the file and %s", tc.flag, tc.content, stderr, tc.want)
		}
		for _, leak := range []string{"Secret-Leak-1", "00112233445566778899aabbccddeeff", "WORKGROUP"} {
			if strings.Contains(stderr, leak) {
				t.Errorf("%s: the error shows the file's content: %q", tc.flag, stderr)
			}
		}
	}
	if _, stderr, code := analyseFile(t, "--keys", filepath.Join(t.TempDir(), "missing"), path); code != 2 || !strings.Contains(stderr, "--keys") {
		t.Errorf("missing keys file: exit code %d, %q", code, stderr)
	}
}

// collector keeps the reassembled bytes of each direction of the first
// connection of a capture.
type collector struct{ dirs [2][]byte }

func (c *collector) Open(capture.ConnInfo) capture.Stream { return c }
func (c *collector) Data(d capture.Direction, b []byte, _ capture.Meta) bool {
	c.dirs[d] = append(c.dirs[d], b...)
	return true
}
func (c *collector) Gap(capture.Direction, int, capture.Meta) {}
func (c *collector) Close(capture.Meta, capture.CloseReason)  {}

// nbssMessages splits one direction into its NBSS message bodies.
func nbssMessages(b []byte) [][]byte {
	var out [][]byte
	for len(b) >= 4 {
		n := int(b[1])<<16 | int(b[2])<<8 | int(b[3])
		if len(b) < 4+n {
			break
		}
		out = append(out, b[4:4+n])
		b = b[4+n:]
	}
	return out
}

// logonKey works out, for the test, the session id and the session key of
// the NTLM logon of a signing capture from its SESSION_SETUP messages and
// the password.
func logonKey(t *testing.T, path string) (uint64, []byte) {
	t.Helper()
	var c collector
	if _, err := capture.ReadFile(context.Background(), path, &c, capture.Options{}); err != nil {
		t.Fatal(err)
	}
	var auth verify.NTLMAuth
	var id uint64
	take := func(buf []byte) {
		tok, err := dissect.ParseSecurityToken(buf)
		if err != nil || tok.NTLM == nil {
			return
		}
		switch n := tok.NTLM; n.Type {
		case dissect.NTLMChallengeType:
			auth.ServerChallenge = append([]byte(nil), n.ServerChallenge[:]...)
		case dissect.NTLMAuthenticateType:
			auth.User, auth.Domain, auth.Flags = n.User, n.Domain, n.Flags
			auth.LMResponse, auth.NTResponse = n.LMResponse, n.NTResponse
			auth.EncryptedRandomSessionKey = n.EncryptedRandomSessionKey
		}
	}
	for _, dir := range c.dirs {
		for _, msg := range nbssMessages(dir) {
			switch dissect.ProtocolOf(msg) {
			case dissect.ProtoSMB2:
				h, err := dissect.ParseSMB2Header(msg)
				if err != nil || h.Command != dissect.SMB2SessionSetup {
					continue
				}
				if !h.IsResponse() {
					if r, err := dissect.ParseSessionSetupRequest(msg); err == nil {
						take(r.SecurityBuffer)
					}
					continue
				}
				id = h.SessionID
				if r, err := dissect.ParseSessionSetupResponse(msg); err == nil && h.Status == dissect.StatusMoreProcessingRequired {
					take(r.SecurityBuffer)
				}
			case dissect.ProtoSMB1:
				h, err := dissect.ParseSMB1Header(msg)
				if err != nil || h.Command != dissect.SMB1SessionSetupAndX {
					continue
				}
				if !h.IsResponse() {
					if r, err := dissect.ParseSMB1SessionSetupRequest(msg); err == nil {
						take(r.SecurityBlob)
					}
					continue
				}
				id = uint64(h.UID)
				if r, err := dissect.ParseSMB1SessionSetupResponse(msg); err == nil {
					take(r.SecurityBlob)
				}
			}
		}
	}
	key, err := verify.NTLMSessionKey(verify.NTHash(signingPassword), &auth)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return id, key
}

// A key file with the session key of each logon gives what the password
// gives, with the session id in either form.
func TestKeysFile(t *testing.T) {
	repoRoot(t)
	for i, tc := range signingCases {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join(signingDir, tc.file)
			id, key := logonKey(t, path)
			ids := fmt.Sprintf("0x%x", id)
			if i%2 == 1 {
				// Wireshark's form: the eight bytes in wire order.
				var b [8]byte
				binary.LittleEndian.PutUint64(b[:], id)
				ids = hex.EncodeToString(b[:])
			}
			keys := writeTemp(t, "keys.txt", "# session keys\n"+ids+" "+hex.EncodeToString(key)+"\n")
			withKeys, stderr, code := analyseFile(t, "--keys", keys, path)
			if code != 0 {
				t.Fatalf("exit code %d: %s", code, stderr)
			}
			withCreds, _, _ := analyseFile(t, "--ntlm-creds", signingCreds, path)
			if withKeys != withCreds {
				t.Errorf("--keys and --ntlm-creds disagree:\n%s", lineDiff(withCreds, withKeys))
			}
			if num(byType(records(t, withKeys), "session")[0], "sig_verified") == 0 {
				t.Error("nothing verified with the key file")
			}
			if strings.Contains(withKeys+stderr, hex.EncodeToString(key)) {
				t.Error("the output shows the session key")
			}
		})
	}
	// A wrong key verifies nothing and, since no message matched it, is
	// reported as a key that does not fit rather than as tampering.
	path := filepath.Join(signingDir, "smb302.pcap")
	id, _ := logonKey(t, path)
	keys := writeTemp(t, "keys.txt", fmt.Sprintf("0x%x %s\n", id, strings.Repeat("ab", 16)))
	out, _, _ := analyseFile(t, "--keys", keys, path)
	recs := records(t, out)
	s := byType(recs, "session")[0]
	if num(s, "sig_verified") != 0 || num(s, "sig_failed") != 0 || num(s, "sig_unverifiable") == 0 ||
		s["sig_unverifiable_reason"] != "the supplied session key does not match the session" {
		t.Errorf("wrong key: %v verified, %v failed, %v unverifiable (%v)", s["sig_verified"], s["sig_failed"], s["sig_unverifiable"], s["sig_unverifiable_reason"])
	}
	if f := findingsNamed(recs, "signature_mismatch"); len(f) != 0 {
		t.Errorf("a wrong key gives %d signature_mismatch findings", len(f))
	}
}

// Captures whose handshake or bytes are missing: the reasons say so.
func TestUnverifiableReasons(t *testing.T) {
	repoRoot(t)
	carol := writeTemp(t, "creds.txt", `DEVNET\carol:c0rrect-h0rse`+"\n")
	for _, tc := range []struct{ file, reason string }{
		// Cut at 150 bytes per packet.
		{"samba/s18_smb311_srvmand_snap150.pcap", "truncated packet; handshake not captured"},
		// Starts after the session setup.
		{"samba/s21_midstream_from_s01.pcap", "handshake not captured"},
	} {
		out, _, _ := analyseFile(t, "--ntlm-creds", carol, filepath.Join("testdata/pcaps", tc.file))
		s := byType(records(t, out), "session")[0]
		if s["sig_unverifiable_reason"] != tc.reason || num(s, "sig_unverifiable") == 0 || num(s, "sig_verified")+num(s, "sig_failed") != 0 {
			t.Errorf("%s: %v verified, %v failed, %v unverifiable, reason %q; want only unverifiable, %q",
				tc.file, s["sig_verified"], s["sig_failed"], s["sig_unverifiable"], s["sig_unverifiable_reason"], tc.reason)
		}
	}
}

// recordedConn is one connection of a capture, recorded for replay.
type recordedConn struct {
	info   capture.ConnInfo
	events []recordedEvent
	end    capture.Meta
}

type recordedEvent struct {
	dir  capture.Direction
	data []byte
	m    capture.Meta
}

type recorder struct{ conns []*recordedConn }

func (r *recorder) Open(c capture.ConnInfo) capture.Stream {
	rc := &recordedConn{info: c}
	r.conns = append(r.conns, rc)
	return recStream{rc}
}

type recStream struct{ rc *recordedConn }

func (s recStream) Data(d capture.Direction, b []byte, m capture.Meta) bool {
	s.rc.events = append(s.rc.events, recordedEvent{d, append([]byte(nil), b...), m})
	return true
}
func (s recStream) Gap(capture.Direction, int, capture.Meta)    {}
func (s recStream) Close(m capture.Meta, _ capture.CloseReason) { s.rc.end = m }

// BenchmarkVerify replays the signing captures, already read, through
// session with the password and reports signatures verified per second.
func BenchmarkVerify(b *testing.B) {
	var conns []*recordedConn
	for _, tc := range signingCases {
		var r recorder
		if _, err := capture.ReadFile(context.Background(), filepath.Join("../..", signingDir, tc.file), &r, capture.Options{}); err != nil {
			b.Fatal(err)
		}
		conns = append(conns, r.conns...)
	}
	secrets, err := loadSecrets("", filepath.Join("../..", signingCreds))
	if err != nil {
		b.Fatal(err)
	}
	verified := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tr := session.NewTracker("bench", session.Options{Secrets: secrets}, func(c *session.Connection) {
			for _, s := range c.Sessions {
				verified += s.Signatures.Verified
			}
		})
		for _, rc := range conns {
			c := tr.Open(rc.info.Flow.Client, rc.info.Flow.Server, meta(rc.info.Start), rc.info.SawSYN)
			for _, e := range rc.events {
				c.Data(session.Direction(e.dir), e.data, meta(e.m))
			}
			c.Close(meta(rc.end), "end")
		}
	}
	b.ReportMetric(float64(verified)/b.Elapsed().Seconds(), "verified_msgs/s")
}

// withoutFrame writes a copy of a capture without one frame (numbered from
// 1) and returns its path.
func withoutFrame(t *testing.T, path string, frame int) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	offs := pcapRecords(t, b)
	if frame < 1 || frame > len(offs) {
		t.Fatalf("%s has no frame %d", path, frame)
	}
	start := offs[frame-1]
	end := start + 16 + int(binary.LittleEndian.Uint32(b[start+8:]))
	out := append(append([]byte(nil), b[:start]...), b[end:]...)
	return writeTemp(t, filepath.Base(path), string(out))
}

// firstFrame returns the first frame that completes a message matching fn.
func firstFrame(t *testing.T, path string, fn func(session.MessageInfo) bool) int {
	t.Helper()
	best := 0
	for frame, msgs := range traceCapture(t, path) {
		for _, mi := range msgs {
			if fn(mi) && (best == 0 || int(frame) < best) {
				best = int(frame)
			}
		}
	}
	if best == 0 {
		t.Fatalf("%s: no such message", path)
	}
	return best
}

// Frames lost from the capture never make a mismatch: what they hide is
// unverifiable, with the reason.
func TestLostFrames(t *testing.T) {
	repoRoot(t)
	for _, tc := range []struct {
		file   string
		which  func(session.MessageInfo) bool
		reason string
	}{
		// A SESSION_SETUP request of 3.1.1: the pre-authentication hash, and
		// so the signing key, cannot be known.
		{"smb311_cmac.pcap", func(mi session.MessageInfo) bool {
			return !mi.SMB1 && mi.Command == dissect.SMB2SessionSetup && !mi.Response && mi.SessionID != 0
		}, "handshake not captured"},
		// An SMB1 request after signing started: its sequence number and all
		// later ones are unknown.
		{"smb1_nt1.pcap", func(mi session.MessageInfo) bool {
			return mi.SMB1 && mi.Command == uint16(dissect.SMB1NTCreateAndX) && !mi.Response
		}, "SMB1 sequence number lost (gap in the capture)"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join(signingDir, tc.file)
			lossy := withoutFrame(t, path, firstFrame(t, path, tc.which))
			out, stderr, code := analyseFile(t, "--ntlm-creds", signingCreds, lossy)
			if code != 0 {
				t.Fatalf("exit code %d: %s", code, stderr)
			}
			recs := records(t, out)
			s := byType(recs, "session")[0]
			if num(s, "sig_failed") != 0 || num(s, "sig_unverifiable") == 0 || !strings.Contains(fmt.Sprint(s["sig_unverifiable_reason"]), tc.reason) {
				t.Errorf("%v verified, %v failed, %v unverifiable (%v); want no failure and %q",
					s["sig_verified"], s["sig_failed"], s["sig_unverifiable"], s["sig_unverifiable_reason"], tc.reason)
			}
			if f := findingsNamed(recs, "signature_mismatch"); len(f) != 0 {
				t.Errorf("%d signature_mismatch findings from a lost frame", len(f))
			}
		})
	}
	// A lost SMB2 message costs only itself: every other one still verifies.
	path := filepath.Join(signingDir, "smb311_gmac.pcap")
	full := byType(records(t, mustAnalyse(t, "--ntlm-creds", signingCreds, path)), "session")[0]
	lossy := withoutFrame(t, path, firstFrame(t, path, func(mi session.MessageInfo) bool {
		return !mi.SMB1 && mi.Command == 0x0005 && mi.Response // CREATE response
	}))
	s := byType(records(t, mustAnalyse(t, "--ntlm-creds", signingCreds, lossy)), "session")[0]
	if num(s, "sig_failed") != 0 || num(s, "sig_unverifiable") != 0 || num(s, "sig_verified") != num(full, "sig_verified")-1 {
		t.Errorf("one CREATE response lost: %v verified (of %v), %v failed, %v unverifiable",
			s["sig_verified"], full["sig_verified"], s["sig_failed"], s["sig_unverifiable"])
	}
}

func mustAnalyse(t *testing.T, args ...string) string {
	t.Helper()
	out, stderr, code := analyseFile(t, args...)
	if code != 0 {
		t.Fatalf("exit code %d: %s", code, stderr)
	}
	return out
}
