package dissect

import "encoding/binary"

// Protocol identifies the message format by its 4-byte protocol id.
type Protocol uint8

// Protocol ids: 0xFF 'SMB' (MS-CIFS 2.2.3.1), 0xFE 'SMB' (MS-SMB2 2.2.1),
// 0xFD 'SMB' (transform header, MS-SMB2 2.2.41), 0xFC 'SMB' (compression
// transform header, MS-SMB2 2.2.42).
const (
	ProtoUnknown Protocol = iota
	ProtoSMB1
	ProtoSMB2
	ProtoTransform
	ProtoCompression
)

// String returns a short name for the protocol.
func (p Protocol) String() string {
	switch p {
	case ProtoSMB1:
		return "SMB1"
	case ProtoSMB2:
		return "SMB2"
	case ProtoTransform:
		return "SMB2_TRANSFORM"
	case ProtoCompression:
		return "SMB2_COMPRESSION"
	}
	return "unknown"
}

// ProtocolOf classifies a message by its first four bytes.
func ProtocolOf(msg []byte) Protocol {
	if len(msg) < 4 || msg[1] != 'S' || msg[2] != 'M' || msg[3] != 'B' {
		return ProtoUnknown
	}
	switch msg[0] {
	case 0xFF:
		return ProtoSMB1
	case 0xFE:
		return ProtoSMB2
	case 0xFD:
		return ProtoTransform
	case 0xFC:
		return ProtoCompression
	}
	return ProtoUnknown
}

// SMB2HeaderLen is the size of the SMB2 packet header (MS-SMB2 2.2.1).
const SMB2HeaderLen = 64

// SMB2Header is the SMB2 packet header, MS-SMB2 2.2.1.1 (async) and 2.2.1.2
// (sync).
type SMB2Header struct {
	CreditCharge uint16
	// Status is the NT status in responses. In SMB 3.x requests the same
	// four bytes are ChannelSequence and Reserved; the value is kept raw.
	Status      uint32
	Command     uint16
	Credits     uint16 // CreditRequest or CreditResponse
	Flags       uint32
	NextCommand uint32
	MessageID   uint64
	AsyncID     uint64 // valid when Flags has SMB2FlagAsync
	ProcessID   uint32 // Reserved (ProcessId) of the sync header; zero when async
	TreeID      uint32 // valid when not async
	SessionID   uint64
	Signature   [16]byte
}

// SMB2 header flags, MS-SMB2 2.2.1.2.
const (
	SMB2FlagResponse     = 0x00000001 // SMB2_FLAGS_SERVER_TO_REDIR
	SMB2FlagAsync        = 0x00000002 // SMB2_FLAGS_ASYNC_COMMAND
	SMB2FlagRelated      = 0x00000004 // SMB2_FLAGS_RELATED_OPERATIONS
	SMB2FlagSigned       = 0x00000008 // SMB2_FLAGS_SIGNED
	SMB2FlagPriorityMask = 0x00000070 // SMB2_FLAGS_PRIORITY_MASK (3.1.1)
	SMB2FlagDFS          = 0x10000000 // SMB2_FLAGS_DFS_OPERATIONS
	SMB2FlagReplay       = 0x20000000 // SMB2_FLAGS_REPLAY_OPERATION (3.x)
)

// IsResponse reports SMB2_FLAGS_SERVER_TO_REDIR.
func (h *SMB2Header) IsResponse() bool { return h.Flags&SMB2FlagResponse != 0 }

// Signed reports SMB2_FLAGS_SIGNED.
func (h *SMB2Header) Signed() bool { return h.Flags&SMB2FlagSigned != 0 }

// Async reports SMB2_FLAGS_ASYNC_COMMAND.
func (h *SMB2Header) Async() bool { return h.Flags&SMB2FlagAsync != 0 }

// Related reports SMB2_FLAGS_RELATED_OPERATIONS.
func (h *SMB2Header) Related() bool { return h.Flags&SMB2FlagRelated != 0 }

// Priority returns the 3.1.1 I/O priority (bits of SMB2_FLAGS_PRIORITY_MASK).
func (h *SMB2Header) Priority() uint8 { return uint8((h.Flags & SMB2FlagPriorityMask) >> 4) }

// ParseSMB2Header reads the 64-byte header at the start of msg. It checks
// the protocol id (0xFE 'SMB', else ErrProtocol) and StructureSize 64 (else
// ErrMalformed). It does not allocate.
func ParseSMB2Header(msg []byte) (SMB2Header, error) {
	var h SMB2Header
	if len(msg) < 4 {
		return h, ErrTruncated
	}
	if msg[0] != 0xFE || msg[1] != 'S' || msg[2] != 'M' || msg[3] != 'B' {
		return h, ErrProtocol
	}
	if len(msg) < SMB2HeaderLen {
		return h, ErrTruncated
	}
	b := msg[:SMB2HeaderLen]
	if binary.LittleEndian.Uint16(b[4:]) != SMB2HeaderLen {
		return h, ErrMalformed
	}
	h.CreditCharge = binary.LittleEndian.Uint16(b[6:])
	h.Status = binary.LittleEndian.Uint32(b[8:])
	h.Command = binary.LittleEndian.Uint16(b[12:])
	h.Credits = binary.LittleEndian.Uint16(b[14:])
	h.Flags = binary.LittleEndian.Uint32(b[16:])
	h.NextCommand = binary.LittleEndian.Uint32(b[20:])
	h.MessageID = binary.LittleEndian.Uint64(b[24:])
	if h.Flags&SMB2FlagAsync != 0 {
		h.AsyncID = binary.LittleEndian.Uint64(b[32:])
	} else {
		h.ProcessID = binary.LittleEndian.Uint32(b[32:])
		h.TreeID = binary.LittleEndian.Uint32(b[36:])
	}
	h.SessionID = binary.LittleEndian.Uint64(b[40:])
	copy(h.Signature[:], b[48:64])
	return h, nil
}

// checkSMB2Body parses the header of msg, checks the StructureSize that
// follows it against want (ErrMalformed: another message shape) and returns
// the fixed part of the body, fixed bytes long.
func checkSMB2Body(msg []byte, fixed int, want uint16) ([]byte, error) {
	if _, err := ParseSMB2Header(msg); err != nil {
		return nil, err
	}
	ss, ok := u16(msg, SMB2HeaderLen)
	if !ok {
		return nil, ErrTruncated
	}
	if ss != want {
		return nil, ErrMalformed
	}
	body, ok := span(msg, SMB2HeaderLen, fixed)
	if !ok {
		return nil, ErrTruncated
	}
	return body, nil
}

// smb2Buffer returns the variable-length buffer at offset off (counted from
// the SMB2 header) of length n. A zero length is a nil buffer whatever the
// offset. An offset inside the header is ErrMalformed; a buffer running past
// the message is ErrTruncated. The bounds are checked in 64 bits before
// anything is converted to int, so 32-bit platforms classify huge values
// the same way.
func smb2Buffer(msg []byte, off, n uint32) ([]byte, error) {
	if n == 0 {
		return nil, nil
	}
	if off < SMB2HeaderLen {
		return nil, ErrMalformed
	}
	if uint64(off)+uint64(n) > uint64(len(msg)) {
		return nil, ErrTruncated
	}
	b, _ := span(msg, int(off), int(n))
	return b, nil
}

// wireNilIfEmpty returns nil for an empty slice so that absent fields read
// the same whatever offset they were sliced at.
func wireNilIfEmpty(b []byte) []byte {
	if len(b) == 0 {
		return nil
	}
	return b
}

// SMB2 commands, MS-SMB2 2.2.1.2.
const (
	SMB2Negotiate                  uint16 = 0x0000
	SMB2SessionSetup               uint16 = 0x0001
	SMB2Logoff                     uint16 = 0x0002
	SMB2TreeConnect                uint16 = 0x0003
	SMB2TreeDisconnect             uint16 = 0x0004
	SMB2Create                     uint16 = 0x0005
	SMB2Close                      uint16 = 0x0006
	SMB2Flush                      uint16 = 0x0007
	SMB2Read                       uint16 = 0x0008
	SMB2Write                      uint16 = 0x0009
	SMB2Lock                       uint16 = 0x000A
	SMB2Ioctl                      uint16 = 0x000B
	SMB2Cancel                     uint16 = 0x000C
	SMB2Echo                       uint16 = 0x000D
	SMB2QueryDirectory             uint16 = 0x000E
	SMB2ChangeNotify               uint16 = 0x000F
	SMB2QueryInfo                  uint16 = 0x0010
	SMB2SetInfo                    uint16 = 0x0011
	SMB2OplockBreak                uint16 = 0x0012
	SMB2ServerToClientNotification uint16 = 0x0013
)

var smb2CommandNames = [...]string{
	SMB2Negotiate:                  "NEGOTIATE",
	SMB2SessionSetup:               "SESSION_SETUP",
	SMB2Logoff:                     "LOGOFF",
	SMB2TreeConnect:                "TREE_CONNECT",
	SMB2TreeDisconnect:             "TREE_DISCONNECT",
	SMB2Create:                     "CREATE",
	SMB2Close:                      "CLOSE",
	SMB2Flush:                      "FLUSH",
	SMB2Read:                       "READ",
	SMB2Write:                      "WRITE",
	SMB2Lock:                       "LOCK",
	SMB2Ioctl:                      "IOCTL",
	SMB2Cancel:                     "CANCEL",
	SMB2Echo:                       "ECHO",
	SMB2QueryDirectory:             "QUERY_DIRECTORY",
	SMB2ChangeNotify:               "CHANGE_NOTIFY",
	SMB2QueryInfo:                  "QUERY_INFO",
	SMB2SetInfo:                    "SET_INFO",
	SMB2OplockBreak:                "OPLOCK_BREAK",
	SMB2ServerToClientNotification: "SERVER_TO_CLIENT_NOTIFICATION",
}

// SMB2CommandName returns the MS-SMB2 name of a command without the "SMB2 "
// prefix ("NEGOTIATE", "SESSION_SETUP", ...), or "0x" and four lowercase
// hex digits for an unknown command.
func SMB2CommandName(cmd uint16) string {
	if int(cmd) < len(smb2CommandNames) {
		return smb2CommandNames[cmd]
	}
	return wireHex16(cmd)
}

// MaxCompoundMembers bounds the number of messages CompoundReader returns
// from one PDU.
const MaxCompoundMembers = 4096

// CompoundReader splits a PDU (one NBSS message payload) into the SMB2
// messages compounded in it (MS-SMB2 3.2.4.1.4, 3.3.5.2.7). Each member
// starts with an SMB2 header whose NextCommand is the offset of the next
// member from its own start, or 0 for the last member.
type CompoundReader struct {
	pdu  []byte
	off  int
	n    int
	done bool
	err  error
}

// NewCompoundReader returns a reader over the members of pdu.
func NewCompoundReader(pdu []byte) CompoundReader {
	return CompoundReader{pdu: pdu}
}

// Next returns the next member: pdu[off:off+NextCommand], or pdu[off:] for
// the last one (NextCommand 0). ok is false at the end. A member that does
// not start with a complete SMB2 header is ErrProtocol or ErrTruncated, so
// an empty PDU is ErrTruncated; a NextCommand below 64, not a multiple of
// 8, or pointing past the end of the PDU is ErrMalformed, as is a chain
// longer than MaxCompoundMembers. A NextCommand that reaches exactly the
// end of the PDU ends the chain. After an error every call returns the
// same error; members returned before it stay valid.
func (r *CompoundReader) Next() (msg []byte, ok bool, err error) {
	if r.err != nil {
		return nil, false, r.err
	}
	if r.done {
		return nil, false, nil
	}
	if r.n >= MaxCompoundMembers {
		return r.fail(ErrMalformed)
	}
	rest := r.pdu[r.off:]
	h, err := ParseSMB2Header(rest)
	if err != nil {
		return r.fail(err)
	}
	next := int(h.NextCommand)
	if next == 0 {
		r.done = true
		r.n++
		return rest[:len(rest):len(rest)], true, nil
	}
	if next < SMB2HeaderLen || next%8 != 0 || next > len(rest) {
		return r.fail(ErrMalformed)
	}
	r.off += next
	r.n++
	if r.off == len(r.pdu) {
		// A non-zero NextCommand on the final member with nothing after it.
		r.done = true
	}
	return rest[:next:next], true, nil
}

func (r *CompoundReader) fail(err error) ([]byte, bool, error) {
	r.err = err
	return nil, false, err
}

// Count returns how many members Next has returned so far.
func (r *CompoundReader) Count() int { return r.n }

// Offset returns the offset in the PDU of the member the next call to Next
// reads.
func (r *CompoundReader) Offset() int { return r.off }

// TransformHeaderLen is the size of the SMB2 TRANSFORM_HEADER.
const TransformHeaderLen = 52

// TransformFlagEncrypted is the Flags value of an encrypted message in
// 3.1.1; in 3.0 and 3.0.2 the same field is EncryptionAlgorithm and 0x0001
// means SMB2_ENCRYPTION_AES128_CCM (MS-SMB2 2.2.41).
const TransformFlagEncrypted = 0x0001

// TransformHeader is SMB2 TRANSFORM_HEADER, MS-SMB2 2.2.41.
type TransformHeader struct {
	Signature           [16]byte
	Nonce               [16]byte // AES-CCM uses the first 11 bytes, AES-GCM the first 12
	OriginalMessageSize uint32
	Flags               uint16 // Flags (3.1.1) / EncryptionAlgorithm (3.0, 3.0.2)
	SessionID           uint64
	// Payload is the encrypted message after the header; it aliases msg.
	Payload []byte
}

// ParseTransformHeader reads a transform header (0xFD 'SMB').
func ParseTransformHeader(msg []byte) (TransformHeader, error) {
	var t TransformHeader
	if len(msg) < 4 {
		return t, ErrTruncated
	}
	if ProtocolOf(msg) != ProtoTransform {
		return t, ErrProtocol
	}
	if len(msg) < TransformHeaderLen {
		return t, ErrTruncated
	}
	copy(t.Signature[:], msg[4:20])
	copy(t.Nonce[:], msg[20:36])
	t.OriginalMessageSize = binary.LittleEndian.Uint32(msg[36:])
	// msg[40:42] is Reserved.
	t.Flags = binary.LittleEndian.Uint16(msg[42:])
	t.SessionID = binary.LittleEndian.Uint64(msg[44:])
	t.Payload = msg[TransformHeaderLen:len(msg):len(msg)]
	return t, nil
}

// CompressionHeaderLen is the size of the fixed part of the compression
// transform header.
const CompressionHeaderLen = 16

// Compression transform header flags, MS-SMB2 2.2.42.
const (
	CompressionFlagNone    = 0x0000 // SMB2_COMPRESSION_FLAG_NONE
	CompressionFlagChained = 0x0001 // SMB2_COMPRESSION_FLAG_CHAINED
)

// CompressionHeader is the fixed part of SMB2 COMPRESSION_TRANSFORM_HEADER,
// MS-SMB2 2.2.42. In the unchained form (2.2.42.1) Offset is the offset of
// the compressed data after the header; in the chained form (2.2.42.2) the
// same bytes start the first SMB2_COMPRESSION_CHAINED_PAYLOAD_HEADER and
// hold its Length, and Algorithm and Flags are that payload header's.
type CompressionHeader struct {
	OriginalSize uint32 // OriginalCompressedSegmentSize
	Algorithm    uint16 // CompressionAlgorithm
	Flags        uint16
	Offset       uint32 // Offset (unchained) / Length (chained)
}

// ParseCompressionHeader reads the fixed fields of a compression transform
// header (0xFC 'SMB'). The sizes are returned as sent; checking them against
// the data is the caller's business (CVE-2020-0796 used an oversized pair).
func ParseCompressionHeader(msg []byte) (CompressionHeader, error) {
	var c CompressionHeader
	if len(msg) < 4 {
		return c, ErrTruncated
	}
	if ProtocolOf(msg) != ProtoCompression {
		return c, ErrProtocol
	}
	if len(msg) < CompressionHeaderLen {
		return c, ErrTruncated
	}
	c.OriginalSize = binary.LittleEndian.Uint32(msg[4:])
	c.Algorithm = binary.LittleEndian.Uint16(msg[8:])
	c.Flags = binary.LittleEndian.Uint16(msg[10:])
	c.Offset = binary.LittleEndian.Uint32(msg[12:])
	return c, nil
}
