package extract

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Headings of the section that holds a plan's key tasks.
var taskSectionWords = newWordSet(
	"重点任务", "主要任务", "重点工作", "主要举措", "工作任务", "重点举措", "任务举措", "具体任务", "主要工作",
	"工作重点", "具体举措", "重点行动", "主要措施", "工作措施", "重点内容", "任务清单",
	"工作内容", "实施内容", "攻坚任务",
)

// Weaker section words, used when no heading has a strong one:
// 2012年政府工作总体要求和目标任务 holds a work report's tasks.
var weakTaskSectionWords = newWordSet("目标任务", "工作安排", "工作部署", "主要内容")

// Headings of sections that are not tasks: aims, principles, safeguards.
var nonTaskWords = newWordSet(
	"总体要求", "指导思想", "基本原则", "发展目标", "主要目标", "总体目标", "工作目标", "目标任务", "定位目标",
	"保障措施", "组织实施", "组织保障", "保障机制", "工作要求", "附则", "发展基础", "发展环境", "背景", "现状",
	"总体思路", "重要意义", "实施步骤", "进度安排", "工作机制", "职责分工", "总则", "适用范围", "监督管理",
	"政策支持", "支持政策", "附件", "发展形势", "面临形势", "基本情况", "回顾", "展望", "重大意义", "名词解释", "延伸阅读", "相关阅读",
)

// findTasks picks the main task section and lists its items at the level
// that names one action each.
func findTasks(src *source, lines []line, roots []*node, docYear int, kind string) []Task {
	report := classOf(kind) == classReport
	var sections, weak []*node
	walk(roots, func(n *node) bool {
		if reviewYear(n.h.Title, docYear) != 0 {
			return false // a review of past work holds no tasks
		}
		if containsAny(n.h.Title, taskSectionWords) && len(n.h.Title) <= 3*30 {
			sections = append(sections, n)
			return false
		}
		// 一、明确目标任务，促进养老服务发展 is a pillar that acts on its
		// aims, not the section of the tasks.
		if containsAny(n.h.Title, weakTaskSectionWords) && len(n.h.Title) <= 3*30 && !actionStart([]rune(stripMarker(n.h.Title))) {
			weak = append(weak, n)
			return false
		}
		return !containsAny(n.h.Title, nonTaskWords) && !situationHeading(n.h.Title) && !goalsHeading(n.h.Title)
	})
	// A work report's 2026年工作安排 comes before its “十五五”时期主要目标任务.
	weak = yearFirst(weak, docYear)
	for i, s := range append(sections, weak...) {
		if tasks := sectionTasks(src, lines, s.children, s.line+1, s.bodyEnd, s, report); len(tasks) > 0 {
			// 一、县长牵头重点工作 / 二、副县长牵头重点工作: sibling task
			// sections, split by who leads or by field, hold one list.
			if i < len(sections) {
				for _, o := range sections[i+1:] {
					if o.parent == s.parent && o.kind == s.kind && o.kind != kindNone && sameSectionWord(s.h.Title, o.h.Title) {
						tasks = append(tasks, sectionTasks(src, lines, o.children, o.line+1, o.bodyEnd, o, report)...)
					}
				}
			}
			return sameForm(tasks)
		}
	}
	// Rules (办法, 细则, 条例) set out articles, not tasks.
	// A 实施细则 written as numbered measures with units is a plan under
	// another name: only articles (第X条) make a text rules.
	if classOf(kind) == classRules && hasArticles(roots) {
		return nil
	}
	// No task heading: the body's pillars, minus aims and safeguards. A
	// lone unnumbered heading above them (the plan's title repeated over
	// its body) is not a pillar.
	for len(roots) == 1 && roots[0].kind != kindNone && !isNumbered(roots[0].kind) && len(roots[0].children) >= 1 {
		roots = roots[0].children
	}
	var pillars []*node
	for _, r := range roots {
		if (!containsAny(r.h.Title, nonTaskWords) || actionOnTopic(r.h.Title)) && reviewYear(r.h.Title, docYear) == 0 && !situationHeading(r.h.Title) && !goalsHeading(r.h.Title) {
			pillars = append(pillars, r)
		}
	}
	// One section left that is neither aims nor review (对今年政府工作的
	// 建议): its own parts are the pillars.
	// So are those of a document's only numbered section, whatever it is
	// called (加大政策支持力度 names a safeguard only beside other pillars).
	if len(roots) == 1 && isNumbered(roots[0].kind) && reviewYear(roots[0].h.Title, docYear) == 0 {
		pillars = roots
	}
	// A pillar whose only part holds the items (一、… → (一)… → 1. 2. 3.):
	// the items are the tasks, not the one heading between.
	for len(pillars) == 1 && len(pillars[0].children) == 1 && len(pillars[0].children[0].children) >= 2 {
		pillars = pillars[0].children
	}
	if len(pillars) == 1 && len(pillars[0].children) >= 2 && (len(roots) >= 2 || isNumbered(pillars[0].kind)) {
		p := pillars[0]
		return sameForm(sectionTasks(src, lines, p.children, p.line+1, p.bodyEnd, p, report))
	}
	if len(roots) == 0 {
		return countedRun(src, lines)
	}
	if len(pillars) < 2 {
		return nil
	}
	return sameForm(sectionTasks(src, lines, pillars, 0, len(lines), nil, report))
}

// countedRun reads the tasks of a text with no headings (a news report,
// a short notice): the counted paragraphs (一是…, 二是…) after a lead
// that announces the work ahead (今年要重点抓好以下工作：).
func countedRun(src *source, lines []line) []Task {
	text := src.text
	for i := 0; i+2 < len(lines); i++ {
		l := lines[i]
		if l.end-l.start < 4 || text[l.end-1] != '：' && text[l.end-1] != ':' {
			continue
		}
		lead := src.str(l.start, l.end)
		if !containsAnyWord(lead, []string{"以下", "如下", "要", "将", "重点"}) || containsAny(lead, pastClauseWords) {
			continue
		}
		j, n := i+1, 1
		for ; j < len(lines); j++ {
			k, _, ok := enumeratorAt(text[lines[j].start:lines[j].end])
			if !ok || k != n {
				break
			}
			n++
		}
		if n > 2 {
			return leadTasks(src, lines, i+1, j, nil)
		}
	}
	return nil
}

// sameSectionWord reports whether two headings name their task section
// by the same word (产业发展重点任务 / 城市建设重点任务): a closing 工作措施
// after 工作内容 is the safeguards, not more tasks.
func sameSectionWord(a, b string) bool {
	for _, w := range taskSectionWords.list {
		if strings.Contains(a, w) && strings.Contains(b, w) {
			return true
		}
	}
	return false
}

// goalsHeading reports a heading that names only the year's goals
// (一、全市经济社会发展主要预期目标): its items are goals, not tasks. One
// that goes on to the work (主要预期目标和重点工作) is not.
func goalsHeading(title string) bool {
	t := strings.TrimRight(strings.TrimSpace(stripMarker(title)), "：:")
	return strings.HasSuffix(t, "预期目标")
}

// Words of a heading on the situation a plan starts from: its
// opportunities, challenges and problems are analysis, not tasks.
var situationHeadingWords = newWordSet("形势", "机遇", "挑战", "存在的问题", "存在问题", "主要问题", "困难和问题", "问题和不足", "短板和不足")

// situationHeading reports whether a heading analyses the situation
// (面临的机遇, 基础与形势, 存在的问题) rather than naming work: one that opens
// with an action (积极应对人口老龄化挑战) is a task like any other.
func situationHeading(title string) bool {
	t := strings.TrimSpace(stripMarker(title))
	tr := []rune(t)
	if !situationHeadingWords.inRunes(tr) || actionStart(tr) {
		return false
	}
	for _, p := range []string{"应对", "把握", "抓住", "迎接", "解决", "破解", "化解", "直面", "用好"} {
		if strings.HasPrefix(t, p) {
			return false
		}
	}
	return true
}

// yearFirst puts the sections that name the document's own year (or 今年)
// before the others, keeping their order otherwise.
func yearFirst(ns []*node, docYear int) []*node {
	if docYear == 0 || len(ns) < 2 {
		return ns
	}
	y := strconv.Itoa(docYear) + "年"
	var own, rest []*node
	for _, n := range ns {
		if strings.Contains(n.h.Title, y) || strings.Contains(n.h.Title, "今年") {
			own = append(own, n)
		} else {
			rest = append(rest, n)
		}
	}
	return append(own, rest...)
}

func walk(ns []*node, f func(*node) bool) {
	for _, n := range ns {
		if f(n) {
			walk(n.children, f)
		}
	}
}

// sectionTasks lists the tasks under a set of sibling headings. report
// says the document is a work report, whose broad headings may run their
// items together on one line.
func sectionTasks(src *source, lines []line, items []*node, from, to int, parent *node, report bool) []Task {
	var out []Task
	if len(items) == 0 {
		// Items are paragraphs opening with a summary sentence.
		return leadTasks(src, lines, from, to, parent)
	}
	// Paragraph tasks under headings: when some heading has several, the
	// headings are themes and their lead sentences are the tasks.
	leads := make([][]Task, len(items))
	useLeads := false
	for i, n := range items {
		// Paragraphs above a box (专栏) or sub-points still lead the item.
		if len(n.children) == 0 || subPoints(n.children) {
			to := n.bodyEnd
			if len(n.children) > 0 {
				to = n.children[0].line
			}
			leads[i] = leadTasks(src, lines, n.line+1, to, n)
			// Paragraphs after a box go on with the item's leads: a box
			// sits among them (…攻关。专栏1…创新智慧调控技术。集中攻关…).
			// Only a full paragraph opening with an action counts: the box's
			// own rows (project names, short lines) are no leads.
			if len(leads[i]) > 0 && to < n.bodyEnd && boxesOnly(n.children) {
				for _, t := range leadTasks(src, lines, to, n.bodyEnd, n) {
					if actionStart([]rune(t.Title)) && utf8.RuneCountInString(t.Text) >= 40 && !strings.ContainsRune(t.Title+t.Text, '\t') {
						leads[i] = append(leads[i], t)
					}
				}
			}
			useLeads = useLeads || len(leads[i]) >= 2
		}
	}
	// （一）坚持生态优先。一要打好…。二要…: items counted on the
	// heading's own line are the tasks, as they are on lines of their own.
	for i, n := range items {
		if len(leads[i]) == 0 && len(n.children) == 0 && n.bodyEnd <= n.line+1 {
			if counted := countedOnLine(src.text, lines[n.line], n); len(counted) >= 2 {
				leads[i], useLeads = counted, true
			}
		}
	}
	// Items run together on their headings' lines are read only where
	// most headings hold them: a short action sentence in one item's body
	// is prose; the same in every item is the document's layout.
	if report {
		inline := make([][]Task, len(items))
		with, open := 0, 0
		for i, n := range items {
			if len(leads[i]) > 0 {
				continue
			}
			open++
			if len(n.children) == 0 && n.bodyEnd <= n.line+1 {
				inline[i] = inlineLeads(src.text, lines[n.line], n)
			}
			if len(inline[i]) >= 2 {
				with++
			}
		}
		if len(items) >= 3 && with >= 2 && 2*with >= open {
			for i := range items {
				if len(inline[i]) >= 2 {
					leads[i] = inline[i]
				}
			}
			useLeads = true
		}
	}
	for i, n := range items {
		// Inside the task section, 完善服务保障机制 is a task like any
		// other (DECISIONS 25); a bare 保障措施 or a pillar's aims are not.
		// 监督组, 专家组, 集中采购小组: the bodies that run a plan, not its tasks.
		if bodyName(n.h.Title) {
			continue
		}
		// “十三五”主要成效 and “十四五”形势分析 under a pillar: the review
		// and the situation, no work to do.
		if t := stripMarker(n.h.Title); runeCount(t) <= 12 && !hasAnyRune(t, "，,") && !actionStart([]rune(t)) && (situationHeading(t) || containsAnyWord(t, []string{"成效", "成就", "回顾", "成绩"})) {
			continue
		}
		inSection := parent != nil && containsAny(parent.h.Title, taskSectionWords)
		if containsAny(n.h.Title, nonTaskWords) && !containsAny(n.h.Title, taskSectionWords) && !(inSection && actionStart([]rune(n.h.Title))) && !actionOnTopic(n.h.Title) {
			continue
		}
		// 2.重点工作举措 over (1)(2)…: a label of the section, not an action,
		// so its items are the tasks whatever their form.
		label := containsAny(n.h.Title, taskSectionWords) && runeCount(stripMarker(n.h.Title)) <= 8
		grouping := len(n.children) > 0 && (!subPoints(n.children) || label || summaryPoints(src, lines, n))
		if grouping {
			out = append(out, sectionTasks(src, lines, n.children, n.line+1, n.bodyEnd, n, report)...)
			continue
		}
		if useLeads && len(leads[i]) > 0 {
			out = append(out, leads[i]...)
			continue
		}
		// The other items give paragraph tasks: so does one that gives
		// none by the strict measure, where all its paragraphs open with
		// summaries of the wider kind.
		if useLeads && len(n.children) == 0 {
			if wide := wideLeadTasks(src, lines, n.line+1, n.bodyEnd, n); len(wide) > 0 {
				out = append(out, wide...)
				continue
			}
		}
		out = append(out, taskOf(src, lines, n))
	}
	return out
}

// bodyName reports a heading that only names a working body.
func bodyName(t string) bool {
	if utf8.RuneCountInString(t) > 12 || actionStart([]rune(t)) || containsAnyWord(string([]rune(t)[:min(2, len([]rune(t)))]), []string{"成立", "组建", "设立", "建立"}) {
		return false
	}
	for _, w := range []string{"小组", "工作组", "专家组", "监督组", "办公室", "委员会", "领导小组", "工作专班"} {
		if strings.HasSuffix(t, w) {
			return true
		}
	}
	return false
}

// subPoints reports children that only detail their parent: （1） and ①,
// or boxes (专栏1…) and the unnumbered lines set in them.
// actionTopics are words of nonTaskWords that an action may take as its
// object: 强化自然生态监督管理 is a task, a chapter 监督管理 is not;
// 营造良好发展环境 is a pillar, a chapter 发展环境 the situation.
var actionTopics = []string{"监督管理", "工作机制", "支持政策", "政策支持", "发展环境", "发展基础", "目标任务"}

// actionOnTopic reports a heading that acts on one of actionTopics and
// names no other word of nonTaskWords.
func actionOnTopic(title string) bool {
	t := stripMarker(title)
	if !actionStart([]rune(t)) {
		return false
	}
	for _, w := range actionTopics {
		t = strings.ReplaceAll(t, w, "")
	}
	return !containsAny(t, nonTaskWords)
}

// boxesOnly reports children that are all boxes (专栏…) or the plain
// lines set in them.
func boxesOnly(ch []*node) bool {
	for _, c := range ch {
		if !strings.HasPrefix(c.h.Title, "专栏") && !strings.HasPrefix(c.h.Marker, "专栏") && c.kind != kindPlain {
			return false
		}
	}
	return len(ch) > 0
}

func subPoints(ch []*node) bool {
	boxes := false
	for _, c := range ch {
		if strings.HasPrefix(c.h.Title, "专栏") || strings.HasPrefix(c.h.Marker, "专栏") {
			boxes = true
		}
	}
	for _, c := range ch {
		if subPointKind(c.kind) {
			continue
		}
		if boxes && (c.kind == kindPlain || strings.HasPrefix(c.h.Title, "专栏") || strings.HasPrefix(c.h.Marker, "专栏")) {
			continue
		}
		return false
	}
	return true
}

// summaryPoints reports a bare heading (1.调整产业布局, no text of its
// own) over （1） items that each open with a summary sentence and go on
// with their body (（1）优化园区布局。落实…): the items name the actions,
// the heading groups them (DECISIONS 24).
func summaryPoints(src *source, lines []line, n *node) bool {
	if len(n.children) < 2 || n.children[0].line != n.line+1 || !lineDone(src, lines, n) {
		return false
	}
	for _, c := range n.children {
		if !subPointKind(c.kind) {
			return false
		}
		t := []rune(c.h.Title)
		if len(t) < 4 || len(t) > 30 || lineDone(src, lines, c) && c.bodyEnd <= c.line+1 || !actionStart(stripEnumerator(t)) && verbAt(t, 0, true) == 0 {
			return false
		}
	}
	return true
}

// lineDone reports a heading whose title ends its line: no body text runs
// on after it.
func lineDone(src *source, lines []line, n *node) bool {
	return len(trimSpace(trimPunct(src.text[n.titleEnd:lines[n.line].end]))) == 0
}

// taskEnd is the rune offset where the text of n's task ends: the end of
// its last body line, or of its heading line when it has no body.
func taskEnd(lines []line, n *node) int {
	if n.bodyEnd > n.line+1 {
		return lines[n.bodyEnd-1].end
	}
	return lines[n.line].end
}

// taskOf makes the task that heading n and its body state.
func taskOf(src *source, lines []line, n *node) Task {
	l := lines[n.line]
	bodyEnd := taskEnd(lines, n)
	body := strings.TrimSpace(src.str(trimPunctSpan(src.text, n.titleEnd, bodyEnd)))
	return Task{
		Number: markerNumber(n.h.Marker),
		Title:  n.h.Title,
		Path:   pathOf(n.parent),
		Text:   body,

		Span: Span{l.start, bodyEnd},
	}
}

// sameForm drops, from items that mostly open with an action (扩大有效投资),
// the sentences that only state a fact (我国是统一的多民族国家): a speech's
// asides, not its tasks.
func sameForm(ts []Task) []Task {
	acts := 0
	for _, t := range ts {
		if actionStart([]rune(t.Title)) {
			acts++
		}
	}
	if acts < 2 || acts*2 < len(ts) || acts == len(ts) {
		return ts
	}
	out := ts[:0]
	for _, t := range ts {
		if actionStart([]rune(t.Title)) || !factStart(t.Title) {
			out = append(out, t)
		}
	}
	return out
}

// factStart reports a sentence that opens with a subject stating a fact.
func factStart(s string) bool {
	for _, w := range []string{"我国", "我们", "中国", "人类", "当前", "目前", "这是", "这", "今年是", "各位代表", "世界", "当今"} {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

// innerLeads finds, after offset k of a paragraph, the short action
// sentences (优化创新平台能级。) that open items whose breaks were lost. It
// returns each one's start and the offset of its full stop. The first
// must come gap characters after k (the body of the item before it).
func innerLeads(s []rune, k, gap int) [][2]int {
	var out [][2]int
	last := k - 40 + gap
	for i := max(k, 1); i < len(s); i++ {
		// 。 and the space a reflow left after it.
		p := i - 1
		if s[p] == ' ' && p > 0 && s[i] != ' ' {
			p--
		}
		if s[p] != '。' || i-last < 40 {
			continue
		}
		end := -1
		for j := i; j < len(s) && j-i <= 18; j++ {
			if s[j] == '。' {
				end = j
				break
			}
			if !isHan(s[j]) && s[j] != '“' && s[j] != '”' {
				break // commas, digits and the like are prose
			}
		}
		// The item's own sentences must follow: a short sentence that
		// closes a paragraph is prose.
		if end-i < 5 || len(s)-end < 40 || !actionStart(s[i:end]) {
			continue
		}
		// 持续培育专精特新中小企业。强化人才支撑。动态优化…: a short
		// sentence right before another closes the item before.
		next := end + 1
		for next < len(s) && s[next] != '。' {
			next++
		}
		if next-end < 20 {
			continue
		}
		out = append(out, [2]int{i, end})
		i, last = end, end+1
	}
	return out
}

// summaryTitle reports a paragraph's opening sentence that reads as the
// item's title: short, or one clause of aim and one of action
// (以提升城市软实力为突破，着力建设国际化的草原音乐名城).
func summaryTitle(t []rune) bool {
	s := string(trimPunct(t))
	n := len([]rune(s))
	if n < 4 || n > 40 {
		return false
	}
	// 各位代表！…: a speech turning to its audience, no item.
	if hasAnyRune(s, "！!？?") || strings.HasPrefix(s, "各位代表") {
		return false
	}
	// 改革是推动发展的根本动力: a statement that leads a paragraph of
	// reasons, not an action.
	if e := string(stripEnumerator([]rune(s))); !actionStart([]rune(e)) {
		if k := strings.Index(e, "是"); k > 0 && !strings.HasPrefix(e[k:], "是否") {
			return false
		}
	}
	if !hasAnyRune(s, "，,；;：:") {
		return n <= 30
	}
	// Two clauses, the second an action: 以…为突破，着力建设…, or a
	// speech's 要大力推进转变经济发展方式，加快产业结构调整. Other comma
	// sentences open a paragraph of prose.
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '，' || r == ',' })
	if len(parts) != 2 || hasAnyRune(s, "；;：:") {
		return false
	}
	return actionStart([]rune(parts[1])) && (strings.HasPrefix(parts[0], "以") || strings.HasPrefix(parts[0], "要") && actionStart([]rune(strings.TrimPrefix(parts[0], "要"))))
}

// wideSummaryTitle admits, besides summaryTitle's, a summary of up to 40
// characters that opens with an action, alone or joined by a comma to a
// second clause (大力培育都市圈，发挥都市圈集聚效应).
func wideSummaryTitle(t []rune) bool {
	if summaryTitle(t) {
		return true
	}
	s := trimPunct(t)
	if e := stripEnumerator(s); len(s) < 4 || len(s) > 40 || !actionStart(e) && verbAt(e, 0, true) == 0 || hasAnyRune(string(s), "！!？?；;：:") {
		return false
	}
	return len(strings.FieldsFunc(string(s), func(r rune) bool { return r == '，' || r == ',' })) <= 2
}

// actionPrefixes open the action of a summary sentence.
var actionPrefixes = []string{"着力", "加快", "大力", "全力", "持续", "深入", "推动", "推进", "加强", "强化", "提升", "坚持", "实施",
	"打造", "建设", "构建", "培育", "做强", "做优", "促进", "扩大", "深化", "优化", "完善", "健全", "抓好", "聚焦", "围绕", "突出",
	"积极", "统筹", "发展", "加大", "提高", "巩固", "守牢", "筑牢", "织密", "激发", "壮大", "稳定", "保障", "改善", "增强", "全面",
	"更大", "更高", "切实", "扎实", "努力", "不断", "精准", "有序", "稳步", "协同", "共建", "创新", "支持", "引导", "规范", "防范", "严格", "继续", "坚定不移", "千方百计", "顺应", "牢牢", "依法", "更加", "认真", "坚决", "进一步",
	"提振", "拓展", "释放", "夯实", "畅通", "建立", "建强", "稳住", "保持", "确保", "落实", "开展", "推行", "发挥", "奋力", "主动",
	"融入", "做好", "办好", "用好", "守好", "打好", "聚力", "赋能", "厚植", "提速", "前瞻", "因地制宜", "弘扬", "繁荣", "抓实", "塑强", "扩能", "升级", "迭代", "探索", "营造", "明确", "严守", "管控", "严控", "守住", "坚定"}

func actionStart(s []rune) bool {
	// Compared in the runes: a string of the whole line was made only to
	// look at its first few characters.
	for _, p := range actionPrefixes {
		if hasPrefixAt(s, 0, p) {
			return true
		}
	}
	return false
}

func pathOf(n *node) []string {
	var out []string
	for ; n != nil; n = n.parent {
		out = append([]string{n.h.Title}, out...)
	}
	if out == nil {
		out = []string{}
	}
	return out
}

func markerNumber(m string) string {
	if r, _ := utf8.DecodeRuneInString(m); r >= '⑴' && r <= '⒇' {
		return strconv.Itoa(int(r-'⑴') + 1)
	}
	return strings.Trim(m, "（）()、.． 第章节条")
}

// attachUnits gives each task the units its text names. A statement
// marked 下同 holds for the tasks after it that name none, and a document
// that says 列第一位者为牵头单位 anywhere makes the first unit of each list
// the lead.
func attachUnits(text string, tasks []Task) {
	firstLeads := firstLeadsNote(text)
	var carry *unitNote
	for i := range tasks {
		text := tasks[i].Text
		// （三）由国土资源部会同农业部等部门负责落实…。: a one-sentence item
		// names its units in its title.
		if t := tasks[i].Title; (strings.Contains(t, "负责") || strings.Contains(t, "牵头")) && !strings.Contains(text, t) {
			text = t + "。" + text
		}
		n := readUnits(text, firstLeads)
		if len(n.lead) == 0 && len(n.support) == 0 && carry != nil {
			n = *carry
		}
		switch {
		case n.carry:
			c := n
			carry = &c
		case len(n.lead) > 0 || len(n.support) > 0:
			// A note of the item's own ends what 下同 carried (DECISIONS).
			carry = nil
		}
		tasks[i].LeadUnits, tasks[i].SupportUnits = n.lead, n.support
		if tasks[i].LeadUnits == nil {
			tasks[i].LeadUnits = []string{}
		}
		if tasks[i].SupportUnits == nil {
			tasks[i].SupportUnits = []string{}
		}
	}
}

// isNumbered reports the marker kinds that number a heading.
func isNumbered(kind string) bool {
	switch kind {
	case kindPlain, kindNone:
		return false
	}
	return !strings.HasPrefix(kind, "#")
}

// stripEnumerator drops the words that count items in running prose from
// the front of a summary sentence: 一是, 二要, 第三, 首先, 要.
func stripEnumerator(t []rune) []rune {
	s := string(t)
	for _, w := range []string{"首先", "其次", "再次", "最后", "同时"} {
		if strings.HasPrefix(s, w) {
			return trimPunct([]rune(strings.TrimPrefix(s, w)))
		}
	}
	r := []rune(s)
	if len(r) > 3 && (r[0] == '第' && isChineseNumeral(r[1])) {
		r = r[2:]
	} else if len(r) > 3 && isChineseNumeral(r[0]) && (r[1] == '是' || r[1] == '要') {
		r = r[2:]
	} else if len(r) > 4 && r[0] == '要' && !strings.HasPrefix(s, "要素") && !strings.HasPrefix(s, "要点") {
		r = r[1:]
	}
	return trimPunct(r)
}

// hasArticles reports an outline that numbers its parts as articles
// (第一条) or chapters (第一章), as rules do.
func hasArticles(roots []*node) bool {
	found := false
	walk(roots, func(n *node) bool {
		if n.kind == kindArticle || n.kind == kindChapter {
			found = true
		}
		return !found
	})
	return found
}
