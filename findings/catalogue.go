// Package findings turns session results into findings and writes both as
// records. It owns the finding catalogue (names, severities, wording and
// remediation from Microsoft's SMB signing guidance), the rules, the
// deduplication of host findings, and every output format.
package findings

// Severity ranks a finding.
type Severity string

const (
	Info     Severity = "info"
	Low      Severity = "low"
	Medium   Severity = "medium"
	High     Severity = "high"
	Critical Severity = "critical"
)

// Remediation tells the user how to fix a finding, in the terms of the
// Group Policy setting, registry value, PowerShell and Samba option.
type Remediation struct {
	Summary     string `json:"summary"`
	GroupPolicy string `json:"group_policy,omitempty"`
	Registry    string `json:"registry,omitempty"`
	PowerShell  string `json:"powershell,omitempty"`
	Samba       string `json:"samba,omitempty"`
	Reference   string `json:"reference,omitempty"`
}

// Kind describes one finding of the catalogue.
type Kind struct {
	Name        string
	Severity    Severity
	Description string
	Remediation Remediation
}

const (
	policyPath       = `Computer Configuration\Windows Settings\Security Settings\Local Policies\Security Options`
	signingOverview  = "Microsoft: Overview of Server Message Block signing"
	serverPolicy     = `"Microsoft network server: Digitally sign communications (always)" = Enabled (` + policyPath + `)`
	clientPolicy     = `"Microsoft network client: Digitally sign communications (always)" = Enabled (` + policyPath + `)`
	serverRegistry   = `HKLM\System\CurrentControlSet\Services\LanManServer\Parameters\RequireSecuritySignature = 1 (REG_DWORD); EnableSecuritySignature is ignored by SMB2 and later`
	clientRegistry   = `HKLM\System\CurrentControlSet\Services\LanManWorkstation\Parameters\RequireSecuritySignature = 1 (REG_DWORD); EnableSecuritySignature is ignored by SMB2 and later`
	serverPowerShell = `Set-SmbServerConfiguration -RequireSecuritySignature $true -Force; check with Get-SmbServerConfiguration | FL RequireSecuritySignature`
	clientPowerShell = `Set-SmbClientConfiguration -RequireSecuritySignature $true -Force; check with Get-SmbClientConfiguration | FL RequireSecuritySignature`
)

// The catalogue. Names are part of the output contract.
var (
	ServerSigningNotRequired = Kind{
		Name:        "server_signing_not_required",
		Severity:    High,
		Description: "the server does not require SMB signing: an NTLM relay target",
		Remediation: Remediation{
			Summary:     "Require signing on the server. For SMB2/3 only 'required' matters: a session is signed when either side requires it; 'if client agrees' affects SMB1 only.",
			GroupPolicy: serverPolicy,
			Registry:    serverRegistry,
			PowerShell:  serverPowerShell,
			Samba:       "server signing = mandatory",
			Reference:   signingOverview,
		},
	}
	ClientSigningNotRequired = Kind{
		Name:        "client_signing_not_required",
		Severity:    Medium,
		Description: "the client does not require SMB signing: its sessions are signed only if the server requires it",
		Remediation: Remediation{
			Summary:     "Require signing on the client, so its sessions are signed whatever the server's setting.",
			GroupPolicy: clientPolicy,
			Registry:    clientRegistry,
			PowerShell:  clientPowerShell,
			Samba:       "client signing = required",
			Reference:   signingOverview,
		},
	}
	UnsignedSession = Kind{
		Name:        "unsigned_session",
		Severity:    High,
		Description: "an authenticated session ran unsigned and unencrypted: its traffic can be altered or hijacked",
		Remediation: Remediation{
			Summary:     "Require signing on the server or the client (either suffices for SMB2/3), or require encryption. Prefer Kerberos: connect by computer name, not IP address or CNAME.",
			GroupPolicy: serverPolicy + "; or " + clientPolicy,
			Registry:    serverRegistry + "; or " + clientRegistry,
			PowerShell:  serverPowerShell + "; or " + clientPowerShell,
			Samba:       "server signing = mandatory (server) or client signing = required (client)",
			Reference:   signingOverview,
		},
	}
	SigningRequiredButUnsigned = Kind{
		Name:        "signing_required_but_unsigned",
		Severity:    Critical,
		Description: "signing was required on the connection, yet an authenticated session carried unsigned messages",
		Remediation: Remediation{
			Summary:   "Signing was negotiated as required but messages went unsigned: a sign of tampering (signature stripping) or an implementation defect. Examine the frames given as evidence, update both ends, and consider requiring encryption.",
			Reference: signingOverview,
		},
	}
	GuestFallback = Kind{
		Name:        "guest_fallback",
		Severity:    High,
		Description: "a logon as a named user was answered as guest: guest sessions cannot sign, so the client talks to an unauthenticated server",
		Remediation: Remediation{
			Summary:     "Disable insecure guest logons on clients (requiring client signing also blocks them) and stop mapping failed logons to guest on the server.",
			GroupPolicy: `"Lanman Workstation: Enable insecure guest logons" = Disabled (Computer Configuration\Administrative Templates\Network\Lanman Workstation); ` + clientPolicy,
			Registry:    `HKLM\System\CurrentControlSet\Services\LanmanWorkstation\Parameters\AllowInsecureGuestAuth = 0 (REG_DWORD)`,
			PowerShell:  `Set-SmbClientConfiguration -EnableInsecureGuestLogons $false -Force`,
			Samba:       "map to guest = Never",
			Reference:   "Microsoft: Control SMB signing behavior",
		},
	}
	GuestSession = Kind{
		Name:        "guest_session",
		Severity:    Medium,
		Description: "a guest session was established: it cannot be signed",
		Remediation: Remediation{
			Summary:     "Avoid guest access; give users accounts. Requiring signing on the client blocks guest sessions.",
			GroupPolicy: `"Lanman Workstation: Enable insecure guest logons" = Disabled (Computer Configuration\Administrative Templates\Network\Lanman Workstation)`,
			PowerShell:  `Set-SmbClientConfiguration -EnableInsecureGuestLogons $false -Force`,
			Samba:       "map to guest = Never; guest ok = no",
			Reference:   "Microsoft: Control SMB signing behavior",
		},
	}
	AnonymousSession = Kind{
		Name:        "anonymous_session",
		Severity:    Medium,
		Description: "an anonymous (null) session was established: it cannot be signed",
		Remediation: Remediation{
			Summary:     "Restrict anonymous access to shares and named pipes.",
			GroupPolicy: `"Network access: Restrict anonymous access to Named Pipes and Shares" = Enabled; "Network access: Do not allow anonymous enumeration of SAM accounts and shares" = Enabled (` + policyPath + `)`,
			Registry:    `HKLM\System\CurrentControlSet\Services\LanManServer\Parameters\RestrictNullSessAccess = 1; HKLM\System\CurrentControlSet\Control\Lsa\RestrictAnonymous = 1`,
			Samba:       "restrict anonymous = 2",
		},
	}
	SMB1Negotiated = Kind{
		Name:        "smb1_negotiated",
		Severity:    High,
		Description: "SMB1 was negotiated: deprecated, weak (MD5) signing governed by the 'if agrees' settings",
		Remediation: Remediation{
			Summary:    "Disable SMB1 on the server.",
			PowerShell: `Set-SmbServerConfiguration -EnableSMB1Protocol $false -Force; Disable-WindowsOptionalFeature -Online -FeatureName SMB1Protocol`,
			Samba:      "server min protocol = SMB2_02",
		},
	}
	SMB1Offered = Kind{
		Name:        "smb1_offered",
		Severity:    Low,
		Description: "the client still offers SMB1 dialects",
		Remediation: Remediation{
			Summary:    "Remove SMB1 from the client.",
			PowerShell: `Disable-WindowsOptionalFeature -Online -FeatureName SMB1Protocol`,
			Samba:      "client min protocol = SMB2_02",
		},
	}
	NTLMAuthentication = Kind{
		Name:        "ntlm_authentication",
		Severity:    Low,
		Description: "a client authenticated to the server with NTLM instead of Kerberos: the session key, and so signing, is only as strong as NTLM",
		Remediation: Remediation{
			Summary:   "Use Kerberos: connect to shares by computer name, not by IP address or a DNS CNAME (both fall back to NTLM). Give servers alternate names with 'netdom computername SERVER /add:ALIAS' instead of CNAME records.",
			Reference: "Microsoft: Overview of Server Message Block signing; Control SMB signing behavior",
		},
	}
	NTLMv1Authentication = Kind{
		Name:        "ntlmv1_authentication",
		Severity:    High,
		Description: "NTLMv1 (or LM) was used: its responses can be cracked or relayed and its session keys are weak",
		Remediation: Remediation{
			Summary:     "Refuse LM and NTLMv1 everywhere.",
			GroupPolicy: `"Network security: LAN Manager authentication level" = "Send NTLMv2 response only. Refuse LM & NTLM" (` + policyPath + `)`,
			Registry:    `HKLM\System\CurrentControlSet\Control\Lsa\LmCompatibilityLevel = 5 (REG_DWORD)`,
			Samba:       "ntlm auth = ntlmv2-only (server); client ntlmv2 auth = yes (client)",
		},
	}
	SignatureMismatch = Kind{
		Name:        "signature_mismatch",
		Severity:    Critical,
		Description: "a signed message does not carry the signature of its session's key: it was altered in transit",
		Remediation: Remediation{
			Summary:   "Treat the connection as tampered with: find the device between client and server (a relay, a proxy, a compromised switch or host) and the frames given as evidence. Require signing on both sides, or encryption, so that altered messages are refused.",
			Reference: "MS-SMB2 3.1.4.1 and 3.1.5.1 (signing and verifying a message)",
		},
	}
	InvalidSignature = Kind{
		Name:        "invalid_signature",
		Severity:    High,
		Description: "a server answered STATUS_INVALID_SIGNATURE (0xC000A000): a message failed signature verification",
		Remediation: Remediation{
			Summary:   "Either the message was altered in transit or one side does not sign correctly (often a third-party server that does not support signing). Examine the frames; enable signing on the third-party server rather than disabling it on clients.",
			Reference: "Microsoft: Control SMB signing behavior",
		},
	}
)

// Catalogue lists every finding kind, for documentation and tests.
var Catalogue = []Kind{
	ServerSigningNotRequired, ClientSigningNotRequired, UnsignedSession,
	SigningRequiredButUnsigned, GuestFallback, GuestSession, AnonymousSession,
	SMB1Negotiated, SMB1Offered, InvalidSignature, NTLMAuthentication,
	NTLMv1Authentication, SignatureMismatch,
}
