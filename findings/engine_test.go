package findings

import (
	"net/netip"
	"testing"
	"time"

	"github.com/smbscope/smbscope/session"
)

// memWriter keeps what an Engine writes.
type memWriter struct {
	sessions []SessionRecord
	findings []FindingRecord
}

func (m *memWriter) Session(r *SessionRecord) error { m.sessions = append(m.sessions, *r); return nil }
func (m *memWriter) Finding(r *FindingRecord) error { m.findings = append(m.findings, *r); return nil }
func (m *memWriter) Host(*HostRecord) error         { return nil }
func (m *memWriter) Input(*InputSummary) error      { return nil }
func (m *memWriter) Close() error                   { return nil }

func TestInvalidSignatureFinding(t *testing.T) {
	t0 := time.Unix(1700000000, 0)
	ref := func(frame uint64) session.MessageRef {
		r := session.MessageRefAt(session.Meta{Frame: frame, Time: t0.Add(time.Duration(frame) * time.Millisecond)})
		r.Dir, r.Cmd, r.Response, r.NTStatus, r.Status = session.FromServer, 8 /* READ */, true, true, 0xC000A000 /* STATUS_INVALID_SIGNATURE */
		return r
	}
	c := &session.Connection{
		UID:                   "Ctest",
		Client:                netip.MustParseAddrPort("192.0.2.1:50000"),
		Server:                netip.MustParseAddrPort("192.0.2.2:445"),
		First:                 session.Meta{Frame: 1, Time: t0},
		Last:                  session.Meta{Frame: 40, Time: t0.Add(time.Second)},
		InvalidSignatures:     []session.MessageRef{ref(12), ref(20)},
		InvalidSignatureCount: 3,
		LastInvalidSignature:  ref(31).Meta(),
	}
	var w memWriter
	e := NewEngine(&w, 0)
	e.Connection(c)
	if err := e.Finish(); err != nil {
		t.Fatal(err)
	}
	var got *FindingRecord
	for i := range w.findings {
		if w.findings[i].Finding == "invalid_signature" {
			got = &w.findings[i]
		}
	}
	if got == nil {
		t.Fatalf("no invalid_signature finding in %+v", w.findings)
	}
	if got.Subject != "192.0.2.2" || got.Severity != High || got.Evidence.Count != 3 || !got.Evidence.Truncated {
		t.Errorf("finding %+v", got)
	}
	if len(got.Evidence.Frames) != 2 || got.Evidence.Frames[0] != 12 || got.Evidence.Frames[1] != 20 {
		t.Errorf("frames %v, want [12 20]", got.Evidence.Frames)
	}
	if time.Time(got.Evidence.LastSeen) != ref(31).Time() {
		t.Errorf("last seen %v", time.Time(got.Evidence.LastSeen))
	}
}
