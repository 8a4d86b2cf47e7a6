package capture

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"time"
)

// pcapng block types this reader understands; all others are skipped.
const (
	ngSectionHeader     = 0x0a0d0d0a
	ngInterface         = 0x00000001
	ngObsoletePacket    = 0x00000002
	ngSimplePacket      = 0x00000003
	ngEnhancedPacket    = 0x00000006
	ngByteOrderMagic    = 0x1a2b3c4d
	ngOptEnd            = 0
	ngOptIfTsresol      = 9
	ngOptIfTsoffset     = 14
	ngMaxDecimalTsresol = 19 // 10^19 still fits in a uint64
)

// ngIface is one Interface Description Block of the current section.
type ngIface struct {
	link   uint32
	snap   uint32
	binary bool   // resolution is 2^-exp rather than 10^-exp
	exp    uint8  // resolution exponent
	unit   uint64 // 10^exp for decimal resolutions
	offset int64  // if_tsoffset, seconds
}

// pcapngReader reads pcapng files: any number of sections (each with its own
// byte order) and interfaces with different link types. It is written
// against the format rather than on top of gopacket's pcapgo so that it can
// validate every length before trusting it, report byte offsets, and stay
// within the module's current dependencies.
type pcapngReader struct {
	in     *input
	be     bool
	ifaces []ngIface
	last   time.Time // for Simple Packet Blocks, which carry no timestamp
}

func newPcapngReader(in *input) (*pcapngReader, error) {
	r := &pcapngReader{in: in}
	return r, nil
}

func (r *pcapngReader) u16(b []byte) uint16 {
	if r.be {
		return binary.BigEndian.Uint16(b)
	}
	return binary.LittleEndian.Uint16(b)
}

func (r *pcapngReader) u32(b []byte) uint32 {
	if r.be {
		return binary.BigEndian.Uint32(b)
	}
	return binary.LittleEndian.Uint32(b)
}

func (r *pcapngReader) next() ([]byte, record, error) {
	for {
		start := r.in.off
		h, err := r.in.take(8)
		if err != nil {
			if err == io.ErrUnexpectedEOF {
				err = truncatedError{off: start}
			}
			return nil, record{}, err
		}
		typ := r.u32(h)
		rawLen := [4]byte(h[4:8])
		if typ == ngSectionHeader {
			bom, err := r.in.take(4)
			if err != nil {
				return nil, record{}, r.eofErr(err, start)
			}
			switch {
			case binary.BigEndian.Uint32(bom) == ngByteOrderMagic:
				r.be = true
			case binary.LittleEndian.Uint32(bom) == ngByteOrderMagic:
				r.be = false
			default:
				return nil, record{}, fmt.Errorf("pcapng section header at byte offset %d has no valid byte-order magic", start)
			}
		}
		total := r.u32(rawLen[:])
		minLen := uint32(12)
		if typ == ngSectionHeader {
			minLen = 28
		}
		if total < minLen || total > maxRecord {
			return nil, record{}, fmt.Errorf("pcapng block at byte offset %d has invalid length %d; the file is corrupt", start, total)
		}
		rest := int(total) - 8
		if typ == ngSectionHeader {
			rest -= 4
		}
		body, err := r.in.take(rest)
		if err != nil {
			return nil, record{}, r.eofErr(err, start)
		}
		body = body[:len(body)-4] // trailing copy of the length
		switch typ {
		case ngSectionHeader:
			if major := r.u16(body); major != 1 {
				return nil, record{}, fmt.Errorf("pcapng section at byte offset %d has unsupported version %d.%d", start, major, r.u16(body[2:]))
			}
			r.ifaces = r.ifaces[:0]
		case ngInterface:
			if len(body) < 8 {
				return nil, record{}, r.corrupt(start, "interface description")
			}
			ifc := ngIface{link: uint32(r.u16(body)), snap: r.u32(body[4:]), exp: 6, unit: 1e6}
			if err := r.ifaceOptions(&ifc, body[8:]); err != nil {
				return nil, record{}, fmt.Errorf("pcapng interface description at byte offset %d: %w", start, err)
			}
			r.ifaces = append(r.ifaces, ifc)
		case ngEnhancedPacket, ngObsoletePacket:
			if len(body) < 20 {
				return nil, record{}, r.corrupt(start, "packet")
			}
			var id uint32
			if typ == ngEnhancedPacket {
				id = r.u32(body)
			} else {
				id = uint32(r.u16(body))
			}
			if id >= uint32(len(r.ifaces)) {
				return nil, record{}, fmt.Errorf("pcapng packet at byte offset %d refers to interface %d, but the section has %d", start, id, len(r.ifaces))
			}
			capLen, origLen := r.u32(body[12:]), r.u32(body[16:])
			if capLen > uint32(len(body)-20) {
				return nil, record{}, fmt.Errorf("pcapng packet at byte offset %d claims %d captured bytes in a %d-byte block; the file is corrupt", start, capLen, total)
			}
			ifc := &r.ifaces[id]
			ts := uint64(r.u32(body[4:]))<<32 | uint64(r.u32(body[8:]))
			data := body[20 : 20+capLen]
			rec := record{time: ifc.time(ts), wireLen: int(origLen), link: ifc.link, off: start}
			if rec.wireLen < len(data) {
				rec.wireLen = len(data)
			}
			r.last = rec.time
			return data, rec, nil
		case ngSimplePacket:
			if len(body) < 4 {
				return nil, record{}, r.corrupt(start, "simple packet")
			}
			if len(r.ifaces) == 0 {
				return nil, record{}, fmt.Errorf("pcapng simple packet at byte offset %d precedes any interface description", start)
			}
			orig := int(r.u32(body))
			data := body[4:]
			if snap := int(r.ifaces[0].snap); snap > 0 && len(data) > snap {
				data = data[:snap]
			}
			if len(data) > orig {
				data = data[:orig] // the rest is padding
			}
			return data, record{time: r.last, wireLen: orig, link: r.ifaces[0].link, off: start}, nil
		}
	}
}

func (r *pcapngReader) eofErr(err error, start int64) error {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return truncatedError{off: start}
	}
	return err
}

func (r *pcapngReader) corrupt(start int64, what string) error {
	return fmt.Errorf("pcapng %s block at byte offset %d is too short; the file is corrupt", what, start)
}

// ifaceOptions reads the options that affect timestamps.
func (r *pcapngReader) ifaceOptions(ifc *ngIface, opts []byte) error {
	for len(opts) >= 4 {
		code, n := r.u16(opts), int(r.u16(opts[2:]))
		if code == ngOptEnd {
			break
		}
		padded := (n + 3) &^ 3
		if 4+padded > len(opts) {
			return errors.New("option runs past the end of the block")
		}
		v := opts[4 : 4+n]
		switch code {
		case ngOptIfTsresol:
			if n != 1 {
				return errors.New("if_tsresol has the wrong size")
			}
			ifc.binary = v[0]&0x80 != 0
			ifc.exp = v[0] & 0x7f
			if ifc.binary {
				if ifc.exp > 63 {
					return fmt.Errorf("unsupported timestamp resolution 2^-%d", ifc.exp)
				}
			} else {
				if ifc.exp > ngMaxDecimalTsresol {
					return fmt.Errorf("unsupported timestamp resolution 10^-%d", ifc.exp)
				}
				ifc.unit = 1
				for range ifc.exp {
					ifc.unit *= 10
				}
			}
		case ngOptIfTsoffset:
			if n != 8 {
				return errors.New("if_tsoffset has the wrong size")
			}
			if r.be {
				ifc.offset = int64(binary.BigEndian.Uint64(v))
			} else {
				ifc.offset = int64(binary.LittleEndian.Uint64(v))
			}
		}
		opts = opts[4+padded:]
	}
	return nil
}

// time converts a raw timestamp in the interface's resolution.
func (ifc *ngIface) time(ts uint64) time.Time {
	var sec, ns uint64
	if ifc.binary {
		sec = ts >> ifc.exp
		frac := ts & (1<<ifc.exp - 1)
		hi, lo := bits.Mul64(frac, 1e9)
		if ifc.exp > 0 {
			ns = hi<<(64-ifc.exp) | lo>>ifc.exp
		}
	} else {
		sec, ns = ts/ifc.unit, ts%ifc.unit
		switch {
		case ifc.exp < 9:
			ns *= 1e9 / ifc.unit
		case ifc.exp > 9:
			ns /= ifc.unit / 1e9
		}
	}
	return time.Unix(int64(sec)+ifc.offset, int64(ns))
}
