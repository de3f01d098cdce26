package cli

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestPlanPublish publishes a plan from the command line, with and
// without names, withdraws it, and finds each change in the audit log
// under the operating-system account.
func TestPlanPublish(t *testing.T) {
	db := filepath.Join(t.TempDir(), "planwatch.db")
	t.Setenv("USER", "ops")
	if code, out, errOut := run(t, "", "add", "--db", db, writeFile(t, "plan.txt", samplePlan)); code != exitOK {
		t.Fatalf("add = %d\n%s%s", code, out, errOut)
	}
	_, out, _ := run(t, "", "list", "--db", db)
	docID := regexp.MustCompile(`^[0-9a-z]{16}`).FindString(out)
	_, out, _ = run(t, "", "plan", "create", "--db", db, "--from", docID)
	m := regexp.MustCompile(`plan ([0-9a-z]{16})`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("plan create:\n%s", out)
	}
	plan := m[1]
	confirmAll(t, db, plan)
	steps := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"publish", plan}, exitOK, "published at /public/plans/" + plan + ", names hidden"},
		{[]string{"publish", plan, "--names"}, exitOK, "with reporters' names"},
		{[]string{"show", plan}, exitOK, "公开：/public/plans/" + plan},
		{[]string{"unpublish", plan}, exitOK, "withdrawn"},
		{[]string{"unpublish", plan, "--names"}, exitUsage, ""},
		{[]string{"publish"}, exitUsage, ""},
		{[]string{"publish", "zzzzzzzz"}, exitFail, ""},
	}
	for _, s := range steps {
		code, out, errOut := run(t, "", append([]string{"plan", s.args[0], "--db", db}, s.args[1:]...)...)
		if code != s.code || !strings.Contains(out, s.want) {
			t.Errorf("plan %v = %d, want %d and %q\n%s%s", s.args, code, s.code, s.want, out, errOut)
		}
	}
	_, out, _ = run(t, "", "audit", "export", "--db", db)
	if strings.Count(out, "plan.publish") != 2 || strings.Count(out, "plan.withdraw") != 1 || !strings.Contains(out, "cli:ops") {
		t.Errorf("audit export lacks the publications:\n%s", out)
	}
}
