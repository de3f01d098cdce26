package extract

import (
	"regexp"
	"strconv"
	"strings"
)

// Indicator tables: 规划 and 实施方案 list their indicators in a table of
// 指标 | 2020年 | 2025年 | 属性, which the decoder gives as one row per line
// with tab-separated cells. A row's unit sits in the indicator's brackets
// (地区生产总值（亿元）), so the cells hold bare numbers that the sentence
// grammar cannot read.

var (
	reYearCell = regexp.MustCompile(`^[^0-9]{0,6}((?:19|20)\d{2})\s*年?[^0-9]{0,6}$`)
	reUnitTail = regexp.MustCompile(`[（(]([^（）()]{1,12})[）)]\s*$`)
	reCellNum  = regexp.MustCompile(`^\s*([<>≤≥＞＜]=?|不低于|不高于|不超过|达到)?\s*(-?\d+(?:\.\d+)?)\s*(%|％)?\s*(以上|以下|以内|左右)?\s*$`)
)

// tableHeader is a row naming the columns of an indicator table.
type tableHeader struct {
	cells     int
	name      int         // the indicator column
	years     map[int]int // column → year
	attribute int         // the 属性 column, -1 when absent
	unit      int         // a separate 单位 column, -1 when absent
}

// readHeader recognises the header row of an indicator table.
func readHeader(cells []string) (tableHeader, bool) {
	h := tableHeader{cells: len(cells), name: -1, years: map[int]int{}, attribute: -1, unit: -1}
	for i, c := range cells {
		c = strings.TrimSpace(c)
		switch {
		case strings.Contains(c, "指标") && h.name < 0:
			h.name = i
		case c == "属性" || strings.Contains(c, "指标属性") || c == "性质":
			h.attribute = i
		case c == "单位" || c == "计量单位":
			h.unit = i
		default:
			if m := reYearCell.FindStringSubmatch(c); m != nil && !strings.Contains(c, "年均") {
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
func (q *reader) tableQuantities(lines []line, periodStart int) (targets, observations []Quantity, used map[int]bool) {
	used = map[int]bool{}
	text := q.text
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		row := string(text[l.start:l.end])
		if !strings.Contains(row, "\t") {
			continue
		}
		h, ok := readHeader(strings.Split(row, "\t"))
		if !ok {
			continue
		}
		used[i] = true
		for j := i + 1; j < len(lines); j++ {
			lj := lines[j]
			r := string(text[lj.start:lj.end])
			if !strings.Contains(r, "\t") {
				break
			}
			used[j] = true
			t, o := q.tableRow(h, strings.Split(r, "\t"), lj, periodStart)
			targets = append(targets, t...)
			observations = append(observations, o...)
			i = j
		}
	}
	return targets, observations, used
}

// tableRow reads one row; rows shortened by merged cells on the left are
// aligned on the right.
func (q *reader) tableRow(h tableHeader, cells []string, l line, periodStart int) (targets, observations []Quantity) {
	offset := h.cells - len(cells)
	if offset < 0 {
		return nil, nil
	}
	cell := func(col int) string {
		if k := col - offset; k >= 0 && k < len(cells) {
			return strings.TrimSpace(cells[k])
		}
		return ""
	}
	name := cell(h.name)
	unit := ""
	if m := reUnitTail.FindStringSubmatchIndex(name); m != nil {
		unit = name[m[2]:m[3]]
		name = strings.TrimSpace(name[:m[0]])
	}
	if h.unit >= 0 && unit == "" {
		unit = cell(h.unit)
	}
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
	start := periodStart
	if start == 0 {
		start = last
	}
	for col, year := range h.years {
		m := reCellNum.FindStringSubmatch(cell(col))
		if m == nil {
			continue // —, [6] (a five-year total), words
		}
		v, err := strconv.ParseFloat(m[2], 64)
		if err != nil {
			continue
		}
		u := unit
		if m[3] != "" {
			u = "%"
		} else {
			v *= mult
		}
		qty := Quantity{
			Indicator: name, Value: roundValue(v), Unit: u, Op: cellOp(m[1], m[4]),
			Quote: strings.Join(strings.Fields(string(q.text[l.start:l.end])), " "), Span: Span{l.start, l.end},
			Binding: binding,
		}
		if year < start {
			p := strconv.Itoa(year)
			qty.Period, qty.Op = &p, "="
			observations = append(observations, qty)
			continue
		}
		y := year
		qty.Year = &y
		targets = append(targets, qty)
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
	case after == "以上" || before == "≥" || before == ">=" || before == "不低于" || before == "达到":
		return ">="
	case after == "以下" || after == "以内" || before == "≤" || before == "<=" || before == "不高于" || before == "不超过":
		return "<="
	case before == ">" || before == "＞":
		return ">"
	case before == "<" || before == "＜":
		return "<"
	}
	return "="
}

func roundValue(v float64) float64 {
	return float64(int64(v*1e6+0.5*sign(v))) / 1e6
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
