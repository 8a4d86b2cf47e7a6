package findings

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// LogRotation writes the logs to DIR/PATH.log for a long run and rotates
// them as Zeek does: a rotated log is closed (a Zeek log with its #close
// line), renamed PATH.YYYY-MM-DD-HH-MM-SS.log after the time it was opened
// (UTC), and the log's next record starts a fresh file with a new header.
// Logs rotate every Interval, at multiples of it counted from midnight UTC
// (as Zeek aligns its rotation), and as soon as a file reaches MaxSize
// bytes. Files are opened for appending, so a restarted run adds to the
// logs it finds.
type LogRotation struct {
	dir      string
	interval time.Duration // 0: no rotation by time
	maxSize  int64         // 0: no rotation by size
	now      func() time.Time
	w        Reopener
	files    map[string]*rotFile
	next     time.Time // the next rotation by time
	rotating bool      // files being closed are renamed
	err      error     // the first rename error
}

// NewLogRotation returns a LogRotation for dir; interval and maxSize zero
// turn the two kinds of rotation off (Reopen still works).
func NewLogRotation(dir string, interval time.Duration, maxSize int64) *LogRotation {
	return &LogRotation{dir: dir, interval: interval, maxSize: maxSize, now: time.Now, files: make(map[string]*rotFile)}
}

// Opener returns the Opener to give the log writer.
func (l *LogRotation) Opener() Opener {
	return func(path string) (io.WriteCloser, error) {
		name := filepath.Join(l.dir, path+".log")
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
		if err != nil {
			return nil, err
		}
		rf := &rotFile{l: l, path: path, name: name, f: f, opened: l.now()}
		if fi, err := f.Stat(); err == nil {
			rf.size = fi.Size()
		}
		l.files[path] = rf
		return rf, nil
	}
}

// Writer wraps w, the writer made with Opener (NewJSONLogWriter,
// NewZeekLogWriter or NewZeekJSONLogWriter), so that every record is
// followed by the rotation check.
func (l *LogRotation) Writer(w interface {
	Writer
	Reopener
}) Writer {
	l.w = w
	if l.interval > 0 {
		l.next = l.now().Truncate(l.interval).Add(l.interval)
	}
	return rotatingWriter{w, l}
}

// Tick rotates the logs when the interval has ended by now, so that an
// idle log is rotated on time too.
func (l *LogRotation) Tick(now time.Time) error {
	if l.interval > 0 && !now.Before(l.next) {
		l.next = now.Truncate(l.interval).Add(l.interval)
		return l.rotate()
	}
	return nil
}

// Reopen closes every log without renaming it; the next record of each
// opens DIR/PATH.log again. After an outside tool (logrotate) has moved
// the files away, this makes smbscope write new ones (SIGHUP).
func (l *LogRotation) Reopen() error { return l.w.Reopen() }

func (l *LogRotation) rotate() error {
	l.rotating = true
	err := l.w.Reopen()
	l.rotating = false
	err = errors.Join(err, l.err)
	l.err = nil
	return err
}

// check runs after each record.
func (l *LogRotation) check() error {
	if l.interval > 0 && !l.now().Before(l.next) {
		return l.Tick(l.now())
	}
	if l.maxSize > 0 {
		for _, f := range l.files {
			if f.size >= l.maxSize {
				return l.rotate()
			}
		}
	}
	return nil
}

// rotFile is one open log file.
type rotFile struct {
	l      *LogRotation
	path   string
	name   string
	f      *os.File
	opened time.Time
	size   int64
}

func (r *rotFile) Write(p []byte) (int, error) {
	n, err := r.f.Write(p)
	r.size += int64(n)
	return n, err
}

func (r *rotFile) Close() error {
	delete(r.l.files, r.path)
	err := r.f.Close()
	if r.l.rotating && err == nil && r.size > 0 {
		if rerr := os.Rename(r.name, rotatedName(r.name, r.path, r.l.dir, r.opened)); rerr != nil && r.l.err == nil {
			r.l.err = rerr
		}
	}
	return err
}

// rotatedName is DIR/PATH.YYYY-MM-DD-HH-MM-SS.log, with -N added before
// .log if that file exists already.
func rotatedName(name, path, dir string, opened time.Time) string {
	base := filepath.Join(dir, path+"."+opened.UTC().Format(zeekTimeFormat))
	out := base + ".log"
	for i := 1; ; i++ {
		if _, err := os.Lstat(out); errors.Is(err, os.ErrNotExist) {
			return out
		}
		out = fmt.Sprintf("%s-%d.log", base, i)
	}
}

type rotatingWriter struct {
	w interface {
		Writer
		Reopener
	}
	l *LogRotation
}

func (r rotatingWriter) Session(s *SessionRecord) error {
	return errors.Join(r.w.Session(s), r.l.check())
}

func (r rotatingWriter) Finding(f *FindingRecord) error {
	return errors.Join(r.w.Finding(f), r.l.check())
}

func (r rotatingWriter) Host(h *HostRecord) error {
	return errors.Join(r.w.Host(h), r.l.check())
}

func (r rotatingWriter) Input(s *InputSummary) error { return r.w.Input(s) }
func (r rotatingWriter) Close() error                { return r.w.Close() }
