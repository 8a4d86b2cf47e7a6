//go:build !pcap || !cgo

package capture

// LiveAvailable reports whether this build can capture live.
const LiveAvailable = false

// liveMissing says why this build cannot capture live.
var liveMissing = func() error {
	if pcapTag {
		return unavailable("live capture needs a cgo build with libpcap (this binary was built with CGO_ENABLED=0)")
	}
	return unavailable("live capture is not compiled in: build with -tags pcap (make build does, after installing libpcap-dev)")
}()

func openLive(string, LiveConfig) (liveSource, error) { return nil, liveMissing }

// ListInterfaces lists the devices libpcap can capture on.
func ListInterfaces() ([]Interface, error) { return nil, liveMissing }
