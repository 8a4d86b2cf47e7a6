#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing
#open	2026-11-21-20-38-49
#fields	ts	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	dialect	session_id	client_signing	server_signing	signing_required	auth	user	domain	workstation	guest	anonymous	setup_status	signed_msgs	unsigned_msgs	encrypted_msgs	outcome	reasons	input	transport	smb_version	dialects_offered	client_security_mode	server_security_mode	signing_algorithm	cipher	server_name	ntlm_version	krb_realm	krb_sname	krb_etype	ntlm_flags	mechs_offered	session_flags	signed_negotiation_msgs	exempt_msgs	unexpected_unsigned_msgs	unsigned_samples	setup_frame	first_frame	last_frame	share_encrypt	reauthentications	anomalies
#types	time	string	addr	port	addr	port	string	string	string	enum	enum	bool	enum	string	string	string	bool	bool	string	count	count	count	enum	vector[string]	string	enum	enum	vector[string]	string	string	string	string	string	string	string	string	string	set[string]	vector[string]	string	count	count	count	vector[string]	count	count	count	bool	count	vector[string]
1795293529.099317	CXT07omsB8IvFv6kl7	198.51.100.20	60560	198.51.100.10	445	1:nEzi9R9tJK8QsdTE1HMWPEwI0wM=	3.1.1	0x000000007854e78e	enabled	required	T	anonymous	(empty)	(empty)	DEVPC7	F	T	STATUS_SUCCESS	0	12	0	unsigned	server require(s) signing: an authenticated session must sign,anonymous (null) session: no user key\x2c so the session is not signed,all 12 messages after setup unsigned	testdata/pcaps/samba/s09_smb311_anon_ipc_srvmand.pcap	direct	smb2	2.0.2,2.1,3.0,3.0.2,3.1.1	0x01	0x03	AES-GMAC	AES-128-GCM	vm	-	-	-	-	SIGN,KEY_EXCH,ALWAYS_SIGN,ANONYMOUS	ntlmssp	0x0000	0	1	0	12 client TREE_CONNECT,13 server TREE_CONNECT STATUS_SUCCESS,14 client CREATE,16 server CREATE STATUS_SUCCESS,17 client IOCTL,21 server IOCTL STATUS_SUCCESS,23 client IOCTL,24 server IOCTL STATUS_SUCCESS	11	8	28	-	-	-
#close	2026-11-21-20-38-49
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_findings
#open	2026-11-21-20-38-49
#fields	ts	finding	severity	subject	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	description	evidence.input	evidence.count	evidence.first_seen	evidence.last_seen	evidence.uids	evidence.frames	evidence.session_id	evidence.user	evidence.dialect	evidence.security_mode	evidence.messages	evidence.detail	evidence.truncated	remediation.summary	remediation.group_policy	remediation.registry	remediation.powershell	remediation.samba	remediation.reference
#types	time	enum	enum	string	string	addr	port	addr	port	string	string	string	count	time	time	vector[string]	vector[count]	string	string	string	string	vector[string]	string	bool	string	string	string	string	string	string
1795293529.099317	anonymous_session	medium	198.51.100.20 -> 198.51.100.10 session 0x000000007854e78e	CXT07omsB8IvFv6kl7	198.51.100.20	60560	198.51.100.10	445	1:nEzi9R9tJK8QsdTE1HMWPEwI0wM=	an anonymous (null) session was established: it cannot be signed	testdata/pcaps/samba/s09_smb311_anon_ipc_srvmand.pcap	1	1795293529.099317	1795293529.441763	CXT07omsB8IvFv6kl7	11	0x000000007854e78e	-	3.1.1	-	-	-	-	Restrict anonymous access to shares and named pipes.	"Network access: Restrict anonymous access to Named Pipes and Shares" = Enabled; "Network access: Do not allow anonymous enumeration of SAM accounts and shares" = Enabled (Computer Configuration\\Windows Settings\\Security Settings\\Local Policies\\Security Options)	HKLM\\System\\CurrentControlSet\\Services\\LanManServer\\Parameters\\RestrictNullSessAccess = 1; HKLM\\System\\CurrentControlSet\\Control\\Lsa\\RestrictAnonymous = 1	-	restrict anonymous = 2	-
1795293529.093590	client_signing_not_required	medium	198.51.100.20	CXT07omsB8IvFv6kl7	198.51.100.20	60560	198.51.100.10	445	1:nEzi9R9tJK8QsdTE1HMWPEwI0wM=	the client does not require SMB signing: its sessions are signed only if the server requires it	testdata/pcaps/samba/s09_smb311_anon_ipc_srvmand.pcap	1	1795293529.093590	1795293529.443630	CXT07omsB8IvFv6kl7	4	-	-	3.1.1	0x01	-	-	-	Require signing on the client, so its sessions are signed whatever the server's setting.	"Microsoft network client: Digitally sign communications (always)" = Enabled (Computer Configuration\\Windows Settings\\Security Settings\\Local Policies\\Security Options)	HKLM\\System\\CurrentControlSet\\Services\\LanManWorkstation\\Parameters\\RequireSecuritySignature = 1 (REG_DWORD); EnableSecuritySignature is ignored by SMB2 and later	Set-SmbClientConfiguration -RequireSecuritySignature $true -Force; check with Get-SmbClientConfiguration | FL RequireSecuritySignature	client signing = required	Microsoft: Overview of Server Message Block signing
#close	2026-11-21-20-38-49
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_hosts
#open	2026-11-21-20-38-49
#fields	ts	host	role	posture	names	dialects	signing_required	negotiations	negotiations_not_requiring	smb1_offered	smb1_used	encryption_seen	connections	peers	sessions	sessions_signed	sessions_unsigned	sessions_encrypted	sessions_mixed	sessions_failed	sessions_unknown	sessions_guest	sessions_anonymous	users	first_seen	last_seen
#types	time	addr	enum	enum	set[string]	set[string]	enum	count	count	bool	bool	bool	count	count	count	count	count	count	count	count	count	count	count	set[string]	time	time
1795293529.093590	198.51.100.10	server	requires-signing	vm	3.1.1	yes	1	0	F	F	F	1	1	1	0	1	0	0	0	0	0	1	(empty)	1795293529.093590	1795293529.443630
1795293529.093590	198.51.100.20	client	signs-only-if-server-requires	DEVPC7	3.1.1	no	1	1	F	F	F	1	1	1	0	1	0	0	0	0	0	1	(empty)	1795293529.093590	1795293529.443630
#close	2026-11-21-20-38-49
