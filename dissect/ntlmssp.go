package dissect

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
)

// NTLMSSP message types (MS-NLMP 2.2.1).
const (
	NTLMNegotiateType    uint32 = 1
	NTLMChallengeType    uint32 = 2
	NTLMAuthenticateType uint32 = 3
)

// NegotiateFlags bits (MS-NLMP 2.2.2.5).
const (
	NTLMFlagUnicode                 uint32 = 0x00000001 // A
	NTLMFlagOEM                     uint32 = 0x00000002 // B
	NTLMFlagRequestTarget           uint32 = 0x00000004 // C
	NTLMFlagSign                    uint32 = 0x00000010 // D
	NTLMFlagSeal                    uint32 = 0x00000020 // E
	NTLMFlagDatagram                uint32 = 0x00000040 // F
	NTLMFlagLMKey                   uint32 = 0x00000080 // G
	NTLMFlagNTLM                    uint32 = 0x00000200 // H
	NTLMFlagAnonymous               uint32 = 0x00000800 // J
	NTLMFlagOEMDomainSupplied       uint32 = 0x00001000 // K
	NTLMFlagOEMWorkstationSupplied  uint32 = 0x00002000 // L
	NTLMFlagAlwaysSign              uint32 = 0x00008000 // M
	NTLMFlagTargetTypeDomain        uint32 = 0x00010000 // N
	NTLMFlagTargetTypeServer        uint32 = 0x00020000 // O
	NTLMFlagExtendedSessionSecurity uint32 = 0x00080000 // P
	NTLMFlagIdentify                uint32 = 0x00100000 // Q
	NTLMFlagRequestNonNTSessionKey  uint32 = 0x00400000 // R
	NTLMFlagTargetInfo              uint32 = 0x00800000 // S
	NTLMFlagVersion                 uint32 = 0x02000000 // T
	NTLMFlag128                     uint32 = 0x20000000 // U
	NTLMFlagKeyExch                 uint32 = 0x40000000 // V
	NTLMFlag56                      uint32 = 0x80000000 // W
)

// ntlmFlagNames names the defined flags, lowest bit first; the name is the
// MS-NLMP constant without its NTLMSSP_NEGOTIATE_ prefix.
var ntlmFlagNames = [...]struct {
	bit  uint32
	name string
}{
	{NTLMFlagUnicode, "UNICODE"},
	{NTLMFlagOEM, "OEM"},
	{NTLMFlagRequestTarget, "REQUEST_TARGET"},
	{NTLMFlagSign, "SIGN"},
	{NTLMFlagSeal, "SEAL"},
	{NTLMFlagDatagram, "DATAGRAM"},
	{NTLMFlagLMKey, "LM_KEY"},
	{NTLMFlagNTLM, "NTLM"},
	{NTLMFlagAnonymous, "ANONYMOUS"},
	{NTLMFlagOEMDomainSupplied, "OEM_DOMAIN_SUPPLIED"},
	{NTLMFlagOEMWorkstationSupplied, "OEM_WORKSTATION_SUPPLIED"},
	{NTLMFlagAlwaysSign, "ALWAYS_SIGN"},
	{NTLMFlagTargetTypeDomain, "TARGET_TYPE_DOMAIN"},
	{NTLMFlagTargetTypeServer, "TARGET_TYPE_SERVER"},
	{NTLMFlagExtendedSessionSecurity, "EXTENDED_SESSIONSECURITY"},
	{NTLMFlagIdentify, "IDENTIFY"},
	{NTLMFlagRequestNonNTSessionKey, "REQUEST_NON_NT_SESSION_KEY"},
	{NTLMFlagTargetInfo, "TARGET_INFO"},
	{NTLMFlagVersion, "VERSION"},
	{NTLMFlag128, "128"},
	{NTLMFlagKeyExch, "KEY_EXCH"},
	{NTLMFlag56, "56"},
}

// NTLMFlagNames names the bits set in flags, lowest bit first. Reserved bits
// appear as hex, e.g. "0x00000008".
func NTLMFlagNames(flags uint32) []string {
	var names []string
	for bit := uint32(1); bit != 0; bit <<= 1 {
		if flags&bit == 0 {
			continue
		}
		name := ""
		for _, f := range ntlmFlagNames {
			if f.bit == bit {
				name = f.name
				break
			}
		}
		if name == "" {
			name = fmt.Sprintf("0x%08x", bit)
		}
		names = append(names, name)
	}
	return names
}

// AV_PAIR ids (MS-NLMP 2.2.2.1).
const (
	NTLMAvEOL             uint16 = 0
	NTLMAvNbComputerName  uint16 = 1
	NTLMAvNbDomainName    uint16 = 2
	NTLMAvDNSComputerName uint16 = 3
	NTLMAvDNSDomainName   uint16 = 4
	NTLMAvDNSTreeName     uint16 = 5
	NTLMAvFlags           uint16 = 6
	NTLMAvTimestamp       uint16 = 7
	NTLMAvSingleHost      uint16 = 8
	NTLMAvTargetName      uint16 = 9
	NTLMAvChannelBindings uint16 = 10
)

// MsvAvFlags bits (MS-NLMP 2.2.2.1).
const (
	NTLMAvFlagConstrained     uint32 = 0x1 // account authentication is constrained
	NTLMAvFlagMIC             uint32 = 0x2 // the AUTHENTICATE message carries a MIC
	NTLMAvFlagUntrustedTarget uint32 = 0x4 // the SPN came from an untrusted source
)

// NTLMMaxAVPairs caps an AV_PAIR list; a longer list is ErrMalformed.
const NTLMMaxAVPairs = 64

// NTLMAVPair is one AV_PAIR. Value aliases the input.
type NTLMAVPair struct {
	ID    uint16
	Value []byte
}

// NTLMMessage is a parsed NTLMSSP message. Byte slices alias the input.
type NTLMMessage struct {
	Type  uint32
	Flags uint32 // NegotiateFlags; 0 in an AUTHENTICATE too old to carry them
	// OSVersion is the VERSION structure (MS-NLMP 2.2.2.10) as
	// "major.minor.build", "" when the VERSION flag is clear or the header
	// has no room for it. NTLMRevision is its NTLMRevisionCurrent byte.
	OSVersion    string
	NTLMRevision uint8

	// NEGOTIATE: the supplied domain and workstation (OEM) go to Domain and
	// Workstation below.

	// CHALLENGE
	ServerChallenge [8]byte
	TargetName      string // Unicode or OEM per NTLMFlagUnicode
	TargetInfo      []NTLMAVPair

	// Decoded AV pairs. In a CHALLENGE they come from TargetInfo; in an
	// AUTHENTICATE from the NTLMv2 client blob, which carries the client's
	// copy of the server's TargetInfo plus MsvAvFlags, MsvAvTargetName and
	// MsvAvChannelBindings of its own.
	NetBIOSComputer, NetBIOSDomain, DNSComputer, DNSDomain, DNSTree string
	TargetSPN                                                       string // MsvAvTargetName
	Timestamp                                                       uint64 // MsvAvTimestamp (FILETIME)
	HasTimestamp                                                    bool
	AVFlags                                                         uint32 // MsvAvFlags
	HasAVFlags                                                      bool
	ChannelBindings                                                 []byte // MsvAvChannelBindings (16 bytes)

	// AUTHENTICATE
	LMResponse, NTResponse, EncryptedRandomSessionKey []byte
	// Domain, User and Workstation are decoded as UTF-16LE when
	// NTLMFlagUnicode is set (or the message has no flags field), as OEM
	// otherwise. NEGOTIATE strings are always OEM.
	Domain, User, Workstation string
	// MIC is the 16-byte message integrity code at offset 72, nil when the
	// message has none; HasMIC reports the same. The AUTHENTICATE header
	// does not say whether it carries a MIC, so two things are checked:
	//  1. The fixed header must really extend over offsets 72-88: every
	//     non-empty payload field starts at or after offset 88. Otherwise
	//     those bytes are payload (impacket and pre-Vista clients use a 64-
	//     or 72-byte header).
	//  2. Either the NTLMv2 client blob announces a MIC (MsvAvFlags bit 0x2,
	//     MS-NLMP 2.2.2.1 and 3.1.5.1.2), or, with no announcement, the field
	//     is not all zero. The second case covers anonymous AUTHENTICATE
	//     messages: they have no NTLMv2 blob to announce anything, yet Samba
	//     and Windows fill the field. A field left zero and unannounced is
	//     reserved space, not a MIC.
	MIC    []byte
	HasMIC bool
	// MICAnnounced reports MsvAvFlags bit 0x2 in the NTLMv2 client blob.
	MICAnnounced bool
	// Version classifies the response: "v1" (24-byte NT response), "v1-ess"
	// (24-byte NT response with NTLMFlagExtendedSessionSecurity and an LM
	// response of client challenge plus 16 zero bytes), "v2" (longer NT
	// response), "" when anonymous or unknown.
	Version string
	// Anonymous follows MS-NLMP 3.2.5.1.2 / 3.3.1: empty user name, empty NT
	// response and an LM response that is empty or one zero byte; or the
	// ANONYMOUS flag.
	Anonymous bool
	// NTLMv2 response (MS-NLMP 2.2.2.8, 2.2.2.7): NTProofStr is its first 16
	// bytes; ClientTimestamp and ClientChallenge come from the client blob,
	// ClientAVPairs are the blob's AV pairs. For "v1-ess" ClientChallenge is
	// the first 8 bytes of the LM response.
	NTProofStr      []byte
	ClientTimestamp uint64
	ClientChallenge []byte
	ClientAVPairs   []NTLMAVPair
}

// ntlmOEM decodes an OEM string. The OEM code page is not on the wire; bytes
// above 0x7F are taken as Latin-1 so the result is always valid UTF-8.
func ntlmOEM(b []byte) string {
	for len(b) > 0 && b[len(b)-1] == 0 {
		b = b[:len(b)-1]
	}
	ascii := true
	for _, c := range b {
		if c >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return string(b)
	}
	var sb strings.Builder
	for _, c := range b {
		sb.WriteRune(rune(c))
	}
	return sb.String()
}

// ntlmField is a decoded 8-byte field descriptor (Len, MaxLen, Offset).
type ntlmField struct {
	name   string
	at     int // offset of the descriptor in the header
	length int
	offset int
}

func ntlmReadField(b []byte, name string, at int) (ntlmField, bool) {
	l, ok1 := u16(b, at)
	o, ok2 := u32(b, at+4)
	return ntlmField{name: name, at: at, length: int(l), offset: int(o)}, ok1 && ok2
}

// data returns the payload the descriptor points at.
func (f ntlmField) data(b []byte) ([]byte, error) {
	if f.length == 0 {
		return nil, nil
	}
	v, ok := span(b, f.offset, f.length)
	if !ok {
		return nil, fmt.Errorf("ntlmssp: %s at %d+%d beyond %d-byte message: %w", f.name, f.offset, f.length, len(b), ErrTruncated)
	}
	return v, nil
}

// ntlmDataStart is where the payload begins: the lowest offset of a
// non-empty field, or len(b) when every field is empty. Header fields at or
// past it are payload, not header (older senders use shorter headers).
func ntlmDataStart(b []byte, fields ...ntlmField) int {
	start := len(b)
	for _, f := range fields {
		if f.length > 0 && f.offset < start && f.offset >= 0 {
			start = f.offset
		}
	}
	return start
}

// ParseNTLMMessage parses an NTLMSSP NEGOTIATE, CHALLENGE or AUTHENTICATE
// message (MS-NLMP 2.2.1). b starts with "NTLMSSP\x00"; bytes after the
// message are ignored. A wrong signature is ErrProtocol, an unknown message
// type ErrMalformed. On error the fields decoded so far are returned.
func ParseNTLMMessage(b []byte) (NTLMMessage, error) {
	var m NTLMMessage
	err := m.parse(b)
	return m, err
}

// parse decodes b into m, which must be zero.
func (m *NTLMMessage) parse(b []byte) error {
	if len(b) < 12 {
		if !bytes.HasPrefix(ntlmSignature, b) {
			return fmt.Errorf("ntlmssp: bad signature: %w", ErrProtocol)
		}
		return fmt.Errorf("ntlmssp: %d-byte message: %w", len(b), ErrTruncated)
	}
	if !bytes.Equal(b[:8], ntlmSignature) {
		return fmt.Errorf("ntlmssp: bad signature: %w", ErrProtocol)
	}
	m.Type, _ = u32(b, 8)
	switch m.Type {
	case NTLMNegotiateType:
		return m.parseNegotiate(b)
	case NTLMChallengeType:
		return m.parseChallenge(b)
	case NTLMAuthenticateType:
		return m.parseAuthenticate(b)
	}
	return fmt.Errorf("ntlmssp: message type %d: %w", m.Type, ErrMalformed)
}

// parseVersion reads the 8-byte VERSION structure at off when the flag is
// set and it lies before the payload.
func (m *NTLMMessage) parseVersion(b []byte, off, dataStart int) {
	if m.Flags&NTLMFlagVersion == 0 || off+8 > dataStart {
		return
	}
	v, ok := span(b, off, 8)
	if !ok {
		return
	}
	build, _ := u16(v, 2)
	m.OSVersion = strconv.Itoa(int(v[0])) + "." + strconv.Itoa(int(v[1])) + "." + strconv.Itoa(int(build))
	m.NTLMRevision = v[7]
}

// parseNegotiate reads a NEGOTIATE_MESSAGE (MS-NLMP 2.2.1.1). The domain and
// workstation fields are optional: very old senders stop after the flags.
func (m *NTLMMessage) parseNegotiate(b []byte) error {
	flags, ok := u32(b, 12)
	if !ok {
		return fmt.Errorf("ntlmssp: NEGOTIATE of %d bytes: %w", len(b), ErrTruncated)
	}
	m.Flags = flags
	dom, ok1 := ntlmReadField(b, "DomainName", 16)
	ws, ok2 := ntlmReadField(b, "Workstation", 24)
	if !ok1 || !ok2 {
		return nil
	}
	dataStart := ntlmDataStart(b, dom, ws)
	if dataStart < 32 {
		return nil // the "fields" are payload of a short header
	}
	m.parseVersion(b, 32, dataStart)
	d, err := dom.data(b)
	if err != nil {
		return err
	}
	m.Domain = ntlmOEM(d)
	w, err := ws.data(b)
	if err != nil {
		return err
	}
	m.Workstation = ntlmOEM(w)
	return nil
}

// decodeString decodes a CHALLENGE/AUTHENTICATE string per the Unicode flag.
func (m *NTLMMessage) decodeString(v []byte, unicode bool) string {
	if unicode {
		return utf16LE(v)
	}
	return ntlmOEM(v)
}

// parseChallenge reads a CHALLENGE_MESSAGE (MS-NLMP 2.2.1.2).
func (m *NTLMMessage) parseChallenge(b []byte) error {
	if len(b) < 32 {
		return fmt.Errorf("ntlmssp: CHALLENGE of %d bytes: %w", len(b), ErrTruncated)
	}
	tn, _ := ntlmReadField(b, "TargetName", 12)
	m.Flags, _ = u32(b, 20)
	copy(m.ServerChallenge[:], b[24:32])
	ti, hasTI := ntlmReadField(b, "TargetInfo", 40)
	dataStart := ntlmDataStart(b, tn)
	if hasTI && dataStart >= 48 {
		dataStart = ntlmDataStart(b, tn, ti)
	}
	if dataStart < 48 {
		hasTI = false
	}
	m.parseVersion(b, 48, dataStart)
	v, err := tn.data(b)
	if err != nil {
		return err
	}
	m.TargetName = m.decodeString(v, m.Flags&NTLMFlagUnicode != 0)
	if !hasTI {
		return nil
	}
	v, err = ti.data(b)
	if err != nil {
		return err
	}
	if m.TargetInfo, err = ntlmParseAVPairs(m.TargetInfo[:0], v); err != nil {
		return fmt.Errorf("ntlmssp: TargetInfo: %w", err)
	}
	m.applyAVPairs(m.TargetInfo)
	return nil
}

// ntlmParseAVPairs reads an AV_PAIR list up to MsvAvEOL, appending to pairs
// (empty, its memory reused when large enough). A list that simply ends
// without MsvAvEOL is accepted; a pair that overruns it is not.
func ntlmParseAVPairs(pairs []NTLMAVPair, b []byte) ([]NTLMAVPair, error) {
	// Count first, so that the list is allocated once.
	n := 0
	for off := 0; off+4 <= len(b) && n < NTLMMaxAVPairs; n++ {
		if binary.LittleEndian.Uint16(b[off:]) == NTLMAvEOL {
			break
		}
		off += 4 + int(binary.LittleEndian.Uint16(b[off+2:]))
	}
	if n > cap(pairs) {
		pairs = make([]NTLMAVPair, 0, n)
	}
	off := 0
	for off < len(b) {
		id, ok1 := u16(b, off)
		l, ok2 := u16(b, off+2)
		if !ok1 || !ok2 {
			return pairs, fmt.Errorf("AV_PAIR header at %d of %d bytes: %w", off, len(b), ErrMalformed)
		}
		if id == NTLMAvEOL {
			break
		}
		v, ok := span(b, off+4, int(l))
		if !ok {
			return pairs, fmt.Errorf("AV_PAIR %d of %d bytes at %d overruns %d-byte list: %w", id, l, off, len(b), ErrMalformed)
		}
		if len(pairs) == NTLMMaxAVPairs {
			return pairs, fmt.Errorf("more than %d AV_PAIRs: %w", NTLMMaxAVPairs, ErrMalformed)
		}
		pairs = append(pairs, NTLMAVPair{ID: id, Value: v})
		off += 4 + int(l)
	}
	return pairs, nil
}

// applyAVPairs fills the decoded AV pair fields. When an id repeats, the
// first occurrence wins; values of the wrong size are ignored.
func (m *NTLMMessage) applyAVPairs(pairs []NTLMAVPair) {
	var seen uint32 // bit per id below 32
	for _, p := range pairs {
		if p.ID < 32 {
			if seen&(1<<p.ID) != 0 {
				continue
			}
			seen |= 1 << p.ID
		}
		switch p.ID {
		case NTLMAvNbComputerName:
			m.NetBIOSComputer = utf16LE(p.Value)
		case NTLMAvNbDomainName:
			m.NetBIOSDomain = utf16LE(p.Value)
		case NTLMAvDNSComputerName:
			m.DNSComputer = utf16LE(p.Value)
		case NTLMAvDNSDomainName:
			m.DNSDomain = utf16LE(p.Value)
		case NTLMAvDNSTreeName:
			m.DNSTree = utf16LE(p.Value)
		case NTLMAvTargetName:
			m.TargetSPN = utf16LE(p.Value)
		case NTLMAvFlags:
			if v, ok := u32(p.Value, 0); ok && len(p.Value) == 4 {
				m.AVFlags, m.HasAVFlags = v, true
			}
		case NTLMAvTimestamp:
			if v, ok := u64(p.Value, 0); ok && len(p.Value) == 8 {
				m.Timestamp, m.HasTimestamp = v, true
			}
		case NTLMAvChannelBindings:
			m.ChannelBindings = p.Value
		}
	}
}

// parseAuthenticate reads an AUTHENTICATE_MESSAGE (MS-NLMP 2.2.1.3). The
// header has grown over time: 52 bytes (no session key, no flags), 60, 64
// (flags), 72 (VERSION) and 88 (MIC). Which of these a message has is told
// by where its payload starts.
func (m *NTLMMessage) parseAuthenticate(b []byte) error {
	lm, _ := ntlmReadField(b, "LmChallengeResponse", 12)
	nt, _ := ntlmReadField(b, "NtChallengeResponse", 20)
	dom, _ := ntlmReadField(b, "DomainName", 28)
	user, _ := ntlmReadField(b, "UserName", 36)
	ws, ok := ntlmReadField(b, "Workstation", 44)
	if !ok {
		return fmt.Errorf("ntlmssp: AUTHENTICATE of %d bytes: %w", len(b), ErrTruncated)
	}
	var room [6]ntlmField
	fields := append(room[:0], lm, nt, dom, user, ws)
	dataStart := ntlmDataStart(b, fields...)
	key, hasKey := ntlmReadField(b, "EncryptedRandomSessionKey", 52)
	if hasKey && dataStart >= 60 {
		fields = append(fields, key)
		dataStart = ntlmDataStart(b, fields...)
	}
	hasKey = hasKey && dataStart >= 60
	unicode := true // no flags field: SMB clients of that age send Unicode
	if dataStart >= 64 {
		if f, ok := u32(b, 60); ok {
			m.Flags = f
			unicode = f&NTLMFlagUnicode != 0
		}
	}
	m.parseVersion(b, 64, dataStart)
	var mic []byte // the MIC field, when the header has one
	if dataStart >= 88 && len(b) >= 88 {
		mic = b[72:88:88]
	}

	var err error
	if m.LMResponse, err = lm.data(b); err != nil {
		return err
	}
	if m.NTResponse, err = nt.data(b); err != nil {
		return err
	}
	v, err := dom.data(b)
	if err != nil {
		return err
	}
	m.Domain = m.decodeString(v, unicode)
	if v, err = user.data(b); err != nil {
		return err
	}
	m.User = m.decodeString(v, unicode)
	if v, err = ws.data(b); err != nil {
		return err
	}
	m.Workstation = m.decodeString(v, unicode)
	if hasKey {
		if m.EncryptedRandomSessionKey, err = key.data(b); err != nil {
			return err
		}
	}

	m.classify()
	if m.Version == "v2" {
		err = m.parseNTLMv2Response()
	}
	if mic != nil && (m.MICAnnounced || !ntlmAllZero(mic)) {
		m.MIC, m.HasMIC = mic, true
	}
	return err
}

// classify sets Anonymous and Version from the responses and flags.
func (m *NTLMMessage) classify() {
	lmEmpty := len(m.LMResponse) == 0 || (len(m.LMResponse) == 1 && m.LMResponse[0] == 0)
	m.Anonymous = m.Flags&NTLMFlagAnonymous != 0 ||
		(m.User == "" && len(m.NTResponse) == 0 && lmEmpty)
	switch {
	case m.Anonymous:
	case len(m.NTResponse) == 24:
		m.Version = "v1"
		if m.Flags&NTLMFlagExtendedSessionSecurity != 0 && len(m.LMResponse) == 24 && ntlmAllZero(m.LMResponse[8:]) {
			m.Version = "v1-ess"
			m.ClientChallenge = m.LMResponse[:8:8]
		}
	case len(m.NTResponse) > 24:
		m.Version = "v2"
	}
}

// parseNTLMv2Response reads NTLMv2_RESPONSE: NTProofStr (16 bytes) and the
// NTLMv2_CLIENT_CHALLENGE blob (MS-NLMP 2.2.2.7): RespType, HiRespType,
// 6 reserved bytes, TimeStamp, ChallengeFromClient, 4 reserved bytes, then
// AV pairs.
func (m *NTLMMessage) parseNTLMv2Response() error {
	r := m.NTResponse
	m.NTProofStr = r[:16:16]
	blob := r[16:]
	if len(blob) < 28 {
		return fmt.Errorf("ntlmssp: NTLMv2 client challenge of %d bytes: %w", len(blob), ErrMalformed)
	}
	m.ClientTimestamp, _ = u64(blob, 8)
	m.ClientChallenge = blob[16:24:24]
	pairs, err := ntlmParseAVPairs(m.ClientAVPairs[:0], blob[28:])
	m.ClientAVPairs = pairs
	m.applyAVPairs(pairs)
	m.MICAnnounced = m.HasAVFlags && m.AVFlags&NTLMAvFlagMIC != 0
	if err != nil {
		return fmt.Errorf("ntlmssp: NTLMv2 client challenge: %w", err)
	}
	return nil
}

func ntlmAllZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}
