package main

import (
	"bytes"
	"context"
	"encoding/binary"
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
