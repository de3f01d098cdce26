package track

import (
	"bytes"
	"encoding/csv"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"planwatch/internal/store"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden files under testdata")

func TestWriteTaskListXLSX(t *testing.T) {
	f := openXLSX(t, exportXLSX(t))
	if got := f.GetSheetList(); !reflect.DeepEqual(got, []string{taskListSheet}) {
		t.Fatalf("sheets = %v", got)
	}
	for _, tc := range []struct{ cell, want string }{
		{"A1", "绍兴市科技创新行动计划（2023—2025年）任务清单"},
		{"A2", "序号"}, {"B2", "重点任务"}, {"C2", "具体举措"}, {"D2", "牵头单位"}, {"E2", "责任单位"},
		{"F2", "完成时限"}, {"G2", "进展情况"}, {"H2", "状态"}, {"I2", "ID"},
		{"A3", "一.1"}, {"B3", "强化创新平台"}, {"C3", "建设省级实验室\n争取新建省级实验室1家。"},
		{"D3", "市科技局"}, {"E3", "市发改委、市财政局"}, {"F3", "2024年12月"},
		{"G3", "已完成选址"}, {"H3", "滞后"}, {"I3", "t1"},
		{"A4", "一.2"}, {"D4", "市科技局、市经信局"}, {"F4", "2025-06-15"}, {"H4", "滞后"}, {"I4", "t2"},
		{"A5", "一.4"}, {"D5", ""}, {"E5", "市委人才办"}, {"F5", "2025年12月"}, {"I5", "t4"},
		{"A6", "二.一"}, {"B6", "优化创新生态"}, {"H6", "进行中"}, {"I6", "t5"},
		{"A7", "二.二"}, {"G7", "已出台实施意见"}, {"H7", "已完成"}, {"I7", "t6"},
		{"A8", "3"}, {"B8", ""}, {"C8", "开展年度评估"}, {"H8", "未开始"}, {"I8", "t7"},
		{"A9", ""},
	} {
		if got := cellOf(t, f, tc.cell); got != tc.want {
			t.Errorf("%s = %q, want %q", tc.cell, got, tc.want)
		}
	}
	merges, err := f.GetMergeCells(taskListSheet)
	if err != nil {
		t.Fatal(err)
	}
	var ranges []string
	for _, m := range merges {
		ranges = append(ranges, m.GetStartAxis()+":"+m.GetEndAxis()+"="+m.GetCellValue())
	}
	want := []string{"A1:H1=" + cellOf(t, f, "A1"), "B3:B5=强化创新平台", "B6:B7=优化创新生态"}
	if !sameSet(ranges, want) {
		t.Errorf("merged ranges = %q, want %q", ranges, want)
	}
	if v, err := f.GetColVisible(taskListSheet, "I"); err != nil || v {
		t.Errorf("ID column visible = %v, %v; want hidden", v, err)
	}
	if v, _ := f.GetColVisible(taskListSheet, "H"); !v {
		t.Error("状态 column hidden")
	}
	panes, err := f.GetPanes(taskListSheet)
	if err != nil || !panes.Freeze || panes.YSplit != 2 {
		t.Errorf("panes = %+v, %v; want the two top rows frozen", panes, err)
	}
	layout, err := f.GetPageLayout(taskListSheet)
	if err != nil || layout.Size == nil || *layout.Size != 9 || layout.Orientation == nil || *layout.Orientation != "landscape" {
		t.Errorf("page layout = %+v, %v; want A4 landscape", layout, err)
	}
	dvs, err := f.GetDataValidations(taskListSheet)
	if err != nil || len(dvs) != 1 {
		t.Fatalf("data validations = %v, %v; want one", dvs, err)
	}
	if dvs[0].Sqref != "H3:H8" || !strings.Contains(dvs[0].Formula1, "进行中") || !strings.Contains(dvs[0].Formula1, "暂停") ||
		strings.Contains(dvs[0].Formula1, "逾期") {
		t.Errorf("status drop-down = %s %s", dvs[0].Sqref, dvs[0].Formula1)
	}
	if w, err := f.GetColWidth(taskListSheet, "C"); err != nil || w < 30 {
		t.Errorf("具体举措 width = %v, %v", w, err)
	}
	var titles bool
	for _, d := range f.GetDefinedName() {
		titles = titles || d.Name == "_xlnm.Print_Titles"
	}
	if !titles {
		t.Error("no print titles")
	}
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	m := map[string]int{}
	for _, s := range a {
		m[s]++
	}
	for _, s := range b {
		m[s]--
	}
	for _, n := range m {
		if n != 0 {
			return false
		}
	}
	return true
}

func TestWriteTaskListCSVGolden(t *testing.T) {
	plan, items, updates := samplePlan()
	var buf bytes.Buffer
	if err := WriteTaskList(&buf, "CSV", plan, items, updates, sampleAsOf); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("\xEF\xBB\xBF序号,重点任务,")) {
		t.Fatalf("csv starts %q, want a BOM and the header", buf.Bytes()[:min(buf.Len(), 40)])
	}
	golden := filepath.Join("testdata", "sheet_tasklist.csv")
	if *updateGolden {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -run CSVGolden -update to write it)", err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("csv export differs from %s:\n%s", golden, buf.String())
	}
}

func TestWriteTaskListEdgeCases(t *testing.T) {
	for _, tc := range []struct {
		name   string
		format string
		items  []store.Item
		err    bool
	}{
		{"no items xlsx", "xlsx", nil, false},
		{"no items csv", "csv", nil, false},
		{"only a group", "xlsx", []store.Item{{ID: "g", Kind: store.KindGroup, Title: "空分组"}}, false},
		{"old xls", "xls", nil, true},
		{"pdf", "pdf", nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := WriteTaskList(&buf, tc.format, store.Plan{Title: "计划"}, tc.items, nil, sampleAsOf)
			if (err != nil) != tc.err {
				t.Fatalf("err = %v, want error %v", err, tc.err)
			}
			if err == nil && tc.format == "xlsx" {
				f := openXLSX(t, buf.Bytes())
				if got := cellOf(t, f, "A2"); got != "序号" {
					t.Errorf("A2 = %q", got)
				}
			}
		})
	}
}

func TestDeadlineText(t *testing.T) {
	for _, tc := range []struct {
		deadline string
		end      int
		want     string
	}{
		{"2024-12-31", 2025, "2024年12月"},
		{"2024-02-29", 2025, "2024年2月"},
		{"2024-06-15", 2025, "2024-06-15"},
		{"", 2025, "2025年12月"},
		{"", 0, ""},
		{"2024年底", 0, "2024年底"},
	} {
		if got := deadlineText(tc.deadline, tc.end); got != tc.want {
			t.Errorf("deadlineText(%q, %d) = %q, want %q", tc.deadline, tc.end, got, tc.want)
		}
	}
}

// TestTaskListLibreOffice converts the export to CSV with LibreOffice, as
// an office without Excel would open it, and checks the Chinese survives.
func TestTaskListLibreOffice(t *testing.T) {
	bin := ""
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			bin = p
			break
		}
	}
	if bin == "" {
		t.Skip("LibreOffice (soffice) is not installed")
	}
	if testing.Short() {
		t.Skip("slow: starts LibreOffice")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "tasks.xlsx")
	if err := os.WriteFile(in, exportXLSX(t), 0o644); err != nil {
		t.Fatal(err)
	}
	// 76 = UTF-8; keep the profile in the temp dir so tests do not share one.
	cmd := exec.Command(bin, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless",
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", dir, in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	data, err := os.ReadFile(filepath.Join(dir, "tasks.csv"))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) < 3 || recs[1][0] != "序号" || recs[2][1] != "强化创新平台" || recs[2][7] != "滞后" || recs[2][4] != "市发改委、市财政局" {
		t.Errorf("LibreOffice CSV lost the Chinese cells:\n%s", data)
	}
}
