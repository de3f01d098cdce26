package track

// The 重大项目 table offices keep: 序号, 项目名称, 建设内容, 总投资,
// 年度计划投资, 1-N月完成投资, 完成率, 形象进度, 存在问题, and beside them
// what a project list also carries (牵头单位, 建设年限, 计划开工时间 …).
// Headers name their year, months and unit in many ways (2026年计划投资
// （亿元）, 1—3月累计完成投资, 总投资/万元): the year and month read from
// them, and the amounts are converted from the column's unit. The file is
// read by readGrids, within the same budgets as a task list.

import (
	"context"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"

	"planwatch/internal/config"
	"planwatch/internal/region"
	"planwatch/internal/store"
)

// The columns of the project table, as WriteProjectSheet writes them
// (the year's and months' columns carry them in their labels).
const (
	PColNumber    = "序号"
	PColName      = "项目名称"
	PColContent   = "建设内容"
	PColTotal     = "总投资"
	PColPlanned   = "年度计划投资"
	PColYearDone  = "1-N月完成投资"
	PColRate      = "完成率"
	PColPhase     = "形象进度"
	PColProblems  = "存在问题"
	PColHelp      = "需协调事项"
	PColMonthDone = "本月完成投资"
	PColLead      = "牵头单位"
	PColSupport   = "配合单位"
	PColRegion    = "所在地区"
	PColYears     = "建设年限"
	PColStart     = "计划开工时间"
	PColDone      = "计划竣工时间"
	PColOperation = "计划投运时间"
	PColTask      = "所属任务"
)

// projectAliases maps folded labels to the columns above.
var projectAliases = func() map[string]string {
	m := map[string]string{}
	for canon, labels := range map[string][]string{
		PColNumber:    {"序号", "编号", "NO", "NO."},
		PColName:      {"项目名称", "项目", "名称", "重大项目", "工程名称"},
		PColContent:   {"建设内容", "建设规模及内容", "建设内容及规模", "主要建设内容", "建设规模"},
		PColTotal:     {"总投资", "计划总投资", "项目总投资", "总投资额", "估算总投资"},
		PColPlanned:   {"年度计划投资", "计划投资", "年度投资计划", "年计划投资", "本年计划投资", "年度计划"},
		PColRate:      {"完成率", "投资完成率", "年度投资完成率", "完成比例"},
		PColPhase:     {"形象进度", "项目进度", "进展情况", "建设进度", "项目阶段", "阶段"},
		PColProblems:  {"存在问题", "存在的问题", "问题", "困难问题", "存在问题及困难"},
		PColHelp:      {"需协调事项", "需协调解决事项", "需协调解决的问题", "协调事项", "需要协调事项"},
		PColMonthDone: {"本月完成投资", "当月完成投资", "本月完成"},
		PColLead:      {"牵头单位", "责任单位", "牵头部门", "责任主体", "项目业主", "业主单位"},
		PColSupport:   {"配合单位", "协同单位", "配合部门"},
		PColRegion:    {"所在地区", "建设地点", "项目地点", "所在地", "地区", "区域代码", "行政区划代码"},
		PColYears:     {"建设年限", "建设起止年限", "起止年限", "建设期限", "建设周期"},
		PColStart:     {"计划开工时间", "开工时间", "计划开工", "开工日期"},
		PColDone:      {"计划竣工时间", "竣工时间", "计划竣工", "竣工日期", "计划完工时间"},
		PColOperation: {"计划投运时间", "投运时间", "投产时间", "计划投产时间"},
		PColTask:      {"所属任务", "对应任务", "服务任务", "任务编号", "所属重点任务"},
	} {
		for _, l := range labels {
			m[normLabel(l)] = canon
		}
	}
	return m
}()

var (
	// 1-3月完成投资, 2026年1—3月累计完成投资, 1至3月完成
	yearDoneRe = regexp.MustCompile(`^(?:(\d{4})年)?1月?[-—–~～至到](\d{1,2})月(?:份)?(?:累计)?(?:完成投资|完成|投资完成|实际完成投资)(?:额)?$`)
	// 2026年计划投资, 2026年度计划投资
	plannedRe = regexp.MustCompile(`^(\d{4})年度?(?:计划投资|投资计划|计划完成投资)(?:额)?$`)
	// 3月完成投资
	monthDoneRe = regexp.MustCompile(`^(?:(\d{4})年)?(\d{1,2})月(?:份)?(?:完成投资|完成)(?:额)?$`)
	// （万元）, (亿元), /万元 at the end of a label
	unitRe = regexp.MustCompile(`(?:[(（](万元|亿元|元)[)）]|[/／](万元|亿元|元))$`)
	// 2024-2026, 2024—2026年, 2024年至2026年, 2025
	yearsRe = regexp.MustCompile(`^(\d{4})(?:年?\s*[-—–~～至到]\s*(\d{4}))?年?$`)
	// 2026年3月, 2026-03, 2026.3
	monthOnlyRe = regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$`)
)

// projectColumn is a header cell read: the column it is, the unit of its
// amounts, and the year and month its label names (0 when none).
type projectColumn struct {
	canon       string
	unit        string
	year, month int
}

// classifyProjectLabel reads a header cell.
func classifyProjectLabel(s string) (projectColumn, bool) {
	l := normLabel(s)
	c := projectColumn{unit: "万元"}
	if m := unitRe.FindStringSubmatch(l); m != nil {
		c.unit = m[1] + m[2]
		l = strings.TrimSuffix(l, m[0])
	}
	if canon, ok := projectAliases[l]; ok {
		c.canon = canon
		return c, true
	}
	if m := yearDoneRe.FindStringSubmatch(l); m != nil {
		c.canon = PColYearDone
		c.year, _ = strconv.Atoi(m[1])
		c.month, _ = strconv.Atoi(m[2])
		return c, c.month >= 1 && c.month <= 12
	}
	if m := plannedRe.FindStringSubmatch(l); m != nil {
		c.canon = PColPlanned
		c.year, _ = strconv.Atoi(m[1])
		return c, true
	}
	if m := monthDoneRe.FindStringSubmatch(l); m != nil {
		c.canon = PColMonthDone
		c.year, _ = strconv.Atoi(m[1])
		c.month, _ = strconv.Atoi(m[2])
		return c, c.month >= 1 && c.month <= 12
	}
	return c, false
}

// ProjectSheetOptions are what a project table is read with.
type ProjectSheetOptions struct {
	Limits config.Sheets
	// Month is the month reported on (YYYY-MM) when the headers do not
	// say (a 1-N月 column names N, a 2026年 column the year); when both
	// say, they must agree.
	Month string
	// Today places a month whose year nothing names (1-3月完成投资 under
	// no 2026年): the latest such month up to Today. Zero: the clock's.
	Today time.Time
}

// ProjectRow is one project read from a table: its fields as the sheet
// gives them, Has naming the columns present, and the month's figures.
type ProjectRow struct {
	Row     int // 1-based, as the spreadsheet shows it
	Project store.Project
	Has     map[string]bool // columns present and filled in this row
	// YearDone and MonthDone are the investment completed from January
	// and in the month; valid when Has says so.
	YearDone  int64
	MonthDone int64
	Problems  string
	Help      string
	// Task is the 所属任务 cell: a task's number or title, resolved by
	// ApplyProjectSheet against the plan's tasks.
	Task    string
	TaskCol string // its column letter
}

// ProjectSheet is a project table read: the month reported on and the
// rows.
type ProjectSheet struct {
	Month string // YYYY-MM
	Rows  []ProjectRow
}

// ReadProjectSheet reads a 重大项目 table. It needs a header row with
// 项目名称 and 总投资 in the first 30 rows of some sheet. Rows are
// refused (RowError) for an amount that cannot be read, a phase not
// known, years or dates that cannot be read, a region not known, a name
// given twice; rows without a name, total rows (合计, 小计) and heading
// rows (一、产业项目) are skipped.
func ReadProjectSheet(ctx context.Context, r io.Reader, format string, opt ProjectSheetOptions) (ProjectSheet, []RowError, error) {
	grids, err := readGrids(ctx, r, format, opt.Limits)
	if err != nil {
		return ProjectSheet{}, nil, err
	}
	var g *grid
	var hrow int
	var cols map[int]projectColumn
	for _, cand := range grids {
		if hr, cs, ok := findProjectHeader(cand); ok {
			g, hrow, cols = cand, hr, cs
			break
		}
	}
	if g == nil {
		return ProjectSheet{}, nil, fmt.Errorf("%w (项目名称, 总投资)", ErrNoHeader)
	}
	year, month := 0, 0
	if opt.Month != "" {
		m, err := ParseMonth(opt.Month)
		if err != nil {
			return ProjectSheet{}, nil, err
		}
		year, _ = strconv.Atoi(m[:4])
		month, _ = strconv.Atoi(m[5:])
	}
	for c, pc := range cols {
		if pc.month != 0 {
			if month != 0 && pc.month != month {
				return ProjectSheet{}, nil, fmt.Errorf("track: column %s (%s) is about month %d, not the month %d being reported", colName(c), g.cell(hrow, c), pc.month, month)
			}
			month = pc.month
		}
		if pc.year != 0 {
			if year != 0 && pc.year != year {
				return ProjectSheet{}, nil, fmt.Errorf("track: column %s (%s) is about %d, not %d", colName(c), g.cell(hrow, c), pc.year, year)
			}
			year = pc.year
		}
	}
	if year == 0 && month != 0 {
		today := opt.Today
		if today.IsZero() {
			today = time.Now()
		}
		year = today.Year()
		if month > int(today.Month()) {
			year--
		}
	}
	if year == 0 || month == 0 {
		return ProjectSheet{}, nil, fmt.Errorf("track: the sheet does not say which month it reports (name it in the header, 2026年1-3月完成投资, or give the month)")
	}
	out := ProjectSheet{Month: fmt.Sprintf("%04d-%02d", year, month)}
	var errs []RowError
	seen := map[string]int{}
	for ri := hrow + 1; ri < len(g.cells); ri++ {
		if err := ctx.Err(); err != nil {
			return ProjectSheet{}, nil, err
		}
		row := ri + 1
		pr := ProjectRow{Row: row, Has: map[string]bool{}}
		vals := map[string]string{}
		at := map[string]int{}
		units := map[string]string{}
		for c, pc := range cols {
			v := g.cell(ri, c)
			if v != "" {
				vals[pc.canon], at[pc.canon], units[pc.canon] = v, c, pc.unit
				pr.Has[pc.canon] = true
			}
		}
		name := foldTitle(vals[PColName])
		num := vals[PColNumber]
		switch {
		case name == "":
			continue
		case strings.HasPrefix(name, "合计") || strings.HasPrefix(name, "总计") || strings.HasPrefix(name, "小计") ||
			strings.HasPrefix(num, "合计") || strings.HasPrefix(num, "小计"):
			continue
		case vals[PColTotal] == "" && isHeadingNumber(num, name):
			continue
		}
		bad := false
		refuse := func(col, reason string) {
			c := at[col]
			errs = append(errs, RowError{Row: row, Column: colName(c), Value: shown(vals[col]), Reason: reason})
			bad = true
		}
		if first, dup := seen[name]; dup {
			errs = append(errs, RowError{Row: row, Reason: fmt.Sprintf("项目“%s”已在第%d行出现", shown(name), first)})
			continue
		}
		seen[name] = row
		p := store.Project{Name: name, Content: vals[PColContent], Lead: vals[PColLead]}
		p.Support = splitUnits(vals[PColSupport])
		amountOf := func(col string) int64 {
			if vals[col] == "" {
				return 0
			}
			v, err := parseWanIn(vals[col], units[col])
			if err != nil {
				refuse(col, "金额无法识别（可填 1200、1.2亿、3500万元，单位默认为表头所注）")
			}
			return v
		}
		if vals[PColTotal] == "" {
			errs = append(errs, RowError{Row: row, Column: colName(colOf(cols, PColTotal)), Reason: "总投资为空"})
			bad = true
		}
		p.Total = amountOf(PColTotal)
		if pr.Has[PColPlanned] {
			p.Years = []store.ProjectYear{{Year: year, Planned: amountOf(PColPlanned)}}
		}
		pr.YearDone = amountOf(PColYearDone)
		pr.MonthDone = amountOf(PColMonthDone)
		if pr.Has[PColYearDone] && pr.Has[PColMonthDone] && pr.MonthDone > pr.YearDone {
			refuse(PColMonthDone, "本月完成投资大于1月以来累计完成投资")
		}
		if v := vals[PColPhase]; v != "" {
			ph, ok := ParsePhase(v)
			if !ok {
				refuse(PColPhase, "形象进度应以 前期、开工、在建、竣工、投运 等开头")
			}
			p.Phase = ph
		}
		if v := vals[PColRegion]; v != "" {
			code, ok := regionCode(v)
			if !ok {
				refuse(PColRegion, "地区无法识别（填行政区划名称或六位代码）")
			}
			p.RegionCode = code
		}
		if v := vals[PColYears]; v != "" {
			m := yearsRe.FindStringSubmatch(strings.ReplaceAll(v, " ", ""))
			if m == nil {
				refuse(PColYears, "建设年限应写作 2024-2026 或 2025")
			} else {
				p.StartYear, _ = strconv.Atoi(m[1])
				p.EndYear = p.StartYear
				if m[2] != "" {
					p.EndYear, _ = strconv.Atoi(m[2])
				}
				if p.EndYear < p.StartYear || p.StartYear < 1949 || p.EndYear > 2100 {
					refuse(PColYears, "建设年限的起止年份有误")
				}
			}
		}
		for _, ms := range []struct{ col, phase string }{{PColStart, store.PhaseStart}, {PColDone, store.PhaseDone}, {PColOperation, store.PhaseOperation}} {
			v := vals[ms.col]
			if v == "" {
				continue
			}
			d, ok := milestoneDate(v, g.rawCell(ri, at[ms.col]))
			if !ok {
				refuse(ms.col, "日期无法识别（可填 2026-03-31、2026年3月）")
				continue
			}
			p.Milestones = append(p.Milestones, store.Milestone{Phase: ms.phase, Planned: d})
		}
		pr.Problems, pr.Help, pr.Task, pr.TaskCol = vals[PColProblems], vals[PColHelp], vals[PColTask], colName(at[PColTask])
		for _, col := range []string{PColName, PColContent, PColProblems, PColHelp} {
			if len([]rune(vals[col])) > MaxNoteChars {
				refuse(col, fmt.Sprintf("超过%d字", MaxNoteChars))
			}
		}
		if bad {
			continue
		}
		pr.Project = p
		out.Rows = append(out.Rows, pr)
	}
	sortRowErrors(errs)
	return out, errs, nil
}

// findProjectHeader finds the first of the first 30 rows naming 项目名称
// and 总投资.
func findProjectHeader(g *grid) (int, map[int]projectColumn, bool) {
	for r := 0; r < len(g.cells) && r < 30; r++ {
		cols := map[int]projectColumn{}
		have := map[string]bool{}
		for c := range g.cells[r] {
			if pc, ok := classifyProjectLabel(g.cells[r][c]); ok && !have[pc.canon] {
				cols[c] = pc
				have[pc.canon] = true
			}
		}
		if have[PColName] && have[PColTotal] {
			return r, cols, true
		}
	}
	return 0, nil, false
}

func colOf(cols map[int]projectColumn, canon string) int {
	for c, pc := range cols {
		if pc.canon == canon {
			return c
		}
	}
	return 0
}

// isHeadingNumber reports whether a row is a heading of a part of the
// table (一、产业项目（12个）) rather than a project.
func isHeadingNumber(num, name string) bool {
	for _, s := range []string{num, name} {
		r := []rune(strings.TrimSpace(s))
		if len(r) >= 2 && strings.ContainsRune("一二三四五六七八九十", r[0]) && (r[1] == '、' || strings.ContainsRune("一二三四五六七八九十", r[1])) {
			return true
		}
	}
	return false
}

// splitUnits splits a cell of several units (市发改委、市财政局).
func splitUnits(s string) []string {
	var out []string
	for _, u := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune("、，,；;/ \n", r) }) {
		if u = strings.TrimSpace(u); u != "" {
			out = append(out, u)
		}
	}
	return out
}

// regionCode reads a region as a six-digit code or a name only one
// division has (鼓楼区 is in four cities: give its code).
func regionCode(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if d, ok := region.ByCode(s); ok {
		return d.Code, true
	}
	ds := region.ByName(s)
	if len(ds) != 1 {
		return "", false
	}
	return ds[0].Code, true
}

// milestoneDate reads a planned date: a day, or a month (its last day:
// 开工 in 2026年3月 is on time until March ends).
func milestoneDate(s, raw string) (string, bool) {
	if d, ok := parseDate(s, raw); ok {
		return d, true
	}
	m := monthOnlyRe.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return "", false
	}
	mm, err := ParseMonth(m[1] + "-" + m[2])
	if err != nil {
		return "", false
	}
	return lastDay(mm), true
}

// lastDay is the last day of a YYYY-MM month.
func lastDay(month string) string {
	y, _ := strconv.Atoi(month[:4])
	m, _ := strconv.Atoi(month[5:])
	return fmt.Sprintf("%04d-%02d-%02d", y, m, daysIn(y, m))
}

func daysIn(y, m int) int {
	switch m {
	case 4, 6, 9, 11:
		return 30
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	}
	return 31
}
