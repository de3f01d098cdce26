package auth

import (
	"context"
	"errors"
	"fmt"
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

// TestSignInLockout drives the account lock, for guesses from many
// addresses, with a clock the test moves: one address alone never locks,
// and the locked account still takes its owner from an address they
// signed in from before.
func TestSignInLockout(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		newUser(t, st, "clerk", store.RoleViewer, store.Scope{})
		clock := time.Now()
		a := &Service{Store: st, Now: func() time.Time { return clock }, Throttle: NewThrottle()} // no limit per address here
		if _, err := a.SignIn(ctx, "clerk", testPassword, "192.0.2.50", "ua"); err != nil {
			t.Fatal(err) // the owner's address, known from now on
		}
		if _, err := a.SignIn(ctx, "nobody", testPassword, "10.0.0.1", "ua"); !errors.Is(err, ErrBadCredentials) {
			t.Fatalf("unknown login: %v", err)
		}
		// Each address fails its free tries: the last of MaxLoginFailures locks.
		addr := func(i int) string { return fmt.Sprintf("10.1.%d.%d", i/200, i%200+1) }
		for i := range store.MaxLoginFailures {
			if _, err := a.SignIn(ctx, "Clerk", "wrong", addr(i/FreeFailures), "ua"); !errors.Is(err, ErrBadCredentials) {
				t.Fatalf("failure %d: %v", i+1, err)
			}
			clock = clock.Add(time.Second)
		}
		if u, _ := st.UserByLogin(ctx, "clerk"); !u.Locked(clock) {
			t.Fatalf("%d failures from %d addresses did not lock: %+v", store.MaxLoginFailures, store.MaxLoginFailures/FreeFailures, u)
		}
		// Locked: the right password from a new address reads as a wrong one…
		if _, err := a.SignIn(ctx, "clerk", testPassword, "198.51.100.7", "ua"); err != ErrBadCredentials {
			t.Fatalf("right password from a new address while locked: %v", err)
		}
		// …but the owner's own address gets in, and clears the lock.
		tok, err := a.SignIn(ctx, "clerk", testPassword, "192.0.2.50", "ua")
		if err != nil || tok == "" {
			t.Fatalf("owner's address while locked: %q, %v", tok, err)
		}
		if _, u, err := st.SessionByToken(ctx, tok); err != nil || u.Login != "clerk" || u.FailedAttempts != 0 || u.Locked(clock) {
			t.Errorf("session of the token: %+v, %v", u, err)
		}
		if _, err := a.SignIn(ctx, "clerk", testPassword, "198.51.100.7", "ua"); err != nil {
			t.Errorf("new address after the lock was cleared: %v", err)
		}
		got := actions(t, st)
		if n := len(got); n < 4 || got[n-3] != "login.locked" || got[n-2] != "login.success" || got[n-1] != "login.success" ||
			got[n-4] != "login.locked" {
			t.Errorf("audit ends %v", got[max(0, len(got)-5):])
		}
		if es, _ := st.Audit(ctx, store.AuditFilter{Action: "login.success"}); len(es) != 3 || es[1].IP != "192.0.2.50" || es[0].ActorLogin != "clerk" {
			t.Errorf("success entries %+v", es)
		}
		// A disabled account fails like a wrong password.
		u, _ := st.UserByLogin(ctx, "clerk")
		yes := true
		st.UpdateUser(ctx, u.ID, store.UserChange{Disabled: &yes})
		if _, err := a.SignIn(ctx, "clerk", testPassword, "192.0.2.50", "ua"); !errors.Is(err, ErrBadCredentials) {
			t.Errorf("disabled: %v", err)
		}
		if _, err := st.VerifyAudit(ctx); err != nil {
			t.Error(err)
		}
	})
}

// TestSignInStrangerCannotLockOut: a stranger failing the admin's
// password 1,000 times from one address is slowed down ever more, and the
// admin signs in from another address (never seen before) at once. The
// stranger's answers are the same for a login that does not exist.
func TestSignInStrangerCannotLockOut(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		newUser(t, st, "admin", store.RoleAdmin)
		clock := time.Now()
		a := New(st)
		a.Now = func() time.Time { return clock }
		guess := func(login string) []string {
			var answers []string
			for i := range 1000 {
				_, err := a.SignIn(ctx, login, fmt.Sprintf("guess-%d", i), "203.0.113.9", "bot")
				var e *Error
				if !errors.As(err, &e) {
					t.Fatalf("try %d on %s: %v", i, login, err)
				}
				answers = append(answers, e.Code+" "+e.En+" "+e.Zh)
				clock = clock.Add(2 * time.Second) // 1,000 tries over half an hour
			}
			return answers
		}
		start := clock
		admin := guess("admin")
		nobody := guess("nobody")
		if strings.Join(admin, "\n") != strings.Join(nobody, "\n") {
			for i := range admin {
				if admin[i] != nobody[i] {
					t.Fatalf("try %d: the existing account answers\n  %s\nthe unknown one\n  %s", i, admin[i], nobody[i])
				}
			}
		}
		checked := 0
		for _, s := range admin {
			if strings.HasPrefix(s, ErrBadCredentials.Code) {
				checked++
			}
		}
		if checked > 2*(FreeFailures+10) {
			t.Errorf("%d of 1,000 guesses were checked in %s: the throttle did not slow the stranger", checked, clock.Sub(start))
		}
		u, _ := st.UserByLogin(ctx, "admin")
		if u.Locked(clock) {
			t.Errorf("one stranger locked the account (%d failures)", u.FailedAttempts)
		}
		if tok, err := a.SignIn(ctx, "admin", testPassword, "198.51.100.20", "browser"); err != nil || tok == "" {
			t.Fatalf("the admin from another address: %v", err)
		}
	})
}

// TestSignInCode signs a locked-out owner in with a one-time code from a
// new address whose own tries are being throttled, once.
func TestSignInCode(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		u := newUser(t, st, "boss", store.RoleAdmin)
		clock := time.Now()
		a := New(st)
		a.Now = func() time.Time { return clock }
		for i := range store.MaxLoginFailures {
			a.SignIn(ctx, "boss", "wrong", fmt.Sprintf("10.9.%d.1", i), "")
		}
		for range FreeFailures + 1 {
			a.SignIn(ctx, "boss", "wrong", "198.51.100.30", "")
		}
		if _, err := a.SignIn(ctx, "boss", testPassword, "198.51.100.30", ""); err == nil || errors.Is(err, ErrBadCredentials) {
			t.Fatalf("throttled address: %v, want a wait", err)
		}
		code, err := IssueSignInCode(ctx, st, u.ID, DefaultCodeLife, clock)
		if err != nil || len(code) != 14 {
			t.Fatalf("code %q, %v", code, err)
		}
		if _, err := a.SignIn(ctx, "someone-else", code, "198.51.100.30", ""); err == nil {
			t.Error("another login took the code")
		}
		typed := strings.ToLower(strings.ReplaceAll(code, "-", " "))
		tok, err := a.SignIn(ctx, "BOSS", typed, "198.51.100.30", "")
		if err != nil || tok == "" {
			t.Fatalf("sign-in with the code: %v", err)
		}
		if got, _ := st.UserByLogin(ctx, "boss"); got.Locked(clock) || got.FailedAttempts != 0 {
			t.Errorf("the code left the account locked: %+v", got)
		}
		if _, err := a.SignIn(ctx, "boss", code, "198.51.100.31", ""); !errors.Is(err, ErrBadCredentials) {
			t.Errorf("the code a second time: %v", err)
		}
		expired, _ := IssueSignInCode(ctx, st, u.ID, time.Minute, clock)
		clock = clock.Add(2 * time.Minute)
		if _, err := a.SignIn(ctx, "boss", expired, "198.51.100.32", ""); !errors.Is(err, ErrBadCredentials) {
			t.Errorf("an expired code: %v", err)
		}
		es, _ := st.Audit(ctx, store.AuditFilter{Action: "login.success"})
		if len(es) != 1 || !strings.Contains(string(es[0].After), "one-time code") {
			t.Errorf("audit of the code's sign-in: %+v", es)
		}
	})
}

func TestSignInRateLimit(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		newUser(t, st, "clerk", store.RoleViewer, store.Scope{})
		clock := time.Now()
		a := &Service{Store: st, Now: func() time.Time { return clock }, Limiter: NewRateLimiter(3, time.Minute)}
		// Successes do not count against the address.
		for range 5 {
			if _, err := a.SignIn(ctx, "clerk", testPassword, "10.0.0.9", ""); err != nil {
				t.Fatal(err)
			}
		}
		for range 3 {
			if _, err := a.SignIn(ctx, "nobody", "x", "10.0.0.9", ""); !errors.Is(err, ErrBadCredentials) {
				t.Fatal(err)
			}
		}
		if _, err := a.SignIn(ctx, "nobody", "x", "10.0.0.9", ""); !errors.Is(err, ErrRateLimited) {
			t.Errorf("fourth failure: %v, want ErrRateLimited", err)
		}
		if _, err := a.SignIn(ctx, "clerk", testPassword, "10.0.0.10", ""); err != nil {
			t.Errorf("another address: %v", err)
		}
	})
}

func TestThrottleDelays(t *testing.T) {
	th := NewThrottle()
	t0 := time.Now()
	for i := range FreeFailures {
		if w := th.Begin("a", "c", t0); w != 0 {
			t.Fatalf("free try %d waits %s", i, w)
		}
	}
	at := t0
	for i, want := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second} {
		if w := th.Begin("a", "c", at); w != want {
			t.Fatalf("try %d: wait %s, want %s", FreeFailures+i, w, want)
		}
		if w := th.Begin("a", "c", at.Add(want)); w != 0 {
			t.Fatalf("try %d after the wait: %s", FreeFailures+i, w)
		}
		at = at.Add(want)
	}
	if w := th.Begin("a", "other", at); w != 0 {
		t.Errorf("another address waits %s", w)
	}
	if w := th.Begin("b", "c", at); w != 0 {
		t.Errorf("another login waits %s", w)
	}
	if d := delay(100); d != MaxDelay {
		t.Errorf("delay(100) = %s", d)
	}
	th.Succeeded("a", "c")
	if w := th.Begin("a", "c", at); w != 0 {
		t.Errorf("after a success: %s", w)
	}
	for ip, want := range map[string]string{"192.0.2.1": "192.0.2.1", "::ffff:192.0.2.1": "192.0.2.1",
		"2001:db8:1:2:3:4:5:6": "2001:db8:1:2::/64", "2001:db8:1:2::9": "2001:db8:1:2::/64", "x": "x"} {
		if got := ClientKey(ip); got != want {
			t.Errorf("ClientKey(%s) = %s, want %s", ip, got, want)
		}
	}
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
