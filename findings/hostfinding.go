package findings

import (
	"math"
	"time"

	"github.com/smbscope/smbscope/session"
)

// hostFinding is an aggregated finding (one per kind and subject per run)
// while the run goes on. Thousands of them live until the end of the run,
// so it keeps its evidence compactly, in memory the garbage collector need
// not look into, and builds its FindingRecord only when it is written.
type hostFinding struct {
	kind    *Kind
	subject string
	// first is what the first connection that showed it told.
	uid, cid, input string
	conn            ConnID
	first, last     time.Time
	count           int
	mode, dialect   string
	detail          string
	truncated       bool

	// The first maxEvidence uids, back to back in uidBytes, and frames.
	nUIDs    uint8
	nFrames  uint8
	uidEnds  [maxEvidence]uint16
	uidBytes []byte
	frames   [maxEvidence]uint64
}

func newHostFinding(k *Kind, c *session.Connection, subject, cid string) *hostFinding {
	return &hostFinding{
		kind: k, subject: subject,
		uid: c.UID, cid: cid, input: c.Input, conn: connID(c),
		first: c.First.Time, last: c.Last.Time,
		dialect: c.Dialect,
	}
}

// add counts c as evidence; frame is the message that showed it, 0 when
// none did.
func (h *hostFinding) add(c *session.Connection, frame uint64) {
	h.count++
	if c.Last.Time.After(h.last) {
		h.last = c.Last.Time
	}
	if h.nUIDs == maxEvidence || len(h.uidBytes)+len(c.UID) > math.MaxUint16 {
		h.truncated = true
		return
	}
	if h.uidBytes == nil {
		h.uidBytes = make([]byte, 0, len(c.UID)*maxEvidence)
	}
	h.uidBytes = append(h.uidBytes, c.UID...)
	h.uidEnds[h.nUIDs] = uint16(len(h.uidBytes))
	h.nUIDs++
	// Frame numbers mean something only within the first input.
	if frame != 0 && c.Input == h.input {
		h.frames[h.nFrames] = frame
		h.nFrames++
	}
}

// record is the finding as it stands.
func (h *hostFinding) record() *FindingRecord {
	k := h.kind
	f := &FindingRecord{
		Type:        "finding",
		TS:          Time(h.first),
		Finding:     k.Name,
		Severity:    k.Severity,
		Subject:     h.subject,
		UID:         h.uid,
		ConnID:      h.conn,
		CommunityID: h.cid,
		Description: k.Description,
		Evidence: Evidence{
			Input: h.input, Count: h.count,
			FirstSeen: Time(h.first), LastSeen: Time(h.last),
			Dialect: h.dialect, Mode: h.mode, Detail: h.detail, Truncated: h.truncated,
		},
		Remediation: k.Remediation,
	}
	if h.nUIDs > 0 {
		uids := make([]string, h.nUIDs)
		start := uint16(0)
		for i := range uids {
			uids[i] = string(h.uidBytes[start:h.uidEnds[i]])
			start = h.uidEnds[i]
		}
		f.Evidence.UIDs = uids
	}
	if h.nFrames > 0 {
		f.Evidence.Frames = append([]uint64(nil), h.frames[:h.nFrames]...)
	}
	return f
}
