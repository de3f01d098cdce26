package web

import (
	"context"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

// TestQuietNotFound: to a user who may not read a plan, every route about
// it, its tasks, its publication and its updates' evidence answers just
// as for one that does not exist — the same status, the same error —
// so that nothing tells what exists.
func TestQuietNotFound(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := seed(t, st)
		other, _ := secondPlan(t, f)
		v := f.session(t, "lingdao", store.RoleViewer, store.Scope{PlanID: other.ID})
		ups, err := st.Updates(ctx, f.task.ID)
		if err != nil || len(ups) == 0 {
			t.Fatalf("the seeded update: %v", err)
		}
		missing := store.NewID()
		hidden := map[string]string{"plan": f.plan.ID, "task": f.task.ID, "update": ups[0].ID}
		routes := []struct {
			method, path, kind string
			form               url.Values
			json               string
		}{
			{"GET", "/plans/{id}", "plan", nil, ""},
			{"GET", "/plans/{id}/report?format=pdf", "plan", nil, ""},
			{"GET", "/api/v1/plans/{id}", "plan", nil, ""},
			{"GET", "/api/v1/plans/{id}/publication", "plan", nil, ""},
			{"POST", "/api/v1/plans/{id}/publication", "plan", nil, `{"show_names":true}`},
			{"DELETE", "/api/v1/plans/{id}/publication", "plan", nil, ""},
			{"POST", "/plans/{id}/publication", "plan", url.Values{"publish": {"1"}}, ""},
			{"POST", "/plans/{id}/settings", "plan", url.Values{"rhythm": {"quarterly"}}, ""},
			{"POST", "/api/v1/plans/{id}/settings", "plan", nil, `{"rhythm":"quarterly"}`},
			{"GET", "/tasks/{id}", "task", nil, ""},
			{"GET", "/api/v1/tasks/{id}", "task", nil, ""},
			{"POST", "/api/v1/tasks/{id}/updates", "task", nil, `{"status":"on_schedule","progress":50}`},
			{"POST", "/tasks/{id}/updates", "task", url.Values{"status": {"on_schedule"}, "progress": {"50"}}, ""},
			{"GET", "/updates/{id}/evidence", "update", nil, ""},
		}
		for _, rt := range routes {
			t.Run(rt.method+" "+rt.path, func(t *testing.T) {
				answer := func(id string) (int, string) {
					path := strings.ReplaceAll(rt.path, "{id}", id)
					form := rt.form
					if form != nil {
						form = url.Values{"csrf_token": {v.csrf}}
						for k, vs := range rt.form {
							form[k] = vs
						}
					}
					var rec *httptest.ResponseRecorder
					if rt.json != "" {
						rec = f.doJSON(rt.method, path, v, rt.json, true)
					} else {
						rec = f.do(rt.method, path, v, nil, form)
					}
					if strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
						return rec.Code, strings.ReplaceAll(rec.Body.String(), id, "{id}")
					}
					return rec.Code, ""
				}
				hc, hb := answer(hidden[rt.kind])
				mc, mb := answer(missing)
				if hc != 404 || mc != 404 || hb != mb {
					t.Errorf("hidden %s: %d %s\nmissing: %d %s", rt.kind, hc, hb, mc, mb)
				}
			})
		}
		// Nothing was changed by the tries.
		if pub, _ := st.Publication(ctx, f.plan.ID); !pub.Published || pub.ShowNames {
			t.Errorf("publication changed: %+v", pub)
		}
		if got, _ := st.Updates(ctx, f.task.ID); len(got) != len(ups) {
			t.Errorf("updates posted on a hidden task: %d, want %d", len(got), len(ups))
		}
	})
}
