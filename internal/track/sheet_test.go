package track

import (
	"bytes"
	"reflect"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"planwatch/internal/store"
)

// samplePlan is a plan with two groups, tasks with lead and support units,
// a dropped task and a top-level task without a number.
func samplePlan() (store.Plan, []store.Item, []store.Update) {
	plan := store.Plan{ID: "p1", Title: "绍兴市科技创新行动计划（2023—2025年）", StartYear: 2023, EndYear: 2025}
	units := func(id string, lead []string, support ...string) []store.Assignment {
		var as []store.Assignment
		for _, u := range lead {
			as = append(as, store.Assignment{ItemID: id, Unit: u, Role: store.RoleLead})
		}
		for _, u := range support {
			as = append(as, store.Assignment{ItemID: id, Unit: u, Role: store.RoleSupport})
		}
		return as
	}
	items := []store.Item{
		// Out of order on purpose: export orders by Position.
		{ID: "g2", PlanID: "p1", Kind: store.KindGroup, Number: "二、", Title: "优化创新生态", Position: 1},
		{ID: "g1", PlanID: "p1", Kind: store.KindGroup, Number: "一、", Title: "强化创新平台", Position: 0},
		{ID: "t1", PlanID: "p1", ParentID: "g1", Kind: store.KindTask, Number: "1", Title: "建设省级实验室",
			Body: "争取新建省级实验室1家。", Deadline: "2024-12-31", Status: StatusInProgress, Progress: 40, Position: 0,
			Units: units("t1", []string{"市科技局"}, "市发改委", "市财政局")},
		{ID: "t2", PlanID: "p1", ParentID: "g1", Kind: store.KindTask, Number: "2", Title: "培育新型研发机构",
			Deadline: "2025-06-15", Status: StatusNotStarted, Position: 1,
			Units: units("t2", []string{"市科技局", "市经信局"})},
		{ID: "t3", PlanID: "p1", ParentID: "g1", Kind: store.KindTask, Number: "3", Title: "已撤销的任务", Dropped: true, Position: 2},
		{ID: "t4", PlanID: "p1", ParentID: "g1", Kind: store.KindTask, Number: "4", Title: "引进高端人才",
			Position: 3, Units: units("t4", nil, "市委人才办")},
		{ID: "t5", PlanID: "p1", ParentID: "g2", Kind: store.KindTask, Number: "（一）", Title: "完善科技金融", Position: 0,
			StartDate: "2023-06-01", Status: StatusInProgress, Progress: 30},
		{ID: "t6", PlanID: "p1", ParentID: "g2", Kind: store.KindTask, Number: "（二）", Title: "加强知识产权保护", Position: 1,
			Status: StatusDone, Progress: 100},
		{ID: "t7", PlanID: "p1", Kind: store.KindTask, Title: "开展年度评估", Position: 2, StartDate: "2024-03-01", Status: StatusNotStarted},
	}
	day := func(d int) time.Time { return time.Date(2024, 3, d, 9, 0, 0, 0, time.UTC) }
	updates := []store.Update{
		{ID: "u2", ItemID: "t1", Date: "2024-03-01", Status: StatusInProgress, Progress: 40, Note: "已完成选址", RecordedAt: day(2)},
		{ID: "u1", ItemID: "t1", Date: "2024-01-15", Status: StatusNotStarted, Note: "正在谋划", RecordedAt: day(1)},
		{ID: "u3", ItemID: "t6", Date: "2024-02-01", Status: StatusDone, Progress: 100, Note: "已出台实施意见", RecordedAt: day(1)},
		{ID: "u4", ItemID: "t5", Date: "2024-03-01", Status: StatusInProgress, Progress: 30, RecordedAt: day(3)},
	}
	return plan, items, updates
}

func TestTaskRowsNumbering(t *testing.T) {
	_, items, _ := samplePlan()
	var got []string
	for _, r := range taskRows(items) {
		got = append(got, r.key+"="+r.item.ID)
	}
	want := []string{"一.1=t1", "一.2=t2", "一.4=t4", "二.一=t5", "二.二=t6", "3=t7"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("keys = %v, want %v", got, want)
	}
	// Duplicate numbers get a suffix in row order.
	dup := []store.Item{
		{ID: "a", Kind: store.KindTask, Number: "1", Position: 0},
		{ID: "b", Kind: store.KindTask, Number: "1.", Position: 1},
	}
	got = nil
	for _, r := range taskRows(dup) {
		got = append(got, r.key)
	}
	if want := []string{"1", "1-2"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("duplicate keys = %v, want %v", got, want)
	}
}

func TestNormNumberPath(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"一.1", "一.1"},
		{"一、1", "一.1"},
		{" 一 . １ ", "一.1"},
		{"（一）1", "一.1"},
		{"二.（一）", "二.一"},
		{"3", "3"},
		{"3.", "3"},
	} {
		if got := normNumberPath(tc.in); got != tc.want {
			t.Errorf("normNumberPath(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestParseDate(t *testing.T) {
	for _, tc := range []struct {
		in, raw, want string
		ok            bool
	}{
		{"2024-03-31", "", "2024-03-31", true},
		{"2024/3/31", "", "2024-03-31", true},
		{"2024.3.5", "", "2024-03-05", true},
		{"2024年3月31日", "", "2024-03-31", true},
		{"20240331", "", "2024-03-31", true},
		{"03-31-24", "45382", "2024-03-31", true},
		{"2024-02-30", "", "", false},
		{"下月底", "", "", false},
		{"", "", "", false},
	} {
		got, ok := parseDate(tc.in, tc.raw)
		if got != tc.want || ok != tc.ok {
			t.Errorf("parseDate(%q, %q) = %q, %v; want %q, %v", tc.in, tc.raw, got, ok, tc.want, tc.ok)
		}
	}
}

func TestNormLabel(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{" 序 号 ", "序号"},
		{"进度(%)", "进度"},
		{"完成进度（%）", "完成进度"},
		{"状\u3000态", "状态"},
		{"id", "ID"},
	} {
		if got := normLabel(tc.in); got != tc.want {
			t.Errorf("normLabel(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// openXLSX opens an exported workbook for a test.
func openXLSX(t *testing.T, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("open exported workbook: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func cellOf(t *testing.T, f *excelize.File, cell string) string {
	t.Helper()
	v, err := f.GetCellValue(taskListSheet, cell)
	if err != nil {
		t.Fatalf("cell %s: %v", cell, err)
	}
	return v
}

func exportXLSX(t *testing.T) []byte {
	t.Helper()
	plan, items, updates := samplePlan()
	var buf bytes.Buffer
	if err := WriteTaskList(&buf, "xlsx", plan, items, updates, sampleAsOf); err != nil {
		t.Fatalf("WriteTaskList: %v", err)
	}
	return buf.Bytes()
}

// sampleAsOf is the day the sample plan's sheets are exported: its
// updates are known, the plan a third of the way through.
var sampleAsOf = time.Date(2024, 3, 31, 18, 0, 0, 0, time.UTC)
