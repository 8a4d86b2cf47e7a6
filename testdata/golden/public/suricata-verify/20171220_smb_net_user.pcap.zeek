#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing
#open	2017-10-09-15-21-18
#fields	ts	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	dialect	session_id	client_signing	server_signing	signing_required	auth	user	domain	workstation	guest	anonymous	setup_status	signed_msgs	unsigned_msgs	encrypted_msgs	outcome	reasons	input	transport	smb_version	dialects_offered	client_security_mode	server_security_mode	signing_algorithm	cipher	server_name	ntlm_version	krb_realm	krb_sname	krb_etype	ntlm_flags	mechs_offered	session_flags	signed_negotiation_msgs	exempt_msgs	unexpected_unsigned_msgs	unsigned_samples	setup_frame	first_frame	last_frame	share_encrypt	reauthentications	anomalies
#types	time	string	addr	port	addr	port	string	string	string	enum	enum	bool	enum	string	string	string	bool	bool	string	count	count	count	enum	vector[string]	string	enum	enum	vector[string]	string	string	string	string	string	string	string	string	string	set[string]	vector[string]	string	count	count	count	vector[string]	count	count	count	bool	count	vector[string]
1507562478.110863	CKlfNQlCtkm0tIZ9Bx	192.168.10.31	49282	192.168.10.10	445	1:ujyGDekkzRhI2LidJpfsziN2R/s=	2.1	0x0000200004000031	enabled	required	T	kerberos	-	-	-	F	F	STATUS_SUCCESS	144	0	0	signed	server require(s) signing: an authenticated session must sign,all 144 messages after setup signed	testdata/pcaps/public/suricata-verify/20171220_smb_net_user.pcap	direct	smb1+smb2	2.0.2,2.1	0x01	0x03	-	-	-	-	CONTOSO.LOCAL	cifs/DC1.contoso.local	aes256-cts-hmac-sha1-96	-	ms-kerberos,kerberos,negoex,ntlmssp	0x0000	2	0	0	-	10	8	154	-	-	-
#close	2017-10-09-15-21-18
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_findings
#open	2017-10-09-15-21-18
#fields	ts	finding	severity	subject	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	description	evidence.input	evidence.count	evidence.first_seen	evidence.last_seen	evidence.uids	evidence.frames	evidence.session_id	evidence.user	evidence.dialect	evidence.security_mode	evidence.messages	evidence.detail	evidence.truncated	remediation.summary	remediation.group_policy	remediation.registry	remediation.powershell	remediation.samba	remediation.reference
#types	time	enum	enum	string	string	addr	port	addr	port	string	string	string	count	time	time	vector[string]	vector[count]	string	string	string	string	vector[string]	string	bool	string	string	string	string	string	string
1507562478.109370	client_signing_not_required	medium	192.168.10.31	CKlfNQlCtkm0tIZ9Bx	192.168.10.31	49282	192.168.10.10	445	1:ujyGDekkzRhI2LidJpfsziN2R/s=	the client does not require SMB signing: its sessions are signed only if the server requires it	testdata/pcaps/public/suricata-verify/20171220_smb_net_user.pcap	1	1507562478.109370	1507562478.338690	CKlfNQlCtkm0tIZ9Bx	6	-	-	2.1	0x01	-	-	-	Require signing on the client, so its sessions are signed whatever the server's setting.	"Microsoft network client: Digitally sign communications (always)" = Enabled (Computer Configuration\\Windows Settings\\Security Settings\\Local Policies\\Security Options)	HKLM\\System\\CurrentControlSet\\Services\\LanManWorkstation\\Parameters\\RequireSecuritySignature = 1 (REG_DWORD); EnableSecuritySignature is ignored by SMB2 and later	Set-SmbClientConfiguration -RequireSecuritySignature $true -Force; check with Get-SmbClientConfiguration | FL RequireSecuritySignature	client signing = required	Microsoft: Overview of Server Message Block signing
1507562478.109370	smb1_offered	low	192.168.10.31	CKlfNQlCtkm0tIZ9Bx	192.168.10.31	49282	192.168.10.10	445	1:ujyGDekkzRhI2LidJpfsziN2R/s=	the client still offers SMB1 dialects	testdata/pcaps/public/suricata-verify/20171220_smb_net_user.pcap	1	1507562478.109370	1507562478.338690	CKlfNQlCtkm0tIZ9Bx	6	-	-	2.1	-	-	-	-	Remove SMB1 from the client.	-	-	Disable-WindowsOptionalFeature -Online -FeatureName SMB1Protocol	client min protocol = SMB2_02	-
#close	2017-10-09-15-21-18
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_hosts
#open	2017-10-09-15-21-18
#fields	ts	host	role	posture	names	dialects	signing_required	negotiations	negotiations_not_requiring	smb1_offered	smb1_used	encryption_seen	connections	peers	sessions	sessions_signed	sessions_unsigned	sessions_encrypted	sessions_mixed	sessions_failed	sessions_unknown	sessions_guest	sessions_anonymous	users	first_seen	last_seen
#types	time	addr	enum	enum	set[string]	set[string]	enum	count	count	bool	bool	bool	count	count	count	count	count	count	count	count	count	count	count	set[string]	time	time
1507562478.109370	192.168.10.10	server	requires-signing	(empty)	2.1	yes	1	0	T	F	F	1	1	1	1	0	0	0	0	0	0	0	(empty)	1507562478.109370	1507562478.338690
1507562478.109370	192.168.10.31	client	signs-only-if-server-requires	(empty)	2.1	no	1	1	T	F	F	1	1	1	1	0	0	0	0	0	0	0	(empty)	1507562478.109370	1507562478.338690
#close	2017-10-09-15-21-18
