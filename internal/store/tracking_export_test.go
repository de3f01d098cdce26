package store

import "testing"

// CountRows returns the rows of a table, for the tracking tests (package
// store_test, which uses storetest and so cannot be package store).
func CountRows(t testing.TB, s *Store, table string) int {
	t.Helper()
	return count(t, s, table)
}
