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

// TestPublicationForm publishes and withdraws the seeded plan through the
// plan page's form as several users, on both back ends, and checks the
// permission table, the public pages that follow, and the audit log.
func TestPublicationForm(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := seed(t, st)
		other := store.Plan{Title: "另一个计划", StartYear: 2021, EndYear: 2025}
		if err := st.SavePlanTree(ctx, &other, []store.Item{{Kind: store.KindTask, Number: "1", Title: "别的任务"}}, nil); err != nil {
			t.Fatal(err)
		}
		unit := f.task.Units[0].Unit
		users := map[string]*session{
			"editor":       f.session(t, "editor", store.RoleEditor, store.Scope{PlanID: f.plan.ID}),
			"other editor": f.session(t, "editor2", store.RoleEditor, store.Scope{PlanID: other.ID}),
			"reporter":     f.session(t, "fgw", store.RoleReporter, store.Scope{PlanID: f.plan.ID, Unit: unit}),
			"viewer":       f.session(t, "viewer", store.RoleViewer, store.Scope{PlanID: f.plan.ID}),
		}
		path := "/plans/" + f.plan.ID + "/publication"
		public := "/public/plans/" + f.plan.ID

		// The form shows for those who may publish, and only them.
		for name, want := range map[string]bool{"editor": true, "viewer": false, "reporter": false} {
			body := f.do("GET", "/plans/"+f.plan.ID, users[name], nil, nil).Body.String()
			if got := strings.Contains(body, `action="`+path+`"`); got != want {
				t.Errorf("%s: publication form shown %v, want %v", name, got, want)
			}
		}

		steps := []struct {
			name, user string
			form       url.Values
			noCSRF     bool
			status     int
			published  bool // afterwards
			names      bool // the reporter's name on the public page
		}{
			{name: "withdraw", user: "editor", form: url.Values{"publish": {"0"}}, status: 303},
			{name: "reporter", user: "reporter", form: url.Values{"publish": {"1"}}, status: 403},
			{name: "viewer", user: "viewer", form: url.Values{"publish": {"1"}}, status: 403},
			{name: "editor of another plan", user: "other editor", form: url.Values{"publish": {"1"}}, status: 404}, // may not read it: not found
			{name: "no CSRF token", user: "editor", form: url.Values{"publish": {"1"}}, noCSRF: true, status: 403},
			{name: "bad publish value", user: "editor", form: url.Values{"publish": {"yes"}}, status: 400},
			{name: "publish, names hidden by default", user: "editor", form: url.Values{"publish": {"1"}}, status: 303, published: true},
			{name: "publish with names", user: "editor", form: url.Values{"publish": {"1"}, "names": {"1"}}, status: 303, published: true, names: true},
			{name: "viewer cannot withdraw", user: "viewer", form: url.Values{"publish": {"0"}}, status: 403, published: true, names: true},
			{name: "withdraw again", user: "editor", form: url.Values{"publish": {"0"}}, status: 303},
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
			if s.status == 303 && rec.Header().Get("Location") != "/plans/"+f.plan.ID+"#publication" {
				t.Errorf("%s: redirected to %q", s.name, rec.Header().Get("Location"))
			}
			// What a passer-by sees now, signed out.
			pg := f.do("GET", public, nil, nil, nil)
			index := f.do("GET", "/public", nil, nil, nil)
			if !s.published {
				if pg.Code != 404 || index.Code != 200 || strings.Contains(index.Body.String(), f.plan.Title) {
					t.Errorf("%s: unpublished plan: page %d, index %d lists it %v", s.name, pg.Code, index.Code,
						strings.Contains(index.Body.String(), f.plan.Title))
				}
				continue
			}
			body := pg.Body.String()
			if pg.Code != 200 || !strings.Contains(body, f.task.Title) || strings.Contains(body, seedNote) {
				t.Errorf("%s: public page %d, task shown %v, note shown %v", s.name, pg.Code,
					strings.Contains(body, f.task.Title), strings.Contains(body, seedNote))
			}
			if got := strings.Contains(body, seedAuthor); got != s.names {
				t.Errorf("%s: reporter's name shown %v, want %v", s.name, got, s.names)
			}
			ib := index.Body.String()
			if index.Code != 200 || !strings.Contains(ib, f.plan.Title) || !strings.Contains(ib, `data-chart="indicator"`) ||
				strings.Contains(ib, seedNote) || strings.Contains(ib, seedAuthor) || strings.Contains(ib, `href="/plans/`) {
				t.Errorf("%s: public index %d\n%.2000s", s.name, index.Code, ib)
			}
		}

		entries, err := st.Audit(ctx, store.AuditFilter{EntityType: "plan", EntityID: f.plan.ID, Action: "plan."})
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, e := range entries { // newest first
			if e.ActorLogin != "editor" {
				t.Errorf("audit entry %s by %q, want editor", e.Action, e.ActorLogin)
			}
			actions = append(actions, e.Action)
		}
		if want := "plan.withdraw plan.publish plan.publish plan.withdraw"; strings.Join(actions, " ") != want {
			t.Errorf("audit: %v, want %s", actions, want)
		}
	})
}

// TestPublicationAPI publishes and withdraws through the API on both back
// ends: the state in and out, the permission check, bad bodies.
func TestPublicationAPI(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		editor := f.session(t, "editor", store.RoleEditor, store.Scope{PlanID: f.plan.ID})
		viewer := f.session(t, "viewer", store.RoleViewer, store.Scope{PlanID: f.plan.ID})
		path := "/api/v1/plans/" + f.plan.ID + "/publication"
		steps := []struct {
			name, method string
			sess         *session
			body         string
			status       int
			published    bool
			showNames    bool
			public       int // then the public page's status
		}{
			{"state", "GET", viewer, "", 200, true, false, 200},
			{"withdraw", "DELETE", editor, "", 200, false, false, 404},
			{"viewer publishes", "POST", viewer, "", 403, false, false, 404},
			{"unknown field", "POST", editor, `{"names": true}`, 400, false, false, 404},
			{"not JSON", "POST", editor, `yes`, 400, false, false, 404},
			{"publish with names", "POST", editor, `{"show_names": true}`, 200, true, true, 200},
			{"publish, empty body", "POST", editor, "", 200, true, false, 200},
			{"viewer withdraws", "DELETE", viewer, "", 403, true, false, 200},
			{"signed out", "POST", nil, "", 401, true, false, 200},
		}
		for _, s := range steps {
			rec := f.doJSON(s.method, path, s.sess, s.body, true)
			if rec.Code != s.status || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
				t.Errorf("%s: status %d (%s), want %d\n%s", s.name, rec.Code, rec.Header().Get("Content-Type"), s.status, rec.Body.String())
				continue
			}
			if s.status == 200 {
				var got apiPublication
				if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
					t.Fatal(err)
				}
				if got.PlanID != f.plan.ID || got.Published != s.published || got.ShowNames != s.showNames {
					t.Errorf("%s: %+v, want published %v names %v", s.name, got, s.published, s.showNames)
				}
			}
			if code := f.do("GET", "/public/plans/"+f.plan.ID, nil, nil, nil).Code; code != s.public {
				t.Errorf("%s: then the public page answers %d, want %d", s.name, code, s.public)
			}
		}
		if rec := f.doJSON("POST", "/api/v1/plans/zzzzzzzz/publication", editor, "", true); rec.Code != 404 {
			t.Errorf("unknown plan: %d", rec.Code)
		}
	})
}
