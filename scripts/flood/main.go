// Command flood writes the captures of the flood test (see
// internal/flood and scripts/flood.sh) and compares smbscope's records on
// them.
//
//	go run ./scripts/flood [-n CONNECTIONS] [-seed N] -o FILE [REAL.pcap...]
//	go run ./scripts/flood compare REFERENCE.jsonl FLOODED.jsonl
//
// Without REAL captures, the Samba captures s05 and s03 are mixed in.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/smbscope/smbscope/internal/flood"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "compare" {
		os.Exit(compare(os.Args[2:]))
	}
	n := flag.Int("n", 1000000, "flood connections")
	seed := flag.Uint64("seed", 1, "random seed")
	out := flag.String("o", "", "output pcap `FILE`")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "flood: -o FILE is required")
		os.Exit(2)
	}
	paths := flag.Args()
	if len(paths) == 0 {
		paths = []string{
			"testdata/pcaps/samba/s05_smb311_defaults_user.pcap",
			"testdata/pcaps/samba/s03_smb311_guest_srvmand.pcap",
		}
	}
	var real [][]byte
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			fmt.Fprintln(os.Stderr, "flood:", err)
			os.Exit(1)
		}
		real = append(real, b)
	}
	f, err := os.Create(*out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "flood:", err)
		os.Exit(1)
	}
	st, err := flood.Write(f, flood.Config{Connections: *n, Seed: *seed}, real...)
	if err == nil {
		err = f.Close()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "flood:", err)
		os.Exit(1)
	}
	fmt.Printf("%s: %d packets (%d real), %d flood connections: %d half-open, %d SYN and garbage, %d garbage without SYN; %d bytes of frames\n",
		*out, st.Packets, st.RealPackets, st.HalfOpen+st.SYNGarbage+st.Garbage, st.HalfOpen, st.SYNGarbage, st.Garbage, st.Bytes)
}

func compare(args []string) int {
	if len(args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: flood compare REFERENCE.jsonl FLOODED.jsonl")
		return 2
	}
	ref, err := os.ReadFile(args[0])
	if err == nil {
		var fl []byte
		if fl, err = os.ReadFile(args[1]); err == nil {
			var n int
			var diffs []string
			if n, diffs, err = flood.CompareRecords(ref, fl); err == nil {
				for _, d := range diffs {
					fmt.Println(d)
				}
				if len(diffs) > 0 {
					fmt.Printf("%d differences\n", len(diffs))
					return 1
				}
				fmt.Printf("identical: %d records (input names and frame numbers aside)\n", n)
				return 0
			}
		}
	}
	fmt.Fprintln(os.Stderr, "flood:", err)
	return 1
}
