package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestTunnelsMatchPlainCaptures checks that SMB inside each tunnel of
// testdata/pcaps/tunnels (VXLAN, Geneve, GRE, ERSPAN I/II/III, MPLS, PPPoE)
// gives the records of the plain capture it was made from, line for line:
// connections are tracked by their inner addresses, so uids and Community
// IDs match, and frame numbers match because every packet was wrapped
// where it stood. Only the input name differs.
func TestTunnelsMatchPlainCaptures(t *testing.T) {
	repoRoot(t)
	sources := map[string]string{
		"s05": "testdata/pcaps/samba/s05_smb311_defaults_user.pcap",
		"s06": "testdata/pcaps/samba/s06_smb210_srvmand_ipv6_user.pcap",
	}
	tunnels, err := filepath.Glob("testdata/pcaps/tunnels/*.pcap")
	if err != nil {
		t.Fatal(err)
	}
	if len(tunnels) < 8 {
		t.Fatalf("found %d tunnel captures, want 8", len(tunnels))
	}
	for _, path := range tunnels {
		t.Run(filepath.Base(path), func(t *testing.T) {
			src := sources[strings.SplitN(filepath.Base(path), "_", 2)[0]]
			if src == "" {
				t.Fatalf("no source capture known for %s", path)
			}
			want, _, code := analyseFile(t, src)
			if code != 0 {
				t.Fatalf("%s: exit code %d", src, code)
			}
			got, stderr, code := analyseFile(t, path)
			if code != 0 {
				t.Fatalf("exit code %d: %s", code, stderr)
			}
			w, g := records(t, want), records(t, got)
			if len(w) != len(g) {
				t.Fatalf("%d records, the plain capture gives %d", len(g), len(w))
			}
			sessions := 0
			for i := range w {
				if g[i]["type"] == "session" {
					sessions++
					if g[i]["community_id"] == nil || g[i]["uid"] == nil {
						t.Errorf("record %d has no uid or community_id", i)
					}
				}
				if ev, ok := g[i]["evidence"].(map[string]any); ok {
					delete(ev, "input")
					delete(w[i]["evidence"].(map[string]any), "input")
				}
				delete(g[i], "input")
				delete(w[i], "input")
			}
			if sessions == 0 {
				t.Fatal("no session record: the tunnel was not decapsulated")
			}
			if a, b := jsonLines(t, w), jsonLines(t, g); a != b {
				t.Errorf("records differ from %s:\n%s", src, lineDiff(a, b))
			}
		})
	}
}

// jsonLines renders decoded records again, one per line, keys sorted.
func jsonLines(t *testing.T, recs []map[string]any) string {
	t.Helper()
	var b strings.Builder
	for _, r := range recs {
		line, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	return b.String()
}
