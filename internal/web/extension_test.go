package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
	"planwatch/internal/track"
)

// TestTaskExtension: an editor records an approved new deadline by the
// API or the task page; the task is then 已延期 on its page and in the
// API; a reporter may not extend; bad dates are refused.
func TestTaskExtension(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st) // now is 2023-06-30, the plan runs to 2025
		reporter := f.session(t, "kjj", store.RoleReporter, store.Scope{PlanID: f.plan.ID, Unit: f.task.Units[0].Unit})
		path := "/api/v1/tasks/" + f.task.ID + "/extensions"
		cases := []struct {
			name   string
			sess   *session
			body   string
			status int
			want   string
		}{
			{"a reporter", reporter, `{"deadline":"2026-06-30","reason":"r","approver":"a"}`, 403, "forbidden"},
			{"not later", f.admin, `{"deadline":"2025-06-30","reason":"r","approver":"a"}`, 400, "not after"},
			{"no approver", f.admin, `{"deadline":"2026-06-30","reason":"用地审批延后"}`, 400, "approved it"},
			{"approved tomorrow", f.admin, `{"deadline":"2026-06-30","reason":"r","approver":"a","approved_on":"2023-07-01"}`, 400, "not after today"},
			{"approved", f.admin, `{"deadline":"2026年6月30日","reason":"用地审批延后","approver":"市政府办公室"}`, 201,
				`"new_deadline":"2026-06-30","reason":"用地审批延后","approved_by":"市政府办公室","approved_on":"2023-06-30"`},
		}
		for _, c := range cases {
			rec := f.doJSON("POST", path, c.sess, c.body, true)
			if rec.Code != c.status || !strings.Contains(rec.Body.String(), c.want) {
				t.Errorf("%s: %d %s, want %d with %s", c.name, rec.Code, rec.Body, c.status, c.want)
			}
		}
		var task apiTaskDetail
		if err := json.Unmarshal(f.do("GET", "/api/v1/tasks/"+f.task.ID, f.admin, nil, nil).Body.Bytes(), &task); err != nil ||
			task.Status != track.StatusExtended || task.Deadline != "2026-06-30" || len(task.Extensions) != 1 || task.Extensions[0].OldDeadline != "" {
			t.Errorf("task after the extension: %+v, %v", task, err)
		}
		page := f.do("GET", "/tasks/"+f.task.ID, f.admin, nil, nil).Body.String()
		if !strings.Contains(page, `class="pill extended"`) || !strings.Contains(page, "市政府办公室") || !strings.Contains(page, `action="/tasks/`+f.task.ID+`/extensions"`) {
			t.Errorf("task page after the extension:\n%.3000s", page)
		}
		if page := f.do("GET", "/tasks/"+f.task.ID, reporter, nil, nil).Body.String(); strings.Contains(page, `/extensions"`) {
			t.Error("the reporter is offered the extension form")
		}
		form := url.Values{"deadline": {"2026-12-31"}, "reason": {"再次调整"}, "approver": {"市政府"}, "csrf_token": {f.admin.csrf}}
		if rec := f.do("POST", "/tasks/"+f.task.ID+"/extensions", f.admin, nil, form); rec.Code != http.StatusSeeOther {
			t.Errorf("form: %d %s", rec.Code, rec.Body)
		}
		if es, _ := st.Audit(t.Context(), store.AuditFilter{Action: store.AuditTaskExtend}); len(es) != 2 || es[0].ActorLogin != "admin" {
			t.Errorf("task.extend audit: %+v", es)
		}
	})
}
