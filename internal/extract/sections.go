package extract

import "strings"

// stance is what a section says of its figures.
type stance int

const (
	stanceNone   stance = iota
	stancePast          // a review: 2025年工作回顾, 发展基础, “十三五”时期取得的成就
	stanceFuture        // goals and work to do: 主要目标, 2026年重点工作, “十五五”时期主要目标任务
)

func (s stance) String() string { return [...]string{"none", "past", "future"}[s] }

// lineCtx is what the outline tells about one line.
type lineCtx struct {
	stance    stance
	year      int    // the year a future section's commitments fall due, 0 unknown
	pastYear  int    // the year a review covers (its last), -1 unknown, 0 not a review
	heading   *node  // the innermost heading above the line
	aheadYear int    // a heading without a stance that names a future span: the year of its paragraphs on the work ahead
	why       string // the heading that set the stance, for --explain
}

// Headings of a review of past work: every figure under them is observed.
var reviewWords = newWordSet("回顾", "过去一年", "过去五年", "工作总结", "主要成绩", "取得的成绩", "发展成就", "发展基础",
	"发展现状", "基本情况", "上年工作", "去年工作", "工作进展", "取得的进展", "主要成效", "取得的成效", "成效", "现状",
	"发展回顾", "工作成效", "取得成就", "主要成就", "成就", "成绩", "规划背景", "发展历程", "基础条件", "现实基础", "已有基础",
	"执行情况", "完成情况", "优势基础", "基础优势", "工作基础")

// Headings of goals and of the work ahead: their figures are commitments.
var aheadWords = newWordSet("目标", "预期", "任务", "工作安排", "工作部署", "重点工作", "主要工作", "今年", "明年",
	"重点任务", "主要任务", "举措", "行动", "展望", "工作建议", "下一步", "思路")

// Headings of the situation ahead are neither: 面临的形势, 机遇和挑战.
var situationWords = newWordSet("形势", "机遇", "挑战", "问题", "不足", "困难")

// sectionContexts gives every line the stance and year of the headings
// above it. docYear is the year the document speaks from.
func sectionContexts(roots []*node, nlines, docYear int) []lineCtx {
	ctx := make([]lineCtx, nlines)
	var visit func(n *node, parent lineCtx)
	visit = func(n *node, parent lineCtx) {
		c := parent
		c.heading = n
		st, year, past := headingStance(n.h.Title, docYear)
		// （一）千方百计稳就业稳企业稳市场稳预期 under a review of 2025: a
		// word of the future with no time of its own does not turn a part of
		// the review into the work ahead.
		if st == stanceFuture && year == 0 && parent.stance == stancePast {
			st = stanceNone
		}
		// （一）主要目标完成情况 under 一、上半年计划执行情况: a part of the
		// review that names no time of its own covers the review's.
		if st == stancePast && parent.stance == stancePast && parent.pastYear != 0 && !namesTime(n.h.Title, docYear) {
			past = parent.pastYear
		}
		if st != stanceNone {
			c.stance, c.year, c.pastYear, c.why = st, year, past, n.h.Title
		} else if year != 0 && c.stance == stanceFuture {
			c.year = year
		} else if year != 0 && c.stance == stanceNone {
			c.aheadYear = year
		}
		if c.stance == stanceFuture && c.year == 0 && year != 0 {
			c.year = year
		}
		for i := n.line; i < n.bodyEnd && i < nlines; i++ {
			ctx[i] = c
		}
		for _, ch := range n.children {
			visit(ch, c)
		}
	}
	for _, r := range roots {
		visit(r, lineCtx{})
	}
	return ctx
}

// namesTime reports a heading that names a year or a part of one.
func namesTime(title string, docYear int) bool {
	tr := []rune(title)
	return len(findTimes(tr, 0, len(tr), docYear)) > 0 || containsAnyWord(title, []string{"上半年", "前三季度", "一季度", "去年", "上年", "今年"})
}

// headingStance reads a heading: whether it opens a review or the work
// ahead, and the year it names.
func headingStance(title string, docYear int) (st stance, year, pastYear int) {
	tr := []rune(title)
	if len(tr) > 40 {
		// An article or item that runs on into its body (第二十条 学术委员会
		// 负责…发展目标…) is no heading of a section.
		return stanceNone, 0, 0
	}
	times := findTimes(tr, 0, len(tr), docYear)
	for _, t := range times {
		if t.kind != timeBase {
			year = t.year
		}
	}
	review := reviewWords.inRunes(tr)
	// 对稳就业工作成效明显的地方，…给予倾斜: an item of a notice that
	// rewards results, not a review of them.
	if review && (strings.HasPrefix(title, "对") || containsAnyWord(title, []string{"成效明显的", "成效显著的", "成绩突出的", "成效突出的"})) {
		review = false
	}
	// 夯实发展基础, 巩固治理成效: an action on the base or the results is
	// work ahead, while 推动高质量发展取得新成效 reports them.
	// (发展现状 and 发展成就 open with a review word, not an action.)
	if t := []rune(stripMarker(title)); review && actionStart(t) && !reviewWords.startsRunes(t) && !containsAnyWord(title, []string{"取得", "回顾", "过去"}) {
		review = false
	}
	// 2023年计划执行情况, 上半年计划执行情况: a review of the time named;
	// 六五计划前两年的执行情况 names none, and its paragraphs date their
	// own figures.
	if review && strings.Contains(title, "执行情况") && !namesTime(title, docYear) && !reviewWords.inRunes([]rune(strings.ReplaceAll(title, "执行情况", ""))) {
		review = false
	}
	ahead := aheadWords.inRunes(tr)
	// 2023年计划执行情况和2024年计划草案: the review and the plan ahead.
	if review && strings.Contains(title, "草案") {
		ahead = true
	}
	// 主要目标完成情况, 上半年计划执行情况: how the goals went, a review
	// (unless the heading also sets out the plan ahead: 执行情况和2025年计划草案).
	if ahead && review && containsAnyWord(title, []string{"完成情况", "执行情况"}) && !containsAnyWord(title, []string{"草案", "安排", "建议"}) {
		ahead = false
	}
	// 2025年主要工作和“十四五”发展成就, read in 2026: every time it names
	// is past, so its 主要工作 is work done.
	if review && ahead && docYear != 0 && len(times) > 0 {
		past := true
		for _, t := range times {
			if t.year >= docYear {
				past = false
			}
		}
		ahead = !past
	}
	switch {
	case review && ahead && !strings.Contains(title, "回顾"):
		// “十四五”时期发展成就和“十五五”时期主要目标任务: both; each
		// paragraph says which (see paragraphStance). The year is the
		// later span's, for the paragraphs on the work ahead.
		if docYear != 0 && year < docYear {
			year = 0
		}
		return stanceNone, year, 0
	case review && !strings.Contains(title, "目标任务"):
		// 1993年国内工作的回顾和1994年工作的基本方针, read in 1994: the
		// review is of the year before the document's.
		if y := pastOf(times, docYear); y != 0 {
			year = y
		}
		switch {
		case year != 0:
			return stancePast, 0, year
		case docYear != 0 && containsAnyWord(title, []string{"上半年", "前三季度", "一季度", "前两个月", "前几个月"}):
			return stancePast, 0, docYear // part of the year the document speaks in
		case docYear != 0:
			return stancePast, 0, docYear - 1
		}
		return stancePast, 0, -1
	case year != 0 && docYear != 0 && year < docYear && strings.Contains(title, "工作"):
		return stancePast, 0, year // 2025年工作, read in 2026
	case ahead:
		if year == 0 && docYear != 0 && (strings.Contains(title, "今年") || strings.Contains(title, "预期目标")) {
			year = docYear
		}
		return stanceFuture, year, 0
	case situationWords.inRunes(tr):
		return stanceNone, 0, 0
	}
	if year != 0 && docYear != 0 && year >= docYear {
		return stanceFuture, year, 0
	}
	return stanceNone, 0, 0
}

// reviewYear reports whether a heading opens a review of past work and of
// which year: -1 when the year is unknown, 0 when it is no review.
func reviewYear(title string, docYear int) int {
	st, _, past := headingStance(title, docYear)
	if st != stancePast {
		return 0
	}
	return past
}

// Paragraph openings of a review (五年来, “十四五”时期…) and of the work
// ahead (今后五年, 到2030年): in a section whose heading names both, each
// paragraph says which it is.
var (
	pastOpenings  = newWordSet("五年来", "一年来", "过去五年", "过去一年", "回顾", "取得", "成就", "成绩", "成效", "顺利完成", "圆满收官", "胜利完成")
	aheadOpenings = newWordSet("今后五年", "未来五年", "今后一个时期", "主要目标", "目标是", "目标任务", "展望", "今年", "总体要求")
)

// paragraphStance reads the first sentence of a paragraph in a section
// without a stance of its own.
func paragraphStance(first []rune, docYear int) (lineCtx, bool) {
	times := findTimes(first, 0, len(first), docYear)
	head := first[:min(len(first), 40)]
	ahead := aheadOpenings.inRunes(head)
	past := pastOpenings.inRunes(head)
	// 目标任务顺利完成: a goal word inside a statement of what was done.
	if past && ahead && containsAnyWord(string(head), []string{"顺利完成", "圆满收官", "胜利完成", "五年来", "一年来"}) {
		ahead = false
	}
	for _, t := range times {
		if t.kind == timeBase || t.start > 40 {
			continue
		}
		switch {
		case docYear != 0 && t.year >= docYear && !past:
			return lineCtx{stance: stanceFuture, year: t.year, why: string(first[t.start:t.end])}, true
		case docYear != 0 && t.year < docYear && !ahead:
			return lineCtx{stance: stancePast, pastYear: t.year, why: string(first[t.start:t.end])}, true
		}
	}
	switch {
	case ahead && !past:
		return lineCtx{stance: stanceFuture, why: "a paragraph on the work ahead"}, true
	case past && !ahead:
		y := -1
		if docYear != 0 {
			y = docYear - 1
		}
		return lineCtx{stance: stancePast, pastYear: y, why: "a paragraph reviewing past work"}, true
	}
	return lineCtx{}, false
}

// pastOf is the latest year before docYear that times name (the earliest
// when the document's year is unknown), or 0.
func pastOf(times []timeRef, docYear int) int {
	y := 0
	for _, t := range times {
		if t.kind == timeBase || t.year == 0 {
			continue
		}
		switch {
		case docYear != 0 && t.year < docYear && t.year > y:
			y = t.year
		case docYear == 0 && (y == 0 || t.year < y):
			y = t.year
		}
	}
	return y
}
