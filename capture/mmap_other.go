//go:build !linux

package capture

import "os"

// mapFile maps files only on Linux; elsewhere they are read.
func mapFile(*os.File, int64) []byte { return nil }

func unmapFile([]byte)     {}
func dropPages([]byte)     {}
func populatePages([]byte) {}
