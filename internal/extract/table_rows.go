package extract

import (
	"regexp"
	"strconv"
	"strings"
)

// Captioned indicator tables as a PDF reader lays them out. A PDF draws
// each cell at the height of its middle and the reader keeps only gaps
// wider than a column's, so a table comes out as lines where one row's
// number, name and values may be glued (质量3, 2市控以上劣V类断面（%）,
// 饮用水源100), its name wrapped above and below the line of its values,
// and its header in pieces (2015年 / 目标值 / 完成值). No tab table holds
// such a table whole; this reader takes the lines from a caption
// (表1 …主要指标…) to the first line of prose, finds the numbered rows by
// their running number, and reads each row's values against the columns
// the header names.

var (
	// A title line without a number: …行动方案主要指标, …指标体系.
	reTableTitle   = regexp.MustCompile(`^[^。，；：]{2,36}(?:主要指标|指标体系|指标表|目标指标|指标完成情况)$`)
	reTableCaption = regexp.MustCompile(`^(?:附?表|专栏)\s*\d{1,2}(?:[-－—.]\d{1,2})?\s*\S`)
	// A row number glued to a category before it (质量3, 属减6) or to the
	// name after it (2市控以上…, 14“千吨万人”…).
	reSeqTail = regexp.MustCompile(`^(\p{Han}{1,4})(\d{1,2})$`)
	reSeqHead = regexp.MustCompile(`^(\p{Han}{0,4}?)(\d{1,2})[.．、]?([\p{Han}“"《（(].*)$`)
	// A value glued to the end of a name: 饮用水源100, 比例（%）0.5*.
	reGluedValue = regexp.MustCompile(`^(.*[\p{Han}）)])([<>≤≥＞＜]?-?\d+(?:\.\d+)?(?:%|％)?(?:以上|以下|左右)?\*?)$`)
	// A value with a note in brackets: 37.4（“十三五”均值）, 44（-18%）,
	// 75.5（2017年）.
	reNotedValue = regexp.MustCompile(`^([<>≤≥＞＜]?-?\d+(?:\.\d+)?(?:%|％)?)\s*[（(](.*)$`)
)

// planSpans are the five-year plans a review table names.
var planSpans = map[string][2]int{"十二五": {2011, 2015}, "十三五": {2016, 2020}, "十四五": {2021, 2025}, "十五五": {2026, 2030}}

// rowColumn is one value column of a captioned table.
type rowColumn struct {
	year    int
	base    bool // a baseline or completed value: an observation
	earlier bool // an earlier plan's target, read in a review
}

// rowTable is one captioned table read: the lines it took and its figures.
type rowTable struct {
	lines                 map[int]bool
	targets, observations []Quantity
}

// captionTables reads the captioned indicator tables of the text.
func (q *reader) captionTables(periodStart int) []rowTable {
	var out []rowTable
	for i := 0; i < len(q.lines); i++ {
		s := q.lineText(i)
		// 指标 first: one byte search rules out nearly every line before
		// the regular expressions run.
		if !strings.Contains(s, "指标") || runeCount(s) > 40 || !(reTableCaption.MatchString(s) || reTableTitle.MatchString(s)) {
			continue
		}
		end := i + 1
		for end < len(q.lines) && end-i < 240 && !tableEnds(q.lineText(end)) {
			end++
		}
		if rt, ok := q.readRowTable(i, end, periodStart); ok {
			out = append(out, rt)
		}
		i = end - 1
	}
	return out
}

// lineText is line i as a string, sliced from the source encoded once:
// the table passes ask for every line of the text, some more than once.
func (q *reader) lineText(i int) string {
	return q.src.str(q.lines[i].start, q.lines[i].end)
}

// tableEnds reports a line that cannot be part of a table: prose (a full
// sentence, or a line as wide as the text's) or the next caption or note.
func tableEnds(s string) bool {
	flat := strings.ReplaceAll(s, "\t", "")
	switch {
	case strings.HasPrefix(flat, "注：") || strings.HasPrefix(flat, "注:") || strings.HasPrefix(flat, "*：") || strings.HasPrefix(flat, "备注"):
		return true
	case reTableCaption.MatchString(flat):
		return true
	case strings.ContainsAny(flat, "。；") && runeCount(flat) > 20:
		return true
	}
	return !strings.Contains(s, "\t") && runeCount(flat) > 30
}

// readRowTable reads the table whose caption is line first and whose last
// line is before end.
func (q *reader) readRowTable(first, end, periodStart int) (rowTable, bool) {
	// The header runs to the first line that carries row number 1.
	body := -1
	for k := first + 1; k < end && k < first+12; k++ {
		if cutRowLine(q.lineText(k), 1).seq == 1 {
			body = k
			break
		}
	}
	// A review without row numbers has a row wherever a line holds values:
	// its body starts at the first line with two. (A table of this plan
	// without them is one the tab readers take whole.)
	numbered := body >= 0
	for k := first + 1; !numbered && reviewHeader(q.lineText(first)) && k < end && k < first+20; k++ {
		if len(cutRowLine(q.lineText(k), 0).values) >= 2 && headerCells(strings.Split(q.lineText(k), "\t")) == 0 {
			body = k
			break
		}
	}
	if body < 0 {
		return rowTable{}, false
	}
	header := q.lineText(first)
	loneYear := false // a 年 whose year the layout lost: 2020 / 年
	for k := first + 1; k < body; k++ {
		header += q.lineText(k)
		for _, c := range strings.Split(q.lineText(k), "\t") {
			loneYear = loneYear || strings.TrimSpace(c) == "年"
		}
	}
	cols, lost, review, ok := rowColumns(header, loneYear, periodStart, q.planEnd)
	if !ok {
		return rowTable{}, false
	}
	h := tableHeader{cells: 2 + len(cols), name: 0, unit: 1, attribute: -1, years: map[int]int{}, base: map[int]int{}, earlier: map[int]int{}}
	for k, c := range cols {
		switch {
		case c.base:
			h.base[2+k] = c.year
		case c.earlier:
			h.earlier[2+k] = c.year
		default:
			h.years[2+k] = c.year
		}
	}
	// Cut every line below the caption, expecting the running number from
	// the body on; the header's last line may be the top of row 1's name.
	seq := 1
	var cut []rowLine
	var at []int // the line of each cut
	for k := first + 1; k < end; k++ {
		rl := cutRowLine(q.lineText(k), seq)
		if numbered && rl.seq == 0 && k > body {
			// A row the page's reflow joined to another line is lost;
			// the next one goes on.
			if next := cutRowLine(q.lineText(k), seq+1); next.seq != 0 {
				rl, seq = next, seq+1
			}
		}
		if k < body {
			rl = rowLine{}
			if k == body-1 && headerCells(strings.Split(q.lineText(k), "\t")) == 0 {
				rl = cutRowLine(q.lineText(k), 0)
			}
		}
		// Without numbers, a lone value is a row's only beside its name;
		// alone on its line it is a wrapped piece of a cell (17.6%).
		rl.anchor = rl.seq != 0 || !numbered && k >= body && (len(rl.values) >= 2 || len(rl.values) == 1 && len(rl.names) > 0)
		if rl.seq == seq {
			seq++
		}
		// Lines that say nothing (a category's single characters, a
		// header printed again after a page break) stand between a row and
		// the pieces of its name: they are passed over.
		if rl.anchor || len(rl.names) > 0 || len(rl.values) > 0 || rl.year != 0 || rl.text {
			cut = append(cut, rl)
			at = append(at, k)
		}
	}
	rt := rowTable{lines: map[int]bool{}}
	for k := first; k < end; k++ {
		rt.lines[k] = true
	}
	taken := map[int]bool{}
	rows := 0
	for k, rl := range cut {
		if !rl.anchor {
			continue
		}
		names := rl.names
		// A short word before the name, or alone, is the row's category
		// (环境质量 printed down a merged column): 3 质量 主要入海河流….
		if len(names) > 0 && runeCount(names[0]) <= 3 && !strings.ContainsAny(names[0], "（()）%") {
			names = names[1:]
		}
		name := strings.Join(names, "")
		values := rl.values
		text := rl.text
		year, unit := rl.year, rl.unit
		took := []int{at[k]}
		// A name that is not on its row's line wrapped around it: one line
		// above, one below.
		own := name != ""
		// A name on the row's own line that lacks its unit wrapped over
		// three lines when the line below ends with the unit (县级以上饮用水
		// 源地建立水 / 质生物毒性预警监测系统比 / 例（%）).
		three := false
		if own && !reUnitTail.MatchString(name) && k+1 < len(cut) && !cut[k+1].anchor && len(cut[k+1].names) > 0 {
			below := namePart(cut[k+1].names, name, true)
			three = runeCount(below) <= 14 && reUnitTail.MatchString(below)
		}
		for _, n := range []int{k - 1, k + 1} {
			if n < 0 || n >= len(cut) || cut[n].anchor || taken[n] || len(cut[n].names) == 0 {
				continue
			}
			part := namePart(cut[n].names, name, n > k)
			// A name on the row's own line takes from below only its unit
			// (a bracket that wrapped).
			if part == "" || own && !three && !(n > k && isBracketOnly(part)) {
				continue
			}
			taken[n] = true
			took = append(took, at[n])
			if n < k {
				name = part + name
				values = append(append([]string{}, cut[n].values...), values...)
			} else {
				name += part
				values = append(values, cut[n].values...)
			}
			text = text || cut[n].text
			if unit == "" {
				unit = cut[n].unit
			}
		}
		for _, n := range []int{k - 1, k + 1} {
			if n >= 0 && n < len(cut) && !cut[n].anchor && !taken[n] && len(cut[n].names) == 0 && len(cut[n].values) == 0 {
				if year == 0 {
					year = cut[n].year
				}
				// A target in words that wrapped (完成省下达指 / 标).
				text = text || cut[n].text
			}
		}
		if name == "" {
			continue
		}
		// A value whose note wrapped (37.4（“十三 / 五”均值）) stands on a
		// line of its own beside its row.
		for _, n := range []int{k - 1, k + 1} {
			// Only a value that fills the row's columns (beside a target
			// in words on the row's line, its one figure) is its own.
			if n < 0 || n >= len(cut) || cut[n].anchor || taken[n] || len(cut[n].names) > 0 || len(cut[n].values) == 0 {
				continue
			}
			if m := len(values) + len(cut[n].values); m != len(cols) && !(rl.text && m == 1) {
				continue
			}
			taken[n] = true
			took = append(took, at[n])
			if n < k {
				values = append(append([]string{}, cut[n].values...), values...)
			} else {
				values = append(values, cut[n].values...)
			}
		}
		var cells []string
		switch {
		case len(values) == 1 && review:
			// A review's target may be words (控制在省级下达的指标以内);
			// its completed value is the figure, unless the figure is a
			// bound (≥0 beside 无变化): then it is the target.
			cells = append(make([]string, len(cols)-1), values[0])
			if m := reCellNum.FindStringSubmatch(values[0]); m != nil && (m[1] != "" || m[4] != "") && len(cols) >= 2 && cols[len(cols)-2].earlier {
				cells[len(cols)-2], cells[len(cols)-1] = values[0], ""
			}
		case !cols[0].base && lost > 0 && (len(values) == len(cols)+1 || len(values) == 1 && text):
			if len(values) == 1 {
				// A target in words: the figure is the baseline.
				values = append(values, make([]string, len(cols))...)
			}
			// The header's baseline year was lost (年 left alone): the
			// extra value before the others is the year before the plan.
			cells = values
			rh := h
			rh.cells++
			rh.base = map[int]int{2: lost}
			rh.years = map[int]int{}
			rh.earlier = map[int]int{}
			for col, y := range h.years {
				rh.years[col+1] = y
			}
			for col, y := range h.base {
				rh.base[col+1] = y
			}
			for col, y := range h.earlier {
				rh.earlier[col+1] = y
			}
			q.emitRow(&rt, rh, name, unit, cells, took, year, periodStart)
			rows++
			continue
		case len(values) == len(cols):
			cells = values
		case len(values) == 1 && text && cols[0].base:
			cells = append([]string{values[0]}, make([]string, len(cols)-1)...)
		case len(values) > len(cols):
			cells = values[len(values)-len(cols):]
		default:
			continue // no telling which column a value stands in
		}
		q.emitRow(&rt, h, name, unit, cells, took, year, periodStart)
		rows++
	}
	return rt, rows > 0
}

// emitRow reads one row's cells into rt; year, when not 0, dates the
// row's last observed value (a note beside it: （2019年）).
func (q *reader) emitRow(rt *rowTable, h tableHeader, name, unit string, cells []string, took []int, year, periodStart int) {
	lo, hi := took[0], took[0]
	for _, l := range took {
		lo, hi = min(lo, l), max(hi, l)
	}
	start, stop := q.lines[lo].start, q.lines[hi].end
	if year != 0 && periodStart > 0 && year >= periodStart {
		// A note with a year of the plan dates the target: 100%（2023年）.
		h.years, year = withLastYear(h.years, year), 0
	}
	if year != 0 {
		h.base = withLastYear(h.base, year)
	}
	h.unit = 1
	tt, oo := q.tableRow(h, append([]string{name, unit}, cells...), start, stop, periodStart)
	rt.targets = append(rt.targets, tt...)
	rt.observations = append(rt.observations, oo...)
}

// reviewHeader reports a caption or header of a review: 完成情况, 完成值.
func reviewHeader(s string) bool {
	return containsAnyWord(s, []string{"完成值", "完成情况", "实现情况", "实际值", "完成数"})
}

// rowColumns reads the value columns a table's header names, left to
// right. A review of an earlier plan (完成值, 完成情况) has its baseline,
// that plan's target (目标值) and the completed value; a table of this
// plan has its baseline and one column per target year.
//
// lost is the year of a baseline column the header does not show (its
// year left out, or lost in the layout), review tells a review.
func rowColumns(header string, loneYear bool, periodStart, planEnd int) (cols []rowColumn, lost int, review bool, ok bool) {
	flat := strings.Join(strings.Fields(header), "")
	var years []int
	for _, m := range reStackYear.FindAllString(flat, -1) {
		y, _ := strconv.Atoi(m)
		if !containsInt(years, y) {
			years = append(years, y)
		}
	}
	sortInts(years)
	review = reviewHeader(flat)
	if review {
		span := [2]int{}
		for name, s := range planSpans {
			if strings.Contains(flat, name) && (span[1] == 0 || s[1] < span[1]) {
				span = s
			}
		}
		endYear := span[1]
		if endYear == 0 && len(years) > 0 {
			endYear = years[len(years)-1]
		}
		if endYear == 0 || planEnd > 0 && endYear >= planEnd {
			return nil, 0, false, false
		}
		if len(years) > 0 && years[0] < endYear {
			cols = append(cols, rowColumn{year: years[0], base: true})
		} else if strings.Contains(flat, "基期") || strings.Contains(flat, "基准") {
			cols = append(cols, rowColumn{year: span[0] - 1, base: true})
		}
		if strings.Contains(flat, "目标") {
			cols = append(cols, rowColumn{year: endYear, earlier: true})
		}
		cols = append(cols, rowColumn{year: endYear, base: true})
		if !cols[0].base && span[0] > 0 {
			lost = span[0] - 1
		}
		return cols, lost, true, true
	}
	if len(years) == 0 {
		return nil, 0, false, false
	}
	target := years[len(years)-1]
	if planEnd > 0 && target < planEnd && (periodStart == 0 || target < periodStart) {
		return nil, 0, false, false
	}
	for _, y := range years {
		if periodStart > 0 && y < periodStart || periodStart == 0 && y < target && len(cols) == 0 {
			if len(cols) == 0 {
				cols = append(cols, rowColumn{year: y, base: true})
			}
			continue
		}
		cols = append(cols, rowColumn{year: y})
	}
	// A header that names a baseline without its year (现状, or 年 left
	// alone where the layout lost the year) has the column: the year
	// before the plan. Else a row may still show one, by its values.
	if !cols[0].base && periodStart > 0 {
		if loneYear || containsAnyWord(flat, []string{"现状", "基期", "基准"}) {
			cols = append([]rowColumn{{year: periodStart - 1, base: true}}, cols...)
		} else {
			lost = periodStart - 1
		}
	}
	return cols, lost, false, true
}

// withLastYear is a copy of cols (column → year) whose last column takes
// year: a dated note moves that column's figure, not the table's header.
func withLastYear(cols map[int]int, year int) map[int]int {
	out := make(map[int]int, len(cols))
	last := -1
	for col, y := range cols {
		out[col] = y
		last = max(last, col)
	}
	if last >= 0 {
		out[last] = year
	}
	return out
}
