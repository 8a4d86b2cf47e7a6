package capture

import (
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"testing"
)

// keptData is one Data call whose slice was kept, not copied, and a copy
// to check it against.
type keptData struct {
	frame uint64
	data  []byte
	copy  []byte
}

// keepingHandler keeps every Data slice and consumes frames only when Read
// waits for buffer space, checking first that the kept slices were not
// overwritten.
type keepingHandler struct {
	t        *testing.T
	kept     []keptData
	consumed uint64
	waits    int
	all      [2]bytes.Buffer // every byte delivered, by direction
}

type keepingStream struct{ h *keepingHandler }

func (h *keepingHandler) Open(ConnInfo) Stream { return keepingStream{h} }

func (s keepingStream) Data(d Direction, b []byte, m Meta) bool {
	s.h.kept = append(s.h.kept, keptData{m.Frame, b, bytes.Clone(b)})
	s.h.all[d].Write(b)
	return true
}
func (keepingStream) Gap(Direction, int, Meta) {}
func (keepingStream) Close(Meta, CloseReason)  {}
func (h *keepingHandler) Consumed() uint64     { return h.consumed }
func (h *keepingHandler) check(upTo uint64) int {
	h.t.Helper()
	n := 0
	for _, k := range h.kept {
		if k.frame <= upTo && !bytes.Equal(k.data, k.copy) {
			h.t.Fatalf("data of frame %d was overwritten before it was consumed", k.frame)
		}
		n++
	}
	return n
}

func (h *keepingHandler) Wait(frame uint64) {
	h.waits++
	if frame <= h.consumed {
		h.t.Fatalf("Wait(%d) with frame %d consumed already", frame, h.consumed)
	}
	h.check(^uint64(0))
	// Consume exactly up to frame: data of later frames must survive.
	rest := h.kept[:0]
	for _, k := range h.kept {
		if k.frame > frame {
			rest = append(rest, k)
		}
	}
	h.kept = rest
	h.consumed = frame
}

// TestKeeperKeepsData reads captures with tiny chunks and a Keeper that
// consumes only when asked: no kept slice is overwritten early, and the
// bytes delivered are those of a read without a Keeper.
func TestKeeperKeepsData(t *testing.T) {
	defer func(c, m int) { chunkSize, maxChunks = c, m }(chunkSize, maxChunks)
	chunkSize, maxChunks = 4096, 3
	for _, name := range []string{
		"public/suricata-verify/filecontainer-smb.pcap",
		"samba/s06_smb210_srvmand_ipv6_user.pcap",
		"public/suricata-verify/smb-eicar-file-segmentation-random__input.pcap",
	} {
		raw, err := os.ReadFile(pcapPath(name))
		if err != nil {
			t.Fatal(err)
		}
		var gz bytes.Buffer
		zw := gzip.NewWriter(&gz)
		zw.Write(raw)
		zw.Close()
		for _, in := range []struct {
			what string
			b    []byte
		}{{"plain", raw}, {"gzip", gz.Bytes()}} {
			want := &keepingHandler{t: t}
			if _, err := Read(context.Background(), bytes.NewReader(in.b), name, want, Options{}); err != nil {
				t.Fatal(err)
			}
			h := &keepingHandler{t: t}
			st, err := Read(context.Background(), bytes.NewReader(in.b), name, h, Options{Keeper: h})
			if err != nil {
				t.Fatal(err)
			}
			h.check(^uint64(0))
			if h.waits == 0 {
				t.Errorf("%s %s: never waited with %d-byte chunks", name, in.what, chunkSize)
			}
			for d := range h.all {
				if !bytes.Equal(h.all[d].Bytes(), want.all[d].Bytes()) {
					t.Errorf("%s %s: bytes delivered differ with a Keeper", name, in.what)
				}
			}
			t.Logf("%s %s: %d packets, %d waits", name, in.what, st.Packets, h.waits)
		}
	}
}
