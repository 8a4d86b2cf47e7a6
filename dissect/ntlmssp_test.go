package dissect

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"
	"unicode/utf16"
)

// ntlmTestMessage returns the NTLMSSP message inside a corpus token.
func ntlmTestMessage(t testing.TB, capture string, frame int) (NTLMMessage, []byte) {
	t.Helper()
	tok, err := ParseSecurityToken(spnegoSample(t, capture, frame))
	if err != nil || tok.NTLM == nil {
		t.Fatalf("%s#%d: %v, NTLM %v", capture, frame, err, tok.NTLM)
	}
	return *tok.NTLM, tok.InnerToken
}

// ntlmTestFiletime converts a FILETIME to UTC.
func ntlmTestFiletime(ft uint64) time.Time {
	const epochDelta = 116444736000000000 // 1601-01-01 to 1970-01-01 in 100 ns
	return time.Unix(0, int64(ft-epochDelta)*100).UTC()
}

func ntlmTestUTF16(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = binary.LittleEndian.AppendUint16(b, u)
	}
	return b
}

// ntlmTestBuild lays out an NTLMSSP message: a header of headerLen bytes
// holding signature, type, the fixed words at their offsets, and a field
// descriptor at each descriptor offset pointing into the payload that
// follows the header, in order.
func ntlmTestBuild(typ uint32, headerLen int, words map[int]uint32, descs []int, payloads [][]byte) []byte {
	b := make([]byte, headerLen)
	copy(b, "NTLMSSP\x00")
	binary.LittleEndian.PutUint32(b[8:], typ)
	for off, v := range words {
		binary.LittleEndian.PutUint32(b[off:], v)
	}
	for i, at := range descs {
		p := payloads[i]
		binary.LittleEndian.PutUint16(b[at:], uint16(len(p)))
		binary.LittleEndian.PutUint16(b[at+2:], uint16(len(p)))
		binary.LittleEndian.PutUint32(b[at+4:], uint32(len(b)))
		b = append(b, p...)
	}
	return b
}

// ntlmTestAuthDescs are the AUTHENTICATE descriptor offsets: LM, NT, domain,
// user, workstation, session key.
var ntlmTestAuthDescs = []int{12, 20, 28, 36, 44, 52}

func TestNTLMAuthenticateSamba(t *testing.T) {
	// samba/s05_smb311_defaults_user.pcap frame 10: smbclient -U DEVNET/carol.
	m, raw := ntlmTestMessage(t, spnegoTestS05, 10)
	derTestCheckAliases(t, raw, m)
	if m.User != "carol" || m.Domain != "DEVNET" || m.Workstation != "DEVPC7" {
		t.Errorf("user %q domain %q workstation %q", m.User, m.Domain, m.Workstation)
	}
	if m.Version != "v2" || m.Anonymous {
		t.Errorf("version %q anonymous %v", m.Version, m.Anonymous)
	}
	// Values shown by tshark: ntlmssp.ntlmv2_response.ntproofstr,
	// ntlmssp.authenticate.mic, ntlmssp.auth.sesskey, ntlmv2_response.chal.
	for _, c := range []struct {
		name      string
		got, want string
	}{
		{"NTProofStr", hex.EncodeToString(m.NTProofStr), "d366ae254d03a92e676960970c80c359"},
		{"MIC", hex.EncodeToString(m.MIC), "1858f441dd78d6bbce0837b62f3c1ed0"},
		{"EncryptedRandomSessionKey", hex.EncodeToString(m.EncryptedRandomSessionKey), "78b1edbc16932cd83bd4366e6513bdd0"},
		{"ClientChallenge", hex.EncodeToString(m.ClientChallenge), "3294c17e3cf34f76"},
		{"OSVersion", m.OSVersion, "6.1.0"},
		{"TargetSPN", m.TargetSPN, "cifs/198.51.100.10"},
		{"NetBIOSComputer (client copy)", m.NetBIOSComputer, "DEVNAS"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %s, want %s", c.name, c.got, c.want)
		}
	}
	if !m.HasMIC || !m.MICAnnounced || !m.HasAVFlags || m.AVFlags != NTLMAvFlagMIC || m.NTLMRevision != 15 {
		t.Errorf("HasMIC %v announced %v AVFlags %v/%#x revision %d", m.HasMIC, m.MICAnnounced, m.HasAVFlags, m.AVFlags, m.NTLMRevision)
	}
	// ntlmssp.ntlmv2_response.time and the echoed MsvAvTimestamp:
	// Nov 21, 2026 20:38:25.922464000 UTC.
	want := time.Date(2026, 11, 21, 20, 38, 25, 922464000, time.UTC)
	if got := ntlmTestFiletime(m.ClientTimestamp); !got.Equal(want) {
		t.Errorf("ClientTimestamp = %v, want %v", got, want)
	}
	if !m.HasTimestamp || !ntlmTestFiletime(m.Timestamp).Equal(want) {
		t.Errorf("Timestamp = %v (%v)", ntlmTestFiletime(m.Timestamp), m.HasTimestamp)
	}
	if len(m.NTResponse) != 224 || len(m.LMResponse) != 24 {
		t.Errorf("NT %d LM %d bytes", len(m.NTResponse), len(m.LMResponse))
	}
	if !bytes.Equal(m.NTProofStr, m.NTResponse[:16]) {
		t.Error("NTProofStr is not the NT response's first 16 bytes")
	}
}

func TestNTLMChallengeAVPairs(t *testing.T) {
	tests := []struct {
		capture                               string
		frame                                 int
		challenge, target                     string
		nbComputer, nbDomain, dnsComp, dnsDom string
		dnsTree                               string
		timestamp                             time.Time // zero: no MsvAvTimestamp
	}{
		// tshark: ntlmssp.ntlmserverchallenge, challenge.target_name, target_info.*.
		{spnegoTestS05, 9, "779c18f909e9a86e", "DEVNAS", "DEVNAS", "DEVNAS", "vm", "", "",
			time.Date(2026, 11, 21, 20, 38, 25, 922464000, time.UTC)},
		{"public/zeek/smb2.pcap", 7, "", "CONTOSO", "SERVER002", "CONTOSO", "SERVER002.contoso.com", "contoso.com", "contoso.com",
			time.Date(2011, 12, 6, 20, 18, 15, 380156000, time.UTC)},
		{"public/arkime/smbtorture-ntlmssp.pcap", 8, "", "VISTA2", "VISTA2", "VISTA2", "vista2", "vista2", "",
			time.Date(2005, 11, 19, 3, 31, 58, 82500000, time.UTC)},
		// impacket smbserver: the timestamp has whole seconds.
		{"samba/s15_impacketsrv_smb2_smbclient_guest.pcap", 9, "", "SCANtVea", "yOyhRCPw", "SCANtVea", "yOyhRCPw", "SCANtVea", "",
			time.Date(2026, 11, 21, 20, 39, 28, 0, time.UTC)},
		// Windows XP era (raw NTLMSSP in SMB1): no MsvAvTimestamp.
		{"public/zeek/raw_ntlm_in_smb.pcap", 20, "", "TEST-F7DFBC3FE9", "TEST-F7DFBC3FE9", "TEST-F7DFBC3FE9", "test-f7dfbc3fe9", "test-f7dfbc3fe9", "", time.Time{}},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%s#%d", tc.capture, tc.frame), func(t *testing.T) {
			m, raw := ntlmTestMessage(t, tc.capture, tc.frame)
			derTestCheckAliases(t, raw, m)
			if m.Type != NTLMChallengeType {
				t.Fatalf("type %d", m.Type)
			}
			if tc.challenge != "" && hex.EncodeToString(m.ServerChallenge[:]) != tc.challenge {
				t.Errorf("ServerChallenge = %x", m.ServerChallenge)
			}
			got := []string{m.TargetName, m.NetBIOSComputer, m.NetBIOSDomain, m.DNSComputer, m.DNSDomain, m.DNSTree}
			want := []string{tc.target, tc.nbComputer, tc.nbDomain, tc.dnsComp, tc.dnsDom, tc.dnsTree}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("names = %q, want %q", got, want)
			}
			if m.HasTimestamp != !tc.timestamp.IsZero() || (m.HasTimestamp && !ntlmTestFiletime(m.Timestamp).Equal(tc.timestamp)) {
				t.Errorf("timestamp %v (%v), want %v", ntlmTestFiletime(m.Timestamp), m.HasTimestamp, tc.timestamp)
			}
			if len(m.TargetInfo) == 0 || m.TargetInfo[0].ID != NTLMAvNbDomainName && m.TargetInfo[0].ID != NTLMAvNbComputerName {
				t.Errorf("TargetInfo = %v", m.TargetInfo)
			}
			if m.Version != "" || m.Anonymous || m.User != "" {
				t.Errorf("AUTHENTICATE fields set on a CHALLENGE: %q %v %q", m.Version, m.Anonymous, m.User)
			}
		})
	}
}

func TestNTLMAnonymous(t *testing.T) {
	tests := []struct {
		capture  string
		frame    int
		lm       string // LM response
		hasMIC   bool
		workstn  string
		flagAnon bool
	}{
		// Samba smbclient -N (SMB1 and SMB2): both responses empty, ANONYMOUS flag.
		{"samba/s08_smb1_anon_ipc.pcap", 10, "", true, "DEVPC7", true},
		{"samba/s09_smb311_anon_ipc_srvmand.pcap", 10, "", true, "DEVPC7", true},
		// Windows 10 null session: LM response is a single zero byte (MS-NLMP 3.1.5.1.2).
		{spnegoTestWin, 20, "00", true, "DESKTOP-V1FA0UQ", true},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%s#%d", tc.capture, tc.frame), func(t *testing.T) {
			m, raw := ntlmTestMessage(t, tc.capture, tc.frame)
			derTestCheckAliases(t, raw, m)
			if !m.Anonymous || m.Version != "" || m.User != "" || m.Domain != "" || len(m.NTResponse) != 0 {
				t.Errorf("anonymous %v version %q user %q domain %q NT %d", m.Anonymous, m.Version, m.User, m.Domain, len(m.NTResponse))
			}
			if hex.EncodeToString(m.LMResponse) != tc.lm || m.Workstation != tc.workstn {
				t.Errorf("LM %x workstation %q", m.LMResponse, m.Workstation)
			}
			if m.HasMIC != tc.hasMIC || m.MICAnnounced || (m.Flags&NTLMFlagAnonymous != 0) != tc.flagAnon {
				t.Errorf("HasMIC %v announced %v flags %v", m.HasMIC, m.MICAnnounced, NTLMFlagNames(m.Flags))
			}
			if m.NTProofStr != nil || m.ClientAVPairs != nil {
				t.Error("NTLMv2 fields set")
			}
		})
	}
	// Empty user and responses make a message anonymous even without the flag.
	msg := ntlmTestBuild(3, 64, map[int]uint32{60: uint32(NTLMFlagUnicode)}, ntlmTestAuthDescs,
		[][]byte{{0}, nil, nil, nil, ntlmTestUTF16("PC"), nil})
	m, err := ParseNTLMMessage(msg)
	if err != nil || !m.Anonymous || m.Workstation != "PC" {
		t.Errorf("flagless anonymous: %v %+v", err, m)
	}
	// Guest fallback is not anonymous: samba/s07 frame 10 sends carol's NTLMv2.
	m, _ = ntlmTestMessage(t, "samba/s07_smb311_badpass_guestfallback.pcap", 10)
	if m.Anonymous || m.User != "carol" || m.Version != "v2" {
		t.Errorf("s07: anonymous %v user %q version %q", m.Anonymous, m.User, m.Version)
	}
}

func TestNTLMv1(t *testing.T) {
	tests := []struct {
		capture         string
		frame           int
		version         string
		user            string
		clientChallenge string
		osVersion       string
	}{
		// arkime's synthetic capture: plain NTLMv1 (24-byte NT response, no ESS flag).
		{"public/arkime/ntlm_synthetic.pcap", 8, "v1", "alice1", "", "10.0.19041"},
		// smbtorture against Vista: NTLM2 session response, LM = client challenge + zeros.
		{"public/arkime/smbtorture-ntlmssp.pcap", 9, "v1-ess", "administrator", "42c09b264cbc4669", ""},
		// Windows XP SP2 (VERSION 5.1.2600), raw NTLMSSP in SMB1.
		{"public/suricata-verify/filecontainer-smb.pcap", 9, "v1-ess", "whitecell", "47d4bd7d114ac7fa", "5.1.2600"},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%s#%d", tc.capture, tc.frame), func(t *testing.T) {
			m, raw := ntlmTestMessage(t, tc.capture, tc.frame)
			derTestCheckAliases(t, raw, m)
			if m.Version != tc.version || m.User != tc.user || m.Anonymous {
				t.Errorf("version %q user %q anonymous %v", m.Version, m.User, m.Anonymous)
			}
			if len(m.NTResponse) != 24 || m.NTProofStr != nil {
				t.Errorf("NT response %d bytes, NTProofStr %x", len(m.NTResponse), m.NTProofStr)
			}
			if hex.EncodeToString(m.ClientChallenge) != tc.clientChallenge || m.OSVersion != tc.osVersion {
				t.Errorf("client challenge %x OS %q", m.ClientChallenge, m.OSVersion)
			}
		})
	}
	// ESS flag but an LM response that is not client challenge + zeros: v1.
	lm := bytes.Repeat([]byte{1}, 24)
	msg := ntlmTestBuild(3, 64, map[int]uint32{60: uint32(NTLMFlagUnicode | NTLMFlagExtendedSessionSecurity)}, ntlmTestAuthDescs,
		[][]byte{lm, make([]byte, 24), nil, ntlmTestUTF16("u"), nil, nil})
	if m, err := ParseNTLMMessage(msg); err != nil || m.Version != "v1" {
		t.Errorf("ESS without client challenge: %v %q", err, m.Version)
	}
}

// TestNTLMMICRules covers when the 16 bytes at offset 72 are a MIC.
func TestNTLMMICRules(t *testing.T) {
	tests := []struct {
		capture   string
		frame     int
		hasMIC    bool
		announced bool
		why       string
	}{
		{spnegoTestS05, 10, true, true, "MsvAvFlags 0x2 in the NTLMv2 blob"},
		{"public/zeek/raw_ntlm_in_smb.pcap", 22, true, true, "MsvAvFlags 0x3 (constrained + MIC)"},
		{"samba/s09_smb311_anon_ipc_srvmand.pcap", 10, true, false, "anonymous, no blob to announce it, field non-zero"},
		// tshark shows ntlmssp.authenticate.mic = 16 zero bytes here, because
		// the header has room for the field; nothing announces a MIC and the
		// sender left it zero, so there is none.
		{"public/arkime/ntlm_synthetic.pcap", 8, false, false, "NTLMv1, field all zero"},
		{"samba/s16_impacketcli_smbd_defaults_user.pcap", 12, false, false, "impacket: 64-byte header, payload where the MIC would be"},
		{"public/suricata-verify/smb-version-keyword__input.pcap", 11, false, false, "no VERSION, 64-byte header"},
	}
	for _, tc := range tests {
		m, _ := ntlmTestMessage(t, tc.capture, tc.frame)
		if m.HasMIC != tc.hasMIC || m.MICAnnounced != tc.announced || (m.MIC != nil) != tc.hasMIC {
			t.Errorf("%s#%d (%s): HasMIC %v announced %v MIC %x", tc.capture, tc.frame, tc.why, m.HasMIC, m.MICAnnounced, m.MIC)
		}
	}

	// Announced, but the header is too short to hold the field: no MIC.
	blob := make([]byte, 28)
	blob[0], blob[1] = 1, 1
	blob = append(blob, 6, 0, 4, 0, 2, 0, 0, 0, 0, 0, 0, 0) // MsvAvFlags = MIC, EOL
	nt := append(make([]byte, 16), blob...)
	msg := ntlmTestBuild(3, 72, map[int]uint32{60: uint32(NTLMFlagUnicode | NTLMFlagVersion)}, ntlmTestAuthDescs,
		[][]byte{make([]byte, 24), nt, nil, ntlmTestUTF16("u"), nil, nil})
	m, err := ParseNTLMMessage(msg)
	if err != nil || m.HasMIC || !m.MICAnnounced || m.Version != "v2" {
		t.Errorf("short header: %v HasMIC %v announced %v version %q", err, m.HasMIC, m.MICAnnounced, m.Version)
	}
}

func TestNTLMHeaderVariants(t *testing.T) {
	user := ntlmTestUTF16("Zoë 😀") // non-BMP rune: a surrogate pair
	t.Run("unicode with surrogate pair", func(t *testing.T) {
		msg := ntlmTestBuild(3, 88, map[int]uint32{60: uint32(NTLMFlagUnicode)}, ntlmTestAuthDescs,
			[][]byte{nil, nil, ntlmTestUTF16("DOM"), user, ntlmTestUTF16("WS"), nil})
		m, err := ParseNTLMMessage(msg)
		if err != nil || m.User != "Zoë 😀" || m.Domain != "DOM" || m.Workstation != "WS" {
			t.Errorf("%v %q %q %q", err, m.User, m.Domain, m.Workstation)
		}
	})
	t.Run("OEM strings", func(t *testing.T) {
		msg := ntlmTestBuild(3, 64, map[int]uint32{60: uint32(NTLMFlagOEM)}, ntlmTestAuthDescs,
			[][]byte{nil, make([]byte, 24), []byte("DOM"), []byte("Zo\xeb"), []byte("WS\x00"), nil})
		m, err := ParseNTLMMessage(msg)
		if err != nil || m.User != "Zoë" || m.Domain != "DOM" || m.Workstation != "WS" || m.Version != "v1" {
			t.Errorf("%v %q %q %q %q", err, m.User, m.Domain, m.Workstation, m.Version)
		}
	})
	t.Run("52-byte header: no key, no flags, Unicode assumed", func(t *testing.T) {
		msg := ntlmTestBuild(3, 52, nil, ntlmTestAuthDescs[:5],
			[][]byte{make([]byte, 24), make([]byte, 24), ntlmTestUTF16("D"), ntlmTestUTF16("U"), ntlmTestUTF16("W")})
		m, err := ParseNTLMMessage(msg)
		if err != nil || m.Flags != 0 || m.User != "U" || m.EncryptedRandomSessionKey != nil || m.Version != "v1" {
			t.Errorf("%v %+v", err, m)
		}
	})
	t.Run("64-byte header: flags, no VERSION field", func(t *testing.T) {
		flags := NTLMFlagUnicode | NTLMFlagVersion | NTLMFlagKeyExch
		msg := ntlmTestBuild(3, 64, map[int]uint32{60: uint32(flags)}, ntlmTestAuthDescs,
			[][]byte{nil, make([]byte, 24), nil, ntlmTestUTF16("U"), nil, bytes.Repeat([]byte{7}, 16)})
		m, err := ParseNTLMMessage(msg)
		if err != nil || m.Flags != flags || m.OSVersion != "" || m.HasMIC || len(m.EncryptedRandomSessionKey) != 16 {
			t.Errorf("%v %+v", err, m)
		}
		derTestCheckAliases(t, msg, m)
	})
	t.Run("NEGOTIATE with OEM domain and workstation", func(t *testing.T) {
		flags := NTLMFlagOEMDomainSupplied | NTLMFlagOEMWorkstationSupplied | NTLMFlagVersion
		msg := ntlmTestBuild(1, 40, map[int]uint32{12: uint32(flags), 32: 0x4a61000a, 36: 0x0f000000}, []int{16, 24},
			[][]byte{[]byte("CAF\xc9"), []byte("PC1")})
		m, err := ParseNTLMMessage(msg)
		if err != nil || m.Domain != "CAFÉ" || m.Workstation != "PC1" || m.OSVersion != "10.0.19041" || m.NTLMRevision != 15 {
			t.Errorf("%v %q %q %q %d", err, m.Domain, m.Workstation, m.OSVersion, m.NTLMRevision)
		}
	})
	t.Run("16-byte NEGOTIATE", func(t *testing.T) {
		msg := ntlmTestBuild(1, 16, map[int]uint32{12: 0x207}, nil, nil)
		m, err := ParseNTLMMessage(msg)
		if err != nil || m.Flags != 0x207 {
			t.Errorf("%v %+v", err, m)
		}
	})
	t.Run("32-byte CHALLENGE", func(t *testing.T) {
		msg := ntlmTestBuild(2, 32, map[int]uint32{20: uint32(NTLMFlagUnicode), 24: 0x44332211, 28: 0x88776655}, nil, nil)
		m, err := ParseNTLMMessage(msg)
		if err != nil || m.ServerChallenge != [8]byte{0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88} || m.TargetInfo != nil {
			t.Errorf("%v %+v", err, m)
		}
	})
}

func TestNTLMErrors(t *testing.T) {
	valid := ntlmTestBuild(3, 64, map[int]uint32{60: uint32(NTLMFlagUnicode)}, ntlmTestAuthDescs,
		[][]byte{nil, make([]byte, 24), nil, ntlmTestUTF16("u"), nil, nil})
	patch := func(off int, v uint32) []byte {
		b := bytes.Clone(valid)
		binary.LittleEndian.PutUint32(b[off:], v)
		return b
	}
	avChallenge := func(ti []byte) []byte {
		return ntlmTestBuild(2, 48, map[int]uint32{20: uint32(NTLMFlagUnicode | NTLMFlagTargetInfo)}, []int{12, 40},
			[][]byte{ntlmTestUTF16("T"), ti})
	}
	var manyPairs []byte
	for i := 0; i <= NTLMMaxAVPairs; i++ {
		manyPairs = append(manyPairs, 1, 0, 0, 0)
	}
	shortV2 := ntlmTestBuild(3, 64, map[int]uint32{60: uint32(NTLMFlagUnicode)}, ntlmTestAuthDescs,
		[][]byte{nil, make([]byte, 30), nil, ntlmTestUTF16("u"), nil, nil})
	tests := []struct {
		name string
		in   []byte
		err  error
	}{
		{"empty", nil, ErrTruncated},
		{"signature prefix", []byte("NTLM"), ErrTruncated},
		{"bad signature", []byte("NTLMSSP\x01\x03\x00\x00\x00"), ErrProtocol},
		{"not NTLMSSP", []byte("hello, world"), ErrProtocol},
		{"message type 4", patch(8, 4), ErrMalformed},
		{"AUTHENTICATE cut in its header", valid[:40], ErrTruncated},
		{"AUTHENTICATE cut in its payload", valid[:len(valid)-1], ErrTruncated},
		{"offset 0xffffffff", patch(24, 0xffffffff), ErrTruncated},
		{"length past the end", patch(36, 0x00400040), ErrTruncated},
		{"CHALLENGE of 31 bytes", avChallenge(nil)[:31], ErrTruncated},
		{"AV pair overruns TargetInfo", avChallenge([]byte{1, 0, 9, 0, 'a', 0}), ErrMalformed},
		{"AV pair header cut", avChallenge([]byte{1, 0, 0}), ErrMalformed},
		{"too many AV pairs", avChallenge(manyPairs), ErrMalformed},
		{"NTLMv2 response too short for its blob", shortV2, ErrMalformed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseNTLMMessage(tc.in)
			if !errors.Is(err, tc.err) {
				t.Errorf("err = %v, want %v", err, tc.err)
			}
		})
	}
	// Partial results: the short NTLMv2 response still reports v2 and the user.
	m, _ := ParseNTLMMessage(shortV2)
	if m.Version != "v2" || m.User != "u" || len(m.NTProofStr) != 16 {
		t.Errorf("partial result %+v", m)
	}
	// A TargetInfo without MsvAvEOL is accepted.
	m, err := ParseNTLMMessage(avChallenge(append([]byte{2, 0, 2, 0}, ntlmTestUTF16("D")...)))
	if err != nil || m.NetBIOSDomain != "D" {
		t.Errorf("TargetInfo without EOL: %v %q", err, m.NetBIOSDomain)
	}
}

func TestNTLMFlagNames(t *testing.T) {
	// 0xe2888215: Windows 10 AUTHENTICATE (wireshark-smb-on-windows10.pcap frame 99).
	got := NTLMFlagNames(0xe2888215)
	want := []string{"UNICODE", "REQUEST_TARGET", "SIGN", "NTLM", "ALWAYS_SIGN", "EXTENDED_SESSIONSECURITY",
		"TARGET_INFO", "VERSION", "128", "KEY_EXCH", "56"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("NTLMFlagNames(0xe2888215) = %v", got)
	}
	got = NTLMFlagNames(NTLMFlagAnonymous | NTLMFlagSeal | 0x8 | 0x10000000)
	want = []string{"0x00000008", "SEAL", "ANONYMOUS", "0x10000000"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("reserved bits: %v", got)
	}
	if NTLMFlagNames(0) != nil {
		t.Error("no flags should give nil")
	}
	if n := len(NTLMFlagNames(0xffffffff)); n != 32 {
		t.Errorf("all bits: %d names", n)
	}
}

// ntlmTestSeeds are the NTLMSSP messages inside the corpus tokens.
func ntlmTestSeeds(t testing.TB) [][]byte {
	var seeds [][]byte
	for _, s := range spnegoRealTokens {
		tok, _ := ParseSecurityToken(derTestHex(t, s.hex))
		if tok.InnerMech == "ntlmssp" {
			seeds = append(seeds, tok.InnerToken)
		}
	}
	return seeds
}

func FuzzNTLMMessage(f *testing.F) {
	for _, s := range ntlmTestSeeds(f) {
		f.Add(s)
	}
	f.Add(ntlmTestBuild(3, 52, nil, ntlmTestAuthDescs[:5], [][]byte{nil, make([]byte, 60), nil, nil, nil}))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := ParseNTLMMessage(b)
		if err != nil && !derTestSentinel(err) {
			t.Fatalf("error %v wraps no sentinel", err)
		}
		derTestCheckAliases(t, b, m)
		m2, err2 := ParseNTLMMessage(b)
		if !reflect.DeepEqual(m, m2) || fmt.Sprint(err) != fmt.Sprint(err2) {
			t.Fatal("not deterministic")
		}
		if len(m.TargetInfo) > NTLMMaxAVPairs || len(m.ClientAVPairs) > NTLMMaxAVPairs {
			t.Fatal("AV pair cap exceeded")
		}
		if m.HasMIC != (len(m.MIC) == 16) {
			t.Fatalf("HasMIC %v with %d-byte MIC", m.HasMIC, len(m.MIC))
		}
		if m.Version == "v2" && len(m.NTProofStr) != 16 {
			t.Fatal("v2 without NTProofStr")
		}
	})
}
