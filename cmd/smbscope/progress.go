package main

import (
	"fmt"
	"io"
	"strings"
	"sync/atomic"
	"time"
)

// Progress bar timing: nothing is drawn for reads shorter than
// progressDelay, and the bar is redrawn every progressInterval.
var (
	progressDelay    = 500 * time.Millisecond
	progressInterval = 100 * time.Millisecond
)

// progress draws, on a terminal, how much of one input was read: bytes of
// the total, rate and time left.
type progress struct {
	w     io.Writer
	name  string
	total int64
	read  atomic.Int64
	start time.Time
	stop  chan struct{}
	done  chan struct{}
	drawn bool
}

// maxBarName keeps the bar on one line of a narrow terminal.
const maxBarName = 32

func startProgress(w io.Writer, name string, total int64) *progress {
	if r := []rune(name); len(r) > maxBarName {
		name = "…" + string(r[len(r)-maxBarName+1:])
	}
	p := &progress{w: w, name: name, total: total, start: time.Now(), stop: make(chan struct{}), done: make(chan struct{})}
	go p.loop()
	return p
}

// reader counts the bytes read through it.
func (p *progress) reader(r io.Reader) io.Reader { return countingReader{r, &p.read} }

type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.n.Add(int64(n))
	return n, err
}

func (p *progress) loop() {
	defer close(p.done)
	t := time.NewTicker(progressInterval)
	defer t.Stop()
	for {
		select {
		case <-p.stop:
			return
		case now := <-t.C:
			if now.Sub(p.start) >= progressDelay {
				p.draw(now)
			}
		}
	}
}

// finish stops drawing and erases the bar.
func (p *progress) finish() {
	close(p.stop)
	<-p.done
	if p.drawn {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}

const barWidth = 24

func (p *progress) draw(now time.Time) {
	read := p.read.Load()
	elapsed := now.Sub(p.start).Seconds()
	rate := float64(read) / max(elapsed, 1e-3)
	line := "smbscope: " + p.name + " "
	if p.total > 0 {
		frac := min(float64(read)/float64(p.total), 1)
		filled := int(frac * barWidth)
		line += "[" + strings.Repeat("#", filled) + strings.Repeat("-", barWidth-filled) + "] " +
			fmt.Sprintf("%3.0f%% %s / %s", frac*100, byteSize(read), byteSize(p.total))
	} else {
		line += byteSize(read)
	}
	line += " " + byteSize(int64(rate)) + "/s"
	if p.total > 0 && rate > 0 && read < p.total {
		line += " ETA " + eta(time.Duration(float64(p.total-read)/rate*float64(time.Second)))
	}
	fmt.Fprint(p.w, "\r\x1b[K"+line)
	p.drawn = true
}

func byteSize(n int64) string {
	const unit = 1000
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	v, suffix := float64(n)/unit, "kMGTPE"
	i := 0
	for v >= unit && i < len(suffix)-1 {
		v /= unit
		i++
	}
	return fmt.Sprintf("%.1f %cB", v, suffix[i])
}

func eta(d time.Duration) string {
	s := int(d.Round(time.Second).Seconds())
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}
