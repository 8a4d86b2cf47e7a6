package dissect

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// smbtSample is one message taken from a capture under testdata/pcaps: hex
// is the TCP payload of the frame (NBSS header and message), parsers names
// the entries of smbtParsers that must accept the message.
type smbtSample struct {
	name    string
	pcap    string
	frame   int
	parsers []string
	hex     string
}

// smbtSMB2Samples are the compound and transform messages.
var smbtSMB2Samples = []smbtSample{
	// public/zeek/smb2-multiple-pdus.pcap frame 1: compounded CREATE + SET_INFO + CLOSE requests (related)
	{name: "compound-req", pcap: "public/zeek/smb2-multiple-pdus.pcap", frame: 1, parsers: []string{"SMB2Header", "Compound"}, hex: "" +
		"000001b8fe534d4240000100000000000500000100000000f80000009803000000000000fffe0000b9b6e317fb8c8dbc" +
		"0000000000000000000000000000000000000000390000ff020000000000000000000000000000000000000080001100" +
		"800000000000000001000000000000007800180090000000680000007400650073007400660069006c0065002e007400" +
		"78007400180000001000040000000000000000004d784163000000000000000010000400000018003400000052714c73" +
		"00000000aa380037c6de80a30ba559d4e8af6dc500000000040000000000000000000000ddcaa13c97574b0189d461e2" +
		"72e0e4d10000000000000000fe534d4240000100000000001100000104000000680000009903000000000000fffe0000" +
		"b9b6e317fb8c8dbc00000000000000000000000000000000000000002100010d010000006000000000000000ffffffff" +
		"ffffffffffffffffffffffff0100000000000000fe534d4240000100000000000600000104000000000000009a030000" +
		"00000000fffe0000b9b6e317fb8c8dbc00000000000000000000000000000000000000001800000000000000ffffffff" +
		"ffffffffffffffffffffffff"},
	// public/zeek/smb2-multiple-pdus.pcap frame 2: compounded CREATE + SET_INFO + CLOSE responses
	{name: "compound-resp", pcap: "public/zeek/smb2-multiple-pdus.pcap", frame: 2, parsers: []string{"SMB2Header", "Compound"}, hex: "" +
		"000001d0fe534d4240000100000000000500000001000000080100009803000000000000fffe0000b9b6e317fb8c8dbc" +
		"00000000000000000000000000000000000000005900ff0001000000f00e7cb67554da01eaef46d87854da011b187cb6" +
		"7554da011b187cb67554da0100100000000000000c000000000000002000000000000000b3ab5b6400000000bd96b751" +
		"00000000980000006c000000200000001000040000001800080000004d7841630000000000000000ff011f0000000000" +
		"10000400000018003400000052714c7300000000aa380037c6de80a30ba559d4e8af6dc5000000000000000000000000" +
		"00000000000000000000000000000000000000000100000000000000fe534d4240000100000000001100000005000000" +
		"480000009903000000000000fffe0000b9b6e317fb8c8dbc000000000000000000000000000000000000000002000000" +
		"00000000fe534d4240000100000000000600030005000000000000009a03000000000000fffe0000b9b6e317fb8c8dbc" +
		"00000000000000000000000000000000000000003c000000000000000000000000000000000000000000000000000000" +
		"000000000000000000000000000000000000000000000000000000000000000000000000"},
	// samba/s02_smb311_srvencreq_user.pcap frame 12: TRANSFORM_HEADER (encrypted TREE_CONNECT) after an ENCRYPT_DATA session setup
	{name: "s02-transform", pcap: "samba/s02_smb311_srvencreq_user.pcap", frame: 12, parsers: []string{"Transform"}, hex: "" +
		"000000a4fd534d42beacba57da9430c75544979add348f910100000000000000147a47b0000000007000000000000100" +
		"c10295a000000000d237692e7f93194e4e0dd0b759efc19fb775b06c4913fbcb411e9e8f61c5d03acd2d37571dafac50" +
		"8be231b4dbc85fc94be1e02b4056dfba4ff636cd988dcca0a069785bf39e4cedf97f2fb6f6d5fe53437bf26c4bcae31f" +
		"81d2dfe1cf30f8abc0426af162ea9f66cbaeefe57773be75"},
}

// smbtAllSamples returns the samples of every test file.
func smbtAllSamples() []smbtSample {
	var all []smbtSample
	for _, s := range [][]smbtSample{smbtNBSSSamples, smbtSMB2Samples, smbtNegotiateSamples, smbtSessionSamples, smbtSMB1Samples} {
		all = append(all, s...)
	}
	return all
}

// frameBytes decodes the sample's TCP payload.
func (s smbtSample) frameBytes() []byte {
	b, err := hex.DecodeString(s.hex)
	if err != nil {
		panic(fmt.Sprintf("sample %s: %v", s.name, err))
	}
	return b
}

// msg returns the message after the NBSS header, checking that the header
// length covers exactly the rest of the frame.
func (s smbtSample) msg() ([]byte, error) {
	frame := s.frameBytes()
	_, n, err := ParseNBSSHeader(frame)
	if err != nil {
		return nil, err
	}
	if n != len(frame)-NBSSHeaderLen {
		return nil, fmt.Errorf("NBSS length %d, frame carries %d", n, len(frame)-NBSSHeaderLen)
	}
	return frame[NBSSHeaderLen:], nil
}

// smbtMsg returns the message of the named sample.
func smbtMsg(t testing.TB, name string) []byte {
	t.Helper()
	for _, s := range smbtAllSamples() {
		if s.name == name {
			m, err := s.msg()
			if err != nil {
				t.Fatalf("sample %s: %v", name, err)
			}
			return m
		}
	}
	t.Fatalf("no sample %q", name)
	return nil
}

// smbtParser runs one parser of this package and returns its result in a
// form the generic checks can compare and walk.
type smbtParser struct {
	name  string
	parse func([]byte) (any, error)
}

// smbtCompoundMembers reads all members with a CompoundReader.
func smbtCompoundMembers(b []byte) ([][]byte, error) {
	r := NewCompoundReader(b)
	var out [][]byte
	for {
		m, ok, err := r.Next()
		if err != nil {
			return out, err
		}
		if !ok {
			return out, nil
		}
		out = append(out, m)
	}
}

var smbtParsers = []smbtParser{
	{"SMB2Header", func(b []byte) (any, error) { return ParseSMB2Header(b) }},
	{"Compound", func(b []byte) (any, error) { return smbtCompoundMembers(b) }},
	{"Transform", func(b []byte) (any, error) { return ParseTransformHeader(b) }},
	{"Compression", func(b []byte) (any, error) { return ParseCompressionHeader(b) }},
	{"NegotiateRequest", func(b []byte) (any, error) { return ParseNegotiateRequest(b) }},
	{"NegotiateResponse", func(b []byte) (any, error) { return ParseNegotiateResponse(b) }},
	{"SessionSetupRequest", func(b []byte) (any, error) { return ParseSessionSetupRequest(b) }},
	{"SessionSetupResponse", func(b []byte) (any, error) { return ParseSessionSetupResponse(b) }},
	{"TreeConnectRequest", func(b []byte) (any, error) { return ParseTreeConnectRequest(b) }},
	{"TreeConnectResponse", func(b []byte) (any, error) { return ParseTreeConnectResponse(b) }},
	{"Ioctl", func(b []byte) (any, error) { return ParseIoctl(b) }},
	{"ValidateNegotiateInfoRequest", func(b []byte) (any, error) { return ParseValidateNegotiateInfoRequest(b) }},
	{"ValidateNegotiateInfoResponse", func(b []byte) (any, error) { return ParseValidateNegotiateInfoResponse(b) }},
	{"ErrorResponse", func(b []byte) (any, error) { return ParseErrorResponse(b) }},
	{"SMB1Header", func(b []byte) (any, error) { return ParseSMB1Header(b) }},
	{"SMB1NegotiateRequest", func(b []byte) (any, error) { return ParseSMB1NegotiateRequest(b) }},
	{"SMB1NegotiateResponse", func(b []byte) (any, error) { return ParseSMB1NegotiateResponse(b) }},
	{"SMB1SessionSetupRequest", func(b []byte) (any, error) { return ParseSMB1SessionSetupRequest(b) }},
	{"SMB1SessionSetupResponse", func(b []byte) (any, error) { return ParseSMB1SessionSetupResponse(b) }},
	{"NBSSHeader", func(b []byte) (any, error) {
		typ, n, err := ParseNBSSHeader(b)
		return [2]int{int(typ), n}, err
	}},
	{"NBSSSessionRequest", func(b []byte) (any, error) { return DecodeNBSSSessionRequest(b) }},
	{"NBSSNegativeResponse", func(b []byte) (any, error) { return ParseNBSSNegativeResponse(b) }},
	{"NBSSRetargetResponse", func(b []byte) (any, error) {
		ip, port, err := ParseNBSSRetargetResponse(b)
		return fmt.Sprint(ip, port), err
	}},
	{"NetBIOSName", func(b []byte) (any, error) {
		name, suffix, err := DecodeNetBIOSName(b)
		return fmt.Sprintf("%q<%02x>", name, suffix), err
	}},
}

// smbtParserNamed returns the parser called name.
func smbtParserNamed(name string) smbtParser {
	for _, p := range smbtParsers {
		if p.name == name {
			return p
		}
	}
	panic("no parser " + name)
}

// smbtCheckAliases fails t for every []byte reachable from v that does not
// lie inside in, capacity included (so an append by the caller cannot write
// past the input).
func smbtCheckAliases(t testing.TB, in []byte, v any) {
	t.Helper()
	var base, end uintptr
	if cap(in) > 0 {
		base = reflect.ValueOf(in[:1]).Pointer()
		end = base + uintptr(len(in))
	}
	var walk func(path string, v reflect.Value)
	walk = func(path string, v reflect.Value) {
		switch v.Kind() {
		case reflect.Interface, reflect.Pointer:
			if !v.IsNil() {
				walk(path, v.Elem())
			}
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				walk(path+"."+v.Type().Field(i).Name, v.Field(i))
			}
		case reflect.Slice:
			if v.Type().Elem().Kind() == reflect.Uint8 {
				if v.Cap() == 0 {
					return
				}
				p := v.Pointer()
				if p < base || p+uintptr(v.Cap()) > end {
					t.Errorf("%s: slice (len %d cap %d) does not lie inside the %d-byte input", path, v.Len(), v.Cap(), len(in))
				}
				return
			}
			for i := 0; i < v.Len(); i++ {
				walk(fmt.Sprintf("%s[%d]", path, i), v.Index(i))
			}
		}
	}
	walk("", reflect.ValueOf(v))
}

// smbtCheckParser runs p on b twice and checks that it does not panic,
// returns the same result both times, and returns only slices of b.
func smbtCheckParser(t testing.TB, p smbtParser, b []byte) (any, error) {
	t.Helper()
	orig := bytes.Clone(b)
	v1, err1 := p.parse(b)
	v2, err2 := p.parse(b)
	if !reflect.DeepEqual(v1, v2) || err1 != err2 {
		t.Fatalf("%s: two parses differ: %#v, %v vs %#v, %v", p.name, v1, err1, v2, err2)
	}
	if err1 != nil && !errors.Is(err1, ErrTruncated) && !errors.Is(err1, ErrMalformed) && !errors.Is(err1, ErrProtocol) {
		t.Fatalf("%s: error %v is none of the package errors", p.name, err1)
	}
	if !bytes.Equal(orig, b) {
		t.Fatalf("%s modified its input", p.name)
	}
	smbtCheckAliases(t, b, v1)
	return v1, err1
}

// smbtFuzzSeeds adds every sample message (and whole frame) to f.
func smbtFuzzSeeds(f *testing.F) {
	for _, s := range smbtAllSamples() {
		f.Add(s.frameBytes())
		if m, err := s.msg(); err == nil {
			f.Add(m)
		}
	}
}

// smbtFuzz checks the named parsers on fuzz input.
func smbtFuzz(f *testing.F, names ...string) {
	smbtFuzzSeeds(f)
	ps := make([]smbtParser, len(names))
	for i, n := range names {
		ps[i] = smbtParserNamed(n)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		b = b[:len(b):len(b)]
		for _, p := range ps {
			smbtCheckParser(t, p, b)
		}
	})
}

// prefixUnstable lists parsers whose successful result legitimately depends
// on how much of the message follows the fixed part.
var prefixUnstable = map[string]bool{"Compound": true, "Transform": true, "ErrorResponse": true}

// TestSamplesParse checks that each sample is accepted by the parsers it
// lists.
func TestSamplesParse(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range smbtAllSamples() {
		if seen[s.name] {
			t.Errorf("duplicate sample name %s", s.name)
		}
		seen[s.name] = true
		m, err := s.msg()
		if err != nil {
			t.Errorf("%s (%s frame %d): %v", s.name, s.pcap, s.frame, err)
			continue
		}
		for _, name := range s.parsers {
			if _, err := smbtCheckParser(t, smbtParserNamed(name), m); err != nil {
				t.Errorf("%s (%s frame %d): %s: %v", s.name, s.pcap, s.frame, name, err)
			}
		}
	}
}

// TestTruncationProperty feeds every prefix of every sample message to
// every parser. None may panic or return slices outside the prefix; the
// parsers a sample lists must either fail with ErrTruncated or return what
// they return for the whole message.
func TestTruncationProperty(t *testing.T) {
	for _, s := range smbtAllSamples() {
		full, err := s.msg()
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]any{}
		for _, name := range s.parsers {
			want[name], _ = smbtParserNamed(name).parse(full)
		}
		for n := 0; n <= len(full); n++ {
			prefix := bytes.Clone(full[:n])
			for _, p := range smbtParsers {
				v, err := smbtCheckParser(t, p, prefix)
				w, listed := want[p.name]
				if !listed || prefixUnstable[p.name] || n == len(full) {
					continue
				}
				if err != nil {
					if !errors.Is(err, ErrTruncated) {
						t.Errorf("%s: %s on %d of %d bytes: %v, want ErrTruncated", s.name, p.name, n, len(full), err)
					}
					continue
				}
				if !reflect.DeepEqual(v, w) {
					t.Errorf("%s: %s on %d of %d bytes succeeded with a different result:\n%#v\nwant %#v", s.name, p.name, n, len(full), v, w)
				}
			}
		}
		// The frame itself (NBSS header included) must not upset anything either.
		frame := s.frameBytes()
		for _, p := range smbtParsers {
			smbtCheckParser(t, p, frame)
		}
	}
}

func TestProtocolOf(t *testing.T) {
	cases := []struct {
		in   []byte
		want Protocol
	}{
		{[]byte("\xffSMB"), ProtoSMB1},
		{[]byte("\xfeSMB@\x00"), ProtoSMB2},
		{[]byte("\xfdSMB"), ProtoTransform},
		{[]byte("\xfcSMB"), ProtoCompression},
		{[]byte("\xfbSMB"), ProtoUnknown},
		{[]byte("\xfeSM"), ProtoUnknown},
		{[]byte("\xfeSMC"), ProtoUnknown},
		{nil, ProtoUnknown},
	}
	for _, c := range cases {
		if got := ProtocolOf(c.in); got != c.want {
			t.Errorf("ProtocolOf(%q) = %v, want %v", c.in, got, c.want)
		}
	}
	for p, want := range map[Protocol]string{ProtoSMB1: "SMB1", ProtoSMB2: "SMB2", ProtoTransform: "SMB2_TRANSFORM", ProtoCompression: "SMB2_COMPRESSION", ProtoUnknown: "unknown"} {
		if p.String() != want {
			t.Errorf("%d: %q", p, p.String())
		}
	}
	if got := ProtocolOf(smbtMsg(t, "s02-transform")); got != ProtoTransform {
		t.Errorf("s02 frame 12: %v", got)
	}
	if got := ProtocolOf(smbtMsg(t, "s01-negotiate-req")); got != ProtoSMB1 {
		t.Errorf("s01 frame 4: %v", got)
	}
}

func TestParseSMB2HeaderReal(t *testing.T) {
	// s05 frame 11: the final SESSION_SETUP response of a 3.1.1 session.
	h, err := ParseSMB2Header(smbtMsg(t, "s05-sessionsetup-resp2"))
	if err != nil {
		t.Fatal(err)
	}
	if !h.IsResponse() || !h.Signed() || h.Async() || h.Related() {
		t.Errorf("flags %#x: want a signed sync response", h.Flags)
	}
	// smbclient asks for I/O priority 1 in 3.1.1 and Samba echoes it.
	if h.Priority() != 1 {
		t.Errorf("priority %d, want 1", h.Priority())
	}
	if h.Command != SMB2SessionSetup || h.Status != StatusSuccess || h.MessageID != 2 {
		t.Errorf("command %d status %#x mid %d", h.Command, h.Status, h.MessageID)
	}
	if h.SessionID != 0xbe45b6ac || h.TreeID != 0 || h.Credits != 8192 {
		t.Errorf("session %#x tree %d credits %d", h.SessionID, h.TreeID, h.Credits)
	}
	wantSig := [16]byte{0x41, 0x50, 0xab, 0xe9, 0x26, 0x69, 0x2b, 0xc6, 0x49, 0x43, 0x02, 0xc9, 0x05, 0x87, 0xa1, 0xc7}
	if h.Signature != wantSig {
		t.Errorf("signature %x", h.Signature)
	}

	// s05 frame 9: STATUS_MORE_PROCESSING_REQUIRED, not signed.
	h, err = ParseSMB2Header(smbtMsg(t, "s05-sessionsetup-resp1"))
	if err != nil {
		t.Fatal(err)
	}
	if h.Status != StatusMoreProcessingRequired || h.Signed() {
		t.Errorf("status %s signed %v", StatusName(h.Status), h.Signed())
	}

	// s05 frame 13: TREE_CONNECT response carries the new tree id.
	h, _ = ParseSMB2Header(smbtMsg(t, "s05-treeconnect-resp"))
	if h.TreeID != 0x5797a57e || h.Command != SMB2TreeConnect {
		t.Errorf("tree %#x command %s", h.TreeID, SMB2CommandName(h.Command))
	}
}

func TestParseSMB2HeaderErrors(t *testing.T) {
	good := smbtMsg(t, "s05-negotiate-req")
	if _, err := ParseSMB2Header(good[:63]); !errors.Is(err, ErrTruncated) {
		t.Errorf("63 bytes: %v", err)
	}
	if _, err := ParseSMB2Header(good[:3]); !errors.Is(err, ErrTruncated) {
		t.Errorf("3 bytes: %v", err)
	}
	bad := bytes.Clone(good)
	bad[0] = 0xFF
	if _, err := ParseSMB2Header(bad); !errors.Is(err, ErrProtocol) {
		t.Errorf("SMB1 id: %v", err)
	}
	if _, err := ParseSMB2Header(bad[:10]); !errors.Is(err, ErrProtocol) {
		t.Errorf("short SMB1 id: %v", err)
	}
	bad = bytes.Clone(good)
	bad[4] = 65
	if _, err := ParseSMB2Header(bad); !errors.Is(err, ErrMalformed) {
		t.Errorf("StructureSize 65: %v", err)
	}
}

func TestParseSMB2HeaderAsync(t *testing.T) {
	// An async interim response: the 8 bytes at offset 32 are AsyncId and
	// TreeId is not present.
	m := bytes.Clone(smbtMsg(t, "s05-sessionsetup-resp2"))[:SMB2HeaderLen]
	copy(m[8:], []byte{0x03, 0x01, 0, 0})                       // STATUS_PENDING
	m[16] |= SMB2FlagAsync                                      // flags
	copy(m[32:], []byte{0x11, 0x22, 0x33, 0x44, 0x55, 0, 0, 0}) // AsyncId
	h, err := ParseSMB2Header(m)
	if err != nil {
		t.Fatal(err)
	}
	if !h.Async() || h.AsyncID != 0x5544332211 || h.TreeID != 0 || h.ProcessID != 0 || h.Status != StatusPending {
		t.Errorf("%+v", h)
	}
}

func TestSMB2HeaderAllocs(t *testing.T) {
	good := smbtMsg(t, "s05-negotiate-resp")
	bad := bytes.Clone(good)
	bad[4] = 0
	var sink SMB2Header
	for name, in := range map[string][]byte{"good": good, "malformed": bad, "short": good[:20], "smb1": smbtMsg(t, "s01-negotiate-req")} {
		allocs := testing.AllocsPerRun(200, func() { sink, _ = ParseSMB2Header(in) })
		if allocs != 0 {
			t.Errorf("ParseSMB2Header(%s): %v allocations", name, allocs)
		}
	}
	_ = sink
}

func TestSMB2CommandName(t *testing.T) {
	for cmd, want := range map[uint16]string{
		SMB2Negotiate: "NEGOTIATE", SMB2SessionSetup: "SESSION_SETUP", SMB2TreeConnect: "TREE_CONNECT",
		SMB2Ioctl: "IOCTL", SMB2QueryDirectory: "QUERY_DIRECTORY", SMB2ServerToClientNotification: "SERVER_TO_CLIENT_NOTIFICATION",
		0x0014: "0x0014", 0x0042: "0x0042", 0xFFFF: "0xffff",
	} {
		if got := SMB2CommandName(cmd); got != want {
			t.Errorf("SMB2CommandName(%#x) = %q, want %q", cmd, got, want)
		}
	}
	for cmd := uint16(0); cmd <= SMB2ServerToClientNotification; cmd++ {
		if strings.HasPrefix(SMB2CommandName(cmd), "0x") {
			t.Errorf("command %#x has no name", cmd)
		}
	}
}

func TestCompoundReal(t *testing.T) {
	for _, c := range []struct {
		sample   string
		commands []uint16
		sizes    []int
		resp     bool
	}{
		// smb2-multiple-pdus.pcap frame 1: CREATE, SET_INFO, CLOSE; the last
		// two flagged RELATED and reusing the CREATE's file id.
		{"compound-req", []uint16{SMB2Create, SMB2SetInfo, SMB2Close}, []int{248, 104, 88}, false},
		// frame 2: the three responses in one PDU.
		{"compound-resp", []uint16{SMB2Create, SMB2SetInfo, SMB2Close}, []int{264, 72, 128}, true},
	} {
		pdu := smbtMsg(t, c.sample)
		r := NewCompoundReader(pdu)
		var cmds []uint16
		var sizes []int
		off := 0
		for {
			m, ok, err := r.Next()
			if err != nil {
				t.Fatalf("%s: %v", c.sample, err)
			}
			if !ok {
				break
			}
			if &m[0] != &pdu[off] {
				t.Errorf("%s: member %d does not start at offset %d", c.sample, len(cmds), off)
			}
			off += len(m)
			h, err := ParseSMB2Header(m)
			if err != nil {
				t.Fatal(err)
			}
			if h.IsResponse() != c.resp || h.SessionID != 0xbc8d8cfb {
				t.Errorf("%s member %d: %+v", c.sample, len(cmds), h)
			}
			if len(cmds) > 0 && !h.Related() {
				t.Errorf("%s member %d: not RELATED", c.sample, len(cmds))
			}
			cmds = append(cmds, h.Command)
			sizes = append(sizes, len(m))
		}
		if !slices.Equal(cmds, c.commands) || !slices.Equal(sizes, c.sizes) || r.Count() != 3 || off != len(pdu) {
			t.Errorf("%s: commands %v sizes %v count %d", c.sample, cmds, sizes, r.Count())
		}
		if _, ok, err := r.Next(); ok || err != nil {
			t.Errorf("%s: Next after the end: %v %v", c.sample, ok, err)
		}
	}
	// A single, uncompounded message is one member.
	members, err := smbtCompoundMembers(smbtMsg(t, "s05-negotiate-resp"))
	if err != nil || len(members) != 1 {
		t.Errorf("single message: %d members, %v", len(members), err)
	}
}

// smbtHeader builds a minimal SMB2 header with the given NextCommand.
func smbtHeader(next uint32, cmd uint16) []byte {
	h := make([]byte, SMB2HeaderLen)
	copy(h, "\xfeSMB")
	h[4] = SMB2HeaderLen
	h[12] = byte(cmd)
	h[20], h[21], h[22], h[23] = byte(next), byte(next>>8), byte(next>>16), byte(next>>24)
	return h
}

func TestCompoundMalformed(t *testing.T) {
	pad := func(b []byte, n int) []byte { return append(b, make([]byte, n)...) }
	cases := []struct {
		name    string
		pdu     []byte
		members int
		err     error
	}{
		{"empty", nil, 0, ErrTruncated},
		{"short", smbtHeader(0, 0)[:40], 0, ErrTruncated},
		{"next below header", pad(smbtHeader(56, 0), 64), 0, ErrMalformed},
		{"next unaligned", pad(smbtHeader(68, 0), 64), 0, ErrMalformed},
		{"next past end", smbtHeader(72, 0), 0, ErrMalformed},
		{"next self", pad(smbtHeader(0xFFFFFFF8, 0), 64), 0, ErrMalformed},
		{"second member not SMB2", pad(smbtHeader(64, 0), 64), 1, ErrProtocol},
		{"second member truncated", append(smbtHeader(64, 0), "\xfeSMB"...), 1, ErrTruncated},
		{"trailing next on last member", smbtHeader(64, 5), 1, nil},
		{"two members", append(smbtHeader(64, 5), smbtHeader(0, 6)...), 2, nil},
	}
	for _, c := range cases {
		r := NewCompoundReader(c.pdu)
		members, err := smbtCompoundMembers(c.pdu)
		if len(members) != c.members || !errors.Is(err, c.err) && err != c.err {
			t.Errorf("%s: %d members, %v; want %d, %v", c.name, len(members), err, c.members, c.err)
		}
		// Errors are sticky.
		for {
			_, ok, err := r.Next()
			if err != nil {
				if _, _, err2 := r.Next(); err2 != err {
					t.Errorf("%s: error not sticky", c.name)
				}
				break
			}
			if !ok {
				break
			}
		}
	}
}

func TestCompoundMemberCap(t *testing.T) {
	// MaxCompoundMembers+1 minimal members chained by NextCommand 64.
	var pdu []byte
	for i := 0; i <= MaxCompoundMembers; i++ {
		pdu = append(pdu, smbtHeader(64, SMB2Echo)...)
	}
	members, err := smbtCompoundMembers(pdu)
	if len(members) != MaxCompoundMembers || !errors.Is(err, ErrMalformed) {
		t.Errorf("%d members, %v", len(members), err)
	}
}

func TestParseTransformHeaderReal(t *testing.T) {
	// s02 frame 12: the first message after the ENCRYPT_DATA session setup
	// (frame 11, SessionId 0xa09502c1) is encrypted.
	m := smbtMsg(t, "s02-transform")
	th, err := ParseTransformHeader(m)
	if err != nil {
		t.Fatal(err)
	}
	if th.SessionID != 0xa09502c1 || th.Flags != TransformFlagEncrypted || th.OriginalMessageSize != 112 {
		t.Errorf("%+v", th)
	}
	if len(th.Payload) != int(th.OriginalMessageSize) {
		t.Errorf("payload %d bytes, original size %d", len(th.Payload), th.OriginalMessageSize)
	}
	// AES-128-GCM uses the first 12 nonce bytes; the rest is zero.
	if th.Signature[0] != 0xbe || th.Nonce[0] != 0x01 || th.Nonce[11] != 0xb0 || [4]byte(th.Nonce[12:]) != [4]byte{} {
		t.Errorf("signature %x nonce %x", th.Signature, th.Nonce)
	}
	if _, err := ParseTransformHeader(m[:51]); !errors.Is(err, ErrTruncated) {
		t.Errorf("51 bytes: %v", err)
	}
	if _, err := ParseTransformHeader(smbtMsg(t, "s05-negotiate-req")); !errors.Is(err, ErrProtocol) {
		t.Errorf("SMB2 message: %v", err)
	}
	if _, err := ParseSMB2Header(m); !errors.Is(err, ErrProtocol) {
		t.Errorf("SMB2 header of a transform: %v", err)
	}
}

func TestParseCompressionHeader(t *testing.T) {
	// The shape of the CVE-2020-0796 trigger: an unchained header whose
	// OriginalCompressedSegmentSize plus Offset overflow 32 bits. The parser
	// reports the fields as sent.
	m, _ := hex.DecodeString("fc534d42" + "ffffffff" + "0100" + "0000" + "10000000" + "41414141")
	c, err := ParseCompressionHeader(m)
	if err != nil {
		t.Fatal(err)
	}
	if c.OriginalSize != 0xffffffff || c.Algorithm != CompressionLZNT1 || c.Flags != CompressionFlagNone || c.Offset != 16 {
		t.Errorf("%+v", c)
	}
	if ProtocolOf(m) != ProtoCompression {
		t.Error("ProtocolOf")
	}
	if _, err := ParseCompressionHeader(m[:15]); !errors.Is(err, ErrTruncated) {
		t.Errorf("15 bytes: %v", err)
	}
	if _, err := ParseCompressionHeader(smbtMsg(t, "s02-transform")); !errors.Is(err, ErrProtocol) {
		t.Errorf("transform: %v", err)
	}
}

func FuzzParseSMB2Header(f *testing.F) {
	smbtFuzzSeeds(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		h, err := ParseSMB2Header(b)
		h2, err2 := ParseSMB2Header(b)
		if h != h2 || err != err2 {
			t.Fatal("not deterministic")
		}
		if err != nil {
			return
		}
		if len(b) < SMB2HeaderLen || ProtocolOf(b) != ProtoSMB2 {
			t.Fatalf("accepted %d bytes with protocol %v", len(b), ProtocolOf(b))
		}
		if h.Async() && h.TreeID != 0 || !h.Async() && h.AsyncID != 0 {
			t.Fatalf("async %v with tree %d async id %d", h.Async(), h.TreeID, h.AsyncID)
		}
	})
}

func FuzzCompoundReader(f *testing.F) {
	smbtFuzzSeeds(f)
	f.Fuzz(func(t *testing.T, pdu []byte) {
		pdu = pdu[:len(pdu):len(pdu)]
		v, err := smbtCheckParser(t, smbtParserNamed("Compound"), pdu)
		members := v.([][]byte)
		if len(members) > MaxCompoundMembers {
			t.Fatalf("%d members", len(members))
		}
		off := 0
		for i, m := range members {
			if len(m) < SMB2HeaderLen || &m[0] != &pdu[off] {
				t.Fatalf("member %d: %d bytes, not contiguous at %d", i, len(m), off)
			}
			if i < len(members)-1 && len(m)%8 != 0 {
				t.Fatalf("member %d: %d bytes, not 8-aligned", i, len(m))
			}
			off += len(m)
		}
		if err == nil && off != len(pdu) {
			t.Fatalf("clean end after %d of %d bytes", off, len(pdu))
		}
	})
}

func FuzzTransform(f *testing.F) {
	smbtFuzz(f, "Transform", "Compression")
}

func BenchmarkParseSMB2Header(b *testing.B) {
	m := smbtMsg(b, "s05-sessionsetup-resp2")
	b.ReportAllocs()
	b.SetBytes(SMB2HeaderLen)
	for b.Loop() {
		if _, err := ParseSMB2Header(m); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCompoundReader(b *testing.B) {
	m := smbtMsg(b, "compound-req")
	b.ReportAllocs()
	b.SetBytes(int64(len(m)))
	for b.Loop() {
		r := NewCompoundReader(m)
		for {
			_, ok, err := r.Next()
			if err != nil || !ok {
				break
			}
		}
	}
}
