package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"

	"github.com/smbscope/smbscope/capture"
	"github.com/smbscope/smbscope/session"
)

// The analysis of one input file runs on several goroutines:
//
//   - the reading goroutine (capture.Read) decodes packets, reassembles TCP
//     and hands each connection's stream events, in batches, to the worker
//     that owns the connection;
//   - the workers run the session analysis (NBSS framing, SMB parsing,
//     outcomes) of their connections, each with a session.Tracker of its
//     own;
//   - the merging goroutine passes finished connections to the findings
//     engine in the order in which the connections ended in the input,
//     which is the order one goroutine would pass them in: the output does
//     not depend on how the work was spread.
//
// Stream data is not copied: capture keeps the chunks of input it was read
// into until every worker has passed their frames (capture.Keeper). A
// connection not on the SMB ports may be given up as not SMB (Conn.Data
// returns false), and capture needs that answer at once, so such
// connections are analysed on the reading goroutine itself.

// pipelineWorkers is the number of session workers; 0 means GOMAXPROCS,
// and fewer than 2 analyses on the reading goroutine alone.
var pipelineWorkers = 0

const (
	batchEvents = 512  // events per batch
	flushEvery  = 4096 // events after which every pending batch is sent
	workerQueue = 4    // batches queued per worker
)

type evKind uint8

const (
	evData evKind = iota
	evGap
	evClose
)

// event is one Stream call, replayed on the connection's worker.
type event struct {
	s      *pstream
	data   []byte
	m      capture.Meta
	n      int    // gap size
	seq    uint64 // close order
	kind   evKind
	dir    capture.Direction
	reason capture.CloseReason
}

type batch struct {
	ev []event
	// safe is the frame up to which the data of every event this worker
	// was given lies in this batch or an earlier one.
	safe uint64
}

// result is a finished connection; c is nil when it carried no SMB.
type result struct {
	seq uint64
	c   *session.Connection
}

type worker struct {
	p       *pipeline
	in      chan *batch
	free    chan *batch
	tracker *session.Tracker
	emitted *session.Connection
	results []result
	faulted bool // a memory fault stopped this worker's analysis

	// Used by the reading goroutine only.
	pending      *batch
	firstPending uint64 // the reading frame when pending got its first event
	sent         uint64 // batches sent

	// Written by the worker, read by the reading goroutine.
	done     atomic.Uint64 // batches processed
	doneSafe atomic.Uint64 // safe of the last batch processed
}

// pipeline is the capture.Handler and capture.Keeper of one input.
type pipeline struct {
	faulted  atomic.Bool // a worker's analysis stopped at a memory fault
	workers  []*worker
	next     int    // worker of the next connection
	cur      uint64 // latest frame in any event
	closes   uint64 // Close calls so far: the next close's order
	unsent   int    // events pushed since every batch was last sent
	progress chan struct{}
	results  chan []result
	wg       sync.WaitGroup
	merged   chan struct{}

	// Connections analysed on the reading goroutine.
	inline    *session.Tracker
	inlineOut *session.Connection
}

func newPipeline(input string, opt session.Options, n int, emit func(*session.Connection)) *pipeline {
	p := &pipeline{
		progress: make(chan struct{}, 1),
		results:  make(chan []result, 16),
		merged:   make(chan struct{}),
	}
	p.inline = session.NewTracker(input, opt, func(c *session.Connection) { p.inlineOut = c })
	for range n {
		w := &worker{
			p:       p,
			in:      make(chan *batch, workerQueue),
			free:    make(chan *batch, workerQueue+2),
			pending: &batch{ev: make([]event, 0, batchEvents)},
		}
		w.tracker = session.NewTracker(input, opt, func(c *session.Connection) { w.emitted = c })
		p.workers = append(p.workers, w)
		p.wg.Add(1)
		go w.run()
	}
	go p.merge(emit)
	return p
}

// reported counts the connections handed to the engine.
func (p *pipeline) reported() uint64 {
	n := p.inline.Reported
	for _, w := range p.workers {
		n += w.tracker.Reported
	}
	return n
}

// finish is called once capture.Read has returned: it sends what is
// queued and waits until every finished connection has been merged.
func (p *pipeline) finish() {
	p.flushAll()
	for _, w := range p.workers {
		close(w.in)
	}
	p.wg.Wait()
	close(p.results)
	<-p.merged
}

func (p *pipeline) Open(c capture.ConnInfo) capture.Stream {
	if !session.AlwaysAccepts(c.Flow.Client, c.Flow.Server) {
		return &inlineStream{p: p, lazyStream: lazyStream{t: p.inline, info: c}}
	}
	w := p.workers[p.next]
	p.next = (p.next + 1) % len(p.workers)
	return &pstream{w: w, info: &c}
}

// push queues e for w.
func (p *pipeline) push(w *worker, e event) {
	if e.m.Frame > p.cur {
		p.cur = e.m.Frame
	}
	b := w.pending
	if len(b.ev) == 0 {
		w.firstPending = p.cur
	}
	b.ev = append(b.ev, e)
	if len(b.ev) == batchEvents {
		p.flush(w)
	}
	// Send every batch now and then, so that a worker given few events
	// still finishes its connections soon and the merger holds few
	// results back.
	if p.unsent++; p.unsent == flushEvery {
		p.flushAll()
	}
}

func (p *pipeline) flush(w *worker) {
	b := w.pending
	if len(b.ev) == 0 {
		return
	}
	b.safe = p.cur - 1 // later events may still carry data of frame cur
	w.sent++
	w.in <- b
	select {
	case w.pending = <-w.free:
	default:
		w.pending = &batch{ev: make([]event, 0, batchEvents)}
	}
}

func (p *pipeline) flushAll() {
	for _, w := range p.workers {
		p.flush(w)
	}
	p.unsent = 0
}

// Consumed implements capture.Keeper.
func (p *pipeline) Consumed() uint64 {
	c := ^uint64(0)
	for _, w := range p.workers {
		if w.done.Load() != w.sent {
			c = min(c, w.doneSafe.Load())
		}
		if len(w.pending.ev) > 0 {
			c = min(c, w.firstPending-1)
		}
	}
	return c
}

// Wait implements capture.Keeper.
func (p *pipeline) Wait(frame uint64) {
	p.flushAll()
	for p.Consumed() < frame {
		<-p.progress
	}
}

func (w *worker) run() {
	defer w.p.wg.Done()
	// Packet data may lie in a mapped capture file: if the file is cut
	// short meanwhile, reading it faults, and the input fails instead.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	for b := range w.in {
		for i := range b.ev {
			w.handleSafely(&b.ev[i])
			b.ev[i] = event{}
		}
		w.doneSafe.Store(b.safe)
		w.done.Add(1)
		select {
		case w.p.progress <- struct{}{}:
		default:
		}
		if len(w.results) > 0 {
			w.p.results <- w.results
			w.results = nil
		}
		b.ev = b.ev[:0]
		select {
		case w.free <- b:
		default:
		}
	}
}

// handleSafely is handle, but a memory fault stops the analysis of this
// worker's connections: their results are given as nil, so that the
// merger goes on, and the fault is the input's error.
func (w *worker) handleSafely(e *event) {
	if w.faulted {
		if e.kind == evClose {
			w.results = append(w.results, result{e.seq, nil})
		}
		return
	}
	defer func() {
		if r := recover(); r != nil {
			if !capture.IsFault(r) {
				panic(r)
			}
			w.faulted, w.emitted = true, nil
			w.p.faulted.Store(true)
			if e.kind == evClose && (len(w.results) == 0 || w.results[len(w.results)-1].seq != e.seq) {
				w.results = append(w.results, result{e.seq, nil})
			}
		}
	}()
	w.handle(e)
}

func (w *worker) handle(e *event) {
	s := e.s
	switch e.kind {
	case evData:
		s.conn(w.tracker).Data(session.Direction(e.dir), e.data, meta(e.m))
	case evGap:
		s.conn(w.tracker).Gap(session.Direction(e.dir), e.n, meta(e.m))
	case evClose:
		if s.c == nil {
			w.tracker.Ignored++ // no payload: no SMB
		} else {
			s.c.Close(meta(e.m), e.reason.String())
			s.c = nil
		}
		w.results = append(w.results, result{e.seq, w.emitted})
		w.emitted = nil
	}
}

// merge passes results to emit in the order of their connections' ends.
func (p *pipeline) merge(emit func(*session.Connection)) {
	defer close(p.merged)
	held := make(map[uint64]*session.Connection)
	var next uint64
	for rs := range p.results {
		for _, r := range rs {
			if r.seq != next {
				held[r.seq] = r.c
				continue
			}
			for c, ok := r.c, true; ok; c, ok = held[next] {
				delete(held, next)
				if c != nil {
					emit(c)
				}
				next++
			}
		}
	}
}

// pstream is a connection analysed on a worker. The reading goroutine
// turns its Stream calls into events; info and c are used on the worker
// only. info is dropped once the session state is open: an open
// connection keeps 24 bytes here.
type pstream struct {
	w    *worker
	info *capture.ConnInfo
	c    *session.Conn
}

func (s *pstream) conn(t *session.Tracker) *session.Conn {
	if s.c == nil {
		s.c = t.Open(s.info.Flow.Client, s.info.Flow.Server, meta(s.info.Start), s.info.SawSYN)
		s.info = nil
	}
	return s.c
}

func (s *pstream) Data(dir capture.Direction, data []byte, m capture.Meta) bool {
	s.w.p.push(s.w, event{s: s, kind: evData, dir: dir, data: data, m: m})
	return true // session.AlwaysAccepts
}

func (s *pstream) Gap(dir capture.Direction, n int, m capture.Meta) {
	s.w.p.push(s.w, event{s: s, kind: evGap, dir: dir, n: n, m: m})
}

func (s *pstream) Close(m capture.Meta, reason capture.CloseReason) {
	p := s.w.p
	seq := p.closes
	p.closes++
	p.push(s.w, event{s: s, kind: evClose, m: m, reason: reason, seq: seq})
}

// inlineStream is a connection analysed on the reading goroutine.
type inlineStream struct {
	p *pipeline
	lazyStream
}

func (s *inlineStream) Close(m capture.Meta, reason capture.CloseReason) {
	p := s.p
	seq := p.closes
	p.closes++
	s.lazyStream.Close(m, reason)
	p.results <- []result{{seq, p.inlineOut}}
	p.inlineOut = nil
}

// smallInput is the size under which a capture file is analysed on one
// goroutine: starting the pipeline would cost more than it saves.
const smallInput = 8 << 20

// workerCount is the number of session workers to use for input.
func workerCount(input string) int {
	if pipelineWorkers != 0 {
		return pipelineWorkers
	}
	if fi, err := os.Stat(input); err == nil && fi.Mode().IsRegular() && fi.Size() < smallInput {
		return 1
	}
	return runtime.GOMAXPROCS(0)
}
