package web

import (
	"context"
	"fmt"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"planwatch/internal/report"
	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
	"planwatch/internal/web/auth"
)

// artifactsDir is where browser tests save screenshots: $PLANWATCH_ARTIFACTS
// when set, else a temporary directory.
func artifactsDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("PLANWATCH_ARTIFACTS")
	if dir == "" {
		return t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// browserFixture is the seeded store served on a loopback port for
// headless Chromium, with ECharts vendored; the test is skipped without
// Chromium, with -short, or without ECharts (make assets).
func browserFixture(t *testing.T) (f *fixture, bin, base string) {
	t.Helper()
	bin, err := report.FindChromium()
	if err != nil {
		t.Skip("no chromium: ", err)
	}
	if testing.Short() {
		t.Skip("-short")
	}
	f = seed(t, storetest.Fresh(t, "sqlite"))
	if !f.srv.assets.has(echartsFile) {
		t.Skip("ECharts not vendored (run make assets): charts degrade to tables")
	}
	ts := httptest.NewServer(f.srv) // a free loopback port
	t.Cleanup(ts.Close)
	return f, bin, ts.URL
}

// browserUser makes an account that signs in through the form.
func browserUser(t *testing.T, f *fixture, login, name, password, role string, scopes ...store.Scope) store.User {
	t.Helper()
	hash, err := auth.HashPassword(password)
	if err != nil {
		t.Fatal(err)
	}
	u, err := f.st.CreateUser(context.Background(), store.User{Login: login, Name: name, Role: role, PasswordHash: hash, Scopes: scopes})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// TestBrowser follows a plan editor in headless Chromium (skipped when it
// is not installed, or when ECharts was not vendored by make assets):
// sign in through the form, post a progress update on a task and find
// it in the timeline, publish the plan from its page, look at the main
// pages (charts drawn after the scripts ran), sign out, and read the
// public pages as a passer-by: the plan is there, the notes and the
// reporters' names are not, on a desktop and on a phone, in Chinese and
// in English. Screenshots go to $PLANWATCH_ARTIFACTS (else a temporary
// directory).
func TestBrowser(t *testing.T) {
	f, bin, base := browserFixture(t)
	ctx := context.Background()
	const (
		password = "Plan-2025-office"
		note     = "浏览器测试：完成场地改造"
	)
	browserUser(t, f, "zhang", "张编辑", password, store.RoleEditor, store.Scope{PlanID: f.plan.ID})
	if _, _, err := f.st.WithdrawPlan(ctx, f.plan.ID, "test", fixtureNow); err != nil {
		t.Fatal(err)
	}
	dir := artifactsDir(t)
	b := startBrowser(t, bin)
	shot := func(name string) {
		path := filepath.Join(dir, "web-"+name+".png")
		b.screenshot(path)
		t.Logf("screenshot %s", path)
	}

	signIn(t, b, base, "zhang", password)
	if got := b.text("document.querySelector('.who').textContent"); got != "张编辑" {
		t.Errorf("signed in as %q, want 张编辑", got)
	}

	// A progress update through the task page's form, seen in the timeline.
	b.open(base + "/tasks/" + f.task.ID)
	b.fill(`#update-form select[name="status"]`, "in_progress")
	b.fill(`#update-form input[name="progress"]`, "80%") // as people write it
	b.fill(`#update-form textarea[name="note"]`, note)
	b.click(`#update-form button[type="submit"]`)
	if path := b.text("location.pathname"); path != "/tasks/"+f.task.ID {
		t.Fatalf("after posting: at %s", path)
	}
	b.waitFor("document.body.innerText.includes(" + jsString(note) + ")")

	// Publish from the plan page (names hidden: the default).
	b.open(base + "/plans/" + f.plan.ID)
	b.click(`#publication + form button[name="publish"][value="1"]`)
	b.waitFor("location.pathname === " + jsString("/plans/"+f.plan.ID) + " && !!document.querySelector('a[href=\"/public/plans/" + f.plan.ID + "\"]')")
	if pub, err := f.st.Publication(ctx, f.plan.ID); err != nil || !pub.Published || pub.ShowNames || pub.PublishedBy != "zhang" {
		t.Fatalf("after publishing from the page: %+v, %v", pub, err)
	}

	// The main pages, signed in.
	pages := []struct {
		name, path string
		charts     int // at least this many charts drawn
	}{
		{"home", "/", 0},
		{"plan", "/plans/" + f.plan.ID, 2},
		{"task", "/tasks/" + f.task.ID, 0},
		{"document", "/documents/" + f.docID, 0},
		{"compare", "/compare?indicator=" + url.QueryEscape(f.indicator), 2},
		{"search", "/search?q=" + url.QueryEscape("科创"), 0},
	}
	for _, p := range pages {
		b.open(base + p.path)
		if b.text("location.pathname") == "/signin" {
			t.Fatalf("%s: sent to the sign-in page", p.name)
		}
		if p.charts > 0 {
			b.waitFor(fmt.Sprintf(`document.querySelectorAll('[data-rendered="true"] canvas, canvas').length > 0 &&
 document.querySelectorAll('[data-rendered="true"]').length >= %d`, p.charts))
			time.Sleep(time.Second) // the charts' entry animation, for the screenshot
		}
		shot(p.name)
	}

	// Signed out, the public pages show the plan without notes or names.
	signOut(t, b)
	for _, p := range []struct{ name, path string }{{"public", "/public/plans/" + f.plan.ID}, {"public-index", "/public"}} {
		b.open(base + p.path)
		b.waitFor(`document.querySelectorAll('[data-rendered="true"]').length >= 2`)
		body := b.text("document.documentElement.outerHTML")
		if !strings.Contains(body, f.plan.Title) || b.text("document.documentElement.lang") != "zh-CN" {
			t.Errorf("%s: no plan title, or not in Chinese", p.name)
		}
		for _, secret := range []string{note, seedNote, seedAuthor, "张编辑", `href="/tasks/`, `href="/plans/`, "/signout"} {
			if strings.Contains(body, secret) {
				t.Errorf("%s shows %q to the public", p.name, secret)
			}
		}
		shot(p.name)
		// On a phone: nothing wider than the screen but the tables' own scrollers.
		b.viewport(390, 844, true)
		b.open(base + p.path)
		b.waitFor(`document.querySelectorAll('[data-rendered="true"]').length >= 2`)
		if w := b.text("String(document.documentElement.scrollWidth) + '/' + String(window.innerWidth)"); !phoneFits(w) {
			t.Errorf("%s on a phone: page width %s px", p.name, w)
		}
		shot(p.name + "-phone")
		b.viewport(1280, 1800, false)
	}
	b.open(base + "/public/plans/" + f.plan.ID)
	b.click(`a.lang`) // a link: click waits for the next page too
	if lang := b.text("document.documentElement.lang"); lang != "en" || !strings.Contains(b.text("document.body.innerText"), "Public view") {
		t.Errorf("English public page: lang %q", lang)
	}
}

// phoneFits reports whether "scrollWidth/innerWidth" says the page is no
// wider than the screen.
func phoneFits(w string) bool {
	var sw, iw int
	if _, err := fmt.Sscanf(w, "%d/%d", &sw, &iw); err != nil {
		return false
	}
	return sw <= iw
}
