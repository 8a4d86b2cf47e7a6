package dissect

// SecurityMode bits of NEGOTIATE and SESSION_SETUP, MS-SMB2 2.2.3, 2.2.4, 2.2.5.
const (
	SMB2SigningEnabled  uint16 = 0x0001 // SMB2_NEGOTIATE_SIGNING_ENABLED
	SMB2SigningRequired uint16 = 0x0002 // SMB2_NEGOTIATE_SIGNING_REQUIRED
)

// Dialect revisions, MS-SMB2 2.2.3 and 2.2.4.
const (
	Dialect202      uint16 = 0x0202
	Dialect210      uint16 = 0x0210
	Dialect300      uint16 = 0x0300
	Dialect302      uint16 = 0x0302
	Dialect311      uint16 = 0x0311
	DialectWildcard uint16 = 0x02FF // SMB2 wildcard revision: answer to a multi-protocol SMB1 NEGOTIATE
)

// DialectName returns the dotted name of a dialect revision ("2.0.2",
// "2.1", "3.0", "3.0.2", "3.1.1", "2.???" for the wildcard), or "0x" and
// four lowercase hex digits for anything else.
func DialectName(d uint16) string {
	switch d {
	case Dialect202:
		return "2.0.2"
	case Dialect210:
		return "2.1"
	case Dialect300:
		return "3.0"
	case Dialect302:
		return "3.0.2"
	case Dialect311:
		return "3.1.1"
	case DialectWildcard:
		return "2.???"
	}
	return wireHex16(d)
}

// Global capabilities, MS-SMB2 2.2.3 and 2.2.4.
const (
	SMB2CapDFS               = 0x00000001 // SMB2_GLOBAL_CAP_DFS
	SMB2CapLeasing           = 0x00000002 // SMB2_GLOBAL_CAP_LEASING
	SMB2CapLargeMTU          = 0x00000004 // SMB2_GLOBAL_CAP_LARGE_MTU
	SMB2CapMultiChannel      = 0x00000008 // SMB2_GLOBAL_CAP_MULTI_CHANNEL
	SMB2CapPersistentHandles = 0x00000010 // SMB2_GLOBAL_CAP_PERSISTENT_HANDLES
	SMB2CapDirectoryLeasing  = 0x00000020 // SMB2_GLOBAL_CAP_DIRECTORY_LEASING
	SMB2CapEncryption        = 0x00000040 // SMB2_GLOBAL_CAP_ENCRYPTION
	SMB2CapNotifications     = 0x00000080 // SMB2_GLOBAL_CAP_NOTIFICATIONS
)

// Negotiate context types, MS-SMB2 2.2.3.1.
const (
	SMB2PreauthIntegrityCapabilities uint16 = 0x0001 // SMB2_PREAUTH_INTEGRITY_CAPABILITIES
	SMB2EncryptionCapabilities       uint16 = 0x0002 // SMB2_ENCRYPTION_CAPABILITIES
	SMB2CompressionCapabilities      uint16 = 0x0003 // SMB2_COMPRESSION_CAPABILITIES
	SMB2NetnameNegotiateContextID    uint16 = 0x0005 // SMB2_NETNAME_NEGOTIATE_CONTEXT_ID
	SMB2TransportCapabilities        uint16 = 0x0006 // SMB2_TRANSPORT_CAPABILITIES
	SMB2RDMATransformCapabilities    uint16 = 0x0007 // SMB2_RDMA_TRANSFORM_CAPABILITIES
	SMB2SigningCapabilities          uint16 = 0x0008 // SMB2_SIGNING_CAPABILITIES
)

// Context values, MS-SMB2 2.2.3.1.1 to 2.2.3.1.7.
const (
	PreauthHashSHA512 uint16 = 0x0001 // SHA-512

	CipherAES128CCM uint16 = 0x0001
	CipherAES128GCM uint16 = 0x0002
	CipherAES256CCM uint16 = 0x0003
	CipherAES256GCM uint16 = 0x0004

	SigningHMACSHA256 uint16 = 0x0000
	SigningAESCMAC    uint16 = 0x0001
	SigningAESGMAC    uint16 = 0x0002

	CompressionNone        uint16 = 0x0000
	CompressionLZNT1       uint16 = 0x0001
	CompressionLZ77        uint16 = 0x0002
	CompressionLZ77Huffman uint16 = 0x0003
	CompressionPatternV1   uint16 = 0x0004
	CompressionLZ4         uint16 = 0x0005

	CompressionCapFlagChained = 0x00000001 // SMB2_COMPRESSION_CAPABILITIES_FLAG_CHAINED
	TransportLevelSecurity    = 0x00000001 // SMB2_ACCEPT_TRANSPORT_LEVEL_SECURITY

	RDMATransformNone       uint16 = 0x0000
	RDMATransformEncryption uint16 = 0x0001
	RDMATransformSigning    uint16 = 0x0002
)

// CipherName names an encryption cipher id ("AES-128-GCM"), or "0x" and
// four hex digits.
func CipherName(id uint16) string {
	switch id {
	case CipherAES128CCM:
		return "AES-128-CCM"
	case CipherAES128GCM:
		return "AES-128-GCM"
	case CipherAES256CCM:
		return "AES-256-CCM"
	case CipherAES256GCM:
		return "AES-256-GCM"
	}
	return wireHex16(id)
}

// SigningAlgorithmName names a signing algorithm id ("AES-CMAC"), or "0x"
// and four hex digits.
func SigningAlgorithmName(id uint16) string {
	switch id {
	case SigningHMACSHA256:
		return "HMAC-SHA256"
	case SigningAESCMAC:
		return "AES-CMAC"
	case SigningAESGMAC:
		return "AES-GMAC"
	}
	return wireHex16(id)
}

// CompressionAlgorithmName names a compression algorithm id ("LZ77"), or
// "0x" and four hex digits.
func CompressionAlgorithmName(id uint16) string {
	switch id {
	case CompressionNone:
		return "NONE"
	case CompressionLZNT1:
		return "LZNT1"
	case CompressionLZ77:
		return "LZ77"
	case CompressionLZ77Huffman:
		return "LZ77+Huffman"
	case CompressionPatternV1:
		return "Pattern_V1"
	case CompressionLZ4:
		return "LZ4"
	}
	return wireHex16(id)
}

// PreauthHashName names a preauth integrity hash id ("SHA-512"), or "0x"
// and four hex digits.
func PreauthHashName(id uint16) string {
	if id == PreauthHashSHA512 {
		return "SHA-512"
	}
	return wireHex16(id)
}

// NegotiateContexts collects the SMB 3.1.1 negotiate contexts of a request
// or response (MS-SMB2 2.2.3.1, 2.2.4.1). A context type that appears more
// than once (which the specification forbids) appends to the same lists;
// the scalar fields keep the last value.
type NegotiateContexts struct {
	Count int      // contexts parsed
	Types []uint16 // ContextType of every parsed context, in order

	PreauthHashAlgorithms []uint16
	PreauthSalt           []byte // aliases the message

	Ciphers []uint16 // 1 AES-128-CCM, 2 AES-128-GCM, 3 AES-256-CCM, 4 AES-256-GCM

	HasCompression        bool
	CompressionAlgorithms []uint16
	CompressionFlags      uint32

	NetName string // UTF-16 server name (context 5)

	HasTransport   bool
	TransportFlags uint32

	RDMATransforms []uint16

	SigningAlgorithms []uint16 // 0 HMAC-SHA256, 1 AES-CMAC, 2 AES-GMAC

	Unknown []uint16 // types not recognised, in order
}

// negotiateContextHeaderLen is ContextType, DataLength and Reserved.
const negotiateContextHeaderLen = 8

// parseNegotiateContexts reads count contexts starting at offset of msg
// (offsets count from the SMB2 header). The first context is read where
// offset says; each later one at the next 8-byte aligned offset (MS-SMB2 2.2.3.1).
// On error the contexts parsed so far are returned with it.
func parseNegotiateContexts(msg []byte, offset uint32, count int) (NegotiateContexts, error) {
	var c NegotiateContexts
	if offset < SMB2HeaderLen {
		return c, ErrMalformed
	}
	if uint64(offset) > uint64(len(msg)) {
		return c, ErrTruncated
	}
	off := int(offset)
	for i := 0; i < count; i++ {
		if i > 0 {
			off = (off + 7) &^ 7
		}
		hdr, ok := span(msg, off, negotiateContextHeaderLen)
		if !ok {
			return c, ErrTruncated
		}
		typ := uint16(hdr[0]) | uint16(hdr[1])<<8
		dlen := int(hdr[2]) | int(hdr[3])<<8
		data, ok := span(msg, off+negotiateContextHeaderLen, dlen)
		if !ok {
			return c, ErrTruncated
		}
		if err := c.add(typ, data); err != nil {
			return c, err
		}
		off += negotiateContextHeaderLen + dlen
	}
	return c, nil
}

// add decodes the data of one context into c.
func (c *NegotiateContexts) add(typ uint16, data []byte) error {
	switch typ {
	case SMB2PreauthIntegrityCapabilities: // 2.2.3.1.1
		n, ok1 := u16(data, 0)
		saltLen, ok2 := u16(data, 2)
		if !ok1 || !ok2 {
			return ErrMalformed
		}
		algs, ok := span(data, 4, 2*int(n))
		if !ok {
			return ErrMalformed
		}
		salt, ok := span(data, 4+2*int(n), int(saltLen))
		if !ok {
			return ErrMalformed
		}
		c.PreauthHashAlgorithms = wireAppendU16s(c.PreauthHashAlgorithms, algs)
		c.PreauthSalt = wireNilIfEmpty(salt)
	case SMB2EncryptionCapabilities: // 2.2.3.1.2
		ids, err := wireCountedU16s(data, 0, 2)
		if err != nil {
			return err
		}
		c.Ciphers = wireAppendU16s(c.Ciphers, ids)
	case SMB2CompressionCapabilities: // 2.2.3.1.3
		flags, ok := u32(data, 4)
		if !ok {
			return ErrMalformed
		}
		ids, err := wireCountedU16s(data, 0, 8)
		if err != nil {
			return err
		}
		c.HasCompression = true
		c.CompressionFlags = flags
		c.CompressionAlgorithms = wireAppendU16s(c.CompressionAlgorithms, ids)
	case SMB2NetnameNegotiateContextID: // 2.2.3.1.4
		c.NetName = utf16LE(data)
	case SMB2TransportCapabilities: // 2.2.3.1.5
		flags, ok := u32(data, 0)
		if !ok {
			return ErrMalformed
		}
		c.HasTransport = true
		c.TransportFlags = flags
	case SMB2RDMATransformCapabilities: // 2.2.3.1.6
		ids, err := wireCountedU16s(data, 0, 8)
		if err != nil {
			return err
		}
		c.RDMATransforms = wireAppendU16s(c.RDMATransforms, ids)
	case SMB2SigningCapabilities: // 2.2.3.1.7
		ids, err := wireCountedU16s(data, 0, 2)
		if err != nil {
			return err
		}
		c.SigningAlgorithms = wireAppendU16s(c.SigningAlgorithms, ids)
	default:
		c.Unknown = append(c.Unknown, typ)
	}
	c.Count++
	c.Types = append(c.Types, typ)
	return nil
}

// wireCountedU16s returns the array of 16-bit ids whose count is the uint16 at
// countOff and whose elements start at arrOff, all inside data.
func wireCountedU16s(data []byte, countOff, arrOff int) ([]byte, error) {
	n, ok := u16(data, countOff)
	if !ok {
		return nil, ErrMalformed
	}
	ids, ok := span(data, arrOff, 2*int(n))
	if !ok {
		return nil, ErrMalformed
	}
	return ids, nil
}

// wireAppendU16s appends the little-endian 16-bit values of b to dst. It grows
// dst only by the values actually present in b.
func wireAppendU16s(dst []uint16, b []byte) []uint16 {
	for i := 0; i+1 < len(b); i += 2 {
		dst = append(dst, uint16(b[i])|uint16(b[i+1])<<8)
	}
	return dst
}

// NegotiateRequest is SMB2 NEGOTIATE Request, MS-SMB2 2.2.3.
type NegotiateRequest struct {
	SecurityMode uint16
	Capabilities uint32
	ClientGUID   [16]byte
	Dialects     []uint16
	// ClientStartTime is the 8 bytes after ClientGuid when 3.1.1 is not
	// offered (MS-SMB2 says zero); with 3.1.1 they are the context offset
	// and count below.
	ClientStartTime        uint64
	NegotiateContextOffset uint32
	NegotiateContextCount  uint16
	Contexts               NegotiateContexts
}

// Offers reports whether the request lists dialect d.
func (r *NegotiateRequest) Offers(d uint16) bool {
	for _, x := range r.Dialects {
		if x == d {
			return true
		}
	}
	return false
}

const (
	negotiateRequestSize  = 36 // StructureSize, MS-SMB2 2.2.3
	negotiateResponseSize = 65 // StructureSize, MS-SMB2 2.2.4
)

// ParseNegotiateRequest parses an SMB2 NEGOTIATE request. Negotiate contexts
// are read only when 3.1.1 is among the dialects and both
// NegotiateContextOffset and NegotiateContextCount are non-zero. On error
// the returned value holds the fields decoded before the failure.
func ParseNegotiateRequest(msg []byte) (NegotiateRequest, error) {
	var r NegotiateRequest
	body, err := checkSMB2Body(msg, negotiateRequestSize, negotiateRequestSize)
	if err != nil {
		return r, err
	}
	count, _ := u16(body, 2)
	r.SecurityMode, _ = u16(body, 4)
	r.Capabilities, _ = u32(body, 8)
	copy(r.ClientGUID[:], body[12:28])
	dialects, ok := span(msg, SMB2HeaderLen+negotiateRequestSize, 2*int(count))
	if !ok {
		// A fixed part that ends early still tells the dialects it holds.
		r.Dialects = wireAppendU16s(nil, msg[SMB2HeaderLen+negotiateRequestSize:])
		return r, ErrTruncated
	}
	r.Dialects = wireAppendU16s(nil, dialects)
	if !r.Offers(Dialect311) {
		r.ClientStartTime, _ = u64(body, 28)
		return r, nil
	}
	r.NegotiateContextOffset, _ = u32(body, 28)
	r.NegotiateContextCount, _ = u16(body, 32)
	if r.NegotiateContextOffset == 0 || r.NegotiateContextCount == 0 {
		return r, nil
	}
	r.Contexts, err = parseNegotiateContexts(msg, r.NegotiateContextOffset, int(r.NegotiateContextCount))
	return r, err
}

// NegotiateResponse is SMB2 NEGOTIATE Response, MS-SMB2 2.2.4.
type NegotiateResponse struct {
	SecurityMode    uint16
	DialectRevision uint16
	ServerGUID      [16]byte
	Capabilities    uint32
	MaxTransactSize uint32
	MaxReadSize     uint32
	MaxWriteSize    uint32
	SystemTime      uint64 // FILETIME
	ServerStartTime uint64 // FILETIME
	SecurityBuffer  []byte // GSS token (usually SPNEGO); aliases msg
	// NegotiateContextOffset and NegotiateContextCount are the raw fields of
	// a 3.1.1 response (Reserved and Reserved2 otherwise, left zero here).
	NegotiateContextOffset uint32
	NegotiateContextCount  uint16
	Contexts               NegotiateContexts
}

// ParseNegotiateResponse parses an SMB2 NEGOTIATE response. An error
// response (StructureSize 9, MS-SMB2 2.2.2) is ErrMalformed here; use
// ParseErrorResponse for it. Negotiate contexts are read only when
// DialectRevision is 3.1.1. On error the returned value holds the fields
// decoded before the failure: a capture cut short inside the security
// buffer still yields SecurityMode and DialectRevision.
func ParseNegotiateResponse(msg []byte) (NegotiateResponse, error) {
	var r NegotiateResponse
	// The fixed part is 64 bytes; StructureSize 65 counts one buffer byte.
	body, err := checkSMB2Body(msg, negotiateResponseSize-1, negotiateResponseSize)
	if err != nil {
		return r, err
	}
	r.SecurityMode, _ = u16(body, 2)
	r.DialectRevision, _ = u16(body, 4)
	copy(r.ServerGUID[:], body[8:24])
	r.Capabilities, _ = u32(body, 24)
	r.MaxTransactSize, _ = u32(body, 28)
	r.MaxReadSize, _ = u32(body, 32)
	r.MaxWriteSize, _ = u32(body, 36)
	r.SystemTime, _ = u64(body, 40)
	r.ServerStartTime, _ = u64(body, 48)
	secOff, _ := u16(body, 56)
	secLen, _ := u16(body, 58)
	if r.DialectRevision == Dialect311 {
		r.NegotiateContextCount, _ = u16(body, 6)
		r.NegotiateContextOffset, _ = u32(body, 60)
	}
	r.SecurityBuffer, err = smb2Buffer(msg, uint32(secOff), uint32(secLen))
	if err != nil {
		return r, err
	}
	if r.NegotiateContextOffset == 0 || r.NegotiateContextCount == 0 {
		return r, nil
	}
	r.Contexts, err = parseNegotiateContexts(msg, r.NegotiateContextOffset, int(r.NegotiateContextCount))
	return r, err
}
