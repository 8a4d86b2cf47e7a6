//go:build pcap

package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/smbscope/smbscope/capture"
)

// The live tests run this test binary as smbscope inside a network
// namespace: with SMBSCOPE_LIVE_CHILD=1 it is the command itself.
func init() {
	if os.Getenv("SMBSCOPE_LIVE_CHILD") == "1" {
		os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
}

// The captures replayed by TestLiveCapture: real Samba captures whose
// connections each start with a handshake on its own 4-tuple (a mid-stream
// capture replayed after its source would be taken for stragglers of the
// closed connection), at full snap length (tcpreplay sends what was
// captured, so a cut packet would arrive as a short one), and the same
// traffic inside tunnels.
var liveCaptures = []string{
	"samba/s01_smb1_srvmand_user.pcap",
	"samba/s02_smb311_srvencreq_user.pcap",
	"samba/s03_smb311_guest_srvmand.pcap",
	"samba/s04_smb302_clisign_user.pcap",
	"samba/s05_smb311_defaults_user.pcap",
	"samba/s06_smb210_srvmand_ipv6_user.pcap",
	"samba/s07_smb311_badpass_guestfallback.pcap",
	"samba/s08_smb1_anon_ipc.pcap",
	"samba/s09_smb311_anon_ipc_srvmand.pcap",
	"samba/s10_smb300_cliencrypt_user.pcap",
	"samba/s11_smb202_srvauto_clioff_user.pcap",
	"samba/s12_smb1_srvdis_clisign_conflict.pcap",
	"samba/s13_smb1_port139_user.pcap",
	"samba/s14_smb302_port139_srvmand_user.pcap",
	"samba/s15_impacketsrv_smb2_smbclient_guest.pcap",
	"samba/s16_impacketcli_smbd_defaults_user.pcap",
	"samba/s17_smb311_cmac_clisign_user.pcap",
	"samba/s22_smb1_srvmand_clisigndisabled_conflict.pcap",
	"tunnels/s05_vxlan.pcap",
	"tunnels/s05_erspan2.pcap",
	"tunnels/s05_erspan3.pcap",
	"tunnels/s05_mpls.pcap",
	"tunnels/s05_pppoe.pcap",
	"tunnels/s06_geneve.pcap",
}

// netnsPair is two network namespaces joined by a veth link: a (sva,
// 198.51.100.1/24) replays, b (svb, 198.51.100.2/24) captures. Nothing is
// routed out of them.
type netnsPair struct{ a, b string }

const netnsPrefix = "smbscope-live-"

func run1(t *testing.T, name string, args ...string) {
	t.Helper()
	if out, err := exec.Command(name, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

// newNetnsPair creates the namespaces, or skips the test where the
// machine does not allow it. They are deleted when the test ends; pairs
// left by a test run that was killed are deleted first.
func newNetnsPair(t *testing.T) *netnsPair {
	t.Helper()
	if !capture.LiveAvailable {
		t.Skip("this build has no live capture (it needs -tags pcap and cgo)")
	}
	if os.Geteuid() != 0 {
		t.Skip("live capture test needs root: it creates network namespaces and captures on a veth link")
	}
	for _, tool := range []string{"ip", "tcpreplay"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("live capture test needs %s (make deps installs it)", tool)
		}
	}
	removeStaleNamespaces()
	p := &netnsPair{a: fmt.Sprintf("%sa-%d", netnsPrefix, os.Getpid()), b: fmt.Sprintf("%sb-%d", netnsPrefix, os.Getpid())}
	if out, err := exec.Command("ip", "netns", "add", p.a).CombinedOutput(); err != nil {
		t.Skipf("cannot create a network namespace here (%v: %s)", err, bytes.TrimSpace(out))
	}
	t.Cleanup(func() {
		exec.Command("ip", "netns", "del", p.a).Run()
		exec.Command("ip", "netns", "del", p.b).Run()
	})
	run1(t, "ip", "netns", "add", p.b)
	run1(t, "ip", "link", "add", "sva", "netns", p.a, "type", "veth", "peer", "name", "svb", "netns", p.b)
	// A large MTU: tunnelled frames are longer than the captured ones.
	run1(t, "ip", "-n", p.a, "link", "set", "sva", "mtu", "9000", "up")
	run1(t, "ip", "-n", p.b, "link", "set", "svb", "mtu", "9000", "up")
	run1(t, "ip", "-n", p.a, "addr", "add", "198.51.100.1/24", "dev", "sva")
	run1(t, "ip", "-n", p.b, "addr", "add", "198.51.100.2/24", "dev", "svb")
	return p
}

// removeStaleNamespaces deletes the pairs of test processes that are gone.
func removeStaleNamespaces() {
	out, _ := exec.Command("ip", "netns", "list").Output()
	re := regexp.MustCompile(`^` + netnsPrefix + `[ab]-(\d+)`)
	for _, line := range strings.Split(string(out), "\n") {
		m := re.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		pid, _ := strconv.Atoi(m[1])
		if pid == os.Getpid() || syscall.Kill(pid, 0) == nil {
			continue
		}
		exec.Command("ip", "netns", "del", strings.Fields(line)[0]).Run()
	}
}

// liveChild is smbscope running in namespace b.
type liveChild struct {
	cmd    *exec.Cmd
	stdout bytes.Buffer
	mu     sync.Mutex
	stderr bytes.Buffer
	done   chan error
}

func (c *liveChild) errText() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stderr.String()
}

type lockedWriter struct{ c *liveChild }

func (w lockedWriter) Write(p []byte) (int, error) {
	w.c.mu.Lock()
	defer w.c.mu.Unlock()
	return w.c.stderr.Write(p)
}

// startLive runs smbscope -i svb in namespace b and waits until it
// captures.
func (p *netnsPair) startLive(t *testing.T, args ...string) *liveChild {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	c := &liveChild{done: make(chan error, 1)}
	c.cmd = exec.Command("ip", append([]string{"netns", "exec", p.b, self, "-i", "svb", "--stats-interval", "200ms"}, args...)...)
	c.cmd.Env = append(os.Environ(), "SMBSCOPE_LIVE_CHILD=1")
	c.cmd.Stdout, c.cmd.Stderr = &c.stdout, lockedWriter{c}
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { c.done <- c.cmd.Wait() }()
	t.Cleanup(func() {
		if c.cmd.ProcessState == nil {
			c.cmd.Process.Kill()
		}
	})
	deadline := time.Now().Add(20 * time.Second)
	// The first line after capture starts: the start message, or with -q
	// the first statistics.
	for e := c.errText(); !strings.Contains(e, "smbscope: capturing on svb") && !strings.Contains(e, `"type":"stats"`); e = c.errText() {
		select {
		case err := <-c.done:
			t.Fatalf("smbscope exited before capturing (%v):\n%s", err, c.errText())
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("smbscope did not start capturing:\n%s", c.errText())
		}
	}
	return c
}

// replay sends the captures from namespace a, in order.
func (p *netnsPair) replay(t *testing.T, files ...string) {
	t.Helper()
	args := []string{"netns", "exec", p.a, "tcpreplay", "-q", "-i", "sva", "--mbps", "200"}
	for _, f := range files {
		args = append(args, filepath.Join("testdata/pcaps", f))
	}
	run1(t, "ip", args...)
}

var statsPackets = regexp.MustCompile(`"type":"stats".*?"packets":(\d+)`)

// waitPackets waits until smbscope has analysed n packets.
func (c *liveChild) waitPackets(t *testing.T, n uint64) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		ms := statsPackets.FindAllStringSubmatch(c.errText(), -1)
		if len(ms) > 0 {
			if got, _ := strconv.ParseUint(ms[len(ms)-1][1], 10, 64); got >= n {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("smbscope did not analyse %d packets in time:\n%s", n, c.errText())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// stop signals smbscope and waits for it to exit 0.
func (c *liveChild) stop(t *testing.T, sig syscall.Signal) {
	t.Helper()
	// ip netns exec runs smbscope in its own process, which gets the signal.
	if err := c.cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-c.done:
		if err != nil {
			t.Fatalf("smbscope exited with %v after %v:\n%s", err, sig, c.errText())
		}
	case <-time.After(20 * time.Second):
		t.Fatalf("smbscope did not exit after %v:\n%s", sig, c.errText())
	}
}

// packetCount is the number of packets of a capture.
func packetCount(t *testing.T, path string) uint64 {
	t.Helper()
	st, err := capture.ReadFile(context.Background(), path, nopHandler{}, capture.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return st.Packets
}

type nopHandler struct{}

func (nopHandler) Open(capture.ConnInfo) capture.Stream { return nil }

// hostLevel lists the findings aggregated per subject over a run.
var hostLevel = []string{"server_signing_not_required", "client_signing_not_required", "smb1_negotiated", "smb1_offered", "ntlm_authentication", "ntlmv1_authentication"}

// comparable reduces records to what a live capture of replayed traffic
// must reproduce exactly: everything but times (tcpreplay paces packets
// anew), uids (hashed with the first packet's time), input names, and the
// frames of host-level findings (offline, only those of the first input
// are listed). Frame numbers are made run-wide by adding the packets of
// the inputs before (frameBase; nil for live records, which are numbered
// over the whole capture already). Host-level findings are kept at their
// last writing, with the counts of the whole run.
func comparable(t *testing.T, out string, frameBase map[string]uint64) []string {
	t.Helper()
	var lines []string
	last := map[string]string{}
	shift := func(m map[string]any, key string, base uint64) {
		if v, ok := m[key].(float64); ok {
			m[key] = uint64(v) + base
		}
	}
	for _, r := range records(t, out) {
		base := uint64(0)
		if frameBase != nil {
			in, _ := r["input"].(string)
			if ev, ok := r["evidence"].(map[string]any); ok {
				in, _ = ev["input"].(string)
			}
			b, ok := frameBase[in]
			if !ok && r["type"] != "host" {
				t.Fatalf("record of unknown input %q", in)
			}
			base = b
		}
		for _, k := range []string{"ts", "uid", "input", "first_seen", "last_seen"} {
			delete(r, k)
		}
		for _, k := range []string{"setup_frame", "first_frame", "last_frame"} {
			shift(r, k, base)
		}
		if samples, ok := r["unsigned_samples"].([]any); ok {
			for _, s := range samples {
				m := s.(map[string]any)
				delete(m, "ts")
				shift(m, "frame", base)
			}
		}
		key := ""
		if ev, ok := r["evidence"].(map[string]any); ok {
			for _, k := range []string{"input", "first_seen", "last_seen", "uids"} {
				delete(ev, k)
			}
			if slices.Contains(hostLevel, r["finding"].(string)) {
				delete(ev, "frames")
				delete(ev, "truncated")
				key = r["finding"].(string) + " " + r["subject"].(string)
			} else if frames, ok := ev["frames"].([]any); ok {
				for i, f := range frames {
					frames[i] = uint64(f.(float64)) + base
				}
			}
		}
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		if key != "" {
			last[key] = string(b)
			continue
		}
		lines = append(lines, string(b))
	}
	for _, l := range last {
		lines = append(lines, l)
	}
	slices.Sort(lines)
	return lines
}

// TestLiveCapture replays real captures onto a veth link between two
// network namespaces and checks that smbscope -i on the other end, stopped
// with SIGINT, writes the records of the offline run over the same
// captures: the same connections (Community ID), sessions, outcomes,
// counts, reasons and frame numbers, and host findings and host records
// with the same counts.
func TestLiveCapture(t *testing.T) {
	p := newNetnsPair(t)
	repoRoot(t)
	var total uint64
	frameBase := map[string]uint64{}
	var paths []string
	for _, f := range liveCaptures {
		path := filepath.Join("testdata/pcaps", f)
		paths = append(paths, path)
		frameBase[path] = total
		total += packetCount(t, path)
	}
	child := p.startLive(t)
	p.replay(t, liveCaptures...)
	child.waitPackets(t, total)
	child.stop(t, syscall.SIGINT)

	stderr := child.errText()
	summary := regexp.MustCompile(`smbscope: svb: (\d+) packets received, (\d+) dropped by the kernel, (\d+) dropped by the interface; (\d+) analysed`).FindStringSubmatch(stderr)
	if summary == nil {
		t.Fatalf("no closing statistics:\n%s", stderr)
	}
	if summary[1] != strconv.FormatUint(total, 10) || summary[2] != "0" || summary[4] != summary[1] {
		t.Errorf("sent %d packets; smbscope says: %s", total, summary[0])
	}
	if !strings.Contains(stderr, `"final":true`) {
		t.Errorf("no final stats record:\n%s", stderr)
	}

	offline, oerr, code := analyseFile(t, paths...)
	if code != 0 {
		t.Fatalf("offline run: exit %d\n%s", code, oerr)
	}
	want, got := comparable(t, offline, frameBase), comparable(t, child.stdout.String(), nil)
	if len(want) < 40 {
		t.Fatalf("the offline run gave only %d records", len(want))
	}
	if !slices.Equal(want, got) {
		t.Errorf("live records differ from the offline run's (%d live, %d offline):\n%s", len(got), len(want), setDiff(want, got))
	}
}

// setDiff shows the lines only one side has.
func setDiff(want, got []string) string {
	var b strings.Builder
	count := func(l []string) map[string]int {
		m := map[string]int{}
		for _, s := range l {
			m[s]++
		}
		return m
	}
	w, g := count(want), count(got)
	for s, n := range w {
		if g[s] < n {
			fmt.Fprintf(&b, "- (offline only) %s\n", s)
		}
	}
	for s, n := range g {
		if w[s] < n {
			fmt.Fprintf(&b, "+ (live only) %s\n", s)
		}
	}
	return b.String()
}

// TestLiveLogFiles runs live captures into log files: with Zeek logs, the
// session log is moved away and SIGHUP sent, as logrotate does; with JSON
// logs, they rotate by size. Every file is complete (a Zeek log from its
// header to #close), rotated files are named as Zeek names them, and no
// record is lost.
func TestLiveLogFiles(t *testing.T) {
	p := newNetnsPair(t)
	repoRoot(t)
	first := []string{"samba/s05_smb311_defaults_user.pcap", "samba/s03_smb311_guest_srvmand.pcap", "samba/s07_smb311_badpass_guestfallback.pcap"}
	second := "samba/s17_smb311_cmac_clisign_user.pcap"
	var n1 uint64
	for _, f := range first {
		n1 += packetCount(t, filepath.Join("testdata/pcaps", f))
	}
	n2 := n1 + packetCount(t, filepath.Join("testdata/pcaps", second))

	t.Run("sighup", func(t *testing.T) {
		dir := t.TempDir()
		child := p.startLive(t, "-q", "-f", "zeek", "--log-dir", dir)
		p.replay(t, first...)
		child.waitPackets(t, n1)
		// logrotate moves every log away, then sends SIGHUP.
		moved := filepath.Join(dir, "smb_signing.log.1")
		for _, name := range []string{"smb_signing", "smb_signing_findings"} {
			if err := os.Rename(filepath.Join(dir, name+".log"), filepath.Join(dir, name+".log.1")); err != nil {
				t.Fatal(err)
			}
		}
		if err := child.cmd.Process.Signal(syscall.SIGHUP); err != nil {
			t.Fatal(err)
		}
		// SIGHUP is handled at the next tick, within a second.
		for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
			if b, _ := os.ReadFile(moved); strings.Contains(string(b), "#close") {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("the moved log was not closed after SIGHUP")
			}
		}
		p.replay(t, second)
		child.waitPackets(t, n2)
		child.stop(t, syscall.SIGTERM)
		if got := zeekRows(t, moved); got != 3 {
			t.Errorf("moved log has %d sessions, want 3", got)
		}
		if got := zeekRows(t, filepath.Join(dir, "smb_signing.log")); got != 1 {
			t.Errorf("reopened log has %d sessions, want 1", got)
		}
		zeekRows(t, filepath.Join(dir, "smb_signing_findings.log.1"))
		zeekRows(t, filepath.Join(dir, "smb_signing_findings.log"))
		if got := zeekRows(t, filepath.Join(dir, "smb_signing_hosts.log")); got != 2 {
			t.Errorf("%d host records, want 2", got)
		}
	})

	t.Run("rotate-size", func(t *testing.T) {
		dir := t.TempDir()
		child := p.startLive(t, "-q", "--log-dir", dir, "--rotate-size", "2KiB")
		p.replay(t, append(first, second)...)
		child.waitPackets(t, n2)
		child.stop(t, syscall.SIGINT)
		ents, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		rotated := regexp.MustCompile(`^smb_signing(_findings|_hosts)?\.\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d(-\d+)?\.log$`)
		sessions, nRotated := 0, 0
		for _, e := range ents {
			if rotated.MatchString(e.Name()) {
				nRotated++
			} else if !slices.Contains([]string{"smb_signing.log", "smb_signing_findings.log", "smb_signing_hosts.log"}, e.Name()) {
				t.Errorf("unexpected file %s", e.Name())
			}
			b, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range records(t, string(b)) {
				if r["type"] == "session" {
					sessions++
				}
			}
		}
		if nRotated < 2 {
			t.Errorf("%d rotated files among %d", nRotated, len(ents))
		}
		if sessions != 4 {
			t.Errorf("%d session records over all files, want 4", sessions)
		}
	})
}

// zeekRows checks that path is one complete Zeek log and counts its rows.
func zeekRows(t *testing.T, path string) int {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	if !strings.HasPrefix(s, "#separator \\x09\n") || !regexp.MustCompile(`\n#close\t[0-9-]+\n$`).MatchString(s) || strings.Count(s, "#separator") != 1 {
		t.Errorf("%s is not one complete Zeek log:\n%s", path, s)
	}
	rows := 0
	sc := bufio.NewScanner(strings.NewReader(s))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if !strings.HasPrefix(sc.Text(), "#") {
			rows++
		}
	}
	return rows
}
