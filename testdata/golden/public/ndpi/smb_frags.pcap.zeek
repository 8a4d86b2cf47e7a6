#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing
#open	2021-06-12-16-12-50
#fields	ts	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	dialect	session_id	client_signing	server_signing	signing_required	auth	user	domain	workstation	guest	anonymous	setup_status	signed_msgs	unsigned_msgs	encrypted_msgs	outcome	reasons	input	transport	smb_version	dialects_offered	client_security_mode	server_security_mode	signing_algorithm	cipher	server_name	ntlm_version	krb_realm	krb_sname	krb_etype	ntlm_flags	mechs_offered	session_flags	signed_negotiation_msgs	exempt_msgs	unexpected_unsigned_msgs	unsigned_samples	setup_frame	first_frame	last_frame	share_encrypt	reauthentications	anomalies
#types	time	string	addr	port	addr	port	string	string	string	enum	enum	bool	enum	string	string	string	bool	bool	string	count	count	count	enum	vector[string]	string	enum	enum	vector[string]	string	string	string	string	string	string	string	string	string	set[string]	vector[string]	string	count	count	count	vector[string]	count	count	count	bool	count	vector[string]
1623514370.258205	CjvhC23pjT77z1qilu	10.202.211.125	54120	10.202.7.8	445	1:AtrRU69OAZH/Y7gYbxwCcQWWjh8=	NT LM 0.12	0x000000000000a800	unknown	required	T	kerberos	-	-	-	F	F	-	0	0	0	unknown	SMB1: server signing required\x2c client signing unknown,session setup had not completed when the capture lost the connection	testdata/pcaps/public/ndpi/smb_frags.pcap	direct	smb1	NT LM 0.12	-	0x0f	-	-	-	-	CIVILPENSION.LOCAL	cifs/hqdc-02.civilpension.local	aes256-cts-hmac-sha1-96	-	kerberos	-	0	0	0	-	-	6	7	-	-	-
#close	2021-06-12-16-12-50
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_findings
#open	2021-06-12-16-12-49
#fields	ts	finding	severity	subject	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	description	evidence.input	evidence.count	evidence.first_seen	evidence.last_seen	evidence.uids	evidence.frames	evidence.session_id	evidence.user	evidence.dialect	evidence.security_mode	evidence.messages	evidence.detail	evidence.truncated	remediation.summary	remediation.group_policy	remediation.registry	remediation.powershell	remediation.samba	remediation.reference
#types	time	enum	enum	string	string	addr	port	addr	port	string	string	string	count	time	time	vector[string]	vector[count]	string	string	string	string	vector[string]	string	bool	string	string	string	string	string	string
1623514369.772545	smb1_negotiated	high	10.202.7.8	CjvhC23pjT77z1qilu	10.202.211.125	54120	10.202.7.8	445	1:AtrRU69OAZH/Y7gYbxwCcQWWjh8=	SMB1 was negotiated: deprecated, weak (MD5) signing governed by the 'if agrees' settings	testdata/pcaps/public/ndpi/smb_frags.pcap	1	1623514369.772545	1623514370.351676	CjvhC23pjT77z1qilu	4	-	-	NT LM 0.12	-	-	-	-	Disable SMB1 on the server.	-	-	Set-SmbServerConfiguration -EnableSMB1Protocol $false -Force; Disable-WindowsOptionalFeature -Online -FeatureName SMB1Protocol	server min protocol = SMB2_02	-
1623514369.772545	smb1_offered	low	10.202.211.125	CjvhC23pjT77z1qilu	10.202.211.125	54120	10.202.7.8	445	1:AtrRU69OAZH/Y7gYbxwCcQWWjh8=	the client still offers SMB1 dialects	testdata/pcaps/public/ndpi/smb_frags.pcap	1	1623514369.772545	1623514370.351676	CjvhC23pjT77z1qilu	3	-	-	NT LM 0.12	-	-	-	-	Remove SMB1 from the client.	-	-	Disable-WindowsOptionalFeature -Online -FeatureName SMB1Protocol	client min protocol = SMB2_02	-
#close	2021-06-12-16-12-50
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_hosts
#open	2021-06-12-16-12-49
#fields	ts	host	role	posture	names	dialects	signing_required	negotiations	negotiations_not_requiring	smb1_offered	smb1_used	encryption_seen	connections	peers	sessions	sessions_signed	sessions_unsigned	sessions_encrypted	sessions_mixed	sessions_failed	sessions_unknown	sessions_guest	sessions_anonymous	users	first_seen	last_seen
#types	time	addr	enum	enum	set[string]	set[string]	enum	count	count	bool	bool	bool	count	count	count	count	count	count	count	count	count	count	count	set[string]	time	time
1623514369.772545	10.202.7.8	server	smb1	(empty)	NT LM 0.12	yes	1	0	T	T	F	1	1	1	0	0	0	0	0	1	0	0	(empty)	1623514369.772545	1623514370.351676
1623514369.772545	10.202.211.125	client	smb1	(empty)	NT LM 0.12	unknown	0	0	T	T	F	1	1	1	0	0	0	0	0	1	0	0	(empty)	1623514369.772545	1623514370.351676
#close	2021-06-12-16-12-50
