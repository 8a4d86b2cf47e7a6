package main

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/smbscope/smbscope/internal/flood"
)

// heapPeak samples the Go heap while f runs and returns the largest value
// seen (live and not yet collected objects).
func heapPeak(f func()) uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak uint64
	read := func() {
		metrics.Read(sample)
		peak = max(peak, sample[0].Value.Uint64())
	}
	runtime.GC()
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				read()
			}
		}
	}()
	f()
	close(done)
	wg.Wait()
	read()
	return peak
}

// A capture where the two Samba sessions of s05 and s03 are drowned in
// 50,000 half-open and garbage connections to port 445 from distinct
// addresses: the sessions are reported exactly as without the flood, no
// garbage connection is taken for SMB, the connections beyond
// --max-connections are evicted and counted, and memory stays bounded by
// the limit rather than growing with the flood. scripts/flood.sh runs the
// same with a million connections and measures the process's peak RSS.
func TestFlood(t *testing.T) {
	repoRoot(t)
	var real [][]byte
	for _, p := range []string{s05, s03} {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		real = append(real, b)
	}
	dir := t.TempDir()
	write := func(name string, n int) string {
		p := filepath.Join(dir, name)
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := flood.Write(f, flood.Config{Connections: n, Seed: 1}, real...); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		return p
	}
	plain, flooded := write("plain.pcap", 0), write("flood.pcap", 50000)

	analyse := func(args ...string) (string, string) {
		t.Helper()
		var out, errb bytes.Buffer
		if code := run(args, strings.NewReader(""), &out, &errb); code != 0 {
			t.Fatalf("smbscope %q: exit %d\n%s", args, code, errb.String())
		}
		return out.String(), elapsed.ReplaceAllString(strings.ReplaceAll(errb.String(), dir, "DIR"), " in T")
	}
	ref, _ := analyse(plain)
	var out, stderr string
	peak := heapPeak(func() { out, stderr = analyse("--max-connections", "2000", flooded) })

	n, diffs, err := flood.CompareRecords([]byte(ref), []byte(out))
	if err != nil {
		t.Fatal(err)
	}
	if n != 9 || len(diffs) > 0 {
		t.Errorf("%d reference records; differences:\n%s", n, strings.Join(diffs, "\n"))
	}
	// 50,002 connections opened, at most 2,000 at a time; the two real
	// ones end with FIN, the others are evicted or closed at the end.
	if want := "smbscope: DIR/flood.pcap: 65218 packets, 2 SMB connections, 2 sessions, 2 findings in T; 48000 connections evicted (--max-connections)\n"; stderr != want {
		t.Errorf("stderr\n%s\nwant\n%s", stderr, want)
	}
	// 2,000 tracked connections take a few megabytes; the flood itself,
	// 10 MB of frames, is read as a stream. Without the limit the heap
	// would hold all 50,000.
	const bound = 48 << 20
	if peak > bound {
		t.Errorf("peak heap %d MiB, want under %d MiB", peak>>20, bound>>20)
	}
	t.Logf("peak heap %.1f MiB with --max-connections 2000", float64(peak)/(1<<20))
}
