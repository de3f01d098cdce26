package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"planwatch/internal/extract"
	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
	"planwatch/internal/track"
)

// confirmProposals confirms every proposal of a plan, as an office that
// takes the extraction as it is would: the fixtures that start from an
// extracted plan track all its tasks.
func confirmProposals(t testing.TB, st *store.Store, planID string) {
	t.Helper()
	if _, err := st.ReviewProposals(context.Background(), store.Review{PlanID: planID, All: true,
		Decision: store.ReviewConfirmed, Author: "test"}, store.AuditEntry{ActorLogin: "test"}); err != nil {
		t.Fatal(err)
	}
}

// confirmTasksAndTargets confirms a plan's proposed tasks and targets and
// dismisses its projects: a confirmed project proposal becomes a project
// record, and the project tests seed the plan's projects themselves.
func confirmTasksAndTargets(t testing.TB, st *store.Store, planID string) {
	t.Helper()
	for kind, decision := range map[string]string{store.KindTask: store.ReviewConfirmed, store.KindTarget: store.ReviewConfirmed,
		store.KindProject: store.ReviewDismissed} {
		if _, err := st.ReviewProposals(context.Background(), store.Review{PlanID: planID, All: true, Kind: kind,
			Decision: decision, Author: "test"}, store.AuditEntry{ActorLogin: "test"}); err != nil {
			t.Fatal(err)
		}
	}
}

// proposedPlan makes a second plan of the fixture's document as `plan
// create` does, its items left for review, and returns it with its
// proposals by title.
func proposedPlan(t *testing.T, f *fixture) (store.Plan, map[string]store.Item) {
	t.Helper()
	ctx := context.Background()
	v, err := f.st.Version(ctx, f.docID, 0)
	if err != nil {
		t.Fatal(err)
	}
	var ext extract.Result
	if err := json.Unmarshal(v.Extraction, &ext); err != nil {
		t.Fatal(err)
	}
	plan, items, inds := track.FromExtraction(&ext, store.Document{ID: f.docID}, v.Seq, "")
	plan.Title = "待审核的计划"
	if err := f.st.SavePlanTree(ctx, &plan, items, inds); err != nil {
		t.Fatal(err)
	}
	props, err := f.st.Proposals(ctx, plan.ID, store.ReviewProposed)
	if err != nil || len(props.Items) == 0 {
		t.Fatalf("proposals: %d, %v", len(props.Items), err)
	}
	byTitle := map[string]store.Item{}
	for _, it := range props.Items {
		byTitle[it.Title] = it
	}
	return plan, byTitle
}

// TestProposalReview plays a plan office's review in the web app: the
// page lists what the document proposed with its source sentences; the
// forms confirm, edit, merge and dismiss; the API confirms the targets;
// and the plan's counts, the reporter's /my and the alerts hold confirmed
// tasks only.
func TestProposalReview(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		ctx := context.Background()
		p, props := proposedPlan(t, f)
		// The fixture's own review is audited too: count from here.
		before, err := st.Audit(ctx, store.AuditFilter{Action: "proposal."})
		if err != nil {
			t.Fatal(err)
		}
		base := "/plans/" + p.ID + "/proposals"
		reporter := f.session(t, "kjj", store.RoleReporter, store.Scope{PlanID: p.ID, Unit: "市科技局"})
		viewer := f.session(t, "viewer", store.RoleViewer, store.Scope{PlanID: p.ID})
		summary := func() apiSummary {
			t.Helper()
			rec := f.get("GET", "/api/v1/plans/"+p.ID, nil)
			var d apiPlanDetail
			if rec.Code != 200 || json.Unmarshal(rec.Body.Bytes(), &d) != nil {
				t.Fatalf("plan API = %d\n%.400s", rec.Code, rec.Body.String())
			}
			return d.Summary
		}
		myTasks := func() int {
			t.Helper()
			rec := f.do("GET", "/api/v1/my/tasks", reporter, nil, nil)
			if rec.Code != 200 {
				t.Fatalf("my tasks = %d\n%.400s", rec.Code, rec.Body.String())
			}
			return strings.Count(rec.Body.String(), `"task_id":`)
		}

		// Before review nothing is counted, nothing owed.
		if s := summary(); s.Tasks != 0 || s.Indicators != 0 {
			t.Errorf("before review: %d tasks, %d indicators; want none", s.Tasks, s.Indicators)
		}
		if n := myTasks(); n != 0 {
			t.Errorf("before review the reporter owes %d tasks of the plan", n)
		}
		task1 := props["共建沪嘉科创走廊"]
		alerted := func() bool {
			t.Helper()
			rec := f.get("GET", "/api/v1/alerts", nil)
			if rec.Code != 200 {
				t.Fatalf("alerts = %d\n%.400s", rec.Code, rec.Body.String())
			}
			return strings.Contains(rec.Body.String(), `"id":"`+task1.ID+`"`)
		}
		if alerted() {
			t.Errorf("before review the alerts hold task 1")
		}
		page := f.get("GET", base, nil)
		body := page.Body.String()
		if page.Code != 200 || !strings.Contains(body, "待确认") || !strings.Contains(body, "共建沪嘉科创走廊") ||
			!strings.Contains(body, "（牵头单位：市科技局；配合单位：市发展改革委、市经信局）") || !strings.Contains(body, "南湖实验室") ||
			!strings.Contains(body, `id="waiting">39<`) {
			t.Fatalf("review page = %d\n%.3000s", page.Code, body)
		}
		if plan := f.get("GET", "/plans/"+p.ID, nil); !strings.Contains(plan.Body.String(), base) {
			t.Errorf("the plan page does not link to its review")
		}
		for _, c := range []struct {
			name string
			sess *session
			code int
		}{{"viewer", viewer, http.StatusForbidden}, {"reporter", reporter, http.StatusForbidden}} {
			if rec := f.do("GET", base, c.sess, nil, nil); rec.Code != c.code {
				t.Errorf("%s's review page = %d, want %d", c.name, rec.Code, c.code)
			}
		}

		task2, task3 := props["建设南湖实验室"], props["推进科技成果转移转化"]
		form := func(v url.Values) url.Values { v.Set("csrf_token", f.admin.csrf); return v }
		steps := []struct {
			name   string
			path   string
			form   url.Values
			status int
			want   string // in the body of a refusal
		}{
			{"confirm nothing", base, form(url.Values{"decision": {"confirm"}}), 400, "勾选"},
			{"an unknown decision", base, form(url.Values{"decision": {"maybe"}, "id": {task1.ID}}), 400, "decision"},
			{"confirm two", base, form(url.Values{"decision": {"confirm"}, "id": {task1.ID, task2.ID}}), 303, ""},
			{"dismiss a confirmed task", base, form(url.Values{"decision": {"dismiss"}, "id": {task1.ID}}), 409, "confirmed"},
			{"merge without a target", base, form(url.Values{"decision": {"merge"}, "id": {props["南湖实验室"].ID}}), 400, "并入"},
			{"merge the project into its task", base, form(url.Values{"decision": {"merge"}, "id": {props["南湖实验室"].ID}, "into": {task2.ID}}), 303, ""},
			{"dismiss a project", base, form(url.Values{"decision": {"dismiss"}, "id": {props["一批零碳示范园区"].ID}, "reason": {"不单独跟踪"}}), 303, ""},
			{"edit with an unknown unit", base + "/" + task3.ID, form(url.Values{"lead": {"市科委"}, "confirm": {"1"}}), 400, "市科委"},
			{"edit with a bad date", base + "/" + task3.ID, form(url.Values{"deadline": {"2025-13-01"}}), 400, "deadline"},
			{"edit and confirm", base + "/" + task3.ID, form(url.Values{"deadline": {"2025-12-31"}, "lead": {"市发改委"}, "confirm": {"1"}}), 303, ""},
			{"edit a confirmed task", base + "/" + task1.ID, form(url.Values{"title": {"改名"}}), 409, "confirmed"},
		}
		for _, s := range steps {
			rec := f.do("POST", s.path, f.admin, nil, s.form)
			if rec.Code != s.status || s.status != 303 && !strings.Contains(rec.Body.String(), s.want) {
				t.Errorf("%s: %d, want %d with %q\n%.600s", s.name, rec.Code, s.status, s.want, rec.Body.String())
			}
		}
		if rec := f.do("POST", base, viewer, nil, url.Values{"csrf_token": {viewer.csrf}, "decision": {"confirm"}, "all": {"1"}}); rec.Code != http.StatusForbidden {
			t.Errorf("a viewer's confirmation = %d, want 403", rec.Code)
		}
		edited, err := st.Item(ctx, task3.ID)
		if err != nil || edited.Review != store.ReviewConfirmed || edited.Deadline != "2025-12-31" || len(edited.Units) != 1 || edited.Units[0].Unit != "市发展改革委" {
			t.Errorf("edited proposal = %+v, %v", edited, err)
		}
		if s := summary(); s.Tasks != 3 || s.Indicators != 0 {
			t.Errorf("after the forms: %d tasks, %d indicators; want 3 and 0", s.Tasks, s.Indicators)
		}
		// The reporter of 市科技局 owes reports on the confirmed tasks it
		// leads or supports, none on the proposals.
		if n := myTasks(); n != 2 {
			t.Errorf("the reporter owes %d tasks of the plan, want 2 (tasks 1 and 2)", n)
		}
		if !alerted() {
			t.Errorf("once confirmed, task 1 (behind 序时进度) is not among the alerts")
		}

		// The API: the list, then every target confirmed.
		rec := f.get("GET", "/api/v1"+base, nil)
		var list apiProposalList
		if rec.Code != 200 || json.Unmarshal(rec.Body.Bytes(), &list) != nil || list.Total != 34 || list.Proposals[0].Source == "" {
			t.Fatalf("proposals API = %d %d\n%.600s", rec.Code, list.Total, rec.Body.String())
		}
		for _, c := range []struct {
			body string
			code int
			want string
		}{
			{`{"decision":"confirm","all":true,"kind":"target"}`, 200, `"changed":12`},
			{`{"decision":"confirm","all":true,"kind":"plan"}`, 400, "kind"},
			{`{"decision":"confirm","ids":["x"],"extra":1}`, 400, "body"},
		} {
			rec := f.doJSON("POST", "/api/v1"+base, f.admin, c.body, true)
			if rec.Code != c.code || !strings.Contains(rec.Body.String(), c.want) {
				t.Errorf("POST %s = %d, want %d with %q\n%.400s", c.body, rec.Code, c.code, c.want, rec.Body.String())
			}
		}
		if s := summary(); s.Tasks != 3 || s.Indicators != 12 {
			t.Errorf("after the API: %d tasks, %d indicators; want 3 and 12", s.Tasks, s.Indicators)
		}
		dismissed := f.get("GET", base+"?state=dismissed", nil)
		if !strings.Contains(dismissed.Body.String(), "一批零碳示范园区") || !strings.Contains(dismissed.Body.String(), "南湖实验室") {
			t.Errorf("dismissed list lacks the dismissed and merged projects\n%.1500s", dismissed.Body.String())
		}
		if es, err := st.Audit(ctx, store.AuditFilter{Action: "proposal."}); err != nil || len(es)-len(before) != 5 {
			t.Errorf("audit of the review = %d entries, %v; want 5", len(es)-len(before), err)
		}
	})
}
