package track

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"planwatch/internal/store"
)

// TestReadProgressXLSXRoundTrip exports the sample plan, fills the sheet in
// as a unit would, and imports it.
func TestReadProgressXLSXRoundTrip(t *testing.T) {
	f := openXLSX(t, exportXLSX(t))
	sh := taskListSheet
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	set := func(cell, v string) { t.Helper(); must(f.SetCellStr(sh, cell, v)) }
	// Exported rows: 3 t1, 4 t2, 5 t4, 6 t5, 7 t6, 8 t7.
	// t2: progress and status, then a continuation row under it.
	set("G4", "已签约3家")
	set("H4", "超序时")
	must(f.InsertRows(sh, 5, 1))
	set("G5", "另有2家在谈")
	// Now: 3 t1, 4 t2, 5 continuation, 6 t4, 7 t5, 8 t6, 9 t7.
	// t4: a status word nobody uses.
	set("G6", "推进中")
	set("H6", "差不多了")
	// t5 and t6: one merged 状态 over both rows.
	set("G7", "资金到位")
	set("H7", "进度缓慢")
	set("H8", "")
	must(f.MergeCell(sh, "H7", "H8"))
	// A 完成进度 column the unit added: t6 gets an impossible figure, t7
	// (whose 序号 the unit edited; its ID still matches) a good one.
	set("J2", "完成进度(%)")
	set("J8", "120")
	set("A9", "99")
	set("J9", "50%")
	// A row for a task that is not in the plan.
	set("A10", "三.9")
	set("C10", "某项新任务")
	set("G10", "已开工")
	// A note under the table, with nothing in the report columns.
	set("A12", "填报单位（盖章）：")
	var buf bytes.Buffer
	must(f.Write(&buf))

	plan, items, prev := samplePlan()
	ups, rowErrs, err := ReadProgress(context.Background(), Named("/tmp/市科技局.xlsx", &buf), "xlsx", plan, items, "", "张三", "2024-03-31", ReadOptions{Today: "2024-04-03"})
	if err != nil {
		t.Fatal(err)
	}
	src := "import:市科技局.xlsx"
	up := func(item, status string, progress int, note string) store.Update {
		return store.Update{ItemID: item, Date: "2024-03-31", Status: status, Progress: progress,
			Note: note, Author: "张三", Source: src}
	}
	wantUps := []store.Update{
		up("t1", StatusInProgress, 40, "已完成选址"), // returned as exported
		up("t2", StatusInProgress, 0, "已签约3家\n另有2家在谈"),
		up("t5", StatusInProgress, 30, "资金到位"), // 进度缓慢: whether it is behind is computed
		up("t7", StatusNotStarted, 50, ""),     // exported as 未开始, returned with a figure: as written
	}
	if !reflect.DeepEqual(ups, wantUps) {
		t.Errorf("updates:\n got %+v\nwant %+v", ups, wantUps)
	}
	wantErrs := []RowError{
		{Row: 6, Column: "H", Value: "差不多了"},
		{Row: 8, Column: "J", Value: "120"},
		{Row: 10, Column: "A", Value: "三.9"},
	}
	if len(rowErrs) != len(wantErrs) {
		t.Fatalf("row errors = %v, want %d", rowErrs, len(wantErrs))
	}
	for i, w := range wantErrs {
		g := rowErrs[i]
		if g.Row != w.Row || g.Column != w.Column || g.Value != w.Value || g.Reason == "" {
			t.Errorf("row error %d = %+v, want %+v", i, g, w)
		}
	}
	if r := rowErrs[0].Reason; !strings.Contains(r, "未启动") || !strings.Contains(r, "已延期") {
		t.Errorf("bad status reason does not list the accepted words: %s", r)
	}
	if got := rowErrs[0].Error(); !strings.HasPrefix(got, "第6行H列：") {
		t.Errorf("Error() = %q", got)
	}
	// The row returned as exported repeats the latest update.
	if got := DropRepeats(ups, prev); len(got) != 3 || got[0].ItemID != "t2" {
		t.Errorf("DropRepeats kept %+v", got)
	}
}

// csvRecords is the sample export as CSV records.
func csvRecords(t *testing.T) [][]string {
	t.Helper()
	plan, items, updates := samplePlan()
	var buf bytes.Buffer
	if err := WriteTaskList(&buf, "csv", plan, items, updates, sampleAsOf); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(buf.Bytes(), []byte("\xEF\xBB\xBF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func writeCSV(t *testing.T, recs [][]string) string {
	t.Helper()
	var b strings.Builder
	w := csv.NewWriter(&b)
	if err := w.WriteAll(recs); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestReadProgressCSV(t *testing.T) {
	recs := csvRecords(t)
	// CSV rows: 1 header, 2 t1, 3 t2, 4 t4, 5 t5, 6 t6, 7 t7.
	// The unit rewrites the header its own way and fills two rows.
	recs[0] = []string{"编号", "重点任务", "具体举措", "牵头部门", "责任单位", "完成时限", "工作 进展", "完成状态", "ID"}
	recs[2][6], recs[2][7] = "已签约3家", "超序时"
	recs[3][6], recs[3][7] = "人才新政已出台", "已完成"
	// A continuation row under t4 and a row matched by title alone.
	cont := []string{"", "", "", "", "", "", "首批引进12人", "", ""}
	byTitle := []string{"", "", "开展年度评估", "", "", "", "已完成年度评估", "已完成", ""}
	recs = append(recs[:4], append([][]string{cont}, recs[4:]...)...)
	recs = append(recs[:len(recs)-1], byTitle) // the t7 row replaced by one without 序号 or ID
	// Row 6 (t5): ID removed and 序号 written the way offices do.
	recs[5][0], recs[5][8], recs[5][6] = "二、（一）", "", "设立科创基金"
	text := writeCSV(t, recs)

	plan, items, _ := samplePlan()
	want := []store.Update{
		{ItemID: "t1", Date: "2024-03-31", Status: StatusInProgress, Progress: 40, Note: "已完成选址", Source: "import:sheet.csv"},
		{ItemID: "t2", Date: "2024-03-31", Status: StatusInProgress, Progress: 0, Note: "已签约3家", Source: "import:sheet.csv"},
		{ItemID: "t4", Date: "2024-03-31", Status: StatusDone, Progress: 100, Note: "人才新政已出台\n首批引进12人", Source: "import:sheet.csv"},
		{ItemID: "t5", Date: "2024-03-31", Status: StatusInProgress, Progress: 30, Note: "设立科创基金", Source: "import:sheet.csv"},
		{ItemID: "t6", Date: "2024-03-31", Status: StatusDone, Progress: 100, Note: "已出台实施意见", Source: "import:sheet.csv"},
		{ItemID: "t7", Date: "2024-03-31", Status: StatusDone, Progress: 100, Note: "已完成年度评估", Source: "import:sheet.csv"},
	}
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		data string
	}{
		{"utf-8 with BOM", "\uFEFF" + text},
		{"utf-8 without BOM", text},
		{"gbk", gbk},
		{"tab separated", "\uFEFF" + strings.ReplaceAll(text, ",", "\t")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ups, rowErrs, err := ReadProgress(context.Background(), strings.NewReader(tc.data), "csv", plan, items, "", "", "2024-03-31", ReadOptions{Today: "2024-04-03"})
			if err != nil {
				t.Fatal(err)
			}
			if len(rowErrs) != 0 {
				t.Fatalf("row errors: %v", rowErrs)
			}
			if !reflect.DeepEqual(ups, want) {
				t.Errorf("updates:\n got %+v\nwant %+v", ups, want)
			}
		})
	}
}

func TestReadProgressRows(t *testing.T) {
	plan, items, _ := samplePlan()
	head := "序号,具体举措,进展情况,状态,进度(%),填报日期\n"
	for _, tc := range []struct {
		name     string
		body     string
		wantUps  []string // item:status:progress:date:note
		wantErrs []string // row:column:value
	}{
		{"status only when changed", "一.1,,,序时推进,,\n一.2,,,推进中,,\n",
			[]string{"t2:in_progress:0:2024-03-31:"}, nil},
		{"percent and date", "一.1,,好,,65.4,2024/4/2\n", []string{"t1:in_progress:65:2024-04-02:好"}, nil},
		{"bad date", "一.1,,好,,,下周\n", nil, []string{"2:F:下周"}},
		{"negative percent", "一.1,,好,,-5,\n", nil, []string{"2:E:-5"}},
		{"dropped task", "一.3,,好,,,\n", nil, []string{"2:A:一.3"}},
		{"a group", ",强化创新平台,好,,,\n", nil, []string{"2:B:强化创新平台"}},
		{"same task twice", "一.1,,好,,,\n一.2,,好,,,\n一.1,,又好,,,\n",
			[]string{"t1:in_progress:40:2024-03-31:好", "t2:not_started:0:2024-03-31:好"}, []string{"4:A:一.1"}},
		{"conflicting status in a continuation", "一.1,,好,已完成,,\n,,又好,滞后,,\n", nil, []string{"3:D:滞后"}},
		{"continuation with no row above", ",,孤行,,,\n", nil, []string{"2:A:"}},
		{"empty 序号 under an unfilled row", "一.1,,,,,\n,,补充,,,\n", []string{"t1:in_progress:40:2024-03-31:补充"}, nil},
		{"edited 序号, title matches", "9.9,培育新型研发机构,好,,,\n", []string{"t2:not_started:0:2024-03-31:好"}, nil},
		{"unknown title, no 序号", ",不存在的任务,好,,,\n", nil, []string{"2:B:不存在的任务"}},
		{"rows that report nothing", "备注：,,,,,\n三.9,,,,,\n", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ups, rowErrs, err := ReadProgress(context.Background(), strings.NewReader(head+tc.body), "csv", plan, items, "", "", "2024-03-31", ReadOptions{Today: "2024-04-03"})
			if err != nil {
				t.Fatal(err)
			}
			var gotUps, gotErrs []string
			for _, u := range ups {
				gotUps = append(gotUps, strings.Join([]string{u.ItemID, u.Status, itoa(u.Progress), u.Date, u.Note}, ":"))
			}
			for _, e := range rowErrs {
				gotErrs = append(gotErrs, strings.Join([]string{itoa(e.Row), e.Column, e.Value}, ":"))
			}
			if !reflect.DeepEqual(gotUps, tc.wantUps) {
				t.Errorf("updates = %q, want %q", gotUps, tc.wantUps)
			}
			if !reflect.DeepEqual(gotErrs, tc.wantErrs) {
				t.Errorf("row errors = %q, want %q (%v)", gotErrs, tc.wantErrs, rowErrs)
			}
		})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestReadProgressFailures(t *testing.T) {
	plan, items, _ := samplePlan()
	for _, tc := range []struct {
		name, format, data, asOf string
		want                     error
	}{
		{"no header", "csv", "a,b,c\n1,2,3\n", "", ErrNoHeader},
		{"xls", "xls", "", "", nil},
		{"not a zip", "xlsx", "序号,状态\n", "", nil},
		{"bad as-of", "csv", "序号,状态\n", "2024-13-01", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := ReadProgress(context.Background(), strings.NewReader(tc.data), tc.format, plan, items, "", "", tc.asOf, ReadOptions{})
			if err == nil {
				t.Fatal("no error")
			}
			if tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("err = %v, want %v", err, tc.want)
			}
		})
	}
}

// TestReadProgressMergedNumber reads a sheet whose 序号 and 具体举措 cells
// are merged over a row and its continuation, and whose header sits under
// a title and a blank row.
func TestReadProgressMergedNumber(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	sh := f.GetSheetName(0)
	rows := [][]string{
		{"某单位任务推进情况表"},
		{},
		{"序 号", "具体 举措", "牵头部门", "工作进展", "进度状态"},
		{"一.1", "建设省级实验室", "市科技局", "完成选址", "序时推进"},
		{"", "", "", "开工建设", ""},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sh, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	for _, rg := range [][2]string{{"A4", "A5"}, {"B4", "B5"}, {"E4", "E5"}} {
		if err := f.MergeCell(sh, rg[0], rg[1]); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	plan, items, _ := samplePlan()
	ups, rowErrs, err := ReadProgress(context.Background(), &buf, ".XLSX", plan, items, "市科技局", "", "2024-03-31", ReadOptions{Today: "2024-04-03"})
	if err != nil || len(rowErrs) != 0 {
		t.Fatalf("err %v, row errors %v", err, rowErrs)
	}
	if len(ups) != 1 || ups[0].ItemID != "t1" || ups[0].Note != "完成选址\n开工建设" || ups[0].Status != StatusInProgress {
		t.Errorf("updates = %+v", ups)
	}
}
