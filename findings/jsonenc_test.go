package findings

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"net/netip"
	"reflect"
	"testing"
	"time"
)

// stdJSON is what encoding/json writes for v, as JSONWriter used to.
func stdJSON(t *testing.T, v any) string {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

var randomStrings = []string{
	"", "a", "alice", `quote " and \ backslash`, "tab\tnew\nline\rcr\bbs\fff", "\x00\x01\x1f\x7f",
	"<html> & 'x'", "caf\u00e9 \u65e5\u672c", "line\u2028para\u2029", "bad \xff\xfe utf-8 \xc3", "emoji \U0001F600",
}

// fill sets every field of v, recursively, to a random value: nil or not
// for pointers, slices and maps, so that every omitempty and null case is
// met.
func fill(r *rand.Rand, v reflect.Value) {
	switch v.Type() {
	case reflect.TypeFor[Time]():
		v.Set(reflect.ValueOf(Time(time.Unix(r.Int64N(4e9)-1e9, r.Int64N(1e9)))))
		return
	case reflect.TypeFor[netip.Addr]():
		var a netip.Addr
		switch r.IntN(4) {
		case 1:
			a = netip.AddrFrom4([4]byte{byte(r.Uint32()), 2, 3, byte(r.Uint32())})
		case 2:
			a = netip.AddrFrom16([16]byte{0x20, 0x01, 0x0d, 0xb8, 15: byte(r.Uint32())})
		case 3:
			a = netip.AddrFrom16([16]byte{10: 0xff, 11: 0xff, 12: 198, 13: 51, 14: 100, 15: 7})
		}
		v.Set(reflect.ValueOf(a))
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(randomStrings[r.IntN(len(randomStrings))])
	case reflect.Bool:
		v.SetBool(r.IntN(2) == 1)
	case reflect.Int, reflect.Int64, reflect.Int32:
		switch r.IntN(3) {
		case 0:
			v.SetInt(0)
		case 1:
			v.SetInt(r.Int64N(1000))
		default:
			v.SetInt(-r.Int64N(1 << 40))
		}
	case reflect.Uint64, reflect.Uint32, reflect.Uint16, reflect.Uint8, reflect.Uint:
		if r.IntN(3) > 0 {
			v.SetUint(r.Uint64() >> (64 - v.Type().Bits()))
		} else {
			v.SetUint(0)
		}
	case reflect.Pointer:
		if r.IntN(2) == 0 {
			v.SetZero()
			return
		}
		p := reflect.New(v.Type().Elem())
		fill(r, p.Elem())
		v.Set(p)
	case reflect.Slice:
		switch r.IntN(3) {
		case 0:
			v.SetZero()
		default:
			n := r.IntN(4)
			s := reflect.MakeSlice(v.Type(), n, n)
			for i := range n {
				fill(r, s.Index(i))
			}
			v.Set(s)
		}
	case reflect.Map:
		if r.IntN(3) == 0 {
			v.SetZero()
			return
		}
		m := reflect.MakeMap(v.Type())
		for range r.IntN(5) {
			k := reflect.New(v.Type().Key()).Elem()
			fill(r, k)
			e := reflect.New(v.Type().Elem()).Elem()
			fill(r, e)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(r, v.Field(i))
			}
		}
	default:
		panic("fill: no rule for " + v.Type().String())
	}
}

// TestRecordJSONMatchesEncodingJSON compares the hand-written encoders with
// encoding/json on records whose every field is random.
func TestRecordJSONMatchesEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	texts := make(kindTexts)
	for i := range 20000 {
		var s SessionRecord
		fill(r, reflect.ValueOf(&s).Elem())
		if got, want := string(appendSessionJSON(nil, &s))+"\n", stdJSON(t, &s); got != want {
			t.Fatalf("session record %d:\n got %s\nwant %s", i, got, want)
		}
		var f FindingRecord
		fill(r, reflect.ValueOf(&f).Elem())
		if got, want := string(appendFindingJSON(nil, &f, nil))+"\n", stdJSON(t, &f); got != want {
			t.Fatalf("finding record %d:\n got %s\nwant %s", i, got, want)
		}
		// Through the cache of kind texts: few kind names, so that a name
		// comes back with other texts, and each record twice, so that
		// cached texts are used.
		f.Finding = []string{"a", "b", "c"}[i%3]
		want := stdJSON(t, &f)
		for range 2 {
			if got := string(appendFindingJSON(nil, &f, texts)) + "\n"; got != want {
				t.Fatalf("finding record %d through the cache:\n got %s\nwant %s", i, got, want)
			}
		}
	}
}

// TestJSONStringEscapes covers every byte value and the runes encoding/json
// treats specially.
func TestJSONStringEscapes(t *testing.T) {
	var all []byte
	for c := range 256 {
		all = append(all, byte(c))
	}
	cases := append(randomStrings, string(all), "\u2027\u2028\u2029\u202a", "\xe2\x80", "\xed\xa0\x80")
	// Every byte at every place of words read eight at a time.
	for c := range 256 {
		for at := range 20 {
			b := []byte("abcdefghijklmnopqrstuvwx")
			b[at] = byte(c)
			cases = append(cases, string(b), string(b[:at+1]))
		}
	}
	for _, s := range cases {
		want := stdJSON(t, s)
		if got := string(appendJSONString(nil, s)) + "\n"; got != want {
			t.Errorf("%q:\n got %s\nwant %s", s, got, want)
		}
	}
}

// BenchmarkSessionJSON measures encoding one session record of a bundled
// capture, by hand and by encoding/json.
func BenchmarkSessionJSON(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 4))
	var s SessionRecord
	fill(r, reflect.ValueOf(&s).Elem())
	b.Run("hand", func(b *testing.B) {
		b.ReportAllocs()
		var buf []byte
		for b.Loop() {
			buf = appendSessionJSON(buf[:0], &s)
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.ReportAllocs()
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		for b.Loop() {
			buf.Reset()
			enc.Encode(&s)
		}
	})
}
