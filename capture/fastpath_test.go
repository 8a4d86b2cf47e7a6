package capture

import (
	"bytes"
	"encoding/binary"
	"io"
	"os"
	"testing"
)

// fastAgrees checks that where fastDecode answers, the gopacket parser
// gives the same packet.
func fastAgrees(t *testing.T, dec *decoder, data []byte, wireLen int, what string) bool {
	t.Helper()
	var fast, slow tcpPacket
	if !fastDecode(data, wireLen, &fast) {
		return false
	}
	if r := dec.decodeLayers(data, linkEthernet, wireLen, &slow); r != decodedTCP {
		t.Fatalf("%s: fast path decoded TCP, gopacket says %d", what, r)
	}
	if fast.src != slow.src || fast.dst != slow.dst || fast.seq != slow.seq ||
		fast.syn != slow.syn || fast.ack != slow.ack || fast.fin != slow.fin || fast.rst != slow.rst ||
		string(fast.payload) != string(slow.payload) || len(fast.payload) != len(slow.payload) ||
		fast.missing != slow.missing || fast.key != slow.key || fast.srcIsB != slow.srcIsB || !sameKey(&fast) {
		t.Fatalf("%s: fast path %+v, gopacket %+v", what, fast, slow)
	}
	if len(fast.payload) > 0 && len(slow.payload) > 0 && &fast.payload[0] != &slow.payload[0] {
		t.Fatalf("%s: payloads at different offsets", what)
	}
	return true
}

// TestFastPathMatchesGopacket decodes every Ethernet frame of the bundled
// captures both ways, and variants of each with its lengths and flags
// altered, truncated, or behind VLAN tags.
func TestFastPathMatchesGopacket(t *testing.T) {
	dec := newDecoder()
	var frames, fast int
	for _, name := range corpusFiles(t) {
		f, err := os.Open(pcapPath(name))
		if err != nil {
			t.Fatal(err)
		}
		rr, err := openRecords(f)
		if err != nil {
			f.Close()
			continue // damaged on purpose; the readers' tests cover them
		}
		for i := 0; ; i++ {
			data, rec, err := rr.next()
			if err == io.EOF || err != nil {
				break
			}
			if rec.link != linkEthernet {
				continue
			}
			frames++
			if fastAgrees(t, dec, data, rec.wireLen, name) {
				fast++
			}
			if i%7 == 0 {
				checkVariants(t, dec, data, rec.wireLen, name)
			}
		}
		f.Close()
	}
	t.Logf("%d Ethernet frames, %d on the fast path", frames, fast)
	if fast == 0 || fast < frames/2 {
		t.Fatalf("only %d of %d Ethernet frames took the fast path", fast, frames)
	}
}

// checkVariants alters one field at a time of a frame and compares.
func checkVariants(t *testing.T, dec *decoder, data []byte, wireLen int, name string) {
	t.Helper()
	mod := func(f func(b []byte) []byte) {
		b := f(append([]byte(nil), data...))
		fastAgrees(t, dec, b, max(wireLen, len(b)), name+" (altered)")
		fastAgrees(t, dec, b, wireLen+100, name+" (altered, cut)")
	}
	for cut := 0; cut < len(data); cut += 1 + cut/3 {
		fastAgrees(t, dec, data[:cut], wireLen, name+" (truncated)")
	}
	if len(data) < 14+40 {
		return
	}
	ip := 14
	for _, off := range []int{0, 2, 3, 4, 6, 7, 9, ip + 0, ip + 2, ip + 3, ip + 4, ip + 5, ip + 6, ip + 7, ip + 9, ip + 32, ip + 33, ip + 40 + 12, ip + 20 + 12, ip + 20 + 13, ip + 20 + 20, ip + 20 + 21, ip + 40 + 20, ip + 40 + 21} {
		if off >= len(data) {
			continue
		}
		for _, v := range []byte{0, 1, 2, 4, 5, 6, 0x10, 0x45, 0x46, 0x4f, 0x50, 0x60, 0x80, 0xa0, 0xf0, 0xff} {
			mod(func(b []byte) []byte { b[off] = v; return b })
		}
	}
	// VLAN tags in front of the IP header, one to five of them.
	for n := 1; n <= 5; n++ {
		mod(func(b []byte) []byte {
			out := append([]byte(nil), b[:12]...)
			for range n {
				out = binary.BigEndian.AppendUint16(out, etherDot1Q)
				out = append(out, 0, 7)
			}
			return append(out, b[12:]...)
		})
	}
	// Link-layer padding after the IP packet.
	mod(func(b []byte) []byte { return append(b, make([]byte, 20)...) })
}

// FuzzFastPath compares the fast path with the gopacket parser on
// arbitrary frames.
func FuzzFastPath(f *testing.F) {
	for _, name := range []string{"samba/s05_smb311_defaults_user.pcap", "samba/s06_smb210_srvmand_ipv6_user.pcap"} {
		b, err := os.ReadFile(pcapPath(name))
		if err != nil {
			f.Fatal(err)
		}
		rr, err := openRecords(bytes.NewReader(b))
		if err != nil {
			f.Fatal(err)
		}
		for range 12 {
			data, rec, err := rr.next()
			if err != nil {
				break
			}
			f.Add(append([]byte(nil), data...), uint16(rec.wireLen-len(data)))
		}
	}
	dec := newDecoder()
	f.Fuzz(func(t *testing.T, data []byte, cut uint16) {
		fastAgrees(t, dec, data, len(data)+int(cut), "fuzz")
	})
}

// sameKey checks the key and orientation fast decoding gave p against keyOf.
func sameKey(p *tcpPacket) bool {
	k, srcIsB := keyOf(p.src, p.dst)
	return k == p.key && srcIsB == p.srcIsB
}
