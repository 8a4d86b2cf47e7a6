package capture

import (
	"encoding/binary"
	"math"
	"net/netip"
	"slices"
	"sort"
	"time"
)

// heldOverhead is charged per held segment on top of its bytes, so that a
// flood of tiny out-of-order segments is bounded too.
const heldOverhead = 64

// connKey identifies a connection by its 4-tuple, the same both ways. It
// holds no pointers, so the connection table is cheap to hash and gives
// the garbage collector nothing to scan.
type connKey struct {
	a0, a1, b0, b1 uint64 // addresses as 16 bytes (IPv4 mapped), the smaller endpoint first
	pa, pb         uint16
	v4             bool // IPv4, not IPv4-mapped IPv6
}

// makeKey orders two endpoints, each address given as the two big-endian
// halves of its 16-byte form. xIsB tells that x became the key's second
// endpoint.
func makeKey(x0, x1 uint64, xp uint16, y0, y1 uint64, yp uint16, v4 bool) (k connKey, xIsB bool) {
	if x0 > y0 || x0 == y0 && (x1 > y1 || x1 == y1 && xp > yp) {
		x0, x1, xp, y0, y1, yp = y0, y1, yp, x0, x1, xp
		xIsB = true
	}
	return connKey{a0: x0, a1: x1, pa: xp, b0: y0, b1: y1, pb: yp, v4: v4}, xIsB
}

func keyOf(x, y netip.AddrPort) (connKey, bool) {
	xa, ya := x.Addr().As16(), y.Addr().As16()
	return makeKey(binary.BigEndian.Uint64(xa[:8]), binary.BigEndian.Uint64(xa[8:]), x.Port(),
		binary.BigEndian.Uint64(ya[:8]), binary.BigEndian.Uint64(ya[8:]), y.Port(), x.Addr().Is4())
}

// v4Half is the low half of an IPv4-mapped address.
func v4Half(a []byte) uint64 { return 0xffff<<32 | uint64(binary.BigEndian.Uint32(a)) }

// heldSeg is an out-of-order segment waiting for the bytes before it.
type heldSeg struct {
	seq     uint32
	data    []byte // owned copy of the captured payload
	missing int    // bytes after data that the capture cut off
	meta    Meta
}

// half is one direction of a connection.
type half struct {
	nextSeq uint32 // next byte to deliver
	isn     uint32
	finSeq  uint32
	started bool      // nextSeq is valid
	syn     bool      // a SYN was seen; isn is its sequence number
	fin     bool      // a FIN was seen; finSeq is its sequence number
	queue   []heldSeg // sorted by sequence number, all after nextSeq
	held    int       // bytes charged for queue
}

// conn is one tracked connection. It keeps what the handler was told at
// Open only as far as tracking needs it (the key holds both endpoints),
// so that 100,000 open connections cost little.
type conn struct {
	key        connKey
	startFrame uint64 // the connection's first packet
	stream     Stream // nil when the handler did not want the connection
	muted      bool   // the handler returned false from Data
	clientIsB  bool   // the client is the key's second endpoint
	half       [2]half
	last       Meta  // the connection's latest packet
	lastNS     int64 // last.Time, unixNano
	prev       *conn
	next       *conn
	uprev      *conn // on tracker.unconf while only one side has spoken
	unext      *conn
}

// connList is an intrusive doubly linked list, most recently used first.
type connList struct{ root conn }

func (l *connList) init() { l.root.prev, l.root.next = &l.root, &l.root }

func (l *connList) pushFront(c *conn) {
	c.prev, c.next = &l.root, l.root.next
	c.prev.next, c.next.prev = c, c
}

func (l *connList) remove(c *conn) {
	c.prev.next, c.next.prev = c.next, c.prev
	c.prev, c.next = nil, nil
}

func (l *connList) back() *conn {
	if l.root.prev == &l.root {
		return nil
	}
	return l.root.prev
}

// tracker follows TCP connections and reassembles each direction. It
// implements its own reassembly rather than using gopacket/reassembly: that
// package cannot attribute every byte to its packet (pages after the first
// of a large out-of-order segment have no context, and asking for one
// panics), closes only one half on RST, and offers no way to end a single
// connection, which eviction, RST and port reuse all need.
type tracker struct {
	h      Handler
	opt    Options
	stats  *Stats
	conns  map[connKey]*conn
	dead   *tombs     // connections recently closed by FIN or RST
	live   connList   // open connections, most recently active first
	unconf unconfList // the live ones that have heard one side only
	nLive  int
	// recent is the connection of the previous packet: segments come in
	// runs per connection, and comparing keys costs less than hashing one.
	recent *conn
	held   int   // bytes held in all queues
	now    int64 // latest packet time seen, unixNano
}

func newTracker(h Handler, opt Options, stats *Stats) *tracker {
	t := &tracker{h: h, opt: opt, stats: stats, conns: make(map[connKey]*conn), dead: newTombs()}
	t.live.init()
	t.unconf.init()
	return t
}

// frame counts one captured frame of link type link and wire length wire
// (already counted in Packets), decodes it into p and processes it when it
// is a TCP segment: the same for files and live capture.
func (t *tracker) frame(dec *decoder, p *tcpPacket, data []byte, link uint32, wire int, m Meta) {
	st := t.stats
	st.Bytes += uint64(len(data))
	if wire > len(data) {
		st.TruncatedPackets++
	}
	switch dec.decode(data, link, wire, p) {
	case decodedTCP:
		st.TCPPackets++
		t.packet(p, m)
	case decodedOther:
		st.NonTCP++
	default:
		st.Undecodable++
	}
}

// packet processes one TCP segment.
func (t *tracker) packet(p *tcpPacket, m Meta) {
	now := unixNano(m.Time)
	t.advance(now)
	k := p.key
	c := t.recent
	if c == nil || c.key != k {
		c = t.conns[k]
	}
	isSYN := p.syn && !p.ack
	if c == nil {
		if tb := t.dead.find(k); tb != 0 {
			if !isSYN {
				return // straggler of a closed connection
			}
			t.dead.remove(tb)
		}
	}
	if c != nil && isSYN && c.isNewSYN(p) {
		reason := CloseIdle
		if c.half[0].fin || c.half[1].fin {
			reason = CloseFIN
		}
		t.finish(c, reason, false)
		c = nil
	}
	if c == nil {
		if p.rst {
			return // a lone reset is not a connection
		}
		c = t.open(k, p, m)
	} else if t.live.root.next != c {
		t.live.remove(c)
		t.live.pushFront(c)
	}
	t.recent = c
	c.last, c.lastNS = m, now
	d := FromServer
	if p.srcIsB == c.clientIsB {
		d = FromClient
	}
	if p.rst {
		t.finish(c, CloseRST, true)
		return
	}
	h := &c.half[d]
	seq := p.seq
	if p.syn {
		if !h.syn {
			h.syn, h.isn = true, seq
		}
		if !h.started {
			h.started, h.nextSeq = true, seq+1
		}
		seq++
	}
	if !h.started {
		// Mid-stream start: the first byte seen is where the stream begins.
		h.started, h.nextSeq = true, seq
	}
	t.touch(c)
	if p.fin && !h.fin {
		h.fin, h.finSeq = true, seq+uint32(len(p.payload)+p.missing)
	}
	if c.stream != nil && !c.muted {
		t.segment(c, d, seq, p.payload, p.missing, m)
	}
	if c.half[0].fin && c.half[1].fin {
		// Both sides are done sending: whatever is still missing was lost
		// by the capture, so flush now rather than wait for it.
		t.finish(c, CloseFIN, true)
	}
}

// isNewSYN tells a SYN that starts a new connection on c's 4-tuple from a
// retransmitted one.
func (c *conn) isNewSYN(p *tcpPacket) bool {
	h := &c.half[FromClient]
	if p.srcIsB != c.clientIsB {
		h = &c.half[FromServer]
	}
	return !h.syn || h.isn != p.seq
}

func (t *tracker) open(k connKey, p *tcpPacket, m Meta) *conn {
	for t.nLive >= t.opt.MaxConnections && t.nLive > 0 {
		t.stats.Evicted++
		t.finish(t.evictee(), CloseEvicted, false)
	}
	c := &conn{key: k, last: m, lastNS: unixNano(m.Time), startFrame: m.Frame}
	info := ConnInfo{Start: m}
	fromClient := true
	switch {
	case p.syn && !p.ack:
		info.SawSYN = true
	case p.syn && p.ack:
		fromClient, info.SawSYN = false, true
	case serverSide(p.dst, p.src):
	default:
		fromClient = false
	}
	if fromClient {
		info.Flow = Flow{Client: p.src, Server: p.dst}
		c.clientIsB = p.srcIsB
	} else {
		info.Flow = Flow{Client: p.dst, Server: p.src}
		c.clientIsB = !p.srcIsB
	}
	t.stats.Connections++
	c.stream = t.h.Open(info)
	t.conns[k] = c
	t.live.pushFront(c)
	t.unconf.pushFront(c)
	t.nLive++
	return c
}

// serverSide reports whether a (the receiver of the first packet) looks
// like the server when no handshake was seen: the SMB port, else the lower
// port, else the receiver.
func serverSide(a, b netip.AddrPort) bool {
	smb := func(p uint16) bool { return p == 445 || p == 139 }
	pa, pb := a.Port(), b.Port()
	switch {
	case smb(pa) != smb(pb):
		return smb(pa)
	case pa != pb:
		return pa < pb
	}
	return true
}

// segment handles the payload of one packet for direction d.
func (t *tracker) segment(c *conn, d Direction, seq uint32, data []byte, missing int, m Meta) {
	h := &c.half[d]
	if len(data)+missing == 0 {
		return
	}
	if int32(seq-h.nextSeq) > 0 {
		t.hold(c, d, seq, data, missing, m)
		return
	}
	t.consume(c, d, seq, data, missing, m)
	t.drain(c, d)
}

// consume delivers the part of a segment at or after nextSeq; the segment
// must not start after nextSeq.
func (t *tracker) consume(c *conn, d Direction, seq uint32, data []byte, missing int, m Meta) {
	h := &c.half[d]
	skip := int(h.nextSeq - seq)
	total := len(data) + missing
	if skip >= total {
		t.stats.Duplicates++
		return
	}
	h.nextSeq = seq + uint32(total)
	if skip < len(data) {
		if !c.stream.Data(d, data[skip:], m) {
			t.mute(c)
			return
		}
		skip = len(data)
	}
	if gap := total - skip; gap > 0 {
		t.stats.Gaps++
		c.stream.Gap(d, gap, m)
	}
}

// drain delivers held segments that have become contiguous.
func (t *tracker) drain(c *conn, d Direction) {
	h := &c.half[d]
	for len(h.queue) > 0 && !c.muted {
		q := h.queue[0]
		if int32(q.seq-h.nextSeq) > 0 {
			return
		}
		t.pop(h)
		t.consume(c, d, q.seq, q.data, q.missing, q.meta)
	}
}

func (t *tracker) pop(h *half) {
	n := len(h.queue[0].data) + heldOverhead
	h.held -= n
	t.held -= n
	h.queue[0] = heldSeg{}
	h.queue = h.queue[1:]
	if len(h.queue) == 0 {
		h.queue = nil
	}
}

// hold keeps an out-of-order segment until the hole before it is filled,
// skipping the hole when the buffers are full.
func (t *tracker) hold(c *conn, d Direction, seq uint32, data []byte, missing int, m Meta) {
	h := &c.half[d]
	rel := seq - h.nextSeq
	i := sort.Search(len(h.queue), func(i int) bool { return h.queue[i].seq-h.nextSeq >= rel })
	if i < len(h.queue) && h.queue[i].seq == seq && len(h.queue[i].data)+h.queue[i].missing >= len(data)+missing {
		t.stats.Duplicates++
		return
	}
	t.stats.OutOfOrder++
	h.queue = slices.Insert(h.queue, i, heldSeg{seq: seq, data: slices.Clone(data), missing: missing, meta: m})
	n := len(data) + heldOverhead
	h.held += n
	t.held += n
	for len(h.queue) > 0 && !c.muted && (h.held > t.opt.MaxBufferedBytes || t.held > t.opt.MaxBufferedTotal) {
		t.stats.BufferSkips++
		t.skip(c, d)
	}
}

// skip gives up on the hole before the first held segment.
func (t *tracker) skip(c *conn, d Direction) {
	h := &c.half[d]
	q := &h.queue[0]
	if n := int32(q.seq - h.nextSeq); n > 0 {
		t.stats.Gaps++
		c.stream.Gap(d, int(n), q.meta)
		h.nextSeq = q.seq
	}
	t.drain(c, d)
}

func (t *tracker) mute(c *conn) {
	c.muted = true
	t.release(c)
}

func (t *tracker) release(c *conn) {
	for d := range c.half {
		h := &c.half[d]
		t.held -= h.held
		h.held, h.queue = 0, nil
	}
}

// finish ends c: delivers what is held (skipping holes), calls Close, and
// either forgets c or, after FIN or RST, keeps it as a tombstone so that
// late packets of the old connection do not look like a new one.
func (t *tracker) finish(c *conn, reason CloseReason, keep bool) {
	if c.stream != nil {
		for d := range c.half {
			h := &c.half[d]
			for len(h.queue) > 0 && !c.muted {
				t.skip(c, Direction(d))
			}
			if !c.muted && h.fin && int32(h.finSeq-h.nextSeq) > 0 {
				t.stats.Gaps++
				c.stream.Gap(Direction(d), int(h.finSeq-h.nextSeq), c.last)
				h.nextSeq = h.finSeq
			}
		}
		c.stream.Close(c.last, reason)
		c.stream = nil
	}
	t.release(c)
	t.live.remove(c)
	t.unconf.remove(c)
	t.nLive--
	delete(t.conns, c.key)
	if t.recent == c {
		t.recent = nil
	}
	if !keep {
		return
	}
	t.dead.add(c.key, c.lastNS)
	for t.dead.n > t.opt.MaxConnections {
		t.dead.remove(t.dead.oldest())
	}
}

// advance moves packet time forward and closes connections idle for longer
// than the timeout.
func (t *tracker) advance(now int64) {
	if now <= t.now {
		return
	}
	t.now = now
	cutoff := now - int64(t.opt.IdleTimeout)
	if cutoff > now {
		cutoff = math.MinInt64 // the timeout reaches before any time
	}
	for c := t.live.back(); c != nil && c.lastNS < cutoff; c = t.live.back() {
		t.finish(c, CloseIdle, false)
	}
	for i := t.dead.oldest(); i != 0 && t.dead.last(i) < cutoff; i = t.dead.oldest() {
		t.dead.remove(i)
	}
}

// unixNano is t in nanoseconds since 1970, saturated beyond the years
// 1678 and 2262 that int64 nanoseconds reach: packet times are compared
// on every packet, and comparing integers costs less than comparing
// time.Time values.
func unixNano(t time.Time) int64 {
	const maxSec = math.MaxInt64/int64(time.Second) - 1
	switch s := t.Unix(); {
	case s > maxSec:
		return math.MaxInt64
	case s < -maxSec:
		return math.MinInt64
	}
	return t.UnixNano()
}

// finishAll closes every open connection at the end of the input, in the
// order the connections started.
func (t *tracker) finishAll() {
	open := make([]*conn, 0, t.nLive)
	for c := t.live.back(); c != nil; c = c.prev {
		if c == &t.live.root {
			break
		}
		open = append(open, c)
	}
	sort.Slice(open, func(i, j int) bool { return open[i].startFrame < open[j].startFrame })
	for _, c := range open {
		t.finish(c, CloseEndInput, false)
	}
	for i := t.dead.oldest(); i != 0; i = t.dead.oldest() {
		t.dead.remove(i)
	}
}
