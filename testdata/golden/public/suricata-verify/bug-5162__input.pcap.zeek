#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing
#open	2022-02-25-16-33-47
#fields	ts	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	dialect	session_id	client_signing	server_signing	signing_required	auth	user	domain	workstation	guest	anonymous	setup_status	signed_msgs	unsigned_msgs	encrypted_msgs	outcome	reasons	input	transport	smb_version	dialects_offered	client_security_mode	server_security_mode	signing_algorithm	cipher	server_name	ntlm_version	krb_realm	krb_sname	krb_etype	ntlm_flags	mechs_offered	session_flags	signed_negotiation_msgs	exempt_msgs	unexpected_unsigned_msgs	unsigned_samples	setup_frame	first_frame	last_frame	share_encrypt	reauthentications	anomalies
#types	time	string	addr	port	addr	port	string	string	string	enum	enum	bool	enum	string	string	string	bool	bool	string	count	count	count	enum	vector[string]	string	enum	enum	vector[string]	string	string	string	string	string	string	string	string	string	set[string]	vector[string]	string	count	count	count	vector[string]	count	count	count	bool	count	vector[string]
1645806827.253773	CsCY5DHuNxvhu0Zhn9	192.168.56.104	62618	192.168.56.102	445	1:m9uaXynrAJjtlIAGjY6GwzV7RYs=	2.1	0x0000140004000071	enabled	required	T	ntlmssp	Administrator	(empty)	WIN10	F	F	STATUS_SUCCESS	22	0	0	signed	server require(s) signing: an authenticated session must sign,all 22 messages after setup signed	testdata/pcaps/public/suricata-verify/bug-5162__input.pcap	direct	smb1+smb2	2.0.2,2.1	0x01	0x03	-	-	dc.windomain.local	v2	-	-	-	SIGN,ALWAYS_SIGN	ntlmssp	0x0000	2	1	0	-	2928	2925	2954	-	-	-
1645806827.422283	Cl8sCIgmPnwEJrHSiz	192.168.56.104	62619	192.168.56.102	445	1:pbvr1G+72SjXG2maTDZO73cT1Jc=	2.1	0x0000140004000075	enabled	required	T	ntlmssp	Administrator	(empty)	WIN10	F	F	STATUS_SUCCESS	22	0	0	signed	server require(s) signing: an authenticated session must sign,all 22 messages after setup signed	testdata/pcaps/public/suricata-verify/bug-5162__input.pcap	direct	smb1+smb2	2.0.2,2.1	0x01	0x03	-	-	dc.windomain.local	v2	-	-	-	SIGN,ALWAYS_SIGN	ntlmssp	0x0000	2	0	0	-	2968	2965	2990	-	-	-
#close	2022-02-25-16-33-47
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_findings
#open	2022-02-25-16-33-47
#fields	ts	finding	severity	subject	uid	id.orig_h	id.orig_p	id.resp_h	id.resp_p	community_id	description	evidence.input	evidence.count	evidence.first_seen	evidence.last_seen	evidence.uids	evidence.frames	evidence.session_id	evidence.user	evidence.dialect	evidence.security_mode	evidence.messages	evidence.detail	evidence.truncated	remediation.summary	remediation.group_policy	remediation.registry	remediation.powershell	remediation.samba	remediation.reference
#types	time	enum	enum	string	string	addr	port	addr	port	string	string	string	count	time	time	vector[string]	vector[count]	string	string	string	string	vector[string]	string	bool	string	string	string	string	string	string
1645806827.252412	ntlm_authentication	low	192.168.56.104 -> 192.168.56.102	CsCY5DHuNxvhu0Zhn9	192.168.56.104	62618	192.168.56.102	445	1:m9uaXynrAJjtlIAGjY6GwzV7RYs=	a client authenticated to the server with NTLM instead of Kerberos: the session key, and so signing, is only as strong as NTLM	testdata/pcaps/public/suricata-verify/bug-5162__input.pcap	2	1645806827.252412	1645806827.430614	CsCY5DHuNxvhu0Zhn9,Cl8sCIgmPnwEJrHSiz	2928,2968	-	-	2.1	-	-	user Administrator, NTLMv2	-	Use Kerberos: connect to shares by computer name, not by IP address or a DNS CNAME (both fall back to NTLM). Give servers alternate names with 'netdom computername SERVER /add:ALIAS' instead of CNAME records.	-	-	-	-	Microsoft: Overview of Server Message Block signing; Control SMB signing behavior
1645806827.252412	client_signing_not_required	medium	192.168.56.104	CsCY5DHuNxvhu0Zhn9	192.168.56.104	62618	192.168.56.102	445	1:m9uaXynrAJjtlIAGjY6GwzV7RYs=	the client does not require SMB signing: its sessions are signed only if the server requires it	testdata/pcaps/public/suricata-verify/bug-5162__input.pcap	2	1645806827.252412	1645806827.430614	CsCY5DHuNxvhu0Zhn9,Cl8sCIgmPnwEJrHSiz	2923,2963	-	-	2.1	0x01	-	-	-	Require signing on the client, so its sessions are signed whatever the server's setting.	"Microsoft network client: Digitally sign communications (always)" = Enabled (Computer Configuration\\Windows Settings\\Security Settings\\Local Policies\\Security Options)	HKLM\\System\\CurrentControlSet\\Services\\LanManWorkstation\\Parameters\\RequireSecuritySignature = 1 (REG_DWORD); EnableSecuritySignature is ignored by SMB2 and later	Set-SmbClientConfiguration -RequireSecuritySignature $true -Force; check with Get-SmbClientConfiguration | FL RequireSecuritySignature	client signing = required	Microsoft: Overview of Server Message Block signing
1645806827.252412	smb1_offered	low	192.168.56.104	CsCY5DHuNxvhu0Zhn9	192.168.56.104	62618	192.168.56.102	445	1:m9uaXynrAJjtlIAGjY6GwzV7RYs=	the client still offers SMB1 dialects	testdata/pcaps/public/suricata-verify/bug-5162__input.pcap	2	1645806827.252412	1645806827.430614	CsCY5DHuNxvhu0Zhn9,Cl8sCIgmPnwEJrHSiz	2923,2963	-	-	2.1	-	-	-	-	Remove SMB1 from the client.	-	-	Disable-WindowsOptionalFeature -Online -FeatureName SMB1Protocol	client min protocol = SMB2_02	-
#close	2022-02-25-16-33-47
#separator \x09
#set_separator	,
#empty_field	(empty)
#unset_field	-
#path	smb_signing_hosts
#open	2022-02-25-16-33-47
#fields	ts	host	role	posture	names	dialects	signing_required	negotiations	negotiations_not_requiring	smb1_offered	smb1_used	encryption_seen	connections	peers	sessions	sessions_signed	sessions_unsigned	sessions_encrypted	sessions_mixed	sessions_failed	sessions_unknown	sessions_guest	sessions_anonymous	users	first_seen	last_seen
#types	time	addr	enum	enum	set[string]	set[string]	enum	count	count	bool	bool	bool	count	count	count	count	count	count	count	count	count	count	count	set[string]	time	time
1645806827.252412	192.168.56.102	server	requires-signing	dc.windomain.local	2.1	yes	2	0	T	F	F	2	1	2	2	0	0	0	0	0	0	0	Administrator	1645806827.252412	1645806827.430614
1645806827.252412	192.168.56.104	client	signs-only-if-server-requires	WIN10	2.1	no	2	2	T	F	F	2	1	2	2	0	0	0	0	0	0	0	Administrator	1645806827.252412	1645806827.430614
#close	2022-02-25-16-33-47
