#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing
#open	2019-02-05-03-38-49
#fields	ts	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	dialect	session_id	client_signing	server_signing	signing_required	auth	user	domain	workstation	guest	anonymous	setup_status	signed_msgs	unsigned_msgs	encrypted_msgs	outcome	reasons	input	transport	smb_version	dialects_offered	client_security_mode	server_security_mode	signing_algorithm	cipher	server_name	ntlm_version	krb_realm	krb_sname	krb_etype	ntlm_flags	mechs_offered	session_flags	signed_negotiation_msgs	exempt_msgs	unexpected_unsigned_msgs	unsigned_samples	setup_frame	first_frame	last_frame	share_encrypt	reauthentications	anomalies
#types	time	string	addr	port	addr	port	string	string	string	enum	enum	bool	enum	string	string	string	bool	bool	string	count	count	count	enum	vector[string]	string	enum	enum	vector[string]	string	string	string	string	string	string	string	string	string	set[string]	vector[string]	string	count	count	count	vector[string]	count	count	count	bool	count	vector[string]
1549337929.818281	CIduvTio6LUW1GwMUn	172.16.8.201	49156	172.16.8.8	445	1:vUD1vFYRAYCp8LvWv7xGhuN2Bd8=	-	0x0000040000000059	unknown	unknown	-	kerberos	-	-	-	F	F	STATUS_SUCCESS	0	0	0	unknown	NEGOTIATE not captured: signing policy unknown,no messages after session setup captured,no client messages captured (a one-way capture or one that missed them): counts cover the server's side only	testdata/pcaps/public/ndpi/kerberos.pcap	direct	smb2	-	-	-	-	-	-	-	-	-	-	-	-	0x0000	0	0	0	-	10	10	10	-	-	-
1549337931.221192	CnAelNrw6RvcLquk2w	172.16.8.201	49174	172.16.8.8	445	1:WRT8to5xf716kp0IXzXr3yKbAKc=	-	0x000004000000005d	unknown	unknown	-	kerberos	-	-	-	F	F	STATUS_SUCCESS	0	0	0	unknown	NEGOTIATE not captured: signing policy unknown,no messages after session setup captured,no client messages captured (a one-way capture or one that missed them): counts cover the server's side only	testdata/pcaps/public/ndpi/kerberos.pcap	direct	smb2	-	-	-	-	-	-	-	-	-	-	-	-	0x0000	0	0	0	-	39	39	39	-	-	-
1549337952.283232	CpLd0YMT0uOrKkT7g8	172.16.8.201	49194	172.16.8.8	445	1:JFa0xx73pR0hzeP1DMtLvdFt6t0=	-	0x0000040000000061	unknown	unknown	-	kerberos	-	-	-	F	F	STATUS_SUCCESS	0	0	0	unknown	NEGOTIATE not captured: signing policy unknown,no messages after session setup captured,no client messages captured (a one-way capture or one that missed them): counts cover the server's side only	testdata/pcaps/public/ndpi/kerberos.pcap	direct	smb2	-	-	-	-	-	-	-	-	-	-	-	-	0x0000	0	0	0	-	77	77	77	-	-	-
#close	2019-02-05-03-39-12
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_hosts
#open	2019-02-05-03-38-49
#fields	ts	host	role	posture	names	dialects	signing_required	negotiations	negotiations_not_requiring	smb1_offered	smb1_used	encryption_seen	connections	peers	sessions	sessions_signed	sessions_unsigned	sessions_encrypted	sessions_mixed	sessions_failed	sessions_unknown	sessions_guest	sessions_anonymous	users	first_seen	last_seen
#types	time	addr	enum	enum	set[string]	set[string]	enum	count	count	bool	bool	bool	count	count	count	count	count	count	count	count	count	count	count	set[string]	time	time
1549337929.817554	172.16.8.8	server	unknown	(empty)	(empty)	unknown	0	0	F	F	F	3	1	3	0	0	0	0	0	3	0	0	(empty)	1549337929.817554	1549337952.283232
1549337929.817554	172.16.8.201	client	unknown	(empty)	(empty)	unknown	0	0	F	F	F	3	1	3	0	0	0	0	0	3	0	0	(empty)	1549337929.817554	1549337952.283232
#close	2019-02-05-03-39-12
