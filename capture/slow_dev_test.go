package capture

import (
	"os"
	"path/filepath"
	"testing"
	"time"
	"fmt"
	"strconv"
	"strings"
)

func TestSlowDev(t *testing.T) {
	dir := os.Getenv("SLOWDIR")
	if dir == "" {
		t.Skip()
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, f := range files {
		raw, _ := os.ReadFile(f)
		// go fuzz corpus format: "go test fuzz v1\n[]byte(\"...\")"
		s := string(raw)
		i := strings.Index(s, "[]byte(")
		b, err := strconv.Unquote(strings.TrimSuffix(strings.TrimSpace(s[i+7:]), ")"))
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		done := make(chan struct{})
		go func() { readBytes(t, []byte(b), Options{MaxConnections: 2, MaxBufferedBytes: 3000}); close(done) }()
		select {
		case <-done:
			fmt.Println(filepath.Base(f), len(b), time.Since(start))
		case <-time.After(5 * time.Second):
			fmt.Println("SLOW", filepath.Base(f), len(b))
			os.WriteFile("/tmp/gt/slow.bin", []byte(b), 0o644)
			return
		}
	}
}
