package capture

import (
	"bufio"
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

const (
	// bufSize is the read buffer; records up to this size are handed out
	// without copying.
	bufSize = 1 << 20
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
// tracks how many bytes were consumed, for error messages.
type input struct {
	br      *bufio.Reader
	off     int64 // bytes consumed, including pending
	pending int   // bytes returned by the last take, discarded on the next
	scratch []byte
}

func newInput(r io.Reader) *input {
	return &input{br: bufio.NewReaderSize(r, bufSize)}
}

// take returns the next n bytes, valid until the next call. It returns
// io.EOF if the input ended before the first byte and io.ErrUnexpectedEOF if
// it ended inside.
func (in *input) take(n int) ([]byte, error) {
	if in.pending > 0 {
		// The bytes were peeked before, so Discard cannot fail.
		in.br.Discard(in.pending)
		in.pending = 0
	}
	if n <= bufSize {
		b, err := in.br.Peek(n)
		if err != nil {
			return nil, shortRead(len(b), err)
		}
		in.pending = n
		in.off += int64(n)
		return b, nil
	}
	if cap(in.scratch) < n {
		in.scratch = make([]byte, n)
	}
	b := in.scratch[:n]
	got, err := io.ReadFull(in.br, b)
	in.off += int64(got)
	if err != nil {
		return nil, shortRead(got, err)
	}
	return b, nil
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
	in := newInput(r)
	magic, err := in.br.Peek(4)
	gz := len(magic) >= 2 && magic[0] == 0x1f && magic[1] == 0x8b
	if gz {
		zr, err := gzip.NewReader(in.br)
		if err != nil {
			return nil, fmt.Errorf("gzip: %w", err)
		}
		in = newInput(zr)
		magic, err = in.br.Peek(4)
		if err != nil && len(magic) < 4 {
			if len(magic) == 0 && err == io.EOF {
				return nil, errors.New("empty input (inside gzip)")
			}
			if err != io.EOF {
				return nil, fmt.Errorf("gzip: %w", err)
			}
		}
	} else if err != nil {
		if len(magic) == 0 && err == io.EOF {
			return nil, errors.New("empty input")
		}
		if err != io.EOF {
			return nil, err
		}
	}
	if len(magic) < 4 {
		return nil, fmt.Errorf("not a pcap or pcapng file (only %d bytes)", len(magic))
	}
	m := binary.BigEndian.Uint32(magic)
	switch m {
	case 0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1, 0xa1b2cd34, 0x34cdb2a1:
		return pcapRecords(in, gz)
	case 0x0a0d0d0a:
		return pcapngRecords(in, gz)
	}
	return nil, fmt.Errorf("not a pcap or pcapng file (magic 0x%08x)", m)
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
