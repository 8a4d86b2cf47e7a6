#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing
#open	2006-02-23-08-50-26
#fields	ts	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	dialect	session_id	client_signing	server_signing	signing_required	auth	user	domain	workstation	guest	anonymous	setup_status	signed_msgs	unsigned_msgs	encrypted_msgs	outcome	reasons	input	transport	smb_version	dialects_offered	client_security_mode	server_security_mode	signing_algorithm	cipher	server_name	ntlm_version	krb_realm	krb_sname	krb_etype	ntlm_flags	mechs_offered	session_flags	signed_negotiation_msgs	exempt_msgs	unexpected_unsigned_msgs	unsigned_samples	setup_frame	first_frame	last_frame	share_encrypt	reauthentications	anomalies
#types	time	string	addr	port	addr	port	string	string	string	enum	enum	bool	enum	string	string	string	bool	bool	string	count	count	count	enum	vector[string]	string	enum	enum	vector[string]	string	string	string	string	string	string	string	string	string	set[string]	vector[string]	string	count	count	count	vector[string]	count	count	count	bool	count	vector[string]
1140684626.794117	CnEIIZlNuPQ6aW4tH1	10.254.127.195	1291	10.254.108.228	445	1:FYaMqp7eJ5n1dMX5PDfuW2DyE08=	-	0x0000000000007800	unknown	unknown	-	unknown	-	-	-	F	F	-	0	1	0	unsigned	NEGOTIATE not captured: signing policy unknown,session setup not captured (capture starts mid-stream),all 1 messages after setup unsigned,no server messages captured (a one-way capture or a server that never answered): counts cover the client's side only	testdata/pcaps/public/tcpdump/wccp_redirect_gre.pcap	direct	smb1	-	-	-	-	-	-	-	-	-	-	-	-	-	0	0	0	1 client TRANSACTION	-	1	1	-	-	-
#close	2006-02-23-08-50-26
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_hosts
#open	2006-02-23-08-50-26
#fields	ts	host	role	posture	names	dialects	signing_required	negotiations	negotiations_not_requiring	smb1_offered	smb1_used	encryption_seen	connections	peers	sessions	sessions_signed	sessions_unsigned	sessions_encrypted	sessions_mixed	sessions_failed	sessions_unknown	sessions_guest	sessions_anonymous	users	first_seen	last_seen
#types	time	addr	enum	enum	set[string]	set[string]	enum	count	count	bool	bool	bool	count	count	count	count	count	count	count	count	count	count	count	set[string]	time	time
1140684626.794117	10.254.108.228	server	unknown	(empty)	(empty)	unknown	0	0	F	F	F	1	1	1	0	1	0	0	0	0	0	0	(empty)	1140684626.794117	1140684626.794117
1140684626.794117	10.254.127.195	client	unknown	(empty)	(empty)	unknown	0	0	F	F	F	1	1	1	0	1	0	0	0	0	0	0	(empty)	1140684626.794117	1140684626.794117
#close	2006-02-23-08-50-26
