package findings

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
)

// JSONWriter writes one JSON object per line (NDJSON): session, finding and
// host records, each with its "type". Each line is flushed when Flush is
// true, so a live consumer sees records as soon as they exist.
type JSONWriter struct {
	stream *bufio.Writer // one stream, or
	files  *logFiles     // one file per log
	buf    bytes.Buffer
	line   []byte    // scratch for the records encoded without reflection
	texts  kindTexts // encoded texts of finding kinds
	enc    *json.Encoder
	Flush  bool
}

// NewJSONWriter returns a JSONWriter writing every record to w.
func NewJSONWriter(w io.Writer) *JSONWriter {
	j := &JSONWriter{stream: bufio.NewWriterSize(w, 64<<10)}
	j.init()
	return j
}

// NewJSONLogWriter returns a JSONWriter writing each log (SessionLog,
// FindingLog, HostLog) to its own destination.
func NewJSONLogWriter(open Opener) *JSONWriter {
	j := &JSONWriter{files: &logFiles{open: open}}
	j.init()
	return j
}

func (j *JSONWriter) init() {
	j.texts = make(kindTexts)
	j.enc = json.NewEncoder(&j.buf)
	j.enc.SetEscapeHTML(false)
}

func (j *JSONWriter) write(id logID, v any) error {
	var line []byte
	switch r := v.(type) {
	case *SessionRecord:
		j.line = append(appendSessionJSON(j.line[:0], r), '\n')
		line = j.line
	case *FindingRecord:
		j.line = append(appendFindingJSON(j.line[:0], r, j.texts), '\n')
		line = j.line
	default:
		j.buf.Reset()
		if err := j.enc.Encode(v); err != nil {
			return err
		}
		line = j.buf.Bytes()
	}
	w := j.stream
	if w == nil {
		var err error
		if w, _, err = j.files.get(id); err != nil {
			return err
		}
	}
	if _, err := w.Write(line); err != nil {
		return err
	}
	if j.Flush {
		return w.Flush()
	}
	return nil
}

func (j *JSONWriter) Session(r *SessionRecord) error { return j.write(sessionLogID, r) }
func (j *JSONWriter) Finding(r *FindingRecord) error { return j.write(findingLogID, r) }
func (j *JSONWriter) Host(r *HostRecord) error       { return j.write(hostLogID, r) }

// Input does nothing: the JSON output has no per-input records.
func (j *JSONWriter) Input(*InputSummary) error { return nil }

func (j *JSONWriter) Close() error {
	if j.stream != nil {
		return j.stream.Flush()
	}
	return j.files.close()
}
