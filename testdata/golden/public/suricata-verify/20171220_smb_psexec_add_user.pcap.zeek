#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing
#open	2017-10-09-16-44-40
#fields	ts	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	dialect	session_id	client_signing	server_signing	signing_required	auth	user	domain	workstation	guest	anonymous	setup_status	signed_msgs	unsigned_msgs	encrypted_msgs	outcome	reasons	input	transport	smb_version	dialects_offered	client_security_mode	server_security_mode	signing_algorithm	cipher	server_name	ntlm_version	krb_realm	krb_sname	krb_etype	ntlm_flags	mechs_offered	session_flags	signed_negotiation_msgs	exempt_msgs	unexpected_unsigned_msgs	unsigned_samples	setup_frame	first_frame	last_frame	share_encrypt	reauthentications	anomalies
#types	time	string	addr	port	addr	port	string	string	string	enum	enum	bool	enum	string	string	string	bool	bool	string	count	count	count	enum	vector[string]	string	enum	enum	vector[string]	string	string	string	string	string	string	string	string	string	set[string]	vector[string]	string	count	count	count	vector[string]	count	count	count	bool	count	vector[string]
1507567480.699188	C8mkCDLpVqrcXvoDp3	192.168.10.31	49280	192.168.10.30	139	1:B/2RXsuOsmVcqqqPVQsHnzBfiFs=	-	0x0000040000000029	unknown	unknown	-	unknown	-	-	-	F	F	-	0	4	0	unsigned	NEGOTIATE not captured: signing policy unknown,session setup not captured (capture starts mid-stream),all 4 messages after setup unsigned	testdata/pcaps/public/suricata-verify/20171220_smb_psexec_add_user.pcap	netbios	smb2	-	-	-	-	-	-	-	-	-	-	-	-	-	0	0	0	63 client TREE_DISCONNECT,64 server TREE_DISCONNECT STATUS_SUCCESS,65 client LOGOFF,66 server LOGOFF STATUS_SUCCESS	-	63	66	-	-	-
1507567480.699776	CSRKRHagdTtoIM9mA3	192.168.10.31	49281	192.168.10.30	139	1:SixmiJCQ5lESUtlu3qiFbVY6Zo0=	-	0x0000000000000800	unknown	unknown	-	unknown	-	-	-	F	F	-	0	4	0	unsigned	NEGOTIATE not captured: signing policy unknown,session setup not captured (capture starts mid-stream),all 4 messages after setup unsigned	testdata/pcaps/public/suricata-verify/20171220_smb_psexec_add_user.pcap	netbios	smb1	-	-	-	-	-	-	-	-	-	-	-	-	-	0	0	0	67 client TREE_DISCONNECT,69 server TREE_DISCONNECT STATUS_SUCCESS,70 client LOGOFF_ANDX,73 server LOGOFF_ANDX STATUS_SUCCESS	-	67	73	-	-	-
1507567479.267485	CeuRZzYEuRbr9H27je	192.168.10.31	49282	192.168.10.10	445	1:ujyGDekkzRhI2LidJpfsziN2R/s=	2.1	0x0000240004000049	enabled	required	T	kerberos	-	-	-	F	F	STATUS_SUCCESS	18	0	0	signed	server require(s) signing: an authenticated session must sign,all 18 messages after setup signed	testdata/pcaps/public/suricata-verify/20171220_smb_psexec_add_user.pcap	direct	smb1+smb2	2.0.2,2.1	0x01	0x03	-	-	-	-	CONTOSO.LOCAL	cifs/dc1.contoso.local	aes256-cts-hmac-sha1-96	-	ms-kerberos,kerberos,negoex,ntlmssp	0x0000	2	0	0	-	18	16	110	-	-	-
1507567500.279371	CRP7pEDQj4eFBr4oS5	192.168.10.31	49285	192.168.10.10	445	1:b+Szw+ia464igf5e+MwW1WUzw9Y=	2.1	0x0000240004000045	enabled	required	T	kerberos	-	-	-	F	F	STATUS_SUCCESS	140	0	0	signed	server require(s) signing: an authenticated session must sign,all 140 messages after setup signed	testdata/pcaps/public/suricata-verify/20171220_smb_psexec_add_user.pcap	direct	smb2	2.0.2,2.1	0x01	0x03	-	-	-	-	CONTOSO.LOCAL	cifs/dc1.contoso.local	aes256-cts-hmac-sha1-96	-	ms-kerberos,kerberos,negoex,ntlmssp	0x0000	4	2	0	-	147	146	345	-	-	-
#close	2017-10-09-16-45-10
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_findings
#open	2017-10-09-16-44-39
#fields	ts	finding	severity	subject	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	description	evidence.input	evidence.count	evidence.first_seen	evidence.last_seen	evidence.uids	evidence.frames	evidence.session_id	evidence.user	evidence.dialect	evidence.security_mode	evidence.messages	evidence.detail	evidence.truncated	remediation.summary	remediation.group_policy	remediation.registry	remediation.powershell	remediation.samba	remediation.reference
#types	time	enum	enum	string	string	addr	port	addr	port	string	string	string	count	time	time	vector[string]	vector[count]	string	string	string	string	vector[string]	string	bool	string	string	string	string	string	string
1507567479.265313	client_signing_not_required	medium	192.168.10.31	CeuRZzYEuRbr9H27je	192.168.10.31	49282	192.168.10.10	445	1:ujyGDekkzRhI2LidJpfsziN2R/s=	the client does not require SMB signing: its sessions are signed only if the server requires it	testdata/pcaps/public/suricata-verify/20171220_smb_psexec_add_user.pcap	2	1507567479.265313	1507567510.699181	CeuRZzYEuRbr9H27je,CRP7pEDQj4eFBr4oS5	14,142	-	-	2.1	0x01	-	-	-	Require signing on the client, so its sessions are signed whatever the server's setting.	"Microsoft network client: Digitally sign communications (always)" = Enabled (Computer Configuration\\Windows Settings\\Security Settings\\Local Policies\\Security Options)	HKLM\\System\\CurrentControlSet\\Services\\LanManWorkstation\\Parameters\\RequireSecuritySignature = 1 (REG_DWORD); EnableSecuritySignature is ignored by SMB2 and later	Set-SmbClientConfiguration -RequireSecuritySignature $true -Force; check with Get-SmbClientConfiguration | FL RequireSecuritySignature	client signing = required	Microsoft: Overview of Server Message Block signing
1507567479.265313	smb1_offered	low	192.168.10.31	CeuRZzYEuRbr9H27je	192.168.10.31	49282	192.168.10.10	445	1:ujyGDekkzRhI2LidJpfsziN2R/s=	the client still offers SMB1 dialects	testdata/pcaps/public/suricata-verify/20171220_smb_psexec_add_user.pcap	1	1507567479.265313	1507567492.700385	CeuRZzYEuRbr9H27je	14	-	-	2.1	-	-	-	-	Remove SMB1 from the client.	-	-	Disable-WindowsOptionalFeature -Online -FeatureName SMB1Protocol	client min protocol = SMB2_02	-
#close	2017-10-09-16-45-10
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_hosts
#open	2017-10-09-16-44-40
#fields	ts	host	role	posture	names	dialects	signing_required	negotiations	negotiations_not_requiring	smb1_offered	smb1_used	encryption_seen	connections	peers	sessions	sessions_signed	sessions_unsigned	sessions_encrypted	sessions_mixed	sessions_failed	sessions_unknown	sessions_guest	sessions_anonymous	users	first_seen	last_seen
#types	time	addr	enum	enum	set[string]	set[string]	enum	count	count	bool	bool	bool	count	count	count	count	count	count	count	count	count	count	count	set[string]	time	time
1507567480.699188	192.168.10.30	server	unknown	(empty)	(empty)	unknown	0	0	F	F	F	2	1	2	0	2	0	0	0	0	0	0	(empty)	1507567480.699188	1507567480.702531
1507567479.265313	192.168.10.31	client	signs-only-if-server-requires	(empty)	2.1	no	2	2	T	F	F	4	2	4	2	2	0	0	0	0	0	0	(empty)	1507567479.265313	1507567510.699181
1507567479.265313	192.168.10.10	server	requires-signing	(empty)	2.1	yes	2	0	T	F	F	2	1	2	2	0	0	0	0	0	0	0	(empty)	1507567479.265313	1507567510.699181
#close	2017-10-09-16-45-10
