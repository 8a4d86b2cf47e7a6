#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing
#open	2017-05-17-10-02-16
#fields	ts	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	dialect	session_id	client_signing	server_signing	signing_required	auth	user	domain	workstation	guest	anonymous	setup_status	signed_msgs	unsigned_msgs	encrypted_msgs	outcome	reasons	input	transport	smb_version	dialects_offered	client_security_mode	server_security_mode	signing_algorithm	cipher	server_name	ntlm_version	krb_realm	krb_sname	krb_etype	ntlm_flags	mechs_offered	session_flags	signed_negotiation_msgs	exempt_msgs	unexpected_unsigned_msgs	unsigned_samples	setup_frame	first_frame	last_frame	share_encrypt	reauthentications	anomalies
#types	time	string	addr	port	addr	port	string	string	string	enum	enum	bool	enum	string	string	string	bool	bool	string	count	count	count	enum	vector[string]	string	enum	enum	vector[string]	string	string	string	string	string	string	string	string	string	set[string]	vector[string]	string	count	count	count	vector[string]	count	count	count	bool	count	vector[string]
1495015336.531151	CnIiBufgNVDSYbPMA6	10.160.64.139	38166	10.160.65.202	445	1:Zua2s/4yEig7eZk7vwRe+ov076k=	3.0	0x000048009400003d	enabled	required	T	ntlmssp	administrator	SUSE	(empty)	F	F	STATUS_SUCCESS	4	0	44	encrypted	server require(s) signing: an authenticated session must sign,a share requires encryption (SHARE_FLAG_ENCRYPT_DATA),44 encrypted messages (SMB3 transform)	testdata/pcaps/public/zeek/smb3.pcap	direct	smb2	3.0	0x01	0x03	-	-	WS2016.suse.de	v2	-	-	-	SIGN,SEAL,KEY_EXCH	-	0x0000	4	0	0	-	6	3	54	T	-	-
#close	2017-05-17-10-02-19
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_findings
#open	2017-05-17-10-02-16
#fields	ts	finding	severity	subject	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	description	evidence.input	evidence.count	evidence.first_seen	evidence.last_seen	evidence.uids	evidence.frames	evidence.session_id	evidence.user	evidence.dialect	evidence.security_mode	evidence.messages	evidence.detail	evidence.truncated	remediation.summary	remediation.group_policy	remediation.registry	remediation.powershell	remediation.samba	remediation.reference
#types	time	enum	enum	string	string	addr	port	addr	port	string	string	string	count	time	time	vector[string]	vector[count]	string	string	string	string	vector[string]	string	bool	string	string	string	string	string	string
1495015336.523633	ntlm_authentication	low	10.160.64.139 -> 10.160.65.202	CnIiBufgNVDSYbPMA6	10.160.64.139	38166	10.160.65.202	445	1:Zua2s/4yEig7eZk7vwRe+ov076k=	a client authenticated to the server with NTLM instead of Kerberos: the session key, and so signing, is only as strong as NTLM	testdata/pcaps/public/zeek/smb3.pcap	1	1495015336.523633	1495015339.888518	CnIiBufgNVDSYbPMA6	6	-	-	3.0	-	-	user SUSE\\administrator, NTLMv2	-	Use Kerberos: connect to shares by computer name, not by IP address or a DNS CNAME (both fall back to NTLM). Give servers alternate names with 'netdom computername SERVER /add:ALIAS' instead of CNAME records.	-	-	-	-	Microsoft: Overview of Server Message Block signing; Control SMB signing behavior
1495015336.523633	client_signing_not_required	medium	10.160.64.139	CnIiBufgNVDSYbPMA6	10.160.64.139	38166	10.160.65.202	445	1:Zua2s/4yEig7eZk7vwRe+ov076k=	the client does not require SMB signing: its sessions are signed only if the server requires it	testdata/pcaps/public/zeek/smb3.pcap	1	1495015336.523633	1495015339.888518	CnIiBufgNVDSYbPMA6	1	-	-	3.0	0x01	-	-	-	Require signing on the client, so its sessions are signed whatever the server's setting.	"Microsoft network client: Digitally sign communications (always)" = Enabled (Computer Configuration\\Windows Settings\\Security Settings\\Local Policies\\Security Options)	HKLM\\System\\CurrentControlSet\\Services\\LanManWorkstation\\Parameters\\RequireSecuritySignature = 1 (REG_DWORD); EnableSecuritySignature is ignored by SMB2 and later	Set-SmbClientConfiguration -RequireSecuritySignature $true -Force; check with Get-SmbClientConfiguration | FL RequireSecuritySignature	client signing = required	Microsoft: Overview of Server Message Block signing
#close	2017-05-17-10-02-19
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_hosts
#open	2017-05-17-10-02-16
#fields	ts	host	role	posture	names	dialects	signing_required	negotiations	negotiations_not_requiring	smb1_offered	smb1_used	encryption_seen	connections	peers	sessions	sessions_signed	sessions_unsigned	sessions_encrypted	sessions_mixed	sessions_failed	sessions_unknown	sessions_guest	sessions_anonymous	users	first_seen	last_seen
#types	time	addr	enum	enum	set[string]	set[string]	enum	count	count	bool	bool	bool	count	count	count	count	count	count	count	count	count	count	count	set[string]	time	time
1495015336.523633	10.160.65.202	server	requires-signing	WS2016.suse.de	3.0	yes	1	0	F	F	T	1	1	1	0	0	1	0	0	0	0	0	SUSE\\administrator	1495015336.523633	1495015339.888518
1495015336.523633	10.160.64.139	client	signs-only-if-server-requires	(empty)	3.0	no	1	1	F	F	T	1	1	1	0	0	1	0	0	0	0	0	SUSE\\administrator	1495015336.523633	1495015339.888518
#close	2017-05-17-10-02-19
