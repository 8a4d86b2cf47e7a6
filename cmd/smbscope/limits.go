package main

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/smbscope/smbscope/capture"
	"github.com/smbscope/smbscope/session"
)

// limitFlags bound the state kept for one input, so that hostile or
// broken traffic cannot make smbscope grow without bound. Their defaults
// are those of the capture and session packages.
type limitFlags struct {
	connections int
	sessions    int
	buffer      byteCount
	message     byteCount
}

const (
	defaultMaxConnections = 100000
	defaultMaxSessions    = 1024
	defaultMaxBuffer      = 1 << 20
	defaultMaxMessage     = 256 << 10
	// minMaxMessage is an SMB2 header: less could not even count messages.
	minMaxMessage = 64
)

// addLimitFlags registers --max-connections, --max-sessions, --max-buffer
// and --max-message on fs.
func addLimitFlags(fs *pflag.FlagSet) *limitFlags {
	l := &limitFlags{connections: defaultMaxConnections, sessions: defaultMaxSessions, buffer: defaultMaxBuffer, message: defaultMaxMessage}
	fs.IntVar(&l.connections, "max-connections", l.connections,
		"track at most `N` TCP connections at once; beyond, the least recently active is closed early (counted as connection_evicted)")
	fs.IntVar(&l.sessions, "max-sessions", l.sessions,
		"track at most `N` SMB sessions per connection (messages of the others are counted as session_limit)")
	fs.Var(&l.buffer, "max-buffer",
		"hold at most `SIZE` of out-of-order data per direction while a lost segment is awaited (K, M, G: powers of 1024)")
	fs.Var(&l.message, "max-message",
		"keep at most `SIZE` of each SMB message for parsing; bulk READ/WRITE data beyond it is counted past")
	return l
}

// check returns a usage error, or "".
func (l *limitFlags) check() string {
	switch {
	case l.connections < 1:
		return "--max-connections must be at least 1"
	case l.sessions < 1:
		return "--max-sessions must be at least 1"
	case l.buffer < 1:
		return "--max-buffer must be at least 1 byte"
	case l.message < minMaxMessage:
		return fmt.Sprintf("--max-message must be at least %d bytes (an SMB2 header)", minMaxMessage)
	}
	return ""
}

// capture applies the capture limits to o.
func (l *limitFlags) capture(o capture.Options) capture.Options {
	o.MaxConnections = l.connections
	o.MaxBufferedBytes = int(l.buffer)
	return o
}

// session applies the session limits to o.
func (l *limitFlags) session(o session.Options) session.Options {
	o.MaxSessions = l.sessions
	o.MaxKeptBytes = int(l.message)
	return o
}

// byteCount is a size in bytes with an optional K, M or G suffix (powers
// of 1024), with or without B or iB after it: 65536, 64K, 64KiB, 1MB.
type byteCount int64

func (b *byteCount) String() string {
	n := int64(*b)
	for _, u := range []struct {
		shift uint
		name  string
	}{{30, "GiB"}, {20, "MiB"}, {10, "KiB"}} {
		if n >= 1<<u.shift && n%(1<<u.shift) == 0 {
			return strconv.FormatInt(n>>u.shift, 10) + u.name
		}
	}
	return strconv.FormatInt(n, 10)
}

func (b *byteCount) Set(s string) error {
	t := strings.TrimSpace(s)
	t = strings.TrimSuffix(strings.TrimSuffix(t, "B"), "i")
	shift := uint(0)
	if n := len(t); n > 0 {
		switch t[n-1] {
		case 'k', 'K':
			shift = 10
		case 'm', 'M':
			shift = 20
		case 'g', 'G':
			shift = 30
		}
		if shift > 0 {
			t = t[:n-1]
		}
	}
	v, err := strconv.ParseInt(t, 10, 64)
	if err != nil || v < 0 || v > (1<<40)>>shift {
		return fmt.Errorf("%q is not a size (e.g. 1048576, 512K, 1MiB)", s)
	}
	*b = byteCount(v << shift)
	return nil
}

func (b *byteCount) Type() string { return "size" }

// skipCounts gathers, for the summary line of one input, what the
// analysis could not see: anomalies of the SMB connections reported, and
// what the capture reader skipped or gave up.
type skipCounts struct {
	anomalies map[string]int
}

func newSkipCounts() *skipCounts { return &skipCounts{anomalies: map[string]int{}} }

// connection adds a reported connection's anomalies.
func (s *skipCounts) connection(c *session.Connection) {
	for name, n := range c.Anomalies {
		s.anomalies[name] += n
	}
}

// suffix is appended to the summary line: "" when nothing was skipped,
// else "; " and what was, most important first.
func (s *skipCounts) suffix(st capture.Stats) string {
	var parts []string
	add := func(n uint64, format string) {
		if n > 0 {
			parts = append(parts, fmt.Sprintf(format, n))
		}
	}
	add(st.Evicted, "%d connections evicted (--max-connections)")
	add(st.BufferSkips, "%d stream holes given up (--max-buffer)")
	add(st.Gaps, "%d stream gaps")
	add(st.TruncatedPackets, "%d packets cut by the snap length")
	add(st.Undecodable, "%d undecodable packets")
	if len(s.anomalies) > 0 {
		names := make([]string, 0, len(s.anomalies))
		for name := range s.anomalies {
			names = append(names, name)
		}
		sort.Strings(names)
		for i, name := range names {
			names[i] = fmt.Sprintf("%s %d", name, s.anomalies[name])
		}
		parts = append(parts, "anomalies: "+strings.Join(names, ", "))
	}
	if len(parts) == 0 {
		return ""
	}
	return "; " + strings.Join(parts, ", ")
}

// lazyStream opens the session state of a connection at its first payload
// byte or gap. Half-open connections, which a SYN flood creates by the
// hundred thousand, then cost only what capture keeps for them.
type lazyStream struct {
	t    *session.Tracker
	info capture.ConnInfo
	s    stream
}

func (l *lazyStream) open() stream {
	if l.s.c == nil {
		l.s.c = l.t.Open(l.info.Flow.Client, l.info.Flow.Server, meta(l.info.Start), l.info.SawSYN)
	}
	return l.s
}

func (l *lazyStream) Data(dir capture.Direction, data []byte, m capture.Meta) bool {
	return l.open().Data(dir, data, m)
}

func (l *lazyStream) Gap(dir capture.Direction, n int, m capture.Meta) { l.open().Gap(dir, n, m) }

func (l *lazyStream) Close(m capture.Meta, reason capture.CloseReason) {
	if l.s.c == nil {
		l.t.Ignored++ // no payload: no SMB
		return
	}
	l.s.Close(m, reason)
}
