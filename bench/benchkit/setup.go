package benchkit

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the schema of a fresh PostgreSQL run

	"planwatch/internal/store"
	"planwatch/internal/web"
)

// Env is a store with a library in it and a web server over it on
// loopback.
type Env struct {
	Store   *store.Store
	Lib     *Library
	Server  *httptest.Server
	Web     *web.Server
	DSN     string // the store's: a SQLite file, or a DSN naming the schema
	cleanup []func()
}

// Setup opens the store named by dsn ("" for a new SQLite file in a
// temporary directory; a postgres:// DSN gets a schema of its own, dropped
// by Close, unless it names one with search_path=), builds a library of size sz unless the store already holds
// that many plans (then it reuses them), and starts web.New over it on
// an httptest server. log says what it does.
func Setup(ctx context.Context, dsn string, sz Size, log *slog.Logger) (*Env, error) {
	e := &Env{}
	workers := 1
	switch {
	case dsn == "":
		dir, err := os.MkdirTemp("", "planwatch-bench-")
		if err != nil {
			return nil, err
		}
		e.cleanup = append(e.cleanup, func() { os.RemoveAll(dir) })
		dsn = filepath.Join(dir, "bench.db")
	case strings.Contains(dsn, "search_path="):
		workers = 4 // a schema of the caller's: kept, its library reused on the next run
	case strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://"):
		fresh, drop, err := freshSchema(dsn)
		if err != nil {
			e.Close()
			return nil, err
		}
		e.cleanup = append(e.cleanup, drop)
		dsn, workers = fresh, 4
	}
	st, err := store.Open(ctx, dsn, nil)
	if err != nil {
		e.Close()
		return nil, err
	}
	e.Store, e.DSN = st, dsn
	e.cleanup = append(e.cleanup, func() { st.Close() })
	if e.Lib, err = existing(ctx, st, sz.Plans); err != nil {
		e.Close()
		return nil, err
	}
	if e.Lib == nil {
		start := time.Now()
		if e.Lib, err = Build(ctx, st, sz, workers); err != nil {
			e.Close()
			return nil, err
		}
		log.Info("library built", "plans", sz.Plans, "tasks", sz.Plans*sz.Tasks, "took", time.Since(start).Round(time.Millisecond))
	} else {
		log.Info("library reused", "plans", len(e.Lib.Plans))
	}
	if e.Web, err = web.New(ctx, st, nil, web.Options{Version: "bench"}); err != nil {
		e.Close()
		return nil, err
	}
	e.Server = httptest.NewServer(e.Web)
	e.cleanup = append(e.cleanup, e.Server.Close)
	return e, nil
}

// Close stops the server, closes the store and removes what Setup made.
func (e *Env) Close() {
	for i := len(e.cleanup) - 1; i >= 0; i-- {
		e.cleanup[i]()
	}
	e.cleanup = nil
}

// existing returns the library already in st when it has at least n
// plans, nil when it has none, and an error when it has some but fewer.
func existing(ctx context.Context, st *store.Store, n int) (*Library, error) {
	plans, err := st.Plans(ctx, store.PlanFilter{})
	if err != nil || len(plans) == 0 {
		return nil, err
	}
	if len(plans) < n {
		return nil, fmt.Errorf("the database holds %d plans, fewer than the %d asked for: use an empty one", len(plans), n)
	}
	lib := &Library{Tasks: map[string][]string{}}
	for _, p := range plans[:n] {
		items, err := st.Items(ctx, p.ID, store.ItemFilter{Kind: store.KindTask})
		if err != nil {
			return nil, err
		}
		lib.Plans = append(lib.Plans, p.ID)
		for _, it := range items {
			lib.Tasks[p.ID] = append(lib.Tasks[p.ID], it.ID)
		}
	}
	return lib, nil
}

// freshSchema makes a schema of its own in the database of dsn and
// returns a DSN using it, and a function dropping it.
func freshSchema(dsn string) (string, func(), error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return "", nil, err
	}
	schema := "bench_" + strings.ToLower(store.NewID())
	if _, err := db.Exec(`CREATE SCHEMA ` + schema); err != nil {
		db.Close()
		return "", nil, fmt.Errorf("create schema: %w", err)
	}
	drop := func() {
		db.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
		db.Close()
	}
	u, err := url.Parse(dsn)
	if err != nil {
		drop()
		return "", nil, err
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String(), drop, nil
}

// Start is what both benchmarks begin with: the library of plans×tasks
// served on loopback (Setup, logging to stderr) and an admin signed in as
// a fresh login starting with prefix. Close the Env when done.
func Start(ctx context.Context, dsn string, plans, tasks int, prefix string) (*Env, *Client, error) {
	sz := DefaultSize
	sz.Plans, sz.Tasks = plans, tasks
	env, err := Setup(ctx, dsn, sz, slog.New(slog.NewTextHandler(os.Stderr, nil)))
	if err != nil {
		return nil, nil, err
	}
	c, err := SignIn(ctx, env.Store, env.Server.URL, prefix+strings.ToLower(store.NewID()), store.RoleAdmin)
	if err != nil {
		env.Close()
		return nil, nil, err
	}
	return env, c, nil
}
