package dissect

import (
	"bytes"
	"encoding/binary"
	"errors"
	"slices"
	"testing"
)

// smbtSessionSamples are SESSION_SETUP, TREE_CONNECT, IOCTL and ERROR messages.
var smbtSessionSamples = []smbtSample{
	// samba/s05_smb311_defaults_user.pcap frame 8: SESSION_SETUP request carrying SPNEGO/NTLMSSP NEGOTIATE
	{name: "s05-sessionsetup-req1", pcap: "samba/s05_smb311_defaults_user.pcap", frame: 8, parsers: []string{"SMB2Header", "SessionSetupRequest", "Compound"}, hex: "" +
		"000000a2fe534d4240000100000000000100002010000000000000000100000000000000000000000000000000000000" +
		"000000000000000000000000000000000000000019000001010000000000000058004a00000000000000000060480606" +
		"2b0601050502a03e303ca00e300c060a2b06010401823702020aa22a04284e544c4d5353500001000000158208620000" +
		"0000280000000000000028000000060100000000000f"},
	// samba/s05_smb311_defaults_user.pcap frame 9: SESSION_SETUP response STATUS_MORE_PROCESSING_REQUIRED with the NTLMSSP CHALLENGE
	{name: "s05-sessionsetup-resp1", pcap: "samba/s05_smb311_defaults_user.pcap", frame: 9, parsers: []string{"SMB2Header", "SessionSetupResponse", "Compound"}, hex: "" +
		"000000e7fe534d4240000100160000c001000100110000000000000001000000000000000000000000000000acb645be" +
		"00000000000000000000000000000000000000000900000048009f00a1819c308199a0030a0101a10c060a2b06010401" +
		"823702020aa281830481804e544c4d53535000020000000c000c003800000015828a62779c18f909e9a86e0000000000" +
		"0000003c003c0044000000060100000000000f4400450056004e004100530002000c004400450056004e004100530001" +
		"000c004400450056004e0041005300040000000300040076006d000700080040f81f42f879dd0100000000"},
	// samba/s05_smb311_defaults_user.pcap frame 11: final SESSION_SETUP response, STATUS_SUCCESS, signed
	{name: "s05-sessionsetup-resp2", pcap: "samba/s05_smb311_defaults_user.pcap", frame: 11, parsers: []string{"SMB2Header", "SessionSetupResponse", "Compound"}, hex: "" +
		"00000065fe534d42400001000000000001000020190000000000000002000000000000000000000000000000acb645be" +
		"000000004150abe926692bc6494302c90587a1c70900000048001d00a11b3019a0030a0100a3120410010000006afcf1" +
		"4d83eb30b400000000"},
	// samba/s05_smb311_defaults_user.pcap frame 12: signed TREE_CONNECT request for IPC$
	{name: "s05-treeconnect-req", pcap: "samba/s05_smb311_defaults_user.pcap", frame: 12, parsers: []string{"SMB2Header", "TreeConnectRequest", "Compound"}, hex: "" +
		"00000070fe534d42400001000000000003000100180000000000000003000000000000000000000000000000acb645be" +
		"00000000f5680ef79593c753530e5472575f9b4c09000000480028005c005c003100390038002e00350031002e003100" +
		"300030002e00310030005c004900500043002400"},
	// samba/s05_smb311_defaults_user.pcap frame 13: TREE_CONNECT response, pipe share
	{name: "s05-treeconnect-resp", pcap: "samba/s05_smb311_defaults_user.pcap", frame: 13, parsers: []string{"SMB2Header", "TreeConnectResponse", "Compound"}, hex: "" +
		"00000050fe534d4240000100000000000300010019000000000000000300000000000000000000007ea59757acb645be" +
		"00000000ead1b1a7bd1103f4596479d596237e25100002000000000000000000a9001f00"},
	// samba/s05_smb311_defaults_user.pcap frame 14: IOCTL request FSCTL_DFS_GET_REFERRALS
	{name: "s05-ioctl-dfs-req", pcap: "samba/s05_smb311_defaults_user.pcap", frame: 14, parsers: []string{"SMB2Header", "Ioctl", "Compound"}, hex: "" +
		"000000aafe534d4240000100000000000b00010010000000000000000400000000000000000000007ea59757acb645be" +
		"00000000000000000000000000000000000000003900000094010600ffffffffffffffffffffffffffffffff78000000" +
		"32000000000000007800000000000000ffff0000010000000000000003005c003100390038002e00350031002e003100" +
		"300030002e00310030005c007400650061006d0064006f00630073000000"},
	// samba/s05_smb311_defaults_user.pcap frame 15: ERROR response STATUS_NOT_FOUND to the IOCTL
	{name: "s05-ioctl-error-resp", pcap: "samba/s05_smb311_defaults_user.pcap", frame: 15, parsers: []string{"SMB2Header", "ErrorResponse", "SessionSetupResponse", "TreeConnectRequest", "Compound"}, hex: "" +
		"00000049fe534d4240000100250200c00b00010011000000000000000400000000000000000000007ea59757acb645be" +
		"0000000000000000000000000000000000000000090000000000000000"},
	// samba/s03_smb311_guest_srvmand.pcap frame 11: final SESSION_SETUP response with SMB2_SESSION_FLAG_IS_GUEST, unsigned
	{name: "s03-sessionsetup-guest", pcap: "samba/s03_smb311_guest_srvmand.pcap", frame: 11, parsers: []string{"SMB2Header", "SessionSetupResponse", "Compound"}, hex: "" +
		"00000051fe534d42400001000000000001000020110000000000000002000000000000000000000000000000cc4487ad" +
		"00000000000000000000000000000000000000000900010048000900a1073005a0030a0100"},
	// samba/s02_smb311_srvencreq_user.pcap frame 11: final SESSION_SETUP response with SMB2_SESSION_FLAG_ENCRYPT_DATA
	{name: "s02-sessionsetup-encrypt", pcap: "samba/s02_smb311_srvencreq_user.pcap", frame: 11, parsers: []string{"SMB2Header", "SessionSetupResponse", "Compound"}, hex: "" +
		"00000065fe534d42400001000000000001000020190000000000000002000000000000000000000000000000c10295a0" +
		"000000009a17d272257772ac4f9dc0220fb23bdd0900040048001d00a11b3019a0030a0100a312041001000000718873" +
		"4904174be700000000"},
	// samba/s11_smb202_srvauto_clioff_user.pcap frame 14: signed IOCTL FSCTL_VALIDATE_NEGOTIATE_INFO request on a 2.0.2 session
	{name: "s11-vni-req", pcap: "samba/s11_smb202_srvauto_clioff_user.pcap", frame: 14, parsers: []string{"SMB2Header", "Ioctl", "Compound"}, hex: "" +
		"00000092fe534d4240000000000000000b00010008000000000000000400000000000000000000000e9379a45ad1b6a9" +
		"00000000e9615cf21da3329e6feca4ae259deb473900000004021400ffffffffffffffffffffffffffffffff78000000" +
		"1a0000000000000078000000000000001800000001000000000000000000000000000000000000000000000000000000" +
		"010001000202"},
	// samba/s11_smb202_srvauto_clioff_user.pcap frame 15: signed IOCTL FSCTL_VALIDATE_NEGOTIATE_INFO response
	{name: "s11-vni-resp", pcap: "samba/s11_smb202_srvauto_clioff_user.pcap", frame: 15, parsers: []string{"SMB2Header", "Ioctl", "Compound"}, hex: "" +
		"00000088fe534d4240000000000000000b00010009000000000000000400000000000000000000000e9379a45ad1b6a9" +
		"00000000328b5e0fd92c9e1bc82b0dc8d5ed60783100000004021400ffffffffffffffffffffffffffffffff70000000" +
		"0000000070000000180000000000000000000000010000006465766e61730000000000000000000001000202"},
}

func TestSessionSetupRequestReal(t *testing.T) {
	// s05 frame 8: first leg of NTLMSSP inside SPNEGO.
	m := smbtMsg(t, "s05-sessionsetup-req1")
	r, err := ParseSessionSetupRequest(m)
	if err != nil {
		t.Fatal(err)
	}
	if r.Flags != 0 || r.SecurityMode != uint8(SMB2SigningEnabled) || r.Capabilities != SMB2CapDFS || r.Channel != 0 || r.PreviousSessionID != 0 {
		t.Errorf("%+v", r)
	}
	if len(r.SecurityBuffer) != 74 || r.SecurityBuffer[0] != 0x60 || !bytes.Contains(r.SecurityBuffer, []byte("NTLMSSP\x00\x01")) {
		t.Errorf("security buffer % x", r.SecurityBuffer)
	}
	if &r.SecurityBuffer[0] != &m[0x58] {
		t.Error("security buffer is not read at SecurityBufferOffset")
	}
	if _, err := ParseSessionSetupResponse(m); !errors.Is(err, ErrMalformed) {
		t.Errorf("request as response: %v", err)
	}
}

func TestSessionSetupResponseReal(t *testing.T) {
	for _, c := range []struct {
		sample string
		status uint32
		flags  uint16
		signed bool
		secLen int
	}{
		// s05 frame 9: the NTLMSSP CHALLENGE leg.
		{"s05-sessionsetup-resp1", StatusMoreProcessingRequired, 0, false, 159},
		// s05 frame 11: an authenticated user; the response is signed.
		{"s05-sessionsetup-resp2", StatusSuccess, 0, true, 29},
		// s03 frame 11: "map to guest = Bad User" turns an unknown user
		// into a guest session, which cannot sign even though the server
		// has "server signing = mandatory".
		{"s03-sessionsetup-guest", StatusSuccess, SMB2SessionFlagIsGuest, false, 9},
		// s02 frame 11: "server smb encrypt = required".
		{"s02-sessionsetup-encrypt", StatusSuccess, SMB2SessionFlagEncryptData, true, 29},
	} {
		m := smbtMsg(t, c.sample)
		h, err := ParseSMB2Header(m)
		if err != nil {
			t.Fatal(err)
		}
		if h.Status != c.status || h.Signed() != c.signed || h.Command != SMB2SessionSetup {
			t.Errorf("%s: status %s signed %v", c.sample, StatusName(h.Status), h.Signed())
		}
		r, err := ParseSessionSetupResponse(m)
		if err != nil {
			t.Fatalf("%s: %v", c.sample, err)
		}
		if r.SessionFlags != c.flags || len(r.SecurityBuffer) != c.secLen || r.SecurityBuffer[0] != 0xa1 {
			t.Errorf("%s: flags %#x buffer %d bytes", c.sample, r.SessionFlags, len(r.SecurityBuffer))
		}
	}
}

func TestTreeConnectReal(t *testing.T) {
	// s05 frame 12: clients sign TREE_CONNECT even when not required.
	m := smbtMsg(t, "s05-treeconnect-req")
	h, _ := ParseSMB2Header(m)
	if !h.Signed() {
		t.Error("TREE_CONNECT request not signed")
	}
	r, err := ParseTreeConnectRequest(m)
	if err != nil {
		t.Fatal(err)
	}
	if r.Path != `\\198.51.100.10\IPC$` || r.Flags != 0 {
		t.Errorf("%+v", r)
	}
	resp, err := ParseTreeConnectResponse(smbtMsg(t, "s05-treeconnect-resp"))
	if err != nil {
		t.Fatal(err)
	}
	if resp.ShareType != SMB2ShareTypePipe || resp.ShareFlags&SMB2ShareFlagEncryptData != 0 || resp.MaximalAccess != 0x001f00a9 {
		t.Errorf("%+v", resp)
	}
}

func TestIoctlReal(t *testing.T) {
	// s05 frame 14: a DFS referral request, answered in frame 15 by an
	// ERROR response with STATUS_NOT_FOUND.
	io, err := ParseIoctl(smbtMsg(t, "s05-ioctl-dfs-req"))
	if err != nil {
		t.Fatal(err)
	}
	if io.CtlCode != FsctlDFSGetReferrals || io.Flags != SMB2IoctlIsFsctl || io.Response || len(io.Input) != 50 || io.Output != nil {
		t.Errorf("%+v", io)
	}
	if io.FileID != [16]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff} {
		t.Errorf("file id %x", io.FileID)
	}
	em := smbtMsg(t, "s05-ioctl-error-resp")
	if _, err := ParseIoctl(em); !errors.Is(err, ErrMalformed) {
		t.Errorf("error response as IOCTL: %v", err)
	}
	h, _ := ParseSMB2Header(em)
	e, err := ParseErrorResponse(em)
	if err != nil || h.Status != StatusNotFound || h.Command != SMB2Ioctl || e.ByteCount != 0 || e.ErrorContextCount != 0 || len(e.ErrorData) != 1 {
		t.Errorf("%+v %v", e, err)
	}

	// s11 frames 14 and 15: FSCTL_VALIDATE_NEGOTIATE_INFO on a 2.0.2
	// connection, both legs signed.
	for _, name := range []string{"s11-vni-req", "s11-vni-resp"} {
		m := smbtMsg(t, name)
		h, _ := ParseSMB2Header(m)
		io, err := ParseIoctl(m)
		if err != nil {
			t.Fatal(err)
		}
		if !h.Signed() || io.CtlCode != FsctlValidateNegotiateInfo || io.Response != h.IsResponse() {
			t.Errorf("%s: %+v", name, io)
		}
		if io.Response {
			v, err := ParseValidateNegotiateInfoResponse(io.Output)
			if err != nil || v.Dialect != Dialect202 || v.SecurityMode != SMB2SigningEnabled || v.Capabilities != SMB2CapDFS || !bytes.HasPrefix(v.GUID[:], []byte("devnas")) {
				t.Errorf("%s: %+v %v", name, v, err)
			}
			continue
		}
		v, err := ParseValidateNegotiateInfoRequest(io.Input)
		if err != nil || !slices.Equal(v.Dialects, []uint16{Dialect202}) || v.SecurityMode != SMB2SigningEnabled || v.GUID != [16]byte{} {
			t.Errorf("%s: %+v %v", name, v, err)
		}
	}
}

func TestSessionSetupBufferBounds(t *testing.T) {
	m := bytes.Clone(smbtMsg(t, "s05-sessionsetup-req1"))
	// Offset into the header.
	binary.LittleEndian.PutUint16(m[SMB2HeaderLen+12:], 0x20)
	if r, err := ParseSessionSetupRequest(m); !errors.Is(err, ErrMalformed) || r.SecurityMode != 1 {
		t.Errorf("offset 0x20: %v", err)
	}
	// Length past the end.
	binary.LittleEndian.PutUint16(m[SMB2HeaderLen+12:], 0x58)
	binary.LittleEndian.PutUint16(m[SMB2HeaderLen+14:], 0xffff)
	if _, err := ParseSessionSetupRequest(m); !errors.Is(err, ErrTruncated) {
		t.Errorf("length 0xffff: %v", err)
	}
	// Zero length: no buffer, whatever the offset.
	binary.LittleEndian.PutUint16(m[SMB2HeaderLen+12:], 0xffff)
	binary.LittleEndian.PutUint16(m[SMB2HeaderLen+14:], 0)
	if r, err := ParseSessionSetupRequest(m); err != nil || r.SecurityBuffer != nil {
		t.Errorf("length 0: %v", err)
	}
}

func TestErrorResponseShapes(t *testing.T) {
	base := smbtMsg(t, "s05-ioctl-error-resp")[:SMB2HeaderLen+8]
	e, err := ParseErrorResponse(base)
	if err != nil || len(e.ErrorData) != 0 {
		t.Errorf("without padding byte: %+v %v", e, err)
	}
	m := append(bytes.Clone(base), 1, 2, 3)
	binary.LittleEndian.PutUint32(m[SMB2HeaderLen+4:], 3)
	m[SMB2HeaderLen+2] = 1
	if e, err := ParseErrorResponse(m); err != nil || e.ErrorContextCount != 1 || !bytes.Equal(e.ErrorData, []byte{1, 2, 3}) {
		t.Errorf("%+v %v", e, err)
	}
	// 32-bit counts must not wrap when converted to int (GOARCH=386).
	for _, bc := range []uint32{4, 0x7fffffff, 0x80000000, 0xffffffff} {
		binary.LittleEndian.PutUint32(m[SMB2HeaderLen+4:], bc)
		if _, err := ParseErrorResponse(m); !errors.Is(err, ErrTruncated) {
			t.Errorf("ByteCount %#x past end: %v", bc, err)
		}
	}
}

func TestIoctlHugeOffsets(t *testing.T) {
	m := bytes.Clone(smbtMsg(t, "s11-vni-req"))
	for _, c := range []struct {
		off, n uint32
		err    error
	}{
		{0xfffffff0, 0x10, ErrTruncated},
		{0x78, 0xffffffff, ErrTruncated},
		{0x80000000, 0x80000000, ErrTruncated},
		{0x20, 0x10, ErrMalformed},
		{0x78, 0x80000000, ErrTruncated},
	} {
		binary.LittleEndian.PutUint32(m[SMB2HeaderLen+24:], c.off)
		binary.LittleEndian.PutUint32(m[SMB2HeaderLen+28:], c.n)
		io, err := ParseIoctl(m)
		if !errors.Is(err, c.err) || io.CtlCode != FsctlValidateNegotiateInfo {
			t.Errorf("input %#x+%#x: %v", c.off, c.n, err)
		}
	}
}

func FuzzSessionSetup(f *testing.F) {
	smbtFuzz(f, "SessionSetupRequest", "SessionSetupResponse", "TreeConnectRequest", "TreeConnectResponse",
		"Ioctl", "ValidateNegotiateInfoRequest", "ValidateNegotiateInfoResponse", "ErrorResponse")
}
