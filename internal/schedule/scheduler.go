package schedule

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"runtime/debug"
	"slices"
	"sync"
	"time"

	"planwatch/internal/store"
)

// Job is one kind of scheduled work.
type Job struct {
	Name     string        // the lease's name, and the metrics label
	Interval time.Duration // from the end of one run to the next
	// Run does the work as of now. It checks Stopping(ctx) between items
	// and returns early when the server stops; the item in progress gets
	// StopGrace to finish before its context is cancelled (the server
	// must be gone within two seconds of SIGTERM).
	Run func(ctx context.Context, now time.Time) error
}

// Options configure a Scheduler.
type Options struct {
	// Holder names this server in the leases; default host-pid-random.
	Holder string
	// Now is the clock; nil means time.Now. Tests fix it.
	Now func() time.Time
	Log *slog.Logger
	// Lease bounds how long a run may hold its job before another server
	// may take it over (the holder died); default DefaultLease.
	Lease time.Duration
	// Tick is how often Run looks for due jobs; default DefaultTick.
	Tick time.Duration
}

// Defaults for Options.
const (
	DefaultLease = time.Hour
	DefaultTick  = time.Minute
)

// StopGrace is how long the job in progress may go on once the server
// stops, before its context is cancelled.
const StopGrace = 500 * time.Millisecond

// Scheduler runs jobs at their intervals. It is safe to run several (one
// per server) over one database.
type Scheduler struct {
	st   *store.Store
	jobs []Job
	opt  Options
	log  *slog.Logger
}

// New returns a scheduler of jobs over st.
func New(st *store.Store, jobs []Job, opt Options) *Scheduler {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	if opt.Lease <= 0 {
		opt.Lease = DefaultLease
	}
	if opt.Tick <= 0 {
		opt.Tick = DefaultTick
	}
	if opt.Holder == "" {
		opt.Holder = defaultHolder()
	}
	return &Scheduler{st: st, jobs: jobs, opt: opt, log: opt.Log.With("holder", opt.Holder)}
}

// defaultHolder names this process: host, pid and a random part, so that
// a restarted server does not mistake its predecessor's lease for its own.
func defaultHolder() string {
	host, _ := os.Hostname()
	b := make([]byte, 4)
	rand.Read(b)
	return fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b))
}

// Outcome is what one job did in a round.
type Outcome struct {
	Job string
	Ran bool  // false: not due, or another server holds it
	Err error // of the run, or of taking the lease
}

// stopKey carries the channel closed when the server stops.
type stopKey struct{}

// Stopping reports whether the server is stopping: a job checks it
// between items and returns early, leaving the rest for the next run.
func Stopping(ctx context.Context) bool {
	ch, ok := ctx.Value(stopKey{}).(<-chan struct{})
	if !ok {
		return false
	}
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

// RunOnce runs, one after another, every job that is due now and whose
// lease this scheduler wins.
func (s *Scheduler) RunOnce(ctx context.Context) []Outcome {
	return s.round(ctx, nil)
}

// Run runs rounds every Tick until ctx is cancelled, then returns once
// the job in flight has finished its current item, or StopGrace later
// with that item's context cancelled.
func (s *Scheduler) Run(ctx context.Context) {
	t := time.NewTicker(s.opt.Tick)
	defer t.Stop()
	s.log.Info("scheduler started", "jobs", len(s.jobs), "tick", s.opt.Tick)
	jobs, cancelJobs := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelJobs()
	stopAfter := context.AfterFunc(ctx, func() { time.AfterFunc(StopGrace, cancelJobs) })
	defer stopAfter()
	for {
		s.round(jobs, ctx.Done())
		select {
		case <-ctx.Done():
			s.log.Info("scheduler stopped")
			return
		case <-t.C:
		}
	}
}

func (s *Scheduler) round(ctx context.Context, stop <-chan struct{}) []Outcome {
	if stop != nil {
		ctx = context.WithValue(ctx, stopKey{}, stop)
	}
	var out []Outcome
	for _, j := range s.jobs {
		if Stopping(ctx) || ctx.Err() != nil {
			break
		}
		out = append(out, s.runJob(ctx, j))
	}
	return out
}

// runJob takes the job's lease, runs it and releases the lease with the
// next run time; a failure or a panic is logged, counted and left for the
// next run.
func (s *Scheduler) runJob(ctx context.Context, j Job) Outcome {
	o := Outcome{Job: j.Name}
	start := s.opt.Now()
	ok, err := s.st.AcquireJob(ctx, j.Name, s.opt.Holder, start, s.opt.Lease)
	if err != nil {
		o.Err = err
		s.log.Warn("job lease", "job", j.Name, "err", err)
		return o
	}
	if !ok {
		return o
	}
	o.Ran = true
	log := s.log.With("job", j.Name)
	log.Info("job started")
	jctx, cancel := context.WithTimeout(ctx, s.opt.Lease)
	o.Err = safeRun(jctx, j, start, log)
	cancel()
	end := s.opt.Now()
	record(j.Name, o.Err, end.Sub(start))
	if o.Err != nil {
		log.Error("job failed", "err", o.Err, "duration", end.Sub(start))
	} else {
		log.Info("job done", "duration", end.Sub(start))
	}
	// Released even when the run was cut short by a stop: a lease left
	// held would keep the job from every server for the lease's length.
	rctx, rcancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
	defer rcancel()
	if err := s.st.ReleaseJob(rctx, j.Name, s.opt.Holder, end, end.Add(j.Interval), o.Err); err != nil {
		log.Warn("job release", "err", err)
	}
	return o
}

// safeRun runs a job, turning a panic into an error (the stack goes to
// the log, not into the lease row).
func safeRun(ctx context.Context, j Job, now time.Time, log *slog.Logger) (err error) {
	defer func() {
		if v := recover(); v != nil {
			log.Error("job panicked", "value", fmt.Sprint(v), "stack", string(debug.Stack()))
			err = fmt.Errorf("job %s panicked: %v", j.Name, v)
		}
	}()
	return j.Run(ctx, now)
}

// JobCount is one job's running totals in this process.
type JobCount struct {
	Name     string
	Runs     int64 // runs this process did
	Failures int64 // of which failed
	Seconds  float64
}

// counts are process-wide, like the library's, for /metrics.
var counts struct {
	mu   sync.Mutex
	jobs map[string]*JobCount
}

func record(name string, err error, d time.Duration) {
	counts.mu.Lock()
	defer counts.mu.Unlock()
	if counts.jobs == nil {
		counts.jobs = map[string]*JobCount{}
	}
	c := counts.jobs[name]
	if c == nil {
		c = &JobCount{Name: name}
		counts.jobs[name] = c
	}
	c.Runs++
	if err != nil {
		c.Failures++
	}
	c.Seconds += d.Seconds()
}

// Counters returns each job's totals in this process, by name.
func Counters() []JobCount {
	counts.mu.Lock()
	defer counts.mu.Unlock()
	out := make([]JobCount, 0, len(counts.jobs))
	for _, c := range counts.jobs {
		out = append(out, *c)
	}
	slices.SortFunc(out, func(a, b JobCount) int { return cmp.Compare(a.Name, b.Name) })
	return out
}

// errs gathers the failures of a job's items: the job goes on with the
// next item and reports them all.
type errs struct{ list []error }

func (e *errs) add(err error) {
	if err != nil {
		e.list = append(e.list, err)
	}
}

func (e *errs) err() error { return errors.Join(e.list...) }
