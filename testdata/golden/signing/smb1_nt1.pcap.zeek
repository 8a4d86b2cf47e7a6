#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing
#open	2026-11-21-21-52-46
#fields	ts	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	dialect	session_id	client_signing	server_signing	signing_required	auth	user	domain	workstation	guest	anonymous	setup_status	signed_msgs	unsigned_msgs	encrypted_msgs	outcome	reasons	input	transport	smb_version	dialects_offered	client_security_mode	server_security_mode	signing_algorithm	cipher	server_name	ntlm_version	krb_realm	krb_sname	krb_etype	ntlm_flags	mechs_offered	session_flags	signed_negotiation_msgs	exempt_msgs	unexpected_unsigned_msgs	unsigned_samples	setup_frame	first_frame	last_frame	share_encrypt	reauthentications	anomalies
#types	time	string	addr	port	addr	port	string	string	string	enum	enum	bool	enum	string	string	string	bool	bool	string	count	count	count	enum	vector[string]	string	enum	enum	vector[string]	string	string	string	string	string	string	string	string	string	set[string]	vector[string]	string	count	count	count	vector[string]	count	count	count	bool	count	vector[string]
1795297966.588176	C60DdLXQdUBl7u06zv	198.51.100.20	50372	198.51.100.10	445	1:BIWRdqCC5JCyyxUt+lwizl7wB7o=	NT LANMAN 1.0	0x0000000000002ea4	required	required	T	ntlmssp	alice	WORKGROUP	VM	F	F	STATUS_SUCCESS	40	0	0	signed	SMB1: server signing required\x2c client signing required,all 40 messages after setup signed	testdata/pcaps/signing/smb1_nt1.pcap	direct	smb1	NT LANMAN 1.0,NT LM 0.12	-	0x0f	-	-	vm	v2	-	-	-	SIGN,KEY_EXCH,ALWAYS_SIGN	ntlmssp	-	0	0	0	-	11	8	53	-	-	-
#close	2026-11-21-21-52-46
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_findings
#open	2026-11-21-21-52-46
#fields	ts	finding	severity	subject	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	description	evidence.input	evidence.count	evidence.first_seen	evidence.last_seen	evidence.uids	evidence.frames	evidence.session_id	evidence.user	evidence.dialect	evidence.security_mode	evidence.messages	evidence.detail	evidence.truncated	remediation.summary	remediation.group_policy	remediation.registry	remediation.powershell	remediation.samba	remediation.reference
#types	time	enum	enum	string	string	addr	port	addr	port	string	string	string	count	time	time	vector[string]	vector[count]	string	string	string	string	vector[string]	string	bool	string	string	string	string	string	string
1795297966.580207	ntlm_authentication	low	198.51.100.20 -> 198.51.100.10	C60DdLXQdUBl7u06zv	198.51.100.20	50372	198.51.100.10	445	1:BIWRdqCC5JCyyxUt+lwizl7wB7o=	a client authenticated to the server with NTLM instead of Kerberos: the session key, and so signing, is only as strong as NTLM	testdata/pcaps/signing/smb1_nt1.pcap	1	1795297966.580207	1795297966.600212	C60DdLXQdUBl7u06zv	11	-	-	NT LANMAN 1.0	-	-	user WORKGROUP\\alice, NTLMv2	-	Use Kerberos: connect to shares by computer name, not by IP address or a DNS CNAME (both fall back to NTLM). Give servers alternate names with 'netdom computername SERVER /add:ALIAS' instead of CNAME records.	-	-	-	-	Microsoft: Overview of Server Message Block signing; Control SMB signing behavior
1795297966.580207	smb1_negotiated	high	198.51.100.10	C60DdLXQdUBl7u06zv	198.51.100.20	50372	198.51.100.10	445	1:BIWRdqCC5JCyyxUt+lwizl7wB7o=	SMB1 was negotiated: deprecated, weak (MD5) signing governed by the 'if agrees' settings	testdata/pcaps/signing/smb1_nt1.pcap	1	1795297966.580207	1795297966.600212	C60DdLXQdUBl7u06zv	6	-	-	NT LANMAN 1.0	-	-	-	-	Disable SMB1 on the server.	-	-	Set-SmbServerConfiguration -EnableSMB1Protocol $false -Force; Disable-WindowsOptionalFeature -Online -FeatureName SMB1Protocol	server min protocol = SMB2_02	-
1795297966.580207	smb1_offered	low	198.51.100.20	C60DdLXQdUBl7u06zv	198.51.100.20	50372	198.51.100.10	445	1:BIWRdqCC5JCyyxUt+lwizl7wB7o=	the client still offers SMB1 dialects	testdata/pcaps/signing/smb1_nt1.pcap	1	1795297966.580207	1795297966.600212	C60DdLXQdUBl7u06zv	4	-	-	NT LANMAN 1.0	-	-	-	-	Remove SMB1 from the client.	-	-	Disable-WindowsOptionalFeature -Online -FeatureName SMB1Protocol	client min protocol = SMB2_02	-
#close	2026-11-21-21-52-46
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_hosts
#open	2026-11-21-21-52-46
#fields	ts	host	role	posture	names	dialects	signing_required	negotiations	negotiations_not_requiring	smb1_offered	smb1_used	encryption_seen	connections	peers	sessions	sessions_signed	sessions_unsigned	sessions_encrypted	sessions_mixed	sessions_failed	sessions_unknown	sessions_guest	sessions_anonymous	users	first_seen	last_seen
#types	time	addr	enum	enum	set[string]	set[string]	enum	count	count	bool	bool	bool	count	count	count	count	count	count	count	count	count	count	count	set[string]	time	time
1795297966.580207	198.51.100.10	server	smb1	vm	NT LANMAN 1.0	yes	1	0	T	T	F	1	1	1	1	0	0	0	0	0	0	0	WORKGROUP\\alice	1795297966.580207	1795297966.600212
1795297966.580207	198.51.100.20	client	smb1	VM	NT LANMAN 1.0	yes	1	0	T	T	F	1	1	1	1	0	0	0	0	0	0	0	WORKGROUP\\alice	1795297966.580207	1795297966.600212
#close	2026-11-21-21-52-46
