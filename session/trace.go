package session

// MessageInfo describes one parsed SMB message, for tracing and for tests
// that compare the dissection with other tools.
type MessageInfo struct {
	Meta
	Dir       Direction
	SMB1      bool
	Transform bool // SMB3 transform header: only SessionID is known
	Command   uint16
	Response  bool
	Signed    bool
	SessionID uint64 // SMB2 SessionId, transform SessionId, or SMB1 UID
	MessageID uint64 // SMB2 MessageId or SMB1 MID
	Status    uint32
	// Filled for the messages that carry them.
	SecurityMode *uint16 // NEGOTIATE (SMB1: SecurityMode byte), SESSION_SETUP request
	Dialect      string  // NEGOTIATE response
	SessionFlags *uint16 // SESSION_SETUP response (SMB1: Action)
	// From SESSION_SETUP security buffers: an NTLMSSP AUTHENTICATE's user,
	// domain and workstation; a Kerberos message's realm and service name
	// components (comma-joined).
	NTLMAuth      *[3]string
	KerberosRealm string
	KerberosSName string
}

// begin counts a parsed message, settles the connection's roles, and
// returns the message's logical direction and, when tracing, its MessageInfo.
func (c *Conn) begin(physical Direction, response bool, m Meta) (Direction, *MessageInfo) {
	c.res.Messages++
	c.confirmRoles(physical, response)
	dir := c.logical(physical)
	c.spoke[dir] = true
	c.t.mi = c.tracing()
	if c.t.mi != nil {
		c.t.mi.Meta, c.t.mi.Dir, c.t.mi.Response = m, dir, response
	}
	return dir, c.t.mi
}

// tracing returns the MessageInfo to fill for the current message, or nil
// when no trace function is set.
func (c *Conn) tracing() *MessageInfo {
	if c.t.Trace == nil {
		return nil
	}
	c.t.info = MessageInfo{}
	return &c.t.info
}

func (c *Conn) traced(mi *MessageInfo) {
	if mi != nil {
		c.t.Trace(mi)
	}
}
