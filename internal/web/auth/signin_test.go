package auth

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

const testPassword = "Plan-2025-office"

// newUser stores an account with testPassword.
func newUser(t *testing.T, st *store.Store, login, role string, scopes ...store.Scope) store.User {
	t.Helper()
	h, err := HashPassword(testPassword)
	if err != nil {
		t.Fatal(err)
	}
	u, err := st.CreateUser(context.Background(), store.User{Login: login, Role: role, PasswordHash: h, Scopes: scopes})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// actions lists the audit log's actions, oldest first.
func actions(t *testing.T, st *store.Store) []string {
	t.Helper()
	es, err := st.Audit(context.Background(), store.AuditFilter{Action: "login."})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for i := len(es) - 1; i >= 0; i-- {
		out = append(out, es[i].Action)
	}
	return out
}

// TestSignInLockout drives the lockout with a clock the test moves.
func TestSignInLockout(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		newUser(t, st, "clerk", store.RoleViewer, store.Scope{})
		clock := time.Now()
		a := &Service{Store: st, Now: func() time.Time { return clock }} // no IP limit here
		if _, err := a.SignIn(ctx, "nobody", testPassword, "10.0.0.1", "ua"); !errors.Is(err, ErrBadCredentials) {
			t.Fatalf("unknown login: %v", err)
		}
		for i := range store.MaxLoginFailures - 1 {
			if _, err := a.SignIn(ctx, "clerk", "wrong", "10.0.0.1", "ua"); !errors.Is(err, ErrBadCredentials) {
				t.Fatalf("failure %d: %v", i+1, err)
			}
			clock = clock.Add(time.Minute)
		}
		if _, err := a.SignIn(ctx, "Clerk", "wrong", "10.0.0.1", "ua"); !errors.Is(err, ErrLocked) {
			t.Fatalf("fifth failure: %v, want ErrLocked", err)
		}
		// Locked: even the right password fails, until the lock ends.
		clock = clock.Add(store.LockoutDuration - time.Second)
		if _, err := a.SignIn(ctx, "clerk", testPassword, "10.0.0.1", "ua"); !errors.Is(err, ErrLocked) || Zh(err) == "" {
			t.Fatalf("right password while locked: %v", err)
		}
		clock = clock.Add(time.Second)
		tok, err := a.SignIn(ctx, "clerk", testPassword, "10.0.0.1", "ua")
		if err != nil || tok == "" {
			t.Fatalf("after the lock: %q, %v", tok, err)
		}
		if _, u, err := st.SessionByToken(ctx, tok); err != nil || u.Login != "clerk" || u.FailedAttempts != 0 {
			t.Errorf("session of the token: %+v, %v", u, err)
		}
		want := []string{"login.failure", "login.failure", "login.failure", "login.failure", "login.failure",
			"login.locked", "login.locked", "login.success"}
		if got := actions(t, st); strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("audit = %v\nwant %v", got, want)
		}
		if es, _ := st.Audit(ctx, store.AuditFilter{Action: "login.success"}); len(es) != 1 || es[0].IP != "10.0.0.1" || es[0].ActorLogin != "clerk" {
			t.Errorf("success entry %+v", es)
		}
		// A disabled account fails like a wrong password.
		u, _ := st.UserByLogin(ctx, "clerk")
		yes := true
		st.UpdateUser(ctx, u.ID, store.UserChange{Disabled: &yes})
		if _, err := a.SignIn(ctx, "clerk", testPassword, "10.0.0.1", "ua"); !errors.Is(err, ErrBadCredentials) {
			t.Errorf("disabled: %v", err)
		}
		if _, err := st.VerifyAudit(ctx); err != nil {
			t.Error(err)
		}
	})
}

func TestSignInRateLimit(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		clock := time.Now()
		a := &Service{Store: st, Now: func() time.Time { return clock }, Limiter: NewRateLimiter(3, time.Minute)}
		for range 3 {
			if _, err := a.SignIn(context.Background(), "nobody", "x", "10.0.0.9", ""); !errors.Is(err, ErrBadCredentials) {
				t.Fatal(err)
			}
		}
		if _, err := a.SignIn(context.Background(), "nobody", "x", "10.0.0.9", ""); !errors.Is(err, ErrRateLimited) {
			t.Errorf("fourth attempt: %v, want ErrRateLimited", err)
		}
	})
}

// TestMiddleware covers cookie sessions, Bearer tokens and CSRF.
func TestMiddleware(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		u := newUser(t, st, "editor", store.RoleEditor, store.Scope{})
		a := New(st)
		tok, err := a.SignIn(ctx, "editor", testPassword, "10.0.0.1", "ua")
		if err != nil {
			t.Fatal(err)
		}
		api, _, err := st.CreateAPIToken(ctx, u.ID, "script", 0)
		if err != nil {
			t.Fatal(err)
		}
		var csrf string
		h := a.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/form" {
				csrf = CSRFToken(r)
			}
			if u, ok := UserFrom(r.Context()); ok {
				w.Write([]byte("user " + u.Login))
				if r.Method != http.MethodGet {
					Record(r.Context(), st, "test.change", "thing", "t1", nil, map[string]int{"n": 1})
				}
				return
			}
			w.Write([]byte("anonymous"))
		}))
		do := func(method, path string, body url.Values, hdr map[string]string) *httptest.ResponseRecorder {
			var req *http.Request
			if body != nil {
				req = httptest.NewRequest(method, path, strings.NewReader(body.Encode()))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			} else {
				req = httptest.NewRequest(method, path, nil)
			}
			for k, v := range hdr {
				if k == "Cookie" {
					req.AddCookie(&http.Cookie{Name: CookieName, Value: v})
					continue
				}
				req.Header.Set(k, v)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			return rec
		}
		cookie := map[string]string{"Cookie": tok}
		if rec := do("GET", "/form", nil, cookie); rec.Code != 200 || rec.Body.String() != "user editor" || csrf == "" {
			t.Fatalf("GET with cookie: %d %q csrf %q", rec.Code, rec.Body, csrf)
		}
		cases := []struct {
			name   string
			method string
			body   url.Values
			hdr    map[string]string
			code   int
			body0  string
		}{
			{"anonymous GET", "GET", nil, nil, 200, "anonymous"},
			{"form with token", "POST", url.Values{CSRFField: {csrf}, "x": {"1"}}, cookie, 200, "user editor"},
			{"header token", "DELETE", nil, map[string]string{"Cookie": tok, CSRFHeader: csrf}, 200, "user editor"},
			{"missing token", "POST", url.Values{"x": {"1"}}, cookie, 403, ""},
			{"wrong token", "POST", url.Values{CSRFField: {csrf + "x"}}, cookie, 403, ""},
			{"token of no session", "PATCH", nil, map[string]string{"Cookie": tok, CSRFHeader: "abc"}, 403, ""},
			{"cross-site origin", "POST", url.Values{CSRFField: {csrf}}, map[string]string{"Cookie": tok, "Origin": "https://evil.example"}, 403, ""},
			{"same origin", "POST", url.Values{CSRFField: {csrf}}, map[string]string{"Cookie": tok, "Origin": "http://example.com"}, 200, "user editor"},
			{"bearer exempt", "POST", url.Values{"x": {"1"}}, map[string]string{"Authorization": "Bearer " + api}, 200, "user editor"},
			{"bad bearer", "GET", nil, map[string]string{"Authorization": "Bearer pwt_nope"}, 401, ""},
			{"stale cookie", "GET", nil, map[string]string{"Cookie": "nope"}, 200, "anonymous"},
			{"anonymous POST", "POST", url.Values{"x": {"1"}}, nil, 200, "anonymous"},
		}
		for _, c := range cases {
			rec := do(c.method, "/x", c.body, c.hdr)
			if rec.Code != c.code || (c.body0 != "" && rec.Body.String() != c.body0) {
				t.Errorf("%s: %d %q, want %d %q", c.name, rec.Code, rec.Body, c.code, c.body0)
			}
		}
		// A stale cookie is cleared; a fresh sign-in cookie is HttpOnly and Lax.
		rec := do("GET", "/x", nil, map[string]string{"Cookie": "nope"})
		if sc := rec.Header().Get("Set-Cookie"); !strings.Contains(sc, "Max-Age=0") {
			t.Errorf("stale cookie not cleared: %q", sc)
		}
		w := httptest.NewRecorder()
		r := httptest.NewRequest("GET", "https://example.com/", nil)
		SetSessionCookie(w, r, tok)
		if sc := w.Header().Get("Set-Cookie"); !strings.Contains(sc, "HttpOnly") || !strings.Contains(sc, "Secure") ||
			!strings.Contains(sc, "SameSite=Lax") || !strings.HasPrefix(sc, CookieName+"=") {
			t.Errorf("cookie = %q", sc)
		}
		// Changes were audited as the user, with the request's IP.
		es, _ := st.Audit(ctx, store.AuditFilter{Action: "test.change"})
		if len(es) != 4 || es[0].ActorID != u.ID || es[0].IP != "192.0.2.1" || es[0].RequestID == "" {
			t.Errorf("audit entries %+v", es)
		}
		// Sign-out ends the session.
		req := httptest.NewRequest("POST", "/logout", nil)
		req.AddCookie(&http.Cookie{Name: CookieName, Value: tok})
		req.Header.Set(CSRFHeader, csrf)
		a.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if err := SignOut(r.Context(), st); err != nil {
				t.Error(err)
			}
		})).ServeHTTP(httptest.NewRecorder(), req)
		if rec := do("GET", "/x", nil, cookie); rec.Body.String() != "anonymous" {
			t.Errorf("after sign-out: %q", rec.Body)
		}
	})
}
