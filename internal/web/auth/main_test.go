package auth

import (
	"os"
	"testing"
)

// productionParams are the real hashing costs; the tests hash with cheap
// ones (a sign-in test checks dozens of passwords, each a second of
// argon2id on a small machine) except where the costs are the subject.
var productionParams = DefaultParams

func TestMain(m *testing.M) {
	DefaultParams = Params{Time: 1, Memory: 1024, Threads: 1, SaltLen: 16, KeyLen: 32}
	os.Exit(m.Run())
}
