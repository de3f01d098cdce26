package extract

import (
	"regexp"
	"strconv"
	"strings"
)

// The cells of a captioned table's lines (table_rows.go): a line cut into
// its row number, name fragments, unit and values, and the pieces of a
// name that wrapped onto the lines beside it.

var reGroupMark = regexp.MustCompile(`^[（(]\d{1,2}[）)]`)

// rowLine is one line of a table's body, cut into its parts.
type rowLine struct {
	seq    int      // the row number it carries, 0 none
	names  []string // name fragments, left to right
	values []string // value cells, left to right
	text   bool     // a target written as words (完成省下达指标, 不降低)
	year   int      // a year in a note beside a value: 55.14（2019年）
	unit   string   // a 单位 cell: %, mg/l
	anchor bool     // the line of a row's values (and number)
}

// cutRowLine cuts a body line into its row number (when it carries seq),
// name fragments and values.
func cutRowLine(s string, seq int) rowLine {
	var rl rowLine
	want := strconv.Itoa(seq)
	for _, c := range spacedCells(strings.ReplaceAll(s, "\t", "  ")) {
		// A number set off by a space before a Latin name: 1 PM2.5年均浓度.
		if f := strings.Fields(c); rl.seq == 0 && len(rl.values) == 0 && len(f) > 1 && f[0] == want {
			rl.seq, rl.names = seq, nil
			c = strings.Join(f[1:], " ")
		}
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
		// The 属性 column glued to a name ends it, with the category
		// characters after it: 比例（%）约束性环境.
		for _, w := range []string{"约束性", "预期性", "参考性"} {
			if i := strings.Index(c, w); i >= 0 {
				c = c[:i]
			}
		}
		for _, w := range append(attributeWords[:4:4], "提前完成", "未完成", "完成") {
			c = strings.TrimSuffix(c, w)
		}
		if c == "" || containsAnyWord(c, statusWords) && runeCount(c) <= 4 {
			continue
		}
		// A group's marker (（3）) numbers no row; it may lead the name.
		if m := reGroupMark.FindStringIndex(c); m != nil {
			if c = c[m[1]:]; c == "" {
				continue
			}
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
		// A target in words; 完成 alone may stand in a name (完成“无废城市”
		// 建设比例), the words of an allotted target never do.
		if runeCount(c) <= 8 && containsAnyWord(c, textTargets) || containsAnyWord(c, []string{"下达", "不降低", "不发生", "未发生", "指标以内", "无变化", "为准"}) {
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
	if reYearCell.MatchString(c) {
		return true // 2025年目标
	}
	if runeCount(c) > 6 {
		return false
	}
	return containsAnyWord(c, []string{"名称", "序号", "类别", "属性", "性质", "目标值", "完成值", "现状", "类型", "情况", "指标指标"}) || c == "指标" || reStackYear.MatchString(c)
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
	if reYearCell.MatchString(c) && !strings.ContainsAny(c, ".%") {
		return "", false // 2015年: a header's column
	}
	// A footnote mark (①, *) follows the value it qualifies.
	c = strings.TrimRight(strings.TrimPrefix(c, "新增"), "*＊①②③④⑤⑥⑦⑧⑨⑩")
	switch c {
	case "-", "—", "－", "/", "--", "——":
		return "-", true
	}
	if m := reNotedValue.FindStringSubmatch(c); m != nil {
		c = m[1]
	}
	if r := reRangeCell.FindStringSubmatch(c); r != nil && reYear4.MatchString(r[1]) && reYear4.MatchString(r[3]) {
		return "", false // 2021-2025: a span of years
	}
	if (reCellNum.MatchString(c) || reRangeCell.MatchString(c)) && strings.ContainsAny(c, "0123456789") && !hasHan(c, 3) {
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
