//go:build linux

package capture

import (
	"os"
	"syscall"
)

// mapFile maps size bytes of f read-only; nil when it cannot.
func mapFile(f *os.File, size int64) []byte {
	if size <= 0 || int64(int(size)) != size {
		return nil
	}
	b, err := syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil
	}
	return b
}

func unmapFile(b []byte) { syscall.Munmap(b) }

// dropPages tells the kernel that the pages of b (page aligned) are no
// longer needed: they leave the process's resident set and stay in the
// page cache, so touching them again reads the file, never zeros.
func dropPages(b []byte) { syscall.Madvise(b, syscall.MADV_DONTNEED) }

// madvPopulateRead is MADV_POPULATE_READ (Linux 5.14): map the pages now,
// in one call, rather than one fault per page. Older kernels refuse it and
// the pages fault in as they are read.
const madvPopulateRead = 22

func populatePages(b []byte) { syscall.Madvise(b, madvPopulateRead) }
