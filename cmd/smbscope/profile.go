package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"runtime/trace"

	"github.com/spf13/pflag"
)

// profileFlags are hidden flags that write Go pprof profiles of a run, for
// performance work (BENCHMARKS.md): `go tool pprof bin/smbscope cpu.prof`.
type profileFlags struct {
	cpu, mem, trace string
}

func addProfileFlags(fs *pflag.FlagSet) *profileFlags {
	p := &profileFlags{}
	fs.StringVar(&p.cpu, "cpuprofile", "", "write a CPU profile to `FILE`")
	fs.StringVar(&p.mem, "memprofile", "", "write an allocation profile to `FILE` at exit")
	fs.StringVar(&p.trace, "trace", "", "write an execution trace to `FILE` (go tool trace)")
	fs.MarkHidden("cpuprofile")
	fs.MarkHidden("trace")
	fs.MarkHidden("memprofile")
	return p
}

// start begins the CPU profile; the function it returns ends it and writes
// the allocation profile.
func (p *profileFlags) start() (stop func(), err error) {
	var cpu *os.File
	if p.cpu != "" {
		if cpu, err = os.Create(p.cpu); err != nil {
			return nil, err
		}
		if err = pprof.StartCPUProfile(cpu); err != nil {
			cpu.Close()
			return nil, err
		}
	}
	if p.mem != "" {
		runtime.MemProfileRate = 64 << 10
	}
	var tr *os.File
	if p.trace != "" {
		if tr, err = os.Create(p.trace); err != nil {
			return nil, err
		}
		if err = trace.Start(tr); err != nil {
			tr.Close()
			return nil, err
		}
	}
	return func() {
		if tr != nil {
			trace.Stop()
			tr.Close()
		}
		if cpu != nil {
			pprof.StopCPUProfile()
			cpu.Close()
		}
		if p.mem != "" {
			f, err := os.Create(p.mem)
			if err == nil {
				err = pprof.Lookup("allocs").WriteTo(f, 0)
				f.Close()
			}
			if err != nil {
				fmt.Fprintf(os.Stderr, "smbscope: %v\n", err)
			}
		}
	}, nil
}
