#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing
#open	2020-07-19-18-26-27
#fields	ts	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	dialect	session_id	client_signing	server_signing	signing_required	auth	user	domain	workstation	guest	anonymous	setup_status	signed_msgs	unsigned_msgs	encrypted_msgs	outcome	reasons	input	transport	smb_version	dialects_offered	client_security_mode	server_security_mode	signing_algorithm	cipher	server_name	ntlm_version	krb_realm	krb_sname	krb_etype	ntlm_flags	mechs_offered	session_flags	signed_negotiation_msgs	exempt_msgs	unexpected_unsigned_msgs	unsigned_samples	setup_frame	first_frame	last_frame	share_encrypt	reauthentications	anomalies
#types	time	string	addr	port	addr	port	string	string	string	enum	enum	bool	enum	string	string	string	bool	bool	string	count	count	count	enum	vector[string]	string	enum	enum	vector[string]	string	string	string	string	string	string	string	string	string	set[string]	vector[string]	string	count	count	count	vector[string]	count	count	count	bool	count	vector[string]
1595183187.060064	CzGNWdCf4hoTv3MDhS	172.16.66.1	50060	172.16.66.36	445	1:6h/p9DFQdCKifi61DPxiJaHfHFQ=	3.1.1	0x0003f4000c000055	enabled	required	T	ntlmssp	Backdoor	3B	02694W-WIN10	F	F	STATUS_SUCCESS	20	0	0	signed	server require(s) signing: an authenticated session must sign,all 20 messages after setup signed	testdata/pcaps/public/suricata-verify/bug-5133__input.pcap	direct	smb2	2.0.2,2.1,3.0,3.0.2,3.1.1	0x01	0x03	-	AES-128-GCM	01566s-win16-ir.threebeesco.com	v2	-	-	-	SIGN,KEY_EXCH,ALWAYS_SIGN	ntlmssp	0x0000	4	0	0	-	25	22	45	-	-	-
1595183196.005666	CzGNWdCf4hoTv3MDhS	172.16.66.1	50060	172.16.66.36	445	1:6h/p9DFQdCKifi61DPxiJaHfHFQ=	3.1.1	0x0003f4000c000059	enabled	required	T	ntlmssp	Backdoor	3B	02694W-WIN10	F	F	STATUS_SUCCESS	18	0	0	signed	server require(s) signing: an authenticated session must sign,all 18 messages after setup signed	testdata/pcaps/public/suricata-verify/bug-5133__input.pcap	direct	smb2	2.0.2,2.1,3.0,3.0.2,3.1.1	0x01	0x03	-	AES-128-GCM	01566s-win16-ir.threebeesco.com	v2	-	-	-	SIGN,KEY_EXCH,ALWAYS_SIGN	-	0x0000	2	0	0	-	64	61	82	-	-	-
#close	2020-07-19-18-26-36
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_findings
#open	2020-07-19-18-26-27
#fields	ts	finding	severity	subject	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	description	evidence.input	evidence.count	evidence.first_seen	evidence.last_seen	evidence.uids	evidence.frames	evidence.session_id	evidence.user	evidence.dialect	evidence.security_mode	evidence.messages	evidence.detail	evidence.truncated	remediation.summary	remediation.group_policy	remediation.registry	remediation.powershell	remediation.samba	remediation.reference
#types	time	enum	enum	string	string	addr	port	addr	port	string	string	string	count	time	time	vector[string]	vector[count]	string	string	string	string	vector[string]	string	bool	string	string	string	string	string	string
1595183187.059281	ntlm_authentication	low	172.16.66.1 -> 172.16.66.36	CzGNWdCf4hoTv3MDhS	172.16.66.1	50060	172.16.66.36	445	1:6h/p9DFQdCKifi61DPxiJaHfHFQ=	a client authenticated to the server with NTLM instead of Kerberos: the session key, and so signing, is only as strong as NTLM	testdata/pcaps/public/suricata-verify/bug-5133__input.pcap	2	1595183187.059281	1595183196.010878	CzGNWdCf4hoTv3MDhS,CzGNWdCf4hoTv3MDhS	25,64	-	-	3.1.1	-	-	user 3B\\Backdoor, NTLMv2	-	Use Kerberos: connect to shares by computer name, not by IP address or a DNS CNAME (both fall back to NTLM). Give servers alternate names with 'netdom computername SERVER /add:ALIAS' instead of CNAME records.	-	-	-	-	Microsoft: Overview of Server Message Block signing; Control SMB signing behavior
1595183187.059281	client_signing_not_required	medium	172.16.66.1	CzGNWdCf4hoTv3MDhS	172.16.66.1	50060	172.16.66.36	445	1:6h/p9DFQdCKifi61DPxiJaHfHFQ=	the client does not require SMB signing: its sessions are signed only if the server requires it	testdata/pcaps/public/suricata-verify/bug-5133__input.pcap	1	1595183187.059281	1595183196.010878	CzGNWdCf4hoTv3MDhS	20	-	-	3.1.1	0x01	-	-	-	Require signing on the client, so its sessions are signed whatever the server's setting.	"Microsoft network client: Digitally sign communications (always)" = Enabled (Computer Configuration\\Windows Settings\\Security Settings\\Local Policies\\Security Options)	HKLM\\System\\CurrentControlSet\\Services\\LanManWorkstation\\Parameters\\RequireSecuritySignature = 1 (REG_DWORD); EnableSecuritySignature is ignored by SMB2 and later	Set-SmbClientConfiguration -RequireSecuritySignature $true -Force; check with Get-SmbClientConfiguration | FL RequireSecuritySignature	client signing = required	Microsoft: Overview of Server Message Block signing
#close	2020-07-19-18-26-36
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_hosts
#open	2020-07-19-18-26-27
#fields	ts	host	role	posture	names	dialects	signing_required	negotiations	negotiations_not_requiring	smb1_offered	smb1_used	encryption_seen	connections	peers	sessions	sessions_signed	sessions_unsigned	sessions_encrypted	sessions_mixed	sessions_failed	sessions_unknown	sessions_guest	sessions_anonymous	users	first_seen	last_seen
#types	time	addr	enum	enum	set[string]	set[string]	enum	count	count	bool	bool	bool	count	count	count	count	count	count	count	count	count	count	count	set[string]	time	time
1595183187.059281	172.16.66.36	server	requires-signing	01566s-win16-ir.threebeesco.com	3.1.1	yes	1	0	F	F	F	1	1	2	2	0	0	0	0	0	0	0	3B\\Backdoor	1595183187.059281	1595183196.010878
1595183187.059281	172.16.66.1	client	signs-only-if-server-requires	02694W-WIN10	3.1.1	no	1	1	F	F	F	1	1	2	2	0	0	0	0	0	0	0	3B\\Backdoor	1595183187.059281	1595183196.010878
#close	2020-07-19-18-26-36
