#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing
#open	2025-09-26-05-01-39
#fields	ts	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	dialect	session_id	client_signing	server_signing	signing_required	auth	user	domain	workstation	guest	anonymous	setup_status	signed_msgs	unsigned_msgs	encrypted_msgs	outcome	reasons	input	transport	smb_version	dialects_offered	client_security_mode	server_security_mode	signing_algorithm	cipher	server_name	ntlm_version	krb_realm	krb_sname	krb_etype	ntlm_flags	mechs_offered	session_flags	signed_negotiation_msgs	exempt_msgs	unexpected_unsigned_msgs	unsigned_samples	setup_frame	first_frame	last_frame	share_encrypt	reauthentications	anomalies
#types	time	string	addr	port	addr	port	string	string	string	enum	enum	bool	enum	string	string	string	bool	bool	string	count	count	count	enum	vector[string]	string	enum	enum	vector[string]	string	string	string	string	string	string	string	string	string	set[string]	vector[string]	string	count	count	count	vector[string]	count	count	count	bool	count	vector[string]
1758862899.000000	CIpkzqjvJ4JxkH2Rei	10.0.0.2	23574	10.0.0.1	445	1:PvkYWg7bqbBd5svPC55LWHSCrZ0=	LANMAN2.1	-	required	disabled	F	unknown	-	-	-	F	F	-	0	0	0	failed	NEGOTIATE completed but no SESSION_SETUP followed: the client gave up (signing or dialect mismatch is a common cause)	testdata/pcaps/public/zeek/cifs_negotiate_lanman.pcap	direct	smb1	PC NETWORK PROGRAM 1.0,LANMAN1.0,LM1.2X002,LANMAN2.1	-	-	-	-	-	-	-	-	-	-	-	-	0	0	0	-	-	1	7	-	-	-
#close	2025-09-26-05-01-39
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_findings
#open	2025-09-26-05-01-39
#fields	ts	finding	severity	subject	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	description	evidence.input	evidence.count	evidence.first_seen	evidence.last_seen	evidence.uids	evidence.frames	evidence.session_id	evidence.user	evidence.dialect	evidence.security_mode	evidence.messages	evidence.detail	evidence.truncated	remediation.summary	remediation.group_policy	remediation.registry	remediation.powershell	remediation.samba	remediation.reference
#types	time	enum	enum	string	string	addr	port	addr	port	string	string	string	count	time	time	vector[string]	vector[count]	string	string	string	string	vector[string]	string	bool	string	string	string	string	string	string
1758862899.000000	smb1_negotiated	high	10.0.0.1	CIpkzqjvJ4JxkH2Rei	10.0.0.2	23574	10.0.0.1	445	1:PvkYWg7bqbBd5svPC55LWHSCrZ0=	SMB1 was negotiated: deprecated, weak (MD5) signing governed by the 'if agrees' settings	testdata/pcaps/public/zeek/cifs_negotiate_lanman.pcap	1	1758862899.000000	1758862899.060000	CIpkzqjvJ4JxkH2Rei	6	-	-	LANMAN2.1	-	-	-	-	Disable SMB1 on the server.	-	-	Set-SmbServerConfiguration -EnableSMB1Protocol $false -Force; Disable-WindowsOptionalFeature -Online -FeatureName SMB1Protocol	server min protocol = SMB2_02	-
1758862899.000000	smb1_offered	low	10.0.0.2	CIpkzqjvJ4JxkH2Rei	10.0.0.2	23574	10.0.0.1	445	1:PvkYWg7bqbBd5svPC55LWHSCrZ0=	the client still offers SMB1 dialects	testdata/pcaps/public/zeek/cifs_negotiate_lanman.pcap	1	1758862899.000000	1758862899.060000	CIpkzqjvJ4JxkH2Rei	4	-	-	LANMAN2.1	-	-	-	-	Remove SMB1 from the client.	-	-	Disable-WindowsOptionalFeature -Online -FeatureName SMB1Protocol	client min protocol = SMB2_02	-
#close	2025-09-26-05-01-39
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_hosts
#open	2025-09-26-05-01-39
#fields	ts	host	role	posture	names	dialects	signing_required	negotiations	negotiations_not_requiring	smb1_offered	smb1_used	encryption_seen	connections	peers	sessions	sessions_signed	sessions_unsigned	sessions_encrypted	sessions_mixed	sessions_failed	sessions_unknown	sessions_guest	sessions_anonymous	users	first_seen	last_seen
#types	time	addr	enum	enum	set[string]	set[string]	enum	count	count	bool	bool	bool	count	count	count	count	count	count	count	count	count	count	count	set[string]	time	time
1758862899.000000	10.0.0.1	server	smb1	(empty)	LANMAN2.1	unknown	0	0	T	T	F	1	1	0	0	0	0	0	0	0	0	0	(empty)	1758862899.000000	1758862899.060000
1758862899.000000	10.0.0.2	client	smb1	(empty)	LANMAN2.1	yes	1	0	T	T	F	1	1	0	0	0	0	0	0	0	0	0	(empty)	1758862899.000000	1758862899.060000
#close	2025-09-26-05-01-39
