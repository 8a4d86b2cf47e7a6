#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing
#open	2020-03-16-14-18-35
#fields	ts	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	dialect	session_id	client_signing	server_signing	signing_required	auth	user	domain	workstation	guest	anonymous	setup_status	signed_msgs	unsigned_msgs	encrypted_msgs	outcome	reasons	input	transport	smb_version	dialects_offered	client_security_mode	server_security_mode	signing_algorithm	cipher	server_name	ntlm_version	krb_realm	krb_sname	krb_etype	ntlm_flags	mechs_offered	session_flags	signed_negotiation_msgs	exempt_msgs	unexpected_unsigned_msgs	unsigned_samples	setup_frame	first_frame	last_frame	share_encrypt	reauthentications	anomalies
#types	time	string	addr	port	addr	port	string	string	string	enum	enum	bool	enum	string	string	string	bool	bool	string	count	count	count	enum	vector[string]	string	enum	enum	vector[string]	string	string	string	string	string	string	string	string	string	set[string]	vector[string]	string	count	count	count	vector[string]	count	count	count	bool	count	vector[string]
1584368315.417275	CbB4W5NCiECoTQszPa	192.168.1.118	56848	192.168.1.187	445	1:vFXzVi7b8azH3Oth7iDoLSewDAk=	-	0x000028000000001d	unknown	unknown	-	unknown	-	-	-	F	F	-	0	166	0	unsigned	NEGOTIATE not captured: signing policy unknown,session setup not captured (capture starts mid-stream),all 166 messages after setup unsigned	testdata/pcaps/public/ndpi/smb_deletefile.pcap	direct	smb2	-	-	-	-	-	-	-	-	-	-	-	-	-	0	1	0	1 client CREATE,1 client QUERY_DIRECTORY,1 client CLOSE,2 server CREATE STATUS_SUCCESS,2 server QUERY_DIRECTORY STATUS_SUCCESS,2 server CLOSE STATUS_SUCCESS,4 client CREATE,4 client QUERY_DIRECTORY	-	1	100	-	-	-
#close	2020-03-16-14-18-37
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_hosts
#open	2020-03-16-14-18-35
#fields	ts	host	role	posture	names	dialects	signing_required	negotiations	negotiations_not_requiring	smb1_offered	smb1_used	encryption_seen	connections	peers	sessions	sessions_signed	sessions_unsigned	sessions_encrypted	sessions_mixed	sessions_failed	sessions_unknown	sessions_guest	sessions_anonymous	users	first_seen	last_seen
#types	time	addr	enum	enum	set[string]	set[string]	enum	count	count	bool	bool	bool	count	count	count	count	count	count	count	count	count	count	count	set[string]	time	time
1584368315.417275	192.168.1.187	server	unknown	(empty)	(empty)	unknown	0	0	F	F	F	1	1	1	0	1	0	0	0	0	0	0	(empty)	1584368315.417275	1584368317.802053
1584368315.417275	192.168.1.118	client	unknown	(empty)	(empty)	unknown	0	0	F	F	F	1	1	1	0	1	0	0	0	0	0	0	(empty)	1584368315.417275	1584368317.802053
#close	2020-03-16-14-18-37
