package web

import (
	"bytes"
	"context"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
	"planwatch/internal/track"
	"planwatch/internal/web/auth"
)

// upload sends a multipart form as sess: fields, then the file (none when
// name is ""), with the session's CSRF token in the form.
func (f *fixture) upload(t *testing.T, target string, sess *session, fields map[string]string, field, name string, data []byte) *httptest.ResponseRecorder {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	if sess != nil && sess.csrf != "" {
		mw.WriteField("csrf_token", sess.csrf)
	}
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	if name != "" {
		w, err := mw.CreateFormFile(field, name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	mw.Close()
	req := httptest.NewRequest("POST", target, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	if sess != nil {
		req.AddCookie(&http.Cookie{Name: auth.CookieName, Value: sess.token})
	}
	rec := httptest.NewRecorder()
	f.srv.ServeHTTP(rec, req)
	return rec
}

// unitTasks returns the tasks of the plan a unit leads or supports, and
// the others.
func unitTasks(t *testing.T, f *fixture, unit string) (mine, others []store.Item) {
	t.Helper()
	items, err := f.st.Items(context.Background(), f.plan.ID, store.ItemFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if it.Kind == store.KindGroup {
			continue
		}
		if slices.ContainsFunc(it.Units, func(a store.Assignment) bool { return a.Unit == unit }) {
			mine = append(mine, it)
		} else {
			others = append(others, it)
		}
	}
	if len(mine) == 0 || len(others) == 0 {
		t.Fatalf("unit %s: %d tasks of its own, %d others; the test needs both", unit, len(mine), len(others))
	}
	return mine, others
}

// sheetIDs reads the ID column of a downloaded task list, with each ID's
// row number, and the column letters of 进展情况 and ID.
func sheetIDs(t *testing.T, data []byte) (ids map[string]int, progressCol, idCol string, wb *excelize.File) {
	t.Helper()
	wb, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := wb.GetRows(wb.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	ids = map[string]int{}
	header := -1
	for i, r := range rows {
		if header < 0 && slices.Contains(r, track.ColID) {
			header = i
			for c, label := range r {
				name, _ := excelize.ColumnNumberToName(c + 1)
				switch label {
				case track.ColProgress:
					progressCol = name
				case track.ColID:
					idCol = name
				}
			}
			continue
		}
		if header >= 0 && len(r) > 0 && r[len(r)-1] != "" {
			ids[r[len(r)-1]] = i + 1
		}
	}
	if header < 0 || progressCol == "" {
		t.Fatalf("no header row in the sheet: %v", rows)
	}
	return ids, progressCol, idCol, wb
}

// TestMy checks the "My updates" page and API: who may see them, and
// that a reporter sees their unit's tasks due for a report.
func TestMy(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		unit := f.task.Units[0].Unit
		mine, others := unitTasks(t, f, unit)
		rep := f.session(t, "fgw", store.RoleReporter, store.Scope{PlanID: f.plan.ID, Unit: unit})
		viewer := f.session(t, "viewer", store.RoleViewer, store.Scope{})
		for _, c := range []struct {
			name   string
			sess   *session
			path   string
			status int
		}{
			{"reporter page", rep, "/my", 200},
			{"viewer page", viewer, "/my", 403},
			{"viewer API", viewer, "/api/v1/my/tasks", 403},
			{"viewer sheet", viewer, "/api/v1/my/sheet.xlsx", 403},
			{"reporter, another unit's sheet", rep, "/my/sheet.xlsx?unit=某某不相干局", 403},
			{"admin page", f.admin, "/my", 200},
		} {
			if rec := f.do("GET", c.path, c.sess, nil, nil); rec.Code != c.status {
				t.Errorf("%s: GET %s: %d, want %d\n%.400s", c.name, c.path, rec.Code, c.status, rec.Body.String())
			}
		}
		if body := f.do("GET", "/search", rep, nil, nil).Body.String(); !strings.Contains(body, `href="/my"`) {
			t.Error("no My updates link for a reporter")
		}
		if body := f.do("GET", "/search", viewer, nil, nil).Body.String(); strings.Contains(body, `href="/my"`) {
			t.Error("a My updates link for a viewer")
		}
		rec := f.do("GET", "/api/v1/my/tasks", rep, nil, nil)
		var got apiMyTasks
		if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || rec.Code != 200 {
			t.Fatalf("%d %v\n%s", rec.Code, err, rec.Body.String())
		}
		if got.Period != "2023-05" || len(got.Duties) != 1 || !slices.Equal(got.Duties[0].Units, []string{unit}) {
			t.Errorf("period %s, duties %+v", got.Period, got.Duties)
		}
		listed := map[string]bool{}
		for _, tk := range got.Tasks {
			listed[tk.TaskID] = true
			if tk.Unit != unit || (!slices.Contains(tk.Lead, unit) && !slices.Contains(tk.Support, unit)) {
				t.Errorf("task %s listed for %q, units %v %v", tk.TaskID, tk.Unit, tk.Lead, tk.Support)
			}
		}
		if !listed[f.task.ID] || len(got.Tasks) != len(mine) {
			t.Errorf("%d tasks listed, want the unit's %d (none reported for May), the seeded one among them", len(got.Tasks), len(mine))
		}
		if listed[others[0].ID] {
			t.Errorf("another unit's task %s listed", others[0].ID)
		}
		page := f.do("GET", "/my", rep, nil, nil).Body.String()
		if !strings.Contains(page, `action="/tasks/`+f.task.ID+`/updates"`) || !strings.Contains(page, `href="/my/sheet.xlsx?plan=`+f.plan.ID) {
			t.Error("the page lacks the quick update form or the sheet link")
		}
	})
}

// TestMySheet downloads a reporter's task list, fills it in and uploads
// it: the unit's rows only, all rows or none, every update audited, and
// files that are not a task list refused with the file's name.
func TestMySheet(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := seed(t, st)
		unit := f.task.Units[0].Unit
		mine, others := unitTasks(t, f, unit)
		rep := f.session(t, "fgw", store.RoleReporter, store.Scope{PlanID: f.plan.ID, Unit: unit})
		rec := f.do("GET", "/my/sheet.xlsx", rep, nil, nil)
		if rec.Code != 200 || rec.Header().Get("Content-Type") != xlsxType || !strings.Contains(rec.Header().Get("Content-Disposition"), "attachment") {
			t.Fatalf("download: %d %v", rec.Code, rec.Header())
		}
		sheet := rec.Body.Bytes()
		ids, progCol, idCol, _ := sheetIDs(t, sheet)
		if len(ids) != len(mine) {
			t.Errorf("%d rows in the sheet, want the unit's %d tasks", len(ids), len(mine))
		}
		for _, it := range others {
			if _, ok := ids[it.ID]; ok {
				t.Errorf("another unit's task %s in the sheet", it.ID)
			}
		}
		// fill writes notes into the downloaded sheet; extra adds a row
		// naming another task by its ID.
		fill := func(extraID, status string) []byte {
			_, _, _, wb := sheetIDs(t, sheet)
			sh := wb.GetSheetName(0)
			n := 0
			for id, row := range ids {
				if n == 2 {
					break
				}
				wb.SetCellValue(sh, progCol+itoa(row), "第二季度进展"+id[:4])
				n++
			}
			if extraID != "" {
				row := 200
				wb.SetCellValue(sh, progCol+itoa(row), "代填")
				wb.SetCellValue(sh, idCol+itoa(row), extraID)
			}
			if status != "" {
				statusCol, _ := excelize.ColumnNumberToName(columnIndex(track.ColStatus) + 1)
				wb.SetCellValue(sh, statusCol+itoa(ids[f.task.ID]), status)
			}
			var buf bytes.Buffer
			if err := wb.Write(&buf); err != nil {
				t.Fatal(err)
			}
			return buf.Bytes()
		}
		count := func() (int, int) {
			ups, _ := st.PlanUpdates(ctx, f.plan.ID, fixtureNow.AddDate(1, 0, 0))
			es, _ := st.Audit(ctx, store.AuditFilter{Action: "update.post"})
			return len(ups), len(es)
		}
		ups0, audit0 := count()
		want := min(2, len(ids))

		// Refused: a row of another unit's task, and a bad status word;
		// nothing is posted.
		for _, c := range []struct {
			name, extra, status, reason string
		}{
			{"another unit's task", others[0].ID, "", "不能代为填报"},
			{"unknown status", "", "差不多吧", "无法识别"},
		} {
			rec := f.upload(t, "/api/v1/my/sheet", rep, nil, "sheet", "任务清单.xlsx", fill(c.extra, c.status))
			var res apiSheetImport
			json.Unmarshal(rec.Body.Bytes(), &res)
			if rec.Code != 422 || res.Posted != 0 || len(res.Refused) != 1 || !strings.Contains(res.Refused[0].Reason, c.reason) {
				t.Errorf("%s: %d %s", c.name, rec.Code, rec.Body.String())
			}
			if u, a := count(); u != ups0 || a != audit0 {
				t.Errorf("%s: refused, yet %d → %d updates, %d → %d audit entries", c.name, ups0, u, audit0, a)
			}
		}
		page := f.upload(t, "/my/sheet", rep, nil, "sheet", "任务清单.xlsx", fill(others[0].ID, ""))
		if page.Code != 422 || !strings.Contains(page.Body.String(), "不能代为填报") {
			t.Errorf("page with a refused row: %d\n%.600s", page.Code, page.Body.String())
		}

		// Not a task list.
		other := excelize.NewFile()
		other.SetCellValue("Sheet1", "A1", "姓名")
		other.SetCellValue("Sheet1", "B1", "电话")
		var otherBuf bytes.Buffer
		if err := other.Write(&otherBuf); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			name, file string
			data       []byte
		}{
			{"a text file", "notes.txt", []byte("not a sheet")},
			{"a broken workbook", "坏表.xlsx", []byte("not a sheet")},
			{"other columns", "通讯录.xlsx", otherBuf.Bytes()},
			{"no file", "", nil},
		} {
			rec := f.upload(t, "/api/v1/my/sheet", rep, nil, "sheet", c.file, c.data)
			var e struct {
				Error struct{ Code, Message string }
			}
			json.Unmarshal(rec.Body.Bytes(), &e)
			if rec.Code != 400 || e.Error.Code != "bad_request" || !strings.Contains(e.Error.Message, c.file) || strings.Contains(e.Error.Message, "\n") {
				t.Errorf("%s: %d %s", c.name, rec.Code, rec.Body.String())
			}
		}
		// The viewer may not upload at all.
		viewer := f.session(t, "viewer", store.RoleViewer, store.Scope{})
		if rec := f.upload(t, "/api/v1/my/sheet", viewer, nil, "sheet", "任务清单.xlsx", fill("", "")); rec.Code != 403 {
			t.Errorf("viewer upload: %d", rec.Code)
		}

		// Accepted: the notes are posted for the unit, each audited.
		rec = f.upload(t, "/my/sheet", rep, map[string]string{"plan": f.plan.ID, "unit": unit}, "sheet", "任务清单.xlsx", fill("", ""))
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), `id="sheet-summary"><b>`+itoa(want)+`</b>`) {
			t.Fatalf("upload: %d\n%.800s", rec.Code, rec.Body.String())
		}
		u1, a1 := count()
		if u1 != ups0+want || a1 != audit0+want {
			t.Errorf("%d → %d updates, %d → %d audit entries, want +%d", ups0, u1, audit0, a1, want)
		}
		all, _ := st.PlanUpdates(ctx, f.plan.ID, fixtureNow.AddDate(1, 0, 0))
		for _, u := range all {
			if strings.HasPrefix(u.Note, "第二季度进展") && (u.Unit != unit || u.Author != rep.user.Name || u.Source != "import:任务清单.xlsx") {
				t.Errorf("imported update %+v", u)
			}
		}
		if _, err := st.VerifyAudit(ctx); err != nil {
			t.Error(err)
		}
	})
}

// columnIndex is the 0-based place of a column of the exported task list.
func columnIndex(label string) int { return slices.Index(track.TaskListColumns, label) }

func itoa(n int) string { return strconv.Itoa(n) }

// TestMyFollowsUpdates posts a report on a task /my lists as unreported:
// the very next /my (whose judgement of each plan is cached) no longer
// owes it, and a second visit before any change is answered the same.
func TestMyFollowsUpdates(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		unit := f.task.Units[0].Unit
		rep := f.session(t, "fgw", store.RoleReporter, store.Scope{PlanID: f.plan.ID, Unit: unit})
		owed := func() (listed, unreported bool) {
			t.Helper()
			rec := f.do("GET", "/api/v1/my/tasks", rep, nil, nil)
			var got apiMyTasks
			if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || rec.Code != 200 {
				t.Fatalf("%d %v\n%s", rec.Code, err, rec.Body.String())
			}
			for _, tk := range got.Tasks {
				if tk.TaskID == f.task.ID && tk.Unit == unit {
					return true, tk.Unreported
				}
			}
			return false, false
		}
		if listed, unreported := owed(); !listed || !unreported {
			t.Fatalf("before the report: listed %v, unreported %v; want both", listed, unreported)
		}
		if listed, unreported := owed(); !listed || !unreported {
			t.Fatalf("second visit: listed %v, unreported %v; want both", listed, unreported)
		}
		rec := f.do("POST", "/tasks/"+f.task.ID+"/updates", rep, nil, url.Values{"csrf_token": {rep.csrf},
			"status": {"on_schedule"}, "progress": {"60"}, "note": {"五月进展"}, "unit": {unit},
			"date": {"2023-05-28"}, "reason": {"补报五月进展"}})
		if rec.Code != http.StatusSeeOther {
			t.Fatalf("posting the report: %d\n%.600s", rec.Code, rec.Body.String())
		}
		if _, unreported := owed(); unreported {
			t.Error("after the report /my still says the unit owes it")
		}
	})
}
