package session

import (
	"bytes"

	"github.com/smbscope/smbscope/dissect"
)

// framer splits one direction of a connection into NetBIOS session service
// PDUs (RFC 1002; direct TCP uses the same 4-byte header, MS-SMB2 2.1). It
// keeps at most keepLimit bytes of each PDU: headers and the small setup
// messages are all the analysis needs, so bulk READ/WRITE payload is counted
// past, never copied.
type framer struct {
	hdr          [dissect.NBSSHeaderLen]byte
	typ          dissect.NBSSType
	holed        bool // bytes of the current PDU were lost
	synced       bool
	magicChecked bool
	// scan carries the last bytes of unsynchronised data so that a PDU
	// start split across packets is still found.
	scan   [maxPattern - 1]byte
	scanN  int
	hdrN   int
	length int // body length of the current PDU
	need   int // body bytes still to come
	buf    []byte
}

// maxPattern is the resync pattern: an NBSS session message header followed
// by an SMB protocol id.
const maxPattern = 8

// pduSink receives complete (or, after a loss, partial) PDUs. body is the
// kept prefix of the PDU body; holed tells that bytes inside it or after it
// were lost.
type pduSink interface {
	pdu(f *framer, typ dissect.NBSSType, body []byte, length int, holed bool, m Meta)
	anomaly(name string)
	// buffer returns b's bytes in a buffer of capacity want or more;
	// release takes back a buffer no longer used.
	buffer(b []byte, want int) []byte
	release(b []byte)
}

// smbMagic reports whether b starts with an SMB protocol id (FF/FE/FD/FC 'SMB').
func smbMagic(b []byte) bool {
	return len(b) >= 4 && b[0] >= 0xFC && b[1] == 'S' && b[2] == 'M' && b[3] == 'B'
}

// plausibleStart reports whether b begins an NBSS session message holding an
// SMB message of a length no SMB message could be shorter than.
func plausibleStart(b []byte) bool {
	if len(b) < maxPattern || b[0] != 0 || !smbMagic(b[4:]) {
		return false
	}
	n := int(b[1])<<16 | int(b[2])<<8 | int(b[3])
	switch b[4] {
	case 0xFE:
		return n >= dissect.SMB2HeaderLen
	case 0xFD:
		return n >= 52
	case 0xFC:
		return n >= 16
	default:
		return n >= dissect.SMB1HeaderLen
	}
}

func (f *framer) desync(s pduSink, why string) {
	s.anomaly(why)
	f.synced = false
	f.hdrN, f.need, f.scanN = 0, 0, 0
	f.buf = f.buf[:0]
	f.holed = false
}

// feed consumes in-order bytes of the direction.
func (f *framer) feed(s pduSink, data []byte, keepLimit int, m Meta) {
	for len(data) > 0 {
		if !f.synced {
			data = f.resync(s, data, keepLimit, m)
			continue
		}
		if f.hdrN < dissect.NBSSHeaderLen {
			n := copy(f.hdr[f.hdrN:], data)
			f.hdrN += n
			data = data[n:]
			if f.hdrN < dissect.NBSSHeaderLen {
				return
			}
			typ, length, err := dissect.ParseNBSSHeader(f.hdr[:])
			if err != nil {
				f.desync(s, "nbss_bad_header")
				continue
			}
			f.typ, f.length, f.need = typ, length, length
			if length > maxSanePDU {
				s.anomaly(AnomalyOversized)
			}
			f.buf = f.buf[:0]
			if cap(f.buf) > defaultMaxKeptBytes {
				f.buf = nil // a whole large PDU was kept (verification): do not hold on to it
			}
			f.holed = false
			f.magicChecked = false
			if length == 0 {
				f.hdrN = 0
				s.pdu(f, typ, nil, 0, false, m)
				continue
			}
		}
		// Fast path: the whole body is in this packet and nothing is buffered.
		if len(f.buf) == 0 && !f.holed && f.need == f.length && len(data) >= f.need {
			body := data[:f.need]
			if f.typ == dissect.NBSSMessage && !smbMagic(body) {
				// Not a PDU start after all: search again from the
				// first byte after the header.
				f.desync(s, "nbss_not_smb")
				continue
			}
			data = data[f.need:]
			f.hdrN, f.need = 0, 0
			if len(body) > keepLimit {
				body = body[:keepLimit]
			}
			s.pdu(f, f.typ, body, f.length, false, m)
			continue
		}
		n := min(len(data), f.need)
		checking := !f.magicChecked && !f.holed && f.typ == dissect.NBSSMessage
		if checking {
			// Take no more than the protocol id until it is checked, so
			// that a false start is searched past from the same byte
			// however the stream was cut into packets.
			n = min(n, 4-len(f.buf))
		}
		if room := keepLimit - len(f.buf); room > 0 && !f.holed {
			take := min(n, room)
			if cap(f.buf)-len(f.buf) < take {
				// Grow by doubling, never past what this PDU can need: a
				// header announcing a large PDU costs memory only as its
				// bytes actually arrive, so that a few bytes of garbage
				// cannot make every connection hold a kept-size buffer.
				grow := max(2*cap(f.buf), len(f.buf)+take, minPDUBuffer)
				f.buf = s.buffer(f.buf, min(f.length, keepLimit, grow))
			}
			f.buf = append(f.buf, data[:take]...)
		}
		f.need -= n
		data = data[n:]
		if checking && (len(f.buf) >= 4 || f.need == 0) {
			f.magicChecked = true
			if !smbMagic(f.buf) {
				// Search again from the first byte after the header:
				// the body bytes taken so far go back to the scan.
				var taken [4]byte
				k := copy(taken[:], f.buf)
				f.desync(s, "nbss_not_smb")
				f.scanN = copy(f.scan[:], taken[:k])
				continue
			}
		}
		if f.need == 0 {
			f.hdrN = 0
			s.pdu(f, f.typ, f.buf, f.length, f.holed, m)
			f.free(s)
		}
	}
}

// free hands the PDU buffer back: an idle connection holds none.
func (f *framer) free(s pduSink) {
	if f.buf != nil {
		s.release(f.buf)
		f.buf = nil
	}
}

// gap records n lost bytes (n < 0: unknown) before the next feed.
func (f *framer) gap(s pduSink, n int, m Meta) {
	s.anomaly("gap")
	switch {
	case !f.synced:
		f.scanN = 0
	case f.hdrN > 0 && f.hdrN < dissect.NBSSHeaderLen:
		f.desync(s, "resync")
	case f.hdrN == dissect.NBSSHeaderLen && n >= 0 && n <= f.need:
		// The loss lies inside the current PDU: keep framing, stop keeping.
		f.need -= n
		f.holed = true
		if f.need == 0 {
			f.hdrN = 0
			s.pdu(f, f.typ, f.buf, f.length, true, m)
			f.buf = f.buf[:0]
		}
	case f.hdrN == dissect.NBSSHeaderLen:
		// The loss runs past the end of the PDU: hand over what we have.
		s.pdu(f, f.typ, f.buf, f.length, true, m)
		f.desync(s, "resync")
	default:
		if n != 0 {
			f.desync(s, "resync")
		}
	}
}

var smbTag = []byte("SMB")

// resync searches for the next PDU start and returns the bytes from there on
// (or nothing, keeping a short tail for the next packet).
func (f *framer) resync(s pduSink, data []byte, keepLimit int, m Meta) []byte {
	// A start that began in the previous packet's tail.
	if f.scanN > 0 {
		var win [2*maxPattern - 1]byte
		n := copy(win[:], f.scan[:f.scanN])
		n += copy(win[n:], data[:min(len(data), maxPattern-1)])
		for p := 0; p < f.scanN; p++ {
			if plausibleStart(win[p:n]) {
				f.synced = true
				f.hdrN, f.need = 0, 0
				head := append([]byte(nil), f.scan[p:f.scanN]...)
				f.scanN = 0
				f.feed(s, head, keepLimit, m)
				return data
			}
		}
	}
	for i := 0; ; {
		j := bytes.Index(data[i:], smbTag)
		if j < 0 {
			break
		}
		k := i + j - 5 // NBSS header + protocol byte precede "SMB"
		if k >= 0 && plausibleStart(data[k:]) {
			f.synced = true
			f.hdrN, f.need, f.scanN = 0, 0, 0
			return data[k:]
		}
		i += j + 1
	}
	// Keep a tail that could begin a header.
	tail := data[max(0, len(data)-(maxPattern-1)):]
	if len(tail) < maxPattern-1 && f.scanN > 0 {
		var joined [2*maxPattern - 1]byte
		n := copy(joined[:], f.scan[:f.scanN])
		n += copy(joined[n:], tail)
		tail = joined[max(0, n-(maxPattern-1)):n]
		f.scanN = copy(f.scan[:], tail)
		return nil
	}
	f.scanN = copy(f.scan[:], tail)
	return nil
}
