package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"net/netip"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// A reader of Zeek ASCII logs, written from Zeek's description of the
// format (docs.zeek.org, "Zeek Log Formats"): a header block of #-lines
// (#separator with its value \x-escaped after a space, then
// #set_separator, #empty_field, #unset_field, #path, #open, #fields,
// #types, separated by the separator), one line per record, and #close.
// A field equal to the unset marker is unset; a set or vector equal to the
// empty marker is empty; otherwise sets and vectors are split on the set
// separator; strings carry \xNN escapes and doubled backslashes.

type zeekLog struct {
	path, open, close string
	fields, types     []string
	rows              [][]zeekValue
}

type zeekValue struct {
	unset bool
	s     string   // scalars, unescaped
	list  []string // sets and vectors, unescaped; empty but not nil when empty
}

var (
	zeekStampRe = regexp.MustCompile(`^\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d$`)
	zeekTimeRe  = regexp.MustCompile(`^-?\d+\.\d{6}$`)
	zeekCountRe = regexp.MustCompile(`^\d+$`)
)

var zeekHeaderOrder = []string{"#separator", "#set_separator", "#empty_field", "#unset_field", "#path", "#open", "#fields", "#types"}

// parseZeekTSV reads one or more Zeek ASCII logs written one after another.
func parseZeekTSV(t *testing.T, text string) []*zeekLog {
	t.Helper()
	var logs []*zeekLog
	var cur *zeekLog
	var sep, setSep, empty, unset string
	var header []string
	if text != "" && !strings.HasSuffix(text, "\n") {
		t.Errorf("zeek output does not end with a newline")
	}
	for n, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		fail := func(format string, args ...any) {
			t.Helper()
			t.Errorf("line %d: %s\n%q", n+1, fmt.Sprintf(format, args...), line)
		}
		if text == "" {
			break
		}
		if strings.HasPrefix(line, "#separator ") {
			if cur != nil {
				fail("a new header before the #close of log %s", cur.path)
			}
			sep = zeekUnescape(t, strings.TrimPrefix(line, "#separator "))
			cur, header = &zeekLog{}, []string{"#separator"}
			logs = append(logs, cur)
			continue
		}
		if cur == nil {
			fail("a line outside a log (no #separator before it)")
			continue
		}
		if strings.HasPrefix(line, "#") {
			parts := strings.Split(line, sep)
			key := parts[0]
			if key == "#close" {
				if len(parts) != 2 || !zeekStampRe.MatchString(parts[1]) {
					fail("bad #close")
				}
				if cur.open != "" && len(parts) == 2 && parts[1] < cur.open {
					fail("#close %s before #open %s", parts[1], cur.open)
				}
				cur.close = parts[1]
				cur = nil
				continue
			}
			if len(header) >= len(zeekHeaderOrder) || zeekHeaderOrder[len(header)] != key {
				fail("header line %s out of Zeek's order %v", key, zeekHeaderOrder)
			}
			header = append(header, key)
			switch key {
			case "#set_separator":
				setSep = zeekUnescape(t, parts[1])
			case "#empty_field":
				empty = parts[1]
			case "#unset_field":
				unset = parts[1]
			case "#path":
				cur.path = parts[1]
			case "#open":
				cur.open = parts[1]
				if !zeekStampRe.MatchString(cur.open) {
					fail("bad #open")
				}
			case "#fields":
				cur.fields = parts[1:]
			case "#types":
				cur.types = parts[1:]
				if len(cur.types) != len(cur.fields) {
					fail("%d types for %d fields", len(cur.types), len(cur.fields))
				}
			}
			continue
		}
		if len(header) != len(zeekHeaderOrder) {
			fail("a record before the header is complete")
			continue
		}
		raw := strings.Split(line, sep)
		if len(raw) != len(cur.fields) {
			fail("%d fields, want %d", len(raw), len(cur.fields))
			continue
		}
		row := make([]zeekValue, len(raw))
		for i, r := range raw {
			row[i] = zeekField(t, cur.fields[i], cur.types[i], r, setSep, empty, unset)
		}
		cur.rows = append(cur.rows, row)
	}
	if cur != nil {
		t.Errorf("log %s has no #close", cur.path)
	}
	if sep != "" && (sep != "\t" || setSep != "," || empty != "(empty)" || unset != "-") {
		t.Errorf("separators %q %q %q %q, want Zeek's defaults", sep, setSep, empty, unset)
	}
	return logs
}

func zeekField(t *testing.T, name, typ, raw, setSep, empty, unset string) zeekValue {
	t.Helper()
	for i := 0; i < len(raw); i++ {
		if raw[i] < 0x20 || raw[i] == 0x7f {
			t.Errorf("%s: unescaped control byte in %q", name, raw)
		}
	}
	if raw == unset {
		return zeekValue{unset: true}
	}
	elem, container := strings.CutPrefix(typ, "set[")
	if !container {
		elem, container = strings.CutPrefix(typ, "vector[")
	}
	if container {
		elem = strings.TrimSuffix(elem, "]")
		v := zeekValue{list: []string{}}
		if raw == empty {
			return v
		}
		for _, e := range strings.Split(raw, setSep) {
			if e == empty {
				e = ""
			} else {
				e = zeekUnescape(t, e)
			}
			zeekCheckScalar(t, name, elem, e)
			v.list = append(v.list, e)
		}
		return v
	}
	s := raw
	if raw == empty {
		s = ""
	} else if typ == "string" || typ == "enum" {
		s = zeekUnescape(t, raw)
	}
	zeekCheckScalar(t, name, typ, s)
	return zeekValue{s: s}
}

func zeekCheckScalar(t *testing.T, name, typ, s string) {
	t.Helper()
	ok := true
	switch typ {
	case "time", "interval":
		ok = zeekTimeRe.MatchString(s)
	case "count":
		ok = zeekCountRe.MatchString(s)
	case "port":
		n, err := strconv.ParseUint(s, 10, 16)
		ok = err == nil && strconv.FormatUint(n, 10) == s
	case "addr":
		_, err := netip.ParseAddr(s)
		ok = err == nil
	case "bool":
		ok = s == "T" || s == "F"
	case "enum":
		ok = s != ""
	case "string":
	default:
		t.Errorf("%s: %s is not a Zeek type this log uses", name, typ)
	}
	if !ok {
		t.Errorf("%s: %q is not a %s", name, s, typ)
	}
}

// zeekUnescape undoes Zeek's escapes: \xNN is a byte, \\ a backslash.
func zeekUnescape(t *testing.T, s string) string {
	t.Helper()
	if !strings.Contains(s, `\`) {
		return s
	}
	var b []byte
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			b = append(b, s[i])
			continue
		}
		switch {
		case i+1 < len(s) && s[i+1] == '\\':
			b = append(b, '\\')
			i++
		case i+3 < len(s) && s[i+1] == 'x':
			n, err := strconv.ParseUint(s[i+2:i+4], 16, 8)
			if err != nil {
				t.Errorf("bad escape in %q", s)
			}
			b = append(b, byte(n))
			i += 3
		default:
			t.Errorf("lone backslash in %q", s)
			b = append(b, '\\')
		}
	}
	return string(b)
}

// zeekJSONRecord is one object of the Zeek JSON output, with its keys in
// order.
type zeekJSONRecord struct {
	keys []string
	m    map[string]any
}

// zeekJSONRecords decodes the Zeek JSON output of one stream: every object
// starts with _path.
func zeekJSONRecords(t *testing.T, out string) []zeekJSONRecord {
	t.Helper()
	var recs []zeekJSONRecord
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.UseNumber()
		rec := zeekJSONRecord{m: make(map[string]any)}
		if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
			t.Fatalf("not a JSON object: %s", sc.Text())
		}
		for dec.More() {
			tok, err := dec.Token()
			if err != nil {
				t.Fatalf("%v: %s", err, sc.Text())
			}
			var v any
			if err := dec.Decode(&v); err != nil {
				t.Fatalf("%v: %s", err, sc.Text())
			}
			key := tok.(string)
			if _, dup := rec.m[key]; dup {
				t.Errorf("key %s twice: %s", key, sc.Text())
			}
			rec.keys = append(rec.keys, key)
			rec.m[key] = v
		}
		if len(rec.keys) == 0 || rec.keys[0] != "_path" {
			t.Errorf("object does not start with _path: %s", sc.Text())
		}
		recs = append(recs, rec)
	}
	return recs
}

// recordLog maps the JSON "type" to its Zeek log.
var recordLog = map[string]string{"session": "smb_signing", "finding": "smb_signing_findings", "host": "smb_signing_hosts"}

// jsonField finds a column's value in a JSON record: a top-level key
// (id.orig_h is one), or a key of a nested object (evidence.count).
func jsonField(rec map[string]any, name string) (any, bool) {
	if v, ok := rec[name]; ok {
		return v, true
	}
	if prefix, rest, ok := strings.Cut(name, "."); ok {
		if obj, ok := rec[prefix].(map[string]any); ok {
			v, ok := obj[rest]
			return v, ok
		}
	}
	return nil, false
}

// jsonList turns a JSON list (or the anomalies object) into the strings a
// Zeek vector holds.
func jsonList(t *testing.T, v any) []string {
	t.Helper()
	out := []string{}
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			switch e := e.(type) {
			case string:
				out = append(out, e)
			case json.Number:
				out = append(out, e.String())
			case map[string]any: // an unsigned message: FRAME FROM COMMAND[ STATUS]
				s := fmt.Sprint(e["frame"], " ", e["from"], " ", e["command"])
				if st, ok := e["status"]; ok {
					s += fmt.Sprint(" ", st)
				}
				out = append(out, s)
			default:
				t.Errorf("unexpected list element %#v", e)
			}
		}
	case map[string]any: // anomalies: NAME=COUNT, sorted
		for k, n := range v {
			out = append(out, fmt.Sprint(k, "=", n))
		}
		sort.Strings(out)
	default:
		t.Errorf("not a list: %#v", v)
	}
	return out
}

// jsonKeys lists a record's fields as Zeek names them: nested objects
// flattened with dots; "type" is the log, not a field.
func jsonKeys(rec map[string]any) []string {
	var keys []string
	for k, v := range rec {
		if k == "type" {
			continue
		}
		if obj, ok := v.(map[string]any); ok && (k == "evidence" || k == "remediation") {
			for sub := range obj {
				keys = append(keys, k+"."+sub)
			}
			continue
		}
		keys = append(keys, k)
	}
	return keys
}

// TestZeekLogsMatchJSON parses the Zeek TSV output of every capture and
// checks every value against the JSON output of the same capture: the
// same records in the same order, every JSON field a column, null or
// absent exactly where the log has unset.
func TestZeekLogsMatchJSON(t *testing.T) {
	repoRoot(t)
	for _, path := range captures(t) {
		t.Run(strings.TrimPrefix(path, "testdata/pcaps/"), func(t *testing.T) {
			jsonOut, _, code := analyseFile(t, path)
			zeekOut, _, code2 := analyseFile(t, "-f", "zeek", path)
			if code != 0 || code2 != 0 {
				t.Fatalf("exit codes %d %d", code, code2)
			}
			byLog := make(map[string][]map[string]any)
			for _, r := range jsonRecordsNumbers(t, jsonOut) {
				log := recordLog[r["type"].(string)]
				byLog[log] = append(byLog[log], r)
			}
			logs := parseZeekTSV(t, zeekOut)
			var paths []string
			for _, l := range logs {
				paths = append(paths, l.path)
			}
			var want []string
			for _, p := range []string{"smb_signing", "smb_signing_findings", "smb_signing_hosts"} {
				if len(byLog[p]) > 0 {
					want = append(want, p)
				}
			}
			if !slices.Equal(paths, want) {
				t.Fatalf("logs %v, want %v (one per record kind, in that order)", paths, want)
			}
			for _, l := range logs {
				recs := byLog[l.path]
				if len(l.rows) != len(recs) {
					t.Errorf("%s: %d rows, JSON has %d records", l.path, len(l.rows), len(recs))
					continue
				}
				for i, row := range l.rows {
					rec := recs[i]
					for _, k := range jsonKeys(rec) {
						if !slices.Contains(l.fields, k) {
							t.Errorf("%s row %d: JSON field %s has no column", l.path, i+1, k)
						}
					}
					for c, name := range l.fields {
						where := fmt.Sprintf("%s row %d %s", l.path, i+1, name)
						j, present := jsonField(rec, name)
						compareZeekJSON(t, where, l.types[c], row[c], j, present)
					}
				}
			}
		})
	}
}

func compareZeekJSON(t *testing.T, where, typ string, z zeekValue, j any, present bool) {
	t.Helper()
	if !present || j == nil {
		if !z.unset {
			t.Errorf("%s: JSON null or absent, log has %q %q", where, z.s, z.list)
		}
		return
	}
	if z.unset {
		t.Errorf("%s: log unset, JSON has %v", where, j)
		return
	}
	var got string
	switch typ {
	case "time", "count", "port":
		got = j.(json.Number).String()
	case "bool":
		got = "F"
		if j.(bool) {
			got = "T"
		}
	case "string", "enum", "addr":
		got = j.(string)
	default:
		if l := jsonList(t, j); !slices.Equal(l, z.list) {
			t.Errorf("%s: JSON %q, log %q", where, l, z.list)
		}
		return
	}
	if got != z.s {
		t.Errorf("%s: JSON %q, log %q", where, got, z.s)
	}
}

func jsonRecordsNumbers(t *testing.T, out string) []map[string]any {
	t.Helper()
	var recs []map[string]any
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.UseNumber()
		var m map[string]any
		if err := dec.Decode(&m); err != nil {
			t.Fatalf("%v: %s", err, sc.Text())
		}
		recs = append(recs, m)
	}
	return recs
}

// TestZeekJSONMatchesZeekTSV checks, for every capture, that the Zeek JSON
// output holds the same logs, records and values as the Zeek TSV output:
// keys in column order, unset fields absent, times as epoch numbers, sets
// and vectors as arrays.
func TestZeekJSONMatchesZeekTSV(t *testing.T) {
	repoRoot(t)
	for _, path := range captures(t) {
		t.Run(strings.TrimPrefix(path, "testdata/pcaps/"), func(t *testing.T) {
			zjOut, _, code := analyseFile(t, "-f", "zeek-json", path)
			zeekOut, _, code2 := analyseFile(t, "-f", "zeek", path)
			if code != 0 || code2 != 0 {
				t.Fatalf("exit codes %d %d", code, code2)
			}
			byLog := make(map[string][]zeekJSONRecord)
			for _, r := range zeekJSONRecords(t, zjOut) {
				p := r.m["_path"].(string)
				byLog[p] = append(byLog[p], r)
			}
			logs := parseZeekTSV(t, zeekOut)
			if len(logs) != len(byLog) {
				t.Errorf("%d TSV logs, %d JSON paths", len(logs), len(byLog))
			}
			for _, l := range logs {
				recs := byLog[l.path]
				if len(recs) != len(l.rows) {
					t.Errorf("%s: %d TSV rows, %d JSON objects", l.path, len(l.rows), len(recs))
					continue
				}
				for i, row := range l.rows {
					var wantKeys []string
					for c, name := range l.fields {
						if !row[c].unset {
							wantKeys = append(wantKeys, name)
						}
					}
					if got := recs[i].keys[1:]; !slices.Equal(got, wantKeys) {
						t.Errorf("%s row %d: JSON keys %v, want the set columns in order %v", l.path, i+1, got, wantKeys)
						continue
					}
					for c, name := range l.fields {
						if row[c].unset {
							continue
						}
						where := fmt.Sprintf("%s row %d %s", l.path, i+1, name)
						compareZeekJSONStyle(t, where, l.types[c], row[c], recs[i].m[name])
					}
				}
			}
		})
	}
}

func compareZeekJSONStyle(t *testing.T, where, typ string, z zeekValue, j any) {
	t.Helper()
	switch typ {
	case "time", "interval":
		num := j.(json.Number).String()
		f, err := strconv.ParseFloat(num, 64)
		if err != nil || !strings.Contains(num, ".") {
			t.Errorf("%s: %s is not an epoch time as Zeek writes it", where, num)
		}
		us := int64(math.Round(f * 1e6))
		if got := fmt.Sprintf("%d.%06d", us/1e6, us%1e6); got != z.s {
			t.Errorf("%s: JSON %s, log %s", where, num, z.s)
		}
	case "count", "port":
		if j.(json.Number).String() != z.s {
			t.Errorf("%s: JSON %v, log %s", where, j, z.s)
		}
	case "bool":
		if j.(bool) != (z.s == "T") {
			t.Errorf("%s: JSON %v, log %s", where, j, z.s)
		}
	case "string", "enum", "addr":
		if j.(string) != zeekJSONText(z.s) {
			t.Errorf("%s: JSON %q, log %q", where, j, z.s)
		}
	default:
		l := jsonList(t, j)
		want := make([]string, len(z.list))
		for i, s := range z.list {
			want[i] = zeekJSONText(s)
		}
		if !slices.Equal(l, want) {
			t.Errorf("%s: JSON %q, log %q", where, l, z.list)
		}
	}
}

// zeekJSONText is a string as Zeek's JSON writer gives it: bytes that are
// not UTF-8 as the text \xNN.
func zeekJSONText(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			fmt.Fprintf(&b, `\x%02x`, s[i])
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}
