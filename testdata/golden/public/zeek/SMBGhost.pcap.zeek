#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing
#open	2020-03-11-15-19-20
#fields	ts	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	dialect	session_id	client_signing	server_signing	signing_required	auth	user	domain	workstation	guest	anonymous	setup_status	signed_msgs	unsigned_msgs	encrypted_msgs	outcome	reasons	input	transport	smb_version	dialects_offered	client_security_mode	server_security_mode	signing_algorithm	cipher	server_name	ntlm_version	krb_realm	krb_sname	krb_etype	ntlm_flags	mechs_offered	session_flags	signed_negotiation_msgs	exempt_msgs	unexpected_unsigned_msgs	unsigned_samples	setup_frame	first_frame	last_frame	share_encrypt	reauthentications	anomalies
#types	time	string	addr	port	addr	port	string	string	string	enum	enum	bool	enum	string	string	string	bool	bool	string	count	count	count	enum	vector[string]	string	enum	enum	vector[string]	string	string	string	string	string	string	string	string	string	set[string]	vector[string]	string	count	count	count	vector[string]	count	count	count	bool	count	vector[string]
1583939960.205534	CKnKvpR1kf1xhzhPCe	10.0.0.1	54780	10.0.0.133	445	1:/h1snADv2MBcMmPz0eeLwurmaSc=	3.1.1	-	enabled	enabled	F	unknown	-	-	-	F	F	-	0	0	0	failed	NEGOTIATE completed but no SESSION_SETUP followed: the client gave up (signing or dialect mismatch is a common cause)	testdata/pcaps/public/zeek/SMBGhost.pcap	direct	smb2	2.0.2,2.1,0x0222,0x0224,3.0,3.0.2,0x0310,3.1.1	0x01	0x01	-	-	-	-	-	-	-	-	-	-	0	0	0	-	-	1	9	-	-	-
#close	2020-03-11-15-19-20
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_findings
#open	2020-03-11-15-19-20
#fields	ts	finding	severity	subject	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	description	evidence.input	evidence.count	evidence.first_seen	evidence.last_seen	evidence.uids	evidence.frames	evidence.session_id	evidence.user	evidence.dialect	evidence.security_mode	evidence.messages	evidence.detail	evidence.truncated	remediation.summary	remediation.group_policy	remediation.registry	remediation.powershell	remediation.samba	remediation.reference
#types	time	enum	enum	string	string	addr	port	addr	port	string	string	string	count	time	time	vector[string]	vector[count]	string	string	string	string	vector[string]	string	bool	string	string	string	string	string	string
1583939960.205534	server_signing_not_required	high	10.0.0.133	CKnKvpR1kf1xhzhPCe	10.0.0.1	54780	10.0.0.133	445	1:/h1snADv2MBcMmPz0eeLwurmaSc=	the server does not require SMB signing: an NTLM relay target	testdata/pcaps/public/zeek/SMBGhost.pcap	1	1583939960.205534	1583939960.208080	CKnKvpR1kf1xhzhPCe	5	-	-	3.1.1	0x01	-	-	-	Require signing on the server. For SMB2/3 only 'required' matters: a session is signed when either side requires it; 'if client agrees' affects SMB1 only.	"Microsoft network server: Digitally sign communications (always)" = Enabled (Computer Configuration\\Windows Settings\\Security Settings\\Local Policies\\Security Options)	HKLM\\System\\CurrentControlSet\\Services\\LanManServer\\Parameters\\RequireSecuritySignature = 1 (REG_DWORD); EnableSecuritySignature is ignored by SMB2 and later	Set-SmbServerConfiguration -RequireSecuritySignature $true -Force; check with Get-SmbServerConfiguration | FL RequireSecuritySignature	server signing = mandatory	Microsoft: Overview of Server Message Block signing
1583939960.205534	client_signing_not_required	medium	10.0.0.1	CKnKvpR1kf1xhzhPCe	10.0.0.1	54780	10.0.0.133	445	1:/h1snADv2MBcMmPz0eeLwurmaSc=	the client does not require SMB signing: its sessions are signed only if the server requires it	testdata/pcaps/public/zeek/SMBGhost.pcap	1	1583939960.205534	1583939960.208080	CKnKvpR1kf1xhzhPCe	4	-	-	3.1.1	0x01	-	-	-	Require signing on the client, so its sessions are signed whatever the server's setting.	"Microsoft network client: Digitally sign communications (always)" = Enabled (Computer Configuration\\Windows Settings\\Security Settings\\Local Policies\\Security Options)	HKLM\\System\\CurrentControlSet\\Services\\LanManWorkstation\\Parameters\\RequireSecuritySignature = 1 (REG_DWORD); EnableSecuritySignature is ignored by SMB2 and later	Set-SmbClientConfiguration -RequireSecuritySignature $true -Force; check with Get-SmbClientConfiguration | FL RequireSecuritySignature	client signing = required	Microsoft: Overview of Server Message Block signing
#close	2020-03-11-15-19-20
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_hosts
#open	2020-03-11-15-19-20
#fields	ts	host	role	posture	names	dialects	signing_required	negotiations	negotiations_not_requiring	smb1_offered	smb1_used	encryption_seen	connections	peers	sessions	sessions_signed	sessions_unsigned	sessions_encrypted	sessions_mixed	sessions_failed	sessions_unknown	sessions_guest	sessions_anonymous	users	first_seen	last_seen
#types	time	addr	enum	enum	set[string]	set[string]	enum	count	count	bool	bool	bool	count	count	count	count	count	count	count	count	count	count	count	set[string]	time	time
1583939960.205534	10.0.0.133	server	relay-target	(empty)	3.1.1	no	1	1	F	F	F	1	1	0	0	0	0	0	0	0	0	0	(empty)	1583939960.205534	1583939960.208080
1583939960.205534	10.0.0.1	client	signs-only-if-server-requires	(empty)	3.1.1	no	1	1	F	F	F	1	1	0	0	0	0	0	0	0	0	0	(empty)	1583939960.205534	1583939960.208080
#close	2020-03-11-15-19-20
