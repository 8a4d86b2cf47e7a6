package dissect

import (
	"fmt"
	"strconv"
	"strings"
)

// A small, bounded reader for the DER/BER subset that SPNEGO (RFC 4178),
// GSS-API (RFC 2743) and Kerberos (RFC 4120) use on the wire: definite
// lengths only, long-form lengths of at most four bytes, tag numbers of at
// most four base-128 bytes. It copies nothing: every Content slice aliases
// the input.

// DER identifier classes (X.690 8.1.2.2).
const (
	DERClassUniversal   uint8 = 0
	DERClassApplication uint8 = 1
	DERClassContext     uint8 = 2
	DERClassPrivate     uint8 = 3
)

// Universal tag numbers used by the authentication tokens.
const (
	DERTagBoolean         = 1
	DERTagInteger         = 2
	DERTagBitString       = 3
	DERTagOctetString     = 4
	DERTagNull            = 5
	DERTagOID             = 6
	DERTagEnumerated      = 10
	DERTagUTF8String      = 12
	DERTagSequence        = 16
	DERTagSet             = 17
	DERTagPrintableString = 19
	DERTagIA5String       = 22
	DERTagGeneralizedTime = 24
	DERTagGeneralString   = 27
)

// Limits of the reader.
const (
	// DERMaxDepth is how many levels DERWalk visits (depths 0 to
	// DERMaxDepth-1); the typed SPNEGO and Kerberos parsers follow a fixed
	// schema and stay well within it.
	DERMaxDepth = 16
	// DERMaxElements caps how many elements DERWalk visits in one call.
	DERMaxElements = 4096
	// derMaxSeqItems caps how many elements a typed parser reads from one
	// SEQUENCE or SEQUENCE OF.
	derMaxSeqItems = 64
)

// DERElement is one TLV. Content aliases the input.
type DERElement struct {
	Class       uint8 // DERClassUniversal, DERClassApplication, DERClassContext or DERClassPrivate
	Constructed bool
	Tag         int
	Content     []byte
	Len         int // whole element length, header included
}

// Is reports whether e has the given class, tag number and form.
func (e DERElement) Is(class uint8, tag int, constructed bool) bool {
	return e.Class == class && e.Tag == tag && e.Constructed == constructed
}

// String describes the identifier, e.g. "[APPLICATION 14]" or "UNIVERSAL 16".
func (e DERElement) String() string {
	switch e.Class {
	case DERClassApplication:
		return "[APPLICATION " + strconv.Itoa(e.Tag) + "]"
	case DERClassContext:
		return "[" + strconv.Itoa(e.Tag) + "]"
	case DERClassPrivate:
		return "[PRIVATE " + strconv.Itoa(e.Tag) + "]"
	}
	return "UNIVERSAL " + strconv.Itoa(e.Tag)
}

// ParseDERElement reads the element at the start of b and returns it with
// the bytes that follow it. Indefinite lengths, lengths of more than four
// bytes and tag numbers of more than four bytes are ErrMalformed; an element
// that runs past the end of b is ErrTruncated.
func ParseDERElement(b []byte) (DERElement, []byte, error) {
	var e DERElement
	if len(b) < 2 {
		return e, nil, fmt.Errorf("der: %d-byte element header: %w", len(b), ErrTruncated)
	}
	id := b[0]
	e.Class = id >> 6
	e.Constructed = id&0x20 != 0
	e.Tag = int(id & 0x1f)
	off := 1
	if e.Tag == 0x1f {
		// High-tag-number form: base-128, most significant group first.
		e.Tag = 0
		for i := 0; ; i++ {
			if off >= len(b) {
				return e, nil, fmt.Errorf("der: tag number: %w", ErrTruncated)
			}
			if i == 4 {
				return e, nil, fmt.Errorf("der: tag number longer than 4 bytes: %w", ErrMalformed)
			}
			c := b[off]
			off++
			if i == 0 && c == 0x80 {
				return e, nil, fmt.Errorf("der: tag number with leading zero group: %w", ErrMalformed)
			}
			e.Tag = e.Tag<<7 | int(c&0x7f)
			if c&0x80 == 0 {
				break
			}
		}
	}
	if off >= len(b) {
		return e, nil, fmt.Errorf("der: length: %w", ErrTruncated)
	}
	l := b[off]
	off++
	n := int(l)
	if l&0x80 != 0 {
		nb := int(l & 0x7f)
		switch {
		case nb == 0:
			return e, nil, fmt.Errorf("der: indefinite length: %w", ErrMalformed)
		case nb > 4:
			return e, nil, fmt.Errorf("der: %d-byte length: %w", nb, ErrMalformed)
		case nb > len(b)-off:
			return e, nil, fmt.Errorf("der: length: %w", ErrTruncated)
		}
		n = 0
		for _, c := range b[off : off+nb] {
			n = n<<8 | int(c)
		}
		off += nb
		if n < 0 { // only possible where int is 32 bits
			return e, nil, fmt.Errorf("der: length overflows: %w", ErrMalformed)
		}
	}
	content, ok := span(b, off, n)
	if !ok {
		return e, nil, fmt.Errorf("der: %s content of %d bytes, %d available: %w", e, n, len(b)-off, ErrTruncated)
	}
	e.Content = content
	e.Len = off + n
	return e, b[off+n:], nil
}

// derExpect reads one element and checks its identifier.
func derExpect(b []byte, class uint8, tag int, constructed bool) (DERElement, []byte, error) {
	e, rest, err := ParseDERElement(b)
	if err != nil {
		return e, rest, err
	}
	if !e.Is(class, tag, constructed) {
		want := DERElement{Class: class, Tag: tag}
		return e, rest, fmt.Errorf("der: %s where %s was expected: %w", e, want, ErrMalformed)
	}
	return e, rest, nil
}

// derExplicit unwraps a context-specific EXPLICIT tag: it requires e to be a
// constructed [n] holding exactly one element, and returns that element.
func derExplicit(e DERElement) (DERElement, error) {
	if e.Class != DERClassContext || !e.Constructed {
		return DERElement{}, fmt.Errorf("der: %s is not a constructed context tag: %w", e, ErrMalformed)
	}
	in, rest, err := ParseDERElement(e.Content)
	if err != nil {
		return in, err
	}
	if len(rest) != 0 {
		return in, fmt.Errorf("der: %d bytes after the element inside %s: %w", len(rest), e, ErrMalformed)
	}
	return in, nil
}

// derInt decodes the content of an INTEGER or ENUMERATED of at most eight
// bytes (two's complement, big-endian).
func derInt(content []byte) (int64, error) {
	if len(content) == 0 {
		return 0, fmt.Errorf("der: empty integer: %w", ErrMalformed)
	}
	if len(content) > 8 {
		return 0, fmt.Errorf("der: %d-byte integer: %w", len(content), ErrMalformed)
	}
	v := int64(int8(content[0]))
	for _, c := range content[1:] {
		v = v<<8 | int64(c)
	}
	return v, nil
}

// derExplicitInt reads an [n] EXPLICIT INTEGER whose value fits in 32 bits,
// the Int32 and UInt32 of RFC 4120.
func derExplicitInt(e DERElement) (int, error) {
	in, err := derExplicit(e)
	if err != nil {
		return 0, err
	}
	if !in.Is(DERClassUniversal, DERTagInteger, false) {
		return 0, fmt.Errorf("der: %s holds %s, not an INTEGER: %w", e, in, ErrMalformed)
	}
	v, err := derInt(in.Content)
	if err != nil {
		return 0, err
	}
	if v < -1<<31 || v > 1<<32-1 {
		return 0, fmt.Errorf("der: integer %d out of 32-bit range: %w", v, ErrMalformed)
	}
	return int(v), nil
}

// derIsString reports whether e is one of the primitive universal string
// types that carry a KerberosString or a GSS-API name.
func derIsString(e DERElement) bool {
	if e.Class != DERClassUniversal || e.Constructed {
		return false
	}
	switch e.Tag {
	case DERTagGeneralString, DERTagIA5String, DERTagUTF8String, DERTagPrintableString:
		return true
	}
	return false
}

// derString returns the text of a string element. KerberosString is
// IA5String in practice (RFC 4120 5.2.1) but the octets are passed through
// unchanged; invalid UTF-8 is replaced by U+FFFD so the result is printable.
func derString(e DERElement) (string, error) {
	if !derIsString(e) {
		return "", fmt.Errorf("der: %s is not a string: %w", e, ErrMalformed)
	}
	return strings.ToValidUTF8(string(e.Content), "\uFFFD"), nil
}

// derBitString returns the first 32 bits of a BIT STRING, the first bit in
// the most significant position; missing bits read as zero.
func derBitString(content []byte) (uint32, error) {
	if len(content) == 0 {
		return 0, fmt.Errorf("der: empty bit string: %w", ErrMalformed)
	}
	if content[0] > 7 || (len(content) == 1 && content[0] != 0) {
		return 0, fmt.Errorf("der: bit string with %d unused bits: %w", content[0], ErrMalformed)
	}
	var v uint32
	for i := 0; i < 4; i++ {
		v <<= 8
		if 1+i < len(content) {
			v |= uint32(content[1+i])
		}
	}
	return v, nil
}

// OIDString renders the content octets of an OBJECT IDENTIFIER in dotted
// form, e.g. "1.3.6.1.5.5.2". A sub-identifier that does not fit in 64 bits,
// is not minimally encoded or is cut short is ErrMalformed.
func OIDString(content []byte) (string, error) {
	switch string(content) { // the mechanisms of SMB security buffers, without allocating
	case "\x2b\x06\x01\x05\x05\x02":
		return OIDSPNEGO, nil
	case "\x2a\x86\x48\x86\xf7\x12\x01\x02\x02":
		return OIDKerberos5, nil
	case "\x2a\x86\x48\x82\xf7\x12\x01\x02\x02":
		return OIDKerberos5Legacy, nil
	case "\x2a\x86\x48\x86\xf7\x12\x01\x02\x02\x03":
		return OIDKerberosUser2User, nil
	case "\x2b\x06\x01\x04\x01\x82\x37\x02\x02\x0a":
		return OIDNTLMSSP, nil
	case "\x2b\x06\x01\x04\x01\x82\x37\x02\x02\x1e":
		return OIDNegoEx, nil
	case "":
		return "", fmt.Errorf("der: empty object identifier: %w", ErrMalformed)
	}
	var sb strings.Builder
	sb.Grow(3 * len(content))
	var v uint64
	start := true
	first := true
	for i, c := range content {
		if start && c == 0x80 {
			return "", fmt.Errorf("der: object identifier arc with leading zero group at byte %d: %w", i, ErrMalformed)
		}
		if v > 1<<57-1 {
			return "", fmt.Errorf("der: object identifier arc overflows 64 bits: %w", ErrMalformed)
		}
		v = v<<7 | uint64(c&0x7f)
		start = false
		if c&0x80 != 0 {
			continue
		}
		if first {
			// The first sub-identifier packs the first two arcs (X.690 8.19.4).
			switch {
			case v < 40:
				sb.WriteString("0.")
			case v < 80:
				sb.WriteString("1.")
				v -= 40
			default:
				sb.WriteString("2.")
				v -= 80
			}
			first = false
		} else {
			sb.WriteByte('.')
		}
		sb.WriteString(strconv.FormatUint(v, 10))
		v = 0
		start = true
	}
	if !start {
		return "", fmt.Errorf("der: object identifier ends inside an arc: %w", ErrMalformed)
	}
	return sb.String(), nil
}

// derOID reads an OBJECT IDENTIFIER element and renders it.
func derOID(e DERElement) (string, error) {
	if !e.Is(DERClassUniversal, DERTagOID, false) {
		return "", fmt.Errorf("der: %s is not an OBJECT IDENTIFIER: %w", e, ErrMalformed)
	}
	return OIDString(e.Content)
}

// DERWalk visits every element of b in document order, descending into
// constructed elements, and calls fn with each element and its depth (0 for
// the top level). It stops with ErrMalformed past DERMaxDepth levels or
// DERMaxElements elements, and returns the first error from the reader or
// from fn. Encapsulated data inside OCTET STRINGs is not entered.
func DERWalk(b []byte, fn func(depth int, e DERElement) error) error {
	count := 0
	return derWalk(b, 0, &count, fn)
}

func derWalk(b []byte, depth int, count *int, fn func(int, DERElement) error) error {
	if depth >= DERMaxDepth && len(b) > 0 {
		return fmt.Errorf("der: nesting deeper than %d levels: %w", DERMaxDepth, ErrMalformed)
	}
	for len(b) > 0 {
		*count++
		if *count > DERMaxElements {
			return fmt.Errorf("der: more than %d elements: %w", DERMaxElements, ErrMalformed)
		}
		e, rest, err := ParseDERElement(b)
		if err != nil {
			return err
		}
		if err := fn(depth, e); err != nil {
			return err
		}
		if e.Constructed {
			if err := derWalk(e.Content, depth+1, count, fn); err != nil {
				return err
			}
		}
		b = rest
	}
	return nil
}
