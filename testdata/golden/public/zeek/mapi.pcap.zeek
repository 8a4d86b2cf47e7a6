#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing
#open	2003-06-30-16-51-38
#fields	ts	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	dialect	session_id	client_signing	server_signing	signing_required	auth	user	domain	workstation	guest	anonymous	setup_status	signed_msgs	unsigned_msgs	encrypted_msgs	outcome	reasons	input	transport	smb_version	dialects_offered	client_security_mode	server_security_mode	signing_algorithm	cipher	server_name	ntlm_version	krb_realm	krb_sname	krb_etype	ntlm_flags	mechs_offered	session_flags	signed_negotiation_msgs	exempt_msgs	unexpected_unsigned_msgs	unsigned_samples	setup_frame	first_frame	last_frame	share_encrypt	reauthentications	anomalies
#types	time	string	addr	port	addr	port	string	string	string	enum	enum	bool	enum	string	string	string	bool	bool	string	count	count	count	enum	vector[string]	string	enum	enum	vector[string]	string	string	string	string	string	string	string	string	string	set[string]	vector[string]	string	count	count	count	vector[string]	count	count	count	bool	count	vector[string]
1056991898.748237	CsniIjmsRnybge8VfC	192.168.0.116	1859	192.168.0.153	139	1:hxEsUjMndGeU72HUzimDmPDbGEY=	-	0x0000000000000800	unknown	unknown	-	unknown	-	-	-	F	F	-	0	4	0	unsigned	NEGOTIATE not captured: signing policy unknown,session setup not captured (capture starts mid-stream),all 4 messages after setup unsigned	testdata/pcaps/public/zeek/mapi.pcap	netbios	smb1	-	-	-	-	-	-	-	-	-	-	-	-	-	0	0	0	363 client TREE_DISCONNECT,364 server TREE_DISCONNECT STATUS_SUCCESS,365 client LOGOFF_ANDX,374 server LOGOFF_ANDX STATUS_SUCCESS	-	363	374	-	-	-
1056991898.644676	CJbbPJUkJ8ANaUbOEX	192.168.0.173	1032	192.168.0.116	139	1:CmHuAI1BDk85L2qgm9xPGfVmJto=	-	0x0000000000001801	unknown	unknown	-	unknown	-	-	-	F	F	-	0	24	0	unsigned	NEGOTIATE not captured: signing policy unknown,session setup not captured (capture starts mid-stream),all 24 messages after setup unsigned	testdata/pcaps/public/zeek/mapi.pcap	netbios	smb1	-	-	-	-	-	-	-	-	-	-	-	-	-	0	0	0	347 client TRANSACTION2,348 server TRANSACTION2 STATUS_SUCCESS,349 client TRANSACTION2,350 server TRANSACTION2 STATUS_OBJECT_NAME_NOT_FOUND,351 client TRANSACTION2,352 server TRANSACTION2 STATUS_OBJECT_NAME_NOT_FOUND,353 client TRANSACTION2,354 server TRANSACTION2 STATUS_OBJECT_NAME_NOT_FOUND	-	347	547	-	-	-
1056991898.755232	CJbbPJUkJ8ANaUbOEX	192.168.0.173	1032	192.168.0.116	139	1:CmHuAI1BDk85L2qgm9xPGfVmJto=	-	0x0000000000001802	unknown	unknown	-	unknown	-	-	-	F	F	-	0	4	0	unsigned	NEGOTIATE not captured: signing policy unknown,session setup not captured (capture starts mid-stream),all 4 messages after setup unsigned	testdata/pcaps/public/zeek/mapi.pcap	netbios	smb1	-	-	-	-	-	-	-	-	-	-	-	-	-	0	0	0	368 client LOGOFF_ANDX,369 server LOGOFF_ANDX STATUS_SUCCESS,370 client TREE_DISCONNECT,371 server TREE_DISCONNECT STATUS_SUCCESS	-	368	371	-	-	-
1056991898.903640	C3QrOUZKjFAlyS1IeE	192.168.0.2	4597	192.168.0.111	139	1:pVuDy79J16KAlc50Drb0F3La09Y=	-	0x000000000000e803	unknown	unknown	-	unknown	-	-	-	F	F	-	0	124	0	unsigned	NEGOTIATE not captured: signing policy unknown,session setup not captured (capture starts mid-stream),all 124 messages after setup unsigned	testdata/pcaps/public/zeek/mapi.pcap	netbios	smb1	-	-	-	-	-	-	-	-	-	-	-	-	-	0	0	0	420 client TRANSACTION,421 server TRANSACTION STATUS_SUCCESS,422 client NT_CREATE_ANDX,423 server NT_CREATE_ANDX STATUS_SUCCESS,424 client TRANSACTION,425 server TRANSACTION STATUS_SUCCESS,426 client TRANSACTION,427 server TRANSACTION STATUS_SUCCESS	-	420	781	-	-	-
#close	2003-06-30-16-51-39
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_hosts
#open	2003-06-30-16-51-38
#fields	ts	host	role	posture	names	dialects	signing_required	negotiations	negotiations_not_requiring	smb1_offered	smb1_used	encryption_seen	connections	peers	sessions	sessions_signed	sessions_unsigned	sessions_encrypted	sessions_mixed	sessions_failed	sessions_unknown	sessions_guest	sessions_anonymous	users	first_seen	last_seen
#types	time	addr	enum	enum	set[string]	set[string]	enum	count	count	bool	bool	bool	count	count	count	count	count	count	count	count	count	count	count	set[string]	time	time
1056991898.748237	192.168.0.153	server	unknown	(empty)	(empty)	unknown	0	0	F	F	F	1	1	1	0	1	0	0	0	0	0	0	(empty)	1056991898.748237	1056991898.766100
1056991898.748237	192.168.0.116	client	unknown	(empty)	(empty)	unknown	0	0	F	F	F	1	1	1	0	1	0	0	0	0	0	0	(empty)	1056991898.748237	1056991898.766100
1056991898.644676	192.168.0.116	server	unknown	(empty)	(empty)	unknown	0	0	F	F	F	1	1	2	0	2	0	0	0	0	0	0	(empty)	1056991898.644676	1056991899.176970
1056991898.644676	192.168.0.173	client	unknown	(empty)	(empty)	unknown	0	0	F	F	F	1	1	2	0	2	0	0	0	0	0	0	(empty)	1056991898.644676	1056991899.176970
1056991898.903640	192.168.0.111	server	unknown	(empty)	(empty)	unknown	0	0	F	F	F	1	1	1	0	1	0	0	0	0	0	0	(empty)	1056991898.903640	1056991899.622068
1056991898.903640	192.168.0.2	client	unknown	(empty)	(empty)	unknown	0	0	F	F	F	1	1	1	0	1	0	0	0	0	0	0	(empty)	1056991898.903640	1056991899.622068
#close	2003-06-30-16-51-39
