package store

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"testing"
)

// pgRunDSN is the PostgreSQL database made for this test run ("" when
// PLANWATCH_TEST_POSTGRES is unset); each test gets a fresh schema in it.
var pgRunDSN string

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	admin := os.Getenv("PLANWATCH_TEST_POSTGRES")
	if admin == "" {
		return m.Run()
	}
	dsn, drop, err := createRunDatabase(admin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "store tests: PLANWATCH_TEST_POSTGRES:", err)
		return 1
	}
	defer drop()
	pgRunDSN = dsn
	return m.Run()
}

// createRunDatabase creates a uniquely named database next to the one in
// admin and returns its DSN and a function dropping it.
func createRunDatabase(admin string) (string, func(), error) {
	db, err := sql.Open("pgx", admin)
	if err != nil {
		return "", nil, err
	}
	name := "planwatch_test_" + NewID()
	if _, err := db.Exec(`CREATE DATABASE ` + name); err != nil {
		db.Close()
		return "", nil, fmt.Errorf("create database: %w", err)
	}
	u, err := url.Parse(admin)
	if err != nil {
		db.Close()
		return "", nil, err
	}
	u.Path = "/" + name
	return u.String(), func() {
		if _, err := db.Exec(`DROP DATABASE ` + name); err != nil {
			fmt.Fprintln(os.Stderr, "store tests: drop database:", err)
		}
		db.Close()
	}, nil
}

// backends lists the back ends to test: SQLite always, PostgreSQL when
// PLANWATCH_TEST_POSTGRES is set.
func backends() []string {
	if pgRunDSN != "" {
		return []string{"sqlite", "postgres"}
	}
	return []string{"sqlite"}
}

// freshDSN returns the DSN of an empty database for one test: a file in a
// temporary directory, or a new schema in the run's PostgreSQL database
// (dropped when the test ends).
func freshDSN(tb testing.TB, backend string) string {
	tb.Helper()
	if backend == "sqlite" {
		return filepath.Join(tb.TempDir(), "sub", "planwatch.db")
	}
	schema := "t_" + NewID()
	db, err := sql.Open("pgx", pgRunDSN)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := db.Exec(`CREATE SCHEMA ` + schema); err != nil {
		db.Close()
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if _, err := db.Exec(`DROP SCHEMA ` + schema + ` CASCADE`); err != nil {
			tb.Errorf("drop schema: %v", err)
		}
		db.Close()
	})
	u, err := url.Parse(pgRunDSN)
	if err != nil {
		tb.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// openTest opens a store on dsn, closed when the test ends.
func openTest(tb testing.TB, dsn string) *Store {
	tb.Helper()
	s, err := Open(context.Background(), dsn, slog.New(slog.DiscardHandler))
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// forEachBackendDSN runs fn as a subtest per back end with a fresh,
// unopened database.
func forEachBackendDSN(t *testing.T, fn func(t *testing.T, dsn string)) {
	t.Helper()
	for _, b := range backends() {
		t.Run(b, func(t *testing.T) { fn(t, freshDSN(t, b)) })
	}
}

// forEachBackend runs fn as a subtest per back end with a fresh store.
func forEachBackend(t *testing.T, fn func(t *testing.T, s *Store)) {
	t.Helper()
	forEachBackendDSN(t, func(t *testing.T, dsn string) { fn(t, openTest(t, dsn)) })
}

// newSnap builds a snapshot of a document with this title and text.
func newSnap(title, text string) *Snapshot {
	return &Snapshot{
		Document: Document{Source: "https://example.gov.cn/" + title, Title: title, Kind: "行动计划",
			RegionCode: "330400", RegionName: "嘉兴市", Issued: "2021-03-16", Year: 2021},
		Version: Version{Format: "text", Charset: "utf-8", ContentType: "text/plain", Text: text, Original: text,
			Extraction: []byte(`{"title":"` + title + `"}`)},
		Bytes: []byte(title + "\n" + text),
	}
}

// save stores snap or fails the test.
func save(t testing.TB, s *Store, snap *Snapshot) (string, string) {
	t.Helper()
	d, v, err := s.SaveSnapshot(context.Background(), snap)
	if err != nil {
		t.Fatalf("SaveSnapshot: %v", err)
	}
	return d, v
}

// count returns the rows of a table.
func count(t testing.TB, s *Store, table string) int {
	t.Helper()
	var n int
	if err := s.r.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
