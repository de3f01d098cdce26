package web

import (
	"context"
	"net/url"
	"slices"
	"strings"
	"testing"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
	"planwatch/internal/track"
)

// TestUpdateCreate posts updates on a task as several users and checks
// the CSRF check, the permission table, validation, what is stored and
// the audit log, on both back ends.
func TestUpdateCreate(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := seed(t, st)
		if len(f.task.Units) == 0 {
			t.Fatal("the seeded task has no units")
		}
		unit := f.task.Units[0].Unit
		users := map[string]*session{
			"admin":    f.admin,
			"reporter": f.session(t, "fgw", store.RoleReporter, store.Scope{PlanID: f.plan.ID, Unit: unit}),
			"other":    f.session(t, "jtj", store.RoleReporter, store.Scope{Unit: "某某不相干局"}),
			"viewer":   f.session(t, "viewer", store.RoleViewer, store.Scope{}),
			"editor":   f.session(t, "editor", store.RoleEditor, store.Scope{}),
		}
		path := "/tasks/" + f.task.ID + "/updates"
		cases := []struct {
			name, user string
			form       url.Values
			noCSRF     bool
			status     int
			want       []string // in the body (400) or the stored update's fields (303)
			wantUnit   string
		}{
			{name: "no CSRF token", user: "admin", noCSRF: true, form: url.Values{"status": {"done"}, "progress": {"100"}}, status: 403},
			{name: "admin", user: "admin", form: url.Values{"status": {"滞后"}, "progress": {"50"}, "note": {"用地手续仍在办理"}, "date": {"2023-06-29"}},
				status: 303, want: []string{"in_progress", "用地手续仍在办理", "admin（测试）"}, wantUnit: ""}, // 滞后 is computed, the report is 进行中
			{name: "reporter of the unit", user: "reporter", form: url.Values{"status": {"on_schedule"}, "progress": {"60"}, "note": {"主体开工"},
				"evidence": {"https://example.gov.cn/news/1.html"}}, status: 303, want: []string{"in_progress", "主体开工", "https://example.gov.cn/news/1.html"}, wantUnit: unit},
			{name: "editor for the unit", user: "editor", form: url.Values{"status": {"暂停"}, "progress": {"70"}, "unit": {unit}}, status: 303,
				want: []string{"paused"}, wantUnit: unit},
			{name: "progress as people write it", user: "admin", form: url.Values{"status": {"进行中"}, "progress": {"７５％"}}, status: 303,
				want: []string{"in_progress"}, wantUnit: ""},
			{name: "reporter of another unit", user: "other", form: url.Values{"status": {"done"}, "progress": {"100"}}, status: 403},
			{name: "reporter naming another unit", user: "other", form: url.Values{"status": {"done"}, "progress": {"100"}, "unit": {unit}}, status: 403},
			{name: "viewer", user: "viewer", form: url.Values{"status": {"done"}, "progress": {"100"}}, status: 403},
			{name: "bad status word", user: "admin", form: url.Values{"status": {"差不多"}, "progress": {"10"}, "note": {"保留的文字"}}, status: 400,
				want: []string{"状态无法识别", "差不多", "保留的文字", `id="update-form"`}},
			{name: "no status", user: "admin", form: url.Values{"progress": {"10"}}, status: 400, want: []string{"请选择状态"}},
			{name: "progress out of range", user: "reporter", form: url.Values{"status": {"done"}, "progress": {"120"}}, status: 400, want: []string{"0 到 100"}},
			{name: "progress not a number", user: "admin", form: url.Values{"status": {"done"}, "progress": {"多半"}}, status: 400, want: []string{"0 到 100"}},
			{name: "bad date", user: "admin", form: url.Values{"status": {"done"}, "progress": {"100"}, "date": {"2023-02-30"}}, status: 400, want: []string{"日期格式"}},
			{name: "future date", user: "admin", form: url.Values{"status": {"done"}, "progress": {"100"}, "date": {"2023-07-01"}}, status: 400, want: []string{"不能晚于今天"}},
			{name: "note too long", user: "admin", form: url.Values{"status": {"done"}, "progress": {"100"}, "note": {strings.Repeat("字", track.MaxNoteChars+1)}}, status: 400, want: []string{"过长"}},
			{name: "evidence not a link", user: "admin", form: url.Values{"status": {"done"}, "progress": {"100"}, "evidence": {"javascript:alert(1)"}}, status: 400, want: []string{"http(s)"}},
			{name: "unit not of the task", user: "admin", form: url.Values{"status": {"done"}, "progress": {"100"}, "unit": {"市财政局"}}, status: 400, want: []string{"牵头或配合"}},
			{name: "unit not in the registry", user: "admin", form: url.Values{"status": {"done"}, "progress": {"100"}, "unit": {"市科委"}}, status: 400, want: []string{"不在单位名录中", "市科技局"}},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				s := users[c.user]
				form := url.Values{}
				for k, v := range c.form {
					form[k] = v
				}
				if !c.noCSRF {
					form.Set("csrf_token", s.csrf)
				}
				before, _ := st.Updates(ctx, f.task.ID)
				audited, _ := st.Audit(ctx, store.AuditFilter{Action: "update.post"})
				rec := f.do("POST", path, s, nil, form)
				if rec.Code != c.status {
					t.Fatalf("status %d, want %d; body:\n%.600s", rec.Code, c.status, rec.Body.String())
				}
				after, _ := st.Updates(ctx, f.task.ID)
				auditedAfter, _ := st.Audit(ctx, store.AuditFilter{Action: "update.post"})
				if c.status != 303 {
					if len(after) != len(before) || len(auditedAfter) != len(audited) {
						t.Errorf("refused, yet %d → %d updates, %d → %d audit entries", len(before), len(after), len(audited), len(auditedAfter))
					}
					for _, w := range c.want {
						if !strings.Contains(rec.Body.String(), w) {
							t.Errorf("body lacks %q:\n%.1500s", w, rec.Body.String())
						}
					}
					return
				}
				if len(after) != len(before)+1 || len(auditedAfter) != len(audited)+1 {
					t.Fatalf("%d → %d updates, %d → %d audit entries", len(before), len(after), len(audited), len(auditedAfter))
				}
				var up store.Update // the new one: the timeline is in report-date order
				for _, u := range after {
					if !slices.ContainsFunc(before, func(b store.Update) bool { return b.ID == u.ID }) {
						up = u
					}
				}
				got := strings.Join([]string{up.Status, up.Note, up.Evidence, up.Author, up.Source}, "|")
				for _, w := range c.want {
					if !strings.Contains(got, w) {
						t.Errorf("stored update %q lacks %q", got, w)
					}
				}
				if up.Source != "web" || up.Unit != c.wantUnit || up.Author == "" {
					t.Errorf("stored update %+v, want unit %q", up, c.wantUnit)
				}
				loc := rec.Header().Get("Location")
				if want := "/tasks/" + f.task.ID + "?posted=" + up.ID + "#update-" + up.ID; loc != want {
					t.Errorf("Location %q, want %q", loc, want)
				}
				e := auditedAfter[0]
				if e.EntityType != "item" || e.EntityID != f.task.ID || e.ActorID != s.user.ID || !strings.Contains(string(e.After), up.ID) {
					t.Errorf("audit entry %+v", e)
				}
				page := f.do("GET", strings.SplitN(loc, "#", 2)[0], s, nil, nil)
				if body := page.Body.String(); !strings.Contains(body, "进展已保存") || !strings.Contains(body, `id="update-`+up.ID+`"`) {
					t.Errorf("task page after posting lacks the notice or the update")
				}
			})
		}
		if _, err := st.VerifyAudit(ctx); err != nil {
			t.Error(err)
		}
		// The form is on the page only for users who may post.
		for user, want := range map[string]bool{"admin": true, "reporter": true, "editor": true, "other": false, "viewer": false} {
			body := f.do("GET", "/tasks/"+f.task.ID, users[user], nil, nil).Body.String()
			if has := strings.Contains(body, `action="/tasks/`+f.task.ID+`/updates"`); has != want {
				t.Errorf("%s: form on the page %v, want %v", user, has, want)
			}
		}
	})
}
