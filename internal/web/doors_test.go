package web

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"net/url"
	"runtime"
	"strings"
	"testing"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
	"planwatch/internal/track/hostile"
)

// TestDoorsRefuseAlike posts the same bad update through the task page's
// form, the API and an uploaded sheet: each door refuses it (the rules of
// track.CheckUpdate), the sheet naming its row and column, and nothing is
// stored.
func TestDoorsRefuseAlike(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := seed(t, st)
		unit := f.task.Units[0].Unit
		rep := f.session(t, "fgw", store.RoleReporter, store.Scope{PlanID: f.plan.ID, Unit: unit})
		for _, c := range []struct {
			name, progress, note, date string
			page, sheet                string // what the page says; the sheet's refused column and reason
		}{
			{"a NUL in the note", "50", "已完成\x00选址", "", "不能保存", "D:空字符 NUL"},
			{"an escape sequence in the note", "50", "完成\x1b]0;pwned\x07选址", "", "不能保存", "D:U+001B"},
			{"a direction override in the note", "50", "完成\u202e址选", "", "不能保存", "D:U+202E"},
			{"a note of 2,001 characters", "50", strings.Repeat("进", 2001), "", "过长", "D:2001 > 2000"},
			{"a date after today", "50", "好", "2023-07-01", "不能晚于今天", "E:晚于今天"},
			{"progress over 100", "101", "好", "", "0 到 100", "C:0到100"},
		} {
			t.Run(c.name, func(t *testing.T) {
				before, _ := st.Updates(ctx, f.task.ID)
				form := url.Values{"csrf_token": {rep.csrf}, "status": {"序时推进"}, "progress": {c.progress}, "note": {c.note}, "date": {c.date}}
				if rec := f.do("POST", "/tasks/"+f.task.ID+"/updates", rep, nil, form); rec.Code != 400 || !strings.Contains(rec.Body.String(), c.page) {
					t.Errorf("form: %d, want 400 with %q\n%.300s", rec.Code, c.page, rec.Body.String())
				}
				body, _ := json.Marshal(map[string]any{"status": "序时推进", "progress": json.Number(c.progress), "note": c.note, "date": c.date})
				if rec := f.doJSON("POST", "/api/v1/tasks/"+f.task.ID+"/updates", rep, string(body), true); rec.Code != 400 || !strings.Contains(rec.Body.String(), c.page) {
					t.Errorf("api: %d, want 400 with %q\n%.300s", rec.Code, c.page, rec.Body.String())
				}
				rows := [][]string{{"ID", "状态", "完成进度", "进展情况", "填报日期"}, {f.task.ID, "序时推进", c.progress, c.note, c.date}}
				var csvText bytes.Buffer
				csv.NewWriter(&csvText).WriteAll(rows)
				for name, data := range map[string][]byte{"任务清单.csv": csvText.Bytes(), "任务清单.xlsx": hostile.Sheet(rows)} {
					rec := f.upload(t, "/api/v1/my/sheet", rep, nil, "sheet", name, data)
					var res apiSheetImport
					json.Unmarshal(rec.Body.Bytes(), &res)
					col, reason, _ := strings.Cut(c.sheet, ":")
					if rec.Code != 422 || len(res.Refused) != 1 || res.Refused[0].Row != 2 || res.Refused[0].Column != col ||
						!strings.Contains(res.Refused[0].Reason, reason) {
						t.Errorf("%s: %d %s, want 422 refusing row 2 column %s for %q", name, rec.Code, rec.Body.String(), col, reason)
					}
				}
				if after, _ := st.Updates(ctx, f.task.ID); len(after) != len(before) {
					t.Errorf("refused at every door, yet %d → %d updates", len(before), len(after))
				}
			})
		}
	})
}

// TestMySheetHostile uploads the hostile sheets: each gets one error
// naming the file and the limit (413) or the place at fault (400), as
// JSON from the API and as a page from the form, within seconds and a
// bounded heap.
func TestMySheetHostile(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		unit := f.task.Units[0].Unit
		rep := f.session(t, "fgw", store.RoleReporter, store.Scope{PlanID: f.plan.ID, Unit: unit})
		for _, c := range []struct {
			name, file string
			data       []byte
			status     int
			want       string
		}{
			{"sheet XML of 1 GiB", "炸弹.xlsx", hostile.SheetBomb(1<<30 + 1), 413,
				"炸弹.xlsx: xl/worksheets/sheet1.xml inflates past 256 MiB (limit sheet_max_inflated)"},
			{"shared string of 600 MB", "炸弹.xlsx", hostile.SharedStringBomb(600_000_000), 413,
				"炸弹.xlsx: xl/sharedStrings.xml inflates past 64 MiB (limit sheet_max_text)"},
			{"csv field of 3,000,000 characters", "长.csv", hostile.LongFieldCSV(3_000_000), 413,
				"长.csv: 第2行B列 holds 3000000 characters, more than 32767 (limit sheet_max_cell_chars)"},
			{"csv unclosed quote", "引号.csv", hostile.UnclosedQuoteCSV(), 400, "引号.csv: not a task list: track: read csv: 第3行B列：引号未闭合"},
		} {
			t.Run(c.name, func(t *testing.T) {
				runtime.GC()
				peak := hostile.WatchHeap()
				start := time.Now()
				rec := f.upload(t, "/api/v1/my/sheet", rep, nil, "sheet", c.file, c.data)
				took, heap := time.Since(start), peak()
				t.Logf("%d KiB: %d in %v, heap peak %d MiB", len(c.data)>>10, rec.Code, took.Round(time.Millisecond), heap>>20)
				var e struct {
					Error struct{ Code, Message string }
				}
				json.Unmarshal(rec.Body.Bytes(), &e)
				if rec.Code != c.status || !strings.Contains(e.Error.Message, c.want) || strings.Contains(e.Error.Message, "\n") {
					t.Errorf("api: %d %s, want %d with %q", rec.Code, rec.Body.String(), c.status, c.want)
				}
				if took > 10*time.Second || heap > 512<<20 {
					t.Errorf("took %v and %d MiB of heap", took, heap>>20)
				}
				page := f.upload(t, "/my/sheet", rep, nil, "sheet", c.file, c.data)
				if page.Code != c.status || !strings.HasPrefix(page.Header().Get("Content-Type"), "text/html") ||
					!strings.Contains(page.Body.String(), c.want[strings.LastIndex(c.want, ": ")+2:]) {
					t.Errorf("page: %d %s\n%.600s", page.Code, page.Header().Get("Content-Type"), page.Body.String())
				}
			})
		}
	})
}
