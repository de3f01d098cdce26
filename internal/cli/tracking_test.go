package cli

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestTrackingScenario follows a plan office's month: a plan made from the
// sample document, progress posted by hand and through the 任务清单 sheet,
// an indicator figure, and the overview.
func TestTrackingScenario(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "planwatch.db")
	doc := writeFile(t, "plan.txt", samplePlan)
	if code, out, errOut := run(t, "", "add", "--db", db, doc); code != exitOK {
		t.Fatalf("add = %d\n%s%s", code, out, errOut)
	}
	_, out, _ := run(t, "", "list", "--db", db)
	docID := regexp.MustCompile(`^[0-9a-z]{16}`).FindString(out)

	code, out, errOut := run(t, "", "plan", "create", "--db", db, "--from", docID)
	planID := regexp.MustCompile(`plan ([0-9a-z]{16})`).FindStringSubmatch(out)
	if code != exitOK || planID == nil || !strings.Contains(out, "20 tasks") || !strings.Contains(out, "嘉兴市 市") {
		t.Fatalf("plan create = %d\n%s%s", code, out, errOut)
	}
	plan := planID[1]
	confirmAll(t, db, plan)
	_, out, _ = run(t, "", "plan", "show", "--db", db, plan)
	task := regexp.MustCompile(`1 共建沪嘉科创走廊〔市科技局[^\n]*\] ([0-9a-z]{16})`).FindStringSubmatch(out)
	if task == nil {
		t.Fatalf("plan show lacks task 1 with its lead unit and ID:\n%s", out)
	}

	steps := []struct {
		args []string
		code int
		want string
	}{
		// 进度缓慢 reports the task as under way; whether it is 滞后 is computed.
		{[]string{"task", "update", task[1], "--status", "进度缓慢", "--progress", "20", "--note", "选址论证中", "--unit", "市科技局", "--date", "2024-06-30", "--reason", "补录"}, exitOK, "进行中 20% →"},
		// The plan says 市发展改革委; offices write 市发改委: the registry reads it.
		{[]string{"task", "update", task[1], "--progress", "25", "--unit", "市发改委", "--date", "2024-06-30", "--reason", "补录"}, exitOK, "进行中 25%"},
		{[]string{"task", "update", task[1], "--progress", "25", "--unit", "市科委"}, exitFail, ""},
		{[]string{"task", "update", task[1], "--status", "很好"}, exitUsage, ""},
		{[]string{"task", "update", task[1], "--progress", "20", "--unit", "市教育局"}, exitFail, ""},
		{[]string{"task", "edit", task[1], "--deadline", "2026-06-30", "--reason", "省里调整时限"}, exitOK, "deadline recorded"},
		{[]string{"task", "edit", task[1], "--deadline", "2026-06-30"}, exitUsage, ""},
		{[]string{"task", "history", task[1]}, exitOK, "选址论证中"},
		{[]string{"task", "list", plan, "--unit", "市科技局"}, exitOK, "建设南湖实验室"},
		{[]string{"status", "--db", db, plan, "--as-of", "2030-01-01"}, exitOK, "任务 20 项"},
	}
	for _, s := range steps {
		args := append([]string{s.args[0], s.args[1], "--db", db}, s.args[2:]...)
		if s.args[0] == "status" {
			args = s.args
		}
		code, out, errOut := run(t, "", args...)
		if code != s.code || !strings.Contains(out, s.want) {
			t.Errorf("%v = %d, want %d and %q\n%s%s", s.args, code, s.code, s.want, out, errOut)
		}
	}

	// The sheet goes out, a unit fills in two rows, and it comes back.
	code, out, _ = run(t, "", "sheet", "export", "--db", db, plan, "--format", "csv")
	if code != exitOK || !strings.Contains(out, "序号,重点任务,具体举措,牵头单位,责任单位,完成时限,进展情况,状态") {
		t.Fatalf("sheet export = %d\n%.300s", code, out)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	rows[2][6], rows[2][7] = "已完成实验室主体建设", "序时推进"
	rows[3][6], rows[3][7] = "成果转化平台上线", "已完成"
	var b strings.Builder
	csv.NewWriter(&b).WriteAll(rows)
	filled := filepath.Join(dir, "filled.csv")
	os.WriteFile(filled, []byte(b.String()), 0o644)
	if code, out, errOut := run(t, "", "sheet", "import", "--db", db, plan, filled, "--unit", "市科技局"); code != exitOK || !strings.Contains(out, "2 updates recorded") {
		t.Fatalf("sheet import = %d\n%s%s", code, out, errOut)
	}
	rows[4][7] = "挺好的"
	b.Reset()
	csv.NewWriter(&b).WriteAll(rows)
	os.WriteFile(filled, []byte(b.String()), 0o644)
	code, out, errOut = run(t, "", "sheet", "import", "--db", db, plan, filled)
	if code != exitFail || !strings.Contains(out, "第5行") || !strings.Contains(errOut, "nothing recorded") {
		t.Errorf("sheet import with a bad status word = %d\n%s%s", code, out, errOut)
	}
	if _, out, _ := run(t, "", "status", "--db", db, plan); !strings.Contains(out, "已完成 1") {
		t.Errorf("status after the import:\n%s", out)
	}

	// Plans link upward only: the city's plan implements a province's, not
	// the reverse (the reason is given).
	_, out, _ = run(t, "", "plan", "create", "--db", db, "--from", docID, "--level", "省", "--new-version")
	prov := regexp.MustCompile(`plan ([0-9a-z]{16})`).FindStringSubmatch(out)
	if prov == nil {
		t.Fatalf("plan create --level 省:\n%s", out)
	}
	confirmAll(t, db, prov[1])
	if code, out, errOut := run(t, "", "plan", "link", "--db", db, prov[1], "--implements", plan); code != exitFail ||
		!strings.Contains(errOut, "a 省 plan cannot implement a 市 plan") {
		t.Errorf("plan link downward = %d\n%s%s", code, out, errOut)
	}
	if code, out, errOut := run(t, "", "plan", "link", "--db", db, plan, "--implements", prov[1]); code != exitOK || !strings.Contains(out, "落实") {
		t.Errorf("plan link upward = %d\n%s%s", code, out, errOut)
	}

	// An indicator figure far off the line puts it off track.
	_, out, _ = run(t, "", "indicator", "list", "--db", db, plan)
	ind := regexp.MustCompile(`([0-9a-z]{16})  全社会研发经费投入强度`).FindStringSubmatch(out)
	if ind == nil {
		t.Fatalf("indicator list lacks 研发经费投入强度:\n%s", out)
	}
	for _, p := range [][2]string{{"2022", "2.8"}, {"2023", "2.7"}} {
		if code, out, errOut := run(t, "", "indicator", "observe", "--db", db, ind[1], "--period", p[0], "--value", p[1]); code != exitOK {
			t.Fatalf("observe = %d\n%s%s", code, out, errOut)
		}
	}
	// Figures as offices write them, in and out: 950亿 for an indicator in
	// 元, 全覆盖 for a share; never 95000000000.
	for _, c := range []struct{ name, period, value, want string }{
		{"数字经济核心产业增加值", "2023", "950亿", "数字经济核心产业增加值 2023：950亿元"},
		{"数字经济核心产业增加值", "2024", "1,050亿元", "数字经济核心产业增加值 2024：1050亿元"},
		{"市域轨道交通实现县（市、区）覆盖率", "2024", "全覆盖", "覆盖率 2024：100%"},
	} {
		id := regexp.MustCompile(`([0-9a-z]{16})  ` + regexp.QuoteMeta(c.name)).FindStringSubmatch(out)
		if id == nil {
			t.Fatalf("indicator list lacks %s:\n%s", c.name, out)
		}
		if code, got, errOut := run(t, "", "indicator", "observe", "--db", db, id[1], "--period", c.period, "--value", c.value); code != exitOK ||
			!strings.Contains(got, c.want) {
			t.Errorf("observe %s %s = %d\n%s%s, want %q", c.name, c.value, code, got, errOut, c.want)
		}
	}
	if _, out, _ := run(t, "", "indicator", "list", "--db", db, plan); !strings.Contains(out, "全社会研发经费投入强度") || !strings.Contains(out, "偏离目标") ||
		!strings.Contains(out, "最新 2024 1050亿元") || strings.Contains(out, "105000000000") {
		t.Errorf("indicator list after falling figures:\n%s", out)
	}
	if _, out, _ := run(t, "", "indicator", "compare", "--db", db, "研发经费投入强度", "--group", "长三角中心区"); !strings.Contains(out, "嘉兴市") {
		t.Errorf("compare across the central area:\n%s", out)
	}
}
