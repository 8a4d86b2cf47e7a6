package dissect

// NT status codes (MS-ERREF 2.3.1) seen in SMB traffic. SMB2 carries them in
// the header's Status field (MS-SMB2 2.2.1); SMB1 carries them when Flags2
// has SMB_FLAGS2_NT_STATUS (MS-CIFS 2.2.3.1).
const (
	StatusSuccess                 uint32 = 0x00000000
	StatusPending                 uint32 = 0x00000103
	StatusNotifyCleanup           uint32 = 0x0000010B
	StatusNotifyEnumDir           uint32 = 0x0000010C
	StatusBufferOverflow          uint32 = 0x80000005
	StatusNoMoreFiles             uint32 = 0x80000006
	StatusStoppedOnSymlink        uint32 = 0x8000002D
	StatusUnsuccessful            uint32 = 0xC0000001
	StatusNotImplemented          uint32 = 0xC0000002
	StatusInvalidInfoClass        uint32 = 0xC0000003
	StatusInfoLengthMismatch      uint32 = 0xC0000004
	StatusAccessViolation         uint32 = 0xC0000005
	StatusInvalidHandle           uint32 = 0xC0000008
	StatusInvalidParameter        uint32 = 0xC000000D
	StatusNoSuchDevice            uint32 = 0xC000000E
	StatusNoSuchFile              uint32 = 0xC000000F
	StatusInvalidDeviceRequest    uint32 = 0xC0000010
	StatusEndOfFile               uint32 = 0xC0000011
	StatusMoreProcessingRequired  uint32 = 0xC0000016
	StatusNoMemory                uint32 = 0xC0000017
	StatusAccessDenied            uint32 = 0xC0000022
	StatusBufferTooSmall          uint32 = 0xC0000023
	StatusObjectTypeMismatch      uint32 = 0xC0000024
	StatusNotLocked               uint32 = 0xC000002A
	StatusObjectNameInvalid       uint32 = 0xC0000033
	StatusObjectNameNotFound      uint32 = 0xC0000034
	StatusObjectNameCollision     uint32 = 0xC0000035
	StatusObjectPathInvalid       uint32 = 0xC0000039
	StatusObjectPathNotFound      uint32 = 0xC000003A
	StatusObjectPathSyntaxBad     uint32 = 0xC000003B
	StatusSharingViolation        uint32 = 0xC0000043
	StatusQuotaExceeded           uint32 = 0xC0000044
	StatusEASNotSupported         uint32 = 0xC000004F
	StatusFileLockConflict        uint32 = 0xC0000054
	StatusLockNotGranted          uint32 = 0xC0000055
	StatusDeletePending           uint32 = 0xC0000056
	StatusNoLogonServers          uint32 = 0xC000005E
	StatusNoSuchLogonSession      uint32 = 0xC000005F
	StatusPrivilegeNotHeld        uint32 = 0xC0000061
	StatusNoSuchUser              uint32 = 0xC0000064
	StatusWrongPassword           uint32 = 0xC000006A
	StatusPasswordRestriction     uint32 = 0xC000006C
	StatusLogonFailure            uint32 = 0xC000006D
	StatusAccountRestriction      uint32 = 0xC000006E
	StatusInvalidLogonHours       uint32 = 0xC000006F
	StatusInvalidWorkstation      uint32 = 0xC0000070
	StatusPasswordExpired         uint32 = 0xC0000071
	StatusAccountDisabled         uint32 = 0xC0000072
	StatusDiskFull                uint32 = 0xC000007F
	StatusInsufficientResources   uint32 = 0xC000009A
	StatusMediaWriteProtected     uint32 = 0xC00000A2
	StatusBadImpersonationLevel   uint32 = 0xC00000A5
	StatusPipeNotAvailable        uint32 = 0xC00000AC
	StatusInvalidPipeState        uint32 = 0xC00000AD
	StatusPipeBusy                uint32 = 0xC00000AE
	StatusPipeDisconnected        uint32 = 0xC00000B0
	StatusPipeClosing             uint32 = 0xC00000B1
	StatusIOTimeout               uint32 = 0xC00000B5
	StatusFileIsADirectory        uint32 = 0xC00000BA
	StatusNotSupported            uint32 = 0xC00000BB
	StatusRemoteNotListening      uint32 = 0xC00000BC
	StatusDuplicateName           uint32 = 0xC00000BD
	StatusBadNetworkPath          uint32 = 0xC00000BE
	StatusNetworkBusy             uint32 = 0xC00000BF
	StatusInvalidNetworkResponse  uint32 = 0xC00000C3
	StatusUnexpectedNetworkError  uint32 = 0xC00000C4
	StatusNetworkNameDeleted      uint32 = 0xC00000C9
	StatusNetworkAccessDenied     uint32 = 0xC00000CA
	StatusBadDeviceType           uint32 = 0xC00000CB
	StatusBadNetworkName          uint32 = 0xC00000CC
	StatusTooManySessions         uint32 = 0xC00000CE
	StatusRequestNotAccepted      uint32 = 0xC00000D0
	StatusNoSuchDomain            uint32 = 0xC00000DF
	StatusInternalError           uint32 = 0xC00000E5
	StatusDirectoryNotEmpty       uint32 = 0xC0000101
	StatusNotADirectory           uint32 = 0xC0000103
	StatusCancelled               uint32 = 0xC0000120
	StatusCannotDelete            uint32 = 0xC0000121
	StatusFileDeleted             uint32 = 0xC0000123
	StatusFileClosed              uint32 = 0xC0000128
	StatusTimeDifferenceAtDC      uint32 = 0xC0000133
	StatusPipeBroken              uint32 = 0xC000014B
	StatusLogonTypeNotGranted     uint32 = 0xC000015B
	StatusAccountExpired          uint32 = 0xC0000193
	StatusFSDriverRequired        uint32 = 0xC000019C
	StatusNoUserSessionKey        uint32 = 0xC0000202
	StatusUserSessionDeleted      uint32 = 0xC0000203
	StatusInsuffServerResources   uint32 = 0xC0000205
	StatusInvalidBufferSize       uint32 = 0xC0000206
	StatusConnectionDisconnected  uint32 = 0xC000020C
	StatusConnectionReset         uint32 = 0xC000020D
	StatusPasswordMustChange      uint32 = 0xC0000224
	StatusNotFound                uint32 = 0xC0000225
	StatusAccountLockedOut        uint32 = 0xC0000234
	StatusConnectionRefused       uint32 = 0xC0000236
	StatusNetworkUnreachable      uint32 = 0xC000023C
	StatusHostUnreachable         uint32 = 0xC000023D
	StatusConnectionAborted       uint32 = 0xC0000241
	StatusPathNotCovered          uint32 = 0xC0000257
	StatusNotAReparsePoint        uint32 = 0xC0000275
	StatusNetworkSessionExpired   uint32 = 0xC000035C
	StatusDowngradeDetected       uint32 = 0xC0000388
	StatusServerUnavailable       uint32 = 0xC0000466
	StatusInvalidSignature        uint32 = 0xC000A000
	StatusNoPreauthIntegrityMatch uint32 = 0xC05D0000 // STATUS_SMB_NO_PREAUTH_INTEGRITY_HASH_OVERLAP
	StatusBadClusterDialect       uint32 = 0xC05D0001 // STATUS_SMB_BAD_CLUSTER_DIALECT
)

// statusNames spells the codes above as MS-ERREF does.
var statusNames = map[uint32]string{
	StatusSuccess:                 "STATUS_SUCCESS",
	StatusPending:                 "STATUS_PENDING",
	StatusNotifyCleanup:           "STATUS_NOTIFY_CLEANUP",
	StatusNotifyEnumDir:           "STATUS_NOTIFY_ENUM_DIR",
	StatusBufferOverflow:          "STATUS_BUFFER_OVERFLOW",
	StatusNoMoreFiles:             "STATUS_NO_MORE_FILES",
	StatusStoppedOnSymlink:        "STATUS_STOPPED_ON_SYMLINK",
	StatusUnsuccessful:            "STATUS_UNSUCCESSFUL",
	StatusNotImplemented:          "STATUS_NOT_IMPLEMENTED",
	StatusInvalidInfoClass:        "STATUS_INVALID_INFO_CLASS",
	StatusInfoLengthMismatch:      "STATUS_INFO_LENGTH_MISMATCH",
	StatusAccessViolation:         "STATUS_ACCESS_VIOLATION",
	StatusInvalidHandle:           "STATUS_INVALID_HANDLE",
	StatusInvalidParameter:        "STATUS_INVALID_PARAMETER",
	StatusNoSuchDevice:            "STATUS_NO_SUCH_DEVICE",
	StatusNoSuchFile:              "STATUS_NO_SUCH_FILE",
	StatusInvalidDeviceRequest:    "STATUS_INVALID_DEVICE_REQUEST",
	StatusEndOfFile:               "STATUS_END_OF_FILE",
	StatusMoreProcessingRequired:  "STATUS_MORE_PROCESSING_REQUIRED",
	StatusNoMemory:                "STATUS_NO_MEMORY",
	StatusAccessDenied:            "STATUS_ACCESS_DENIED",
	StatusBufferTooSmall:          "STATUS_BUFFER_TOO_SMALL",
	StatusObjectTypeMismatch:      "STATUS_OBJECT_TYPE_MISMATCH",
	StatusNotLocked:               "STATUS_NOT_LOCKED",
	StatusObjectNameInvalid:       "STATUS_OBJECT_NAME_INVALID",
	StatusObjectNameNotFound:      "STATUS_OBJECT_NAME_NOT_FOUND",
	StatusObjectNameCollision:     "STATUS_OBJECT_NAME_COLLISION",
	StatusObjectPathInvalid:       "STATUS_OBJECT_PATH_INVALID",
	StatusObjectPathNotFound:      "STATUS_OBJECT_PATH_NOT_FOUND",
	StatusObjectPathSyntaxBad:     "STATUS_OBJECT_PATH_SYNTAX_BAD",
	StatusSharingViolation:        "STATUS_SHARING_VIOLATION",
	StatusQuotaExceeded:           "STATUS_QUOTA_EXCEEDED",
	StatusEASNotSupported:         "STATUS_EAS_NOT_SUPPORTED",
	StatusFileLockConflict:        "STATUS_FILE_LOCK_CONFLICT",
	StatusLockNotGranted:          "STATUS_LOCK_NOT_GRANTED",
	StatusDeletePending:           "STATUS_DELETE_PENDING",
	StatusNoLogonServers:          "STATUS_NO_LOGON_SERVERS",
	StatusNoSuchLogonSession:      "STATUS_NO_SUCH_LOGON_SESSION",
	StatusPrivilegeNotHeld:        "STATUS_PRIVILEGE_NOT_HELD",
	StatusNoSuchUser:              "STATUS_NO_SUCH_USER",
	StatusWrongPassword:           "STATUS_WRONG_PASSWORD",
	StatusPasswordRestriction:     "STATUS_PASSWORD_RESTRICTION",
	StatusLogonFailure:            "STATUS_LOGON_FAILURE",
	StatusAccountRestriction:      "STATUS_ACCOUNT_RESTRICTION",
	StatusInvalidLogonHours:       "STATUS_INVALID_LOGON_HOURS",
	StatusInvalidWorkstation:      "STATUS_INVALID_WORKSTATION",
	StatusPasswordExpired:         "STATUS_PASSWORD_EXPIRED",
	StatusAccountDisabled:         "STATUS_ACCOUNT_DISABLED",
	StatusDiskFull:                "STATUS_DISK_FULL",
	StatusInsufficientResources:   "STATUS_INSUFFICIENT_RESOURCES",
	StatusMediaWriteProtected:     "STATUS_MEDIA_WRITE_PROTECTED",
	StatusBadImpersonationLevel:   "STATUS_BAD_IMPERSONATION_LEVEL",
	StatusPipeNotAvailable:        "STATUS_PIPE_NOT_AVAILABLE",
	StatusInvalidPipeState:        "STATUS_INVALID_PIPE_STATE",
	StatusPipeBusy:                "STATUS_PIPE_BUSY",
	StatusPipeDisconnected:        "STATUS_PIPE_DISCONNECTED",
	StatusPipeClosing:             "STATUS_PIPE_CLOSING",
	StatusIOTimeout:               "STATUS_IO_TIMEOUT",
	StatusFileIsADirectory:        "STATUS_FILE_IS_A_DIRECTORY",
	StatusNotSupported:            "STATUS_NOT_SUPPORTED",
	StatusRemoteNotListening:      "STATUS_REMOTE_NOT_LISTENING",
	StatusDuplicateName:           "STATUS_DUPLICATE_NAME",
	StatusBadNetworkPath:          "STATUS_BAD_NETWORK_PATH",
	StatusNetworkBusy:             "STATUS_NETWORK_BUSY",
	StatusInvalidNetworkResponse:  "STATUS_INVALID_NETWORK_RESPONSE",
	StatusUnexpectedNetworkError:  "STATUS_UNEXPECTED_NETWORK_ERROR",
	StatusNetworkNameDeleted:      "STATUS_NETWORK_NAME_DELETED",
	StatusNetworkAccessDenied:     "STATUS_NETWORK_ACCESS_DENIED",
	StatusBadDeviceType:           "STATUS_BAD_DEVICE_TYPE",
	StatusBadNetworkName:          "STATUS_BAD_NETWORK_NAME",
	StatusTooManySessions:         "STATUS_TOO_MANY_SESSIONS",
	StatusRequestNotAccepted:      "STATUS_REQUEST_NOT_ACCEPTED",
	StatusNoSuchDomain:            "STATUS_NO_SUCH_DOMAIN",
	StatusInternalError:           "STATUS_INTERNAL_ERROR",
	StatusDirectoryNotEmpty:       "STATUS_DIRECTORY_NOT_EMPTY",
	StatusNotADirectory:           "STATUS_NOT_A_DIRECTORY",
	StatusCancelled:               "STATUS_CANCELLED",
	StatusCannotDelete:            "STATUS_CANNOT_DELETE",
	StatusFileDeleted:             "STATUS_FILE_DELETED",
	StatusFileClosed:              "STATUS_FILE_CLOSED",
	StatusTimeDifferenceAtDC:      "STATUS_TIME_DIFFERENCE_AT_DC",
	StatusPipeBroken:              "STATUS_PIPE_BROKEN",
	StatusLogonTypeNotGranted:     "STATUS_LOGON_TYPE_NOT_GRANTED",
	StatusAccountExpired:          "STATUS_ACCOUNT_EXPIRED",
	StatusFSDriverRequired:        "STATUS_FS_DRIVER_REQUIRED",
	StatusNoUserSessionKey:        "STATUS_NO_USER_SESSION_KEY",
	StatusUserSessionDeleted:      "STATUS_USER_SESSION_DELETED",
	StatusInsuffServerResources:   "STATUS_INSUFF_SERVER_RESOURCES",
	StatusInvalidBufferSize:       "STATUS_INVALID_BUFFER_SIZE",
	StatusConnectionDisconnected:  "STATUS_CONNECTION_DISCONNECTED",
	StatusConnectionReset:         "STATUS_CONNECTION_RESET",
	StatusPasswordMustChange:      "STATUS_PASSWORD_MUST_CHANGE",
	StatusNotFound:                "STATUS_NOT_FOUND",
	StatusAccountLockedOut:        "STATUS_ACCOUNT_LOCKED_OUT",
	StatusConnectionRefused:       "STATUS_CONNECTION_REFUSED",
	StatusNetworkUnreachable:      "STATUS_NETWORK_UNREACHABLE",
	StatusHostUnreachable:         "STATUS_HOST_UNREACHABLE",
	StatusConnectionAborted:       "STATUS_CONNECTION_ABORTED",
	StatusPathNotCovered:          "STATUS_PATH_NOT_COVERED",
	StatusNotAReparsePoint:        "STATUS_NOT_A_REPARSE_POINT",
	StatusNetworkSessionExpired:   "STATUS_NETWORK_SESSION_EXPIRED",
	StatusDowngradeDetected:       "STATUS_DOWNGRADE_DETECTED",
	StatusServerUnavailable:       "STATUS_SERVER_UNAVAILABLE",
	StatusInvalidSignature:        "STATUS_INVALID_SIGNATURE",
	StatusNoPreauthIntegrityMatch: "STATUS_SMB_NO_PREAUTH_INTEGRITY_HASH_OVERLAP",
	StatusBadClusterDialect:       "STATUS_SMB_BAD_CLUSTER_DIALECT",
}

// StatusName returns the MS-ERREF name of an NT status, or the code as
// "0x" and eight lowercase hex digits when it is not in the table.
func StatusName(code uint32) string {
	if s, ok := statusNames[code]; ok {
		return s
	}
	return wireHex32(code)
}

// IsErrorStatus reports whether the NTSTATUS severity bits (the top two,
// MS-ERREF 2.3) say error. Warnings such as STATUS_BUFFER_OVERFLOW and
// informational codes such as STATUS_PENDING are not errors;
// STATUS_MORE_PROCESSING_REQUIRED is, although SESSION_SETUP uses it for
// every leg but the last.
func IsErrorStatus(code uint32) bool { return code>>30 == 3 }

// IsWarningStatus reports whether the severity bits say warning (binary 10).
func IsWarningStatus(code uint32) bool { return code>>30 == 2 }

// SMB1 DOS error classes, MS-CIFS 2.2.2.4.
const (
	SMB1ErrClassSuccess uint8 = 0x00 // SUCCESS
	SMB1ErrClassDOS     uint8 = 0x01 // ERRDOS
	SMB1ErrClassServer  uint8 = 0x02 // ERRSRV
	SMB1ErrClassHard    uint8 = 0x03 // ERRHRD
	SMB1ErrClassCommand uint8 = 0xFF // ERRCMD
)

// dosErrorNames holds the common MS-CIFS 2.2.2.4 codes, keyed by class<<16|code.
var dosErrorNames = map[uint32]string{
	0x01<<16 | 0x0001: "ERRbadfunc",
	0x01<<16 | 0x0002: "ERRbadfile",
	0x01<<16 | 0x0003: "ERRbadpath",
	0x01<<16 | 0x0004: "ERRnofids",
	0x01<<16 | 0x0005: "ERRnoaccess",
	0x01<<16 | 0x0006: "ERRbadfid",
	0x01<<16 | 0x0008: "ERRnomem",
	0x01<<16 | 0x000C: "ERRbadaccess",
	0x01<<16 | 0x0010: "ERRremcd",
	0x01<<16 | 0x0012: "ERRnofiles",
	0x01<<16 | 0x0020: "ERRbadshare",
	0x01<<16 | 0x0021: "ERRlock",
	0x01<<16 | 0x0032: "ERRunsup",
	0x01<<16 | 0x0050: "ERRfilexists",
	0x01<<16 | 0x0057: "ERRinvalidparam",
	0x01<<16 | 0x00E7: "ERRpipebusy",
	0x01<<16 | 0x00E8: "ERRpipeclosing",
	0x01<<16 | 0x00E9: "ERRnotconnected",
	0x01<<16 | 0x00EA: "ERRmoredata",
	0x02<<16 | 0x0001: "ERRerror",
	0x02<<16 | 0x0002: "ERRbadpw",
	0x02<<16 | 0x0004: "ERRaccess",
	0x02<<16 | 0x0005: "ERRinvtid",
	0x02<<16 | 0x0006: "ERRinvnetname",
	0x02<<16 | 0x0007: "ERRinvdevice",
	0x02<<16 | 0x0016: "ERRinvsess",
	0x02<<16 | 0x0031: "ERRqfull",
	0x02<<16 | 0x0032: "ERRqtoobig",
	0x02<<16 | 0x0034: "ERRinvpfid",
	0x02<<16 | 0x0040: "ERRsmbcmd",
	0x02<<16 | 0x0041: "ERRsrverror",
	0x02<<16 | 0x0043: "ERRfilespecs",
	0x02<<16 | 0x0045: "ERRbadpermits",
	0x02<<16 | 0x0047: "ERRsetattrmode",
	0x02<<16 | 0x005A: "ERRtimeout",
	0x02<<16 | 0x005B: "ERRbaduid",
	0x02<<16 | 0x00FA: "ERRusempx",
	0x02<<16 | 0x00FB: "ERRusestd",
	0x02<<16 | 0x00FC: "ERRcontmpx",
	0x02<<16 | 0x0BF2: "ERRaccountExpired",
	0x02<<16 | 0x0BF3: "ERRbadClient",
	0x02<<16 | 0x0BF4: "ERRbadLogonTime",
	0x02<<16 | 0x0BF5: "ERRpasswordExpired",
	0x02<<16 | 0xFFFF: "ERRnosupport",
	0x03<<16 | 0x0013: "ERRnowrite",
	0x03<<16 | 0x0015: "ERRnotready",
	0x03<<16 | 0x001F: "ERRgeneral",
	0x03<<16 | 0x0020: "ERRbadshare",
	0x03<<16 | 0x0021: "ERRlock",
	0x03<<16 | 0x0027: "ERRdiskfull",
}

// SMB1StatusName names the status of an SMB1 header. With
// SMB_FLAGS2_NT_STATUS set it is StatusName(h.Status). Otherwise the field
// is an SMB_ERROR (MS-CIFS 2.2.3.1: ErrorClass, Reserved, ErrorCode) and the
// name is "STATUS_SUCCESS" for class 0 code 0, else "DOS_" + class + "_" +
// code, where class is ERRDOS, ERRSRV, ERRHRD, ERRCMD or 0xNN and code is the
// MS-CIFS 2.2.2.4 name when known (e.g. "DOS_ERRSRV_ERRbadpw") or 0xNNNN
// (e.g. "DOS_ERRSRV_0x0bad").
func SMB1StatusName(h SMB1Header) string {
	if h.Flags2&SMB1Flags2NTStatus != 0 {
		return StatusName(h.Status)
	}
	class, code := h.DOSError()
	if class == SMB1ErrClassSuccess && code == 0 {
		return "STATUS_SUCCESS"
	}
	var cls string
	switch class {
	case SMB1ErrClassDOS:
		cls = "ERRDOS"
	case SMB1ErrClassServer:
		cls = "ERRSRV"
	case SMB1ErrClassHard:
		cls = "ERRHRD"
	case SMB1ErrClassCommand:
		cls = "ERRCMD"
	default:
		cls = wireHex8(class)
	}
	name, ok := dosErrorNames[uint32(class)<<16|uint32(code)]
	if !ok {
		name = wireHex16(code)
	}
	return "DOS_" + cls + "_" + name
}

// SMB1StatusIsError reports whether an SMB1 header's status is an error: an
// NT status with error severity, or a DOS error with a non-zero class.
func SMB1StatusIsError(h SMB1Header) bool {
	if h.Flags2&SMB1Flags2NTStatus != 0 {
		return IsErrorStatus(h.Status)
	}
	class, _ := h.DOSError()
	return class != SMB1ErrClassSuccess
}

const wireHexDigits = "0123456789abcdef"

// wireHexN formats v as "0x" and n lowercase hex digits.
func wireHexN(v uint64, n int) string {
	var buf [2 + 16]byte
	buf[0], buf[1] = '0', 'x'
	for i := n - 1; i >= 0; i-- {
		buf[2+i] = wireHexDigits[v&0xF]
		v >>= 4
	}
	return string(buf[:2+n])
}

func wireHex8(v uint8) string   { return wireHexN(uint64(v), 2) }
func wireHex16(v uint16) string { return wireHexN(uint64(v), 4) }
func wireHex32(v uint32) string { return wireHexN(uint64(v), 8) }
