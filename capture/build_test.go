package capture

import (
	"bytes"
	"encoding/binary"
	"io"
	"os"
	"slices"
	"testing"
	"time"
)

// frame is one packet of a capture built by a test.
type frame struct {
	data []byte
	ts   time.Time
	wire int    // length on the wire
	link uint32 // link type (pcapng only; pcap uses one for the file)
}

// loadFrames reads every packet of a real capture into memory.
func loadFrames(t testing.TB, name string) []frame {
	t.Helper()
	f, err := os.Open(pcapPath(name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rr, err := openRecords(f)
	if err != nil {
		t.Fatal(err)
	}
	var out []frame
	for {
		data, rec, err := rr.next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, frame{data: slices.Clone(data), ts: rec.time, wire: rec.wireLen, link: rec.link})
	}
}

type pcapStyle struct {
	bigEndian bool
	nano      bool
	modified  bool // Kuznetzov's variant with 24-byte record headers
	snaplen   uint32
}

// writePcap renders frames as a classic pcap file.
func writePcap(link uint32, frames []frame, st pcapStyle) []byte {
	var bo binary.ByteOrder = binary.LittleEndian
	if st.bigEndian {
		bo = binary.BigEndian
	}
	magic := uint32(0xa1b2c3d4)
	switch {
	case st.nano:
		magic = 0xa1b23c4d
	case st.modified:
		magic = 0xa1b2cd34
	}
	if st.snaplen == 0 {
		st.snaplen = 262144
	}
	var b bytes.Buffer
	h := make([]byte, 24)
	bo.PutUint32(h[0:], magic)
	bo.PutUint16(h[4:], 2)
	bo.PutUint16(h[6:], 4)
	bo.PutUint32(h[16:], st.snaplen)
	bo.PutUint32(h[20:], link)
	b.Write(h)
	for _, f := range frames {
		r := make([]byte, 16)
		if st.modified {
			r = make([]byte, 24)
		}
		bo.PutUint32(r[0:], uint32(f.ts.Unix()))
		frac := f.ts.Nanosecond()
		if !st.nano {
			frac /= 1000
		}
		bo.PutUint32(r[4:], uint32(frac))
		bo.PutUint32(r[8:], uint32(len(f.data)))
		wire := f.wire
		if wire < len(f.data) {
			wire = len(f.data)
		}
		bo.PutUint32(r[12:], uint32(wire))
		b.Write(r)
		b.Write(f.data)
	}
	return b.Bytes()
}

// ngWriter builds pcapng files block by block.
type ngWriter struct {
	b  bytes.Buffer
	bo binary.ByteOrder
}

func (w *ngWriter) block(typ uint32, body []byte) {
	for len(body)%4 != 0 {
		body = append(body, 0)
	}
	n := uint32(12 + len(body))
	var h [8]byte
	w.bo.PutUint32(h[0:], typ)
	w.bo.PutUint32(h[4:], n)
	w.b.Write(h[:])
	w.b.Write(body)
	w.bo.PutUint32(h[0:], n)
	w.b.Write(h[:4])
}

func (w *ngWriter) section(bigEndian bool) {
	w.bo = binary.LittleEndian
	if bigEndian {
		w.bo = binary.BigEndian
	}
	body := make([]byte, 16)
	w.bo.PutUint32(body[0:], ngByteOrderMagic)
	w.bo.PutUint16(body[4:], 1)
	binary.LittleEndian.PutUint64(body[8:], ^uint64(0)) // unknown section length
	w.block(ngSectionHeader, body)
}

// option encodes one option (code, value) with padding.
func (w *ngWriter) option(code uint16, v []byte) []byte {
	o := make([]byte, 4, 4+len(v)+3)
	w.bo.PutUint16(o[0:], code)
	w.bo.PutUint16(o[2:], uint16(len(v)))
	o = append(o, v...)
	for len(o)%4 != 0 {
		o = append(o, 0)
	}
	return o
}

// iface adds an Interface Description Block; tsresol 0 means the default
// (microseconds).
func (w *ngWriter) iface(link uint16, tsresol byte, tsoffset int64) {
	body := make([]byte, 8)
	w.bo.PutUint16(body[0:], link)
	w.bo.PutUint32(body[4:], 262144)
	body = append(body, w.option(2, []byte("eth0"))...) // if_name
	if tsresol != 0 {
		body = append(body, w.option(ngOptIfTsresol, []byte{tsresol})...)
	}
	if tsoffset != 0 {
		v := make([]byte, 8)
		w.bo.PutUint64(v, uint64(tsoffset))
		body = append(body, w.option(ngOptIfTsoffset, v)...)
	}
	body = append(body, 0, 0, 0, 0) // opt_endofopt
	w.block(ngInterface, body)
}

// units converts a time to raw timestamp units of a resolution.
func units(ts time.Time, tsresol byte, tsoffset int64) uint64 {
	sec := uint64(ts.Unix() - tsoffset)
	ns := uint64(ts.Nanosecond())
	switch {
	case tsresol == 0:
		return sec*1e6 + ns/1e3
	case tsresol&0x80 != 0:
		e := tsresol & 0x7f
		return sec<<e | (ns<<e)/1e9
	default:
		u := uint64(1)
		for range tsresol {
			u *= 10
		}
		return sec*u + ns*u/1e9
	}
}

func (w *ngWriter) epb(ifc uint32, ts uint64, data []byte, wire int) {
	body := make([]byte, 20, 20+len(data)+16)
	w.bo.PutUint32(body[0:], ifc)
	w.bo.PutUint32(body[4:], uint32(ts>>32))
	w.bo.PutUint32(body[8:], uint32(ts))
	w.bo.PutUint32(body[12:], uint32(len(data)))
	w.bo.PutUint32(body[16:], uint32(max(wire, len(data))))
	body = append(body, data...)
	for len(body)%4 != 0 {
		body = append(body, 0)
	}
	body = append(body, w.option(1, []byte("comment"))...) // opt_comment
	body = append(body, 0, 0, 0, 0)
	w.block(ngEnhancedPacket, body)
}

func (w *ngWriter) spb(data []byte) {
	body := make([]byte, 4, 4+len(data))
	w.bo.PutUint32(body, uint32(len(data)))
	w.block(ngSimplePacket, append(body, data...))
}

func (w *ngWriter) obsoletePB(ifc uint16, ts uint64, data []byte) {
	body := make([]byte, 20, 20+len(data))
	w.bo.PutUint16(body[0:], ifc)
	w.bo.PutUint32(body[4:], uint32(ts>>32))
	w.bo.PutUint32(body[8:], uint32(ts))
	w.bo.PutUint32(body[12:], uint32(len(data)))
	w.bo.PutUint32(body[16:], uint32(len(data)))
	w.block(ngObsoletePacket, append(body, data...))
}

// Frame surgery on Ethernet + IPv4/IPv6 + TCP frames.

func ethType(f []byte) uint16 { return binary.BigEndian.Uint16(f[12:]) }

// ipOff and tcpOff locate the headers of an untagged Ethernet frame.
func tcpOff(f []byte) int {
	if ethType(f) == 0x86dd {
		return 14 + 40
	}
	return 14 + int(f[14]&0x0f)*4
}

func tcpSeq(f []byte) uint32 { return binary.BigEndian.Uint32(f[tcpOff(f)+4:]) }

func tcpPayload(f []byte) []byte {
	o := tcpOff(f)
	end := len(f)
	if ethType(f) == 0x86dd {
		end = min(end, 14+40+int(binary.BigEndian.Uint16(f[18:])))
	} else {
		end = min(end, 14+int(binary.BigEndian.Uint16(f[16:])))
	}
	return f[o+int(f[o+12]>>4)*4 : end]
}

// withPayload returns a copy of an Ethernet/IPv4 TCP frame carrying payload
// at sequence number seq, with the IP length fixed up.
func withPayload(f []byte, seq uint32, payload []byte) []byte {
	o := tcpOff(f)
	hdr := o + int(f[o+12]>>4)*4
	out := append(slices.Clone(f[:hdr]), payload...)
	binary.BigEndian.PutUint32(out[o+4:], seq)
	binary.BigEndian.PutUint16(out[16:], uint16(len(out)-14))
	return out
}

func stripEthernet(f frame) frame {
	f.data = slices.Clone(f.data[14:])
	f.wire -= 14
	return f
}

func mapFrames(fs []frame, fn func(frame) frame) []frame {
	out := make([]frame, len(fs))
	for i, f := range fs {
		out[i] = fn(f)
	}
	return out
}
