#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing
#open	2018-04-30-21-30-59
#fields	ts	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	dialect	session_id	client_signing	server_signing	signing_required	auth	user	domain	workstation	guest	anonymous	setup_status	signed_msgs	unsigned_msgs	encrypted_msgs	outcome	reasons	input	transport	smb_version	dialects_offered	client_security_mode	server_security_mode	signing_algorithm	cipher	server_name	ntlm_version	krb_realm	krb_sname	krb_etype	ntlm_flags	mechs_offered	session_flags	signed_negotiation_msgs	exempt_msgs	unexpected_unsigned_msgs	unsigned_samples	setup_frame	first_frame	last_frame	share_encrypt	reauthentications	anomalies
#types	time	string	addr	port	addr	port	string	string	string	enum	enum	bool	enum	string	string	string	bool	bool	string	count	count	count	enum	vector[string]	string	enum	enum	vector[string]	string	string	string	string	string	string	string	string	string	set[string]	vector[string]	string	count	count	count	vector[string]	count	count	count	bool	count	vector[string]
1525123859.575833	CQ80K2CqRg5YWUVNkf	10.4.30.101	49453	10.4.30.5	445	1:eyjAOQiODy2KuEx32dGzxBwLNE4=	NT LM 0.12	0x0000000000000800	unknown	required	T	anonymous	(empty)	PODTRONICS	-	F	T	STATUS_SUCCESS	505	0	0	signed	SMB1: server signing required\x2c client signing unknown,anonymous (null) session\x2c yet signed: its key comes from an anonymous logon and proves no identity,all 505 messages after setup signed	testdata/pcaps/public/suricata-verify/filestore-filecontainer-smb1-data-offset__input.pcap	direct	smb1	NT LM 0.12	-	0x0f	-	-	Podtronics-DC.podtronics.org	-	-	-	-	SIGN,SEAL,KEY_EXCH,ALWAYS_SIGN	ntlmssp	-	0	0	0	-	9	6	854	-	-	-
#close	2018-04-30-21-31-13
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_findings
#open	2018-04-30-21-30-59
#fields	ts	finding	severity	subject	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	description	evidence.input	evidence.count	evidence.first_seen	evidence.last_seen	evidence.uids	evidence.frames	evidence.session_id	evidence.user	evidence.dialect	evidence.security_mode	evidence.messages	evidence.detail	evidence.truncated	remediation.summary	remediation.group_policy	remediation.registry	remediation.powershell	remediation.samba	remediation.reference
#types	time	enum	enum	string	string	addr	port	addr	port	string	string	string	count	time	time	vector[string]	vector[count]	string	string	string	string	vector[string]	string	bool	string	string	string	string	string	string
1525123859.575833	anonymous_session	medium	10.4.30.101 -> 10.4.30.5 session 0x0000000000000800	CQ80K2CqRg5YWUVNkf	10.4.30.101	49453	10.4.30.5	445	1:eyjAOQiODy2KuEx32dGzxBwLNE4=	an anonymous (null) session was established: it cannot be signed	testdata/pcaps/public/suricata-verify/filestore-filecontainer-smb1-data-offset__input.pcap	1	1525123859.575833	1525123873.556349	CQ80K2CqRg5YWUVNkf	9	0x0000000000000800	PODTRONICS\\	NT LM 0.12	-	-	-	-	Restrict anonymous access to shares and named pipes.	"Network access: Restrict anonymous access to Named Pipes and Shares" = Enabled; "Network access: Do not allow anonymous enumeration of SAM accounts and shares" = Enabled (Computer Configuration\\Windows Settings\\Security Settings\\Local Policies\\Security Options)	HKLM\\System\\CurrentControlSet\\Services\\LanManServer\\Parameters\\RestrictNullSessAccess = 1; HKLM\\System\\CurrentControlSet\\Control\\Lsa\\RestrictAnonymous = 1	-	restrict anonymous = 2	-
1525123859.574128	smb1_negotiated	high	10.4.30.5	CQ80K2CqRg5YWUVNkf	10.4.30.101	49453	10.4.30.5	445	1:eyjAOQiODy2KuEx32dGzxBwLNE4=	SMB1 was negotiated: deprecated, weak (MD5) signing governed by the 'if agrees' settings	testdata/pcaps/public/suricata-verify/filestore-filecontainer-smb1-data-offset__input.pcap	1	1525123859.574128	1525123873.556350	CQ80K2CqRg5YWUVNkf	5	-	-	NT LM 0.12	-	-	-	-	Disable SMB1 on the server.	-	-	Set-SmbServerConfiguration -EnableSMB1Protocol $false -Force; Disable-WindowsOptionalFeature -Online -FeatureName SMB1Protocol	server min protocol = SMB2_02	-
1525123859.574128	smb1_offered	low	10.4.30.101	CQ80K2CqRg5YWUVNkf	10.4.30.101	49453	10.4.30.5	445	1:eyjAOQiODy2KuEx32dGzxBwLNE4=	the client still offers SMB1 dialects	testdata/pcaps/public/suricata-verify/filestore-filecontainer-smb1-data-offset__input.pcap	1	1525123859.574128	1525123873.556350	CQ80K2CqRg5YWUVNkf	4	-	-	NT LM 0.12	-	-	-	-	Remove SMB1 from the client.	-	-	Disable-WindowsOptionalFeature -Online -FeatureName SMB1Protocol	client min protocol = SMB2_02	-
#close	2018-04-30-21-31-13
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_hosts
#open	2018-04-30-21-30-59
#fields	ts	host	role	posture	names	dialects	signing_required	negotiations	negotiations_not_requiring	smb1_offered	smb1_used	encryption_seen	connections	peers	sessions	sessions_signed	sessions_unsigned	sessions_encrypted	sessions_mixed	sessions_failed	sessions_unknown	sessions_guest	sessions_anonymous	users	first_seen	last_seen
#types	time	addr	enum	enum	set[string]	set[string]	enum	count	count	bool	bool	bool	count	count	count	count	count	count	count	count	count	count	count	set[string]	time	time
1525123859.574128	10.4.30.5	server	smb1	Podtronics-DC.podtronics.org	NT LM 0.12	yes	1	0	T	T	F	1	1	1	1	0	0	0	0	0	0	1	(empty)	1525123859.574128	1525123873.556350
1525123859.574128	10.4.30.101	client	smb1	(empty)	NT LM 0.12	unknown	0	0	T	T	F	1	1	1	1	0	0	0	0	0	0	1	(empty)	1525123859.574128	1525123873.556350
#close	2018-04-30-21-31-13
