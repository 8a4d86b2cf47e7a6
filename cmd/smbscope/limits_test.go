package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestLimitFlags(t *testing.T) {
	repoRoot(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--max-connections", "0", s05}, "smbscope: --max-connections must be at least 1 (see smbscope --help)\n"},
		{[]string{"--max-sessions", "-1", s05}, "smbscope: --max-sessions must be at least 1 (see smbscope --help)\n"},
		{[]string{"--max-buffer", "0", s05}, "smbscope: --max-buffer must be at least 1 byte (see smbscope --help)\n"},
		{[]string{"--max-message", "63", s05}, "smbscope: --max-message must be at least 64 bytes (an SMB2 header) (see smbscope --help)\n"},
		{[]string{"--max-message", "lots", s05}, "smbscope: invalid argument \"lots\" for \"--max-message\" flag: \"lots\" is not a size (e.g. 1048576, 512K, 1MiB) (see smbscope --help)\n"},
	} {
		var out, errb bytes.Buffer
		if code := run(tc.args, strings.NewReader(""), &out, &errb); code != 2 || errb.String() != tc.want {
			t.Errorf("%q: exit %d, stderr %q, want 2 and %q", tc.args, code, errb.String(), tc.want)
		}
	}

	// The limits reach the analysis: one session allowed, the smallest
	// message kept, a small buffer.
	_, stderr, code := runDamaged(t, []string{s05}, nil, "--max-sessions", "1", "--max-message", "64", "--max-buffer", "4K", "--max-connections", "1")
	want := "smbscope: testdata/pcaps/samba/s05_smb311_defaults_user.pcap: 88 packets, 1 SMB connections, 1 sessions, 1 findings in T; " +
		"anomalies: message_beyond_keep_limit 5\n"
	if code != 0 || stderr != want {
		t.Errorf("exit %d, stderr\n%s\nwant\n%s", code, stderr, want)
	}
}

func TestByteCount(t *testing.T) {
	for in, want := range map[string]int64{"65536": 65536, "64K": 64 << 10, "64KiB": 64 << 10, "1M": 1 << 20, "1MB": 1 << 20, "2g": 2 << 30, " 3k ": 3 << 10} {
		var b byteCount
		if err := b.Set(in); err != nil || int64(b) != want {
			t.Errorf("%q: %d, %v; want %d", in, b, err, want)
		}
	}
	for _, in := range []string{"", "K", "-1", "1.5M", "1T", "2000000G"} {
		var b byteCount
		if err := b.Set(in); err == nil {
			t.Errorf("%q accepted as %d", in, b)
		}
	}
	for v, want := range map[byteCount]string{1 << 20: "1MiB", 256 << 10: "256KiB", 1000: "1000", 3 << 30: "3GiB"} {
		if got := v.String(); got != want {
			t.Errorf("%d: %q, want %q", int64(v), got, want)
		}
	}
}
