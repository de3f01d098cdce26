package cli

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

// projectPlan stores a plan with one task for projects to serve and
// returns the plan's ID.
func projectPlan(t *testing.T, dsn string) string {
	t.Helper()
	st, err := store.Open(context.Background(), dsn, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	p := store.Plan{Title: "2026年重大项目", RegionCode: "330600", RegionName: "绍兴市", Level: store.LevelCity, StartYear: 2026, EndYear: 2026}
	items := []store.Item{{ID: "t", Kind: store.KindTask, Number: "1", Title: "推进交通基础设施建设"}}
	if err := st.SavePlanTree(context.Background(), &p, items, nil); err != nil {
		t.Fatal(err)
	}
	return p.ID
}

func TestProjectCommands(t *testing.T) {
	for _, backend := range storetest.Backends() {
		t.Run(backend, func(t *testing.T) {
			db := storetest.FreshDSN(t, backend)
			plan := projectPlan(t, db)
			sheet := writeFile(t, "重大项目.csv", []byte("序号,项目名称,建设内容,总投资（亿元）,2026年计划投资（万元）,1-1月完成投资（万元）,形象进度,牵头单位,所在地区,计划开工时间\n"+
				"1,杭绍城际铁路,线路20公里,12,12000,1000,在建,市交通局,330600,2024-03-01\n"+
				"2,滨海污水厂,日处理10万吨,1.5,6000,,前期,市建设局,330602,2026-01-15\n"+
				"3,镜湖公园,,0.8,2400,100,在建,市建设局,330602,\n"))
			code, out, errOut := run(t, "", "project", "import", "--db", db, plan, sheet)
			if code != exitOK || !strings.Contains(out, "3 projects, 2 reports for 2026-01") {
				t.Fatalf("import = %d\n%s%s", code, out, errOut)
			}
			_, list, _ := run(t, "", "project", "list", "--db", db, plan)
			id := regexp.MustCompile(`([0-9a-z]{16})  杭绍城际铁路`).FindStringSubmatch(list)
			if id == nil || !strings.Contains(list, "总投资 12亿元") || !strings.Contains(list, "合计 3个项目  总投资 14.3亿元") {
				t.Fatalf("list:\n%s", list)
			}
			// February: the railway reports by the month, the park by the year.
			if code, out, errOut := run(t, "", "project", "report", "--db", db, id[1], "--month", "2026-02", "--done", "0.1亿",
				"--problems", "征迁未完成"); code != exitOK || !strings.Contains(out, "1-2月完成 2000万元") {
				t.Fatalf("report = %d\n%s%s", code, out, errOut)
			}
			// As of February: the railway at 2000/12000 is ahead of 2/12, the
			// plant never started (开工 due 2026-01-15), the park at 100/2400
			// lags.
			_, late, _ := run(t, "", "project", "list", "--db", db, plan, "--late", "--month", "2026-02")
			if strings.Contains(late, "杭绍城际铁路") || !strings.Contains(late, "滨海污水厂") || !strings.Contains(late, "未按期开工") ||
				!strings.Contains(late, "镜湖公园") || !strings.Contains(late, "滞后序时进度") {
				t.Errorf("late:\n%s", late)
			}
			// The report and the import are in the audit log, as the account that ran them.
			if _, out, _ := run(t, "", "audit", "export", "--db", db, "--action", "project.report"); !strings.Contains(out, id[1]) || !strings.Contains(out, "cli:") {
				t.Errorf("audit of the report:\n%.600s", out)
			}
			if _, out, _ := run(t, "", "audit", "export", "--db", db, "--action", "project.save"); !strings.Contains(out, "杭绍城际铁路") {
				t.Errorf("audit of the import:\n%.600s", out)
			}
			_, mine, _ := run(t, "", "project", "list", "--db", db, plan, "--unit", "市交通局")
			if !strings.Contains(mine, "合计 1个项目") {
				t.Errorf("by unit:\n%s", mine)
			}
			// Export and import again: nothing new is recorded.
			out2 := filepath.Join(t.TempDir(), "back.xlsx")
			if code, out, errOut := run(t, "", "project", "export", "--db", db, plan, out2, "--month", "2026-02"); code != exitOK {
				t.Fatalf("export = %d\n%s%s", code, out, errOut)
			}
			if code, out, errOut := run(t, "", "project", "import", "--db", db, plan, out2); code != exitOK || !strings.Contains(out, "0 reports") {
				t.Errorf("re-import = %d\n%s%s", code, out, errOut)
			}

			// Bad input: one line naming it, nothing recorded.
			for _, c := range []struct {
				args []string
				name string
			}{
				{[]string{"report", id[1], "--month", "2026-02", "--done", "很多"}, "--done"},
				{[]string{"report", id[1], "--month", "2026-13", "--done", "5"}, "--month"},
				{[]string{"report", id[1], "--month", "2099-01", "--done", "5"}, "2099-01"},
				{[]string{"report", "zzzzzzzzzzzzzzzz", "--month", "2026-02", "--done", "5"}, "zzzzzzzzzzzzzzzz"},
				{[]string{"report", id[1], "--month", "2026-02", "--to-date", "500"}, "below"},
				{[]string{"list", plan, "--phase", "良好"}, "--phase"},
				{[]string{"curve", plan, "--set", "1,2,3"}, "12"},
			} {
				code, _, errOut := run(t, "", append([]string{"project", c.args[0], "--db", db}, c.args[1:]...)...)
				if code == exitOK || !strings.Contains(errOut, c.name) || strings.Count(strings.TrimSpace(errOut), "\n") > 2 {
					t.Errorf("%v = %d: %s", c.args, code, errOut)
				}
			}
			bad := writeFile(t, "bad.csv", []byte("项目名称,总投资,1-2月完成投资\n新项目,很多,5\n"))
			if code, out, errOut := run(t, "", "project", "import", "--db", db, plan, bad); code == exitOK || !strings.Contains(out, "第2行B列") {
				t.Errorf("bad sheet = %d\n%s%s", code, out, errOut)
			}
			if _, list, _ := run(t, "", "project", "list", "--db", db, plan); strings.Contains(list, "新项目") {
				t.Error("a refused sheet saved a project")
			}
			if code, out, _ := run(t, "", "project", "curve", "--db", db, plan, "--set", "5,10,20,30,40,50,60,70,80,90,95,100"); code != exitOK || !strings.Contains(out, "5,10,20") {
				t.Errorf("curve: %s", out)
			}
			os.Remove(out2)
		})
	}
}
