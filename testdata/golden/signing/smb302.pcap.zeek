#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing
#open	2026-11-21-21-53-00
#fields	ts	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	dialect	session_id	client_signing	server_signing	signing_required	auth	user	domain	workstation	guest	anonymous	setup_status	signed_msgs	unsigned_msgs	encrypted_msgs	outcome	reasons	input	transport	smb_version	dialects_offered	client_security_mode	server_security_mode	signing_algorithm	cipher	server_name	ntlm_version	krb_realm	krb_sname	krb_etype	ntlm_flags	mechs_offered	session_flags	signed_negotiation_msgs	exempt_msgs	unexpected_unsigned_msgs	unsigned_samples	setup_frame	first_frame	last_frame	share_encrypt	reauthentications	anomalies
#types	time	string	addr	port	addr	port	string	string	string	enum	enum	bool	enum	string	string	string	bool	bool	string	count	count	count	enum	vector[string]	string	enum	enum	vector[string]	string	string	string	string	string	string	string	string	string	set[string]	vector[string]	string	count	count	count	vector[string]	count	count	count	bool	count	vector[string]
1795297980.396009	C5FqMjo4iLhlekjzF4	198.51.100.20	35826	198.51.100.10	445	1:JP+dVZ02/Q0HRoim4pqcd/EHoQI=	3.0.2	0x000000008f0bd501	required	required	T	ntlmssp	alice	WORKGROUP	VM	F	F	STATUS_SUCCESS	64	0	0	signed	client and server require(s) signing: an authenticated session must sign,all 64 messages after setup signed	testdata/pcaps/signing/smb302.pcap	direct	smb2	3.0.2	0x03	0x03	-	-	vm	v2	-	-	-	SIGN,KEY_EXCH,ALWAYS_SIGN	ntlmssp	0x0000	8	0	0	-	12	8	78	-	-	-
#close	2026-11-21-21-53-00
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_findings
#open	2026-11-21-21-53-00
#fields	ts	finding	severity	subject	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	description	evidence.input	evidence.count	evidence.first_seen	evidence.last_seen	evidence.uids	evidence.frames	evidence.session_id	evidence.user	evidence.dialect	evidence.security_mode	evidence.messages	evidence.detail	evidence.truncated	remediation.summary	remediation.group_policy	remediation.registry	remediation.powershell	remediation.samba	remediation.reference
#types	time	enum	enum	string	string	addr	port	addr	port	string	string	string	count	time	time	vector[string]	vector[count]	string	string	string	string	vector[string]	string	bool	string	string	string	string	string	string
1795297980.307839	ntlm_authentication	low	198.51.100.20 -> 198.51.100.10	C5FqMjo4iLhlekjzF4	198.51.100.20	35826	198.51.100.10	445	1:JP+dVZ02/Q0HRoim4pqcd/EHoQI=	a client authenticated to the server with NTLM instead of Kerberos: the session key, and so signing, is only as strong as NTLM	testdata/pcaps/signing/smb302.pcap	1	1795297980.307839	1795297980.429039	C5FqMjo4iLhlekjzF4	12	-	-	3.0.2	-	-	user WORKGROUP\\alice, NTLMv2	-	Use Kerberos: connect to shares by computer name, not by IP address or a DNS CNAME (both fall back to NTLM). Give servers alternate names with 'netdom computername SERVER /add:ALIAS' instead of CNAME records.	-	-	-	-	Microsoft: Overview of Server Message Block signing; Control SMB signing behavior
#close	2026-11-21-21-53-00
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_hosts
#open	2026-11-21-21-53-00
#fields	ts	host	role	posture	names	dialects	signing_required	negotiations	negotiations_not_requiring	smb1_offered	smb1_used	encryption_seen	connections	peers	sessions	sessions_signed	sessions_unsigned	sessions_encrypted	sessions_mixed	sessions_failed	sessions_unknown	sessions_guest	sessions_anonymous	users	first_seen	last_seen
#types	time	addr	enum	enum	set[string]	set[string]	enum	count	count	bool	bool	bool	count	count	count	count	count	count	count	count	count	count	count	set[string]	time	time
1795297980.307839	198.51.100.10	server	requires-signing	vm	3.0.2	yes	1	0	F	F	F	1	1	1	1	0	0	0	0	0	0	0	WORKGROUP\\alice	1795297980.307839	1795297980.429039
1795297980.307839	198.51.100.20	client	requires-signing	VM	3.0.2	yes	1	0	F	F	F	1	1	1	1	0	0	0	0	0	0	0	WORKGROUP\\alice	1795297980.307839	1795297980.429039
#close	2026-11-21-21-53-00
