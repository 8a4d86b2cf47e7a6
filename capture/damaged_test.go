package capture

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"testing"
)

// Damaged captures and hostile TCP: what the readers and the reassembly do
// when the input is broken, and that they say so.

// A retransmission carrying different bytes for a sequence range already
// delivered changes nothing: the first copy is kept and the second counted
// as a duplicate. Where the different copy overlaps both delivered and new
// bytes, only the new bytes are taken from it.
func TestConflictingRetransmission(t *testing.T) {
	orig := loadFrames(t, s05)
	want, _ := readFile(t, pcapPath(s05), Options{})
	var frames []frame
	conflicting := 0
	for i, f := range orig {
		frames = append(frames, f)
		p := tcpPayload(f.data)
		if len(p) < 8 || i%3 != 0 {
			continue
		}
		// Same sequence range, every byte inverted.
		bad := slices.Clone(p)
		for j := range bad {
			bad[j] ^= 0xFF
		}
		g := frame{data: withPayload(f.data, tcpSeq(f.data), bad), ts: f.ts}
		g.wire = len(g.data)
		frames = append(frames, g)
		conflicting++
	}
	got, st := mustRead(t, writePcap(1, frames, pcapStyle{}), Options{})
	if len(got.conns) != 1 {
		t.Fatalf("%d connections", len(got.conns))
	}
	for d := range 2 {
		if !bytes.Equal(got.conns[0].data[d], want.conns[0].data[d]) {
			t.Errorf("direction %d: the conflicting copies changed the stream", d)
		}
	}
	if st.Duplicates != uint64(conflicting) || st.Gaps != 0 {
		t.Errorf("stats %+v: want %d duplicates and no gap", st, conflicting)
	}

	// A segment that overlaps the end of what was delivered and carries
	// a different version of it: the delivered bytes stand, the new part
	// is appended once.
	var over []frame
	for i, f := range orig {
		p := tcpPayload(f.data)
		if i == 12 && len(p) > 20 {
			head := frame{data: withPayload(f.data, tcpSeq(f.data), p[:10]), ts: f.ts}
			head.wire = len(head.data)
			changed := slices.Clone(p)
			changed[0] ^= 0xFF // inside the part already delivered
			whole := frame{data: withPayload(f.data, tcpSeq(f.data), changed), ts: f.ts}
			whole.wire = len(whole.data)
			over = append(over, head, whole)
			continue
		}
		over = append(over, f)
	}
	got, _ = mustRead(t, writePcap(1, over, pcapStyle{}), Options{})
	for d := range 2 {
		a, b := got.conns[0].data[d], want.conns[0].data[d]
		if len(a) != len(b) {
			t.Fatalf("direction %d: %d bytes, want %d", d, len(a), len(b))
		}
	}
}

// A hole that is never filled while data keeps coming after it is given up
// when the buffer limit is reached, and counted.
func TestBufferLimitCounted(t *testing.T) {
	orig := loadFrames(t, s05)
	var frames []frame
	dropped := false
	for _, f := range orig {
		if !dropped && len(tcpPayload(f.data)) > 100 && fromClient(f) {
			dropped = true
			continue
		}
		frames = append(frames, f)
	}
	_, st := mustRead(t, writePcap(1, frames, pcapStyle{}), Options{MaxBufferedBytes: 512})
	if st.BufferSkips == 0 || st.Gaps == 0 {
		t.Errorf("stats %+v: want the hole given up for the buffer limit", st)
	}
	_, st = mustRead(t, writePcap(1, frames, pcapStyle{}), Options{})
	if st.BufferSkips != 0 || st.Gaps == 0 {
		t.Errorf("stats %+v: with the default buffer the hole is skipped at the end, not for the limit", st)
	}
}

// Zero-length records and records of unsupported link types in a pcapng
// file are skipped and counted; the rest is analysed.
func TestOddRecords(t *testing.T) {
	frames := loadFrames(t, s05)
	want, _ := readFile(t, pcapPath(s05), Options{})

	var w ngWriter
	w.section(false)
	w.iface(1, 0, 0)
	w.iface(147, 0, 0) // USER0: no decoder
	for i, f := range frames {
		ts := units(f.ts, 0, 0)
		w.epb(0, ts, f.data, f.wire)
		if i%5 == 0 {
			w.epb(0, ts, nil, 0)              // zero-length record
			w.epb(1, ts, []byte{1, 2, 3}, 60) // unknown link type
		}
	}
	got, st := mustRead(t, w.b.Bytes(), Options{})
	n := uint64((len(frames) + 4) / 5)
	if st.UnsupportedLink != n || st.Undecodable != 2*n || st.Packets != uint64(len(frames))+2*n {
		t.Errorf("stats %+v: want %d zero-length and %d unsupported records", st, n, n)
	}
	if got.summary() != want.summary() {
		t.Errorf("streams differ:\n%s\nwant\n%s", got.summary(), want.summary())
	}
}

// Blocks of types this reader does not know (name resolution, statistics,
// custom, and types not yet assigned) are skipped whatever they hold.
func TestPcapngUnknownBlocks(t *testing.T) {
	frames := loadFrames(t, s05)
	want, _ := readFile(t, pcapPath(s05), Options{})
	var w ngWriter
	w.section(true)
	w.block(0x00000004, []byte{1, 0, 4, 0, 10, 0, 0, 1, 0, 0, 0, 0}) // name resolution
	w.iface(1, 0x80|20, 0)
	for i, f := range frames {
		w.epb(0, units(f.ts, 0x80|20, 0), f.data, f.wire)
		switch i % 4 {
		case 0:
			w.block(0x00000005, make([]byte, 16)) // interface statistics
		case 1:
			w.block(0x40000BAD, bytes.Repeat([]byte{0xEE}, 37)) // custom, not copiable
		case 2:
			w.block(0x0BADBEEF, nil) // unassigned type, empty body
		}
	}
	got, _ := mustRead(t, w.b.Bytes(), Options{})
	if got.summary() != want.summary() {
		t.Errorf("streams differ:\n%s\nwant\n%s", got.summary(), want.summary())
	}
}

// A gzip stream whose data is damaged fails with an error naming the
// decompressed offset reached; the packets before it were analysed.
func TestGzipCorrupt(t *testing.T) {
	raw := rawFile(t, s05)
	z := gz(t, raw)

	// A wrong CRC in the trailer: every packet was read, then the check
	// fails.
	bad := slices.Clone(z)
	bad[len(bad)-8] ^= 0xFF
	rec, st, err := readBytes(t, bad, Options{})
	want := fmt.Sprintf("capture: test: gzip data corrupt after byte offset %d of the decompressed data: gzip: invalid checksum", len(raw))
	if err == nil || err.Error() != want {
		t.Errorf("error %v, want %q", err, want)
	}
	if st.Packets != uint64(len(recordOffsets(raw))) || len(rec.conns) != 1 {
		t.Errorf("%d packets, %d connections: want all before the bad checksum", st.Packets, len(rec.conns))
	}
	rec.check(t)

	// Damage inside the deflate data: an invalid block or garbage
	// decompressed data, either way an error naming an offset after the
	// packets that were read.
	bad = slices.Clone(z)
	for i := len(bad) / 2; i < len(bad)/2+64; i++ {
		bad[i] = 0xFF
	}
	rec, st, err = readBytes(t, bad, Options{})
	if err == nil || st.Packets == 0 || !bytes.Contains([]byte(err.Error()), []byte("byte offset")) {
		t.Errorf("error %v after %d packets: want an error naming an offset, after some packets", err, st.Packets)
	}
	rec.check(t)

	// Cut short: a truncation, offset in decompressed bytes.
	_, st, err = readBytes(t, z[:len(z)*2/3], Options{})
	if want := fmt.Sprintf("capture: test: truncated record at byte offset %d of the decompressed data", recordStart(raw, st.Packets)); err == nil || err.Error() != want {
		t.Errorf("error %v, want %q", err, want)
	}
	if !errors.Is(err, ErrTruncated) {
		t.Errorf("error %v does not match ErrTruncated", err)
	}
}

// recordStart returns the offset of the record after the first n records
// of a classic pcap file.
func recordStart(pcap []byte, n uint64) int {
	offs := recordOffsets(pcap)
	if int(n) < len(offs) {
		return offs[n]
	}
	return len(pcap)
}

// Under a flood of connections that never hear back from the server,
// eviction takes them before a connection on which both sides speak, so a
// SYN flood cannot push the real conversations out of the table.
func TestEvictionSparesConversations(t *testing.T) {
	orig := loadFrames(t, s05)
	var frames []frame
	for i, f := range orig {
		frames = append(frames, f)
		if i == 5 { // after the handshake and the first requests
			for k := 0; k < 50; k++ {
				syn := slices.Clone(orig[0].data)
				syn[14+12], syn[14+13], syn[14+15] = 10, 9, byte(k) // source 10.9.x.k
				syn[tcpOff(syn)+1] = byte(k)                        // source port
				frames = append(frames, frame{data: syn, ts: f.ts, wire: len(syn)})
			}
		}
	}
	rec, st := mustRead(t, writePcap(1, frames, pcapStyle{}), Options{MaxConnections: 3})
	if st.Evicted != 48 || st.Connections != 51 {
		t.Errorf("stats %+v: want 51 connections, 48 of them evicted", st)
	}
	for _, c := range rec.conns {
		if c.info.Flow.Server.Port() == 445 && len(c.data[0]) > 0 && c.reason != CloseFIN {
			t.Errorf("the SMB conversation ended with %v, want fin", c.reason)
		}
	}
	if rec.conns[0].reason != CloseFIN {
		t.Errorf("first connection closed %v", rec.conns[0].reason)
	}
}
