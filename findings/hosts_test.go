package findings

import (
	"bytes"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/smbscope/smbscope/session"
)

// recorder keeps what the engine writes.
type recorder struct {
	sessions []SessionRecord
	findings []FindingRecord
	hosts    []HostRecord
	inputs   []InputSummary
}

func (r *recorder) Session(s *SessionRecord) error { r.sessions = append(r.sessions, *s); return nil }
func (r *recorder) Finding(f *FindingRecord) error { r.findings = append(r.findings, *f); return nil }
func (r *recorder) Host(h *HostRecord) error       { r.hosts = append(r.hosts, *h); return nil }
func (r *recorder) Input(s *InputSummary) error    { r.inputs = append(r.inputs, *s); return nil }
func (r *recorder) Close() error                   { return nil }

var t0 = time.Date(2026, 11, 21, 20, 0, 0, 0, time.UTC)

// negotiated builds a connection whose NEGOTIATE exchange was captured,
// with one session of the given outcome.
func negotiated(client, server string, at time.Duration, clientSigning, serverSigning session.Signing, dialect string, outcome session.Outcome) *session.Connection {
	mode := uint16(0x01)
	if serverSigning == session.SigningRequired {
		mode = 0x03
	}
	c := &session.Connection{
		Input: "test.pcap", UID: "C" + client + server,
		Client: netip.MustParseAddrPort(client), Server: netip.MustParseAddrPort(server),
		First: session.Meta{Frame: 1, Time: t0.Add(at)}, Last: session.Meta{Frame: 9, Time: t0.Add(at + time.Second)},
		NegotiateSeen: true, Dialect: dialect, ClientSigning: clientSigning, ServerSigning: serverSigning,
		ClientSecurityMode: &mode, ServerSecurityMode: &mode, SMB2Seen: true,
		SMB1Negotiated: strings.HasPrefix(dialect, "NT"),
	}
	if outcome != "" {
		c.Sessions = []*session.Session{{ID: 1, SetupDone: true, Outcome: outcome, First: c.First, Last: c.Last}}
	}
	return c
}

func hostByAddr(t *testing.T, hosts []HostRecord, role, addr string) HostRecord {
	t.Helper()
	for _, h := range hosts {
		if h.Role == role && h.Host.String() == addr {
			return h
		}
	}
	t.Fatalf("no %s record for %s in %+v", role, addr, hosts)
	return HostRecord{}
}

func TestHostPosture(t *testing.T) {
	rec := &recorder{}
	e := NewEngine(rec, 0)
	const (
		cli1 = "192.0.2.20:50000"
		cli2 = "192.0.2.21:50001"
	)
	// 192.0.2.10 requires signing on one connection, not on the other.
	e.Connection(negotiated(cli1, "192.0.2.10:445", 2*time.Second, session.SigningEnabled, session.SigningRequired, "3.1.1", session.OutcomeSigned))
	e.Connection(negotiated(cli2, "192.0.2.10:445", 0, session.SigningEnabled, session.SigningEnabled, "3.0.2", session.OutcomeUnsigned))
	// 192.0.2.11 always requires it; 192.0.2.12 requires it but speaks SMB1.
	e.Connection(negotiated(cli1, "192.0.2.11:445", time.Second, session.SigningRequired, session.SigningRequired, "3.1.1", session.OutcomeEncrypted))
	e.Connection(negotiated(cli1, "192.0.2.12:445", time.Second, session.SigningRequired, session.SigningRequired, "NT LM 0.12", session.OutcomeSigned))
	// 192.0.2.13: mid-stream, nothing negotiated.
	mid := negotiated(cli2, "192.0.2.13:445", time.Second, session.SigningUnknown, session.SigningUnknown, "", session.OutcomeUnknown)
	mid.NegotiateSeen, mid.ServerSecurityMode, mid.ClientSecurityMode = false, nil, nil
	e.Connection(mid)
	if err := e.Finish(); err != nil {
		t.Fatal(err)
	}

	// First-seen order, server before client of the same connection.
	var order []string
	for _, h := range rec.hosts {
		order = append(order, h.Role+" "+h.Host.String())
	}
	wantOrder := "server 192.0.2.10,client 192.0.2.20,client 192.0.2.21,server 192.0.2.11,server 192.0.2.12,server 192.0.2.13"
	if strings.Join(order, ",") != wantOrder {
		t.Errorf("host order %v, want %s", order, wantOrder)
	}

	mixed := hostByAddr(t, rec.hosts, RoleServer, "192.0.2.10")
	if mixed.SigningRequired != SigningMixed || mixed.Posture != PostureRelayTarget || mixed.Negotiations != 2 || mixed.NotRequired != 1 {
		t.Errorf("server requiring signing on one of two connections: %+v", mixed)
	}
	if mixed.Connections != 2 || mixed.Peers != 2 || mixed.Sessions != 2 || mixed.Signed != 1 || mixed.Unsigned != 1 {
		t.Errorf("counts: %+v", mixed)
	}
	if strings.Join(mixed.Dialects, ",") != "3.0.2,3.1.1" {
		t.Errorf("dialects %v", mixed.Dialects)
	}
	// First and last seen span both connections, whatever the order they ended in.
	if !time.Time(mixed.FirstSeen).Equal(t0) || !time.Time(mixed.LastSeen).Equal(t0.Add(3*time.Second)) || mixed.TS != mixed.FirstSeen {
		t.Errorf("first/last seen %v %v", time.Time(mixed.FirstSeen), time.Time(mixed.LastSeen))
	}
	if h := hostByAddr(t, rec.hosts, RoleServer, "192.0.2.11"); h.Posture != PostureRequiresSigning || h.SigningRequired != SigningYes || h.Encrypted != 1 {
		t.Errorf("server always requiring signing: %+v", h)
	}
	if h := hostByAddr(t, rec.hosts, RoleServer, "192.0.2.12"); h.Posture != PostureSMB1 || !h.SMB1Used {
		t.Errorf("SMB1 server requiring signing: %+v", h)
	}
	if h := hostByAddr(t, rec.hosts, RoleServer, "192.0.2.13"); h.Posture != PostureUnknown || h.SigningRequired != SigningUnknown || h.Unknown != 1 {
		t.Errorf("mid-stream server: %+v", h)
	}
	if h := hostByAddr(t, rec.hosts, RoleClient, "192.0.2.20"); h.SigningRequired != SigningMixed || h.Posture != PostureSignsIfServerRequires {
		t.Errorf("client requiring signing on 2 of 3 connections: %+v", h)
	}

	// Relay targets: servers lacking SIGNING_REQUIRED at least once.
	targets := RelayTargets(e.Hosts())
	if len(targets) != 1 || targets[0].String() != "192.0.2.10" {
		t.Errorf("relay targets %v, want [192.0.2.10]", targets)
	}
}

func TestRelayTargetsAndIntel(t *testing.T) {
	hosts := []*HostRecord{
		sampleHost("2001:db8::10", "2026-11-21T20:00:00Z"),
		sampleHost("198.51.100.10", "2026-11-21T19:00:00Z", "vm", "DEV\tNAS"),
		sampleHost("10.0.0.5", "2026-11-21T18:00:00Z"),
		sampleHost("198.51.100.10", "2026-11-21T21:00:00Z"), // same address twice
		sampleHost("192.0.2.1", "2026-11-21T18:00:00Z"),
		sampleHost("192.0.2.2", "2026-11-21T18:00:00Z"),
	}
	hosts[2].SigningRequired, hosts[2].NotRequired, hosts[2].Negotiations = SigningMixed, 1, 3
	hosts[4].SigningRequired = SigningYes                               // requires signing
	hosts[5].Role = RoleClient                                          // a client, not a target
	hosts[0].Connections, hosts[0].Names = 1, []string{"files.example"} // singular

	var list bytes.Buffer
	if err := WriteRelayTargets(&list, hosts); err != nil {
		t.Fatal(err)
	}
	if want := "10.0.0.5\n198.51.100.10\n2001:db8::10\n"; list.String() != want {
		t.Errorf("relay targets:\n%s\nwant:\n%s", list.String(), want)
	}

	var intel bytes.Buffer
	if err := WriteZeekIntel(&intel, hosts); err != nil {
		t.Fatal(err)
	}
	want := "#fields\tindicator\tindicator_type\tmeta.source\tmeta.desc\n" +
		"10.0.0.5\tIntel::ADDR\tsmbscope\tSMB server did not require signing on 1 of 3 negotiations (NTLM relay target); seen 2 connections, first 2026-11-21T18:00:00Z\n" +
		"198.51.100.10\tIntel::ADDR\tsmbscope\tSMB server does not require signing (NTLM relay target); seen 2 connections, first 2026-11-21T19:00:00Z; names vm, DEV\\x09NAS\n" +
		"2001:db8::10\tIntel::ADDR\tsmbscope\tSMB server does not require signing (NTLM relay target); seen 1 connection, first 2026-11-21T20:00:00Z; names files.example\n"
	if intel.String() != want {
		t.Errorf("intel file:\n%s\nwant:\n%s", intel.String(), want)
	}
}

func TestTextReport(t *testing.T) {
	build := func(color bool) string {
		var out bytes.Buffer
		w := NewTextWriter(&out, color)
		w.Input(&InputSummary{Input: "a.pcap", Packets: 10, Connections: 1, Sessions: 1})
		h := sampleHost("198.51.100.10", "2026-11-21T20:00:00Z", "evil\x1b]0;owned\x07")
		w.Host(h)
		w.Finding(&FindingRecord{Finding: "unsigned_session", Severity: High, Subject: "a -> b session 0x1", Description: "d-high",
			Evidence: Evidence{Count: 1, Frames: []uint64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}}, Remediation: Remediation{Summary: "fix it"}})
		w.Finding(&FindingRecord{Finding: "signing_required_but_unsigned", Severity: Critical, Subject: "c -> d session 0x2", Description: "d-crit",
			Evidence: Evidence{Count: 1}, Remediation: Remediation{Summary: "look"}})
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		return out.String()
	}
	plain := build(false)
	if strings.Contains(plain, "\x1b") || strings.Contains(plain, "\x07") {
		t.Errorf("plain report has escape or control bytes:\n%q", plain)
	}
	for _, want := range []string{
		"a.pcap: 10 packets, 1 SMB connection, 1 session",
		"198.51.100.10  evil\\x1b]0;owned\\x07  no", // names from the wire cannot drive the terminal
		"relay-target",
		"frames 1,2,3,4,5,6,7,8,…",
		"Relay targets: 1 server without required signing: 198.51.100.10",
	} {
		if !strings.Contains(plain, want) {
			t.Errorf("report lacks %q:\n%s", want, plain)
		}
	}
	if strings.Index(plain, "CRITICAL") > strings.Index(plain, "HIGH") {
		t.Errorf("critical findings must come first:\n%s", plain)
	}
	colored := build(true)
	if !strings.Contains(colored, styleBRed+"CRITICAL"+styleReset) || !strings.Contains(colored, styleRed+"relay-target"+styleReset) {
		t.Errorf("colour report lacks the severity and posture colours:\n%q", colored)
	}
}
