package capture

import (
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"time"
)

// ErrTruncated is matched (errors.Is) by the error Read returns when the
// input ends in the middle of a record. Everything before that record was
// analysed and every connection was closed normally, so callers may treat it
// as a warning.
var ErrTruncated = errors.New("truncated capture")

type truncatedError struct {
	off  int64
	gzip bool // off counts decompressed bytes
}

func (e truncatedError) Error() string {
	if e.gzip {
		return fmt.Sprintf("truncated record at byte offset %d of the decompressed data", e.off)
	}
	return fmt.Sprintf("truncated record at byte offset %d", e.off)
}

func (e truncatedError) Is(target error) bool { return target == ErrTruncated }

// chunkSize is the read buffer; records up to this size are handed out
// without copying. maxChunks bounds the chunks an input with a Keeper
// holds. (Variables so that tests can make them small.)
var (
	chunkSize = 1 << 20
	maxChunks = 8
)

const (
	// maxRecord bounds a single record or block so that a corrupt length
	// field cannot make us allocate gigabytes.
	maxRecord = 64 << 20
)

// record describes one captured packet.
type record struct {
	time    time.Time
	wireLen int    // length on the wire; >= len(data)
	link    uint32 // link-layer header type (LINKTYPE_*)
	off     int64  // byte offset of the record in the (decompressed) input
}

// recordReader yields the packets of one capture file in file order.
type recordReader interface {
	// next returns the next packet. data stays valid until the following
	// call. err is io.EOF at a clean end of input.
	next() (data []byte, rec record, err error)
}

// input is a buffered byte source that hands out slices of its buffer and
// tracks how many bytes were consumed, for error messages. It reads into
// chunks of chunkSize bytes. Without a Keeper it reuses one chunk, and a
// slice it returned is valid until the next call. With one, the chunk
// records were taken from is kept until the Keeper has consumed their
// frames, so that they can be analysed on other goroutines without being
// copied; then at most maxChunks chunks exist at once.
type input struct {
	src  io.Reader
	buf  []byte // the current chunk
	r, w int    // unread bytes are buf[r:w]
	off  int64  // bytes consumed
	err  error  // the error of the last read, returned once buf is drained

	keep    Keeper
	frame   uint64   // the last frame whose data was taken (mark)
	retired []*chunk // chunks holding data of frames not yet consumed, oldest first
	free    [][]byte
	nChunks int

	// A mapped input is a whole file mapped into memory (buf): records are
	// handed out where they lie, with no read system call copying them.
	// Behind the records in use, pages are dropped from the resident set
	// (they stay in the page cache), so memory stays bounded.
	mapped    bool
	released  int          // buf[:released] was dropped
	populated int          // buf[:populated] was mapped in ahead of use
	lastCheck int          // offset of the last checkpoint
	checks    []checkpoint // where frames end, for releasing
}

// checkpoint notes that the data of frames up to frame lies before off.
type checkpoint struct {
	off   int
	frame uint64
}

// mapStep is the distance between checkpoints, and how far ahead pages
// are mapped in; mapAhead bounds the bytes taken but not yet released
// before the Keeper is waited for. (Variables so that tests can make them
// small.)
var (
	mapStep  = 1 << 20
	mapAhead = 4 << 20
)

const pageSize = 4096

// newMappedInput returns an input over the mapped file data.
func newMappedInput(data []byte, keep Keeper) *input {
	in := &input{buf: data, w: len(data), mapped: true, keep: keep}
	in.populate()
	return in
}

// populate maps in the pages up to mapStep ahead of the reading position.
func (in *input) populate() {
	if end := min(in.w, in.r+2*mapStep); end > in.populated {
		populatePages(in.buf[in.populated&^(pageSize-1) : end])
		in.populated = end
	}
}

// checkpointMapped notes where the frames taken so far end, releases what
// was consumed, and waits for the Keeper when too much is held.
func (in *input) checkpointMapped() {
	in.checks = append(in.checks, checkpoint{off: in.r, frame: in.frame})
	in.lastCheck = in.r
	in.populate()
	in.releaseMapped()
	for in.keep != nil && in.r-in.released > mapAhead && len(in.checks) > 0 {
		in.keep.Wait(in.checks[0].frame)
		in.releaseMapped()
	}
}

// releaseMapped drops the pages whose frames were all consumed: with a
// Keeper, as it says; without one, those before the frame in hand.
func (in *input) releaseMapped() {
	done := max(in.frame, 1) - 1
	if in.keep != nil {
		done = in.keep.Consumed()
	}
	upto := in.released
	n := 0
	for n < len(in.checks) && in.checks[n].frame <= done {
		upto = in.checks[n].off
		n++
	}
	in.checks = append(in.checks[:0], in.checks[n:]...)
	if upto &^= pageSize - 1; upto > in.released {
		dropPages(in.buf[in.released:upto])
		in.released = upto
	}
}

// chunk is a retired buffer and the last frame whose data lies in it.
type chunk struct {
	buf  []byte
	last uint64
}

func newInput(r io.Reader) *input {
	return &input{src: r}
}

// mark notes that the data of frame was taken from the current chunk.
func (in *input) mark(frame uint64) {
	in.frame = frame
	if in.mapped && in.r-in.lastCheck >= mapStep {
		in.checkpointMapped()
	}
}

// take returns the next n bytes, valid until the next call (or, with a
// Keeper, until their frame is consumed). It returns io.EOF if the input
// ended before the first byte and io.ErrUnexpectedEOF if it ended inside.
func (in *input) take(n int) ([]byte, error) {
	if in.w-in.r >= n {
		b := in.buf[in.r : in.r+n : in.r+n]
		in.r += n
		in.off += int64(n)
		return b, nil
	}
	if in.mapped {
		return nil, shortRead(in.w-in.r, io.EOF) // the whole file is there
	}
	if n > chunkSize {
		return in.takeLarge(n)
	}
	if err := in.fill(n); err != nil {
		return nil, shortRead(in.w-in.r, err)
	}
	b := in.buf[in.r : in.r+n : in.r+n]
	in.r += n
	in.off += int64(n)
	return b, nil
}

// takeLarge reads a record larger than a chunk into its own buffer.
func (in *input) takeLarge(n int) ([]byte, error) {
	b := make([]byte, n)
	got := copy(b, in.buf[in.r:in.w])
	in.r = in.w
	var err error
	if in.err != nil {
		err, in.err = in.err, nil
	} else {
		var m int
		m, err = io.ReadFull(in.src, b[got:])
		got += m
	}
	in.off += int64(got)
	if got < n {
		if err == nil {
			err = io.ErrUnexpectedEOF
		}
		return nil, shortRead(got, err)
	}
	return b, nil
}

// peek returns up to n bytes without consuming them, and an error when
// fewer than n are there.
func (in *input) peek(n int) ([]byte, error) {
	if in.w-in.r >= n {
		return in.buf[in.r : in.r+n], nil
	}
	err := in.fill(n)
	return in.buf[in.r:min(in.w, in.r+n)], err
}

// fill reads until n bytes are buffered, or returns the read error (once).
func (in *input) fill(n int) error {
	if in.mapped {
		return io.EOF // the whole file is there
	}
	if in.r+n > len(in.buf) {
		in.room(n)
	}
	for empty := 0; in.w-in.r < n; {
		if in.err != nil {
			err := in.err
			in.err = nil
			return err
		}
		m, err := in.src.Read(in.buf[in.w:])
		in.w += m
		in.err = err
		if m > 0 {
			empty = 0
		} else if empty++; empty == 100 && err == nil {
			in.err = io.ErrNoProgress
		}
	}
	return nil
}

// room moves the unread bytes to the start of a chunk with space for n
// bytes: the current one when nothing taken from it must be kept, else
// another. The first chunk is small, so that small inputs cost little; a
// chunk outgrown or left is simply dropped, and the garbage collector keeps
// it as long as data taken from it is referenced.
func (in *input) room(n int) {
	first := min(64<<10, chunkSize)
	var next []byte
	switch {
	case in.buf == nil && n <= first:
		next = make([]byte, first)
	case len(in.buf) < chunkSize:
		next = make([]byte, chunkSize)
	case in.keep == nil:
		next = in.buf
	default:
		in.retired = append(in.retired, &chunk{buf: in.buf, last: in.frame})
		next = in.chunk()
	}
	in.w = copy(next, in.buf[in.r:in.w])
	in.r = 0
	in.buf = next
}

// chunk returns a chunk to read into: a free one, one whose frames were
// all consumed, a new one while fewer than maxChunks exist, or else the
// oldest retired one once the Keeper has consumed it.
func (in *input) chunk() []byte {
	for {
		if n := len(in.free); n > 0 {
			b := in.free[n-1]
			in.free = in.free[:n-1]
			return b
		}
		if len(in.retired) > 0 {
			done := in.keep.Consumed()
			for len(in.retired) > 0 && in.retired[0].last <= done {
				in.free = append(in.free, in.retired[0].buf)
				in.retired[0] = nil
				in.retired = in.retired[1:]
			}
			if len(in.free) > 0 {
				continue
			}
		}
		if in.nChunks < maxChunks-1 || len(in.retired) == 0 {
			in.nChunks++
			return make([]byte, chunkSize)
		}
		in.keep.Wait(in.retired[0].last)
	}
}

// Read and ReadByte make an input the source of a gzip reader.
func (in *input) Read(p []byte) (int, error) {
	if in.r == in.w {
		if err := in.fill(1); err != nil {
			return 0, err
		}
	}
	n := copy(p, in.buf[in.r:in.w])
	in.r += n
	in.off += int64(n)
	return n, nil
}

func (in *input) ReadByte() (byte, error) {
	if in.r == in.w {
		if err := in.fill(1); err != nil {
			return 0, err
		}
	}
	c := in.buf[in.r]
	in.r++
	in.off++
	return c, nil
}

func shortRead(got int, err error) error {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		if got == 0 && err == io.EOF {
			return io.EOF
		}
		return io.ErrUnexpectedEOF
	}
	return err
}

// openRecords detects the format by its magic number (never by file name)
// and returns a reader for it, decompressing gzip on the way.
func openRecords(r io.Reader) (recordReader, error) {
	rr, _, err := openInput(r, nil)
	return rr, err
}

// openInput is openRecords that also returns the input the records are
// taken from, which keeps chunks for keep when it is not nil.
func openInput(r io.Reader, keep Keeper) (recordReader, *input, error) {
	in := newInput(r)
	magic, err := in.peek(4)
	gz := isGzip(magic)
	if gz {
		zr, err := gzip.NewReader(in)
		if err != nil {
			return nil, nil, fmt.Errorf("gzip: %w", err)
		}
		in = newInput(zr)
		magic, err = in.peek(4)
		if err != nil && len(magic) < 4 {
			if len(magic) == 0 && err == io.EOF {
				return nil, nil, errors.New("empty input (inside gzip)")
			}
			if err != io.EOF {
				return nil, nil, fmt.Errorf("gzip: %w", err)
			}
		}
	} else if err != nil {
		if len(magic) == 0 && err == io.EOF {
			return nil, nil, errors.New("empty input")
		}
		if err != io.EOF {
			return nil, nil, err
		}
	}
	in.keep = keep
	return openFormat(in, magic, gz)
}

// isGzip reports whether b starts with the gzip magic number.
func isGzip(b []byte) bool { return len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b }

// openFormat returns the record reader for the format magic announces.
func openFormat(in *input, magic []byte, gz bool) (recordReader, *input, error) {
	if len(magic) < 4 {
		return nil, nil, fmt.Errorf("not a pcap or pcapng file (only %d bytes)", len(magic))
	}
	m := binary.BigEndian.Uint32(magic)
	var rr recordReader
	var err error
	switch m {
	case 0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1, 0xa1b2cd34, 0x34cdb2a1:
		rr, err = pcapRecords(in, gz)
	case 0x0a0d0d0a:
		rr, err = pcapngRecords(in, gz)
	default:
		return nil, nil, fmt.Errorf("not a pcap or pcapng file (magic 0x%08x)", m)
	}
	if err != nil {
		return nil, nil, err
	}
	return rr, in, nil
}

// pcapReader reads the classic libpcap format in either byte order, with
// micro- or nanosecond timestamps (and the rare "modified" variant whose
// record headers carry 8 extra bytes).
type pcapReader struct {
	in     *input
	be     bool
	nano   bool
	hdrLen int
	link   uint32
}

func newPcapReader(in *input) (*pcapReader, error) {
	h, err := in.take(24)
	if err != nil {
		return nil, errors.New("pcap file header is incomplete")
	}
	r := &pcapReader{in: in, hdrLen: 16}
	switch binary.BigEndian.Uint32(h) {
	case 0xa1b2c3d4:
		r.be = true
	case 0xa1b23c4d:
		r.be, r.nano = true, true
	case 0xa1b2cd34:
		r.be, r.hdrLen = true, 24
	case 0xd4c3b2a1:
	case 0x4d3cb2a1:
		r.nano = true
	case 0x34cdb2a1:
		r.hdrLen = 24
	}
	if major := r.u16(h[4:]); major != 2 {
		return nil, fmt.Errorf("unsupported pcap version %d.%d", major, r.u16(h[6:]))
	}
	// The upper bits of the link type field carry FCS information.
	r.link = r.u32(h[20:]) & 0xffff
	return r, nil
}

func (r *pcapReader) u16(b []byte) uint16 {
	if r.be {
		return binary.BigEndian.Uint16(b)
	}
	return binary.LittleEndian.Uint16(b)
}

func (r *pcapReader) u32(b []byte) uint32 {
	if r.be {
		return binary.BigEndian.Uint32(b)
	}
	return binary.LittleEndian.Uint32(b)
}

func (r *pcapReader) next() ([]byte, record, error) {
	start := r.in.off
	h, err := r.in.take(r.hdrLen)
	if err != nil {
		if err == io.ErrUnexpectedEOF {
			err = truncatedError{off: start}
		}
		return nil, record{}, err
	}
	sec, frac := r.u32(h[0:]), r.u32(h[4:])
	incl, orig := r.u32(h[8:]), r.u32(h[12:])
	if incl > maxRecord {
		return nil, record{}, fmt.Errorf("record at byte offset %d claims %d captured bytes; the file is corrupt", start, incl)
	}
	data, err := r.in.take(int(incl))
	if err != nil {
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			err = truncatedError{off: start}
		}
		return nil, record{}, err
	}
	ns := int64(frac)
	if !r.nano {
		ns *= 1000
	}
	rec := record{time: time.Unix(int64(sec), ns), wireLen: int(orig), link: r.link, off: start}
	if rec.wireLen < len(data) {
		// Some writers leave the original length at 0 or too small.
		rec.wireLen = len(data)
	}
	return data, rec, nil
}
