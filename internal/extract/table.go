package extract

import (
	"math"
	"regexp"
	"strconv"
	"strings"
)

// Indicator tables: 规划 and 实施方案 list their indicators in a table of
// 指标 | 单位 | 2020年 | 2025年 | 属性. A row's unit sits in the indicator's
// brackets (地区生产总值（亿元）) or in a 单位 column, so the cells hold bare
// numbers that the sentence grammar cannot read; the table reader gives
// one target per target-year cell and an observation for the baseline.

var (
	reYearCell = regexp.MustCompile(`^[^0-9]{0,6}((?:19|20)\d{2})\s*年?[^0-9]{0,6}$`)
	// 0.6—0.8, 85%-90%, 200～400万吨: the unit of the low bound may be left
	// to the high one.
	reRangeCell = regexp.MustCompile(`^(\d+(?:\.\d+)?)(%|％)?\s*[—–\-~～至]\s*(\d+(?:\.\d+)?)(%|％|[万亿]?[\p{Han}]{1,3}|[a-zA-Z/²³]{1,8})?$`)
	reYear4     = regexp.MustCompile(`^(?:19|20)\d{2}$`)
	reUnitTail  = regexp.MustCompile(`[（(]([^（）()]{1,12})[）)]\s*$`)
	reCellNum   = regexp.MustCompile(`^\s*([<>≤≥＞＜﹥﹤]=?|不低于|不高于|不超过|不少于|达到|超过|下降|降低|减少|提高|增长|增加|累计下降|累计降低)?\s*(-?\d+(?:\.\d+)?)\s*(%|％|个百分点|[万亿]?[\p{Han}]{1,3}|[a-zA-Z/²³]{1,8})?\s*(以上|以下|以内|左右)?\s*$`)
)

// tableHeader is a row naming the columns of an indicator table.
type tableHeader struct {
	cells     int
	name      int         // the indicator column
	years     map[int]int // column → year; 0 for a target column without one (预期值)
	base      map[int]int // column → year of a baseline column (基期值, 2020年现状); 0 unknown
	attribute int         // the 属性 column, -1 when absent
	unit      int         // a separate 单位 column, -1 when absent
	review    bool        // a 完成值 column: the table reviews an earlier plan
	earlier   map[int]int // column → end year of an earlier plan whose target it gives (a review's 目标值)
}

// readHeader recognises the header row of an indicator table.
func readHeader(cells []string) (tableHeader, bool) {
	h := tableHeader{cells: len(cells), name: -1, years: map[int]int{}, base: map[int]int{}, attribute: -1, unit: -1}
	for i, c := range cells {
		c = strings.Join(strings.Fields(c), "")
		switch {
		case strings.Contains(c, "指标") && !strings.Contains(c, "属性") && h.name < 0:
			h.name = i
		case c == "属性" || strings.Contains(c, "指标属性") || c == "性质" || c == "指标性质":
			h.attribute = i
		case c == "单位" || c == "计量单位":
			h.unit = i
		case strings.Contains(c, "基期") || strings.Contains(c, "基准") || strings.Contains(c, "现状"):
			y := 0
			if m := reTitleYear.FindStringSubmatch(c); m != nil {
				y, _ = strconv.Atoi(m[1])
			}
			h.base[i] = y
		case c == "预期值" || c == "目标值" || c == "规划目标" || c == "预期目标" || c == "目标":
			h.years[i] = 0
		case c == "完成值" || c == "实际值" || c == "实际完成" || c == "完成数" || c == "实现值":
			// 表1“十三五”主要指标完成情况: 目标值 and 完成值 of a plan ended.
			h.base[i] = 0
			h.review = true
		default:
			if m := reYearCell.FindStringSubmatch(c); m != nil && !strings.Contains(c, "年均") && !strings.Contains(c, "累计") {
				y, _ := strconv.Atoi(m[1])
				h.years[i] = y
			}
		}
	}
	return h, h.name >= 0 && len(h.years) >= 1
}

// tableQuantities reads the indicator tables of the text and returns their
// targets and observations, and the lines they took so that the sentence
// grammar leaves them alone.
func (q *reader) tableQuantities(tables []*table, periodStart int) (targets, observations []Quantity, used map[int]bool) {
	used = map[int]bool{}
	// A captioned table read line by line wins over the pieces the tab
	// readers made of it when it reads more figures from those lines.
	found := q.tableFigures(tables, periodStart)
	for _, rt := range q.captionTables(periodStart) {
		n := 0
		for _, f := range found {
			if f.overlaps(rt.lines) {
				n += len(f.targets) + len(f.observations)
			}
		}
		if len(rt.targets)+len(rt.observations) <= n {
			continue
		}
		kept := found[:0]
		for _, f := range found {
			if !f.overlaps(rt.lines) {
				kept = append(kept, f)
			}
		}
		found = append(kept, rt)
	}
	for _, f := range found {
		targets = append(targets, f.targets...)
		observations = append(observations, f.observations...)
		for l := range f.lines {
			used[l] = true
		}
	}
	return targets, observations, used
}

// overlaps reports a table read that took any of lines.
func (rt rowTable) overlaps(lines map[int]bool) bool {
	for l := range rt.lines {
		if lines[l] {
			return true
		}
	}
	return false
}

// tableFigures reads the tab, pipe, spaced and flattened tables, one read
// per table.
func (q *reader) tableFigures(tables []*table, periodStart int) []rowTable {
	var out []rowTable
	var last tableHeader
	lastEnd := -10
	var prevStack *stacked
	for _, t := range tables {
		if t.form == "tab" {
			var cont *stacked
			if all := t.allLines(); prevStack != nil && len(all) > 0 && all[0]-lastEnd <= 6 {
				cont = prevStack
			}
			prevStack = nil
			if st, rows, lines, ok := stackedRows(t, periodStart, q.planEnd, cont); ok {
				sh := st.h
				prevStack = st
				rt := rowTable{lines: map[int]bool{}}
				for _, l := range t.allLines() {
					rt.lines[l] = true
				}
				for k, row := range rows {
					first, last := q.lineSpan(lines[k])
					tt, oo := q.tableRow(sh, row, first, last, periodStart)
					rt.targets = append(rt.targets, tt...)
					rt.observations = append(rt.observations, oo...)
				}
				out = append(out, rt)
				last, lastEnd = sh, t.allLines()[len(t.allLines())-1]
				continue
			}
		}
		hi := -1
		var h tableHeader
		for k, row := range t.rows {
			if hh, ok := readHeader(row); ok {
				hi, h = k, hh
				break
			}
			if k > 2 {
				break
			}
		}
		// A page's table comes apart where its cells wrap: a piece that
		// follows a headed one within a few lines continues it.
		if all := t.allLines(); hi < 0 && len(all) > 0 && lastEnd >= 0 && all[0]-lastEnd <= 6 {
			hi, h = -1, last
		} else if hi < 0 {
			continue
		}
		if all := t.allLines(); len(all) > 0 {
			last, lastEnd = h, all[len(all)-1]
		}
		rt := rowTable{lines: map[int]bool{}}
		for _, l := range t.allLines() {
			rt.lines[l] = true
		}
		label := "" // a merged first column's label (类别) carries down
		for k := hi + 1; k < len(t.rows); k++ {
			row := t.rows[k]
			if len(row) == 0 {
				continue
			}
			if hh, ok := readHeader(row); ok {
				h = hh // a table printed again on the next page
				continue
			}
			first, last := q.lineSpan(t.lines[k])
			tt, oo := q.tableRow(h, row, first, last, periodStart)
			_ = label
			rt.targets = append(rt.targets, tt...)
			rt.observations = append(rt.observations, oo...)
		}
		out = append(out, rt)
	}
	return out
}

// lineSpan is the rune span of a row's lines.
func (q *reader) lineSpan(idx []int) (int, int) {
	if len(idx) == 0 {
		return 0, 0
	}
	return q.lines[idx[0]].start, q.lines[idx[len(idx)-1]].end
}

// tableRow reads one row; rows shortened by merged cells on the left are
// aligned on the right.
func (q *reader) tableRow(h tableHeader, cells []string, start, end, periodStart int) (targets, observations []Quantity) {
	offset := h.cells - len(cells)
	if offset < 0 {
		// More cells than the header: a split name; join the extra ones
		// into the name column.
		extra := -offset
		if h.name >= 0 && h.name+extra < len(cells) {
			joined := strings.Join(cells[h.name:h.name+extra+1], "")
			cells = append(append(append([]string{}, cells[:h.name]...), joined), cells[h.name+extra+1:]...)
			offset = 0
		} else {
			return nil, nil
		}
	}
	cell := func(col int) string {
		if k := col - offset; k >= 0 && k < len(cells) {
			return strings.TrimSpace(cells[k])
		}
		return ""
	}
	// A footnote mark (比例(%)*) stands after the unit's bracket.
	name := strings.TrimRight(strings.Join(strings.Fields(cell(h.name)), ""), "*＊")
	unit := ""
	// 洞庭湖（国控断面，总磷）: a bracket with a list in it qualifies the
	// name; it is no unit.
	// A comparison after the unit (下降比例(%)（较考核基准年）) qualifies
	// the name too; the unit is the bracket before it.
	qualifier := ""
	if m := reUnitTail.FindStringSubmatchIndex(name); m != nil && strings.HasPrefix(name[m[2]:m[3]], "较") {
		if rest := strings.TrimSpace(name[:m[0]]); reUnitTail.MatchString(rest) {
			name, qualifier = rest, name[m[0]:]
		}
	}
	if m := reUnitTail.FindStringSubmatchIndex(name); m != nil && !strings.ContainsAny(name[m[2]:m[3]], "，、,") {
		unit = name[m[2]:m[3]]
		name = strings.TrimSpace(name[:m[0]])
	}
	name += qualifier
	if h.unit >= 0 && unit == "" {
		unit = cell(h.unit)
	}
	unit = strings.ReplaceAll(unit, "µ", "μ") // the micro sign is the Greek mu
	name = strings.TrimRight(name, "*＊")
	if len([]rune(name)) < 2 || !hasHan(name, 2) {
		return nil, nil
	}
	mult, unit := foldUnit(unit)
	var binding *bool
	switch a := cell(h.attribute); {
	case strings.Contains(a, "约束"):
		v := true
		binding = &v
	case strings.Contains(a, "预期"):
		v := false
		binding = &v
	}
	// Years before the plan's start are its baseline; the rest are targets.
	last := 0
	for _, y := range h.years {
		last = max(last, y)
	}
	start0 := periodStart
	if start0 == 0 {
		start0 = last
	}
	quote := strings.Join(strings.Fields(string(q.text[start:end])), " ")
	reviewYear := 0
	if h.review {
		if lc := q.lineCtxAt(start); lc.stance == stancePast {
			reviewYear = lc.pastYear
		}
	}
	var readRaw func(raw string, year int, isBase, isEarlier bool)
	read := func(col, year int, isBase, isEarlier bool) {
		raw := strings.Join(strings.Fields(cell(col)), "")
		// 全覆盖 in a cell of a share is 100 %, as in prose.
		if (raw == "全覆盖" || raw == "实现全覆盖") && (unit == "%" || unit == "") {
			raw = "≥100%"
		}
		// A range (0.6—0.8, 200-400万吨) is two bounds, each a figure.
		if r := reRangeCell.FindStringSubmatch(raw); r != nil && !(reYear4.MatchString(r[1]) && reYear4.MatchString(r[3])) {
			if r[2] == "" {
				r[2] = r[4]
			}
			readRaw("≥"+r[1]+r[2], year, isBase, isEarlier)
			readRaw("≤"+r[3]+r[4], year, isBase, isEarlier)
			return
		}
		readRaw(raw, year, isBase, isEarlier)
	}
	readRaw = func(raw string, year int, isBase, isEarlier bool) {
		m := reCellNum.FindStringSubmatch(raw)
		if m == nil {
			return // —, [6] (a five-year total), words
		}
		// The unit group may have swallowed the op word: 30以下, 10个以上.
		for _, w := range []string{"以上", "以下", "以内", "左右"} {
			if strings.HasSuffix(m[3], w) && m[4] == "" {
				m[3], m[4] = strings.TrimSuffix(m[3], w), w
			}
		}
		v, err := strconv.ParseFloat(m[2], 64)
		if err != nil {
			return
		}
		u := unit
		switch {
		case m[3] == "%" || m[3] == "％":
			u = "%"
		case m[3] == "个百分点":
			u = m[3]
		case m[3] != "":
			// 1800个, 3.5万吨: the cell carries its own unit.
			cm, cu := foldUnit(m[3])
			v *= cm
			u = cu
		default:
			v *= mult
		}
		ind := name
		switch m[1] {
		case "下降", "降低", "减少", "提高", "增长", "增加", "累计下降", "累计降低":
			ind += m[1] // 下降15%: the change is the quantity
		}
		qty := Quantity{
			Indicator: ind, Value: roundValue(v), Unit: u, Op: cellOp(m[1], m[4]),
			Quote: quote, Span: Span{start, end}, Binding: binding, Approx: m[4] == "左右",
		}
		if isBase || !isEarlier && year != 0 && year < start0 {
			qty.Op = "="
			if year == 0 && h.review {
				year = reviewYear
			}
			if year != 0 {
				p := strconv.Itoa(year)
				qty.Period = &p
			}
			observations = append(observations, qty)
			return
		}
		if year == 0 && h.review {
			year = reviewYear // the earlier plan's own target, for its end
		}
		if year == 0 {
			year = q.planEnd
		}
		if year != 0 {
			y := year
			qty.Year = &y
		}
		targets = append(targets, qty)
	}
	for col, year := range h.base {
		read(col, year, true, false)
	}
	for col, year := range h.years {
		read(col, year, false, false)
	}
	for col, year := range h.earlier {
		read(col, year, false, true)
	}
	sortByYear(targets)
	sortByYear(observations)
	return targets, observations
}

// foldUnit splits a magnitude off a unit: 亿元 → 1e8, 元.
func foldUnit(u string) (float64, string) {
	u = strings.TrimSpace(u)
	for _, m := range magnitudes {
		if strings.HasPrefix(u, m.word) && len(u) > len(m.word) {
			return m.mult, strings.TrimPrefix(u, m.word)
		}
	}
	if u == "％" {
		u = "%"
	}
	return 1, u
}

func cellOp(before, after string) string {
	switch {
	case after == "以上" || before == "≥" || before == ">=" || before == "不低于" || before == "不少于" || before == "达到":
		return ">="
	case after == "以下" || after == "以内" || before == "≤" || before == "<=" || before == "不高于" || before == "不超过":
		return "<="
	case before == ">" || before == "＞" || before == "﹥" || before == "超过":
		return ">"
	case before == "<" || before == "＜" || before == "﹤":
		return "<"
	}
	return "="
}

// roundValue drops the binary noise of folding a magnitude (326.4 × 1e8)
// without overflowing on the largest amounts (51.9万亿元).
func roundValue(v float64) float64 {
	if math.Abs(v) >= 1e9 {
		return math.Round(v)
	}
	return math.Round(v*1e6) / 1e6
}

func sign(v float64) float64 {
	if v < 0 {
		return -1
	}
	return 1
}

// sortByYear keeps a row's figures in column order whatever map order gave.
func sortByYear(qs []Quantity) {
	key := func(q Quantity) int {
		switch {
		case q.Year != nil:
			return *q.Year
		case q.Period != nil:
			y, _ := strconv.Atoi(*q.Period)
			return y
		}
		return 0
	}
	for i := 1; i < len(qs); i++ {
		for j := i; j > 0 && key(qs[j]) < key(qs[j-1]); j-- {
			qs[j], qs[j-1] = qs[j-1], qs[j]
		}
	}
}
