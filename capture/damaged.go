package capture

import (
	"compress/flate"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
)

// Damaged and unusable inputs. The readers report where a file stops
// making sense; what was read before that is analysed all the same.

// gzipRecords marks the errors of a gzip-compressed input: their byte
// offsets count decompressed bytes, and a deflate stream that is corrupt or
// cut short is named as such.
type gzipRecords struct {
	recordReader
	in *input
}

// pcapRecords and pcapngRecords open a reader for the format, marking
// the errors of a gzip-compressed input.
func pcapRecords(in *input, gz bool) (recordReader, error) {
	r, err := newPcapReader(in)
	if err != nil {
		return nil, err
	}
	return gzipIf(gz, r, in), nil
}

func pcapngRecords(in *input, gz bool) (recordReader, error) {
	r, err := newPcapngReader(in)
	if err != nil {
		return nil, err
	}
	return gzipIf(gz, r, in), nil
}

func gzipIf(gz bool, rr recordReader, in *input) recordReader {
	if !gz {
		return rr
	}
	return gzipRecords{rr, in}
}

func (g gzipRecords) next() ([]byte, record, error) {
	data, rec, err := g.recordReader.next()
	if err == nil || err == io.EOF {
		return data, rec, err
	}
	var te truncatedError
	if errors.As(err, &te) {
		te.gzip = true
		return nil, record{}, te
	}
	if isReadError(err) {
		return nil, record{}, fmt.Errorf("gzip data corrupt after byte offset %d of the decompressed data: %w", g.in.off, err)
	}
	return nil, record{}, err
}

// isReadError tells errors of the decompressor (checksum, header of a
// following member, deflate data) from the format errors of the readers,
// which name their offset already.
func isReadError(err error) bool {
	var corrupt flate.CorruptInputError
	return errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader) || errors.As(err, &corrupt)
}

// linkCheck notes packets of link types the decoder does not know, so that
// an input made only of them fails with a message that says why, instead
// of yielding an empty result.
type linkCheck struct {
	first uint32 // the first unsupported link type seen
	frame uint64 // the packet that carried it
	off   int64  // that packet's record offset
}

// note counts rec if its link type is not decoded.
func (l *linkCheck) note(stats *Stats, rec record, frame uint64) {
	if _, ok := firstLayer(rec.link); ok {
		return
	}
	if stats.UnsupportedLink == 0 {
		l.first, l.frame, l.off = rec.link, frame, rec.off
	}
	stats.UnsupportedLink++
}

// err is the error of an input whose every packet had an unsupported link
// type, nil otherwise.
func (l *linkCheck) err(stats *Stats) error {
	if stats.UnsupportedLink == 0 || stats.UnsupportedLink != stats.Packets {
		return nil
	}
	return unsupportedLinkError{link: l.first, frame: l.frame, off: l.off, packets: stats.Packets}
}

// ErrUnsupportedLink is matched (errors.Is) by the error Read returns when
// no packet of the input had a link type it decodes.
var ErrUnsupportedLink = errors.New("unsupported link type")

type unsupportedLinkError struct {
	link    uint32
	frame   uint64
	off     int64
	packets uint64
}

func (e unsupportedLinkError) Error() string {
	return fmt.Sprintf("link type %d (first packet at byte offset %d) is not one smbscope decodes; all %d packets skipped. Supported: Ethernet (1), Linux cooked (113, 276), BSD loopback (0, 108), raw IP (12, 14, 101, 228, 229)",
		e.link, e.off, e.packets)
}

func (e unsupportedLinkError) Is(target error) bool { return target == ErrUnsupportedLink }
