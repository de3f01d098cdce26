package store

import (
	"context"
	"testing"
)

// RenameTable renames a table, for tests that need a write to fail
// half-way through a transaction (package store_test).
func RenameTable(t testing.TB, s *Store, from, to string) {
	t.Helper()
	if _, err := s.w.ExecContext(context.Background(), `ALTER TABLE `+from+` RENAME TO `+to); err != nil {
		t.Fatal(err)
	}
}
