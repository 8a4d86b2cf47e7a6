package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"io"
	"net/netip"
	"os"
	"runtime"
	"testing"

	"github.com/smbscope/smbscope/capture"
	"github.com/smbscope/smbscope/session"
)

// handshakes writes a pcap of n TCP handshakes to port 445 from distinct
// client endpoints, none of them closed.
func handshakes(n int) []byte {
	var b bytes.Buffer
	hdr := make([]byte, 24)
	binary.LittleEndian.PutUint32(hdr[0:], 0xa1b2c3d4)
	binary.LittleEndian.PutUint16(hdr[4:], 2)
	binary.LittleEndian.PutUint16(hdr[6:], 4)
	binary.LittleEndian.PutUint32(hdr[16:], 65535)
	binary.LittleEndian.PutUint32(hdr[20:], 1) // Ethernet
	b.Write(hdr)
	frame := func(ts uint32, src, dst [4]byte, sport, dport uint16, seq, ack uint32, flags byte) {
		f := make([]byte, 14+20+20)
		binary.BigEndian.PutUint16(f[12:], 0x0800)
		ip := f[14:]
		ip[0], ip[8], ip[9] = 0x45, 64, 6
		binary.BigEndian.PutUint16(ip[2:], 40)
		copy(ip[12:], src[:])
		copy(ip[16:], dst[:])
		tcp := ip[20:]
		binary.BigEndian.PutUint16(tcp[0:], sport)
		binary.BigEndian.PutUint16(tcp[2:], dport)
		binary.BigEndian.PutUint32(tcp[4:], seq)
		binary.BigEndian.PutUint32(tcp[8:], ack)
		tcp[12], tcp[13] = 5<<4, flags
		rec := make([]byte, 16)
		binary.LittleEndian.PutUint32(rec[0:], ts)
		binary.LittleEndian.PutUint32(rec[8:], uint32(len(f)))
		binary.LittleEndian.PutUint32(rec[12:], uint32(len(f)))
		b.Write(rec)
		b.Write(f)
	}
	server := [4]byte{198, 51, 100, 10}
	for i := range n {
		client := [4]byte{198, 18, byte(i >> 8), byte(i)}
		port := uint16(40000 + i%20000)
		ts := uint32(1795290000 + i/1000)
		frame(ts, client, server, port, 445, 1000, 0, 0x02)
		frame(ts, server, client, 445, port, 5000, 1001, 0x12)
		frame(ts, client, server, port, 445, 1001, 5001, 0x10)
	}
	return b.Bytes()
}

// measuringHandler measures the heap at the first and last Open.
type measuringHandler struct {
	capture.Handler
	n, last     int
	first, heap uint64
}

func liveHeap() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

func (h *measuringHandler) Open(c capture.ConnInfo) capture.Stream {
	h.n++
	switch h.n {
	case 1:
		h.first = liveHeap()
	case h.last:
		h.heap = liveHeap()
	}
	return h.Handler.Open(c)
}

// TestIdleConnectionMemory checks what a tracked connection that carried
// no payload yet costs, with 100,000 of them open at once: capture's state
// and the pipeline's stream, since the session state is opened at the
// first payload byte.
func TestIdleConnectionMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	const n = 100000
	pcap := handshakes(n)
	p := newPipeline("mem", session.Options{}, 2, func(*session.Connection) {})
	h := &measuringHandler{Handler: p, last: n}
	if _, err := capture.Read(context.Background(), bytes.NewReader(pcap), "mem", h, capture.Options{Keeper: p, MaxConnections: n}); err != nil {
		t.Fatal(err)
	}
	p.finish()
	per := float64(h.heap-h.first) / float64(n-1)
	t.Logf("%d idle connections: %.0f bytes each", n, per)
	if per > 1024 {
		t.Errorf("an idle tracked connection takes %.0f bytes, want at most 1 KiB", per)
	}
}

// replicatedSessions streams a pcap of n copies of the first packets of the
// SMB 3.1.1 user session in s05 (handshake, NEGOTIATE, SESSION_SETUP, tree
// connects, a directory listing: unsigned messages fill the session's
// evidence), each from its own client address and none of them closed,
// followed by a lone SYN from another address.
func replicatedSessions(t *testing.T, n, packets int) io.Reader {
	raw, err := os.ReadFile("../../testdata/pcaps/samba/s05_smb311_defaults_user.pcap")
	if err != nil {
		t.Fatal(err)
	}
	var recs [][]byte
	for off := 24; off+16 <= len(raw) && len(recs) < packets; {
		l := int(binary.LittleEndian.Uint32(raw[off+8:]))
		recs = append(recs, raw[off:off+16+l])
		off += 16 + l
	}
	client := netip.MustParseAddr("198.51.100.20").As4()
	pr, pw := io.Pipe()
	go func() {
		w := bufio.NewWriter(pw)
		w.Write(raw[:24])
		buf := make([]byte, 0, 2048)
		put := func(rec []byte, addr [4]byte, usec uint32) {
			buf = append(buf[:0], rec...)
			binary.LittleEndian.PutUint32(buf[4:], usec)
			ip := buf[16+14:]
			for _, at := range []int{12, 16} {
				if [4]byte(ip[at:at+4]) == client {
					copy(ip[at:], addr[:])
				}
			}
			ip[10], ip[11] = 0, 0
			var sum uint32
			for i := 0; i < 20; i += 2 {
				sum += uint32(binary.BigEndian.Uint16(ip[i:]))
			}
			for sum > 0xffff {
				sum = sum&0xffff + sum>>16
			}
			binary.BigEndian.PutUint16(ip[10:], ^uint16(sum))
			w.Write(buf)
		}
		for i := range n {
			addr := [4]byte{10, byte(i >> 16), byte(i >> 8), byte(i)}
			for _, rec := range recs {
				put(rec, addr, uint32(i%1000000))
			}
		}
		put(recs[0], [4]byte{10, 255, 255, 255}, 999999)
		pw.CloseWithError(w.Flush())
	}()
	return pr
}

// sessionMeasure measures the heap at two Opens, mid and last, once every
// earlier event has been analysed: the difference is what the connections
// between cost, without the fixed costs of the analysis.
type sessionMeasure struct {
	p             *pipeline
	n, mid, last  int
	atMid, atLast uint64
}

func (h *sessionMeasure) Open(c capture.ConnInfo) capture.Stream {
	h.n++
	switch h.n {
	case h.mid:
		h.p.Wait(c.Start.Frame - 1)
		h.atMid = liveHeap()
	case h.last:
		h.p.Wait(c.Start.Frame - 1)
		h.atLast = liveHeap()
	}
	return h.p.Open(c)
}

// TestOpenSessionMemory checks what a connection costs while it holds an
// SMB session that was set up and used and is now idle, with many open at
// once: capture's state, the pipeline's stream and the session state with
// its evidence.
func TestOpenSessionMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	n := 100000
	if raceEnabled {
		n = 10000
	}
	var sessions, evidence int
	p := newPipeline("mem", session.Options{}, 2, func(c *session.Connection) {
		for _, s := range c.Sessions {
			if s.Authenticated() && s.Outcome == session.OutcomeUnsigned {
				sessions++
				evidence += len(s.UnsignedSamples)
			}
		}
	})
	h := &sessionMeasure{p: p, mid: n/2 + 1, last: n + 1}
	if _, err := capture.Read(context.Background(), replicatedSessions(t, n, 33), "mem", h, capture.Options{Keeper: p, MaxConnections: n + 1}); err != nil {
		t.Fatal(err)
	}
	p.finish()
	if sessions != n || evidence != 8*n {
		t.Fatalf("%d unsigned user sessions with %d unsigned messages kept, want %d with 8 each", sessions, evidence, n)
	}
	per := float64(h.atLast-h.atMid) / float64(n-n/2)
	t.Logf("%d connections with an idle SMB session: %.0f bytes each", n, per)
	// BENCHMARKS.md: where these bytes go, and why they are not under 1 KiB.
	if per > 2150 {
		t.Errorf("a connection with an idle SMB session takes %.0f bytes, want at most 2150", per)
	}
}
