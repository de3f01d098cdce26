package auth

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

// TestMiddlewareRefusals checks that the middleware's own 401 and 403
// answers take the app's error shape: JSON {"error":{…}} on /api paths,
// an HTML page elsewhere, with the security headers either way.
func TestMiddlewareRefusals(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		newUser(t, st, "editor", store.RoleEditor, store.Scope{})
		a := New(st)
		tok, err := a.SignIn(ctx, "editor", testPassword, "10.0.0.1", "ua")
		if err != nil {
			t.Fatal(err)
		}
		h := a.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("through")) }))
		cases := []struct {
			name, method, path string
			form               url.Values
			hdr                map[string]string
			cookie             bool
			status             int
			ctype, want        string
		}{
			{"API POST without CSRF", "POST", "/api/v1/users", url.Values{"x": {"1"}}, nil, true, 403, "application/json", `"code":"forbidden"`},
			{"page POST without CSRF", "POST", "/tasks/x/updates", url.Values{"x": {"1"}}, nil, true, 403, "text/html", "CSRF"},
			{"API cross-site", "POST", "/api/v1/users", nil, map[string]string{"Origin": "https://evil.example"}, true, 403, "application/json", `"code":"forbidden"`},
			{"API bad bearer", "GET", "/api/v1/plans", nil, map[string]string{"Authorization": "Bearer pwt_nope"}, false, 401, "application/json", `"code":"unauthorized"`},
			{"page bad bearer", "GET", "/plans/x", nil, map[string]string{"Authorization": "Bearer pwt_nope"}, false, 401, "text/html", "401"},
			{"API GET with a cookie", "GET", "/api/v1/plans", nil, nil, true, 200, "", "through"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				var req *http.Request
				if c.form != nil {
					req = httptest.NewRequest(c.method, c.path, strings.NewReader(c.form.Encode()))
					req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				} else {
					req = httptest.NewRequest(c.method, c.path, nil)
				}
				for k, v := range c.hdr {
					req.Header.Set(k, v)
				}
				if c.cookie {
					req.AddCookie(&http.Cookie{Name: CookieName, Value: tok})
				}
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != c.status || !strings.Contains(rec.Body.String(), c.want) {
					t.Fatalf("%d %q, want %d with %q", rec.Code, rec.Body, c.status, c.want)
				}
				if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, c.ctype) {
					t.Errorf("Content-Type %q, want %q", ct, c.ctype)
				}
				if c.status >= 400 && rec.Header().Get("X-Content-Type-Options") != "nosniff" {
					t.Errorf("refusal without security headers: %v", rec.Header())
				}
			})
		}
	})
}
