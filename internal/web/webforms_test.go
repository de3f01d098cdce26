package web

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"planwatch/internal/library"
	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

// formStep is one post of a form in the scenarios below: who sends what,
// the status wanted and, for a refusal shown as the form again, the
// message that must stand beside the field.
type formStep struct {
	name, user string
	form       url.Values
	status     int
	beside     string // the id of the field's error element that must hold near
	near       string // text the error must hold
}

// post sends a step's form with the user's CSRF token and checks the
// status and, for a 400, the error beside the field.
func (f *fixture) post(t *testing.T, path string, users map[string]*session, s formStep) string {
	t.Helper()
	sess := users[s.user]
	form := url.Values{"csrf_token": {sess.csrf}}
	for k, v := range s.form {
		form[k] = v
	}
	rec := f.do("POST", path, sess, nil, form)
	body := rec.Body.String()
	if rec.Code != s.status {
		t.Errorf("%s: status %d, want %d\n%.400s", s.name, rec.Code, s.status, body)
		return body
	}
	if s.beside != "" {
		re := regexp.MustCompile(`id="` + regexp.QuoteMeta(s.beside) + `"[^>]*>([^<]*)<`)
		m := re.FindStringSubmatch(body)
		if m == nil || !strings.Contains(m[1], s.near) {
			t.Errorf("%s: no error %q beside the field (#%s): %v", s.name, s.near, s.beside, m)
		}
		if !strings.Contains(body, `aria-invalid="true"`) {
			t.Errorf("%s: the field is not marked invalid", s.name)
		}
	}
	return rec.Header().Get("Location")
}

// checkAudited fails unless the audit log holds exactly one entry of
// action, on entity id, by login: the refused attempts left none.
func checkAudited(t *testing.T, st *store.Store, action, id, login string) {
	t.Helper()
	es, err := st.Audit(context.Background(), store.AuditFilter{Action: action})
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 1 || es[0].EntityID != id || es[0].ActorLogin != login {
		t.Errorf("audit log of %s: %+v, want one entry on %s by %s", action, es, id, login)
	}
}

// TestPlanCreateForm makes a plan from the library document through the
// web form: the preview marks each item's words in its source sentence;
// a bad level, a second plan not asked for, a user who may not make
// plans are refused with nothing saved; then a new plan, whose items
// await review on its review page.
func TestPlanCreateForm(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := seed(t, st)
		users := map[string]*session{
			"admin":       f.admin,
			"plan editor": f.session(t, "editor", store.RoleEditor, store.Scope{PlanID: f.plan.ID}),
			"viewer":      f.session(t, "viewer", store.RoleViewer, store.Scope{}),
		}
		if body := f.do("GET", "/documents/"+f.docID, users["admin"], nil, nil).Body.String(); !strings.Contains(body, `href="/documents/`+f.docID+`/plans/new"`) {
			t.Error("the document page offers the admin no way to make a plan")
		}
		if body := f.do("GET", "/documents/"+f.docID, users["plan editor"], nil, nil).Body.String(); strings.Contains(body, "/plans/new") {
			t.Error("the document page offers an editor of one plan to make plans")
		}
		rec := f.do("GET", "/documents/"+f.docID+"/plans/new", users["admin"], nil, nil)
		body := rec.Body.String()
		if rec.Code != 200 {
			t.Fatalf("preview: %d\n%.400s", rec.Code, body)
		}
		// The seeded plan's first task is proposed again, its title marked
		// in its sentence.
		marks := regexp.MustCompile(`<mark class="hl-focus">([^<]+)</mark>`).FindAllStringSubmatch(body, -1)
		if len(marks) < 3 {
			t.Fatalf("preview marks %d source spans, want one per item", len(marks))
		}
		if !strings.Contains(body, f.task.Title) {
			t.Errorf("preview does not propose the task %q", f.task.Title)
		}
		if rec := f.do("GET", "/documents/"+f.docID+"/plans/new", users["plan editor"], nil, nil); rec.Code != 403 {
			t.Errorf("preview for an editor of one plan: %d, want 403", rec.Code)
		}

		path := "/documents/" + f.docID + "/plans"
		count := func() int {
			ps, err := st.PlansOfDocument(ctx, f.docID)
			if err != nil {
				t.Fatal(err)
			}
			return len(ps)
		}
		for _, s := range []formStep{
			{"viewer", "viewer", url.Values{"new_version": {"1"}}, 403, "", ""},
			{"editor of one plan", "plan editor", url.Values{"new_version": {"1"}}, 403, "", ""},
			{"unknown level", "admin", url.Values{"level": {"省会"}, "new_version": {"1"}}, 400, "plan-level-err", "层级应为"},
			{"a plan exists", "admin", url.Values{"level": {"市"}}, 400, "plan-version-err", "此文件已有计划"},
		} {
			f.post(t, path, users, s)
			if n := count(); n != 1 {
				t.Fatalf("%s: %d plans of the document, want 1 (nothing saved)", s.name, n)
			}
		}
		// A document with nothing to track: refused, no plan.
		notice := filepath.Join(t.TempDir(), "notice.txt")
		if err := os.WriteFile(notice, []byte("关于调整会议时间的通知\n\n各有关单位：\n原定于周一召开的会议改至周三上午九时召开，地点不变。\n\n市政府办公室\n2023年5月4日\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		res := library.New(st, library.Options{}).Add(ctx, notice, nil)
		if res.Err != nil {
			t.Fatal(res.Err)
		}
		rec = f.do("POST", "/documents/"+res.DocumentID+"/plans", users["admin"], nil, url.Values{"csrf_token": {f.admin.csrf}})
		if rec.Code != 400 || !strings.Contains(rec.Body.String(), "文件中没有识别出可跟踪的任务或指标") {
			t.Errorf("a notice: %d\n%.300s", rec.Code, rec.Body.String())
		}
		if ps, err := st.PlansOfDocument(ctx, res.DocumentID); err != nil || len(ps) != 0 {
			t.Errorf("a notice made %d plans (%v)", len(ps), err)
		}

		loc := f.post(t, path, users, formStep{"second plan", "admin", url.Values{"level": {"市"}, "new_version": {"1"}}, 303, "", ""})
		id := strings.TrimSuffix(strings.TrimPrefix(loc, "/plans/"), "/proposals")
		if id == loc || id == "" {
			t.Fatalf("made a plan and went to %q, want its review page", loc)
		}
		p, err := st.Plan(ctx, id)
		if err != nil || p.Level != store.LevelCity || p.DocumentID != f.docID {
			t.Fatalf("new plan %+v, %v", p, err)
		}
		waiting, err := st.CountProposals(ctx, id)
		if err != nil || waiting < 3 {
			t.Fatalf("new plan awaits review of %d items (%v)", waiting, err)
		}
		checkAudited(t, st, "plan.create", id, "admin")
		body = f.do("GET", loc, users["admin"], nil, nil).Body.String()
		if n := strings.Count(body, `<mark class="hl-focus">`); n < waiting {
			t.Errorf("review page marks %d source spans for %d proposals", n, waiting)
		}
	})
}

// TestObservationForm records an indicator's figure through its page:
// who sees and may use the form, bad periods and values refused beside
// the field with nothing saved, and a figure written as offices write it.
func TestObservationForm(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := seed(t, st)
		inds, err := st.Indicators(ctx, f.plan.ID)
		if err != nil || len(inds) == 0 {
			t.Fatal(err)
		}
		ind := inds[0]
		other := store.Plan{Title: "另一个计划", StartYear: 2021, EndYear: 2025}
		if err := st.SavePlanTree(ctx, &other, []store.Item{{Kind: store.KindTask, Number: "1", Title: "别的任务"}}, nil); err != nil {
			t.Fatal(err)
		}
		users := map[string]*session{
			"editor":   f.session(t, "editor", store.RoleEditor, store.Scope{PlanID: f.plan.ID}),
			"viewer":   f.session(t, "viewer", store.RoleViewer, store.Scope{PlanID: f.plan.ID}),
			"stranger": f.session(t, "stranger", store.RoleEditor, store.Scope{PlanID: other.ID}),
		}
		if body := f.do("GET", "/plans/"+f.plan.ID, users["editor"], nil, nil).Body.String(); !strings.Contains(body, `href="/indicators/`+ind.ID+`#observation-form"`) {
			t.Error("the plan page gives its editor no way to record a figure")
		}
		if body := f.do("GET", "/plans/"+f.plan.ID, users["viewer"], nil, nil).Body.String(); !strings.Contains(body, `href="/indicators/`+ind.ID+`"`) {
			t.Error("the plan page gives its viewer no way to the indicator's figures")
		}
		if body := f.do("GET", "/public/plans/"+f.plan.ID, nil, nil, nil).Body.String(); strings.Contains(body, `href="/indicators/`) {
			t.Error("the public plan page links to the internal indicator page")
		}
		for name, want := range map[string]int{"editor": 200, "viewer": 200, "stranger": 404} {
			rec := f.do("GET", "/indicators/"+ind.ID, users[name], nil, nil)
			if rec.Code != want {
				t.Errorf("%s: indicator page %d, want %d", name, rec.Code, want)
			}
			if form := strings.Contains(rec.Body.String(), `id="observation-form"`); form != (name == "editor") {
				t.Errorf("%s: form shown %v", name, form)
			}
		}
		path := "/indicators/" + ind.ID + "/observations"
		count := func() int {
			got, err := st.Indicator(ctx, ind.ID)
			if err != nil {
				t.Fatal(err)
			}
			return len(got.Observations)
		}
		before := count()
		for _, s := range []formStep{
			{"viewer", "viewer", url.Values{"period": {"2022"}, "value": {"3"}}, 403, "", ""},
			{"stranger", "stranger", url.Values{"period": {"2022"}, "value": {"3"}}, 404, "", ""},
			{"no period", "editor", url.Values{"value": {"3"}}, 400, "obs-period-err", "时期应写作"},
			{"period in words", "editor", url.Values{"period": {"去年"}, "value": {"3"}}, 400, "obs-period-err", "时期应写作"},
			{"period to come", "editor", url.Values{"period": {"2031"}, "value": {"3"}}, 400, "obs-period-err", "时期尚未开始"},
			{"no value", "editor", url.Values{"period": {"2022"}}, 400, "obs-value-err", "数值无法识别"},
			{"value in words", "editor", url.Values{"period": {"2022"}, "value": {"三点一"}}, 400, "obs-value-err", "数值无法识别"},
			{"control character in source", "editor", url.Values{"period": {"2022"}, "value": {"3"}, "source": {"统计\x1b公报"}}, 400, "obs-source-err", "来源"},
		} {
			f.post(t, path, users, s)
			if n := count(); n != before {
				t.Fatalf("%s: %d figures, want %d (nothing saved)", s.name, n, before)
			}
		}
		loc := f.post(t, path, users, formStep{"a figure", "editor", url.Values{"period": {"2023-Q1"}, "value": {"2.5"}, "source": {"统计月报"}}, 303, "", ""})
		if loc != "/indicators/"+ind.ID+"?saved=1#observations" {
			t.Errorf("went to %q", loc)
		}
		got, err := st.Indicator(ctx, ind.ID)
		if err != nil || len(got.Observations) != before+1 {
			t.Fatalf("after saving: %d figures, %v", len(got.Observations), err)
		}
		found := false
		for _, o := range got.Observations {
			found = found || (o.Period == "2023-Q1" && o.Value == 2.5 && o.Source == "统计月报")
		}
		if !found {
			t.Errorf("the figure is not stored as typed: %+v", got.Observations)
		}
		checkAudited(t, st, "indicator.observe", ind.ID, "editor")
		if body := f.do("GET", loc, users["editor"], nil, nil).Body.String(); !strings.Contains(body, "2023-Q1") || !strings.Contains(body, "统计月报") {
			t.Error("the indicator page does not list the new figure")
		}
	})
}

// TestTaskUnitsForm gives a task its units through the task page: only
// the plan's editors, a unit the registry does not know refused beside
// its field with the units unchanged, then lead and support swapped.
func TestTaskUnitsForm(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := seed(t, st)
		lead := f.task.Units[0].Unit
		tasks, err := st.Items(ctx, f.plan.ID, store.ItemFilter{Kind: store.KindTask})
		if err != nil {
			t.Fatal(err)
		}
		other := ""
		for _, it := range tasks {
			for _, u := range it.Units {
				if u.Unit != lead && other == "" {
					other = u.Unit
				}
			}
		}
		if other == "" {
			t.Fatal("the sample plan names one unit only")
		}
		users := map[string]*session{
			"editor":   f.session(t, "editor", store.RoleEditor, store.Scope{PlanID: f.plan.ID}),
			"reporter": f.session(t, "fgw", store.RoleReporter, store.Scope{PlanID: f.plan.ID, Unit: lead}),
		}
		for name, want := range map[string]bool{"editor": true, "reporter": false} {
			body := f.do("GET", "/tasks/"+f.task.ID, users[name], nil, nil).Body.String()
			if got := strings.Contains(body, `action="/tasks/`+f.task.ID+`/units"`); got != want {
				t.Errorf("%s: units form shown %v, want %v", name, got, want)
			}
		}
		units := func() string {
			it, err := st.Item(ctx, f.task.ID)
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for _, u := range it.Units {
				b.WriteString(u.Role + ":" + u.Unit + " ")
			}
			return b.String()
		}
		was := units()
		path := "/tasks/" + f.task.ID + "/units"
		for _, s := range []formStep{
			{"reporter", "reporter", url.Values{"lead": {other}}, 403, "", ""},
			{"no unit", "editor", url.Values{"lead": {" "}, "support": {""}}, 400, "units-lead-err", "请至少填写"},
			{"unknown lead", "editor", url.Values{"lead": {"月球开发管理局"}, "support": {lead}}, 400, "units-lead-err", "月球开发管理局"},
			{"unknown support", "editor", url.Values{"lead": {lead}, "support": {"火星办"}}, 400, "units-support-err", "火星办"},
		} {
			f.post(t, path, users, s)
			if now := units(); now != was {
				t.Fatalf("%s: units %q, want %q (nothing saved)", s.name, now, was)
			}
		}
		loc := f.post(t, path, users, formStep{"swap", "editor", url.Values{"lead": {other}, "support": {lead}, "reason": {"分工调整"}}, 303, "", ""})
		if loc != "/tasks/"+f.task.ID+"?assigned=1#units" {
			t.Errorf("went to %q", loc)
		}
		if now, want := units(), store.RoleLead+":"+other+" "+store.RoleSupport+":"+lead+" "; now != want {
			t.Errorf("units %q, want %q", now, want)
		}
		checkAudited(t, st, "task.assign", f.task.ID, "editor")
	})
}

// TestProposalEditForm edits a proposal on the review page with bad
// input: the page again, the form open beside the field, and the
// proposal unchanged (its title is not saved when a unit is refused).
func TestProposalEditForm(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := seed(t, st)
		users := map[string]*session{"admin": f.admin}
		loc := f.post(t, "/documents/"+f.docID+"/plans", users, formStep{"second plan", "admin", url.Values{"new_version": {"1"}}, 303, "", ""})
		planID := strings.TrimSuffix(strings.TrimPrefix(loc, "/plans/"), "/proposals")
		props, err := st.Items(ctx, planID, store.ItemFilter{Kind: store.KindTask, Review: store.ReviewProposed})
		if err != nil || len(props) == 0 {
			t.Fatalf("proposals: %v (%d)", err, len(props))
		}
		it := props[0]
		path := "/plans/" + planID + "/proposals/" + it.ID
		for _, s := range []formStep{
			{"bad deadline", "admin", url.Values{"title": {"改过的标题"}, "deadline": {"2025-13-40"}}, 400, "err-" + it.ID, "完成时限应写作"},
			{"unknown unit", "admin", url.Values{"title": {"改过的标题"}, "lead": {"月球开发管理局"}}, 400, "err-" + it.ID, "月球开发管理局"},
		} {
			f.post(t, path, users, s)
			got, err := st.Item(ctx, it.ID)
			if err != nil || got.Title != it.Title || got.Deadline != it.Deadline || got.Review != store.ReviewProposed {
				t.Errorf("%s: proposal changed: %+v, %v", s.name, got, err)
			}
		}
		f.post(t, path, users, formStep{"good edit", "admin", url.Values{"title": {"改过的标题"}, "confirm": {"1"}}, 303, "", ""})
		if got, err := st.Item(ctx, it.ID); err != nil || got.Title != "改过的标题" || got.Review != store.ReviewConfirmed {
			t.Errorf("after the edit: %+v, %v", got, err)
		}
	})
}

// TestPlanPageFormErrors sends the plan page's settings form bad values:
// each is the page again with the reason beside the field, in Chinese,
// and the plan unchanged; the links form's refusal stands beside it too.
func TestPlanPageFormErrors(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := seed(t, st)
		users := map[string]*session{"editor": f.session(t, "editor", store.RoleEditor, store.Scope{PlanID: f.plan.ID})}
		was, err := st.Plan(ctx, f.plan.ID)
		if err != nil {
			t.Fatal(err)
		}
		path := "/plans/" + f.plan.ID + "/settings"
		for _, s := range []formStep{
			{"weekly", "editor", url.Values{"rhythm": {"weekly"}}, 400, "settings-rhythm-err", "请选择月报或季报"},
			{"due day 31", "editor", url.Values{"rhythm": {"monthly"}, "due_day": {"31"}}, 400, "settings-due-err", "报送日应为"},
			{"years backwards", "editor", url.Values{"rhythm": {"monthly"}, "start_year": {"2025"}, "end_year": {"2021"}}, 400, "settings-period-err", "起止年份"},
			{"years in words", "editor", url.Values{"rhythm": {"monthly"}, "start_year": {"二〇二一"}}, 400, "settings-period-err", "起止年份"},
			{"one-year kind over five years", "editor", url.Values{"rhythm": {"monthly"}, "kind": {"工作要点"}, "start_year": {"2021"}, "end_year": {"2025"}}, 400, "settings-period-err", "年份与计划类别不符"},
		} {
			f.post(t, path, users, s)
			p, err := st.Plan(ctx, f.plan.ID)
			if err != nil || p.Rhythm != was.Rhythm || p.Kind != was.Kind || p.StartYear != was.StartYear || p.EndYear != was.EndYear {
				t.Errorf("%s: plan changed: %+v, %v", s.name, p, err)
			}
		}
		upper := store.Plan{Title: "区县计划", Level: store.LevelCounty, StartYear: 2021, EndYear: 2025}
		if err := st.SavePlanTree(ctx, &upper, []store.Item{{Kind: store.KindTask, Number: "1", Title: "区县任务"}}, nil); err != nil {
			t.Fatal(err)
		}
		prov := store.Plan{Title: "省级计划", Level: store.LevelProvince, StartYear: 2021, EndYear: 2025}
		if err := st.SavePlanTree(ctx, &prov, []store.Item{{Kind: store.KindTask, Number: "1", Title: "省级任务"}}, nil); err != nil {
			t.Fatal(err)
		}
		users["admin"] = f.admin
		f.post(t, "/plans/"+f.plan.ID+"/links", users, formStep{"a county plan as upper", "admin", url.Values{"implements": {upper.ID}}, 409, "links-err", "不能落实"})
		f.post(t, "/plans/"+f.plan.ID+"/links", users, formStep{"no upper plan", "admin", url.Values{"implements": {""}}, 400, "links-err", "请选择上级计划"})
	})
}

// BenchmarkPlanNew renders the plan-creation page of the sample plan's
// document: the extraction read, every proposal made and quoted in its
// sentence (page-bytes: the page's size):
//
//	go test ./internal/web -run '^$' -bench PlanNew -cpu 1
func BenchmarkPlanNew(b *testing.B) {
	f := seed(b, storetest.Fresh(b, "sqlite"))
	path := "/documents/" + f.docID + "/plans/new"
	var n int
	for b.Loop() {
		rec := f.get("GET", path, nil)
		if rec.Code != 200 {
			b.Fatalf("%s: %d", path, rec.Code)
		}
		n = rec.Body.Len()
	}
	b.ReportMetric(float64(n), "page-bytes")
}
