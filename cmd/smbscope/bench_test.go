package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkAnalyse measures the whole analysis (reading, decoding, TCP
// reassembly, SMB parsing, findings, JSON records) of real bundled
// captures, per input byte, on one goroutine and through the pipeline.
// scripts/bench/run.sh measures the same on captures of a gigabyte.
func BenchmarkAnalyse(b *testing.B) {
	captures := []string{
		// 2.7 MB: one SMB2 connection writing and reading files.
		"../../testdata/pcaps/public/suricata-verify/filecontainer-smb.pcap",
		// 2.6 MB: 35 SMB 3.1.1 connections (multichannel, refused logons).
		"../../testdata/pcaps/public/zeek/smb3_multichannel.pcap",
		// Every Samba case, short sessions of every dialect.
		"../../testdata/pcaps/samba/*.pcap",
	}
	defer func(n int) { pipelineWorkers = n }(pipelineWorkers)
	for _, pattern := range captures {
		files, err := filepath.Glob(pattern)
		if err != nil || len(files) == 0 {
			b.Fatalf("%s: no capture", pattern)
		}
		var size int64
		for _, f := range files {
			fi, err := os.Stat(f)
			if err != nil {
				b.Fatal(err)
			}
			size += fi.Size()
		}
		name := strings.TrimSuffix(filepath.Base(pattern), ".pcap")
		for _, workers := range []int{1, 2} {
			mode := "pipeline"
			if workers == 1 {
				mode = "sequential"
			}
			b.Run(fmt.Sprintf("%s/%s", name, mode), func(b *testing.B) {
				pipelineWorkers = workers
				b.SetBytes(size)
				b.ReportAllocs()
				args := append([]string{"-q"}, files...)
				for b.Loop() {
					if code := run(args, strings.NewReader(""), io.Discard, io.Discard); code != 0 {
						b.Fatalf("exit %d", code)
					}
				}
			})
		}
	}
}
