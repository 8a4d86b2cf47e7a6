package dissect

// Captures cut at a small snap length (tcpdump -s 150 is common on busy
// sensors) keep only the first bytes of each message: the SMB header and
// the first fields of the body. The Head parsers read just those fields, so
// the signing posture is still known when the rest of the message is gone.

// NegotiateHead is the start of an SMB2 NEGOTIATE request or response.
type NegotiateHead struct {
	SecurityMode    uint16 // MS-SMB2 2.2.3 / 2.2.4
	DialectRevision uint16 // responses only
}

// ParseNegotiateRequestHead reads SecurityMode from the first 6 body bytes
// of a NEGOTIATE request (StructureSize, DialectCount, SecurityMode).
func ParseNegotiateRequestHead(msg []byte) (NegotiateHead, error) {
	var h NegotiateHead
	size, ok := u16(msg, SMB2HeaderLen)
	if !ok {
		return h, ErrTruncated
	}
	if size != negotiateRequestSize {
		return h, ErrMalformed
	}
	if h.SecurityMode, ok = u16(msg, SMB2HeaderLen+4); !ok {
		return h, ErrTruncated
	}
	return h, nil
}

// ParseNegotiateResponseHead reads SecurityMode and DialectRevision from
// the first 6 body bytes of a NEGOTIATE response.
func ParseNegotiateResponseHead(msg []byte) (NegotiateHead, error) {
	var h NegotiateHead
	size, ok := u16(msg, SMB2HeaderLen)
	if !ok {
		return h, ErrTruncated
	}
	if size != negotiateResponseSize {
		return h, ErrMalformed
	}
	mode, ok1 := u16(msg, SMB2HeaderLen+2)
	dialect, ok2 := u16(msg, SMB2HeaderLen+4)
	if !ok1 || !ok2 {
		return h, ErrTruncated
	}
	h.SecurityMode, h.DialectRevision = mode, dialect
	return h, nil
}

// ParseSessionSetupResponseHead reads SessionFlags from the first 4 body
// bytes of a SESSION_SETUP response (MS-SMB2 2.2.6).
func ParseSessionSetupResponseHead(msg []byte) (uint16, error) {
	size, ok := u16(msg, SMB2HeaderLen)
	if !ok {
		return 0, ErrTruncated
	}
	if size != 9 {
		return 0, ErrMalformed
	}
	flags, ok := u16(msg, SMB2HeaderLen+2)
	if !ok {
		return 0, ErrTruncated
	}
	return flags, nil
}

// ParseSessionSetupRequestHead reads Flags and SecurityMode from the first
// 4 body bytes of a SESSION_SETUP request (MS-SMB2 2.2.5).
func ParseSessionSetupRequestHead(msg []byte) (flags, securityMode uint8, err error) {
	size, ok := u16(msg, SMB2HeaderLen)
	if !ok || len(msg) < SMB2HeaderLen+4 {
		return 0, 0, ErrTruncated
	}
	if size != 25 {
		return 0, 0, ErrMalformed
	}
	return msg[SMB2HeaderLen+2], msg[SMB2HeaderLen+3], nil
}

// SMB1NegotiateResponseHead is the start of an SMB1 NEGOTIATE response.
type SMB1NegotiateResponseHead struct {
	WordCount       uint8
	DialectIndex    uint16
	HasSecurityMode bool // NT LM 0.12 form (WordCount 17)
	SecurityMode    uint8
}

// ParseSMB1NegotiateResponseHead reads WordCount, DialectIndex and, for the
// NT LM 0.12 form, SecurityMode (MS-CIFS 2.2.4.52.2).
func ParseSMB1NegotiateResponseHead(msg []byte) (SMB1NegotiateResponseHead, error) {
	var h SMB1NegotiateResponseHead
	if len(msg) <= SMB1HeaderLen {
		return h, ErrTruncated
	}
	h.WordCount = msg[SMB1HeaderLen]
	switch h.WordCount {
	case 0:
		// An error response: no dialect was accepted, and the bytes after
		// WordCount are ByteCount, not a DialectIndex.
		h.DialectIndex = 0xFFFF
		return h, nil
	case 1, 13, 17:
	default:
		return h, ErrMalformed
	}
	if len(msg) < SMB1HeaderLen+3 {
		return h, ErrTruncated
	}
	h.DialectIndex, _ = u16(msg, SMB1HeaderLen+1)
	if h.WordCount == 17 {
		if len(msg) < SMB1HeaderLen+4 {
			return h, ErrTruncated
		}
		h.HasSecurityMode, h.SecurityMode = true, msg[SMB1HeaderLen+3]
	}
	return h, nil
}

// SMB1NegotiateDialectsHead returns the dialect strings of an SMB1
// NEGOTIATE request that lie wholly inside msg, in order (MS-CIFS
// 2.2.4.52.1), and whether the list is complete.
func SMB1NegotiateDialectsHead(msg []byte) ([]string, bool) {
	if len(msg) <= SMB1HeaderLen {
		return nil, false
	}
	// The request has no parameter words, but WordCount says where
	// ByteCount is.
	bcOff := SMB1HeaderLen + 1 + 2*int(msg[SMB1HeaderLen])
	byteCount, ok := u16(msg, bcOff)
	if !ok {
		return nil, false
	}
	end := bcOff + 2 + int(byteCount)
	complete := end <= len(msg)
	b := msg[bcOff+2 : min(end, len(msg))]
	var out []string
	for len(b) > 0 && b[0] == 0x02 {
		n := 1
		for n < len(b) && b[n] != 0 {
			n++
		}
		if n == len(b) {
			return out, false
		}
		out = append(out, smb1OEMString(b[1:n]))
		b = b[n+1:]
	}
	return out, complete && len(b) == 0
}
