package findings

import (
	"bufio"
	"errors"
	"io"
	"os"
	"path/filepath"
)

// The three logs, named as Zeek names a log: by its path. With a log
// directory, each goes to PATH.log.
const (
	SessionLog = "smb_signing"          // one record per SMB session
	FindingLog = "smb_signing_findings" // one record per finding
	HostLog    = "smb_signing_hosts"    // one record per server and per client
)

type logID int

const (
	sessionLogID logID = iota
	findingLogID
	hostLogID
	numLogs
)

var logPaths = [numLogs]string{SessionLog, FindingLog, HostLog}

// Opener creates the destination of one log, given its path. Writers call
// it once per log, when the log gets its first record, so that, as with
// Zeek, a log without records leaves no file.
type Opener func(path string) (io.WriteCloser, error)

// LogDir returns an Opener that creates DIR/PATH.log.
func LogDir(dir string) Opener {
	return func(path string) (io.WriteCloser, error) {
		return os.Create(filepath.Join(dir, path+".log"))
	}
}

// logFiles holds the logs a writer opened with an Opener.
type logFiles struct {
	open   Opener
	w      [numLogs]*bufio.Writer
	closer [numLogs]io.Closer
}

// get returns the log's writer, opening it the first time (fresh is then
// true).
func (l *logFiles) get(id logID) (w *bufio.Writer, fresh bool, err error) {
	if l.w[id] != nil {
		return l.w[id], false, nil
	}
	f, err := l.open(logPaths[id])
	if err != nil {
		return nil, false, err
	}
	l.w[id], l.closer[id] = bufio.NewWriterSize(f, 64<<10), f
	return l.w[id], true, nil
}

func (l *logFiles) close() error {
	var errs []error
	for id := range numLogs {
		if l.w[id] == nil {
			continue
		}
		errs = append(errs, l.w[id].Flush(), l.closer[id].Close())
		l.w[id] = nil
	}
	return errors.Join(errs...)
}
