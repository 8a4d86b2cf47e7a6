package dissect

// SessionSetupRequest is SMB2 SESSION_SETUP Request, MS-SMB2 2.2.5.
type SessionSetupRequest struct {
	Flags             uint8 // SMB2_SESSION_FLAG_BINDING
	SecurityMode      uint8 // SMB2_NEGOTIATE_SIGNING_ENABLED / _REQUIRED
	Capabilities      uint32
	Channel           uint32
	PreviousSessionID uint64
	SecurityBuffer    []byte // GSS token; aliases msg
}

// SMB2SessionFlagBinding is SMB2_SESSION_FLAG_BINDING (MS-SMB2 2.2.5): the
// request binds an existing session to a new channel (3.x multichannel).
const SMB2SessionFlagBinding = 0x01

// ParseSessionSetupRequest parses an SMB2 SESSION_SETUP request
// (StructureSize 25). On error the returned value holds the fixed fields
// when they were complete.
func ParseSessionSetupRequest(msg []byte) (SessionSetupRequest, error) {
	var r SessionSetupRequest
	body, err := checkSMB2Body(msg, 24, 25)
	if err != nil {
		return r, err
	}
	r.Flags = body[2]
	r.SecurityMode = body[3]
	r.Capabilities, _ = u32(body, 4)
	r.Channel, _ = u32(body, 8)
	secOff, _ := u16(body, 12)
	secLen, _ := u16(body, 14)
	r.PreviousSessionID, _ = u64(body, 16)
	r.SecurityBuffer, err = smb2Buffer(msg, uint32(secOff), uint32(secLen))
	return r, err
}

// SessionSetupResponse is SMB2 SESSION_SETUP Response, MS-SMB2 2.2.6.
type SessionSetupResponse struct {
	SessionFlags   uint16
	SecurityBuffer []byte // GSS token; aliases msg
}

// SessionFlags of SESSION_SETUP Response, MS-SMB2 2.2.6.
const (
	SMB2SessionFlagIsGuest     uint16 = 0x0001 // SMB2_SESSION_FLAG_IS_GUEST
	SMB2SessionFlagIsNull      uint16 = 0x0002 // SMB2_SESSION_FLAG_IS_NULL
	SMB2SessionFlagEncryptData uint16 = 0x0004 // SMB2_SESSION_FLAG_ENCRYPT_DATA (3.x)
)

// ParseSessionSetupResponse parses an SMB2 SESSION_SETUP response
// (StructureSize 9). An SMB2 ERROR response (MS-SMB2 2.2.2) has the same
// StructureSize, so the two cannot be told apart by shape: parse a
// SESSION_SETUP response only when the header Status is STATUS_SUCCESS or
// STATUS_MORE_PROCESSING_REQUIRED, and use ParseErrorResponse otherwise.
func ParseSessionSetupResponse(msg []byte) (SessionSetupResponse, error) {
	var r SessionSetupResponse
	body, err := checkSMB2Body(msg, 8, 9)
	if err != nil {
		return r, err
	}
	r.SessionFlags, _ = u16(body, 2)
	secOff, _ := u16(body, 4)
	secLen, _ := u16(body, 6)
	r.SecurityBuffer, err = smb2Buffer(msg, uint32(secOff), uint32(secLen))
	return r, err
}

// TreeConnectRequest is SMB2 TREE_CONNECT Request, MS-SMB2 2.2.9.
type TreeConnectRequest struct {
	Flags uint16 // Flags (3.1.1) / Reserved
	Path  string // \\server\share, decoded from UTF-16
}

// TREE_CONNECT request flags (3.1.1), MS-SMB2 2.2.9.
const (
	SMB2TreeConnectFlagClusterReconnect = 0x0001 // SMB2_TREE_CONNECT_FLAG_CLUSTER_RECONNECT
	SMB2TreeConnectFlagRedirectToOwner  = 0x0002 // SMB2_TREE_CONNECT_FLAG_REDIRECT_TO_OWNER
	SMB2TreeConnectFlagExtensionPresent = 0x0004 // SMB2_TREE_CONNECT_FLAG_EXTENSION_PRESENT
)

// ParseTreeConnectRequest parses an SMB2 TREE_CONNECT request
// (StructureSize 9). The path is read at PathOffset/PathLength from the
// header; the tree connect contexts of the 3.1.1 extension (2.2.9.1) are
// not decoded.
func ParseTreeConnectRequest(msg []byte) (TreeConnectRequest, error) {
	var r TreeConnectRequest
	body, err := checkSMB2Body(msg, 8, 9)
	if err != nil {
		return r, err
	}
	r.Flags, _ = u16(body, 2)
	pathOff, _ := u16(body, 4)
	pathLen, _ := u16(body, 6)
	path, err := smb2Buffer(msg, uint32(pathOff), uint32(pathLen))
	if err != nil {
		return r, err
	}
	r.Path = utf16LE(path)
	return r, nil
}

// TreeConnectResponse is SMB2 TREE_CONNECT Response, MS-SMB2 2.2.10.
type TreeConnectResponse struct {
	ShareType     uint8
	ShareFlags    uint32
	Capabilities  uint32
	MaximalAccess uint32
}

// ShareType values, MS-SMB2 2.2.10.
const (
	SMB2ShareTypeDisk  = 0x01 // SMB2_SHARE_TYPE_DISK
	SMB2ShareTypePipe  = 0x02 // SMB2_SHARE_TYPE_PIPE
	SMB2ShareTypePrint = 0x03 // SMB2_SHARE_TYPE_PRINT
)

// ShareFlags and share Capabilities bits that matter for protection,
// MS-SMB2 2.2.10.
const (
	SMB2ShareFlagEncryptData     = 0x00008000 // SMB2_SHAREFLAG_ENCRYPT_DATA
	SMB2ShareFlagRestrictExclOps = 0x00000400 // SMB2_SHAREFLAG_RESTRICT_EXCLUSIVE_OPENS
	SMB2ShareFlagCompressData    = 0x00100000 // SMB2_SHAREFLAG_COMPRESS_DATA
	SMB2ShareCapDFS              = 0x00000008 // SMB2_SHARE_CAP_DFS
	SMB2ShareCapContinuous       = 0x00000010 // SMB2_SHARE_CAP_CONTINUOUS_AVAILABILITY
	SMB2ShareCapScaleout         = 0x00000020 // SMB2_SHARE_CAP_SCALEOUT
	SMB2ShareCapCluster          = 0x00000040 // SMB2_SHARE_CAP_CLUSTER
	SMB2ShareCapAsymmetric       = 0x00000080 // SMB2_SHARE_CAP_ASYMMETRIC
	SMB2ShareCapRedirectToOwner  = 0x00000100 // SMB2_SHARE_CAP_REDIRECT_TO_OWNER
)

// ParseTreeConnectResponse parses an SMB2 TREE_CONNECT response
// (StructureSize 16).
func ParseTreeConnectResponse(msg []byte) (TreeConnectResponse, error) {
	var r TreeConnectResponse
	body, err := checkSMB2Body(msg, 16, 16)
	if err != nil {
		return r, err
	}
	r.ShareType = body[2]
	r.ShareFlags, _ = u32(body, 4)
	r.Capabilities, _ = u32(body, 8)
	r.MaximalAccess, _ = u32(body, 12)
	return r, nil
}

// IoctlMessage is the part of SMB2 IOCTL Request (MS-SMB2 2.2.31) and
// Response (2.2.32) an analyzer needs. Both put CtlCode at the same offset.
type IoctlMessage struct {
	CtlCode  uint32
	Flags    uint32 // SMB2_0_IOCTL_IS_FSCTL
	Response bool   // StructureSize 49 (response) rather than 57 (request)
	FileID   [16]byte
	Input    []byte // aliases msg
	Output   []byte // aliases msg
}

// SMB2IoctlIsFsctl is SMB2_0_IOCTL_IS_FSCTL, MS-SMB2 2.2.31.
const SMB2IoctlIsFsctl = 0x00000001

// FSCTL codes of interest.
const (
	FsctlValidateNegotiateInfo = 0x00140204 // FSCTL_VALIDATE_NEGOTIATE_INFO, MS-SMB2 2.2.31
	FsctlPipeTransceive        = 0x0011C017 // FSCTL_PIPE_TRANSCEIVE, MS-FSCC 2.3
	FsctlDFSGetReferrals       = 0x00060194 // FSCTL_DFS_GET_REFERRALS, MS-SMB2 2.2.31
	FsctlQueryNetworkInterface = 0x001401FC // FSCTL_QUERY_NETWORK_INTERFACE_INFO, MS-SMB2 2.2.31
)

// ParseIoctl parses an SMB2 IOCTL request (StructureSize 57) or response
// (StructureSize 49); the two are told apart by StructureSize. An IOCTL
// failure usually comes back as an ERROR response (StructureSize 9), which
// is ErrMalformed here. On a buffer error the fixed fields are returned.
func ParseIoctl(msg []byte) (IoctlMessage, error) {
	var m IoctlMessage
	if _, err := ParseSMB2Header(msg); err != nil {
		return m, err
	}
	ss, ok := u16(msg, SMB2HeaderLen)
	if !ok {
		return m, ErrTruncated
	}
	var fixed, inOff, inCnt, outOff, outCnt, flagsOff int
	switch ss {
	case 57: // 2.2.31
		fixed, inOff, inCnt, outOff, outCnt, flagsOff = 56, 24, 28, 36, 40, 48
	case 49: // 2.2.32
		fixed, inOff, inCnt, outOff, outCnt, flagsOff = 48, 24, 28, 32, 36, 40
		m.Response = true
	default:
		return m, ErrMalformed
	}
	body, ok := span(msg, SMB2HeaderLen, fixed)
	if !ok {
		return m, ErrTruncated
	}
	m.CtlCode, _ = u32(body, 4)
	copy(m.FileID[:], body[8:24])
	m.Flags, _ = u32(body, flagsOff)
	io, _ := u32(body, inOff)
	ic, _ := u32(body, inCnt)
	oo, _ := u32(body, outOff)
	oc, _ := u32(body, outCnt)
	var err error
	if m.Input, err = smb2Buffer(msg, io, ic); err != nil {
		return m, err
	}
	m.Output, err = smb2Buffer(msg, oo, oc)
	return m, err
}

// ValidateNegotiateInfoRequest is VALIDATE_NEGOTIATE_INFO Request, the
// input of FSCTL_VALIDATE_NEGOTIATE_INFO (MS-SMB2 2.2.31.4).
type ValidateNegotiateInfoRequest struct {
	Capabilities uint32
	GUID         [16]byte
	SecurityMode uint16
	Dialects     []uint16
}

// ParseValidateNegotiateInfoRequest parses the IOCTL input buffer of an
// FSCTL_VALIDATE_NEGOTIATE_INFO request.
func ParseValidateNegotiateInfoRequest(in []byte) (ValidateNegotiateInfoRequest, error) {
	var v ValidateNegotiateInfoRequest
	if len(in) < 24 {
		return v, ErrTruncated
	}
	v.Capabilities, _ = u32(in, 0)
	copy(v.GUID[:], in[4:20])
	v.SecurityMode, _ = u16(in, 20)
	n, _ := u16(in, 22)
	d, ok := span(in, 24, 2*int(n))
	if !ok {
		return v, ErrTruncated
	}
	v.Dialects = wireAppendU16s(nil, d)
	return v, nil
}

// ValidateNegotiateInfoResponse is VALIDATE_NEGOTIATE_INFO Response, the
// output of FSCTL_VALIDATE_NEGOTIATE_INFO (MS-SMB2 2.2.32.6).
type ValidateNegotiateInfoResponse struct {
	Capabilities uint32
	GUID         [16]byte
	SecurityMode uint16
	Dialect      uint16
}

// ParseValidateNegotiateInfoResponse parses the IOCTL output buffer of an
// FSCTL_VALIDATE_NEGOTIATE_INFO response.
func ParseValidateNegotiateInfoResponse(out []byte) (ValidateNegotiateInfoResponse, error) {
	var v ValidateNegotiateInfoResponse
	if len(out) < 24 {
		return v, ErrTruncated
	}
	v.Capabilities, _ = u32(out, 0)
	copy(v.GUID[:], out[4:20])
	v.SecurityMode, _ = u16(out, 20)
	v.Dialect, _ = u16(out, 22)
	return v, nil
}

// ErrorResponse is SMB2 ERROR Response, MS-SMB2 2.2.2.
type ErrorResponse struct {
	ErrorContextCount uint8 // 3.1.1
	ByteCount         uint32
	// ErrorData holds the ByteCount bytes of error data, or the single
	// padding byte when ByteCount is zero and the byte is present; it
	// aliases msg.
	ErrorData []byte
}

// ParseErrorResponse parses an SMB2 ERROR response (StructureSize 9). The
// error data is not interpreted.
func ParseErrorResponse(msg []byte) (ErrorResponse, error) {
	var r ErrorResponse
	body, err := checkSMB2Body(msg, 8, 9)
	if err != nil {
		return r, err
	}
	r.ErrorContextCount = body[2]
	r.ByteCount, _ = u32(body, 4)
	rest := msg[SMB2HeaderLen+8:]
	if uint64(r.ByteCount) > uint64(len(rest)) {
		r.ErrorData = rest[:len(rest):len(rest)]
		return r, ErrTruncated
	}
	n := int(r.ByteCount)
	if n == 0 {
		n = min(1, len(rest))
	}
	r.ErrorData = rest[:n:n]
	return r, nil
}
