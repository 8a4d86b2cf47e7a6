// Package dissect parses SMB wire formats: NetBIOS session service framing,
// SMB1 (MS-CIFS, MS-SMB), SMB2/3 (MS-SMB2) and the authentication tokens
// carried in session setup (SPNEGO, NTLMSSP, Kerberos).
//
// The package is pure: bytes in, typed values or an error out. It keeps no
// state, imports only the standard library (enforced by imports_test.go),
// never panics on any input, and reads a header without allocating.
//
// Conventions:
//   - ParseX(msg []byte) takes a whole SMB2 message starting at its 64-byte
//     header, because MS-SMB2 counts buffer offsets from the header.
//   - Returned slices alias msg; callers copy what they keep.
//   - Offsets and lengths read from the wire are converted to int before any
//     arithmetic, so a crafted 16-bit offset cannot wrap a bounds check.
//   - Counts read from the wire never size an allocation up front.
package dissect
