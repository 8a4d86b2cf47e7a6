//go:build pcap && cgo

package capture

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"
)

// Live on the loopback interface: it opens with the default filter (or
// its form without VLANs), reports the interface, and stops on
// cancellation. The end-to-end test with replayed traffic is in
// cmd/smbscope (TestLiveCapture).
func TestLiveLoopback(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("live capture needs root (CAP_NET_RAW)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	st, err := Live(ctx, LiveConfig{Interfaces: []string{"lo"}, Filter: DefaultFilter, Promisc: false}, &recorder{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Interfaces) != 1 || st.Interfaces[0].Name != "lo" {
		t.Errorf("interfaces %+v", st.Interfaces)
	}
}

func TestLiveOpenErrors(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("live capture needs root (CAP_NET_RAW)")
	}
	_, err := Live(context.Background(), LiveConfig{Interfaces: []string{"lo"}, Filter: "tcp port"}, &recorder{}, Options{})
	if err == nil || !strings.Contains(err.Error(), "filter") {
		t.Errorf("bad filter: %v", err)
	}
	_, err = Live(context.Background(), LiveConfig{Interfaces: []string{"lo", "smbscope-no-such-if0"}}, &recorder{}, Options{})
	if err == nil || !strings.Contains(err.Error(), "smbscope-no-such-if0") {
		t.Errorf("missing interface: %v", err)
	}
	ifs, err := ListInterfaces()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, i := range ifs {
		found = found || i.Name == "lo"
	}
	if !found {
		t.Errorf("lo not listed: %+v", ifs)
	}
}
