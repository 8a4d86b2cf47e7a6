package dissect

import (
	"encoding/binary"
	"unicode/utf8"
)

// SMB1HeaderLen is the size of the SMB1 header (MS-CIFS 2.2.3.1).
const SMB1HeaderLen = 32

// SMB1Header is the SMB_Header of MS-CIFS 2.2.3.1 with the MS-SMB 2.2.3.1
// names for the extended fields.
type SMB1Header struct {
	Command uint8
	// Status is the NT status when Flags2 has SMB1Flags2NTStatus;
	// otherwise it is the SMB_ERROR structure (ErrorClass, Reserved,
	// ErrorCode) read as a little-endian uint32; see DOSError.
	Status            uint32
	Flags             uint8
	Flags2            uint16
	PIDHigh           uint16
	SecuritySignature [8]byte // SecurityFeatures when signing is active
	TID               uint16
	PIDLow            uint16
	UID               uint16
	MID               uint16
}

// SMB1 header Flags, MS-CIFS 2.2.3.1.
const (
	SMB1FlagsCaseInsensitive = 0x08 // SMB_FLAGS_CASE_INSENSITIVE
	SMB1FlagsCanonicalized   = 0x10 // SMB_FLAGS_CANONICALIZED_PATHS
	SMB1FlagsOplock          = 0x20 // SMB_FLAGS_OPLOCK
	SMB1FlagsReply           = 0x80 // SMB_FLAGS_REPLY
)

// SMB1 header Flags2, MS-CIFS 2.2.3.1 and MS-SMB 2.2.3.1.
const (
	SMB1Flags2LongNames                 = 0x0001 // SMB_FLAGS2_LONG_NAMES
	SMB1Flags2EAs                       = 0x0002 // SMB_FLAGS2_EAS
	SMB1Flags2SecuritySignature         = 0x0004 // SMB_FLAGS2_SMB_SECURITY_SIGNATURE
	SMB1Flags2Compressed                = 0x0008 // SMB_FLAGS2_COMPRESSED
	SMB1Flags2SecuritySignatureRequired = 0x0010 // SMB_FLAGS2_SMB_SECURITY_SIGNATURE_REQUIRED
	SMB1Flags2IsLongName                = 0x0040 // SMB_FLAGS2_IS_LONG_NAME
	SMB1Flags2ReparsePath               = 0x0400 // SMB_FLAGS2_REPARSE_PATH
	SMB1Flags2ExtendedSecurity          = 0x0800 // SMB_FLAGS2_EXTENDED_SECURITY
	SMB1Flags2DFS                       = 0x1000 // SMB_FLAGS2_DFS
	SMB1Flags2PagingIO                  = 0x2000 // SMB_FLAGS2_PAGING_IO
	SMB1Flags2NTStatus                  = 0x4000 // SMB_FLAGS2_NT_STATUS
	SMB1Flags2Unicode                   = 0x8000 // SMB_FLAGS2_UNICODE
)

// IsResponse reports SMB_FLAGS_REPLY.
func (h *SMB1Header) IsResponse() bool { return h.Flags&SMB1FlagsReply != 0 }

// NTStatus reports whether Status is an NT status (SMB_FLAGS2_NT_STATUS).
func (h *SMB1Header) NTStatus() bool { return h.Flags2&SMB1Flags2NTStatus != 0 }

// Unicode reports SMB_FLAGS2_UNICODE: strings in the message are UTF-16.
func (h *SMB1Header) Unicode() bool { return h.Flags2&SMB1Flags2Unicode != 0 }

// DOSError splits Status as an SMB_ERROR (MS-CIFS 2.2.3.1): ErrorClass is
// the first byte on the wire, ErrorCode the 16-bit value after the reserved
// byte. It is meaningful only when NTStatus is false.
func (h *SMB1Header) DOSError() (class uint8, code uint16) {
	return uint8(h.Status), uint16(h.Status >> 16)
}

// PID returns the 32-bit process id, PIDHigh:PIDLow.
func (h *SMB1Header) PID() uint32 { return uint32(h.PIDHigh)<<16 | uint32(h.PIDLow) }

// ParseSMB1Header reads the 32-byte SMB1 header at the start of msg,
// checking the 0xFF 'SMB' protocol id. It does not allocate.
func ParseSMB1Header(msg []byte) (SMB1Header, error) {
	var h SMB1Header
	if len(msg) < 4 {
		return h, ErrTruncated
	}
	if msg[0] != 0xFF || msg[1] != 'S' || msg[2] != 'M' || msg[3] != 'B' {
		return h, ErrProtocol
	}
	if len(msg) < SMB1HeaderLen {
		return h, ErrTruncated
	}
	b := msg[:SMB1HeaderLen]
	h.Command = b[4]
	h.Status = binary.LittleEndian.Uint32(b[5:])
	h.Flags = b[9]
	h.Flags2 = binary.LittleEndian.Uint16(b[10:])
	h.PIDHigh = binary.LittleEndian.Uint16(b[12:])
	copy(h.SecuritySignature[:], b[14:22])
	// b[22:24] is Reserved.
	h.TID = binary.LittleEndian.Uint16(b[24:])
	h.PIDLow = binary.LittleEndian.Uint16(b[26:])
	h.UID = binary.LittleEndian.Uint16(b[28:])
	h.MID = binary.LittleEndian.Uint16(b[30:])
	return h, nil
}

// SMB1 commands, MS-CIFS 2.2.2.1.
const (
	SMB1CreateDirectory      uint8 = 0x00
	SMB1DeleteDirectory      uint8 = 0x01
	SMB1Open                 uint8 = 0x02
	SMB1Create               uint8 = 0x03
	SMB1Close                uint8 = 0x04
	SMB1Flush                uint8 = 0x05
	SMB1Delete               uint8 = 0x06
	SMB1Rename               uint8 = 0x07
	SMB1QueryInformation     uint8 = 0x08
	SMB1SetInformation       uint8 = 0x09
	SMB1Read                 uint8 = 0x0A
	SMB1Write                uint8 = 0x0B
	SMB1LockByteRange        uint8 = 0x0C
	SMB1UnlockByteRange      uint8 = 0x0D
	SMB1CreateTemporary      uint8 = 0x0E
	SMB1CreateNew            uint8 = 0x0F
	SMB1CheckDirectory       uint8 = 0x10
	SMB1ProcessExit          uint8 = 0x11
	SMB1Seek                 uint8 = 0x12
	SMB1LockAndRead          uint8 = 0x13
	SMB1WriteAndUnlock       uint8 = 0x14
	SMB1ReadRaw              uint8 = 0x1A
	SMB1ReadMPX              uint8 = 0x1B
	SMB1WriteRaw             uint8 = 0x1D
	SMB1WriteMPX             uint8 = 0x1E
	SMB1WriteComplete        uint8 = 0x20
	SMB1SetInformation2      uint8 = 0x22
	SMB1QueryInformation2    uint8 = 0x23
	SMB1LockingAndX          uint8 = 0x24
	SMB1Transaction          uint8 = 0x25
	SMB1TransactionSecondary uint8 = 0x26
	SMB1IOCTL                uint8 = 0x27
	SMB1Echo                 uint8 = 0x2B
	SMB1WriteAndClose        uint8 = 0x2C
	SMB1OpenAndX             uint8 = 0x2D
	SMB1ReadAndX             uint8 = 0x2E
	SMB1WriteAndX            uint8 = 0x2F
	SMB1CloseAndTreeDisc     uint8 = 0x31
	SMB1Transaction2         uint8 = 0x32
	SMB1Transaction2Second   uint8 = 0x33
	SMB1FindClose2           uint8 = 0x34
	SMB1FindNotifyClose      uint8 = 0x35
	SMB1TreeConnect          uint8 = 0x70
	SMB1TreeDisconnect       uint8 = 0x71
	SMB1Negotiate            uint8 = 0x72
	SMB1SessionSetupAndX     uint8 = 0x73
	SMB1LogoffAndX           uint8 = 0x74
	SMB1TreeConnectAndX      uint8 = 0x75
	SMB1SecurityPackageAndX  uint8 = 0x7E
	SMB1QueryInformationDisk uint8 = 0x80
	SMB1Search               uint8 = 0x81
	SMB1Find                 uint8 = 0x82
	SMB1FindUnique           uint8 = 0x83
	SMB1FindClose            uint8 = 0x84
	SMB1NTTransact           uint8 = 0xA0
	SMB1NTTransactSecondary  uint8 = 0xA1
	SMB1NTCreateAndX         uint8 = 0xA2
	SMB1NTCancel             uint8 = 0xA4
	SMB1NTRename             uint8 = 0xA5
	SMB1OpenPrintFile        uint8 = 0xC0
	SMB1WritePrintFile       uint8 = 0xC1
	SMB1ClosePrintFile       uint8 = 0xC2
	SMB1GetPrintQueue        uint8 = 0xC3
	SMB1Invalid              uint8 = 0xFE
	SMB1NoAndXCommand        uint8 = 0xFF // SMB_COM_NO_ANDX_COMMAND
)

var smb1CommandNames = map[uint8]string{
	SMB1CreateDirectory:      "CREATE_DIRECTORY",
	SMB1DeleteDirectory:      "DELETE_DIRECTORY",
	SMB1Open:                 "OPEN",
	SMB1Create:               "CREATE",
	SMB1Close:                "CLOSE",
	SMB1Flush:                "FLUSH",
	SMB1Delete:               "DELETE",
	SMB1Rename:               "RENAME",
	SMB1QueryInformation:     "QUERY_INFORMATION",
	SMB1SetInformation:       "SET_INFORMATION",
	SMB1Read:                 "READ",
	SMB1Write:                "WRITE",
	SMB1LockByteRange:        "LOCK_BYTE_RANGE",
	SMB1UnlockByteRange:      "UNLOCK_BYTE_RANGE",
	SMB1CreateTemporary:      "CREATE_TEMPORARY",
	SMB1CreateNew:            "CREATE_NEW",
	SMB1CheckDirectory:       "CHECK_DIRECTORY",
	SMB1ProcessExit:          "PROCESS_EXIT",
	SMB1Seek:                 "SEEK",
	SMB1LockAndRead:          "LOCK_AND_READ",
	SMB1WriteAndUnlock:       "WRITE_AND_UNLOCK",
	SMB1ReadRaw:              "READ_RAW",
	SMB1ReadMPX:              "READ_MPX",
	SMB1WriteRaw:             "WRITE_RAW",
	SMB1WriteMPX:             "WRITE_MPX",
	SMB1WriteComplete:        "WRITE_COMPLETE",
	SMB1SetInformation2:      "SET_INFORMATION2",
	SMB1QueryInformation2:    "QUERY_INFORMATION2",
	SMB1LockingAndX:          "LOCKING_ANDX",
	SMB1Transaction:          "TRANSACTION",
	SMB1TransactionSecondary: "TRANSACTION_SECONDARY",
	SMB1IOCTL:                "IOCTL",
	SMB1Echo:                 "ECHO",
	SMB1WriteAndClose:        "WRITE_AND_CLOSE",
	SMB1OpenAndX:             "OPEN_ANDX",
	SMB1ReadAndX:             "READ_ANDX",
	SMB1WriteAndX:            "WRITE_ANDX",
	SMB1CloseAndTreeDisc:     "CLOSE_AND_TREE_DISC",
	SMB1Transaction2:         "TRANSACTION2",
	SMB1Transaction2Second:   "TRANSACTION2_SECONDARY",
	SMB1FindClose2:           "FIND_CLOSE2",
	SMB1FindNotifyClose:      "FIND_NOTIFY_CLOSE",
	SMB1TreeConnect:          "TREE_CONNECT",
	SMB1TreeDisconnect:       "TREE_DISCONNECT",
	SMB1Negotiate:            "NEGOTIATE",
	SMB1SessionSetupAndX:     "SESSION_SETUP_ANDX",
	SMB1LogoffAndX:           "LOGOFF_ANDX",
	SMB1TreeConnectAndX:      "TREE_CONNECT_ANDX",
	SMB1SecurityPackageAndX:  "SECURITY_PACKAGE_ANDX",
	SMB1QueryInformationDisk: "QUERY_INFORMATION_DISK",
	SMB1Search:               "SEARCH",
	SMB1Find:                 "FIND",
	SMB1FindUnique:           "FIND_UNIQUE",
	SMB1FindClose:            "FIND_CLOSE",
	SMB1NTTransact:           "NT_TRANSACT",
	SMB1NTTransactSecondary:  "NT_TRANSACT_SECONDARY",
	SMB1NTCreateAndX:         "NT_CREATE_ANDX",
	SMB1NTCancel:             "NT_CANCEL",
	SMB1NTRename:             "NT_RENAME",
	SMB1OpenPrintFile:        "OPEN_PRINT_FILE",
	SMB1WritePrintFile:       "WRITE_PRINT_FILE",
	SMB1ClosePrintFile:       "CLOSE_PRINT_FILE",
	SMB1GetPrintQueue:        "GET_PRINT_QUEUE",
	SMB1Invalid:              "INVALID",
	SMB1NoAndXCommand:        "NO_ANDX_COMMAND",
}

// SMB1CommandName returns the MS-CIFS name of a command without the
// "SMB_COM_" prefix ("NEGOTIATE", "SESSION_SETUP_ANDX", ...), or "0x" and
// two lowercase hex digits for an unknown command.
func SMB1CommandName(cmd uint8) string {
	if s, ok := smb1CommandNames[cmd]; ok {
		return s
	}
	return wireHex8(cmd)
}

// smb1Blocks are the parameter and data blocks after an SMB1 header
// (MS-CIFS 2.2.3.2, 2.2.3.3).
type smb1Blocks struct {
	hdr     SMB1Header
	wc      uint8
	words   []byte // 2*wc bytes
	data    []byte // ByteCount bytes, or what the message holds of them
	dataOff int    // offset of data in msg; Unicode padding counts from 0
	short   bool   // the message ends inside the data block
}

// splitSMB1 parses the header and splits the blocks of msg. A message that
// ends inside the data block is not an error here (short is set), so a
// caller can still decode the words.
func splitSMB1(msg []byte) (smb1Blocks, error) {
	var s smb1Blocks
	var err error
	if s.hdr, err = ParseSMB1Header(msg); err != nil {
		return s, err
	}
	if len(msg) <= SMB1HeaderLen {
		return s, ErrTruncated
	}
	s.wc = msg[SMB1HeaderLen]
	var ok bool
	if s.words, ok = span(msg, SMB1HeaderLen+1, 2*int(s.wc)); !ok {
		return s, ErrTruncated
	}
	bcOff := SMB1HeaderLen + 1 + 2*int(s.wc)
	bc, ok := u16(msg, bcOff)
	if !ok {
		return s, ErrTruncated
	}
	s.dataOff = bcOff + 2
	if s.data, ok = span(msg, s.dataOff, int(bc)); !ok {
		s.data = msg[s.dataOff:len(msg):len(msg)]
		s.short = true
	}
	return s, nil
}

// smb1String reads a NUL-terminated string at off in data, which starts at
// offset base of the message. Unicode strings are first aligned to an even
// offset from the start of the SMB header when pad is set (MS-CIFS 2.2.1.1,
// the Pad fields of 2.2.4.53). A string without a terminator runs to the
// end of data. It returns the offset after the terminator.
func smb1String(data []byte, off, base int, unicode, pad bool) (string, int) {
	if off >= len(data) {
		return "", len(data)
	}
	if !unicode {
		end := off
		for end < len(data) && data[end] != 0 {
			end++
		}
		s := smb1OEMString(data[off:end])
		if end < len(data) {
			end++
		}
		return s, end
	}
	if pad && (base+off)%2 != 0 {
		off++
	}
	end := off
	for end+1 < len(data) && (data[end] != 0 || data[end+1] != 0) {
		end += 2
	}
	if end+1 >= len(data) {
		return utf16LE(data[off:]), len(data)
	}
	return utf16LE(data[off:end]), end + 2
}

// smb1OEMString decodes an OEM string. The code page is not on the wire; ASCII
// passes through and other bytes are read as Latin-1 so the result is
// always valid UTF-8.
func smb1OEMString(b []byte) string {
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
	out := make([]byte, 0, 2*len(b))
	for _, c := range b {
		out = utf8.AppendRune(out, rune(c))
	}
	return string(out)
}

// SecurityMode bits of the SMB1 NEGOTIATE response, MS-CIFS 2.2.4.52.2.
const (
	SMB1SecurityUser               = 0x01 // NEGOTIATE_USER_SECURITY
	SMB1SecurityEncryptPasswords   = 0x02 // NEGOTIATE_ENCRYPT_PASSWORDS
	SMB1SecuritySignaturesEnabled  = 0x04 // NEGOTIATE_SECURITY_SIGNATURES_ENABLED
	SMB1SecuritySignaturesRequired = 0x08 // NEGOTIATE_SECURITY_SIGNATURES_REQUIRED
)

// SMB1 server capabilities, MS-CIFS 2.2.4.52.2 and MS-SMB 2.2.4.5.2.
const (
	SMB1CapRawMode           = 0x00000001 // CAP_RAW_MODE
	SMB1CapMPXMode           = 0x00000002 // CAP_MPX_MODE
	SMB1CapUnicode           = 0x00000004 // CAP_UNICODE
	SMB1CapLargeFiles        = 0x00000008 // CAP_LARGE_FILES
	SMB1CapNTSMBs            = 0x00000010 // CAP_NT_SMBS
	SMB1CapRPCRemoteAPIs     = 0x00000020 // CAP_RPC_REMOTE_APIS
	SMB1CapNTStatus          = 0x00000040 // CAP_STATUS32
	SMB1CapLevelIIOplocks    = 0x00000080 // CAP_LEVEL_II_OPLOCKS
	SMB1CapLockAndRead       = 0x00000100 // CAP_LOCK_AND_READ
	SMB1CapNTFind            = 0x00000200 // CAP_NT_FIND
	SMB1CapDFS               = 0x00001000 // CAP_DFS
	SMB1CapInfoLevelPassthru = 0x00002000 // CAP_INFOLEVEL_PASSTHRU
	SMB1CapLargeReadX        = 0x00004000 // CAP_LARGE_READX
	SMB1CapLargeWriteX       = 0x00008000 // CAP_LARGE_WRITEX
	SMB1CapLWIO              = 0x00010000 // CAP_LWIO
	SMB1CapUnix              = 0x00800000 // CAP_UNIX
	SMB1CapDynamicReauth     = 0x20000000 // CAP_DYNAMIC_REAUTH
	SMB1CapExtendedSecurity  = 0x80000000 // CAP_EXTENDED_SECURITY
)

// SMB1NegotiateRequest is SMB_COM_NEGOTIATE Request, MS-CIFS 2.2.4.52.1.
type SMB1NegotiateRequest struct {
	Dialects []string // DialectString values in order; DialectIndex counts from 0
}

// ParseSMB1NegotiateRequest parses an SMB_COM_NEGOTIATE request: each
// dialect is a 0x02 buffer format byte and a NUL-terminated OEM string.
// A buffer format other than 0x02 or a string running past ByteCount is
// ErrMalformed; a message cut short is ErrTruncated. Either way the
// dialects read before the failure are returned.
func ParseSMB1NegotiateRequest(msg []byte) (SMB1NegotiateRequest, error) {
	var r SMB1NegotiateRequest
	s, err := splitSMB1(msg)
	if err != nil {
		return r, err
	}
	if s.hdr.Command != SMB1Negotiate || s.hdr.IsResponse() {
		return r, ErrMalformed
	}
	var whole bool
	r.Dialects, whole, err = smb1Dialects(s.data)
	switch {
	case err != nil:
	case s.short:
		err = ErrTruncated
	case !whole:
		// ByteCount ends the block inside a dialect string.
		err = ErrMalformed
	}
	return r, err
}

// smb1Dialects reads the dialect strings of a NEGOTIATE request data block
// (MS-CIFS 2.2.4.52.1). whole is false when the last one is unterminated.
func smb1Dialects(d []byte) (dialects []string, whole bool, err error) {
	for off := 0; off < len(d); {
		if d[off] != 0x02 {
			return dialects, false, ErrMalformed
		}
		off++
		end := off
		for end < len(d) && d[end] != 0 {
			end++
		}
		if end == len(d) {
			return dialects, false, nil
		}
		dialects = append(dialects, smb1OEMString(d[off:end]))
		off = end + 1
	}
	return dialects, true, nil
}

// SMB1NegotiateResponse is SMB_COM_NEGOTIATE Response in its three shapes:
// NT LM 0.12 (WordCount 17, MS-CIFS 2.2.4.52.2, extended security in MS-SMB
// 2.2.4.5.2), LAN Manager (WordCount 13, MS-CIFS 2.2.4.52.2) and core
// (WordCount 1).
type SMB1NegotiateResponse struct {
	WordCount    uint8
	DialectIndex uint16 // 0xFFFF: none of the offered dialects accepted

	// HasSecurityMode is set for the NT LM 0.12 form, whose SecurityMode
	// byte carries the SMB1Security* bits including the signing ones.
	HasSecurityMode bool
	SecurityMode    uint8
	// SecurityMode16 is the 16-bit SecurityMode of the LAN Manager form
	// (user-level and encrypt-passwords bits only; no signing bits).
	SecurityMode16 uint16

	Capabilities  uint32 // NT LM 0.12 only
	MaxMpxCount   uint16
	MaxNumberVcs  uint16
	MaxBufferSize uint32
	MaxRawSize    uint32
	SessionKey    uint32
	SystemTime    uint64 // FILETIME, NT LM 0.12 only
	TimeZone      int16  // ServerTimeZone, minutes from UTC

	ExtendedSecurity bool // CAP_EXTENDED_SECURITY: ServerGUID and SecurityBlob present
	ServerGUID       [16]byte
	SecurityBlob     []byte // aliases msg
	Challenge        []byte // aliases msg
	DomainName       string
	ServerName       string
}

// ParseSMB1NegotiateResponse parses an SMB_COM_NEGOTIATE response. A
// WordCount of 0 (an error response) returns DialectIndex 0xFFFF and no
// error; any WordCount other than 0, 1, 13 and 17 is ErrMalformed. On
// error the returned value holds the fields decoded before the failure:
// the words survive a capture cut short in the data block.
func ParseSMB1NegotiateResponse(msg []byte) (SMB1NegotiateResponse, error) {
	var r SMB1NegotiateResponse
	s, err := splitSMB1(msg)
	if err != nil {
		return r, err
	}
	if s.hdr.Command != SMB1Negotiate || !s.hdr.IsResponse() {
		return r, ErrMalformed
	}
	if err := r.words(s.wc, s.words); err != nil {
		return r, err
	}
	switch s.wc {
	case 13:
		return r, r.lanmanData(s)
	case 17:
		return r, r.ntlm012Data(s)
	}
	return r, nil
}

// words decodes the parameter words of the three response shapes. w may
// be cut short; fields past its end stay zero.
func (r *SMB1NegotiateResponse) words(wc uint8, w []byte) error {
	r.WordCount = wc
	switch wc {
	case 0:
		r.DialectIndex = 0xFFFF
	case 1:
		r.DialectIndex, _ = u16(w, 0)
	case 13: // LAN Manager 2.1
		r.DialectIndex, _ = u16(w, 0)
		r.SecurityMode16, _ = u16(w, 2)
		mbs, _ := u16(w, 4)
		r.MaxBufferSize = uint32(mbs)
		r.MaxMpxCount, _ = u16(w, 6)
		r.MaxNumberVcs, _ = u16(w, 8)
		// w[10:12] RawMode.
		r.SessionKey, _ = u32(w, 12)
		// w[16:20] ServerTime, ServerDate (SMB_TIME, SMB_DATE).
		tz, _ := u16(w, 20)
		r.TimeZone = int16(tz)
	case 17: // NT LM 0.12
		r.DialectIndex, _ = u16(w, 0)
		if len(w) > 2 {
			r.HasSecurityMode = true
			r.SecurityMode = w[2]
		}
		r.MaxMpxCount, _ = u16(w, 3)
		r.MaxNumberVcs, _ = u16(w, 5)
		r.MaxBufferSize, _ = u32(w, 7)
		r.MaxRawSize, _ = u32(w, 11)
		r.SessionKey, _ = u32(w, 15)
		r.Capabilities, _ = u32(w, 19)
		r.SystemTime, _ = u64(w, 23)
		tz, _ := u16(w, 31)
		r.TimeZone = int16(tz)
		r.ExtendedSecurity = r.Capabilities&SMB1CapExtendedSecurity != 0
	default:
		return ErrMalformed
	}
	return nil
}

// lanmanData decodes the data block of the WordCount 13 response.
func (r *SMB1NegotiateResponse) lanmanData(s smb1Blocks) error {
	keyLen, _ := u16(s.words, 22)
	ch, ok := span(s.data, 0, int(keyLen))
	if !ok {
		return ErrTruncated
	}
	r.Challenge = wireNilIfEmpty(ch)
	// DomainName (LAN Manager 2.1) is OEM: Unicode is an NT LM 0.12
	// capability, and servers have been seen setting SMB_FLAGS2_UNICODE in
	// this response while sending OEM bytes.
	r.DomainName, _ = smb1String(s.data, int(keyLen), s.dataOff, false, false)
	if s.short {
		return ErrTruncated
	}
	return nil
}

// ntlm012Data decodes the data block of the WordCount 17 response.
func (r *SMB1NegotiateResponse) ntlm012Data(s smb1Blocks) error {
	chLen := int(s.words[33])
	if r.ExtendedSecurity {
		// MS-SMB 2.2.4.5.2.1: ServerGUID, then the GSS token.
		if len(s.data) < 16 {
			return ErrTruncated
		}
		copy(r.ServerGUID[:], s.data[:16])
		if s.short {
			return ErrTruncated
		}
		if len(s.data) > 16 {
			r.SecurityBlob = s.data[16:len(s.data):len(s.data)]
		}
		return nil
	}
	// MS-CIFS 2.2.4.52.2: Challenge, DomainName, and (in practice) the
	// server name. The strings are not padded for alignment. They are
	// Unicode when the server announces CAP_UNICODE even if the header
	// lacks SMB_FLAGS2_UNICODE, as Samba sends them.
	ch, ok := span(s.data, 0, chLen)
	if !ok {
		return ErrTruncated
	}
	r.Challenge = wireNilIfEmpty(ch)
	uni := s.hdr.Unicode() || r.Capabilities&SMB1CapUnicode != 0
	var off int
	r.DomainName, off = smb1String(s.data, chLen, s.dataOff, uni, false)
	r.ServerName, _ = smb1String(s.data, off, s.dataOff, uni, false)
	if s.short {
		return ErrTruncated
	}
	return nil
}

// SMB1SessionSetupRequest is SMB_COM_SESSION_SETUP_ANDX Request in its three
// shapes: extended security (WordCount 12, MS-SMB 2.2.4.6.1), NT LM 0.12
// (WordCount 13, MS-CIFS 2.2.4.53.1) and LAN Manager (WordCount 10,
// MS-CIFS 2.2.4.53.1 for pre-NT dialects).
type SMB1SessionSetupRequest struct {
	WordCount     uint8
	AndXCommand   uint8
	AndXOffset    uint16
	MaxBufferSize uint16
	MaxMpxCount   uint16
	VCNumber      uint16
	SessionKey    uint32
	Capabilities  uint32 // WordCount 12 and 13

	SecurityBlob []byte // WordCount 12; aliases msg

	// OEMPasswordLen is OEMPasswordLen (13) or PasswordLength (10);
	// UnicodePasswordLen is UnicodePasswordLen (13). 24 bytes is an NTLMv1
	// or LM response, longer is NTLMv2, zero with an empty account name is
	// an anonymous logon.
	OEMPasswordLen, UnicodePasswordLen int
	OEMPassword, UnicodePassword       []byte // alias msg

	AccountName, PrimaryDomain, NativeOS, NativeLanMan string
}

// ParseSMB1SessionSetupRequest parses an SMB_COM_SESSION_SETUP_ANDX request.
// Strings are UTF-16 when Flags2 has SMB_FLAGS2_UNICODE, preceded by the
// pad byte that aligns them to an even offset from the header; otherwise
// OEM. Other WordCounts are ErrMalformed. On error the returned value holds
// the fields decoded before the failure.
func ParseSMB1SessionSetupRequest(msg []byte) (SMB1SessionSetupRequest, error) {
	var r SMB1SessionSetupRequest
	s, err := splitSMB1(msg)
	if err != nil {
		return r, err
	}
	if s.hdr.Command != SMB1SessionSetupAndX || s.hdr.IsResponse() {
		return r, ErrMalformed
	}
	r.WordCount = s.wc
	w := s.words
	if s.wc != 10 && s.wc != 12 && s.wc != 13 {
		return r, ErrMalformed
	}
	r.AndXCommand = w[0]
	r.AndXOffset, _ = u16(w, 2)
	r.MaxBufferSize, _ = u16(w, 4)
	r.MaxMpxCount, _ = u16(w, 6)
	r.VCNumber, _ = u16(w, 8)
	r.SessionKey, _ = u32(w, 10)
	uni := s.hdr.Unicode()
	d := s.data
	var off int
	switch s.wc {
	case 12:
		blobLen, _ := u16(w, 14)
		r.Capabilities, _ = u32(w, 20)
		blob, ok := span(d, 0, int(blobLen))
		if !ok {
			return r, ErrTruncated
		}
		r.SecurityBlob = wireNilIfEmpty(blob)
		off = int(blobLen)
	case 13:
		oemLen, _ := u16(w, 14)
		uniLen, _ := u16(w, 16)
		r.Capabilities, _ = u32(w, 22)
		r.OEMPasswordLen, r.UnicodePasswordLen = int(oemLen), int(uniLen)
		if err := r.passwords(d); err != nil {
			return r, err
		}
		off = r.OEMPasswordLen + r.UnicodePasswordLen
	case 10:
		pwLen, _ := u16(w, 14)
		r.OEMPasswordLen = int(pwLen)
		if err := r.passwords(d); err != nil {
			return r, err
		}
		off = r.OEMPasswordLen
	}
	if s.wc != 12 {
		r.AccountName, off = smb1String(d, off, s.dataOff, uni, true)
		r.PrimaryDomain, off = smb1String(d, off, s.dataOff, uni, true)
	}
	r.NativeOS, off = smb1String(d, off, s.dataOff, uni, true)
	r.NativeLanMan, _ = smb1String(d, off, s.dataOff, uni, true)
	if s.short {
		return r, ErrTruncated
	}
	return r, nil
}

// passwords slices the two password fields from the start of the data.
func (r *SMB1SessionSetupRequest) passwords(d []byte) error {
	var ok bool
	if r.OEMPassword, ok = span(d, 0, r.OEMPasswordLen); !ok {
		return ErrTruncated
	}
	if r.UnicodePassword, ok = span(d, r.OEMPasswordLen, r.UnicodePasswordLen); !ok {
		return ErrTruncated
	}
	r.OEMPassword = wireNilIfEmpty(r.OEMPassword)
	r.UnicodePassword = wireNilIfEmpty(r.UnicodePassword)
	return nil
}

// SMB1SessionSetupResponse is SMB_COM_SESSION_SETUP_ANDX Response: extended
// security (WordCount 4, MS-SMB 2.2.4.6.2), NT LM 0.12 or LAN Manager
// (WordCount 3, MS-CIFS 2.2.4.53.2), or an error (WordCount 0).
type SMB1SessionSetupResponse struct {
	WordCount    uint8
	AndXCommand  uint8
	AndXOffset   uint16
	Action       uint16
	SecurityBlob []byte // WordCount 4; aliases msg

	NativeOS, NativeLanMan, PrimaryDomain string
}

// Action bits of SMB_COM_SESSION_SETUP_ANDX Response, MS-CIFS 2.2.4.53.2
// and MS-SMB 2.2.4.6.2.
const (
	SMB1ActionGuest        = 0x0001 // SMB_SETUP_GUEST
	SMB1ActionUseLANManKey = 0x0002 // SMB_SETUP_USE_LANMAN_KEY
)

// ParseSMB1SessionSetupResponse parses an SMB_COM_SESSION_SETUP_ANDX
// response. WordCount 0 is an error response and returns just the word
// count; other WordCounts than 0, 3 and 4 are ErrMalformed. Strings follow
// the same Unicode rules as the request; the PrimaryDomain after
// NativeLanMan in the extended form is optional.
func ParseSMB1SessionSetupResponse(msg []byte) (SMB1SessionSetupResponse, error) {
	var r SMB1SessionSetupResponse
	s, err := splitSMB1(msg)
	if err != nil {
		return r, err
	}
	if s.hdr.Command != SMB1SessionSetupAndX || !s.hdr.IsResponse() {
		return r, ErrMalformed
	}
	r.WordCount = s.wc
	w := s.words
	switch s.wc {
	case 0:
		return r, nil
	case 3, 4:
	default:
		return r, ErrMalformed
	}
	r.AndXCommand = w[0]
	r.AndXOffset, _ = u16(w, 2)
	r.Action, _ = u16(w, 4)
	d := s.data
	off := 0
	if s.wc == 4 {
		blobLen, _ := u16(w, 6)
		blob, ok := span(d, 0, int(blobLen))
		if !ok {
			return r, ErrTruncated
		}
		r.SecurityBlob = wireNilIfEmpty(blob)
		off = int(blobLen)
	}
	uni := s.hdr.Unicode()
	r.NativeOS, off = smb1String(d, off, s.dataOff, uni, true)
	r.NativeLanMan, off = smb1String(d, off, s.dataOff, uni, true)
	r.PrimaryDomain, _ = smb1String(d, off, s.dataOff, uni, true)
	if s.short {
		return r, ErrTruncated
	}
	return r, nil
}
