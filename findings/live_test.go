package findings

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/smbscope/smbscope/session"
)

func countOf(t *testing.T, fs []FindingRecord, name, subject string) []int {
	t.Helper()
	var out []int
	for _, f := range fs {
		if f.Finding == name && f.Subject == subject {
			out = append(out, f.Evidence.Count)
		}
	}
	return out
}

// Live, a host finding is written at its subject's first connection, then
// at most once per suppression window with updated counts, and at Finish
// if it changed since.
func TestLiveHostFindings(t *testing.T) {
	rec := &recorder{}
	e := NewEngine(rec, 0)
	e.SetLive(time.Hour)
	const srv = "192.0.2.10:445"
	conn := func(at time.Duration, client string) {
		e.Connection(negotiated(client, srv, at, session.SigningEnabled, session.SigningEnabled, "3.1.1", session.OutcomeUnsigned))
	}
	server := func() []int { return countOf(t, rec.findings, ServerSigningNotRequired.Name, "192.0.2.10") }

	conn(0, "192.0.2.20:50000")
	if got := server(); len(got) != 1 || got[0] != 1 {
		t.Fatalf("after the first connection: %v, want [1]", got)
	}
	if got := countOf(t, rec.findings, ClientSigningNotRequired.Name, "192.0.2.20"); len(got) != 1 {
		t.Fatalf("client finding not written at once: %v", got)
	}
	conn(10*time.Minute, "192.0.2.21:50000")
	e.Tick(t0.Add(30 * time.Minute))
	if got := server(); len(got) != 1 {
		t.Fatalf("written again inside the window: %v", got)
	}
	e.Tick(t0.Add(61 * time.Minute))
	if got := server(); len(got) != 2 || got[1] != 2 {
		t.Fatalf("after the window: %v, want [1 2]", got)
	}
	// Each client's finding was written once: the second client is a new
	// subject, written at once; nothing of it changed since.
	if got := countOf(t, rec.findings, ClientSigningNotRequired.Name, "192.0.2.21"); len(got) != 1 {
		t.Fatalf("second client: %v", got)
	}
	conn(62*time.Minute, "192.0.2.20:50001")
	e.Tick(t0.Add(90 * time.Minute))
	if got := server(); len(got) != 2 {
		t.Fatalf("written again inside the second window: %v", got)
	}
	before := len(rec.findings)
	if err := e.Finish(); err != nil {
		t.Fatal(err)
	}
	if got := server(); len(got) != 3 || got[2] != 3 {
		t.Fatalf("at Finish: %v, want [1 2 3]", got)
	}
	// The first client's window had ended by the tick at 90 minutes; at
	// Finish only the server had changed since it was last written.
	if got := countOf(t, rec.findings, ClientSigningNotRequired.Name, "192.0.2.20"); len(got) != 2 || got[1] != 2 {
		t.Errorf("first client: %v, want [1 2]", got)
	}
	if n := len(rec.findings) - before; n != 1 {
		t.Errorf("Finish wrote %d findings, want 1", n)
	}
	if len(rec.hosts) != 3 {
		t.Errorf("%d host records, want 3", len(rec.hosts))
	}
}

// Offline (no SetLive) host findings wait for Finish, as before.
func TestOfflineHostFindingsWaitForFinish(t *testing.T) {
	rec := &recorder{}
	e := NewEngine(rec, 0)
	e.Connection(negotiated("192.0.2.20:50000", "192.0.2.10:445", 0, session.SigningEnabled, session.SigningEnabled, "3.1.1", session.OutcomeSigned))
	e.Tick(t0.Add(24 * time.Hour))
	if len(rec.findings) != 0 {
		t.Fatalf("host findings before Finish: %+v", rec.findings)
	}
	e.Finish()
	if len(countOf(t, rec.findings, ServerSigningNotRequired.Name, "192.0.2.10")) != 1 {
		t.Error("no server finding at Finish")
	}
}

// The text report shows an updated finding once, with its last counts.
func TestLiveTextReportUpdates(t *testing.T) {
	var out bytes.Buffer
	e := NewEngine(NewTextWriter(&out, false), 0)
	e.SetLive(time.Minute)
	for i := range 3 {
		e.Connection(negotiated("192.0.2.20:50000", "192.0.2.10:445", time.Duration(i)*time.Hour, session.SigningEnabled, session.SigningEnabled, "3.1.1", session.OutcomeSigned))
	}
	if err := e.Finish(); err != nil {
		t.Fatal(err)
	}
	if err := e.w.Close(); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(out.String(), "server_signing_not_required (1)"); n != 1 {
		t.Errorf("server finding listed %d times:\n%s", n, out.String())
	}
}

func sampleSession(at string) *SessionRecord {
	return &SessionRecord{Type: "session", TS: ts(at), UID: "CTEST", Outcome: "unsigned"}
}

// Live on one stream, Zeek TSV writes each log as complete blocks, each
// record flushed at once.
func TestZeekStreamWriterBlocks(t *testing.T) {
	var out bytes.Buffer
	z := NewZeekStreamWriter(&out)
	step := func(write func() error, wantPath string) {
		t.Helper()
		if err := write(); err != nil {
			t.Fatal(err)
		}
		s := out.String()
		if !strings.HasSuffix(s, "\n") {
			t.Fatalf("record not flushed:\n%s", s)
		}
		if last := s[strings.LastIndex(s, "#path\t")+6:]; !strings.HasPrefix(last, wantPath+"\n") {
			t.Errorf("last block is not %s", wantPath)
		}
	}
	step(func() error { return z.Session(sampleSession("2026-11-21T20:00:00Z")) }, SessionLog)
	step(func() error { return z.Session(sampleSession("2026-11-21T20:00:01Z")) }, SessionLog)
	step(func() error { return z.Host(sampleHost("198.51.100.10", "2026-11-21T20:00:02Z")) }, HostLog)
	step(func() error { return z.Session(sampleSession("2026-11-21T20:00:03Z")) }, SessionLog)
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	if n, m := strings.Count(s, "#separator"), strings.Count(s, "#close\t"); n != 3 || m != 3 {
		t.Errorf("%d header blocks and %d #close lines, want 3 and 3:\n%s", n, m, s)
	}
	if !strings.HasSuffix(s, "#close\t2026-11-21-20-00-03\n") {
		t.Errorf("does not end with #close:\n%s", s)
	}
}

// Rotation by time renames the logs as Zeek does, and the next record
// starts a new file with a header; SIGHUP's Reopen recreates moved files.
func TestLogRotationByTime(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 11, 21, 10, 20, 0, 0, time.UTC)
	rot := NewLogRotation(dir, time.Hour, 0)
	rot.now = func() time.Time { return now }
	zw := NewZeekLogWriter(rot.Opener())
	zw.Flush = true
	w := rot.Writer(zw)
	if err := w.Session(sampleSession("2026-11-21T10:20:00Z")); err != nil {
		t.Fatal(err)
	}
	now = now.Add(30 * time.Minute) // 10:50: same interval
	if err := rot.Tick(now); err != nil {
		t.Fatal(err)
	}
	if names := ls(t, dir); len(names) != 1 {
		t.Fatalf("rotated inside the interval: %v", names)
	}
	now = time.Date(2026, 11, 21, 11, 0, 0, 0, time.UTC)
	if err := rot.Tick(now); err != nil {
		t.Fatal(err)
	}
	rotated := filepath.Join(dir, "smb_signing.2026-11-21-10-20-00.log")
	if names := ls(t, dir); len(names) != 1 || names[0] != filepath.Base(rotated) {
		t.Fatalf("after 11:00: %v", names)
	}
	if b, _ := os.ReadFile(rotated); !strings.HasSuffix(string(b), "#close\t2026-11-21-10-20-00\n") {
		t.Errorf("rotated log does not end with #close:\n%s", b)
	}
	if err := w.Session(sampleSession("2026-11-21T11:00:01Z")); err != nil {
		t.Fatal(err)
	}
	cur, _ := os.ReadFile(filepath.Join(dir, "smb_signing.log"))
	if !strings.HasPrefix(string(cur), "#separator") || !strings.Contains(string(cur), "#open\t2026-11-21-11-00-01\n") {
		t.Errorf("new log has no fresh header:\n%s", cur)
	}
	// logrotate moves the file away, then SIGHUP.
	moved := filepath.Join(dir, "moved.log")
	if err := os.Rename(filepath.Join(dir, "smb_signing.log"), moved); err != nil {
		t.Fatal(err)
	}
	if err := rot.Reopen(); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(moved); !strings.HasSuffix(string(b), "#close\t2026-11-21-11-00-01\n") {
		t.Errorf("moved log not closed:\n%s", b)
	}
	if err := w.Session(sampleSession("2026-11-21T11:00:02Z")); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	want := []string{"moved.log", "smb_signing.2026-11-21-10-20-00.log", "smb_signing.log"}
	if names := ls(t, dir); strings.Join(names, " ") != strings.Join(want, " ") {
		t.Errorf("files %v, want %v", names, want)
	}
}

// Rotation by size keeps each file near the limit, and names that would
// collide get a suffix.
func TestLogRotationBySize(t *testing.T) {
	dir := t.TempDir()
	rot := NewLogRotation(dir, 0, 300)
	now := time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)
	rot.now = func() time.Time { return now }
	jw := NewJSONLogWriter(rot.Opener())
	jw.Flush = true
	w := rot.Writer(jw)
	for range 10 {
		if err := w.Session(sampleSession("2026-11-21T10:00:00Z")); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	names := ls(t, dir)
	if len(names) < 3 {
		t.Fatalf("files %v: no rotation by size", names)
	}
	lines := 0
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			t.Fatal(err)
		}
		lines += strings.Count(string(b), "\n")
		if !strings.HasPrefix(n, "smb_signing.") {
			t.Errorf("unexpected file %s", n)
		}
	}
	if lines != 10 {
		t.Errorf("%d records over %v, want 10", lines, names)
	}
	if !contains(names, "smb_signing.2026-11-21-10-00-00.log") || !contains(names, "smb_signing.2026-11-21-10-00-00-1.log") {
		t.Errorf("rotated names %v", names)
	}
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

func ls(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	sort.Strings(out)
	return out
}
