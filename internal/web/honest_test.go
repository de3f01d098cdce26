package web

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

// TestHonestReportingWeb: on 30 June 2023 (monthly rhythm: June open
// from 6 June), the task page's form and the API refuse a report dated in
// May without a reason, or one bringing progress down, saying why; with a
// reason it is saved, and the timeline and the task API show the reason
// and mark it 迟报.
func TestHonestReportingWeb(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := seed(t, st)
		unit := f.task.Units[0].Unit
		rep := f.session(t, "fgw", store.RoleReporter, store.Scope{PlanID: f.plan.ID, Unit: unit})
		page := f.do("GET", "/tasks/"+f.task.ID, rep, nil, nil).Body.String()
		if !strings.Contains(page, `name="reason"`) || !strings.Contains(page, "日期早于 2023-06-06 为补报") {
			t.Errorf("the update form has no reason field or hint")
		}
		path := "/tasks/" + f.task.ID + "/updates"
		steps := []struct {
			name   string
			form   url.Values
			status int
			want   string
		}{
			{"back-dated, no reason", url.Values{"date": {"2023-05-31"}, "status": {"进行中"}, "progress": {"95"}}, 400, "补报须说明原因"},
			{"falls, no reason", url.Values{"date": {"2023-06-30"}, "status": {"进行中"}, "progress": {"1"}}, 400, "完成进度回退须说明原因"},
			{"back-dated with a reason", url.Values{"date": {"2023-05-31"}, "status": {"进行中"}, "progress": {"95"}, "reason": {"系统故障未能按期报送"}}, 303, ""},
		}
		for _, s := range steps {
			s.form.Set("csrf_token", rep.csrf)
			rec := f.do("POST", path, rep, nil, s.form)
			if rec.Code != s.status || !strings.Contains(rec.Body.String(), s.want) {
				t.Errorf("%s: %d, want %d with %q\n%.300s", s.name, rec.Code, s.status, s.want, rec.Body.String())
			}
		}
		page = f.do("GET", "/tasks/"+f.task.ID, rep, nil, nil).Body.String()
		if !strings.Contains(page, `<span class="pill late warn">迟报</span>`) || !strings.Contains(page, "说明：系统故障未能按期报送") {
			t.Errorf("the timeline does not mark the report late with its reason")
		}
		// The alerts list the late report for May under its unit.
		if body := f.do("GET", "/alerts", f.admin, nil, nil).Body.String(); !strings.Contains(body, "迟报（报送期 2023-05）") ||
			!strings.Contains(body, unit+` · <a href="/tasks/`+f.task.ID+`">`) {
			t.Errorf("/alerts does not list the late report")
		}
		var alerts apiAlerts
		if err := json.Unmarshal(f.doJSON("GET", "/api/v1/alerts", f.admin, "", false).Body.Bytes(), &alerts); err != nil {
			t.Fatal(err)
		}
		lateIn := 0
		for _, pa := range alerts.Plans {
			for _, l := range pa.Late {
				if l.ID == f.task.ID && l.Unit == unit {
					lateIn++
				}
			}
		}
		if lateIn != 1 {
			t.Errorf("/api/v1/alerts lists the late report %d times, want 1", lateIn)
		}
		rec := f.doJSON("POST", "/api/v1/tasks/"+f.task.ID+"/updates", rep, `{"status": "进行中", "progress": 10, "date": "2023-06-30"}`, true)
		if rec.Code != 400 || !strings.Contains(rec.Body.String(), "回退") {
			t.Errorf("API, progress falls without a reason: %d %s", rec.Code, rec.Body.String())
		}
		rec = f.doJSON("POST", "/api/v1/tasks/"+f.task.ID+"/updates", rep, `{"status": "进行中", "progress": 10, "date": "2023-06-30", "reason": "口径调整"}`, true)
		var got apiUpdate
		if err := json.Unmarshal(rec.Body.Bytes(), &got); rec.Code != 201 || err != nil || got.Reason != "口径调整" || got.Late {
			t.Errorf("API with a reason: %d %+v %v", rec.Code, got, err)
		}
		var task apiTaskDetail
		rec = f.doJSON("GET", "/api/v1/tasks/"+f.task.ID, rep, "", false)
		if err := json.Unmarshal(rec.Body.Bytes(), &task); err != nil {
			t.Fatal(err)
		}
		late := 0
		for _, u := range task.Updates {
			if u.Late {
				late++
				if u.Reason != "系统故障未能按期报送" {
					t.Errorf("the late update's reason is %q", u.Reason)
				}
			}
		}
		if late != 1 {
			t.Errorf("the task API marks %d updates late, want 1", late)
		}
		if ups, _ := st.Updates(ctx, f.task.ID); len(ups) != 3 {
			t.Errorf("%d updates stored, want 3 (the seed's and two)", len(ups))
		}
	})
}
