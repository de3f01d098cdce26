package web

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"planwatch/internal/store"
)

// TestBrowserProjects follows a plan editor through the project pages
// in headless Chromium (skipped as TestBrowser is): the list, a
// project's page with its planned-vs-completed chart drawn by ECharts,
// and a month reported through the page's form.
func TestBrowserProjects(t *testing.T) {
	f, bin, base := browserFixture(t)
	ps := seedProjects(t, f)
	const password = "Plan-2025-office"
	browserUser(t, f, "zhao", "赵编辑", password, store.RoleEditor, store.Scope{PlanID: f.plan.ID})
	dir := artifactsDir(t)
	b := startBrowser(t, bin)
	signIn(t, b, base, "zhao", password)

	b.open(base + "/plans/" + f.plan.ID + "/projects")
	if got := b.text(`String(document.querySelectorAll('#projects tr[data-project]').length)`); got != "3" {
		t.Errorf("list rows: %s", got)
	}
	b.screenshot(filepath.Join(dir, "web-projects.png"))

	b.open(base + "/projects/" + ps[1].ID)
	b.waitFor(`document.querySelector('[data-chart="project"][data-rendered="true"] canvas') !== null`)
	b.screenshot(filepath.Join(dir, "web-project.png"))

	b.fill(`#report-form input[name="month"]`, "2023-06")
	b.fill(`#report-form input[name="done"]`, "0.05亿")
	b.fill(`#report-form textarea[name="problems"]`, "浏览器测试：用地已批")
	b.click(`#report-form button[type="submit"]`)
	b.waitFor(`!!document.querySelector('#saved')`)
	if body := b.text("document.body.innerText"); !strings.Contains(body, "浏览器测试：用地已批") || !strings.Contains(body, "500万元") {
		t.Errorf("after reporting:\n%.800s", body)
	}
	reps, err := f.st.ProjectReports(context.Background(), f.plan.ID)
	if err != nil || len(reps) != 3 || reps[2].Author != "赵编辑" || reps[2].MonthDone != 500*store.WanScale {
		t.Errorf("reports: %v %+v", err, reps)
	}
}
