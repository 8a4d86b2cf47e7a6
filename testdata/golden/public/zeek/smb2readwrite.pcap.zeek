#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing
#open	2019-02-08-16-43-06
#fields	ts	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	dialect	session_id	client_signing	server_signing	signing_required	auth	user	domain	workstation	guest	anonymous	setup_status	signed_msgs	unsigned_msgs	encrypted_msgs	outcome	reasons	input	transport	smb_version	dialects_offered	client_security_mode	server_security_mode	signing_algorithm	cipher	server_name	ntlm_version	krb_realm	krb_sname	krb_etype	ntlm_flags	mechs_offered	session_flags	signed_negotiation_msgs	exempt_msgs	unexpected_unsigned_msgs	unsigned_samples	setup_frame	first_frame	last_frame	share_encrypt	reauthentications	anomalies
#types	time	string	addr	port	addr	port	string	string	string	enum	enum	bool	enum	string	string	string	bool	bool	string	count	count	count	enum	vector[string]	string	enum	enum	vector[string]	string	string	string	string	string	string	string	string	string	set[string]	vector[string]	string	count	count	count	vector[string]	count	count	count	bool	count	vector[string]
1549644186.686127	CKktAwn3TgMDrEPDXJ	169.254.128.18	49155	169.254.128.15	445	1:l8FZzcq1vWYBicKSRUOlsMMT3A4=	-	0x000000003c231cc0	unknown	unknown	-	unknown	-	-	-	F	F	-	0	53	0	unsigned	NEGOTIATE not captured: signing policy unknown,session setup not captured (capture starts mid-stream),all 53 messages after setup unsigned	testdata/pcaps/public/zeek/smb2readwrite.pcap	direct	smb2	-	-	-	-	-	-	-	-	-	-	-	-	-	0	1	0	1 client CREATE,2 server CREATE STATUS_SUCCESS,3 client QUERY_INFO,3 client QUERY_INFO,4 server QUERY_INFO STATUS_SUCCESS,4 server QUERY_INFO STATUS_SUCCESS,5 client QUERY_INFO,6 server QUERY_INFO STATUS_SUCCESS	-	1	56	-	-	-
#close	2019-02-08-16-43-09
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_hosts
#open	2019-02-08-16-43-06
#fields	ts	host	role	posture	names	dialects	signing_required	negotiations	negotiations_not_requiring	smb1_offered	smb1_used	encryption_seen	connections	peers	sessions	sessions_signed	sessions_unsigned	sessions_encrypted	sessions_mixed	sessions_failed	sessions_unknown	sessions_guest	sessions_anonymous	users	first_seen	last_seen
#types	time	addr	enum	enum	set[string]	set[string]	enum	count	count	bool	bool	bool	count	count	count	count	count	count	count	count	count	count	count	set[string]	time	time
1549644186.686127	169.254.128.15	server	unknown	(empty)	(empty)	unknown	0	0	F	F	F	1	1	1	0	1	0	0	0	0	0	0	(empty)	1549644186.686127	1549644189.709083
1549644186.686127	169.254.128.18	client	unknown	(empty)	(empty)	unknown	0	0	F	F	F	1	1	1	0	1	0	0	0	0	0	0	(empty)	1549644186.686127	1549644189.709083
#close	2019-02-08-16-43-09
