package capture

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestMappedFilesMatchReading reads every bundled capture mapped into
// memory, with checkpoints and releases every few pages, and as a stream:
// the connections, bytes and statistics are the same, with and without a
// Keeper that consumes only when asked.
func TestMappedFilesMatchReading(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("files are mapped on Linux only")
	}
	defer func(m int64, s, a int) { mapMin, mapStep, mapAhead = m, s, a }(mapMin, mapStep, mapAhead)
	mapMin, mapStep, mapAhead = 0, 2*pageSize, 4*pageSize
	var files []string
	filepath.WalkDir(pcaps, func(path string, d os.DirEntry, err error) error {
		if err == nil && (strings.HasSuffix(path, ".pcap") || strings.HasSuffix(path, ".pcapng")) {
			files = append(files, path)
		}
		return nil
	})
	if len(files) < 50 {
		t.Fatalf("only %d captures found under %s", len(files), pcaps)
	}
	for _, path := range files {
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		want, wantSt, wantErr := readBytes(t, raw, Options{})
		got := &recorder{}
		gotSt, gotErr := ReadFile(context.Background(), path, got, Options{})
		if (gotErr == nil) != (wantErr == nil) || got.summary() != want.summary() || gotSt != wantSt {
			t.Errorf("%s: mapped %v %+v, read %v %+v", path, gotErr, gotSt, wantErr, wantSt)
			continue
		}
		if wantErr != nil {
			continue
		}
		plain := &keepingHandler{t: t}
		Read(context.Background(), bytes.NewReader(raw), path, plain, Options{})
		kept := &keepingHandler{t: t}
		if _, err := ReadFile(context.Background(), path, kept, Options{Keeper: kept}); err != nil {
			t.Fatal(err)
		}
		for d := range kept.all {
			if !bytes.Equal(kept.all[d].Bytes(), plain.all[d].Bytes()) {
				t.Errorf("%s: bytes delivered from the mapping with a Keeper differ", path)
			}
		}
	}
}

// cuttingHandler cuts its capture file short at the first connection.
type cuttingHandler struct {
	recorder
	path string
	cut  bool
}

func (h *cuttingHandler) Open(c ConnInfo) Stream {
	if !h.cut {
		h.cut = true
		if err := os.Truncate(h.path, 24); err != nil {
			panic(err)
		}
	}
	return h.recorder.Open(c)
}

// TestMappedFileCutShort cuts a mapped capture while it is read: reading
// the pages that went away faults, and that is the input's error, not a
// crash; the connections opened are closed.
func TestMappedFileCutShort(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("files are mapped on Linux only")
	}
	defer func(m int64) { mapMin = m }(mapMin)
	mapMin = 0
	raw, err := os.ReadFile(pcapPath("public/suricata-verify/filecontainer-smb.pcap"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "cut.pcap")
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	h := &cuttingHandler{path: path}
	_, err = ReadFile(context.Background(), path, h, Options{})
	if !errors.Is(err, ErrChanged) || !strings.Contains(err.Error(), path) {
		t.Fatalf("error %v, want one naming %s and matching ErrChanged", err, path)
	}
	h.check(t)
}
