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
	reTableCaption = regexp.MustCompile(`^附?表\s*\d{1,2}(?:[-－—.]\d{1,2})?\s*\S`)
	// A row number glued to a category before it (质量3, 属减6) or to the
	// name after it (2市控以上…, 14“千吨万人”…).
	reSeqTail = regexp.MustCompile(`^(\p{Han}{1,4})(\d{1,2})$`)
	reSeqHead = regexp.MustCompile(`^(\p{Han}{0,4}?)(\d{1,2})([\p{Han}“"《（(].*)$`)
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
		if runeCount(s) > 40 || !reTableCaption.MatchString(s) || !strings.Contains(s, "指标") {
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

func (q *reader) lineText(i int) string {
	return string(q.text[q.lines[i].start:q.lines[i].end])
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

// rowLine is one line of a table's body, cut into its parts.
type rowLine struct {
	seq    int      // the row number it carries, 0 none
	names  []string // name fragments, left to right
	values []string // value cells, left to right
	text   bool     // a target written as words (完成省下达指标, 不降低)
	year   int      // a year in a note beside a value: 55.14（2019年）
	unit   string   // a 单位 cell: %, mg/l
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
	if body < 0 {
		return rowTable{}, false
	}
	header := q.lineText(first)
	for k := first + 1; k < body; k++ {
		header += q.lineText(k)
	}
	cols, ok := rowColumns(header, periodStart, q.planEnd)
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
	cut := make([]rowLine, end-first-1)
	for k := first + 1; k < end; k++ {
		rl := cutRowLine(q.lineText(k), seq)
		if rl.seq == 0 && k > body {
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
		cut[k-first-1] = rl
		if rl.seq == seq {
			seq++
		}
	}
	body = first + 1
	rt := rowTable{lines: map[int]bool{}}
	for k := first; k < end; k++ {
		rt.lines[k] = true
	}
	taken := map[int]bool{}
	rows := 0
	for k, rl := range cut {
		if rl.seq == 0 {
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
		took := []int{body + k}
		// A name that is not on its row's line wrapped around it: one line
		// above, one below.
		own := name != ""
		// A name on the row's own line that lacks its unit wrapped over
		// three lines when the line below ends with the unit (县级以上饮用水
		// 源地建立水 / 质生物毒性预警监测系统比 / 例（%）).
		three := false
		if own && !reUnitTail.MatchString(name) && k+1 < len(cut) && cut[k+1].seq == 0 && len(cut[k+1].names) > 0 {
			below := namePart(cut[k+1].names, name, true)
			three = runeCount(below) <= 10 && reUnitTail.MatchString(below) && !isBracketOnly(below)
		}
		for _, n := range []int{k - 1, k + 1} {
			if n < 0 || n >= len(cut) || cut[n].seq != 0 || taken[n] || len(cut[n].names) == 0 {
				continue
			}
			part := namePart(cut[n].names, name, n > k)
			// A name on the row's own line takes from below only its unit
			// (a bracket that wrapped).
			if part == "" || own && !three && !(n > k && isBracketOnly(part)) {
				continue
			}
			taken[n] = true
			took = append(took, body+n)
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
			if year == 0 && n >= 0 && n < len(cut) && cut[n].seq == 0 && !taken[n] && len(cut[n].names) == 0 && len(cut[n].values) == 0 {
				year = cut[n].year
			}
		}
		if name == "" {
			continue
		}
		// A value whose note wrapped (37.4（“十三 / 五”均值）) stands on a
		// line of its own beside its row.
		for _, n := range []int{k - 1, k + 1} {
			if len(values) >= len(cols) || n < 0 || n >= len(cut) || cut[n].seq != 0 || taken[n] || len(cut[n].names) > 0 || len(cut[n].values) == 0 {
				continue
			}
			taken[n] = true
			took = append(took, body+n)
			if n < k {
				values = append(append([]string{}, cut[n].values...), values...)
			} else {
				values = append(values, cut[n].values...)
			}
		}
		var cells []string
		switch {
		case len(values) == len(cols)+1 && !cols[0].base && periodStart > 0:
			// The header's baseline year was lost (年 left alone): the
			// extra value before the targets is the year before the plan.
			cells = values
			rh := h
			rh.cells++
			rh.base = map[int]int{2: periodStart - 1}
			rh.years = map[int]int{}
			rh.earlier = map[int]int{}
			for col, y := range h.years {
				rh.years[col+1] = y
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
	if year != 0 {
		base := map[int]int{}
		last := -1
		for col, y := range h.base {
			base[col] = y
			last = max(last, col)
		}
		if last >= 0 {
			base[last] = year
		}
		h.base = base
	}
	h.unit = 1
	tt, oo := q.tableRow(h, append([]string{name, unit}, cells...), start, stop, periodStart)
	rt.targets = append(rt.targets, tt...)
	rt.observations = append(rt.observations, oo...)
}

// namePart picks the fragment of a neighbour line that continues a row's
// name: the longest, as a category (环境, 地下水) beside it is a word, and
// not the tail of a value's note (五”均值）), which closes a bracket the
// name never opened.
func namePart(names []string, name string, below bool) string {
	best := ""
	for _, c := range names {
		if below && unclosed(c) < 0 && unclosed(name) <= 0 {
			continue
		}
		// The name is the longest piece; a category beside it is a word.
		if runeCount(c) > runeCount(best) {
			best = c
		}
	}
	return best
}

// unclosed counts the brackets and quotes a string opens and leaves open;
// negative when it closes ones it never opened.
func unclosed(s string) int {
	n := 0
	for _, r := range s {
		switch r {
		case '（', '(', '“':
			n++
		case '）', ')', '”':
			n--
		}
	}
	return n
}

// isBracketOnly reports a fragment that is only a bracketed unit: （%）.
func isBracketOnly(s string) bool {
	r := []rune(s)
	return len(r) >= 3 && (r[0] == '（' || r[0] == '(') && (r[len(r)-1] == '）' || r[len(r)-1] == ')')
}

// rowColumns reads the value columns a table's header names, left to
// right. A review of an earlier plan (完成值, 完成情况) has its baseline,
// that plan's target (目标值) and the completed value; a table of this
// plan has its baseline and one column per target year.
func rowColumns(header string, periodStart, planEnd int) ([]rowColumn, bool) {
	flat := strings.Join(strings.Fields(header), "")
	var years []int
	for _, m := range reStackYear.FindAllString(flat, -1) {
		y, _ := strconv.Atoi(m)
		if !containsInt(years, y) {
			years = append(years, y)
		}
	}
	sortInts(years)
	review := containsAnyWord(flat, []string{"完成值", "完成情况", "实现情况", "实际值", "完成数"})
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
			return nil, false
		}
		var cols []rowColumn
		if len(years) > 0 && years[0] < endYear {
			cols = append(cols, rowColumn{year: years[0], base: true})
		} else if strings.Contains(flat, "基期") || strings.Contains(flat, "基准") {
			cols = append(cols, rowColumn{year: span[0] - 1, base: true})
		}
		if strings.Contains(flat, "目标") {
			cols = append(cols, rowColumn{year: endYear, earlier: true})
		}
		cols = append(cols, rowColumn{year: endYear, base: true})
		return cols, true
	}
	if len(years) == 0 {
		return nil, false
	}
	target := years[len(years)-1]
	if planEnd > 0 && target < planEnd && (periodStart == 0 || target < periodStart) {
		return nil, false
	}
	var cols []rowColumn
	for _, y := range years {
		if periodStart > 0 && y < periodStart || periodStart == 0 && y < target && len(cols) == 0 {
			if len(cols) == 0 {
				cols = append(cols, rowColumn{year: y, base: true})
			}
			continue
		}
		cols = append(cols, rowColumn{year: y})
	}
	// A header without its baseline's year (年 left alone, 现状) still has
	// the column: the year before the plan.
	if !cols[0].base && periodStart > 0 {
		cols = append([]rowColumn{{year: periodStart - 1, base: true}}, cols...)
	}
	return cols, true
}

// cutRowLine cuts a body line into its row number (when it carries seq),
// name fragments and values.
func cutRowLine(s string, seq int) rowLine {
	var rl rowLine
	want := strconv.Itoa(seq)
	for _, c := range spacedCells(strings.ReplaceAll(s, "\t", "  ")) {
		c = strings.Join(strings.Fields(c), "")
		if c == "" {
			continue
		}
		if rl.seq == 0 && len(rl.values) == 0 {
			switch m, h := reSeqTail.FindStringSubmatch(c), reSeqHead.FindStringSubmatch(c); {
			case c == want:
				rl.seq, rl.names = seq, nil // what stood before is a category
				continue
			case m != nil && m[2] == want:
				rl.seq, rl.names = seq, nil
				continue
			case h != nil && h[2] == want:
				rl.seq, rl.names = seq, nil
				c = h[3]
			}
		}
		for _, w := range append(attributeWords[:4:4], "提前完成", "未完成", "完成") {
			c = strings.TrimSuffix(c, w)
		}
		if c == "" || containsAnyWord(c, statusWords) && runeCount(c) <= 4 {
			continue
		}
		if rl.unit == "" && len(rl.values) == 0 && stackUnit(c) && !hasHan(c, 2) {
			rl.unit = c
			continue
		}
		if v, ok := valueCell(c); ok {
			rl.values = append(rl.values, v)
			if m := reNotedValue.FindStringSubmatch(c); m != nil {
				rl.year = noteYear(m[2])
			}
			continue
		}
		if y := noteYear(c); y != 0 && isBracketOnly(c) {
			rl.year = y
			continue
		}
		if runeCount(c) <= 8 && (containsAnyWord(c, textTargets) || containsAnyWord(c, []string{"下达", "不降低", "不发生", "未发生"})) {
			rl.text = true
			continue
		}
		if m := reGluedValue.FindStringSubmatch(c); m != nil && hasHan(m[1], 2) {
			rl.names = append(rl.names, m[1])
			rl.values = append(rl.values, strings.TrimSuffix(m[2], "*"))
			continue
		}
		if headerFragment(c) {
			continue
		}
		if stackName(c) != "" || isBracketOnly(c) || len(rl.names) > 0 && hasHan(c, 1) || hasHan(c, 1) && strings.ContainsAny(c, "（()）%") {
			rl.names = append(rl.names, c)
		} else if rl.seq != 0 && hasHan(c, 1) && !containsAnyWord(c, attributeWords) {
			rl.names = append(rl.names, c)
		}
	}
	return rl
}

// statusWords fill a review's 完成情况 column.
var statusWords = []string{"完成", "未完", "提前", "达标"}

// headerFragment reports a piece of a header printed again after a page
// break: 指标名称, 序号, 目标值.
func headerFragment(c string) bool {
	if runeCount(c) > 6 {
		return false
	}
	return containsAnyWord(c, []string{"名称", "序号", "类别", "属性", "性质", "目标值", "完成值", "现状", "类型", "情况"}) || c == "指标" || reStackYear.MatchString(c)
}

// noteYear is the year a value's note names: （2019年）.
func noteYear(note string) int {
	if m := reTitleYear.FindStringSubmatch(note); m != nil {
		y, _ := strconv.Atoi(m[1])
		return y
	}
	return 0
}

// valueCell reads a cell that is only a value: 58.6, ≥30, 90%左右, 新增351.9,
// a dash for none, or a value with a note in brackets.
func valueCell(c string) (string, bool) {
	// A footnote mark (①, *) follows the value it qualifies.
	c = strings.TrimRight(strings.TrimPrefix(c, "新增"), "*＊①②③④⑤⑥⑦⑧⑨⑩")
	switch c {
	case "-", "—", "－", "/", "--", "——":
		return "-", true
	}
	if m := reNotedValue.FindStringSubmatch(c); m != nil {
		c = m[1]
	}
	if reCellNum.MatchString(c) && strings.ContainsAny(c, "0123456789") && !hasHan(c, 3) {
		return c, true
	}
	return "", false
}

func containsInt(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func sortInts(xs []int) {
	for i := 1; i < len(xs); i++ {
		for j := i; j > 0 && xs[j] < xs[j-1]; j-- {
			xs[j], xs[j-1] = xs[j-1], xs[j]
		}
	}
}
