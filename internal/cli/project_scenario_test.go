package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"planwatch/internal/report"
	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
	"planwatch/internal/track"
	"planwatch/internal/web"
)

// scenarioProject is one row of the scenario's 重大项目 table and the
// investment it completes in each of the three months.
type scenarioProject struct {
	name, lead, region, task string
	total, planned           int64 // 万元
	start, done              string
	prep                     bool     // still in 前期
	months                   [3]int64 // 万元 completed in months 1–3
}

// scenarioProjects makes the 30 projects from rules (not a table of
// answers): the test works out from them what each door must show.
func scenarioProjects(year int) []scenarioProject {
	units := []string{"市交通局", "市建设局", "市水利局", "市发改委"}
	regions := []string{"330602", "330603", "330604"}
	tasks := []string{"推进交通基础设施建设", "推进城市更新", "推进水利工程建设"}
	var out []scenarioProject
	for i := 1; i <= 30; i++ {
		p := scenarioProject{name: fmt.Sprintf("重大项目%02d号", i), lead: units[i%4], region: regions[i%3], task: tasks[i%3],
			planned: 1200 + 120*int64(i)}
		p.total = p.planned * int64(3+i%4)
		p.start = fmt.Sprintf("%d-01-10", year-1)
		due := p.planned / 12
		// How each project keeps pace, by its number: on schedule, ahead,
		// behind from the start, or falling behind in the third month.
		switch i % 4 {
		case 0:
			p.months = [3]int64{due, due, due}
		case 1:
			p.months = [3]int64{due * 13 / 10, due, due * 12 / 10}
		case 2:
			p.months = [3]int64{due / 2, due / 2, due / 2}
		case 3:
			p.months = [3]int64{due, due, due / 3}
		}
		if i%6 == 5 { // not started, 开工 planned in February
			p.prep, p.start, p.months = true, fmt.Sprintf("%d-02-15", year), [3]int64{}
		}
		if i%6 == 3 { // in 前期, 开工 planned for later in the year
			p.prep, p.start = true, fmt.Sprintf("%d-06-30", year)
		}
		if i%10 == 7 && !p.prep { // 竣工 planned in March, not reached
			p.done = fmt.Sprintf("%d-03-15", year)
		}
		out = append(out, p)
	}
	return out
}

// TestProjectsScenario is the Done-when on each back end: a plan
// with 30 projects imported from a 重大项目 table; three months of reports
// through three doors — January on the project pages' form, February
// from the command line, March through the API; then /alerts (page and
// API) must list exactly the projects behind 序时进度, not started by their
// 开工 day, or past their 竣工 day, worked out here from the figures the
// test reported; and the evaluation report's 重大项目 section and the
// exported table must give the totals of the table imported (总投资,
// 年度计划投资) and of the reports (累计完成), overall and by task, unit
// and region.
//
// The year is last year, so that every month reported has begun by the
// real clock the command line checks against; the web app's clock is set
// to 10 April of it.
func TestProjectsScenario(t *testing.T) {
	for _, backend := range storetest.Backends() {
		t.Run(backend, func(t *testing.T) { playProjects(t, storetest.FreshDSN(t, backend)) })
	}
}

func playProjects(t *testing.T, db string) {
	ctx := context.Background()
	year := time.Now().Year() - 1
	month := func(m int) string { return fmt.Sprintf("%d-%02d", year, m) }
	cli := func(want int, args ...string) string {
		t.Helper()
		code, out, errOut := run(t, "Plan-2025-office\n", append(args, "--db", db)...)
		if code != want {
			t.Fatalf("%v = %d, want %d\n%s%s", args, code, want, out, errOut)
		}
		return out + errOut
	}
	st, err := store.Open(ctx, db, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	plan := store.Plan{Title: fmt.Sprintf("绍兴市%d年重大项目计划", year), RegionCode: "330600", RegionName: "绍兴市",
		Level: store.LevelCity, StartYear: year, EndYear: year}
	items := []store.Item{
		{ID: "t1", Kind: store.KindTask, Number: "1", Title: "推进交通基础设施建设"},
		{ID: "t2", Kind: store.KindTask, Number: "2", Title: "推进城市更新"},
		{ID: "t3", Kind: store.KindTask, Number: "3", Title: "推进水利工程建设"},
	}
	if err := st.SavePlanTree(ctx, &plan, items, nil); err != nil {
		t.Fatal(err)
	}
	cli(exitOK, "user", "add", "admin", "--role", "admin", "--password-stdin")
	clock := time.Date(year, 4, 10, 10, 0, 0, 0, time.Local)
	srv, err := web.New(ctx, st, nil, web.Options{Version: "test", Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	b := signIn(t, st, srv, "admin")

	// The table as an office keeps it: a title row, amounts in 万元 (a
	// few totals written in 亿), a 合计 row; no month's figures yet.
	ps := scenarioProjects(year)
	f := excelize.NewFile()
	sh := f.GetSheetName(0)
	rows := [][]any{{fmt.Sprintf("%d年重大项目推进计划表", year)},
		{"序号", "项目名称", "建设内容", "总投资（万元）", fmt.Sprintf("%d年计划投资（万元）", year), "形象进度", "牵头单位",
			"所在地区", "所属任务", "建设年限", "计划开工时间", "计划竣工时间"}}
	var sumTotal, sumPlanned int64
	for i, p := range ps {
		total := any(p.total)
		if i%5 == 0 {
			total = yiText(p.total)
		}
		phase := "在建"
		if p.prep {
			phase = "前期"
		}
		rows = append(rows, []any{i + 1, p.name, "建设内容" + strconv.Itoa(i+1), total, p.planned, phase, p.lead, p.region,
			p.task, fmt.Sprintf("%d-%d", year-1, year+2), p.start, p.done})
		sumTotal += p.total
		sumPlanned += p.planned
	}
	rows = append(rows, []any{"合计", "", "", sumTotal, sumPlanned})
	for r, row := range rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if err := f.SetCellValue(sh, cell, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	var xb bytes.Buffer
	if err := f.Write(&xb); err != nil {
		t.Fatal(err)
	}
	// Imported through the API, for January (the headers name no month).
	code, body := b.uploadWith("/api/v1/plans/"+plan.ID+"/projects/sheet", "sheet", "重大项目计划表.xlsx", xb.Bytes(),
		map[string]string{"month": month(1)})
	var imp struct{ Projects, Reports int }
	if code != http.StatusOK || json.Unmarshal([]byte(body), &imp) != nil || imp.Projects != 30 || imp.Reports != 0 {
		t.Fatalf("import = %d: %s", code, body)
	}
	saved, err := st.Projects(ctx, plan.ID)
	if err != nil || len(saved) != 30 {
		t.Fatalf("projects: %v %d", err, len(saved))
	}
	ids := map[string]string{}
	for _, p := range saved {
		ids[p.Name] = p.ID
	}

	// January on the project pages' form: this month's figure.
	for _, p := range ps {
		if p.months == [3]int64{} {
			continue
		}
		form := url.Values{"month": {month(1)}, "done": {strconv.FormatInt(p.months[0], 10)}}
		if code, body := b.postForm("/projects/"+ids[p.name]+"/reports", form); code != http.StatusSeeOther {
			t.Fatalf("%s: web report = %d\n%.400s", p.name, code, body)
		}
	}
	// A mistake gets the form again, the error beside its field.
	code, page := b.postForm("/projects/"+ids[ps[0].name]+"/reports", url.Values{"month": {month(1)}, "done": {"很多"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, `class="field-error"`) || !strings.Contains(page, "很多") {
		t.Errorf("a bad amount on the form = %d", code)
	}
	// February from the command line: half by the month, half by the
	// year so far (1-2月), as units write it.
	for i, p := range ps {
		if p.months == [3]int64{} {
			continue
		}
		args := []string{"project", "report", ids[p.name], "--month", month(2)}
		if i%2 == 0 {
			args = append(args, "--done", strconv.FormatInt(p.months[1], 10))
		} else {
			args = append(args, "--to-date", strconv.FormatInt(p.months[0]+p.months[1], 10)+"万元")
		}
		if i%7 == 0 {
			args = append(args, "--problems", "征迁进度慢")
		}
		cli(exitOK, args...)
	}
	// March through the API, some amounts as text in 亿.
	for i, p := range ps {
		if p.months == [3]int64{} {
			continue
		}
		done := strconv.FormatInt(p.months[2], 10)
		if i%3 == 0 {
			done = strconv.Quote(yiText(p.months[2]))
		}
		code, body := b.do("POST", "/api/v1/projects/"+ids[p.name]+"/reports", "application/json",
			[]byte(fmt.Sprintf(`{"month":%q,"done":%s,"phase":"建设"}`, month(3), done)))
		if code != http.StatusCreated {
			t.Fatalf("%s: API report = %d: %s", p.name, code, body)
		}
	}
	if code, body := b.do("POST", "/api/v1/projects/"+ids[ps[0].name]+"/reports", "application/json",
		[]byte(fmt.Sprintf(`{"month":"%d-04","done":-5}`, year+5))); code != http.StatusBadRequest || !strings.Contains(string(body), "month") {
		t.Errorf("a bad API report = %d: %s", code, body)
	}

	// What must be listed, worked out from the rules above.
	var wantLag, wantNotStarted, wantMilestone []string
	var sumDone int64
	byTask, byUnit, byRegion := map[string][3]int64{}, map[string][3]int64{}, map[string][3]int64{}
	for _, p := range ps {
		done := p.months[0] + p.months[1] + p.months[2]
		sumDone += done
		if done*12 < p.planned*3 {
			wantLag = append(wantLag, ids[p.name])
		}
		if p.prep && p.start <= month(3)+"-31" {
			wantNotStarted = append(wantNotStarted, ids[p.name])
		}
		if p.done != "" {
			wantMilestone = append(wantMilestone, ids[p.name])
		}
		for _, m := range []struct {
			m map[string][3]int64
			k string
		}{{byTask, p.task}, {byUnit, p.lead}, {byRegion, p.region}} {
			v := m.m[m.k]
			m.m[m.k] = [3]int64{v[0] + p.total, v[1] + p.planned, v[2] + done}
		}
	}
	if len(wantLag) == 0 || len(wantLag) == 30 || len(wantNotStarted) == 0 || len(wantMilestone) == 0 {
		t.Fatalf("the rules make no contrast: %d lagging, %d not started, %d past 竣工", len(wantLag), len(wantNotStarted), len(wantMilestone))
	}

	var alerts struct {
		Projects []struct {
			PlanID     string `json:"plan_id"`
			Month      string
			Lagging    []struct{ ID string }
			NotStarted []struct{ ID string } `json:"not_started"`
			Milestones []struct{ ID string }
		}
	}
	b.getJSON("/api/v1/alerts", &alerts)
	if len(alerts.Projects) != 1 || alerts.Projects[0].PlanID != plan.ID || alerts.Projects[0].Month != month(3) {
		t.Fatalf("project alerts: %+v", alerts.Projects)
	}
	a := alerts.Projects[0]
	for _, c := range []struct {
		name string
		got  []struct{ ID string }
		want []string
	}{{"lagging", a.Lagging, wantLag}, {"not started", a.NotStarted, wantNotStarted}, {"past 竣工", a.Milestones, wantMilestone}} {
		var got []string
		for _, g := range c.got {
			got = append(got, g.ID)
		}
		slices.Sort(got)
		slices.Sort(c.want)
		if !slices.Equal(got, c.want) {
			t.Errorf("alerts %s: got %d %v, want %d %v", c.name, len(got), got, len(c.want), c.want)
		}
	}
	// The page lists the same projects.
	alertPage := string(b.get("/alerts"))
	for _, p := range ps {
		listed := strings.Contains(alertPage, `data-project="`+ids[p.name]+`"`)
		want := slices.Contains(wantLag, ids[p.name]) || slices.Contains(wantNotStarted, ids[p.name]) || slices.Contains(wantMilestone, ids[p.name])
		if listed != want {
			t.Errorf("/alerts: %s listed %v, want %v", p.name, listed, want)
		}
	}

	// The report's 重大项目 section, as of the real time with March's
	// figures: totals of the table and of the reports.
	r, err := report.Build(ctx, st, plan.ID, time.Now(), report.Options{ProjectMonth: month(3)})
	if err != nil {
		t.Fatal(err)
	}
	sec := r.Projects
	w := int64(store.WanScale)
	if sec == nil || sec.Sum.Count != 30 || sec.Sum.Total != sumTotal*w || sec.Sum.Planned != sumPlanned*w || sec.Sum.YearDone != sumDone*w {
		t.Fatalf("report totals: %+v, want 总投资 %d 计划 %d 完成 %d", sec.Sum, sumTotal, sumPlanned, sumDone)
	}
	if sec.Sum.TotalText != track.FormatWan(sumTotal*w) || !strings.HasSuffix(sec.Sum.TotalText, "亿元") {
		t.Errorf("总投资 shown as %q", sec.Sum.TotalText)
	}
	if len(sec.Late) != len(uniq(wantLag, wantNotStarted, wantMilestone)) {
		t.Errorf("report lists %d projects to attend to, want %d", len(sec.Late), len(uniq(wantLag, wantNotStarted, wantMilestone)))
	}
	taskTitle := map[string]string{}
	for _, it := range items {
		taskTitle[it.Number+" "+it.Title] = it.Title
	}
	for _, g := range []struct {
		name string
		got  []report.ProjectTotal
		want map[string][3]int64
		key  func(string) string
	}{
		{"task", sec.ByTask, byTask, func(n string) string { return taskTitle[n] }},
		{"unit", sec.ByUnit, byUnit, func(n string) string { return n }},
		{"region", sec.ByRegion, byRegion, func(n string) string {
			for _, c := range []string{"330602", "330603", "330604"} {
				if strings.Contains(n, map[string]string{"330602": "越城", "330603": "柯桥", "330604": "上虞"}[c]) {
					return c
				}
			}
			return n
		}},
	} {
		if len(g.got) != len(g.want) {
			t.Errorf("report by %s: %d rows, want %d", g.name, len(g.got), len(g.want))
		}
		for _, row := range g.got {
			v, ok := g.want[g.key(row.Name)]
			if !ok || row.Total != v[0]*w || row.Planned != v[1]*w || row.YearDone != v[2]*w {
				t.Errorf("report by %s, %s: %d/%d/%d, want %v", g.name, row.Name, row.Total, row.Planned, row.YearDone, v)
			}
		}
	}
	var html bytes.Buffer
	if err := report.WriteHTML(&html, r); err != nil || !strings.Contains(html.String(), "重大项目推进情况") {
		t.Errorf("HTML report: %v", err)
	}

	// The table exported for March reads back with the same totals, and
	// importing it again records nothing.
	xlsx := b.get("/plans/" + plan.ID + "/projects.xlsx?month=" + month(3))
	back, refused, err := track.ReadProjectSheet(ctx, bytes.NewReader(xlsx), "xlsx", track.ProjectSheetOptions{})
	if err != nil || len(refused) != 0 || back.Month != month(3) || len(back.Rows) != 30 {
		t.Fatalf("exported table: %v %v %s %d", err, refused, back.Month, len(back.Rows))
	}
	var bt, bp, bd int64
	for _, row := range back.Rows {
		bt += row.Project.Total
		bp += row.Project.Planned(year)
		bd += row.YearDone
	}
	if bt != sumTotal*w || bp != sumPlanned*w || bd != sumDone*w {
		t.Errorf("exported table: %d/%d/%d, want %d/%d/%d", bt, bp, bd, sumTotal*w, sumPlanned*w, sumDone*w)
	}
	code, body = b.uploadWith("/api/v1/plans/"+plan.ID+"/projects/sheet", "sheet", "back.xlsx", xlsx, nil)
	if code != http.StatusOK || !strings.Contains(body, `"reports":0`) {
		t.Errorf("re-import = %d: %s", code, body)
	}
	// The command line's list agrees with the alerts.
	out := cli(exitOK, "project", "list", plan.ID, "--late", "--month", month(3))
	if n := strings.Count(out, "\n") - 1; n != len(uniq(wantLag, wantNotStarted, wantMilestone)) {
		t.Errorf("project list --late: %d lines\n%s", n, out)
	}
}

// yiText writes a figure in 万元 as 亿 text: 12345 → "1.2345亿".
func yiText(wan int64) string {
	return strconv.FormatFloat(float64(wan)/1e4, 'f', -1, 64) + "亿"
}

func uniq(lists ...[]string) []string {
	var out []string
	for _, l := range lists {
		for _, s := range l {
			if !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out
}

// uploadWith posts a file with more form fields, as the project list's
// import form does.
func (b *browser) uploadWith(target, field, name string, data []byte, fields map[string]string) (int, string) {
	b.t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	w.WriteField("csrf_token", b.csrf)
	for k, v := range fields {
		w.WriteField(k, v)
	}
	fw, err := w.CreateFormFile(field, name)
	if err != nil {
		b.t.Fatal(err)
	}
	fw.Write(data)
	w.Close()
	code, body := b.do("POST", target, w.FormDataContentType(), buf.Bytes())
	return code, string(body)
}
