package session

// Traffic that the capture shows only in part: lost packets, one direction
// missing, a capture that ends or starts inside a conversation, headers
// that announce impossible sizes. The rules here keep the result honest:
// what was not seen is named, and an outcome is only as sure as the
// evidence.

const (
	// AnomalyOversized counts PDU headers announcing more than maxSanePDU
	// bytes; the framer still counts past them, so everything after in
	// that direction may have been taken for their body.
	AnomalyOversized = "message_oversized"
	// AnomalyIncomplete counts directions that ended inside a PDU: the
	// connection closed, was evicted, or the capture stopped mid-message.
	AnomalyIncomplete = "message_incomplete"
)

// maxSanePDU is larger than any PDU an SMB implementation sends: 8 MiB of
// READ or WRITE data (the largest MaxReadSize and MaxWriteSize in use)
// plus headers.
const maxSanePDU = 8<<20 + 64<<10

// inside reports whether the framer is in the middle of a PDU.
func (f *framer) inside() bool { return f.synced && f.hdrN > 0 }

// noteClose records why a connection ended when the reason means that its
// result is incomplete.
func (c *Conn) noteClose(reason string) {
	if !c.isSMB {
		return
	}
	if reason == "evicted" {
		c.anomaly(AnomalyEvicted)
	}
	for d := range c.fr {
		if c.fr[d].inside() {
			c.anomaly(AnomalyIncomplete)
		}
	}
}

// needsSession lists the commands (SMB2 and SMB1 names) that a server
// completes successfully only on a session whose setup has completed.
// LOGOFF is not among them: a client abandons a setup with it, and the
// server answers success. ECHO, CANCEL and break notifications are not
// tied to a session's state either.
var needsSession = map[string]bool{
	"TREE_CONNECT": true, "TREE_DISCONNECT": true, "CREATE": true, "CLOSE": true, "FLUSH": true,
	"READ": true, "WRITE": true, "LOCK": true, "IOCTL": true, "QUERY_DIRECTORY": true,
	"CHANGE_NOTIFY": true, "QUERY_INFO": true, "SET_INFO": true,
	"TREE_CONNECT_ANDX": true, "NT_CREATE_ANDX": true, "READ_ANDX": true, "WRITE_ANDX": true,
	"TRANSACTION": true, "TRANSACTION2": true, "NT_TRANSACT": true,
}

// setupSeenLater handles a successful response to an ordinary command on
// a session whose setup, as far as the capture shows, is still under way:
// servers answer such commands only once the setup has completed, so the
// final SESSION_SETUP response was lost and the session is set up.
func (c *Conn) setupSeenLater(s *Session, ref MessageRef) {
	st := c.setupState(s)
	if st == nil || !st.inProgress || st.succeeded || ref.Dir != FromServer || ref.StatusName() != "STATUS_SUCCESS" || !needsSession[ref.Command()] {
		return
	}
	st.inProgress, st.succeeded, st.finalUnseen = false, true, true
}

// endedOnWire reports whether the capture saw the connection end (FIN or
// reset) with no bytes missing: only then is an unfinished exchange known
// to have been abandoned rather than lost.
func (c *Conn) endedOnWire() bool {
	return c.res.Anomalies["gap"] == 0 && (c.res.Close == "fin" || c.res.Close == "rst")
}

// degradedReasons adds the reasons that say what the capture missed.
func (c *Conn) degradedReasons(s *Session, st *setupState, add func(string, ...any)) {
	if st != nil && st.finalUnseen {
		add("final SESSION_SETUP response not captured; successful responses after it show the session was set up")
	}
	switch {
	case !c.spoke[FromClient] && c.spoke[FromServer]:
		add("no client messages captured (a one-way capture or one that missed them): counts cover the server's side only")
	case !c.spoke[FromServer] && c.spoke[FromClient]:
		add("no server messages captured (a one-way capture or a server that never answered): counts cover the client's side only")
	}
}
