package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/smbscope/smbscope/capture"
)

// Live flags are checked like the others: usage errors exit 2, and a
// build without live capture says how to get one.
func TestLiveFlagErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--snaplen", "100", s05}, "--snaplen applies to live capture"},
		{[]string{"--stats-interval", "1m", s05}, "--stats-interval applies to live capture"},
		{[]string{"--rotate-size", "1MB", s05}, "--rotate-interval and --rotate-size rotate the files of --log-dir"},
		{[]string{"-i", "lo", s05}, "give capture files or -i, not both"},
		{[]string{"-i", "lo", "--snaplen", "0"}, "--snaplen must be positive"},
		{[]string{"-i", "lo", "--buffer-size", "lots"}, "is not a size"},
		{[]string{"-i", "lo", "-f", "pdf"}, "unknown format"},
	} {
		var out, errb bytes.Buffer
		if code := run(tc.args, nil, &out, &errb); code != 2 || !strings.Contains(errb.String(), tc.want) {
			t.Errorf("run(%q): exit %d, stderr %q; want 2 and %q", tc.args, code, errb.String(), tc.want)
		}
	}
}

func TestLiveUnavailable(t *testing.T) {
	if capture.LiveAvailable {
		t.Skip("this build captures live")
	}
	for _, args := range [][]string{{"-i", "lo"}, {"--list-interfaces"}} {
		var out, errb bytes.Buffer
		code := run(args, nil, &out, &errb)
		if code != 1 || !strings.Contains(errb.String(), "-tags pcap") {
			t.Errorf("run(%q): exit %d, stderr %q", args, code, errb.String())
		}
	}
}
