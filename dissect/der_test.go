package dissect

import (
	"bytes"
	"encoding/hex"
	"errors"
	"reflect"
	"strings"
	"testing"
	"unsafe"
)

// derTestHex decodes hex that may be broken across lines.
func derTestHex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.Join(strings.Fields(s), ""))
	if err != nil {
		t.Fatalf("bad hex: %v", err)
	}
	return b
}

// derTestByteSlices collects every non-nil []byte reachable from v through
// structs, pointers and slices of structs.
func derTestByteSlices(v any) [][]byte {
	var out [][]byte
	var walk func(r reflect.Value)
	walk = func(r reflect.Value) {
		switch r.Kind() {
		case reflect.Pointer, reflect.Interface:
			if !r.IsNil() {
				walk(r.Elem())
			}
		case reflect.Struct:
			for i := 0; i < r.NumField(); i++ {
				walk(r.Field(i))
			}
		case reflect.Slice:
			if r.Type().Elem().Kind() == reflect.Uint8 {
				if !r.IsNil() {
					out = append(out, r.Bytes())
				}
				return
			}
			for i := 0; i < r.Len(); i++ {
				walk(r.Index(i))
			}
		}
	}
	walk(reflect.ValueOf(v))
	return out
}

// derTestInside reports whether s lies within buf's memory (s aliases buf).
func derTestInside(buf, s []byte) bool {
	if len(s) == 0 {
		return true
	}
	if len(buf) == 0 {
		return false
	}
	lo := uintptr(unsafe.Pointer(unsafe.SliceData(buf)))
	p := uintptr(unsafe.Pointer(unsafe.SliceData(s)))
	return p >= lo && p+uintptr(len(s)) <= lo+uintptr(len(buf))
}

// derTestCheckAliases fails t when a []byte in v does not alias buf.
func derTestCheckAliases(t testing.TB, buf []byte, v any) {
	t.Helper()
	for _, s := range derTestByteSlices(v) {
		if !derTestInside(buf, s) {
			t.Fatalf("returned slice %x does not alias the input", s)
		}
	}
}

// derTestSentinel reports whether err is one of the package's sentinels.
func derTestSentinel(err error) bool {
	return errors.Is(err, ErrTruncated) || errors.Is(err, ErrMalformed) || errors.Is(err, ErrProtocol)
}

func TestDERParseElement(t *testing.T) {
	long := append([]byte{0x04, 0x82, 0x01, 0x00}, make([]byte, 256)...)
	tests := []struct {
		name        string
		in          string
		class       uint8
		constructed bool
		tag         int
		content     string
		rest        string
		err         error
	}{
		{name: "short form", in: "020105ff", tag: 2, content: "05", rest: "ff"},
		{name: "sequence", in: "3003020100", constructed: true, tag: 16, content: "020100"},
		{name: "application 14", in: "6e00", class: DERClassApplication, constructed: true, tag: 14, content: ""},
		{name: "context 3 long form 0x81", in: "a38103040100", class: DERClassContext, constructed: true, tag: 3, content: "040100"},
		{name: "non-minimal long form accepted", in: "04820001aa", tag: 4, content: "aa"},
		{name: "four-byte length", in: "0484000000 01aa", tag: 4, content: "aa"},
		{name: "high tag number", in: "9f810002abcd", class: DERClassContext, tag: 128, content: "abcd"},
		{name: "private class", in: "c100", class: DERClassPrivate, tag: 1, content: ""},
		{name: "empty", in: "", err: ErrTruncated},
		{name: "identifier only", in: "30", err: ErrTruncated},
		{name: "content cut short", in: "3005020100", err: ErrTruncated},
		{name: "long length cut short", in: "3082ff", err: ErrTruncated},
		{name: "indefinite length", in: "30800000", err: ErrMalformed},
		{name: "five-byte length", in: "30850000000001aa", err: ErrMalformed},
		{name: "huge four-byte length", in: "0484ffffffff00", err: ErrTruncated},
		{name: "high tag cut short", in: "9f81", err: ErrTruncated},
		{name: "high tag of five bytes", in: "9f818181810100", err: ErrMalformed},
		{name: "high tag leading zero group", in: "9f800100", err: ErrMalformed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := derTestHex(t, tc.in)
			e, rest, err := ParseDERElement(in)
			if tc.err != nil {
				if !errors.Is(err, tc.err) {
					t.Fatalf("err = %v, want %v", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if e.Class != tc.class || e.Constructed != tc.constructed || e.Tag != tc.tag {
				t.Errorf("identifier = %d/%v/%d, want %d/%v/%d", e.Class, e.Constructed, e.Tag, tc.class, tc.constructed, tc.tag)
			}
			if got := hex.EncodeToString(e.Content); got != tc.content {
				t.Errorf("content = %s, want %s", got, tc.content)
			}
			if got := hex.EncodeToString(rest); got != strings.ReplaceAll(tc.rest, " ", "") {
				t.Errorf("rest = %s, want %s", got, tc.rest)
			}
			if e.Len != len(in)-len(rest) {
				t.Errorf("Len = %d, want %d", e.Len, len(in)-len(rest))
			}
			if !derTestInside(in, e.Content) || !derTestInside(in, rest) {
				t.Error("content or rest does not alias the input")
			}
		})
	}
	e, rest, err := ParseDERElement(long)
	if err != nil || len(e.Content) != 256 || e.Len != 260 || len(rest) != 0 {
		t.Errorf("256-byte octet string: %v %d %d %d", err, len(e.Content), e.Len, len(rest))
	}
}

func TestDEROIDString(t *testing.T) {
	tests := []struct {
		in   string
		want string
		err  error
	}{
		{"2b0601050502", OIDSPNEGO, nil},
		{"2a864886f712010202", OIDKerberos5, nil},
		{"2a864882f712010202", OIDKerberos5Legacy, nil},
		{"2a864886f71201020203", OIDKerberosUser2User, nil},
		{"2b06010401823702020a", OIDNTLMSSP, nil},
		{"2b06010401823702021e", OIDNegoEx, nil},
		{"00", "0.0", nil},
		{"27", "0.39", nil},
		{"28", "1.0", nil},
		{"8837", "2.999", nil},
		{"2a81ffffffffffffffff7f", "1.2.18446744073709551615", nil},
		{"", "", ErrMalformed},
		{"2b0681", "", ErrMalformed},                   // ends inside an arc
		{"2b068001", "", ErrMalformed},                 // leading zero group
		{"2a8280808080808080808001", "", ErrMalformed}, // overflows 64 bits
	}
	for _, tc := range tests {
		got, err := OIDString(derTestHex(t, tc.in))
		if tc.err != nil {
			if !errors.Is(err, tc.err) {
				t.Errorf("OIDString(%s) err = %v, want %v", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("OIDString(%s) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

func TestDERIntAndBitString(t *testing.T) {
	ints := []struct {
		in   string
		want int64
		err  bool
	}{
		{"00", 0, false}, {"7f", 127, false}, {"0080", 128, false}, {"ff", -1, false},
		{"ff80", -128, false}, {"7fffffffffffffff", 1<<63 - 1, false}, {"", 0, true}, {"010203040506070809", 0, true},
	}
	for _, tc := range ints {
		got, err := derInt(derTestHex(t, tc.in))
		if (err != nil) != tc.err || got != tc.want {
			t.Errorf("derInt(%s) = %d, %v", tc.in, got, err)
		}
	}
	bits := []struct {
		in   string
		want uint32
		err  bool
	}{
		{"0020000000", 0x20000000, false}, // mutual-required as Windows sends it
		{"0020", 0x20000000, false},
		{"00", 0, false},
		{"0720", 0x20000000, false},
		{"0120000000ff", 0x20000000, false},
		{"", 0, true},
		{"08ff", 0, true},
		{"01", 0, true},
	}
	for _, tc := range bits {
		got, err := derBitString(derTestHex(t, tc.in))
		if (err != nil) != tc.err || got != tc.want {
			t.Errorf("derBitString(%s) = %#x, %v", tc.in, got, err)
		}
	}
}

// derTestNest wraps content in n SEQUENCE headers.
func derTestNest(n int, content []byte) []byte {
	b := content
	for i := 0; i < n; i++ {
		h := []byte{0x30}
		switch l := len(b); {
		case l < 0x80:
			h = append(h, byte(l))
		case l < 0x100:
			h = append(h, 0x81, byte(l))
		default:
			h = append(h, 0x82, byte(l>>8), byte(l))
		}
		b = append(h, b...)
	}
	return b
}

func TestDERWalkLimits(t *testing.T) {
	depths := 0
	err := DERWalk(derTestNest(DERMaxDepth, nil), func(d int, e DERElement) error {
		if d > depths {
			depths = d
		}
		return nil
	})
	if err != nil || depths != DERMaxDepth-1 {
		t.Errorf("%d levels: err %v, deepest %d", DERMaxDepth, err, depths)
	}
	err = DERWalk(derTestNest(DERMaxDepth, []byte{0x05, 0x00}), func(int, DERElement) error { return nil })
	if !errors.Is(err, ErrMalformed) {
		t.Errorf("%d levels: err = %v, want ErrMalformed", DERMaxDepth+1, err)
	}
	err = DERWalk(derTestNest(1000, nil), func(int, DERElement) error { return nil })
	if !errors.Is(err, ErrMalformed) {
		t.Errorf("1000 levels: err = %v, want ErrMalformed", err)
	}
	many := bytes.Repeat([]byte{0x05, 0x00}, DERMaxElements+1)
	err = DERWalk(many, func(int, DERElement) error { return nil })
	if !errors.Is(err, ErrMalformed) {
		t.Errorf("%d elements: err = %v, want ErrMalformed", DERMaxElements+1, err)
	}
	stop := errors.New("stop")
	if err := DERWalk([]byte{0x05, 0x00}, func(int, DERElement) error { return stop }); err != stop {
		t.Errorf("callback error not returned: %v", err)
	}
}

// TestDERWalkRealToken walks a real SPNEGO NegTokenInit and finds its OIDs.
func TestDERWalkRealToken(t *testing.T) {
	b := spnegoSample(t, "public/suricata-verify/20171220_smb_net_user.pcap", 8)
	var oids []string
	err := DERWalk(b, func(_ int, e DERElement) error {
		if e.Is(DERClassUniversal, DERTagOID, false) {
			s, err := OIDString(e.Content)
			if err != nil {
				return err
			}
			oids = append(oids, s)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{OIDSPNEGO, OIDKerberos5Legacy, OIDKerberos5, OIDNegoEx, OIDNTLMSSP}
	if !reflect.DeepEqual(oids, want) {
		t.Errorf("OIDs = %v, want %v", oids, want)
	}
}

func FuzzDER(f *testing.F) {
	for _, s := range spnegoRealTokens {
		f.Add(derTestHex(f, s.hex))
	}
	f.Add([]byte{0x30, 0x80, 0x00, 0x00})
	f.Add(derTestNest(20, nil))
	f.Fuzz(func(t *testing.T, b []byte) {
		e, rest, err := ParseDERElement(b)
		e2, rest2, err2 := ParseDERElement(b)
		if !reflect.DeepEqual(e, e2) || !bytes.Equal(rest, rest2) || (err == nil) != (err2 == nil) {
			t.Fatal("not deterministic")
		}
		if err != nil {
			if !derTestSentinel(err) {
				t.Fatalf("error %v wraps no sentinel", err)
			}
		} else {
			if !derTestInside(b, e.Content) || !derTestInside(b, rest) {
				t.Fatal("content or rest outside the input")
			}
			if e.Len != len(b)-len(rest) || e.Len < len(e.Content)+2 {
				t.Fatalf("Len %d inconsistent with %d input, %d rest", e.Len, len(b), len(rest))
			}
			if e.Is(DERClassUniversal, DERTagOID, false) {
				s1, err1 := OIDString(e.Content)
				s2, _ := OIDString(e.Content)
				if s1 != s2 || (err1 != nil && !derTestSentinel(err1)) {
					t.Fatal("OIDString not deterministic")
				}
			}
		}
		_, _ = OIDString(b)
		var walk1, walk2 []DERElement
		err1 := DERWalk(b, func(d int, e DERElement) error {
			if d >= DERMaxDepth {
				t.Fatalf("depth %d", d)
			}
			if !derTestInside(b, e.Content) {
				t.Fatal("walked content outside the input")
			}
			walk1 = append(walk1, e)
			return nil
		})
		err2 = DERWalk(b, func(d int, e DERElement) error { walk2 = append(walk2, e); return nil })
		if !reflect.DeepEqual(walk1, walk2) || (err1 == nil) != (err2 == nil) {
			t.Fatal("DERWalk not deterministic")
		}
		if len(walk1) > DERMaxElements {
			t.Fatalf("visited %d elements", len(walk1))
		}
	})
}
