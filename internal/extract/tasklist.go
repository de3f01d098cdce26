package extract

import (
	"strings"
)

// A 任务清单 (task list) table — 序号 | 重点任务 | 主要内容 | 牵头单位 |
// 配合单位 | 完成时限 — names who does each task. Its rows attach their
// units to the matching tasks of the body; a document whose tasks live only
// in the table gets them from its rows.

// taskRow is one task of a task-list table, its merged rows joined.
type taskRow struct {
	title         string
	text          string // the row's whole text, for matching by content
	lead, support []string
	span          Span
}

// taskListColumns finds the columns of a task-list header row.
type taskListColumns struct {
	title, lead, support, resp int
}

func readTaskListHeader(cells []string) (taskListColumns, bool) {
	c := taskListColumns{title: -1, lead: -1, support: -1, resp: -1}
	detail := -1 // a description column, used when there is no title column
	for i, cell := range cells {
		h := unitHeader(strings.Join(strings.Fields(cell), ""))
		// 主要责任单位, 协同配合单位: the same columns under longer names.
		// A column of persons (牵头领导, 责任人) names no unit.
		unitCol := runeCount(h) <= 8 && !strings.Contains(h, "领导") && !strings.HasSuffix(h, "人")
		switch {
		case h == "牵头" || unitCol && (strings.HasPrefix(h, "牵头") || strings.HasPrefix(h, "主办") || strings.HasPrefix(h, "主责")) && hasAnySuffix(h, []string{"单位", "部门"}):
			if c.lead < 0 {
				c.lead = i
			}
		case unitCol && containsAnyWord(h, []string{"配合", "协办", "参与", "协同", "协助"}) && hasAnySuffix(h, []string{"单位", "部门"}):
			if c.support < 0 {
				c.support = i
			}
		case unitCol && strings.HasPrefix(h, "主要") && hasAnySuffix(h, []string{"责任单位", "责任部门"}):
			if c.resp < 0 {
				c.resp = i
			}
		// 指导部门 and 主管部门 name who answers for a row as surely as 责任
		// does (DECISIONS 85).
		case h == "责任单位" || h == "责任部门" || h == "责任主体" || h == "负责单位" || h == "负责部门" || h == "指导部门" || h == "指导单位" || h == "主管部门" || h == "主管单位":
			if c.resp < 0 {
				c.resp = i
			}
		case containsAnyWord(h, []string{"重点任务", "工作事项", "任务名称", "工作任务", "具体任务", "主要任务", "任务事项", "重点工作", "任务", "改革事项", "改革举措", "事项名称", "举措", "实事", "项目名称", "事项"}) && runeCount(h) <= 8:
			if c.title < 0 {
				c.title = i
			}
		case containsAnyWord(h, []string{"主要内容", "具体措施", "具体举措", "工作内容", "工作措施"}) && runeCount(h) <= 8:
			if detail < 0 {
				detail = i
			}
		}
	}
	if c.title < 0 {
		c.title = detail
	}
	return c, c.title >= 0 && (c.lead >= 0 || c.resp >= 0)
}

// unitHeader drops what a column's name says beside its role: the level
// of government (市级牵头部门, 县级责任单位) and a bracketed alternative
// (配合单位（部门）).
func unitHeader(h string) string {
	for _, lv := range []string{"省级", "市级", "县级", "区级", "镇级", "乡级"} {
		if t := strings.TrimPrefix(h, lv); t != h && runeCount(t) >= 2 {
			h = t
			break
		}
	}
	if k := strings.IndexAny(h, "（("); k > 0 && (strings.HasSuffix(h, "）") || strings.HasSuffix(h, ")")) {
		inner := h[k:]
		if strings.Contains(inner, "单位") || strings.Contains(inner, "部门") {
			h = h[:k]
		}
	}
	return h
}

// isTaskList reports a table whose header is a task list's (a title
// column and a column of responsible units) within its first rows.
func isTaskList(t *table) bool {
	for k, row := range t.rows {
		if _, ok := readTaskListHeader(row); ok {
			return true
		}
		if k > 2 {
			break
		}
	}
	return false
}

// taskLists reads the task-list tables of a document.
func (q *reader) taskLists(tables []*table) []taskRow {
	var out []taskRow
	// 责任单位中列第一位的为牵头单位: the document's rule holds in its
	// tables as in its notes.
	firstLeads := len(tables) > 0 && firstLeadsNote(q.src.str(0, len(q.text)))
	for _, t := range tables {
		hi := -1
		var cols taskListColumns
		for k, row := range t.rows {
			if c, ok := readTaskListHeader(row); ok {
				hi, cols = k, c
				break
			}
			if k > 2 {
				break
			}
		}
		if hi < 0 {
			continue
		}
		width := len(t.rows[hi])
		var cur *taskRow
		for k := hi + 1; k < len(t.rows); k++ {
			row := t.rows[k]
			// 一、稳增长 alone on a row groups the rows below it: no
			// task, and no unit of the task above.
			if groupRow(row) {
				cur = nil
				continue
			}
			// Rows short of the header lost their merged cells on the
			// left: they continue the task above.
			offset := width - len(row)
			// A row that opens with its number (2 | 硬化村组道路50公里。 |
			// 各乡镇 |) lost cells on the right, not the left.
			if offset > 0 && len(row) > 0 && isNumberLine([]rune(row[0])) {
				offset = 0
			}
			cell := func(col int) string {
				if col < 0 {
					return ""
				}
				if i := col - offset; i >= 0 && i < len(row) {
					return strings.TrimSpace(row[i])
				}
				return ""
			}
			title := cell(cols.title)
			if offset > 0 && cols.title-offset < 0 {
				title = ""
			}
			start, end := q.lineSpan(t.lines[k])
			// A unit's name, a number or an empty cell is no task.
			// A whole row's title cell is its task whatever it names (建成
			// 县养老服务中心); a shorter row's may be a shifted unit cell.
			if t := taskTitleOf(title); title != "" && hasHan(t, 2) && (offset == 0 && len(row) > cols.title || !allUnits(t) || actionStart([]rune(t))) {
				out = append(out, taskRow{title: t, span: Span{start, end}})
				cur = &out[len(out)-1]
			}
			if cur == nil {
				continue
			}
			cur.span[1] = end
			lead, resp, support := splitUnits(cell(cols.lead)), splitUnits(cell(cols.resp)), splitUnits(cell(cols.support))
			if cols.lead < 0 {
				lead, resp = resp, nil
				if firstLeads && len(lead) > 1 {
					lead, resp = lead[:1], lead[1:]
				}
			}
			cur.lead = append(cur.lead, lead...)
			cur.support = append(cur.support, append(support, resp...)...)
		}
	}
	for i := range out {
		out[i].lead, out[i].support = placeParties(out[i].lead, out[i].support)
		// A unit that leads any of a task's rows leads it.
		out[i].lead = dedupeUnits(out[i].lead, nil)
		out[i].support = dedupeUnits(out[i].support, out[i].lead)
	}
	return out
}

// groupRow reports a row whose only cell is a group's heading (groupTitle).
func groupRow(row []string) bool {
	only := ""
	for _, c := range row {
		if c = strings.TrimSpace(c); c != "" {
			if only != "" {
				return false
			}
			only = c
		}
	}
	return only != "" && groupTitle([]rune(only))
}

// taskTitleOf cuts a table cell to a task title: its first sentence.
func taskTitleOf(cell string) string {
	r := []rune(cell)
	for i, c := range r {
		if c == '。' || c == '：' {
			r = r[:i]
			break
		}
	}
	return string(trimPunct([]rune(stripMarker(string(r)))))
}

// attachTaskList gives body tasks without units the units of the table
// row that names them. With no body tasks, the rows are the tasks.
func attachTaskList(tasks []Task, rows []taskRow) []Task {
	if len(rows) == 0 {
		return tasks
	}
	if len(tasks) == 0 {
		for i, r := range rows {
			tasks = append(tasks, Task{Number: yearString(i + 1), Title: r.title, Path: []string{}, Text: "",
				LeadUnits: r.lead, SupportUnits: r.support, Span: r.span})
		}
		return tasks
	}
	return matchRows(tasks, rows)
}

// matchRows gives each task without units those of the row with its
// title, then those of a row that restates the task's own measures in
// other words (an annex of 民生实事 with their units).
func matchRows(tasks []Task, rows []taskRow) []Task {
	used := make([]bool, len(rows))
	for i := range tasks {
		if len(tasks[i].LeadUnits) > 0 {
			continue
		}
		best, score := -1, 0.0
		for k, r := range rows {
			if s := titleSimilarity(tasks[i].Title, r.title); s > score {
				best, score = k, s
			}
		}
		if best >= 0 && score >= 0.7 {
			tasks[i].LeadUnits, tasks[i].SupportUnits = rows[best].lead, rows[best].support
			used[best] = true
		}
	}
	matched := make([]int, len(rows)) // the task a row restates, or -1
	for k, r := range rows {
		matched[k] = -1
		if used[k] || r.text == "" {
			continue
		}
		if i := taskByContent(tasks, r); i >= 0 {
			tasks[i].LeadUnits, tasks[i].SupportUnits = r.lead, r.support
			matched[k] = i
		}
	}
	fillBetween(tasks, rows, matched)
	return tasks
}

// fillBetween pairs the rows left between two matched rows with the tasks
// left between their tasks, in order, when there are as many of each: an
// annex lists its items in the order the body does, some in other words.
func fillBetween(tasks []Task, rows []taskRow, matched []int) {
	prev := -1
	for k := range rows {
		if matched[k] < 0 {
			continue
		}
		if prev >= 0 && k-prev > 1 && matched[k] > matched[prev] {
			var between []int
			for i := matched[prev] + 1; i < matched[k]; i++ {
				if len(tasks[i].LeadUnits) == 0 && len(tasks[i].Path) == len(tasks[matched[k]].Path) {
					between = append(between, i)
				}
			}
			if len(between) == k-prev-1 {
				for j, i := range between {
					r := rows[prev+1+j]
					if r.text != "" {
						tasks[i].LeadUnits, tasks[i].SupportUnits = r.lead, r.support
					}
				}
			}
		}
		prev = k
	}
}

// taskByContent is the one task without units whose text shares clearly
// more phrases with the row than any other does, or -1. A phrase is a run
// of six characters: one shared run may be a set phrase, three are the
// same measures.
func taskByContent(tasks []Task, r taskRow) int {
	grams := phraseSet(r.text)
	if len(grams) == 0 {
		return -1
	}
	best, first, second := -1, 0, 0
	for i, t := range tasks {
		if t.Span[0] >= r.span[0] && t.Span[0] < r.span[1] {
			continue // the row itself
		}
		n := 0
		for g := range phraseSet(t.Title + "。" + t.Text) {
			if grams[g] {
				n++
			}
		}
		switch {
		case n > first:
			best, first, second = i, n, first
		case n > second:
			second = n
		}
	}
	if best < 0 || first < 3 || first < 2*second || len(tasks[best].LeadUnits) > 0 {
		return -1
	}
	return best
}

// phraseSet is the set of six-character runs of Han characters in s.
func phraseSet(s string) map[string]bool {
	out := map[string]bool{}
	r := []rune(s)
	run := 0
	for i, c := range r {
		if !isHan(c) {
			run = 0
			continue
		}
		run++
		if run >= 6 {
			out[string(r[i-5:i+1])] = true
		}
	}
	return out
}

// titleSimilarity compares two task titles: 1 when one holds the other,
// else the share of character pairs in common.
func titleSimilarity(a, b string) float64 {
	a, b = string(trimPunct([]rune(a))), string(trimPunct([]rune(b)))
	if a == "" || b == "" {
		return 0
	}
	if strings.Contains(a, b) || strings.Contains(b, a) {
		return 1
	}
	pairs := func(s string) map[string]int {
		r := []rune(s)
		m := map[string]int{}
		for i := 0; i+1 < len(r); i++ {
			m[string(r[i:i+2])]++
		}
		return m
	}
	pa, pb := pairs(a), pairs(b)
	common, total := 0, 0
	for k, n := range pa {
		common += min(n, pb[k])
		total += n
	}
	for _, n := range pb {
		total += n
	}
	if total == 0 {
		return 0
	}
	return 2 * float64(common) / float64(total)
}

// unitCueSet is unitCues, found in one pass over runes.
var unitCueSet = newWordSet(unitCues...)

// outlineRows reads the headings that are not tasks but name a task's
// units: an annex that lists the tasks again with who does each
// (附件 重点任务分工 1.培育消费新业态。牵头单位：市商务局). Matched by title
// like a task-list table's rows.
func outlineRows(src *source, lines []line, roots []*node, tasks []Task) []taskRow {
	text := src.text
	isTask := make(map[int]bool, len(tasks))
	for _, t := range tasks {
		isTask[t.Span[0]] = true
	}
	firstLeads := false
	var out []taskRow
	walk(roots, func(n *node) bool {
		if len(n.children) > 0 || isTask[lines[n.line].start] {
			return true
		}
		// Most headings name no unit: look for a cue in the runes before
		// making the task's text. The cues are Han words, so trimming the
		// text's spaces and punctuation cannot change the answer.
		if !unitCueSet.inRunes(text[n.titleEnd:taskEnd(lines, n)]) {
			return true
		}
		t := taskOf(src, lines, n)
		if u := readUnits(t.Text, firstLeads); len(u.lead) > 0 {
			out = append(out, taskRow{title: t.Title, text: t.Title + "。" + t.Text, lead: u.lead, support: u.support, span: t.Span})
		}
		return true
	})
	return out
}

// inheritUnits gives the tasks under a heading that names units for all of
// them ((二)加强人才队伍建设⏎责任单位：市人社局⏎1.… 2.…) those units when
// their own text names none. Only the headings of task groups count, not
// a document's top sections, whose prose speaks for every department.
// titleLead reads the units a group heading names as leading its items
// (县开发区管委会牵头工作（3项）, 市发改委牵头的重点任务); a person
// (县长牵头重点工作) is none.
func titleLead(title string) []string {
	t := strings.TrimSpace(stripMarker(title))
	k := strings.Index(t, "牵头")
	if k <= 0 {
		return nil
	}
	rest := strings.TrimPrefix(t[k+len("牵头"):], "的")
	rest = strings.TrimPrefix(rest, "重点")
	if !strings.HasPrefix(rest, "工作") && !strings.HasPrefix(rest, "任务") && !strings.HasPrefix(rest, "事项") {
		return nil
	}
	names := t[:k]
	if !allUnits(names) {
		return nil
	}
	return splitUnits(names)
}

// unitLabelLine reports a line that only labels units: 牵头单位：市住建局.
func unitLabelLine(s string) bool {
	label, _, ok := cutLabel(s)
	return ok && containsAnyWord(label, unitCues) && hasAnySuffix(label, []string{"单位", "部门"})
}

func inheritUnits(text []rune, lines []line, roots []*node, tasks []Task) {
	walk(roots, func(n *node) bool {
		if len(n.children) == 0 {
			return true
		}
		first := n.children[0].line
		if first <= n.line || n.titleEnd > lines[first].start {
			return true
		}
		end := lines[first].start
		// 二、县农业农村局牵头工作（2项）: the heading names who leads
		// its items.
		if lead := titleLead(n.h.Title); len(lead) > 0 {
			from, to := lines[first].start, lines[n.bodyEnd-1].end
			for i := range tasks {
				t := &tasks[i]
				if t.Span[0] >= from && t.Span[0] < to && len(t.LeadUnits) == 0 && len(t.SupportUnits) == 0 {
					t.LeadUnits = lead
				}
			}
			return true
		}
		if n.parent == nil {
			// A top section speaks for its units only in a note on its own
			// line (一、强化科技创新（区科技局牵头）) or in labelled lines
			// under it (牵头单位：市住建局), not in its prose.
			k := n.line + 1
			for k < first && unitLabelLine(strings.TrimSpace(string(text[lines[k].start:lines[k].end]))) {
				k++
			}
			end = min(end, lines[k-1].end)
		}
		if n.titleEnd >= end {
			return true
		}
		pre := string(text[n.titleEnd:end])
		if !containsAnyWord(pre, unitCues) {
			return true
		}
		u := readUnits(pre, false)
		if len(u.lead) == 0 {
			return true
		}
		from, to := lines[first].start, lines[n.bodyEnd-1].end
		for i := range tasks {
			t := &tasks[i]
			if t.Span[0] >= from && t.Span[0] < to && len(t.LeadUnits) == 0 && len(t.SupportUnits) == 0 {
				t.LeadUnits, t.SupportUnits = u.lead, u.support
			}
		}
		return true
	})
}
