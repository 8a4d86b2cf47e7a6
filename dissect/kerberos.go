package dissect

import (
	"fmt"
	"strconv"
	"strings"
)

// Kerberos message types (RFC 4120 5.10) carried in SMB security buffers.
const (
	KerberosMsgAPReq = 14
	KerberosMsgAPRep = 15
	KerberosMsgError = 30
)

// GSS-API krb5 TOK_ID values (RFC 1964 1.1, RFC 4121 4.1).
const (
	KerberosTokIDAPReq    uint16 = 0x0100
	KerberosTokIDAPRep    uint16 = 0x0200
	KerberosTokIDError    uint16 = 0x0300
	KerberosTokIDTGTReq   uint16 = 0x0400 // user-to-user
	KerberosTokIDTGTReply uint16 = 0x0401 // user-to-user
)

// APOptions bits as they appear in KerberosToken.APOptions: bit 0 of the
// BIT STRING is the most significant bit (RFC 4120 5.5.1).
const (
	KerberosAPOptionUseSessionKey  uint32 = 0x40000000
	KerberosAPOptionMutualRequired uint32 = 0x20000000
)

// KerberosMaxNameComponents caps a PrincipalName; more is ErrMalformed.
const KerberosMaxNameComponents = 16

// KerberosToken is a parsed Kerberos message from a security buffer. Only
// cleartext parts are decoded: the ticket's realm and service name and the
// encryption types; the authenticator and ticket contents are encrypted.
type KerberosToken struct {
	// MechOID is the GSS-API header's OID and TokID its TOK_ID (0x0100
	// AP-REQ, 0x0200 AP-REP, 0x0300 KRB-ERROR); "" and 0 for a bare message.
	MechOID string
	TokID   uint16

	MsgType   int      // KerberosMsgAPReq, KerberosMsgAPRep or KerberosMsgError
	Realm     string   // ticket realm (AP-REQ), server realm (KRB-ERROR)
	SName     []string // ticket sname (AP-REQ) or error sname (KRB-ERROR) components
	SNameType int      // name-type of SName (2 = NT-SRV-INST)

	TicketEtype        int  // etype of the ticket's enc-part (23 rc4-hmac, 17/18 aes)
	TicketKVNO         int  // kvno of the ticket's enc-part
	HasTicketKVNO      bool //
	AuthenticatorEtype int  // etype of the AP-REQ authenticator
	APOptions          uint32
	EncPartEtype       int // etype of the AP-REP enc-part

	ErrorCode int    // KRB-ERROR error-code
	ErrorText string // KRB-ERROR e-text
}

// SPN returns the service principal name, e.g. "cifs/fs01.example.com".
func (k *KerberosToken) SPN() string {
	return strings.Join(k.SName, "/")
}

// MutualRequired reports the AP-REQ mutual-required option.
func (k *KerberosToken) MutualRequired() bool {
	return k.APOptions&KerberosAPOptionMutualRequired != 0
}

// KerberosEtypeName names an encryption type (RFC 3961, 3962, 4757, 8009,
// 6803), e.g. 18 "aes256-cts-hmac-sha1-96", 23 "rc4-hmac"; unknown values
// as "etype(N)".
func KerberosEtypeName(etype int) string {
	switch etype {
	case 1:
		return "des-cbc-crc"
	case 2:
		return "des-cbc-md4"
	case 3:
		return "des-cbc-md5"
	case 5:
		return "des3-cbc-md5"
	case 7:
		return "des3-cbc-sha1"
	case 16:
		return "des3-cbc-sha1-kd"
	case 17:
		return "aes128-cts-hmac-sha1-96"
	case 18:
		return "aes256-cts-hmac-sha1-96"
	case 19:
		return "aes128-cts-hmac-sha256-128"
	case 20:
		return "aes256-cts-hmac-sha384-192"
	case 23:
		return "rc4-hmac"
	case 24:
		return "rc4-hmac-exp"
	case 25:
		return "camellia128-cts-cmac"
	case 26:
		return "camellia256-cts-cmac"
	}
	return "etype(" + strconv.Itoa(etype) + ")"
}

// KerberosErrorName names the KRB-ERROR codes an SMB server may return
// (RFC 4120 7.5.9), or "error(N)".
func KerberosErrorName(code int) string {
	switch code {
	case 0:
		return "KDC_ERR_NONE"
	case 7:
		return "KDC_ERR_S_PRINCIPAL_UNKNOWN"
	case 14:
		return "KDC_ERR_ETYPE_NOSUPP"
	case 31:
		return "KRB_AP_ERR_BAD_INTEGRITY"
	case 32:
		return "KRB_AP_ERR_TKT_EXPIRED"
	case 33:
		return "KRB_AP_ERR_TKT_NYV"
	case 34:
		return "KRB_AP_ERR_REPEAT"
	case 35:
		return "KRB_AP_ERR_NOT_US"
	case 36:
		return "KRB_AP_ERR_BADMATCH"
	case 37:
		return "KRB_AP_ERR_SKEW"
	case 38:
		return "KRB_AP_ERR_BADADDR"
	case 39:
		return "KRB_AP_ERR_BADVERSION"
	case 40:
		return "KRB_AP_ERR_MSG_TYPE"
	case 41:
		return "KRB_AP_ERR_MODIFIED"
	case 42:
		return "KRB_AP_ERR_BADORDER"
	case 44:
		return "KRB_AP_ERR_BADKEYVER"
	case 45:
		return "KRB_AP_ERR_NOKEY"
	case 46:
		return "KRB_AP_ERR_MUT_FAIL"
	case 47:
		return "KRB_AP_ERR_BADDIRECTION"
	case 48:
		return "KRB_AP_ERR_METHOD"
	case 49:
		return "KRB_AP_ERR_BADSEQ"
	case 50:
		return "KRB_AP_ERR_INAPP_CKSUM"
	case 60:
		return "KRB_ERR_GENERIC"
	case 61:
		return "KRB_ERR_FIELD_TOOLONG"
	}
	return "error(" + strconv.Itoa(code) + ")"
}

// krbIsMessageStart reports whether c is the identifier of a bare AP-REQ
// ([APPLICATION 14]), AP-REP ([APPLICATION 15]) or KRB-ERROR ([APPLICATION 30]).
func krbIsMessageStart(c byte) bool {
	return c == 0x6e || c == 0x6f || c == 0x7e
}

// ParseKerberosToken parses a GSS-API krb5 token (RFC 1964 1.1: [APPLICATION
// 0] + krb5 OID + 2-byte TOK_ID + Kerberos message) or a bare Kerberos
// AP-REQ, AP-REP or KRB-ERROR. Bytes after the token are ignored. On error
// the fields decoded so far are returned.
func ParseKerberosToken(b []byte) (KerberosToken, error) {
	var k KerberosToken
	if len(b) == 0 {
		return k, fmt.Errorf("kerberos: empty token: %w", ErrTruncated)
	}
	msg := b
	if b[0] == 0x60 {
		oid, inner, err := gssUnwrap(b)
		if err != nil {
			return k, fmt.Errorf("kerberos: gss-api header: %w", err)
		}
		k.MechOID = oid
		switch oid {
		case OIDKerberos5, OIDKerberos5Legacy, OIDKerberosUser2User:
		default:
			return k, fmt.Errorf("kerberos: gss-api token for mechanism %s: %w", oid, ErrProtocol)
		}
		// The TOK_ID is two bytes below 0x20; an [APPLICATION n] identifier
		// right after the OID means a sender that left it out.
		if len(inner) > 0 && inner[0] < 0x20 {
			if len(inner) < 2 {
				return k, fmt.Errorf("kerberos: TOK_ID: %w", ErrTruncated)
			}
			k.TokID = uint16(inner[0])<<8 | uint16(inner[1])
			inner = inner[2:]
		}
		msg = inner
	}
	e, _, err := ParseDERElement(msg)
	if err != nil {
		return k, fmt.Errorf("kerberos: %w", err)
	}
	if e.Class != DERClassApplication || !e.Constructed {
		return k, fmt.Errorf("kerberos: message is %s: %w", e, ErrMalformed)
	}
	k.MsgType = e.Tag
	seq, err := derExplicitSeq(e)
	if err != nil {
		return k, fmt.Errorf("kerberos: %w", err)
	}
	switch e.Tag {
	case KerberosMsgAPReq:
		err = k.parseAPReq(seq)
	case KerberosMsgAPRep:
		err = k.parseAPRep(seq)
	case KerberosMsgError:
		err = k.parseError(seq)
	default:
		err = fmt.Errorf("message [APPLICATION %d] is not AP-REQ, AP-REP or KRB-ERROR: %w", e.Tag, ErrMalformed)
	}
	if err != nil {
		return k, fmt.Errorf("kerberos: %w", err)
	}
	return k, nil
}

// derExplicitSeq unwraps an EXPLICIT tag around a SEQUENCE and returns the
// SEQUENCE's content.
func derExplicitSeq(e DERElement) ([]byte, error) {
	if !e.Constructed {
		return nil, fmt.Errorf("der: %s is primitive: %w", e, ErrMalformed)
	}
	in, rest, err := ParseDERElement(e.Content)
	if err != nil {
		return nil, err
	}
	if len(rest) != 0 {
		return nil, fmt.Errorf("der: %d bytes after the SEQUENCE inside %s: %w", len(rest), e, ErrMalformed)
	}
	if !in.Is(DERClassUniversal, DERTagSequence, true) {
		return nil, fmt.Errorf("der: %s holds %s, not a SEQUENCE: %w", e, in, ErrMalformed)
	}
	return in.Content, nil
}

// krbFields splits the content of a SEQUENCE of context-tagged fields and
// calls fn for each. Fields must be context-specific and constructed
// (Kerberos uses EXPLICIT tagging throughout).
func krbFields(seq []byte, what string, fn func(f DERElement) error) error {
	for i := 0; len(seq) > 0; i++ {
		if i == derMaxSeqItems {
			return fmt.Errorf("%s has more than %d fields: %w", what, derMaxSeqItems, ErrMalformed)
		}
		f, rest, err := ParseDERElement(seq)
		if err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		seq = rest
		if f.Class != DERClassContext || !f.Constructed {
			return fmt.Errorf("%s field %s: %w", what, f, ErrMalformed)
		}
		if err := fn(f); err != nil {
			return fmt.Errorf("%s field %s: %w", what, f, err)
		}
	}
	return nil
}

// krbCheckMsgType checks the msg-type field against the application tag.
func krbCheckMsgType(f DERElement, want int) error {
	v, err := derExplicitInt(f)
	if err != nil {
		return err
	}
	if v != want {
		return fmt.Errorf("msg-type %d in message %d: %w", v, want, ErrMalformed)
	}
	return nil
}

// parseAPReq reads AP-REQ ::= SEQUENCE { pvno [0], msg-type [1],
// ap-options [2] APOptions, ticket [3] Ticket, authenticator [4]
// EncryptedData } (RFC 4120 5.5.1).
func (k *KerberosToken) parseAPReq(seq []byte) error {
	haveTicket := false
	err := krbFields(seq, "AP-REQ", func(f DERElement) error {
		switch f.Tag {
		case 1:
			return krbCheckMsgType(f, KerberosMsgAPReq)
		case 2:
			in, err := derExplicit(f)
			if err != nil {
				return err
			}
			if !in.Is(DERClassUniversal, DERTagBitString, false) {
				return fmt.Errorf("ap-options is %s: %w", in, ErrMalformed)
			}
			k.APOptions, err = derBitString(in.Content)
			return err
		case 3:
			haveTicket = true
			return k.parseTicket(f)
		case 4:
			etype, _, _, err := krbEncryptedData(f)
			k.AuthenticatorEtype = etype
			return err
		}
		return nil
	})
	if err == nil && !haveTicket {
		err = fmt.Errorf("AP-REQ without ticket: %w", ErrMalformed)
	}
	return err
}

// parseTicket reads Ticket ::= [APPLICATION 1] SEQUENCE { tkt-vno [0],
// realm [1], sname [2] PrincipalName, enc-part [3] EncryptedData }.
func (k *KerberosToken) parseTicket(f DERElement) error {
	app, err := derExplicit(f)
	if err != nil {
		return err
	}
	if !app.Is(DERClassApplication, 1, true) {
		return fmt.Errorf("ticket is %s: %w", app, ErrMalformed)
	}
	seq, err := derExplicitSeq(app)
	if err != nil {
		return err
	}
	return krbFields(seq, "Ticket", func(f DERElement) error {
		switch f.Tag {
		case 1:
			return k.parseRealm(f)
		case 2:
			return k.parseSName(f)
		case 3:
			etype, kvno, hasKVNO, err := krbEncryptedData(f)
			k.TicketEtype, k.TicketKVNO, k.HasTicketKVNO = etype, kvno, hasKVNO
			return err
		}
		return nil
	})
}

func (k *KerberosToken) parseRealm(f DERElement) error {
	in, err := derExplicit(f)
	if err != nil {
		return err
	}
	k.Realm, err = derString(in)
	return err
}

// parseSName reads PrincipalName ::= SEQUENCE { name-type [0] Int32,
// name-string [1] SEQUENCE OF KerberosString }.
func (k *KerberosToken) parseSName(f DERElement) error {
	seq, err := derExplicitSeq(f)
	if err != nil {
		return err
	}
	return krbFields(seq, "PrincipalName", func(f DERElement) error {
		switch f.Tag {
		case 0:
			v, err := derExplicitInt(f)
			k.SNameType = v
			return err
		case 1:
			list, err := derExplicitSeq(f)
			if err != nil {
				return err
			}
			for len(list) > 0 {
				if len(k.SName) == KerberosMaxNameComponents {
					return fmt.Errorf("more than %d name components: %w", KerberosMaxNameComponents, ErrMalformed)
				}
				e, rest, err := ParseDERElement(list)
				if err != nil {
					return err
				}
				s, err := derString(e)
				if err != nil {
					return err
				}
				k.SName = append(k.SName, s)
				list = rest
			}
		}
		return nil
	})
}

// krbEncryptedData reads EncryptedData ::= SEQUENCE { etype [0] Int32,
// kvno [1] UInt32 OPTIONAL, cipher [2] OCTET STRING }; the cipher text is
// not needed.
func krbEncryptedData(f DERElement) (etype, kvno int, hasKVNO bool, err error) {
	seq, err := derExplicitSeq(f)
	if err != nil {
		return 0, 0, false, err
	}
	err = krbFields(seq, "EncryptedData", func(f DERElement) error {
		var err error
		switch f.Tag {
		case 0:
			etype, err = derExplicitInt(f)
		case 1:
			kvno, err = derExplicitInt(f)
			hasKVNO = err == nil
		}
		return err
	})
	return etype, kvno, hasKVNO, err
}

// parseAPRep reads AP-REP ::= SEQUENCE { pvno [0], msg-type [1],
// enc-part [2] EncryptedData } (RFC 4120 5.5.2).
func (k *KerberosToken) parseAPRep(seq []byte) error {
	return krbFields(seq, "AP-REP", func(f DERElement) error {
		switch f.Tag {
		case 1:
			return krbCheckMsgType(f, KerberosMsgAPRep)
		case 2:
			etype, _, _, err := krbEncryptedData(f)
			k.EncPartEtype = etype
			return err
		}
		return nil
	})
}

// parseError reads KRB-ERROR (RFC 4120 5.9.1): error-code [6], realm [9],
// sname [10], e-text [11]; times, client name and e-data are skipped.
func (k *KerberosToken) parseError(seq []byte) error {
	return krbFields(seq, "KRB-ERROR", func(f DERElement) error {
		switch f.Tag {
		case 1:
			return krbCheckMsgType(f, KerberosMsgError)
		case 6:
			var err error
			k.ErrorCode, err = derExplicitInt(f)
			return err
		case 9:
			return k.parseRealm(f)
		case 10:
			return k.parseSName(f)
		case 11:
			in, err := derExplicit(f)
			if err != nil {
				return err
			}
			k.ErrorText, err = derString(in)
			return err
		}
		return nil
	})
}
