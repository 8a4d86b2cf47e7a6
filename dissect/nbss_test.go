package dissect

import (
	"errors"
	"testing"
)

// smbtNBSSSamples are NetBIOS session service packets from a port-139
// connection.
var smbtNBSSSamples = []smbtSample{
	// samba/s13_smb1_port139_user.pcap frame 4: NBSS SESSION REQUEST on port 139
	{name: "s13-session-request", pcap: "samba/s13_smb1_port139_user.pcap", frame: 4, parsers: []string{"NBSSSessionRequest"}, hex: "" +
		"81000044204442444a4449434f44464442434f444244414441434f444244414341434143410020454545464647464145" +
		"444448434143414341434143414341434143414341414100"},
	// samba/s13_smb1_port139_user.pcap frame 6: NBSS POSITIVE SESSION RESPONSE
	{name: "s13-positive-response", pcap: "samba/s13_smb1_port139_user.pcap", frame: 6, parsers: []string{}, hex: "" +
		"82000000"},
	// samba/s13_smb1_port139_user.pcap frame 8: SMB_COM_NEGOTIATE request carried in an NBSS SESSION MESSAGE on port 139
	{name: "s13-smb1-negotiate-req", pcap: "samba/s13_smb1_port139_user.pcap", frame: 8, parsers: []string{"SMB1Header", "SMB1NegotiateRequest"}, hex: "" +
		"0000003eff534d4272000000001843c80000000000000000000000000000feff00000000001b00024e54204c414e4d41" +
		"4e20312e3000024e54204c4d20302e313200"},
}

func TestNBSSSessionRequestReal(t *testing.T) {
	// s13 frame 4: smbclient -I calls the server by its IP address.
	s := smbtSample{}
	for _, x := range smbtNBSSSamples {
		if x.name == "s13-session-request" {
			s = x
		}
	}
	frame := s.frameBytes()
	typ, n, err := ParseNBSSHeader(frame)
	if err != nil || typ != NBSSRequest || n != 68 || typ.String() != "SESSION_REQUEST" {
		t.Fatalf("%v %d %v", typ, n, err)
	}
	called, calling, err := ParseNBSSSessionRequest(frame[NBSSHeaderLen:])
	if err != nil || called != "198.51.100.10" || calling != "DEVPC7" {
		t.Errorf("%q %q %v", called, calling, err)
	}
	r, err := DecodeNBSSSessionRequest(frame[NBSSHeaderLen:])
	if err != nil || r.CalledSuffix != 0x20 || r.CallingSuffix != 0x00 || r.CalledScope != "" {
		t.Errorf("%+v %v", r, err)
	}
	// Frame 6: the positive response, an empty payload.
	typ, n, err = ParseNBSSHeader(smbtFrame(t, "s13-positive-response"))
	if err != nil || typ != NBSSPositive || n != 0 {
		t.Errorf("%v %d %v", typ, n, err)
	}
	// Frame 8: SMB over the session.
	typ, n, err = ParseNBSSHeader(smbtFrame(t, "s13-smb1-negotiate-req"))
	if err != nil || typ != NBSSMessage || n != 62 {
		t.Errorf("%v %d %v", typ, n, err)
	}
}

// smbtFrame returns the whole TCP payload of the named sample.
func smbtFrame(t *testing.T, name string) []byte {
	t.Helper()
	for _, s := range smbtAllSamples() {
		if s.name == name {
			return s.frameBytes()
		}
	}
	t.Fatalf("no sample %q", name)
	return nil
}

func TestParseNBSSHeader(t *testing.T) {
	cases := []struct {
		in   []byte
		typ  NBSSType
		n    int
		err  error
		name string
	}{
		{[]byte{0x00, 0x01, 0x02, 0x03}, NBSSMessage, 0x010203, nil, "24-bit direct TCP length"},
		{[]byte{0x00, 0xff, 0xff, 0xff}, NBSSMessage, NBSSMaxLength, nil, "largest"},
		{[]byte{0x85, 0x00, 0x00, 0x00}, NBSSKeepalive, 0, nil, "keepalive"},
		{[]byte{0x83, 0x00, 0x00, 0x01}, NBSSNegative, 1, nil, "negative"},
		{[]byte{0x84, 0x00, 0x00, 0x06}, NBSSRetarget, 6, nil, "retarget"},
		{[]byte{0x81, 0xff, 0x00, 0x44}, NBSSRequest, 0x10044, nil, "E bit only; reserved flag bits ignored"},
		{[]byte{0x86, 0x00, 0x00, 0x00}, 0x86, 0, ErrMalformed, "unknown type"},
		{[]byte{0xff, 'S', 'M', 'B'}, 0xff, 0, ErrMalformed, "SMB without framing"},
		{[]byte{0x00, 0x00, 0x00}, 0, 0, ErrTruncated, "short"},
	}
	for _, c := range cases {
		typ, n, err := ParseNBSSHeader(c.in)
		if typ != c.typ || n != c.n || !errors.Is(err, c.err) && err != c.err {
			t.Errorf("%s: %v %d %v", c.name, typ, n, err)
		}
	}
	if NBSSType(0x86).String() != "0x86" || NBSSNegative.String() != "NEGATIVE_SESSION_RESPONSE" {
		t.Error("String")
	}
}

func TestDecodeNetBIOSName(t *testing.T) {
	// "*SMBSERVER" with suffix 0x20, the name clients call when they know
	// only the address.
	name, suffix, err := DecodeNetBIOSName([]byte("CKFDENECFDEFFCFGEFFCCACACACACACA"))
	if err != nil || name != "*SMBSERVER" || suffix != 0x20 {
		t.Errorf("%q %#x %v", name, suffix, err)
	}
	if _, _, err := DecodeNetBIOSName([]byte("CKFDENECFDEFFCFGEFFCCACACACACAC")); !errors.Is(err, ErrTruncated) {
		t.Errorf("31 chars: %v", err)
	}
	if _, _, err := DecodeNetBIOSName([]byte("CKFDENECFDEFFCFGEFFCCACACACACACQ")); !errors.Is(err, ErrMalformed) {
		t.Errorf("'Q': %v", err)
	}
	// Padding with NULs is trimmed as well.
	name, suffix, err = DecodeNetBIOSName([]byte("CKAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"))
	if err != nil || name != "*" || suffix != 0 {
		t.Errorf("%q %#x %v", name, suffix, err)
	}
}

func TestNBSSSessionRequestScopeAndErrors(t *testing.T) {
	enc := []byte("EEEFFGEOEBFDCACACACACACACACACAAA") // "DEVNAS" <00>
	called := append(append([]byte{32}, enc...), 3, 'f', 'o', 'o', 3, 'c', 'o', 'm', 0)
	calling := append(append([]byte{32}, enc...), 0)
	r, err := DecodeNBSSSessionRequest(append(called, calling...))
	if err != nil || r.Called != "DEVNAS" || r.CalledScope != "foo.com" || r.Calling != "DEVNAS" || r.CallingScope != "" {
		t.Errorf("%+v %v", r, err)
	}
	bad := append([]byte{31}, enc...)
	if _, _, err := ParseNBSSSessionRequest(bad); !errors.Is(err, ErrMalformed) {
		t.Errorf("length byte 31: %v", err)
	}
	long := append(append([]byte{32}, enc...), 64)
	if _, _, err := ParseNBSSSessionRequest(long); !errors.Is(err, ErrMalformed) {
		t.Errorf("label 64: %v", err)
	}
	if _, _, err := ParseNBSSSessionRequest(called); !errors.Is(err, ErrTruncated) {
		t.Errorf("missing calling name: %v", err)
	}
	if code, err := ParseNBSSNegativeResponse([]byte{NBSSErrCalledNameNotPresent}); err != nil || code != 0x82 {
		t.Errorf("%#x %v", code, err)
	}
	if _, err := ParseNBSSNegativeResponse(nil); !errors.Is(err, ErrTruncated) {
		t.Error(err)
	}
	ip, port, err := ParseNBSSRetargetResponse([]byte{198, 51, 100, 10, 0, 139})
	if err != nil || ip != [4]byte{198, 51, 100, 10} || port != 139 {
		t.Errorf("%v %d %v", ip, port, err)
	}
	if _, _, err := ParseNBSSRetargetResponse([]byte{1, 2, 3, 4, 5}); !errors.Is(err, ErrTruncated) {
		t.Error(err)
	}
}

func FuzzNBSS(f *testing.F) {
	smbtFuzz(f, "NBSSHeader", "NBSSSessionRequest", "NetBIOSName", "NBSSNegativeResponse", "NBSSRetargetResponse")
}
