#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing
#open	2026-11-21-20-39-33
#fields	ts	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	dialect	session_id	client_signing	server_signing	signing_required	auth	user	domain	workstation	guest	anonymous	setup_status	signed_msgs	unsigned_msgs	encrypted_msgs	outcome	reasons	input	transport	smb_version	dialects_offered	client_security_mode	server_security_mode	signing_algorithm	cipher	server_name	ntlm_version	krb_realm	krb_sname	krb_etype	ntlm_flags	mechs_offered	session_flags	signed_negotiation_msgs	exempt_msgs	unexpected_unsigned_msgs	unsigned_samples	setup_frame	first_frame	last_frame	share_encrypt	reauthentications	anomalies
#types	time	string	addr	port	addr	port	string	string	string	enum	enum	bool	enum	string	string	string	bool	bool	string	count	count	count	enum	vector[string]	string	enum	enum	vector[string]	string	string	string	string	string	string	string	string	string	set[string]	vector[string]	string	count	count	count	vector[string]	count	count	count	bool	count	vector[string]
1795293573.921151	C7ET56o6Ht3Jd0kGQ9	198.51.100.20	42208	198.51.100.10	445	1:NVg91du3vcTVMt+DLi8hMWQhb6Y=	3.0	0x00000000f37ab9c5	enabled	enabled	F	ntlmssp	carol	DEVNET	(empty)	F	F	STATUS_SUCCESS	0	0	54	encrypted	neither client nor server requires signing: SMB2/3 then does not sign,54 encrypted messages (SMB3 transform)	testdata/pcaps/samba/s16_impacketcli_smbd_defaults_user.pcap	direct	smb1+smb2	2.0.2,2.1,3.0	0x01	0x01	-	-	vm	v2	-	-	-	-	ntlmssp	0x0000	0	0	0	-	13	10	78	-	-	-
#close	2026-11-21-20-39-34
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_findings
#open	2026-11-21-20-39-33
#fields	ts	finding	severity	subject	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	description	evidence.input	evidence.count	evidence.first_seen	evidence.last_seen	evidence.uids	evidence.frames	evidence.session_id	evidence.user	evidence.dialect	evidence.security_mode	evidence.messages	evidence.detail	evidence.truncated	remediation.summary	remediation.group_policy	remediation.registry	remediation.powershell	remediation.samba	remediation.reference
#types	time	enum	enum	string	string	addr	port	addr	port	string	string	string	count	time	time	vector[string]	vector[count]	string	string	string	string	vector[string]	string	bool	string	string	string	string	string	string
1795293573.911099	ntlm_authentication	low	198.51.100.20 -> 198.51.100.10	C7ET56o6Ht3Jd0kGQ9	198.51.100.20	42208	198.51.100.10	445	1:NVg91du3vcTVMt+DLi8hMWQhb6Y=	a client authenticated to the server with NTLM instead of Kerberos: the session key, and so signing, is only as strong as NTLM	testdata/pcaps/samba/s16_impacketcli_smbd_defaults_user.pcap	1	1795293573.911099	1795293574.301640	C7ET56o6Ht3Jd0kGQ9	13	-	-	3.0	-	-	user DEVNET\\carol, NTLMv2	-	Use Kerberos: connect to shares by computer name, not by IP address or a DNS CNAME (both fall back to NTLM). Give servers alternate names with 'netdom computername SERVER /add:ALIAS' instead of CNAME records.	-	-	-	-	Microsoft: Overview of Server Message Block signing; Control SMB signing behavior
1795293573.911099	server_signing_not_required	high	198.51.100.10	C7ET56o6Ht3Jd0kGQ9	198.51.100.20	42208	198.51.100.10	445	1:NVg91du3vcTVMt+DLi8hMWQhb6Y=	the server does not require SMB signing: an NTLM relay target	testdata/pcaps/samba/s16_impacketcli_smbd_defaults_user.pcap	1	1795293573.911099	1795293574.301640	C7ET56o6Ht3Jd0kGQ9	9	-	-	3.0	0x01	-	-	-	Require signing on the server. For SMB2/3 only 'required' matters: a session is signed when either side requires it; 'if client agrees' affects SMB1 only.	"Microsoft network server: Digitally sign communications (always)" = Enabled (Computer Configuration\\Windows Settings\\Security Settings\\Local Policies\\Security Options)	HKLM\\System\\CurrentControlSet\\Services\\LanManServer\\Parameters\\RequireSecuritySignature = 1 (REG_DWORD); EnableSecuritySignature is ignored by SMB2 and later	Set-SmbServerConfiguration -RequireSecuritySignature $true -Force; check with Get-SmbServerConfiguration | FL RequireSecuritySignature	server signing = mandatory	Microsoft: Overview of Server Message Block signing
1795293573.911099	client_signing_not_required	medium	198.51.100.20	C7ET56o6Ht3Jd0kGQ9	198.51.100.20	42208	198.51.100.10	445	1:NVg91du3vcTVMt+DLi8hMWQhb6Y=	the client does not require SMB signing: its sessions are signed only if the server requires it	testdata/pcaps/samba/s16_impacketcli_smbd_defaults_user.pcap	1	1795293573.911099	1795293574.301640	C7ET56o6Ht3Jd0kGQ9	8	-	-	3.0	0x01	-	-	-	Require signing on the client, so its sessions are signed whatever the server's setting.	"Microsoft network client: Digitally sign communications (always)" = Enabled (Computer Configuration\\Windows Settings\\Security Settings\\Local Policies\\Security Options)	HKLM\\System\\CurrentControlSet\\Services\\LanManWorkstation\\Parameters\\RequireSecuritySignature = 1 (REG_DWORD); EnableSecuritySignature is ignored by SMB2 and later	Set-SmbClientConfiguration -RequireSecuritySignature $true -Force; check with Get-SmbClientConfiguration | FL RequireSecuritySignature	client signing = required	Microsoft: Overview of Server Message Block signing
1795293573.911099	smb1_offered	low	198.51.100.20	C7ET56o6Ht3Jd0kGQ9	198.51.100.20	42208	198.51.100.10	445	1:NVg91du3vcTVMt+DLi8hMWQhb6Y=	the client still offers SMB1 dialects	testdata/pcaps/samba/s16_impacketcli_smbd_defaults_user.pcap	1	1795293573.911099	1795293574.301640	C7ET56o6Ht3Jd0kGQ9	8	-	-	3.0	-	-	-	-	Remove SMB1 from the client.	-	-	Disable-WindowsOptionalFeature -Online -FeatureName SMB1Protocol	client min protocol = SMB2_02	-
#close	2026-11-21-20-39-34
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_hosts
#open	2026-11-21-20-39-33
#fields	ts	host	role	posture	names	dialects	signing_required	negotiations	negotiations_not_requiring	smb1_offered	smb1_used	encryption_seen	connections	peers	sessions	sessions_signed	sessions_unsigned	sessions_encrypted	sessions_mixed	sessions_failed	sessions_unknown	sessions_guest	sessions_anonymous	users	first_seen	last_seen
#types	time	addr	enum	enum	set[string]	set[string]	enum	count	count	bool	bool	bool	count	count	count	count	count	count	count	count	count	count	count	set[string]	time	time
1795293573.911099	198.51.100.10	server	relay-target	vm	3.0	no	1	1	T	F	T	1	1	1	0	0	1	0	0	0	0	0	DEVNET\\carol	1795293573.911099	1795293574.301640
1795293573.911099	198.51.100.20	client	signs-only-if-server-requires	(empty)	3.0	no	1	1	T	F	T	1	1	1	0	0	1	0	0	0	0	0	DEVNET\\carol	1795293573.911099	1795293574.301640
#close	2026-11-21-20-39-34
