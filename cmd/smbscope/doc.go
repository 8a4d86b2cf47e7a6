// Command smbscope reads SMB traffic from capture files and reports, per
// connection and SMB session, how signing really behaved, with findings.
//
// Usage:
//
//	smbscope [flags] FILE...
//
// FILE is a pcap or pcapng capture, optionally gzip-compressed; "-" reads
// standard input. Several files are analysed in one run; host findings are
// reported once per run.
//
// Flags:
//
//	-o, --output FILE          write records to FILE instead of standard output
//	    --community-id-seed N  seed of the Community ID flow hash (default 0)
//	-q, --quiet                no summary lines on standard error
//	    --version              print the version and exit
//	-h, --help                 print this help and exit
//
// Output is one JSON object per line. Session records ("type":"session")
// carry ts, uid, id.orig_h, id.orig_p, id.resp_h, id.resp_p, community_id,
// dialect, session_id, client_signing, server_signing, signing_required,
// auth, user, domain, workstation, guest, anonymous, setup_status,
// signed_msgs, unsigned_msgs, encrypted_msgs, outcome and reasons. Finding
// records ("type":"finding") carry ts, finding, severity, subject, uid, the
// id.* fields, community_id, evidence and remediation. See README.md.
//
// Exit status: 0 when every input was read, 1 when an input or the output
// failed (the other inputs are still analysed), 2 on a usage error.
package main
