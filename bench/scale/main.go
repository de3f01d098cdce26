// Command scale is the scale benchmark of issue 18: a province's library
// on one box. It builds a library of documents made from the corpus
// (variants: places, years and figures changed, lines left out, so that
// nothing repeats verbatim) and a tracking database of plans, items and
// updates, then measures what a province-level user would feel:
//
//   - ingest: documents/s and MB/s of `planwatch add DIR` (library.AddAll,
//     decoding and extraction on every core, one writer);
//
//   - the database's size against the documents' bytes, table by table;
//
//   - search p50/p99 for one-, two- and four-character queries and
//     phrases, as /search answers them;
//
//   - the plan page and /my p99 under many clients back to back;
//
//   - the evaluation report of the largest plan (DOCX and HTML);
//
//   - this process's peak RSS (server and clients: all in one process).
//
//     go run ./bench/scale -docs 10000                  # SQLite in a temporary file
//     go run ./bench/scale -docs 10000 -db "$PLANWATCH_TEST_POSTGRES"
//
// The defaults are the issue's: 100,000 documents, 500 plans with 50,000
// items and 500,000 updates (499 plans of 100 tasks and one of 1,000,
// 10 updates per task).
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"log/slog"
	"math"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"

	"planwatch/bench/benchkit"
	"planwatch/internal/config"
	"planwatch/internal/library"
	"planwatch/internal/store"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "scale:", err)
		os.Exit(1)
	}
}

type options struct {
	dsn           string
	docs          int
	corpus        string
	plans, tasks  int
	bigTasks      int
	updates       int // per task
	clients       int
	duration      time.Duration
	warmup        time.Duration
	searches      int // per kind of query
	searchClients int
	myPlans       int // plans the reporter of /my reports on
	docsDir       string
	cpuProfile    string
	only          string // "ingest" or "search": stop after that phase
}

func run() error {
	var o options
	flag.StringVar(&o.dsn, "db", "", "store DSN (a postgres:// DSN gets a schema of its own, dropped at the end); empty: a new SQLite file")
	flag.IntVar(&o.docs, "docs", 100_000, "documents in the library (variants of the corpus)")
	flag.StringVar(&o.corpus, "corpus", "../shared/corpus", "directory of seed documents (.txt, .md, .html in UTF-8)")
	flag.IntVar(&o.plans, "plans", 500, "plans, one of them the large one")
	flag.IntVar(&o.tasks, "tasks", 100, "tasks per plan but the large one")
	flag.IntVar(&o.bigTasks, "big", 1000, "tasks of the large plan (its report is timed)")
	flag.IntVar(&o.updates, "updates", 10, "progress updates per task")
	flag.IntVar(&o.clients, "clients", 50, "concurrent clients for the plan page and /my")
	flag.DurationVar(&o.duration, "duration", 15*time.Second, "how long the plan page and /my are each loaded")
	flag.DurationVar(&o.warmup, "warmup", 5*time.Second, "unmeasured load before each")
	flag.IntVar(&o.searches, "searches", 200, "searches per kind of query")
	flag.IntVar(&o.searchClients, "search-clients", 4, "concurrent searchers")
	flag.IntVar(&o.myPlans, "my-plans", 20, "plans the reporter loading /my reports on for its unit (0: every plan)")
	flag.StringVar(&o.docsDir, "docs-dir", "", "write the documents into this directory and keep them (default: a temporary one, removed)")
	flag.StringVar(&o.cpuProfile, "cpuprofile", "", "write a CPU profile of one phase to a file: ingest:FILE, search:FILE or pages:FILE")
	flag.StringVar(&o.only, "only", "", "stop after a phase: ingest (then the database's size) or search; use with -plans 1 -big 1 to skip building plans")
	memLimit := flag.Int64("memlimit", config.DefaultMemoryLimit, "soft memory limit in bytes, as planwatch serve sets by default (0: none; GOMEMLIMIT wins)")
	flag.Parse()
	if *memLimit > 0 && debug.SetMemoryLimit(-1) == math.MaxInt64 {
		debug.SetMemoryLimit(*memLimit) // the server's own default (PLANWATCH_MEMORY_LIMIT)
	}
	if o.only != "" && o.only != "ingest" && o.only != "search" {
		return fmt.Errorf("flags: -only is ingest or search")
	}
	if o.docs < 0 || o.plans < 1 || o.tasks < 1 || o.bigTasks < 1 || o.updates < 0 || o.clients < 1 {
		return fmt.Errorf("flags: -docs ≥ 0, -plans, -tasks, -big, -clients ≥ 1, -updates ≥ 0")
	}
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	seeds, err := readSeeds(o.corpus)
	if err != nil {
		return err
	}
	dsn := o.dsn
	if dsn == "" {
		dir, err := os.MkdirTemp("", "planwatch-scale-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		dsn = filepath.Join(dir, "scale.db")
	}

	// Plans: all but one of the same size, and one large one.
	start := time.Now()
	sz := benchkit.Size{Plans: o.plans - 1, Tasks: o.tasks, Groups: 5, Indicators: 4, UpdatesPerTask: o.updates}
	if sz.Plans == 0 {
		sz.Plans, sz.Tasks = 1, o.bigTasks // -plans 1: only the large one
	}
	env, err := benchkit.Setup(ctx, dsn, sz, log)
	if err != nil {
		return err
	}
	defer env.Close()
	big := env.Lib.Plans[0]
	if o.plans > 1 {
		lib, err := benchkit.Build(ctx, env.Store, benchkit.Size{Plans: 1, Tasks: o.bigTasks, Groups: 10, Indicators: 8,
			UpdatesPerTask: o.updates}, 1)
		if err != nil {
			return err
		}
		big = lib.Plans[0]
		env.Lib.Plans = append(env.Lib.Plans, big)
		env.Lib.Tasks[big] = lib.Tasks[big]
	}
	items := (o.plans-1)*o.tasks + o.bigTasks
	fmt.Printf("scale bench: %s, %d plans, %d tasks, %d updates, built in %s\n", env.Store.Dialect(), len(env.Lib.Plans),
		items, items*o.updates, time.Since(start).Round(time.Second))

	// Documents.
	docBytes, err := ingest(ctx, env, seeds, o)
	if err != nil {
		return err
	}
	if err := dbSize(ctx, env, docBytes); err != nil {
		return err
	}
	if o.only == "ingest" {
		return nil
	}
	if env.Store.Dialect() == "postgres" {
		// Fresh tables have no statistics until autovacuum comes by; a
		// library in use has them. Without, the planner guesses badly.
		if err := analyze(ctx, env.DSN); err != nil {
			return err
		}
	}
	// A login of its own per run: a kept schema (search_path=) has the
	// last run's.
	admin, err := benchkit.SignIn(ctx, env.Store, env.Server.URL, fmt.Sprintf("scale-admin-%d", time.Now().UnixNano()), store.RoleAdmin)
	if err != nil {
		return err
	}
	if o.docs > 0 {
		searchFigures(ctx, admin, o)
	}
	if o.only == "search" {
		return nil
	}
	reporter, err := reporterClient(ctx, env, admin, o.myPlans)
	if err != nil {
		return err
	}
	pageFigures(ctx, env, admin, reporter, o)
	if err := reportFigures(ctx, admin, big, o.bigTasks); err != nil {
		return err
	}
	fmt.Printf("\npeak RSS (this process: server, clients and ingest) %.0f MB; Go heap now %.0f MB\n",
		float64(peakRSS())/(1<<20), heapMB())
	return nil
}

// ingest writes the variants to a temporary directory, then adds it as
// `planwatch add DIR` does, timing only the adding. It returns the
// documents' bytes.
func ingest(ctx context.Context, env *benchkit.Env, seeds []seed, o options) (int64, error) {
	if o.docs == 0 {
		return 0, nil
	}
	dir := o.docsDir
	if dir == "" {
		tmp, err := os.MkdirTemp("", "planwatch-scale-docs-")
		if err != nil {
			return 0, err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	total, err := writeVariants(dir, seeds, 0, o.docs)
	if err != nil {
		return 0, err
	}
	lib := library.New(env.Store, library.Options{})
	defer profile(o, "ingest")()
	start := time.Now()
	last := start
	sum := lib.AddAll(ctx, []string{dir}, nil, func(done, n int, r library.Result) {
		if time.Since(last) > 30*time.Second {
			last = time.Now()
			el := time.Since(start)
			fmt.Fprintf(os.Stderr, "  ingest: %d of %d in %s (%.0f docs/s)\n", done, n, el.Round(time.Second), float64(done)/el.Seconds())
		}
	})
	took := time.Since(start)
	if sum.Stopped != nil {
		return 0, sum.Stopped
	}
	var counts []string
	for st, n := range sum.Counts {
		counts = append(counts, fmt.Sprintf("%s %d", st, n))
	}
	slices.Sort(counts)
	fmt.Printf("\ningest: %d documents, %.1f MB (%d seeds) in %.1f s on %d cores: %.0f docs/s, %.1f MB/s (%s)\n",
		o.docs, float64(total)/1e6, len(seeds), took.Seconds(), runtime.NumCPU(), float64(o.docs)/took.Seconds(),
		float64(total)/1e6/took.Seconds(), strings.Join(counts, ", "))
	for i, f := range sum.Failures {
		if i == 3 {
			break
		}
		fmt.Printf("  failed: %s: %v\n", f.Input, f.Err)
	}
	return total, nil
}

// libraryTables hold the documents (the rest is tracking, accounts and
// the audit log): the DB-size goal compares them with the documents' bytes.
var libraryTables = map[string]bool{"documents": true, "versions": true, "blobs": true, "tags": true,
	"document_tags": true, "search_heads": true, "search_chunks": true, "search_docs": true}

// dbSize prints the database's size, the library's part of it against the
// documents' bytes, and the largest tables with their indexes.
func dbSize(ctx context.Context, env *benchkit.Env, docBytes int64) error {
	type table struct {
		name  string
		bytes int64
	}
	var (
		total   int64
		tables  []table
		library int64
		query   string
		db      *sql.DB
		err     error
	)
	if env.Store.Dialect() == "postgres" {
		db, err = sql.Open("pgx", env.DSN)
		query = `SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c
 JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r'`
	} else {
		for _, suffix := range []string{"", "-wal"} {
			if fi, err := os.Stat(env.DSN + suffix); err == nil {
				total += fi.Size()
			}
		}
		// dbstat needs SQLITE_ENABLE_DBSTAT_VTAB, which modernc's build has.
		db, err = sql.Open("sqlite", "file:"+env.DSN+"?mode=ro&_pragma=busy_timeout(5000)")
		query = `SELECT coalesce(m.tbl_name, s.name), SUM(s.pgsize) FROM dbstat s
 LEFT JOIN sqlite_schema m ON m.name = s.name GROUP BY 1`
	}
	if err != nil {
		return err
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		return fmt.Errorf("table sizes: %w", err)
	}
	byTable := map[string]int64{}
	for rows.Next() {
		var t table
		if err := rows.Scan(&t.name, &t.bytes); err != nil {
			rows.Close()
			return err
		}
		// FTS5's shadow tables (search_fts_data, …) belong to the index.
		if strings.HasPrefix(t.name, "search_fts") {
			t.name = "search_fts"
		}
		byTable[t.name] += t.bytes
	}
	rows.Close()
	var sum int64
	for name, n := range byTable {
		tables = append(tables, table{name, n})
		sum += n
		if libraryTables[name] || name == "search_fts" {
			library += n
		}
	}
	if total == 0 {
		total = sum
	}
	ratio := 0.0
	if docBytes > 0 {
		ratio = float64(library) / float64(docBytes)
	}
	fmt.Printf("database: %.1f MB; the library's tables %.1f MB, %.2f× the documents' %.1f MB\n",
		float64(total)/1e6, float64(library)/1e6, ratio, float64(docBytes)/1e6)
	slices.SortFunc(tables, func(a, b table) int { return int(b.bytes - a.bytes) })
	for i, t := range tables {
		if i == 10 {
			break
		}
		fmt.Printf("  %-28s %9.1f MB (with its indexes)\n", t.name, float64(t.bytes)/1e6)
	}
	return nil
}

// analyze gathers PostgreSQL's statistics of the bench's schema.
func analyze(ctx context.Context, dsn string) error {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `ANALYZE`); err != nil {
		return fmt.Errorf("analyze: %w", err)
	}
	return nil
}

// queries are searched by kind; phrases are longer strings and two-term
// queries.
var queries = []struct {
	kind  string
	terms []string
}{
	{"search 1 char", []string{"港", "粮", "碳", "桥", "茶"}},
	{"search 2 chars", []string{"创新", "养老", "数字", "文旅", "粮食", "医保"}},
	{"search 4 chars", []string{"数字经济", "乡村振兴", "营商环境", "城市更新", "绿色低碳"}},
	{"search phrase", []string{"推动高质量发展", "加快建设现代化产业体系", "数字经济 营商环境", "扎实推进乡村全面振兴"}},
}

// searchFigures runs each kind of query o.searches times from a few
// clients and prints p50/p99.
func searchFigures(ctx context.Context, c *benchkit.Client, o options) {
	defer profile(o, "search")()
	rec := benchkit.NewRecorder()
	for _, q := range queries {
		// One round unmeasured: the first query of a kind reads cold pages.
		for _, t := range q.terms {
			c.Get(ctx, "/search?q="+url.QueryEscape(t))
		}
		var wg sync.WaitGroup
		var mu sync.Mutex
		next := 0
		for range o.searchClients {
			wg.Go(func() {
				for {
					mu.Lock()
					i := next
					next++
					mu.Unlock()
					if i >= o.searches {
						return
					}
					_, took, err := c.Get(ctx, "/search?q="+url.QueryEscape(q.terms[i%len(q.terms)]))
					rec.Add(q.kind, took, err)
				}
			})
		}
		wg.Wait()
	}
	fmt.Printf("\nsearch (/search, %d clients, %d per kind)\n", o.searchClients, o.searches)
	benchkit.Print(os.Stdout, rec.Take(0))
}

// reporterClient signs in a reporter of one unit on n plans (0: every
// plan), for /my.
func reporterClient(ctx context.Context, env *benchkit.Env, admin *benchkit.Client, n int) (*benchkit.Client, error) {
	scopes := []store.Scope{{Unit: "市科技局"}}
	if n > 0 {
		scopes = nil
		for _, p := range env.Lib.Plans[:min(n, len(env.Lib.Plans))] {
			scopes = append(scopes, store.Scope{PlanID: p, Unit: "市科技局"})
		}
	}
	u, err := env.Store.CreateUser(ctx, store.User{Login: "scale-reporter", Name: "市科技局报送员", Role: store.RoleReporter,
		PasswordHash: "!", Scopes: scopes})
	if err != nil {
		return nil, fmt.Errorf("reporter: %w", err)
	}
	sess, err := env.Store.CreateSession(ctx, u.ID, store.SessionAbsoluteTimeout, "bench", "127.0.0.1")
	if err != nil {
		return nil, fmt.Errorf("reporter: %w", err)
	}
	return &benchkit.Client{Base: admin.Base, HTTP: admin.HTTP, Session: sess}, nil
}

// pageFigures loads the plan page (random plans, as the admin) and /my
// (the reporter) with o.clients clients back to back.
func pageFigures(ctx context.Context, env *benchkit.Env, admin, reporter *benchkit.Client, o options) {
	defer profile(o, "pages")()
	rec := benchkit.NewRecorder()
	// Every plan once first, a few at a time: the first view computes and
	// caches the plan's report; the load below then measures views of
	// plans already looked at today, as in an office's working day.
	var wg sync.WaitGroup
	plans := make(chan string)
	for range 4 {
		wg.Go(func() {
			for p := range plans {
				_, took, err := admin.Get(ctx, "/plans/"+p)
				rec.Add("plan page, first", took, err)
			}
		})
	}
	for _, p := range env.Lib.Plans {
		plans <- p
	}
	close(plans)
	wg.Wait()
	for _, r := range []struct {
		kind string
		c    *benchkit.Client
		path func(*rand.Rand) string
	}{
		{"plan page", admin, func(r *rand.Rand) string { return "/plans/" + env.Lib.Plans[r.IntN(len(env.Lib.Plans))] }},
		{"/my", reporter, func(*rand.Rand) string { return "/my" }},
	} {
		load(ctx, r.c, r.path, o.clients, o.warmup, nil)
		load(ctx, r.c, r.path, o.clients, o.duration, func(d time.Duration, err error) { rec.Add(r.kind, d, err) })
	}
	body, _, _ := reporter.Get(ctx, "/my")
	fmt.Printf("\npages (first view of every plan by 4 clients, then %d clients back to back, %s each after %s warm-up; /my of a unit in %d plans (0: all) lists %d tasks, %d kB)\n",
		o.clients, o.duration, o.warmup, o.myPlans, strings.Count(string(body), `action="/tasks/`), len(body)/1000)
	benchkit.Print(os.Stdout, rec.Take(o.duration))
}

// load runs n clients requesting path(…) for d and reports each request
// to rec (nil: not measured).
func load(ctx context.Context, c *benchkit.Client, path func(*rand.Rand) string, n int, d time.Duration, rec func(time.Duration, error)) {
	deadline := time.Now().Add(d)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(i), uint64(time.Now().UnixNano())))
			for time.Now().Before(deadline) {
				_, took, err := c.Get(ctx, path(r))
				if rec != nil {
					rec(took, err)
				}
			}
		})
	}
	wg.Wait()
}

// reportFigures times the large plan's report, three times per format
// (the first on a cold cache).
func reportFigures(ctx context.Context, c *benchkit.Client, plan string, tasks int) error {
	fmt.Printf("\nreport of the largest plan (%d tasks)\n", tasks)
	for _, format := range []string{"docx", "html", "xlsx"} {
		var times []string
		size := 0
		for range 3 {
			body, took, err := c.Get(ctx, "/plans/"+plan+"/report?format="+format)
			if err != nil {
				return fmt.Errorf("report %s: %w", format, err)
			}
			size = len(body)
			times = append(times, fmt.Sprintf("%.2f s", took.Seconds()))
		}
		fmt.Printf("  %-5s %s (%.0f kB)\n", format, strings.Join(times, ", "), float64(size)/1e3)
	}
	return nil
}

// profile starts the CPU profile -cpuprofile asks of phase, if any, and
// returns the function stopping it.
func profile(o options, phase string) func() {
	want, file, ok := strings.Cut(o.cpuProfile, ":")
	if !ok || want != phase {
		return func() {}
	}
	f, err := os.Create(file)
	if err != nil {
		fmt.Fprintln(os.Stderr, "scale: profile:", err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		fmt.Fprintln(os.Stderr, "scale: profile:", err)
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}

// peakRSS is the process's peak resident set (VmHWM), 0 where /proc lacks it.
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			var kb int64
			fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), &kb)
			return kb << 10
		}
	}
	return 0
}

func heapMB() float64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return float64(ms.HeapInuse) / (1 << 20)
}
