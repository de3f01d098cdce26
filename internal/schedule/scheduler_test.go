package schedule

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

// clock is a fake clock the tests move by hand.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func newClock(t time.Time) *clock { return &clock{t: t} }

// ran lists the jobs of a round that ran, with their errors.
func ran(out []Outcome) map[string]error {
	m := map[string]error{}
	for _, o := range out {
		if o.Ran {
			m[o.Job] = o.Err
		}
	}
	return m
}

func countOf(name string) JobCount {
	for _, c := range Counters() {
		if c.Name == name {
			return c
		}
	}
	return JobCount{Name: name}
}

// TestSchedulerRounds drives rounds by a fake clock: a job runs when due,
// not again before its interval, a failure or a panic is recorded and the
// job runs again next round, and two servers run a job once between them.
func TestSchedulerRounds(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		c := newClock(time.Date(2025, 7, 1, 8, 0, 0, 0, time.UTC))
		runs := map[string]int{}
		fail := true
		jobs := []Job{
			{Name: "tidy", Interval: time.Hour, Run: func(ctx context.Context, now time.Time) error {
				runs["tidy"]++
				return nil
			}},
			{Name: "flaky", Interval: 6 * time.Hour, Run: func(ctx context.Context, now time.Time) error {
				runs["flaky"]++
				if fail {
					return errors.New("relay down")
				}
				return nil
			}},
			{Name: "buggy", Interval: time.Hour, Run: func(ctx context.Context, now time.Time) error {
				runs["buggy"]++
				var m map[string]int
				m["x"] = 1 // panics
				return nil
			}},
		}
		a := New(st, jobs, Options{Holder: "a", Now: c.now})
		b := New(st, jobs, Options{Holder: "b", Now: c.now})
		flakyBefore, buggyBefore := countOf("flaky"), countOf("buggy")

		got := ran(a.RunOnce(ctx))
		if len(got) != 3 || got["tidy"] != nil || got["flaky"] == nil || got["buggy"] == nil {
			t.Fatalf("first round ran %v", got)
		}
		if got := ran(b.RunOnce(ctx)); len(got) != 0 {
			t.Errorf("b ran %v right after a", got)
		}
		if j, _ := st.JobLeaseOf(ctx, "flaky"); j.LastError != "relay down" || j.Holder != "a" {
			t.Errorf("flaky's lease = %+v", j)
		}
		c.add(time.Hour)
		if got := ran(b.RunOnce(ctx)); len(got) != 2 || got["tidy"] != nil {
			t.Errorf("an hour later b ran %v, want tidy and buggy", got)
		}
		c.add(5 * time.Hour)
		fail = false
		if got := ran(a.RunOnce(ctx)); len(got) != 3 || got["flaky"] != nil {
			t.Errorf("six hours later a ran %v", got)
		}
		if j, _ := st.JobLeaseOf(ctx, "flaky"); j.LastError != "" {
			t.Errorf("flaky's error stays after a good run: %q", j.LastError)
		}
		if runs["tidy"] != 3 || runs["flaky"] != 2 || runs["buggy"] != 3 {
			t.Errorf("runs = %v", runs)
		}
		if d := countOf("flaky"); d.Runs-flakyBefore.Runs != 2 || d.Failures-flakyBefore.Failures != 1 {
			t.Errorf("flaky counted %+v, before %+v", d, flakyBefore)
		}
		if d := countOf("buggy"); d.Failures-buggyBefore.Failures != 3 {
			t.Errorf("buggy counted %+v, before %+v", d, buggyBefore)
		}
	})
}

// TestRunStopsAfterJobInFlight cancels Run's context while a job is
// running: the job's own context stays alive, it sees Stopping, and Run
// returns only after the job has finished.
func TestRunStopsAfterJobInFlight(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		started, release, finished := make(chan struct{}), make(chan struct{}), make(chan bool, 1)
		job := Job{Name: "slow", Interval: time.Hour, Run: func(ctx context.Context, now time.Time) error {
			close(started)
			<-release
			finished <- ctx.Err() == nil && Stopping(ctx)
			return nil
		}}
		s := New(st, []Job{job}, Options{Holder: "a"})
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { s.Run(ctx); close(done) }()
		<-started
		cancel()
		select {
		case <-done:
			t.Fatal("Run returned while its job was running")
		default:
		}
		close(release)
		<-done
		if !<-finished {
			t.Error("the job's context was cancelled, or it did not see Stopping")
		}
		if j, err := st.JobLeaseOf(context.Background(), "slow"); err != nil || !j.LeaseUntil.IsZero() || j.LastRunAt.IsZero() {
			t.Errorf("lease after stop = %+v, %v", j, err)
		}
	})
}
