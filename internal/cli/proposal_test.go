package cli

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestProposalCommand reviews the sample plan from the command line: the
// proposals listed with their source sentences, usage errors refused,
// a proposal not reported on, status counting only what was confirmed.
func TestProposalCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "planwatch.db")
	_, plan, out := sampleCreated(t, db)
	if !strings.Contains(out, "待确认：39 项") {
		t.Fatalf("plan create:\n%s", out)
	}
	_, out, _ = run(t, "", "proposal", "list", "--db", db, plan)
	task := regexp.MustCompile(`\[任务\] ([0-9a-z]{16})  1 共建沪嘉科创走廊〔牵头：市科技局；配合：市发展改革委、市经信局〕\n    原文：「1\.共建沪嘉科创走廊。`).FindStringSubmatch(out)
	if task == nil {
		t.Fatalf("proposal list lacks task 1 with its units and sentence:\n%s", out)
	}
	steps := []struct {
		name string
		args []string
		code int
		want string // in stdout, or stderr on failure
	}{
		{"no action", []string{"proposal"}, exitUsage, "give list"},
		{"confirm without IDs or --all", []string{"proposal", "confirm", "--db", db, plan}, exitUsage, "wrong arguments"},
		{"IDs and --all", []string{"proposal", "confirm", "--db", db, "--all", plan, task[1]}, exitUsage, "wrong arguments"},
		{"an unknown kind", []string{"proposal", "list", "--db", db, "--kind", "plan", plan}, exitUsage, "--kind plan"},
		{"edit with nothing", []string{"proposal", "edit", "--db", db, task[1]}, exitUsage, "edit needs"},
		{"a report on a proposal", []string{"task", "update", "--db", db, task[1], "--status", "进行中", "--progress", "10"}, exitFail, "not confirmed"},
		{"the targets alone", []string{"proposal", "list", "--db", db, "--kind", "target", plan}, exitOK, "[指标]"},
		{"status counts nothing yet", []string{"status", "--db", db, plan}, exitOK, "任务 0 项"},
		{"edit with a bad date", []string{"proposal", "edit", "--db", db, "--deadline", "2025-13-01", task[1]}, exitFail, "YYYY-MM-DD"},
		{"edit with an unknown unit", []string{"proposal", "edit", "--db", db, "--lead", "市科委", task[1]}, exitFail, "市科委"},
		{"dismiss the projects", []string{"proposal", "dismiss", "--db", db, "--all", "--kind", "project", plan}, exitOK, "7 proposals dismissed"},
		{"the dismissed ones", []string{"proposal", "list", "--db", db, "--dismissed", plan}, exitOK, "已驳回 7 项（任务 0，项目 7，指标 0）"},
		{"confirm the tasks", []string{"proposal", "confirm", "--db", db, "--all", "--kind", "task", plan}, exitOK, "20 proposals confirmed"},
		{"status counts them", []string{"status", "--db", db, plan}, exitOK, "任务 20 项"},
		{"a confirmed one is not dismissed", []string{"proposal", "dismiss", "--db", db, plan, task[1]}, exitFail, "is confirmed"},
		{"a report on a confirmed task", []string{"task", "update", "--db", db, task[1], "--status", "进行中", "--progress", "10", "--unit", "市科技局"}, exitOK, "进行中 10%"},
	}
	for _, s := range steps {
		code, out, errOut := run(t, "", s.args...)
		if code != s.code || !strings.Contains(out+errOut, s.want) {
			t.Errorf("%s: %v = %d, want %d and %q\n%s%s", s.name, s.args, code, s.code, s.want, out, errOut)
		}
	}
}
