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

// TestLifecycleForms archives, restores and deletes plans and documents
// through the pages' forms and the API, as several users: who sees the
// form, who may act, the lists, the refusal naming what depends on a
// record, and the audit log.
func TestLifecycleForms(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := seed(t, st)
		spare := store.Plan{Title: "无人依赖的计划", StartYear: 2021, EndYear: 2025}
		if err := st.SavePlanTree(ctx, &spare, []store.Item{{Kind: store.KindTask, Number: "1", Title: "别的任务"}}, nil); err != nil {
			t.Fatal(err)
		}
		editor := f.session(t, "editor", store.RoleEditor, store.Scope{})
		viewer := f.session(t, "viewer", store.RoleViewer, store.Scope{PlanID: f.plan.ID})
		planPath := "/plans/" + f.plan.ID + "/lifecycle"
		docPath := "/documents/" + f.docID + "/lifecycle"
		for name, tc := range map[string]struct {
			sess *session
			want bool
		}{"editor": {editor, true}, "viewer": {viewer, false}} {
			if got := strings.Contains(f.do("GET", "/plans/"+f.plan.ID, tc.sess, nil, nil).Body.String(), `action="`+planPath+`"`); got != tc.want {
				t.Errorf("%s: plan lifecycle form shown %v, want %v", name, got, tc.want)
			}
			if got := strings.Contains(f.do("GET", "/documents/"+f.docID, tc.sess, nil, nil).Body.String(), `action="`+docPath+`"`); got != tc.want {
				t.Errorf("%s: document lifecycle form shown %v, want %v", name, got, tc.want)
			}
		}

		listed := func(target string) bool {
			return strings.Contains(f.do("GET", target, editor, nil, nil).Body.String(), `href="/plans/`+f.plan.ID+`"`)
		}
		found := func() bool {
			return strings.Contains(f.do("GET", "/search?q="+url.QueryEscape("科创"), editor, nil, nil).Body.String(), "/documents/"+f.docID)
		}
		steps := []struct {
			name     string
			sess     *session
			path     string
			action   string
			status   int
			body     string // in the answer
			location string
			home     bool // the plan on the home page afterwards
			archived bool // the plan on /?archived=1 afterwards
			search   bool // the document found afterwards
		}{
			{"viewer archives", viewer, planPath, "archive", 403, "", "", true, false, true},
			{"unknown action", editor, planPath, "burn", 400, "", "", true, false, true},
			{"archive plan", editor, planPath, "archive", 303, "", "/plans/" + f.plan.ID + "#lifecycle", false, true, true},
			{"archive again", editor, planPath, "archive", 409, "archived already", "", false, true, true},
			{"restore plan", editor, planPath, "restore", 303, "", "/plans/" + f.plan.ID + "#lifecycle", true, false, true},
			{"delete plan with reports", editor, planPath, "delete", 409, "条进展报送", "", true, false, true},
			{"delete document with a plan", editor, docPath, "delete", 409, "份计划由它生成", "", true, false, true},
			{"archive document", editor, docPath, "archive", 303, "", "/documents/" + f.docID + "#lifecycle", true, false, false},
			{"restore document", editor, docPath, "restore", 303, "", "/documents/" + f.docID + "#lifecycle", true, false, true},
		}
		for _, s := range steps {
			rec := f.do("POST", s.path, s.sess, nil, url.Values{"csrf_token": {s.sess.csrf}, "action": {s.action}})
			if rec.Code != s.status || !strings.Contains(rec.Body.String(), s.body) || rec.Header().Get("Location") != s.location {
				t.Errorf("%s: %d to %q, want %d to %q with %q\n%.400s", s.name, rec.Code, rec.Header().Get("Location"), s.status, s.location, s.body, rec.Body.String())
			}
			if got := listed("/"); got != s.home {
				t.Errorf("%s: plan on the home page %v, want %v", s.name, got, s.home)
			}
			if got := listed("/?archived=1"); got != s.archived {
				t.Errorf("%s: plan among the archived %v, want %v", s.name, got, s.archived)
			}
			if got := found(); got != s.search {
				t.Errorf("%s: document found %v, want %v", s.name, got, s.search)
			}
		}

		// The API: archive, a bad body, delete of a plan nothing depends on.
		api := "/api/v1/plans/" + f.plan.ID + "/lifecycle"
		for _, s := range []struct {
			name, path, body string
			status           int
			want             apiLifecycle
		}{
			{"archive", api, `{"action": "archive"}`, 200, apiLifecycle{ID: f.plan.ID, Title: f.plan.Title, Archived: true}},
			{"restore", api, `{"action": "restore"}`, 200, apiLifecycle{ID: f.plan.ID, Title: f.plan.Title}},
			{"no action", api, `{}`, 400, apiLifecycle{}},
			{"unknown field", api, `{"action": "archive", "why": 1}`, 400, apiLifecycle{}},
			{"delete with reports", api, `{"action": "delete"}`, 409, apiLifecycle{}},
			{"delete spare", "/api/v1/plans/" + spare.ID + "/lifecycle", `{"action": "delete"}`, 200, apiLifecycle{ID: spare.ID, Title: spare.Title, Deleted: true}},
			{"document archive", "/api/v1/documents/" + f.docID + "/lifecycle", `{"action": "archive"}`, 200, apiLifecycle{ID: f.docID, Title: "", Archived: true}},
		} {
			rec := f.doJSON("POST", s.path, editor, s.body, true)
			if rec.Code != s.status {
				t.Errorf("API %s: %d, want %d\n%s", s.name, rec.Code, s.status, rec.Body.String())
				continue
			}
			if s.status == 200 {
				var got apiLifecycle
				if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || got.ID != s.want.ID || got.Archived != s.want.Archived || got.Deleted != s.want.Deleted {
					t.Errorf("API %s: %+v (%v), want %+v", s.name, got, err, s.want)
				}
			}
		}
		if rec := f.do("GET", "/plans/"+spare.ID, editor, nil, nil); rec.Code != 404 {
			t.Errorf("deleted plan's page: %d", rec.Code)
		}
		for action, want := range map[string]int{"plan.archive": 2, "plan.restore": 2, "plan.delete": 1, "document.archive": 2, "document.restore": 1} {
			entries, err := st.Audit(ctx, store.AuditFilter{Action: action})
			if err != nil || len(entries) != want {
				t.Errorf("%s audited %d times (%v), want %d", action, len(entries), err, want)
			}
			for _, e := range entries {
				if e.ActorLogin != "editor" {
					t.Errorf("%s by %q, want editor", action, e.ActorLogin)
				}
			}
		}
	})
}
