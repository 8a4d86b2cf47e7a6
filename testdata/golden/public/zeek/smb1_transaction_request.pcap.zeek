#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing
#open	2018-01-12-10-09-33
#fields	ts	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	dialect	session_id	client_signing	server_signing	signing_required	auth	user	domain	workstation	guest	anonymous	setup_status	signed_msgs	unsigned_msgs	encrypted_msgs	outcome	reasons	input	transport	smb_version	dialects_offered	client_security_mode	server_security_mode	signing_algorithm	cipher	server_name	ntlm_version	krb_realm	krb_sname	krb_etype	ntlm_flags	mechs_offered	session_flags	signed_negotiation_msgs	exempt_msgs	unexpected_unsigned_msgs	unsigned_samples	setup_frame	first_frame	last_frame	share_encrypt	reauthentications	anomalies
#types	time	string	addr	port	addr	port	string	string	string	enum	enum	bool	enum	string	string	string	bool	bool	string	count	count	count	enum	vector[string]	string	enum	enum	vector[string]	string	string	string	string	string	string	string	string	string	set[string]	vector[string]	string	count	count	count	vector[string]	count	count	count	bool	count	vector[string]
1515751773.886409	CE4bWJInELlMzX30Hp	192.168.0.1	53235	192.168.0.2	445	1:O1Z5Trzt524MQC5JC5Lz83093ho=	NT LM 0.12	0x0000000000002b7c	unknown	disabled	F	unknown	GUEST	(empty)	-	T	F	STATUS_SUCCESS	0	3	0	unsigned	SMB1: server signing disabled\x2c client signing unknown,guest session: no user key\x2c so the session is not signed,all 3 messages after setup unsigned	testdata/pcaps/public/zeek/smb1_transaction_request.pcap	direct	smb1	NT LM 0.12	-	0x03	-	-	-	-	-	-	-	-	-	-	0	0	0	11 client TREE_CONNECT_ANDX,12 server TREE_CONNECT_ANDX STATUS_SUCCESS,14 client TRANSACTION	9	8	14	-	-	-
#close	2018-01-12-10-09-34
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_findings
#open	2018-01-12-10-09-33
#fields	ts	finding	severity	subject	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	description	evidence.input	evidence.count	evidence.first_seen	evidence.last_seen	evidence.uids	evidence.frames	evidence.session_id	evidence.user	evidence.dialect	evidence.security_mode	evidence.messages	evidence.detail	evidence.truncated	remediation.summary	remediation.group_policy	remediation.registry	remediation.powershell	remediation.samba	remediation.reference
#types	time	enum	enum	string	string	addr	port	addr	port	string	string	string	count	time	time	vector[string]	vector[count]	string	string	string	string	vector[string]	string	bool	string	string	string	string	string	string
1515751773.886409	guest_session	medium	192.168.0.1 -> 192.168.0.2 session 0x0000000000002b7c	CE4bWJInELlMzX30Hp	192.168.0.1	53235	192.168.0.2	445	1:O1Z5Trzt524MQC5JC5Lz83093ho=	a guest session was established: it cannot be signed	testdata/pcaps/public/zeek/smb1_transaction_request.pcap	1	1515751773.886409	1515751774.158701	CE4bWJInELlMzX30Hp	9	0x0000000000002b7c	GUEST	NT LM 0.12	-	-	-	-	Avoid guest access; give users accounts. Requiring signing on the client blocks guest sessions.	"Lanman Workstation: Enable insecure guest logons" = Disabled (Computer Configuration\\Administrative Templates\\Network\\Lanman Workstation)	-	Set-SmbClientConfiguration -EnableInsecureGuestLogons $false -Force	map to guest = Never; guest ok = no	Microsoft: Control SMB signing behavior
1515751773.716260	server_signing_not_required	high	192.168.0.2	CE4bWJInELlMzX30Hp	192.168.0.1	53235	192.168.0.2	445	1:O1Z5Trzt524MQC5JC5Lz83093ho=	the server does not require SMB signing: an NTLM relay target	testdata/pcaps/public/zeek/smb1_transaction_request.pcap	1	1515751773.716260	1515751774.451398	CE4bWJInELlMzX30Hp	6	-	-	NT LM 0.12	0x03	-	-	-	Require signing on the server. For SMB2/3 only 'required' matters: a session is signed when either side requires it; 'if client agrees' affects SMB1 only.	"Microsoft network server: Digitally sign communications (always)" = Enabled (Computer Configuration\\Windows Settings\\Security Settings\\Local Policies\\Security Options)	HKLM\\System\\CurrentControlSet\\Services\\LanManServer\\Parameters\\RequireSecuritySignature = 1 (REG_DWORD); EnableSecuritySignature is ignored by SMB2 and later	Set-SmbServerConfiguration -RequireSecuritySignature $true -Force; check with Get-SmbServerConfiguration | FL RequireSecuritySignature	server signing = mandatory	Microsoft: Overview of Server Message Block signing
1515751773.716260	smb1_negotiated	high	192.168.0.2	CE4bWJInELlMzX30Hp	192.168.0.1	53235	192.168.0.2	445	1:O1Z5Trzt524MQC5JC5Lz83093ho=	SMB1 was negotiated: deprecated, weak (MD5) signing governed by the 'if agrees' settings	testdata/pcaps/public/zeek/smb1_transaction_request.pcap	1	1515751773.716260	1515751774.451398	CE4bWJInELlMzX30Hp	6	-	-	NT LM 0.12	-	-	-	-	Disable SMB1 on the server.	-	-	Set-SmbServerConfiguration -EnableSMB1Protocol $false -Force; Disable-WindowsOptionalFeature -Online -FeatureName SMB1Protocol	server min protocol = SMB2_02	-
1515751773.716260	smb1_offered	low	192.168.0.1	CE4bWJInELlMzX30Hp	192.168.0.1	53235	192.168.0.2	445	1:O1Z5Trzt524MQC5JC5Lz83093ho=	the client still offers SMB1 dialects	testdata/pcaps/public/zeek/smb1_transaction_request.pcap	1	1515751773.716260	1515751774.451398	CE4bWJInELlMzX30Hp	4	-	-	NT LM 0.12	-	-	-	-	Remove SMB1 from the client.	-	-	Disable-WindowsOptionalFeature -Online -FeatureName SMB1Protocol	client min protocol = SMB2_02	-
#close	2018-01-12-10-09-34
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_hosts
#open	2018-01-12-10-09-33
#fields	ts	host	role	posture	names	dialects	signing_required	negotiations	negotiations_not_requiring	smb1_offered	smb1_used	encryption_seen	connections	peers	sessions	sessions_signed	sessions_unsigned	sessions_encrypted	sessions_mixed	sessions_failed	sessions_unknown	sessions_guest	sessions_anonymous	users	first_seen	last_seen
#types	time	addr	enum	enum	set[string]	set[string]	enum	count	count	bool	bool	bool	count	count	count	count	count	count	count	count	count	count	count	set[string]	time	time
1515751773.716260	192.168.0.2	server	relay-target	(empty)	NT LM 0.12	no	1	1	T	T	F	1	1	1	0	1	0	0	0	0	1	0	GUEST	1515751773.716260	1515751774.451398
1515751773.716260	192.168.0.1	client	smb1	(empty)	NT LM 0.12	unknown	0	0	T	T	F	1	1	1	0	1	0	0	0	0	1	0	GUEST	1515751773.716260	1515751774.451398
#close	2018-01-12-10-09-34
