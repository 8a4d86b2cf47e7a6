#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing
#open	2018-03-13-13-02-19
#fields	ts	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	dialect	session_id	client_signing	server_signing	signing_required	auth	user	domain	workstation	guest	anonymous	setup_status	signed_msgs	unsigned_msgs	encrypted_msgs	outcome	reasons	input	transport	smb_version	dialects_offered	client_security_mode	server_security_mode	signing_algorithm	cipher	server_name	ntlm_version	krb_realm	krb_sname	krb_etype	ntlm_flags	mechs_offered	session_flags	signed_negotiation_msgs	exempt_msgs	unexpected_unsigned_msgs	unsigned_samples	setup_frame	first_frame	last_frame	share_encrypt	reauthentications	anomalies
#types	time	string	addr	port	addr	port	string	string	string	enum	enum	bool	enum	string	string	string	bool	bool	string	count	count	count	enum	vector[string]	string	enum	enum	vector[string]	string	string	string	string	string	string	string	string	string	set[string]	vector[string]	string	count	count	count	vector[string]	count	count	count	bool	count	vector[string]
1520946139.032439	Co2hPPi7HfXojW9Cxa	192.168.1.10	49216	192.168.1.2	445	1:Gd5ax7WSlKvVEIZRlzMFu4JnKPY=	NT LM 0.12	0x0000000000006be6	unknown	disabled	F	ntlmssp	-	-	-	F	F	-	0	0	0	failed	SMB1: server signing disabled\x2c client signing unknown,session setup did not complete	testdata/pcaps/public/suricata-verify/smb1_osx.pcap	direct	smb1	NT LM 0.12	-	0x03	-	-	ts412	-	-	-	-	-	ntlmssp	-	0	2	0	-	-	16	22	-	-	-
1520948302.164057	CrhSUfqp70epB45FeG	192.168.1.10	49219	192.168.1.2	445	1:/Y90v6cQ3zjl8ggEVLA3EeAmHOo=	NT LM 0.12	0x0000000000008c45	unknown	disabled	F	ntlmssp	-	-	-	F	F	-	0	0	0	failed	SMB1: server signing disabled\x2c client signing unknown,session setup did not complete	testdata/pcaps/public/suricata-verify/smb1_osx.pcap	direct	smb1	NT LM 0.12	-	0x03	-	-	ts412	-	-	-	-	-	ntlmssp	-	0	2	0	-	-	40	48	-	-	-
1520950473.666977	CofLm05lgBdLuyHZSy	192.168.1.10	49222	192.168.1.2	445	1:YNa9iK2EOHIO8xGXxH4fJpDZBuM=	NT LM 0.12	0x000000000000c9d9	unknown	disabled	F	ntlmssp	-	-	-	F	F	-	0	0	0	failed	SMB1: server signing disabled\x2c client signing unknown,session setup did not complete	testdata/pcaps/public/suricata-verify/smb1_osx.pcap	direct	smb1	NT LM 0.12	-	0x03	-	-	ts412	-	-	-	-	-	ntlmssp	-	0	2	0	-	-	66	71	-	-	-
#close	2018-03-13-14-14-33
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_findings
#open	2018-03-13-13-02-18
#fields	ts	finding	severity	subject	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	description	evidence.input	evidence.count	evidence.first_seen	evidence.last_seen	evidence.uids	evidence.frames	evidence.session_id	evidence.user	evidence.dialect	evidence.security_mode	evidence.messages	evidence.detail	evidence.truncated	remediation.summary	remediation.group_policy	remediation.registry	remediation.powershell	remediation.samba	remediation.reference
#types	time	enum	enum	string	string	addr	port	addr	port	string	string	string	count	time	time	vector[string]	vector[count]	string	string	string	string	vector[string]	string	bool	string	string	string	string	string	string
1520946138.071644	server_signing_not_required	high	192.168.1.2	Co2hPPi7HfXojW9Cxa	192.168.1.10	49216	192.168.1.2	445	1:Gd5ax7WSlKvVEIZRlzMFu4JnKPY=	the server does not require SMB signing: an NTLM relay target	testdata/pcaps/public/suricata-verify/smb1_osx.pcap	3	1520946138.071644	1520950473.931449	Co2hPPi7HfXojW9Cxa,CrhSUfqp70epB45FeG,CofLm05lgBdLuyHZSy	14,38,64	-	-	NT LM 0.12	0x03	-	-	-	Require signing on the server. For SMB2/3 only 'required' matters: a session is signed when either side requires it; 'if client agrees' affects SMB1 only.	"Microsoft network server: Digitally sign communications (always)" = Enabled (Computer Configuration\\Windows Settings\\Security Settings\\Local Policies\\Security Options)	HKLM\\System\\CurrentControlSet\\Services\\LanManServer\\Parameters\\RequireSecuritySignature = 1 (REG_DWORD); EnableSecuritySignature is ignored by SMB2 and later	Set-SmbServerConfiguration -RequireSecuritySignature $true -Force; check with Get-SmbServerConfiguration | FL RequireSecuritySignature	server signing = mandatory	Microsoft: Overview of Server Message Block signing
1520946138.071644	smb1_negotiated	high	192.168.1.2	Co2hPPi7HfXojW9Cxa	192.168.1.10	49216	192.168.1.2	445	1:Gd5ax7WSlKvVEIZRlzMFu4JnKPY=	SMB1 was negotiated: deprecated, weak (MD5) signing governed by the 'if agrees' settings	testdata/pcaps/public/suricata-verify/smb1_osx.pcap	3	1520946138.071644	1520950473.931449	Co2hPPi7HfXojW9Cxa,CrhSUfqp70epB45FeG,CofLm05lgBdLuyHZSy	14,38,64	-	-	NT LM 0.12	-	-	-	-	Disable SMB1 on the server.	-	-	Set-SmbServerConfiguration -EnableSMB1Protocol $false -Force; Disable-WindowsOptionalFeature -Online -FeatureName SMB1Protocol	server min protocol = SMB2_02	-
1520946138.071644	smb1_offered	low	192.168.1.10	Co2hPPi7HfXojW9Cxa	192.168.1.10	49216	192.168.1.2	445	1:Gd5ax7WSlKvVEIZRlzMFu4JnKPY=	the client still offers SMB1 dialects	testdata/pcaps/public/suricata-verify/smb1_osx.pcap	3	1520946138.071644	1520950473.931449	Co2hPPi7HfXojW9Cxa,CrhSUfqp70epB45FeG,CofLm05lgBdLuyHZSy	9,35,60	-	-	NT LM 0.12	-	-	-	-	Remove SMB1 from the client.	-	-	Disable-WindowsOptionalFeature -Online -FeatureName SMB1Protocol	client min protocol = SMB2_02	-
#close	2018-03-13-14-14-33
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_hosts
#open	2018-03-13-13-02-18
#fields	ts	host	role	posture	names	dialects	signing_required	negotiations	negotiations_not_requiring	smb1_offered	smb1_used	encryption_seen	connections	peers	sessions	sessions_signed	sessions_unsigned	sessions_encrypted	sessions_mixed	sessions_failed	sessions_unknown	sessions_guest	sessions_anonymous	users	first_seen	last_seen
#types	time	addr	enum	enum	set[string]	set[string]	enum	count	count	bool	bool	bool	count	count	count	count	count	count	count	count	count	count	count	set[string]	time	time
1520946138.071644	192.168.1.2	server	relay-target	ts412	NT LM 0.12	no	3	3	T	T	F	3	1	3	0	0	0	0	3	0	0	0	(empty)	1520946138.071644	1520950473.931449
1520946138.071644	192.168.1.10	client	smb1	(empty)	NT LM 0.12	unknown	0	0	T	T	F	3	1	3	0	0	0	0	3	0	0	0	(empty)	1520946138.071644	1520950473.931449
#close	2018-03-13-14-14-33
