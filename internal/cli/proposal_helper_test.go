package cli

import "testing"

// confirmAll confirms every proposal of a plan made by `plan create`, as
// an office that takes the extraction as it is would: the tests that
// start from an extracted plan then track all its tasks.
func confirmAll(t *testing.T, db, plan string) {
	t.Helper()
	if code, out, errOut := run(t, "", "proposal", "confirm", "--db", db, plan, "--all"); code != exitOK {
		t.Fatalf("proposal confirm --all = %d\n%s%s", code, out, errOut)
	}
}
