package capture

import (
	"context"
	"errors"
	"testing"
	"time"
)

// fakeSource plays frames as a live interface would: before sends them at
// once, after only when the capture is stopped (what the kernel still held),
// and err ends it.
type fakeSource struct {
	link          uint32
	before, after []frame
	err           error
}

func (f *fakeSource) close() {}

func (f *fakeSource) run(stop <-chan struct{}, pool *batchPool, out chan<- *packetBatch, rep *ifaceReport) error {
	var b *packetBatch
	play := func(frames []frame) {
		for _, fr := range frames {
			if b == nil {
				b = pool.get()
			}
			if b.add(fr.data, fr.wire, f.link, fr.ts, time.Now()) || len(b.pkts) == 7 {
				out <- b
				b = nil
			}
		}
		if b != nil && len(b.pkts) > 0 {
			out <- b
			b = nil
		}
	}
	play(f.before)
	rep.set(InterfaceStats{Name: "fake", Received: uint64(len(f.before))})
	if f.err != nil {
		return f.err
	}
	<-stop
	play(f.after)
	rep.set(InterfaceStats{Name: "fake", Received: uint64(len(f.before) + len(f.after)), Dropped: 3})
	return nil
}

// recent moves frames in time so that the last one is now, as live
// packets are: the loop's idle sweep runs on the wall clock.
func recent(frames []frame) []frame {
	shift := time.Since(frames[len(frames)-1].ts)
	for i := range frames {
		frames[i].ts = frames[i].ts.Add(shift)
	}
	return frames
}

// The live loop gives what Read gives for the same packets, whether they
// arrive before or after the stop, and reports the interface counters.
func TestLiveLoopMatchesRead(t *testing.T) {
	for _, name := range []string{s01, s06, "public/zeek/smb3_multichannel.pcap"} {
		t.Run(name, func(t *testing.T) {
			frames := recent(loadFrames(t, name))
			half := len(frames) / 2
			src := &fakeSource{link: linkEthernet, before: frames[:half], after: frames[half:]}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			rec := &recorder{}
			ticks := 0
			cfg := LiveConfig{Interfaces: []string{"fake0"}, Tick: 5 * time.Millisecond, OnTick: func(now time.Time, s *LiveStats) {
				ticks++
				if s.Packets == uint64(half) {
					cancel()
				}
			}}
			st, err := runLive(ctx, []liveSource{src}, cfg, rec, Options{})
			if err != nil {
				t.Fatal(err)
			}
			rec.check(t)
			want, wst := readFile(t, pcapPath(name), Options{})
			if g, w := render(rec, st.Stats), render(want, wst); g != w {
				t.Errorf("got:\n%swant:\n%s", g, w)
			}
			if ticks == 0 {
				t.Error("OnTick never ran")
			}
			if len(st.Interfaces) != 1 || st.Interfaces[0].Received != uint64(len(frames)) || st.Interfaces[0].Dropped != 3 || st.Interfaces[0].Name != "fake" {
				t.Errorf("interface stats %+v", st.Interfaces)
			}
			if st.Open != 0 {
				t.Errorf("%d connections still open after the end", st.Open)
			}
		})
	}
}

// Idle connections end on the wall clock, with no packet arriving.
func TestLiveIdleSweep(t *testing.T) {
	frames := loadFrames(t, s01)
	frames = recent(frames[:len(frames)/2]) // no FIN: the connection stays open
	src := &fakeSource{link: linkEthernet, before: frames}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rec := &recorder{}
	var closedAt time.Duration
	start := time.Now()
	cfg := LiveConfig{Interfaces: []string{"fake0"}, Tick: 10 * time.Millisecond, OnTick: func(now time.Time, s *LiveStats) {
		if s.Packets == uint64(len(frames)) && s.Open == 0 && closedAt == 0 {
			closedAt = time.Since(start)
			cancel()
		}
		if time.Since(start) > 10*time.Second {
			cancel()
		}
	}}
	if _, err := runLive(ctx, []liveSource{src}, cfg, rec, Options{IdleTimeout: 200 * time.Millisecond}); err != nil {
		t.Fatal(err)
	}
	rec.check(t)
	if len(rec.conns) != 1 || rec.conns[0].reason != CloseIdle {
		t.Fatalf("want one connection closed as idle, got %d (%v)", len(rec.conns), rec.conns)
	}
	if closedAt == 0 || closedAt > 5*time.Second {
		t.Errorf("idle connection closed after %v", closedAt)
	}
}

// A failing interface ends the capture with its error, after every open
// connection was closed.
func TestLiveSourceError(t *testing.T) {
	frames := loadFrames(t, s01)
	boom := errors.New("capture: fake0: interface went down")
	good := &fakeSource{link: linkEthernet}
	bad := &fakeSource{link: linkEthernet, before: frames[:len(frames)/2], err: boom}
	rec := &recorder{}
	st, err := runLive(context.Background(), []liveSource{good, bad}, LiveConfig{Interfaces: []string{"a", "b"}}, rec, Options{})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	rec.check(t)
	if len(rec.conns) != 1 || rec.conns[0].reason != CloseEndInput {
		t.Errorf("connections: %d", len(rec.conns))
	}
	if st.Packets != uint64(len(frames)/2) {
		t.Errorf("%d packets analysed, want %d", st.Packets, len(frames)/2)
	}
}

// Eviction in live mode is counted like offline.
func TestLiveEviction(t *testing.T) {
	frames := recent(loadFrames(t, "public/zeek/smb3_multichannel.pcap"))
	src := &fakeSource{link: linkEthernet, before: frames}
	ctx, cancel := context.WithCancel(context.Background())
	cfg := LiveConfig{Interfaces: []string{"fake0"}, Tick: 5 * time.Millisecond, OnTick: func(now time.Time, s *LiveStats) {
		if s.Packets == uint64(len(frames)) {
			cancel()
		}
	}}
	rec := &recorder{}
	st, err := runLive(ctx, []liveSource{src}, cfg, rec, Options{MaxConnections: 1})
	if err != nil {
		t.Fatal(err)
	}
	rec.check(t)
	_, wst := readFile(t, pcapPath("public/zeek/smb3_multichannel.pcap"), Options{MaxConnections: 1})
	if st.Evicted == 0 || st.Evicted != wst.Evicted {
		t.Errorf("evicted %d live, %d offline", st.Evicted, wst.Evicted)
	}
}

// Live refuses to start without interfaces, and a build without live
// capture says so.
func TestLiveConfigErrors(t *testing.T) {
	if _, err := Live(context.Background(), LiveConfig{}, &recorder{}, Options{}); err == nil {
		t.Error("no error without interfaces")
	}
	if !LiveAvailable {
		_, err := Live(context.Background(), LiveConfig{Interfaces: []string{"lo"}}, &recorder{}, Options{})
		if !errors.Is(err, ErrLiveUnavailable) {
			t.Errorf("err = %v, want ErrLiveUnavailable", err)
		}
		if _, err := ListInterfaces(); !errors.Is(err, ErrLiveUnavailable) {
			t.Errorf("ListInterfaces: %v", err)
		}
	}
}
