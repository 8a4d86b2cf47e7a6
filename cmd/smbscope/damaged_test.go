package main

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Damaged captures, end to end: the exact message on standard error, the
// exit status, and the records of what was read before the damage.

// pcapRecords returns the byte offset of every record of a little-endian
// classic pcap file, and its end.
func pcapRecords(t *testing.T, b []byte) []int {
	t.Helper()
	if binary.LittleEndian.Uint32(b) != 0xa1b2c3d4 {
		t.Fatal("not a little-endian microsecond pcap")
	}
	var offs []int
	for off := 24; off+16 <= len(b); off += 16 + int(binary.LittleEndian.Uint32(b[off+8:])) {
		offs = append(offs, off)
	}
	return offs
}

// toPcapng rewrites a little-endian classic pcap as pcapng, with a block of
// an unknown type before every packet.
func toPcapng(t *testing.T, pcap []byte) []byte {
	t.Helper()
	var out bytes.Buffer
	block := func(typ uint32, body []byte) {
		for len(body)%4 != 0 {
			body = append(body, 0)
		}
		var h [8]byte
		binary.LittleEndian.PutUint32(h[0:], typ)
		binary.LittleEndian.PutUint32(h[4:], uint32(12+len(body)))
		out.Write(h[:])
		out.Write(body)
		out.Write(h[4:8])
	}
	shb := make([]byte, 16)
	binary.LittleEndian.PutUint32(shb[0:], 0x1a2b3c4d)
	binary.LittleEndian.PutUint16(shb[4:], 1)
	binary.LittleEndian.PutUint64(shb[8:], ^uint64(0))
	block(0x0a0d0d0a, shb)
	idb := make([]byte, 12)
	binary.LittleEndian.PutUint16(idb[0:], uint16(binary.LittleEndian.Uint32(pcap[20:])))
	block(1, idb)
	offs := pcapRecords(t, pcap)
	for i, off := range offs {
		h := pcap[off : off+16]
		incl := binary.LittleEndian.Uint32(h[8:])
		ts := uint64(binary.LittleEndian.Uint32(h[0:]))*1e6 + uint64(binary.LittleEndian.Uint32(h[4:]))
		body := make([]byte, 20, 20+incl)
		binary.LittleEndian.PutUint32(body[4:], uint32(ts>>32))
		binary.LittleEndian.PutUint32(body[8:], uint32(ts))
		copy(body[12:20], h[8:16])
		body = append(body, pcap[off+16:off+16+int(incl)]...)
		block(0x00000BAD+uint32(i%3)*0x40000000, bytes.Repeat([]byte{byte(i)}, i%7)) // unknown and custom blocks
		block(6, body)
	}
	return out.Bytes()
}

func gzipped(t *testing.T, b []byte) []byte {
	t.Helper()
	var z bytes.Buffer
	w := gzip.NewWriter(&z)
	w.Write(b)
	w.Close()
	return z.Bytes()
}

var elapsed = regexp.MustCompile(` in [0-9]+\.[0-9]{2}s`)

// runDamaged runs smbscope on inputs written to a temporary directory
// (name → content; an empty name is a bundled capture path) and returns
// stdout, stderr with the directory written DIR and timings " in T", and
// the exit status.
func runDamaged(t *testing.T, inputs []string, files map[string][]byte, flags ...string) (string, string, int) {
	t.Helper()
	dir := t.TempDir()
	var args []string
	args = append(args, flags...)
	for _, in := range inputs {
		if b, ok := files[in]; ok {
			p := filepath.Join(dir, in)
			if err := os.WriteFile(p, b, 0o644); err != nil {
				t.Fatal(err)
			}
			in = p
		}
		args = append(args, in)
	}
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(""), &out, &errb)
	stderr := strings.ReplaceAll(errb.String(), dir, "DIR")
	return out.String(), elapsed.ReplaceAllString(stderr, " in T"), code
}

// sessionIDs lists the session records' input and session_id.
func sessionIDs(t *testing.T, out string) []string {
	t.Helper()
	var ids []string
	for _, r := range records(t, out) {
		if r["type"] == "session" {
			id, _ := r["session_id"].(string)
			ids = append(ids, filepath.Base(r["input"].(string))+" "+id)
		}
	}
	return ids
}

func TestDamagedCaptures(t *testing.T) {
	repoRoot(t)
	s05raw, err := os.ReadFile(s05)
	if err != nil {
		t.Fatal(err)
	}
	offs := pcapRecords(t, s05raw)
	// The offsets the messages below name.
	if len(offs) != 88 || offs[60] != 18934 || offs[39] != 12145 || len(s05raw) != 30572 {
		t.Fatalf("%d records in %s, 61st at %d, 40th at %d", len(offs), s05, offs[60], offs[39])
	}
	// Records 0-59 whole, the 61st cut in its data.
	cut := s05raw[:offs[60]+16+30]
	// The 61st record claims 100 MiB.
	giant := bytes.Clone(s05raw)
	binary.LittleEndian.PutUint32(giant[offs[60]+8:], 100<<20)
	// Link type 147 (USER0) in the file header.
	link := bytes.Clone(s05raw)
	binary.LittleEndian.PutUint32(link[20:], 147)
	// A zero-length record before every tenth one.
	var zero []byte
	zero = append(zero, s05raw[:24]...)
	for i, off := range offs {
		end := len(s05raw)
		if i+1 < len(offs) {
			end = offs[i+1]
		}
		if i%10 == 0 {
			var h [16]byte
			copy(h[:8], s05raw[off:off+8])
			zero = append(zero, h[:]...)
		}
		zero = append(zero, s05raw[off:end]...)
	}
	gz := gzipped(t, s05raw)
	// A gzip stream whose CRC does not match its data.
	badCRC := bytes.Clone(gz)
	badCRC[len(badCRC)-8] ^= 0xFF

	const s05Line = "smbscope: testdata/pcaps/samba/s05_smb311_defaults_user.pcap: 88 packets, 1 SMB connections, 1 sessions, 1 findings in T\n"
	const s03Line = "smbscope: testdata/pcaps/samba/s03_smb311_guest_srvmand.pcap: 88 packets, 1 SMB connections, 1 sessions, 1 findings in T\n"
	cases := []struct {
		name     string
		file     []byte
		code     int
		stderr   string
		sessions []string // session records of the damaged input
	}{{
		name: "cut.pcap", file: cut, code: 1,
		stderr: "smbscope: DIR/cut.pcap: 60 packets, 1 SMB connections, 1 sessions, 1 findings in T\n" +
			"smbscope: capture: DIR/cut.pcap: truncated record at byte offset 18934\n",
		sessions: []string{"cut.pcap 0x00000000be45b6ac"},
	}, {
		name: "notes.pcap", file: []byte("these are my notes, not a capture\n"), code: 1,
		stderr: "smbscope: capture: DIR/notes.pcap: not a pcap or pcapng file (magic 0x74686573)\n",
	}, {
		name: "empty.pcap", file: nil, code: 1,
		stderr: "smbscope: capture: DIR/empty.pcap: empty input\n",
	}, {
		name: "link.pcap", file: link, code: 1,
		stderr: "smbscope: DIR/link.pcap: 88 packets, 0 SMB connections, 0 sessions, 0 findings in T; 88 undecodable packets\n" +
			"smbscope: capture: DIR/link.pcap: link type 147 (first packet at byte offset 24) is not one smbscope decodes; all 88 packets skipped. Supported: Ethernet (1), Linux cooked (113, 276), BSD loopback (0, 108), raw IP (12, 14, 101, 228, 229)\n",
	}, {
		name: "giant.pcap", file: giant, code: 1,
		stderr: "smbscope: DIR/giant.pcap: 60 packets, 1 SMB connections, 1 sessions, 1 findings in T\n" +
			"smbscope: capture: DIR/giant.pcap: record at byte offset 18934 claims 104857600 captured bytes; the file is corrupt\n",
		sessions: []string{"giant.pcap 0x00000000be45b6ac"},
	}, {
		name: "zero.pcap", file: zero, code: 0,
		stderr:   "smbscope: DIR/zero.pcap: 97 packets, 1 SMB connections, 1 sessions, 1 findings in T; 9 undecodable packets\n",
		sessions: []string{"zero.pcap 0x00000000be45b6ac"},
	}, {
		name: "unknown-blocks.pcapng", file: toPcapng(t, s05raw), code: 0,
		stderr:   "smbscope: DIR/unknown-blocks.pcapng: 88 packets, 1 SMB connections, 1 sessions, 1 findings in T\n",
		sessions: []string{"unknown-blocks.pcapng 0x00000000be45b6ac"},
	}, {
		name: "cut.pcap.gz", file: gz[:len(gz)*2/3], code: 1,
		stderr: "smbscope: DIR/cut.pcap.gz: 39 packets, 1 SMB connections, 1 sessions, 1 findings in T; anomalies: message_incomplete 1\n" +
			"smbscope: capture: DIR/cut.pcap.gz: truncated record at byte offset 12145 of the decompressed data\n",
		sessions: []string{"cut.pcap.gz 0x00000000be45b6ac"},
	}, {
		name: "crc.pcap.gz", file: badCRC, code: 1,
		stderr: "smbscope: DIR/crc.pcap.gz: 88 packets, 1 SMB connections, 1 sessions, 1 findings in T\n" +
			"smbscope: capture: DIR/crc.pcap.gz: gzip data corrupt after byte offset 30572 of the decompressed data: gzip: invalid checksum\n",
		sessions: []string{"crc.pcap.gz 0x00000000be45b6ac"},
	}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, stderr, code := runDamaged(t, []string{tc.name, s03}, map[string][]byte{tc.name: tc.file})
			if code != tc.code {
				t.Errorf("exit %d, want %d", code, tc.code)
			}
			if want := tc.stderr + s03Line; stderr != want {
				t.Errorf("stderr:\n%s\nwant:\n%s", stderr, want)
			}
			want := append(append([]string(nil), tc.sessions...), "s03_smb311_guest_srvmand.pcap 0x00000000ad8744cc")
			if got := sessionIDs(t, out); strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("session records %q, want %q", got, want)
			}
		})
	}

	// Snap-length cuts are no error: the summary says how many packets
	// were cut, and the session is still read.
	out, stderr, code := runDamaged(t, []string{"testdata/pcaps/samba/s18_smb311_srvmand_snap150.pcap"}, nil)
	if want := "smbscope: testdata/pcaps/samba/s18_smb311_srvmand_snap150.pcap: 88 packets, 1 SMB connections, 1 sessions, 0 findings in T; 64 stream gaps, 64 packets cut by the snap length, anomalies: gap 64, negotiate_request_truncated 1, negotiate_response_truncated 1, session_setup_request_truncated 2, session_setup_response_truncated 1\n"; code != 0 || stderr != want {
		t.Errorf("snap150: exit %d, stderr\n%s\nwant\n%s", code, stderr, want)
	}
	if len(sessionIDs(t, out)) != 1 {
		t.Errorf("snap150: %q", sessionIDs(t, out))
	}

	// All of them in one run: every input is analysed in order, each
	// failure is reported, and the exit status is 1.
	var inputs []string
	files := map[string][]byte{}
	var wantErr strings.Builder
	for _, tc := range cases {
		inputs = append(inputs, tc.name)
		files[tc.name] = tc.file
		wantErr.WriteString(tc.stderr)
	}
	inputs = append(inputs, s05)
	wantErr.WriteString(s05Line)
	out, stderr, code = runDamaged(t, inputs, files)
	if code != 1 {
		t.Errorf("combined run: exit %d, want 1", code)
	}
	if stderr != wantErr.String() {
		t.Errorf("combined run: stderr\n%s\nwant\n%s", stderr, wantErr.String())
	}
	if got := sessionIDs(t, out); len(got) != 7 {
		t.Errorf("combined run: session records %q, want the 6 from damaged inputs and s05's", got)
	}
}
