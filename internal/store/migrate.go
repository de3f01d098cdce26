package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
)

// Migrations are numbered files in migrations/: NNNN_name.sql is shared by
// both databases; NNNN_name.sqlite.sql and NNNN_name.postgres.sql are the
// two halves of a step whose DDL must differ (binary columns, the search
// index). Each is applied once, in its own transaction, and recorded in
// schema_migrations. Numbers need not be consecutive (parts of the schema
// worked on side by side take numbers of their own, 0004 and 0010 say):
// steps run in increasing order, and a step added later with a lower
// number than one already applied is still applied.
//
//go:embed migrations/*.sql
var migrationFiles embed.FS

// ErrSchemaTooNew is returned by Open for a database migrated by a newer
// planwatch than this one.
var ErrSchemaTooNew = errors.New("database schema is newer than this program")

type migration struct {
	version int
	name    string
	sql     string
}

// migrations returns the steps for a dialect in order.
func migrations(dialect string) ([]migration, error) {
	return parseMigrations(migrationFiles, dialect)
}

// parseMigrations reads the steps for a dialect from the migrations
// directory of fsys, in increasing order of their numbers. Since numbers
// may leave gaps, it checks that a per-dialect step has both halves.
func parseMigrations(fsys fs.FS, dialect string) ([]migration, error) {
	entries, err := fs.ReadDir(fsys, "migrations")
	if err != nil {
		return nil, fmt.Errorf("migrations: %w", err)
	}
	byVersion := map[int]migration{}
	halves := map[int]map[string]string{} // number → dialect suffix → file, over both dialects
	for _, e := range entries {
		name := strings.TrimSuffix(e.Name(), ".sql")
		base, suffix, _ := strings.Cut(name, ".")
		if suffix != "" && suffix != "sqlite" && suffix != "postgres" {
			return nil, fmt.Errorf("migrations: %s: unknown dialect %q", e.Name(), suffix)
		}
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migrations: %s: want NNNN_name.sql", e.Name())
		}
		if halves[v] == nil {
			halves[v] = map[string]string{}
		}
		halves[v][suffix] = e.Name()
		if suffix != "" && suffix != dialect {
			continue
		}
		if prev, dup := byVersion[v]; dup {
			return nil, fmt.Errorf("migrations: %s and %s share number %d", prev.name, e.Name(), v)
		}
		body, err := fs.ReadFile(fsys, "migrations/"+e.Name())
		if err != nil {
			return nil, fmt.Errorf("migrations: %w", err)
		}
		byVersion[v] = migration{version: v, name: e.Name(), sql: string(body)}
	}
	for v, h := range halves {
		_, sqlite := h["sqlite"]
		_, postgres := h["postgres"]
		if sqlite != postgres {
			return nil, fmt.Errorf("migrations: step %d has only one dialect's half (%v)", v, h)
		}
	}
	out := make([]migration, 0, len(byVersion))
	for _, m := range byVersion {
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out, nil
}

// goSteps are the parts of steps written in Go, run in the step's own
// transaction after its SQL: rows the SQL cannot make portably (IDs made by
// the application, names resolved as the application resolves them).
var goSteps = map[int]func(ctx context.Context, s *Store, tx *sql.Tx) error{
	100: seedUnitsFromPlans,
}

// migrate applies the steps the database lacks, up to step upTo (0: every
// step), refusing a database that has steps this binary does not know.
func (s *Store) migrate(ctx context.Context, upTo int) error {
	steps, err := migrations(s.d.name())
	if err != nil {
		return err
	}
	if _, err := s.w.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
 version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	applied := map[int]bool{}
	latest := 0
	rows, err := s.w.QueryContext(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			rows.Close()
			return fmt.Errorf("migrate: %w", err)
		}
		applied[v] = true
		latest = max(latest, v)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	known := map[int]bool{}
	for _, m := range steps {
		known[m.version] = true
	}
	// With gaps in the numbering, a step this program lacks may sit below
	// its latest one: any unknown applied step means a newer program.
	var unknown []int
	for v := range applied {
		if !known[v] {
			unknown = append(unknown, v)
		}
	}
	if len(unknown) > 0 {
		sort.Ints(unknown)
		return fmt.Errorf("store: %w (schema version %d; this planwatch does not know steps %v): upgrade planwatch",
			ErrSchemaTooNew, latest, unknown)
	}
	for _, m := range steps {
		if applied[m.version] {
			continue
		}
		if upTo > 0 && m.version > upTo {
			break
		}
		err := s.applyMigration(ctx, m)
		if err != nil {
			return fmt.Errorf("migrate: %s: %w", m.name, err)
		}
	}
	return nil
}

// applyMigration applies one step. Its schema_migrations row is written first:
// a second process migrating at the same moment waits on that row and
// then fails on its key, and the step counts as done by the other.
func (s *Store) applyMigration(ctx context.Context, m migration) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // after Commit this is a no-op
	if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`),
		m.version, m.name, now()); err != nil {
		if s.d.isUniqueViolation(err) {
			return nil
		}
		return err
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return err
	}
	if step := goSteps[m.version]; step != nil {
		if err := step(ctx, s, tx); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	s.log.Info("store: migrated", "dialect", s.d.name(), "step", m.name)
	return nil
}
