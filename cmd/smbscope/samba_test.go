package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// expectCase is the part of a Samba case's expect.json this test checks
// (schema in testdata/pcaps/samba/README.md).
type expectCase struct {
	Case    string `json:"case"`
	Pcap    string `json:"pcap"`
	Summary []struct {
		SessionID             *string `json:"session_id"`
		Dialect               *string `json:"dialect"`
		Label                 string  `json:"label"`
		Protection            string  `json:"protection"`
		AuthKind              string  `json:"auth_kind"`
		ServerSigningRequired *bool   `json:"server_signing_required"`
		ClientSigningRequired *bool   `json:"client_signing_required"`
		Username              *string `json:"username"`
		SetupStatus           *string `json:"setup_status"`
	} `json:"summary"`
	Observed struct {
		Connections []struct {
			Sessions []struct {
				SessionID           string  `json:"session_id"`
				SignedAfterSetup    *int    `json:"signed_after_setup"`
				UnsignedAfterSetup  *int    `json:"unsigned_after_setup"`
				EncryptedMessages   *int    `json:"encrypted_messages"`
				NTLMSSPDomain       *string `json:"ntlmssp_domain"`
				NTLMSSPWorkstation  *string `json:"ntlmssp_workstation"`
				ClientSetupSecurity *struct {
					Raw string `json:"raw"`
				} `json:"client_setup_security_mode"`
			} `json:"sessions"`
		} `json:"connections"`
	} `json:"observed"`
}

// sessionIDOf converts expect.json's session id ("0x…" or "smb1-uid:N")
// to the record's form.
func sessionIDOf(t *testing.T, id string) string {
	if uid, ok := strings.CutPrefix(id, "smb1-uid:"); ok {
		n, err := strconv.ParseUint(uid, 10, 16)
		if err != nil {
			t.Fatalf("bad SMB1 uid %q", id)
		}
		return fmt.Sprintf("0x%016x", n)
	}
	return strings.ToLower(id)
}

// dialectOf converts expect.json's dialect names to the record's.
func dialectOf(d string) string {
	if rest, ok := strings.CutPrefix(d, "SMB1 "); ok {
		return rest
	}
	return strings.TrimPrefix(d, "SMB ")
}

func str(v any) string {
	if v == nil {
		return "<null>"
	}
	return fmt.Sprint(v)
}

// TestSambaGroundTruth checks every Samba case against the ground truth
// its expect.json records: per session the dialect, both signing modes,
// guest/anonymous, user, setup status and outcome.
func TestSambaGroundTruth(t *testing.T) {
	repoRoot(t)
	files, _ := filepath.Glob("testdata/pcaps/samba/*.expect.json")
	if len(files) < 20 {
		t.Fatalf("found %d Samba cases", len(files))
	}
	for _, file := range files {
		raw, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var ex expectCase
		if err := json.Unmarshal(raw, &ex); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		t.Run(ex.Case, func(t *testing.T) {
			out, stderr, code := analyseFile(t, filepath.Join("testdata/pcaps/samba", ex.Pcap))
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			bySession := map[string]map[string]any{}
			var sessions []map[string]any
			for _, r := range records(t, out) {
				if r["type"] == "session" {
					sessions = append(sessions, r)
					bySession[str(r["session_id"])] = r
				}
			}
			if len(sessions) != len(ex.Summary) {
				t.Errorf("%d session records, expect.json has %d sessions", len(sessions), len(ex.Summary))
			}
			for _, want := range ex.Summary {
				key := "<null>"
				if want.SessionID != nil {
					key = sessionIDOf(t, *want.SessionID)
				}
				got, ok := bySession[key]
				if !ok {
					t.Errorf("no session record with session_id %s", key)
					continue
				}
				check := func(field, wantV string) {
					t.Helper()
					if g := str(got[field]); g != wantV {
						t.Errorf("session %s: %s = %s, want %s", key, field, g, wantV)
					}
				}
				if want.Dialect != nil {
					check("dialect", dialectOf(*want.Dialect))
				} else {
					check("dialect", "<null>")
				}
				switch {
				case want.ServerSigningRequired == nil:
					check("server_signing", "unknown")
				case *want.ServerSigningRequired:
					check("server_signing", "required")
				default:
					if g := str(got["server_signing"]); g != "enabled" && g != "disabled" {
						t.Errorf("session %s: server_signing = %s, want enabled or disabled", key, g)
					}
				}
				if want.ClientSigningRequired != nil {
					if *want.ClientSigningRequired {
						check("client_signing", "required")
					} else if g := str(got["client_signing"]); g != "enabled" && g != "disabled" {
						t.Errorf("session %s: client_signing = %s, want enabled or disabled", key, g)
					}
				}
				guest, anon := "false", "false"
				switch want.AuthKind {
				case "guest":
					guest = "true"
				case "anonymous":
					anon = "true"
				}
				check("guest", guest)
				check("anonymous", anon)
				if want.AuthKind == "anonymous" {
					check("auth", "anonymous")
				}
				if want.Username != nil {
					check("user", *want.Username)
				} else {
					check("user", "<null>")
				}
				if want.SetupStatus != nil {
					check("setup_status", *want.SetupStatus)
				} else {
					check("setup_status", "<null>")
				}
				outcome := want.Protection
				switch {
				case want.Label == "no-session":
					outcome = "failed"
				case want.Protection == "none-observed":
					outcome = "unknown"
				}
				check("outcome", outcome)
			}
			// Domain, workstation and the SESSION_SETUP SecurityMode where
			// the capture shows them.
			for _, conn := range ex.Observed.Connections {
				for _, s := range conn.Sessions {
					got, ok := bySession[sessionIDOf(t, s.SessionID)]
					if !ok {
						continue
					}
					counts := []struct {
						field string
						want  *int
					}{{"signed_msgs", s.SignedAfterSetup}, {"unsigned_msgs", s.UnsignedAfterSetup}, {"encrypted_msgs", s.EncryptedMessages}}
					for _, c := range counts {
						if c.want != nil && str(got[c.field]) != strconv.Itoa(*c.want) {
							t.Errorf("session %s: %s = %s, want %d", s.SessionID, c.field, str(got[c.field]), *c.want)
						}
					}
					if s.NTLMSSPDomain != nil && str(got["domain"]) != *s.NTLMSSPDomain {
						t.Errorf("session %s: domain = %s, want %s", s.SessionID, str(got["domain"]), *s.NTLMSSPDomain)
					}
					if s.NTLMSSPWorkstation != nil && str(got["workstation"]) != *s.NTLMSSPWorkstation {
						t.Errorf("session %s: workstation = %s, want %s", s.SessionID, str(got["workstation"]), *s.NTLMSSPWorkstation)
					}
				}
			}
		})
	}
}
