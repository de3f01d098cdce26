package cli

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"planwatch/internal/track"
)

// TestHonestReporting: `task update` refuses a date after today; an
// update for a period already due (补报) or bringing progress down is
// refused without --reason and taken with one; `task history` shows the
// reason and marks the back-dated report 迟报, and `status` lists it
// under 迟报 for its unit.
func TestHonestReporting(t *testing.T) {
	db := filepath.Join(t.TempDir(), "planwatch.db")
	_, plan, out := sampleCreated(t, db)
	confirmAll(t, db, plan)
	_, show, _ := run(t, "", "plan", "show", "--db", db, plan)
	task := regexp.MustCompile(`市科技局[^\n]*\] ([0-9a-z]{16})`).FindStringSubmatch(show)[1]

	now := time.Now()
	due := track.Monthly.PeriodDue(now) // its report is due already: one for it now is late
	past := due.End.Format(time.DateOnly)
	today := now.Format(time.DateOnly)
	tomorrow := now.AddDate(0, 0, 1).Format(time.DateOnly)
	steps := []struct {
		args []string
		code int
		want string // in stdout, or stderr on failure
	}{
		{[]string{"--date", tomorrow, "--progress", "10"}, exitFail, "晚于今天"},
		{[]string{"--date", past, "--progress", "30"}, exitFail, "补报须说明原因"},
		{[]string{"--date", past, "--progress", "30", "--reason", "系统故障未能按期报送"}, exitOK, "30%"},
		{[]string{"--date", today, "--progress", "20"}, exitFail, "30% → 20%"},
		{[]string{"--date", today, "--progress", "20", "--note", "重新核定。原因：前期统计口径有误"}, exitOK, "20%"},
		{[]string{"--date", today, "--progress", "40"}, exitOK, "40%"},
	}
	for _, s := range steps {
		args := append([]string{"task", "update", "--db", db, "--unit", "市科技局", "--status", "进行中"}, s.args...)
		args = append(args, task)
		code, out, errOut := run(t, "", args...)
		got := out
		if s.code != exitOK {
			got = errOut
		}
		if code != s.code || !strings.Contains(got, s.want) {
			t.Errorf("%v = %d, want %d and %q\n%s%s", s.args, code, s.code, s.want, out, errOut)
		}
	}
	_, out, _ = run(t, "", "task", "history", "--db", db, task)
	for _, want := range []string{past + "  进行中     30%  市科技局", "〔迟报〕  说明：系统故障未能按期报送", "说明：前期统计口径有误"} {
		if !strings.Contains(out, want) {
			t.Errorf("task history lacks %q:\n%s", want, out)
		}
	}
	if strings.Count(out, "〔迟报〕") != 1 {
		t.Errorf("task history marks %d reports late, want 1:\n%s", strings.Count(out, "〔迟报〕"), out)
	}
	_, out, _ = run(t, "", "status", "--db", db, plan)
	if want := "迟报（" + due.Label + "，截止 " + due.Due.Format(time.DateOnly) + "）：1 项"; !strings.Contains(out, want) || !strings.Contains(out, "  市科技局：1 项") {
		t.Errorf("status lacks %q for 市科技局:\n%s", want, out)
	}
}
