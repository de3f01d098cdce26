package cli

import (
	"regexp"
	"testing"
)

// confirmAll confirms every proposal of a plan made by `plan create`, as
// an office that takes the extraction as it is would: the tests that
// start from an extracted plan then track all its tasks.
func confirmAll(t *testing.T, db, plan string) {
	t.Helper()
	if code, out, errOut := run(t, "", "proposal", "confirm", "--db", db, plan, "--all"); code != exitOK {
		t.Fatalf("proposal confirm --all = %d\n%s%s", code, out, errOut)
	}
}

// sampleCreated adds the embedded sample plan to the library at db and
// makes a plan of it: the document's ID, the plan's, and what plan create
// printed. Its items are still proposals.
func sampleCreated(t *testing.T, db string) (doc, plan, out string) {
	t.Helper()
	if code, out, errOut := run(t, "", "add", "--db", db, writeFile(t, "plan.txt", samplePlan)); code != exitOK {
		t.Fatalf("add = %d\n%s%s", code, out, errOut)
	}
	_, list, _ := run(t, "", "list", "--db", db)
	doc = regexp.MustCompile(`^[0-9a-z]{16}`).FindString(list)
	_, out, _ = run(t, "", "plan", "create", "--db", db, "--from", doc)
	m := regexp.MustCompile(`plan ([0-9a-z]{16})`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("plan create:\n%s", out)
	}
	return doc, m[1], out
}
