package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"planwatch/internal/config"
	"planwatch/internal/web/respond"
)

// Kinds of heavy work, the label of the pool's metrics.
const (
	workPDF      = "pdf"      // a PDF report: a headless Chromium of a dozen processes
	workSheet    = "sheet"    // a filled-in task list imported
	workDocument = "document" // an uploaded document read and extracted
	workFetch    = "fetch"    // a document fetched by URL, read and extracted
)

var workKinds = []string{workPDF, workSheet, workDocument, workFetch}

// maxWorkWait is the longest a job waits for a free worker before the
// caller is told to come back: a browser tab should not spin for minutes.
const maxWorkWait = 30 * time.Second

// workPool runs the requests' heavy work a bounded number at a time, so
// that a burst of PDF reports cannot start a hundred browser processes
// and uploads cannot eat the machine's memory. A job waits for a worker
// only while few others do; beyond that, or after maxWorkWait, the caller
// gets 503 with Retry-After. Each job runs under a timeout.
type workPool struct {
	slots   chan struct{}
	queue   int
	timeout time.Duration
	maxWait time.Duration

	mu       sync.Mutex
	waiting  int
	running  int
	avg      time.Duration // a moving average of how long a job takes, for Retry-After
	done     map[string]int64
	rejected map[string]int64
	timeouts map[string]int64
}

// newWorkPool sizes the pool from the settings. Settings without workers
// (a server built without configuration: the demo, benchmarks) take the
// defaults; otherwise the queue is as given (0 or less: none).
func newWorkPool(sv config.Server) *workPool {
	workers, queue, timeout := sv.Workers, sv.WorkQueue, sv.WorkTimeout
	if workers <= 0 {
		workers, queue = config.DefaultWorkers, config.DefaultWorkQueue
	}
	if timeout <= 0 {
		timeout = config.DefaultWorkTimeout
	}
	return &workPool{slots: make(chan struct{}, workers), queue: max(queue, 0), timeout: timeout,
		maxWait: maxWorkWait, avg: 5 * time.Second,
		done: map[string]int64{}, rejected: map[string]int64{}, timeouts: map[string]int64{}}
}

// do runs fn as a job of kind once a worker is free, with the pool's
// timeout on top of ctx. It returns fn's error, or a 503 problem with
// Retry-After when the pool is full or fn ran out of time.
func (p *workPool) do(ctx context.Context, kind string, fn func(ctx context.Context) error) error {
	select {
	case p.slots <- struct{}{}:
	default:
		if err := p.wait(ctx, kind); err != nil {
			return err
		}
	}
	defer func() { <-p.slots }()
	p.mu.Lock()
	p.running++
	p.mu.Unlock()
	start := time.Now()
	jctx, cancel := context.WithTimeout(ctx, p.timeout)
	err := fn(jctx)
	timedOut := errors.Is(jctx.Err(), context.DeadlineExceeded) && ctx.Err() == nil
	cancel()
	p.mu.Lock()
	p.running--
	p.done[kind]++
	p.avg = (3*p.avg + time.Since(start)) / 4
	if timedOut {
		p.timeouts[kind]++
	}
	p.mu.Unlock()
	if timedOut && err != nil {
		return &respond.Problem{Status: http.StatusServiceUnavailable, Code: "timeout", RetryAfter: p.retryAfter(),
			Message: fmt.Sprintf("the %s took longer than %s and was stopped: try again later (处理超时，请稍后再试)", kindText(kind), p.timeout),
			Err:     err}
	}
	return err
}

// wait queues for a worker: a 503 problem at once when the queue is full,
// or after maxWait; ctx's error when the caller goes away.
func (p *workPool) wait(ctx context.Context, kind string) error {
	p.mu.Lock()
	if p.waiting >= p.queue {
		p.rejected[kind]++
		p.mu.Unlock()
		return p.busy(kind)
	}
	p.waiting++
	p.mu.Unlock()
	timer := time.NewTimer(p.maxWait)
	defer timer.Stop()
	var err error
	select {
	case p.slots <- struct{}{}:
	case <-ctx.Done():
		err = ctx.Err()
	case <-timer.C:
		err = p.busy(kind)
	}
	p.mu.Lock()
	p.waiting--
	if err != nil && ctx.Err() == nil {
		p.rejected[kind]++
	}
	p.mu.Unlock()
	return err
}

// busy is the answer when no worker is free soon enough.
func (p *workPool) busy(kind string) error {
	retry := p.retryAfter()
	return &respond.Problem{Status: http.StatusServiceUnavailable, Code: "busy", RetryAfter: retry,
		Message: fmt.Sprintf("the server is busy with other reports and imports: try the %s again in %d s (服务器繁忙，请%d秒后再试)",
			kindText(kind), int(retry.Seconds()), int(retry.Seconds()))}
}

// retryAfter guesses when a worker will be free: the jobs ahead times
// their average length, over the workers; from 1 s to a minute.
func (p *workPool) retryAfter() time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	ahead := time.Duration(p.waiting + p.running + 1)
	d := p.avg * ahead / time.Duration(cap(p.slots))
	return min(max(d, time.Second), time.Minute).Round(time.Second)
}

// kindText names a kind of job for a message.
func kindText(kind string) string {
	return map[string]string{workPDF: "PDF report", workSheet: "task list import", workDocument: "document upload",
		workFetch: "document fetch"}[kind]
}

// rejectedTotal is how many jobs of every kind were refused.
func (p *workPool) rejectedTotal() int64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	var n int64
	for _, v := range p.rejected {
		n += v
	}
	return n
}

// writeMetrics prints the pool's figures in Prometheus' text format.
func (p *workPool) writeMetrics(w *strings.Builder) {
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintf(w, "# HELP planwatch_work_workers Heavy jobs (PDF reports, imports, fetches) that may run at once.\n# TYPE planwatch_work_workers gauge\nplanwatch_work_workers %d\n", cap(p.slots))
	fmt.Fprintf(w, "# HELP planwatch_work_running Heavy jobs running now.\n# TYPE planwatch_work_running gauge\nplanwatch_work_running %d\n", p.running)
	fmt.Fprintf(w, "# HELP planwatch_work_waiting Heavy jobs waiting for a worker.\n# TYPE planwatch_work_waiting gauge\nplanwatch_work_waiting %d\n", p.waiting)
	for _, c := range []struct {
		name, help string
		m          map[string]int64
	}{
		{"planwatch_work_jobs_total", "Heavy jobs run, by kind.", p.done},
		{"planwatch_work_rejected_total", "Heavy jobs refused with 503 (no worker free soon enough), by kind.", p.rejected},
		{"planwatch_work_timeouts_total", "Heavy jobs stopped at the work timeout, by kind.", p.timeouts},
	} {
		fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s counter\n", c.name, c.help, c.name)
		for _, k := range workKinds {
			fmt.Fprintf(w, "%s{kind=%q} %d\n", c.name, k, c.m[k])
		}
	}
}
