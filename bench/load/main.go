// Command load is the web app's load benchmark: it builds a large library
// (1,000 plans of 100 tasks by default), serves it with web.New on
// loopback, and runs concurrent signed-in clients against the plan page
// and the API for a while, then prints p50/p99 and throughput per route.
//
//	go run ./bench/load                       # SQLite in a temporary file
//	go run ./bench/load -db "$PLANWATCH_TEST_POSTGRES"
//	go run ./bench/load -cpuprofile cpu.out   # then: go tool pprof cpu.out
//
// Times are measured by the clients to the last byte of each response;
// on loopback that is the server's time plus a little.
package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"sync"
	"time"

	"planwatch/bench/benchkit"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

func run() error {
	var (
		dsn      = flag.String("db", "", "store DSN (a postgres:// DSN gets a schema of its own); empty: a new SQLite file")
		plans    = flag.Int("plans", benchkit.DefaultSize.Plans, "plans in the library")
		tasks    = flag.Int("tasks", benchkit.DefaultSize.Tasks, "tasks per plan")
		clients  = flag.Int("clients", 50, "concurrent clients")
		duration = flag.Duration("duration", 30*time.Second, "how long each route is loaded")
		warmup   = flag.Duration("warmup", 5*time.Second, "unmeasured load before each route")
		routes   = flag.String("routes", "plan_page,api_plan,api_plans,api_task,home", "routes to load, one after another")
		think    = flag.Duration("think", 0, "mean pause of a client between requests (0: back to back, the server saturated)")
		cpuprof  = flag.String("cpuprofile", "", "write a CPU profile of the measured load to this file")
	)
	flag.Parse()
	ctx := context.Background()
	env, c, err := benchkit.Start(ctx, *dsn, *plans, *tasks, "bench-")
	if err != nil {
		return err
	}
	defer env.Close()
	stop, err := benchkit.StartProfile(*cpuprof)
	if err != nil {
		return err
	}
	defer stop()
	fmt.Printf("back end %s, %d plans × %d tasks, %d clients (think %s), %s per route\n",
		env.Store.Dialect(), len(env.Lib.Plans), *tasks, *clients, *think, *duration)
	var all []benchkit.Figures
	for _, name := range strings.Split(*routes, ",") {
		path, ok := routePaths[strings.TrimSpace(name)]
		if !ok {
			return fmt.Errorf("unknown route %q", name)
		}
		rec := benchkit.NewRecorder()
		load(ctx, c, env.Lib, path, *clients, *warmup, *think, nil)
		load(ctx, c, env.Lib, path, *clients, *duration, *think, func(d time.Duration, err error) { rec.Add(name, d, err) })
		figs := rec.Take(*duration)
		benchkit.Print(os.Stdout, figs)
		all = append(all, figs...)
	}
	fmt.Println("\nsummary")
	benchkit.Print(os.Stdout, all)
	return nil
}

// routePaths make a request path from a random plan and task.
var routePaths = map[string]func(r *rand.Rand, lib *benchkit.Library) string{
	"plan_page": func(r *rand.Rand, lib *benchkit.Library) string { return "/plans/" + pick(r, lib.Plans) },
	"api_plan":  func(r *rand.Rand, lib *benchkit.Library) string { return "/api/v1/plans/" + pick(r, lib.Plans) },
	"api_plans": func(r *rand.Rand, lib *benchkit.Library) string { return "/api/v1/plans" },
	"api_task": func(r *rand.Rand, lib *benchkit.Library) string {
		return "/api/v1/tasks/" + pick(r, lib.Tasks[pick(r, lib.Plans)])
	},
	"task_page": func(r *rand.Rand, lib *benchkit.Library) string {
		return "/tasks/" + pick(r, lib.Tasks[pick(r, lib.Plans)])
	},
	"home": func(r *rand.Rand, lib *benchkit.Library) string { return "/" },
}

func pick(r *rand.Rand, s []string) string { return s[r.IntN(len(s))] }

// load runs n clients requesting path(…) for d, pausing a random time
// around think between requests, and reports each request to rec (nil:
// not measured).
func load(ctx context.Context, c *benchkit.Client, lib *benchkit.Library, path func(*rand.Rand, *benchkit.Library) string,
	n int, d, think time.Duration, rec func(time.Duration, error)) {
	deadline := time.Now().Add(d)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(i), uint64(time.Now().UnixNano())))
			for time.Now().Before(deadline) {
				if think > 0 {
					time.Sleep(time.Duration(r.Int64N(int64(2 * think))))
				}
				_, took, err := c.Get(ctx, path(r, lib))
				if rec != nil {
					rec(took, err)
				}
			}
		})
	}
	wg.Wait()
}
