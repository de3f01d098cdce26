package track

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"planwatch/internal/cell"
	"planwatch/internal/store"
)

const projectSheet = "重大项目"

// ProjectColumns is the header row WriteProjectSheet writes for a month
// (YYYY-MM): the office layout first, then what a project list carries.
func ProjectColumns(month string) []string {
	y, m := month[:4], strings.TrimLeft(month[5:], "0")
	return []string{PColNumber, PColName, PColContent, PColTotal + "（万元）", y + "年计划投资（万元）",
		"1-" + m + "月完成投资（万元）", PColRate + "（%）", PColPhase, PColProblems, PColHelp,
		m + "月完成投资（万元）", PColLead, PColSupport, PColRegion, PColYears, PColStart, PColDone, PColOperation, PColTask}
}

// amountCols are the columns of ProjectColumns holding amounts.
var amountCols = []int{3, 4, 5, 10}

// wanText writes an amount in 万元 as a plain number, exact to the yuan.
func wanText(v int64) string {
	return strconv.FormatFloat(float64(v)/store.WanScale, 'f', -1, 64)
}

// rateText writes a 完成率 with one decimal; "" with nothing planned.
func rateText(r float64) string {
	if math.IsNaN(r) {
		return ""
	}
	return strconv.FormatFloat(math.Round(r*10)/10, 'f', 1, 64)
}

// projectRows are the cells of the table's rows and its 合计 row.
func projectRows(states []ProjectState, tasks map[string]store.Item) ([][]string, []string) {
	var rows [][]string
	var total, planned, done, month int64
	for i, s := range states {
		p := s.Project
		years := ""
		if p.StartYear != 0 {
			years = strconv.Itoa(p.StartYear)
			if p.EndYear != p.StartYear {
				years += "-" + strconv.Itoa(p.EndYear)
			}
		}
		ms := func(phase string) string {
			m, _ := p.Milestone(phase)
			return m.Planned
		}
		// The month's figures are left blank unless reported, for the unit
		// to fill in: a 0, or the year's figure carried from a month
		// before, would read back as a report.
		yearDone, monthDone, rate := "", "", ""
		if s.Reported {
			yearDone, rate, monthDone = wanText(s.YearDone), rateText(s.Rate), wanText(s.MonthDone)
		}
		rows = append(rows, []string{strconv.Itoa(i + 1), p.Name, p.Content, wanText(p.Total), wanText(s.Planned),
			yearDone, rate, p.Phase, s.Problems, s.Help, monthDone, p.Lead,
			strings.Join(p.Support, "、"), p.RegionCode, years, ms(store.PhaseStart), ms(store.PhaseDone), ms(store.PhaseOperation),
			taskRef(tasks[p.ItemID])})
		total += p.Total
		planned += s.Planned
		done += s.YearDone
		month += s.MonthDone
	}
	rate := math.NaN()
	if planned > 0 {
		rate = 100 * float64(done) / float64(planned)
	}
	sum := []string{"合计", fmt.Sprintf("%d个项目", len(states)), "", wanText(total), wanText(planned), wanText(done),
		rateText(rate), "", "", "", wanText(month), "", "", "", "", "", "", "", ""}
	return rows, sum
}

// WriteProjectSheet writes the 重大项目 table of a plan's projects as of
// a month, with a 合计 row; ReadProjectSheet reads it back (the 合计 row
// skipped), so a unit fills in the month's columns and sends it in.
// items are the plan's tasks, to name the one each project serves.
func WriteProjectSheet(w io.Writer, format string, plan store.Plan, items []store.Item, states []ProjectState, month string) error {
	format, err := normFormat(format)
	if err != nil {
		return err
	}
	if _, err := ParseMonth(month); err != nil {
		return err
	}
	cols := ProjectColumns(month)
	tasks := map[string]store.Item{}
	for _, it := range items {
		tasks[it.ID] = it
	}
	rows, sum := projectRows(states, tasks)
	if format == FormatCSV {
		if _, err := io.WriteString(w, "\uFEFF"); err != nil {
			return err
		}
		cw := csv.NewWriter(w)
		cw.UseCRLF = true
		if err := cw.Write(cols); err != nil {
			return err
		}
		for _, r := range append(rows, sum) {
			if err := cw.Write(cell.CSVRow(slices.Clone(r))); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	}
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName(f.GetSheetName(0), projectSheet); err != nil {
		return err
	}
	x := &xlsxWriter{f: f, sheet: projectSheet}
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	titleStyle := x.style(&excelize.Style{Font: &excelize.Font{Family: fontFamily, Size: 16, Bold: true},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	headStyle := x.style(&excelize.Style{Font: &excelize.Font{Family: fontFamily, Size: 11, Bold: true},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}}, Border: border})
	textStyle := x.style(&excelize.Style{Font: &excelize.Font{Family: fontFamily, Size: 11},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}, Border: border, NumFmt: 49})
	last := colName(len(cols) - 1)
	title := strings.TrimSpace(plan.Title + "重大项目推进情况表")
	x.set("A1", title)
	x.merge("A1", last+"1")
	x.cellStyle("A1", last+"1", titleStyle)
	for c, l := range cols {
		x.set(colName(c)+"2", l)
		x.colWidth(colName(c), []float64{6, 24, 36, 12, 12, 12, 9, 10, 28, 28, 12, 14, 18, 10, 11, 12, 12, 12, 24}[c])
	}
	x.cellStyle("A2", last+"2", headStyle)
	x.rowHeight(2, 36)
	all := append(rows, sum)
	for i, r := range all {
		n := firstDataRow + i
		for c, v := range r {
			axis := fmt.Sprintf("%s%d", colName(c), n)
			if slices.Contains(amountCols, c) || c == 6 && v != "" {
				// Amounts are numbers, so an office can sum and chart them.
				if fv, err := strconv.ParseFloat(v, 64); err == nil && x.err == nil {
					x.err = f.SetCellFloat(projectSheet, axis, fv, -1, 64)
					continue
				}
			}
			x.set(axis, v)
		}
	}
	x.cellStyle(fmt.Sprintf("A%d", firstDataRow), fmt.Sprintf("%s%d", last, firstDataRow+len(all)-1), textStyle)
	if x.err == nil {
		x.err = f.SetPanes(projectSheet, &excelize.Panes{Freeze: true, YSplit: firstDataRow - 1,
			TopLeftCell: fmt.Sprintf("A%d", firstDataRow), ActivePane: "bottomLeft"})
	}
	if x.err != nil {
		return fmt.Errorf("track: write project table: %w", x.err)
	}
	return f.Write(w)
}

// taskRef names a task in the 所属任务 column as the import reads it
// back: its title (numbers repeat across a plan's levels).
func taskRef(it store.Item) string { return it.Title }
