#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing
#open	2026-03-27-22-45-38
#fields	ts	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	dialect	session_id	client_signing	server_signing	signing_required	auth	user	domain	workstation	guest	anonymous	setup_status	signed_msgs	unsigned_msgs	encrypted_msgs	outcome	reasons	input	transport	smb_version	dialects_offered	client_security_mode	server_security_mode	signing_algorithm	cipher	server_name	ntlm_version	krb_realm	krb_sname	krb_etype	ntlm_flags	mechs_offered	session_flags	signed_negotiation_msgs	exempt_msgs	unexpected_unsigned_msgs	unsigned_samples	setup_frame	first_frame	last_frame	share_encrypt	reauthentications	anomalies
#types	time	string	addr	port	addr	port	string	string	string	enum	enum	bool	enum	string	string	string	bool	bool	string	count	count	count	enum	vector[string]	string	enum	enum	vector[string]	string	string	string	string	string	string	string	string	string	set[string]	vector[string]	string	count	count	count	vector[string]	count	count	count	bool	count	vector[string]
1774651538.689871	CxVl6f9mEPPJpY0CcG	10.10.0.100	54634	10.10.0.20	445	1:eJIzlXkAZYKECNPRMffL4agnb7s=	3.0	0x0000c40080000039	enabled	required	T	ntlmssp	guest	(empty)	(empty)	F	F	STATUS_ACCOUNT_DISABLED	0	0	0	failed	server require(s) signing: an authenticated session must sign,session setup failed: STATUS_ACCOUNT_DISABLED	testdata/pcaps/public/suricata-verify/dcerpc-bind-no-frag-flag__input.pcap	direct	smb1+smb2	2.0.2,2.1,3.0	0x01	0x03	-	-	dc1.dom189.local	v2	-	-	-	SIGN,SEAL,KEY_EXCH,ALWAYS_SIGN	ntlmssp	-	0	0	0	-	11	8	11	-	-	-
1774651539.706677	CGA8mC0mgl0UN226x6	10.10.0.100	54638	10.10.0.20	445	1:G005Ysm3NKl18C9POgOm+fNmBdM=	3.0	0x0000c4008000003d	enabled	required	T	ntlmssp	guest	(empty)	(empty)	F	F	STATUS_ACCOUNT_DISABLED	0	0	0	failed	server require(s) signing: an authenticated session must sign,session setup failed: STATUS_ACCOUNT_DISABLED	testdata/pcaps/public/suricata-verify/dcerpc-bind-no-frag-flag__input.pcap	direct	smb1+smb2	2.0.2,2.1,3.0	0x01	0x03	-	-	dc1.dom189.local	v2	-	-	-	SIGN,SEAL,KEY_EXCH,ALWAYS_SIGN	ntlmssp	-	0	0	0	-	23	20	23	-	-	-
#close	2026-03-27-22-45-39
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_findings
#open	2026-03-27-22-45-38
#fields	ts	finding	severity	subject	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	description	evidence.input	evidence.count	evidence.first_seen	evidence.last_seen	evidence.uids	evidence.frames	evidence.session_id	evidence.user	evidence.dialect	evidence.security_mode	evidence.messages	evidence.detail	evidence.truncated	remediation.summary	remediation.group_policy	remediation.registry	remediation.powershell	remediation.samba	remediation.reference
#types	time	enum	enum	string	string	addr	port	addr	port	string	string	string	count	time	time	vector[string]	vector[count]	string	string	string	string	vector[string]	string	bool	string	string	string	string	string	string
1774651538.642841	client_signing_not_required	medium	10.10.0.100	CxVl6f9mEPPJpY0CcG	10.10.0.100	54634	10.10.0.20	445	1:eJIzlXkAZYKECNPRMffL4agnb7s=	the client does not require SMB signing: its sessions are signed only if the server requires it	testdata/pcaps/public/suricata-verify/dcerpc-bind-no-frag-flag__input.pcap	2	1774651538.642841	1774651539.752367	CxVl6f9mEPPJpY0CcG,CGA8mC0mgl0UN226x6	6,18	-	-	3.0	0x01	-	-	-	Require signing on the client, so its sessions are signed whatever the server's setting.	"Microsoft network client: Digitally sign communications (always)" = Enabled (Computer Configuration\\Windows Settings\\Security Settings\\Local Policies\\Security Options)	HKLM\\System\\CurrentControlSet\\Services\\LanManWorkstation\\Parameters\\RequireSecuritySignature = 1 (REG_DWORD); EnableSecuritySignature is ignored by SMB2 and later	Set-SmbClientConfiguration -RequireSecuritySignature $true -Force; check with Get-SmbClientConfiguration | FL RequireSecuritySignature	client signing = required	Microsoft: Overview of Server Message Block signing
1774651538.642841	smb1_offered	low	10.10.0.100	CxVl6f9mEPPJpY0CcG	10.10.0.100	54634	10.10.0.20	445	1:eJIzlXkAZYKECNPRMffL4agnb7s=	the client still offers SMB1 dialects	testdata/pcaps/public/suricata-verify/dcerpc-bind-no-frag-flag__input.pcap	2	1774651538.642841	1774651539.752367	CxVl6f9mEPPJpY0CcG,CGA8mC0mgl0UN226x6	6,18	-	-	3.0	-	-	-	-	Remove SMB1 from the client.	-	-	Disable-WindowsOptionalFeature -Online -FeatureName SMB1Protocol	client min protocol = SMB2_02	-
#close	2026-03-27-22-45-39
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_hosts
#open	2026-03-27-22-45-38
#fields	ts	host	role	posture	names	dialects	signing_required	negotiations	negotiations_not_requiring	smb1_offered	smb1_used	encryption_seen	connections	peers	sessions	sessions_signed	sessions_unsigned	sessions_encrypted	sessions_mixed	sessions_failed	sessions_unknown	sessions_guest	sessions_anonymous	users	first_seen	last_seen
#types	time	addr	enum	enum	set[string]	set[string]	enum	count	count	bool	bool	bool	count	count	count	count	count	count	count	count	count	count	count	set[string]	time	time
1774651538.642841	10.10.0.20	server	requires-signing	dc1.dom189.local	3.0	yes	2	0	T	F	F	2	1	2	0	0	0	0	2	0	0	0	guest	1774651538.642841	1774651539.752367
1774651538.642841	10.10.0.100	client	signs-only-if-server-requires	(empty)	3.0	no	2	2	T	F	F	2	1	2	0	0	0	0	2	0	0	0	guest	1774651538.642841	1774651539.752367
#close	2026-03-27-22-45-39
