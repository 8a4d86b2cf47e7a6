// Command smbscope reads SMB traffic from capture files and reports, per
// connection and SMB session, how signing really behaved, with findings and
// the signing posture of every server and client seen.
//
// Usage:
//
//	smbscope [flags] FILE...
//	smbscope [flags] -i IFACE...
//
// FILE is a pcap or pcapng capture, optionally gzip-compressed; "-" reads
// standard input. Several files are analysed in one run; host findings and
// host records are reported once per run. SMB inside VXLAN, Geneve, GRE
// (ERSPAN, WCCP), MPLS, PPPoE and IP-in-IP tunnels is analysed with its
// inner addresses.
//
// With -i, smbscope captures live through libpcap (a build with -tags
// pcap, as make build does) until SIGINT or SIGTERM, writing each record
// as soon as it is final; host findings are written at once and again,
// with updated counts, at most once per --suppress window. SIGHUP reopens
// the output files.
//
// Flags:
//
//	-o, --output FILE          write records to FILE instead of standard output
//	-f, --format FORMAT        json (default), zeek, zeek-json or text
//	    --log-dir DIR          write one file per log into DIR
//	    --relay-targets FILE   servers not requiring signing, one address per line
//	    --zeek-intel FILE      the same servers as a Zeek Intel framework file
//	    --keys FILE            check signatures with the session keys in FILE
//	    --ntlm-creds FILE      check signatures with keys derived from NTLM credentials
//	    --community-id-seed N  seed of the Community ID flow hash (default 0)
//	-q, --quiet                no summary lines or progress bar on standard error
//	-i, --interface IFACE      capture live on IFACE (repeatable)
//	    --filter FILTER        BPF filter (default: SMB and the tunnels decoded)
//	    --snaplen N            live: bytes kept per packet (default 262144)
//	    --promisc              live: promiscuous mode (default true)
//	    --buffer-size SIZE     live: kernel buffer per interface (default 32MiB)
//	    --list-interfaces      list the interfaces live capture can use
//	    --idle-timeout D       close a connection after D without a packet (10m)
//	    --suppress D           live: host findings written again at most every D (1h)
//	    --stats-interval D     live: a {"type":"stats"} JSON line on stderr every D
//	    --rotate-interval D    with --log-dir: rotate the logs every D
//	    --rotate-size SIZE     with --log-dir: rotate the logs at SIZE
//	    --version              print the version and exit
//	-h, --help                 print this help and exit
//
// The json format writes one JSON object per line. Session records
// ("type":"session") carry ts, uid, id.orig_h, id.orig_p, id.resp_h,
// id.resp_p, community_id, dialect, session_id, client_signing,
// server_signing, signing_required, auth, user, domain, workstation, guest,
// anonymous, setup_status, signed_msgs, unsigned_msgs, encrypted_msgs,
// outcome and reasons. Finding records ("type":"finding") carry ts,
// finding, severity, subject, uid, the id.* fields, community_id, evidence
// and remediation. Host records ("type":"host"), one per server and per
// client at the end of the run, carry host, role, posture, names, dialects,
// signing_required, SMB1 and encryption flags, and sessions by outcome.
//
// The zeek format writes the same records as Zeek ASCII logs (smb_signing,
// smb_signing_findings, smb_signing_hosts), zeek-json as Zeek JSON logs,
// and text as a report for people, coloured only on a terminal. With
// --log-dir each log goes to DIR/NAME.log. See README.md.
//
// Exit status: 0 when every input was read, 1 when an input or the output
// failed (the other inputs are still analysed), 2 on a usage error.
package main
