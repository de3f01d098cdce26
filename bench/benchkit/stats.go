package benchkit

import (
	"fmt"
	"io"
	"slices"
	"sync"
	"time"
)

// Recorder collects request durations and errors per kind of request,
// safe for concurrent use.
type Recorder struct {
	mu    sync.Mutex
	times map[string][]time.Duration
	errs  map[string]int
	first map[string]error
}

// NewRecorder returns an empty Recorder.
func NewRecorder() *Recorder {
	return &Recorder{times: map[string][]time.Duration{}, errs: map[string]int{}, first: map[string]error{}}
}

// Add records one request of a kind: its duration, or its error.
func (r *Recorder) Add(kind string, d time.Duration, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if err != nil {
		r.errs[kind]++
		if r.first[kind] == nil {
			r.first[kind] = err
		}
		return
	}
	r.times[kind] = append(r.times[kind], d)
}

// Figures are the latency figures of one kind over a window.
type Figures struct {
	Kind     string
	N        int
	Errors   int
	FirstErr error
	P50, P99 time.Duration
	Max      time.Duration
	PerSec   float64
}

// Take returns the figures per kind (sorted by kind) over a window of
// the given length and starts a new window.
func (r *Recorder) Take(window time.Duration) []Figures {
	r.mu.Lock()
	times, errs, first := r.times, r.errs, r.first
	r.times, r.errs, r.first = map[string][]time.Duration{}, map[string]int{}, map[string]error{}
	r.mu.Unlock()
	kinds := map[string]bool{}
	for k := range times {
		kinds[k] = true
	}
	for k := range errs {
		kinds[k] = true
	}
	var out []Figures
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range kinds {
			if !yield(k) {
				return
			}
		}
	}) {
		ts := times[k]
		slices.Sort(ts)
		f := Figures{Kind: k, N: len(ts), Errors: errs[k], FirstErr: first[k]}
		if len(ts) > 0 {
			f.P50, f.P99, f.Max = Percentile(ts, 50), Percentile(ts, 99), ts[len(ts)-1]
		}
		if window > 0 {
			f.PerSec = float64(len(ts)) / window.Seconds()
		}
		out = append(out, f)
	}
	return out
}

// Percentile returns the p-th percentile of sorted durations (nearest rank).
func Percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(float64(len(sorted))*p/100+0.5) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

// Print writes figures as a table.
func Print(w io.Writer, figs []Figures) {
	fmt.Fprintf(w, "%-16s %8s %8s %10s %10s %10s %6s\n", "kind", "requests", "req/s", "p50 ms", "p99 ms", "max ms", "errors")
	for _, f := range figs {
		fmt.Fprintf(w, "%-16s %8d %8.1f %10.2f %10.2f %10.2f %6d\n", f.Kind, f.N, f.PerSec,
			ms(f.P50), ms(f.P99), ms(f.Max), f.Errors)
		if f.FirstErr != nil {
			fmt.Fprintf(w, "  first error: %v\n", f.FirstErr)
		}
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
