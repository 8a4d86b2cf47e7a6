package dissect

import (
	"bytes"
	"encoding/binary"
	"errors"
	"slices"
	"testing"
)

// smbtSMB1Samples are SMB1 messages.
var smbtSMB1Samples = []smbtSample{
	// samba/s01_smb1_srvmand_user.pcap frame 4: SMB_COM_NEGOTIATE request (NT LANMAN 1.0, NT LM 0.12)
	{name: "s01-negotiate-req", pcap: "samba/s01_smb1_srvmand_user.pcap", frame: 4, parsers: []string{"SMB1Header", "SMB1NegotiateRequest"}, hex: "" +
		"0000003eff534d4272000000001843c80000000000000000000000000000feff00000000001b00024e54204c414e4d41" +
		"4e20312e3000024e54204c4d20302e313200"},
	// samba/s01_smb1_srvmand_user.pcap frame 6: NT LM 0.12 NEGOTIATE response, extended security, signatures required
	{name: "s01-negotiate-resp", pcap: "samba/s01_smb1_srvmand_user.pcap", frame: 6, parsers: []string{"SMB1Header", "SMB1NegotiateResponse"}, hex: "" +
		"0000009fff534d4272000000008843c80000000000000000000000000000feff000000001100000f3200010004410000" +
		"0000010056400000fcf3808061f2a434f879dd010000005a006465766e617300000000000000000000604806062b0601" +
		"050502a03e303ca00e300c060a2b06010401823702020aa32a3028a0261b246e6f745f646566696e65645f696e5f5246" +
		"433431373840706c656173655f69676e6f7265"},
	// samba/s01_smb1_srvmand_user.pcap frame 8: extended-security SESSION_SETUP_ANDX request (NTLMSSP NEGOTIATE)
	{name: "s01-sessionsetup-req1", pcap: "samba/s01_smb1_srvmand_user.pcap", frame: 8, parsers: []string{"SMB1Header", "SMB1SessionSetupRequest"}, hex: "" +
		"0000009cff534d4273000000001843c800004253525350594c20000000005340000001000cff000000ffff0200010000" +
		"0000004a000000000054c000806100604806062b0601050502a03e303ca00e300c060a2b06010401823702020aa22a04" +
		"284e544c4d53535000010000001582086200000000280000000000000028000000060100000000000f0055006e006900" +
		"78000000530061006d00620061000000"},
	// samba/s01_smb1_srvmand_user.pcap frame 9: SESSION_SETUP_ANDX response STATUS_MORE_PROCESSING_REQUIRED
	{name: "s01-sessionsetup-resp1", pcap: "samba/s01_smb1_srvmand_user.pcap", frame: 9, parsers: []string{"SMB1Header", "SMB1SessionSetupResponse"}, hex: "" +
		"0000011aff534d4273160000c08803c800004253525350594c20000000005340cd8c010004ff00000000009f00ef00a1" +
		"819c308199a0030a0101a10c060a2b06010401823702020aa281830481804e544c4d53535000020000000c000c003800" +
		"000015828a6230cb068a0c6f780b00000000000000003c003c0044000000060100000000000f4400450056004e004100" +
		"530002000c004400450056004e004100530001000c004400450056004e0041005300040000000300040076006d000700" +
		"0800046ca534f879dd0100000000570069006e0064006f0077007300200036002e0031000000530061006d0062006100" +
		"200034002e00310037002e00310032002d00440065006200690061006e0000004400450056004e00450054000000"},
	// samba/s01_smb1_srvmand_user.pcap frame 11: final SESSION_SETUP_ANDX response, signed
	{name: "s01-sessionsetup-resp2", pcap: "samba/s01_smb1_srvmand_user.pcap", frame: 11, parsers: []string{"SMB1Header", "SMB1SessionSetupResponse"}, hex: "" +
		"00000098ff534d4273000000008803c800006f8bc414a52dc35b000000005340cd8c020004ff00000000001d006d00a1" +
		"1b3019a0030a0100a312041001000000f2b932f037ffe92700000000570069006e0064006f0077007300200036002e00" +
		"31000000530061006d0062006100200034002e00310037002e00310032002d00440065006200690061006e0000004400" +
		"450056004e00450054000000"},
	// public/zeek/smb1_transaction_request.pcap frame 4: NEGOTIATE request offering only NT LM 0.12, OEM strings
	{name: "trans-negotiate-req", pcap: "public/zeek/smb1_transaction_request.pcap", frame: 4, parsers: []string{"SMB1Header", "SMB1NegotiateRequest"}, hex: "" +
		"0000002fff534d4272000000001800000000000000000000000000000000010000000200000c00024e54204c4d20302e" +
		"313200"},
	// public/zeek/smb1_transaction_request.pcap frame 6: NT LM 0.12 NEGOTIATE response without extended security (challenge, domain, server)
	{name: "trans-negotiate-resp", pcap: "public/zeek/smb1_transaction_request.pcap", frame: 6, parsers: []string{"SMB1Header", "SMB1NegotiateResponse"}, hex: "" +
		"00000065ff534d4272000000008803400000000000000000000000000000010000000200110000033200010004410000" +
		"0000010031010000fdf3800063aaaa718d8bd301c4ff082000436d271584aa1a25540045005300540000004a00450053" +
		"005300490045000000"},
	// public/zeek/smb1_transaction_request.pcap frame 8: WordCount 13 SESSION_SETUP_ANDX request with a plaintext password, AndX TREE_CONNECT
	{name: "trans-sessionsetup-req", pcap: "public/zeek/smb1_transaction_request.pcap", frame: 8, parsers: []string{"SMB1Header", "SMB1SessionSetupRequest"}, hex: "" +
		"0000007dff534d42730000000018010000000000000000000000000000000100000002000dff006000680b3200000000" +
		"0000000400000000000000050000002300506173734755455354000057696e646f777320342e300057696e646f777320" +
		"342e300004ff000000020001001200005c5c57494e324b5c495043240049504300"},
	// public/zeek/smb1_transaction_request.pcap frame 9: WordCount 3 SESSION_SETUP_ANDX response, guest, DOS status
	{name: "trans-sessionsetup-resp", pcap: "public/zeek/smb1_transaction_request.pcap", frame: 9, parsers: []string{"SMB1Header", "SMB1SessionSetupResponse"}, hex: "" +
		"00000046ff534d427300000000880300000000000000000000000000000001007c2b020003ff00000001001d0057696e" +
		"646f777320362e310053616d626120342e372e34005445535400"},
	// public/zeek/raw_ntlm_in_smb.pcap frame 16: NEGOTIATE request offering NT LM 0.12 and SMB 2.x
	{name: "rawntlm-negotiate-req", pcap: "public/zeek/raw_ntlm_in_smb.pcap", frame: 16, parsers: []string{"SMB1Header", "SMB1NegotiateRequest"}, hex: "" +
		"00000045ff534d4272000000000801c8000000000000000000000000ffff0100ffff0000002200024e54204c4d20302e" +
		"31320002534d4220322e3030320002534d4220322e3f3f3f00"},
	// public/zeek/raw_ntlm_in_smb.pcap frame 17: extended-security NEGOTIATE response with a GUID and no security blob
	{name: "rawntlm-negotiate-resp", pcap: "public/zeek/raw_ntlm_in_smb.pcap", frame: 17, parsers: []string{"SMB1Header", "SMB1NegotiateResponse"}, hex: "" +
		"00000055ff534d4272000000008801c8000000000000000000000000ffff0100ffff0000110000030a00010004110000" +
		"0000010000000000fde3008090acf3d0d88fd101a401001000d3c4c4c51f131d4c8337ec5e5af4a860"},
	// public/zeek/raw_ntlm_in_smb.pcap frame 19: SESSION_SETUP_ANDX request with a bare NTLMSSP NEGOTIATE blob
	{name: "rawntlm-sessionsetup-req", pcap: "public/zeek/raw_ntlm_in_smb.pcap", frame: 19, parsers: []string{"SMB1Header", "SMB1SessionSetupRequest"}, hex: "" +
		"0000009aff534d4273000000000801c8000000000000000000000000ffff0100000001000cff00000004110a00070000" +
		"0000002800000000005cc000805f004e544c4d5353500001000000050288620000000000000000000000000000000006" +
		"01b01d0f000000004d006100630020004f005300200058002000310030002e0031003000000053004d00420046005300" +
		"200033002e0030002e0030000000"},
	// public/zeek/raw_ntlm_in_smb.pcap frame 23: final SESSION_SETUP_ANDX response with an empty blob
	{name: "rawntlm-sessionsetup-resp", pcap: "public/zeek/raw_ntlm_in_smb.pcap", frame: 23, parsers: []string{"SMB1Header", "SMB1SessionSetupResponse"}, hex: "" +
		"00000075ff534d4273000000008801c8000000000000000000000000ffff01000008020004ff007500010000004a0000" +
		"570069006e0064006f0077007300200035002e0031000000570069006e0064006f007700730020003200300030003000" +
		"20004c0041004e0020004d0061006e00610067006500720000"},
	// public/zeek/cifs_negotiate_lanman.pcap frame 6: LANMAN2.1 NEGOTIATE response (WordCount 13)
	{name: "lanman-negotiate-resp", pcap: "public/zeek/cifs_negotiate_lanman.pcap", frame: 6, parsers: []string{"SMB1Header", "SMB1NegotiateResponse"}, hex: "" +
		"0000004fff534d4272000000009853c800000000000000000000000000003412000001000d0300030004112000010000" +
		"000000000033283a5b4a010800000012001122334455667788574f524b47524f555000"},
	// public/zeek/smb2_krb.pcap frame 4: multi-protocol NEGOTIATE request listing SMB 2.002 and SMB 2.???
	{name: "krb-smb1-negotiate-req", pcap: "public/zeek/smb2_krb.pcap", frame: 4, parsers: []string{"SMB1Header", "SMB1NegotiateRequest"}, hex: "" +
		"0000009bff534d4272000000001853c8000000000000000000000000fffffffe00000000007800025043204e4554574f" +
		"524b2050524f4752414d20312e3000024c414e4d414e312e30000257696e646f777320666f7220576f726b67726f7570" +
		"7320332e316100024c4d312e325830303200024c414e4d414e322e3100024e54204c4d20302e31320002534d4220322e" +
		"3030320002534d4220322e3f3f3f00"},
	// public/suricata-verify/smb1_osx.pcap frame 22: LOGOFF_ANDX response with DOS error ERRSRV/ERRbaduid
	{name: "osx-logoff-doserror", pcap: "public/suricata-verify/smb1_osx.pcap", frame: 22, parsers: []string{"SMB1Header"}, hex: "" +
		"00000023ff534d427402005b00880388000000000000000000000000ffff0100e66b0200000000"},
	// public/suricata-verify/smb-filename__input.pcap frame 193: signed NT_CREATE_ANDX response with DOS error ERRSRV/ERRinvtid
	{name: "filename-signed-doserror", pcap: "public/suricata-verify/smb-filename__input.pcap", frame: 193, parsers: []string{"SMB1Header"}, hex: "" +
		"00000023ff534d42a20200050098050800002ecd6eb85829d18a00000108c00a00080000000000"},
}

func TestSMB1HeaderReal(t *testing.T) {
	// s01 frame 8: before signing starts, Samba's client fills the
	// signature field with "BSRSPYL " (MS-CIFS 3.2.4.1.1); a non-zero
	// SecuritySignature alone does not mean a signed message.
	h, err := ParseSMB1Header(smbtMsg(t, "s01-sessionsetup-req1"))
	if err != nil {
		t.Fatal(err)
	}
	if string(h.SecuritySignature[:]) != "BSRSPYL " || h.Command != SMB1SessionSetupAndX || h.IsResponse() {
		t.Errorf("%+v", h)
	}
	if h.Flags2 != 0xc843 || !h.Unicode() || !h.NTStatus() || h.Flags2&SMB1Flags2ExtendedSecurity == 0 || h.Flags2&SMB1Flags2SecuritySignature != 0 {
		t.Errorf("flags2 %#x", h.Flags2)
	}
	if h.MID != 1 || h.PIDLow != 0x4053 || h.UID != 0 {
		t.Errorf("mid %d pid %#x uid %d", h.MID, h.PIDLow, h.UID)
	}

	// s01 frame 11: the final session setup response is really signed.
	h, _ = ParseSMB1Header(smbtMsg(t, "s01-sessionsetup-resp2"))
	if h.SecuritySignature != [8]byte{0x6f, 0x8b, 0xc4, 0x14, 0xa5, 0x2d, 0xc3, 0x5b} || h.UID != 0x8ccd || SMB1StatusName(h) != "STATUS_SUCCESS" {
		t.Errorf("%+v", h)
	}
	h, _ = ParseSMB1Header(smbtMsg(t, "s01-sessionsetup-resp1"))
	// STATUS_MORE_PROCESSING_REQUIRED has error severity although it is a
	// normal step of a multi-leg authentication.
	if h.Status != StatusMoreProcessingRequired || SMB1StatusName(h) != "STATUS_MORE_PROCESSING_REQUIRED" || !SMB1StatusIsError(h) {
		t.Errorf("status %#x", h.Status)
	}

	// smb-filename__input.pcap frame 193: a signed response carrying a DOS
	// error (ERRSRV/ERRinvtid), Flags2 without NT_STATUS.
	h, _ = ParseSMB1Header(smbtMsg(t, "filename-signed-doserror"))
	class, code := h.DOSError()
	if h.NTStatus() || class != SMB1ErrClassServer || code != 5 || SMB1StatusName(h) != "DOS_ERRSRV_ERRinvtid" || !SMB1StatusIsError(h) {
		t.Errorf("status %#x: %s", h.Status, SMB1StatusName(h))
	}
	if h.Flags2&SMB1Flags2SecuritySignature == 0 || h.SecuritySignature != [8]byte{0x2e, 0xcd, 0x6e, 0xb8, 0x58, 0x29, 0xd1, 0x8a} {
		t.Errorf("signature %x flags2 %#x", h.SecuritySignature, h.Flags2)
	}
	if h.TID != 2049 || h.PIDLow != 2752 || h.UID != 2048 || h.MID != 0 || h.Command != SMB1NTCreateAndX {
		t.Errorf("%+v", h)
	}
	// smb1_osx.pcap frame 22: LOGOFF_ANDX refused with ERRSRV/ERRbaduid.
	h, _ = ParseSMB1Header(smbtMsg(t, "osx-logoff-doserror"))
	if SMB1StatusName(h) != "DOS_ERRSRV_ERRbaduid" || SMB1CommandName(h.Command) != "LOGOFF_ANDX" {
		t.Errorf("%s %s", SMB1StatusName(h), SMB1CommandName(h.Command))
	}
}

func TestSMB1HeaderErrorsAndAllocs(t *testing.T) {
	m := smbtMsg(t, "s01-negotiate-resp")
	if _, err := ParseSMB1Header(m[:31]); !errors.Is(err, ErrTruncated) {
		t.Errorf("31 bytes: %v", err)
	}
	if _, err := ParseSMB1Header(smbtMsg(t, "s05-negotiate-req")); !errors.Is(err, ErrProtocol) {
		t.Errorf("SMB2: %v", err)
	}
	var sink SMB1Header
	for name, in := range map[string][]byte{"good": m, "short": m[:10], "smb2": smbtMsg(t, "s05-negotiate-req")} {
		if a := testing.AllocsPerRun(200, func() { sink, _ = ParseSMB1Header(in) }); a != 0 {
			t.Errorf("ParseSMB1Header(%s): %v allocations", name, a)
		}
	}
	_ = sink
}

func TestSMB1NegotiateRequestReal(t *testing.T) {
	for _, c := range []struct {
		sample string
		want   []string
	}{
		// s01 frame 4: smbclient with "client max protocol = NT1".
		{"s01-negotiate-req", []string{"NT LANMAN 1.0", "NT LM 0.12"}},
		{"trans-negotiate-req", []string{"NT LM 0.12"}},
		// raw_ntlm_in_smb.pcap frame 16: a macOS client that also speaks SMB2.
		{"rawntlm-negotiate-req", []string{"NT LM 0.12", "SMB 2.002", "SMB 2.???"}},
		// smb2_krb.pcap frame 4: Windows' multi-protocol NEGOTIATE; the
		// answer (frame 6) is an SMB2 response with dialect 0x02FF.
		{"krb-smb1-negotiate-req", []string{"PC NETWORK PROGRAM 1.0", "LANMAN1.0", "Windows for Workgroups 3.1a", "LM1.2X002", "LANMAN2.1", "NT LM 0.12", "SMB 2.002", "SMB 2.???"}},
		// s13 frame 8: the same over NetBIOS (port 139).
		{"s13-smb1-negotiate-req", []string{"NT LANMAN 1.0", "NT LM 0.12"}},
	} {
		r, err := ParseSMB1NegotiateRequest(smbtMsg(t, c.sample))
		if err != nil || !slices.Equal(r.Dialects, c.want) {
			t.Errorf("%s: %q %v", c.sample, r.Dialects, err)
		}
	}
	bad := bytes.Clone(smbtMsg(t, "s01-negotiate-req"))
	bad[35] = 0x03
	if _, err := ParseSMB1NegotiateRequest(bad); !errors.Is(err, ErrMalformed) {
		t.Errorf("buffer format 3: %v", err)
	}
	if _, err := ParseSMB1NegotiateRequest(smbtMsg(t, "s01-negotiate-resp")); !errors.Is(err, ErrMalformed) {
		t.Errorf("response as request: %v", err)
	}
}

func TestSMB1NegotiateResponseReal(t *testing.T) {
	// s01 frame 6: "server signing = mandatory". Samba picks index 0, "NT
	// LANMAN 1.0", which it treats like NT LM 0.12.
	r, err := ParseSMB1NegotiateResponse(smbtMsg(t, "s01-negotiate-resp"))
	if err != nil {
		t.Fatal(err)
	}
	if r.WordCount != 17 || r.DialectIndex != 0 || !r.HasSecurityMode {
		t.Errorf("%+v", r)
	}
	if r.SecurityMode != SMB1SecurityUser|SMB1SecurityEncryptPasswords|SMB1SecuritySignaturesEnabled|SMB1SecuritySignaturesRequired {
		t.Errorf("security mode %#x", r.SecurityMode)
	}
	if !r.ExtendedSecurity || r.Capabilities != 0x8080f3fc || !bytes.HasPrefix(r.ServerGUID[:], []byte("devnas")) {
		t.Errorf("caps %#x guid %x", r.Capabilities, r.ServerGUID)
	}
	if len(r.SecurityBlob) != 74 || r.SecurityBlob[0] != 0x60 || r.Challenge != nil || r.MaxMpxCount != 50 || r.MaxBufferSize != 16644 {
		t.Errorf("blob %d bytes, mpx %d, max buffer %d", len(r.SecurityBlob), r.MaxMpxCount, r.MaxBufferSize)
	}

	// smb1_transaction_request.pcap frame 6: Samba 4.7 without extended
	// security sends an 8-byte challenge and UTF-16 domain and server names
	// although Flags2 lacks SMB_FLAGS2_UNICODE; CAP_UNICODE decides.
	m := smbtMsg(t, "trans-negotiate-resp")
	h, _ := ParseSMB1Header(m)
	if h.Unicode() {
		t.Fatal("sample changed: Flags2 has UNICODE")
	}
	r, err = ParseSMB1NegotiateResponse(m)
	if err != nil {
		t.Fatal(err)
	}
	if r.ExtendedSecurity || len(r.Challenge) != 8 || r.DomainName != "TEST" || r.ServerName != "JESSIE" || r.SecurityMode != 0x03 || r.DialectIndex != 0 {
		t.Errorf("%+v", r)
	}

	// raw_ntlm_in_smb.pcap frame 17: extended security with only a GUID;
	// the client then sends raw NTLMSSP instead of SPNEGO.
	r, err = ParseSMB1NegotiateResponse(smbtMsg(t, "rawntlm-negotiate-resp"))
	if err != nil || !r.ExtendedSecurity || r.SecurityBlob != nil || r.SecurityMode != 0x03 || r.ServerGUID == [16]byte{} {
		t.Errorf("%+v %v", r, err)
	}

	// cifs_negotiate_lanman.pcap frame 6: LANMAN2.1 has a 16-bit security
	// mode with no signing bits. The server sets SMB_FLAGS2_UNICODE but
	// sends the domain name in OEM.
	r, err = ParseSMB1NegotiateResponse(smbtMsg(t, "lanman-negotiate-resp"))
	if err != nil {
		t.Fatal(err)
	}
	if r.WordCount != 13 || r.HasSecurityMode || r.SecurityMode16 != 3 || r.DialectIndex != 3 || r.DomainName != "WORKGROUP" {
		t.Errorf("%+v", r)
	}
	if !bytes.Equal(r.Challenge, []byte{0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88}) || r.MaxBufferSize != 4356 || r.MaxMpxCount != 32 || r.TimeZone != 330 {
		t.Errorf("%+v", r)
	}
}

func TestSMB1NegotiateResponseShapes(t *testing.T) {
	base := bytes.Clone(smbtMsg(t, "s01-negotiate-resp")[:SMB1HeaderLen])
	// Core dialect and "no dialect accepted" (WordCount 1, index 0xFFFF).
	core := append(bytes.Clone(base), 1, 0xff, 0xff, 0, 0)
	r, err := ParseSMB1NegotiateResponse(core)
	if err != nil || r.WordCount != 1 || r.DialectIndex != 0xFFFF || r.HasSecurityMode {
		t.Errorf("core: %+v %v", r, err)
	}
	// Error response with no words.
	r, err = ParseSMB1NegotiateResponse(append(bytes.Clone(base), 0, 0, 0))
	if err != nil || r.WordCount != 0 || r.DialectIndex != 0xFFFF {
		t.Errorf("empty: %+v %v", r, err)
	}
	// A WordCount of 5 is none of the defined shapes.
	odd := append(bytes.Clone(base), 5)
	odd = append(odd, make([]byte, 12)...)
	if _, err := ParseSMB1NegotiateResponse(odd); !errors.Is(err, ErrMalformed) {
		t.Errorf("WordCount 5: %v", err)
	}
	// A snapped capture keeps the security mode.
	m := smbtMsg(t, "s01-negotiate-resp")[:80]
	r, err = ParseSMB1NegotiateResponse(m)
	if !errors.Is(err, ErrTruncated) || r.SecurityMode != 0x0f {
		t.Errorf("snapped: %+v %v", r, err)
	}
}

func TestSMB1SessionSetupRequestReal(t *testing.T) {
	// s01 frame 8: extended security, Unicode strings after a pad byte.
	r, err := ParseSMB1SessionSetupRequest(smbtMsg(t, "s01-sessionsetup-req1"))
	if err != nil {
		t.Fatal(err)
	}
	if r.WordCount != 12 || r.AndXCommand != SMB1NoAndXCommand || r.MaxBufferSize != 0xffff || r.MaxMpxCount != 2 || r.VCNumber != 1 {
		t.Errorf("%+v", r)
	}
	if r.Capabilities != 0x8000c054 || len(r.SecurityBlob) != 74 || r.NativeOS != "Unix" || r.NativeLanMan != "Samba" {
		t.Errorf("caps %#x blob %d os %q lanman %q", r.Capabilities, len(r.SecurityBlob), r.NativeOS, r.NativeLanMan)
	}

	// smb1_transaction_request.pcap frame 8: the NT LM 0.12 form without
	// extended security: a 4-byte plaintext OEM password, account GUEST.
	r, err = ParseSMB1SessionSetupRequest(smbtMsg(t, "trans-sessionsetup-req"))
	if err != nil {
		t.Fatal(err)
	}
	if r.WordCount != 13 || r.OEMPasswordLen != 4 || r.UnicodePasswordLen != 0 || string(r.OEMPassword) != "Pass" || r.UnicodePassword != nil {
		t.Errorf("%+v", r)
	}
	if r.AccountName != "GUEST" || r.PrimaryDomain != "" || r.NativeOS != "Windows 4.0" || r.NativeLanMan != "Windows 4.0" || r.Capabilities != 5 {
		t.Errorf("%+v", r)
	}
	if r.MaxBufferSize != 2920 || r.MaxMpxCount != 50 || r.AndXOffset != 96 || r.SecurityBlob != nil {
		t.Errorf("%+v", r)
	}

	// raw_ntlm_in_smb.pcap frame 19: macOS puts a bare NTLMSSP message in
	// the security blob.
	r, err = ParseSMB1SessionSetupRequest(smbtMsg(t, "rawntlm-sessionsetup-req"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(r.SecurityBlob, []byte("NTLMSSP\x00\x01")) || r.NativeOS != "Mac OS X 10.10" || r.NativeLanMan != "SMBFS 3.0.0" {
		t.Errorf("%+v", r)
	}
}

func TestSMB1SessionSetupResponseReal(t *testing.T) {
	// s01 frame 9: extended security, no pad needed after a 159-byte blob.
	r, err := ParseSMB1SessionSetupResponse(smbtMsg(t, "s01-sessionsetup-resp1"))
	if err != nil {
		t.Fatal(err)
	}
	if r.WordCount != 4 || r.Action != 0 || len(r.SecurityBlob) != 159 || r.NativeOS != "Windows 6.1" || r.NativeLanMan != "Samba 4.17.12-Debian" || r.PrimaryDomain != "DEVNET" {
		t.Errorf("%+v", r)
	}
	r, err = ParseSMB1SessionSetupResponse(smbtMsg(t, "s01-sessionsetup-resp2"))
	if err != nil || r.Action&SMB1ActionGuest != 0 || len(r.SecurityBlob) != 29 {
		t.Errorf("%+v %v", r, err)
	}
	// smb1_transaction_request.pcap frame 9: WordCount 3, OEM, guest.
	r, err = ParseSMB1SessionSetupResponse(smbtMsg(t, "trans-sessionsetup-resp"))
	if err != nil {
		t.Fatal(err)
	}
	if r.WordCount != 3 || r.Action != SMB1ActionGuest || r.NativeOS != "Windows 6.1" || r.NativeLanMan != "Samba 4.7.4" || r.PrimaryDomain != "TEST" {
		t.Errorf("%+v", r)
	}
	// raw_ntlm_in_smb.pcap frame 23: empty blob, so the Unicode strings
	// start at an odd offset and need the pad byte.
	r, err = ParseSMB1SessionSetupResponse(smbtMsg(t, "rawntlm-sessionsetup-resp"))
	if err != nil {
		t.Fatal(err)
	}
	if r.SecurityBlob != nil || r.NativeOS != "Windows 5.1" || r.NativeLanMan != "Windows 2000 LAN Manager" {
		t.Errorf("%+v", r)
	}
}

func TestSMB1SessionSetupShapes(t *testing.T) {
	// WordCount 0: the error form.
	m := bytes.Clone(smbtMsg(t, "s01-sessionsetup-resp1")[:SMB1HeaderLen])
	m = append(m, 0, 0, 0)
	r, err := ParseSMB1SessionSetupResponse(m)
	if err != nil || r.WordCount != 0 {
		t.Errorf("%+v %v", r, err)
	}
	// A request parser refuses a response and vice versa.
	if _, err := ParseSMB1SessionSetupRequest(smbtMsg(t, "s01-sessionsetup-resp1")); !errors.Is(err, ErrMalformed) {
		t.Errorf("response as request: %v", err)
	}
	if _, err := ParseSMB1SessionSetupResponse(smbtMsg(t, "s01-sessionsetup-req1")); !errors.Is(err, ErrMalformed) {
		t.Errorf("request as response: %v", err)
	}
	// LANMAN form (WordCount 10), built by hand: 24-byte password, OEM.
	req := bytes.Clone(smbtMsg(t, "trans-sessionsetup-req")[:SMB1HeaderLen])
	words := make([]byte, 20)
	words[0] = SMB1NoAndXCommand
	binary.LittleEndian.PutUint16(words[4:], 4356)
	binary.LittleEndian.PutUint16(words[14:], 24)
	data := append(bytes.Repeat([]byte{0xAA}, 24), "ALICE\x00WORKGROUP\x00DOS\x00LM\x00"...)
	req = append(req, 10)
	req = append(req, words...)
	req = binary.LittleEndian.AppendUint16(req, uint16(len(data)))
	req = append(req, data...)
	lr, err := ParseSMB1SessionSetupRequest(req)
	if err != nil || lr.WordCount != 10 || lr.OEMPasswordLen != 24 || lr.AccountName != "ALICE" || lr.PrimaryDomain != "WORKGROUP" || lr.NativeOS != "DOS" || lr.NativeLanMan != "LM" || lr.MaxBufferSize != 4356 {
		t.Errorf("%+v %v", lr, err)
	}
	// Password lengths past the data block.
	binary.LittleEndian.PutUint16(req[SMB1HeaderLen+1+14:], 200)
	if _, err := ParseSMB1SessionSetupRequest(req); !errors.Is(err, ErrTruncated) {
		t.Errorf("long password: %v", err)
	}
}

func TestSMB1Strings(t *testing.T) {
	// OEM bytes above 0x7F come out as valid UTF-8 (Latin-1).
	if s, next := smb1String([]byte("caf\xe9\x00x"), 0, 0, false, false); s != "café" || next != 5 {
		t.Errorf("%q %d", s, next)
	}
	// Unicode at an odd offset skips the pad byte; an unterminated string
	// runs to the end.
	if s, next := smb1String([]byte{0, 'h', 0, 'i', 0}, 0, 1, true, true); s != "hi" || next != 5 {
		t.Errorf("%q %d", s, next)
	}
	if s, next := smb1String([]byte{0}, 0, 1, true, true); s != "" || next != 1 {
		t.Errorf("%q %d", s, next)
	}
}

func TestSMB1CommandName(t *testing.T) {
	for cmd, want := range map[uint8]string{
		SMB1Negotiate: "NEGOTIATE", SMB1SessionSetupAndX: "SESSION_SETUP_ANDX", SMB1TreeConnectAndX: "TREE_CONNECT_ANDX",
		SMB1NTCancel: "NT_CANCEL", SMB1Echo: "ECHO", SMB1LockingAndX: "LOCKING_ANDX", SMB1Transaction2: "TRANSACTION2",
		0x99: "0x99",
	} {
		if got := SMB1CommandName(cmd); got != want {
			t.Errorf("SMB1CommandName(%#x) = %q, want %q", cmd, got, want)
		}
	}
}

func FuzzSMB1(f *testing.F) {
	smbtFuzz(f, "SMB1Header", "SMB1NegotiateRequest", "SMB1NegotiateResponse", "SMB1SessionSetupRequest", "SMB1SessionSetupResponse")
}

func BenchmarkParseSMB1Header(b *testing.B) {
	m := smbtMsg(b, "s01-sessionsetup-resp2")
	b.ReportAllocs()
	b.SetBytes(SMB1HeaderLen)
	for b.Loop() {
		if _, err := ParseSMB1Header(m); err != nil {
			b.Fatal(err)
		}
	}
}

func TestSMB1NegotiateRequestUnterminated(t *testing.T) {
	m := bytes.Clone(smbtMsg(t, "s01-negotiate-req"))
	m = m[:len(m)-1] // drop the final NUL and shrink ByteCount to match
	binary.LittleEndian.PutUint16(m[SMB1HeaderLen+1:], uint16(len(m)-SMB1HeaderLen-3))
	r, err := ParseSMB1NegotiateRequest(m)
	if !errors.Is(err, ErrMalformed) || !slices.Equal(r.Dialects, []string{"NT LANMAN 1.0"}) {
		t.Errorf("%q %v", r.Dialects, err)
	}
}
