package capture

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// DefaultFilter is the BPF filter of a live capture unless one is given:
// SMB on its two ports and the tunnels that mirrored traffic arrives in
// (VXLAN, Geneve, GRE with ERSPAN or WCCP inside), also behind one VLAN tag,
// and every MPLS and PPPoE session frame. A filter sees the outer headers,
// so tunnels and MPLS/PPPoE frames pass whole, whatever they carry; the
// decoder then drops what is not TCP. The VLAN part comes last because
// libpcap's "vlan" shifts the offsets of everything after it; on link
// types without VLANs (Linux "any", raw IP) the filter without it is used.
const DefaultFilter = smbOrTunnel + " or " + mplsOrPPPoE + " or (vlan and (" + smbOrTunnel + "))"

const (
	smbOrTunnel = "tcp port 445 or tcp port 139 or udp port 4789 or udp port 6081 or ip proto 47 or ip6 proto 47"
	mplsOrPPPoE = "ether proto 0x8847 or ether proto 0x8864"
	// defaultFilterNoVLAN is DefaultFilter for link types without VLANs.
	defaultFilterNoVLAN = smbOrTunnel + " or " + mplsOrPPPoE
)

// LiveConfig describes a live capture.
type LiveConfig struct {
	// Interfaces to capture on, at least one; "any" is Linux's
	// pseudo-interface for all of them.
	Interfaces []string
	// Filter is a BPF filter expression ("" captures everything).
	Filter string
	// SnapLen is the bytes kept of each packet (default 262144).
	SnapLen int
	// Promisc puts the interfaces in promiscuous mode.
	Promisc bool
	// BufferSize is the kernel capture buffer of each interface in bytes
	// (0: libpcap's default, 2 MiB on Linux). Packets arriving while it is
	// full are dropped by the kernel and counted (InterfaceStats.Dropped).
	BufferSize int
	// Tick is how often the idle sweep and OnTick run (default 1s). The
	// sweep closes the connections idle for longer than
	// Options.IdleTimeout by the wall clock, so they end even when no
	// packet arrives.
	Tick time.Duration
	// OnTick, when set, is called every Tick on the goroutine that calls
	// the Handler, so it may use whatever the Handler uses.
	OnTick func(now time.Time, s *LiveStats)
	// OnStart, when set, is called once every interface is capturing.
	OnStart func()
}

// InterfaceStats are libpcap's counters of one interface.
type InterfaceStats struct {
	Name      string `json:"name"`
	Received  uint64 `json:"received"`   // packets that passed the filter
	Dropped   uint64 `json:"dropped"`    // dropped by the kernel: the buffer was full
	IfDropped uint64 `json:"if_dropped"` // dropped by the interface or its driver
}

// LiveStats is what a live capture has seen so far.
type LiveStats struct {
	Stats
	// Open counts the connections tracked now.
	Open int
	// Interfaces holds each interface's counters, as of its last report
	// (about once a second).
	Interfaces []InterfaceStats
}

// Interface is a capture device, as --list-interfaces shows it.
type Interface struct {
	Name        string
	Description string
	Addresses   []string
}

// ErrLiveUnavailable is matched (errors.Is) by the error Live and
// ListInterfaces return from a build without live capture.
var ErrLiveUnavailable = errors.New("live capture unavailable")

// Live captures on cfg.Interfaces until ctx is cancelled or an interface
// fails, and hands each TCP connection to h as Read does, with the same
// Options. Frames are numbered in the order they are analysed, over all
// interfaces; packet times are the kernel's timestamps.
//
// Packets are never dropped once libpcap has delivered them: when the
// analysis falls behind, reading waits, the kernel buffer fills, and the
// kernel's drops are counted in InterfaceStats. After cancellation, what
// the kernel had already captured is read and analysed (for at most two
// seconds), then every open connection is closed (CloseEndInput) before
// Live returns.
func Live(ctx context.Context, cfg LiveConfig, h Handler, opt Options) (LiveStats, error) {
	if len(cfg.Interfaces) == 0 {
		return LiveStats{}, errors.New("capture: no interface to capture on")
	}
	if cfg.SnapLen <= 0 {
		cfg.SnapLen = 262144
	}
	srcs := make([]liveSource, 0, len(cfg.Interfaces))
	closeAll := func() {
		for _, s := range srcs {
			s.close()
		}
	}
	for _, name := range cfg.Interfaces {
		s, err := openLive(name, cfg)
		if err != nil {
			closeAll()
			return LiveStats{}, fmt.Errorf("capture: %s: %w", name, err)
		}
		srcs = append(srcs, s)
	}
	return runLive(ctx, srcs, cfg, h, opt)
}

// liveSource is one interface being captured.
type liveSource interface {
	// run reads packets into batches from pool and sends them on out until
	// stop is closed and what was already captured has been read, or
	// until the capture fails. It reports its counters to rep.
	run(stop <-chan struct{}, pool *batchPool, out chan<- *packetBatch, rep *ifaceReport) error
	// close releases the source when run was never called.
	close()
}

// drainFor bounds the reading of what was captured before cancellation.
const drainFor = 2 * time.Second

// batchFlushAfter is the longest a packet waits in a batch being filled.
const batchFlushAfter = 100 * time.Millisecond

// packetBatch carries packets from a reader goroutine to the analysis: the
// packets' bytes are copied back to back into buf.
type packetBatch struct {
	buf   []byte
	pkts  []batchPacket
	first time.Time // when the first packet was added (wall clock)
}

type batchPacket struct {
	off, n int
	wire   int
	link   uint32
	ts     time.Time
}

const (
	batchBytes   = 512 << 10
	batchPackets = 1024
	batchesPer   = 8 // per interface: at most 4 MiB in flight each
)

// add copies one packet into b and reports whether b is now due to be
// sent (full, or its oldest packet waited long enough).
func (b *packetBatch) add(data []byte, wire int, link uint32, ts time.Time, now time.Time) bool {
	if len(b.pkts) == 0 {
		b.first = now
	}
	off := len(b.buf)
	b.buf = append(b.buf, data...)
	b.pkts = append(b.pkts, batchPacket{off: off, n: len(data), wire: wire, link: link, ts: ts})
	return b.due(now)
}

// fits reports whether n more bytes fit without growing buf.
func (b *packetBatch) fits(n int) bool {
	return len(b.pkts) < batchPackets && len(b.buf)+n <= cap(b.buf)
}

func (b *packetBatch) due(now time.Time) bool {
	return len(b.pkts) > 0 && (len(b.pkts) >= batchPackets || len(b.buf) >= batchBytes || now.Sub(b.first) >= batchFlushAfter)
}

// batchPool hands out empty batches; it bounds the memory in flight.
type batchPool struct{ free chan *packetBatch }

func newBatchPool(n int) *batchPool {
	p := &batchPool{free: make(chan *packetBatch, n)}
	for range n {
		p.free <- &packetBatch{buf: make([]byte, 0, batchBytes), pkts: make([]batchPacket, 0, batchPackets)}
	}
	return p
}

func (p *batchPool) get() *packetBatch { return <-p.free }

func (p *batchPool) put(b *packetBatch) {
	if cap(b.buf) > batchBytes {
		b.buf = make([]byte, 0, batchBytes) // a packet larger than a batch grew it
	}
	b.buf, b.pkts = b.buf[:0], b.pkts[:0]
	p.free <- b
}

// ifaceReport holds the latest counters a reader reported.
type ifaceReport struct {
	mu sync.Mutex
	s  InterfaceStats
}

func (r *ifaceReport) set(s InterfaceStats) {
	r.mu.Lock()
	r.s = s
	r.mu.Unlock()
}

func (r *ifaceReport) get() InterfaceStats {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.s
}

// runLive analyses the batches of every source on the calling goroutine.
func runLive(ctx context.Context, srcs []liveSource, cfg LiveConfig, h Handler, opt Options) (LiveStats, error) {
	if cfg.Tick <= 0 {
		cfg.Tick = time.Second
	}
	opt = opt.withDefaults()
	var ls LiveStats
	t := newTracker(h, opt, &ls.Stats)
	dec := newDecoder()
	pool := newBatchPool(batchesPer * len(srcs))
	batches := make(chan *packetBatch, batchesPer*len(srcs))
	stop := make(chan struct{})
	errc := make(chan error, len(srcs))
	reports := make([]*ifaceReport, len(srcs))
	for i, s := range srcs {
		reports[i] = &ifaceReport{s: InterfaceStats{Name: cfg.nameOf(i)}}
		go func() { errc <- s.run(stop, pool, batches, reports[i]) }()
	}
	snapshot := func() *LiveStats {
		ls.Open = t.nLive
		ls.Interfaces = ls.Interfaces[:0]
		for _, r := range reports {
			ls.Interfaces = append(ls.Interfaces, r.get())
		}
		return &ls
	}
	var p tcpPacket
	process := func(b *packetBatch) {
		for _, bp := range b.pkts {
			ls.Packets++
			t.frame(dec, &p, b.buf[bp.off:bp.off+bp.n], bp.link, bp.wire, Meta{Frame: ls.Packets, Time: bp.ts})
		}
		pool.put(b)
	}
	if cfg.OnStart != nil {
		cfg.OnStart()
	}
	ticker := time.NewTicker(cfg.Tick)
	defer ticker.Stop()
	done := ctx.Done()
	stopped := false
	halt := func() {
		if !stopped {
			close(stop)
			stopped = true
		}
	}
	var errs []error
	for running := len(srcs); running > 0; {
		select {
		case b := <-batches:
			process(b)
		case err := <-errc:
			running--
			if err != nil {
				errs = append(errs, err)
				halt() // one interface failing ends the capture
			}
		case now := <-ticker.C:
			t.advance(unixNano(now))
			if cfg.OnTick != nil {
				cfg.OnTick(now, snapshot())
			}
		case <-done:
			done = nil
			halt()
		}
	}
	for len(batches) > 0 {
		process(<-batches)
	}
	t.finishAll()
	snapshot()
	return ls, errors.Join(errs...)
}

func (c *LiveConfig) nameOf(i int) string {
	if i < len(c.Interfaces) {
		return c.Interfaces[i]
	}
	return fmt.Sprintf("source%d", i)
}

// unavailable is an error that matches ErrLiveUnavailable.
type unavailable string

func (u unavailable) Error() string        { return string(u) }
func (u unavailable) Is(target error) bool { return target == ErrLiveUnavailable }
