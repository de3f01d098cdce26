package extract

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Stacked indicator tables: a PDF draws each cell at the height of its
// middle, so a row whose name wraps to two lines comes out as three: the
// row's number, unit and values on one line, its name on the line below
// (or above), and its 属性 (约束性) split around them. The header comes
// apart the same way (序 / 号, 指标 / 名称, 2020 / 年). The reader here
// finds the numbered rows, takes each one's name from the line beside it,
// and reads the values against the years the header names.

var (
	reSeqCell   = regexp.MustCompile(`^\d{1,2}$`)
	reStackYear = regexp.MustCompile(`((?:19|20)\d{2})`)
)

// attributeWords fill the 属性 and text cells of an indicator table; they
// are never part of a name.
var attributeWords = []string{"约束性", "预期性", "约束", "预期", "属性", "性"}

// textTargets stand in a target column for a value the text does not give.
var textTargets = []string{"国家下达", "省下达", "市下达", "稳中向好", "不降低", "安全可控", "持续改善", "完成", "逐步提高", "持续下降"}

// stackedRows reads a tab table whose header no single row holds. It
// returns the header it made (name, unit, base year, target year) and one
// row of four cells per numbered row, with the line indexes each took.
//
// A table a page break cut in two goes on in a second piece without a
// header: cont is the piece before (nil for none), and the piece is read
// with its header from the row number where it stopped.
func stackedRows(t *table, periodStart, planEnd int, cont *stacked) (*stacked, [][]string, [][]int, bool) {
	first, start := -1, 1
	if cont != nil {
		start = cont.next
	}
	for k, row := range t.rows {
		if len(row) > 1 && row[0] == strconv.Itoa(start) {
			first = k
			break
		}
		if k > 6 {
			break
		}
	}
	if first < 0 || first < 1 && cont == nil {
		return nil, nil, nil, false
	}
	if cont != nil {
		return readStacked(t, cont.h, first, start)
	}
	head := ""
	for _, row := range t.rows[:first] {
		head += strings.Join(row, "")
	}
	if !strings.Contains(head, "指标") {
		return nil, nil, nil, false
	}
	var years []int
	for _, m := range reStackYear.FindAllString(head, -1) {
		y, _ := strconv.Atoi(m)
		years = append(years, y)
	}
	if len(years) == 0 {
		return nil, nil, nil, false
	}
	target := years[len(years)-1]
	base := 0
	for _, y := range years {
		if y < target {
			base = y
		}
	}
	if base == 0 && periodStart > 0 && periodStart <= target {
		base = periodStart - 1
	}
	if planEnd > 0 && target != planEnd && (periodStart == 0 || target < periodStart) {
		return nil, nil, nil, false // a review of an earlier plan: not this reader's
	}
	h := tableHeader{cells: 4, name: 0, unit: 1, attribute: -1, years: map[int]int{3: target}, base: map[int]int{}}
	if base != 0 {
		h.base[2] = base
	}
	return readStacked(t, h, first, 1)
}

// stacked is a stacked table read so far: its header and the row number
// a piece after a page break would go on from.
type stacked struct {
	h    tableHeader
	next int
}

// readStacked reads the numbered rows from row first, numbered from seq.
func readStacked(t *table, h tableHeader, first, seq int) (*stacked, [][]string, [][]int, bool) {
	start := seq
	numbered := func(k int) bool {
		return k >= first && k < len(t.rows) && len(t.rows[k]) > 1 && reSeqCell.MatchString(t.rows[k][0])
	}
	var rows [][]string
	var lines [][]int
	used := map[int]bool{}
	beside := 0 // rows whose name stood on another line
	for k := first; k < len(t.rows); k++ {
		if !numbered(k) || t.rows[k][0] != strconv.Itoa(seq) {
			continue
		}
		seq++
		cells := t.rows[k][1:]
		name, unit := "", ""
		var values []string
		text := false
		for _, c := range cells {
			switch {
			case stackName(c) != "":
				name = stackName(c)
			case c == "—" || c == "-" || c == "/" || reCellNum.MatchString(strings.Join(strings.Fields(c), "")) && strings.ContainsAny(c, "0123456789"):
				values = append(values, c)
			case stackUnit(c) && unit == "" && len(values) == 0:
				unit = c
			case containsAnyWord(c, textTargets):
				text = true
			}
		}
		took := []int{}
		took = append(took, t.lines[k]...)
		// The name stands on the line below, else on the line above.
		for _, n := range []int{k + 1, k - 1} {
			if name != "" || n < first || n >= len(t.rows) || numbered(n) || used[n] {
				continue
			}
			for _, c := range t.rows[n] {
				if s := stackName(c); runeCount(s) > runeCount(name) {
					name = s
				}
			}
			if name != "" {
				used[n] = true
				beside++
				took = append(took, t.lines[n]...)
				if containsAnyWord(strings.Join(t.rows[n], ""), textTargets) {
					text = true
				}
				// A unit left on the name's line: 城市个数 / 个 / 性.
				for _, c := range t.rows[n] {
					if unit == "" && stackUnit(c) {
						unit = c
					}
				}
			}
		}
		if name == "" {
			continue
		}
		var b, v string
		switch {
		case len(values) >= 2:
			b, v = values[len(values)-2], values[len(values)-1]
		case len(values) == 1 && text:
			b = values[0] // the target is a word: 国家下达指标
		default:
			continue // one value and no telling which column it stands in
		}
		slices.Sort(took) // a name from the line above comes first
		rows = append(rows, []string{name, unit, b, v})
		lines = append(lines, took)
	}
	// A table whose rows hold their own names is an ordinary one.
	return &stacked{h: h, next: seq}, rows, lines, len(rows) > 0 && 2*beside >= seq-start
}

// stackName is a cell's indicator name: two or more Han characters that
// are not an attribute, a text target or a lone category letter.
func stackName(c string) string {
	c = strings.Join(strings.Fields(c), "")
	if runeCount(c) < 4 || !hasHan(c, 3) || containsAnyWord(c, textTargets) {
		return ""
	}
	for _, w := range attributeWords {
		if c == w {
			return ""
		}
	}
	return c
}

// stackUnit reports a cell that is only a unit: %, mg/l, 个, 万吨.
func stackUnit(c string) bool {
	c = strings.TrimSpace(c)
	if c == "" || runeCount(c) > 6 || strings.ContainsAny(c, "0123456789") {
		return false
	}
	if c == "%" || c == "％" {
		return true
	}
	if u, end := matchUnit([]rune(c), 0); u != "" && end == len([]rune(c)) {
		return true
	}
	return strings.Contains(c, "/")
}
