package web

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

// TestAPIUpdateCreate posts updates through the API as a script would
// (an API token) and as a page's script (session + CSRF header), and
// checks the permission table, the JSON errors, what is stored, and that
// each update has its audit entry, on both back ends.
func TestAPIUpdateCreate(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := seed(t, st)
		unit := f.task.Units[0].Unit
		rep := f.session(t, "fgw", store.RoleReporter, store.Scope{PlanID: f.plan.ID, Unit: unit})
		viewer := f.session(t, "viewer", store.RoleViewer, store.Scope{})
		token, _, err := st.CreateAPIToken(ctx, rep.user.ID, "月报脚本", 0)
		if err != nil {
			t.Fatal(err)
		}
		path := "/api/v1/tasks/" + f.task.ID + "/updates"
		bearer := func(body string) *httptest.ResponseRecorder {
			req := httptest.NewRequest("POST", path, strings.NewReader(body))
			req.Header.Set("Authorization", "Bearer "+token)
			req.Header.Set("Content-Type", "application/json")
			rec := httptest.NewRecorder()
			f.srv.ServeHTTP(rec, req)
			return rec
		}
		cases := []struct {
			name   string
			send   func() *httptest.ResponseRecorder
			status int
			want   string // in the body
		}{
			{"token, the reporter's unit by default", func() *httptest.ResponseRecorder {
				return bearer(`{"status":"序时推进","progress":60,"note":"主体完工","date":"2023-06-28"}`)
			}, 201, `"unit":"` + unit + `"`},
			{"session with CSRF", func() *httptest.ResponseRecorder {
				return f.doJSON("POST", path, rep, `{"status":"ahead","progress":70}`, true)
			}, 201, `"status":"in_progress"`},
			{"the unit by another of its names, progress as written", func() *httptest.ResponseRecorder {
				return bearer(`{"status":"进行中","progress":"72%","unit":"科技局"}`)
			}, 201, `"progress":72`},
			{"progress neither number nor text", func() *httptest.ResponseRecorder {
				return bearer(`{"status":"进行中","progress":[72]}`)
			}, 400, `"bad_request"`},
			{"session without CSRF", func() *httptest.ResponseRecorder {
				return f.doJSON("POST", path, rep, `{"status":"ahead","progress":70}`, false)
			}, 403, `"error"`},
			{"viewer", func() *httptest.ResponseRecorder {
				return f.doJSON("POST", path, viewer, `{"status":"done","progress":100}`, true)
			}, 403, `"forbidden"`},
			{"another unit", func() *httptest.ResponseRecorder {
				return bearer(`{"status":"done","progress":100,"unit":"市财政局"}`)
			}, 400, `牵头或配合`},
			{"a unit the registry does not know", func() *httptest.ResponseRecorder {
				return bearer(`{"status":"done","progress":100,"unit":"市科委"}`)
			}, 400, `是否要填：市科技局`},
			{"bad fields, all named", func() *httptest.ResponseRecorder {
				return bearer(`{"status":"差不多","progress":120}`)
			}, 400, `差不多`},
			{"no progress", func() *httptest.ResponseRecorder { return bearer(`{"status":"done"}`) }, 400, `0 到 100`},
			{"unknown field", func() *httptest.ResponseRecorder { return bearer(`{"status":"done","progress":1,"who":"x"}`) }, 400, `"bad_request"`},
			{"not JSON", func() *httptest.ResponseRecorder { return bearer(`status=done`) }, 400, `"bad_request"`},
			{"signed out", func() *httptest.ResponseRecorder {
				return f.doJSON("POST", path, nil, `{"status":"done","progress":100}`, false)
			}, 401, `"unauthorized"`},
		}
		for _, tt := range cases {
			rec := tt.send()
			var flat bytes.Buffer // the body without the indentation
			json.Compact(&flat, rec.Body.Bytes())
			if rec.Code != tt.status || !strings.Contains(flat.String(), tt.want) {
				t.Errorf("%s: %d %s, want %d with %s", tt.name, rec.Code, rec.Body.String(), tt.status, tt.want)
			}
			if rec.Code >= 400 && !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
				t.Errorf("%s: error as %s, want JSON", tt.name, rec.Header().Get("Content-Type"))
			}
		}
		ups, err := st.Updates(ctx, f.task.ID)
		if err != nil {
			t.Fatal(err)
		}
		var api []store.Update
		for _, u := range ups {
			if u.Source == "api" {
				api = append(api, u)
			}
		}
		if len(api) != 3 || api[0].Note != "主体完工" || api[0].Unit != unit || api[0].Status != "in_progress" || api[0].Date != "2023-06-28" {
			t.Fatalf("stored API updates %+v, want the two posted", api)
		}
		entries, err := st.Audit(ctx, store.AuditFilter{Action: "update.post"})
		if err != nil {
			t.Fatal(err)
		}
		audited := 0
		for _, e := range entries {
			var after struct{ ID string }
			json.Unmarshal(e.After, &after)
			if after.ID == api[0].ID || after.ID == api[1].ID {
				audited++
			}
		}
		if audited != 2 {
			t.Errorf("%d audit entries for the API updates, want 2", audited)
		}
	})
}
