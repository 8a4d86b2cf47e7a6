package capture

// Eviction under a flood. When MaxConnections is reached, a connection on
// which only one side has spoken yet (a SYN that was never answered,
// garbage sent to a closed or silent port: what floods and scans are made
// of) is dropped before any conversation, least recently active first.
// Only when every tracked connection has heard both sides does the least
// recently active of all go. A flood of spoofed SYNs therefore cannot push
// the real SMB connections out of the table.

// unconfList links the connections that have seen packets from one side
// only, most recently active first. It uses conn.uprev and conn.unext, so
// a connection can be on it and on the tracker's live list at once.
type unconfList struct{ root conn }

func (l *unconfList) init() { l.root.uprev, l.root.unext = &l.root, &l.root }

func (l *unconfList) pushFront(c *conn) {
	c.uprev, c.unext = &l.root, l.root.unext
	c.uprev.unext, c.unext.uprev = c, c
}

func (l *unconfList) remove(c *conn) {
	if c.uprev == nil {
		return // not on the list
	}
	c.uprev.unext, c.unext.uprev = c.unext, c.uprev
	c.uprev, c.unext = nil, nil
}

func (l *unconfList) back() *conn {
	if l.root.uprev == &l.root {
		return nil
	}
	return l.root.uprev
}

// touch keeps c's place on the unconfirmed list after one of its packets:
// off the list once both sides have spoken, at the front otherwise.
func (t *tracker) touch(c *conn) {
	if c.uprev == nil {
		return
	}
	t.unconf.remove(c)
	if !(c.half[0].started && c.half[1].started) {
		t.unconf.pushFront(c)
	}
}

// evictee is the connection to drop to make room for a new one.
func (t *tracker) evictee() *conn {
	if c := t.unconf.back(); c != nil {
		return c
	}
	return t.live.back()
}
