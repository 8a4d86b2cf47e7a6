package capture

import (
	"context"
	"os"
	"testing"
)

// countStream is the cheapest useful consumer: it only counts.
type countStream struct{ n *int }

func (s countStream) Data(_ Direction, b []byte, _ Meta) bool { *s.n += len(b); return true }
func (s countStream) Gap(Direction, int, Meta)                {}
func (s countStream) Close(Meta, CloseReason)                 {}

type countHandler struct{ n int }

func (h *countHandler) Open(ConnInfo) Stream { return countStream{&h.n} }

// BenchmarkReadFile measures decoding and reassembly of a 2.7 MB SMB capture
// (7276 packets, one connection), per input byte.
func BenchmarkReadFile(b *testing.B) {
	path := pcapPath("public/suricata-verify/filecontainer-smb.pcap")
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(fi.Size())
	b.ReportAllocs()
	for b.Loop() {
		h := &countHandler{}
		if _, err := ReadFile(context.Background(), path, h, Options{}); err != nil {
			b.Fatal(err)
		}
		if h.n == 0 {
			b.Fatal("no data")
		}
	}
}
