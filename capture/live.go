//go:build pcap && cgo

package capture

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/google/gopacket/pcap"
)

// LiveAvailable reports whether this build can capture live.
const LiveAvailable = true

// readTimeout is libpcap's packet buffer timeout: how long a read waits
// for packets before returning, so that a reader notices a stop request and
// sends partly filled batches.
const readTimeout = 100 * time.Millisecond

// pcapSource captures on one interface through libpcap.
type pcapSource struct {
	name string
	h    *pcap.Handle
	link uint32
}

func openLive(name string, cfg LiveConfig) (liveSource, error) {
	ih, err := pcap.NewInactiveHandle(name)
	if err != nil {
		return nil, err
	}
	defer ih.CleanUp()
	for _, set := range []func() error{
		func() error { return ih.SetSnapLen(cfg.SnapLen) },
		func() error { return ih.SetPromisc(cfg.Promisc) },
		func() error { return ih.SetTimeout(readTimeout) },
		func() error {
			if cfg.BufferSize > 0 {
				return ih.SetBufferSize(cfg.BufferSize)
			}
			return nil
		},
	} {
		if err := set(); err != nil {
			return nil, err
		}
	}
	h, err := ih.Activate()
	if err != nil {
		return nil, err
	}
	link := uint32(h.LinkType())
	if _, ok := firstLayer(link); !ok {
		h.Close()
		return nil, fmt.Errorf("link type %d (%s) cannot be decoded", link, h.LinkType())
	}
	if err := setFilter(h, cfg.Filter); err != nil {
		h.Close()
		return nil, err
	}
	return &pcapSource{name: name, h: h, link: link}, nil
}

// setFilter applies filter, and for the default filter falls back to its
// form without VLANs on link types that have none.
func setFilter(h *pcap.Handle, filter string) error {
	if filter == "" {
		return nil
	}
	err := h.SetBPFFilter(filter)
	if err != nil && filter == DefaultFilter {
		err = h.SetBPFFilter(defaultFilterNoVLAN)
	}
	if err != nil {
		return fmt.Errorf("filter %q: %w", filter, err)
	}
	return nil
}

func (s *pcapSource) close() { s.h.Close() }

func (s *pcapSource) report(rep *ifaceReport) {
	if st, err := s.h.Stats(); err == nil {
		rep.set(InterfaceStats{Name: s.name, Received: uint64(st.PacketsReceived),
			Dropped: uint64(st.PacketsDropped), IfDropped: uint64(st.PacketsIfDropped)})
	}
}

func (s *pcapSource) run(stop <-chan struct{}, pool *batchPool, out chan<- *packetBatch, rep *ifaceReport) error {
	defer s.h.Close()
	var b *packetBatch
	send := func() {
		if b != nil && len(b.pkts) > 0 {
			out <- b
			b = nil
		}
	}
	var drainUntil time.Time
	lastReport := time.Now()
	for {
		if b == nil {
			b = pool.get()
		}
		data, ci, err := s.h.ZeroCopyReadPacketData()
		now := time.Now()
		switch {
		case err == nil:
			if !b.fits(len(data)) {
				send()
				if b == nil {
					b = pool.get()
				}
			}
			if b.add(data, ci.Length, s.link, ci.Timestamp, now) {
				send()
			}
		case errors.Is(err, pcap.NextErrorTimeoutExpired):
			send()
			if !drainUntil.IsZero() {
				// Everything captured before the stop has been read.
				s.report(rep)
				return nil
			}
		default:
			send()
			s.report(rep)
			if err == io.EOF {
				err = errors.New("the capture ended")
			}
			return fmt.Errorf("capture: %s: %w", s.name, err)
		}
		if b != nil && b.due(now) {
			send()
		}
		if drainUntil.IsZero() {
			select {
			case <-stop:
				drainUntil = now.Add(drainFor)
			default:
			}
		} else if now.After(drainUntil) {
			send()
			s.report(rep)
			return nil
		}
		if now.Sub(lastReport) >= time.Second {
			s.report(rep)
			lastReport = now
		}
	}
}

// ListInterfaces lists the devices libpcap can capture on.
func ListInterfaces() ([]Interface, error) {
	devs, err := pcap.FindAllDevs()
	if err != nil {
		return nil, err
	}
	out := make([]Interface, 0, len(devs))
	for _, d := range devs {
		ifc := Interface{Name: d.Name, Description: d.Description}
		for _, a := range d.Addresses {
			ifc.Addresses = append(ifc.Addresses, a.IP.String())
		}
		out = append(out, ifc)
	}
	return out, nil
}
