package findings

import (
	"bytes"
	"encoding/json"
	"io"
	"net/netip"
	"strings"
	"testing"
	"time"
)

func TestZeekStringEscaping(t *testing.T) {
	tests := []struct {
		in    string
		inSet bool
		want  string
	}{
		{"", false, "(empty)"},
		{"-", false, `\x2d`},             // would read as unset
		{"(empty)", false, `\x28empty)`}, // would read as empty
		{"--", false, "--"},
		{"a\tb", false, `a\x09b`}, // the separator
		{"a\nb\r", false, `a\x0ab\x0d`},
		{`DEVNET\carol`, false, `DEVNET\\carol`},
		{"a,b", false, "a,b"},
		{"a,b", true, `a\x2cb`}, // the set separator, inside a set
		{"-", true, `\x2d`},
		{"é€", false, "é€"},             // valid UTF-8 passes
		{"a\xffb", false, `a\xffb`},     // invalid UTF-8 does not
		{"\xe2\x82", false, `\xe2\x82`}, // truncated sequence
		{"\x7f\x00", false, `\x7f\x00`},
		{"\u0085", false, `\xc2\x85`}, // C1 control
		{"\x1b[31m", false, `\x1b[31m`},
	}
	for _, tt := range tests {
		if got := string(appendZeekString(nil, tt.in, tt.inSet)); got != tt.want {
			t.Errorf("appendZeekString(%q, inSet=%v) = %s, want %s", tt.in, tt.inSet, got, tt.want)
		}
	}
}

func ts(s string) Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return Time(t)
}

func sampleHost(addr string, first string, names ...string) *HostRecord {
	return &HostRecord{
		Type: "host", TS: ts(first), Host: netip.MustParseAddr(addr), Role: RoleServer,
		Posture: PostureRelayTarget, Names: names, Dialects: []string{"2.1", "3.1.1"},
		SigningRequired: SigningNo, Negotiations: 2, NotRequired: 2, Connections: 2, Peers: 1,
		Sessions: 2, Unsigned: 1, Guest: 1, Users: []string{}, FirstSeen: ts(first), LastSeen: ts(first),
	}
}

// One stream: a header block per log, records, #close; #open is the first
// record's ts and #close the latest time of the run, in UTC.
func TestZeekWriterHostLog(t *testing.T) {
	var out bytes.Buffer
	z := NewZeekWriter(&out)
	late := sampleHost("198.51.100.10", "2026-11-21T20:38:25.5Z", "vm", "a,b\tc")
	early := sampleHost("2001:db8::1", "2026-11-21T19:00:00.000001Z")
	early.Names = nil // unset
	early.Role, early.Posture = RoleClient, PostureSignsIfServerRequires
	early.LastSeen = ts("2026-11-21T21:00:00Z") // the latest time of the run
	for _, r := range []*HostRecord{late, early} {
		if err := z.Host(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	want := "#separator \\x09\n" +
		"#set_separator\t,\n" +
		"#empty_field\t(empty)\n" +
		"#unset_field\t-\n" +
		"#path\tsmb_signing_hosts\n" +
		"#open\t2026-11-21-20-38-25\n" +
		"#fields\tts\thost\trole\tposture\tnames\tdialects\tsigning_required\tnegotiations\tnegotiations_not_requiring\tsmb1_offered\tsmb1_used\tencryption_seen\tconnections\tpeers\tsessions\tsessions_signed\tsessions_unsigned\tsessions_encrypted\tsessions_mixed\tsessions_failed\tsessions_unknown\tsessions_guest\tsessions_anonymous\tusers\tfirst_seen\tlast_seen\n" +
		"#types\ttime\taddr\tenum\tenum\tset[string]\tset[string]\tenum\tcount\tcount\tbool\tbool\tbool\tcount\tcount\tcount\tcount\tcount\tcount\tcount\tcount\tcount\tcount\tcount\tset[string]\ttime\ttime\n" +
		"1795293505.500000\t198.51.100.10\tserver\trelay-target\tvm,a\\x2cb\\x09c\t2.1,3.1.1\tno\t2\t2\tF\tF\tF\t2\t1\t2\t0\t1\t0\t0\t0\t0\t1\t0\t(empty)\t1795293505.500000\t1795293505.500000\n" +
		"1795287600.000001\t2001:db8::1\tclient\tsigns-only-if-server-requires\t-\t2.1,3.1.1\tno\t2\t2\tF\tF\tF\t2\t1\t2\t0\t1\t0\t0\t0\t0\t1\t0\t(empty)\t1795287600.000001\t1795294800.000000\n" +
		"#close\t2026-11-21-21-00-00\n"
	if got := out.String(); got != want {
		t.Errorf("zeek output:\n%s\nwant:\n%s", got, want)
	}
}

// A run without records writes nothing, as Zeek creates no empty log.
func TestZeekWritersEmptyRun(t *testing.T) {
	for name, w := range map[string]func(io.Writer) Writer{
		"zeek":      func(w io.Writer) Writer { return NewZeekWriter(w) },
		"zeek-json": func(w io.Writer) Writer { return NewZeekJSONWriter(w) },
		"json":      func(w io.Writer) Writer { return NewJSONWriter(w) },
	} {
		var out bytes.Buffer
		if err := w(&out).Close(); err != nil || out.Len() != 0 {
			t.Errorf("%s: empty run wrote %q (err %v)", name, out.String(), err)
		}
	}
}

type memFiles map[string]*bytes.Buffer

func (m memFiles) open(path string) (io.WriteCloser, error) {
	if m[path] != nil {
		panic("log opened twice: " + path)
	}
	m[path] = new(bytes.Buffer)
	return nopCloser{m[path]}, nil
}

// With an Opener, each log goes to its own destination, opened only when
// it has a record.
func TestLogWritersOpenOnlyUsedLogs(t *testing.T) {
	host := sampleHost("198.51.100.10", "2026-11-21T20:38:25Z", "vm")
	for name, mk := range map[string]func(Opener) Writer{
		"zeek":      func(o Opener) Writer { return NewZeekLogWriter(o) },
		"zeek-json": func(o Opener) Writer { return NewZeekJSONLogWriter(o) },
		"json":      func(o Opener) Writer { return NewJSONLogWriter(o) },
	} {
		files := memFiles{}
		w := mk(files.open)
		w.Host(host)
		w.Host(host)
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if len(files) != 1 || files[HostLog] == nil {
			t.Errorf("%s: opened %v, want only %s", name, files, HostLog)
			continue
		}
		got := files[HostLog].String()
		lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
		switch name {
		case "zeek":
			if !strings.HasPrefix(got, "#separator \\x09\n") || !strings.HasSuffix(got, "#close\t2026-11-21-20-38-25\n") || len(lines) != 11 {
				t.Errorf("zeek log file:\n%s", got)
			}
		default:
			if len(lines) != 2 || strings.Contains(got, "_path") {
				t.Errorf("%s log file (one object per record, no _path):\n%s", name, got)
			}
		}
	}
}

func TestZeekJSONValues(t *testing.T) {
	doubles := []struct {
		us   int64
		want string
	}{
		{1795293505922269, "1795293505.922269"},
		{1795293505000000, "1795293505.0"},
		{1795293505100000, "1795293505.1"},
		{1000001, "1.000001"},
	}
	for _, d := range doubles {
		if got := string(appendZeekJSONDouble(nil, float64(d.us)/1e6)); got != d.want {
			t.Errorf("time %d µs = %s, want %s", d.us, got, d.want)
		}
	}
	strs := []struct{ in, want string }{
		{`DEVNET\carol`, `"DEVNET\\carol"`},
		{"a\"b", `"a\"b"`},
		{"tab\there\n", `"tab\there\n"`},
		{"\x01", `"\u0001"`},
		{"é", `"é"`},
		{"a\xffb", `"a\\xffb"`},
	}
	for _, s := range strs {
		got := appendZeekJSONString(nil, s.in)
		if string(got) != s.want {
			t.Errorf("string %q = %s, want %s", s.in, got, s.want)
		}
		if !json.Valid(got) {
			t.Errorf("string %q: %s is not valid JSON", s.in, got)
		}
	}
}

// Zeek JSON leaves unset fields out, writes sets as arrays, and on one
// stream starts every object with _path.
func TestZeekJSONWriterRecord(t *testing.T) {
	var out bytes.Buffer
	z := NewZeekJSONWriter(&out)
	h := sampleHost("198.51.100.10", "2026-11-21T20:38:25Z")
	h.Names = nil
	z.Host(h)
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	want := `{"_path":"smb_signing_hosts","ts":1795293505.0,"host":"198.51.100.10","role":"server","posture":"relay-target",` +
		`"dialects":["2.1","3.1.1"],"signing_required":"no","negotiations":2,"negotiations_not_requiring":2,"smb1_offered":false,` +
		`"smb1_used":false,"encryption_seen":false,"connections":2,"peers":1,"sessions":2,"sessions_signed":0,"sessions_unsigned":1,` +
		`"sessions_encrypted":0,"sessions_mixed":0,"sessions_failed":0,"sessions_unknown":0,"sessions_guest":1,"sessions_anonymous":0,` +
		`"users":[],"first_seen":1795293505.0,"last_seen":1795293505.0}` + "\n"
	if out.String() != want {
		t.Errorf("zeek-json:\n%s\nwant:\n%s", out.String(), want)
	}
}

// The Zeek columns are the JSON fields: same names (nested objects
// flattened with dots), same order, nothing left out.
func TestZeekColumnsAreTheJSONFields(t *testing.T) {
	check := func(name string, rec any, cols zschema) {
		b, err := json.Marshal(rec)
		if err != nil {
			t.Fatal(err)
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		var keys []string
		var walk func(prefix string)
		walk = func(prefix string) {
			dec.Token() // {
			for dec.More() {
				tok, _ := dec.Token()
				key := prefix + tok.(string)
				var raw json.RawMessage
				dec.Decode(&raw)
				if key == "evidence" || key == "remediation" {
					sub := json.NewDecoder(bytes.NewReader(raw))
					old := dec
					dec = sub
					walk(key + ".")
					dec = old
					continue
				}
				if key != "type" {
					keys = append(keys, key)
				}
			}
			dec.Token() // }
		}
		walk("")
		if strings.Join(keys, " ") != strings.Join(cols.names, " ") {
			t.Errorf("%s: JSON fields\n%v\nZeek columns\n%v", name, keys, cols.names)
		}
	}
	s := SessionRecord{
		DialectsOffered: []string{"x"}, SigningAlgorithm: "x", Cipher: "x", ServerName: "x", NTLMVersion: "x",
		KerberosRealm: "x", KerberosSName: "x", KerberosEtype: "x", NTLMFlags: []string{"x"}, MechsOffered: []string{"x"},
		SessionFlags: strPtr("x"), UnsignedSamples: []MessageRecord{{}}, SetupFrame: 1, TreeEncrypt: true,
		Reauthentications: 1, Anomalies: map[string]int{"x": 1},
	}
	check("session", &s, zschemas[sessionLogID])
	f := FindingRecord{Evidence: Evidence{Input: "x", SessionID: "x", User: "x", Dialect: "x", Mode: "x",
		Messages: []MessageRecord{{}}, Detail: "x", Truncated: true},
		Remediation: Remediation{GroupPolicy: "x", Registry: "x", PowerShell: "x", Samba: "x", Reference: "x"}}
	check("finding", &f, zschemas[findingLogID])
	check("host", sampleHost("192.0.2.1", "2026-01-01T00:00:00Z"), zschemas[hostLogID])
}

func strPtr(s string) *string { return &s }
