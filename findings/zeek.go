package findings

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"math"
	"sort"
	"strconv"
	"time"
	"unicode/utf8"
)

// The Zeek logs carry the same fields as the JSON records, under the same
// names; nested objects (evidence, remediation) are flattened with dots as
// Zeek flattens record fields. A JSON null or an omitted field is an unset
// field. Lists of objects become vector[string]: an unsigned message is
// "FRAME FROM COMMAND[ STATUS]", an anomaly "NAME=COUNT".

// Zeek's ASCII conventions.
const (
	zeekSeparator    = '\t'
	zeekSetSeparator = ','
	zeekEmptyField   = "(empty)"
	zeekUnsetField   = "-"
	zeekTimeFormat   = "2006-01-02-15-04-05"
)

// zv is one field value of a Zeek log record.
type zv struct {
	unset bool
	s     string   // string, enum, addr
	n     uint64   // count, port
	b     bool     // bool
	t     Time     // time
	list  []string // set[string], vector[string]
	nums  []uint64 // vector[count]
}

// zcol is one column of a log: name, Zeek type, and how to read it from a
// record.
type zcol[T any] struct {
	name, typ string
	get       func(*T) zv
}

var unset = zv{unset: true}

func zstr(s string) zv { return zv{s: s} }
func zopt(p *string) zv {
	if p == nil {
		return unset
	}
	return zv{s: *p}
}

// zomit is a field JSON omits when empty.
func zomit(s string) zv {
	if s == "" {
		return unset
	}
	return zv{s: s}
}
func zcount[N int | uint16 | uint64](n N) zv { return zv{n: uint64(n)} }
func zomitCount[N int | uint64](n N) zv {
	if n == 0 {
		return unset
	}
	return zv{n: uint64(n)}
}
func zbool(b bool) zv { return zv{b: b} }
func zoptBool(p *bool) zv {
	if p == nil {
		return unset
	}
	return zv{b: *p}
}
func zomitBool(b bool) zv {
	if !b {
		return unset
	}
	return zv{b: true}
}
func ztime(t Time) zv { return zv{t: t} }

// zlist: nil is unset (JSON null), empty is the empty set.
func zlist(l []string) zv {
	if l == nil {
		return unset
	}
	return zv{list: l}
}
func zomitList(l []string) zv {
	if len(l) == 0 {
		return unset
	}
	return zv{list: l}
}
func znums(l []uint64) zv {
	if l == nil {
		return unset
	}
	return zv{nums: l}
}

func messageStrings(ms []MessageRecord) []string {
	if len(ms) == 0 {
		return nil
	}
	out := make([]string, len(ms))
	for i, m := range ms {
		s := strconv.FormatUint(m.Frame, 10) + " " + m.From + " " + m.Command
		if m.Status != "" {
			s += " " + m.Status
		}
		out[i] = s
	}
	return out
}

func anomalyStrings(m map[string]int) []string {
	if len(m) == 0 {
		return nil
	}
	out := make([]string, 0, len(m))
	for k, v := range m {
		out = append(out, k+"="+strconv.Itoa(v))
	}
	sort.Strings(out)
	return out
}

var sessionColumns = []zcol[SessionRecord]{
	{"ts", "time", func(r *SessionRecord) zv { return ztime(r.TS) }},
	{"uid", "string", func(r *SessionRecord) zv { return zstr(r.UID) }},
	{"id.orig_h", "addr", func(r *SessionRecord) zv { return zstr(r.OrigH.String()) }},
	{"id.orig_p", "port", func(r *SessionRecord) zv { return zcount(r.OrigP) }},
	{"id.resp_h", "addr", func(r *SessionRecord) zv { return zstr(r.RespH.String()) }},
	{"id.resp_p", "port", func(r *SessionRecord) zv { return zcount(r.RespP) }},
	{"community_id", "string", func(r *SessionRecord) zv { return zstr(r.CommunityID) }},
	{"dialect", "string", func(r *SessionRecord) zv { return zopt(r.Dialect) }},
	{"session_id", "string", func(r *SessionRecord) zv { return zopt(r.SessionID) }},
	{"client_signing", "enum", func(r *SessionRecord) zv { return zstr(r.ClientSigning) }},
	{"server_signing", "enum", func(r *SessionRecord) zv { return zstr(r.ServerSigning) }},
	{"signing_required", "bool", func(r *SessionRecord) zv { return zoptBool(r.SigningRequired) }},
	{"auth", "enum", func(r *SessionRecord) zv { return zstr(r.Auth) }},
	{"user", "string", func(r *SessionRecord) zv { return zopt(r.User) }},
	{"domain", "string", func(r *SessionRecord) zv { return zopt(r.Domain) }},
	{"workstation", "string", func(r *SessionRecord) zv { return zopt(r.Workstation) }},
	{"guest", "bool", func(r *SessionRecord) zv { return zbool(r.Guest) }},
	{"anonymous", "bool", func(r *SessionRecord) zv { return zbool(r.Anonymous) }},
	{"setup_status", "string", func(r *SessionRecord) zv { return zopt(r.SetupStatus) }},
	{"signed_msgs", "count", func(r *SessionRecord) zv { return zcount(r.SignedMsgs) }},
	{"unsigned_msgs", "count", func(r *SessionRecord) zv { return zcount(r.UnsignedMsgs) }},
	{"encrypted_msgs", "count", func(r *SessionRecord) zv { return zcount(r.EncryptedMsgs) }},
	{"outcome", "enum", func(r *SessionRecord) zv { return zstr(r.Outcome) }},
	{"reasons", "vector[string]", func(r *SessionRecord) zv { return zlist(r.Reasons) }},
	{"input", "string", func(r *SessionRecord) zv { return zstr(r.Input) }},
	{"transport", "enum", func(r *SessionRecord) zv { return zstr(r.Transport) }},
	{"smb_version", "enum", func(r *SessionRecord) zv { return zstr(r.SMBVersion) }},
	{"dialects_offered", "vector[string]", func(r *SessionRecord) zv { return zomitList(r.DialectsOffered) }},
	{"client_security_mode", "string", func(r *SessionRecord) zv { return zopt(r.ClientSecurityMode) }},
	{"server_security_mode", "string", func(r *SessionRecord) zv { return zopt(r.ServerSecurityMode) }},
	{"signing_algorithm", "string", func(r *SessionRecord) zv { return zomit(r.SigningAlgorithm) }},
	{"cipher", "string", func(r *SessionRecord) zv { return zomit(r.Cipher) }},
	{"server_name", "string", func(r *SessionRecord) zv { return zomit(r.ServerName) }},
	{"ntlm_version", "string", func(r *SessionRecord) zv { return zomit(r.NTLMVersion) }},
	{"krb_realm", "string", func(r *SessionRecord) zv { return zomit(r.KerberosRealm) }},
	{"krb_sname", "string", func(r *SessionRecord) zv { return zomit(r.KerberosSName) }},
	{"krb_etype", "string", func(r *SessionRecord) zv { return zomit(r.KerberosEtype) }},
	{"ntlm_flags", "set[string]", func(r *SessionRecord) zv { return zomitList(r.NTLMFlags) }},
	{"mechs_offered", "vector[string]", func(r *SessionRecord) zv { return zomitList(r.MechsOffered) }},
	{"session_flags", "string", func(r *SessionRecord) zv { return zopt(r.SessionFlags) }},
	{"signed_negotiation_msgs", "count", func(r *SessionRecord) zv { return zcount(r.SignedNegotiation) }},
	{"exempt_msgs", "count", func(r *SessionRecord) zv { return zcount(r.ExemptMsgs) }},
	{"unexpected_unsigned_msgs", "count", func(r *SessionRecord) zv { return zcount(r.UnexpectedUnsigned) }},
	{"unsigned_samples", "vector[string]", func(r *SessionRecord) zv { return zomitList(messageStrings(r.UnsignedSamples)) }},
	{"setup_frame", "count", func(r *SessionRecord) zv { return zomitCount(r.SetupFrame) }},
	{"first_frame", "count", func(r *SessionRecord) zv { return zcount(r.FirstFrame) }},
	{"last_frame", "count", func(r *SessionRecord) zv { return zcount(r.LastFrame) }},
	{"share_encrypt", "bool", func(r *SessionRecord) zv { return zomitBool(r.TreeEncrypt) }},
	{"reauthentications", "count", func(r *SessionRecord) zv { return zomitCount(r.Reauthentications) }},
	{"anomalies", "vector[string]", func(r *SessionRecord) zv { return zomitList(anomalyStrings(r.Anomalies)) }},
}

var findingColumns = []zcol[FindingRecord]{
	{"ts", "time", func(r *FindingRecord) zv { return ztime(r.TS) }},
	{"finding", "enum", func(r *FindingRecord) zv { return zstr(r.Finding) }},
	{"severity", "enum", func(r *FindingRecord) zv { return zstr(string(r.Severity)) }},
	{"subject", "string", func(r *FindingRecord) zv { return zstr(r.Subject) }},
	{"uid", "string", func(r *FindingRecord) zv { return zstr(r.UID) }},
	{"id.orig_h", "addr", func(r *FindingRecord) zv { return zstr(r.OrigH.String()) }},
	{"id.orig_p", "port", func(r *FindingRecord) zv { return zcount(r.OrigP) }},
	{"id.resp_h", "addr", func(r *FindingRecord) zv { return zstr(r.RespH.String()) }},
	{"id.resp_p", "port", func(r *FindingRecord) zv { return zcount(r.RespP) }},
	{"community_id", "string", func(r *FindingRecord) zv { return zstr(r.CommunityID) }},
	{"description", "string", func(r *FindingRecord) zv { return zstr(r.Description) }},
	{"evidence.input", "string", func(r *FindingRecord) zv { return zomit(r.Evidence.Input) }},
	{"evidence.count", "count", func(r *FindingRecord) zv { return zcount(r.Evidence.Count) }},
	{"evidence.first_seen", "time", func(r *FindingRecord) zv { return ztime(r.Evidence.FirstSeen) }},
	{"evidence.last_seen", "time", func(r *FindingRecord) zv { return ztime(r.Evidence.LastSeen) }},
	{"evidence.uids", "vector[string]", func(r *FindingRecord) zv { return zlist(r.Evidence.UIDs) }},
	{"evidence.frames", "vector[count]", func(r *FindingRecord) zv { return znums(r.Evidence.Frames) }},
	{"evidence.session_id", "string", func(r *FindingRecord) zv { return zomit(r.Evidence.SessionID) }},
	{"evidence.user", "string", func(r *FindingRecord) zv { return zomit(r.Evidence.User) }},
	{"evidence.dialect", "string", func(r *FindingRecord) zv { return zomit(r.Evidence.Dialect) }},
	{"evidence.security_mode", "string", func(r *FindingRecord) zv { return zomit(r.Evidence.Mode) }},
	{"evidence.messages", "vector[string]", func(r *FindingRecord) zv { return zomitList(messageStrings(r.Evidence.Messages)) }},
	{"evidence.detail", "string", func(r *FindingRecord) zv { return zomit(r.Evidence.Detail) }},
	{"evidence.truncated", "bool", func(r *FindingRecord) zv { return zomitBool(r.Evidence.Truncated) }},
	{"remediation.summary", "string", func(r *FindingRecord) zv { return zstr(r.Remediation.Summary) }},
	{"remediation.group_policy", "string", func(r *FindingRecord) zv { return zomit(r.Remediation.GroupPolicy) }},
	{"remediation.registry", "string", func(r *FindingRecord) zv { return zomit(r.Remediation.Registry) }},
	{"remediation.powershell", "string", func(r *FindingRecord) zv { return zomit(r.Remediation.PowerShell) }},
	{"remediation.samba", "string", func(r *FindingRecord) zv { return zomit(r.Remediation.Samba) }},
	{"remediation.reference", "string", func(r *FindingRecord) zv { return zomit(r.Remediation.Reference) }},
}

var hostColumns = []zcol[HostRecord]{
	{"ts", "time", func(r *HostRecord) zv { return ztime(r.TS) }},
	{"host", "addr", func(r *HostRecord) zv { return zstr(r.Host.String()) }},
	{"role", "enum", func(r *HostRecord) zv { return zstr(r.Role) }},
	{"posture", "enum", func(r *HostRecord) zv { return zstr(r.Posture) }},
	{"names", "set[string]", func(r *HostRecord) zv { return zlist(r.Names) }},
	{"dialects", "set[string]", func(r *HostRecord) zv { return zlist(r.Dialects) }},
	{"signing_required", "enum", func(r *HostRecord) zv { return zstr(r.SigningRequired) }},
	{"negotiations", "count", func(r *HostRecord) zv { return zcount(r.Negotiations) }},
	{"negotiations_not_requiring", "count", func(r *HostRecord) zv { return zcount(r.NotRequired) }},
	{"smb1_offered", "bool", func(r *HostRecord) zv { return zbool(r.SMB1Offered) }},
	{"smb1_used", "bool", func(r *HostRecord) zv { return zbool(r.SMB1Used) }},
	{"encryption_seen", "bool", func(r *HostRecord) zv { return zbool(r.EncryptionSeen) }},
	{"connections", "count", func(r *HostRecord) zv { return zcount(r.Connections) }},
	{"peers", "count", func(r *HostRecord) zv { return zcount(r.Peers) }},
	{"sessions", "count", func(r *HostRecord) zv { return zcount(r.Sessions) }},
	{"sessions_signed", "count", func(r *HostRecord) zv { return zcount(r.Signed) }},
	{"sessions_unsigned", "count", func(r *HostRecord) zv { return zcount(r.Unsigned) }},
	{"sessions_encrypted", "count", func(r *HostRecord) zv { return zcount(r.Encrypted) }},
	{"sessions_mixed", "count", func(r *HostRecord) zv { return zcount(r.Mixed) }},
	{"sessions_failed", "count", func(r *HostRecord) zv { return zcount(r.Failed) }},
	{"sessions_unknown", "count", func(r *HostRecord) zv { return zcount(r.Unknown) }},
	{"sessions_guest", "count", func(r *HostRecord) zv { return zcount(r.Guest) }},
	{"sessions_anonymous", "count", func(r *HostRecord) zv { return zcount(r.Anonymous) }},
	{"users", "set[string]", func(r *HostRecord) zv { return zlist(r.Users) }},
	{"first_seen", "time", func(r *HostRecord) zv { return ztime(r.FirstSeen) }},
	{"last_seen", "time", func(r *HostRecord) zv { return ztime(r.LastSeen) }},
}

// zschema is a log's columns, without their record type.
type zschema struct {
	names, types []string
}

func schemaOf[T any](cols []zcol[T]) zschema {
	var s zschema
	for _, c := range cols {
		s.names = append(s.names, c.name)
		s.types = append(s.types, c.typ)
	}
	return s
}

var zschemas = [numLogs]zschema{schemaOf(sessionColumns), schemaOf(findingColumns), schemaOf(hostColumns)}

func rowOf[T any](cols []zcol[T], r *T) []zv {
	row := make([]zv, len(cols))
	for i, c := range cols {
		row[i] = c.get(r)
	}
	return row
}

// appendZeekString appends s as Zeek's ASCII writer writes a string: empty
// is "(empty)"; a value equal to "-" or "(empty)" has its first byte
// escaped; a backslash is doubled; control characters, bytes that are not
// valid UTF-8, and, inside a set or vector, the set separator are written
// as \xNN. Valid UTF-8 passes through (LogAscii::enable_utf_8, Zeek's
// default). The column separator (tab) is a control character, so it is
// always escaped.
func appendZeekString(b []byte, s string, inSet bool) []byte {
	if s == "" {
		return append(b, zeekEmptyField...)
	}
	if s == zeekUnsetField || s == zeekEmptyField {
		b = appendHexEscape(b, s[0])
		return append(b, s[1:]...)
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '\\':
				b = append(b, '\\', '\\')
			case c < 0x20 || c == 0x7f || (inSet && c == zeekSetSeparator):
				b = appendHexEscape(b, c)
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r < 0xa0 { // invalid, or a C1 control
			for j := i; j < i+size; j++ {
				b = appendHexEscape(b, s[j])
			}
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return b
}

func appendHexEscape(b []byte, c byte) []byte {
	const hex = "0123456789abcdef"
	return append(b, '\\', 'x', hex[c>>4], hex[c&0xf])
}

// appendTSV appends one value in Zeek's ASCII format.
func appendTSV(b []byte, typ string, v zv) []byte {
	if v.unset {
		return append(b, zeekUnsetField...)
	}
	switch typ {
	case "time", "interval":
		return v.t.AppendText(b)
	case "string", "enum":
		return appendZeekString(b, v.s, false)
	case "addr":
		return append(b, v.s...)
	case "count", "port":
		return strconv.AppendUint(b, v.n, 10)
	case "bool":
		if v.b {
			return append(b, 'T')
		}
		return append(b, 'F')
	case "vector[count]":
		if len(v.nums) == 0 {
			return append(b, zeekEmptyField...)
		}
		for i, n := range v.nums {
			if i > 0 {
				b = append(b, zeekSetSeparator)
			}
			b = strconv.AppendUint(b, n, 10)
		}
		return b
	default: // set[string], vector[string]
		if len(v.list) == 0 {
			return append(b, zeekEmptyField...)
		}
		for i, s := range v.list {
			if i > 0 {
				b = append(b, zeekSetSeparator)
			}
			b = appendZeekString(b, s, true)
		}
		return b
	}
}

// zlog is the state of one log of a Zeek writer.
type zlog struct {
	w *bufio.Writer
	n int // records written
}

// zeekLogs routes records to logs and keeps the network time: the latest
// time any record showed. It is shared by the TSV and JSON styles.
type zeekLogs struct {
	files logFiles
	logs  [numLogs]zlog
	now   time.Time
	line  []byte
	// Flush writes each record through at once, so that a live consumer
	// sees records as soon as they exist.
	Flush bool
}

// start returns the log's writer; header is true for its first record.
// latest is the latest time the record shows.
func (z *zeekLogs) start(id logID, latest Time) (w *bufio.Writer, header bool, err error) {
	w, fresh, err := z.files.get(id)
	if err != nil {
		return nil, false, err
	}
	l := &z.logs[id]
	l.w = w
	l.n++
	if t := time.Time(latest); t.After(z.now) {
		z.now = t
	}
	return w, fresh, nil
}

// latestOf is the latest time a finding shows.
func latestOf(r *FindingRecord) Time {
	if time.Time(r.Evidence.LastSeen).After(time.Time(r.TS)) {
		return r.Evidence.LastSeen
	}
	return r.TS
}

// ZeekWriter writes Zeek ASCII (TSV) logs, as Zeek's ASCII writer does
// with its default settings: a header block (#separator, #set_separator,
// #empty_field, #unset_field, #path, #open, #fields, #types), one line per
// record, and #close. As Zeek does when it reads a capture, the times are
// network time, not the wall clock, so that the same capture always gives
// the same logs: #open is the ts of the log's first record (Zeek opens a
// log at its first write, so records written at the end of a connection
// can be older than #open), and #close, the same for every log, is the
// latest time any record of the run showed (ts, a finding's last_seen, a
// host's last_seen). Both are in UTC.
type ZeekWriter struct {
	zeekLogs
	stream  io.Writer              // one stream: the logs one after another
	pending [numLogs]*bytes.Buffer // on one stream, the logs after the first wait here
	blocks  bool                   // one stream, each log block ended when another log is written
}

// NewZeekWriter returns a ZeekWriter that writes the three logs to w, one
// after another, each with its own header block. The session log is
// written as it comes; the finding and host logs are held until Close.
func NewZeekWriter(w io.Writer) *ZeekWriter {
	z := &ZeekWriter{stream: w}
	z.files.open = func(path string) (io.WriteCloser, error) {
		if path == SessionLog {
			return nopCloser{w}, nil
		}
		for id, p := range logPaths {
			if p == path {
				z.pending[id] = new(bytes.Buffer)
				return nopCloser{z.pending[id]}, nil
			}
		}
		return nil, errors.New("findings: unknown log " + path)
	}
	return z
}

// NewZeekLogWriter returns a ZeekWriter that writes each log to its own
// destination.
func NewZeekLogWriter(open Opener) *ZeekWriter {
	z := &ZeekWriter{}
	z.files.open = open
	return z
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

func (z *ZeekWriter) Session(r *SessionRecord) error {
	return z.write(sessionLogID, r.TS, r.TS, rowOf(sessionColumns, r))
}
func (z *ZeekWriter) Finding(r *FindingRecord) error {
	return z.write(findingLogID, r.TS, latestOf(r), rowOf(findingColumns, r))
}
func (z *ZeekWriter) Host(r *HostRecord) error {
	return z.write(hostLogID, r.TS, r.LastSeen, rowOf(hostColumns, r))
}

// Input does nothing: Zeek logs have no per-input records.
func (z *ZeekWriter) Input(*InputSummary) error { return nil }

func (z *ZeekWriter) write(id logID, ts, latest Time, row []zv) error {
	if z.blocks {
		if err := z.endOtherBlocks(id); err != nil {
			return err
		}
	}
	w, header, err := z.start(id, latest)
	if err != nil {
		return err
	}
	b := z.line[:0]
	if header {
		b = appendZeekHeader(b, id, time.Time(ts))
	}
	for i, v := range row {
		if i > 0 {
			b = append(b, zeekSeparator)
		}
		b = appendTSV(b, zschemas[id].types[i], v)
	}
	b = append(b, '\n')
	z.line = b
	_, err = w.Write(b)
	if err == nil && z.Flush {
		err = w.Flush()
	}
	return err
}

func appendZeekHeader(b []byte, id logID, open time.Time) []byte {
	b = append(b, "#separator \\x09\n"...)
	b = append(b, "#set_separator\t,\n"...)
	b = append(b, "#empty_field\t"+zeekEmptyField+"\n"...)
	b = append(b, "#unset_field\t"+zeekUnsetField+"\n"...)
	b = append(b, "#path\t"+logPaths[id]+"\n"...)
	b = append(b, "#open\t"...)
	b = open.UTC().AppendFormat(b, zeekTimeFormat)
	b = append(b, "\n#fields"...)
	for _, n := range zschemas[id].names {
		b = append(b, '\t')
		b = append(b, n...)
	}
	b = append(b, "\n#types"...)
	for _, t := range zschemas[id].types {
		b = append(b, '\t')
		b = append(b, t...)
	}
	return append(b, '\n')
}

// Close writes each log's #close line and, on one stream, the held logs.
func (z *ZeekWriter) Close() error {
	var errs []error
	for id := range numLogs {
		l := &z.logs[id]
		if l.n == 0 {
			continue
		}
		b := append([]byte("#close\t"), z.now.UTC().Format(zeekTimeFormat)...)
		_, err := l.w.Write(append(b, '\n'))
		errs = append(errs, err)
		if z.stream != nil {
			errs = append(errs, l.w.Flush())
			if buf := z.pending[id]; buf != nil {
				_, err := buf.WriteTo(z.stream)
				errs = append(errs, err)
			}
		}
	}
	errs = append(errs, z.files.close())
	return errors.Join(errs...)
}

// ZeekJSONWriter writes the logs as Zeek's JSON writer does
// (LogAscii::use_json): one object per line, the fields in log order under
// their dotted names, unset fields left out, ts as epoch seconds, sets and
// vectors as arrays. On one stream every object starts with "_path", the
// log's name, as Zeek's exporters to Kafka and syslog do, so the three logs
// can be told apart.
type ZeekJSONWriter struct {
	zeekLogs
	stream *bufio.Writer
}

// NewZeekJSONWriter returns a ZeekJSONWriter writing every record to w, in
// the order they come.
func NewZeekJSONWriter(w io.Writer) *ZeekJSONWriter {
	z := &ZeekJSONWriter{stream: bufio.NewWriterSize(w, 64<<10)}
	z.files.open = func(string) (io.WriteCloser, error) { return nopCloser{z.stream}, nil }
	return z
}

// NewZeekJSONLogWriter returns a ZeekJSONWriter that writes each log to
// its own destination.
func NewZeekJSONLogWriter(open Opener) *ZeekJSONWriter {
	z := &ZeekJSONWriter{}
	z.files.open = open
	return z
}

func (z *ZeekJSONWriter) Session(r *SessionRecord) error {
	return z.write(sessionLogID, rowOf(sessionColumns, r))
}
func (z *ZeekJSONWriter) Finding(r *FindingRecord) error {
	return z.write(findingLogID, rowOf(findingColumns, r))
}
func (z *ZeekJSONWriter) Host(r *HostRecord) error {
	return z.write(hostLogID, rowOf(hostColumns, r))
}

// Input does nothing: Zeek logs have no per-input records.
func (z *ZeekJSONWriter) Input(*InputSummary) error { return nil }

func (z *ZeekJSONWriter) write(id logID, row []zv) error {
	w, _, err := z.start(id, Time{})
	if err != nil {
		return err
	}
	b := append(z.line[:0], '{')
	first := true
	if z.stream != nil {
		b = append(b, `"_path":`...)
		b = appendZeekJSONString(b, logPaths[id])
		first = false
	}
	for i, v := range row {
		if v.unset {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = appendZeekJSONString(b, zschemas[id].names[i])
		b = append(b, ':')
		b = appendZeekJSON(b, zschemas[id].types[i], v)
	}
	b = append(b, '}', '\n')
	z.line = b
	_, err = w.Write(b)
	if err == nil && z.Flush {
		err = w.Flush()
		if err == nil && z.stream != nil {
			err = z.stream.Flush()
		}
	}
	return err
}

func (z *ZeekJSONWriter) Close() error {
	err := z.files.close()
	if z.stream != nil {
		err = errors.Join(err, z.stream.Flush())
	}
	return err
}

// appendZeekJSON appends one value as Zeek's JSON formatter does.
func appendZeekJSON(b []byte, typ string, v zv) []byte {
	switch typ {
	case "time", "interval":
		return appendZeekJSONDouble(b, float64(time.Time(v.t).UnixMicro())/1e6)
	case "count", "port":
		return strconv.AppendUint(b, v.n, 10)
	case "bool":
		return strconv.AppendBool(b, v.b)
	case "vector[count]":
		b = append(b, '[')
		for i, n := range v.nums {
			if i > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendUint(b, n, 10)
		}
		return append(b, ']')
	case "set[string]", "vector[string]":
		b = append(b, '[')
		for i, s := range v.list {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendZeekJSONString(b, s)
		}
		return append(b, ']')
	default: // string, enum, addr
		return appendZeekJSONString(b, v.s)
	}
}

// appendZeekJSONDouble writes the shortest decimal that reads back as d,
// with ".0" after a whole number, as Zeek's JSON writer (RapidJSON) does.
func appendZeekJSONDouble(b []byte, d float64) []byte {
	if math.IsNaN(d) || math.IsInf(d, 0) {
		return append(b, "null"...)
	}
	start := len(b)
	b = strconv.AppendFloat(b, d, 'f', -1, 64)
	if !bytes.ContainsRune(b[start:], '.') {
		b = append(b, '.', '0')
	}
	return b
}

// appendZeekJSONString writes s as a JSON string. Bytes that are not valid
// UTF-8 are written as the text \xNN, as Zeek's json_escape_utf8 does.
func appendZeekJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, `\n`...)
			case c == '\r':
				b = append(b, `\r`...)
			case c == '\t':
				b = append(b, `\t`...)
			case c < 0x20:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, '\\', '\\', 'x', hex[c>>4], hex[c&0xf])
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}
