package cli

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
	"planwatch/internal/track"
	"planwatch/internal/web"
)

// officeMonthDoc is the city plan the office runs: Shanghai's 2026–2030
// food-technology 行动方案 from ../shared/corpus, 20 tasks each naming
// the 市 units that lead it.
const officeMonthDoc = "082_sh_foodtech_action_2026.md"

// TestOfficeMonth plays one office month on each back end (SQLite, and
// PostgreSQL given PLANWATCH_TEST_POSTGRES): a plan is made from a corpus
// document; its proposals are reviewed (the projects and two tasks
// dismissed, the rest confirmed); the units the plan seeded are confirmed
// and an alias registered; three units report — 市商务委 on the task
// page, 市卫生健康委 (signed up as 市卫健委) with the /my sheet, both
// before the due day, and 市经济信息化委 (as 市经信委) from the command
// line after it: refused without a reason, then taken and marked 迟报,
// while 市商务委 is refused a report for the period before. Then
// `status`, /alerts, /my of each unit's reporter, the exported 任务清单
// and the evaluation report must give the same counts — tasks by status,
// unreported and late, per unit — and the ones the month makes.
//
// The command line records at the real time, so the web app's clock is
// set to the eve of the due day of the period due today for the reports
// made in time, and to the real time for the month-end views.
func TestOfficeMonth(t *testing.T) {
	doc := sharedPath(t, "corpus", officeMonthDoc)
	if _, err := os.Stat(doc); err != nil {
		t.Skipf("%s: %v", doc, err)
	}
	for _, backend := range storetest.Backends() {
		t.Run(backend, func(t *testing.T) { playOfficeMonth(t, storetest.FreshDSN(t, backend), doc) })
	}
}

// officeUnits are the reporting units, each with its reporter's login,
// the name it is signed up and reports under, and what the month leaves
// it: confirmed tasks it leads, reported for the period due, not
// reported, reported late.
var officeUnits = []struct {
	unit, login, as                   string
	tasks, reported, unreported, late int
}{
	{"市商务委", "swj", "市商务委", 3, 2, 1, 0},    // the web: 9 and 10, on time; 7 refused
	{"市卫生健康委", "wjw", "市卫健委", 6, 4, 2, 0},  // a sheet: 4 (done) 5 11 12 (paused), on time
	{"市经济信息化委", "jxw", "市经信委", 9, 2, 7, 2}, // the CLI: 9 and 10, late
}

const (
	officeTasks      = 18 // 20 extracted, 16 and 17 dismissed
	officeUnreported = 15 // all but 9 and 10, whose two units both reported, and 4, done
	officeLate       = 2
	officeWithNotes  = 6 // 4 5 9 10 11 12
)

func playOfficeMonth(t *testing.T, db, doc string) {
	ctx := context.Background()
	cli := func(want int, args ...string) string {
		t.Helper()
		args = append(args, "--db", db)
		code, out, errOut := run(t, "Plan-2025-office\n", args...)
		if code != want {
			t.Fatalf("%v = %d, want %d\n%s%s", args, code, want, out, errOut)
		}
		return out + errOut
	}

	// A plan from the document: everything it found is proposed.
	cli(exitOK, "add", doc)
	docID := regexp.MustCompile(`^[0-9a-z]{16}`).FindString(cli(exitOK, "list"))
	out := cli(exitOK, "plan", "create", "--from", docID)
	plan := regexp.MustCompile(`plan ([0-9a-z]{16})`).FindStringSubmatch(out)[1]
	if !strings.Contains(out, "待确认：33 项") {
		t.Fatalf("plan create:\n%s", out)
	}
	task := map[string]string{} // number → ID
	for _, m := range regexp.MustCompile(`\[任务\] ([0-9a-z]{16})  (\d+) `).FindAllStringSubmatch(cli(exitOK, "proposal", "list", plan), -1) {
		task[m[2]] = m[1]
	}
	if len(task) != 20 {
		t.Fatalf("proposed tasks: %v", task)
	}
	// The review: the projects are carriers of tasks, 16 and 17 means.
	cli(exitOK, "proposal", "dismiss", "--all", "--kind", "project", "--reason", "载体，不单列", plan)
	cli(exitOK, "proposal", "dismiss", "--reason", "保障措施，不作考核任务", plan, task["16"], task["17"])
	if out := cli(exitOK, "proposal", "confirm", "--all", plan); !strings.Contains(out, "24 proposals confirmed") {
		t.Fatalf("confirm:\n%s", out)
	}
	if out := cli(exitOK, "proposal", "list", "--dismissed", plan); !strings.Contains(out, "已驳回 9 项（任务 2，项目 7，指标 0）") {
		t.Errorf("the dismissed proposals:\n%s", out)
	}

	// The units the plan named, confirmed; one known by another name.
	if out := cli(exitOK, "unit", "list", "--unconfirmed"); !strings.Contains(out, "17 to confirm") {
		t.Fatalf("unit list:\n%s", out)
	}
	cli(exitOK, "unit", "confirm", "--all")
	cli(exitOK, "unit", "alias", "市经济信息化委", "市经信委")
	if out := cli(exitFail, "user", "add", "nobody", "--role", "reporter", "--unit", "市经委", "--plan", plan, "--password-stdin"); !strings.Contains(out, "not in the unit registry") {
		t.Errorf("an account for an unknown unit: %s", out)
	}
	cli(exitOK, "user", "add", "admin", "--role", "admin", "--password-stdin")
	for _, u := range officeUnits {
		cli(exitOK, "user", "add", u.login, "--role", "reporter", "--unit", u.as, "--plan", plan, "--password-stdin")
	}

	// The web app over the same database, its clock first on the eve of
	// the due day of the period due today (the plan reports monthly, by
	// the 5th).
	st, err := store.Open(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	now := time.Now()
	due := track.Monthly.PeriodDue(now)
	eve := time.Date(due.Due.Year(), due.Due.Month(), due.Due.Day()-1, 10, 0, 0, 0, time.Local)
	clock := eve
	srv, err := web.New(ctx, st, nil, web.Options{Version: "test", Now: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	periodEnd := due.End.Format(time.DateOnly)

	// 市商务委 on the task page: a report for the period before is
	// refused without a reason; 9 and 10 are reported in time.
	swj := signIn(t, st, srv, "swj")
	before := due.Opens.AddDate(0, 0, -1).Format(time.DateOnly)
	form := url.Values{"date": {before}, "status": {"进行中"}, "progress": {"10"}, "note": {"冷链物流方案已起草"}}
	if code, body := swj.postForm("/tasks/"+task["7"]+"/updates", form); code != 400 || !strings.Contains(body, "补报须说明原因") {
		t.Errorf("web report dated %s without a reason = %d, want 400 and 补报须说明原因", before, code)
	}
	for _, n := range []string{"9", "10"} {
		form := url.Values{"date": {periodEnd}, "status": {"进行中"}, "progress": {"25"}, "note": {"已完成试点方案"}}
		if code, body := swj.postForm("/tasks/"+task[n]+"/updates", form); code != 303 {
			t.Fatalf("web report on %s = %d\n%.800s", n, code, body)
		}
	}

	// 市卫生健康委 fills in its /my sheet for four tasks and uploads it.
	wjw := signIn(t, st, srv, "wjw")
	sheet := map[string]string{task["4"]: "已完成", task["5"]: "进行中", task["11"]: "进行中", task["12"]: "暂停"}
	filled := fillUnitSheet(t, wjw.get("/my/sheet.xlsx"), sheet, "已召开专题推进会")
	if code, body := wjw.upload("/my/sheet", "sheet", "任务清单.xlsx", filled); code != 200 {
		t.Fatalf("sheet upload = %d\n%.800s", code, body)
	}

	// 市经济信息化委 from the command line, after the due day: a report
	// for the period due needs a reason, and is late.
	late := []string{"task", "update", "--unit", "市经信委", "--date", periodEnd, "--status", "进行中", "--progress", "30", "--note", "试点方案通过评审"}
	if out := cli(exitFail, append(late, task["9"])...); !strings.Contains(out, "补报须说明原因") {
		t.Errorf("a back-dated report without a reason: %s", out)
	}
	for _, n := range []string{"9", "10"} {
		cli(exitOK, append(late, "--reason", "系统故障未能按期报送", task[n])...)
	}
	if h := cli(exitOK, "task", "history", task["9"]); strings.Count(h, "〔迟报〕") != 1 || !strings.Contains(h, "〔迟报〕  说明：系统故障未能按期报送") {
		t.Errorf("task 9's history marks the CLI's report, and only it, 迟报:\n%s", h)
	}

	// Month end: every view, today.
	clock = time.Now()
	today := clock.Format(time.DateOnly)
	statusOut := cli(exitOK, "status", plan)
	status := statusCounts(t, statusOut)
	unreported, unreportedBy := statusSection(t, statusOut, "未按期报送")
	lateTotal, lateBy := statusSection(t, statusOut, "迟报")

	admin := signIn(t, st, srv, "admin")
	var alerts alertsView
	admin.getJSON("/api/v1/alerts", &alerts)
	if len(alerts.Plans) != 1 || alerts.Plans[0].PlanID != plan {
		t.Fatalf("alerts: %+v", alerts)
	}
	al := alerts.Plans[0]
	alertsPage := string(admin.get("/alerts"))
	var adminMy myView
	admin.getJSON("/api/v1/my/tasks", &adminMy)

	rows := sheetRows(t, []byte(cli(exitOK, "sheet", "export", plan)))
	sheetBy, sheetNotes, sheetUnits := map[string]int{}, 0, map[string]int{}
	for _, r := range rows {
		sheetBy[r[track.ColStatus]]++
		if r[track.ColProgress] != "" {
			sheetNotes++
		}
		for _, u := range strings.Split(r[track.ColLead], "、") {
			sheetUnits[u]++
		}
	}
	reportFile := filepath.Join(t.TempDir(), "评估报告.xlsx")
	cli(exitOK, "report", plan, "--as-of", today, "-o", reportFile)
	summary, reportUnits := reportFigures(t, reportFile)
	reportBy := map[string]int{}
	for _, code := range track.Statuses() {
		label := track.StatusLabel(code)
		if n, _ := strconv.Atoi(summary[label]); n > 0 {
			reportBy[label] = n
		}
	}

	checks := []struct {
		what      string
		got, want any
	}{
		{"status: tasks", status["total"], officeTasks},
		{"status: unreported", unreported, officeUnreported},
		{"status: late", lateTotal, officeLate},
		{"alerts: unreported", len(al.Unreported), officeUnreported},
		{"alerts: late", len(al.Late), officeLate},
		{"alerts: behind", len(al.Behind), status["滞后"]},
		{"alerts: overdue", len(al.Overdue), status["逾期"]},
		{"/alerts page: overdue", pageFigure(alertsPage, "逾期"), status["逾期"]},
		{"/alerts page: behind", pageFigure(alertsPage, "滞后"), status["滞后"]},
		{"/alerts page: unreported", pageFigure(alertsPage, "本期未报"), officeUnreported},
		{"/my (admin): unreported", adminMy.unreportedTasks(), officeUnreported},
		{"sheet: rows", len(rows), officeTasks},
		{"sheet: by status", sheetBy, withoutTotals(status)},
		{"sheet: rows with progress", sheetNotes, officeWithNotes},
		{"report: tasks", summary["重点任务（项）"], fmt.Sprint(officeTasks)},
		{"report: unreported", summary["本期未报送进展（项）"], fmt.Sprint(officeUnreported)},
		{"report: overdue", summary["逾期（项）"], fmt.Sprint(status["逾期"])},
		{"report: by status", reportBy, withoutTotals(status)},
	}
	for _, u := range officeUnits {
		b := signIn(t, st, srv, u.login)
		var a alertsView
		b.getJSON("/api/v1/alerts", &a)
		var my myView
		b.getJSON("/api/v1/my/tasks", &my)
		alertsPage, myPage := string(b.get("/alerts")), string(b.get("/my"))
		var aUnreported, aLate int
		if len(a.Plans) == 1 {
			aUnreported, aLate = len(a.Plans[0].Unreported), len(a.Plans[0].Late)
		}
		adminLate := 0
		for _, l := range al.Late {
			if l.Unit == u.unit {
				adminLate++
			}
		}
		checks = append(checks, []struct {
			what      string
			got, want any
		}{
			{u.unit + ": status, unreported", unreportedBy[u.unit], u.unreported},
			{u.unit + ": status, late", lateBy[u.unit], u.late},
			{u.unit + ": alerts, unreported", aUnreported, u.unreported},
			{u.unit + ": alerts, late", aLate, u.late},
			{u.unit + ": admin's alerts, late", adminLate, u.late},
			{u.unit + ": admin's /alerts page, late", strings.Count(string(admin.get("/alerts")), "<li>"+u.unit+" · "), u.late},
			{u.unit + ": /alerts page, unreported", pageFigure(alertsPage, "本期未报"), u.unreported},
			{u.unit + ": /my page, unreported", strings.Count(myPage, `class="warn">本期未报<`), u.unreported},
			{u.unit + ": /my, unreported", my.unreportedTasks(), u.unreported},
			{u.unit + ": sheet rows", sheetUnits[u.unit], u.tasks},
			{u.unit + ": report, tasks", reportUnits[u.unit], u.tasks},
			{u.unit + ": reported + unreported", u.reported + u.unreported, u.tasks},
		}...)
	}
	for _, c := range checks {
		if fmt.Sprint(c.got) != fmt.Sprint(c.want) {
			t.Errorf("%s = %v, want %v", c.what, c.got, c.want)
		}
	}
	if t.Failed() || testing.Verbose() {
		t.Logf("status:\n%s", statusOut)
	}
}
