package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/spf13/pflag"

	"github.com/smbscope/smbscope/capture"
	"github.com/smbscope/smbscope/findings"
	"github.com/smbscope/smbscope/session"
)

// liveFlags are the flags of live capture (-i) and of long runs.
type liveFlags struct {
	interfaces     []string
	filter         string
	snaplen        int
	promisc        bool
	bufferSize     byteCount
	list           bool
	idleTimeout    time.Duration
	suppress       time.Duration
	statsInterval  time.Duration
	rotateInterval time.Duration
	rotateSize     byteCount
}

// addLiveFlags defines the live flags on fs. A flag another part of the
// command already defines (such as --idle-timeout) is used as it is.
func addLiveFlags(fs *pflag.FlagSet) *liveFlags {
	l := &liveFlags{bufferSize: 32 << 20}
	fs.StringArrayVarP(&l.interfaces, "interface", "i", nil, "capture live on `IFACE` (repeatable; needs root or CAP_NET_RAW and a build with -tags pcap)")
	fs.StringVar(&l.filter, "filter", capture.DefaultFilter, "BPF `FILTER` of a live capture (\"\" for all traffic); the default passes SMB and the tunnels smbscope decodes")
	fs.IntVar(&l.snaplen, "snaplen", 262144, "live capture: keep `N` bytes of each packet")
	fs.BoolVar(&l.promisc, "promisc", true, "live capture: put the interfaces in promiscuous mode (--promisc=false to turn off)")
	fs.Var(&l.bufferSize, "buffer-size", "live capture: kernel buffer of `SIZE` for each interface, e.g. 64MiB")
	fs.BoolVar(&l.list, "list-interfaces", false, "list the interfaces live capture can use, and exit")
	if fs.Lookup("idle-timeout") == nil {
		fs.DurationVar(&l.idleTimeout, "idle-timeout", 10*time.Minute, "close a connection after `DURATION` without a packet")
	}
	fs.DurationVar(&l.suppress, "suppress", time.Hour, "live capture: write a host finding again, with updated counts, at most once per `DURATION`")
	fs.DurationVar(&l.statsInterval, "stats-interval", 0, "live capture: write a {\"type\":\"stats\"} JSON line to standard error every `INTERVAL`, and one at the end (0: none)")
	fs.DurationVar(&l.rotateInterval, "rotate-interval", 0, "with --log-dir: rotate the logs every `INTERVAL`, e.g. 1h (renamed PATH.YYYY-MM-DD-HH-MM-SS.log as Zeek does)")
	fs.Var(&l.rotateSize, "rotate-size", "with --log-dir: rotate the logs when one reaches `SIZE`, e.g. 100MB")
	return l
}

// active reports whether the command line asks for live capture.
func (l *liveFlags) active() bool { return len(l.interfaces) > 0 || l.list }

// liveUsage checks the flags of a live run; "" when they are fine.
func liveUsage(fs *pflag.FlagSet, l *liveFlags) string {
	switch {
	case len(fs.Args()) > 0 && len(l.interfaces) > 0:
		return "give capture files or -i, not both"
	case l.snaplen <= 0:
		return "--snaplen must be positive"
	case l.suppress < 0 || l.statsInterval < 0 || l.rotateInterval < 0:
		return "durations must not be negative"
	}
	return ""
}

// liveOrOffline runs a live capture when the flags ask for one (done is
// then true); otherwise it checks that no live-only flag was given.
func liveOrOffline(fs *pflag.FlagSet, l *liveFlags, opt session.Options, copt capture.Options, stdout, stderr io.Writer) (code int, done bool) {
	if l.active() {
		return runLive(fs, l, opt, copt, stdout, stderr), true
	}
	if msg := offlineUsage(fs); msg != "" {
		fmt.Fprintf(stderr, "smbscope: %s (see smbscope --help)\n", msg)
		return 2, true
	}
	return 0, false
}

// captureOptions are the capture options the live flags set.
func captureOptions(fs *pflag.FlagSet) capture.Options {
	return capture.Options{IdleTimeout: idleTimeout(fs)}
}

// offlineUsage checks that no live-only flag was given without -i.
func offlineUsage(fs *pflag.FlagSet) string {
	for _, name := range []string{"filter", "snaplen", "promisc", "buffer-size", "suppress", "stats-interval"} {
		if fs.Changed(name) {
			return "--" + name + " applies to live capture: use it with -i"
		}
	}
	if (fs.Changed("rotate-interval") || fs.Changed("rotate-size")) && !fs.Changed("log-dir") {
		return "--rotate-interval and --rotate-size rotate the files of --log-dir"
	}
	return ""
}

// flagString returns a flag's value as text.
func flagString(fs *pflag.FlagSet, name string) string {
	if f := fs.Lookup(name); f != nil {
		return f.Value.String()
	}
	return ""
}

// idleTimeout returns --idle-timeout, wherever it was defined.
func idleTimeout(fs *pflag.FlagSet) time.Duration {
	d, _ := time.ParseDuration(flagString(fs, "idle-timeout"))
	return d
}

// runLive captures on the interfaces of -i until SIGINT or SIGTERM, with
// the output flags of an offline run (read from fs). See README.md, "Live
// monitoring".
func runLive(fs *pflag.FlagSet, l *liveFlags, opt session.Options, copt capture.Options, stdout, stderr io.Writer) int {
	if l.list {
		return listInterfaces(stdout, stderr)
	}
	if msg := liveUsage(fs, l); msg != "" {
		fmt.Fprintf(stderr, "smbscope: %s (see smbscope --help)\n", msg)
		return 2
	}
	if !capture.LiveAvailable {
		_, err := capture.ListInterfaces()
		fmt.Fprintf(stderr, "smbscope: -i: %v\n", err)
		return 1
	}
	format, logDir, output := flagString(fs, "format"), flagString(fs, "log-dir"), flagString(fs, "output")
	quiet := flagString(fs, "quiet") == "true"
	seed, _ := strconv.ParseUint(flagString(fs, "community-id-seed"), 10, 16)

	out := &reopenFile{w: stdout}
	if output != "-" {
		out.path = output
		if err := out.open(); err != nil {
			fmt.Fprintf(stderr, "smbscope: %v\n", err)
			return 1
		}
	}
	var rot *findings.LogRotation
	if logDir != "" {
		if err := os.MkdirAll(logDir, 0o755); err != nil {
			fmt.Fprintf(stderr, "smbscope: %v\n", err)
			return 1
		}
		rot = findings.NewLogRotation(logDir, l.rotateInterval, int64(l.rotateSize))
	}
	color := format == "text" && output == "-" && isTerminal(stdout) && os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb"
	w, reopener := newLiveWriter(format, rot, out, color)
	engine := findings.NewEngine(w, uint16(seed))
	engine.SetLive(l.suppress)

	input := strings.Join(l.interfaces, ",")
	var sessions int
	tracker := session.NewTracker(input, opt, func(c *session.Connection) {
		sessions += len(c.Sessions)
		engine.Connection(c)
	})

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var hup atomic.Bool
	hupc := make(chan os.Signal, 1)
	signal.Notify(hupc, syscall.SIGHUP)
	defer signal.Stop(hupc)
	hupDone := make(chan struct{})
	defer close(hupDone)
	go func() {
		for {
			select {
			case <-hupc:
				hup.Store(true)
			case <-hupDone:
				return
			}
		}
	}()

	start := time.Now()
	report := &statsReporter{stderr: stderr, start: start, tracker: tracker, engine: engine, sessions: &sessions}
	nextStats := start.Add(l.statsInterval)
	var outErr error
	fail := func(err error) {
		if err != nil && outErr == nil {
			outErr = err
			fmt.Fprintf(stderr, "smbscope: writing output: %v; stopping\n", err)
			stop()
		}
	}
	cfg := capture.LiveConfig{
		Interfaces: l.interfaces, Filter: l.filter, SnapLen: l.snaplen, Promisc: l.promisc,
		BufferSize: int(l.bufferSize),
		Tick:       min(time.Second, max(l.statsInterval, 10*time.Millisecond)),
		OnTick: func(now time.Time, s *capture.LiveStats) {
			engine.Tick(now)
			if rot != nil {
				fail(rot.Tick(now))
			}
			if hup.Swap(false) {
				fail(reopenOutputs(reopener, rot, out))
			}
			if l.statsInterval > 0 && !now.Before(nextStats) {
				report.write(now, s, false)
				nextStats = now.Add(l.statsInterval)
			}
			fail(engine.Err())
		},
	}
	started := false
	cfg.OnStart = func() {
		started = true
		if !quiet {
			filter := l.filter
			if filter == "" {
				filter = "none"
			}
			fmt.Fprintf(stderr, "smbscope: capturing on %s (filter: %s); stop with Ctrl-C or SIGTERM\n", input, filter)
		}
	}
	st, err := capture.Live(ctx, cfg, handler{tracker}, copt)
	status := 0
	if err != nil {
		hint := ""
		if !started && strings.Contains(strings.ToLower(err.Error()), "permission") {
			hint = " (live capture needs root or the CAP_NET_RAW and CAP_NET_ADMIN capabilities)"
		}
		fmt.Fprintf(stderr, "smbscope: %v%s\n", err, hint)
		status = 1
	}
	if started {
		engine.Input(&findings.InputSummary{Input: input, Packets: st.Packets, Connections: int(tracker.Reported), Sessions: sessions})
	}
	if ferr := engine.Finish(); ferr != nil && outErr == nil {
		fmt.Fprintf(stderr, "smbscope: writing output: %v\n", ferr)
		status = 1
	}
	if cerr := errors.Join(w.Close(), out.close()); cerr != nil {
		fmt.Fprintf(stderr, "smbscope: writing output: %v\n", cerr)
		status = 1
	}
	if outErr != nil {
		status = 1
	}
	for _, side := range []struct {
		flag  string
		write func(io.Writer, []*findings.HostRecord) error
	}{{"relay-targets", findings.WriteRelayTargets}, {"zeek-intel", findings.WriteZeekIntel}} {
		path := flagString(fs, side.flag)
		if path == "" {
			continue
		}
		if err := writeFile(path, func(f io.Writer) error { return side.write(f, engine.Hosts()) }); err != nil {
			fmt.Fprintf(stderr, "smbscope: %v\n", err)
			status = 1
		}
	}
	if l.statsInterval > 0 && started {
		report.write(time.Now(), &st, true)
	}
	if !quiet && started {
		report.summary(input, &st)
	}
	return status
}

// newLiveWriter chooses the writer of the format for a live run: every
// record flushed as it is written; with --log-dir, through the rotation.
// The Reopener is what SIGHUP reopens (nil for the text report).
func newLiveWriter(format string, rot *findings.LogRotation, out io.Writer, color bool) (findings.Writer, findings.Reopener) {
	if rot != nil {
		var w interface {
			findings.Writer
			findings.Reopener
		}
		switch format {
		case "zeek":
			z := findings.NewZeekLogWriter(rot.Opener())
			z.Flush = true
			w = z
		case "zeek-json":
			z := findings.NewZeekJSONLogWriter(rot.Opener())
			z.Flush = true
			w = z
		default:
			j := findings.NewJSONLogWriter(rot.Opener())
			j.Flush = true
			w = j
		}
		return rot.Writer(w), rot
	}
	switch format {
	case "zeek":
		z := findings.NewZeekStreamWriter(out)
		return z, z
	case "zeek-json":
		z := findings.NewZeekJSONWriter(out)
		z.Flush = true
		return z, z
	case "text":
		return findings.NewTextWriter(out, color), nil
	}
	j := findings.NewJSONWriter(out)
	j.Flush = true
	return j, j
}

// reopenOutputs handles SIGHUP: the logs of --log-dir, or the file of
// --output, are closed and opened again at the same path, as logrotate
// expects after moving them away.
func reopenOutputs(w findings.Reopener, rot *findings.LogRotation, out *reopenFile) error {
	if rot != nil {
		return rot.Reopen()
	}
	if out.path == "" {
		return nil
	}
	var err error
	if w != nil {
		err = w.Reopen()
	}
	return errors.Join(err, out.reopen())
}

// reopenFile is the --output destination: standard output, or a file
// opened for appending that SIGHUP reopens.
type reopenFile struct {
	w    io.Writer
	path string
	f    *os.File
}

func (r *reopenFile) open() error {
	f, err := os.OpenFile(r.path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	r.f, r.w = f, f
	return nil
}

func (r *reopenFile) reopen() error {
	err := r.f.Close()
	return errors.Join(err, r.open())
}

func (r *reopenFile) close() error {
	if r.f == nil {
		return nil
	}
	return r.f.Close()
}

func (r *reopenFile) Write(p []byte) (int, error) { return r.w.Write(p) }

// listInterfaces prints the devices of --list-interfaces.
func listInterfaces(stdout, stderr io.Writer) int {
	ifs, err := capture.ListInterfaces()
	if err != nil {
		if errors.Is(err, capture.ErrLiveUnavailable) {
			fmt.Fprintf(stderr, "smbscope: --list-interfaces: %v\n", err)
		} else {
			fmt.Fprintf(stderr, "smbscope: listing interfaces: %v\n", err)
		}
		return 1
	}
	bw := bufio.NewWriter(stdout)
	for _, i := range ifs {
		line := i.Name
		if len(i.Addresses) > 0 {
			line += "\t" + strings.Join(i.Addresses, ",")
		}
		if i.Description != "" {
			line += "\t(" + i.Description + ")"
		}
		fmt.Fprintln(bw, line)
	}
	if err := bw.Flush(); err != nil {
		fmt.Fprintf(stderr, "smbscope: %v\n", err)
		return 1
	}
	return 0
}

// statsRecord is the {"type":"stats"} line of --stats-interval.
type statsRecord struct {
	Type            string                   `json:"type"`
	TS              findings.Time            `json:"ts"`
	Uptime          float64                  `json:"uptime"`
	Final           bool                     `json:"final,omitempty"`
	Interfaces      []capture.InterfaceStats `json:"interfaces"`
	Packets         uint64                   `json:"packets"`
	Bytes           uint64                   `json:"bytes"`
	TCPPackets      uint64                   `json:"tcp_packets"`
	NonTCP          uint64                   `json:"non_tcp_packets"`
	Undecodable     uint64                   `json:"undecodable_packets"`
	Truncated       uint64                   `json:"truncated_packets"`
	Connections     uint64                   `json:"tcp_connections"`
	OpenConnections int                      `json:"open_connections"`
	Evicted         uint64                   `json:"evicted_connections"`
	OutOfOrder      uint64                   `json:"out_of_order_segments"`
	BufferSkips     uint64                   `json:"buffer_skips"`
	Gaps            uint64                   `json:"gaps"`
	SMBConnections  uint64                   `json:"smb_connections"`
	Sessions        int                      `json:"sessions"`
	Findings        int                      `json:"findings"`
	RSSBytes        uint64                   `json:"rss_bytes,omitempty"`
	HeapBytes       uint64                   `json:"heap_bytes"`
}

// statsReporter writes statistics to standard error.
type statsReporter struct {
	stderr   io.Writer
	start    time.Time
	tracker  *session.Tracker
	engine   *findings.Engine
	sessions *int
}

func (r *statsReporter) record(now time.Time, s *capture.LiveStats, final bool) statsRecord {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return statsRecord{
		Type: "stats", TS: findings.Time(now), Uptime: now.Sub(r.start).Round(time.Millisecond).Seconds(), Final: final,
		Interfaces: append([]capture.InterfaceStats{}, s.Interfaces...),
		Packets:    s.Packets, Bytes: s.Bytes, TCPPackets: s.TCPPackets, NonTCP: s.NonTCP,
		Undecodable: s.Undecodable, Truncated: s.TruncatedPackets, Connections: s.Connections,
		OpenConnections: s.Open, Evicted: s.Evicted, OutOfOrder: s.OutOfOrder, BufferSkips: s.BufferSkips, Gaps: s.Gaps,
		SMBConnections: r.tracker.Reported, Sessions: *r.sessions, Findings: total(r.engine.Counts()),
		RSSBytes: residentBytes(), HeapBytes: ms.HeapAlloc,
	}
}

func (r *statsReporter) write(now time.Time, s *capture.LiveStats, final bool) {
	rec := r.record(now, s, final)
	b, err := json.Marshal(rec)
	if err != nil {
		return
	}
	r.stderr.Write(append(b, '\n'))
}

// summary writes the closing line of a live run.
func (r *statsReporter) summary(input string, s *capture.LiveStats) {
	var recv, drop, ifdrop uint64
	for _, i := range s.Interfaces {
		recv += i.Received
		drop += i.Dropped
		ifdrop += i.IfDropped
	}
	fmt.Fprintf(r.stderr, "smbscope: %s: %d packets received, %d dropped by the kernel, %d dropped by the interface; %d analysed, %d SMB connections, %d sessions, %d findings, %d connections evicted in %s\n",
		input, recv, drop, ifdrop, s.Packets, r.tracker.Reported, *r.sessions, total(r.engine.Counts()), s.Evicted,
		time.Since(r.start).Round(time.Second))
}

// residentBytes reads the process's resident set size (Linux); 0 when
// unknown.
func residentBytes() uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			f := strings.Fields(rest)
			if len(f) == 2 && f[1] == "kB" {
				n, _ := strconv.ParseUint(f[0], 10, 64)
				return n << 10
			}
		}
	}
	return 0
}
