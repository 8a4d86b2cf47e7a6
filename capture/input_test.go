package capture

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

func gz(t testing.TB, b []byte) []byte {
	var out bytes.Buffer
	w := gzip.NewWriter(&out)
	if _, err := w.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func rawFile(t testing.TB, name string) []byte {
	b, err := os.ReadFile(pcapPath(name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func writeTemp(t *testing.T, name string, b []byte) string {
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// Gzip is recognised by its magic number, whatever the file is called.
func TestGzip(t *testing.T) {
	t.Run("pcap-in-memory", func(t *testing.T) {
		sameAsOriginal(t, s01, gz(t, rawFile(t, s01)))
	})
	t.Run("pcapng-file-without-gz-suffix", func(t *testing.T) {
		p := writeTemp(t, "capture.pcap", gz(t, rawFile(t, s20)))
		got, _ := readFile(t, p, Options{})
		want, _ := readFile(t, pcapPath(s20), Options{})
		if got.summary() != want.summary() {
			t.Errorf("got:\n%swant:\n%s", got.summary(), want.summary())
		}
	})
	t.Run("stdin", func(t *testing.T) {
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		data := gz(t, rawFile(t, s06))
		go func() {
			w.Write(data)
			w.Close()
		}()
		old := os.Stdin
		os.Stdin = r
		defer func() { os.Stdin = old; r.Close() }()
		got, _ := readFile(t, "-", Options{})
		want, _ := readFile(t, pcapPath(s06), Options{})
		if got.summary() != want.summary() {
			t.Errorf("got:\n%swant:\n%s", got.summary(), want.summary())
		}
	})
}

// recordOffsets returns the byte offset of every record of a pcap file.
func recordOffsets(b []byte) []int {
	var offs []int
	for off := 24; off+16 <= len(b); off += 16 + int(binary.LittleEndian.Uint32(b[off+8:])) {
		offs = append(offs, off)
	}
	return offs
}

// blockOffsets returns the byte offset of every packet block of a
// little-endian pcapng file.
func blockOffsets(b []byte) []int {
	var offs []int
	for off := 0; off+8 <= len(b); off += int(binary.LittleEndian.Uint32(b[off+4:])) {
		if binary.LittleEndian.Uint32(b[off:]) == ngEnhancedPacket {
			offs = append(offs, off)
		}
	}
	return offs
}

// A file cut in the middle of a record: everything before it is analysed,
// connections are closed normally, and the error names the offset.
func TestTruncatedInput(t *testing.T) {
	full, _ := readFile(t, pcapPath(s01), Options{})
	pcap := rawFile(t, s01)
	offs := recordOffsets(pcap)
	if len(offs) != 66 {
		t.Fatalf("%d records", len(offs))
	}
	ng := rawFile(t, s20)
	ngOffs := blockOffsets(ng)

	cases := []struct {
		name    string
		data    []byte
		off     int // expected offset in the message
		packets uint64
	}{
		{"pcap-mid-data", pcap[:offs[40]+16+20], offs[40], 40},
		{"pcap-mid-header", pcap[:offs[40]+7], offs[40], 40},
		{"pcap-gzip", gz(t, pcap[:offs[40]+30]), offs[40], 40},
		{"pcapng-mid-block", ng[:ngOffs[30]+50], ngOffs[30], 30},
		{"pcapng-mid-header", ng[:ngOffs[30]+5], ngOffs[30], 30},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := writeTemp(t, "cut.pcap", tc.data)
			rec := &recorder{}
			st, err := ReadFile(context.Background(), p, rec, Options{})
			want := fmt.Sprintf("capture: %s: truncated record at byte offset %d", p, tc.off)
			if tc.name == "pcap-gzip" {
				want += " of the decompressed data"
			}
			if err == nil || err.Error() != want {
				t.Fatalf("error %v, want %q", err, want)
			}
			if !errors.Is(err, ErrTruncated) {
				t.Error("error does not match ErrTruncated")
			}
			if st.Packets != tc.packets {
				t.Errorf("%d packets read, want %d", st.Packets, tc.packets)
			}
			rec.check(t)
			if len(rec.conns) != 1 || rec.conns[0].reason != CloseEndInput || rec.conns[0].close.Frame != tc.packets {
				t.Fatalf("connections not closed at end of input: %+v", rec.conns)
			}
			if tc.name[:4] == "pcap" && tc.name[4] == '-' {
				for d := range 2 {
					if got := rec.conns[0].data[d]; len(got) == 0 || !bytes.HasPrefix(full.conns[0].data[d], got) {
						t.Errorf("direction %d: %d bytes, not a prefix of the full stream", d, len(got))
					}
				}
			}
		})
	}
	t.Run("gzip-stream-cut", func(t *testing.T) {
		z := gz(t, pcap)
		rec, st, err := readBytes(t, z[:len(z)/2], Options{})
		if !errors.Is(err, ErrTruncated) || st.Packets == 0 {
			t.Errorf("err %v after %d packets, want a truncation error after some packets", err, st.Packets)
		}
		rec.check(t)
	})
}

// Unusable inputs fail with a message naming the input and the problem.
func TestBadInput(t *testing.T) {
	corruptLen := slices0(rawFile(t, s01)[:24+16])
	binary.LittleEndian.PutUint32(corruptLen[24+8:], 100<<20)
	var badRes ngWriter
	badRes.section(false)
	badRes.iface(1, 64, 0) // 10^-64 s does not fit
	var badIface ngWriter
	badIface.section(false)
	badIface.iface(1, 0, 0)
	badIface.epb(3, 0, []byte{1, 2, 3}, 3)

	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"magic", []byte{0x12, 0x34, 0x56, 0x78, 0, 0, 0, 0}, "not a pcap or pcapng file (magic 0x12345678)"},
		{"empty", nil, "empty input"},
		{"tiny", []byte{0xd4, 0xc3}, "not a pcap or pcapng file (only 2 bytes)"},
		{"text", []byte("hello world\n"), "not a pcap or pcapng file (magic 0x68656c6c)"},
		{"short-header", rawFile(t, s01)[:10], "pcap file header is incomplete"},
		{"gzip-of-text", gz(t, []byte("hello world\n")), "not a pcap or pcapng file (magic 0x68656c6c)"},
		{"bad-gzip", []byte{0x1f, 0x8b, 0, 0, 0, 0}, "gzip: unexpected EOF"},
		{"huge-record", corruptLen, "record at byte offset 24 claims 104857600 captured bytes; the file is corrupt"},
		{"pcapng-tsresol", badRes.b.Bytes(), "pcapng interface description at byte offset 28: unsupported timestamp resolution 10^-64"},
		{"pcapng-interface", badIface.b.Bytes(), "pcapng packet at byte offset 60 refers to interface 3, but the section has 1"},
		{"pcapng-short-section", []byte{10, 13, 13, 10, 12, 0, 0, 0, 0x4d, 0x3c, 0x2b, 0x1a, 12, 0, 0, 0}, "pcapng block at byte offset 0 has invalid length 12; the file is corrupt"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := writeTemp(t, "in.cap", tc.data)
			_, err := ReadFile(context.Background(), p, &recorder{}, Options{})
			if want := "capture: " + p + ": " + tc.want; err == nil || err.Error() != want {
				t.Errorf("error %v\n want %s", err, want)
			}
		})
	}
	t.Run("missing-file", func(t *testing.T) {
		_, err := ReadFile(context.Background(), "no/such.pcap", &recorder{}, Options{})
		if !errors.Is(err, os.ErrNotExist) || err.Error() != "capture: open no/such.pcap: no such file or directory" {
			t.Errorf("error %v", err)
		}
	})
	t.Run("unknown-link-type", func(t *testing.T) {
		rec, st, err := readBytes(t, writePcap(147, loadFrames(t, s01), pcapStyle{}), Options{})
		if st.Undecodable != 66 || st.UnsupportedLink != 66 || st.Packets != 66 || len(rec.conns) != 0 {
			t.Errorf("stats %+v", st)
		}
		if !errors.Is(err, ErrUnsupportedLink) {
			t.Errorf("error %v, want ErrUnsupportedLink", err)
		}
	})
}

func slices0(b []byte) []byte { return append([]byte(nil), b...) }

// Cancellation stops a read that is blocked waiting for input, and still
// closes every open connection.
func TestCancel(t *testing.T) {
	pcap := rawFile(t, s01)
	offs := recordOffsets(pcap)
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	go w.Write(pcap[:offs[20]]) // 20 packets, then the writer stalls

	ctx, cancel := context.WithCancel(context.Background())
	rec := &recorder{}
	h := handlerFunc(func(c ConnInfo) Stream {
		s := rec.Open(c).(*recStream)
		return &cancelOnData{s, cancel}
	})
	done := make(chan struct{})
	var st Stats
	go func() {
		st, err = Read(ctx, r, "pipe", h, Options{})
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Read did not return after cancellation")
	}
	if !errors.Is(err, context.Canceled) || err.Error() != "capture: pipe: context canceled" {
		t.Errorf("error %v", err)
	}
	rec.check(t)
	if len(rec.conns) != 1 || rec.conns[0].reason != CloseEndInput {
		t.Errorf("connection not closed: %+v", rec.conns)
	}
	if st.Packets == 0 || st.Packets > 20 {
		t.Errorf("%d packets", st.Packets)
	}

	t.Run("before-start", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := Read(ctx, bytes.NewReader(pcap), "x", &recorder{}, Options{})
		if !errors.Is(err, context.Canceled) {
			t.Errorf("error %v", err)
		}
	})
}

type handlerFunc func(ConnInfo) Stream

func (f handlerFunc) Open(c ConnInfo) Stream { return f(c) }

type cancelOnData struct {
	*recStream
	cancel func()
}

func (s *cancelOnData) Data(d Direction, b []byte, m Meta) bool {
	s.cancel()
	return s.recStream.Data(d, b, m)
}

// mutate damages b the way corrupt files are damaged: changed bytes,
// boundary values in length fields, inserted and removed bytes, cuts.
func mutate(rng *rand.Rand, b []byte) []byte {
	b = slices0(b)
	for range 1 + rng.IntN(10) {
		if len(b) < 8 {
			break
		}
		p := rng.IntN(len(b) - 4)
		switch rng.IntN(5) {
		case 0:
			b[p] = byte(rng.Uint32())
		case 1:
			v := []uint32{0, 1, 12, 0x7fffffff, 0x80000000, 0xffffffff, 1 << 20}[rng.IntN(7)]
			binary.LittleEndian.PutUint32(b[p:], v)
		case 2:
			b = slices.Insert(b, p, byte(rng.Uint32()), byte(rng.Uint32()))
		case 3:
			b = slices.Delete(b, p, p+1+rng.IntN(4))
		case 4:
			b = b[:p]
		}
	}
	return b
}

// Damaged inputs never panic or hang, and the Stream contract holds.
func TestCorruptInputs(t *testing.T) {
	var ng ngWriter
	ng.section(true)
	ng.iface(276, 0x80|40, -5)
	ng.spb([]byte{0, 0x08})
	seeds := [][]byte{rawFile(t, s01), rawFile(t, s20), rawFile(t, s06), rawFile(t, seg), gz(t, rawFile(t, s01)), ng.b.Bytes()}
	rng := rand.New(rand.NewPCG(1, 2))
	deadline := time.Now().Add(3 * time.Second)
	for i := 0; i < 20000 && time.Now().Before(deadline); i++ {
		b := mutate(rng, seeds[i%len(seeds)])
		rec, _, _ := readBytes(t, b, Options{MaxConnections: 1 + rng.IntN(3), MaxBufferedBytes: 1 + rng.IntN(5000)})
		rec.check(t)
		if t.Failed() {
			t.Fatalf("iteration %d", i)
		}
	}
}

// FuzzRead runs its seeds in every test run; `go test -fuzz=FuzzRead` goes
// further.
func FuzzRead(f *testing.F) {
	f.Add(rawFile(f, s01)[:3000])
	f.Add(rawFile(f, s20)[:3000])
	f.Add(gz(f, rawFile(f, s06)[:3000]))
	var w ngWriter
	w.section(true)
	w.iface(276, 0x80|63, -5)
	w.spb([]byte{0, 0x08})
	f.Add(w.b.Bytes())
	f.Add([]byte{10, 13, 13, 10, 12, 0, 0, 0, 0x4d, 0x3c, 0x2b, 0x1a, 12, 0, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		rec, _, _ := readBytes(t, b, Options{MaxConnections: 2, MaxBufferedBytes: 3000})
		rec.check(t)
	})
}

var _ io.Reader = (*asyncReader)(nil)
