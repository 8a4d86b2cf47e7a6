// Package verify holds the cryptography that checks SMB signatures with
// secrets the user supplies: the NTLM session key derivation (MS-NLMP 3.3),
// the SMB2/3 signing keys (MS-SMB2 3.1.4.2 and 3.2.5.3.1) with the SMB 3.1.1
// pre-authentication integrity hash, the SMB2/3 signature algorithms
// (HMAC-SHA256, AES-CMAC, AES-GMAC; MS-SMB2 3.1.4.1), SMB1 MD5 signing
// (MS-CIFS 3.1.4.1), and the parsers of the key and credential files.
//
// It imports only the standard library and golang.org/x/crypto, and keeps no
// state between calls except the reusable buffers of a Signer. Secrets never
// appear in an error it returns.
package verify
