package findings

import (
	"bufio"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"
)

// TextWriter writes a report for people, at Close: what each input held,
// a table of servers and of clients, the findings grouped by severity
// (critical first) with how to fix them, and the relay targets. With color
// it uses ANSI colours; give color only when the output is a terminal.
type TextWriter struct {
	w        io.Writer
	color    bool
	inputs   []InputSummary
	sessions int
	outcomes map[string]int
	findings []FindingRecord
	hosts    []HostRecord
}

// NewTextWriter returns a TextWriter on w.
func NewTextWriter(w io.Writer, color bool) *TextWriter {
	return &TextWriter{w: w, color: color, outcomes: make(map[string]int)}
}

func (t *TextWriter) Session(r *SessionRecord) error {
	if r.SessionID != nil {
		t.sessions++
		t.outcomes[r.Outcome]++
	}
	return nil
}

func (t *TextWriter) Finding(r *FindingRecord) error {
	t.findings = append(t.findings, *r)
	return nil
}

func (t *TextWriter) Host(r *HostRecord) error {
	t.hosts = append(t.hosts, *r)
	return nil
}

func (t *TextWriter) Input(s *InputSummary) error {
	t.inputs = append(t.inputs, *s)
	return nil
}

// ANSI styles.
const (
	styleBold   = "\x1b[1m"
	styleDim    = "\x1b[2m"
	styleRed    = "\x1b[31m"
	styleBRed   = "\x1b[1;31m"
	styleGreen  = "\x1b[32m"
	styleYellow = "\x1b[33m"
	styleCyan   = "\x1b[36m"
	styleReset  = "\x1b[0m"
)

var severityOrder = []Severity{Critical, High, Medium, Low, Info}

func severityStyle(s Severity) string {
	switch s {
	case Critical:
		return styleBRed
	case High:
		return styleRed
	case Medium:
		return styleYellow
	case Low:
		return styleCyan
	}
	return styleDim
}

func valueStyle(v string) string {
	switch v {
	case PostureRelayTarget, SigningNo:
		return styleRed
	case PostureSignsIfServerRequires, PostureSMB1, SigningMixed:
		return styleYellow
	case PostureRequiresSigning, SigningYes:
		return styleGreen
	case PostureUnknown: // also SigningUnknown
		return styleDim
	}
	return ""
}

func (t *TextWriter) style(style, s string) string {
	if !t.color || style == "" {
		return s
	}
	return style + s + styleReset
}

func (t *TextWriter) Close() error {
	bw := bufio.NewWriter(t.w)
	p := func(parts ...string) {
		for _, s := range parts {
			bw.WriteString(s)
		}
		bw.WriteByte('\n')
	}
	p(t.style(styleBold, "smbscope report"))
	p()
	p(t.style(styleBold, "Inputs"))
	for _, in := range t.inputs {
		line := "  " + printable(in.Input) + ": " + plural(int(in.Packets), "packet") + ", " +
			plural(in.Connections, "SMB connection") + ", " + plural(in.Sessions, "session")
		if in.Err != "" {
			line += "; " + t.style(styleRed, "error: "+printable(in.Err))
		}
		p(line)
	}
	p()
	if t.sessions == 0 {
		p(t.style(styleBold, "Sessions"), ": none")
	} else {
		var parts []string
		for _, o := range []string{"signed", "encrypted", "unsigned", "mixed", "failed", "unknown"} {
			if n := t.outcomes[o]; n > 0 {
				parts = append(parts, strconv.Itoa(n)+" "+o)
			}
		}
		p(t.style(styleBold, "Sessions"), ": ", strconv.Itoa(t.sessions), " (", strings.Join(parts, ", "), ")")
	}
	for _, role := range []string{RoleServer, RoleClient} {
		t.hostTable(bw, role)
	}
	t.findingReport(bw)
	t.relayReport(bw)
	return bw.Flush()
}

func (t *TextWriter) hostTable(bw *bufio.Writer, role string) {
	var hosts []*HostRecord
	for i := range t.hosts {
		if t.hosts[i].Role == role {
			hosts = append(hosts, &t.hosts[i])
		}
	}
	title := "Servers"
	if role == RoleClient {
		title = "Clients"
	}
	bw.WriteString("\n" + t.style(styleBold, title) + " (" + strconv.Itoa(len(hosts)) + ")\n")
	if len(hosts) == 0 {
		return
	}
	header := []string{"ADDRESS", "NAMES", "SIGNING REQUIRED", "DIALECTS", "SESSIONS", "SIGNED", "UNSIGNED", "ENCRYPTED", "MIXED", "FAILED", "GUEST", "POSTURE"}
	numeric := []bool{false, false, false, false, true, true, true, true, true, true, true, false}
	rows := [][]string{header}
	for _, h := range hosts {
		names := "-"
		if len(h.Names) > 0 {
			names = shorten(printable(strings.Join(h.Names, ",")), 40)
		}
		dialects := "-"
		if len(h.Dialects) > 0 {
			dialects = printable(strings.Join(h.Dialects, ","))
		}
		rows = append(rows, []string{
			h.Host.String(), names, h.SigningRequired, dialects,
			strconv.Itoa(h.Sessions), strconv.Itoa(h.Signed), strconv.Itoa(h.Unsigned),
			strconv.Itoa(h.Encrypted), strconv.Itoa(h.Mixed), strconv.Itoa(h.Failed), strconv.Itoa(h.Guest), h.Posture,
		})
	}
	width := make([]int, len(header))
	for _, r := range rows {
		for i, c := range r {
			width[i] = max(width[i], utf8.RuneCountInString(c))
		}
	}
	for n, r := range rows {
		line := "  "
		for i, c := range r {
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(c))
			if i == len(r)-1 {
				pad = ""
			}
			styled := c
			switch {
			case n == 0:
				styled = t.style(styleDim, c)
			case i == 2 || i == len(r)-1:
				styled = t.style(valueStyle(c), c)
			}
			if numeric[i] {
				line += pad + styled
			} else {
				line += styled + pad
			}
			if i < len(r)-1 {
				line += "  "
			}
		}
		bw.WriteString(line + "\n")
	}
}

// maxSubjects caps the findings of one kind the report lists.
const maxSubjects = 10

func (t *TextWriter) findingReport(bw *bufio.Writer) {
	bySeverity := make(map[Severity]int)
	for _, f := range t.findings {
		bySeverity[f.Severity]++
	}
	var counts []string
	for _, s := range severityOrder {
		if n := bySeverity[s]; n > 0 {
			counts = append(counts, t.style(severityStyle(s), strconv.Itoa(n)+" "+string(s)))
		}
	}
	bw.WriteString("\n" + t.style(styleBold, "Findings") + ": " + strconv.Itoa(len(t.findings)))
	if len(counts) > 0 {
		bw.WriteString(" (" + strings.Join(counts, ", ") + ")")
	}
	bw.WriteString("\n")
	multiInput := len(t.inputs) > 1
	for _, sev := range severityOrder {
		// Kinds in the order they first appear.
		var kinds []string
		byKind := make(map[string][]*FindingRecord)
		for i := range t.findings {
			f := &t.findings[i]
			if f.Severity != sev {
				continue
			}
			if byKind[f.Finding] == nil {
				kinds = append(kinds, f.Finding)
			}
			byKind[f.Finding] = append(byKind[f.Finding], f)
		}
		if len(kinds) == 0 {
			continue
		}
		bw.WriteString("\n" + t.style(severityStyle(sev), strings.ToUpper(string(sev))) + "\n")
		for _, k := range kinds {
			fs := byKind[k]
			bw.WriteString("  " + t.style(styleBold, k) + " (" + strconv.Itoa(len(fs)) + "): " + printable(fs[0].Description) + "\n")
			for i, f := range fs {
				if i == maxSubjects {
					bw.WriteString("    … and " + strconv.Itoa(len(fs)-maxSubjects) + " more\n")
					break
				}
				bw.WriteString("    " + findingLine(f, multiInput) + "\n")
			}
			rem := fs[0].Remediation
			bw.WriteString("    " + t.style(styleGreen, "fix:") + " " + printable(rem.Summary) + "\n")
			if rem.PowerShell != "" {
				bw.WriteString("    " + t.style(styleDim, "powershell:") + " " + printable(rem.PowerShell) + "\n")
			}
			if rem.Samba != "" {
				bw.WriteString("    " + t.style(styleDim, "samba:") + " " + printable(rem.Samba) + "\n")
			}
		}
	}
}

// maxFrames caps the frame numbers shown for one finding.
const maxFrames = 8

func findingLine(f *FindingRecord, multiInput bool) string {
	var parts []string
	if f.Evidence.Count > 1 {
		parts = append(parts, plural(f.Evidence.Count, "connection"))
	} else if f.UID != "" {
		parts = append(parts, "uid "+printable(f.UID))
	}
	if f.Evidence.User != "" {
		parts = append(parts, "user "+printable(f.Evidence.User))
	}
	if len(f.Evidence.Frames) > 0 {
		var fr []string
		for i, n := range f.Evidence.Frames {
			if i == maxFrames {
				fr = append(fr, "…")
				break
			}
			fr = append(fr, strconv.FormatUint(n, 10))
		}
		label := "frames "
		if len(f.Evidence.Frames) == 1 {
			label = "frame "
		}
		parts = append(parts, label+strings.Join(fr, ","))
	}
	if multiInput && f.Evidence.Input != "" {
		parts = append(parts, "in "+printable(filepath.Base(f.Evidence.Input)))
	}
	s := printable(f.Subject)
	if len(parts) > 0 {
		s += " (" + strings.Join(parts, ", ") + ")"
	}
	return s
}

func (t *TextWriter) relayReport(bw *bufio.Writer) {
	hosts := make([]*HostRecord, len(t.hosts))
	for i := range t.hosts {
		hosts[i] = &t.hosts[i]
	}
	targets := RelayTargets(hosts)
	bw.WriteString("\n" + t.style(styleBold, "Relay targets") + ": ")
	if len(targets) == 0 {
		known := false
		for _, h := range hosts {
			known = known || (h.Role == RoleServer && h.Negotiations > 0)
		}
		if known {
			bw.WriteString("none: every server whose NEGOTIATE response was captured required signing\n")
		} else {
			bw.WriteString("none: no server's NEGOTIATE response was captured\n")
		}
		return
	}
	addrs := make([]string, len(targets))
	for i, a := range targets {
		addrs[i] = a.String()
	}
	bw.WriteString(plural(len(targets), "server") + " without required signing: " + t.style(styleRed, strings.Join(addrs, " ")) + "\n")
}

// printable escapes what a terminal would interpret: control characters
// and bytes that are not valid UTF-8 become \xNN.
func printable(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f || c >= utf8.RuneSelf {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b []byte
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || (r == utf8.RuneError && size == 1) {
			for j := i; j < i+size; j++ {
				b = appendHexEscape(b, s[j])
			}
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return string(b)
}

func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
