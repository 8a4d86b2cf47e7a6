#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing
#open	2006-12-12-21-20-11
#fields	ts	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	dialect	session_id	client_signing	server_signing	signing_required	auth	user	domain	workstation	guest	anonymous	setup_status	signed_msgs	unsigned_msgs	encrypted_msgs	outcome	reasons	input	transport	smb_version	dialects_offered	client_security_mode	server_security_mode	signing_algorithm	cipher	server_name	ntlm_version	krb_realm	krb_sname	krb_etype	ntlm_flags	mechs_offered	session_flags	signed_negotiation_msgs	exempt_msgs	unexpected_unsigned_msgs	unsigned_samples	setup_frame	first_frame	last_frame	share_encrypt	reauthentications	anomalies
#types	time	string	addr	port	addr	port	string	string	string	enum	enum	bool	enum	string	string	string	bool	bool	string	count	count	count	enum	vector[string]	string	enum	enum	vector[string]	string	string	string	string	string	string	string	string	string	set[string]	vector[string]	string	count	count	count	vector[string]	count	count	count	bool	count	vector[string]
1165958411.822000	CGRA9DQFki6h7CLZK1	10.24.64.228	1227	10.24.8.44	445	1:utnHVyc1Lq+sAYRA78w5xcPDxKM=	NT LM 0.12	0x0000000000000800	required	enabled	T	kerberos	-	-	-	F	F	STATUS_SUCCESS	0	0	0	unknown	SMB1: server signing enabled\x2c client signing required,no messages after session setup captured	testdata/pcaps/public/zeek/smb_gssapi.pcap	direct	smb1	PC NETWORK PROGRAM 1.0,LANMAN1.0,Windows for Workgroups 3.1a,LM1.2X002,LANMAN2.1,NT LM 0.12	-	0x07	-	-	-	-	HOUSING.HKSARG	cifs/EDISK03A.housing.hksarg	rc4-hmac	-	ms-kerberos,ntlmssp	-	0	0	0	-	8	7	8	-	-	-
#close	2006-12-12-21-20-11
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_findings
#open	2006-12-12-21-20-11
#fields	ts	finding	severity	subject	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	description	evidence.input	evidence.count	evidence.first_seen	evidence.last_seen	evidence.uids	evidence.frames	evidence.session_id	evidence.user	evidence.dialect	evidence.security_mode	evidence.messages	evidence.detail	evidence.truncated	remediation.summary	remediation.group_policy	remediation.registry	remediation.powershell	remediation.samba	remediation.reference
#types	time	enum	enum	string	string	addr	port	addr	port	string	string	string	count	time	time	vector[string]	vector[count]	string	string	string	string	vector[string]	string	bool	string	string	string	string	string	string
1165958411.822000	server_signing_not_required	high	10.24.8.44	CGRA9DQFki6h7CLZK1	10.24.64.228	1227	10.24.8.44	445	1:utnHVyc1Lq+sAYRA78w5xcPDxKM=	the server does not require SMB signing: an NTLM relay target	testdata/pcaps/public/zeek/smb_gssapi.pcap	1	1165958411.822000	1165958411.837625	CGRA9DQFki6h7CLZK1	5	-	-	NT LM 0.12	0x07	-	-	-	Require signing on the server. For SMB2/3 only 'required' matters: a session is signed when either side requires it; 'if client agrees' affects SMB1 only.	"Microsoft network server: Digitally sign communications (always)" = Enabled (Computer Configuration\\Windows Settings\\Security Settings\\Local Policies\\Security Options)	HKLM\\System\\CurrentControlSet\\Services\\LanManServer\\Parameters\\RequireSecuritySignature = 1 (REG_DWORD); EnableSecuritySignature is ignored by SMB2 and later	Set-SmbServerConfiguration -RequireSecuritySignature $true -Force; check with Get-SmbServerConfiguration | FL RequireSecuritySignature	server signing = mandatory	Microsoft: Overview of Server Message Block signing
1165958411.822000	smb1_negotiated	high	10.24.8.44	CGRA9DQFki6h7CLZK1	10.24.64.228	1227	10.24.8.44	445	1:utnHVyc1Lq+sAYRA78w5xcPDxKM=	SMB1 was negotiated: deprecated, weak (MD5) signing governed by the 'if agrees' settings	testdata/pcaps/public/zeek/smb_gssapi.pcap	1	1165958411.822000	1165958411.837625	CGRA9DQFki6h7CLZK1	5	-	-	NT LM 0.12	-	-	-	-	Disable SMB1 on the server.	-	-	Set-SmbServerConfiguration -EnableSMB1Protocol $false -Force; Disable-WindowsOptionalFeature -Online -FeatureName SMB1Protocol	server min protocol = SMB2_02	-
1165958411.822000	smb1_offered	low	10.24.64.228	CGRA9DQFki6h7CLZK1	10.24.64.228	1227	10.24.8.44	445	1:utnHVyc1Lq+sAYRA78w5xcPDxKM=	the client still offers SMB1 dialects	testdata/pcaps/public/zeek/smb_gssapi.pcap	1	1165958411.822000	1165958411.837625	CGRA9DQFki6h7CLZK1	4	-	-	NT LM 0.12	-	-	-	-	Remove SMB1 from the client.	-	-	Disable-WindowsOptionalFeature -Online -FeatureName SMB1Protocol	client min protocol = SMB2_02	-
#close	2006-12-12-21-20-11
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_hosts
#open	2006-12-12-21-20-11
#fields	ts	host	role	posture	names	dialects	signing_required	negotiations	negotiations_not_requiring	smb1_offered	smb1_used	encryption_seen	connections	peers	sessions	sessions_signed	sessions_unsigned	sessions_encrypted	sessions_mixed	sessions_failed	sessions_unknown	sessions_guest	sessions_anonymous	users	first_seen	last_seen
#types	time	addr	enum	enum	set[string]	set[string]	enum	count	count	bool	bool	bool	count	count	count	count	count	count	count	count	count	count	count	set[string]	time	time
1165958411.822000	10.24.8.44	server	relay-target	(empty)	NT LM 0.12	no	1	1	T	T	F	1	1	1	0	0	0	0	0	1	0	0	(empty)	1165958411.822000	1165958411.837625
1165958411.822000	10.24.64.228	client	smb1	(empty)	NT LM 0.12	yes	1	0	T	T	F	1	1	1	0	0	0	0	0	1	0	0	(empty)	1165958411.822000	1165958411.837625
#close	2006-12-12-21-20-11
