#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing
#open	2023-11-14-22-13-20
#fields	ts	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	dialect	session_id	client_signing	server_signing	signing_required	auth	user	domain	workstation	guest	anonymous	setup_status	signed_msgs	unsigned_msgs	encrypted_msgs	outcome	reasons	input	transport	smb_version	dialects_offered	client_security_mode	server_security_mode	signing_algorithm	cipher	server_name	ntlm_version	krb_realm	krb_sname	krb_etype	ntlm_flags	mechs_offered	session_flags	signed_negotiation_msgs	exempt_msgs	unexpected_unsigned_msgs	unsigned_samples	setup_frame	first_frame	last_frame	share_encrypt	reauthentications	anomalies
#types	time	string	addr	port	addr	port	string	string	string	enum	enum	bool	enum	string	string	string	bool	bool	string	count	count	count	enum	vector[string]	string	enum	enum	vector[string]	string	string	string	string	string	string	string	string	string	set[string]	vector[string]	string	count	count	count	vector[string]	count	count	count	bool	count	vector[string]
1700000000.030000	C1cRDOvHKpK57TvNT1	10.10.1.100	50001	10.10.1.1	445	1:n/iHPjWE8qLoHSrwoChrjRTAG6s=	-	0x0000000000000001	unknown	unknown	-	ntlmssp	alice1	ARKDOM1	ARKHOST1	F	F	STATUS_SUCCESS	0	0	0	unknown	NEGOTIATE not captured: signing policy unknown,no messages after session setup captured	testdata/pcaps/public/arkime/ntlm_synthetic.pcap	direct	smb1	-	-	-	-	-	-	v1	-	-	-	-	-	-	0	0	0	-	6	4	8	-	1	-
1700000000.606000	CdYUchIX2zLgWAzUf9	10.10.2.100	50002	10.10.2.1	445	1:LDKgWtQMwqbzVzBC8d2+pTecBdw=	-	0x0000000000000001	unknown	unknown	-	ntlmssp	bob	SPNDOM	SPNHOST	F	F	-	0	0	0	unknown	NEGOTIATE not captured: signing policy unknown,no SESSION_SETUP response captured	testdata/pcaps/public/arkime/ntlm_synthetic.pcap	direct	smb1	-	-	-	-	-	-	v1	-	-	-	-	ntlmssp	-	0	0	0	-	-	16	22	-	-	-
1700000001.194000	CGVIHtAt3A8ZMtrjen	2001:db8:10::100	50003	2001:db8:10::1	445	1:ckVWb0boF9GdO7w3Pr85fN0Xqxg=	-	0x0000000000000001	unknown	unknown	-	ntlmssp	charlie	V6DOM	V6HOST	F	F	-	0	0	0	unknown	NEGOTIATE not captured: signing policy unknown,no SESSION_SETUP response captured	testdata/pcaps/public/arkime/ntlm_synthetic.pcap	direct	smb1	-	-	-	-	-	-	v1	-	-	-	-	ntlmssp	-	0	0	0	-	-	30	36	-	-	-
#close	2023-11-14-22-13-21
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_findings
#open	2023-11-14-22-13-20
#fields	ts	finding	severity	subject	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	description	evidence.input	evidence.count	evidence.first_seen	evidence.last_seen	evidence.uids	evidence.frames	evidence.session_id	evidence.user	evidence.dialect	evidence.security_mode	evidence.messages	evidence.detail	evidence.truncated	remediation.summary	remediation.group_policy	remediation.registry	remediation.powershell	remediation.samba	remediation.reference
#types	time	enum	enum	string	string	addr	port	addr	port	string	string	string	count	time	time	vector[string]	vector[count]	string	string	string	string	vector[string]	string	bool	string	string	string	string	string	string
1700000000.010000	ntlm_authentication	low	10.10.1.100 -> 10.10.1.1	C1cRDOvHKpK57TvNT1	10.10.1.100	50001	10.10.1.1	445	1:n/iHPjWE8qLoHSrwoChrjRTAG6s=	a client authenticated to the server with NTLM instead of Kerberos: the session key, and so signing, is only as strong as NTLM	testdata/pcaps/public/arkime/ntlm_synthetic.pcap	1	1700000000.010000	1700000000.071000	C1cRDOvHKpK57TvNT1	6	-	-	-	-	-	user ARKDOM1\\alice1, NTLMv1	-	Use Kerberos: connect to shares by computer name, not by IP address or a DNS CNAME (both fall back to NTLM). Give servers alternate names with 'netdom computername SERVER /add:ALIAS' instead of CNAME records.	-	-	-	-	Microsoft: Overview of Server Message Block signing; Control SMB signing behavior
1700000000.010000	ntlmv1_authentication	high	10.10.1.100 -> 10.10.1.1	C1cRDOvHKpK57TvNT1	10.10.1.100	50001	10.10.1.1	445	1:n/iHPjWE8qLoHSrwoChrjRTAG6s=	NTLMv1 (or LM) was used: its responses can be cracked or relayed and its session keys are weak	testdata/pcaps/public/arkime/ntlm_synthetic.pcap	1	1700000000.010000	1700000000.071000	C1cRDOvHKpK57TvNT1	6	-	-	-	-	-	user ARKDOM1\\alice1, NTLMv1	-	Refuse LM and NTLMv1 everywhere.	"Network security: LAN Manager authentication level" = "Send NTLMv2 response only. Refuse LM & NTLM" (Computer Configuration\\Windows Settings\\Security Settings\\Local Policies\\Security Options)	HKLM\\System\\CurrentControlSet\\Control\\Lsa\\LmCompatibilityLevel = 5 (REG_DWORD)	-	ntlm auth = ntlmv2-only (server); client ntlmv2 auth = yes (client)	-
#close	2023-11-14-22-13-21
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_hosts
#open	2023-11-14-22-13-20
#fields	ts	host	role	posture	names	dialects	signing_required	negotiations	negotiations_not_requiring	smb1_offered	smb1_used	encryption_seen	connections	peers	sessions	sessions_signed	sessions_unsigned	sessions_encrypted	sessions_mixed	sessions_failed	sessions_unknown	sessions_guest	sessions_anonymous	users	first_seen	last_seen
#types	time	addr	enum	enum	set[string]	set[string]	enum	count	count	bool	bool	bool	count	count	count	count	count	count	count	count	count	count	count	set[string]	time	time
1700000000.010000	10.10.1.1	server	unknown	(empty)	(empty)	unknown	0	0	F	F	F	1	1	1	0	0	0	0	0	1	0	0	ARKDOM1\\alice1	1700000000.010000	1700000000.071000
1700000000.010000	10.10.1.100	client	unknown	ARKHOST1	(empty)	unknown	0	0	F	F	F	1	1	1	0	0	0	0	0	1	0	0	ARKDOM1\\alice1	1700000000.010000	1700000000.071000
1700000000.586000	10.10.2.1	server	unknown	(empty)	(empty)	unknown	0	0	F	F	F	1	1	1	0	0	0	0	0	1	0	0	SPNDOM\\bob	1700000000.586000	1700000000.659000
1700000000.586000	10.10.2.100	client	unknown	SPNHOST	(empty)	unknown	0	0	F	F	F	1	1	1	0	0	0	0	0	1	0	0	SPNDOM\\bob	1700000000.586000	1700000000.659000
1700000001.174000	2001:db8:10::1	server	unknown	(empty)	(empty)	unknown	0	0	F	F	F	1	1	1	0	0	0	0	0	1	0	0	V6DOM\\charlie	1700000001.174000	1700000001.247000
1700000001.174000	2001:db8:10::100	client	unknown	V6HOST	(empty)	unknown	0	0	F	F	F	1	1	1	0	0	0	0	0	1	0	0	V6DOM\\charlie	1700000001.174000	1700000001.247000
#close	2023-11-14-22-13-21
