#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing
#open	2023-09-12-07-39-18
#fields	ts	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	dialect	session_id	client_signing	server_signing	signing_required	auth	user	domain	workstation	guest	anonymous	setup_status	signed_msgs	unsigned_msgs	encrypted_msgs	outcome	reasons	input	transport	smb_version	dialects_offered	client_security_mode	server_security_mode	signing_algorithm	cipher	server_name	ntlm_version	krb_realm	krb_sname	krb_etype	ntlm_flags	mechs_offered	session_flags	signed_negotiation_msgs	exempt_msgs	unexpected_unsigned_msgs	unsigned_samples	setup_frame	first_frame	last_frame	share_encrypt	reauthentications	anomalies
#types	time	string	addr	port	addr	port	string	string	string	enum	enum	bool	enum	string	string	string	bool	bool	string	count	count	count	enum	vector[string]	string	enum	enum	vector[string]	string	string	string	string	string	string	string	string	string	set[string]	vector[string]	string	count	count	count	vector[string]	count	count	count	bool	count	vector[string]
1694504358.174266	CD82pXRD5pXjmJJoD8	192.168.56.102	49734	192.168.56.101	445	1:3Jk2NXRJupI+KkgodOZz8Ural2M=	3.1.1	0x0000680000000019	enabled	required	T	kerberos	-	-	-	F	F	STATUS_SUCCESS	78	0	0	signed	server require(s) signing: an authenticated session must sign,all 78 messages after setup signed	testdata/pcaps/public/suricata-verify/dcerpc-ctxids__input.pcap	direct	smb1+smb2	2.0.2,2.1,3.0,3.0.2,3.1.1	0x01	0x03	-	AES-128-GCM	DC1.purp.le	-	PURP.LE	cifs/DC1.purp.le	aes256-cts-hmac-sha1-96	-	ms-kerberos,kerberos,negoex,ntlmssp	0x0000	4	0	0	-	567	565	646	-	-	-
#close	2023-09-12-07-39-28
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_findings
#open	2023-09-12-07-39-18
#fields	ts	finding	severity	subject	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	description	evidence.input	evidence.count	evidence.first_seen	evidence.last_seen	evidence.uids	evidence.frames	evidence.session_id	evidence.user	evidence.dialect	evidence.security_mode	evidence.messages	evidence.detail	evidence.truncated	remediation.summary	remediation.group_policy	remediation.registry	remediation.powershell	remediation.samba	remediation.reference
#types	time	enum	enum	string	string	addr	port	addr	port	string	string	string	count	time	time	vector[string]	vector[count]	string	string	string	string	vector[string]	string	bool	string	string	string	string	string	string
1694504358.143262	client_signing_not_required	medium	192.168.56.102	CD82pXRD5pXjmJJoD8	192.168.56.102	49734	192.168.56.101	445	1:3Jk2NXRJupI+KkgodOZz8Ural2M=	the client does not require SMB signing: its sessions are signed only if the server requires it	testdata/pcaps/public/suricata-verify/dcerpc-ctxids__input.pcap	1	1694504358.143262	1694504368.876683	CD82pXRD5pXjmJJoD8	541	-	-	3.1.1	0x01	-	-	-	Require signing on the client, so its sessions are signed whatever the server's setting.	"Microsoft network client: Digitally sign communications (always)" = Enabled (Computer Configuration\\Windows Settings\\Security Settings\\Local Policies\\Security Options)	HKLM\\System\\CurrentControlSet\\Services\\LanManWorkstation\\Parameters\\RequireSecuritySignature = 1 (REG_DWORD); EnableSecuritySignature is ignored by SMB2 and later	Set-SmbClientConfiguration -RequireSecuritySignature $true -Force; check with Get-SmbClientConfiguration | FL RequireSecuritySignature	client signing = required	Microsoft: Overview of Server Message Block signing
1694504358.143262	smb1_offered	low	192.168.56.102	CD82pXRD5pXjmJJoD8	192.168.56.102	49734	192.168.56.101	445	1:3Jk2NXRJupI+KkgodOZz8Ural2M=	the client still offers SMB1 dialects	testdata/pcaps/public/suricata-verify/dcerpc-ctxids__input.pcap	1	1694504358.143262	1694504368.876683	CD82pXRD5pXjmJJoD8	541	-	-	3.1.1	-	-	-	-	Remove SMB1 from the client.	-	-	Disable-WindowsOptionalFeature -Online -FeatureName SMB1Protocol	client min protocol = SMB2_02	-
#close	2023-09-12-07-39-28
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_hosts
#open	2023-09-12-07-39-18
#fields	ts	host	role	posture	names	dialects	signing_required	negotiations	negotiations_not_requiring	smb1_offered	smb1_used	encryption_seen	connections	peers	sessions	sessions_signed	sessions_unsigned	sessions_encrypted	sessions_mixed	sessions_failed	sessions_unknown	sessions_guest	sessions_anonymous	users	first_seen	last_seen
#types	time	addr	enum	enum	set[string]	set[string]	enum	count	count	bool	bool	bool	count	count	count	count	count	count	count	count	count	count	count	set[string]	time	time
1694504358.143262	192.168.56.101	server	requires-signing	DC1.purp.le	3.1.1	yes	1	0	T	F	F	1	1	1	1	0	0	0	0	0	0	0	(empty)	1694504358.143262	1694504368.876683
1694504358.143262	192.168.56.102	client	signs-only-if-server-requires	(empty)	3.1.1	no	1	1	T	F	F	1	1	1	1	0	0	0	0	0	0	0	(empty)	1694504358.143262	1694504368.876683
#close	2023-09-12-07-39-28
