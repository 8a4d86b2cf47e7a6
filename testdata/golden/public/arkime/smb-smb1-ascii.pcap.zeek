#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing
#open	2015-04-23-10-11-14
#fields	ts	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	dialect	session_id	client_signing	server_signing	signing_required	auth	user	domain	workstation	guest	anonymous	setup_status	signed_msgs	unsigned_msgs	encrypted_msgs	outcome	reasons	input	transport	smb_version	dialects_offered	client_security_mode	server_security_mode	signing_algorithm	cipher	server_name	ntlm_version	krb_realm	krb_sname	krb_etype	ntlm_flags	mechs_offered	session_flags	signed_negotiation_msgs	exempt_msgs	unexpected_unsigned_msgs	unsigned_samples	setup_frame	first_frame	last_frame	share_encrypt	reauthentications	anomalies
#types	time	string	addr	port	addr	port	string	string	string	enum	enum	bool	enum	string	string	string	bool	bool	string	count	count	count	enum	vector[string]	string	enum	enum	vector[string]	string	string	string	string	string	string	string	string	string	set[string]	vector[string]	string	count	count	count	vector[string]	count	count	count	bool	count	vector[string]
1429783874.086603	CC2ehj4Ez7u2bnJQ0D	10.10.0.3	2204	10.10.0.2	445	1:fkJHVqMsfrrE5wz5ft7GLWZdX4A=	NT LM 0.12	0x0000000000002000	unknown	required	T	ntlmssp	Administrator	LAB	THEHOSTNAMEHEREX	F	F	STATUS_SUCCESS	6	0	0	signed	SMB1: server signing required\x2c client signing unknown,all 6 messages after setup signed	testdata/pcaps/public/arkime/smb-smb1-ascii.pcap	direct	smb1	LANMAN1.0,LM1.2X002,NT LANMAN 1.0,NT LM 0.12	-	0x0f	-	-	dc3.lab.domain.ex	v2	-	-	-	SIGN,KEY_EXCH,ALWAYS_SIGN	ntlmssp	-	0	0	0	-	13	9	22	-	-	-
#close	2015-04-23-10-11-17
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_findings
#open	2015-04-23-10-11-12
#fields	ts	finding	severity	subject	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	description	evidence.input	evidence.count	evidence.first_seen	evidence.last_seen	evidence.uids	evidence.frames	evidence.session_id	evidence.user	evidence.dialect	evidence.security_mode	evidence.messages	evidence.detail	evidence.truncated	remediation.summary	remediation.group_policy	remediation.registry	remediation.powershell	remediation.samba	remediation.reference
#types	time	enum	enum	string	string	addr	port	addr	port	string	string	string	count	time	time	vector[string]	vector[count]	string	string	string	string	vector[string]	string	bool	string	string	string	string	string	string
1429783872.765752	ntlm_authentication	low	10.10.0.3 -> 10.10.0.2	CC2ehj4Ez7u2bnJQ0D	10.10.0.3	2204	10.10.0.2	445	1:fkJHVqMsfrrE5wz5ft7GLWZdX4A=	a client authenticated to the server with NTLM instead of Kerberos: the session key, and so signing, is only as strong as NTLM	testdata/pcaps/public/arkime/smb-smb1-ascii.pcap	1	1429783872.765752	1429783877.023120	CC2ehj4Ez7u2bnJQ0D	13	-	-	NT LM 0.12	-	-	user LAB\\Administrator, NTLMv2	-	Use Kerberos: connect to shares by computer name, not by IP address or a DNS CNAME (both fall back to NTLM). Give servers alternate names with 'netdom computername SERVER /add:ALIAS' instead of CNAME records.	-	-	-	-	Microsoft: Overview of Server Message Block signing; Control SMB signing behavior
1429783872.765752	smb1_negotiated	high	10.10.0.2	CC2ehj4Ez7u2bnJQ0D	10.10.0.3	2204	10.10.0.2	445	1:fkJHVqMsfrrE5wz5ft7GLWZdX4A=	SMB1 was negotiated: deprecated, weak (MD5) signing governed by the 'if agrees' settings	testdata/pcaps/public/arkime/smb-smb1-ascii.pcap	1	1429783872.765752	1429783877.023120	CC2ehj4Ez7u2bnJQ0D	7	-	-	NT LM 0.12	-	-	-	-	Disable SMB1 on the server.	-	-	Set-SmbServerConfiguration -EnableSMB1Protocol $false -Force; Disable-WindowsOptionalFeature -Online -FeatureName SMB1Protocol	server min protocol = SMB2_02	-
1429783872.765752	smb1_offered	low	10.10.0.3	CC2ehj4Ez7u2bnJQ0D	10.10.0.3	2204	10.10.0.2	445	1:fkJHVqMsfrrE5wz5ft7GLWZdX4A=	the client still offers SMB1 dialects	testdata/pcaps/public/arkime/smb-smb1-ascii.pcap	1	1429783872.765752	1429783877.023120	CC2ehj4Ez7u2bnJQ0D	6	-	-	NT LM 0.12	-	-	-	-	Remove SMB1 from the client.	-	-	Disable-WindowsOptionalFeature -Online -FeatureName SMB1Protocol	client min protocol = SMB2_02	-
#close	2015-04-23-10-11-17
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_hosts
#open	2015-04-23-10-11-12
#fields	ts	host	role	posture	names	dialects	signing_required	negotiations	negotiations_not_requiring	smb1_offered	smb1_used	encryption_seen	connections	peers	sessions	sessions_signed	sessions_unsigned	sessions_encrypted	sessions_mixed	sessions_failed	sessions_unknown	sessions_guest	sessions_anonymous	users	first_seen	last_seen
#types	time	addr	enum	enum	set[string]	set[string]	enum	count	count	bool	bool	bool	count	count	count	count	count	count	count	count	count	count	count	set[string]	time	time
1429783872.765752	10.10.0.2	server	smb1	dc3.lab.domain.ex	NT LM 0.12	yes	1	0	T	T	F	1	1	1	1	0	0	0	0	0	0	0	LAB\\Administrator	1429783872.765752	1429783877.023120
1429783872.765752	10.10.0.3	client	smb1	THEHOSTNAMEHEREX	NT LM 0.12	unknown	0	0	T	T	F	1	1	1	1	0	0	0	0	0	0	0	LAB\\Administrator	1429783872.765752	1429783877.023120
#close	2015-04-23-10-11-17
