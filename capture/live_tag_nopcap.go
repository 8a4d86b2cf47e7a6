//go:build !pcap

package capture

const pcapTag = false
