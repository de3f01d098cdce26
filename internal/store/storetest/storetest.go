// Package storetest runs tests of code built on the store against every
// back end: SQLite always (a file in a temporary directory) and PostgreSQL
// when PLANWATCH_TEST_POSTGRES holds a DSN (scripts/test.sh starts a
// server and sets it). Each test gets an empty store of its own.
package storetest

import (
	"context"
	"database/sql"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"planwatch/internal/store"
)

// ForEach runs fn as a subtest per back end ("sqlite", "postgres"), each
// with a fresh store that is closed (and, on PostgreSQL, dropped) when
// the subtest ends.
func ForEach(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) {
		fn(t, open(t, filepath.Join(t.TempDir(), "planwatch.db")))
	})
	if admin := os.Getenv("PLANWATCH_TEST_POSTGRES"); admin != "" {
		t.Run("postgres", func(t *testing.T) {
			fn(t, open(t, freshSchema(t, admin)))
		})
	}
}

// Backends lists the back ends available to this run.
func Backends() []string {
	if os.Getenv("PLANWATCH_TEST_POSTGRES") != "" {
		return []string{"sqlite", "postgres"}
	}
	return []string{"sqlite"}
}

// Fresh opens an empty store on a back end, closed (and dropped) when the
// test or benchmark ends: for benchmarks that need a new store per run.
func Fresh(tb testing.TB, backend string) *store.Store {
	tb.Helper()
	return open(tb, FreshDSN(tb, backend))
}

// FreshDSN returns the DSN of an empty database on a back end, for tests
// that open it more than once or hand it to a command (`--db`): a SQLite
// file in a temporary directory, or a PostgreSQL schema of its own
// (dropped when the test ends; close every store on it before then).
func FreshDSN(tb testing.TB, backend string) string {
	tb.Helper()
	if backend == "postgres" {
		return freshSchema(tb, os.Getenv("PLANWATCH_TEST_POSTGRES"))
	}
	return filepath.Join(tb.TempDir(), "planwatch.db")
}

func open(t testing.TB, dsn string) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), dsn, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatalf("store.Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// freshSchema creates a uniquely named schema in the database of admin
// and returns a DSN whose search_path is that schema; it is dropped when
// the test ends (after the store is closed: cleanups run last first).
func freshSchema(t testing.TB, admin string) string {
	t.Helper()
	db, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatal(err)
	}
	schema := "t_" + store.NewID()
	if _, err := db.Exec(`CREATE SCHEMA ` + schema); err != nil {
		db.Close()
		t.Fatalf("PLANWATCH_TEST_POSTGRES: %v", err)
	}
	t.Cleanup(func() {
		if _, err := db.Exec(`DROP SCHEMA ` + schema + ` CASCADE`); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
		db.Close()
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
