package web

import (
	"os"
	"testing"

	"planwatch/internal/web/auth"
)

// TestMain makes password hashing cheap: the sign-in tests check dozens
// of passwords, each a second of production-cost argon2id on a small
// machine; the costs themselves are auth's tests' subject.
func TestMain(m *testing.M) {
	auth.DefaultParams = auth.Params{Time: 1, Memory: 1024, Threads: 1, SaltLen: 16, KeyLen: 32}
	os.Exit(m.Run())
}
