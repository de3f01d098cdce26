package report

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"planwatch/internal/cell/celltest"
)

// xlsxOpen writes r as XLSX and opens it again with excelize.
func xlsxOpen(t *testing.T, r *Report) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, r); err != nil {
		t.Fatalf("WriteXLSX: %v", err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatalf("OpenReader: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestXLSXSheets(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Report)
		want []string
	}{
		{"full", func(*Report) {}, []string{"总体情况", "重点任务", "按牵头单位", "滞后逾期", "主要指标", "指标数据", "区域比较", "本期变化", "数据来源"}},
		{"no comparisons", func(r *Report) { r.Comparisons = nil }, []string{"总体情况", "重点任务", "按牵头单位", "滞后逾期", "主要指标", "指标数据", "本期变化", "数据来源"}},
		{"empty", func(r *Report) { *r = Report{} }, []string{"总体情况", "重点任务", "按牵头单位", "滞后逾期", "主要指标", "指标数据", "本期变化", "数据来源"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := docxTestReport()
			tt.edit(r)
			if got := xlsxOpen(t, r).GetSheetList(); !slices.Equal(got, tt.want) {
				t.Errorf("sheets = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestXLSXHeaders(t *testing.T) {
	f := xlsxOpen(t, docxTestReport())
	tests := []struct {
		sheet string
		want  []string
	}{
		{"总体情况", []string{"项目", "数值"}},
		{"重点任务", []string{"序号", "主题", "重点任务", "牵头单位", "配合单位", "完成时限", "状态", "进度", "序时进度", "是否逾期", "最新进展", "进展日期", "来源"}},
		{"按牵头单位", []string{"牵头单位", "任务数", "未开始", "进行中", "滞后", "逾期", "已延期", "暂停", "取消", "已完成"}},
		{"滞后逾期", []string{"序号", "主题", "重点任务", "牵头单位", "配合单位", "完成时限", "状态", "进度", "序时进度", "是否逾期", "最新进展", "进展日期", "来源"}},
		{"主要指标", []string{"序号", "指标", "单位", "属性", "方向", "基期", "基期值", "最新期", "最新值", "目标年份", "目标条件", "目标值", "目标上限", "预计值", "完成度", "状态", "来源"}},
		{"指标数据", []string{"指标", "单位", "期别", "数值", "来源"}},
		{"区域比较", []string{"指标", "单位", "地区", "规划", "最新期", "最新值", "目标年份", "目标条件", "目标值", "目标上限", "状态"}},
		{"本期变化", []string{"序号", "重点任务", "变化前", "变化后", "说明", "来源"}},
		{"数据来源", []string{"编号", "类型", "说明", "记录时间"}},
	}
	for _, tt := range tests {
		rows, err := f.GetRows(tt.sheet)
		if err != nil || len(rows) == 0 {
			t.Errorf("%s: rows %v, %v", tt.sheet, len(rows), err)
			continue
		}
		if !slices.Equal(rows[0], tt.want) {
			t.Errorf("%s header:\n got %q\nwant %q", tt.sheet, rows[0], tt.want)
		}
		panes, err := f.GetPanes(tt.sheet)
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("%s: panes %+v, %v; want the header row frozen", tt.sheet, panes, err)
		}
	}
}

// TestXLSXCells checks values as shown and as stored: figures are numbers
// with their formats, text stays text.
func TestXLSXCells(t *testing.T) {
	f := xlsxOpen(t, docxTestReport())
	tests := []struct {
		sheet, cell string
		shown       string // formatted value as Excel shows it
		raw         string // stored value
		typ         excelize.CellType
	}{
		{"总体情况", "B2", "《绍兴市科技创新行动计划》实施情况评估报告", "《绍兴市科技创新行动计划》实施情况评估报告", excelize.CellTypeSharedString},
		{"总体情况", "B6", "2024-06-30", "45473", excelize.CellTypeUnset},
		{"总体情况", "B8", "4", "4", excelize.CellTypeUnset},
		{"总体情况", "B9", "50.0%", "0.5", excelize.CellTypeUnset},
		{"总体情况", "A26", "已完成", "已完成", excelize.CellTypeSharedString},
		{"总体情况", "B26", "1", "1", excelize.CellTypeUnset},
		{"重点任务", "A2", "1", "1", excelize.CellTypeSharedString}, // 序号 is a label (1.10 ≠ 1.1)
		{"重点任务", "B2", "科技创新", "科技创新", excelize.CellTypeSharedString},
		{"重点任务", "E2", "市发改委、市财政局", "市发改委、市财政局", excelize.CellTypeSharedString},
		{"重点任务", "F2", "2025-12-31", "46022", excelize.CellTypeUnset},
		{"重点任务", "H2", "60.0%", "0.6", excelize.CellTypeUnset},
		{"重点任务", "I2", "58.3%", "0.5833", excelize.CellTypeUnset},
		{"重点任务", "J4", "是", "是", excelize.CellTypeSharedString},
		{"重点任务", "K3", "认定工作进度偏慢 & 待加快\n下半年集中申报", "认定工作进度偏慢 & 待加快\n下半年集中申报", excelize.CellTypeSharedString},
		{"重点任务", "B5", "城市更新", "城市更新", excelize.CellTypeSharedString},
		{"按牵头单位", "B3", "2", "2", excelize.CellTypeUnset},
		{"按牵头单位", "F3", "1", "1", excelize.CellTypeUnset},
		{"滞后逾期", "C3", "完成老旧小区改造", "完成老旧小区改造", excelize.CellTypeSharedString},
		{"主要指标", "I2", "3.05", "3.05", excelize.CellTypeUnset},
		{"主要指标", "K2", "≥", "≥", excelize.CellTypeSharedString},
		{"主要指标", "O2", "55.0%", "0.55", excelize.CellTypeUnset},
		{"主要指标", "O3", "81.3%", "0.8125", excelize.CellTypeUnset},
		{"主要指标", "G4", "", "", excelize.CellTypeUnset}, // nil baseline: empty, not 0
		{"主要指标", "O4", "", "", excelize.CellTypeUnset}, // nil attainment
		{"主要指标", "L4", "14", "14", excelize.CellTypeUnset},
		{"主要指标", "P4", "暂无法判断", "暂无法判断", excelize.CellTypeSharedString},
		{"指标数据", "C3", "2022", "2022", excelize.CellTypeSharedString},
		{"指标数据", "D3", "2.9", "2.9", excelize.CellTypeUnset},
		{"指标数据", "A5", "高新技术企业数", "高新技术企业数", excelize.CellTypeSharedString},
		{"区域比较", "F3", "2.1", "2.1", excelize.CellTypeUnset},
		{"区域比较", "K3", "预计达标", "预计达标", excelize.CellTypeSharedString},
		{"区域比较", "F4", "", "", excelize.CellTypeUnset},
		{"本期变化", "D2", "逾期", "逾期", excelize.CellTypeSharedString},
		{"数据来源", "D2", "2024-06-21 09:30", "45464.3958333333", excelize.CellTypeUnset},
	}
	for _, tt := range tests {
		shown, err := f.GetCellValue(tt.sheet, tt.cell)
		if err != nil {
			t.Errorf("%s!%s: %v", tt.sheet, tt.cell, err)
			continue
		}
		raw, _ := f.GetCellValue(tt.sheet, tt.cell, excelize.Options{RawCellValue: true})
		typ, _ := f.GetCellType(tt.sheet, tt.cell)
		if shown != tt.shown || raw != tt.raw || typ != tt.typ {
			t.Errorf("%s!%s = %q (raw %q, type %v), want %q (raw %q, type %v)",
				tt.sheet, tt.cell, shown, raw, typ, tt.shown, tt.raw, tt.typ)
		}
	}
}

func TestXLSXProperties(t *testing.T) {
	f := xlsxOpen(t, docxTestReport())
	p, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if p.Created != "2024-06-30T00:00:00Z" || p.Modified != p.Created || !strings.Contains(p.Title, "实施情况评估报告") {
		t.Errorf("doc props = %+v", p)
	}
}

// TestOfficeDeterministic writes each format twice: same report, same bytes.
func TestOfficeDeterministic(t *testing.T) {
	writers := []struct {
		name  string
		write func(*bytes.Buffer, *Report) error
	}{
		{"docx", func(b *bytes.Buffer, r *Report) error { return WriteDOCX(b, r) }},
		{"xlsx", func(b *bytes.Buffer, r *Report) error { return WriteXLSX(b, r) }},
	}
	for _, w := range writers {
		t.Run(w.name, func(t *testing.T) {
			var a, b bytes.Buffer
			if err := w.write(&a, docxTestReport()); err != nil {
				t.Fatal(err)
			}
			if err := w.write(&b, docxTestReport()); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Errorf("two writes of the same report differ (%d and %d bytes)", a.Len(), b.Len())
			}
		})
	}
}

// TestXLSXInert writes a report whose texts begin like formulas: every
// one must be a string cell, and figures stay numbers.
func TestXLSXInert(t *testing.T) {
	r := docxTestReport()
	h := celltest.Hostile
	r.PlanTitle, r.Region = h[0], h[1]
	r.Summary.Highlights = h
	for gi := range r.Themes {
		r.Themes[gi].Name = h[gi%len(h)]
		for ti := range r.Themes[gi].Tasks {
			tr := &r.Themes[gi].Tasks[ti]
			tr.Title, tr.LatestNote, tr.Lead = h[ti%len(h)], h[(ti+1)%len(h)], []string{h[(ti+2)%len(h)]}
			tr.Deadline = "=1+1"
		}
	}
	r.Units[0].Name = h[3]
	r.Lagging[0].LatestNote = h[4]
	r.Changes[0].Note = h[5]
	r.Indicators[0].Name, r.Indicators[0].Unit = h[0], h[2]
	r.Comparisons[0].Rows[0].Region = h[1]
	r.Sources[0].Detail = h[2]
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, r); err != nil {
		t.Fatal(err)
	}
	celltest.XLSX(t, buf.Bytes())
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// 主要指标's 最新值 (column I) is still a number cell.
	if typ, err := f.GetCellType("主要指标", "I2"); err != nil || typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("主要指标!I2 type %v, %v", typ, err)
	}
}

// TestXLSXFigures: figures of ten thousand and more are numbers shown
// with 万 or 亿 (as the HTML report writes them), not 120000000000.
func TestXLSXFigures(t *testing.T) {
	r := docxTestReport()
	r.Indicators[1].Unit = "元"
	r.Indicators[1].Latest.Value = 1.2e11
	r.Indicators[1].Baseline.Value = 123456
	f := xlsxOpen(t, r)
	for cell, want := range map[string][2]string{"I3": {"1200.00亿", "120000000000"}, "G3": {"12.3万", "123456"}, "I2": {"3.05", "3.05"}} {
		shown, _ := f.GetCellValue("主要指标", cell)
		raw, _ := f.GetCellValue("主要指标", cell, excelize.Options{RawCellValue: true})
		if shown != want[0] || raw != want[1] {
			t.Errorf("主要指标!%s = %q (raw %q), want %q (raw %q)", cell, shown, raw, want[0], want[1])
		}
	}
}
