package dissect

import (
	"bytes"
	"fmt"
)

// Mechanism OIDs seen in SMB security buffers.
const (
	OIDSPNEGO            = "1.3.6.1.5.5.2"          // RFC 4178
	OIDKerberos5         = "1.2.840.113554.1.2.2"   // RFC 1964
	OIDKerberos5Legacy   = "1.2.840.48018.1.2.2"    // Microsoft's mistyped krb5 OID, offered first by Windows
	OIDNTLMSSP           = "1.3.6.1.4.1.311.2.2.10" // MS-NLMP
	OIDNegoEx            = "1.3.6.1.4.1.311.2.2.30" // MS-NEGOEX
	OIDKerberosUser2User = "1.2.840.113554.1.2.2.3" // draft-ietf-cat-user2user
)

// MechName returns a short name for a mechanism OID: "kerberos" (both krb5
// OIDs; MechTypes keeps the OID itself when the difference matters),
// "kerberos-u2u", "ntlmssp", "negoex", "spnego", or the OID itself.
func MechName(oid string) string {
	switch oid {
	case OIDKerberos5, OIDKerberos5Legacy:
		return "kerberos"
	case OIDKerberosUser2User:
		return "kerberos-u2u"
	case OIDNTLMSSP:
		return "ntlmssp"
	case OIDNegoEx:
		return "negoex"
	case OIDSPNEGO:
		return "spnego"
	}
	return oid
}

// SecurityTokenKind classifies the outermost layer of a security buffer.
type SecurityTokenKind uint8

// Token kinds.
const (
	TokenUnknown    SecurityTokenKind = iota // empty or unrecognised
	TokenSPNEGOInit                          // SPNEGO NegTokenInit / NegTokenInit2
	TokenSPNEGOResp                          // SPNEGO NegTokenResp
	TokenNTLMSSP                             // raw NTLMSSP message, no SPNEGO
	TokenKerberos                            // raw Kerberos (GSS-API krb5 token or bare AP-REQ), no SPNEGO
)

func (k SecurityTokenKind) String() string {
	switch k {
	case TokenSPNEGOInit:
		return "spnego-init"
	case TokenSPNEGOResp:
		return "spnego-resp"
	case TokenNTLMSSP:
		return "ntlmssp"
	case TokenKerberos:
		return "kerberos"
	}
	return "unknown"
}

// SPNEGO negState values (RFC 4178 4.2.2).
const (
	SPNEGOAcceptCompleted  = 0
	SPNEGOAcceptIncomplete = 1
	SPNEGOReject           = 2
	SPNEGORequestMIC       = 3
)

// Limits of the SPNEGO reader.
const (
	// SPNEGOMaxMechTypes caps the mechTypes list; a longer list is ErrMalformed.
	SPNEGOMaxMechTypes = 32
)

// SecurityToken is a parsed SMB security buffer. Slices alias the input.
type SecurityToken struct {
	Kind SecurityTokenKind
	// ThisMech is the OID of the GSS-API InitialContextToken header
	// (RFC 2743 3.1) when the buffer has one, "" otherwise (NegTokenResp,
	// raw NTLMSSP, bare AP-REQ).
	ThisMech string

	// MechTypes is the NegTokenInit mechTypes list in dotted OID form, in the
	// sender's order of preference: the client's offer in SESSION_SETUP, the
	// server's list in the NEGOTIATE response.
	MechTypes []string
	// NegHintName is the hintName of Microsoft's NegTokenInit2 negHints
	// (MS-SPNG 2.2.1), sent by servers in the NEGOTIATE response.
	NegHintName string
	// NegState is the NegTokenResp negState: SPNEGOAcceptCompleted,
	// SPNEGOAcceptIncomplete, SPNEGOReject or SPNEGORequestMIC; -1 when absent.
	NegState int
	// SupportedMech is the NegTokenResp supportedMech OID, "" when absent.
	SupportedMech string
	// MechListMIC reports a mechListMIC in NegTokenInit or NegTokenResp.
	MechListMIC bool

	// InnerMech names the mechanism of the carried token: "ntlmssp",
	// "kerberos", "negoex", or "" when there is none or it is not recognised.
	// For raw tokens it names the token itself.
	InnerMech string
	// InnerToken is the SPNEGO mechToken / responseToken; for raw tokens the
	// whole buffer, or the part after the GSS-API header for an NTLMSSP
	// message wrapped in one.
	InnerToken []byte
	NTLM       *NTLMMessage   // the NTLMSSP message, if any
	Kerberos   *KerberosToken // the Kerberos message, if any

	ntlmInto *NTLMMessage // where to decode the NTLMSSP message, while parsing
}

// SPNEGONegStateName names a NegTokenResp negState value.
func SPNEGONegStateName(s int) string {
	switch s {
	case SPNEGOAcceptCompleted:
		return "accept-completed"
	case SPNEGOAcceptIncomplete:
		return "accept-incomplete"
	case SPNEGOReject:
		return "reject"
	case SPNEGORequestMIC:
		return "request-mic"
	case -1:
		return ""
	}
	return fmt.Sprintf("negState(%d)", s)
}

// ntlmSignature starts every NTLMSSP message.
var ntlmSignature = []byte("NTLMSSP\x00")

// spnegoNegoExSignature starts every NEGOEX message (MS-NEGOEX 2.2.6.1).
var spnegoNegoExSignature = []byte("NEGOEXTS")

// ParseSecurityToken classifies and parses an SMB security buffer: the SMB2
// NEGOTIATE / SESSION_SETUP security buffer or the SMB1 extended-security
// SecurityBlob. It accepts SPNEGO NegTokenInit (wrapped in the GSS-API
// header, or bare), NegTokenResp, raw NTLMSSP, and raw Kerberos (a GSS-API
// krb5 token or a bare AP-REQ/AP-REP/KRB-ERROR).
//
// An empty buffer returns Kind TokenUnknown and no error; an unrecognised
// one returns TokenUnknown and ErrProtocol. When a layer fails to parse, the
// token is returned with everything decoded before the failure (Kind,
// MechTypes, ...) together with the error.
func ParseSecurityToken(b []byte) (SecurityToken, error) {
	return parseSecurityToken(b, nil)
}

// ParseSecurityTokenInto is ParseSecurityToken with the NTLMSSP message,
// when there is one, decoded into *ntlm rather than into memory of its own:
// the token's NTLM then points to ntlm, and is valid until ntlm is used
// again. For callers that parse many tokens and keep none.
func ParseSecurityTokenInto(b []byte, ntlm *NTLMMessage) (SecurityToken, error) {
	return parseSecurityToken(b, ntlm)
}

func parseSecurityToken(b []byte, ntlm *NTLMMessage) (t SecurityToken, err error) {
	t = SecurityToken{NegState: -1, ntlmInto: ntlm}
	defer func() { t.ntlmInto = nil }()
	if len(b) == 0 {
		return t, nil
	}
	switch {
	case bytes.HasPrefix(b, ntlmSignature):
		t.Kind = TokenNTLMSSP
		err = t.parseInner(b)
		return t, err
	case b[0] == 0x60: // [APPLICATION 0] InitialContextToken
		oid, inner, err := gssUnwrap(b)
		if err != nil {
			return t, fmt.Errorf("gss-api header: %w", err)
		}
		t.ThisMech = oid
		switch oid {
		case OIDSPNEGO:
			err = t.parseNegotiationToken(inner)
			return t, err
		case OIDKerberos5, OIDKerberos5Legacy, OIDKerberosUser2User:
			t.Kind = TokenKerberos
			err = t.parseInner(b)
			return t, err
		case OIDNTLMSSP:
			t.Kind = TokenNTLMSSP
			err = t.parseInner(inner)
			return t, err
		}
		return t, fmt.Errorf("gss-api token for mechanism %s: %w", oid, ErrProtocol)
	case b[0] == 0xa0 || b[0] == 0xa1: // NegotiationToken without the GSS-API header
		err = t.parseNegotiationToken(b)
		return t, err
	case krbIsMessageStart(b[0]):
		t.Kind = TokenKerberos
		err = t.parseInner(b)
		return t, err
	}
	return t, fmt.Errorf("security buffer starting 0x%02x: %w", b[0], ErrProtocol)
}

// gssUnwrap reads an RFC 2743 3.1 InitialContextToken and returns its
// thisMech OID and the innerContextToken. Bytes after the token are ignored.
func gssUnwrap(b []byte) (string, []byte, error) {
	e, _, err := derExpect(b, DERClassApplication, 0, true)
	if err != nil {
		return "", nil, err
	}
	oe, inner, err := ParseDERElement(e.Content)
	if err != nil {
		return "", nil, err
	}
	oid, err := derOID(oe)
	if err != nil {
		return "", nil, err
	}
	return oid, inner, nil
}

// parseNegotiationToken reads the NegotiationToken CHOICE (RFC 4178 4.2):
// [0] NegTokenInit or [1] NegTokenResp.
func (t *SecurityToken) parseNegotiationToken(b []byte) error {
	e, _, err := ParseDERElement(b)
	if err != nil {
		return fmt.Errorf("spnego: %w", err)
	}
	if e.Class != DERClassContext || !e.Constructed || (e.Tag != 0 && e.Tag != 1) {
		return fmt.Errorf("spnego: NegotiationToken is %s: %w", e, ErrMalformed)
	}
	seq, err := derExplicit(e)
	if err != nil {
		return fmt.Errorf("spnego: %w", err)
	}
	if !seq.Is(DERClassUniversal, DERTagSequence, true) {
		return fmt.Errorf("spnego: %s holds %s, not a SEQUENCE: %w", e, seq, ErrMalformed)
	}
	if e.Tag == 0 {
		t.Kind = TokenSPNEGOInit
		return t.parseNegTokenInit(seq.Content)
	}
	t.Kind = TokenSPNEGOResp
	return t.parseNegTokenResp(seq.Content)
}

// parseNegTokenInit reads NegTokenInit (RFC 4178 4.2.1) and Microsoft's
// NegTokenInit2 (MS-SPNG 2.2.1), which puts negHints at [3] and moves
// mechListMIC to [4]. The two are told apart by what [3] holds.
func (t *SecurityToken) parseNegTokenInit(b []byte) error {
	var mechToken []byte
	for i := 0; len(b) > 0; i++ {
		if i == derMaxSeqItems {
			return fmt.Errorf("spnego: NegTokenInit has more than %d fields: %w", derMaxSeqItems, ErrMalformed)
		}
		f, rest, err := ParseDERElement(b)
		if err != nil {
			return fmt.Errorf("spnego: NegTokenInit: %w", err)
		}
		b = rest
		if f.Class != DERClassContext {
			return fmt.Errorf("spnego: NegTokenInit field %s: %w", f, ErrMalformed)
		}
		switch f.Tag {
		case 0: // mechTypes
			if err := t.parseMechTypes(f); err != nil {
				return err
			}
		case 2: // mechToken
			in, err := derExplicit(f)
			if err != nil {
				return fmt.Errorf("spnego: mechToken: %w", err)
			}
			if !in.Is(DERClassUniversal, DERTagOctetString, false) {
				return fmt.Errorf("spnego: mechToken is %s: %w", in, ErrMalformed)
			}
			mechToken = in.Content
		case 3, 4: // mechListMIC (RFC 4178) or negHints (MS-SPNG) / mechListMIC (MS-SPNG)
			in, err := derExplicit(f)
			if err != nil {
				return fmt.Errorf("spnego: NegTokenInit field %s: %w", f, err)
			}
			switch {
			case in.Is(DERClassUniversal, DERTagOctetString, false):
				t.MechListMIC = true
			case f.Tag == 3 && in.Is(DERClassUniversal, DERTagSequence, true):
				if err := t.parseNegHints(in.Content); err != nil {
					return err
				}
			default:
				return fmt.Errorf("spnego: NegTokenInit field %s holds %s: %w", f, in, ErrMalformed)
			}
		}
		// [1] reqFlags and unknown fields are skipped.
	}
	if mechToken != nil {
		return t.parseInner(mechToken)
	}
	return nil
}

// parseMechTypes reads [0] MechTypeList, a SEQUENCE OF OBJECT IDENTIFIER.
func (t *SecurityToken) parseMechTypes(f DERElement) error {
	seq, err := derExplicit(f)
	if err != nil {
		return fmt.Errorf("spnego: mechTypes: %w", err)
	}
	if !seq.Is(DERClassUniversal, DERTagSequence, true) {
		return fmt.Errorf("spnego: mechTypes is %s: %w", seq, ErrMalformed)
	}
	for b := seq.Content; len(b) > 0; {
		if len(t.MechTypes) == SPNEGOMaxMechTypes {
			return fmt.Errorf("spnego: more than %d mechTypes: %w", SPNEGOMaxMechTypes, ErrMalformed)
		}
		oe, rest, err := ParseDERElement(b)
		if err != nil {
			return fmt.Errorf("spnego: mechTypes: %w", err)
		}
		oid, err := derOID(oe)
		if err != nil {
			return fmt.Errorf("spnego: mechTypes: %w", err)
		}
		t.MechTypes = append(t.MechTypes, oid)
		b = rest
	}
	return nil
}

// parseNegHints reads NegHints ::= SEQUENCE { hintName [0] GeneralString
// OPTIONAL, hintAddress [1] OCTET STRING OPTIONAL }.
func (t *SecurityToken) parseNegHints(b []byte) error {
	for i := 0; len(b) > 0; i++ {
		if i == derMaxSeqItems {
			return fmt.Errorf("spnego: negHints has more than %d fields: %w", derMaxSeqItems, ErrMalformed)
		}
		f, rest, err := ParseDERElement(b)
		if err != nil {
			return fmt.Errorf("spnego: negHints: %w", err)
		}
		b = rest
		if f.Class == DERClassContext && f.Tag == 0 {
			in, err := derExplicit(f)
			if err != nil {
				return fmt.Errorf("spnego: hintName: %w", err)
			}
			if t.NegHintName, err = derString(in); err != nil {
				return fmt.Errorf("spnego: hintName: %w", err)
			}
		}
	}
	return nil
}

// parseNegTokenResp reads NegTokenResp (RFC 4178 4.2.2).
func (t *SecurityToken) parseNegTokenResp(b []byte) error {
	var respToken []byte
	for i := 0; len(b) > 0; i++ {
		if i == derMaxSeqItems {
			return fmt.Errorf("spnego: NegTokenResp has more than %d fields: %w", derMaxSeqItems, ErrMalformed)
		}
		f, rest, err := ParseDERElement(b)
		if err != nil {
			return fmt.Errorf("spnego: NegTokenResp: %w", err)
		}
		b = rest
		if f.Class != DERClassContext {
			return fmt.Errorf("spnego: NegTokenResp field %s: %w", f, ErrMalformed)
		}
		if f.Tag > 3 {
			continue // unknown extension field
		}
		in, err := derExplicit(f)
		if err != nil {
			return fmt.Errorf("spnego: NegTokenResp field %s: %w", f, err)
		}
		switch f.Tag {
		case 0: // negState ENUMERATED
			if !in.Is(DERClassUniversal, DERTagEnumerated, false) {
				return fmt.Errorf("spnego: negState is %s: %w", in, ErrMalformed)
			}
			v, err := derInt(in.Content)
			if err != nil {
				return fmt.Errorf("spnego: negState: %w", err)
			}
			if v < 0 || v > 255 {
				return fmt.Errorf("spnego: negState %d: %w", v, ErrMalformed)
			}
			t.NegState = int(v)
		case 1: // supportedMech
			if t.SupportedMech, err = derOID(in); err != nil {
				return fmt.Errorf("spnego: supportedMech: %w", err)
			}
		case 2: // responseToken
			if !in.Is(DERClassUniversal, DERTagOctetString, false) {
				return fmt.Errorf("spnego: responseToken is %s: %w", in, ErrMalformed)
			}
			respToken = in.Content
		case 3: // mechListMIC
			if !in.Is(DERClassUniversal, DERTagOctetString, false) {
				return fmt.Errorf("spnego: mechListMIC is %s: %w", in, ErrMalformed)
			}
			t.MechListMIC = true
		}
	}
	if respToken != nil {
		return t.parseInner(respToken)
	}
	return nil
}

// parseInner recognises and parses the token a SPNEGO message carries, or a
// raw token. Tokens of other mechanisms are kept in InnerToken unparsed.
func (t *SecurityToken) parseInner(b []byte) error {
	t.InnerToken = b
	if len(b) == 0 {
		return nil
	}
	switch {
	case bytes.HasPrefix(b, ntlmSignature):
		t.InnerMech = "ntlmssp"
		m := t.ntlmInto
		if m == nil {
			m = new(NTLMMessage)
		} else {
			// Keep the AV pair lists' memory for this message's.
			target, client := m.TargetInfo[:0], m.ClientAVPairs[:0]
			*m = NTLMMessage{TargetInfo: target, ClientAVPairs: client}
		}
		err := m.parse(b)
		t.NTLM = m
		return err
	case bytes.HasPrefix(b, spnegoNegoExSignature):
		t.InnerMech = "negoex"
		return nil
	case b[0] == 0x60:
		oid, _, err := gssUnwrap(b)
		if err != nil {
			return fmt.Errorf("inner gss-api header: %w", err)
		}
		switch oid {
		case OIDKerberos5, OIDKerberos5Legacy, OIDKerberosUser2User:
		default:
			return nil // some other mechanism: leave it opaque
		}
	case krbIsMessageStart(b[0]):
	default:
		return nil
	}
	t.InnerMech = "kerberos"
	k, err := ParseKerberosToken(b)
	t.Kerberos = &k
	return err
}
