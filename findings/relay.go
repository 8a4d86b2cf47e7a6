package findings

import (
	"bufio"
	"io"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"time"
)

// RelayTargets returns the servers that did not require signing on at
// least one connection, sorted (IPv4 before IPv6) and without duplicates.
func RelayTargets(hosts []*HostRecord) []netip.Addr {
	var out []netip.Addr
	for _, h := range hosts {
		if h.RelayTarget() {
			out = append(out, h.Host)
		}
	}
	slices.SortFunc(out, netip.Addr.Compare)
	return slices.Compact(out)
}

// WriteRelayTargets writes the relay targets one address per line: the
// target-list format of ntlmrelayx.py -tf and of NetExec --gen-relay-list.
func WriteRelayTargets(w io.Writer, hosts []*HostRecord) error {
	bw := bufio.NewWriter(w)
	for _, a := range RelayTargets(hosts) {
		bw.WriteString(a.String())
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// IntelSource is the meta.source of the Zeek Intel file.
const IntelSource = "smbscope"

// WriteZeekIntel writes the relay targets as a Zeek Intel framework file:
// one Intel::ADDR indicator per server, with a description of what was
// seen. Load it with Intel::read_files (and frameworks/intel/seen) to get
// an intel.log entry whenever the server appears in traffic.
func WriteZeekIntel(w io.Writer, hosts []*HostRecord) error {
	byAddr := make(map[netip.Addr]*HostRecord)
	for _, h := range hosts {
		if h.RelayTarget() && byAddr[h.Host] == nil {
			byAddr[h.Host] = h
		}
	}
	bw := bufio.NewWriter(w)
	bw.WriteString("#fields\tindicator\tindicator_type\tmeta.source\tmeta.desc\n")
	for _, a := range RelayTargets(hosts) {
		h := byAddr[a]
		var line []byte
		line = append(line, a.String()...)
		line = append(line, "\tIntel::ADDR\t"...)
		line = appendZeekString(line, IntelSource, false)
		line = append(line, '\t')
		line = appendZeekString(line, intelDesc(h), false)
		line = append(line, '\n')
		bw.Write(line)
	}
	return bw.Flush()
}

func intelDesc(h *HostRecord) string {
	var b strings.Builder
	if h.SigningRequired == SigningMixed {
		b.WriteString("SMB server did not require signing on ")
		b.WriteString(strconv.Itoa(h.NotRequired))
		b.WriteString(" of ")
		b.WriteString(plural(h.Negotiations, "negotiation"))
	} else {
		b.WriteString("SMB server does not require signing")
	}
	b.WriteString(" (NTLM relay target); seen ")
	b.WriteString(plural(h.Connections, "connection"))
	b.WriteString(", first ")
	b.WriteString(time.Time(h.FirstSeen).UTC().Format("2006-01-02T15:04:05Z"))
	if len(h.Names) > 0 {
		b.WriteString("; names ")
		b.WriteString(strings.Join(h.Names, ", "))
	}
	return b.String()
}

func plural(n int, word string) string {
	s := strconv.Itoa(n) + " " + word
	if n != 1 {
		s += "s"
	}
	return s
}
