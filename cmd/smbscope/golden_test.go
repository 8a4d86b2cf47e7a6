package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// repoRoot makes paths in records relative to the repository, so golden
// files do not depend on where the tests run.
func repoRoot(t *testing.T) {
	t.Helper()
	t.Chdir("../..")
}

// captures lists every capture under testdata/pcaps.
func captures(t *testing.T) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir("testdata/pcaps", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		switch filepath.Ext(path) {
		case ".pcap", ".pcapng", ".gz", ".cap":
			out = append(out, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	if len(out) < 50 {
		t.Fatalf("found %d captures under testdata/pcaps; the corpus is missing", len(out))
	}
	return out
}

// analyseFile runs smbscope on one capture and returns stdout and stderr.
func analyseFile(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(append([]string{"-q"}, args...), strings.NewReader(""), &stdout, &stderr)
	return stdout.String(), stderr.String(), code
}

// records decodes JSON lines.
func records(t *testing.T, out string) []map[string]any {
	t.Helper()
	var recs []map[string]any
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("output line is not JSON: %v\n%s", err, sc.Text())
		}
		recs = append(recs, m)
	}
	return recs
}

// goldenFormats lists the output formats and the suffix of their golden
// files, testdata/golden/CAPTURE.SUFFIX, with a check of the output's form.
var goldenFormats = []struct {
	format, suffix string
	check          func(t *testing.T, out string)
}{
	{"json", ".jsonl", func(t *testing.T, out string) { records(t, out) }},
	{"zeek", ".zeek", func(t *testing.T, out string) { parseZeekTSV(t, out) }},
	{"zeek-json", ".zeek-json", func(t *testing.T, out string) { zeekJSONRecords(t, out) }},
	{"text", ".text", func(t *testing.T, out string) {
		if strings.Contains(out, "\x1b") {
			t.Error("the text report has ANSI escapes, but its output is not a terminal")
		}
	}},
}

// TestGolden runs smbscope over every bundled capture in every format and
// compares the output with testdata/golden. Rewrite with:
// go test ./cmd/smbscope -update
func TestGolden(t *testing.T) {
	repoRoot(t)
	for _, path := range captures(t) {
		for _, f := range goldenFormats {
			t.Run(strings.TrimPrefix(path, "testdata/pcaps/")+"/"+f.format, func(t *testing.T) {
				out, stderr, code := analyseFile(t, "--format", f.format, path)
				if code != 0 {
					t.Fatalf("exit code %d; stderr:\n%s", code, stderr)
				}
				f.check(t, out)
				golden := filepath.Join("testdata/golden", strings.TrimPrefix(path, "testdata/pcaps/")+f.suffix)
				if *update {
					if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run go test ./cmd/smbscope -update to create it)", err)
				}
				if out != string(want) {
					t.Errorf("output differs from %s (review, then go test ./cmd/smbscope -update):\n%s", golden, lineDiff(string(want), out))
				}
			})
		}
	}
}

// lineDiff shows the first differing lines of two outputs.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(w), len(g)) && shown < 5; i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			b.WriteString("line " + strconv.Itoa(i+1) + ":\n- " + wl + "\n+ " + gl + "\n")
			shown++
		}
	}
	return b.String()
}
