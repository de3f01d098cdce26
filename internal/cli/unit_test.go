package cli

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// samplePlanDB is a library holding the sample plan as a tracked plan (its
// units seeded in the registry), with the plan's ID.
func samplePlanDB(t *testing.T) (db, plan string) {
	t.Helper()
	db = filepath.Join(t.TempDir(), "planwatch.db")
	doc := writeFile(t, "plan.txt", samplePlan)
	if code, out, errOut := run(t, "", "add", "--db", db, doc); code != exitOK {
		t.Fatalf("add = %d\n%s%s", code, out, errOut)
	}
	_, out, _ := run(t, "", "list", "--db", db)
	docID := regexp.MustCompile(`^[0-9a-z]{16}`).FindString(out)
	code, out, errOut := run(t, "", "plan", "create", "--db", db, "--from", docID)
	m := regexp.MustCompile(`plan ([0-9a-z]{16})`).FindStringSubmatch(out)
	if code != exitOK || m == nil {
		t.Fatalf("plan create = %d\n%s%s", code, out, errOut)
	}
	confirmAll(t, db, m[1])
	return db, m[1]
}

// TestUnitCommand: the registry the sample plan seeded, reviewed from the
// command line: listed for confirmation, shown by any of a unit's names,
// given aliases, merged, confirmed; unknown names get the closest ones.
func TestUnitCommand(t *testing.T) {
	t.Setenv("USER", "ops")
	db, plan := samplePlanDB(t)
	steps := []struct {
		args    []string
		code    int
		want    string // in stdout
		wantErr string // in stderr
	}{
		{[]string{"unit", "list", "--unconfirmed"}, exitOK, "市发展改革委  [待确认]", ""},
		{[]string{"unit", "list", "--region", "嘉兴市"}, exitOK, "to confirm", ""},
		{[]string{"unit", "show", "市发改委"}, exitOK, "单位：市发展改革委", ""},
		{[]string{"unit", "show", "发展改革委"}, exitOK, "也认作：", ""},
		{[]string{"unit", "show", "市科委"}, exitFail, "", "did you mean 市科技局?"},
		{[]string{"unit", "alias", "市发展改革委", "发改办", "--region", "330400"}, exitOK, "市发展改革委 又称：发改办", ""},
		{[]string{"unit", "show", "发改办"}, exitOK, "状态：已确认", ""},
		{[]string{"unit", "alias", "市商务局", "市科技局"}, exitFail, "", "is already 市科技局"},
		{[]string{"unit", "add", "市数据局"}, exitUsage, "", "--region"},
		{[]string{"unit", "add", "市数据局", "--region", "330400", "--alias", "数据局"}, exitOK, "市数据局（嘉兴市）", ""},
		{[]string{"unit", "add", "市发改委", "--region", "330400"}, exitFail, "", "市发展改革委"},
		{[]string{"unit", "merge", "市数据局", "市大数据局"}, exitOK, "市大数据局 merged into 市数据局: 2 assignments", ""},
		{[]string{"unit", "show", "市大数据局"}, exitOK, "单位：市数据局", ""},
		{[]string{"task", "list", plan, "--unit", "市大数据局"}, exitOK, "共建新型基础设施〔市经信局；配合：市数据局〕", ""},
		{[]string{"unit", "confirm", "市财政局", "市教育局"}, exitOK, "2 units confirmed", ""},
		{[]string{"unit", "confirm", "--all", "--region", "330400"}, exitOK, "units confirmed", ""},
		{[]string{"unit", "list", "--unconfirmed"}, exitOK, "0 units, 0 to confirm", ""},
		{[]string{"unit", "merge", "市数据局"}, exitUsage, "", ""},
		{[]string{"audit", "export", "--since", "2000-01-01"}, exitOK, "unit.merge", ""},
	}
	for _, s := range steps {
		args := append([]string{s.args[0], s.args[1], "--db", db}, s.args[2:]...)
		code, out, errOut := run(t, "", args...)
		if code != s.code || !strings.Contains(out, s.want) || !strings.Contains(errOut, s.wantErr) {
			t.Errorf("%v = %d, want %d, %q and %q\n%s%s", s.args, code, s.code, s.want, s.wantErr, out, errOut)
		}
	}
	// A reporter is made for a unit of the registry, by any of its names;
	// a unit it does not know is refused with the closest names.
	const pw = "Plan-2025-office\n"
	for _, c := range []struct {
		unit, want string
		code       int
	}{
		{"市科委", "did you mean 市科技局?", exitFail},
		{"市发改委", "created fgw", exitOK},
	} {
		code, out, errOut := run(t, pw, "user", "add", "fgw", "--role", "reporter", "--plan", plan, "--unit", c.unit, "--password-stdin", "--db", db)
		if code != c.code || !strings.Contains(out+errOut, c.want) {
			t.Errorf("user add --unit %s = %d\n%s%s", c.unit, code, out, errOut)
		}
	}
	if _, out, _ := run(t, "", "user", "list", "--db", db); !strings.Contains(out, "市发展改革委@"+plan) {
		t.Errorf("the reporter's scope is not the unit's canonical name:\n%s", out)
	}
}
