package dissect

import (
	"bytes"
	"encoding/binary"
	"errors"
	"slices"
	"testing"
)

// smbtNegotiateSamples are SMB2 NEGOTIATE requests and responses.
var smbtNegotiateSamples = []smbtSample{
	// samba/s05_smb311_defaults_user.pcap frame 4: NEGOTIATE request offering 2.0.2 to 3.1.1 with four contexts
	{name: "s05-negotiate-req", pcap: "samba/s05_smb311_defaults_user.pcap", frame: 4, parsers: []string{"SMB2Header", "NegotiateRequest", "Compound"}, hex: "" +
		"000000eafe534d42400000000000000000001f0000000000000000000000000000000000000000000000000000000000" +
		"000000000000000000000000000000000000000024000500010000007f000000bc3d77ca30d0864db01eab07ae59fcd7" +
		"70000000040000000202100200030203110300000100260000000000010020000100d48737a0c08f36bc0b237505b51e" +
		"951ad811366216091035f6c28657ac440772000002000a00000000000400020001000400030000000000000008000800" +
		"00000000030002000100000005001a00000000003100390038002e00350031002e003100300030002e0031003000"},
	// samba/s05_smb311_defaults_user.pcap frame 6: NEGOTIATE response selecting 3.1.1 (AES-128-GCM, AES-GMAC)
	{name: "s05-negotiate-resp", pcap: "samba/s05_smb311_defaults_user.pcap", frame: 6, parsers: []string{"SMB2Header", "NegotiateResponse", "Compound"}, hex: "" +
		"0000011cfe534d4240000000000000000000010001000000000000000000000000000000000000000000000000000000" +
		"000000000000000000000000000000000000000041000100110303006465766e6173000000000000000000000f000000" +
		"0000800000008000000080001c901f42f879dd01000000000000000080004a00d0000000604806062b0601050502a03e" +
		"303ca00e300c060a2b06010401823702020aa32a3028a0261b246e6f745f646566696e65645f696e5f52464334313738" +
		"40706c656173655f69676e6f72650000000000000100260000000000010020000100bab1065384408631161d764fc591" +
		"208023b292771abfc6fb585f7dfb9f98386d000002000400000000000100020000000000080004000000000001000200"},
	// samba/s17_smb311_cmac_clisign_user.pcap frame 6: NEGOTIATE response selecting 3.1.1 with AES-CMAC signing
	{name: "s17-negotiate-resp", pcap: "samba/s17_smb311_cmac_clisign_user.pcap", frame: 6, parsers: []string{"SMB2Header", "NegotiateResponse", "Compound"}, hex: "" +
		"0000011cfe534d4240000000000000000000010001000000000000000000000000000000000000000000000000000000" +
		"000000000000000000000000000000000000000041000100110303006465766e6173000000000000000000000f000000" +
		"0000800000008000000080003a652d6ef879dd01000000000000000080004a00d0000000604806062b0601050502a03e" +
		"303ca00e300c060a2b06010401823702020aa32a3028a0261b246e6f745f646566696e65645f696e5f52464334313738" +
		"40706c656173655f69676e6f72650000000000000100260000000000010020000100d407c6ebc8fd768b847f39c12795" +
		"cc87c69d7186371ce8f690139af8f6f6501a000002000400000000000100020000000000080004000000000001000100"},
	// samba/s11_smb202_srvauto_clioff_user.pcap frame 4: NEGOTIATE request offering only 2.0.2
	{name: "s11-negotiate-req", pcap: "samba/s11_smb202_srvauto_clioff_user.pcap", frame: 4, parsers: []string{"SMB2Header", "NegotiateRequest", "Compound"}, hex: "" +
		"00000066fe534d42400000000000000000001f0000000000000000000000000000000000000000000000000000000000" +
		"000000000000000000000000000000000000000024000100010000000000000000000000000000000000000000000000" +
		"00000000000000000202"},
	// samba/s11_smb202_srvauto_clioff_user.pcap frame 6: NEGOTIATE response selecting 2.0.2, signing enabled only
	{name: "s11-negotiate-resp", pcap: "samba/s11_smb202_srvauto_clioff_user.pcap", frame: 6, parsers: []string{"SMB2Header", "NegotiateResponse", "Compound"}, hex: "" +
		"000000cafe534d4240000000000000000000010001000000000000000000000000000000000000000000000000000000" +
		"000000000000000000000000000000000000000041000100020200006465766e61730000000000000000000001000000" +
		"0000010000000100000001005429a856f879dd01000000000000000080004a0000000000604806062b0601050502a03e" +
		"303ca00e300c060a2b06010401823702020aa32a3028a0261b246e6f745f646566696e65645f696e5f52464334313738" +
		"40706c656173655f69676e6f7265"},
	// samba/s06_smb210_srvmand_ipv6_user.pcap frame 6: NEGOTIATE response selecting 2.1, signing required
	{name: "s06-negotiate-resp", pcap: "samba/s06_smb210_srvmand_ipv6_user.pcap", frame: 6, parsers: []string{"SMB2Header", "NegotiateResponse", "Compound"}, hex: "" +
		"000000cafe534d4240000000000000000000010001000000000000000000000000000000000000000000000000000000" +
		"000000000000000000000000000000000000000041000300100200006465766e61730000000000000000000007000000" +
		"00008000000080000000800080a38145f879dd01000000000000000080004a0000000000604806062b0601050502a03e" +
		"303ca00e300c060a2b06010401823702020aa32a3028a0261b246e6f745f646566696e65645f696e5f52464334313738" +
		"40706c656173655f69676e6f7265"},
	// samba/s10_smb300_cliencrypt_user.pcap frame 6: NEGOTIATE response selecting 3.0 with the encryption capability
	{name: "s10-negotiate-resp", pcap: "samba/s10_smb300_cliencrypt_user.pcap", frame: 6, parsers: []string{"SMB2Header", "NegotiateResponse", "Compound"}, hex: "" +
		"000000cafe534d4240000000000000000000010001000000000000000000000000000000000000000000000000000000" +
		"000000000000000000000000000000000000000041000100000300006465766e6173000000000000000000004f000000" +
		"000080000000800000008000b6c54d53f879dd01000000000000000080004a0000000000604806062b0601050502a03e" +
		"303ca00e300c060a2b06010401823702020aa32a3028a0261b246e6f745f646566696e65645f696e5f52464334313738" +
		"40706c656173655f69676e6f7265"},
	// samba/s04_smb302_clisign_user.pcap frame 4: NEGOTIATE request offering 2.0.2 to 3.0.2
	{name: "s04-negotiate-req", pcap: "samba/s04_smb302_clisign_user.pcap", frame: 4, parsers: []string{"SMB2Header", "NegotiateRequest", "Compound"}, hex: "" +
		"0000006cfe534d42400000000000000000001f0000000000000000000000000000000000000000000000000000000000" +
		"000000000000000000000000000000000000000024000400030000007f000000786e825586ecfb47a1014a202143a806" +
		"00000000000000000202100200030203"},
	// samba/s04_smb302_clisign_user.pcap frame 6: NEGOTIATE response selecting 3.0.2
	{name: "s04-negotiate-resp", pcap: "samba/s04_smb302_clisign_user.pcap", frame: 6, parsers: []string{"SMB2Header", "NegotiateResponse", "Compound"}, hex: "" +
		"000000cafe534d4240000000000000000000010001000000000000000000000000000000000000000000000000000000" +
		"000000000000000000000000000000000000000041000100020300006465766e6173000000000000000000004f000000" +
		"0000800000008000000080005861a23ef879dd01000000000000000080004a0000000000604806062b0601050502a03e" +
		"303ca00e300c060a2b06010401823702020aa32a3028a0261b246e6f745f646566696e65645f696e5f52464334313738" +
		"40706c656173655f69676e6f7265"},
	// public/zeek/SMBGhost.pcap frame 4: NEGOTIATE request with pre-release dialects and a compression context (CVE-2020-0796 probe)
	{name: "ghost-negotiate-req", pcap: "public/zeek/SMBGhost.pcap", frame: 4, parsers: []string{"SMB2Header", "NegotiateRequest", "Compound"}, hex: "" +
		"000000c0fe534d42400000000000000000001f0000000000000000000000000000000000000000000000000000000000" +
		"000000000000000000000000000000000000000024000800010000007f00000000000000000000000000000000000000" +
		"780000000200000002021002220224020003020310031103000000000100260000000000010020000100000000000000" +
		"0000000000000000000000000000000000000000000000000000000003000a0000000000010000000100000001000000" +
		"00000000"},
	// public/zeek/SMBGhost.pcap frame 5: Windows NEGOTIATE response accepting LZNT1 compression
	{name: "ghost-negotiate-resp", pcap: "public/zeek/SMBGhost.pcap", frame: 5, parsers: []string{"SMB2Header", "NegotiateResponse", "Compound"}, hex: "" +
		"00000202fe534d4240000000000000000000010001000000000000000000000000000000000000000000000000000000" +
		"000000000000000000000000000000000000000041000100110302007cce6d370bb2d441b86cf7d2a894dae22f000000" +
		"0000800000008000000080000ac8cb6eb8f7d501000000000000000080004001c00100006082013c06062b0601050502" +
		"a08201303082012ca01a3018060a2b06010401823702021e060a2b06010401823702020aa282010c048201084e45474f" +
		"45585453010000000000000060000000700000009327b22464765404cba404c30989391570901cca57252c31d8714e01" +
		"dd0479603cf662b72efb85e3d502e7c50029b2d90000000000000000600000000100000000000000000000005c33530d" +
		"eaf90d4db2ec4ae3786ec3084e45474f45585453030000000100000040000000980000009327b22464765404cba404c3" +
		"098939155c33530deaf90d4db2ec4ae3786ec30840000000580000003056a05430523027802530233121301f06035504" +
		"031318546f6b656e205369676e696e67205075626c6963204b65793027802530233121301f06035504031318546f6b65" +
		"6e205369676e696e67205075626c6963204b65790100260000000000010020000100fb5686ebb88f1eb21fd13f2694a5" +
		"a533270196963aca2ecca5a8d2f915d72a92000003000a000000000001000000000000000100"},
	// public/zeek/smb2_krb.pcap frame 6: SMB2 NEGOTIATE response (dialect 0x02FF) to a multi-protocol SMB1 NEGOTIATE
	{name: "krb-negotiate-wildcard", pcap: "public/zeek/smb2_krb.pcap", frame: 6, parsers: []string{"SMB2Header", "NegotiateResponse", "Compound"}, hex: "" +
		"000000e0fe534d4240000000000000000000010001000000000000000000000000000000000000000000000000000000" +
		"000000000000000000000000000000000000000041000100ff0200007068786c616262616c3832310000000007000000" +
		"000080000000800000008000a210ac8797a8d20100000000000000008000600000000000605e06062b0601050502a054" +
		"3052a024302206092a864882f71201020206092a864886f712010202060a2b06010401823702020aa32a3028a0261b24" +
		"6e6f745f646566696e65645f696e5f5246433431373840706c656173655f69676e6f7265"},
	// public/zeek/smb311.pcap frame 1: NEGOTIATE request offering only 3.1.1 with an unassigned context type 0x0100
	{name: "smb311-negotiate-req", pcap: "public/zeek/smb311.pcap", frame: 1, parsers: []string{"SMB2Header", "NegotiateRequest", "Compound"}, hex: "" +
		"000000b8fe534d42400000000000000000000200000000000000000000000000000000000b0100000000000000000000" +
		"0000000000000000000000000000000000000000240001000100000077000000b466f294dc014341828b4cefaf39f64b" +
		"6800000003000000110300000100260000000000010020000100b9247cbf6ee50ba6d8c1a2af2de2af73bab483ed7003" +
		"e3202514ccd13dd727e400000200040000000000010001000000000000010800000000000000000000000000"},
	// public/zeek/smb3_multichannel.pcap frame 4: NEGOTIATE request with compression, netname and transport contexts
	{name: "mc-negotiate-req", pcap: "public/zeek/smb3_multichannel.pcap", frame: 4, parsers: []string{"SMB2Header", "NegotiateRequest", "Compound"}, hex: "" +
		"000000f4fe534d4240000100000000000000210010000000000000000000000000000000fffe00000000000000000000" +
		"000000000000000000000000000000000000000024000500010000007f0000003896c99e8322eb11b7bb005056992e14" +
		"70000000050000000202100200030203110300000100260000000000010020000100d0dffac55b48d275c822286107fc" +
		"bfb6c0bd37549c9a205c5860f9e198c38cde000002000600000000000200020001000000030010000000000004000000" +
		"01000000040002000300010005001800000000003100370032002e00310037002e0030002e0031003800390006000400" +
		"0000000000000000"},
	// public/zeek/smb3_multichannel.pcap frame 5: NEGOTIATE response with a compression context
	{name: "mc-negotiate-resp", pcap: "public/zeek/smb3_multichannel.pcap", frame: 5, parsers: []string{"SMB2Header", "NegotiateResponse", "Compound"}, hex: "" +
		"00000214fe534d4240000100000000000000010011000000000000000000000000000000fffe00000000000000000000" +
		"00000000000000000000000000000000000000004100010011030300697cdefa23c9b54eb5f652c14990838b2f000000" +
		"0000800000008000000080008c8ede02f8b8d601000000000000000080004001c00100006082013c06062b0601050502" +
		"a08201303082012ca01a3018060a2b06010401823702021e060a2b06010401823702020aa282010c048201084e45474f" +
		"4558545301000000000000006000000070000000d996b5b0235c7deb218da966322f4ef9d2fa8645d879d0bc31fe5a00" +
		"196c3aa5e830adbc2e899604f10c9558bd5bcc1a0000000000000000600000000100000000000000000000005c33530d" +
		"eaf90d4db2ec4ae3786ec3084e45474f4558545303000000010000004000000098000000d996b5b0235c7deb218da966" +
		"322f4ef95c33530deaf90d4db2ec4ae3786ec30840000000580000003056a05430523027802530233121301f06035504" +
		"031318546f6b656e205369676e696e67205075626c6963204b65793027802530233121301f06035504031318546f6b65" +
		"6e205369676e696e67205075626c6963204b65790100260000000000010020000100cf7610c11547f4d1452089727049" +
		"50a897885d8086043f5cfb8e637dc5fc700100000200040000000000010002000000000003000c000000000002000000" +
		"0100000002000400"},
}

func TestNegotiateResponsePerDialect(t *testing.T) {
	for _, c := range []struct {
		sample       string
		dialect      uint16
		name         string
		securityMode uint16
		caps         uint32
	}{
		// s11 frame 6: "server signing = auto": enabled, not required.
		{"s11-negotiate-resp", Dialect202, "2.0.2", SMB2SigningEnabled, SMB2CapDFS},
		// s06 frame 6: "server signing = mandatory" over IPv6.
		{"s06-negotiate-resp", Dialect210, "2.1", SMB2SigningEnabled | SMB2SigningRequired, SMB2CapDFS | SMB2CapLeasing | SMB2CapLargeMTU},
		// s10 frame 6: 3.0 advertises encryption as a capability.
		{"s10-negotiate-resp", Dialect300, "3.0", SMB2SigningEnabled, 0x4f},
		{"s04-negotiate-resp", Dialect302, "3.0.2", SMB2SigningEnabled, 0x4f},
		// s05 frame 6: 3.1.1 negotiates encryption by context instead.
		{"s05-negotiate-resp", Dialect311, "3.1.1", SMB2SigningEnabled, 0x0f},
		// smb2_krb.pcap frame 6: answer to a multi-protocol SMB1 NEGOTIATE.
		{"krb-negotiate-wildcard", DialectWildcard, "2.???", SMB2SigningEnabled, 0x07},
	} {
		m := smbtMsg(t, c.sample)
		r, err := ParseNegotiateResponse(m)
		if err != nil {
			t.Fatalf("%s: %v", c.sample, err)
		}
		if r.DialectRevision != c.dialect || DialectName(r.DialectRevision) != c.name {
			t.Errorf("%s: dialect %#x (%s)", c.sample, r.DialectRevision, DialectName(r.DialectRevision))
		}
		if r.SecurityMode != c.securityMode || r.Capabilities != c.caps {
			t.Errorf("%s: security mode %#x caps %#x", c.sample, r.SecurityMode, r.Capabilities)
		}
		if c.dialect == Dialect300 && r.Capabilities&SMB2CapEncryption == 0 {
			t.Errorf("%s: no encryption capability", c.sample)
		}
		// Every response carries a SPNEGO NegTokenInit2 (GSS tag 0x60).
		if len(r.SecurityBuffer) == 0 || r.SecurityBuffer[0] != 0x60 {
			t.Errorf("%s: security buffer % x", c.sample, r.SecurityBuffer[:min(4, len(r.SecurityBuffer))])
		}
		if c.dialect != Dialect311 && (r.Contexts.Count != 0 || r.NegotiateContextCount != 0) {
			t.Errorf("%s: contexts in a pre-3.1.1 response", c.sample)
		}
	}
}

func TestNegotiateResponse311Contexts(t *testing.T) {
	// s05 frame 6: Samba's defaults.
	r, err := ParseNegotiateResponse(smbtMsg(t, "s05-negotiate-resp"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(r.ServerGUID[:], []byte("devnas")) {
		t.Errorf("server GUID %x", r.ServerGUID)
	}
	if r.MaxTransactSize != 0x800000 || r.MaxReadSize != 0x800000 || r.MaxWriteSize != 0x800000 {
		t.Errorf("max sizes %d %d %d", r.MaxTransactSize, r.MaxReadSize, r.MaxWriteSize)
	}
	if r.NegotiateContextCount != 3 || r.NegotiateContextOffset != 0xd0 || len(r.SecurityBuffer) != 74 {
		t.Errorf("context count %d offset %#x, security buffer %d bytes", r.NegotiateContextCount, r.NegotiateContextOffset, len(r.SecurityBuffer))
	}
	c := r.Contexts
	if c.Count != 3 || !slices.Equal(c.Types, []uint16{SMB2PreauthIntegrityCapabilities, SMB2EncryptionCapabilities, SMB2SigningCapabilities}) {
		t.Errorf("types %v", c.Types)
	}
	if !slices.Equal(c.PreauthHashAlgorithms, []uint16{PreauthHashSHA512}) || len(c.PreauthSalt) != 32 {
		t.Errorf("preauth %v salt %d bytes", c.PreauthHashAlgorithms, len(c.PreauthSalt))
	}
	if !slices.Equal(c.Ciphers, []uint16{CipherAES128GCM}) || CipherName(c.Ciphers[0]) != "AES-128-GCM" {
		t.Errorf("ciphers %v", c.Ciphers)
	}
	if !slices.Equal(c.SigningAlgorithms, []uint16{SigningAESGMAC}) || SigningAlgorithmName(c.SigningAlgorithms[0]) != "AES-GMAC" {
		t.Errorf("signing %v", c.SigningAlgorithms)
	}
	if c.HasCompression || c.HasTransport || c.NetName != "" || len(c.Unknown) != 0 {
		t.Errorf("unexpected contexts %+v", c)
	}

	// s17 frame 6: "server smb3 signing algorithms = AES-128-CMAC".
	r, err = ParseNegotiateResponse(smbtMsg(t, "s17-negotiate-resp"))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(r.Contexts.SigningAlgorithms, []uint16{SigningAESCMAC}) {
		t.Errorf("s17 signing %v", r.Contexts.SigningAlgorithms)
	}
}

func TestNegotiateRequest311(t *testing.T) {
	// s05 frame 4: smbclient offering 2.0.2 to 3.1.1.
	r, err := ParseNegotiateRequest(smbtMsg(t, "s05-negotiate-req"))
	if err != nil {
		t.Fatal(err)
	}
	if r.SecurityMode != SMB2SigningEnabled || r.Capabilities != 0x7f {
		t.Errorf("security mode %#x caps %#x", r.SecurityMode, r.Capabilities)
	}
	if !slices.Equal(r.Dialects, []uint16{Dialect202, Dialect210, Dialect300, Dialect302, Dialect311}) || !r.Offers(Dialect311) || r.Offers(DialectWildcard) {
		t.Errorf("dialects %v", r.Dialects)
	}
	if r.NegotiateContextOffset != 0x70 || r.NegotiateContextCount != 4 || r.ClientStartTime != 0 {
		t.Errorf("context offset %#x count %d", r.NegotiateContextOffset, r.NegotiateContextCount)
	}
	c := r.Contexts
	if c.Count != 4 || !slices.Equal(c.Types, []uint16{1, 2, 8, 5}) {
		t.Errorf("types %v", c.Types)
	}
	if !slices.Equal(c.Ciphers, []uint16{CipherAES128GCM, CipherAES128CCM, CipherAES256GCM, CipherAES256CCM}) {
		t.Errorf("ciphers %v", c.Ciphers)
	}
	if !slices.Equal(c.SigningAlgorithms, []uint16{SigningAESGMAC, SigningAESCMAC, SigningHMACSHA256}) {
		t.Errorf("signing %v", c.SigningAlgorithms)
	}
	if c.NetName != "198.51.100.10" || len(c.PreauthSalt) != 32 {
		t.Errorf("netname %q salt %d", c.NetName, len(c.PreauthSalt))
	}

	// s11 frame 4: "client signing = off" still sets SIGNING_ENABLED, the
	// only value MS-SMB2 3.2.4.2.2.2 allows besides REQUIRED.
	r, err = ParseNegotiateRequest(smbtMsg(t, "s11-negotiate-req"))
	if err != nil {
		t.Fatal(err)
	}
	if r.SecurityMode != SMB2SigningEnabled || !slices.Equal(r.Dialects, []uint16{Dialect202}) || r.ClientGUID != [16]byte{} || r.Contexts.Count != 0 {
		t.Errorf("s11: %+v", r)
	}
	r, err = ParseNegotiateRequest(smbtMsg(t, "s04-negotiate-req"))
	if err != nil || len(r.Dialects) != 4 || r.Offers(Dialect311) || r.Contexts.Count != 0 {
		t.Errorf("s04: %+v %v", r, err)
	}
}

func TestNegotiateSMBGhost(t *testing.T) {
	// SMBGhost.pcap frame 4: the scanner offers pre-release dialects
	// (0x0222, 0x0224, 0x0310) and LZNT1 compression with the CHAINED flag.
	r, err := ParseNegotiateRequest(smbtMsg(t, "ghost-negotiate-req"))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(r.Dialects, []uint16{0x0202, 0x0210, 0x0222, 0x0224, 0x0300, 0x0302, 0x0310, 0x0311}) {
		t.Errorf("dialects %v", r.Dialects)
	}
	if DialectName(0x0222) != "0x0222" {
		t.Errorf("DialectName(0x0222) = %q", DialectName(0x0222))
	}
	c := r.Contexts
	if !c.HasCompression || !slices.Equal(c.CompressionAlgorithms, []uint16{CompressionLZNT1}) || c.CompressionFlags != CompressionCapFlagChained {
		t.Errorf("compression %+v", c)
	}
	if !bytes.Equal(c.PreauthSalt, make([]byte, 32)) {
		t.Errorf("salt %x, want 32 zero bytes", c.PreauthSalt)
	}
	// Frame 5: Windows accepts LZNT1, unchained.
	resp, err := ParseNegotiateResponse(smbtMsg(t, "ghost-negotiate-resp"))
	if err != nil {
		t.Fatal(err)
	}
	rc := resp.Contexts
	if resp.DialectRevision != Dialect311 || !rc.HasCompression || !slices.Equal(rc.CompressionAlgorithms, []uint16{CompressionLZNT1}) || rc.CompressionFlags != 0 {
		t.Errorf("response %+v", rc)
	}
	if len(resp.SecurityBuffer) != 320 || len(rc.Ciphers) != 0 {
		t.Errorf("security buffer %d, ciphers %v", len(resp.SecurityBuffer), rc.Ciphers)
	}
	if CompressionAlgorithmName(rc.CompressionAlgorithms[0]) != "LZNT1" {
		t.Error(CompressionAlgorithmName(rc.CompressionAlgorithms[0]))
	}
}

func TestNegotiateOtherContexts(t *testing.T) {
	// smb311.pcap frame 1: context type 0x0100 is not in MS-SMB2.
	r, err := ParseNegotiateRequest(smbtMsg(t, "smb311-negotiate-req"))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(r.Dialects, []uint16{Dialect311}) || !slices.Equal(r.Contexts.Unknown, []uint16{0x0100}) || r.Contexts.Count != 3 {
		t.Errorf("%+v", r.Contexts)
	}
	// smb3_multichannel.pcap frame 4: compression, netname, transport.
	r, err = ParseNegotiateRequest(smbtMsg(t, "mc-negotiate-req"))
	if err != nil {
		t.Fatal(err)
	}
	c := r.Contexts
	if !slices.Equal(c.CompressionAlgorithms, []uint16{CompressionPatternV1, CompressionLZ77, CompressionLZ77Huffman, CompressionLZNT1}) || c.CompressionFlags != CompressionCapFlagChained {
		t.Errorf("compression %v %#x", c.CompressionAlgorithms, c.CompressionFlags)
	}
	if !c.HasTransport || c.TransportFlags != 0 || c.NetName != "172.17.0.189" || !slices.Equal(c.Ciphers, []uint16{2, 1}) {
		t.Errorf("%+v", c)
	}
	resp, err := ParseNegotiateResponse(smbtMsg(t, "mc-negotiate-resp"))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(resp.Contexts.CompressionAlgorithms, []uint16{CompressionLZ77, CompressionPatternV1}) || !slices.Equal(resp.Contexts.Ciphers, []uint16{CipherAES128GCM}) {
		t.Errorf("%+v", resp.Contexts)
	}
}

// smbtWithContexts returns the s05 response with its context area replaced.
func smbtWithContexts(t *testing.T, count uint16, ctx []byte) []byte {
	m := bytes.Clone(smbtMsg(t, "s05-negotiate-resp"))[:0xd0]
	binary.LittleEndian.PutUint16(m[SMB2HeaderLen+6:], count)
	return append(m, ctx...)
}

func TestNegotiateContextsMalformed(t *testing.T) {
	ctx := func(typ, dlen uint16, data ...byte) []byte {
		b := binary.LittleEndian.AppendUint16(nil, typ)
		b = binary.LittleEndian.AppendUint16(b, dlen)
		return append(append(b, 0, 0, 0, 0), data...)
	}
	cases := []struct {
		name  string
		count uint16
		ctx   []byte
		err   error
		parse int
	}{
		{"data past end", 1, ctx(2, 10, 1, 0, 2, 0), ErrTruncated, 0},
		{"cipher count beyond data", 1, ctx(2, 4, 5, 0, 2, 0), ErrMalformed, 0},
		{"preauth salt beyond data", 1, ctx(1, 6, 1, 0, 9, 0, 1, 0), ErrMalformed, 0},
		{"transport too short", 1, ctx(6, 2, 0, 0), ErrMalformed, 0},
		{"count larger than list", 3, append(ctx(8, 4, 1, 0, 1, 0), make([]byte, 4)...), ErrTruncated, 1},
		{"rdma transforms", 1, ctx(7, 12, 2, 0, 0, 0, 0, 0, 0, 0, 1, 0, 2, 0), nil, 1},
		{"rdma count beyond data", 1, ctx(7, 10, 2, 0, 0, 0, 0, 0, 0, 0, 1, 0), ErrMalformed, 0},
		{"empty unknown context", 2, append(ctx(0x7777, 0), ctx(8, 4, 1, 0, 1, 0)...), nil, 2},
		// The second context follows the first at the next 8-byte boundary.
		{"aligned second", 2, append(ctx(8, 4, 1, 0, 0, 0), append(make([]byte, 4), ctx(2, 4, 1, 0, 4, 0)...)...), nil, 2},
	}
	for _, c := range cases {
		r, err := ParseNegotiateResponse(smbtWithContexts(t, c.count, c.ctx))
		if !errors.Is(err, c.err) && err != c.err {
			t.Errorf("%s: %v, want %v", c.name, err, c.err)
		}
		if r.Contexts.Count != c.parse {
			t.Errorf("%s: %d contexts parsed, want %d", c.name, r.Contexts.Count, c.parse)
		}
		if r.DialectRevision != Dialect311 || r.SecurityMode != SMB2SigningEnabled {
			t.Errorf("%s: fixed fields lost: %+v", c.name, r)
		}
	}
	r, _ := ParseNegotiateResponse(smbtWithContexts(t, 2, append(ctx(8, 4, 1, 0, 0, 0), append(make([]byte, 4), ctx(2, 4, 1, 0, 4, 0)...)...)))
	if !slices.Equal(r.Contexts.Ciphers, []uint16{CipherAES256GCM}) {
		t.Errorf("aligned second context: %+v", r.Contexts)
	}
	r, _ = ParseNegotiateResponse(smbtWithContexts(t, 1, ctx(7, 12, 2, 0, 0, 0, 0, 0, 0, 0, 1, 0, 2, 0)))
	if !slices.Equal(r.Contexts.RDMATransforms, []uint16{RDMATransformEncryption, RDMATransformSigning}) {
		t.Errorf("rdma: %+v", r.Contexts)
	}
	// A context offset inside the header is malformed.
	m := smbtWithContexts(t, 1, ctx(2, 4, 1, 0, 2, 0))
	binary.LittleEndian.PutUint32(m[SMB2HeaderLen+60:], 8)
	if _, err := ParseNegotiateResponse(m); !errors.Is(err, ErrMalformed) {
		t.Errorf("offset 8: %v", err)
	}
}

func TestNegotiateTruncatedKeepsFixedFields(t *testing.T) {
	// A capture cut at 150 bytes (as in the snap150 cases) loses the
	// security buffer but keeps what signing analysis needs.
	m := smbtMsg(t, "s06-negotiate-resp")[:150-4]
	r, err := ParseNegotiateResponse(m)
	if !errors.Is(err, ErrTruncated) {
		t.Fatalf("%v", err)
	}
	if r.DialectRevision != Dialect210 || r.SecurityMode != SMB2SigningEnabled|SMB2SigningRequired || r.SecurityBuffer != nil {
		t.Errorf("%+v", r)
	}
}

func TestNegotiateWrongShape(t *testing.T) {
	if _, err := ParseNegotiateResponse(smbtMsg(t, "s05-negotiate-req")); !errors.Is(err, ErrMalformed) {
		t.Errorf("request as response: %v", err)
	}
	if _, err := ParseNegotiateRequest(smbtMsg(t, "s05-negotiate-resp")); !errors.Is(err, ErrMalformed) {
		t.Errorf("response as request: %v", err)
	}
	if _, err := ParseNegotiateResponse(smbtMsg(t, "s05-ioctl-error-resp")); !errors.Is(err, ErrMalformed) {
		t.Errorf("error response: %v", err)
	}
	if _, err := ParseNegotiateRequest(smbtMsg(t, "s01-negotiate-req")); !errors.Is(err, ErrProtocol) {
		t.Errorf("SMB1: %v", err)
	}
}

func TestNames(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{DialectName(Dialect202), "2.0.2"}, {DialectName(Dialect210), "2.1"}, {DialectName(Dialect300), "3.0"},
		{DialectName(Dialect302), "3.0.2"}, {DialectName(Dialect311), "3.1.1"}, {DialectName(DialectWildcard), "2.???"},
		{DialectName(0x0123), "0x0123"},
		{CipherName(1), "AES-128-CCM"}, {CipherName(2), "AES-128-GCM"}, {CipherName(3), "AES-256-CCM"}, {CipherName(4), "AES-256-GCM"}, {CipherName(9), "0x0009"},
		{SigningAlgorithmName(0), "HMAC-SHA256"}, {SigningAlgorithmName(1), "AES-CMAC"}, {SigningAlgorithmName(2), "AES-GMAC"}, {SigningAlgorithmName(3), "0x0003"},
		{CompressionAlgorithmName(0), "NONE"}, {CompressionAlgorithmName(3), "LZ77+Huffman"}, {CompressionAlgorithmName(5), "LZ4"}, {CompressionAlgorithmName(0xabcd), "0xabcd"},
		{PreauthHashName(1), "SHA-512"}, {PreauthHashName(2), "0x0002"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func FuzzNegotiateResponse(f *testing.F) {
	smbtFuzz(f, "NegotiateResponse")
}

func FuzzNegotiateRequest(f *testing.F) {
	smbtFuzz(f, "NegotiateRequest")
}

func BenchmarkParseNegotiateResponse(b *testing.B) {
	m := smbtMsg(b, "s05-negotiate-resp")
	b.ReportAllocs()
	b.SetBytes(int64(len(m)))
	for b.Loop() {
		if _, err := ParseNegotiateResponse(m); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseNegotiateRequest(b *testing.B) {
	m := smbtMsg(b, "s05-negotiate-req")
	b.ReportAllocs()
	b.SetBytes(int64(len(m)))
	for b.Loop() {
		if _, err := ParseNegotiateRequest(m); err != nil {
			b.Fatal(err)
		}
	}
}
