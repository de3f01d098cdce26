package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"testing"
	"time"

	"planwatch/internal/config"
	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
	"planwatch/internal/web/auth"
)

// signinFrom posts the sign-in form through a proxy at 10.0.0.2 that
// names the client in X-Forwarded-For ("" for none: the proxy itself).
func signinFrom(srv http.Handler, client, login, password string) *httptest.ResponseRecorder {
	form := url.Values{"login": {login}, "password": {password}, "next": {"/"}}
	req := httptest.NewRequest("POST", "/signin", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.RemoteAddr = "10.0.0.2:40000"
	if client != "" {
		req.Header.Set("X-Forwarded-For", "192.0.2.66, "+client) // the left hop is the client's own claim
	}
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	return rec
}

// TestSignInBehindProxy: behind a proxy named in trusted_proxies, users
// at different real addresses are throttled apart, and a stranger
// failing the admin's password 1,000 times does not stop the admin
// signing in from another address. Without the setting everyone shares
// the proxy's address, which is what made one user's failures everyone's
// 429.
func TestSignInBehindProxy(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := seed(t, st)
		passwordUser(t, st, "boss", store.RoleAdmin)
		passwordUser(t, st, "clerk", store.RoleViewer, store.Scope{})
		behind, err := New(ctx, st, nil, Options{Version: "test", Now: func() time.Time { return fixtureNow },
			Settings: config.Server{TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}}})
		if err != nil {
			t.Fatal(err)
		}
		const stranger, admin, user = "203.0.113.9", "198.51.100.20", "198.51.100.77"
		// A stranger guesses the admin's password 1,000 times.
		codes := map[int]int{}
		for i := range 1000 {
			codes[signinFrom(behind, stranger, "boss", fmt.Sprintf("Guess-%04d-x", i)).Code]++
		}
		if codes[http.StatusUnauthorized] > auth.FreeFailures+2 || codes[http.StatusTooManyRequests] < 990 || len(codes) != 2 {
			t.Errorf("the stranger's answers: %v", codes)
		}
		if u, _ := st.UserByLogin(ctx, "boss"); u.Locked(time.Now()) {
			t.Fatalf("the stranger locked the admin out")
		}
		rec := signinFrom(behind, admin, "boss", signinPassword)
		if rec.Code != http.StatusSeeOther || sessionCookie(rec) == nil {
			t.Fatalf("the admin from another address: %d\n%.600s", rec.Code, rec.Body.String())
		}
		// Another user at another real address is not held up by the
		// stranger's failures across accounts either.
		for i := range auth.SignInBurst + 2 {
			signinFrom(behind, stranger, fmt.Sprintf("user%02d", i), "wrong")
		}
		if rec := signinFrom(behind, stranger, "someone", "wrong"); rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") == "" {
			t.Errorf("the stranger after %d failures across accounts: %d", auth.SignInBurst, rec.Code)
		}
		if rec := signinFrom(behind, user, "clerk", "wrong"); rec.Code != http.StatusUnauthorized {
			t.Errorf("a user at another address, wrong password: %d", rec.Code)
		}
		if rec := signinFrom(behind, user, "clerk", signinPassword); rec.Code != http.StatusSeeOther {
			t.Errorf("a user at another address: %d", rec.Code)
		}
		es, _ := st.Audit(ctx, store.AuditFilter{Action: "login.success"})
		if len(es) != 2 || es[0].IP != user || es[1].IP != admin {
			t.Errorf("the audit log names the proxy, not the users: %+v", es)
		}
		// The fixture's server trusts no proxy: X-Forwarded-For is not
		// believed, so everyone behind the proxy is one address.
		for i := range auth.SignInBurst + 2 {
			signinFrom(f.srv, stranger, fmt.Sprintf("user%02d", i), "wrong")
		}
		if rec := signinFrom(f.srv, user, "clerk", signinPassword); rec.Code != http.StatusTooManyRequests {
			t.Errorf("without trusted_proxies the user should share the proxy's limit: %d", rec.Code)
		}
	})
}
