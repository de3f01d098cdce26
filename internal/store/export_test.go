package store

import (
	"context"
	"database/sql"
	"log/slog"
	"testing"
)

// What the external tests (package store_test) need of the package's
// inside: the upgrade test builds a database as an earlier release left it.

// OpenAt opens dsn migrated only up to step upTo.
func OpenAt(ctx context.Context, dsn string, upTo int) (*Store, error) {
	return openTo(ctx, dsn, slog.New(slog.DiscardHandler), upTo)
}

// FreshDSN is freshDSN: an empty database for one test on a back end.
var FreshDSN = freshDSN

// Backends lists the back ends this run tests.
var Backends = backends

// CopyTables are the tables holding an installation's data, parents first.
var CopyTables = copyTables

// RowsParentsFirst orders item rows so each follows its parent.
var RowsParentsFirst = rowsParentsFirst

// LatestMigration returns the number of the newest step this binary has.
func LatestMigration(tb testing.TB, dialect string) int {
	tb.Helper()
	steps, err := migrations(dialect)
	if err != nil {
		tb.Fatal(err)
	}
	return steps[len(steps)-1].version
}

// DB returns the store's write pool and its placeholder rebinding.
func DB(s *Store) (*sql.DB, func(string) string) { return s.w, s.q }

// Reindex rebuilds the search index from the documents' text.
func Reindex(ctx context.Context, s *Store) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return reindex(ctx, s, tx) })
}

// LockForRestore takes the lock Restore holds while it replaces a database.
var LockForRestore = lockForRestore
