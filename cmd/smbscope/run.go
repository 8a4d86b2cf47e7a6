package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/spf13/pflag"

	"github.com/smbscope/smbscope/capture"
	"github.com/smbscope/smbscope/findings"
	"github.com/smbscope/smbscope/session"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

const usageHead = `smbscope reports how SMB signing really behaved in captured traffic.

Usage: smbscope [flags] FILE...   (FILE: pcap or pcapng, .gz allowed, - for stdin)
       smbscope [flags] -i IFACE... (live capture until SIGINT or SIGTERM)

Flags:
`

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("smbscope", pflag.ContinueOnError)
	fs.SetOutput(io.Discard) // usage errors are reported below, once
	output := fs.StringP("output", "o", "-", "write records to `FILE` (- for standard output)")
	format := fs.StringP("format", "f", "json", "output `FORMAT`: json, zeek, zeek-json or text")
	logDir := fs.String("log-dir", "", "write one file per log into `DIR` (smb_signing.log, smb_signing_findings.log, smb_signing_hosts.log)")
	relayTargets := fs.String("relay-targets", "", "write the servers not requiring signing to `FILE`, one address per line (ntlmrelayx.py -tf)")
	zeekIntel := fs.String("zeek-intel", "", "write the servers not requiring signing to `FILE` as a Zeek Intel framework file")
	keysFile := fs.String("keys", "", "verify signatures with the session keys in `FILE` (lines: SESSION_ID SESSION_KEY, in hex)")
	credsFile := fs.String("ntlm-creds", "", "verify signatures with session keys derived from the NTLM credentials in `FILE` (lines: DOMAIN\\user:password or DOMAIN\\user:NTHASH)")
	seed := fs.Uint16("community-id-seed", 0, "Community ID `seed`")
	quiet := fs.BoolP("quiet", "q", false, "no summary lines or progress bar on standard error")
	showVersion := fs.Bool("version", false, "print the version and exit")
	help := fs.BoolP("help", "h", false, "print this help and exit")
	lim := addLimitFlags(fs)
	live := addLiveFlags(fs)
	prof := addProfileFlags(fs)
	fs.SortFlags = false
	fs.Usage = func() {
		fmt.Fprint(stderr, usageHead)
		fs.PrintDefaults()
		fmt.Fprint(stderr, "\nExit status: 0 ok, 1 an input or the output failed, 2 usage error.\n")
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return 0
		}
		fmt.Fprintf(stderr, "smbscope: %v (see smbscope --help)\n", err)
		return 2
	}
	if *help {
		fs.SetOutput(stdout)
		stderr = stdout
		fs.Usage()
		return 0
	}
	if *showVersion {
		fmt.Fprintf(stdout, "smbscope %s\n", version)
		return 0
	}
	inputs := fs.Args()
	if len(inputs) == 0 && !live.active() {
		fmt.Fprintln(stderr, "smbscope: no input: give one or more capture files, or - for standard input")
		fs.SetOutput(stderr)
		fs.Usage()
		return 2
	}

	if msg := lim.check(); msg != "" {
		fmt.Fprintf(stderr, "smbscope: %s (see smbscope --help)\n", msg)
		return 2
	}
	if msg := checkOutputFlags(*format, *logDir, *output); msg != "" {
		fmt.Fprintf(stderr, "smbscope: %s (see smbscope --help)\n", msg)
		return 2
	}
	secrets, err := loadSecrets(*keysFile, *credsFile)
	if err != nil {
		fmt.Fprintf(stderr, "smbscope: %v\n", err)
		return 2
	}
	opt := lim.session(session.Options{Secrets: secrets})
	stopProfile, err := prof.start()
	if err != nil {
		fmt.Fprintf(stderr, "smbscope: %v\n", err)
		return 1
	}
	defer stopProfile()
	if code, done := liveOrOffline(fs, live, opt, lim.capture(captureOptions(fs)), stdout, stderr); done {
		return code
	}

	out := stdout
	if *output != "-" {
		f, err := os.Create(*output)
		if err != nil {
			fmt.Fprintf(stderr, "smbscope: %v\n", err)
			return 1
		}
		defer f.Close()
		out = f
	}
	if *logDir != "" {
		if err := os.MkdirAll(*logDir, 0o755); err != nil {
			fmt.Fprintf(stderr, "smbscope: %v\n", err)
			return 1
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	defer tuneGC()()

	color := *format == "text" && *output == "-" && isTerminal(stdout) && os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb"
	w := newWriter(*format, *logDir, out, color)
	engine := findings.NewEngine(w, *seed)
	showProgress := wantProgress(*quiet, *format, *output, *logDir, stdout, stderr)
	status := 0
	for _, in := range inputs {
		if ctx.Err() != nil {
			break
		}
		if err := analyse(ctx, in, stdin, engine, opt, lim.capture(captureOptions(fs)), *quiet, showProgress, stderr); err != nil {
			fmt.Fprintf(stderr, "smbscope: %v\n", err)
			status = 1
		}
	}
	if err := engine.Finish(); err != nil {
		fmt.Fprintf(stderr, "smbscope: writing output: %v\n", err)
		status = 1
	}
	if err := w.Close(); err != nil {
		fmt.Fprintf(stderr, "smbscope: writing output: %v\n", err)
		status = 1
	}
	for _, side := range []struct {
		path  string
		write func(io.Writer, []*findings.HostRecord) error
	}{{*relayTargets, findings.WriteRelayTargets}, {*zeekIntel, findings.WriteZeekIntel}} {
		if side.path == "" {
			continue
		}
		if err := writeFile(side.path, func(f io.Writer) error { return side.write(f, engine.Hosts()) }); err != nil {
			fmt.Fprintf(stderr, "smbscope: %v\n", err)
			status = 1
		}
	}
	return status
}

// Formats lists the values of --format.
var formats = []string{"json", "zeek", "zeek-json", "text"}

func checkOutputFlags(format, logDir, output string) string {
	known := false
	for _, f := range formats {
		known = known || f == format
	}
	switch {
	case !known:
		return fmt.Sprintf("unknown format %q: use json, zeek, zeek-json or text", format)
	case logDir != "" && format == "text":
		return "--log-dir writes logs: use it with --format json, zeek or zeek-json"
	case logDir != "" && output != "-":
		return "--log-dir and --output exclude each other"
	}
	return ""
}

// newWriter chooses the findings writer of the format.
func newWriter(format, logDir string, out io.Writer, color bool) findings.Writer {
	var open findings.Opener
	if logDir != "" {
		open = findings.LogDir(logDir)
	}
	switch {
	case format == "zeek" && open != nil:
		return findings.NewZeekLogWriter(open)
	case format == "zeek":
		return findings.NewZeekWriter(out)
	case format == "zeek-json" && open != nil:
		return findings.NewZeekJSONLogWriter(open)
	case format == "zeek-json":
		return findings.NewZeekJSONWriter(out)
	case format == "text":
		return findings.NewTextWriter(out, color)
	case open != nil:
		return findings.NewJSONLogWriter(open)
	default:
		return findings.NewJSONWriter(out)
	}
}

func writeFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return f.Close()
}

// wantProgress tells whether to draw a progress bar: on a terminal, unless
// quiet, and not while records stream to the same terminal (the text
// report is written at the end, after the bar is gone).
func wantProgress(quiet bool, format, output, logDir string, stdout, stderr io.Writer) bool {
	recordsToTerminal := output == "-" && logDir == "" && format != "text" && isTerminal(stdout)
	return !quiet && isTerminal(stderr) && !recordsToTerminal
}

// isTerminal reports whether w is a terminal (a character device).
var isTerminal = func(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// analyse reads one input through capture into a session tracker whose
// results go to the findings engine.
func analyse(ctx context.Context, input string, stdin io.Reader, engine *findings.Engine, opt session.Options, copt capture.Options, quiet, showProgress bool, stderr io.Writer) error {
	start := time.Now()
	sessions, findingsBefore := 0, total(engine.Counts())
	skipped := newSkipCounts()
	emit := func(c *session.Connection) {
		sessions += len(c.Sessions)
		skipped.connection(c)
		engine.Connection(c)
	}
	read := func(h capture.Handler, copt capture.Options) (capture.Stats, error) {
		switch {
		case input == "-":
			return capture.Read(ctx, stdin, "-", h, copt)
		case showProgress:
			return readWithProgress(ctx, input, h, copt, stderr)
		default:
			return capture.ReadFile(ctx, input, h, copt)
		}
	}
	var stats capture.Stats
	var err error
	var reported uint64
	if n := workerCount(input); n >= 2 {
		p := newPipeline(input, opt, n, emit)
		copt.Keeper = p
		stats, err = read(p, copt)
		p.finish()
		reported = p.reported()
		if p.faulted.Load() && err == nil {
			err = fmt.Errorf("capture: %s: %w", input, capture.ErrChanged)
		}
	} else {
		tracker := session.NewTracker(input, opt, emit)
		stats, err = read(handler{tracker}, copt)
		reported = tracker.Reported
	}
	sum := findings.InputSummary{
		Input: input, Packets: stats.Packets, Connections: int(reported),
		Sessions: sessions,
	}
	if err != nil {
		sum.Err = err.Error()
	}
	engine.Input(&sum)
	if !quiet && (err == nil || stats.Packets > 0) {
		fmt.Fprintf(stderr, "smbscope: %s: %d packets, %d SMB connections, %d sessions, %d findings in %.2fs%s\n",
			input, stats.Packets, sum.Connections, sessions, total(engine.Counts())-findingsBefore, time.Since(start).Seconds(), skipped.suffix(stats))
	}
	if err == nil {
		err = engine.Err()
	}
	return err
}

// readWithProgress reads a capture file while drawing a progress bar.
func readWithProgress(ctx context.Context, path string, h capture.Handler, opt capture.Options, stderr io.Writer) (capture.Stats, error) {
	f, err := os.Open(path)
	if err != nil {
		return capture.Stats{}, fmt.Errorf("capture: %w", err)
	}
	defer f.Close()
	var size int64
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
		size = fi.Size()
	}
	bar := startProgress(stderr, filepath.Base(path), size)
	defer bar.finish()
	return capture.Read(ctx, bar.reader(f), path, h, opt)
}

func total(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// handler connects capture's streams to session's connections.
type handler struct{ t *session.Tracker }

func (h handler) Open(c capture.ConnInfo) capture.Stream {
	return &lazyStream{t: h.t, info: c}
}

type stream struct{ c *session.Conn }

func meta(m capture.Meta) session.Meta { return session.Meta{Frame: m.Frame, Time: m.Time} }

func (s stream) Data(dir capture.Direction, data []byte, m capture.Meta) bool {
	return s.c.Data(session.Direction(dir), data, meta(m))
}

func (s stream) Gap(dir capture.Direction, n int, m capture.Meta) {
	s.c.Gap(session.Direction(dir), n, meta(m))
}

func (s stream) Close(m capture.Meta, reason capture.CloseReason) {
	s.c.Close(meta(m), reason.String())
}
