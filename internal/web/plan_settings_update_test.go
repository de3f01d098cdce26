package web

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

// TestPlanSettingsForm sets the seeded plan's reporting rhythm through
// the plan page's form as several users: who sees the form, who may save,
// bad values, the stored rhythm and the audit log.
func TestPlanSettingsForm(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := seed(t, st)
		other := store.Plan{Title: "另一个计划", StartYear: 2021, EndYear: 2025}
		if err := st.SavePlanTree(ctx, &other, []store.Item{{Kind: store.KindTask, Number: "1", Title: "别的任务"}}, nil); err != nil {
			t.Fatal(err)
		}
		users := map[string]*session{
			"editor":       f.session(t, "editor", store.RoleEditor, store.Scope{PlanID: f.plan.ID}),
			"other editor": f.session(t, "editor2", store.RoleEditor, store.Scope{PlanID: other.ID}),
			"reporter":     f.session(t, "fgw", store.RoleReporter, store.Scope{PlanID: f.plan.ID, Unit: f.task.Units[0].Unit}),
			"viewer":       f.session(t, "viewer", store.RoleViewer, store.Scope{PlanID: f.plan.ID}),
		}
		path := "/plans/" + f.plan.ID + "/settings"
		for name, want := range map[string]bool{"editor": true, "viewer": false, "reporter": false} {
			body := f.do("GET", "/plans/"+f.plan.ID, users[name], nil, nil).Body.String()
			if got := strings.Contains(body, `action="`+path+`"`); got != want {
				t.Errorf("%s: settings form shown %v, want %v", name, got, want)
			}
			if !strings.Contains(body, "月报，次月5日前报送") {
				t.Errorf("%s: the plan page does not say the plan reports monthly by the 5th", name)
			}
		}

		steps := []struct {
			name, user string
			form       url.Values
			noCSRF     bool
			status     int
			rhythm     string // stored afterwards
		}{
			{"viewer", "viewer", url.Values{"rhythm": {"quarterly"}}, false, 403, "monthly:5"},
			{"reporter", "reporter", url.Values{"rhythm": {"quarterly"}}, false, 403, "monthly:5"},
			{"editor of another plan", "other editor", url.Values{"rhythm": {"quarterly"}}, false, 404, "monthly:5"},
			{"no CSRF token", "editor", url.Values{"rhythm": {"quarterly"}}, true, 403, "monthly:5"},
			{"unknown rhythm", "editor", url.Values{"rhythm": {"weekly"}}, false, 400, "monthly:5"},
			{"no rhythm", "editor", url.Values{"due_day": {"10"}}, false, 400, "monthly:5"},
			{"due day too late", "editor", url.Values{"rhythm": {"monthly"}, "due_day": {"31"}}, false, 400, "monthly:5"},
			{"due day not a number", "editor", url.Values{"rhythm": {"monthly"}, "due_day": {"五"}}, false, 400, "monthly:5"},
			{"quarterly, usual day", "editor", url.Values{"rhythm": {"quarterly"}, "due_day": {""}}, false, 303, "quarterly:20"},
			{"monthly by the 10th", "editor", url.Values{"rhythm": {"monthly"}, "due_day": {"10"}}, false, 303, "monthly:10"},
			{"in Chinese", "editor", url.Values{"rhythm": {"季报"}, "due_day": {"15"}}, false, 303, "quarterly:15"},
		}
		for _, s := range steps {
			sess := users[s.user]
			form := url.Values{}
			for k, v := range s.form {
				form[k] = v
			}
			if !s.noCSRF {
				form.Set("csrf_token", sess.csrf)
			}
			rec := f.do("POST", path, sess, nil, form)
			if rec.Code != s.status {
				t.Errorf("%s: status %d, want %d\n%.300s", s.name, rec.Code, s.status, rec.Body.String())
			}
			if s.status == 303 && rec.Header().Get("Location") != "/plans/"+f.plan.ID+"#settings" {
				t.Errorf("%s: redirected to %q", s.name, rec.Header().Get("Location"))
			}
			if p, _ := st.Plan(ctx, f.plan.ID); p.Rhythm != s.rhythm {
				t.Errorf("%s: rhythm %q, want %q", s.name, p.Rhythm, s.rhythm)
			}
		}
		body := f.do("GET", "/plans/"+f.plan.ID, users["editor"], nil, nil).Body.String()
		if !strings.Contains(body, "季报，下季度首月15日前报送") || !strings.Contains(body, `<option value="quarterly" selected>`) ||
			!strings.Contains(body, `name="due_day" min="1" max="28" step="1" value="15"`) {
			t.Errorf("the form does not start from the stored rhythm:\n%.3000s", body[strings.Index(body, `id="settings"`):])
		}

		entries, err := st.Audit(ctx, store.AuditFilter{Action: "plan.settings", EntityID: f.plan.ID})
		if err != nil {
			t.Fatal(err)
		}
		var trail []string
		for _, e := range entries { // newest first
			if e.ActorLogin != "editor" {
				t.Errorf("audit entry by %q, want editor", e.ActorLogin)
			}
			trail = append(trail, string(e.Before)+"→"+string(e.After))
		}
		want := `{"rhythm":"monthly:10"}→{"rhythm":"quarterly:15"} {"rhythm":"quarterly:20"}→{"rhythm":"monthly:10"} {"rhythm":"monthly:5"}→{"rhythm":"quarterly:20"}`
		if strings.Join(trail, " ") != want {
			t.Errorf("audit trail:\n%s\nwant\n%s", strings.Join(trail, " "), want)
		}
	})
}

// TestPlanSettingsAPI sets the rhythm through the API: the permission
// check, bad bodies, and the plan API showing the result.
func TestPlanSettingsAPI(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		editor := f.session(t, "editor", store.RoleEditor, store.Scope{PlanID: f.plan.ID})
		viewer := f.session(t, "viewer", store.RoleViewer, store.Scope{PlanID: f.plan.ID})
		reporter := f.session(t, "fgw", store.RoleReporter, store.Scope{PlanID: f.plan.ID, Unit: f.task.Units[0].Unit})
		path := "/api/v1/plans/" + f.plan.ID + "/settings"
		steps := []struct {
			name   string
			sess   *session
			body   string
			status int
			want   apiPlanSettings // on 200
			stored string
		}{
			{"viewer", viewer, `{"rhythm": "quarterly"}`, 403, apiPlanSettings{}, "monthly:5"},
			{"reporter", reporter, `{"rhythm": "quarterly"}`, 403, apiPlanSettings{}, "monthly:5"},
			{"signed out", nil, `{"rhythm": "quarterly"}`, 401, apiPlanSettings{}, "monthly:5"},
			{"empty body", editor, ``, 400, apiPlanSettings{}, "monthly:5"},
			{"unknown field", editor, `{"rhythm": "quarterly", "day": 3}`, 400, apiPlanSettings{}, "monthly:5"},
			{"no rhythm", editor, `{}`, 400, apiPlanSettings{}, "monthly:5"},
			{"unknown rhythm", editor, `{"rhythm": "weekly"}`, 400, apiPlanSettings{}, "monthly:5"},
			{"bad day", editor, `{"rhythm": "quarterly:0"}`, 400, apiPlanSettings{}, "monthly:5"},
			{"quarterly", editor, `{"rhythm": "quarterly"}`, 200,
				apiPlanSettings{PlanID: f.plan.ID, Title: f.plan.Title, Rhythm: "quarterly:20", Quarterly: true, DueDay: 20, Kind: "行动计划", Span: "stated", StartYear: 2021, EndYear: 2025}, "quarterly:20"},
			{"monthly by the 8th", editor, `{"rhythm": "月报:8"}`, 200,
				apiPlanSettings{PlanID: f.plan.ID, Title: f.plan.Title, Rhythm: "monthly:8", DueDay: 8, Kind: "行动计划", Span: "stated", StartYear: 2021, EndYear: 2025}, "monthly:8"},
			{"blank title", editor, `{"title": "  "}`, 400, apiPlanSettings{}, "monthly:8"},
			{"title", editor, `{"title": "嘉兴市科创行动计划（修订）"}`, 200,
				apiPlanSettings{PlanID: f.plan.ID, Title: "嘉兴市科创行动计划（修订）", Rhythm: "monthly:8", DueDay: 8, Kind: "行动计划", Span: "stated", StartYear: 2021, EndYear: 2025}, "monthly:8"},
		}
		for _, s := range steps {
			rec := f.doJSON("POST", path, s.sess, s.body, true)
			if rec.Code != s.status || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
				t.Errorf("%s: status %d (%s), want %d\n%s", s.name, rec.Code, rec.Header().Get("Content-Type"), s.status, rec.Body.String())
				continue
			}
			if s.status == 200 {
				var got apiPlanSettings
				if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || got != s.want {
					t.Errorf("%s: %+v (%v), want %+v", s.name, got, err, s.want)
				}
			}
			var plan apiPlanDetail
			rec = f.doJSON("GET", "/api/v1/plans/"+f.plan.ID, viewer, "", false)
			if err := json.Unmarshal(rec.Body.Bytes(), &plan); err != nil || plan.Plan.Rhythm != s.stored {
				t.Errorf("%s: the plan API shows rhythm %q (%v), want %q", s.name, plan.Plan.Rhythm, err, s.stored)
			}
		}
		if rec := f.doJSON("POST", "/api/v1/plans/zzzzzzzz/settings", editor, `{"rhythm": "monthly"}`, true); rec.Code != 404 {
			t.Errorf("unknown plan: %d", rec.Code)
		}
		if rec := f.doJSON("POST", path, editor, `{"rhythm": "monthly"}`, false); rec.Code != 403 {
			t.Errorf("without the CSRF header: %d", rec.Code)
		}
	})
}

// TestQuarterlyUnreported: a task of a plan reporting quarterly, reported
// on in Q1, is not unreported in May (Q1 is the period due; Q2 is not due
// until 20 July) on the plan API, the plan list and /my, nor on 20 July
// itself; from 21 July it is, for Q2. The same task on the monthly rhythm
// is unreported in May.
func TestQuarterlyUnreported(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := seed(t, st)
		unit := "市统计局"
		p := store.Plan{Title: "季报的计划", StartYear: 2023, EndYear: 2024}
		items := []store.Item{{ID: "t", Kind: store.KindTask, Number: "1", Title: "开展统计监测",
			Units: []store.Assignment{{Unit: unit, Role: store.RoleLead}}}}
		if err := st.SavePlanTree(ctx, &p, items, nil); err != nil {
			t.Fatal(err)
		}
		if err := st.AddUpdates(ctx, []store.Update{{ItemID: items[0].ID, Unit: unit, Date: "2023-03-20", Status: "on_schedule",
			Progress: 10, Author: "test", Source: "test", RecordedAt: time.Date(2023, 3, 20, 9, 0, 0, 0, time.Local)}}); err != nil {
			t.Fatal(err)
		}
		now := fixtureNow
		srv, err := New(ctx, st, nil, Options{Version: "test", Now: func() time.Time { return now }})
		if err != nil {
			t.Fatal(err)
		}
		f.srv = srv
		editor := f.session(t, "editor", store.RoleEditor, store.Scope{PlanID: p.ID})
		reporter := f.session(t, "tjj", store.RoleReporter, store.Scope{PlanID: p.ID, Unit: unit})
		setRhythm := func(rh string) {
			t.Helper()
			if rec := f.doJSON("POST", "/api/v1/plans/"+p.ID+"/settings", editor, `{"rhythm": "`+rh+`"}`, true); rec.Code != 200 {
				t.Fatalf("set %s: %d %s", rh, rec.Code, rec.Body.String())
			}
		}
		planUnreported := func(day string) (int, int) {
			t.Helper()
			var one apiPlanDetail
			rec := f.doJSON("GET", "/api/v1/plans/"+p.ID+"?as-of="+day, editor, "", false)
			if err := json.Unmarshal(rec.Body.Bytes(), &one); err != nil {
				t.Fatalf("plan API: %d %v", rec.Code, err)
			}
			var list apiPlanList
			rec = f.doJSON("GET", "/api/v1/plans?as-of="+day, editor, "", false)
			if err := json.Unmarshal(rec.Body.Bytes(), &list); err != nil {
				t.Fatalf("plan list API: %d %v", rec.Code, err)
			}
			for _, l := range list.Plans {
				if l.Plan.ID == p.ID {
					return one.Summary.Unreported, l.Summary.Unreported
				}
			}
			t.Fatalf("plan list API lacks the plan")
			return 0, 0
		}
		my := func(day time.Time) apiMyTasks {
			t.Helper()
			now = day
			var got apiMyTasks
			rec := f.doJSON("GET", "/api/v1/my/tasks", reporter, "", false)
			if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || rec.Code != 200 {
				t.Fatalf("my tasks: %d %v", rec.Code, err)
			}
			return got
		}

		setRhythm("monthly")
		if one, list := planUnreported("2023-05-15"); one != 1 || list != 1 {
			t.Errorf("monthly, 15 May: unreported %d (plan), %d (list); want 1: April's report is missing", one, list)
		}
		setRhythm("quarterly")
		for _, c := range []struct {
			day    string
			want   int
			period string
			due    string
		}{
			{"2023-05-15", 0, "2023-Q1", "2023-04-20"},
			{"2023-07-20", 0, "2023-Q1", "2023-04-20"},
			{"2023-07-21", 1, "2023-Q2", "2023-07-20"},
		} {
			if one, list := planUnreported(c.day); one != c.want || list != c.want {
				t.Errorf("quarterly, %s: unreported %d (plan), %d (list); want %d", c.day, one, list, c.want)
			}
			day, _ := time.ParseInLocation(time.DateOnly, c.day, time.Local)
			got := my(day.Add(12 * time.Hour))
			var unreported []string
			for _, tk := range got.Tasks {
				if tk.Unreported {
					unreported = append(unreported, tk.Title+" "+tk.Period)
				}
			}
			if len(unreported) != c.want || got.Period != c.period || got.Due != c.due ||
				len(got.Duties) != 1 || got.Duties[0].Rhythm != "quarterly:20" || got.Duties[0].Period != c.period {
				t.Errorf("quarterly, %s: /api/v1/my/tasks unreported %v, period %s due %s, duties %+v; want %d, %s due %s",
					c.day, unreported, got.Period, got.Due, got.Duties, c.want, c.period, c.due)
			}
			if c.want > 0 && unreported[0] != "开展统计监测 "+c.period {
				t.Errorf("quarterly, %s: unreported %v", c.day, unreported)
			}
			if body := f.do("GET", "/my", reporter, nil, nil).Body.String(); !strings.Contains(body, c.period) {
				t.Errorf("quarterly, %s: /my does not name the period %s", c.day, c.period)
			}
		}
	})
}
