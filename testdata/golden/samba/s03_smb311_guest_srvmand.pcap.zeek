#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing
#open	2026-11-21-20-38-14
#fields	ts	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	dialect	session_id	client_signing	server_signing	signing_required	auth	user	domain	workstation	guest	anonymous	setup_status	signed_msgs	unsigned_msgs	encrypted_msgs	outcome	reasons	input	transport	smb_version	dialects_offered	client_security_mode	server_security_mode	signing_algorithm	cipher	server_name	ntlm_version	krb_realm	krb_sname	krb_etype	ntlm_flags	mechs_offered	session_flags	signed_negotiation_msgs	exempt_msgs	unexpected_unsigned_msgs	unsigned_samples	setup_frame	first_frame	last_frame	share_encrypt	reauthentications	anomalies
#types	time	string	addr	port	addr	port	string	string	string	enum	enum	bool	enum	string	string	string	bool	bool	string	count	count	count	enum	vector[string]	string	enum	enum	vector[string]	string	string	string	string	string	string	string	string	string	set[string]	vector[string]	string	count	count	count	vector[string]	count	count	count	bool	count	vector[string]
1795293494.346387	Cflu3qZiYhOyliEZmr	198.51.100.20	42448	198.51.100.10	445	1:ekpEOe5wTQr4oPG+aWw1/OK10nU=	3.1.1	0x00000000ad8744cc	enabled	required	T	ntlmssp	eve	DEVNET	DEVPC7	T	F	STATUS_SUCCESS	0	60	0	unsigned	server require(s) signing: an authenticated session must sign,guest session: no user key\x2c so the session is not signed,all 60 messages after setup unsigned	testdata/pcaps/samba/s03_smb311_guest_srvmand.pcap	direct	smb2	2.0.2,2.1,3.0,3.0.2,3.1.1	0x01	0x03	AES-GMAC	AES-128-GCM	vm	v2	-	-	-	SIGN,KEY_EXCH,ALWAYS_SIGN	ntlmssp	0x0001	0	1	0	12 client TREE_CONNECT,13 server TREE_CONNECT STATUS_SUCCESS,14 client IOCTL,15 server IOCTL STATUS_NOT_FOUND,16 client TREE_DISCONNECT,17 server TREE_DISCONNECT STATUS_SUCCESS,18 client TREE_CONNECT,19 server TREE_CONNECT STATUS_SUCCESS	11	8	85	-	-	-
#close	2026-11-21-20-38-14
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_findings
#open	2026-11-21-20-38-14
#fields	ts	finding	severity	subject	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	description	evidence.input	evidence.count	evidence.first_seen	evidence.last_seen	evidence.uids	evidence.frames	evidence.session_id	evidence.user	evidence.dialect	evidence.security_mode	evidence.messages	evidence.detail	evidence.truncated	remediation.summary	remediation.group_policy	remediation.registry	remediation.powershell	remediation.samba	remediation.reference
#types	time	enum	enum	string	string	addr	port	addr	port	string	string	string	count	time	time	vector[string]	vector[count]	string	string	string	string	vector[string]	string	bool	string	string	string	string	string	string
1795293494.346387	guest_fallback	high	198.51.100.20 -> 198.51.100.10 session 0x00000000ad8744cc	Cflu3qZiYhOyliEZmr	198.51.100.20	42448	198.51.100.10	445	1:ekpEOe5wTQr4oPG+aWw1/OK10nU=	a logon as a named user was answered as guest: guest sessions cannot sign, so the client talks to an unauthenticated server	testdata/pcaps/samba/s03_smb311_guest_srvmand.pcap	1	1795293494.346387	1795293494.357446	Cflu3qZiYhOyliEZmr	11	0x00000000ad8744cc	DEVNET\\eve	3.1.1	-	-	logon as DEVNET\\eve answered as guest	-	Disable insecure guest logons on clients (requiring client signing also blocks them) and stop mapping failed logons to guest on the server.	"Lanman Workstation: Enable insecure guest logons" = Disabled (Computer Configuration\\Administrative Templates\\Network\\Lanman Workstation); "Microsoft network client: Digitally sign communications (always)" = Enabled (Computer Configuration\\Windows Settings\\Security Settings\\Local Policies\\Security Options)	HKLM\\System\\CurrentControlSet\\Services\\LanmanWorkstation\\Parameters\\AllowInsecureGuestAuth = 0 (REG_DWORD)	Set-SmbClientConfiguration -EnableInsecureGuestLogons $false -Force	map to guest = Never	Microsoft: Control SMB signing behavior
1795293494.338894	client_signing_not_required	medium	198.51.100.20	Cflu3qZiYhOyliEZmr	198.51.100.20	42448	198.51.100.10	445	1:ekpEOe5wTQr4oPG+aWw1/OK10nU=	the client does not require SMB signing: its sessions are signed only if the server requires it	testdata/pcaps/samba/s03_smb311_guest_srvmand.pcap	1	1795293494.338894	1795293494.358175	Cflu3qZiYhOyliEZmr	4	-	-	3.1.1	0x01	-	-	-	Require signing on the client, so its sessions are signed whatever the server's setting.	"Microsoft network client: Digitally sign communications (always)" = Enabled (Computer Configuration\\Windows Settings\\Security Settings\\Local Policies\\Security Options)	HKLM\\System\\CurrentControlSet\\Services\\LanManWorkstation\\Parameters\\RequireSecuritySignature = 1 (REG_DWORD); EnableSecuritySignature is ignored by SMB2 and later	Set-SmbClientConfiguration -RequireSecuritySignature $true -Force; check with Get-SmbClientConfiguration | FL RequireSecuritySignature	client signing = required	Microsoft: Overview of Server Message Block signing
#close	2026-11-21-20-38-14
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_hosts
#open	2026-11-21-20-38-14
#fields	ts	host	role	posture	names	dialects	signing_required	negotiations	negotiations_not_requiring	smb1_offered	smb1_used	encryption_seen	connections	peers	sessions	sessions_signed	sessions_unsigned	sessions_encrypted	sessions_mixed	sessions_failed	sessions_unknown	sessions_guest	sessions_anonymous	users	first_seen	last_seen
#types	time	addr	enum	enum	set[string]	set[string]	enum	count	count	bool	bool	bool	count	count	count	count	count	count	count	count	count	count	count	set[string]	time	time
1795293494.338894	198.51.100.10	server	requires-signing	vm	3.1.1	yes	1	0	F	F	F	1	1	1	0	1	0	0	0	0	1	0	DEVNET\\eve	1795293494.338894	1795293494.358175
1795293494.338894	198.51.100.20	client	signs-only-if-server-requires	DEVPC7	3.1.1	no	1	1	F	F	F	1	1	1	0	1	0	0	0	0	1	0	DEVNET\\eve	1795293494.338894	1795293494.358175
#close	2026-11-21-20-38-14
