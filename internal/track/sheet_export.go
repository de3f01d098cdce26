package track

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"planwatch/internal/cell"
	"planwatch/internal/store"
)

// taskListSheet is the name of the exported worksheet.
const taskListSheet = "任务清单"

// WriteTaskList writes a plan's task list (任务清单) as "xlsx" or "csv".
//
// The .xlsx has a title row (the plan title, merged across the visible
// columns), the header row 序号 | 重点任务 | 具体举措 | 牵头单位 | 责任单位 |
// 完成时限 | 进展情况 | 状态 | ID, then one row per task or project that is
// not dropped, depth first in plan order. 序号 is the number path described
// in sheet.go; 重点任务 is the nearest group's title, merged vertically over
// the rows of that group as offices do; 具体举措 the title, then the body on
// the next line unless it merely repeats the title; 牵头单位 and 责任单位 the
// lead and support units joined with 、; 完成时限 the deadline
// (YYYY-MM-DD, or YYYY年M月 for a month's last day) or else the plan's end;
// 进展情况 the note of the latest update (by Date, then RecordedAt); 状态
// the Chinese label of the item's status as of asOf as StateOf judges it
// (逾期, 滞后 and 已延期 included: the counts of a sheet are those of
// `status` and the report; a unit returning the sheet with such a word
// reports nothing by it); ID the item ID, in a hidden column. Columns have widths and wrap, the two top rows are frozen and
// repeat on every printed page, the page is A4 landscape fitted to width,
// and 状态 has a drop-down of the labels.
//
// The CSV is UTF-8 with a BOM (Excel on Windows needs it to show Chinese),
// CRLF line ends, the same header and columns with no title row, 重点任务
// repeated on every row and ID visible.
//
// No cell of either runs as a formula: text goes into the .xlsx as string
// cells in the text format, and into the CSV with an apostrophe before a
// text that begins like a formula (= + - @), as package cell has it.
func WriteTaskList(w io.Writer, format string, plan store.Plan, items []store.Item, updates []store.Update, asOf time.Time) error {
	format, err := normFormat(format)
	if err != nil {
		return err
	}
	rows := exportRows(plan, items, updates, asOf)
	if format == FormatCSV {
		return writeTaskCSV(w, rows)
	}
	return writeTaskXLSX(w, plan, rows)
}

// exportRow is a task-list row as text, with the group it belongs to.
type exportRow struct {
	cells   []string // in TaskListColumns order
	groupID string
}

func exportRows(plan store.Plan, items []store.Item, updates []store.Update, asOf time.Time) []exportRow {
	latest := latestUpdates(updates)
	var out []exportRow
	for _, tr := range taskRows(AsOfItems(items, updates, asOf)) {
		it := tr.item
		var lead, support []string
		for _, a := range it.Units {
			if a.Role == store.RoleLead {
				lead = append(lead, a.Unit)
			} else {
				support = append(support, a.Unit)
			}
		}
		group, groupID := "", ""
		if tr.group != nil {
			group, groupID = tr.group.Title, tr.group.ID
		}
		u := latest[it.ID]
		label := StateOf(plan, it, asOf).Label()
		out = append(out, exportRow{
			cells: []string{
				tr.key, group, measureText(it), strings.Join(lead, "、"), strings.Join(support, "、"),
				deadlineText(it.Deadline, plan.EndYear), u.Note, label, it.ID,
			},
			groupID: groupID,
		})
	}
	return out
}

// latestUpdates picks each item's latest update, by Date then RecordedAt;
// of equals, the later in the list.
func latestUpdates(updates []store.Update) map[string]store.Update {
	m := map[string]store.Update{}
	for _, u := range updates {
		p, ok := m[u.ItemID]
		if !ok || u.Date > p.Date || (u.Date == p.Date && !u.RecordedAt.Before(p.RecordedAt)) {
			m[u.ItemID] = u
		}
	}
	return m
}

func measureText(it store.Item) string {
	title, body := strings.TrimSpace(it.Title), strings.TrimSpace(it.Body)
	switch {
	case body == "" || body == title:
		return title
	case title == "" || strings.HasPrefix(body, title):
		return body
	}
	return title + "\n" + body
}

// deadlineText writes a deadline: the last day of a month as 2025年12月,
// another day as 2025-06-15, none as the plan's end year (2025年12月).
func deadlineText(deadline string, endYear int) string {
	if deadline == "" {
		if endYear > 0 {
			return fmt.Sprintf("%d年12月", endYear)
		}
		return ""
	}
	t, err := time.Parse(time.DateOnly, deadline)
	if err != nil {
		return deadline
	}
	if t.AddDate(0, 0, 1).Day() == 1 {
		return fmt.Sprintf("%d年%d月", t.Year(), t.Month())
	}
	return deadline
}

func writeTaskCSV(w io.Writer, rows []exportRow) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(TaskListColumns); err != nil {
		return err
	}
	for _, r := range rows {
		// A note typed as =HYPERLINK(…) is text, not a formula (package cell).
		if err := cw.Write(cell.CSVRow(slices.Clone(r.cells))); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// Column widths of the exported sheet, in characters, by column.
var taskListWidths = []float64{9, 18, 48, 16, 22, 12, 40, 11, 12}

const (
	firstDataRow = 3 // row 1 title, row 2 header
	fontFamily   = "宋体"
)

func writeTaskXLSX(w io.Writer, plan store.Plan, rows []exportRow) error {
	f := excelize.NewFile()
	defer f.Close()
	sh := taskListSheet
	if err := f.SetSheetName(f.GetSheetName(0), sh); err != nil {
		return err
	}
	x := &xlsxWriter{f: f, sheet: sh}
	last := colName(len(TaskListColumns) - 1)      // the ID column
	lastShown := colName(len(TaskListColumns) - 2) // 状态
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	titleStyle := x.style(&excelize.Style{
		Font:      &excelize.Font{Family: fontFamily, Size: 16, Bold: true},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
	})
	headStyle := x.style(&excelize.Style{
		Font:      &excelize.Font{Family: fontFamily, Size: 11, Bold: true},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}},
		Border:    border,
	})
	textStyle := x.style(&excelize.Style{
		Font:      &excelize.Font{Family: fontFamily, Size: 11},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
		Border:    border,
		NumFmt:    49, // text: keep 序号 like "1.10" and dates as typed
	})
	centerStyle := x.style(&excelize.Style{
		Font:      &excelize.Font{Family: fontFamily, Size: 11},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
		Border:    border,
		NumFmt:    49,
	})

	title := plan.Title
	if title == "" {
		title = "任务清单"
	} else if !strings.HasSuffix(title, "任务清单") {
		title += "任务清单"
	}
	x.set("A1", title)
	x.merge("A1", lastShown+"1")
	x.cellStyle("A1", lastShown+"1", titleStyle)
	x.rowHeight(1, 36)
	for c, label := range TaskListColumns {
		x.set(colName(c)+"2", label)
	}
	x.cellStyle("A2", last+"2", headStyle)
	x.rowHeight(2, 24)
	for c, width := range taskListWidths {
		x.colWidth(colName(c), width)
	}

	end := firstDataRow + len(rows) - 1
	for i, r := range rows {
		n := firstDataRow + i
		for c, v := range r.cells {
			x.set(fmt.Sprintf("%s%d", colName(c), n), v)
		}
	}
	if len(rows) > 0 {
		x.cellStyle(fmt.Sprintf("A%d", firstDataRow), fmt.Sprintf("%s%d", last, end), textStyle)
		for _, c := range []int{0, 1, 5, 7} { // 序号 重点任务 完成时限 状态
			col := colName(c)
			x.cellStyle(fmt.Sprintf("%s%d", col, firstDataRow), fmt.Sprintf("%s%d", col, end), centerStyle)
		}
		// Merge 重点任务 over each run of rows of the same group.
		groupCol := colName(1)
		for i := 0; i < len(rows); {
			j := i
			for j+1 < len(rows) && rows[j+1].groupID == rows[i].groupID && rows[i].groupID != "" {
				j++
			}
			if j > i {
				x.merge(fmt.Sprintf("%s%d", groupCol, firstDataRow+i), fmt.Sprintf("%s%d", groupCol, firstDataRow+j))
			}
			i = j + 1
		}
		x.statusDropDown(fmt.Sprintf("%s%d:%s%d", lastShown, firstDataRow, lastShown, end))
	}
	if x.err == nil {
		x.err = f.SetColVisible(sh, last, false)
	}
	if x.err == nil {
		x.err = f.SetPanes(sh, &excelize.Panes{
			Freeze: true, YSplit: firstDataRow - 1, TopLeftCell: fmt.Sprintf("A%d", firstDataRow), ActivePane: "bottomLeft",
		})
	}
	if x.err == nil {
		a4, landscape, one, zero := 9, "landscape", 1, 0
		x.err = f.SetPageLayout(sh, &excelize.PageLayoutOptions{
			Size: &a4, Orientation: &landscape, FitToWidth: &one, FitToHeight: &zero,
		})
	}
	if x.err == nil {
		fit := true
		x.err = f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: &fit})
	}
	if x.err == nil {
		x.err = f.SetDefinedName(&excelize.DefinedName{
			Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$1:$2", sh), Scope: sh,
		})
	}
	if x.err == nil && len(rows) > 0 {
		x.err = f.SetDefinedName(&excelize.DefinedName{
			Name: "_xlnm.Print_Area", RefersTo: fmt.Sprintf("'%s'!$A$1:$%s$%d", sh, lastShown, end), Scope: sh,
		})
	}
	if x.err == nil {
		x.err = f.SetDocProps(&excelize.DocProperties{Title: title, Creator: "planwatch"})
	}
	if x.err != nil {
		return fmt.Errorf("track: write task list: %w", x.err)
	}
	return f.Write(w)
}

// xlsxWriter keeps the first error of a run of excelize calls.
type xlsxWriter struct {
	f     *excelize.File
	sheet string
	err   error
}

func (x *xlsxWriter) style(s *excelize.Style) int {
	if x.err != nil {
		return 0
	}
	id, err := x.f.NewStyle(s)
	x.err = err
	return id
}

// set writes text as a string cell: never a formula, whatever it begins
// with (package cell).
func (x *xlsxWriter) set(axis, v string) {
	if x.err == nil && v != "" {
		x.err = x.f.SetCellStr(x.sheet, axis, v)
	}
}

func (x *xlsxWriter) merge(from, to string) {
	if x.err == nil {
		x.err = x.f.MergeCell(x.sheet, from, to)
	}
}

func (x *xlsxWriter) cellStyle(from, to string, id int) {
	if x.err == nil {
		x.err = x.f.SetCellStyle(x.sheet, from, to, id)
	}
}

func (x *xlsxWriter) rowHeight(row int, h float64) {
	if x.err == nil {
		x.err = x.f.SetRowHeight(x.sheet, row, h)
	}
}

func (x *xlsxWriter) colWidth(col string, width float64) {
	if x.err == nil {
		x.err = x.f.SetColWidth(x.sheet, col, col, width)
	}
}

// statusDropDown offers the statuses a unit reports in a drop-down; other
// words are warned about but allowed, since the import reads the synonyms
// too (and the computed 逾期, 滞后, 已延期 the export itself writes).
func (x *xlsxWriter) statusDropDown(sqref string) {
	if x.err != nil {
		return
	}
	codes := ReportStatuses()
	labels := make([]string, 0, len(codes))
	for _, c := range codes {
		labels = append(labels, StatusLabel(c))
	}
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(sqref)
	if x.err = dv.SetDropList(labels); x.err != nil {
		return
	}
	dv.SetError(excelize.DataValidationErrorStyleWarning, "状态", "请从下拉列表中选择："+strings.Join(labels, "、"))
	dv.SetInput("状态", "请选择："+strings.Join(labels, "、"))
	x.err = x.f.AddDataValidation(x.sheet, dv)
}

// statusLabelList is the labels a unit reports, for messages: 未开始、进行中 …
func statusLabelList() string {
	var labels []string
	for _, c := range ReportStatuses() {
		labels = append(labels, StatusLabel(c))
	}
	return strings.Join(labels, "、")
}
