package capture

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/corpus.golden from the current output")

const goldenPath = "testdata/corpus.golden"

// render describes everything a capture produced, one line per connection:
// start frame, client, server, handshake seen, close reason and frame, and
// per direction the byte count, digest and gap bytes of the delivered
// stream, plus a digest of the (kind, direction, frame, size) sequence of
// all calls, which pins the frame attributed to every byte.
func render(rec *recorder, st Stats) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "stats packets=%d tcp=%d nontcp=%d undecodable=%d truncated=%d conns=%d ooo=%d dup=%d gaps=%d\n",
		st.Packets, st.TCPPackets, st.NonTCP, st.Undecodable, st.TruncatedPackets, st.Connections, st.OutOfOrder, st.Duplicates, st.Gaps)
	for _, s := range rec.conns {
		h := sha256.New()
		for _, e := range s.events {
			fmt.Fprintf(h, "%c%d %d %d;", e.kind, e.dir, e.frame, e.n)
		}
		gc, _ := s.gaps(FromClient)
		gs, _ := s.gaps(FromServer)
		fmt.Fprintf(&sb, "conn %d %s %s syn=%v close=%s@%d c=%d/%s/%d s=%d/%s/%d calls=%s\n",
			s.info.Start.Frame, s.info.Flow.Client, s.info.Flow.Server, s.info.SawSYN, s.reason, s.close.Frame,
			len(s.data[0]), short(s.data[0]), gc, len(s.data[1]), short(s.data[1]), gs, hex.EncodeToString(h.Sum(nil)[:8]))
	}
	return sb.String()
}

// loadGolden returns the expected rendering per capture (relative to
// testdata/pcaps).
func loadGolden(t *testing.T) (map[string]string, []string) {
	f, err := os.Open(goldenPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := map[string]string{}
	var order []string
	var cur string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "#") || line == "":
		case strings.HasPrefix(line, "file "):
			cur = strings.TrimPrefix(line, "file ")
			order = append(order, cur)
		default:
			want[cur] += line + "\n"
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return want, order
}

// TestCorpus reads every real capture and compares the delivered streams
// with the golden file. Each connection's per-direction bytes were checked
// against tshark 4.0's "follow,tcp,raw" and its frame numbers against
// tshark's tcp.len > 0 frames (see testdata/tshark-follow.py); the golden
// file lists the few deliberate differences.
func TestCorpus(t *testing.T) {
	if *update {
		writeGolden(t)
		return
	}
	want, order := loadGolden(t)
	if len(order) < 60 {
		t.Fatalf("golden file lists only %d captures", len(order))
	}
	for _, name := range order {
		t.Run(name, func(t *testing.T) {
			rec, st := readFile(t, pcapPath(name), Options{})
			rec.check(t)
			if got := render(rec, st); got != want[name] {
				t.Errorf("got:\n%swant:\n%s", got, want[name])
			}
		})
	}
}

func corpusFiles(t *testing.T) []string {
	var names []string
	err := filepath.WalkDir(pcaps, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && (strings.HasSuffix(p, ".pcap") || strings.HasSuffix(p, ".pcapng")) {
			rel, _ := filepath.Rel(pcaps, p)
			names = append(names, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(names)
	return names
}

func writeGolden(t *testing.T) {
	old, _ := os.ReadFile(goldenPath)
	var header strings.Builder
	for _, line := range strings.SplitAfter(string(old), "\n") {
		if !strings.HasPrefix(line, "#") {
			break
		}
		header.WriteString(line)
	}
	var sb strings.Builder
	sb.WriteString(header.String())
	for _, name := range corpusFiles(t) {
		rec, st := readFile(t, pcapPath(name), Options{})
		rec.check(t)
		fmt.Fprintf(&sb, "\nfile %s\n%s", name, render(rec, st))
	}
	if err := os.WriteFile(goldenPath, []byte(sb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
