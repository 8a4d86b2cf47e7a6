#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing
#open	2016-06-16-21-07-04
#fields	ts	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	dialect	session_id	client_signing	server_signing	signing_required	auth	user	domain	workstation	guest	anonymous	setup_status	signed_msgs	unsigned_msgs	encrypted_msgs	outcome	reasons	input	transport	smb_version	dialects_offered	client_security_mode	server_security_mode	signing_algorithm	cipher	server_name	ntlm_version	krb_realm	krb_sname	krb_etype	ntlm_flags	mechs_offered	session_flags	signed_negotiation_msgs	exempt_msgs	unexpected_unsigned_msgs	unsigned_samples	setup_frame	first_frame	last_frame	share_encrypt	reauthentications	anomalies
#types	time	string	addr	port	addr	port	string	string	string	enum	enum	bool	enum	string	string	string	bool	bool	string	count	count	count	enum	vector[string]	string	enum	enum	vector[string]	string	string	string	string	string	string	string	string	string	set[string]	vector[string]	string	count	count	count	vector[string]	count	count	count	bool	count	vector[string]
1466111224.449844	CxqDcX3hLldNGchIIm	10.3.1.2	56746	10.3.1.1	445	1:ViOPJcPUJzo4+qEqRhCr+W+yQT8=	2.0.2	0x000000002a16df11	enabled	enabled	F	ntlmssp	(empty)	BUILDER	(empty)	T	F	STATUS_SUCCESS	0	458	0	unsigned	neither client nor server requires signing: SMB2/3 then does not sign,guest session: no user key\x2c so the session is not signed,all 458 messages after setup unsigned	testdata/pcaps/public/suricata-verify/smb2-peter.pcap	direct	smb2	2.0.2	0x01	0x01	-	-	builder	v2	-	-	-	-	-	0x0001	0	0	0	39 client TREE_CONNECT,40 server TREE_CONNECT STATUS_SUCCESS,41 client CREATE,42 server CREATE STATUS_SUCCESS,43 client QUERY_INFO,44 server QUERY_INFO STATUS_SUCCESS,45 client QUERY_INFO,46 server QUERY_INFO STATUS_SUCCESS	38	34	791	-	-	-
#close	2016-06-16-21-07-24
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_findings
#open	2016-06-16-21-07-04
#fields	ts	finding	severity	subject	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	description	evidence.input	evidence.count	evidence.first_seen	evidence.last_seen	evidence.uids	evidence.frames	evidence.session_id	evidence.user	evidence.dialect	evidence.security_mode	evidence.messages	evidence.detail	evidence.truncated	remediation.summary	remediation.group_policy	remediation.registry	remediation.powershell	remediation.samba	remediation.reference
#types	time	enum	enum	string	string	addr	port	addr	port	string	string	string	count	time	time	vector[string]	vector[count]	string	string	string	string	vector[string]	string	bool	string	string	string	string	string	string
1466111224.449844	guest_session	medium	10.3.1.2 -> 10.3.1.1 session 0x000000002a16df11	CxqDcX3hLldNGchIIm	10.3.1.2	56746	10.3.1.1	445	1:ViOPJcPUJzo4+qEqRhCr+W+yQT8=	a guest session was established: it cannot be signed	testdata/pcaps/public/suricata-verify/smb2-peter.pcap	1	1466111224.449844	1466111244.379964	CxqDcX3hLldNGchIIm	38	0x000000002a16df11	BUILDER\\	2.0.2	-	-	-	-	Avoid guest access; give users accounts. Requiring signing on the client blocks guest sessions.	"Lanman Workstation: Enable insecure guest logons" = Disabled (Computer Configuration\\Administrative Templates\\Network\\Lanman Workstation)	-	Set-SmbClientConfiguration -EnableInsecureGuestLogons $false -Force	map to guest = Never; guest ok = no	Microsoft: Control SMB signing behavior
1466111214.413477	server_signing_not_required	high	10.3.1.1	CxqDcX3hLldNGchIIm	10.3.1.2	56746	10.3.1.1	445	1:ViOPJcPUJzo4+qEqRhCr+W+yQT8=	the server does not require SMB signing: an NTLM relay target	testdata/pcaps/public/suricata-verify/smb2-peter.pcap	1	1466111214.413477	1466111244.422364	CxqDcX3hLldNGchIIm	32	-	-	2.0.2	0x01	-	-	-	Require signing on the server. For SMB2/3 only 'required' matters: a session is signed when either side requires it; 'if client agrees' affects SMB1 only.	"Microsoft network server: Digitally sign communications (always)" = Enabled (Computer Configuration\\Windows Settings\\Security Settings\\Local Policies\\Security Options)	HKLM\\System\\CurrentControlSet\\Services\\LanManServer\\Parameters\\RequireSecuritySignature = 1 (REG_DWORD); EnableSecuritySignature is ignored by SMB2 and later	Set-SmbServerConfiguration -RequireSecuritySignature $true -Force; check with Get-SmbServerConfiguration | FL RequireSecuritySignature	server signing = mandatory	Microsoft: Overview of Server Message Block signing
1466111214.413477	client_signing_not_required	medium	10.3.1.2	CxqDcX3hLldNGchIIm	10.3.1.2	56746	10.3.1.1	445	1:ViOPJcPUJzo4+qEqRhCr+W+yQT8=	the client does not require SMB signing: its sessions are signed only if the server requires it	testdata/pcaps/public/suricata-verify/smb2-peter.pcap	1	1466111214.413477	1466111244.422364	CxqDcX3hLldNGchIIm	12	-	-	2.0.2	0x01	-	-	-	Require signing on the client, so its sessions are signed whatever the server's setting.	"Microsoft network client: Digitally sign communications (always)" = Enabled (Computer Configuration\\Windows Settings\\Security Settings\\Local Policies\\Security Options)	HKLM\\System\\CurrentControlSet\\Services\\LanManWorkstation\\Parameters\\RequireSecuritySignature = 1 (REG_DWORD); EnableSecuritySignature is ignored by SMB2 and later	Set-SmbClientConfiguration -RequireSecuritySignature $true -Force; check with Get-SmbClientConfiguration | FL RequireSecuritySignature	client signing = required	Microsoft: Overview of Server Message Block signing
#close	2016-06-16-21-07-24
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_hosts
#open	2016-06-16-21-06-54
#fields	ts	host	role	posture	names	dialects	signing_required	negotiations	negotiations_not_requiring	smb1_offered	smb1_used	encryption_seen	connections	peers	sessions	sessions_signed	sessions_unsigned	sessions_encrypted	sessions_mixed	sessions_failed	sessions_unknown	sessions_guest	sessions_anonymous	users	first_seen	last_seen
#types	time	addr	enum	enum	set[string]	set[string]	enum	count	count	bool	bool	bool	count	count	count	count	count	count	count	count	count	count	count	set[string]	time	time
1466111214.413477	10.3.1.1	server	relay-target	builder	2.0.2	no	1	1	F	F	F	1	1	1	0	1	0	0	0	0	1	0	(empty)	1466111214.413477	1466111244.422364
1466111214.413477	10.3.1.2	client	signs-only-if-server-requires	(empty)	2.0.2	no	1	1	F	F	F	1	1	1	0	1	0	0	0	0	1	0	(empty)	1466111214.413477	1466111244.422364
#close	2016-06-16-21-07-24
