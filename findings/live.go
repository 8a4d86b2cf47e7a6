package findings

import (
	"errors"
	"io"
	"time"
)

// Live operation. Offline, host findings (one per subject per run) are
// written at the end of the run with their final counts. A live capture
// has no end to wait for, so with SetLive the engine writes each host
// finding as soon as its subject is first seen, then again, with the
// counts, last_seen and uids updated, once the suppression window has
// passed since it was last written and something changed; at Finish the
// ones changed since they were last written are written a last time. Like
// Zeek's notice suppression, a subject therefore yields at most one record
// per window.

// liveHosts is the engine's state in live operation.
type liveHosts struct {
	suppress time.Duration
	state    map[hostKey]*liveHost
	dirty    []hostKey // changed since last written, in the order of change
}

type liveHost struct {
	written time.Time // when last written (zero: never)
	dirty   bool      // changed since
}

// SetLive switches the engine to live operation with the given
// suppression window (see above). Call it before the first connection.
func (e *Engine) SetLive(suppress time.Duration) {
	e.live = &liveHosts{suppress: suppress, state: make(map[hostKey]*liveHost)}
}

// touched notes that the host finding k changed.
func (l *liveHosts) touched(k hostKey) {
	h := l.state[k]
	if h == nil {
		h = &liveHost{}
		l.state[k] = h
	}
	if !h.dirty {
		h.dirty = true
		l.dirty = append(l.dirty, k)
	}
}

// flushLive writes the changed host findings that are due at now: those
// never written, and those last written a window ago or more; all of them
// when force is set.
func (e *Engine) flushLive(now time.Time, force bool) {
	l := e.live
	kept := l.dirty[:0]
	for _, k := range l.dirty {
		h := l.state[k]
		hf := e.hosts[k]
		if hf == nil {
			continue
		}
		switch {
		case h.written.IsZero():
			e.write(hf.record())
		case force || now.Sub(h.written) >= l.suppress:
			e.update(hf.record())
		default:
			kept = append(kept, k)
			continue
		}
		h.written, h.dirty = now, false
	}
	clear(l.dirty[len(kept):])
	l.dirty = kept
}

// update writes a host finding again with its new counts.
func (e *Engine) update(f *FindingRecord) {
	if u, ok := e.w.(findingUpdater); ok {
		e.setErr(u.UpdateFinding(f))
		return
	}
	e.setErr(e.w.Finding(f))
}

// Tick writes the host findings whose suppression window has ended by now;
// a live capture calls it periodically so that updates do not wait for the
// next connection.
func (e *Engine) Tick(now time.Time) {
	if e.live != nil {
		e.flushLive(now, false)
	}
}

// findingUpdater is implemented by writers that replace a finding they
// were given before rather than add another (the text report).
type findingUpdater interface {
	UpdateFinding(r *FindingRecord) error
}

// UpdateFinding replaces the report's entry for the same finding and
// subject with r.
func (t *TextWriter) UpdateFinding(r *FindingRecord) error {
	for i := len(t.findings) - 1; i >= 0; i-- {
		if f := &t.findings[i]; f.Finding == r.Finding && f.Subject == r.Subject && f.UID == r.UID {
			*f = *r
			return nil
		}
	}
	return t.Finding(r)
}

// Reopener is implemented by the writers of log files: Reopen ends every
// open log as Close does (a Zeek log gets its #close line) and closes its
// file; the next record of each log opens the file again, with a fresh
// header. It is what log rotation and SIGHUP need.
type Reopener interface {
	Reopen() error
}

// Reopen closes the log files (see Reopener). On one stream it only
// flushes.
func (j *JSONWriter) Reopen() error {
	if j.stream != nil {
		return j.stream.Flush()
	}
	return j.files.close()
}

// Reopen ends every open log with #close and closes its file (see
// Reopener). On one stream it flushes only, since the held logs cannot be
// written before the end.
func (z *ZeekWriter) Reopen() error {
	if z.stream != nil {
		return z.files.flush()
	}
	var errs []error
	for id := range numLogs {
		errs = append(errs, z.endBlock(id))
	}
	return errors.Join(errs...)
}

// Reopen closes the log files (see Reopener).
func (z *ZeekJSONWriter) Reopen() error {
	if z.stream != nil {
		return errors.Join(z.files.flush(), z.stream.Flush())
	}
	z.logs = [numLogs]zlog{}
	return z.files.close()
}

// NewZeekStreamWriter returns a ZeekWriter for a live capture on one
// stream. Offline, the finding and host logs wait on one stream until the
// end; live, each record is written and flushed at once, and when a record
// belongs to another log than the one before, the current log's block ends
// with #close and the other log starts a block with its own header. Each
// block is then a complete Zeek log, which zeek-cut reads as it comes.
func NewZeekStreamWriter(w io.Writer) *ZeekWriter {
	z := &ZeekWriter{blocks: true}
	z.Flush = true
	z.files.open = func(string) (io.WriteCloser, error) { return nopCloser{w}, nil }
	return z
}

// endOtherBlocks ends the open blocks of every log but id.
func (z *ZeekWriter) endOtherBlocks(id logID) error {
	for other := range numLogs {
		if other != id && z.logs[other].n > 0 {
			if err := z.endBlock(other); err != nil {
				return err
			}
		}
	}
	return nil
}

// endBlock writes #close to the log id and closes its destination; the
// log's next record starts it again with a header.
func (z *ZeekWriter) endBlock(id logID) error {
	l := &z.logs[id]
	if l.n == 0 {
		return nil
	}
	b := append([]byte("#close\t"), z.now.UTC().Format(zeekTimeFormat)...)
	_, err := l.w.Write(append(b, '\n'))
	*l = zlog{}
	return errors.Join(err, z.files.closeOne(id))
}

// flush writes out what the open logs buffer.
func (l *logFiles) flush() error {
	var errs []error
	for id := range numLogs {
		if l.w[id] != nil {
			errs = append(errs, l.w[id].Flush())
		}
	}
	return errors.Join(errs...)
}

// closeOne flushes and closes one log; its next record opens it again.
func (l *logFiles) closeOne(id logID) error {
	if l.w[id] == nil {
		return nil
	}
	err := errors.Join(l.w[id].Flush(), l.closer[id].Close())
	l.w[id], l.closer[id] = nil, nil
	return err
}
