package cli

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestPlanKindPeriod: a plan made from a document that names no years
// says so at create, in plan show and in status, each with the command
// that sets them; `plan set --period` and `--kind` set them (a one-year
// kind refuses several years), plan show and plan list show them, and
// each change is audited.
func TestPlanKindPeriod(t *testing.T) {
	db := filepath.Join(t.TempDir(), "planwatch.db")
	doc := "嘉兴市数字化改革工作方案\n\n一、重点任务\n\n（一）推进数字化改革。建设一体化智能化公共数据平台。牵头单位：市发改委；配合单位：市科技局。\n\n（二）优化营商环境。推进一网通办。牵头单位：市数据局。\n"
	if code, out, errOut := run(t, "", "add", "--db", db, writeFile(t, "plan.txt", []byte(doc))); code != exitOK {
		t.Fatalf("add = %d\n%s%s", code, out, errOut)
	}
	_, out, _ := run(t, "", "list", "--db", db)
	docID := regexp.MustCompile(`^[0-9a-z]{16}`).FindString(out)
	code, out, _ := run(t, "", "plan", "create", "--db", db, "--from", docID)
	m := regexp.MustCompile(`plan ([0-9a-z]{16})`).FindStringSubmatch(out)
	if code != exitOK || m == nil || !strings.Contains(out, "--period 2021-2025") {
		t.Fatalf("plan create = %d\n%s", code, out)
	}
	plan := m[1]
	confirmAll(t, db, plan)
	steps := []struct {
		args []string
		code int
		want string // in stdout, or stderr on failure
	}{
		{[]string{"plan", "show", plan}, exitOK, "期限：—（文件未写明年份；planwatch plan set " + plan + " --period 2021-2025）"},
		{[]string{"plan", "show", plan}, exitOK, "类型：工作方案（按文件所述年份）"},
		{[]string{"status", plan}, exitOK, "期限未设置"},
		{[]string{"plan", "set", plan, "--period", "十四五"}, exitUsage, "want years such as 2021-2025"},
		{[]string{"plan", "set", plan, "--period", "2023—2025年"}, exitOK, "period 2023–2025 (was —)"},
		{[]string{"plan", "show", plan}, exitOK, "期限：2023–2025"},
		{[]string{"plan", "set", plan, "--kind", "工作要点"}, exitFail, "runs one year"},
		{[]string{"plan", "set", plan, "--kind", "工作要点", "--period", "2025"}, exitOK, "kind 工作要点（一年） (was 工作方案)"},
		{[]string{"plan", "list"}, exitOK, "2025      工作要点"},
		{[]string{"status", plan}, exitOK, "任务 2 项"},
	}
	for _, s := range steps {
		args := append([]string{s.args[0]}, "--db", db)
		if s.args[0] == "plan" {
			args = append([]string{"plan", s.args[1], "--db", db}, s.args[2:]...)
		} else {
			args = append(args, s.args[1:]...)
		}
		code, out, errOut := run(t, "", args...)
		got := out
		if s.code != exitOK {
			got = errOut
		}
		if code != s.code || !strings.Contains(got, s.want) {
			t.Errorf("%v = %d, want %d and %q\n%s%s", s.args, code, s.code, s.want, out, errOut)
		}
	}
	if _, out, _ := run(t, "", "status", "--db", db, plan); strings.Contains(out, "期限未设置") {
		t.Errorf("status still says no period:\n%s", out)
	}
	_, out, _ = run(t, "", "audit", "export", "--db", db, "--action", "plan.settings")
	if !strings.Contains(out, `""period"":""2023–2025""`) || !strings.Contains(out, `""kind"":""工作要点""`) {
		t.Errorf("audit lacks the period and kind changes:\n%s", out)
	}
}
