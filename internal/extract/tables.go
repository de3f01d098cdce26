package extract

import (
	"strings"
)

// table is a table found in the text, whatever its form: rows of cells and
// the lines that held them.
type table struct {
	rows  [][]string
	lines [][]int // per row, the line indexes it came from
	form  string  // "tab", "pipe", "spaced" or "cells"
}

// allLines is every line index the table took.
func (t *table) allLines() []int {
	var out []int
	for _, ls := range t.lines {
		out = append(out, ls...)
	}
	return out
}

// findTables finds the tables of a text in the forms documents bring them:
// tab-separated rows (HTML and DOCX tables as the decoder gives them),
// Markdown pipe tables, columns aligned with runs of spaces (PDF text),
// and tables flattened to one cell per line (web pages copied to text).
func findTables(text []rune, lines []line) []*table {
	var out []*table
	str := func(i int) string { return string(text[lines[i].start:lines[i].end]) }
	hasTab := func(i int) bool {
		for _, r := range text[lines[i].start:lines[i].end] {
			if r == '\t' {
				return true
			}
		}
		return false
	}
	for i := 0; i < len(lines); i++ {
		switch {
		case hasTab(i):
			t := &table{form: "tab"}
			for ; i < len(lines); i++ {
				if !hasTab(i) {
					// A page's table loses its tabs where a cell wraps
					// (土壤 / 地下水 on lines of their own): a short line
					// between tabbed rows stays in the table.
					// A row spanning the table (一、扩大有效投资) groups the
					// rows after it: the table goes on.
					group := len(t.rows) > 0 && len(t.rows[0]) >= 3 && groupRowLine(text, lines[i])
					if !(shortCellLine(text, lines[i]) || group) || i+1 >= len(lines) || !(hasTab(i+1) || i+2 < len(lines) && shortCellLine(text, lines[i+1]) && hasTab(i+2)) {
						break
					}
				}
				t.rows = append(t.rows, splitCells(strings.Split(str(i), "\t")))
				t.lines = append(t.lines, []int{i})
			}
			i--
			out = append(out, t)
		case pipeRow(str(i)):
			t := &table{form: "pipe"}
			for ; i < len(lines) && pipeRow(str(i)); i++ {
				row := strings.Split(strings.Trim(strings.TrimSpace(str(i)), "|"), "|")
				if separatorRow(row) {
					continue // |---|---|
				}
				t.rows = append(t.rows, splitCells(row))
				t.lines = append(t.lines, []int{i})
			}
			i--
			out = append(out, t)
		default:
			if t, next := spacedTable(text, lines, i); t != nil {
				out = append(out, t)
				i = next - 1
			} else if t, next := cellTable(text, lines, i); t != nil {
				out = append(out, t)
				i = next - 1
			}
		}
	}
	return out
}

func splitCells(cells []string) []string {
	out := make([]string, 0, len(cells))
	for _, c := range cells {
		out = append(out, strings.TrimSpace(c))
	}
	// A trailing empty cell is the tab after the last cell.
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return out
}

// pipeRow reports a row of a pipe table, with its left border or, as
// pages print them, without (1 | 地区生产总值 | 增长6% |).
func pipeRow(s string) bool {
	s = strings.TrimSpace(s)
	return (strings.HasPrefix(s, "|") || strings.HasSuffix(s, "|")) && strings.Count(s, "|") >= 3
}

func separatorRow(cells []string) bool {
	for _, c := range cells {
		c = strings.TrimSpace(c)
		if strings.Trim(c, "-: ") != "" {
			return false
		}
	}
	return true
}

// headerWords name the columns of tables a plan prints: indicator tables,
// task lists and project tables.
var headerWords = []string{"指标", "单位", "属性", "基期", "基准", "现状", "目标值", "预期值", "预期目标", "规划目标",
	"牵头单位", "责任单位", "配合单位", "牵头部门", "责任部门", "完成时限", "时间节点", "重点任务", "任务名称", "工作任务", "具体措施", "主要内容", "序号",
	"目标任务", "任务内容", "重点工作", "工作内容", "工作事项", "主要任务", "具体任务", "目标与任务", "民生实事", "实事项目",
	"配合部门", "协办单位", "协同单位", "完成时间", "责任领导", "牵头领导", "分管领导", "责任人",
	"项目名称", "总投资", "建设内容", "建设年限", "建设起止年限"}

var headerWordSet = newWordSet(headerWords...)

// gapped reports a line with a run of two spaces or a wide space: a
// candidate row of a space-aligned table.
func gapped(r []rune) bool {
	for i, c := range r {
		if c == '\u3000' || c == ' ' && i+1 < len(r) && r[i+1] == ' ' {
			return true
		}
	}
	return false
}

// headerCells counts the cells of a row that read as column names: a word
// of headerWords or a year (2025年, 2025年目标).
func headerCells(cells []string) int {
	n := 0
	for _, c := range cells {
		c = strings.Join(strings.Fields(c), "")
		if c == "" || runeCount(c) > 12 {
			continue
		}
		hit := false
		for _, w := range headerWords {
			if strings.Contains(c, w) {
				hit = true
				break
			}
		}
		if !hit && reYearCell.MatchString(c) {
			hit = true
		}
		if hit {
			n++
		}
	}
	return n
}

// spacedCells splits a line at runs of two or more spaces (or a wide
// space): the columns of a PDF table as a text reader lays them out.
func spacedCells(s string) []string {
	var out []string
	var b strings.Builder
	spaces := 0
	flush := func() {
		if t := strings.TrimSpace(b.String()); t != "" {
			out = append(out, t)
		}
		b.Reset()
	}
	for _, r := range s {
		if r == ' ' || r == '\u3000' {
			spaces++
			if r == '\u3000' {
				spaces++
			}
			continue
		}
		if spaces >= 2 {
			flush()
		} else if spaces == 1 {
			b.WriteRune(' ')
		}
		spaces = 0
		b.WriteRune(r)
	}
	flush()
	return out
}

// spacedTable reads a table whose columns are aligned with spaces, from a
// header row at line i: rows follow while lines still split into cells.
func spacedTable(text []rune, lines []line, i int) (*table, int) {
	if !gapped(text[lines[i].start:lines[i].end]) || !headerWordSet.inRunes(text[lines[i].start:lines[i].end]) {
		return nil, i
	}
	head := spacedCells(string(text[lines[i].start:lines[i].end]))
	if len(head) < 3 || headerCells(head) < 2 {
		return nil, i
	}
	t := &table{form: "spaced", rows: [][]string{head}, lines: [][]int{{i}}}
	j := i + 1
	for ; j < len(lines); j++ {
		s := string(text[lines[j].start:lines[j].end])
		cells := spacedCells(s)
		if len(cells) < 2 {
			// A one-cell line inside a table continues a cell (a wrapped
			// name) or is a page number; prose ends the table.
			if runeCount(s) > 24 || sentenceLike(s) {
				break
			}
			// A heading row across the table (一、交通项目) is followed by
			// rows as wide as the header; a heading of the text is not.
			if startsWithMarker(strings.TrimSpace(s)) &&
				(j+1 >= len(lines) || len(spacedCells(string(text[lines[j+1].start:lines[j+1].end]))) < max(3, len(head)-1)) {
				break
			}
			continue
		}
		t.rows = append(t.rows, cells)
		t.lines = append(t.lines, []int{j})
	}
	if len(t.rows) < 2 {
		return nil, i
	}
	return t, j
}

// cellTable reads a table flattened to one cell per line (序号 / 指标 /
// 预期值 / 属性 / 1 / 生产安全事故死亡人数 / 下降15% / 约束性 …): a run of
// short header lines gives the width, and the cells that follow are dealt
// into rows of that width while each row still looks like one.
func cellTable(text []rune, lines []line, i int) (*table, int) {
	// A line with tabs is a row of cells already, not one cell. A page
	// copied with its cell borders ends each cell with " |".
	cell := func(k int) []rune {
		r := trimSpace(text[lines[k].start:lines[k].end])
		if n := len(r); n > 1 && r[n-1] == '|' {
			r = trimSpace(r[:n-1])
		}
		return r
	}
	short := func(k int) bool {
		if k >= len(lines) {
			return false
		}
		r := cell(k)
		return len(r) > 0 && len(r) <= 40 && !sentenceEnd(r[len(r)-1]) && !hasTabRune(r)
	}
	if !short(i) || !headerWordSet.inRunes(text[lines[i].start:lines[i].end]) {
		return nil, i
	}
	var head []string
	j := i
	for ; j < len(lines) && short(j) && len(head) < 12; j++ {
		c := strings.Join(strings.Fields(string(cell(j))), "")
		if headerCells([]string{c}) == 0 {
			break
		}
		head = append(head, c)
	}
	width := len(head)
	if width < 3 || headerCells(head) < 3 {
		return nil, i
	}
	t := &table{form: "cells", rows: [][]string{head}, lines: [][]int{{}}}
	for k := i; k < j; k++ {
		t.lines[0] = append(t.lines[0], k)
	}
	// 序号 over rows whose numbers are gone (a text export drops lone
	// numbers as page numbers): each row is one cell short, its number
	// left empty.
	numbered := 0
	firstRow := j
	if firstRow+1 < len(lines) && groupRowLine(text, lines[firstRow]) {
		firstRow++
	}
	if (head[0] == "序号" || head[0] == "编号") && firstRow < len(lines) && !isNumberLine(cell(firstRow)) {
		numbered, width = 1, width-1
	}
	for j+width <= len(lines) {
		// 一、扩大有效投资 between numbered rows groups them: a row of
		// one cell.
		if groupRowLine(text, lines[j]) && j+1 < len(lines) && (numbered > 0 || isNumberLine(cell(j+1))) {
			t.rows = append(t.rows, []string{string(cell(j))})
			t.lines = append(t.lines, []int{j})
			j++
			continue
		}
		row := make([]string, 0, width)
		idx := make([]int, 0, width)
		ok := true
		// A row that opens with its number holds its shape: its cells may
		// be sentences (新增托位400个以上。), up to a paragraph's length.
		counted := numbered == 0 && (head[0] == "序号" || head[0] == "编号") && isNumberLine(cell(j))
		for k := j; k < j+width; k++ {
			// Where the numbers are gone, the row's first cell (the task) may
			// still be a sentence.
			long := counted || numbered > 0 && k == j
			// A unit cell may close with a stop (县财政局、各乡镇。).
			fits := short(k) || (numbered > 0 || counted) && k < len(lines) && len(cell(k)) > 1 && len(cell(k)) <= 41 && sentenceEnd(cell(k)[len(cell(k))-1]) && !hasTabRune(cell(k))
			if !fits && !(long && k < len(lines) && len(cell(k)) > 0 && len(cell(k)) <= 200 && !hasTabRune(cell(k))) {
				ok = false
				break
			}
			row = append(row, string(cell(k)))
			idx = append(idx, k)
		}
		if !ok || headerCells(row) >= 2 {
			break
		}
		if numbered > 0 {
			row = append([]string{""}, row...)
		}
		t.rows = append(t.rows, row)
		t.lines = append(t.lines, idx)
		j += width
	}
	if len(t.rows) < 2 {
		return nil, i
	}
	return t, j
}

// isNumberLine reports a line that is only a number (a row's 序号).
func isNumberLine(r []rune) bool {
	r = trimSpace(r)
	if len(r) == 0 || len(r) > 3 {
		return false
	}
	for _, c := range r {
		if !isDigit(c) {
			return false
		}
	}
	return true
}

// groupRowLine reports a line that can be a row spanning a table and
// grouping the rows below it (一、扩大有效投资).
func groupRowLine(text []rune, l line) bool {
	return groupTitle(text[l.start:l.end])
}

// groupTitle reports a numbered heading short enough to group a table's
// rows: no sentence in it, and no row number alone.
func groupTitle(r []rune) bool {
	if len(r) > 30 || !startsWithMarker(string(r)) || isNumberLine(r) {
		return false
	}
	for _, c := range r {
		if c == '。' || c == '；' {
			return false
		}
	}
	return true
}

// shortCellLine reports a line that can be a wrapped table cell: short,
// no sentence in it.
func shortCellLine(text []rune, l line) bool {
	r := text[l.start:l.end]
	if len(r) == 0 || len(r) > 14 {
		return len(r) == 0
	}
	for _, c := range r {
		if c == '。' || c == '，' || c == '；' || c == '：' {
			return false
		}
	}
	return !markerStart(string(r[0])) || !startsWithMarker(string(r))
}
