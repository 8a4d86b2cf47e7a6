package dissect

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"testing"
)

// headParsers are the snap-length parsers of head.go, in the form the
// generic checks take.
var headParsers = []smbtParser{
	{"NegotiateRequestHead", func(b []byte) (any, error) { return ParseNegotiateRequestHead(b) }},
	{"NegotiateResponseHead", func(b []byte) (any, error) { return ParseNegotiateResponseHead(b) }},
	{"SessionSetupResponseHead", func(b []byte) (any, error) { return ParseSessionSetupResponseHead(b) }},
	{"SessionSetupRequestHead", func(b []byte) (any, error) {
		flags, mode, err := ParseSessionSetupRequestHead(b)
		return [2]uint8{flags, mode}, err
	}},
	{"SMB1NegotiateResponseHead", func(b []byte) (any, error) { return ParseSMB1NegotiateResponseHead(b) }},
	{"SMB1NegotiateDialectsHead", func(b []byte) (any, error) {
		d, complete := SMB1NegotiateDialectsHead(b)
		return fmt.Sprintf("%q %v", d, complete), nil
	}},
}

// headCheck runs every head parser on b and checks the properties that
// make a head parser safe to use on a cut message: no panic, the same
// answer twice, its input untouched, only package errors, and agreement with
// the full parser of the same message whenever that one succeeds.
func headCheck(t *testing.T, b []byte) {
	for _, p := range headParsers {
		smbtCheckParser(t, p, b)
	}
	if r, err := ParseNegotiateRequest(b); err == nil {
		h, herr := ParseNegotiateRequestHead(b)
		if herr != nil || h.SecurityMode != r.SecurityMode {
			t.Fatalf("NEGOTIATE request parsed (mode %#x) but head says %+v, %v", r.SecurityMode, h, herr)
		}
	}
	if r, err := ParseNegotiateResponse(b); err == nil {
		h, herr := ParseNegotiateResponseHead(b)
		if herr != nil || h.SecurityMode != r.SecurityMode || h.DialectRevision != r.DialectRevision {
			t.Fatalf("NEGOTIATE response parsed (mode %#x dialect %#x) but head says %+v, %v", r.SecurityMode, r.DialectRevision, h, herr)
		}
	}
	if r, err := ParseSessionSetupRequest(b); err == nil {
		flags, mode, herr := ParseSessionSetupRequestHead(b)
		if herr != nil || flags != r.Flags || mode != r.SecurityMode {
			t.Fatalf("SESSION_SETUP request parsed (%#x %#x) but head says %#x %#x, %v", r.Flags, r.SecurityMode, flags, mode, herr)
		}
	}
	if r, err := ParseSessionSetupResponse(b); err == nil {
		flags, herr := ParseSessionSetupResponseHead(b)
		if herr != nil || flags != r.SessionFlags {
			t.Fatalf("SESSION_SETUP response parsed (%#x) but head says %#x, %v", r.SessionFlags, flags, herr)
		}
	}
	if r, err := ParseSMB1NegotiateResponse(b); err == nil {
		h, herr := ParseSMB1NegotiateResponseHead(b)
		want := SMB1NegotiateResponseHead{WordCount: r.WordCount, DialectIndex: r.DialectIndex,
			HasSecurityMode: r.HasSecurityMode, SecurityMode: r.SecurityMode}
		if herr != nil || h != want {
			t.Fatalf("SMB1 NEGOTIATE response parsed (%+v) but head says %+v, %v", want, h, herr)
		}
	}
	if r, err := ParseSMB1NegotiateRequest(b); err == nil {
		d, complete := SMB1NegotiateDialectsHead(b)
		if !complete || !slices.Equal(d, r.Dialects) {
			t.Fatalf("SMB1 NEGOTIATE request parsed (%q) but head says %q complete=%v", r.Dialects, d, complete)
		}
	}
}

// headPrefixCheck checks that a head parser that answers on a prefix of b
// answers the same on b: bytes after the head never change it.
func headPrefixCheck(t *testing.T, b []byte, cut int) {
	prefix := b[:cut:cut]
	for _, p := range headParsers[:5] {
		v, err := p.parse(prefix)
		if err != nil {
			if errors.Is(err, ErrMalformed) {
				// Malformed is decided by the bytes present, so it holds
				// for the longer input too.
				if _, err2 := p.parse(b); !errors.Is(err2, ErrMalformed) {
					t.Fatalf("%s: malformed on %d bytes, %v on %d", p.name, cut, err2, len(b))
				}
			}
			continue
		}
		w, err2 := p.parse(b)
		if err2 != nil || !reflect.DeepEqual(v, w) {
			t.Fatalf("%s: %+v on %d bytes but %+v, %v on %d", p.name, v, cut, w, err2, len(b))
		}
	}
	d1, complete1 := SMB1NegotiateDialectsHead(prefix)
	d2, complete2 := SMB1NegotiateDialectsHead(b)
	if len(d1) > len(d2) || !slices.Equal(d1, d2[:len(d1)]) {
		t.Fatalf("dialects %q on %d bytes are not a prefix of %q on %d", d1, cut, d2, len(b))
	}
	if complete1 && (!complete2 || !slices.Equal(d1, d2)) {
		t.Fatalf("dialects complete on %d bytes (%q) but %q complete=%v on %d", cut, d1, d2, complete2, len(b))
	}
}

// FuzzHead fuzzes the snap-length parsers of head.go, seeded with every
// sample message and frame and with the samples cut at 150 bytes of frame,
// the snap length of s18_smb311_srvmand_snap150.pcap.
func FuzzHead(f *testing.F) {
	smbtFuzzSeeds(f)
	for _, s := range smbtAllSamples() {
		if m, err := s.msg(); err == nil && len(m) > 150-54-NBSSHeaderLen {
			f.Add(bytes.Clone(m[:150-54-NBSSHeaderLen])) // 54: Ethernet, IPv4 and TCP headers
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		b = b[:len(b):len(b)]
		headCheck(t, b)
		for _, cut := range []int{len(b) / 2, len(b) * 3 / 4, max(0, len(b)-1)} {
			headPrefixCheck(t, b, cut)
		}
	})
}

// TestHeadsOnSamples runs the head checks on every sample and every prefix
// of it, so that go test covers them without fuzzing.
func TestHeadsOnSamples(t *testing.T) {
	for _, s := range smbtAllSamples() {
		m, err := s.msg()
		if err != nil {
			t.Fatal(err)
		}
		for n := 0; n <= len(m); n++ {
			b := bytes.Clone(m[:n])
			headCheck(t, b)
			headPrefixCheck(t, m, n)
		}
	}
}
