package report

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"math"
	"time"

	"github.com/xuri/excelize/v2"
)

// WriteXLSX writes r as a workbook with one sheet per table, for offices
// that sort, filter and re-use the figures: 总体情况 (key figures, status
// counts, highlights), 重点任务, 按牵头单位, 滞后逾期, 主要指标, 指标数据
// (every observation of the series), 区域比较 (only when r has
// comparisons), 本期变化 and 数据来源.
//
// Figures are numbers, not text: counts as integers, progress, 序时进度
// and attainment as fractions shown as percentages with one decimal
// (60 in the model is 0.6, shown 60.0%), dates as dates. Each table
// sheet has a styled header row that is frozen, filtered and repeated on
// printed pages. Document properties and zip entry times are r.AsOf, so
// the same report always gives the same bytes.
func WriteXLSX(w io.Writer, r *Report) error {
	if r == nil {
		return errors.New("report: write xlsx: nil report")
	}
	f := excelize.NewFile()
	defer f.Close()
	x := &xlsxBook{f: f}
	x.styles()
	for i, s := range xlsxSheets(r) {
		x.sheet(i, s)
	}
	if x.err == nil {
		created := docxW3CDTF(r.AsOf)
		x.err = f.SetDocProps(&excelize.DocProperties{
			Title: officeTitle(r), Subject: r.PlanTitle, Creator: "planwatch", LastModifiedBy: "planwatch",
			Keywords: r.Region, Language: "zh-CN", Created: created, Modified: created,
		})
	}
	if x.err == nil {
		x.err = f.SetAppProps(&excelize.AppProperties{Application: "planwatch"})
	}
	if x.err != nil {
		return fmt.Errorf("report: write xlsx: %w", x.err)
	}
	mod := docxZipTime(r.AsOf)
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter { return xlsxZip{zip.NewWriter(w), mod} })
	if err := f.Write(w); err != nil {
		return fmt.Errorf("report: write xlsx: %w", err)
	}
	return nil
}

// xlsxZip stamps every entry with the report date; excelize's default
// writer leaves the time zero, which is reproducible but reads as 1979.
type xlsxZip struct {
	*zip.Writer
	mod time.Time
}

func (z xlsxZip) Create(name string) (io.Writer, error) {
	return z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: z.mod})
}

// xlsxKind is how a column's values are written and shown.
type xlsxKind int

const (
	xlsxText     xlsxKind = iota // wrapped prose, top-left
	xlsxCenter                   // short text: codes, labels, periods
	xlsxInt                      // counts
	xlsxNum                      // figures as recorded (General format)
	xlsxWan                      // a figure of ten thousand or more, shown in 万 (still a number)
	xlsxYi                       // a figure of a hundred million or more, shown in 亿 (still a number)
	xlsxPct                      // a percentage of the model (60 = 60%), stored as a fraction
	xlsxDate                     // YYYY-MM-DD text or a time, as a date; other text kept as text
	xlsxDateTime                 // a time to the minute
	xlsxHead                     // a header cell
	xlsxBlank                    // no value and no border: a separator row
)

// xlsxCol is a column of a table sheet.
type xlsxCol struct {
	head  string
	width float64 // characters
	kind  xlsxKind
}

// xlsxSheet is one sheet: a header row and data rows. Cells are string,
// int, float64, *float64, time.Time or nil (empty); a cell of type
// xlsxCell overrides its column's kind, for the mixed 总体情况 sheet.
type xlsxSheet struct {
	name string
	cols []xlsxCol
	rows [][]any
	// table is false for sheets laid out as a form (总体情况): no filter.
	table bool
}

// xlsxCell is a value with its own kind.
type xlsxCell struct {
	kind xlsxKind
	v    any
}

// xlsxBook keeps the workbook, its styles and the first error of a run
// of excelize calls.
type xlsxBook struct {
	f      *excelize.File
	styled map[xlsxKind]int
	err    error
}

const xlsxFont = "宋体"

func (x *xlsxBook) styles() {
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	font := &excelize.Font{Family: xlsxFont, Size: 11}
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	center := &excelize.Alignment{Horizontal: "center", Vertical: "top", WrapText: true}
	right := &excelize.Alignment{Horizontal: "right", Vertical: "top"}
	custom := func(s string) *string { return &s }
	defs := map[xlsxKind]*excelize.Style{
		xlsxText:   {Font: font, Alignment: top, Border: border, NumFmt: 49},
		xlsxCenter: {Font: font, Alignment: center, Border: border, NumFmt: 49},
		xlsxInt:    {Font: font, Alignment: right, Border: border, NumFmt: 1},
		xlsxNum:    {Font: font, Alignment: right, Border: border},
		// Excel's scaling: each trailing comma divides by 1000, and the
		// escaped point (a backslash: LibreOffice knows no other) sets off the
		// last digits, so 123456 shows as 12.3万
		// and 1.2e11 as 1200.00亿 while the cell keeps the number.
		xlsxWan:  {Font: font, Alignment: right, Border: border, CustomNumFmt: custom(`0\.0,"万"`)},
		xlsxYi:   {Font: font, Alignment: right, Border: border, CustomNumFmt: custom(`0\.00,,"亿"`)},
		xlsxPct:  {Font: font, Alignment: right, Border: border, CustomNumFmt: custom("0.0%")},
		xlsxDate: {Font: font, Alignment: center, Border: border, CustomNumFmt: custom("yyyy-mm-dd")},
		xlsxDateTime: {Font: font, Alignment: center, Border: border,
			CustomNumFmt: custom("yyyy-mm-dd hh:mm")},
		xlsxBlank: {Font: font},
		xlsxHead: {
			Font:      &excelize.Font{Family: xlsxFont, Size: 11, Bold: true},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}},
			Border:    border,
		},
	}
	x.styled = map[xlsxKind]int{}
	// Styles are made in kind order: map order would number them
	// differently on every run and break byte-identical output.
	for k := xlsxText; k <= xlsxBlank; k++ {
		if x.err != nil {
			return
		}
		x.styled[k], x.err = x.f.NewStyle(defs[k])
	}
}

// sheet writes sheet i (the first renames the default Sheet1).
func (x *xlsxBook) sheet(i int, s xlsxSheet) {
	if x.err != nil {
		return
	}
	if i == 0 {
		x.err = x.f.SetSheetName(x.f.GetSheetName(0), s.name)
	} else {
		_, x.err = x.f.NewSheet(s.name)
	}
	for c, col := range s.cols {
		x.put(s.name, c, 0, xlsxHead, col.head)
		name, _ := excelize.ColumnNumberToName(c + 1)
		if x.err == nil {
			x.err = x.f.SetColWidth(s.name, name, name, col.width)
		}
	}
	for r, row := range s.rows {
		for c, col := range s.cols {
			var v any
			if c < len(row) {
				v = row[c]
			}
			kind := col.kind
			if cell, ok := v.(xlsxCell); ok {
				kind, v = cell.kind, cell.v
			}
			x.put(s.name, c, r+1, kind, v)
		}
	}
	x.frame(s)
}

// frame freezes the header row, repeats it on printed pages, prints
// landscape A4 fitted to the width and, for tables, adds a filter.
func (x *xlsxBook) frame(s xlsxSheet) {
	if x.err != nil {
		return
	}
	last, _ := excelize.ColumnNumberToName(len(s.cols))
	x.err = x.f.SetPanes(s.name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	if x.err == nil && s.table && len(s.rows) > 0 {
		x.err = x.f.AutoFilter(s.name, fmt.Sprintf("A1:%s%d", last, len(s.rows)+1), nil)
	}
	if x.err == nil {
		a4, landscape, one, zero := 9, "landscape", 1, 0
		x.err = x.f.SetPageLayout(s.name, &excelize.PageLayoutOptions{
			Size: &a4, Orientation: &landscape, FitToWidth: &one, FitToHeight: &zero,
		})
	}
	if x.err == nil {
		fit := true
		x.err = x.f.SetSheetProps(s.name, &excelize.SheetPropsOptions{FitToPage: &fit})
	}
	if x.err == nil {
		x.err = x.f.SetDefinedName(&excelize.DefinedName{
			Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$1:$1", s.name), Scope: s.name,
		})
	}
}

// put writes one cell (0-based column and row) with the style of its kind.
func (x *xlsxBook) put(sheet string, col, row int, kind xlsxKind, v any) {
	if x.err != nil {
		return
	}
	cell, err := excelize.CoordinatesToCellName(col+1, row+1)
	if err != nil {
		x.err = err
		return
	}
	style := x.styled[kind]
	switch v := v.(type) {
	case nil:
	case string:
		if kind == xlsxDate {
			if t, err := time.Parse(time.DateOnly, v); err == nil {
				x.err = x.f.SetCellValue(sheet, cell, t)
				break
			}
			style = x.styled[xlsxCenter] // 2025年12月 and the like stay as written
		}
		if v != "" {
			x.err = x.f.SetCellStr(sheet, cell, v)
		}
	case int:
		if kind == xlsxPct {
			x.err = x.f.SetCellFloat(sheet, cell, xlsxFraction(float64(v)), -1, 64)
		} else {
			x.err = x.f.SetCellInt(sheet, cell, int64(v))
		}
	case *float64:
		if v != nil {
			x.put(sheet, col, row, kind, *v)
			return
		}
	case float64:
		if kind == xlsxPct {
			v = xlsxFraction(v)
		}
		x.err = x.f.SetCellFloat(sheet, cell, v, -1, 64)
	case time.Time:
		if !v.IsZero() {
			// The wall clock as recorded: excelize counts from a UTC epoch.
			wall := time.Date(v.Year(), v.Month(), v.Day(), v.Hour(), v.Minute(), v.Second(), 0, time.UTC)
			x.err = x.f.SetCellValue(sheet, cell, wall)
		}
	default:
		x.err = fmt.Errorf("cell %s!%s: unsupported value %T", sheet, cell, v)
	}
	if x.err == nil {
		x.err = x.f.SetCellStyle(sheet, cell, cell, style)
	}
}

// xlsxFraction turns a percentage into the fraction a % format shows,
// rounded to 12 places so 58.33 is stored as 0.5833 and not as the
// 0.5832999999999999 that float division leaves.
func xlsxFraction(pct float64) float64 { return math.Round(pct*1e10) / 1e12 }
