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

// signedIn signs login in through the form with password and returns the
// browser session, its CSRF token read off the account page.
func (f *fixture) signedIn(t *testing.T, u store.User, password string) *session {
	t.Helper()
	rec := f.do("POST", "/signin", nil, nil, url.Values{"login": {u.Login}, "password": {password}, "next": {"/"}})
	c := sessionCookie(rec)
	if c == nil {
		t.Fatalf("%s cannot sign in: %d", u.Login, rec.Code)
	}
	s := &session{user: u, token: c.Value}
	page := f.do("GET", "/account", s, nil, nil)
	m := csrfField.FindStringSubmatch(page.Body.String())
	if page.Code != 200 || m == nil {
		t.Fatalf("account page of %s: %d\n%.600s", u.Login, page.Code, page.Body.String())
	}
	s.csrf = m[1]
	return s
}

// TestAccountShow checks every role reaches its own account page from
// the menu, with its login, role and scopes, in both languages.
func TestAccountShow(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		unit := f.task.Units[0].Unit
		rep := f.session(t, "kjj", store.RoleReporter, store.Scope{PlanID: f.plan.ID, Unit: unit})
		aud := f.session(t, "shenji", store.RoleAuditor)
		cases := []struct {
			name, path string
			sess       *session
			want       []string
		}{
			{"reporter", "/account", rep, []string{`href="/account"`, "我的账号", "kjj", "报送员", f.plan.Title + " · " + unit,
				`name="current"`, `action="/account/password"`, `action="/account/tokens"`, `name="csrf_token"`}},
			{"auditor in English", "/account?lang=en", aud, []string{"My account", "shenji", "Change the password", "API tokens"}},
			{"admin", "/account", f.admin, []string{"admin", "系统管理员"}},
		}
		for _, c := range cases {
			rec := f.do("GET", c.path, c.sess, nil, nil)
			body := rec.Body.String()
			if rec.Code != 200 {
				t.Errorf("%s: %d", c.name, rec.Code)
				continue
			}
			for _, w := range c.want {
				if !strings.Contains(body, w) {
					t.Errorf("%s: no %q in\n%.1500s", c.name, w, body)
				}
			}
		}
		// Signed out: to the sign-in page.
		if rec := f.do("GET", "/account", nil, nil, nil); rec.Code != 303 || !strings.HasPrefix(rec.Header().Get("Location"), "/signin") {
			t.Errorf("signed out: %d %q", rec.Code, rec.Header().Get("Location"))
		}
	})
}

// TestAccountPassword changes a user's own password: refusals change
// nothing; the change lets the new password in, keeps the old one out,
// ends the user's other sessions but this one, and is audited.
func TestAccountPassword(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := seed(t, st)
		u := passwordUser(t, st, "bianji", store.RoleEditor, store.Scope{PlanID: f.plan.ID})
		here := f.signedIn(t, u, signinPassword)
		phone := f.signedIn(t, u, signinPassword)
		const newPassword = "Jiaxing-2026-plan"
		change := func(sess *session, v url.Values) *httptest.ResponseRecorder {
			form := url.Values{"csrf_token": {sess.csrf}, "current": {signinPassword}, "password": {newPassword}, "password2": {newPassword}}
			for k, x := range v {
				form[k] = x
			}
			return f.do("POST", "/account/password", sess, nil, form)
		}
		before, _ := st.User(ctx, u.ID)
		refusals := []struct {
			name string
			form url.Values
			want string
		}{
			{"wrong current password", url.Values{"current": {signinPassword + "x"}}, "当前密码不正确"},
			{"no current password", url.Values{"current": {""}}, "请输入当前密码"},
			{"passwords differ", url.Values{"password2": {newPassword + "x"}}, "两次输入的密码不一致"},
			{"weak password", url.Values{"password": {"short"}, "password2": {"short"}}, "密码至少需要"},
			{"password with the login", url.Values{"password": {"Bianji-2026x"}, "password2": {"Bianji-2026x"}}, "密码不符合要求"},
			{"the current password again", url.Values{"password": {signinPassword}, "password2": {signinPassword}}, "新密码不能与当前密码相同"},
		}
		for _, c := range refusals {
			rec := change(here, c.form)
			body := rec.Body.String()
			if rec.Code != 400 || !strings.Contains(body, c.want) || strings.Contains(body, newPassword) {
				t.Errorf("%s: %d, want 400 with %q:\n%.800s", c.name, rec.Code, c.want, body)
			}
			if now, _ := st.User(ctx, u.ID); now.PasswordHash != before.PasswordHash {
				t.Fatalf("%s: the password changed", c.name)
			}
			if rec := f.do("GET", "/account", phone, nil, nil); rec.Code != 200 {
				t.Fatalf("%s: the other session ended: %d", c.name, rec.Code)
			}
		}
		if es, _ := st.Audit(ctx, store.AuditFilter{Action: "user.password.failure"}); len(es) != 1 || es[0].EntityID != u.ID {
			t.Errorf("wrong current password audited %d times, want once", len(es))
		}
		// Without the CSRF field: refused before anything.
		if rec := f.do("POST", "/account/password", here, nil, url.Values{"current": {signinPassword}, "password": {newPassword}, "password2": {newPassword}}); rec.Code != 403 {
			t.Errorf("without csrf_token: %d", rec.Code)
		}

		rec := change(here, nil)
		if rec.Code != 303 || rec.Header().Get("Location") != "/account?done=password" {
			t.Fatalf("change: %d %q\n%.800s", rec.Code, rec.Header().Get("Location"), rec.Body.String())
		}
		if rec := f.do("GET", "/account?done=password", here, nil, nil); rec.Code != 200 || !strings.Contains(rec.Body.String(), "密码已修改") {
			t.Errorf("this session after the change: %d", rec.Code)
		}
		if rec := f.do("GET", "/account", phone, nil, nil); rec.Code != 303 {
			t.Errorf("the other session after the change: %d, want 303 to sign in", rec.Code)
		}
		for pw, ok := range map[string]bool{newPassword: true, signinPassword: false} {
			rec := f.do("POST", "/signin", nil, nil, url.Values{"login": {u.Login}, "password": {pw}, "next": {"/"}})
			if got := sessionCookie(rec) != nil; got != ok {
				t.Errorf("sign in with %q: %v (%d), want %v", pw, got, rec.Code, ok)
			}
		}
		es, _ := st.Audit(ctx, store.AuditFilter{Action: "user.password"})
		if len(es) != 1 || es[0].ActorID != u.ID || es[0].EntityID != u.ID || strings.Contains(string(es[0].After), newPassword) {
			t.Errorf("audit of the change: %+v", es)
		}
	})
}

// TestAccountTokens makes, uses and revokes a user's own API tokens,
// for a role that writes and roles that only read; nobody revokes
// another's token, and a token cannot make tokens.
func TestAccountTokens(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := seed(t, st)
		unit := f.task.Units[0].Unit
		users := []*session{
			f.session(t, "kjj", store.RoleReporter, store.Scope{PlanID: f.plan.ID, Unit: unit}),
			f.session(t, "guest", store.RoleViewer, store.Scope{PlanID: f.plan.ID}),
			f.session(t, "shenji", store.RoleAuditor),
		}
		// The admin's own token: others must not revoke it.
		rec := f.do("POST", "/account/tokens", f.admin, nil, url.Values{"csrf_token": {f.admin.csrf}, "name": {"admin script"}})
		adminSecret := newToken.FindStringSubmatch(rec.Body.String())
		if rec.Code != 200 || adminSecret == nil {
			t.Fatalf("admin's token: %d", rec.Code)
		}
		adminToks, _ := st.APITokens(ctx, f.admin.user.ID)
		bearer := func(secret string) map[string]string { return map[string]string{"Authorization": "Bearer " + secret} }

		for _, sess := range users {
			login := sess.user.Login
			post := func(path string, v url.Values) *httptest.ResponseRecorder {
				v.Set("csrf_token", sess.csrf)
				return f.do("POST", path, sess, nil, v)
			}
			if rec := post("/account/tokens", url.Values{"name": {" "}, "days": {"0"}}); rec.Code != 400 || !strings.Contains(rec.Body.String(), "请填写令牌用途") {
				t.Errorf("%s: token without a name: %d", login, rec.Code)
			}
			rec := post("/account/tokens", url.Values{"name": {"同步脚本"}, "days": {"30"}})
			m := newToken.FindStringSubmatch(rec.Body.String())
			if rec.Code != 200 || m == nil {
				t.Fatalf("%s: make a token: %d\n%.800s", login, rec.Code, rec.Body.String())
			}
			secret := m[1]
			if rec := f.do("GET", "/account", sess, nil, nil); strings.Contains(rec.Body.String(), secret) || !strings.Contains(rec.Body.String(), "同步脚本") {
				t.Errorf("%s: the token is shown again, or its name is not", login)
			}
			if rec := f.do("GET", "/api/v1/plans", nil, bearer(secret), nil); rec.Code != 200 {
				t.Errorf("%s: /api/v1/plans with the token: %d", login, rec.Code)
			}
			// A token may not mint tokens or reach the account page.
			if rec := f.do("POST", "/account/tokens", nil, bearer(secret), url.Values{"name": {"more"}}); rec.Code != 403 {
				t.Errorf("%s: a token making a token: %d", login, rec.Code)
			}
			if rec := post("/account/tokens/"+adminToks[0].ID+"/delete", url.Values{}); rec.Code != 404 {
				t.Errorf("%s: revoking the admin's token: %d, want 404", login, rec.Code)
			}
			toks, _ := st.APITokens(ctx, sess.user.ID)
			if len(toks) != 1 {
				t.Fatalf("%s: %d tokens", login, len(toks))
			}
			if rec := post("/account/tokens/"+toks[0].ID+"/delete", url.Values{}); rec.Code != 303 || rec.Header().Get("Location") != "/account?done=revoked" {
				t.Errorf("%s: revoke: %d %q", login, rec.Code, rec.Header().Get("Location"))
			}
			if rec := f.do("GET", "/api/v1/plans", nil, bearer(secret), nil); rec.Code != 401 {
				t.Errorf("%s: the revoked token: %d, want 401", login, rec.Code)
			}
		}
		if rec := f.do("GET", "/api/v1/plans", nil, bearer(adminSecret[1]), nil); rec.Code != 200 {
			t.Errorf("the admin's token after the others' attempts: %d", rec.Code)
		}
		for action, want := range map[string]int{"token.create": 1 + len(users), "token.revoke": len(users)} {
			if es, _ := st.Audit(ctx, store.AuditFilter{Action: action}); len(es) != want {
				t.Errorf("%s audited %d times, want %d", action, len(es), want)
			}
		}
	})
}
