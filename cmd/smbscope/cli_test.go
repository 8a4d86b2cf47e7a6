package main

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const s05 = "testdata/pcaps/samba/s05_smb311_defaults_user.pcap"

func TestHelpAndVersion(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"--help"}, nil, &out, &errb); code != 0 {
		t.Fatalf("--help exit %d", code)
	}
	for _, want := range []string{"Usage: smbscope", "--output", "Exit status"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("--help output lacks %q:\n%s", want, out.String())
		}
	}
	out.Reset()
	if code := run([]string{"--version"}, nil, &out, &errb); code != 0 || !strings.HasPrefix(out.String(), "smbscope ") {
		t.Errorf("--version: exit %d, %q", code, out.String())
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{}, {"--no-such-flag", "x.pcap"}} {
		var out, errb bytes.Buffer
		if code := run(args, nil, &out, &errb); code != 2 {
			t.Errorf("run(%q) exit %d, want 2", args, code)
		}
		if errb.Len() == 0 {
			t.Errorf("run(%q) printed no usage error", args)
		}
	}
}

// A bad input is named in the error, exits 1, and the other inputs are
// still analysed and written.
func TestBadInputDoesNotStopTheRun(t *testing.T) {
	repoRoot(t)
	dir := t.TempDir()
	bad := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(bad, []byte("this is not a capture file at all"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	code := run([]string{"-q", bad, filepath.Join(dir, "missing.pcap"), s05}, nil, &out, &errb)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	for _, name := range []string{bad, "missing.pcap"} {
		if !strings.Contains(errb.String(), name) {
			t.Errorf("stderr does not name %s:\n%s", name, errb.String())
		}
	}
	if !strings.Contains(out.String(), `"session_id":"0x00000000be45b6ac"`) {
		t.Errorf("the good input after the bad ones was not analysed:\n%s", out.String())
	}
}

// Standard input, gzip and -o give the same records as the plain file.
func TestInputsAndOutputFile(t *testing.T) {
	repoRoot(t)
	want, _, code := analyseFile(t, s05)
	if code != 0 {
		t.Fatal(code)
	}
	raw, err := os.ReadFile(s05)
	if err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(raw)
	zw.Close()
	gzPath := filepath.Join(t.TempDir(), "s05.pcap.gz")
	if err := os.WriteFile(gzPath, gz.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	norm := func(s, input string) string { return strings.ReplaceAll(s, `"input":"`+input+`"`, `"input":"X"`) }

	var out, errb bytes.Buffer
	if code := run([]string{"-q", "-"}, bytes.NewReader(raw), &out, &errb); code != 0 {
		t.Fatalf("stdin: exit %d %s", code, errb.String())
	}
	if norm(out.String(), "-") != norm(want, s05) {
		t.Errorf("stdin output differs from the file's")
	}
	out.Reset()
	if code := run([]string{"-q", gzPath}, nil, &out, &errb); code != 0 {
		t.Fatalf("gzip: exit %d %s", code, errb.String())
	}
	if norm(out.String(), gzPath) != norm(want, s05) {
		t.Errorf("gzip output differs from the file's")
	}
	outPath := filepath.Join(t.TempDir(), "out.jsonl")
	if code := run([]string{"-q", "-o", outPath, s05}, nil, &out, &errb); code != 0 {
		t.Fatalf("-o: exit %d", code)
	}
	if got, _ := os.ReadFile(outPath); string(got) != want {
		t.Errorf("-o file differs from stdout output")
	}
}

// Host findings are reported once per run, with a count of connections.
func TestHostFindingsOncePerRun(t *testing.T) {
	repoRoot(t)
	out, _, code := analyseFile(t, s05, "testdata/pcaps/samba/s07_smb311_badpass_guestfallback.pcap")
	if code != 0 {
		t.Fatal(code)
	}
	n := 0
	for _, r := range records(t, out) {
		if r["finding"] == "server_signing_not_required" {
			n++
			ev := r["evidence"].(map[string]any)
			if ev["count"] != float64(2) || len(ev["uids"].([]any)) != 2 {
				t.Errorf("evidence %v, want count 2 and two uids", ev)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d server_signing_not_required findings for one server, want 1", n)
	}
}
