package dissect

import (
	"strings"
	"testing"
)

func TestStatusName(t *testing.T) {
	for code, want := range map[uint32]string{
		StatusSuccess:                "STATUS_SUCCESS",
		StatusPending:                "STATUS_PENDING",
		StatusMoreProcessingRequired: "STATUS_MORE_PROCESSING_REQUIRED",
		StatusLogonFailure:           "STATUS_LOGON_FAILURE",
		StatusAccessDenied:           "STATUS_ACCESS_DENIED",
		StatusUserSessionDeleted:     "STATUS_USER_SESSION_DELETED",
		StatusNetworkSessionExpired:  "STATUS_NETWORK_SESSION_EXPIRED",
		StatusInvalidSignature:       "STATUS_INVALID_SIGNATURE",
		StatusBadNetworkName:         "STATUS_BAD_NETWORK_NAME",
		StatusNotFound:               "STATUS_NOT_FOUND",
		0xC0000ABC:                   "0xc0000abc",
		0x00000001:                   "0x00000001",
	} {
		if got := StatusName(code); got != want {
			t.Errorf("StatusName(%#x) = %q, want %q", code, got, want)
		}
	}
	if len(statusNames) < 80 {
		t.Errorf("%d names", len(statusNames))
	}
	for code, name := range statusNames {
		if !strings.HasPrefix(name, "STATUS_") || strings.ToUpper(name) != name {
			t.Errorf("%#x: %q", code, name)
		}
	}
}

func TestStatusSeverity(t *testing.T) {
	for code, want := range map[uint32][2]bool{
		StatusSuccess:                {false, false},
		StatusPending:                {false, false},
		StatusBufferOverflow:         {false, true},
		StatusNoMoreFiles:            {false, true},
		StatusMoreProcessingRequired: {true, false},
		StatusLogonFailure:           {true, false},
		StatusInvalidSignature:       {true, false},
	} {
		if IsErrorStatus(code) != want[0] || IsWarningStatus(code) != want[1] {
			t.Errorf("%s: error %v warning %v", StatusName(code), IsErrorStatus(code), IsWarningStatus(code))
		}
	}
}

func TestSMB1StatusName(t *testing.T) {
	nt := SMB1Header{Flags2: SMB1Flags2NTStatus, Status: StatusLogonFailure}
	dos := func(class uint8, code uint16) SMB1Header {
		return SMB1Header{Status: uint32(class) | uint32(code)<<16}
	}
	for _, c := range []struct {
		h     SMB1Header
		want  string
		isErr bool
	}{
		{nt, "STATUS_LOGON_FAILURE", true},
		{SMB1Header{Flags2: SMB1Flags2NTStatus}, "STATUS_SUCCESS", false},
		{dos(0, 0), "STATUS_SUCCESS", false},
		{dos(SMB1ErrClassServer, 2), "DOS_ERRSRV_ERRbadpw", true},
		{dos(SMB1ErrClassDOS, 5), "DOS_ERRDOS_ERRnoaccess", true},
		{dos(SMB1ErrClassServer, 0x0bad), "DOS_ERRSRV_0x0bad", true},
		{dos(SMB1ErrClassHard, 0x27), "DOS_ERRHRD_ERRdiskfull", true},
		{dos(SMB1ErrClassCommand, 1), "DOS_ERRCMD_0x0001", true},
		{dos(0x42, 1), "DOS_0x42_0x0001", true},
	} {
		if got := SMB1StatusName(c.h); got != c.want || SMB1StatusIsError(c.h) != c.isErr {
			t.Errorf("%#x: %q (error %v), want %q", c.h.Status, got, SMB1StatusIsError(c.h), c.want)
		}
	}
}
