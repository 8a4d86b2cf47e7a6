#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing
#open	2026-11-21-20-39-45
#fields	ts	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	dialect	session_id	client_signing	server_signing	signing_required	auth	user	domain	workstation	guest	anonymous	setup_status	signed_msgs	unsigned_msgs	encrypted_msgs	outcome	reasons	input	transport	smb_version	dialects_offered	client_security_mode	server_security_mode	signing_algorithm	cipher	server_name	ntlm_version	krb_realm	krb_sname	krb_etype	ntlm_flags	mechs_offered	session_flags	signed_negotiation_msgs	exempt_msgs	unexpected_unsigned_msgs	unsigned_samples	setup_frame	first_frame	last_frame	share_encrypt	reauthentications	anomalies
#types	time	string	addr	port	addr	port	string	string	string	enum	enum	bool	enum	string	string	string	bool	bool	string	count	count	count	enum	vector[string]	string	enum	enum	vector[string]	string	string	string	string	string	string	string	string	string	set[string]	vector[string]	string	count	count	count	vector[string]	count	count	count	bool	count	vector[string]
1795293585.129874	CsBDEhWVCZeX3qwVBo	198.51.100.20	52064	198.51.100.10	445	1:K44LxYj5bRjCIDuDkhLLoWWrpvs=	3.1.1	0x00000000ff8f9efa	enabled	required	T	unknown	-	-	-	F	F	STATUS_SUCCESS	60	0	0	signed	server require(s) signing: an authenticated session must sign,all 60 messages after setup signed,64 capture gaps on the connection: counts cover what was captured	testdata/pcaps/samba/s18_smb311_srvmand_snap150.pcap	direct	smb2	-	0x01	0x03	-	-	-	-	-	-	-	-	-	0x0000	4	1	0	-	11	8	85	-	-	gap=64,negotiate_request_truncated=1,negotiate_response_truncated=1,session_setup_request_truncated=2,session_setup_response_truncated=1
#close	2026-11-21-20-39-45
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_findings
#open	2026-11-21-20-39-45
#fields	ts	finding	severity	subject	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	description	evidence.input	evidence.count	evidence.first_seen	evidence.last_seen	evidence.uids	evidence.frames	evidence.session_id	evidence.user	evidence.dialect	evidence.security_mode	evidence.messages	evidence.detail	evidence.truncated	remediation.summary	remediation.group_policy	remediation.registry	remediation.powershell	remediation.samba	remediation.reference
#types	time	enum	enum	string	string	addr	port	addr	port	string	string	string	count	time	time	vector[string]	vector[count]	string	string	string	string	vector[string]	string	bool	string	string	string	string	string	string
1795293585.124654	client_signing_not_required	medium	198.51.100.20	CsBDEhWVCZeX3qwVBo	198.51.100.20	52064	198.51.100.10	445	1:K44LxYj5bRjCIDuDkhLLoWWrpvs=	the client does not require SMB signing: its sessions are signed only if the server requires it	testdata/pcaps/samba/s18_smb311_srvmand_snap150.pcap	1	1795293585.124654	1795293585.141125	CsBDEhWVCZeX3qwVBo	4	-	-	3.1.1	0x01	-	-	-	Require signing on the client, so its sessions are signed whatever the server's setting.	"Microsoft network client: Digitally sign communications (always)" = Enabled (Computer Configuration\\Windows Settings\\Security Settings\\Local Policies\\Security Options)	HKLM\\System\\CurrentControlSet\\Services\\LanManWorkstation\\Parameters\\RequireSecuritySignature = 1 (REG_DWORD); EnableSecuritySignature is ignored by SMB2 and later	Set-SmbClientConfiguration -RequireSecuritySignature $true -Force; check with Get-SmbClientConfiguration | FL RequireSecuritySignature	client signing = required	Microsoft: Overview of Server Message Block signing
#close	2026-11-21-20-39-45
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_hosts
#open	2026-11-21-20-39-45
#fields	ts	host	role	posture	names	dialects	signing_required	negotiations	negotiations_not_requiring	smb1_offered	smb1_used	encryption_seen	connections	peers	sessions	sessions_signed	sessions_unsigned	sessions_encrypted	sessions_mixed	sessions_failed	sessions_unknown	sessions_guest	sessions_anonymous	users	first_seen	last_seen
#types	time	addr	enum	enum	set[string]	set[string]	enum	count	count	bool	bool	bool	count	count	count	count	count	count	count	count	count	count	count	set[string]	time	time
1795293585.124654	198.51.100.10	server	requires-signing	(empty)	3.1.1	yes	1	0	F	F	F	1	1	1	1	0	0	0	0	0	0	0	(empty)	1795293585.124654	1795293585.141125
1795293585.124654	198.51.100.20	client	signs-only-if-server-requires	(empty)	3.1.1	no	1	1	F	F	F	1	1	1	1	0	0	0	0	0	0	0	(empty)	1795293585.124654	1795293585.141125
#close	2026-11-21-20-39-45
