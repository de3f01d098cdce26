//go:build unix

// Command pagecpu measures what one view of the plan page and of /my
// costs the server, on a library of the scale bench's shape (500 plans of
// 100 tasks with 10 updates each; /my of a reporter of one unit in 20
// plans), kept between runs in a SQLite file or a PostgreSQL schema.
// Requests go straight into the handler, no HTTP client, one after
// another: the process's CPU time per request is the figure a shared
// machine's load changes least, where latencies under 50 clients vary
// with it several-fold. -clients adds a run of that many clients.
//
//	go run ./bench/pagecpu -db /tmp/pages.db                 # builds the library once (half a minute), then reuses it
//	go run ./bench/pagecpu -db /tmp/pages.db -cpuprofile cpu.out -routes plan
//	go run ./bench/pagecpu -db 'postgres://…/db?sslmode=disable&search_path=pages'   # a kept schema (create it first)
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"planwatch/bench/benchkit"
	"planwatch/internal/store"
	"planwatch/internal/web/auth"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "pagecpu:", err)
		os.Exit(1)
	}
}

// route is a page to load: whose session, and the path of each request.
type route struct {
	name    string
	session string
	path    func(r *rand.Rand) string
}

func run() error {
	dsn := flag.String("db", "", "store DSN: a SQLite file (kept) or a postgres:// DSN; a library of the right size in it is reused")
	n := flag.Int("n", 500, "requests per route, one after another")
	clients := flag.Int("clients", 0, "then this many clients at once for -duration (0: none)")
	duration := flag.Duration("duration", 10*time.Second, "how long the clients load each route")
	cpuprof := flag.String("cpuprofile", "", "write a CPU profile of the requests to this file")
	routes := flag.String("routes", "plan,my", "routes: plan (the plan page, as an admin), my (/my, as the reporter)")
	flag.Parse()
	if *dsn == "" {
		return fmt.Errorf("flags: -db names the library to build or reuse")
	}
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	env, err := benchkit.Setup(ctx, *dsn, benchkit.Size{Plans: 500, Tasks: 100, Groups: 5, Indicators: 4, UpdatesPerTask: 10}, log)
	if err != nil {
		return err
	}
	defer env.Close()
	stamp := time.Now().UnixNano() // logins of their own: the library is reused
	admin, err := benchkit.SignIn(ctx, env.Store, env.Server.URL, fmt.Sprintf("pagecpu-admin-%d", stamp), store.RoleAdmin)
	if err != nil {
		return err
	}
	var scopes []store.Scope
	for _, p := range env.Lib.Plans[:min(20, len(env.Lib.Plans))] {
		scopes = append(scopes, store.Scope{PlanID: p, Unit: "市科技局"})
	}
	u, err := env.Store.CreateUser(ctx, store.User{Login: fmt.Sprintf("pagecpu-reporter-%d", stamp), Name: "市科技局报送员",
		Role: store.RoleReporter, PasswordHash: "!", Scopes: scopes})
	if err != nil {
		return err
	}
	reporter, err := env.Store.CreateSession(ctx, u.ID, store.SessionAbsoluteTimeout, "bench", "127.0.0.1")
	if err != nil {
		return err
	}
	plans := env.Lib.Plans
	all := map[string]route{
		"plan": {"plan page", admin.Session, func(r *rand.Rand) string { return "/plans/" + plans[r.IntN(len(plans))] }},
		"my":   {"/my", reporter, func(*rand.Rand) string { return "/my" }},
	}
	// Every plan viewed once first, as the scale bench does: the load then
	// measures views of plans already looked at today.
	for _, p := range plans {
		if _, err := get(env, admin.Session, "/plans/"+p); err != nil {
			return err
		}
	}
	stop, err := benchkit.StartProfile(*cpuprof)
	if err != nil {
		return err
	}
	defer stop()
	fmt.Printf("%s, %d plans; %d requests per route one after another", env.Store.Dialect(), len(plans), *n)
	if *clients > 0 {
		fmt.Printf(", then %d clients for %s", *clients, *duration)
	}
	fmt.Println()
	for name := range strings.SplitSeq(*routes, ",") {
		rt, ok := all[strings.TrimSpace(name)]
		if !ok {
			return fmt.Errorf("unknown route %q", name)
		}
		size, err := get(env, rt.session, rt.path(rand.New(rand.NewPCG(0, 0)))) // the first after a change builds what is kept
		if err != nil {
			return err
		}
		r := rand.New(rand.NewPCG(1, 2))
		start, cpu := time.Now(), cpuTime()
		for range *n {
			if _, err := get(env, rt.session, rt.path(r)); err != nil {
				return err
			}
		}
		wall, used := time.Since(start), cpuTime()-cpu
		fmt.Printf("%-10s %.2f ms CPU, %.2f ms wall per request; %.1f kB gzipped\n", rt.name,
			ms(used)/float64(*n), ms(wall)/float64(*n), float64(size)/1000)
		if *clients > 0 {
			lat := concurrent(env, rt, *clients, *duration)
			fmt.Printf("%-10s %d clients: %.0f/s, p50 %.1f ms, p99 %.1f ms\n", rt.name, *clients,
				float64(len(lat))/duration.Seconds(), ms(lat[len(lat)/2]), ms(lat[len(lat)*99/100]))
		}
	}
	return nil
}

// get serves one request as session, asking for gzip as browsers do, and
// returns the body's size.
func get(env *benchkit.Env, session, path string) (int, error) {
	req := httptest.NewRequest("GET", path, nil)
	req.AddCookie(&http.Cookie{Name: auth.CookieName, Value: session})
	req.Header.Set("Accept-Encoding", "gzip")
	rec := httptest.NewRecorder()
	env.Web.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		return 0, fmt.Errorf("GET %s: %d %.300s", path, rec.Code, rec.Body)
	}
	return rec.Body.Len(), nil
}

// concurrent runs n clients on rt for d and returns their latencies, sorted.
func concurrent(env *benchkit.Env, rt route, n int, d time.Duration) []time.Duration {
	var (
		mu  sync.Mutex
		lat []time.Duration
		wg  sync.WaitGroup
	)
	deadline := time.Now().Add(d)
	for i := range n {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(i), 9))
			for time.Now().Before(deadline) {
				start := time.Now()
				get(env, rt.session, rt.path(r))
				took := time.Since(start)
				mu.Lock()
				lat = append(lat, took)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	slices.Sort(lat)
	return lat
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func ms(d time.Duration) float64 { return d.Seconds() * 1000 }
