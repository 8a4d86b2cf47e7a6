package capture

import (
	"fmt"
	"math/rand/v2"
	"os"
	"testing"
	"time"
)

func TestSlow2Dev(t *testing.T) {
	if os.Getenv("SLOW2") == "" {
		t.Skip()
	}
	var w ngWriter
	w.section(true)
	w.iface(276, 0x80|63, -5)
	w.spb([]byte{0, 0x08})
	seeds := [][]byte{rawFile(t, s01)[:3000], rawFile(t, s20)[:3000], gz(t, rawFile(t, s06)[:3000]), w.b.Bytes()}
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 200000; i++ {
		b := slices0(seeds[rng.IntN(len(seeds))])
		for range 1 + rng.IntN(8) {
			switch rng.IntN(4) {
			case 0:
				b[rng.IntN(len(b))] = byte(rng.Uint32())
			case 1:
				p := rng.IntN(len(b))
				b = append(b[:p], append([]byte{byte(rng.Uint32()), byte(rng.Uint32())}, b[p:]...)...)
			case 2:
				if len(b) > 10 {
					p := rng.IntN(len(b) - 5)
					b = append(b[:p], b[p+4:]...)
				}
			case 3:
				p := rng.IntN(len(b) - 3)
				v := []uint32{0, 0xffffffff, 0x7fffffff, 0x80000000, 1 << 20}[rng.IntN(5)]
				b[p], b[p+1], b[p+2], b[p+3] = byte(v), byte(v>>8), byte(v>>16), byte(v>>24)
			}
		}
		start := time.Now()
		done := make(chan struct{})
		go func() { readBytes(t, b, Options{MaxConnections: 2, MaxBufferedBytes: 3000}); close(done) }()
		select {
		case <-done:
			if d := time.Since(start); d > 200*time.Millisecond {
				fmt.Println("slowish", i, d)
				os.WriteFile(fmt.Sprintf("/tmp/gt/slowish%d.bin", i), b, 0o644)
			}
		case <-time.After(5 * time.Second):
			fmt.Println("SLOW", i)
			os.WriteFile("/tmp/gt/slow.bin", b, 0o644)
			t.Fatal("slow")
		}
	}
}
