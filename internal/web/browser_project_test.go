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
// a month reported through the page's form, and a rename.
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

	// The editor renames it from the page's form; the reports stay.
	// Opening the form is no navigation: a click, not a submit.
	if _, err := b.eval(`document.querySelector('#project-edit summary').click()`); err != nil {
		t.Fatal(err)
	}
	b.fill(`#rename-form input[name="name"]`, "污水处理厂一期")
	b.fill(`#rename-form input[name="reason"]`, "按批复名称")
	b.click(`#rename-form button[type="submit"]`)
	b.waitFor(`!!document.querySelector('#renamed')`)
	if got := b.text(`document.querySelector('h1').textContent`); got != "污水处理厂一期" {
		t.Errorf("heading after the rename = %q", got)
	}
	if p, err := f.st.Project(context.Background(), ps[1].ID); err != nil || p.Name != "污水处理厂一期" {
		t.Errorf("renamed project = %+v, %v", p, err)
	}
	b.screenshot(filepath.Join(dir, "web-project-renamed.png"))
}
