package main

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"
)

var elapsedTime = regexp.MustCompile(` in [0-9.]+s`)

// analyseWithSummary runs smbscope with its summary lines, elapsed times
// blanked.
func analyseWithSummary(args ...string) (string, string, int) {
	var stdout, stderr bytes.Buffer
	code := run(args, strings.NewReader(""), &stdout, &stderr)
	return stdout.String(), elapsedTime.ReplaceAllString(stderr.String(), " in T"), code
}

// TestPipelineMatchesSequential checks that spreading the session analysis
// over workers changes nothing: for every capture, alone and all of them in
// one run, the records and the summary lines are those of the analysis on
// one goroutine, whatever the number of workers.
func TestPipelineMatchesSequential(t *testing.T) {
	repoRoot(t)
	defer func(n int) { pipelineWorkers = n }(pipelineWorkers)
	all := captures(t)
	runs := [][]string{all}
	for _, c := range all {
		runs = append(runs, []string{c})
	}
	for _, args := range runs {
		pipelineWorkers = 1
		wantOut, wantErr, wantCode := analyseWithSummary(args...)
		if len(args) > 1 {
			t.Logf("%d captures: %d bytes of records, %d of summary", len(args), len(wantOut), len(wantErr))
		}
		for _, n := range []int{2, 3, 5} {
			pipelineWorkers = n
			out, errOut, code := analyseWithSummary(args...)
			name := fmt.Sprintf("%d inputs from %s, %d workers", len(args), args[0], n)
			if code != wantCode || errOut != wantErr {
				t.Errorf("%s: exit %d, stderr\n%s\nwant exit %d, stderr\n%s", name, code, errOut, wantCode, wantErr)
			}
			if out != wantOut {
				t.Errorf("%s: records differ from the sequential analysis", name)
			}
		}
	}
}
