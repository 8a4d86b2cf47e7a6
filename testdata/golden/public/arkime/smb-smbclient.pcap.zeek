#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing
#open	2013-12-19-23-13-08
#fields	ts	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	dialect	session_id	client_signing	server_signing	signing_required	auth	user	domain	workstation	guest	anonymous	setup_status	signed_msgs	unsigned_msgs	encrypted_msgs	outcome	reasons	input	transport	smb_version	dialects_offered	client_security_mode	server_security_mode	signing_algorithm	cipher	server_name	ntlm_version	krb_realm	krb_sname	krb_etype	ntlm_flags	mechs_offered	session_flags	signed_negotiation_msgs	exempt_msgs	unexpected_unsigned_msgs	unsigned_samples	setup_frame	first_frame	last_frame	share_encrypt	reauthentications	anomalies
#types	time	string	addr	port	addr	port	string	string	string	enum	enum	bool	enum	string	string	string	bool	bool	string	count	count	count	enum	vector[string]	string	enum	enum	vector[string]	string	string	string	string	string	string	string	string	string	set[string]	vector[string]	string	count	count	count	vector[string]	count	count	count	bool	count	vector[string]
1387494788.143261	CdL1Y85OgR6Uyqh3sD	127.0.0.1	41823	127.0.0.1	445	1:XipISkp35L7t47uOIP6tFb6wvUM=	NT LANMAN 1.0	0x0000000000000000	unknown	disabled	F	unknown	user	WORKGROUP	-	T	F	STATUS_SUCCESS	0	0	0	unknown	SMB1: server signing disabled\x2c client signing unknown,guest session: no user key\x2c so the session is not signed,no messages after session setup captured	testdata/pcaps/public/arkime/smb-smbclient.pcap	direct	smb1	PC NETWORK PROGRAM 1.0,MICROSOFT NETWORKS 1.03,MICROSOFT NETWORKS 3.0,LANMAN1.0,LM1.2X002,DOS LANMAN2.1,LANMAN2.1,Samba,NT LANMAN 1.0,NT LM 0.12	-	0x02	-	-	-	-	-	-	-	-	-	-	0	0	0	-	9	8	9	-	-	-
#close	2013-12-19-23-13-11
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_findings
#open	2013-12-19-23-13-08
#fields	ts	finding	severity	subject	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	description	evidence.input	evidence.count	evidence.first_seen	evidence.last_seen	evidence.uids	evidence.frames	evidence.session_id	evidence.user	evidence.dialect	evidence.security_mode	evidence.messages	evidence.detail	evidence.truncated	remediation.summary	remediation.group_policy	remediation.registry	remediation.powershell	remediation.samba	remediation.reference
#types	time	enum	enum	string	string	addr	port	addr	port	string	string	string	count	time	time	vector[string]	vector[count]	string	string	string	string	vector[string]	string	bool	string	string	string	string	string	string
1387494788.143261	guest_fallback	high	127.0.0.1 -> 127.0.0.1 session 0x0000000000000000	CdL1Y85OgR6Uyqh3sD	127.0.0.1	41823	127.0.0.1	445	1:XipISkp35L7t47uOIP6tFb6wvUM=	a logon as a named user was answered as guest: guest sessions cannot sign, so the client talks to an unauthenticated server	testdata/pcaps/public/arkime/smb-smbclient.pcap	1	1387494788.143261	1387494788.143416	CdL1Y85OgR6Uyqh3sD	9	0x0000000000000000	WORKGROUP\\user	NT LANMAN 1.0	-	-	logon as WORKGROUP\\user answered as guest	-	Disable insecure guest logons on clients (requiring client signing also blocks them) and stop mapping failed logons to guest on the server.	"Lanman Workstation: Enable insecure guest logons" = Disabled (Computer Configuration\\Administrative Templates\\Network\\Lanman Workstation); "Microsoft network client: Digitally sign communications (always)" = Enabled (Computer Configuration\\Windows Settings\\Security Settings\\Local Policies\\Security Options)	HKLM\\System\\CurrentControlSet\\Services\\LanmanWorkstation\\Parameters\\AllowInsecureGuestAuth = 0 (REG_DWORD)	Set-SmbClientConfiguration -EnableInsecureGuestLogons $false -Force	map to guest = Never	Microsoft: Control SMB signing behavior
1387494788.141593	server_signing_not_required	high	127.0.0.1	CdL1Y85OgR6Uyqh3sD	127.0.0.1	41823	127.0.0.1	445	1:XipISkp35L7t47uOIP6tFb6wvUM=	the server does not require SMB signing: an NTLM relay target	testdata/pcaps/public/arkime/smb-smbclient.pcap	1	1387494788.141593	1387494791.811338	CdL1Y85OgR6Uyqh3sD	6	-	-	NT LANMAN 1.0	0x02	-	-	-	Require signing on the server. For SMB2/3 only 'required' matters: a session is signed when either side requires it; 'if client agrees' affects SMB1 only.	"Microsoft network server: Digitally sign communications (always)" = Enabled (Computer Configuration\\Windows Settings\\Security Settings\\Local Policies\\Security Options)	HKLM\\System\\CurrentControlSet\\Services\\LanManServer\\Parameters\\RequireSecuritySignature = 1 (REG_DWORD); EnableSecuritySignature is ignored by SMB2 and later	Set-SmbServerConfiguration -RequireSecuritySignature $true -Force; check with Get-SmbServerConfiguration | FL RequireSecuritySignature	server signing = mandatory	Microsoft: Overview of Server Message Block signing
1387494788.141593	smb1_negotiated	high	127.0.0.1	CdL1Y85OgR6Uyqh3sD	127.0.0.1	41823	127.0.0.1	445	1:XipISkp35L7t47uOIP6tFb6wvUM=	SMB1 was negotiated: deprecated, weak (MD5) signing governed by the 'if agrees' settings	testdata/pcaps/public/arkime/smb-smbclient.pcap	1	1387494788.141593	1387494791.811338	CdL1Y85OgR6Uyqh3sD	6	-	-	NT LANMAN 1.0	-	-	-	-	Disable SMB1 on the server.	-	-	Set-SmbServerConfiguration -EnableSMB1Protocol $false -Force; Disable-WindowsOptionalFeature -Online -FeatureName SMB1Protocol	server min protocol = SMB2_02	-
1387494788.141593	smb1_offered	low	127.0.0.1	CdL1Y85OgR6Uyqh3sD	127.0.0.1	41823	127.0.0.1	445	1:XipISkp35L7t47uOIP6tFb6wvUM=	the client still offers SMB1 dialects	testdata/pcaps/public/arkime/smb-smbclient.pcap	1	1387494788.141593	1387494791.811338	CdL1Y85OgR6Uyqh3sD	4	-	-	NT LANMAN 1.0	-	-	-	-	Remove SMB1 from the client.	-	-	Disable-WindowsOptionalFeature -Online -FeatureName SMB1Protocol	client min protocol = SMB2_02	-
#close	2013-12-19-23-13-11
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_hosts
#open	2013-12-19-23-13-08
#fields	ts	host	role	posture	names	dialects	signing_required	negotiations	negotiations_not_requiring	smb1_offered	smb1_used	encryption_seen	connections	peers	sessions	sessions_signed	sessions_unsigned	sessions_encrypted	sessions_mixed	sessions_failed	sessions_unknown	sessions_guest	sessions_anonymous	users	first_seen	last_seen
#types	time	addr	enum	enum	set[string]	set[string]	enum	count	count	bool	bool	bool	count	count	count	count	count	count	count	count	count	count	count	set[string]	time	time
1387494788.141593	127.0.0.1	server	relay-target	(empty)	NT LANMAN 1.0	no	1	1	T	T	F	1	1	1	0	0	0	0	0	1	1	0	WORKGROUP\\user	1387494788.141593	1387494791.811338
1387494788.141593	127.0.0.1	client	smb1	(empty)	NT LANMAN 1.0	unknown	0	0	T	T	F	1	1	1	0	0	0	0	0	1	1	0	WORKGROUP\\user	1387494788.141593	1387494791.811338
#close	2013-12-19-23-13-11
