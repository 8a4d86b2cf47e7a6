package findings

import (
	"bufio"
	"encoding/json"
	"io"
)

// JSONWriter writes one JSON object per line (NDJSON). Each line is flushed
// when Flush is true, so a live consumer sees records as soon as they exist.
type JSONWriter struct {
	bw    *bufio.Writer
	enc   *json.Encoder
	Flush bool
}

// NewJSONWriter returns a JSONWriter on w.
func NewJSONWriter(w io.Writer) *JSONWriter {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return &JSONWriter{bw: bw, enc: enc}
}

func (j *JSONWriter) write(v any) error {
	if err := j.enc.Encode(v); err != nil {
		return err
	}
	if j.Flush {
		return j.bw.Flush()
	}
	return nil
}

func (j *JSONWriter) Session(r *SessionRecord) error { return j.write(r) }
func (j *JSONWriter) Finding(r *FindingRecord) error { return j.write(r) }
func (j *JSONWriter) Close() error                   { return j.bw.Flush() }
