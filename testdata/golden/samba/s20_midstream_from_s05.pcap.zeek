#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing
#open	2026-11-21-20-38-25
#fields	ts	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	dialect	session_id	client_signing	server_signing	signing_required	auth	user	domain	workstation	guest	anonymous	setup_status	signed_msgs	unsigned_msgs	encrypted_msgs	outcome	reasons	input	transport	smb_version	dialects_offered	client_security_mode	server_security_mode	signing_algorithm	cipher	server_name	ntlm_version	krb_realm	krb_sname	krb_etype	ntlm_flags	mechs_offered	session_flags	signed_negotiation_msgs	exempt_msgs	unexpected_unsigned_msgs	unsigned_samples	setup_frame	first_frame	last_frame	share_encrypt	reauthentications	anomalies
#types	time	string	addr	port	addr	port	string	string	string	enum	enum	bool	enum	string	string	string	bool	bool	string	count	count	count	enum	vector[string]	string	enum	enum	vector[string]	string	string	string	string	string	string	string	string	string	set[string]	vector[string]	string	count	count	count	vector[string]	count	count	count	bool	count	vector[string]
1795293505.924767	CCBysppvn7kIgICI4M	198.51.100.20	35896	198.51.100.10	445	1:RC7aazU/Ayk8E1SCPpi6OUYS9Zc=	-	0x00000000be45b6ac	unknown	unknown	-	unknown	-	-	-	F	F	-	4	56	0	unsigned	NEGOTIATE not captured: signing policy unknown,session setup not captured (capture starts mid-stream),56 messages after setup unsigned; the 4 signed ones are TREE_CONNECT/VALIDATE_NEGOTIATE\x2c signed on every session	testdata/pcaps/samba/s20_midstream_from_s05.pcap	direct	smb2	-	-	-	-	-	-	-	-	-	-	-	-	-	4	1	0	3 client IOCTL,4 server IOCTL STATUS_NOT_FOUND,5 client TREE_DISCONNECT,6 server TREE_DISCONNECT STATUS_SUCCESS,9 client CREATE,10 server CREATE STATUS_SUCCESS,11 client QUERY_DIRECTORY,12 server QUERY_DIRECTORY STATUS_SUCCESS	-	1	74	-	-	-
#close	2026-11-21-20-38-25
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_hosts
#open	2026-11-21-20-38-25
#fields	ts	host	role	posture	names	dialects	signing_required	negotiations	negotiations_not_requiring	smb1_offered	smb1_used	encryption_seen	connections	peers	sessions	sessions_signed	sessions_unsigned	sessions_encrypted	sessions_mixed	sessions_failed	sessions_unknown	sessions_guest	sessions_anonymous	users	first_seen	last_seen
#types	time	addr	enum	enum	set[string]	set[string]	enum	count	count	bool	bool	bool	count	count	count	count	count	count	count	count	count	count	count	set[string]	time	time
1795293505.924767	198.51.100.10	server	unknown	(empty)	(empty)	unknown	0	0	F	F	F	1	1	1	0	1	0	0	0	0	0	0	(empty)	1795293505.924767	1795293505.933253
1795293505.924767	198.51.100.20	client	unknown	(empty)	(empty)	unknown	0	0	F	F	F	1	1	1	0	1	0	0	0	0	0	0	(empty)	1795293505.924767	1795293505.933253
#close	2026-11-21-20-38-25
