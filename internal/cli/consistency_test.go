package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"planwatch/internal/library"
	"planwatch/internal/report"
	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
	"planwatch/internal/track"
	"planwatch/internal/web"
)

// TestViewsCountAlike is the office's month end: the sample plan half-way
// through, its tasks in every state — on schedule, behind, done, paused,
// cancelled, past their deadline, extended by an approval, never reported
// on — and every view asked the same question on the same day. `status`,
// /api/v1/alerts, /api/v1/my/tasks, the 任务清单 sheet and the evaluation
// report must count the same tasks in each status, the same overdue and
// the same unreported.
func TestViewsCountAlike(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		asOf := time.Date(2023, 6, 30, 18, 0, 0, 0, time.Local)
		p, tasks := consistencyPlan(t, st, asOf)

		// 1. `planwatch status PLAN --as-of 2023-06-30`.
		var out bytes.Buffer
		cfg := &Config{Ctx: ctx, Stdout: &out, Stderr: io.Discard, Log: slog.New(slog.DiscardHandler)}
		if err := printStatus(cfg, st, p.ID, asOf, nil); err != nil {
			t.Fatal(err)
		}
		status := statusCounts(t, out.String())

		// 2–4. The web app on that day, as an admin with an API token.
		srv, err := web.New(ctx, st, nil, web.Options{Version: "test", Now: func() time.Time { return asOf }})
		if err != nil {
			t.Fatal(err)
		}
		admin, err := st.CreateUser(ctx, store.User{Login: "admin", Role: store.RoleAdmin, PasswordHash: "!"})
		if err != nil {
			t.Fatal(err)
		}
		token, _, err := st.CreateAPIToken(ctx, admin.ID, "test", 0)
		if err != nil {
			t.Fatal(err)
		}
		get := func(path string) []byte {
			req := httptest.NewRequest("GET", path, nil)
			req.Header.Set("Authorization", "Bearer "+token)
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK {
				t.Fatalf("GET %s = %d %s", path, rec.Code, rec.Body)
			}
			return rec.Body.Bytes()
		}
		var alerts struct {
			Plans []struct {
				PlanID                      string `json:"plan_id"`
				Overdue, Behind, Unreported []struct{ ID string }
			}
		}
		if err := json.Unmarshal(get("/api/v1/alerts"), &alerts); err != nil || len(alerts.Plans) != 1 || alerts.Plans[0].PlanID != p.ID {
			t.Fatalf("alerts: %+v, %v", alerts, err)
		}
		var my struct {
			Tasks []struct {
				TaskID     string `json:"task_id"`
				Status     string
				Overdue    bool
				Unreported bool
			}
		}
		if err := json.Unmarshal(get("/api/v1/my/tasks"), &my); err != nil {
			t.Fatal(err)
		}
		myOverdue, myUnreported := map[string]bool{}, map[string]bool{}
		for _, tk := range my.Tasks {
			if tk.Overdue != (tk.Status == track.StatusOverdue) {
				t.Errorf("/my task %s: status %s, overdue %v", tk.TaskID, tk.Status, tk.Overdue)
			}
			if tk.Overdue {
				myOverdue[tk.TaskID] = true
			}
			if tk.Unreported {
				myUnreported[tk.TaskID] = true
			}
		}
		sheet := sheetCounts(t, get("/api/v1/my/sheet.xlsx?plan="+p.ID), tasks)

		// 5. The evaluation report as of that day.
		r, err := report.Build(ctx, st, p.ID, asOf, report.Options{})
		if err != nil {
			t.Fatal(err)
		}
		rep := map[string]int{}
		for _, c := range r.Summary.ByStatus {
			if c.Count > 0 {
				rep[c.Label] = c.Count
			}
		}

		// Every state is there, so agreeing means something.
		for _, label := range []string{"进行中", "滞后", "逾期", "已延期", "暂停", "取消", "已完成"} {
			if status[label] == 0 {
				t.Errorf("status shows no %s task: the scenario lost a state\n%s", label, out.String())
			}
		}
		overdue := status["逾期"]
		for _, c := range []struct {
			view string
			got  any
			want any
		}{
			{"sheet, by status", sheet, withoutTotals(status)},
			{"report, by status", rep, withoutTotals(status)},
			{"tasks: status and report", status["total"], r.Summary.Tasks},
			{"overdue: alerts", len(alerts.Plans[0].Overdue), overdue},
			{"overdue: /my", len(myOverdue), overdue},
			{"overdue: report", r.Summary.Overdue, overdue},
			{"behind: alerts", len(alerts.Plans[0].Behind), status["滞后"]},
			{"unreported: alerts", len(alerts.Plans[0].Unreported), status["unreported"]},
			{"unreported: /my", len(myUnreported), status["unreported"]},
			{"unreported: report", r.Summary.Unreported, status["unreported"]},
		} {
			if fmt.Sprint(c.got) != fmt.Sprint(c.want) {
				t.Errorf("%s = %v, status says %v", c.view, c.got, c.want)
			}
		}
		if t.Failed() || testing.Verbose() {
			t.Logf("status:\n%s", out.String())
		}
	})
}

// consistencyPlan stores the sample plan and records, by asOf, what the
// scenario needs; it returns the plan and its tasks by ID.
func consistencyPlan(t *testing.T, st *store.Store, asOf time.Time) (store.Plan, map[string]store.Item) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), sampleName)
	if err := os.WriteFile(path, samplePlan, 0o644); err != nil {
		t.Fatal(err)
	}
	res := library.New(st, library.Options{}).Add(ctx, path, nil)
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	p, err := demoPlan(ctx, st, res.DocumentID)
	if err != nil {
		t.Fatal(err)
	}
	items, err := st.Items(ctx, p.ID, store.ItemFilter{Kind: store.KindTask})
	if err != nil || len(items) < 10 {
		t.Fatalf("tasks: %d, %v", len(items), err)
	}
	before := asOf.AddDate(0, 0, -20) // recorded in time
	lead := func(it store.Item) string {
		if len(it.Units) > 0 {
			return it.Units[0].Unit
		}
		return ""
	}
	// Deadlines before the day asked about, for three tasks.
	for i, d := range map[int]string{5: "2023-03-31", 6: "2023-05-31", 7: "2023-06-15"} {
		it := items[i]
		it.Deadline = d
		if err := st.EditItem(ctx, it, store.ItemEdit{Reason: "年度任务", Author: "test"}); err != nil {
			t.Fatal(err)
		}
	}
	// Task 6 got a new date in time: 已延期, not 逾期.
	if _, err := st.ExtendItem(ctx, store.Extension{ItemID: items[6].ID, NewDeadline: "2023-12-31", Reason: "用地审批延后",
		ApprovedBy: "市政府办公室", ApprovedOn: "2023-05-20", RecordedAt: asOf.AddDate(0, -1, -10)}, store.AuditEntry{ActorLogin: "test"}); err != nil {
		t.Fatal(err)
	}
	// Reports for May (due 6-05), on the words offices use.
	var ups []store.Update
	for i, r := range []struct {
		status   string
		progress int
	}{
		{"序时推进", 50}, {"进度缓慢", 20}, {"已完成", 100}, {"暂停", 30}, {"取消", 0}, {"进行中", 60}, {"已延期", 40},
	} {
		code, err := track.ParseStatus(r.status)
		if err != nil {
			t.Fatal(err)
		}
		ups = append(ups, store.Update{ItemID: items[i].ID, Unit: lead(items[i]), Date: "2023-06-01", Status: code, Progress: r.progress,
			Note: "五月进展", Author: "test", Source: "test", RecordedAt: before})
	}
	// A report recorded after the day asked about: no view may count it.
	ups = append(ups, store.Update{ItemID: items[8].ID, Unit: lead(items[8]), Date: "2023-06-01", Status: track.StatusDone,
		Progress: 100, Author: "test", Source: "test", RecordedAt: asOf.Add(48 * time.Hour)})
	if err := st.AddUpdates(ctx, ups); err != nil {
		t.Fatal(err)
	}
	all, err := st.Items(ctx, p.ID, store.ItemFilter{Kind: store.KindTask})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]store.Item{}
	for _, it := range all {
		byID[it.ID] = it
	}
	return p, byID
}

var (
	statusLine     = regexp.MustCompile(`任务 (\d+) 项：(.*)`)
	unreportedLine = regexp.MustCompile(`未按期报送（[^）]*）：(\d+) 项`)
)

// statusCounts reads `status`'s output: tasks by status label, with the
// total and the unreported under "total" and "unreported".
func statusCounts(t *testing.T, out string) map[string]int {
	t.Helper()
	m := statusLine.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("status output lacks the counts:\n%s", out)
	}
	counts := map[string]int{}
	counts["total"], _ = strconv.Atoi(m[1])
	for _, part := range strings.Split(m[2], "，") {
		label, n, ok := strings.Cut(strings.TrimSpace(part), " ")
		if !ok {
			t.Fatalf("status count %q", part)
		}
		counts[label], _ = strconv.Atoi(n)
	}
	if u := unreportedLine.FindStringSubmatch(out); u != nil {
		counts["unreported"], _ = strconv.Atoi(u[1])
	}
	return counts
}

func withoutTotals(m map[string]int) map[string]int {
	out := map[string]int{}
	for k, v := range m {
		if k != "total" && k != "unreported" {
			out[k] = v
		}
	}
	return out
}

// sheetCounts counts the 状态 of the sheet's task rows (its hidden ID
// column names the item; project rows are left out, as every view leaves
// them out of the task counts).
func sheetCounts(t *testing.T, data []byte, tasks map[string]store.Item) map[string]int {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	statusCol, idCol := -1, -1
	counts := map[string]int{}
	for _, row := range rows {
		if statusCol < 0 {
			for i, c := range row {
				switch c {
				case track.ColStatus:
					statusCol = i
				case track.ColID:
					idCol = i
				}
			}
			continue
		}
		if idCol < len(row) && statusCol < len(row) {
			if _, ok := tasks[row[idCol]]; ok {
				counts[row[statusCol]]++
			}
		}
	}
	if statusCol < 0 || idCol < 0 {
		t.Fatalf("no 状态 or ID column in the sheet: %q", rows[:min(3, len(rows))])
	}
	return counts
}
