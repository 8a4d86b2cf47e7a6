// Package capture reads packets (pcap and pcapng files, gzip-compressed or
// not, standard input), decodes link, network and transport layers, and
// reassembles TCP per direction. It hands each connection's byte streams to a
// Handler that it defines here and knows nothing else about: capture never
// interprets TCP payloads, and never imports the packages that do.
package capture

import (
	"net/netip"
	"time"
)

// Direction tells which side of a connection sent bytes.
type Direction uint8

const (
	// FromClient is the connection's initiator (the SYN sender when the
	// handshake was captured).
	FromClient Direction = 0
	// FromServer is the responder.
	FromServer Direction = 1
)

func (d Direction) String() string {
	if d == FromServer {
		return "server"
	}
	return "client"
}

// Meta locates a packet in its input: evidence users can open in Wireshark.
type Meta struct {
	Frame uint64    // 1-based packet number in the input, as Wireshark counts
	Time  time.Time // capture timestamp
}

// Flow is a TCP connection, client first.
type Flow struct {
	Client netip.AddrPort
	Server netip.AddrPort
}

// ConnInfo describes a new connection to the Handler.
type ConnInfo struct {
	Flow  Flow
	Start Meta // first packet of the connection seen in the input
	// SawSYN reports that the handshake was captured, so the roles in Flow
	// are certain. Without it, the responder is the side on port 445 or 139,
	// else the lower port, else the receiver of the first packet.
	SawSYN bool
}

// CloseReason says why a connection's streams ended.
type CloseReason uint8

const (
	CloseFIN      CloseReason = iota // both directions closed with FIN
	CloseRST                         // reset
	CloseIdle                        // idle longer than the configured timeout
	CloseEndInput                    // input ended with the connection open
	CloseEvicted                     // dropped to respect a state limit
)

func (r CloseReason) String() string {
	switch r {
	case CloseFIN:
		return "fin"
	case CloseRST:
		return "rst"
	case CloseIdle:
		return "idle"
	case CloseEvicted:
		return "evicted"
	default:
		return "end_of_input"
	}
}

// Handler receives every TCP connection seen in the input.
type Handler interface {
	// Open is called once per connection, at its first packet. A nil Stream
	// means the handler is not interested; capture then ignores the
	// connection's packets until it ends.
	Open(c ConnInfo) Stream
}

// Stream receives one connection's reassembled bytes, in order per direction.
// Calls for one Stream never overlap.
type Stream interface {
	// Data delivers the next in-order bytes of dir, all from the single
	// packet m. data is valid only during the call. Returning false tells
	// capture that the handler has lost interest in the connection.
	Data(dir Direction, data []byte, m Meta) bool
	// Gap reports n bytes of dir that will never be delivered (lost,
	// snaplen-truncated or never captured) just before the next Data of
	// dir; n is -1 when the size is unknown.
	Gap(dir Direction, n int, m Meta)
	// Close ends the connection; no call follows it.
	Close(m Meta, reason CloseReason)
}
