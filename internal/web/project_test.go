package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

// seedProjects gives the fixture's plan (its clock is 2023-06-30) three
// projects: one on schedule, one behind, one not started by its 开工 day.
func seedProjects(t *testing.T, f *fixture) []store.Project {
	t.Helper()
	ctx := context.Background()
	w := int64(store.WanScale)
	ps := []store.Project{
		{Name: "城际铁路", ItemID: f.task.ID, Lead: "市交通局", RegionCode: "330602", Total: 120000 * w, Phase: store.PhaseBuild,
			Years: []store.ProjectYear{{Year: 2023, Planned: 12000 * w}}},
		{Name: "污水处理厂", Lead: "市建设局", Support: []string{"市交通局"}, RegionCode: "330603", Total: 9000 * w, Phase: store.PhaseBuild,
			Years: []store.ProjectYear{{Year: 2023, Planned: 6000 * w}}},
		{Name: "滨江公园", Lead: "市建设局", RegionCode: "330603", Total: 3000 * w, Phase: store.PhasePrep,
			Years:      []store.ProjectYear{{Year: 2023, Planned: 1000 * w}},
			Milestones: []store.Milestone{{Phase: store.PhaseStart, Planned: "2023-03-31"}}},
	}
	if err := f.st.SaveProjects(ctx, f.plan.ID, ps); err != nil {
		t.Fatal(err)
	}
	reps := []store.ProjectReport{
		{ProjectID: ps[0].ID, Month: "2023-05", MonthDone: 1000 * w, YearDone: 5000 * w, Author: "t", Source: "test"},
		{ProjectID: ps[1].ID, Month: "2023-05", MonthDone: 100 * w, YearDone: 600 * w, Problems: "用地未批", Author: "t", Source: "test"},
	}
	if err := f.st.AddProjectReports(ctx, reps); err != nil {
		t.Fatal(err)
	}
	return ps
}

func TestProjectPages(t *testing.T) {
	f := seed(t, storetest.Fresh(t, "sqlite"))
	ps := seedProjects(t, f)

	// The list as of May (the last month due on 30 June): amounts in
	// 万元/亿元, the two behind marked, the filters narrowing.
	rec := f.get("GET", "/plans/"+f.plan.ID+"/projects", nil)
	body := rec.Body.String()
	if rec.Code != 200 || !strings.Contains(body, "2023-05") || !strings.Contains(body, "12亿元") || !strings.Contains(body, "13.2亿元") {
		t.Fatalf("list = %d\n%.2000s", rec.Code, body)
	}
	if strings.Count(body, `class="late"`) != 2 {
		t.Errorf("late rows: %d", strings.Count(body, `class="late"`))
	}
	for q, want := range map[string]int{"unit=" + url.QueryEscape("市交通局"): 2, "region=330603": 2, "late=1": 2,
		"phase=" + url.QueryEscape("前期"): 1, "late=1&unit=" + url.QueryEscape("市交通局"): 1} {
		var out apiProjectList
		rec := f.get("GET", "/api/v1/plans/"+f.plan.ID+"/projects?"+q, nil)
		if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil || len(out.Projects) != want {
			t.Errorf("?%s: %d projects (%v), want %d", q, len(out.Projects), err, want)
		}
	}
	if rec := f.get("GET", "/api/v1/plans/"+f.plan.ID+"/projects?phase=施工中", nil); rec.Code != 200 {
		// 施工 is read as 建设: a phase as offices write it.
		t.Errorf("phase as written: %d", rec.Code)
	}
	if rec := f.get("GET", "/api/v1/plans/"+f.plan.ID+"/projects?phase=abc", nil); rec.Code != 400 || !strings.Contains(rec.Body.String(), "phase") {
		t.Errorf("bad phase: %d %s", rec.Code, rec.Body.String())
	}
	if rec := f.get("GET", "/api/v1/plans/"+f.plan.ID+"/projects?month=2023-13", nil); rec.Code != 400 {
		t.Errorf("bad month: %d", rec.Code)
	}
	var out apiProjectList
	json.Unmarshal(f.get("GET", "/api/v1/plans/"+f.plan.ID+"/projects", nil).Body.Bytes(), &out)
	if len(out.ByUnit) != 2 || out.ByUnit[1].Key != "市建设局" || out.ByUnit[1].Total != 12000 || out.ByUnit[1].Late != 2 {
		t.Errorf("by unit: %+v", out.ByUnit)
	}

	// The project page: its figures, the chart's data, the form.
	rec = f.get("GET", "/projects/"+ps[1].ID, nil)
	body = rec.Body.String()
	if rec.Code != 200 || !strings.Contains(body, `data-chart="project"`) || !strings.Contains(body, "用地未批") || !strings.Contains(body, `id="report-form"`) {
		t.Fatalf("project page = %d\n%.1500s", rec.Code, body)
	}
	// A mistake: the form again with the error beside the field, nothing saved.
	rec = f.do("POST", "/projects/"+ps[1].ID+"/reports", f.admin, nil, url.Values{"csrf_token": {f.admin.csrf},
		"month": {"2023-06"}, "done": {"五百"}, "problems": {"待协调"}})
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), `class="field-error"`) || !strings.Contains(rec.Body.String(), "待协调") {
		t.Errorf("bad form = %d", rec.Code)
	}
	rec = f.do("POST", "/projects/"+ps[1].ID+"/reports", f.admin, nil, url.Values{"csrf_token": {f.admin.csrf},
		"month": {"2023-06"}, "done": {"400"}, "phase": {"建设"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("report = %d %s", rec.Code, rec.Body.String())
	}
	reps, _ := f.st.ProjectReports(context.Background(), f.plan.ID)
	if len(reps) != 3 || reps[2].YearDone != 1000*store.WanScale || reps[2].Source != "web" {
		t.Errorf("saved: %+v", reps)
	}
	if rec := f.get("GET", "/projects/zzzzzzzzzzzzzzzz", nil); rec.Code != 404 {
		t.Errorf("unknown project: %d", rec.Code)
	}

	// Who may report: a reporter of a supporting unit yes, of another unit no.
	support := f.session(t, "jiaotong", store.RoleReporter, store.Scope{PlanID: f.plan.ID, Unit: "市交通局"})
	other := f.session(t, "shuili", store.RoleReporter, store.Scope{PlanID: f.plan.ID, Unit: "市水利局"})
	for _, c := range []struct {
		sess *session
		want int
	}{{support, http.StatusCreated}, {other, http.StatusForbidden}} {
		req := `{"month":"2023-06","to_date":"0.11亿"}`
		rec := f.doJSON("POST", "/api/v1/projects/"+ps[1].ID+"/reports", c.sess, req, true)
		if rec.Code != c.want {
			t.Errorf("%s: %d %s", c.sess.user.Login, rec.Code, rec.Body.String())
		}
	}
	if rec := f.doJSON("POST", "/api/v1/projects/"+ps[1].ID+"/reports", f.admin, `{"month":"2023-06","done":5,"extra":1}`, true); rec.Code != 400 {
		t.Errorf("unknown field: %d", rec.Code)
	}
	if rec := f.doJSON("POST", "/api/v1/projects/"+ps[1].ID+"/reports", f.admin, `{"month":"2023-08","done":5}`, true); rec.Code != 400 || !strings.Contains(rec.Body.String(), "month") {
		t.Errorf("a month not begun: %d %s", rec.Code, rec.Body.String())
	}

	// The alerts name the projects behind and not started, and a
	// milestone due in July (the month after June, reported above).
	soon := []store.Project{{Name: "图书馆", Lead: "市文广局", Phase: store.PhaseBuild,
		Milestones: []store.Milestone{{Phase: store.PhaseDone, Planned: "2023-07-20"}}}}
	if err := f.st.SaveProjects(context.Background(), f.plan.ID, soon); err != nil {
		t.Fatal(err)
	}
	var alerts apiAlerts
	json.Unmarshal(f.get("GET", "/api/v1/alerts", nil).Body.Bytes(), &alerts)
	if len(alerts.Projects) != 1 || len(alerts.Projects[0].NotStarted) != 1 || alerts.Projects[0].NotStarted[0].ID != ps[2].ID ||
		len(alerts.Projects[0].DueSoon) != 1 || alerts.Projects[0].DueSoon[0].ID != soon[0].ID || len(alerts.Projects[0].Milestones) != 0 {
		t.Errorf("alerts: %+v", alerts.Projects)
	}
	if page := f.get("GET", "/alerts", nil).Body.String(); !strings.Contains(page, `data-due-soon="`+soon[0].ID+`"`) {
		t.Error("/alerts does not show the milestone due")
	}
}

// TestProjectSheetUpload: the list page's import, for plan editors only;
// a refused row shows on the page again with nothing recorded, a good
// file adds the projects and the month's figures.
func TestProjectSheetUpload(t *testing.T) {
	f := seed(t, storetest.Fresh(t, "sqlite"))
	target := "/plans/" + f.plan.ID + "/projects/sheet"
	good := []byte("序号,项目名称,总投资（亿元）,2023年计划投资（万元）,1-5月完成投资（万元）,牵头单位\n1,城际铁路,12,12000,5000,市交通局\n2,污水处理厂,0.9,6000,,市建设局\n")
	bad := []byte("序号,项目名称,总投资（亿元）,1-5月完成投资\n1,城际铁路,很多,5\n")

	reporter := f.session(t, "baosong", store.RoleReporter, store.Scope{PlanID: f.plan.ID, Unit: "市交通局"})
	if rec := f.upload(t, target, reporter, nil, "sheet", "重大项目.csv", good); rec.Code != http.StatusForbidden {
		t.Errorf("a reporter's import = %d", rec.Code)
	}
	rec := f.upload(t, target, f.admin, nil, "sheet", "重大项目.csv", bad)
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "第2行C列") {
		t.Errorf("a refused row = %d\n%.600s", rec.Code, rec.Body.String())
	}
	if ps, _ := f.st.Projects(context.Background(), f.plan.ID); len(ps) != 0 {
		t.Errorf("a refused file saved %d projects", len(ps))
	}
	if rec := f.upload(t, target, f.admin, nil, "sheet", "重大项目.xls", good); rec.Code != http.StatusBadRequest {
		t.Errorf("an .xls = %d", rec.Code)
	}
	rec = f.upload(t, target, f.admin, nil, "sheet", "重大项目.csv", good)
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `id="import-result"`) {
		t.Fatalf("import = %d\n%.600s", rec.Code, rec.Body.String())
	}
	ps, _ := f.st.Projects(context.Background(), f.plan.ID)
	reps, _ := f.st.ProjectReports(context.Background(), f.plan.ID)
	if len(ps) != 2 || ps[0].Total != 120000*store.WanScale || ps[1].Planned(2023) != 6000*store.WanScale || len(reps) != 1 || reps[0].Month != "2023-05" {
		t.Errorf("saved: %+v %+v", ps, reps)
	}
}
