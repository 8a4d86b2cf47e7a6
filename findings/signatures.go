package findings

import (
	"strings"

	"github.com/smbscope/smbscope/session"
)

// signatureFields fills the signature verification fields of a session
// record; they stay absent when no secrets were supplied.
func signatureFields(r *SessionRecord, s *session.Session) {
	v := s.Signatures
	if v == nil {
		return
	}
	verified, failed, unverifiable := v.Verified, v.Failed, v.Unverifiable
	r.SigVerified, r.SigFailed, r.SigUnverifiable = &verified, &failed, &unverifiable
	r.SigUnverifiableReason = strings.Join(v.Reasons, "; ")
}

// signatureFindings writes one signature_mismatch per message whose
// signature did not match the session's key.
func (e *Engine) signatureFindings(c *session.Connection, s *session.Session, subject string) {
	v := s.Signatures
	if v == nil {
		return
	}
	for _, ref := range v.Failures {
		f := e.newFinding(SignatureMismatch, c, subject)
		f.TS = Time(ref.Time())
		f.Evidence.FirstSeen, f.Evidence.LastSeen = Time(ref.Time()), Time(ref.Time())
		f.Evidence.SessionID = s.SessionIDString()
		f.Evidence.Dialect = c.Dialect
		if s.UserSeen {
			f.Evidence.User = qualifiedUser(s)
		}
		f.Evidence.Frames = []uint64{ref.Frame}
		f.Evidence.Messages = messages([]session.MessageRef{ref})
		from := "client"
		if ref.Dir == session.FromServer {
			from = "server"
		}
		f.Evidence.Detail = ref.Command() + " from the " + from + ": the signature does not match the session's signing key"
		e.write(f)
	}
	if n := v.Failed - len(v.Failures); n > 0 {
		// Past the per-session cap the failures are counted only.
		f := e.newFinding(SignatureMismatch, c, subject)
		f.Evidence.Count = n
		f.Evidence.SessionID = s.SessionIDString()
		f.Evidence.Frames = []uint64{}
		f.Evidence.Truncated = true
		f.Evidence.Detail = "further messages whose signature does not match, frames not listed"
		e.write(f)
	}
}
