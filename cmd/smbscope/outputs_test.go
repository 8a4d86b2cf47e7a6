package main

import (
	"bytes"
	"io"
	"net/netip"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/smbscope/smbscope/findings"
)

const (
	s03 = "testdata/pcaps/samba/s03_smb311_guest_srvmand.pcap"
	s06 = "testdata/pcaps/samba/s06_smb210_srvmand_ipv6_user.pcap"
	s07 = "testdata/pcaps/samba/s07_smb311_badpass_guestfallback.pcap"
	win = "testdata/pcaps/public/arkime/wireshark-smb-on-windows10.pcap"
)

func TestOutputFlagErrors(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"--format", "xml", s05},
		{"--format", "text", "--log-dir", dir, s05},
		{"--log-dir", dir, "-o", filepath.Join(dir, "x"), s05},
	} {
		var out, errb bytes.Buffer
		if code := run(args, nil, &out, &errb); code != 2 || errb.Len() == 0 || out.Len() != 0 {
			t.Errorf("run(%q): exit %d, stderr %q, stdout %d bytes; want a usage error", args, code, errb.String(), out.Len())
		}
	}
	var out, errb bytes.Buffer
	run([]string{"--help"}, nil, &out, &errb)
	for _, flag := range []string{"--format", "--log-dir", "--relay-targets", "--zeek-intel", "zeek-json"} {
		if !strings.Contains(out.String(), flag) {
			t.Errorf("--help does not mention %s", flag)
		}
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func lines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

// --log-dir writes one file per log, named after the log, holding exactly
// what the single stream holds for that log.
func TestLogDir(t *testing.T) {
	repoRoot(t)
	inputs := []string{s05, s07, s03}
	for _, format := range []string{"json", "zeek", "zeek-json"} {
		t.Run(format, func(t *testing.T) {
			stream, _, code := analyseFile(t, append([]string{"-f", format}, inputs...)...)
			dir := filepath.Join(t.TempDir(), "logs") // created by smbscope
			_, stderr, code2 := analyseFile(t, append([]string{"-f", format, "--log-dir", dir}, inputs...)...)
			if code != 0 || code2 != 0 {
				t.Fatalf("exit %d %d: %s", code, code2, stderr)
			}
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			want := []string{"smb_signing.log", "smb_signing_findings.log", "smb_signing_hosts.log"}
			if !slices.Equal(names, want) {
				t.Fatalf("files %v, want %v", names, want)
			}
			files := make(map[string]string)
			for _, n := range want {
				files[strings.TrimSuffix(n, ".log")] = readFile(t, filepath.Join(dir, n))
			}
			switch format {
			case "zeek":
				// The stream is the three logs one after another.
				if cat := files["smb_signing"] + files["smb_signing_findings"] + files["smb_signing_hosts"]; cat != stream {
					t.Errorf("the log files differ from the stream:\n%s", lineDiff(stream, cat))
				}
				for path, text := range files {
					if logs := parseZeekTSV(t, text); len(logs) != 1 || logs[0].path != path {
						t.Errorf("%s.log does not hold exactly the %s log", path, path)
					}
				}
			case "zeek-json":
				// The stream's objects, without _path, split by log.
				split := make(map[string][]string)
				for _, l := range lines(stream) {
					for path := range files {
						prefix := `{"_path":"` + path + `",`
						if strings.HasPrefix(l, prefix) {
							split[path] = append(split[path], "{"+strings.TrimPrefix(l, prefix))
						}
					}
				}
				for path, text := range files {
					if !slices.Equal(lines(text), split[path]) {
						t.Errorf("%s.log differs from the stream's %s objects", path, path)
					}
				}
			case "json":
				split := make(map[string][]string)
				for _, l := range lines(stream) {
					for typ, path := range recordLog {
						if strings.HasPrefix(l, `{"type":"`+typ+`"`) {
							split[path] = append(split[path], l)
						}
					}
				}
				for path, text := range files {
					if !slices.Equal(lines(text), split[path]) {
						t.Errorf("%s.log differs from the stream's records of that type", path)
					}
				}
			}
		})
	}
}

func runFiles(t *testing.T, inputs ...string) (relay, intel string) {
	t.Helper()
	dir := t.TempDir()
	relayPath, intelPath := filepath.Join(dir, "relay-targets.txt"), filepath.Join(dir, "smbscope-intel.dat")
	args := append([]string{"-q", "-o", filepath.Join(dir, "out.jsonl"), "--relay-targets", relayPath, "--zeek-intel", intelPath}, inputs...)
	var out, errb bytes.Buffer
	if code := run(args, nil, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	return readFile(t, relayPath), readFile(t, intelPath)
}

const intelHeader = "#fields\tindicator\tindicator_type\tmeta.source\tmeta.desc\n"

func TestRelayTargetsAndIntelFiles(t *testing.T) {
	repoRoot(t)

	// s05: Samba with default settings does not require signing.
	relay, intel := runFiles(t, s05)
	if relay != "198.51.100.10\n" {
		t.Errorf("s05 relay targets %q, want the server 198.51.100.10", relay)
	}
	wantIntel := intelHeader + "198.51.100.10\tIntel::ADDR\tsmbscope\tSMB server does not require signing (NTLM relay target); seen 1 connection, first 2026-11-21T20:38:25Z; names vm\n"
	if intel != wantIntel {
		t.Errorf("s05 intel file:\n%q\nwant\n%q", intel, wantIntel)
	}

	// s03: server signing = mandatory. Not a target; both files stay valid.
	relay, intel = runFiles(t, s03)
	if relay != "" || intel != intelHeader {
		t.Errorf("s03 (server requires signing): relay %q, intel %q; want no targets", relay, intel)
	}

	// The same server over three runs, one of which required signing: one
	// line, and the intel says on how many negotiations it did not.
	relay, intel = runFiles(t, s05, s03, s07, s06)
	if relay != "198.51.100.10\n" {
		t.Errorf("s05+s03+s07+s06 relay targets %q, want one line for 198.51.100.10 (s06's IPv6 server requires signing)", relay)
	}
	if !strings.Contains(intel, "SMB server did not require signing on 2 of 3 negotiations (NTLM relay target); seen 3 connections, first 2026-11-21T20:38:14Z") {
		t.Errorf("intel for a server requiring signing on one of three connections:\n%s", intel)
	}

	// Two Windows servers, sorted.
	relay, _ = runFiles(t, win)
	if relay != "192.168.199.1\n192.168.199.133\n" {
		t.Errorf("windows10 capture relay targets %q", relay)
	}
}

// On every capture, the relay list is exactly the servers that got a
// server_signing_not_required finding, and each line of the intel file
// names one of them.
func TestRelayListMatchesFindings(t *testing.T) {
	repoRoot(t)
	for _, path := range captures(t) {
		relay, intel := runFiles(t, path)
		out, _, _ := analyseFile(t, path)
		var want []netip.Addr
		for _, r := range records(t, out) {
			if r["finding"] == "server_signing_not_required" {
				want = append(want, netip.MustParseAddr(r["subject"].(string)))
			}
		}
		sort.Slice(want, func(i, j int) bool { return want[i].Less(want[j]) })
		var wantLines []string
		for _, a := range want {
			wantLines = append(wantLines, a.String())
		}
		if got := lines(relay); !slices.Equal(got, wantLines) {
			t.Errorf("%s: relay targets %v, want %v", path, got, wantLines)
		}
		intelLines := lines(intel)
		if len(intelLines) != len(wantLines)+1 {
			t.Errorf("%s: %d intel lines for %d targets", path, len(intelLines)-1, len(wantLines))
			continue
		}
		for i, l := range intelLines[1:] {
			f := strings.Split(l, "\t")
			if len(f) != 4 || f[0] != wantLines[i] || f[1] != "Intel::ADDR" || f[2] != "smbscope" || !strings.Contains(f[3], "NTLM relay target") {
				t.Errorf("%s: intel line %q", path, l)
			}
		}
	}
}

// The host records of a run: one per server and per client, after the
// findings.
func TestHostRecords(t *testing.T) {
	repoRoot(t)
	out, _, code := analyseFile(t, s05, s03)
	if code != 0 {
		t.Fatal(code)
	}
	recs := records(t, out)
	var hosts []map[string]any
	for i, r := range recs {
		if r["type"] == "host" {
			hosts = append(hosts, r)
		} else if len(hosts) > 0 {
			t.Errorf("record %d (%s) after a host record: host records come last", i, r["type"])
		}
	}
	if len(hosts) != 2 {
		t.Fatalf("%d host records, want the server and the client", len(hosts))
	}
	srv, cli := hosts[0], hosts[1]
	check := func(who string, r map[string]any, key string, want any) {
		t.Helper()
		got := r[key]
		if l, ok := got.([]any); ok {
			var s []string
			for _, e := range l {
				s = append(s, e.(string))
			}
			got = strings.Join(s, ",")
		}
		if got != want {
			t.Errorf("%s %s = %v, want %v", who, key, got, want)
		}
	}
	check("server", srv, "host", "198.51.100.10")
	check("server", srv, "role", "server")
	check("server", srv, "signing_required", "mixed") // s05 no, s03 mandatory
	check("server", srv, "posture", "relay-target")
	check("server", srv, "connections", float64(2))
	check("server", srv, "sessions_unsigned", float64(2))
	check("server", srv, "sessions_guest", float64(1)) // s03: eve mapped to guest
	check("server", srv, "names", "vm")
	check("server", srv, "users", `DEVNET\carol,DEVNET\eve`)
	check("client", cli, "host", "198.51.100.20")
	check("client", cli, "signing_required", "no")
	check("client", cli, "posture", "signs-only-if-server-requires")
	check("client", cli, "names", "DEVPC7")

	out, _, _ = analyseFile(t, "testdata/pcaps/samba/s01_smb1_srvmand_user.pcap")
	for _, r := range records(t, out) {
		if r["type"] == "host" && r["role"] == "server" {
			check("SMB1 server", r, "posture", "smb1")
			check("SMB1 server", r, "smb1_used", true)
			check("SMB1 server", r, "signing_required", "yes")
		}
	}
}

// Colour only when the report goes to a terminal.
func TestTextColourOnlyOnTerminal(t *testing.T) {
	repoRoot(t)
	var term bytes.Buffer
	old := isTerminal
	isTerminal = func(w io.Writer) bool { return w == &term }
	defer func() { isTerminal = old }()
	t.Setenv("NO_COLOR", "")
	t.Setenv("TERM", "xterm")

	var errb bytes.Buffer
	if code := run([]string{"-q", "-f", "text", s05}, nil, &term, &errb); code != 0 {
		t.Fatal(code)
	}
	if !strings.Contains(term.String(), "\x1b[31mrelay-target\x1b[0m") {
		t.Errorf("no colour on a terminal:\n%q", term.String())
	}
	plain, _, _ := analyseFile(t, "-f", "text", s05)
	if strings.Contains(plain, "\x1b") {
		t.Errorf("colour in a pipe")
	}
	outPath := filepath.Join(t.TempDir(), "report.txt")
	term.Reset()
	run([]string{"-q", "-f", "text", "-o", outPath, s05}, nil, &term, &errb)
	if got := readFile(t, outPath); got != plain {
		t.Errorf("-o report differs from the plain one (no colour in files)")
	}
	term.Reset()
	t.Setenv("NO_COLOR", "1")
	run([]string{"-q", "-f", "text", s05}, nil, &term, &errb)
	if term.String() != plain {
		t.Errorf("NO_COLOR set, yet the report is coloured")
	}
}

func TestProgressBar(t *testing.T) {
	var b bytes.Buffer
	p := &progress{w: &b, name: "big.pcap", total: 2_000_000, start: time.Now().Add(-2 * time.Second), stop: make(chan struct{}), done: make(chan struct{})}
	p.read.Store(1_000_000)
	p.draw(p.start.Add(2 * time.Second))
	want := "\r\x1b[Ksmbscope: big.pcap [############------------]  50% 1.0 MB / 2.0 MB 500.0 kB/s ETA 0:02"
	if b.String() != want {
		t.Errorf("bar %q, want %q", b.String(), want)
	}
	close(p.done)
	b.Reset()
	p.finish()
	if b.String() != "\r\x1b[K" {
		t.Errorf("finish wrote %q, want the line erased", b.String())
	}
}

// With a terminal on standard error the input is read through the
// progress reader: the records are the same, the bar is erased before the
// summary line, and --quiet keeps standard error silent.
func TestProgressDoesNotChangeOutput(t *testing.T) {
	repoRoot(t)
	var errb bytes.Buffer
	oldTerm, oldDelay, oldInterval := isTerminal, progressDelay, progressInterval
	isTerminal = func(w io.Writer) bool { return w == &errb }
	progressDelay, progressInterval = 0, time.Millisecond
	defer func() { isTerminal, progressDelay, progressInterval = oldTerm, oldDelay, oldInterval }()

	want, _, _ := analyseFile(t, s05)
	var out bytes.Buffer
	if code := run([]string{s05}, nil, &out, &errb); code != 0 {
		t.Fatal(code)
	}
	if out.String() != want {
		t.Errorf("records read through the progress bar differ")
	}
	stderr := errb.String()
	if i := strings.LastIndex(stderr, "\r"); i >= 0 && !strings.HasPrefix(stderr[i:], "\r\x1b[Ksmbscope: "+s05+": ") {
		t.Errorf("the bar was not erased before the summary: %q", stderr)
	}
	if !regexp.MustCompile(`smbscope: ` + regexp.QuoteMeta(s05) + `: 88 packets, 1 SMB connections, 1 sessions, \d+ findings in [0-9.]+s\n$`).MatchString(stderr) {
		t.Errorf("standard error does not end with the summary line: %q", stderr)
	}
	errb.Reset()
	run([]string{"-q", s05}, nil, &out, &errb)
	if errb.Len() != 0 {
		t.Errorf("--quiet, yet standard error has %q", errb.String())
	}
}

func TestWantProgress(t *testing.T) {
	var tty, pipe bytes.Buffer
	old := isTerminal
	isTerminal = func(w io.Writer) bool { return w == &tty }
	defer func() { isTerminal = old }()
	tests := []struct {
		quiet                  bool
		format, output, logDir string
		stdout, stderr         io.Writer
		want                   bool
	}{
		{false, "json", "-", "", &pipe, &tty, true},
		{true, "json", "-", "", &pipe, &tty, false},      // --quiet
		{false, "json", "-", "", &pipe, &pipe, false},    // stderr is not a terminal
		{false, "json", "-", "", &tty, &tty, false},      // records stream to the terminal
		{false, "zeek", "-", "", &tty, &tty, false},      // the session log streams too
		{false, "text", "-", "", &tty, &tty, true},       // the report comes after the bar
		{false, "json", "x.jsonl", "", &tty, &tty, true}, // records go to a file
		{false, "zeek", "-", "logs", &tty, &tty, true},   // records go to files
	}
	for _, tt := range tests {
		if got := wantProgress(tt.quiet, tt.format, tt.output, tt.logDir, tt.stdout, tt.stderr); got != tt.want {
			t.Errorf("wantProgress(quiet %v, %s, -o %s, --log-dir %q, stdout tty %v, stderr tty %v) = %v",
				tt.quiet, tt.format, tt.output, tt.logDir, tt.stdout == &tty, tt.stderr == &tty, got)
		}
	}
}

// Values with Zeek's reserved and special characters survive the TSV log
// and the reader: separators, markers, backslashes, non-UTF-8 bytes.
func TestZeekEscapesRoundTrip(t *testing.T) {
	odd := []string{"-", "(empty)", "", "a\tb", "a,b", `DOM\user`, "é\xff\x01", "x\\x41"}
	var out bytes.Buffer
	z := findings.NewZeekWriter(&out)
	for _, s := range odd {
		s := s
		r := &findings.SessionRecord{Type: "session", UID: s, User: &s, Reasons: odd, Input: s,
			ClientSigning: "unknown", ServerSigning: "unknown", Auth: "unknown", Outcome: "unknown", Transport: "direct", SMBVersion: "smb2",
			ConnID: findings.ConnID{OrigH: netip.MustParseAddr("192.0.2.1"), RespH: netip.MustParseAddr("2001:db8::1")}}
		if err := z.Session(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	logs := parseZeekTSV(t, out.String())
	if len(logs) != 1 || len(logs[0].rows) != len(odd) {
		t.Fatalf("parsed %d logs", len(logs))
	}
	col := func(name string) int { return slices.Index(logs[0].fields, name) }
	for i, row := range logs[0].rows {
		for _, name := range []string{"uid", "user", "input"} {
			if v := row[col(name)]; v.unset || v.s != odd[i] {
				t.Errorf("%s %q read back as %+v", name, odd[i], v)
			}
		}
		if v := row[col("reasons")]; !slices.Equal(v.list, odd) {
			t.Errorf("vector read back as %q, want %q", v.list, odd)
		}
		if v := row[col("dialect")]; !v.unset {
			t.Errorf("nil dialect read back as %+v, want unset", v)
		}
	}
}
