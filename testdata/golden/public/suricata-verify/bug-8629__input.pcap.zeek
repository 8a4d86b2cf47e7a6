#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing
#open	2017-10-09-16-45-00
#fields	ts	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	dialect	session_id	client_signing	server_signing	signing_required	auth	user	domain	workstation	guest	anonymous	setup_status	signed_msgs	unsigned_msgs	encrypted_msgs	outcome	reasons	input	transport	smb_version	dialects_offered	client_security_mode	server_security_mode	signing_algorithm	cipher	server_name	ntlm_version	krb_realm	krb_sname	krb_etype	ntlm_flags	mechs_offered	session_flags	signed_negotiation_msgs	exempt_msgs	unexpected_unsigned_msgs	unsigned_samples	setup_frame	first_frame	last_frame	share_encrypt	reauthentications	anomalies
#types	time	string	addr	port	addr	port	string	string	string	enum	enum	bool	enum	string	string	string	bool	bool	string	count	count	count	enum	vector[string]	string	enum	enum	vector[string]	string	string	string	string	string	string	string	string	string	set[string]	vector[string]	string	count	count	count	vector[string]	count	count	count	bool	count	vector[string]
1507567500.280462	CRP7pEDQj4eFBr4oS5	192.168.10.31	49285	192.168.10.10	445	1:b+Szw+ia464igf5e+MwW1WUzw9Y=	-	0x0000240004000045	enabled	unknown	F	unknown	-	-	-	F	F	-	70	0	0	signed	neither client nor server requires signing: SMB2/3 then does not sign,session setup not captured (capture starts mid-stream),all 70 messages after setup signed,no server messages captured (a one-way capture or a server that never answered): counts cover the client's side only	testdata/pcaps/public/suricata-verify/bug-8629__input.pcap	direct	smb2	2.0.2,2.1	0x01	-	-	-	-	-	-	-	-	-	-	-	2	0	0	-	-	10	156	-	-	-
#close	2017-10-09-16-45-10
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_findings
#open	2017-10-09-16-45-00
#fields	ts	finding	severity	subject	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	description	evidence.input	evidence.count	evidence.first_seen	evidence.last_seen	evidence.uids	evidence.frames	evidence.session_id	evidence.user	evidence.dialect	evidence.security_mode	evidence.messages	evidence.detail	evidence.truncated	remediation.summary	remediation.group_policy	remediation.registry	remediation.powershell	remediation.samba	remediation.reference
#types	time	enum	enum	string	string	addr	port	addr	port	string	string	string	count	time	time	vector[string]	vector[count]	string	string	string	string	vector[string]	string	bool	string	string	string	string	string	string
1507567500.277883	client_signing_not_required	medium	192.168.10.31	CRP7pEDQj4eFBr4oS5	192.168.10.31	49285	192.168.10.10	445	1:b+Szw+ia464igf5e+MwW1WUzw9Y=	the client does not require SMB signing: its sessions are signed only if the server requires it	testdata/pcaps/public/suricata-verify/bug-8629__input.pcap	1	1507567500.277883	1507567510.699181	CRP7pEDQj4eFBr4oS5	4	-	-	-	0x01	-	-	-	Require signing on the client, so its sessions are signed whatever the server's setting.	"Microsoft network client: Digitally sign communications (always)" = Enabled (Computer Configuration\\Windows Settings\\Security Settings\\Local Policies\\Security Options)	HKLM\\System\\CurrentControlSet\\Services\\LanManWorkstation\\Parameters\\RequireSecuritySignature = 1 (REG_DWORD); EnableSecuritySignature is ignored by SMB2 and later	Set-SmbClientConfiguration -RequireSecuritySignature $true -Force; check with Get-SmbClientConfiguration | FL RequireSecuritySignature	client signing = required	Microsoft: Overview of Server Message Block signing
#close	2017-10-09-16-45-10
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_hosts
#open	2017-10-09-16-45-00
#fields	ts	host	role	posture	names	dialects	signing_required	negotiations	negotiations_not_requiring	smb1_offered	smb1_used	encryption_seen	connections	peers	sessions	sessions_signed	sessions_unsigned	sessions_encrypted	sessions_mixed	sessions_failed	sessions_unknown	sessions_guest	sessions_anonymous	users	first_seen	last_seen
#types	time	addr	enum	enum	set[string]	set[string]	enum	count	count	bool	bool	bool	count	count	count	count	count	count	count	count	count	count	count	set[string]	time	time
1507567500.277883	192.168.10.10	server	unknown	(empty)	(empty)	unknown	0	0	F	F	F	1	1	1	1	0	0	0	0	0	0	0	(empty)	1507567500.277883	1507567510.699181
1507567500.277883	192.168.10.31	client	signs-only-if-server-requires	(empty)	(empty)	no	1	1	F	F	F	1	1	1	1	0	0	0	0	0	0	0	(empty)	1507567500.277883	1507567510.699181
#close	2017-10-09-16-45-10
