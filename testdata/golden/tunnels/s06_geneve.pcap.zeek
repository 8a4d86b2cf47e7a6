#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing
#open	2026-11-21-20-38-31
#fields	ts	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	dialect	session_id	client_signing	server_signing	signing_required	auth	user	domain	workstation	guest	anonymous	setup_status	signed_msgs	unsigned_msgs	encrypted_msgs	outcome	reasons	input	transport	smb_version	dialects_offered	client_security_mode	server_security_mode	signing_algorithm	cipher	server_name	ntlm_version	krb_realm	krb_sname	krb_etype	ntlm_flags	mechs_offered	session_flags	signed_negotiation_msgs	exempt_msgs	unexpected_unsigned_msgs	unsigned_samples	setup_frame	first_frame	last_frame	share_encrypt	reauthentications	anomalies
#types	time	string	addr	port	addr	port	string	string	string	enum	enum	bool	enum	string	string	string	bool	bool	string	count	count	count	enum	vector[string]	string	enum	enum	vector[string]	string	string	string	string	string	string	string	string	string	set[string]	vector[string]	string	count	count	count	vector[string]	count	count	count	bool	count	vector[string]
1795293511.598159	C5l5p096wSGy5raGwk	2001:db8:51::20	49544	2001:db8:51::10	445	1:E9TLyJIzYaOALGK8qdj0jLvUhTA=	2.1	0x000000003f25c19a	enabled	required	T	ntlmssp	carol	DEVNET	DEVPC7	F	F	STATUS_SUCCESS	64	0	0	signed	server require(s) signing: an authenticated session must sign,all 64 messages after setup signed	testdata/pcaps/tunnels/s06_geneve.pcap	direct	smb2	2.0.2,2.1	0x01	0x03	-	-	vm	v2	-	-	-	SIGN,KEY_EXCH,ALWAYS_SIGN	ntlmssp	0x0000	8	0	0	-	11	8	87	-	-	-
#close	2026-11-21-20-38-31
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_findings
#open	2026-11-21-20-38-31
#fields	ts	finding	severity	subject	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	description	evidence.input	evidence.count	evidence.first_seen	evidence.last_seen	evidence.uids	evidence.frames	evidence.session_id	evidence.user	evidence.dialect	evidence.security_mode	evidence.messages	evidence.detail	evidence.truncated	remediation.summary	remediation.group_policy	remediation.registry	remediation.powershell	remediation.samba	remediation.reference
#types	time	enum	enum	string	string	addr	port	addr	port	string	string	string	count	time	time	vector[string]	vector[count]	string	string	string	string	vector[string]	string	bool	string	string	string	string	string	string
1795293511.592571	ntlm_authentication	low	2001:db8:51::20 -> 2001:db8:51::10	C5l5p096wSGy5raGwk	2001:db8:51::20	49544	2001:db8:51::10	445	1:E9TLyJIzYaOALGK8qdj0jLvUhTA=	a client authenticated to the server with NTLM instead of Kerberos: the session key, and so signing, is only as strong as NTLM	testdata/pcaps/tunnels/s06_geneve.pcap	1	1795293511.592571	1795293511.606208	C5l5p096wSGy5raGwk	11	-	-	2.1	-	-	user DEVNET\\carol, NTLMv2	-	Use Kerberos: connect to shares by computer name, not by IP address or a DNS CNAME (both fall back to NTLM). Give servers alternate names with 'netdom computername SERVER /add:ALIAS' instead of CNAME records.	-	-	-	-	Microsoft: Overview of Server Message Block signing; Control SMB signing behavior
1795293511.592571	client_signing_not_required	medium	2001:db8:51::20	C5l5p096wSGy5raGwk	2001:db8:51::20	49544	2001:db8:51::10	445	1:E9TLyJIzYaOALGK8qdj0jLvUhTA=	the client does not require SMB signing: its sessions are signed only if the server requires it	testdata/pcaps/tunnels/s06_geneve.pcap	1	1795293511.592571	1795293511.606208	C5l5p096wSGy5raGwk	4	-	-	2.1	0x01	-	-	-	Require signing on the client, so its sessions are signed whatever the server's setting.	"Microsoft network client: Digitally sign communications (always)" = Enabled (Computer Configuration\\Windows Settings\\Security Settings\\Local Policies\\Security Options)	HKLM\\System\\CurrentControlSet\\Services\\LanManWorkstation\\Parameters\\RequireSecuritySignature = 1 (REG_DWORD); EnableSecuritySignature is ignored by SMB2 and later	Set-SmbClientConfiguration -RequireSecuritySignature $true -Force; check with Get-SmbClientConfiguration | FL RequireSecuritySignature	client signing = required	Microsoft: Overview of Server Message Block signing
#close	2026-11-21-20-38-31
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_hosts
#open	2026-11-21-20-38-31
#fields	ts	host	role	posture	names	dialects	signing_required	negotiations	negotiations_not_requiring	smb1_offered	smb1_used	encryption_seen	connections	peers	sessions	sessions_signed	sessions_unsigned	sessions_encrypted	sessions_mixed	sessions_failed	sessions_unknown	sessions_guest	sessions_anonymous	users	first_seen	last_seen
#types	time	addr	enum	enum	set[string]	set[string]	enum	count	count	bool	bool	bool	count	count	count	count	count	count	count	count	count	count	count	set[string]	time	time
1795293511.592571	2001:db8:51::10	server	requires-signing	vm	2.1	yes	1	0	F	F	F	1	1	1	1	0	0	0	0	0	0	0	DEVNET\\carol	1795293511.592571	1795293511.606208
1795293511.592571	2001:db8:51::20	client	signs-only-if-server-requires	DEVPC7	2.1	no	1	1	F	F	F	1	1	1	1	0	0	0	0	0	0	0	DEVNET\\carol	1795293511.592571	1795293511.606208
#close	2026-11-21-20-38-31
