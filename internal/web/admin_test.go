package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
	"planwatch/internal/web/auth"
)

// doJSON sends a JSON body as sess, with the session's CSRF token in the
// header when csrf is set.
func (f *fixture) doJSON(method, target string, sess *session, body string, csrf bool) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if sess != nil {
		req.AddCookie(&http.Cookie{Name: auth.CookieName, Value: sess.token})
		if csrf {
			req.Header.Set(auth.CSRFHeader, sess.csrf)
		}
	}
	rec := httptest.NewRecorder()
	f.srv.ServeHTTP(rec, req)
	return rec
}

// TestAdminForbidden checks that the admin pages and API refuse users
// whose role does not allow them (403, JSON for the API), and that the
// menu offers them only to those who may use them.
func TestAdminForbidden(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		users := map[string]*session{
			"viewer":  f.session(t, "viewer", store.RoleViewer, store.Scope{}),
			"editor":  f.session(t, "editor", store.RoleEditor, store.Scope{}),
			"auditor": f.session(t, "auditor", store.RoleAuditor),
		}
		cases := []struct {
			user, method, path string
			status             int
		}{
			{"viewer", "GET", "/admin/users", 403},
			{"editor", "GET", "/admin/users", 403},
			{"auditor", "GET", "/admin/users", 403},
			{"editor", "GET", "/admin/users/" + f.admin.user.ID, 403},
			{"editor", "POST", "/admin/users", 403},
			{"editor", "POST", "/admin/users/" + f.admin.user.ID + "/password", 403},
			{"editor", "POST", "/admin/users/" + f.admin.user.ID + "/tokens", 403},
			{"viewer", "GET", "/admin/audit", 403},
			{"editor", "GET", "/admin/audit/export", 403},
			{"auditor", "GET", "/admin/audit", 200},
			{"auditor", "GET", "/admin/audit/export?format=jsonl", 200},
			{"viewer", "GET", "/api/v1/users", 403},
			{"auditor", "GET", "/api/v1/users/" + f.admin.user.ID, 403},
			{"editor", "GET", "/api/v1/audit", 403},
			{"auditor", "GET", "/api/v1/audit", 200},
		}
		for _, c := range cases {
			t.Run(c.user+" "+c.method+" "+c.path, func(t *testing.T) {
				s := users[c.user]
				var form url.Values
				if c.method == "POST" {
					form = url.Values{"csrf_token": {s.csrf}, "login": {"x1"}, "role": {"admin"}, "name": {"x"}}
				}
				rec := f.do(c.method, c.path, s, nil, form)
				if rec.Code != c.status {
					t.Fatalf("status %d, want %d:\n%.400s", rec.Code, c.status, rec.Body.String())
				}
				if c.status == 403 && isAPI(c.path) && !strings.Contains(rec.Body.String(), `"code":"forbidden"`) {
					t.Errorf("API 403 not in JSON: %s", rec.Body.String())
				}
			})
		}
		if _, err := st.UserByLogin(context.Background(), "x1"); err == nil {
			t.Error("a refused form made an account")
		}
		// The menu.
		menu := []struct {
			s         *session
			want, not []string
		}{
			{f.admin, []string{`href="/admin/users"`, `href="/admin/audit"`}, nil},
			{users["auditor"], []string{`href="/admin/audit"`}, []string{`href="/admin/users"`}},
			{users["viewer"], nil, []string{`href="/admin/users"`, `href="/admin/audit"`}},
		}
		for _, m := range menu {
			body := f.do("GET", "/search", m.s, nil, nil).Body.String()
			for _, w := range m.want {
				if !strings.Contains(body, w) {
					t.Errorf("%s: menu lacks %s", m.s.user.Login, w)
				}
			}
			for _, n := range m.not {
				if strings.Contains(body, n) {
					t.Errorf("%s: menu offers %s", m.s.user.Login, n)
				}
			}
		}
	})
}

// newToken finds a token shown on the account page.
var newToken = regexp.MustCompile(`<code class="token">(pwt_[A-Za-z0-9_-]+)</code>`)

// TestAdminUsers adds an account through the form and signs in with it,
// checks the form's refusals, changes, disables and enables the account,
// resets its password, makes and revokes an API token, and finds every
// change in the audit log, on both back ends.
func TestAdminUsers(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := seed(t, st)
		unit := f.task.Units[0].Unit
		add := func(v url.Values) *httptest.ResponseRecorder {
			form := url.Values{"csrf_token": {f.admin.csrf}, "login": {"kjj"}, "name": {"王五（市科技局）"}, "role": {"reporter"},
				"scope_plan": {f.plan.ID, ""}, "scope_unit": {unit, ""}, "password": {signinPassword}, "password2": {signinPassword}}
			for k, x := range v {
				form[k] = x
			}
			return f.do("POST", "/admin/users", f.admin, nil, form)
		}
		refusals := []struct {
			name string
			form url.Values
			want string
		}{
			{"passwords differ", url.Values{"password2": {signinPassword + "x"}}, "两次输入的密码不一致"},
			{"weak password", url.Values{"password": {"short"}, "password2": {"short"}}, "密码至少需要"},
			{"password with the login", url.Values{"login": {"plan-2025"}}, "密码不符合要求"},
			{"reporter without a unit", url.Values{"scope_unit": {"", ""}}, "账号信息不符合要求"},
			{"unit without a plan", url.Values{"scope_plan": {"", ""}}, "请为该单位选择计划"},
			{"unknown plan", url.Values{"scope_plan": {"zzzzzzzz"}}, "找不到计划"},
			{"bad login", url.Values{"login": {"王五"}}, "账号信息不符合要求"},
			{"unknown role", url.Values{"role": {"boss"}}, "角色无法识别"},
		}
		for _, c := range refusals {
			rec := add(c.form)
			if rec.Code != 400 || !strings.Contains(rec.Body.String(), c.want) || strings.Contains(rec.Body.String(), signinPassword) {
				t.Errorf("%s: %d, want 400 with %q:\n%.800s", c.name, rec.Code, c.want, rec.Body.String())
			}
		}
		if us, _ := st.Users(ctx); len(us) != 1 {
			t.Fatalf("%d accounts after refusals, want the admin only", len(us))
		}

		// Added through the form, the account signs in.
		rec := add(nil)
		if rec.Code != 303 || !strings.HasPrefix(rec.Header().Get("Location"), "/admin/users/") {
			t.Fatalf("add: %d %q\n%.600s", rec.Code, rec.Header().Get("Location"), rec.Body.String())
		}
		u, err := st.UserByLogin(ctx, "kjj")
		if err != nil || u.Role != store.RoleReporter || len(u.Scopes) != 1 || u.Scopes[0] != (store.Scope{PlanID: f.plan.ID, Unit: unit}) {
			t.Fatalf("stored account %+v %v", u, err)
		}
		if rec := add(nil); rec.Code != 400 || !strings.Contains(rec.Body.String(), "用户名已被使用") {
			t.Errorf("the same login again: %d", rec.Code)
		}
		signin := func(pw string) *http.Cookie {
			rec := f.do("POST", "/signin", nil, nil, url.Values{"login": {"kjj"}, "password": {pw}, "next": {"/"}})
			return sessionCookie(rec)
		}
		c := signin(signinPassword)
		if c == nil {
			t.Fatal("the new account cannot sign in")
		}
		kjj := &session{user: u, token: c.Value}
		if rec := f.do("GET", "/tasks/"+f.task.ID, kjj, nil, nil); rec.Code != 200 || !strings.Contains(rec.Body.String(), `id="update-form"`) {
			t.Errorf("the new reporter's task page: %d", rec.Code)
		}
		page := f.get("GET", "/admin/users", nil).Body.String()
		if !strings.Contains(page, "王五（市科技局）") || !strings.Contains(page, "报送员") || !strings.Contains(page, f.plan.Title+" · "+unit) {
			t.Errorf("accounts page:\n%.2000s", page)
		}

		base := "/admin/users/" + u.ID
		post := func(path string, v url.Values) *httptest.ResponseRecorder {
			v.Set("csrf_token", f.admin.csrf)
			return f.do("POST", path, f.admin, nil, v)
		}
		// Change role and scopes: a viewer of every plan.
		if rec := post(base, url.Values{"name": {"王五"}, "role": {"viewer"}, "scope_plan": {"*"}, "scope_unit": {""}}); rec.Code != 303 {
			t.Errorf("change: %d\n%.600s", rec.Code, rec.Body.String())
		}
		if u2, _ := st.User(ctx, u.ID); u2.Role != store.RoleViewer || len(u2.Scopes) != 1 || u2.Scopes[0] != (store.Scope{}) || u2.Name != "王五" {
			t.Errorf("after the change: %+v", u2)
		}
		if rec := post(base, url.Values{"role": {"viewer"}, "scope_plan": {"*"}, "scope_unit": {unit}}); rec.Code != 400 {
			t.Errorf("viewer with a unit: %d", rec.Code)
		}
		// An API token, shown once, works as a Bearer token until revoked.
		rec = post(base+"/tokens", url.Values{"name": {"同步脚本"}, "days": {"30"}})
		m := newToken.FindStringSubmatch(rec.Body.String())
		if rec.Code != 200 || m == nil {
			t.Fatalf("token: %d\n%.1500s", rec.Code, rec.Body.String())
		}
		bearer := map[string]string{"Authorization": "Bearer " + m[1]}
		if rec := f.do("GET", "/api/v1/plans/"+f.plan.ID, nil, bearer, nil); rec.Code != 200 {
			t.Errorf("the new token: %d", rec.Code)
		}
		if again := f.get("GET", base, nil).Body.String(); strings.Contains(again, m[1]) || !strings.Contains(again, "同步脚本") {
			t.Error("the token is shown again, or not listed")
		}
		if rec := post(base+"/tokens", url.Values{"name": {"x"}, "days": {"0"}}); rec.Code != 400 {
			t.Errorf("token for 0 days: %d", rec.Code)
		}
		toks, _ := st.APITokens(ctx, u.ID)
		if rec := post("/admin/users/"+f.admin.user.ID+"/tokens/"+toks[0].ID+"/delete", url.Values{}); rec.Code != 404 {
			t.Errorf("revoking through another account: %d", rec.Code)
		}
		if rec := post(base+"/tokens/"+toks[0].ID+"/delete", url.Values{}); rec.Code != 303 {
			t.Errorf("revoke: %d", rec.Code)
		}
		if rec := f.do("GET", "/api/v1/plans", nil, bearer, nil); rec.Code != 401 {
			t.Errorf("a revoked token: %d", rec.Code)
		}
		// Disabled, the account is signed out and cannot sign in.
		if rec := post(base+"/state", url.Values{"op": {"disable"}}); rec.Code != 303 {
			t.Errorf("disable: %d", rec.Code)
		}
		if rec := f.do("GET", "/search", kjj, nil, nil); rec.Code != 303 {
			t.Errorf("the disabled account's session still works: %d", rec.Code)
		}
		if signin(signinPassword) != nil {
			t.Error("a disabled account signed in")
		}
		if rec := post(base+"/state", url.Values{"op": {"enable"}}); rec.Code != 303 {
			t.Errorf("enable: %d", rec.Code)
		}
		// A new password, typed twice; the old one stops working.
		newPW := "Another-2026-pass"
		if rec := post(base+"/password", url.Values{"password": {newPW}, "password2": {"different"}}); rec.Code != 400 {
			t.Errorf("passwords that differ: %d", rec.Code)
		}
		if rec := post(base+"/password", url.Values{"password": {newPW}, "password2": {newPW}}); rec.Code != 303 {
			t.Errorf("reset: %d", rec.Code)
		}
		if signin(signinPassword) != nil || signin(newPW) == nil {
			t.Error("after the reset: the old password works or the new one does not")
		}
		// Administrators cannot lock themselves out.
		self := "/admin/users/" + f.admin.user.ID
		if rec := post(self+"/state", url.Values{"op": {"disable"}}); rec.Code != 400 {
			t.Errorf("disabling oneself: %d", rec.Code)
		}
		if rec := post(self, url.Values{"role": {"viewer"}, "scope_plan": {"*"}}); rec.Code != 400 {
			t.Errorf("demoting oneself: %d", rec.Code)
		}
		// Every change is in the audit log, as the admin, without secrets.
		es, err := st.Audit(ctx, store.AuditFilter{ActorLogin: "admin"})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]int{}
		for _, e := range es {
			got[e.Action]++
			if strings.Contains(string(e.After), m[1]) || strings.Contains(string(e.After), "argon2") {
				t.Errorf("%s entry holds a secret: %s", e.Action, e.After)
			}
		}
		for _, a := range []string{"user.create", "user.update", "token.create", "token.revoke", "user.disable", "user.enable", "user.password"} {
			if got[a] != 1 {
				t.Errorf("%d %s entries by the admin, want 1 (%v)", got[a], a, got)
			}
		}
	})
}

// TestAdminAPI adds and changes accounts through the API and checks its
// JSON errors, CSRF included, on both back ends.
func TestAdminAPI(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		body := `{"login":"jtj","name":"交通局","role":"viewer","password":"` + signinPassword + `","scopes":[{"plan_id":"` + f.plan.ID[:8] + `","unit":""}]}`
		// A cookie session's POST without its CSRF token: 403 in JSON.
		rec := f.doJSON("POST", "/api/v1/users", f.admin, body, false)
		if rec.Code != 403 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") ||
			!strings.Contains(rec.Body.String(), `"code":"forbidden"`) {
			t.Fatalf("POST without CSRF: %d %s", rec.Code, rec.Body.String())
		}
		rec = f.doJSON("POST", "/api/v1/users", f.admin, body, true)
		var out apiUserDetail
		if rec.Code != 200 || json.Unmarshal(rec.Body.Bytes(), &out) != nil || out.User.Login != "jtj" ||
			len(out.User.Scopes) != 1 || out.User.Scopes[0].PlanID != f.plan.ID {
			t.Fatalf("create: %d %s", rec.Code, rec.Body.String())
		}
		if strings.Contains(rec.Body.String(), "password") && strings.Contains(rec.Body.String(), "argon2") {
			t.Errorf("the answer holds the hash: %s", rec.Body.String())
		}
		errs := []struct {
			name, method, path, body string
			status                   int
			code                     string
		}{
			{"taken", "POST", "/api/v1/users", body, 409, "conflict"},
			{"bad JSON", "POST", "/api/v1/users", `{"login":`, 400, "bad_request"},
			{"unknown field", "POST", "/api/v1/users", `{"login":"a1","rol":"viewer"}`, 400, "bad_request"},
			{"weak password", "POST", "/api/v1/users", `{"login":"a2","role":"viewer","password":"x","scopes":[{"plan_id":""}]}`, 400, "bad_request"},
			{"no such user", "POST", "/api/v1/users/nobody", `{"name":"x"}`, 404, "not_found"},
			{"bad role", "POST", "/api/v1/users/jtj", `{"role":"boss"}`, 400, "bad_request"},
		}
		for _, c := range errs {
			rec := f.doJSON(c.method, c.path, f.admin, c.body, true)
			if rec.Code != c.status || !strings.Contains(rec.Body.String(), `"code":"`+c.code+`"`) {
				t.Errorf("%s: %d %s, want %d %s", c.name, rec.Code, rec.Body.String(), c.status, c.code)
			}
		}
		// Change by login: disable.
		rec = f.doJSON("POST", "/api/v1/users/jtj", f.admin, `{"disabled":true}`, true)
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"disabled":true`) {
			t.Errorf("disable: %d %s", rec.Code, rec.Body.String())
		}
		var list apiUserList
		rec = f.get("GET", "/api/v1/users", nil)
		if json.Unmarshal(rec.Body.Bytes(), &list) != nil || len(list.Users) != 2 {
			t.Errorf("list: %s", rec.Body.String())
		}
		es, _ := st.Audit(context.Background(), store.AuditFilter{Action: "user."})
		if len(es) != 2 || es[0].Action != "user.disable" || es[1].Action != "user.create" {
			t.Errorf("audit entries %+v", es)
		}
	})
}

// TestAuditPages checks the audit log page, its filters, paging, exports,
// the chain check and the API, on both back ends.
func TestAuditPages(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := seed(t, st)
		aud := f.session(t, "shenji", store.RoleAuditor)
		for i := range auditPageSize + 5 {
			if err := auth.RecordAs(ctx, st, "", "cli:test", "plan.edit", "plan", f.plan.ID, nil, map[string]int{"n": i}); err != nil {
				t.Fatal(err)
			}
		}
		if err := auth.RecordAs(ctx, st, "", "zhang", "user.create", "user", "u1", nil, map[string]string{"login": "zhangsan"}); err != nil {
			t.Fatal(err)
		}
		rec := f.do("GET", "/admin/audit", aud, nil, nil)
		body := rec.Body.String()
		if strings.Contains(body, "日志链完整") || !strings.Contains(body, `href="/admin/audit?verify=1"`) {
			t.Error("the chain is checked unasked, or the page offers no check")
		}
		if rec := f.do("GET", "/admin/audit?verify=1", aud, nil, nil); !strings.Contains(rec.Body.String(), "日志链完整") {
			t.Error("the chain check is not shown")
		}
		if rec.Code != 200 || !strings.Contains(body, "zhangsan") ||
			!strings.Contains(body, "user.create") || !strings.Contains(body, "更早的记录") {
			t.Fatalf("audit page: %d\n%.3000s", rec.Code, body)
		}
		// Newest first: the user.create row comes before the plan edits.
		if strings.Index(body, "user.create") > strings.Index(body, "plan.edit") {
			t.Error("the log is not newest first")
		}
		rec = f.do("GET", "/admin/audit?actor=zhang&from=2000-01-01&to=2999-12-31", aud, nil, nil)
		if body := rec.Body.String(); rec.Code != 200 || !strings.Contains(body, "zhangsan") || strings.Contains(body, "plan.edit") {
			t.Errorf("filtered by who: %d", rec.Code)
		}
		if rec := f.do("GET", "/admin/audit?action=plan.&from=2999-01-01", aud, nil, nil); !strings.Contains(rec.Body.String(), "没有符合条件的记录") {
			t.Error("a filter past every entry still shows some")
		}
		if rec := f.do("GET", "/admin/audit?from=yesterday", aud, nil, nil); rec.Code != 400 {
			t.Errorf("bad date: %d", rec.Code)
		}
		// Exports follow the filter.
		rec = f.do("GET", "/admin/audit/export?format=csv&action=user.create", aud, nil, nil)
		if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/csv") ||
			!strings.Contains(rec.Body.String(), "zhangsan") || strings.Contains(rec.Body.String(), "plan.edit") {
			t.Errorf("CSV export: %d %q", rec.Code, rec.Header().Get("Content-Type"))
		}
		rec = f.do("GET", "/admin/audit/export?format=jsonl&action=plan.edit", aud, nil, nil)
		if lines := strings.Split(strings.TrimSpace(rec.Body.String()), "\n"); rec.Code != 200 || len(lines) != auditPageSize+5 {
			t.Errorf("JSONL export: %d, %d lines", rec.Code, len(lines))
		}
		if rec := f.do("GET", "/admin/audit/export?format=xml", aud, nil, nil); rec.Code != 400 {
			t.Errorf("export as xml: %d", rec.Code)
		}
		// The API pages the same log.
		var page apiAuditList
		rec = f.do("GET", "/api/v1/audit?action=plan.&limit=20&verify=1", aud, nil, nil)
		if rec.Code != 200 || json.Unmarshal(rec.Body.Bytes(), &page) != nil || len(page.Entries) != 20 || page.NextBefore == 0 ||
			page.Chain == nil || !page.Chain.Intact || page.Chain.Entries < auditPageSize+6 || page.Chain.LastSeq != page.Chain.Entries {
			t.Fatalf("API page: %d %.400s", rec.Code, rec.Body.String())
		}
		rec = f.do("GET", "/api/v1/audit?action=plan.&limit=1000&before="+strings.TrimSpace(jsonInt(page.NextBefore)), aud, nil, nil)
		var rest apiAuditList
		if json.Unmarshal(rec.Body.Bytes(), &rest) != nil || len(rest.Entries) != auditPageSize+5-20 || rest.NextBefore != 0 || rest.Chain != nil {
			t.Errorf("API next page: %d entries, next %d", len(rest.Entries), rest.NextBefore)
		}
		if rec := f.do("GET", "/api/v1/audit?limit=0", aud, nil, nil); rec.Code != 400 || !strings.Contains(rec.Body.String(), `"bad_request"`) {
			t.Errorf("limit 0: %d", rec.Code)
		}
		// The exports themselves were logged.
		if es, _ := st.Audit(ctx, store.AuditFilter{Action: "audit.export"}); len(es) != 2 || es[0].ActorLogin != "shenji" {
			t.Errorf("audit.export entries: %+v", es)
		}
	})
}

func jsonInt(n int64) string {
	b, _ := json.Marshal(n)
	return string(b)
}
