package dissect

// NBSSType is the packet type of a NetBIOS session service header
// (RFC 1002 4.3.1). Direct TCP transport on port 445 (MS-SMB2 2.1) reuses
// the same 4-byte header with type 0x00 and a 24-bit length.
type NBSSType uint8

// Session service packet types, RFC 1002 4.3.1.
const (
	NBSSMessage   NBSSType = 0x00 // SESSION MESSAGE
	NBSSRequest   NBSSType = 0x81 // SESSION REQUEST
	NBSSPositive  NBSSType = 0x82 // POSITIVE SESSION RESPONSE
	NBSSNegative  NBSSType = 0x83 // NEGATIVE SESSION RESPONSE
	NBSSRetarget  NBSSType = 0x84 // RETARGET SESSION RESPONSE
	NBSSKeepalive NBSSType = 0x85 // SESSION KEEP ALIVE
)

// NBSSHeaderLen is the size of the session service header.
const NBSSHeaderLen = 4

// NBSSMaxLength is the largest length a header can express (24 bits).
const NBSSMaxLength = 1<<24 - 1

// String returns the RFC 1002 name of the packet type.
func (t NBSSType) String() string {
	switch t {
	case NBSSMessage:
		return "SESSION_MESSAGE"
	case NBSSRequest:
		return "SESSION_REQUEST"
	case NBSSPositive:
		return "POSITIVE_SESSION_RESPONSE"
	case NBSSNegative:
		return "NEGATIVE_SESSION_RESPONSE"
	case NBSSRetarget:
		return "RETARGET_SESSION_RESPONSE"
	case NBSSKeepalive:
		return "SESSION_KEEP_ALIVE"
	}
	return wireHex8(uint8(t))
}

// ParseNBSSHeader reads the 4-byte session service header at the start of
// b. For SESSION MESSAGE (0x00) the length is the low 24 bits of the header,
// which covers both RFC 1002 (7 reserved bits, E bit, 16-bit length) and
// direct TCP (24-bit length). For the other types it is the RFC 1002 17-bit
// length: the E (extension) bit, the low bit of the flags byte, on top of
// the 16-bit length; the remaining flag bits are reserved and ignored.
// Unknown type bytes are ErrMalformed.
func ParseNBSSHeader(b []byte) (typ NBSSType, length int, err error) {
	if len(b) < NBSSHeaderLen {
		return 0, 0, ErrTruncated
	}
	typ = NBSSType(b[0])
	switch typ {
	case NBSSMessage:
		return typ, int(b[1])<<16 | int(b[2])<<8 | int(b[3]), nil
	case NBSSRequest, NBSSPositive, NBSSNegative, NBSSRetarget, NBSSKeepalive:
		return typ, int(b[1]&0x01)<<16 | int(b[2])<<8 | int(b[3]), nil
	}
	return typ, 0, ErrMalformed
}

// netBIOSEncodedLen is the length of a first-level encoded NetBIOS name:
// 16 bytes, each split into two nibbles written as 'A'+nibble (RFC 1001
// 14.1).
const netBIOSEncodedLen = 32

// DecodeNetBIOSName decodes a first-level encoded NetBIOS name (RFC 1001
// 14.1). b holds at least the 32 encoded characters; only the first 32 are
// read. The 16th decoded byte is the suffix (e.g. 0x20 file server service);
// name is the first 15 with trailing spaces and NULs trimmed. A character
// outside 'A'..'P' is ErrMalformed.
func DecodeNetBIOSName(b []byte) (name string, suffix byte, err error) {
	if len(b) < netBIOSEncodedLen {
		return "", 0, ErrTruncated
	}
	var raw [16]byte
	for i := range raw {
		hi, lo := b[2*i]-'A', b[2*i+1]-'A'
		if hi > 0x0F || lo > 0x0F {
			return "", 0, ErrMalformed
		}
		raw[i] = hi<<4 | lo
	}
	n := 15
	for n > 0 && (raw[n-1] == ' ' || raw[n-1] == 0) {
		n--
	}
	return string(raw[:n]), raw[15], nil
}

// NBSSSessionRequest is a decoded SESSION REQUEST (RFC 1002 4.3.2).
type NBSSSessionRequest struct {
	Called, Calling             string // names, trailing padding trimmed
	CalledSuffix, CallingSuffix byte   // 16th byte: service type
	CalledScope, CallingScope   string // NetBIOS scope labels joined by '.', usually empty
}

// ParseNBSSSessionRequest decodes the called and calling names of a SESSION
// REQUEST payload (the bytes after the 4-byte header).
func ParseNBSSSessionRequest(payload []byte) (called, calling string, err error) {
	r, err := DecodeNBSSSessionRequest(payload)
	return r.Called, r.Calling, err
}

// DecodeNBSSSessionRequest is ParseNBSSSessionRequest with the name suffixes
// and scopes. Each name is in RFC 1002 4.1 wire form: a length byte of 32,
// the 32 encoded characters, optional scope labels, and a zero byte.
func DecodeNBSSSessionRequest(payload []byte) (NBSSSessionRequest, error) {
	var r NBSSSessionRequest
	var n int
	var err error
	r.Called, r.CalledSuffix, r.CalledScope, n, err = readNBSSName(payload)
	if err != nil {
		return r, err
	}
	r.Calling, r.CallingSuffix, r.CallingScope, _, err = readNBSSName(payload[n:])
	return r, err
}

// readNBSSName reads one wire-form name from the start of b and returns the
// number of bytes it used.
func readNBSSName(b []byte) (name string, suffix byte, scope string, n int, err error) {
	if len(b) < 1 {
		return "", 0, "", 0, ErrTruncated
	}
	if b[0] != netBIOSEncodedLen {
		return "", 0, "", 0, ErrMalformed
	}
	enc, ok := span(b, 1, netBIOSEncodedLen)
	if !ok {
		return "", 0, "", 0, ErrTruncated
	}
	name, suffix, err = DecodeNetBIOSName(enc)
	if err != nil {
		return "", 0, "", 0, err
	}
	off := 1 + netBIOSEncodedLen
	// Scope labels, each a length byte (at most 63, RFC 1035 label rules
	// that RFC 1002 4.1 borrows) and the label, until a zero byte.
	for {
		if off >= len(b) {
			return name, suffix, scope, off, ErrTruncated
		}
		l := int(b[off])
		off++
		if l == 0 {
			return name, suffix, scope, off, nil
		}
		if l > 63 {
			return name, suffix, scope, off, ErrMalformed
		}
		label, ok := span(b, off, l)
		if !ok {
			return name, suffix, scope, off, ErrTruncated
		}
		if scope != "" {
			scope += "."
		}
		scope += string(label)
		off += l
	}
}

// NBSS negative session response error codes, RFC 1002 4.3.4.
const (
	NBSSErrNotListeningOnCalledName   = 0x80
	NBSSErrNotListeningForCallingName = 0x81
	NBSSErrCalledNameNotPresent       = 0x82
	NBSSErrInsufficientResources      = 0x83
	NBSSErrUnspecified                = 0x8F
)

// ParseNBSSNegativeResponse returns the error code of a NEGATIVE SESSION
// RESPONSE payload (RFC 1002 4.3.4).
func ParseNBSSNegativeResponse(payload []byte) (code byte, err error) {
	if len(payload) < 1 {
		return 0, ErrTruncated
	}
	return payload[0], nil
}

// ParseNBSSRetargetResponse returns the IPv4 address and port of a RETARGET
// SESSION RESPONSE payload (RFC 1002 4.3.5), both big-endian on the wire.
func ParseNBSSRetargetResponse(payload []byte) (ip [4]byte, port uint16, err error) {
	if len(payload) < 6 {
		return ip, 0, ErrTruncated
	}
	copy(ip[:], payload[:4])
	return ip, uint16(payload[4])<<8 | uint16(payload[5]), nil
}
