package web

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/track"
)

// axeSource is axe-core's script, installed by npm from package-lock.json
// (a devDependency: node_modules is not committed, and the binary never
// serves it); the browser tests inject it into each page over the
// DevTools protocol.
var axeSource = filepath.Join("..", "..", "node_modules", "axe-core", "axe.min.js")

// axeTags are the rule sets a government service must pass: WCAG 2.0 and
// 2.1, levels A and AA (GB/T 37668 follows WCAG 2.0 AA).
const axeTags = `["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]`

// a11yPage is one page the accessibility walk visits.
type a11yPage struct {
	name, path string
	status     int // the HTTP status the page is served with; 0 means 200
}

// TestBrowserAccessibility runs axe-core's WCAG 2.1 A and AA rules in
// headless Chromium on every page of the app — signed out (sign-in page,
// public pages, error pages), signed in as an admin and as a department's
// reporter — at 1280 and at 375 pixels wide (and in English at 1280),
// over a plan with tasks in every status, and fails on any violation,
// printing each with the elements it found. At 375 pixels it also fails when the page is wider
// than the screen, naming the elements that stick out. Skipped without
// Chromium, ECharts (make assets) or axe-core (npm ci).
func TestBrowserAccessibility(t *testing.T) {
	f, bin, base := browserFixture(t)
	axe, err := os.ReadFile(axeSource)
	if err != nil {
		t.Skip("axe-core not installed (npm ci): ", err)
	}
	unit := seedEveryStatus(t, f)
	const password = "A11y-2025-office"
	admin := browserUser(t, f, "a11y-admin", "无障碍管理员", password, store.RoleAdmin)
	browserUser(t, f, "a11y-dept", "科技局填报员", password, store.RoleReporter, store.Scope{PlanID: f.plan.ID, Unit: unit})

	plan, task, doc := f.plan.ID, f.task.ID, f.docID
	review, _ := proposedPlan(t, f) // a second plan, its items waiting for review
	inds, err := f.st.Indicators(context.Background(), plan)
	if err != nil || len(inds) == 0 {
		t.Fatalf("indicators: %v (%d)", err, len(inds))
	}
	indicator := inds[0].ID
	project := seedProjects(t, f)[1].ID // behind, with a problem reported
	public := []a11yPage{
		{"signin", "/signin", 0},
		{"public-index", "/public", 0},
		{"public-plan", "/public/plans/" + plan, 0},
		{"not-found-public", "/public/plans/no-such-plan", 404},
	}
	adminPages := []a11yPage{
		{"plans", "/", 0},
		{"plans-archived", "/?archived=1", 0},
		{"plan", "/plans/" + plan, 0},
		{"plan-filtered", "/plans/" + plan + "?status=behind", 0},
		{"proposals-none", "/plans/" + plan + "/proposals", 0},
		{"proposals", "/plans/" + review.ID + "/proposals", 0},
		{"proposals-dismissed", "/plans/" + review.ID + "/proposals?state=dismissed", 0},
		{"plan-in-review", "/plans/" + review.ID, 0},
		{"task", "/tasks/" + task, 0},
		{"my", "/my", 0},
		{"alerts", "/alerts", 0},
		{"search", "/search", 0},
		{"search-results", "/search?q=" + url.QueryEscape("科创"), 0},
		{"document", "/documents/" + doc, 0},
		{"document-marked", fmt.Sprintf("/documents/%s?mark=%d-%d#span-%d-%d", doc, f.task.SourceStart, f.task.SourceEnd,
			f.task.SourceStart, f.task.SourceEnd), 0},
		{"document-new", "/documents/new", 0},
		{"plan-new", "/documents/" + doc + "/plans/new", 0},
		{"indicator", "/indicators/" + indicator, 0},
		{"harvest", "/plans/" + plan + "/harvest", 0},
		{"projects", "/plans/" + plan + "/projects", 0},
		{"project", "/projects/" + project, 0},
		{"compare-empty", "/compare", 0},
		{"compare", "/compare?indicator=" + url.QueryEscape(f.indicator), 0},
		{"account", "/account", 0},
		{"users", "/admin/users", 0},
		{"user", "/admin/users/" + admin.ID, 0},
		{"units", "/admin/units", 0},
		{"audit", "/admin/audit", 0},
		{"not-found-plan", "/plans/no-such-plan", 404},
		{"not-found", "/no/such/page", 404},
	}
	deptPages := []a11yPage{
		{"plans", "/", 0},
		{"plan", "/plans/" + plan, 0},
		{"task", "/tasks/" + task, 0},
		{"indicator", "/indicators/" + indicator, 0},
		{"my", "/my", 0},
		{"alerts", "/alerts", 0},
		{"account", "/account", 0},
		{"forbidden", "/admin/users", 403},
	}

	sheet := refusedSheet(t, f, store.Scope{PlanID: f.plan.ID, Unit: unit})
	b := startBrowser(t, bin)
	for _, width := range []int{1280, 375} {
		if width < 600 {
			b.viewport(width, 812, true)
		} else {
			b.viewport(width, 1800, false)
		}
		for _, p := range public {
			checkA11y(t, b, base, axe, width, "public", p)
		}
		// The sign-in form again, with its error.
		b.open(base + "/signin")
		b.fill(`input[name="login"]`, "a11y-admin")
		b.fill(`input[name="password"]`, "wrong password")
		b.click(`form[action="/signin"] button[type="submit"]`)
		b.waitFor(`document.querySelector(".errors") !== null`)
		auditPage(t, b, axe, width, "public/signin-refused")

		signIn(t, b, base, "a11y-admin", password)
		for _, p := range adminPages {
			checkA11y(t, b, base, axe, width, "admin", p)
		}
		// A form posted with a stale token: the CSRF refusal page.
		b.open(base + "/account")
		b.submit(`(() => { const f = document.createElement("form"); f.method = "post"; f.action = "/account/password";
 f.innerHTML = '<input name="csrf_token" value="stale"><input name="current" value="x"><input name="password" value="y"><input name="password2" value="y">';
 document.body.append(f); f.submit(); return true })()`)
		if got := b.text(`String(performance.getEntriesByType("navigation")[0].responseStatus)`); got != "403" {
			t.Errorf("stale CSRF token: status %s, want 403", got)
		}
		auditPage(t, b, axe, width, "admin/csrf")
		b.open(base + "/") // error pages may lack the header's sign-out form
		signOut(t, b)
		signIn(t, b, base, "a11y-dept", password)
		for _, p := range deptPages {
			checkA11y(t, b, base, axe, width, "dept", p)
		}
		// A task list with a row the unit may not report on: the refusal page.
		b.open(base + "/my")
		b.chooseFile("form.sheet-upload input[name=sheet]", sheet)
		b.click(`form.sheet-upload button[type=submit]`)
		if b.text(`String(performance.getEntriesByType("navigation")[0].responseStatus)`) != "422" {
			t.Errorf("sheet with a foreign row: %s", b.text(`document.body.innerText.slice(0, 300)`))
		}
		auditPage(t, b, axe, width, "dept/sheet-refused")
		b.open(base + "/")
		signOut(t, b)
	}

	// In English (the language is remembered in a cookie), on a desktop:
	// the public pages and the admin's main ones.
	b.viewport(1280, 1800, false)
	b.open(base + "/signin?lang=en")
	for _, p := range public {
		checkA11y(t, b, base, axe, 1280, "public-en", p)
	}
	signIn(t, b, base, "a11y-admin", password)
	for _, p := range adminPages {
		switch p.name {
		case "plans", "plan", "plan-new", "task", "indicator", "projects", "project", "my", "compare", "users", "units", "not-found":
			checkA11y(t, b, base, axe, 1280, "admin-en", p)
		}
	}
	if lang := b.text("document.documentElement.lang"); lang != "en" {
		t.Errorf("English walk: page language %q", lang)
	}
}

// checkA11y opens a page and audits it (see auditPage), after checking it
// came with the status the walk expects, so that a page that silently
// turned into an error page is not audited in its place.
func checkA11y(t *testing.T, b *browser, base string, axe []byte, width int, who string, p a11yPage) {
	t.Helper()
	want := p.status
	if want == 0 {
		want = 200
	}
	b.open(base + p.path)
	got := b.text(`String(performance.getEntriesByType("navigation")[0].responseStatus || 0)`)
	if got != fmt.Sprint(want) {
		t.Errorf("%s %s (%s): status %s, want %d", who, p.name, p.path, got, want)
	}
	if b.text("location.pathname") == "/signin" && p.path != "/signin" {
		t.Errorf("%s %s: sent to the sign-in page", who, p.name)
		return
	}
	auditPage(t, b, axe, width, who+"/"+p.name)
}

// axeViolation is one broken rule on a page, with the elements that break it.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  []any  `json:"target"`
		Summary string `json:"failureSummary"`
	} `json:"nodes"`
}

// auditPage waits for the page's charts, runs axe-core on it and fails on
// every violation; at phone width it also fails when the page is wider
// than the screen.
func auditPage(t *testing.T, b *browser, axe []byte, width int, name string) {
	t.Helper()
	b.waitFor(`document.querySelectorAll("[data-chart]").length === document.querySelectorAll("[data-rendered]").length`)
	if os.Getenv("PLANWATCH_ARTIFACTS") != "" { // the whole page, to look at
		var shot struct {
			Data string `json:"data"`
		}
		b.call("Page.captureScreenshot", map[string]any{"format": "png", "captureBeyondViewport": true}, &shot)
		png, err := base64.StdEncoding.DecodeString(shot.Data)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(artifactsDir(t), fmt.Sprintf("a11y-%s-%d.png", strings.ReplaceAll(name, "/", "-"), width))
		if err := os.WriteFile(path, png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if raw, err := b.eval("typeof axe"); err != nil || string(raw) != `"object"` {
		if _, err := b.eval(string(axe)); err != nil {
			t.Fatalf("%s: injecting axe-core: %.300v", name, err)
		}
	}
	raw, err := b.eval(`axe.run(document, {runOnly: {type: "tag", values: ` + axeTags + `}, resultTypes: ["violations"]})
 .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
   nodes: v.nodes.slice(0, 5).map(n => ({target: n.target, failureSummary: n.failureSummary}))})))`)
	if err != nil {
		t.Fatalf("%s at %d px: axe-core: %v", name, width, err)
	}
	var vs []axeViolation
	if err := json.Unmarshal(raw, &vs); err != nil {
		t.Fatalf("%s: axe-core said %.300s: %v", name, raw, err)
	}
	for _, v := range vs {
		var where []string
		for _, n := range v.Nodes {
			where = append(where, fmt.Sprintf("    %v: %s", n.Target, strings.ReplaceAll(n.Summary, "\n", " ")))
		}
		t.Errorf("%s at %d px: %s (%s): %s\n%s", name, width, v.ID, v.Impact, v.Help, strings.Join(where, "\n"))
	}
	if width >= 600 {
		return
	}
	var fit struct {
		Width     int      `json:"width"`
		Scroll    int      `json:"scroll"`
		Offenders []string `json:"offenders"`
	}
	raw, err = b.eval(overflowScript)
	if err == nil {
		err = json.Unmarshal(raw, &fit)
	}
	if err != nil {
		t.Fatalf("%s: measuring the page: %v", name, err)
	}
	if fit.Scroll > width {
		t.Errorf("%s at %d px: the page is %d px wide; sticking out: %s", name, width, fit.Scroll, strings.Join(fit.Offenders, "; "))
	}
}

// overflowScript measures the page's scroll width and names the outermost
// elements reaching past the right edge of the screen that no scrolling
// box of their own holds in.
const overflowScript = `(() => {
  const W = document.documentElement.clientWidth, out = [], seen = new Set();
  const describe = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    (el.classList.length ? "." + [...el.classList].join(".") : "");
  for (const el of document.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= W + 1) continue;
    let held = false, listed = false;
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (seen.has(p)) { listed = true; break; }
      if (getComputedStyle(p).overflowX !== "visible" && p.getBoundingClientRect().right <= W + 1) { held = true; break; }
    }
    if (held) continue;
    seen.add(el);
    if (!listed) out.push(describe(el) + " (" + Math.round(r.right) + " px)");
  }
  return {width: W, scroll: document.documentElement.scrollWidth, offenders: out.slice(0, 12)};
})()`

// seedEveryStatus gives the fixture's plan a task in each status a view
// shows (未开始, 进行中, 滞后, 逾期, 已延期, 暂停, 取消, 已完成), all led
// by the unit of the fixture's task, and returns that unit.
func seedEveryStatus(t *testing.T, f *fixture) string {
	t.Helper()
	ctx := context.Background()
	unit := f.task.Units[0].Unit
	lead := []store.Assignment{{Unit: unit, Role: f.task.Units[0].Role}}
	tasks, err := f.st.Items(ctx, f.plan.ID, store.ItemFilter{Kind: store.KindTask})
	if err != nil || len(tasks) < 6 {
		t.Fatalf("tasks: %v (%d)", err, len(tasks))
	}
	reports := []struct {
		status   string
		progress int
	}{{"in_progress", 60}, {"in_progress", 5}, {"done", 100}, {"paused", 30}, {"cancelled", 0}}
	var ups []store.Update
	for i, r := range reports {
		it := tasks[i+1] // tasks[0] keeps the fixture's update
		u := ""
		if len(it.Units) > 0 {
			u = it.Units[0].Unit
		}
		ups = append(ups, store.Update{ItemID: it.ID, Unit: u, Date: "2023-06-20", Status: r.status, Progress: r.progress,
			Note: "季度报送", Author: seedAuthor, Source: "test", RecordedAt: fixtureNow.Add(-2 * time.Hour)})
	}
	// A late report (迟报) on the fixture's task, with its reason.
	ups = append(ups, store.Update{ItemID: f.task.ID, Unit: unit, Date: "2023-03-10", Status: "in_progress", Progress: 20,
		Note: "一季度补报", Reason: "系统故障未能按时报送", Author: seedAuthor, Source: "test", RecordedAt: fixtureNow.Add(-3 * time.Hour)})
	if err := f.st.AddUpdates(ctx, ups); err != nil {
		t.Fatal(err)
	}
	// And one with its evidence file, for the download link.
	withFile := store.Update{ItemID: f.task.ID, Unit: unit, Date: "2023-06-25", Status: "in_progress", Progress: 40,
		Note: "挂牌仪式照片", Author: seedAuthor, Source: "test", RecordedAt: fixtureNow.Add(-4 * time.Hour)}
	if _, err := f.st.AddUpdateWithEvidence(ctx, &withFile, store.AuditEntry{ActorLogin: "test", Action: "update.post"},
		store.Evidence{Name: "挂牌仪式.pdf", ContentType: "application/pdf"}, []byte("%PDF-1.4\n%%EOF\n"), store.AuditEntry{ActorLogin: "test", Action: "evidence.attach"}); err != nil {
		t.Fatal(err)
	}
	if rec := f.get("GET", "/tasks/"+f.task.ID, nil); !strings.Contains(rec.Body.String(), "/updates/"+withFile.ID+"/evidence") {
		t.Fatalf("the task page has no link to the evidence file of update %q", withFile.ID)
	}
	n := 90
	add := func(title, start, deadline string) store.Item {
		n++
		it := store.Item{PlanID: f.plan.ID, ParentID: f.task.ParentID, Kind: store.KindTask, Number: fmt.Sprint(n), Title: title,
			StartDate: start, Deadline: deadline, Position: -1, Units: lead}
		if err := f.st.AddItem(ctx, &it, store.ItemEdit{Author: "test", RecordedAt: fixtureNow.Add(-96 * time.Hour)}); err != nil {
			t.Fatalf("add %s: %v", title, err)
		}
		return it
	}
	add("建设科创飞地（尚未开始）", "2024-01-01", "2025-06-30")
	add("完成孵化器评估（已过时限）", "2022-01-01", "2023-03-31")
	ext := add("建设人才公寓（延期）", "2022-01-01", "2023-03-31")
	if _, err := f.st.ExtendItem(ctx, store.Extension{ItemID: ext.ID, NewDeadline: "2024-06-30", Reason: "征地延后",
		ApprovedBy: "市政府", ApprovedOn: "2023-03-20", RecordedAt: fixtureNow.Add(-72 * time.Hour)},
		store.AuditEntry{ActorLogin: "test", Action: "item.extend"}); err != nil {
		t.Fatalf("extend: %v", err)
	}
	// The plan page's status table must count a task in every status.
	rec := f.get("GET", "/plans/"+f.plan.ID, nil)
	counts := map[string]string{}
	for _, m := range statusRow.FindAllStringSubmatch(rec.Body.String(), -1) {
		counts[m[1]] = m[2]
	}
	for _, st := range track.Statuses() {
		if c := counts[st]; c == "" || c == "0" {
			t.Fatalf("no task is %s on the plan page (%v)", st, counts)
		}
	}
	return unit
}

// statusRow is a row of a plan page's status table: status code, count.
var statusRow = regexp.MustCompile(`<span class="pill (\w+)">[^<]*</span></td><td class="num">(\d+)</td>`)

// TestBrowserKeyboard walks a public plan page with the keyboard alone in
// headless Chromium: the first Tab lands on a visible skip link with a
// focus outline, Enter on it moves focus to the content, Tab reaches the
// status chart, which is an image named with its figures, and the arrow
// keys bring up its tooltip item by item; the table the chart draws stays
// for screen readers (visually hidden, not display:none); and on the
// public page and an admin's busiest pages every control shows its
// focus. Skipped as browserFixture says.
func TestBrowserKeyboard(t *testing.T) {
	f, bin, base := browserFixture(t)
	b := startBrowser(t, bin)
	b.open(base + "/public/plans/" + f.plan.ID)
	b.waitFor(`document.querySelectorAll("[data-chart]").length === document.querySelectorAll("[data-rendered]").length`)

	b.key("Tab", 9, "")
	if got := b.text(`document.activeElement.className + " " + document.activeElement.getAttribute("href")`); got != "skip #main" {
		t.Fatalf("the first Tab focused %q, want the skip link", got)
	}
	if got := b.text(`(() => { const el = document.activeElement, r = el.getBoundingClientRect(), s = getComputedStyle(el);
 return (r.top >= 0 && r.bottom <= innerHeight ? "shown" : "off-screen") + " " + s.outlineStyle })()`); got != "shown solid" {
		t.Errorf("focused skip link: %s, want shown with a solid outline", got)
	}
	b.key("Enter", 13, "\r")
	b.waitFor(`document.activeElement && document.activeElement.id === "main"`)

	// Tab on to the first chart (past the links before it).
	for i := 0; ; i++ {
		if i == 40 {
			t.Fatalf("40 Tabs after the skip link and no chart focused (at %s)", b.text(`document.activeElement.outerHTML.slice(0, 200)`))
		}
		b.key("Tab", 9, "")
		if raw, err := b.eval(`document.activeElement.matches("[data-chart]")`); err == nil && string(raw) == "true" {
			break
		}
	}
	kind := b.text(`document.activeElement.dataset.chart`)
	role := b.text(`document.activeElement.getAttribute("role") || ""`)
	label := b.text(`document.activeElement.getAttribute("aria-label") || ""`)
	if kind != "status" || role != "img" || !strings.Contains(label, "已完成") || !strings.Contains(label, "进行中 1") {
		t.Errorf("first chart: %s, role %q, label %q; want the status chart, an image named with its counts", kind, role, label)
	}
	if got := b.text(`document.activeElement.innerText.trim()`); got != "" {
		t.Errorf("tooltip shown before any key: %q", got)
	}
	b.key("ArrowRight", 39, "")
	b.waitFor(`document.activeElement.innerText.includes("未开始")`)
	b.key("ArrowRight", 39, "")
	b.waitFor(`document.activeElement.innerText.includes("进行中")`)

	// On screen it is a clipped box of one pixel around the table.
	table := b.text(`(() => { const t = document.querySelector(".status-table"), s = getComputedStyle(t);
 const box = t.parentElement, r = box.getBoundingClientRect(), hidden = r.width <= 1 && r.height <= 1 && getComputedStyle(box).overflow === "hidden";
 return s.display + " " + s.visibility + " " + (hidden ? "hidden-visually" : "visible") + " " + t.innerText.includes("已完成") })()`)
	if table != "table visible hidden-visually true" {
		t.Errorf("status table with the chart drawn: %s, want it in the page for screen readers but not on screen", table)
	}

	// Every control shows where the focus is, on the public page and on
	// the busiest pages an admin sees.
	pages := []string{"/public/plans/" + f.plan.ID}
	const password = "Keys-2025-office"
	browserUser(t, f, "keys-admin", "键盘管理员", password, store.RoleAdmin)
	for i, path := range append(pages, "/", "/plans/"+f.plan.ID, "/tasks/"+f.task.ID, "/my", "/admin/units", "/admin/users") {
		if i == 1 {
			signIn(t, b, base, "keys-admin", password)
		}
		b.open(base + path)
		b.waitFor(`document.querySelectorAll("[data-chart]").length === document.querySelectorAll("[data-rendered]").length`)
		b.key("Tab", 9, "") // focus from the keyboard: what :focus-visible shows
		if bad := b.text(focusScript); bad != "" {
			t.Errorf("%s: focus not shown on %s", path, bad)
		}
	}
}

// focusScript focuses every control of the page in turn and names those
// that then show neither an outline nor a ring.
const focusScript = `(() => {
  const bad = [], describe = el => el.tagName.toLowerCase() + (el.name ? "[name=" + el.name + "]" : "") +
    (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "");
  const els = document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"])');
  let n = 0;
  for (const el of els) {
    if (el.getClientRects().length === 0) continue; // not rendered
    el.focus({preventScroll: true});
    if (document.activeElement !== el) continue;
    n++;
    const s = getComputedStyle(el);
    if ((s.outlineStyle === "none" || parseFloat(s.outlineWidth) === 0) && s.boxShadow === "none") bad.push(describe(el));
  }
  return n === 0 ? "no control at all" : [...new Set(bad)].slice(0, 10).join("; ");
})()`

// refusedSheet writes the unit's task list with one row's ID changed to a
// task that does not exist, which the upload must refuse.
func refusedSheet(t *testing.T, f *fixture, scope store.Scope) string {
	t.Helper()
	rep := f.session(t, "a11y-sheet", store.RoleReporter, scope)
	rec := f.do("GET", "/my/sheet.xlsx?plan="+scope.PlanID+"&unit="+url.QueryEscape(scope.Unit), rep, nil, nil)
	if rec.Code != 200 {
		t.Fatalf("download: %d", rec.Code)
	}
	ids, progCol, idCol, wb := sheetIDs(t, rec.Body.Bytes())
	row, ok := ids[f.task.ID]
	if !ok {
		t.Fatal("the seeded task is not in the unit's sheet")
	}
	sh := wb.GetSheetName(0)
	wb.SetCellValue(sh, fmt.Sprintf("%s%d", idCol, row), "no-such-task")
	wb.SetCellValue(sh, fmt.Sprintf("%s%d", progCol, row), "已完成场地改造")
	path := filepath.Join(t.TempDir(), "任务清单.xlsx")
	if err := wb.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}
