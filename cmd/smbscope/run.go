package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
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

Flags:
`

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := pflag.NewFlagSet("smbscope", pflag.ContinueOnError)
	fs.SetOutput(io.Discard) // usage errors are reported below, once
	output := fs.StringP("output", "o", "-", "write records to `FILE` (- for standard output)")
	seed := fs.Uint16("community-id-seed", 0, "Community ID `seed`")
	quiet := fs.BoolP("quiet", "q", false, "no summary lines on standard error")
	showVersion := fs.Bool("version", false, "print the version and exit")
	help := fs.BoolP("help", "h", false, "print this help and exit")
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
	if len(inputs) == 0 {
		fmt.Fprintln(stderr, "smbscope: no input: give one or more capture files, or - for standard input")
		fs.SetOutput(stderr)
		fs.Usage()
		return 2
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
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	w := findings.NewJSONWriter(out)
	engine := findings.NewEngine(w, *seed)
	status := 0
	for _, in := range inputs {
		if ctx.Err() != nil {
			break
		}
		if err := analyse(ctx, in, stdin, engine, *quiet, stderr); err != nil {
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
	return status
}

// analyse reads one input through capture into a session tracker whose
// results go to the findings engine.
func analyse(ctx context.Context, input string, stdin io.Reader, engine *findings.Engine, quiet bool, stderr io.Writer) error {
	start := time.Now()
	sessions, findingsBefore := 0, total(engine.Counts())
	tracker := session.NewTracker(input, session.Options{}, func(c *session.Connection) {
		sessions += len(c.Sessions)
		engine.Connection(c)
	})
	h := handler{tracker}
	var stats capture.Stats
	var err error
	if input == "-" {
		stats, err = capture.Read(ctx, stdin, "-", h, capture.Options{})
	} else {
		stats, err = capture.ReadFile(ctx, input, h, capture.Options{})
	}
	if !quiet && (err == nil || stats.Packets > 0) {
		fmt.Fprintf(stderr, "smbscope: %s: %d packets, %d SMB connections, %d sessions, %d findings in %.2fs\n",
			input, stats.Packets, tracker.Reported, sessions, total(engine.Counts())-findingsBefore, time.Since(start).Seconds())
	}
	if err == nil {
		err = engine.Err()
	}
	return err
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
	conn := h.t.Open(c.Flow.Client, c.Flow.Server, meta(c.Start), c.SawSYN)
	return stream{conn}
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
