// Command soak is the web app's soak benchmark: over a large library
// (1,000 plans of 100 tasks by default) it keeps a steady mixed load on
// the server for a while (page views, API reads, posted updates,
// searches, and a document added to the library every so often) and
// reports every 30 s the throughput and p50/p99 per kind of request, the
// heap in use, RSS and goroutines; at the end it says whether memory grew.
//
//	go run ./bench/soak                             # 10 minutes on SQLite
//	go run ./bench/soak -duration 2m -db "$PLANWATCH_TEST_POSTGRES"
//
// The clients run in the same process as the server, so the heap and RSS
// figures include theirs (small: they keep no responses).
package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"planwatch/bench/benchkit"
	"planwatch/internal/library"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "soak:", err)
		os.Exit(1)
	}
}

// mix is the share of each kind of request in the load.
var mix = []struct {
	kind   string
	weight int
}{
	{"plan_page", 25}, {"api_plan", 15}, {"task_page", 10}, {"api_task", 20}, {"home", 8}, {"api_plans", 5},
	{"search", 5}, {"api_search", 4}, {"post_update", 8},
}

func run() error {
	var (
		dsn      = flag.String("db", "", "store DSN (a postgres:// DSN gets a schema of its own); empty: a new SQLite file")
		plans    = flag.Int("plans", benchkit.DefaultSize.Plans, "plans in the library")
		tasks    = flag.Int("tasks", benchkit.DefaultSize.Tasks, "tasks per plan")
		clients  = flag.Int("clients", 20, "concurrent clients")
		think    = flag.Duration("think", 100*time.Millisecond, "mean pause of a client between requests")
		duration = flag.Duration("duration", 10*time.Minute, "how long the load runs")
		every    = flag.Duration("every", 30*time.Second, "report interval")
		ingest   = flag.Duration("ingest", time.Minute, "add a document to the library this often")
		sample   = flag.String("sample", filepath.Join("internal", "cli", "samples", "sample_plan.txt"), "text of the documents added")
	)
	flag.Parse()
	text, err := os.ReadFile(*sample)
	if err != nil {
		return fmt.Errorf("sample document (-sample): %w", err)
	}
	ctx := context.Background()
	env, c, err := benchkit.Start(ctx, *dsn, *plans, *tasks, "soak-")
	if err != nil {
		return err
	}
	defer env.Close()
	dir, err := os.MkdirTemp("", "planwatch-soak-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	lib := library.New(env.Store, library.Options{})
	rec := benchkit.NewRecorder()
	addDoc := func(n int) {
		path := filepath.Join(dir, fmt.Sprintf("doc-%d.txt", n))
		body := fmt.Sprintf("%s\n（第%d次压测补充：推进科创走廊建设。）\n", text, n)
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			rec.Add("ingest", 0, err)
			return
		}
		start := time.Now()
		res := lib.Add(ctx, path, []string{"soak"})
		rec.Add("ingest", time.Since(start), res.Err)
	}
	addDoc(0) // something to search from the start

	fmt.Printf("back end %s, %d plans × %d tasks, %d clients (think %s), %s, report every %s\n",
		env.Store.Dialect(), len(env.Lib.Plans), *tasks, *clients, *think, *duration, *every)
	loadCtx, stop := context.WithTimeout(ctx, *duration)
	defer stop()
	var wg sync.WaitGroup
	for i := range *clients {
		wg.Go(func() { client(loadCtx, c, env.Lib, rec, *think, uint64(i)) })
	}
	wg.Go(func() {
		t := time.NewTicker(*ingest)
		defer t.Stop()
		for n := 1; ; n++ {
			select {
			case <-loadCtx.Done():
				return
			case <-t.C:
				addDoc(n)
			}
		}
	})

	var (
		heaps []uint64 // heap in use after a GC, per report
		start = time.Now()
		tick  = time.NewTicker(*every)
		last  = start
	)
	defer tick.Stop()
	report := func() {
		now := time.Now()
		window := now.Sub(last)
		figs := rec.Take(window)
		last = now
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		heaps = append(heaps, ms.HeapInuse)
		total := 0
		for _, f := range figs {
			total += f.N
		}
		fmt.Printf("\n== %s  %.1f req/s  heap in use %.1f MB  RSS %.1f MB  goroutines %d\n",
			now.Sub(start).Round(time.Second), float64(total)/window.Seconds(),
			mb(ms.HeapInuse), mb(rss()), runtime.NumGoroutine())
		benchkit.Print(os.Stdout, figs)
	}
loop:
	for {
		select {
		case <-loadCtx.Done():
			break loop
		case <-tick.C:
			report()
		}
	}
	wg.Wait()
	if time.Since(last) > time.Second {
		report()
	}
	verdict(heaps)
	return nil
}

// verdict says whether the heap grew: the first report (warm, caches
// filling) against the last, and against the mean of the middle reports.
func verdict(heaps []uint64) {
	if len(heaps) < 3 {
		fmt.Printf("\nmemory: %d reports, too few to judge growth\n", len(heaps))
		return
	}
	first, lastH := heaps[1], heaps[len(heaps)-1] // the first window fills the caches
	peak := uint64(0)
	for _, h := range heaps[1:] {
		peak = max(peak, h)
	}
	grew := lastH > first+first/4 && lastH-first > 16<<20
	word := "did not grow"
	if grew {
		word = "GREW"
	}
	fmt.Printf("\nmemory %s: heap in use after GC %.1f MB at the second report, %.1f MB at the end, peak %.1f MB\n",
		word, mb(first), mb(lastH), mb(peak))
}

// client requests a mix of pages and API reads, and posts updates, with
// random pauses, until ctx ends.
func client(ctx context.Context, c *benchkit.Client, lib *benchkit.Library, rec *benchkit.Recorder, think time.Duration, seed uint64) {
	r := rand.New(rand.NewPCG(seed, uint64(time.Now().UnixNano())))
	totalWeight := 0
	for _, m := range mix {
		totalWeight += m.weight
	}
	searches := []string{"科创", "产业", "重点项目", "长三角", "数字经济"}
	for ctx.Err() == nil {
		if think > 0 {
			select {
			case <-ctx.Done():
				return
			case <-time.After(time.Duration(r.Int64N(int64(2 * think)))):
			}
		}
		n := r.IntN(totalWeight)
		kind := ""
		for _, m := range mix {
			if n < m.weight {
				kind = m.kind
				break
			}
			n -= m.weight
		}
		plan := lib.Plans[r.IntN(len(lib.Plans))]
		task := lib.Tasks[plan][r.IntN(len(lib.Tasks[plan]))]
		var (
			took time.Duration
			err  error
		)
		switch kind {
		case "plan_page":
			_, took, err = c.Get(ctx, "/plans/"+plan)
		case "api_plan":
			_, took, err = c.Get(ctx, "/api/v1/plans/"+plan)
		case "task_page":
			_, took, err = c.Get(ctx, "/tasks/"+task)
		case "api_task":
			_, took, err = c.Get(ctx, "/api/v1/tasks/"+task)
		case "home":
			_, took, err = c.Get(ctx, "/?page="+strconv.Itoa(1+r.IntN(3)))
		case "api_plans":
			_, took, err = c.Get(ctx, "/api/v1/plans?offset="+strconv.Itoa(100*r.IntN(3)))
		case "search":
			_, took, err = c.Get(ctx, "/search?q="+url.QueryEscape(searches[r.IntN(len(searches))]))
		case "api_search":
			_, took, err = c.Get(ctx, "/api/v1/search?q="+url.QueryEscape(searches[r.IntN(len(searches))]))
		case "post_update":
			statuses := []string{"进行中", "序时推进", "暂停", "已完成"}
			_, took, err = c.PostForm(ctx, "/tasks/"+task+"/updates", url.Values{
				"status": {statuses[r.IntN(len(statuses))]}, "progress": {strconv.Itoa(r.IntN(101))},
				"date": {time.Now().Format(time.DateOnly)}, "note": {"压测：按计划推进。"}, "reason": {"压测：随机进度"}})
		}
		if ctx.Err() != nil {
			return // cut off by the end of the run, not a failure
		}
		rec.Add(kind, took, err)
	}
}

func mb(b uint64) float64 { return float64(b) / (1 << 20) }

// rss reads the process's resident set size from /proc (0 elsewhere).
func rss() uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}
