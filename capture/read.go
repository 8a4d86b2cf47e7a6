package capture

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"time"
)

// Options bound the work and memory spent on one input. The zero value
// selects the defaults.
type Options struct {
	// IdleTimeout closes a connection after this much packet time without
	// a packet (default 10 minutes). Packet time rather than wall time, so
	// that results do not depend on how fast the input is read.
	IdleTimeout time.Duration
	// MaxConnections caps the connections tracked at once (default
	// 100000). Beyond it the least recently active one is closed with
	// CloseEvicted and counted in Stats.Evicted.
	MaxConnections int
	// MaxBufferedBytes caps the out-of-order bytes held per direction
	// while waiting for a missing segment (default 1 MiB). Beyond it the
	// hole is given up: Gap, then the held data.
	MaxBufferedBytes int
	// MaxBufferedTotal caps the out-of-order bytes held over all
	// connections (default 256 MiB), so that many connections with holes
	// cannot exhaust memory.
	MaxBufferedTotal int
	// Keeper, when set, lets the Handler keep the data of Stream.Data
	// calls after they return, so that it can analyse it on other
	// goroutines without copying it; see Keeper.
	Keeper Keeper
}

// Keeper says when the data of Stream.Data calls may be reused. With a
// Keeper, the data of a Data call whose Meta.Frame is F stays valid until
// Consumed returns F or more. Read buffers at most a few MiB of input
// ahead of what was consumed; when it needs buffer space back, it calls
// Wait. Held and retransmitted data is delivered from memory of its own,
// which the garbage collector keeps as long as it is referenced.
type Keeper interface {
	// Consumed returns the frame up to which, inclusive, the data of every
	// Data call is no longer used. It is called from the goroutine that
	// calls Read.
	Consumed() uint64
	// Wait returns once Consumed would return frame or more. It must see
	// to it that the data handed over so far gets consumed (flushing what
	// it queued) rather than wait for more Data calls.
	Wait(frame uint64)
}

func (o Options) withDefaults() Options {
	if o.IdleTimeout <= 0 {
		o.IdleTimeout = 10 * time.Minute
	}
	if o.MaxConnections <= 0 {
		o.MaxConnections = 100000
	}
	if o.MaxBufferedBytes <= 0 {
		o.MaxBufferedBytes = 1 << 20
	}
	if o.MaxBufferedTotal <= 0 {
		o.MaxBufferedTotal = 256 << 20
	}
	return o
}

// Stats counts what Read saw, so users can tell an empty result from an
// input that held no usable TCP.
type Stats struct {
	Packets          uint64 // records read
	Bytes            uint64 // captured bytes of those records
	TCPPackets       uint64 // decoded as TCP
	NonTCP           uint64 // decoded, but not TCP (ARP, UDP, ICMP, ...)
	Undecodable      uint64 // unknown link type, malformed headers, IP fragments
	TruncatedPackets uint64 // captured shorter than on the wire (snaplen)
	UnsupportedLink  uint64 // of a link type not decoded (counted in Undecodable too)
	BufferSkips      uint64 // holes given up because MaxBufferedBytes or MaxBufferedTotal was reached
	Connections      uint64 // Handler.Open calls
	Evicted          uint64 // connections closed to respect MaxConnections
	OutOfOrder       uint64 // segments held until a hole before them filled
	Duplicates       uint64 // segments whose bytes had all been seen before
	Gaps             uint64 // Stream.Gap calls
}

// ReadFile opens path ("-" is standard input) and calls Read.
func ReadFile(ctx context.Context, path string, h Handler, opt Options) (Stats, error) {
	if path == "-" {
		return Read(ctx, os.Stdin, "stdin", h, opt)
	}
	f, err := os.Open(path)
	if err != nil {
		return Stats{}, fmt.Errorf("capture: %w", err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() >= mapMin {
		if data := mapFile(f, fi.Size()); data != nil {
			if rr, in, err := openMapped(data, opt.Keeper); err == nil {
				stats, err := readRecords(ctx, rr, in, path, h, opt)
				if opt.Keeper != nil {
					// Data handed over may still be in use on other
					// goroutines until the Keeper has consumed it.
					opt.Keeper.Wait(stats.Packets)
				}
				unmapFile(data)
				return stats, err
			}
			unmapFile(data) // gzip, or not a capture: read it as a stream
		}
	}
	return Read(ctx, f, path, h, opt)
}

// ErrChanged is the error of a mapped capture file that was cut short or
// changed while it was read.
var ErrChanged = errors.New("the file was cut short or changed while it was read")

// IsFault reports whether a recovered panic value is a memory fault, as
// reading a mapped capture file that was cut short causes (with
// debug.SetPanicOnFault).
func IsFault(r any) bool {
	f, ok := r.(interface{ Addr() uintptr })
	return ok && f != nil
}

// closeAfterFault closes the open connections after a fault; a second
// fault while doing so leaves them, the input's error says why.
func closeAfterFault(t *tracker) {
	defer func() {
		if r := recover(); r != nil && !IsFault(r) {
			panic(r)
		}
	}()
	t.finishAll()
}

// mapMin is the size from which a capture file is mapped into memory
// rather than read: below, the mapping costs more than the copies it saves.
// (A variable so that tests can map every file.)
var mapMin int64 = 1 << 20

// openMapped returns the record reader of an uncompressed capture mapped
// at data (not empty); an error for anything else, which is then read as a
// stream.
func openMapped(data []byte, keep Keeper) (recordReader, *input, error) {
	if isGzip(data) {
		return nil, nil, errors.New("gzip")
	}
	return openFormat(newMappedInput(data, keep), data[:min(4, len(data))], false)
}

// Read analyses one capture: pcap or pcapng, optionally gzip-compressed,
// recognised by content. It calls h.Open at the first packet of every TCP
// connection and feeds the returned Stream until the connection ends. name
// identifies the input in errors.
//
// Connections end when both sides have sent a FIN, at a reset, after
// Options.IdleTimeout, on eviction, or at the end of the input; Close
// receives the connection's last packet. Held out-of-order data is
// delivered (after a Gap for each hole) before Close. Packets of a
// connection closed by FIN or reset are ignored afterwards unless a new SYN
// reopens the 4-tuple. A lone reset opens no connection, and a SYN-ACK seen
// first settles the roles like a SYN (ConnInfo.SawSYN).
//
// Read returns after the input ends, fails or ctx is cancelled; in every
// case each opened Stream has been closed (CloseEndInput for those still
// open), so results gathered so far are complete. A file cut in the middle
// of a record yields an error matching ErrTruncated; for gzip input its
// byte offset counts decompressed bytes.
func Read(ctx context.Context, r io.Reader, name string, h Handler, opt Options) (Stats, error) {
	var stats Stats
	if mayBlock(r) {
		ar := newAsyncReader(ctx, r)
		defer ar.stop()
		r = ar
	}
	rr, in, err := openInput(r, opt.Keeper)
	if err != nil {
		if ctx.Err() != nil {
			err = ctx.Err()
		}
		return stats, fmt.Errorf("capture: %s: %w", name, err)
	}
	return readRecords(ctx, rr, in, name, h, opt)
}

// readRecords analyses the records of rr, taken from in.
func readRecords(ctx context.Context, rr recordReader, in *input, name string, h Handler, opt Options) (stats Stats, err error) {
	opt = opt.withDefaults()
	t := newTracker(h, opt, &stats)
	if in.mapped {
		// A mapped file cut short while it is read faults where its pages
		// were: that becomes this input's error, not a crash.
		defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
		defer func() {
			if r := recover(); r != nil {
				if !IsFault(r) {
					panic(r)
				}
				err = fmt.Errorf("capture: %s: %w", name, ErrChanged)
				closeAfterFault(t)
			}
		}()
	}
	dec := newDecoder()
	var p tcpPacket
	var links linkCheck
	for {
		if stats.Packets&255 == 0 {
			if err = ctx.Err(); err != nil {
				break
			}
		}
		var data []byte
		var rec record
		data, rec, err = rr.next()
		if err != nil {
			if ctx.Err() != nil {
				err = ctx.Err()
			}
			break
		}
		stats.Packets++
		in.mark(stats.Packets)
		links.note(&stats, rec, stats.Packets)
		t.frame(dec, &p, data, rec.link, rec.wireLen, Meta{Frame: stats.Packets, Time: rec.time})
	}
	t.finishAll()
	if err == io.EOF {
		if err = links.err(&stats); err == nil {
			return stats, nil
		}
	}
	return stats, fmt.Errorf("capture: %s: %w", name, err)
}

// mayBlock reports whether reads from r can wait indefinitely (pipes,
// terminals, sockets), in which case cancellation must not depend on the
// next read returning.
func mayBlock(r io.Reader) bool {
	switch v := r.(type) {
	case *bytes.Reader, *bytes.Buffer, *strings.Reader:
		return false
	case *os.File:
		fi, err := v.Stat()
		return err != nil || !fi.Mode().IsRegular()
	}
	return true
}

// asyncReader reads from r in a goroutine so that a blocked read cannot
// delay cancellation. After cancellation the goroutine may stay blocked in
// r.Read until r delivers data or fails; it then exits.
type asyncReader struct {
	ctx   context.Context
	done  chan struct{}
	data  chan []byte
	free  chan []byte
	errc  chan error
	cur   []byte
	buf   []byte
	err   error
	ended bool
}

const asyncChunk = 256 << 10

func newAsyncReader(ctx context.Context, r io.Reader) *asyncReader {
	a := &asyncReader{
		ctx:  ctx,
		done: make(chan struct{}),
		data: make(chan []byte),
		free: make(chan []byte, 2),
		errc: make(chan error, 1),
	}
	a.free <- make([]byte, asyncChunk)
	a.free <- make([]byte, asyncChunk)
	go a.pump(r)
	return a
}

func (a *asyncReader) pump(r io.Reader) {
	for {
		var buf []byte
		select {
		case buf = <-a.free:
		case <-a.done:
			return
		}
		n, err := r.Read(buf[:cap(buf)])
		if n > 0 {
			select {
			case a.data <- buf[:n]:
			case <-a.done:
				return
			}
		} else {
			a.free <- buf
		}
		if err != nil {
			a.errc <- err
			return
		}
	}
}

func (a *asyncReader) Read(p []byte) (int, error) {
	for len(a.cur) == 0 {
		if a.buf != nil {
			a.free <- a.buf
			a.buf = nil
		}
		if a.ended {
			return 0, a.err
		}
		select {
		case b := <-a.data:
			a.cur, a.buf = b, b
		case err := <-a.errc:
			// Data sent before the error has already been received: the
			// pump sends on the unbuffered data channel first.
			a.ended, a.err = true, err
		case <-a.ctx.Done():
			return 0, a.ctx.Err()
		}
	}
	n := copy(p, a.cur)
	a.cur = a.cur[n:]
	return n, nil
}

func (a *asyncReader) stop() { close(a.done) }
