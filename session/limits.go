package session

import (
	"strings"

	"github.com/smbscope/smbscope/dissect"
)

// What the limits of Options make the analysis skip, and what hostile or
// broken input it refuses to believe, is counted in Connection.Anomalies
// under these names (beside gap, resync and the per-message ones), so that
// a record always says what it could not see.
const (
	// AnomalyEvicted: the connection was closed before its end to respect
	// the limit on connections tracked at once; later packets of it, if
	// any, were analysed as a new connection that starts mid-stream.
	AnomalyEvicted = "connection_evicted"
	// AnomalySessionLimit counts messages of sessions beyond
	// Options.MaxSessions, which were not attributed to any session.
	AnomalySessionLimit = "session_limit"
	// AnomalyPendingLimit counts SESSION_SETUP requests not followed
	// because Options.MaxPending requests already awaited a response.
	AnomalyPendingLimit = "pending_limit"
	// AnomalyKeepLimit counts PDUs whose compound chain ran past the
	// Options.MaxKeptBytes prefix kept: the members after it were skipped.
	AnomalyKeepLimit = "compound_beyond_keep_limit"
	// AnomalyBeyondKeep counts messages that could not be parsed because
	// only their first Options.MaxKeptBytes were kept.
	AnomalyBeyondKeep = "message_beyond_keep_limit"
	// AnomalyNBSSControl counts NetBIOS session service control packets
	// (session request, positive or negative response) whose body is not
	// what RFC 1002 defines: taken for noise, not as evidence of SMB.
	AnomalyNBSSControl = "nbss_control_malformed"
)

// minKeptBytes is the smallest PDU prefix kept whatever Options say: an
// SMB2 header, without which messages could not even be counted.
const minKeptBytes = dissect.SMB2HeaderLen

// minPDUBuffer is the first buffer of a PDU that spans packets; it
// doubles as the PDU's bytes arrive, up to its kept size.
const minPDUBuffer = 4 << 10

// keptName renames the failure to parse a message that was cut to the
// keep limit: the message is not malformed, smbscope kept too little of it.
func (c *Conn) keptName(name string) string {
	if c.keptOnly && (strings.HasSuffix(name, "_malformed") || strings.HasSuffix(name, "_truncated")) {
		return AnomalyBeyondKeep
	}
	return name
}

// nbssControlValid reports whether a session service control packet is
// well formed (RFC 1002 4.3.2-4.3.4). Only well-formed ones mark the
// connection as NetBIOS: a garbage packet whose first byte happens to be
// 0x81 is no session request.
func nbssControlValid(typ dissect.NBSSType, body []byte, length int, holed bool) bool {
	switch typ {
	case dissect.NBSSRequest:
		if holed || len(body) != length {
			return false
		}
		_, _, err := dissect.ParseNBSSSessionRequest(body)
		return err == nil
	case dissect.NBSSPositive:
		return length == 0
	case dissect.NBSSNegative:
		if length != 1 || len(body) != 1 {
			return false
		}
		switch body[0] {
		case dissect.NBSSErrNotListeningOnCalledName, dissect.NBSSErrNotListeningForCallingName,
			dissect.NBSSErrCalledNameNotPresent, dissect.NBSSErrInsufficientResources, dissect.NBSSErrUnspecified:
			return true
		}
		return false
	}
	return true
}
