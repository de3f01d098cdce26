package extract

import (
	"regexp"
	"strconv"
	"strings"
)

// docClass groups document kinds by how they speak of figures.
type docClass int

const (
	classPlan   docClass = iota // plans, opinions, measures: figures are commitments unless marked past
	classReport                 // 政府工作报告: a review of last year, then this year's work
	classNews                   // news, articles, reports on progress: figures are reported unless committed
	classRules                  // 办法, 细则, 条例: rules whose numbers are mostly caps and thresholds
)

func classOf(kind string) docClass {
	switch kind {
	case "政府工作报告":
		return classReport
	case "新闻", "文章", "报告", "公报":
		return classNews
	case "办法", "细则", "条例", "规定", "规则":
		return classRules
	}
	return classPlan
}

// reader holds what the figure pass knows of the document.
type reader struct {
	text    []rune
	src     *source // text as one string
	lines   []line
	ctx     []lineCtx
	skip    map[int]bool
	docYear int
	class   docClass
	planEnd int // the last year of the plan's period, 0 unknown
	// worksYear is the year of the works a news page announces in its
	// title (2024年某区为民办实事项目公布): its bare planned quantities
	// are that year's targets. 0 for other documents.
	worksYear int
	// newsPlan marks a news page on a plan just issued (某厅印发《…行动方案》):
	// its planned quantities are the plan's, due by worksYear if known.
	newsPlan bool
	trace    *trace
	leadYear map[*node]int // a lead paragraph's deadline for the rest of its section
	listYear map[*node]int // the deadline of a lead that announces a list (到2025年，实现以下目标：)

	// per-sentence state
	prev      *Quantity
	paraFirst clause // the paragraph's first clause, whose noun figures that leave theirs out may take
}

// reading is the verdict on one number.
type reading int

const (
	readNone reading = iota
	readTarget
	readObservation
)

// figures finds the targets and observations of the body text.
func (rd *reader) figures() (targets, observations []Quantity) {
	seen := map[string]bool{}
	rd.leadYear = map[*node]int{}
	rd.listYear = map[*node]int{}
	paraCtx := map[*node]lineCtx{} // a stance a paragraph set for its section
	leadCtx := map[*node]lineCtx{} // a dated lead of goals (2023年，主要预期目标是：) for the lines after it
	for i, l := range rd.lines {
		if rd.skip[i] {
			continue
		}
		lc := rd.ctx[i]
		if pc, ok := leadCtx[lc.heading]; ok && lc.stance == stanceNone && (lc.heading == nil || lc.heading.line != i) {
			lc = pc
		}
		if lc.stance == stanceNone && lc.heading != nil && lc.heading.line != i {
			if pc, ok := paragraphStance(rd.text[l.start:l.end], rd.docYear); ok {
				pc.heading = lc.heading
				if pc.stance == stanceFuture && pc.year == 0 {
					pc.year = lc.aheadYear
				}
				paraCtx[lc.heading] = pc
			}
			if pc, ok := paraCtx[lc.heading]; ok {
				lc = pc
			}
		}
		// A heading's marker is no figure: 11.121人才梯队项目 is item 11 of
		// the 121 project, not 11.121 persons.
		if h := rd.ctx[i].heading; h != nil && h.line == i && h.h.Marker != "" {
			l = skipMarker(rd.text, l, h.h.Marker)
		}
		// A deadline a lead paragraph set for its section reaches the items
		// numbered under it (到2025年，实现以下目标： / 1.… 2.…), which are
		// headings of their own.
		paraYear := rd.leadYear[lc.heading]
		for h := lc.heading; paraYear == 0 && h != nil; h = h.parent {
			paraYear = rd.listYear[h]
		}
		sents := sentences(rd.text, l)
		rd.paraFirst = clause{}
		if len(sents) > 0 {
			if cs := clauses(rd.text, sents[0]); len(cs) > 0 {
				rd.paraFirst = cs[0]
			}
		}
		base := lc
		for si, s := range sents {
			// 过去一年，我们的各项工作取得了很大成绩。国内生产总值增长10.3%…:
			// a sentence that opens a review colours the ones after it,
			// until one looks ahead again.
			if rc, ok := reviewSentence(rd.text[s.start:s.end], rd.docYear); ok && base.stance != stancePast {
				rc.heading = base.heading
				lc = rc
				continue
			}
			// 2023年，全区经济社会发展主要预期目标是：…: a dated lead of
			// goals or of the year's works dates what follows it, to the
			// next heading.
			if y := goalLead(rd.text[s.start:s.end], rd.docYear); y != 0 && (rd.docYear == 0 || y >= rd.docYear) && base.stance != stancePast {
				lc = lineCtx{stance: stanceFuture, year: y, heading: base.heading, why: "after " + strconv.Itoa(y) + "年…目标："}
				leadCtx[base.heading] = lc
			}
			// 2024年，全省经济运行稳中向好。: a sentence that dates a
			// review, its figures in the sentences after it.
			if y := datedOpening(rd.text[s.start:s.end]); y != 0 && base.stance != stanceFuture &&
				(y < rd.docYear || y == rd.docYear && rd.class == classNews) {
				lc = lineCtx{stance: stancePast, pastYear: y, heading: base.heading, why: "after " + strconv.Itoa(y) + "年，"}
				continue
			}
			if lc.stance == stancePast && base.stance != stancePast && aheadOpenings.inRunes(rd.text[s.start:min(s.end, s.start+12)]) {
				lc = base
			}
			t, o, deadline := rd.sentence(s, lc, paraYear)
			if deadline != 0 {
				paraYear = deadline
				// 到2025年，…具体目标如下： — a lead paragraph sets the year
				// of the items that follow it under the same heading.
				// So does a later sentence of the paragraph that names the
				// goals it dates (到2023年，主要科技创新指标实现“六个倍增”).
				sent := rd.src.str(s.start, s.end)
				named := strings.Contains(sent, "指标") || strings.Contains(sent, "目标") || strings.HasSuffix(strings.TrimSpace(sent), "：")
				if lc.heading != nil && lc.stance != stancePast && (si == 0 && (len(sents) == 1 || l.end-l.start < 120) || named) {
					rd.leadYear[lc.heading] = deadline
					if t := strings.TrimSpace(sent); strings.HasSuffix(t, "：") || strings.HasSuffix(t, ":") {
						rd.listYear[lc.heading] = deadline
					}
				}
			}
			for _, x := range t {
				if k := dedupeKey("t", x); !seen[k] {
					seen[k] = true
					targets = append(targets, x)
				}
			}
			for _, x := range o {
				if k := dedupeKey("o", x); !seen[k] {
					seen[k] = true
					observations = append(observations, x)
				}
			}
		}
	}
	return targets, observations
}

// sentence reads one sentence. It returns the deadline the sentence sets,
// which carries over to the rest of the paragraph.
func (rd *reader) sentence(s line, lc lineCtx, paraYear int) (targets, observations []Quantity, deadline int) {
	text := rd.text
	if !hasNumberish(text[s.start:s.end]) {
		return nil, nil, 0
	}
	times := findTimes(text, s.start, s.end, rd.docYear)
	for _, t := range times {
		if t.kind == timeDeadline && (rd.docYear == 0 || t.year >= rd.docYear) {
			deadline = t.year
		}
	}
	if hypotheticalSet.inRunes(text[s.start:s.end]) {
		rd.trace.skipSentence(s, "a hypothetical")
		return nil, nil, deadline
	}
	// A past marker in the first half of the sentence colours all of it.
	sentPast := pastSentenceSet.inRunes(text[s.start:min(s.end, s.start+(s.end-s.start)/2+3)])
	rd.prev = nil
	var planned *verdict // the sentence's last planned quantity, which a bare list goes on
	strong := false      // a strong future word earlier in the sentence
	modal := false       // 将 or 要 earlier in the sentence: 我县将新建…，新建…，新增…
	afterBasis := false  // the clause after 在…基础上 states the new goal
	consumed := s.start
	var subj subjectList
	for ci, c := range clauses(text, s) {
		if ci == 0 {
			subj.first = c
		}
		// Words inside quotation marks name things (“双高计划”): they say
		// nothing of past or future.
		ctext := unquoted(rd.src, c)
		bounded := classTermsOut(ctext) // 规模以上 and 及以上 name classes, they bound nothing
		ms := scanMentions(text, c.start, c.end)
		clauseStrong := containsAny(ctext, strongFutureWords) && containsAny(notFutureWords.Replace(ctext), strongFutureWords) && !obtained(ctext)
		// 争取中央预算内投资增长64.8%, in the review of last year: what was
		// won, not what is sought.
		if clauseStrong && lc.stance == stancePast && lc.pastYear > 0 && onlySeeking(ctext) {
			clauseStrong = false
		}
		if len(ms) == 0 {
			strong = strong || clauseStrong
			afterBasis = strings.Contains(ctext, "基础上")
			subj.note(rd.src, c)
			continue
		}
		strong = strong || clauseStrong
		// 2025年，我县将新建高标准农田3万亩，新建养殖场6个: the clauses
		// after a modal that open with the next action go on with it.
		goesOn := modal && actionVerbs.startsRunes(trimSpace([]rune(ctext)))
		modal = modal || strings.Contains(ctext, "将") || strings.Contains(ctext, "要")
		cues := clauseCues{
			past:       containsAny(nounUses(ctext), pastClauseWords) && !strings.Contains(bounded, "以上") && !actsOnExisting(ctext) || strings.Contains(ctext, "基础上") || obtained(ctext),
			own:        clauseStrong,
			weakPast:   containsAny(deadlinesOut(ctext), weakPastWords),
			strong:     strong,
			weak:       (containsAny(bounded, weakFutureWords) || goesOn) && !obtained(ctext),
			afterBasis: afterBasis,
			sentPast:   sentPast,
			subsidy:    containsAny(ctext, subsidyWords),
			shall:      shallWords.inRunes(text[s.start:c.end]),
		}
		// 在2020年的基础上单位建筑面积能耗下降5%: past the basis phrase, the
		// clause states the goal.
		basisEnd := -1
		if k := strings.Index(ctext, "基础上"); k >= 0 {
			basisEnd = c.start + runeCount(ctext[:k]) + 3
		}
		for _, m := range ms {
			if m.start < consumed {
				continue
			}
			cues := cues
			if basisEnd >= 0 && m.numStart >= basisEnd && m.numStart-basisEnd < 40 {
				cues.past = containsAny(ctext[strings.Index(ctext, "基础上"):], pastClauseWords) || obtained(ctext)
				cues.afterBasis = true
			}
			if why := notFigure(text, c.start, c.end, m, times); why != "" {
				rd.trace.skip(m, why)
				continue
			}
			var v verdict
			if baselineValue(text, c, m) {
				// 由47.6%提升至73.4%: the start of a change is reported only
				// when it carries its own year (从2020年的3.68万亿元), not
				// 由上年的88个.
				t, ok := governingTime(times, m.numStart)
				if !ok || t.kind != timeOwn || t.relative && t.year != rd.docYear || m.numStart-t.end > 1 {
					rd.trace.skip(m, "the start value of a change (由A到B)")
					continue
				}
				// 到2025年，由2020年的40%提高到45%: the start is what was in
				// its own year, whatever the goal's deadline.
				if !t.relative && (rd.docYear == 0 || t.year <= rd.docYear) {
					v = verdict{kind: readObservation, year: t.year, why: "the start value of a change, in its own year"}
				}
			}
			if v.kind == readNone {
				v = rd.judge(c, m, times, lc, paraYear, cues)
			}
			// 开展养殖大户10户，长毛兔养殖大户10户: the list goes on with the
			// planned quantity before it.
			if (v.kind == readNone || v.why == whyNewsFigure) && planned != nil && !cues.past && !cues.sentPast && !qualifierAfter(text, m.end, c.end) {
				v = verdict{kind: readTarget, year: planned.year, approx: planned.approx, why: "a list that goes on from a planned quantity"}
			}
			if m.flat && v.kind != readObservation {
				rd.trace.skip(m, "持平 as a goal is a wish, not a figure")
				continue
			}
			if m.all && v.kind != readTarget {
				// An achieved 全部 over a class is no figure to keep
				// (DECISIONS 26); only the commitment counts.
				rd.trace.skip(m, "全部 that reports, not commits")
				continue
			}
			if v.kind == readNone {
				rd.trace.skip(m, v.why)
				continue
			}
			ind, after := rd.indicator(c, m, consumed, &subj)
			before := consumed
			if after > consumed {
				consumed = after
			}
			if len([]rune(ind)) < 2 || !hasHan(ind, 1) {
				rd.trace.skip(m, "no indicator")
				continue
			}
			if v.kind == readObservation && !rd.measured(c, m, consumed) {
				rd.trace.skip(m, "a count that describes, not a reported figure")
				// 106个断面水质优良比例为87.7%: the noun a describing count
				// read after it names the next figure; it is not used up.
				consumed = max(before, m.end)
				continue
			}
			qs := rd.quantities(c, m, ind, v)
			qs = qs[:len(qs):len(qs)]
			// One value, several subjects: an entry for each.
			base := qs
			for _, name := range subj.shared {
				for _, q := range base {
					q.Indicator = name
					qs = append(qs, q)
				}
			}
			subj.shared = nil
			for _, q := range qs {
				rd.trace.keep(m, q, v)
				if v.kind == readTarget {
					targets = append(targets, q)
				} else {
					observations = append(observations, q)
				}
			}
			if len(qs) > 0 {
				rd.prev = &qs[0]
			}
			if v.kind == readTarget {
				planned = &v
			}
		}
		afterBasis = strings.Contains(ctext, "基础上")
		subj.note(rd.src, c)
	}
	return targets, observations, deadline
}

// notFutureWords hold a word of the future that says nothing of it:
// 今年以来 looks back, 预期寿命 and 预期性指标 are names.
var notFutureWords = strings.NewReplacer("今年以来", "", "预期寿命", "", "预期性", "", "目标任务", "",
	// 入选国家重点人才计划, “珠峰英才”计划, 计划单列市: programmes and a
	// kind of city, no plan of the document's.
	"人才计划", "", "行动计划", "", "专项计划", "", "英才计划", "", "支持计划", "", "培养计划", "", "”计划", "", "计划单列", "",
	// 计划生育符合率, 占年度计划的91.2%, 低于目标1.4个百分点: a policy's
	// name, and progress measured against a plan already set.
	"计划生育", "", "年度计划的", "", "全年计划的", "", "低于目标", "", "高于目标", "", "超出目标", "", "快于目标", "", "慢于目标", "",
	"目标完成情况", "", "计划执行情况", "",
	// 已按计划新建中小学校40所: done as planned, a report.
	"已按计划", "已", "已经按计划", "已")

// transitions lead from a start value to an end value: 由A提升至B.
var transitions = []string{"增长到", "提高到", "提升到", "提升至", "上升到", "上升至", "增加到", "增加至", "下降到", "下降至",
	"降至", "降到", "降低到", "降低至", "减少到", "减少至", "扩大到", "扩大至", "增至", "升至", "升到", "提高至", "跃升至", "跃升到", "到", "至", "跃升为", "变为"}

// baselineValue reports the A of 由A提升至B and 从A增长到B.
func baselineValue(text []rune, c clause, m mention) bool {
	b := beforeSkip(text, c.start, m.numStart)
	// 从2020年的3.68万亿元, 由上年的88个, 由“十三五”期间的26个: look
	// past the value's own time, back to 由/从.
	if b >= c.start && text[b] == '的' {
		for k := b - 1; k >= c.start && b-k <= 12; k-- {
			if text[k] == '由' || text[k] == '从' {
				b = k
				break
			}
			if strings.ContainsRune("，。；、,;", text[k]) {
				break
			}
		}
	}
	// 从上半年5.5%降到5.3%, 由年初的…: a part of the year between.
	for _, w := range []string{"上半年", "下半年", "年初", "年初的", "上半年的", "一季度", "去年", "上年"} {
		n := len([]rune(w))
		if b-n >= c.start && string(text[b-n+1:b+1]) == w {
			b -= n
			break
		}
	}
	if b >= c.start && text[b] != '由' && text[b] != '从' {
		// 由人均600元提高到720元, 从月销售额3万元提高到10万元: a short
		// qualifier between 由 and the value; 现行16%的税率降至13%: the
		// rate in force.
		if k := originBefore(text, c.start, b); k >= 0 {
			b = k
		}
	}
	if b < c.start || text[b] != '由' && text[b] != '从' && text[b] != '行' {
		return turnedFrom(text, c, m)
	}
	a := skipSpaces(text, m.end)
	if text[b] == '行' {
		// 现行N的X降至M: past the noun the value qualifies.
		if a >= len(text) || text[a] != '的' {
			return false
		}
		for k := a + 1; k < c.end && k-a <= 8; k++ {
			for _, w := range transitions {
				if len(w) > len("至") && hasPrefixAt(text, k, w) { // not a bare 至 or 到
					return true
				}
			}
		}
		return false
	}
	if a < len(text) && (text[a] == '，' || text[a] == ',') {
		a = skipSpaces(text, a+1) // 由上年的2.51吨煤，降低到2.28吨煤
	}
	for _, w := range transitions {
		if hasPrefixAt(text, a, w) {
			return true
		}
	}
	// 由66户整合至12户, 由162个合并为123个: any short verb, then 至/到/为
	// and the new level.
	for n := 1; n <= 3 && a+n+1 < c.end; n++ {
		if !isHan(text[a+n-1]) {
			break
		}
		if r := text[a+n]; (r == '至' || r == '到' || r == '为') && (isDigit(text[a+n+1]) || isChineseNumeral(text[a+n+1])) {
			return true
		}
	}
	return false
}

// originBefore finds the 由 or 从 a few characters before text[b] (由人均,
// 从月销售额), or the 现行 of a rate in force, across Han characters only;
// -1 when there is none. 自由, 理由, 从事, 从而 are words, not origins.
func originBefore(text []rune, start, b int) int {
	if b >= 1 && b-1 >= start && text[b] == '行' && text[b-1] == '现' {
		return b
	}
	for k := b; k >= start && b-k <= 6; k-- {
		r := text[k]
		if !isHan(r) {
			return -1
		}
		if r != '由' && r != '从' {
			continue
		}
		if k > start && strings.ContainsRune("自理经缘", text[k-1]) || r == '从' && k+1 <= b && strings.ContainsRune("事而严业未来中", text[k+1]) {
			return -1
		}
		return k
	}
	return -1
}

// turnedFrom reports a value of the clause a change starts from when the
// next clause says what it turned into: 能耗由前三年分别上升4.9%、5.5%，
// 转为下降1.2% reports 下降1.2%, not the rises before it.
func turnedFrom(text []rune, c clause, m mention) bool {
	from := -1
	for k := m.numStart - 1; k >= c.start && m.numStart-k <= 16; k-- {
		if text[k] == '由' || text[k] == '从' {
			from = k
			break
		}
	}
	if from < 0 || c.end >= len(text) || text[c.end] != '，' && text[c.end] != ',' {
		return false
	}
	next := skipSpaces(text, c.end+1)
	for _, w := range []string{"转为", "转而", "变为", "转变为"} {
		if hasPrefixAt(text, next, w) {
			return true
		}
	}
	return false
}

// unquoted is the text of clause c without its quoted names.
func unquoted(src *source, c clause) string {
	r := src.text[c.start:c.end]
	quoted := false
	for _, c := range r {
		if c == '“' || c == '《' {
			quoted = true
			break
		}
	}
	if !quoted {
		return src.str(c.start, c.end)
	}
	var b strings.Builder
	depth := 0
	for _, c := range r {
		switch c {
		case '“', '《':
			depth++
			continue
		case '”', '》':
			if depth > 0 {
				depth--
				continue
			}
		}
		if depth == 0 {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// obtained reports 争取到 without a year: something already won (争取到
// 中央资金3亿元), not a goal.
// actsOnExisting reports a clause that plans work on what exists
// (改扩建现有20个储备库): 现有 there is no report of the past.
func actsOnExisting(s string) bool {
	i := strings.Index(s, "现有")
	if i <= 0 {
		return false
	}
	before := []rune(s[:i])
	for _, v := range []string{"改扩建", "改造", "提升", "整合", "升级", "盘活", "优化", "用好", "挖掘"} {
		if strings.HasSuffix(string(before), v) {
			return true
		}
	}
	return false
}

// onlySeeking reports a clause whose only strong future word is 争取.
func onlySeeking(s string) bool {
	return strings.Contains(s, "争取") && !containsAny(strings.ReplaceAll(s, "争取", ""), strongFutureWords)
}

func obtained(s string) bool {
	i := strings.Index(s, "争取到")
	if i < 0 {
		return false
	}
	rest := []rune(s[i+len("争取到"):])
	return len(rest) == 0 || !isDigit(rest[0])
}

// deadlinesOut removes 年底前 and its kin from a clause: a deadline ahead
// (年底前要清偿一半以上), where 年底 alone closes a year being reported.
func deadlinesOut(s string) string {
	if !strings.Contains(s, "前") {
		return s
	}
	for _, w := range []string{"年底前", "年底以前", "年末前", "年末以前"} {
		s = strings.ReplaceAll(s, w, "")
	}
	return s
}

// clauseCues are the words of a clause and its sentence that bear on
// whether its figures are past or future.
type clauseCues struct {
	past, weakPast, strong, weak, afterBasis, sentPast, subsidy bool
	own                                                         bool // a strong future word in this very clause
	shall                                                       bool // 应当, 必须: the sentence lays down a duty
}

// shallWords lay down a duty in rules: 应当设置, 必须配备, 应不少于.
var shallWords = newWordSet("应当", "必须", "应不", "须不", "应达到", "须达到", "应具备", "须具备", "应配备", "须配备", "应设置", "须设置")

// floorBefore reports a floor set a verb before the number (至少配备1名)
// or a ratio's base (每5000名户籍老年人配备1名).
func floorBefore(text []rune, c clause, m mention) bool {
	head := string(text[max(c.start, m.start-14):m.start])
	if containsAnyWord(head, []string{"至少", "不少于", "不低于"}) {
		return true
	}
	if i := strings.LastIndex(head, "每"); i >= 0 && i+len("每") < len(head) && isDigit([]rune(head[i+len("每"):])[0]) {
		return true
	}
	return false
}

// boundOp reports a number stated as a floor or ceiling.
func boundOp(m mention) bool {
	switch m.opBefore {
	case "不少于", "至少", "不低于", "不超过", "不高于", "不多于", "不大于", "不小于":
		return true
	}
	return false
}

// verdict is the reading of one number, with the year it belongs to.
type verdict struct {
	kind   reading
	year   int    // a target's deadline, an observation's period; 0 unknown
	approx bool   // the year only comes from the plan's period or a section
	why    string // for --explain
}

// judge decides whether a number is a target, an observation or neither.
func (rd *reader) judge(c clause, m mention, times []timeRef, lc lineCtx, paraYear int, cu clauseCues) verdict {
	dy := rd.docYear
	t, timed, from := endTime(rd.text, times, m.numStart)
	target := func(year int, why string) verdict {
		if cu.subsidy && !m.coverage && rd.subsidyAmount(c, m) {
			return verdict{why: "a subsidy, reward or cap rule"}
		}
		if year == 0 {
			year = paraYear
		}
		if year == 0 && lc.stance == stanceFuture {
			year = lc.year
		}
		if year == 0 && rd.class == classReport && dy != 0 {
			year = dy
		}
		if year == 0 {
			year = rd.planEnd
		}
		if year == 0 {
			year = rd.worksYear
		}
		return verdict{kind: readTarget, year: year, why: why}
	}
	observed := func(year int, why string) verdict {
		if year == 0 && lc.stance == stancePast && lc.pastYear > 0 {
			year = lc.pastYear
		}
		if year < 0 {
			year = 0 // a review whose year is unknown (pastYear -1)
		}
		return verdict{kind: readObservation, year: year, why: why}
	}
	// 从2020年的82.4岁提升至83.9岁, said without a word of the future: the
	// change has happened, by the time the text speaks of.
	if !timed && from != 0 && dy != 0 && from < dy && !cu.strong {
		year := rd.sentencePeriod(c, lc)
		if year == 0 && rd.class == classReport {
			year = dy - 1
		}
		return observed(year, "the end of a change since "+strconv.Itoa(from))
	}
	// A comparison's later year: 比2020年下降13% in a plan is the goal's.
	if timed {
		switch {
		case t.kind == timeDeadline && (dy == 0 || t.year >= dy):
			return target(t.year, "deadline "+string(rd.text[t.start:t.end]))
		case t.kind == timeDeadline:
			return observed(t.year, "a deadline already past: "+string(rd.text[t.start:t.end]))
		case t.relative && !t.current && t.year == dy && t.kind == timeDate:
			if t.start >= 2 && (string(rd.text[t.start-2:t.start]) == "截至" || string(rd.text[t.start-2:t.start]) == "截止" || string(rd.text[t.start-2:t.start]) == "止到") {
				return observed(t.year, "as of "+string(rd.text[t.start:t.end]))
			}
			return observed(0, "since the start of this year")
		case t.relative && !t.current && t.year < dy:
			return observed(t.year, "dated "+string(rd.text[t.start:t.end]))
		case t.relative && t.kind == timeDeadline:
			return target(t.year, "next year")
		case dy != 0 && t.year < dy && t.kind != timeBase:
			// “十四五”期间年均增长6% commits over the span; “十四五”以来 looks back on it.
			if cu.strong && t.kind == timeSpan && !strings.HasSuffix(string(rd.text[t.start:t.end]), "以来") {
				return target(0, "a commitment over "+string(rd.text[t.start:t.end]))
			}
			return observed(t.year, "dated "+string(rd.text[t.start:t.end])+", before the document")
		case dy == 0 && t.kind == timeDate && !cu.strong && !cu.weak && lc.stance != stanceFuture:
			return observed(t.year, "dated "+string(rd.text[t.start:t.end]))
		}
		if t.relative && t.current && lc.stance == stancePast {
			// 全年 in a review of last year is that year.
			return observed(lc.pastYear, "the year under review, in "+lc.why)
		}
		// A year at or after the document's own: the rest decides.
		year := t.year
		if cu.past && !cu.strong || lc.stance == stancePast && !cu.strong && !cu.afterBasis {
			return observed(year, "past words in "+string(rd.text[t.start:t.end]))
		}
		// “十四五”时期 seen from before its end: a span still ahead.
		ahead := t.kind == timeSpan && dy != 0 && t.year > dy
		if cu.strong || cu.weak || cu.afterBasis || lc.stance == stanceFuture || rd.class == classPlan || rd.class == classReport || rd.newsPlan || ahead {
			return target(year, "a commitment for "+string(rd.text[t.start:t.end]))
		}
		return observed(year, "reported for "+string(rd.text[t.start:t.end]))
	}
	// 每个区应当设置至少1个中心，每处建筑面积不少于1000平方米: a standard
	// the rules hold those they govern to (DECISIONS 45, 62).
	if rd.class == classRules && cu.shall && (boundOp(m) || floorBefore(rd.text, c, m)) {
		return target(0, "a standard the rules set")
	}
	switch {
	case cu.afterBasis && !cu.past:
		return target(0, "the goal after 在…基础上")
	case cu.past && !cu.own:
		return observed(rd.sentencePeriod(c, lc), "past words in the clause")
	case cu.sentPast && !cu.own && lc.stance != stanceFuture:
		return observed(rd.sentencePeriod(c, lc), "a sentence about the past")
	case lc.stance == stancePast && !cu.own:
		// In a review, a future word earlier in the sentence (积极争取…；
		// 入境游客增长39%) does not make this clause a commitment.
		return observed(lc.pastYear, "in the review "+lc.why)
	case cu.strong:
		return target(0, "future words (力争, 确保, 目标)")
	case lc.stance == stancePast:
		return observed(lc.pastYear, "in the review "+lc.why)
	case lc.stance == stanceFuture:
		return target(0, "in the section "+lc.why)
	case paraYear != 0:
		return target(paraYear, "the paragraph's deadline")
	case cu.weakPast && rd.class != classPlan:
		return observed(rd.sentencePeriod(c, lc), "past words in the clause")
	case cu.weak && rd.class != classRules:
		return target(0, "weak future words (以上, 每年, 将)")
	case rd.class == classPlan && (actionVerbs.inRunes(rd.text[c.start:m.start]) || m.opBefore != "" || m.opAfter == "以上" || m.opAfter == "以下"):
		return target(0, "a plan's planned quantity")
	case (rd.worksYear != 0 || rd.newsPlan) && (actionVerbs.inRunes(rd.text[c.start:m.start]) || m.opBefore != ""):
		return target(rd.worksYear, "a planned quantity of the works the page announces")
	case rd.class == classNews:
		return observed(rd.sentencePeriod(c, lc), whyNewsFigure)
	}
	return verdict{why: "neither past nor committed"}
}

// subsidyAmount reports a number that a subsidy rule governs: 给予…最高
// 500万元, 奖励50万元, 按投资额20%给予补助. A subsidy word inside the
// indicator's own name (补助资金用于产业发展的比重提高到60%) is no rule.
func (rd *reader) subsidyAmount(c clause, m mention) bool {
	// 资助200名技能人才: how many are funded, a planned quantity.
	switch m.unit {
	case "名", "人", "人次", "位", "户":
		return false
	}
	near := string(rd.text[max(c.start, m.start-8):m.start])
	tail := string(rd.text[m.end:min(c.end, m.end+8)])
	for _, w := range []string{"给予", "最高", "补助", "补贴", "奖励", "资助", "一次性", "贴息", "奖补", "不超过"} {
		if strings.Contains(near, w) {
			return true
		}
	}
	// 按 sets a rate only in a clause that pays something (按投资额20%给予
	// 补助); 地区生产总值按增长5%安排 is a plan figure.
	if strings.Contains(near, "按") {
		ctext := string(rd.text[c.start:c.end])
		for _, w := range []string{"给予", "补助", "补贴", "奖励", "资助", "贴息", "奖补", "扶持", "减免", "收取", "征收", "计提", "计算"} {
			if strings.Contains(ctext, w) {
				return true
			}
		}
	}
	for _, w := range []string{"补助", "补贴", "奖励", "资助", "支持", "贴息", "奖补", "扶持"} {
		if strings.Contains(tail, w) {
			return true
		}
	}
	return false
}

// sentencePeriod is the period of a reported figure without a year of its
// own: the review's year, or none.
func (rd *reader) sentencePeriod(c clause, lc lineCtx) int {
	if lc.stance == stancePast && lc.pastYear > 0 {
		return lc.pastYear
	}
	return 0
}

// measured reports a past number that is a figure: a verb or measure word
// introduces it (增长8.1%, 达到), or it is marked approximate (200余家).
func (rd *reader) measured(c clause, m mention, consumed int) bool {
	if m.coverage || m.unit == "%" || m.unit == "个百分点" || m.unit == "倍" {
		return true
	}
	if lc := rd.lineCtxAt(c.start); lc.stance == stancePast && rd.class == classReport {
		return true // a work report's review states figures, one after another
	}
	head := string(rd.text[c.start:m.start])
	tail := string(rd.text[m.end:c.end])
	// 从2020年的82.4岁: a level dated by its own year.
	for _, w := range []string{"年的", "年末的", "年底的"} {
		if strings.HasSuffix(strings.TrimSpace(head), w) {
			return true
		}
	}
	// 疏解提质一般制造业企业104家: a quantity named, then its figure,
	// unlike 在5个片区驻点 where the count only describes a noun.
	stated := strings.TrimSpace(head) != "" && (m.end >= c.end || strings.ContainsRune("、，；。）)和及", rd.text[m.end]))
	return stated || containsAny(head, reportVerbs) || strings.Contains(head, "已") || m.opAfter == "余" || m.opAfter == "多" ||
		containsAny(tail, resultVerbs)
}

// paraTopic is the noun the current paragraph opens with.
func (rd *reader) paraTopic() string {
	c := rd.paraFirst
	if c.end <= c.start {
		return ""
	}
	return leadingNoun(string(trimPunct(rd.text[c.start:c.end])))
}

// lineCtxAt is the outline context of the line holding offset pos.
func (rd *reader) lineCtxAt(pos int) lineCtx {
	lo, hi := 0, len(rd.lines)
	for lo < hi {
		mid := (lo + hi) / 2
		if rd.lines[mid].end <= pos {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo < len(rd.ctx) {
		return rd.ctx[lo]
	}
	return lineCtx{}
}

// quantities builds the Quantity (two for a range) of a judged number.
func (rd *reader) quantities(c clause, m mention, ind string, v verdict) []Quantity {
	quote := strings.TrimSpace(string(rd.text[c.start:c.end]))
	base := Quantity{
		Indicator: ind, Value: roundValue(m.value), Unit: m.unit, Op: opOf(m),
		Scope: scopeOf(string(rd.text[c.start:c.end])), Quote: quote, Span: Span{c.start, c.end},
		Approx: m.opAfter == "左右" || m.opBefore == "约",
	}
	if m.coverage {
		base.Value, base.Unit, base.Op = 100, "%", ">="
	}
	if v.kind == readObservation {
		base.Op = "="
		if m.opAfter == "余" || m.opAfter == "多" || m.opBefore == "超" || m.opBefore == "超过" || m.opBefore == "突破" {
			base.Op = ">"
		}
		if v.year != 0 {
			p := strconv.Itoa(v.year)
			base.Period = &p
		}
	} else if v.year != 0 {
		y := v.year
		base.Year = &y
	}
	if !m.isRange() {
		return []Quantity{base}
	}
	lo, hi := base, base
	lo.Op, lo.Bound = ">=", "lower"
	hi.Value, hi.Op, hi.Bound = roundValue(m.upper), "<=", "upper"
	lo.Approx, hi.Approx = false, false
	return []Quantity{lo, hi}
}

// opOf reads the comparison a number is stated with.
func opOf(m mention) string {
	switch m.opAfter {
	case "以上":
		return ">="
	case "以下", "以内", "之内", "内":
		return "<="
	case "余", "多":
		return ">"
	case "左右":
		// 达到6.5%左右 is about 6.5%, not at least it (DECISIONS 4).
		if m.opBefore != "控制在" && m.opBefore != "不超过" && m.opBefore != "不高于" {
			return "="
		}
	}
	switch m.opBefore {
	case "超过", "超", "突破", "高于", "多于", "逾", "大于":
		return ">"
	case "小于", "少于", "不足":
		return "<"
	case "达到", "达", "不低于", "不少于", "不小于", "至少", "提高到", "提升到", "提升至", "提高至", "增长到", "增加到", "力争", "均达",
		"增至", "增加至", "扩大到", "扩大至", "上升到", "上升至", "升至":
		return ">="
	case "控制在", "不超过", "不高于", "不多于", "不大于", "低于", "降至", "降低到", "降低至", "下降到", "下降至", "减少到", "减少至",
		"压缩到", "压缩至", "缩短到", "缩短至", "控制到":
		return "<="
	case "近", "接近":
		return "<="
	case ">=", "≥", "≧":
		return ">="
	case "<=", "≤", "≦":
		return "<="
	case ">", "＞":
		return ">"
	case "<", "＜":
		return "<"
	}
	return "="
}

func dedupeKey(kind string, q Quantity) string {
	when := ""
	switch {
	case q.Year != nil:
		when = strconv.Itoa(*q.Year)
	case q.Period != nil:
		when = *q.Period
	}
	return kind + "\x00" + q.Quote + "\x00" + q.Indicator + "\x00" + strconv.FormatFloat(q.Value, 'g', -1, 64) + q.Unit + q.Bound + "\x00" + when
}

// hasNumberish is a quick test that a sentence may hold a quantity: a
// digit, 覆盖, 全部, 百分之, a fraction, or a Chinese numeral followed by a
// measure word.
func hasNumberish(s []rune) bool {
	for i, r := range s {
		switch {
		case isDigit(r), r == '覆':
			return true
		case r == '全' && i+1 < len(s) && s[i+1] == '部', r == '所' && i+1 < len(s) && s[i+1] == '有', r == '持' && i+1 < len(s) && s[i+1] == '平':
			return true
		case r == '百' && i+2 < len(s) && s[i+1] == '分' && s[i+2] == '之':
			return true
		case i+1 < len(s) && (isChineseNumeral(r) || r == '半'):
			if u, _ := matchUnit(s, i+1); u != "" {
				return true
			}
			if s[i+1] == '点' {
				return true
			}
			// 三分之一, 一半: a fraction of a whole.
			if s[i+1] == '分' && i+2 < len(s) && s[i+2] == '之' || r == '一' && s[i+1] == '半' {
				return true
			}
		}
	}
	return false
}

// reviewOpenings open a sentence that says a review follows.
var reviewOpenings = []string{"过去一年", "过去的一年", "一年来", "去年", "过去五年", "五年来"}

// reviewSentence reads a sentence without figures that opens a review of
// the past year (过去一年，我们的各项工作取得了很大成绩。): the figures
// after it in its paragraph are that year's.
func reviewSentence(s []rune, docYear int) (lineCtx, bool) {
	if docYear == 0 || hasNumberish(s) {
		return lineCtx{}, false
	}
	head := string(trimSpace(s[:min(len(s), 8)]))
	opens := false
	for _, w := range reviewOpenings {
		if strings.HasPrefix(head, w) {
			opens = true
			break
		}
	}
	if !opens || !containsAnyWord(string(s), []string{"成绩", "成效", "取得", "成就"}) {
		return lineCtx{}, false
	}
	return lineCtx{stance: stancePast, pastYear: docYear - 1, why: "after a sentence opening a review"}, true
}

// reDatedOpening is a sentence that opens with a year and a comma and
// holds no other figure: 2024年，全省经济运行稳中向好。
var reDatedOpening = regexp.MustCompile(`^\s*((?:19|20)\d{2})年[，,][^0-9０-９%％]*$`)

// datedOpening returns the year a figureless sentence opens with, or 0.
func datedOpening(s []rune) int {
	// 刚刚过去的2015年，面对…: the year just past, named as such.
	s = trimSpace(s)
	for _, p := range []string{"刚刚过去的", "过去的", "回顾"} {
		if hasPrefixAt(s, 0, p) {
			s = s[len([]rune(p)):]
			break
		}
	}
	if len(s) < 8 || len(s) > 120 || !isDigit(s[0]) {
		return 0
	}
	m := reDatedOpening.FindStringSubmatch(string(s))
	if m == nil {
		return 0
	}
	y, _ := strconv.Atoi(m[1])
	return y
}

// announcedWorks gives the year of the works a news title announces:
// 2024年某区政府为民办实事项目公布, 2019年市委市政府为民兴办10件实事.
// A title on their progress or results (完成情况, 进展) announces none.
func announcedWorks(title string, docYear int) int {
	if !strings.Contains(title, "实事") && !strings.Contains(title, "项目计划") && !strings.Contains(title, "重点项目") {
		return 0
	}
	for _, w := range []string{"完成", "进展", "情况", "成效", "回顾", "总结", "办结", "兑现"} {
		if strings.Contains(title, w) {
			return 0
		}
	}
	m := reWorksYear.FindStringSubmatch(title)
	if m == nil {
		return 0
	}
	y, _ := strconv.Atoi(m[1])
	if docYear != 0 && y < docYear {
		return 0
	}
	return y
}

// issuedNames are the plans a news page says were just issued: 印发《X》,
// 出台了《X》, 《X》出炉; at most three, in order. The brackets are found
// with a byte search and the verbs read around them: a pattern with the
// verbs as alternatives scanned every byte of every page's head.
func issuedNames(head string) []string {
	var out []string
	for rest := head; len(out) < 3; {
		k := strings.Index(rest, "《")
		if k < 0 {
			break
		}
		after := rest[k+len("《"):]
		e := strings.IndexAny(after, "《》")
		if e < 0 {
			break
		}
		name := after[:e]
		if after[e:e+len("》")] == "》" {
			if n := runeCount(name); n >= 4 && n <= 80 {
				before := strings.TrimSuffix(rest[:k], "了")
				next := after[e+len("》"):]
				if hasAnySuffix(before, []string{"印发", "出台", "发布", "出炉", "公布", "实施"}) ||
					strings.HasPrefix(next, "出炉") || strings.HasPrefix(next, "出台") || strings.HasPrefix(next, "发布") || strings.HasPrefix(next, "印发") {
					out = append(out, name)
				}
			}
		}
		rest = after[e:]
	}
	return out
}

// issuedPlan finds, in the head of a news page, a plan it reports as just
// issued, and the year the plan runs to (0 when its name sets none).
func issuedPlan(head string) (int, bool) {
	if !strings.Contains(head, "《") {
		return 0, false // the pattern needs a named plan
	}
	for _, name := range issuedNames(head) {
		if kindSuffix(name) == "" && !strings.HasSuffix(strings.TrimRight(reRange.ReplaceAllString(name, ""), "()（） "), "行动") {
			continue
		}
		if p := periodOf(name, nil, 0); p != nil {
			return p.End, true
		}
		return 0, true
	}
	return 0, false
}

// reWorksYear is a year a title names for itself (not 到2030年, 2030年前).
var reWorksYear = regexp.MustCompile(`(?:^|[^到至0-9])((?:19|20)\d{2})年[^前以底末]`)

// goalLead reads the year of a sentence that opens with it and leads a
// list of goals or of the year's works: 2023年，全区主要预期目标是：…,
// 2019年，市委、市政府为民兴办10件实事：. A review (2023年，我们做了以下
// 工作：) leads none.
func goalLead(s []rune, docYear int) int {
	t := trimSpace(s)
	if len(t) < 8 {
		return 0
	}
	y := 0
	if isDigit(t[0]) {
		if y = yearDigits(t[:4]); y == 0 || t[4] != '年' {
			return 0
		}
	} else if k := strings.Index(string(t[:min(len(t), 12)]), "今年"); k >= 0 && docYear != 0 {
		// 报告提出，今年要重点抓好以下工作：: the year the text speaks in.
		y = docYear
	} else {
		return 0
	}
	str := string(t)
	k := strings.IndexAny(str, "：:")
	if k < 0 {
		return 0
	}
	head := strings.TrimSpace(str[:k])
	if !hasAnySuffix(head, []string{"目标是", "目标为", "目标", "如下", "实事", "项目", "任务", "工作", "安排"}) {
		return 0
	}
	if containsAny(head, pastClauseWords) || strings.Contains(head, "做了") || strings.Contains(head, "取得") {
		return 0
	}
	if strings.Contains(head, "目标") || strings.Contains(head, "实事") || strings.Contains(head, "计划") || strings.Contains(head, "将") ||
		strings.Contains(head, "今年要") || strings.Contains(head, "以下") {
		return y
	}
	return 0
}

// nounUses blanks the words of pastClauseWords that stand inside a noun
// here (发明专利拥有量, 现有量): they name a stock, they do not report one.
func nounUses(s string) string {
	if !strings.Contains(s, "有量") && !strings.Contains(s, "有率") && !strings.Contains(s, "人拥有") && !strings.Contains(s, "均拥有") {
		return s
	}
	return strings.NewReplacer("拥有量", "", "拥有率", "", "保有量", "", "现有量", "", "占有率", "", "万人拥有", "", "千人拥有", "", "百人拥有", "", "人均拥有", "").Replace(s)
}

// skipMarker moves a heading line's start past its marker (11., （三）).
func skipMarker(text []rune, l line, marker string) line {
	mr := []rune(marker)
	i := l.start
	for i < l.end && isSpaceRune(text[i]) {
		i++
	}
	if i+len(mr) <= l.end && string(text[i:i+len(mr)]) == marker {
		l.start = i + len(mr)
	}
	return l
}

// whyNewsFigure is the reading of a figure a news page states with no
// sign of past or future: reported, unless a list it goes on says more.
const whyNewsFigure = "a news report's figure"

// qualifierAfter reports a number that picks out a case rather than
// counting one: 只有1家的, 50%来水年份条件下.
func qualifierAfter(text []rune, k, e int) bool {
	rest := string(text[k:min(e, k+8)])
	return strings.HasPrefix(rest, "的") || strings.Contains(rest, "条件") || strings.Contains(rest, "情况下")
}
