package dissect

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"testing"
)

// krbTestInner returns the Kerberos token inside a corpus SPNEGO token.
func krbTestInner(t testing.TB, capture string, frame int) []byte {
	t.Helper()
	tok, err := ParseSecurityToken(spnegoSample(t, capture, frame))
	if err != nil || tok.InnerMech != "kerberos" {
		t.Fatalf("%s#%d: %v, inner %q", capture, frame, err, tok.InnerMech)
	}
	return tok.InnerToken
}

// krbTestBare strips the GSS-API header and TOK_ID from a krb5 token.
func krbTestBare(t testing.TB, gss []byte) []byte {
	t.Helper()
	_, inner, err := gssUnwrap(gss)
	if err != nil || len(inner) < 2 {
		t.Fatalf("gssUnwrap: %v", err)
	}
	return inner[2:]
}

// krbTestWrap builds an RFC 2743 InitialContextToken around body.
func krbTestWrap(oid, body []byte) []byte {
	content := append([]byte{0x06, byte(len(oid))}, oid...)
	content = append(content, body...)
	l := len(content)
	hdr := []byte{0x60, 0x82, byte(l >> 8), byte(l)}
	return append(hdr, content...)
}

var krbTestOIDKrb5 = []byte{0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 0x01, 0x02, 0x02}

func TestKerberosAPReq(t *testing.T) {
	// Values as tshark shows them: kerberos.realm, kerberos.SNameString,
	// kerberos.name_type, kerberos.kvno, kerberos.etype (ticket, authenticator),
	// kerberos.ap_options 0x20000000 (mutual-required).
	tests := []struct {
		capture   string
		frame     int
		realm     string
		spn       string
		nameType  int
		kvno      int // 0: absent
		etype     int
		etypeName string
	}{
		{"public/zeek/smb2_krb.pcap", 12, "DS.SUSQ.COM", "cifs/phxlabbal821.techlab.susq.com", 2, 2, 18, "aes256-cts-hmac-sha1-96"},
		{"public/zeek/kerberos445_auth.pcapng", 10, "SRT-AD.LOCAL", "cifs/BLACKCLOVER-DC", 2, 3, 18, "aes256-cts-hmac-sha1-96"},
		{"public/suricata-verify/dcerpc-ctxids__input.pcap", 565, "PURP.LE", "cifs/DC1.purp.le", 2, 6, 18, "aes256-cts-hmac-sha1-96"},
		{"public/suricata-verify/20171220_smb_net_user.pcap", 8, "CONTOSO.LOCAL", "cifs/DC1.contoso.local", 2, 3, 18, "aes256-cts-hmac-sha1-96"},
		{"public/ndpi/smb_frags.pcap", 6, "CIVILPENSION.LOCAL", "cifs/hqdc-02.civilpension.local", 3, 32, 18, "aes256-cts-hmac-sha1-96"},
		// Windows 2000/XP era, SMB1: RC4 ticket without kvno.
		{"public/zeek/smb_gssapi.pcap", 7, "HOUSING.HKSARG", "cifs/EDISK03A.housing.hksarg", 2, 0, 23, "rc4-hmac"},
		// macOS peer-to-peer: Local KDC realm.
		{"public/suricata-verify/smb-length-5770__input.pcap", 27, "LKDC:SHA1.EE7C7BEB5178985C880BF8C24587E67DB363FC66",
			"cifs/LKDC:SHA1.EE7C7BEB5178985C880BF8C24587E67DB363FC66", 3, 1, 18, "aes256-cts-hmac-sha1-96"},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%s#%d", tc.capture, tc.frame), func(t *testing.T) {
			gss := krbTestInner(t, tc.capture, tc.frame)
			k, err := ParseKerberosToken(gss)
			if err != nil {
				t.Fatal(err)
			}
			if k.MechOID != OIDKerberos5 || k.TokID != KerberosTokIDAPReq || k.MsgType != KerberosMsgAPReq {
				t.Errorf("OID %s TOK_ID %#04x msg-type %d", k.MechOID, k.TokID, k.MsgType)
			}
			if k.Realm != tc.realm || k.SPN() != tc.spn || k.SNameType != tc.nameType {
				t.Errorf("realm %q SPN %q name-type %d", k.Realm, k.SPN(), k.SNameType)
			}
			if k.HasTicketKVNO != (tc.kvno != 0) || k.TicketKVNO != tc.kvno {
				t.Errorf("kvno %d (%v), want %d", k.TicketKVNO, k.HasTicketKVNO, tc.kvno)
			}
			if k.TicketEtype != tc.etype || k.AuthenticatorEtype != tc.etype || KerberosEtypeName(k.TicketEtype) != tc.etypeName {
				t.Errorf("etypes %d/%d", k.TicketEtype, k.AuthenticatorEtype)
			}
			if k.APOptions != KerberosAPOptionMutualRequired || !k.MutualRequired() {
				t.Errorf("APOptions %#x", k.APOptions)
			}
			derTestCheckAliases(t, gss, k)

			// The same message without the GSS-API framing.
			bare := krbTestBare(t, gss)
			kb, err := ParseKerberosToken(bare)
			if err != nil {
				t.Fatal(err)
			}
			k.MechOID, k.TokID = "", 0
			if !reflect.DeepEqual(k, kb) {
				t.Errorf("bare AP-REQ differs:\n%+v\n%+v", kb, k)
			}
			tok, err := ParseSecurityToken(bare)
			if err != nil || tok.Kind != TokenKerberos || tok.Kerberos == nil || tok.Kerberos.Realm != tc.realm {
				t.Errorf("bare AP-REQ as a security buffer: %v %v", err, tok.Kind)
			}
			// A raw GSS-API krb5 token (no SPNEGO) as a security buffer.
			tok, err = ParseSecurityToken(gss)
			if err != nil || tok.Kind != TokenKerberos || tok.ThisMech != OIDKerberos5 || tok.Kerberos.SPN() != tc.spn {
				t.Errorf("raw krb5 token as a security buffer: %v %v", err, tok.Kind)
			}
		})
	}
}

func TestKerberosAPRepAndError(t *testing.T) {
	k, err := ParseKerberosToken(krbTestInner(t, "public/zeek/smb2_krb.pcap", 14))
	if err != nil || k.MsgType != KerberosMsgAPRep || k.TokID != KerberosTokIDAPRep || k.EncPartEtype != 18 || k.Realm != "" {
		t.Errorf("AP-REP: %v %+v", err, k)
	}
	// KRB_AP_ERR_SKEW from a Windows DC, carried in an accept-incomplete
	// NegTokenResp (public/ndpi/smb_frags.pcap frame 7; tshark
	// kerberos.error_code 37, realm CIVILPENSION.LOCAL, sname hqdc-02$).
	k, err = ParseKerberosToken(krbTestInner(t, "public/ndpi/smb_frags.pcap", 7))
	if err != nil {
		t.Fatal(err)
	}
	if k.MsgType != KerberosMsgError || k.TokID != KerberosTokIDError || k.ErrorCode != 37 || KerberosErrorName(k.ErrorCode) != "KRB_AP_ERR_SKEW" {
		t.Errorf("KRB-ERROR: %+v", k)
	}
	if k.Realm != "CIVILPENSION.LOCAL" || k.SPN() != "hqdc-02$" || k.SNameType != 1 {
		t.Errorf("KRB-ERROR names: %q %q %d", k.Realm, k.SPN(), k.SNameType)
	}
}

func TestKerberosSynthetic(t *testing.T) {
	gssTok := krbTestInner(t, "public/zeek/kerberos445_auth.pcapng", 10)
	bare := krbTestBare(t, gssTok)

	// GSS-API header without TOK_ID.
	k, err := ParseKerberosToken(krbTestWrap(krbTestOIDKrb5, bare))
	if err != nil || k.TokID != 0 || k.Realm != "SRT-AD.LOCAL" {
		t.Errorf("no TOK_ID: %v %+v", err, k)
	}
	// Microsoft's krb5 OID in the header.
	msOID := []byte{0x2a, 0x86, 0x48, 0x82, 0xf7, 0x12, 0x01, 0x02, 0x02}
	k, err = ParseKerberosToken(krbTestWrap(msOID, append([]byte{1, 0}, bare...)))
	if err != nil || k.MechOID != OIDKerberos5Legacy || k.TokID != KerberosTokIDAPReq {
		t.Errorf("MS OID: %v %+v", err, k)
	}

	// msg-type 15 inside [APPLICATION 14]: "a1 03 02 01 0e" is the msg-type field.
	wrongType := bytes.Clone(bare)
	i := bytes.Index(wrongType, []byte{0xa1, 0x03, 0x02, 0x01, 0x0e})
	if i < 0 {
		t.Fatal("msg-type field not found")
	}
	wrongType[i+4] = 0x0f

	// An AP-REQ with only pvno and msg-type.
	noTicket := []byte{0x6e, 0x0c, 0x30, 0x0a, 0xa0, 0x03, 0x02, 0x01, 0x05, 0xa1, 0x03, 0x02, 0x01, 0x0e}

	// A KRB-ERROR whose sname has 17 components.
	var names []byte
	for i := 0; i <= KerberosMaxNameComponents; i++ {
		names = append(names, 0x1b, 0x01, 'a')
	}
	seqOf := derTestNest(1, names)
	pn := derTestNest(1, append([]byte{0xa1, byte(len(seqOf))}, seqOf...))
	errMsg := derTestNest(1, append([]byte{0xaa, byte(len(pn))}, pn...))
	errMsg = append([]byte{0x7e, byte(len(errMsg))}, errMsg...)

	tests := []struct {
		name string
		in   []byte
		err  error
	}{
		{"empty", nil, ErrTruncated},
		{"wrong GSS-API OID", krbTestWrap([]byte{0x2b, 0x06, 0x01, 0x05, 0x05, 0x02}, bare), ErrProtocol},
		{"TOK_ID cut", krbTestWrap(krbTestOIDKrb5, []byte{0x01}), ErrTruncated},
		{"msg-type mismatch", wrongType, ErrMalformed},
		{"AP-REQ without ticket", noTicket, ErrMalformed},
		{"AS-REQ", []byte{0x6a, 0x02, 0x30, 0x00}, ErrMalformed},
		{"universal SEQUENCE instead of a message", []byte{0x30, 0x00}, ErrMalformed},
		{"17 name components", errMsg, ErrMalformed},
		{"cut AP-REQ", bare[:len(bare)-1], ErrTruncated},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseKerberosToken(tc.in)
			if !errors.Is(err, tc.err) {
				t.Errorf("err = %v, want %v", err, tc.err)
			}
		})
	}
}

func TestKerberosNames(t *testing.T) {
	for etype, name := range map[int]string{
		17: "aes128-cts-hmac-sha1-96", 18: "aes256-cts-hmac-sha1-96", 23: "rc4-hmac",
		3: "des-cbc-md5", 1: "des-cbc-crc", 20: "aes256-cts-hmac-sha384-192", -128: "etype(-128)",
	} {
		if got := KerberosEtypeName(etype); got != name {
			t.Errorf("KerberosEtypeName(%d) = %q", etype, got)
		}
	}
	if KerberosErrorName(41) != "KRB_AP_ERR_MODIFIED" || KerberosErrorName(999) != "error(999)" {
		t.Error("KerberosErrorName")
	}
	k := KerberosToken{SName: []string{"cifs", "fs01.example.com"}}
	if k.SPN() != "cifs/fs01.example.com" {
		t.Errorf("SPN %q", k.SPN())
	}
	if (&KerberosToken{}).SPN() != "" {
		t.Error("empty SPN")
	}
}

func FuzzKerberosToken(f *testing.F) {
	for _, s := range spnegoRealTokens {
		tok, _ := ParseSecurityToken(derTestHex(f, s.hex))
		if tok.InnerMech == "kerberos" {
			f.Add(tok.InnerToken)
			if _, inner, err := gssUnwrap(tok.InnerToken); err == nil && len(inner) > 2 {
				f.Add(inner[2:])
			}
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		k, err := ParseKerberosToken(b)
		if err != nil && !derTestSentinel(err) {
			t.Fatalf("error %v wraps no sentinel", err)
		}
		derTestCheckAliases(t, b, k)
		k2, err2 := ParseKerberosToken(b)
		if !reflect.DeepEqual(k, k2) || fmt.Sprint(err) != fmt.Sprint(err2) {
			t.Fatal("not deterministic")
		}
		if len(k.SName) > KerberosMaxNameComponents {
			t.Fatalf("%d name components", len(k.SName))
		}
		_ = k.SPN()
	})
}
