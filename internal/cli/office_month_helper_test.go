package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"planwatch/internal/store"
	"planwatch/internal/track"
	"planwatch/internal/web/auth"
)

// browser is a signed-in user of the web app in process: the session
// cookie and the CSRF token of its forms.
type browser struct {
	t     *testing.T
	srv   http.Handler
	login string
	token string
	csrf  string
}

var csrfFieldRe = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

// signIn opens a browser session for an account made by `user add`, as
// if its user had signed in, and reads the CSRF token off the /my page.
func signIn(t *testing.T, st *store.Store, srv http.Handler, login string) *browser {
	t.Helper()
	ctx := context.Background()
	u, err := st.UserByLogin(ctx, login)
	if err != nil {
		t.Fatalf("user %s: %v", login, err)
	}
	tok, err := st.CreateSession(ctx, u.ID, store.SessionAbsoluteTimeout, "test", "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	b := &browser{t: t, srv: srv, login: login, token: tok}
	code, body := b.do("GET", "/my", "", nil)
	m := csrfFieldRe.FindStringSubmatch(string(body))
	if code != http.StatusOK || m == nil {
		t.Fatalf("%s: GET /my = %d, no CSRF token\n%.600s", login, code, body)
	}
	b.csrf = m[1]
	return b
}

// do sends a request with the session and returns the status and body.
func (b *browser) do(method, target, contentType string, body []byte) (int, []byte) {
	b.t.Helper()
	req := httptest.NewRequest(method, target, bytes.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	req.AddCookie(&http.Cookie{Name: auth.CookieName, Value: b.token})
	if b.csrf != "" {
		req.Header.Set(auth.CSRFHeader, b.csrf)
	}
	rec := httptest.NewRecorder()
	b.srv.ServeHTTP(rec, req)
	return rec.Code, rec.Body.Bytes()
}

// get fetches a page or an API answer that must succeed.
func (b *browser) get(target string) []byte {
	b.t.Helper()
	code, body := b.do("GET", target, "", nil)
	if code != http.StatusOK {
		b.t.Fatalf("%s: GET %s = %d\n%.600s", b.login, target, code, body)
	}
	return body
}

// getJSON fetches an API answer into v.
func (b *browser) getJSON(target string, v any) {
	b.t.Helper()
	if err := json.Unmarshal(b.get(target), v); err != nil {
		b.t.Fatalf("%s: GET %s: %v", b.login, target, err)
	}
}

// postForm posts a page's form, with its CSRF field.
func (b *browser) postForm(target string, form url.Values) (int, string) {
	b.t.Helper()
	form.Set("csrf_token", b.csrf)
	code, body := b.do("POST", target, "application/x-www-form-urlencoded", []byte(form.Encode()))
	return code, string(body)
}

// upload posts a file as the /my page's upload form does.
func (b *browser) upload(target, field, name string, data []byte) (int, string) {
	b.t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	w.WriteField("csrf_token", b.csrf)
	fw, err := w.CreateFormFile(field, name)
	if err != nil {
		b.t.Fatal(err)
	}
	fw.Write(data)
	w.Close()
	code, body := b.do("POST", target, w.FormDataContentType(), buf.Bytes())
	return code, string(body)
}

// alertsView is what /api/v1/alerts says of the one plan.
type alertsView struct {
	Plans []struct {
		PlanID                      string `json:"plan_id"`
		Overdue, Behind, Unreported []struct{ ID string }
		Late                        []struct{ Unit, ID string }
	}
}

// myView is what /api/v1/my/tasks lists.
type myView struct {
	Tasks []struct {
		TaskID     string `json:"task_id"`
		Unit       string
		Unreported bool
	}
}

// unreportedTasks counts the distinct tasks /my marks unreported.
func (m myView) unreportedTasks() int {
	seen := map[string]bool{}
	for _, tk := range m.Tasks {
		if tk.Unreported {
			seen[tk.TaskID] = true
		}
	}
	return len(seen)
}

// pageFigure reads a figure of the /alerts page's summary line:
// "逾期 <b>3</b>", or "逾期 <b class="warn">3</b>" when it warns; 0 when
// the page has none.
func pageFigure(page, label string) int {
	m := regexp.MustCompile(label + ` <b(?: [^>]*)?>(\d+)</b>`).FindStringSubmatch(page)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

var unitLineRe = regexp.MustCompile(`^  (\S+)：(\d+) 项`)

// statusSection reads the per-unit lines of the section of `status`
// whose heading starts with head (未按期报送, 迟报): its total and
// unit → count.
func statusSection(t *testing.T, out, head string) (int, map[string]int) {
	t.Helper()
	byUnit := map[string]int{}
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		if !strings.HasPrefix(l, head+"（") {
			continue
		}
		m := regexp.MustCompile(`：(\d+) 项$`).FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("status heading %q", l)
		}
		total, _ := strconv.Atoi(m[1])
		for _, u := range lines[i+1:] {
			um := unitLineRe.FindStringSubmatch(u)
			if um == nil {
				break
			}
			byUnit[um[1]], _ = strconv.Atoi(um[2])
		}
		return total, byUnit
	}
	return 0, byUnit
}

// sheetRows reads the task rows of an exported 任务清单 (.xlsx): each row
// as column name → cell, the header row found by its 状态 column.
func sheetRows(t *testing.T, data []byte) []map[string]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	var header []string
	var out []map[string]string
	for _, row := range rows {
		if header == nil {
			if strings.Contains(strings.Join(row, "|"), track.ColStatus) {
				header = row
			}
			continue
		}
		r := map[string]string{}
		for i, c := range row {
			if i < len(header) {
				r[header[i]] = c
			}
		}
		if r[track.ColID] != "" {
			out = append(out, r)
		}
	}
	if header == nil {
		t.Fatalf("no header row in the sheet: %q", rows[:min(3, len(rows))])
	}
	return out
}

// fillUnitSheet writes a unit's report into the rows of a 任务清单
// downloaded from /my, as the unit's clerk would in Excel: a status for
// each task given (by ID), and a note.
func fillUnitSheet(t *testing.T, data []byte, tasks map[string]string, note string) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	sheet := f.GetSheetList()[0]
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	filled := 0
	for r, row := range rows {
		if len(col) == 0 {
			for i, c := range row {
				col[c] = i + 1
			}
			if col[track.ColStatus] == 0 {
				col = map[string]int{}
			}
			continue
		}
		if id := col[track.ColID] - 1; id < len(row) && tasks[row[id]] != "" {
			for name, v := range map[string]string{track.ColStatus: tasks[row[id]], track.ColProgress: note} {
				cell, _ := excelize.CoordinatesToCellName(col[name], r+1)
				if err := f.SetCellStr(sheet, cell, v); err != nil {
					t.Fatal(err)
				}
			}
			filled++
		}
	}
	if filled != len(tasks) {
		t.Fatalf("filled %d rows of the sheet, want %d", filled, len(tasks))
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// reportFigures reads the evaluation report's XLSX: the 总体情况 sheet as
// item → value (the task counts by status among them), and the 按牵头单位
// sheet as unit → 任务数.
func reportFigures(t *testing.T, path string) (map[string]string, map[string]int) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	summary := map[string]string{}
	rows, err := f.GetRows("总体情况")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if len(r) >= 2 {
			summary[r[0]] = r[1]
		}
	}
	byUnit := map[string]int{}
	if rows, err = f.GetRows("按牵头单位"); err != nil {
		t.Fatal(err)
	}
	for _, r := range rows[1:] {
		if len(r) >= 2 {
			byUnit[r[0]], _ = strconv.Atoi(r[1])
		}
	}
	return summary, byUnit
}
