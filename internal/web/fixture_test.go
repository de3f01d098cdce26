package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"planwatch/internal/extract"
	"planwatch/internal/library"
	"planwatch/internal/store"
	"planwatch/internal/track"
	"planwatch/internal/web/auth"
)

// fixture is a store seeded with the sample plan, tracked half-way
// through, and a server over it.
type fixture struct {
	srv       *Server
	st        *store.Store
	plan      store.Plan
	docID     string
	task      store.Item // the task with an update
	indicator string     // the name of an indicator with figures
	admin     *session   // an admin's browser session: get sends it
}

// session is a browser session of a test user: the cookie's token and
// the CSRF token of its forms.
type session struct {
	user  store.User
	token string
	csrf  string
}

// fixtureNow is the server's clock in tests: mid-plan, the day of the
// seeded update.
var fixtureNow = time.Date(2023, 6, 30, 12, 0, 0, 0, time.Local)

// Seeded text the public view must not show.
const (
	seedNote   = "联合实验室完成挂牌"
	seedAuthor = "王小明"
)

// seed stores the embedded sample plan through the library, makes it a
// tracked plan as `planwatch demo` does, records an update and two
// figures, publishes the plan (names hidden) and builds a server.
func seed(t testing.TB, st *store.Store) *fixture {
	t.Helper()
	ctx := context.Background()
	sample, err := os.ReadFile(filepath.Join("..", "cli", "samples", "sample_plan.txt"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "sample_plan.txt")
	if err := os.WriteFile(path, sample, 0o644); err != nil {
		t.Fatal(err)
	}
	res := library.New(st, library.Options{}).Add(ctx, path, []string{"示例"})
	if res.Err != nil {
		t.Fatalf("add sample: %v", res.Err)
	}
	v, err := st.Version(ctx, res.DocumentID, 0)
	if err != nil {
		t.Fatal(err)
	}
	var ext extract.Result
	if err := json.Unmarshal(v.Extraction, &ext); err != nil {
		t.Fatal(err)
	}
	plan, items, inds := track.FromExtraction(&ext, store.Document{ID: res.DocumentID}, v.Seq, "")
	if err := st.SavePlanTree(ctx, &plan, items, inds); err != nil {
		t.Fatal(err)
	}
	confirmTasksAndTargets(t, st, plan.ID)
	tasks, err := st.Items(ctx, plan.ID, store.ItemFilter{Kind: store.KindTask})
	if err != nil || len(tasks) == 0 {
		t.Fatalf("tasks: %v (%d)", err, len(tasks))
	}
	f := &fixture{st: st, plan: plan, docID: res.DocumentID, task: tasks[0]}
	unit := ""
	if len(tasks[0].Units) > 0 {
		unit = tasks[0].Units[0].Unit
	}
	ups := []store.Update{{ItemID: tasks[0].ID, Unit: unit, Date: "2023-06-30", Status: "in_progress", Progress: 45,
		Note: seedNote, Author: seedAuthor, Source: "test", RecordedAt: fixtureNow.Add(-time.Hour)}}
	if err := st.AddUpdates(ctx, ups); err != nil {
		t.Fatal(err)
	}
	stored, err := st.Indicators(ctx, plan.ID)
	if err != nil || len(stored) == 0 {
		t.Fatalf("indicators: %v (%d)", err, len(stored))
	}
	ind := stored[0]
	f.indicator = ind.Name
	base := 1.0
	if ind.BaselineValue != nil {
		base = *ind.BaselineValue
	}
	obs := []store.Observation{
		{IndicatorID: ind.ID, Period: "2021", Value: base * 1.05, Source: "test", RecordedAt: fixtureNow.Add(-48 * time.Hour)},
		{IndicatorID: ind.ID, Period: "2022", Value: base * 1.1, Source: "test", RecordedAt: fixtureNow.Add(-48 * time.Hour)},
	}
	if err := st.AddObservations(ctx, obs); err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.PublishPlan(ctx, plan.ID, "test", false, fixtureNow); err != nil {
		t.Fatal(err)
	}
	f.srv, err = New(ctx, st, nil, Options{Version: "test", Now: func() time.Time { return fixtureNow }})
	if err != nil {
		t.Fatal(err)
	}
	f.admin = f.session(t, "admin", store.RoleAdmin)
	return f
}

// csrfField finds the CSRF token in a page's forms.
var csrfField = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

// session makes an account (no password: it cannot sign in through the
// form) and a browser session for it directly through the store, as if
// the user had signed in, and reads the session's CSRF token off a page.
func (f *fixture) session(t testing.TB, login, role string, scopes ...store.Scope) *session {
	t.Helper()
	ctx := context.Background()
	u, err := f.st.CreateUser(ctx, store.User{Login: login, Name: login + "（测试）", Role: role, PasswordHash: "!", Scopes: scopes})
	if err != nil {
		t.Fatal(err)
	}
	tok, err := f.st.CreateSession(ctx, u.ID, store.SessionAbsoluteTimeout, "test", "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	s := &session{user: u, token: tok}
	rec := f.do("GET", "/search", s, nil, nil)
	m := csrfField.FindStringSubmatch(rec.Body.String())
	if rec.Code != 200 || m == nil {
		t.Fatalf("no CSRF token for %s: %d\n%.600s", login, rec.Code, rec.Body.String())
	}
	s.csrf = m[1]
	return s
}

// get sends a request to the fixture's server as the admin, with the
// session's CSRF token in a header.
func (f *fixture) get(method, target string, header map[string]string) *httptest.ResponseRecorder {
	return f.do(method, target, f.admin, header, nil)
}

// do sends a request as sess (nil: signed out). A form body is sent as
// application/x-www-form-urlencoded; the CSRF token goes in the header
// only when there is no form (forms carry their own csrf_token field).
func (f *fixture) do(method, target string, sess *session, header map[string]string, form url.Values) *httptest.ResponseRecorder {
	var req *http.Request
	if form != nil {
		req = httptest.NewRequest(method, target, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	} else {
		req = httptest.NewRequest(method, target, nil)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	if sess != nil { // after the headers: AddCookie adds to a Cookie header given there
		req.AddCookie(&http.Cookie{Name: auth.CookieName, Value: sess.token})
		if form == nil && sess.csrf != "" && req.Header.Get(auth.CSRFHeader) == "" {
			req.Header.Set(auth.CSRFHeader, sess.csrf)
		}
	}
	rec := httptest.NewRecorder()
	f.srv.ServeHTTP(rec, req)
	return rec
}

// expand replaces {plan}, {doc}, {task} and {indicator} in s.
func (f *fixture) expand(s string) string {
	return strings.NewReplacer("{plan}", f.plan.ID, "{doc}", f.docID, "{task}", f.task.ID,
		"{indicator_q}", url.QueryEscape(f.indicator), "{indicator}", f.indicator, "{title}", f.plan.Title, "{tasktitle}", f.task.Title).Replace(s)
}

// checkSecurityHeaders fails unless a response carries every security header.
func checkSecurityHeaders(t *testing.T, h http.Header) {
	t.Helper()
	for _, k := range []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options", "X-Request-Id", "Cache-Control"} {
		if h.Get(k) == "" {
			t.Errorf("missing header %s", k)
		}
	}
	if csp := h.Get("Content-Security-Policy"); strings.Contains(csp, "unsafe-eval") || strings.Contains(csp, "script-src 'unsafe-inline'") {
		t.Errorf("CSP allows inline or eval'd script: %s", csp)
	}
}
