package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestPlanSetRhythm: `plan set --rhythm` stores the plan's reporting
// rhythm with an audit entry, `plan show` and `status` use it, and
// `status --rhythm` overrides it for one look.
func TestPlanSetRhythm(t *testing.T) {
	db := filepath.Join(t.TempDir(), "planwatch.db")
	_, plan, out := sampleCreated(t, db)
	confirmAll(t, db, plan)

	steps := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"plan", "show", "--db", db, plan}, exitOK, "报送：月报（次月5日前）"},
		{[]string{"status", "--db", db, plan, "--as-of", "2024-05-15"}, exitOK, "未按期报送（2024-04，截止 2024-05-05）"},
		{[]string{"plan", "set", "--db", db, "--rhythm", "季报", plan}, exitOK, "reporting rhythm quarterly:20 (was monthly:5)"},
		{[]string{"plan", "show", "--db", db, plan}, exitOK, "报送：季报（下季度首月20日前）"},
		{[]string{"status", "--db", db, plan, "--as-of", "2024-05-15"}, exitOK, "未按期报送（2024-Q1，截止 2024-04-20）"},
		{[]string{"status", "--db", db, plan, "--as-of", "2024-05-15", "--rhythm", "monthly"}, exitOK, "未按期报送（2024-04，截止 2024-05-05）"},
		{[]string{"plan", "set", "--db", db, "--rhythm", "monthly:10", plan}, exitOK, "monthly:10 (was quarterly:20)"},
		{[]string{"plan", "set", "--db", db, "--rhythm", "weekly", plan}, exitUsage, ""},
		{[]string{"plan", "set", "--db", db, "--rhythm", "monthly:31", plan}, exitUsage, ""},
		{[]string{"plan", "set", "--db", db, plan}, exitUsage, ""},
		{[]string{"plan", "set", "--db", db, "--rhythm", "monthly", "zzzzzzzzzzzz"}, exitFail, ""},
		{[]string{"plan", "show", "--db", db, plan}, exitOK, "报送：月报（次月10日前）"},
	}
	for _, s := range steps {
		code, out, errOut := run(t, "", s.args...)
		if code != s.code || !strings.Contains(out, s.want) {
			t.Errorf("%v = %d, want %d and %q\n%s%s", s.args, code, s.code, s.want, out, errOut)
		}
		if code == exitUsage && strings.Count(errOut, "\n") > 3 {
			t.Errorf("%v: a usage error should be short:\n%s", s.args, errOut)
		}
	}
	_, out, _ = run(t, "", "audit", "export", "--db", db, "--action", "plan.settings")
	if n := strings.Count(out, "plan.settings"); n != 2 || !strings.Contains(out, "quarterly:20") || !strings.Contains(out, "cli:") {
		t.Errorf("audit export has %d plan.settings entries:\n%s", n, out)
	}
}
