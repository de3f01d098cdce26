package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"planwatch/internal/extract"
	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
	"planwatch/internal/track"
	"planwatch/internal/web/auth"
)

// TestSignedOut checks what a request without a session gets: the open
// paths answer, pages send the browser to the sign-in page with the page
// to come back to, and the API answers 401 in JSON.
func TestSignedOut(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		cases := []struct {
			method, path string
			status       int
			ctype        string
			location     string // the redirect, when there is one
			want         string
		}{
			{path: "/", status: 303, location: "/signin?next=%2F"},
			{path: "/plans/{plan}?status=done", status: 303, location: "/signin?next=%2Fplans%2F{plan}%3Fstatus%3Ddone"},
			{path: "/tasks/{task}", status: 303, location: "/signin?next=%2Ftasks%2F{task}"},
			{path: "/search?q=x", status: 303, location: "/signin?next=%2Fsearch%3Fq%3Dx"},
			{path: "/nope", status: 303, location: "/signin?next=%2Fnope"},
			{method: "HEAD", path: "/compare", status: 303, location: "/signin?next=%2Fcompare"},
			{method: "POST", path: "/tasks/{task}/updates", status: 401, ctype: "text/html", want: "重新登录"},
			{path: "/api/v1/plans", status: 401, ctype: "application/json", want: `{"error":{"code":"unauthorized"`},
			{path: "/api/v1/tasks/{task}", status: 401, ctype: "application/json", want: `"unauthorized"`},
			{path: "/api/v1/nope", status: 401, ctype: "application/json"},
			{path: "/api/v1/openapi.json", status: 200, ctype: "application/json", want: `"openapi"`},
			{path: "/healthz", status: 200, ctype: "application/json"},
			{path: "/readyz", status: 200, ctype: "application/json"},
			{path: "/static/app.css", status: 200, ctype: "text/css"},
			{path: "/public/plans/{plan}", status: 200, ctype: "text/html", want: "公开版"},
			{path: "/signin", status: 200, ctype: "text/html", want: `name="password"`},
			{path: "/signin?next=/tasks/{task}", status: 200, ctype: "text/html", want: `name="next" value="/tasks/{task}"`},
			{path: "/signin?next=//evil.example/", status: 200, ctype: "text/html", want: `name="next" value="/"`},
			{path: "/static/../plans/{plan}", status: 303}, // judged by the cleaned path: a page
		}
		for _, c := range cases {
			method := c.method
			if method == "" {
				method = "GET"
			}
			t.Run(method+" "+c.path, func(t *testing.T) {
				rec := f.do(method, f.expand(c.path), nil, nil, nil)
				if rec.Code != c.status {
					t.Fatalf("status %d, want %d; body:\n%.400s", rec.Code, c.status, rec.Body.String())
				}
				if loc := rec.Header().Get("Location"); c.location != "" && loc != f.expand(c.location) {
					t.Errorf("Location %q, want %q", loc, f.expand(c.location))
				}
				if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, c.ctype) {
					t.Errorf("Content-Type %q, want %q…", ct, c.ctype)
				}
				if c.want != "" && !strings.Contains(rec.Body.String(), f.expand(c.want)) {
					t.Errorf("body lacks %q:\n%.600s", f.expand(c.want), rec.Body.String())
				}
				checkSecurityHeaders(t, rec.Header())
			})
		}
		if rec := f.do("GET", "/api/v1/plans", nil, nil, nil); rec.Header().Get("WWW-Authenticate") == "" {
			t.Errorf("API 401 without WWW-Authenticate")
		}
		// An API token works for the API.
		tok, _, err := st.CreateAPIToken(context.Background(), f.admin.user.ID, "script", 0)
		if err != nil {
			t.Fatal(err)
		}
		if rec := f.do("GET", "/api/v1/plans", nil, map[string]string{"Authorization": "Bearer " + tok}, nil); rec.Code != 200 {
			t.Errorf("API with a Bearer token: %d", rec.Code)
		}
	})
}

// TestLocalNext checks that the sign-in page only sends people to paths
// on this site.
func TestLocalNext(t *testing.T) {
	cases := map[string]string{
		"":                     "/",
		"/plans/x?status=done": "/plans/x?status=done",
		"//evil.example/x":     "/",
		"/\\evil.example":      "/",
		"https://evil.example": "/",
		"plans/x":              "/",
		"/signin?next=/x":      "/",
		"/signout":             "/",
		"/tasks/x#updates":     "/tasks/x#updates",
	}
	for in, want := range cases {
		if got := localNext(in); got != want {
			t.Errorf("localNext(%q) = %q, want %q", in, got, want)
		}
	}
}

// signinError finds the reason a refused sign-in page gives.
var signinError = regexp.MustCompile(`<p class="errors" role="alert">[^<]*</p>`)

// signinPassword is the password of the accounts made by passwordUser.
const signinPassword = "Plan-2025-office"

// passwordUser stores an account that can sign in with signinPassword.
func passwordUser(t *testing.T, st *store.Store, login, role string, scopes ...store.Scope) store.User {
	t.Helper()
	h, err := auth.HashPassword(signinPassword)
	if err != nil {
		t.Fatal(err)
	}
	u, err := st.CreateUser(context.Background(), store.User{Login: login, Role: role, PasswordHash: h, Scopes: scopes})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// sessionCookie returns the session cookie a response sets, nil if none.
func sessionCookie(rec interface{ Result() *http.Response }) *http.Cookie {
	for _, c := range rec.Result().Cookies() {
		if c.Name == auth.CookieName {
			return c
		}
	}
	return nil
}

// TestSignIn signs in through the form, uses the session, signs out, and
// locks an account with five wrong passwords.
func TestSignIn(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		ctx := context.Background()
		passwordUser(t, st, "clerk", store.RoleViewer, store.Scope{})
		form := func(login, pw, next string) url.Values {
			return url.Values{"login": {login}, "password": {pw}, "next": {next}}
		}
		rec := f.do("POST", "/signin", nil, nil, form("Clerk", signinPassword, "/tasks/"+f.task.ID))
		c := sessionCookie(rec)
		if rec.Code != 303 || rec.Header().Get("Location") != "/tasks/"+f.task.ID || c == nil || c.Value == "" || !c.HttpOnly {
			t.Fatalf("sign-in: %d, Location %q, cookie %+v", rec.Code, rec.Header().Get("Location"), c)
		}
		s := &session{token: c.Value}
		page := f.do("GET", "/tasks/"+f.task.ID, s, nil, nil)
		if page.Code != 200 || !strings.Contains(page.Body.String(), `action="/signout"`) {
			t.Fatalf("page after sign-in: %d", page.Code)
		}
		s.csrf = csrfField.FindStringSubmatch(page.Body.String())[1]
		if rec := f.do("GET", "/signin?next=/compare", s, nil, nil); rec.Code != 303 || rec.Header().Get("Location") != "/compare" {
			t.Errorf("sign-in page while signed in: %d %q", rec.Code, rec.Header().Get("Location"))
		}
		// Signing out needs the CSRF token, ends the session and clears the cookie.
		if rec := f.do("POST", "/signout", s, nil, url.Values{}); rec.Code != 403 {
			t.Errorf("sign-out without CSRF token: %d", rec.Code)
		}
		rec = f.do("POST", "/signout", s, nil, url.Values{"csrf_token": {s.csrf}})
		if c := sessionCookie(rec); rec.Code != 303 || c == nil || c.MaxAge >= 0 {
			t.Errorf("sign-out: %d, cookie %+v", rec.Code, c)
		}
		if rec := f.do("GET", "/", s, nil, nil); rec.Code != 303 {
			t.Errorf("page after sign-out: %d", rec.Code)
		}
		// Refusals show the form again with the reason; an outside next is dropped.
		cases := []struct {
			name, login, pw, lang string
			status                int
			want                  string
		}{
			{"empty", "clerk", "", "", 400, "请输入用户名和密码"},
			{"unknown login", "nobody", signinPassword, "", 401, "用户名或密码错误"},
			{"wrong password, English", "clerk", "wrong", "en", 401, "wrong login or password"},
		}
		for _, c := range cases {
			hdr := map[string]string{}
			if c.lang != "" {
				hdr["Cookie"] = langCookie + "=" + c.lang
			}
			rec := f.do("POST", "/signin", nil, hdr, form(c.login, c.pw, "https://evil.example/"))
			if rec.Code != c.status || !strings.Contains(rec.Body.String(), c.want) || sessionCookie(rec) != nil ||
				!strings.Contains(rec.Body.String(), `name="next" value="/"`) {
				t.Errorf("%s: %d, body:\n%.600s", c.name, rec.Code, rec.Body.String())
			}
		}
		// One address failing at an account must then wait (429 with
		// Retry-After), for a login that exists as for one that does not,
		// and nothing gets locked: a stranger cannot lock the owner out.
		passwordUser(t, st, "clerk2", store.RoleViewer, store.Scope{})
		var answers [2]string
		for i, login := range []string{"clerk2", "nobody2"} {
			for range auth.FreeFailures {
				if rec := f.do("POST", "/signin", nil, nil, form(login, "wrong", "/")); rec.Code != 401 {
					t.Errorf("%s: free try: %d", login, rec.Code)
				}
			}
			rec := f.do("POST", "/signin", nil, nil, form(login, signinPassword, "/"))
			answers[i] = fmt.Sprint(rec.Code, " ", rec.Header().Get("Retry-After"), " ", signinError.FindString(rec.Body.String()))
			if rec.Code != 429 || rec.Header().Get("Retry-After") != "1" || !strings.Contains(rec.Body.String(), "秒后再试") || sessionCookie(rec) != nil {
				t.Errorf("%s: try after the free ones: %d %q\n%.600s", login, rec.Code, rec.Header().Get("Retry-After"), rec.Body.String())
			}
		}
		if answers[0] != answers[1] {
			t.Errorf("an account that exists answers %q, one that does not %q", answers[0], answers[1])
		}
		if u, _ := st.UserByLogin(ctx, "clerk2"); !u.LockedUntil.IsZero() {
			t.Errorf("one address locked the account")
		}
		if es, _ := st.Audit(ctx, store.AuditFilter{Action: "login.locked"}); len(es) != 0 {
			t.Errorf("%d login.locked entries, want none", len(es))
		}
		if es, _ := st.Audit(ctx, store.AuditFilter{Action: "logout"}); len(es) != 1 || es[0].ActorLogin != "clerk" {
			t.Errorf("logout entries %+v", es)
		}
	})
}

// secondPlan tracks the fixture's document a second time, as a plan of
// its own, and returns it with its first task.
func secondPlan(t *testing.T, f *fixture) (store.Plan, store.Item) {
	t.Helper()
	ctx := context.Background()
	v, err := f.st.Version(ctx, f.docID, 0)
	if err != nil {
		t.Fatal(err)
	}
	var ext extract.Result
	if err := json.Unmarshal(v.Extraction, &ext); err != nil {
		t.Fatal(err)
	}
	plan, items, inds := track.FromExtraction(&ext, store.Document{ID: f.docID}, v.Seq, "")
	plan.Title = "第二个计划"
	if err := f.st.SavePlanTree(ctx, &plan, items, inds); err != nil {
		t.Fatal(err)
	}
	confirmProposals(t, f.st, plan.ID)
	tasks, err := f.st.Items(ctx, plan.ID, store.ItemFilter{Kind: store.KindTask})
	if err != nil || len(tasks) == 0 {
		t.Fatalf("tasks of the second plan: %v", err)
	}
	return plan, tasks[0]
}

// TestReadScope checks that a viewer scoped to one plan sees that plan,
// and that every page and API answer about another plan is a 404 worded
// like one for a plan that does not exist, on both back ends.
func TestReadScope(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		other, otherTask := secondPlan(t, f)
		// The viewer holds the second plan only; the fixture's plan is hidden.
		v := f.session(t, "lingdao", store.RoleViewer, store.Scope{PlanID: other.ID})
		hiddenPlan, hiddenTask := f.plan.ID, f.task.ID
		cases := []struct {
			path      string
			status    int
			want, not []string
		}{
			{path: "/plans/" + other.ID, status: 200, want: []string{"第二个计划"}},
			{path: "/tasks/" + otherTask.ID, status: 200},
			{path: "/api/v1/plans/" + other.ID, status: 200},
			{path: "/api/v1/tasks/" + otherTask.ID, status: 200},
			{path: "/plans/" + hiddenPlan, status: 404, want: []string{"找不到计划 " + hiddenPlan}},
			{path: "/plans/" + hiddenPlan[:8], status: 404, want: []string{"找不到计划"}},
			{path: "/plans/" + hiddenPlan + "/report", status: 404},
			{path: "/plans/" + hiddenPlan + "/report?format=docx", status: 404},
			{path: "/tasks/" + hiddenTask, status: 404, want: []string{"找不到任务 " + hiddenTask}, not: []string{seedNote}},
			{path: "/api/v1/plans/" + hiddenPlan, status: 404, want: []string{`"code":"not_found"`, "plan " + hiddenPlan + " not found"}},
			{path: "/api/v1/tasks/" + hiddenTask, status: 404, want: []string{`"code":"not_found"`}, not: []string{seedNote}},
			// The shared library stays readable; its links to plans are scoped.
			{path: "/documents/" + f.docID, status: 200, want: []string{"/plans/" + other.ID}, not: []string{"/plans/" + hiddenPlan}},
			{path: "/api/v1/documents/" + f.docID, status: 200, want: []string{other.ID}, not: []string{hiddenPlan}},
			// Comparisons only count plans the viewer may read.
			{path: "/api/v1/compare?indicator=" + url.QueryEscape(f.indicator), status: 200, want: []string{other.ID}, not: []string{hiddenPlan}},
			{path: "/compare?indicator=" + url.QueryEscape(f.indicator), status: 200, want: []string{"/plans/" + other.ID}, not: []string{"/plans/" + hiddenPlan}},
		}
		for _, c := range cases {
			t.Run(c.path, func(t *testing.T) {
				rec := f.do("GET", c.path, v, nil, nil)
				body := rec.Body.String()
				if rec.Code != c.status {
					t.Fatalf("status %d, want %d:\n%.600s", rec.Code, c.status, body)
				}
				for _, w := range c.want {
					if !strings.Contains(body, w) {
						t.Errorf("body lacks %q:\n%.600s", w, body)
					}
				}
				for _, n := range c.not {
					if strings.Contains(body, n) {
						t.Errorf("body shows %q", n)
					}
				}
			})
		}
		// A post on a hidden task is a 404 too, and saves nothing.
		rec := f.do("POST", "/tasks/"+hiddenTask+"/updates", v, nil,
			url.Values{"csrf_token": {v.csrf}, "status": {"done"}, "progress": {"100"}})
		if ups, _ := st.Updates(context.Background(), hiddenTask); rec.Code != 404 || len(ups) != 1 {
			t.Errorf("post on a hidden task: %d, %d updates", rec.Code, len(ups))
		}
		// The admin still sees both.
		for _, p := range []string{"/plans/" + hiddenPlan, "/plans/" + other.ID} {
			if rec := f.get("GET", p, nil); rec.Code != 200 {
				t.Errorf("admin GET %s: %d", p, rec.Code)
			}
		}
	})
}
