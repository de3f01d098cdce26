package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Store is the plan library on SQLite or PostgreSQL. It is safe for
// concurrent use.
type Store struct {
	d   dialect
	w   *sql.DB // writes: one connection on SQLite, so writers queue here rather than on busy locks
	r   *sql.DB // reads: a pool (the same *sql.DB as w on PostgreSQL)
	log *slog.Logger
	dsn string // as given to Open: backups of PostgreSQL need it for pg_dump
	// unlock releases the process's shared lock on the database (lock.go),
	// which keeps Restore away while the store is open; on PostgreSQL
	// lockConn is the session holding it (KeepLock replaces a lost one).
	unlock   func()
	lockMu   sync.Mutex
	lockConn *sql.Conn
	// settleWarned: settling the search index failed once (say, a role
	// that does not own the index): said once, not at every save.
	settleWarned atomic.Bool
}

// dialect holds what differs between the databases; everything else is
// shared SQL written with ? placeholders.
type dialect interface {
	name() string
	// rebind turns ? placeholders into the dialect's own.
	rebind(query string) string
	// isUniqueViolation reports whether err is a UNIQUE or PRIMARY KEY violation.
	isUniqueViolation(err error) bool
	// isDiskFull reports whether err says the database's disk is full.
	isDiskFull(err error) bool
	// indexDocument replaces a document's entry in the search index.
	indexDocument(ctx context.Context, tx *sql.Tx, docID, title, text string) error
	// indexAtCommit reports whether a batch of snapshots indexes its
	// documents at Commit rather than each under its savepoint.
	indexAtCommit() bool
	// settleIndex finishes, after a commit, what indexing left pending
	// (best effort: an error leaves it to the database's own upkeep).
	settleIndex(ctx context.Context, db *sql.DB) error
	// unindexDocument removes a document's entry from the search index,
	// before the document is deleted.
	unindexDocument(ctx context.Context, tx *sql.Tx, docID string) error
	// contains returns a condition true when the text column col holds
	// the string given as its one ? argument.
	contains(col string) string
	// searchCandidates returns the documents the index matches for every
	// term (each a Grams string) and the filter, title matches first and
	// then newest first, from the from-th up to limit of them, with how
	// many the index matches. exact reports that the index matched the
	// terms as phrases; if not, it matched their tokens in any order, and
	// candidates must be checked against the text.
	searchCandidates(ctx context.Context, db *sql.DB, terms []string, f filter, from, limit int) (cands []candidate, total int, exact bool, err error)
}

// Open opens (creating if needed) the store named by dsn and applies any
// pending migrations. "postgres://…" and "postgresql://…" select
// PostgreSQL; "sqlite:PATH", "file:PATH" or a plain PATH select SQLite, whose
// parent directory is created. It refuses a database whose schema is newer
// than this binary knows (ErrSchemaTooNew).
func Open(ctx context.Context, dsn string, log *slog.Logger) (*Store, error) {
	return openTo(ctx, dsn, log, 0)
}

// openTo is Open migrating only up to step upTo (0: all of them): upgrade
// tests use it to build a database as an earlier release left it.
func openTo(ctx context.Context, dsn string, log *slog.Logger, upTo int) (*Store, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	var (
		s   *Store
		err error
	)
	if isPostgres(dsn) {
		s, err = openPostgres(dsn, log)
	} else {
		s, err = openSQLiteDSN(dsn, log)
	}
	if err != nil {
		return nil, err
	}
	s.dsn = dsn
	if err := s.r.PingContext(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("store: connect to %s: %w", s.d.name(), err)
	}
	if err := s.lockStore(ctx, dsn); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.migrate(ctx, upTo); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// openSQLiteDSN strips the optional scheme, creates the parent directory
// and opens the writer and reader pools.
func openSQLiteDSN(dsn string, log *slog.Logger) (*Store, error) {
	path, params, _ := strings.Cut(dsn, "?")
	path = strings.TrimPrefix(path, "sqlite:")
	path = strings.TrimPrefix(path, "file:")
	path = strings.TrimPrefix(path, "//")
	if path == "" || path == ":memory:" {
		// The writer and the readers are separate pools; a memory database
		// would be a different one in each.
		return nil, errors.New("store: sqlite needs a file path, not an in-memory database")
	}
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("store: create database directory: %w", err)
		}
	}
	return openSQLite(path, params, log)
}

// Close closes the database connections and releases the lock that
// keeps a restore away: on SQLite after the connections (a restore must
// not replace the file under them), on PostgreSQL before (the lock is a
// session's, and needs it open to be let go).
func (s *Store) Close() error {
	if s.unlock != nil && s.d.name() == "postgres" {
		s.unlock()
		s.unlock = nil
	}
	err := s.w.Close()
	if s.r != s.w {
		err = errors.Join(err, s.r.Close())
	}
	if s.unlock != nil {
		s.unlock()
		s.unlock = nil
	}
	return err
}

// IsDiskFull reports whether err came from a database whose disk is full:
// no later write can succeed either, so a long job should stop there
// (what it committed is whole) and be run again once there is room.
func IsDiskFull(err error) bool {
	return sqliteDialect{}.isDiskFull(err) || postgresDialect{}.isDiskFull(err)
}

// Dialect returns "sqlite" or "postgres".
func (s *Store) Dialect() string { return s.d.name() }

// q rebinds a shared query for this store's dialect.
func (s *Store) q(query string) string { return s.d.rebind(query) }

// inTx runs fn in a write transaction, committing when it returns nil and
// rolling back otherwise.
func (s *Store) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// placeholders returns "?, ?, …" for n values.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// now is the store's clock in the stored representation: Unix milliseconds.
func now() int64 { return time.Now().UnixMilli() }

// fromMillis turns a stored time back into UTC.
func fromMillis(ms int64) time.Time {
	if ms == 0 {
		return time.Time{}
	}
	return time.UnixMilli(ms).UTC()
}

// toMillis stores a time; the zero time is 0.
func toMillis(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// queryAll runs a read query and scans every row with scan: the one loop
// the entity files would otherwise each repeat.
func queryAll[T any](ctx context.Context, s *Store, scan func(scanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := s.r.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// PoolStats returns the connection pool figures of the write and read
// pools (the same pool twice on PostgreSQL), for the server's metrics.
func (s *Store) PoolStats() (write, read sql.DBStats) {
	return s.w.Stats(), s.r.Stats()
}
