//go:build !unix

package store

// flockFile has no lock to take where flock(2) does not exist: Restore
// cannot tell whether a server has the database open there.
func flockFile(path string, exclusive bool) (func(), error) { return func() {}, nil }

// lockHolders cannot name anyone without /proc/locks.
func lockHolders(path string) string { return "another process" }
