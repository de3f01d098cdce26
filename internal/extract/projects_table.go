package extract

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Project tables: plans list their 重大项目 in a table — 序号 | 项目名称 |
// 建设内容 | 建设年限 | 总投资（万元） | 2026年计划投资 | 牵头单位 — as an
// annex or inside a section. Each row is a project with the investment,
// years and lead unit the row states; the sentence grammar cannot read
// them, since a cell holds a bare number whose unit is in the header.

// projectColumns are the columns of a project table's header row, -1
// when absent. A scale is the 万元 one unit of the column's cells makes
// (1 for 万元, 10000 for 亿元), 0 when the header names no unit.
type projectColumns struct {
	name, content, years, lead, resp, support, total, annual int
	totalScale, annualScale                                  float64
	annualYear                                               int
}

var reHeaderYear = regexp.MustCompile(`((?:19|20)\d{2})\s*年`)

// readProjectHeader recognises the header row of a project table: a
// name column and a total-investment column.
func readProjectHeader(cells []string) (projectColumns, bool) {
	c := projectColumns{name: -1, content: -1, years: -1, lead: -1, resp: -1, support: -1, total: -1, annual: -1}
	set := func(p *int, i int) {
		if *p < 0 {
			*p = i
		}
	}
	for i, cell := range cells {
		h := strings.Join(strings.Fields(cell), "")
		if runeCount(h) > 24 {
			continue // a row of prose, not a header
		}
		switch {
		case strings.Contains(h, "项目名称") || strings.Contains(h, "工程名称") || h == "项目" || h == "工程项目" || h == "重大项目":
			set(&c.name, i)
		case strings.Contains(h, "建设内容") || strings.Contains(h, "建设规模") || strings.Contains(h, "主要内容"):
			set(&c.content, i)
		case containsAnyWord(h, []string{"年限", "起止年", "建设期限", "建设周期", "实施期限", "建设时间", "起止时间"}):
			set(&c.years, i)
		case containsAnyWord(h, []string{"牵头单位", "牵头部门"}):
			set(&c.lead, i)
		case containsAnyWord(h, []string{"责任单位", "责任部门", "实施主体", "建设单位", "项目业主", "业主单位", "实施单位"}):
			set(&c.resp, i)
		case containsAnyWord(h, []string{"配合单位", "配合部门", "协同单位"}):
			set(&c.support, i)
		case strings.Contains(h, "总投资") || containsAnyWord(h, []string{"投资估算", "估算投资", "投资总额", "总投入"}):
			if c.total < 0 {
				c.total, c.totalScale = i, headerScale(h)
			}
		case strings.Contains(h, "投资") && (strings.Contains(h, "年") || strings.Contains(h, "计划")):
			// 年度计划投资, 2026年计划投资（亿元）, 2026年投资计划.
			if c.annual < 0 {
				c.annual, c.annualScale = i, headerScale(h)
				if m := reHeaderYear.FindStringSubmatch(h); m != nil {
					c.annualYear, _ = strconv.Atoi(m[1])
				}
			}
		}
	}
	return c, c.name >= 0 && c.total >= 0
}

// headerScale reads the unit a header gives its cells: 总投资（亿元）.
func headerScale(h string) float64 {
	switch {
	case strings.Contains(h, "万亿元"):
		return 1e8
	case strings.Contains(h, "亿元"), strings.Contains(h, "（亿）"), strings.Contains(h, "(亿)"):
		return 1e4
	case strings.Contains(h, "万元"), strings.Contains(h, "（万）"), strings.Contains(h, "(万)"):
		return 1
	}
	return 0
}

// reUnitNote is the note a table's caption carries when its header does
// not: 单位：亿元, （单位：万元）.
var reUnitNote = regexp.MustCompile(`单位[：:]\s*(万亿元|亿元|万元)`)

// projectTables reads the projects of a document's project tables. A
// heading row (一、交通项目) across a table breaks it into pieces, the
// later ones without a header: a piece that starts within a few lines of
// a project table, as wide, continues it.
func (q *reader) projectTables(tables []*table) []Project {
	var (
		out   []Project
		cols  projectColumns
		width int
		last  = -1 // the last line of the project table read before
	)
	for _, t := range tables {
		hi := -1
		for k, row := range t.rows {
			if c, ok := readProjectHeader(row); ok {
				hi, cols = k, c
				break
			}
			if k > 2 {
				break
			}
		}
		first := t.allLines()
		switch {
		case hi >= 0:
			width = len(t.rows[hi])
			scale := q.tableScale(t, hi)
			if cols.totalScale == 0 {
				cols.totalScale = scale
			}
			if cols.annualScale == 0 {
				cols.annualScale = scale
			}
			if cols.lead < 0 {
				// Where only 责任单位 is given, it leads.
				cols.lead, cols.resp = cols.resp, -1
			}
		case last >= 0 && len(first) > 0 && first[0]-last <= 3 && len(t.rows[0]) <= width && len(t.rows[0]) >= width-1:
		default:
			last = -1
			continue
		}
		for k := hi + 1; k < len(t.rows); k++ {
			if p, ok := q.projectRow(t.rows[k], width, cols); ok {
				start, end := q.lineSpan(t.lines[k])
				p.Span = Span{start, end}
				out = append(out, p)
			}
		}
		if n := len(first); n > 0 {
			last = slices.Max(first)
		}
	}
	return out
}

// tableScale is the unit of a table's amounts where its header names
// none: a 单位 note on the lines just above it or in the header row,
// else 万元, the unit project offices count in.
func (q *reader) tableScale(t *table, hi int) float64 {
	var near []string
	if first := t.lines[0]; len(first) > 0 {
		for i := first[0] - 1; i >= 0 && i >= first[0]-2; i-- {
			near = append(near, string(q.text[q.lines[i].start:q.lines[i].end]))
		}
	}
	near = append(near, strings.Join(t.rows[hi], " "))
	for _, s := range near {
		if m := reUnitNote.FindStringSubmatch(s); m != nil {
			return headerScale(m[1])
		}
	}
	return 1
}

// projectRow reads one row of a project table. Rows short of the header
// lost merged cells on the left and are aligned on the right; a row
// without a name (a heading row such as 一、交通项目 spans the table) or a
// 合计 row is none.
func (q *reader) projectRow(row []string, width int, cols projectColumns) (Project, bool) {
	offset := max(0, width-len(row))
	cell := func(col int) string {
		if col < 0 {
			return ""
		}
		if i := col - offset; i >= 0 && i < len(row) {
			return strings.TrimSpace(row[i])
		}
		return ""
	}
	name := projectNameOf(cell(cols.name))
	filled := 0
	for _, c := range row {
		if strings.TrimSpace(c) != "" {
			filled++
		}
	}
	if name == "" || filled < 2 || containsAnyWord(name, []string{"合计", "小计", "总计", "总体"}) {
		return Project{}, false
	}
	p := Project{Name: name, Kind: "项目", Content: cell(cols.content), LeadUnits: []string{}, Annual: []AnnualInvestment{}}
	if v, ok := cellAmount(cell(cols.total), cols.totalScale); ok {
		p.Investment = &v
	}
	if y1, y2, ok := cellYears(cell(cols.years)); ok {
		p.Years = &Period{Start: y1, End: y2}
	}
	if v, ok := cellAmount(cell(cols.annual), cols.annualScale); ok && cols.annualYear != 0 {
		p.Annual = append(p.Annual, AnnualInvestment{Year: cols.annualYear, Wan: v})
	}
	lead, support := placeParties(splitUnits(cell(cols.lead)), append(splitUnits(cell(cols.support)), splitUnits(cell(cols.resp))...))
	p.LeadUnits = dedupeUnits(lead, nil)
	p.SupportUnits = dedupeUnits(support, p.LeadUnits)
	if p.SupportUnits == nil {
		p.SupportUnits = []string{}
	}
	return p, true
}

// projectNameOf cuts a name cell to a project's name: no list marker
// (1. （一）), no note after a full stop, two Han characters at least.
func projectNameOf(cell string) string {
	r := []rune(cell)
	for i, c := range r {
		if c == '。' || c == '；' {
			r = r[:i]
			break
		}
	}
	name := string(trimPunct([]rune(stripMarker(strings.TrimSpace(string(r))))))
	name = strings.Join(strings.Fields(name), "")
	if !hasHan(name, 2) || runeCount(name) > 40 || markerStart(name) && startsWithMarker(name) {
		return ""
	}
	return name
}

var reCellAmount = regexp.MustCompile(`^(?:约|超过|超|近|计划)?\s*([0-9][0-9,，]*(?:\.[0-9]+)?)\s*(万亿元|亿元|万元|元|万亿|亿|万)?\s*$`)

// cellAmount reads an amount cell — 120, 3.5亿元, 8,600 — in 万元; a bare
// number is in the column's unit, scale 万元 each.
func cellAmount(cell string, scale float64) (float64, bool) {
	cell = strings.Join(strings.Fields(cell), "")
	m := reCellAmount.FindStringSubmatch(cell)
	if m == nil {
		return 0, false
	}
	v, err := strconv.ParseFloat(strings.NewReplacer(",", "", "，", "").Replace(m[1]), 64)
	if err != nil || v <= 0 {
		return 0, false
	}
	switch m[2] {
	case "万亿元", "万亿":
		v *= 1e8
	case "亿元", "亿":
		v *= 1e4
	case "万元", "万":
	case "元":
		v /= 1e4
	default:
		v *= scale
	}
	return roundValue(v), v > 0
}

var (
	reCellYears = regexp.MustCompile(`((?:19|20)\d{2})\s*(?:年)?\s*(?:[.．]\s*\d{1,2}|\d{1,2}\s*月)?\s*(?:份)?\s*[-—–~～至到]+\s*((?:19|20)\d{2})`)
	reCellYear  = regexp.MustCompile(`^((?:19|20)\d{2})\s*年?`)
)

// cellYears reads the years a project spans: 2024-2026, 2024年—2026年,
// 2024.3-2026.12, 2025年 (one year).
func cellYears(cell string) (int, int, bool) {
	cell = strings.TrimSpace(cell)
	if m := reCellYears.FindStringSubmatch(cell); m != nil {
		a, _ := strconv.Atoi(m[1])
		b, _ := strconv.Atoi(m[2])
		if a <= b && b-a <= 30 {
			return a, b, true
		}
		return 0, 0, false
	}
	if m := reCellYear.FindStringSubmatch(cell); m != nil {
		a, _ := strconv.Atoi(m[1])
		return a, a, true
	}
	return 0, 0, false
}

// mergeProjects joins the projects of tables with those found in prose,
// in the order of the text. A name found in prose that a table row lists,
// or any name inside a table row (a place in its 建设内容), is the row's.
func mergeProjects(rows, prose []Project) []Project {
	if len(rows) == 0 {
		return prose
	}
	names := map[string]bool{}
	out := make([]Project, 0, len(rows)+len(prose))
	for _, p := range rows {
		if names[p.Name] {
			continue // a table repeated in an annex
		}
		names[p.Name] = true
		out = append(out, p)
	}
	for _, p := range prose {
		inRow := slices.ContainsFunc(rows, func(r Project) bool { return p.Span[0] >= r.Span[0] && p.Span[1] <= r.Span[1] })
		if !inRow && !names[p.Name] {
			out = append(out, p)
		}
	}
	slices.SortStableFunc(out, func(a, b Project) int { return a.Span[0] - b.Span[0] })
	return out
}

// finishProjects makes the lists of prose projects print as [].
func finishProjects(ps []Project) []Project {
	for i := range ps {
		if ps[i].LeadUnits == nil {
			ps[i].LeadUnits = []string{}
		}
		if ps[i].SupportUnits == nil {
			ps[i].SupportUnits = []string{}
		}
		if ps[i].Annual == nil {
			ps[i].Annual = []AnnualInvestment{}
		}
	}
	return ps
}
