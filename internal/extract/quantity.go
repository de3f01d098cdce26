package extract

import (
	"strconv"
	"strings"
)

// Words that mark a clause or sentence as a report of what already
// happened: its figures are observations, not targets.
var pastClauseWords = newWordSet(
	"去年", "上年", "同比", "比上年", "较上年", "比去年", "已经", "已", "累计", "现有", "目前",
	"截至", "截止", "基础上", "近年来", "以来", "过去", "实现了", "增长了", "达到了", "完成了", "当年",
)

var basisWords = newWordSet("基础上")

// Sentence-level past markers: they colour every clause that follows.
var pastSentenceWords = []string{"去年", "上年", "近年来", "以来", "过去一年", "过去五年", "目前", "截至", "截止", "刚刚过去"}

// Words that make a clause a commitment about the future. Strong ones
// carry over to the clauses that follow them in the sentence and outweigh
// a past context; weak ones only mark their own clause.
var strongFutureWords = newWordSet("力争", "确保", "目标", "预期", "今年", "明年", "全年", "到时")

var weakFutureWords = newWordSet(
	"争取", "计划", "每年", "年均", "将", "要", "以上", "以下", "以内", "不低于", "不超过", "不高于", "控制在", "左右",
)

// Words of subsidy and reward rules, whose numbers are caps and rates.
var subsidyWords = newWordSet("给予", "最高", "补助", "补贴", "奖励", "资助", "贴息", "一次性")

// Verbs that introduce a measured figure; a past clause without one is
// usually a count that describes something (5个招商片区驻点), not a figure.
var reportVerbs = newWordSet(
	"达到", "达", "增长", "下降", "提高", "提升", "降低", "减少", "增加", "实现", "完成", "占", "累计", "新增",
	"招引", "引进", "建成", "超过", "突破", "共有", "共计", "现有", "拥有", "排摸", "组织", "核减", "保持",
	"培育", "获批", "创建", "签约", "落地", "开工", "接待", "分别", "为", "是", "有", "超", "引育", "吸引",
	"新开", "开通", "改造", "新建", "建设", "投入", "发放", "帮助", "惠及", "带动", "减免", "总量", "规模", "直飞",
)

// Verbs that, when they stand right before the number, leave the counted
// noun after the number: 建成2个示范基地 counts 示范基地.
var countVerbs = newWordSet(
	"建成", "培育", "打造", "创建", "引进", "培养", "实现", "建设", "新建", "形成", "推出", "认定", "设立",
	"组建", "举办", "招引", "引育", "开通", "新开", "落地", "完成", "布局", "争创", "新增", "认定", "支持",
	"扶持", "遴选", "评选", "建立", "推广", "创成", "达到", "达", "有", "在现有", "现有", "与全国", "与", "增加",
	"吸引", "带动", "服务", "新培育", "累计培育", "引进培育", "新认定", "培训", "招聘", "招收", "资助", "救助",
)

// A number may stand without a unit after these: indices, scores, ratios.
var unitlessWords = newWordSet("指数", "得分", "系数", "收入比", "比值", "倍数")

// Level verbs stripped from the end of an indicator.
var levelVerbs = []string{
	"提高到", "提升到", "提升至", "提高至", "增长到", "增加到", "降低到", "降低至", "下降到", "下降至", "降至",
	"控制在", "保持在", "稳定在", "不低于", "不超过", "不高于", "不少于", "至少", "低于", "高于", "多于",
	"达到", "超过", "突破", "实现", "力争", "均达", "达", "超", "为", "是", "在", "约", "近", "逾",
}

var scopeWords = []string{"全市", "全区", "全县", "全省", "全国", "全域", "全镇", "我市", "本市", "我区", "我省", "本区", "全行业"}

// Prefixes that carry time or modality, not the quantity's name.
var leadWords = []string{"力争", "争取", "确保", "预计", "原则上", "基本", "其中", "同时", "并", "以及", "和", "与", "及", "全年", "今年", "去年", "上年", "当年", "目前", "实现"}

type quantityCtx struct {
	text     []rune
	docYear  int
	pastLine []bool // lines inside a review of past work (工作回顾)

	// A和B分别增长X、Y: the subjects still to hand out in this clause.
	label        string // the last short label line: a table row's indicator
	respSubjects []string
	respPred     string
	respNext     int
}

// clause is a stretch of a sentence between clause breaks.
type clause struct{ start, end int }

func clauses(text []rune, s line) []clause {
	var out []clause
	start := s.start
	depth := 0
	for i := s.start; i < s.end; i++ {
		switch text[i] {
		case '（', '(':
			depth++
		case '）', ')':
			if depth > 0 {
				depth--
			}
		}
		if depth == 0 && (clauseBreak(text[i]) || sentenceEnd(text[i])) {
			if i > start {
				out = append(out, clause{start, i})
			}
			start = i + 1
		}
	}
	if start < s.end {
		out = append(out, clause{start, s.end})
	}
	return out
}

// yearMention is a year written in the sentence.
type yearMention struct {
	pos, end int
	year     int
	deadline bool // 到2025年, 2025年前: a deadline, not a date
}

// findYears lists the years of a sentence: 到2025年, 2019年, 2025年底前.
func findYears(text []rune, s, e int) []yearMention {
	var out []yearMention
	for i := s; i+4 < e+1 && i+4 <= len(text); i++ {
		if !(isDigit(text[i]) && i+3 < e && isDigit(text[i+1]) && isDigit(text[i+2]) && isDigit(text[i+3])) {
			continue
		}
		if i > s && isDigit(text[i-1]) {
			continue
		}
		j := skipSpaces(text, i+4)
		if j >= e || text[j] != '年' {
			continue
		}
		if i+4 < e && isDigit(text[i+4]) {
			continue
		}
		y, _ := strconv.Atoi(string(text[i : i+4]))
		if y < 1900 || y > 2100 {
			continue
		}
		m := yearMention{pos: i, end: j + 1, year: y}
		// A range such as 2021-2025年 or 2023-2025三年计划 names a period.
		if i > s && (text[i-1] == '-' || text[i-1] == '—' || text[i-1] == '～' || text[i-1] == '~' || text[i-1] == '至') {
			continue
		}
		k := i - 1
		for k >= s && isSpace(text[k]) {
			k--
		}
		if k >= s && (text[k] == '到' || text[k] == '至') {
			m.deadline = true
		}
		after := string(text[j+1 : min(e, j+4)])
		if strings.HasPrefix(after, "前") || strings.HasPrefix(after, "底前") || strings.HasPrefix(after, "年底前") ||
			strings.HasPrefix(after, "末前") || strings.HasPrefix(after, "以前") {
			m.deadline = true
		}
		if strings.HasPrefix(after, "底") || strings.HasPrefix(after, "末") {
			if k >= s && (text[k] == '到' || text[k] == '至') {
				m.deadline = true
			}
		}
		out = append(out, m)
	}
	return out
}

// rawQuantity is one number with its unit and the words around it.
type rawQuantity struct {
	num      numberToken
	unit     string
	end      int // after the unit and any op word
	opBefore string
	opAfter  string
	coverage bool // 全覆盖: 100 %
}

// quantities finds the targets and observations of the whole text.
func (q *quantityCtx) quantities(lines []line) (targets, observations []Quantity) {
	seen := map[string]bool{}
	for i, l := range lines {
		inPast := i < len(q.pastLine) && q.pastLine[i]
		if n := l.end - l.start; n >= 2 && n <= 30 && !sentenceEnd(q.text[l.end-1]) {
			if !hasNumberish(q.text[l.start:l.end]) || markerStart(string(q.text[l.start])) {
				q.label = string(trimPunct([]rune(stripMarker(string(q.text[l.start:l.end])))))
			}
		}
		for _, s := range sentences(q.text, l) {
			t, o := q.sentence(s, inPast)
			// Pages that print a document twice give each figure twice.
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

func (q *quantityCtx) sentence(s line, inPast bool) (targets, observations []Quantity) {
	text := q.text
	if !hasNumberish(text[s.start:s.end]) {
		return nil, nil
	}
	sent := string(text[s.start:s.end])
	years := findYears(text, s.start, s.end)
	sentPast := false
	for _, w := range pastSentenceWords {
		if i := strings.Index(sent, w); i >= 0 && i < len(sent)/2+6 {
			sentPast = true
		}
	}
	var prev *Quantity
	afterBasis := false // the clause after 在…基础上 states the new goal
	strong := false     // a strong future word earlier in the sentence
	consumed := s.start
	for _, c := range clauses(text, s) {
		q.respSubjects = nil
		rqs := q.scanClause(c)
		if len(rqs) == 0 {
			// Nothing to read here, but the clause may still set the mood
			// of those that follow.
			cr := text[c.start:c.end]
			strong = strong || strongFutureWords.inRunes(cr)
			afterBasis = basisWords.inRunes(cr)
			continue
		}
		ctext := string(text[c.start:c.end])
		clausePast := containsAny(ctext, pastClauseWords) && !strings.Contains(ctext, "以上") || strings.Contains(ctext, "基础上")
		if strings.Contains(ctext, "已经") || strings.Contains(ctext, "累计") || strings.Contains(ctext, "基础上") || strings.Contains(ctext, "同比") {
			clausePast = true
		}
		clauseStrong := containsAny(ctext, strongFutureWords)
		strong = strong || clauseStrong
		weak := containsAny(ctext, weakFutureWords) && !strings.Contains(ctext, "争取到")
		future := strong || weak || afterBasis
		for _, rq := range rqs {
			if rq.num.start < consumed {
				continue
			}
			// The deadline year carries over to the clauses that follow it.
			year, period, deadline := 0, 0, false
			for _, y := range years {
				if y.pos > rq.num.start {
					break
				}
				if y.deadline {
					year, deadline = y.year, true
				} else {
					period = y.year
					if q.docYear == 0 || y.year >= q.docYear {
						year = y.year
					}
				}
			}
			past := clausePast || (sentPast && !deadline && !strong) || (inPast && !deadline)
			if !past && !deadline && period != 0 && (q.docYear != 0 && period < q.docYear || q.docYear == 0 && !future) {
				// A year that is not a deadline dates a figure: observed
				// when it lies before the document, or when nothing in the
				// clause commits to it.
				past = true
			}
			if !past && !deadline && !future && period == 0 {
				// Neither past nor committed: a description, not a figure.
				continue
			}
			if !past && containsAny(ctext, subsidyWords) {
				// 给予不超过总投入30%、最高3000万元的支持: a rule, not a target.
				continue
			}
			if rq.coverage && !deadline && !clauseStrong {
				// 全覆盖 is a commitment only with a deadline of its own.
				continue
			}
			if past && deadline && !clausePast {
				past = false
			}
			ind, after := q.indicator(c, rq, consumed, prev)
			if after > consumed {
				consumed = after
			}
			if len([]rune(ind)) < 2 {
				continue
			}
			qty := Quantity{
				Indicator: ind,
				Value:     rq.num.value,
				Unit:      rq.unit,
				Op:        opOf(rq),
				Scope:     scopeOf(ctext),
				Quote:     strings.TrimSpace(ctext),
				Span:      Span{c.start, c.end},
			}
			if rq.coverage {
				qty.Value, qty.Unit, qty.Op = 100, "%", ">="
			}
			if past {
				if !containsAny(string(text[c.start:rq.num.start]), reportVerbs) && !strings.HasPrefix(rq.opAfter, "余") && !strings.HasPrefix(rq.opAfter, "多") {
					continue
				}
				var p *string
				switch {
				case period != 0:
					v := strconv.Itoa(period)
					p = &v
				case strings.Contains(sent, "去年") || strings.Contains(sent, "上年"):
					if q.docYear != 0 {
						v := strconv.Itoa(q.docYear - 1)
						p = &v
					}
				}
				qty.Period = p
				qty.Op = "="
				observations = append(observations, qty)
			} else {
				if year == 0 && (strings.Contains(sent, "今年") || strings.Contains(sent, "全年")) && q.docYear != 0 {
					year = q.docYear
				}
				if year != 0 {
					y := year
					qty.Year = &y
				}
				targets = append(targets, qty)
			}
			prev = &qty
		}
		afterBasis = strings.Contains(ctext, "基础上")
	}
	return targets, observations
}

// hasNumberish is a quick test that a sentence may hold a quantity: a
// digit, 覆盖, or a Chinese numeral followed by a measure word.
func hasNumberish(s []rune) bool {
	for i, r := range s {
		switch {
		case isDigit(r), r == '覆':
			return true
		case i+1 < len(s) && (isChineseNumeral(r) || r == '半'):
			if u, _ := matchUnit(s, i+1); u != "" {
				return true
			}
		}
	}
	return false
}

// scanClause finds the numbers with units in a clause, dropping numbers
// that are part of names, dates, ordinals or structure counts.
func (q *quantityCtx) scanClause(c clause) []rawQuantity {
	text := q.text
	var out []rawQuantity
	for i := c.start; i < c.end; i++ {
		r := text[i]
		if hasPrefixAt(text, i, "全覆盖") || hasPrefixAt(text, i, "全部覆盖") {
			out = append(out, rawQuantity{num: numberToken{start: i, end: i + 1, value: 100}, unit: "%", end: i + 3, coverage: true})
			i += 2
			continue
		}
		if !(isDigit(r) || isChineseNumeral(r) || r == '半') {
			continue
		}
		if i > c.start && (isDigit(text[i-1]) || isChineseNumeral(text[i-1]) || text[i-1] == '.') {
			continue
		}
		tok, ok := scanNumber(text, i)
		if !ok || tok.end > c.end {
			continue
		}
		i = tok.end - 1
		if q.excluded(c, tok) {
			continue
		}
		j := skipSpaces(text, tok.end)
		rq := rawQuantity{num: tok}
		for _, w := range []string{"余", "多"} {
			if hasPrefixAt(text, j, w) {
				rq.opAfter = w
				j += len([]rune(w))
			}
		}
		unit, k := matchUnit(text, j)
		if unit == "" {
			// A bare number only counts for indices and scores.
			before := string(text[max(c.start, tok.start-12):tok.start])
			if tok.chinese || !unitlessWords.inRunes([]rune(before)) {
				continue
			}
			k = j
		}
		if tok.chinese && (tok.value == 1 || tok.value == 0) {
			continue
		}
		if tok.chinese && (unit == "年" || unit == "次" || unit == "批" || unit == "类" || unit == "种" || unit == "支" || unit == "位" || unit == "项" || unit == "条" || unit == "方面") {
			continue
		}
		if hasPrefixAt(text, k, "方面") || hasPrefixAt(text, k, "领域") || hasPrefixAt(text, k, "环节") {
			continue // 四个方面: the document's structure
		}
		if unit == "个" && (hasPrefixAt(text, k, "月") || hasPrefixAt(text, k, "工作日") || hasPrefixAt(text, k, "季度") ||
			hasPrefixAt(text, k, "小时") || hasPrefixAt(text, k, "星期") || hasPrefixAt(text, k, "百分点")) {
			if !hasPrefixAt(text, k, "百分点") {
				continue // 3个月, 40个工作日: a time limit, not a count
			}
		}
		rq.unit = unit
		k2 := skipSpaces(text, k)
		for _, w := range []string{"以上", "以下", "以内", "左右", "之内", "内"} {
			if hasPrefixAt(text, k2, w) {
				rq.opAfter = w
				k2 += len([]rune(w))
				k = k2
				break
			}
		}
		// 5个百分点 and 30强 style ranks are fine, but a unit that runs into
		// another Han word making a name (3个体系 is fine) is kept simple.
		rq.end = k
		b := tok.start - 1
		for b >= c.start && isSpace(text[b]) {
			b--
		}
		if b >= c.start {
			for _, w := range levelVerbs {
				wr := []rune(w)
				if b-len(wr)+1 >= c.start && string(text[b-len(wr)+1:b+1]) == w {
					rq.opBefore = w
					break
				}
			}
		}
		if q.enumerationCount(c, rq) {
			continue
		}
		if (rq.unit == "岁" || rq.unit == "周岁") && rq.opBefore == "" && rq.opAfter != "" {
			continue // 65岁以上老年人 names a group, 预期寿命达到80岁 is a figure
		}
		out = append(out, rq)
	}
	return out
}

// enumerationCount reports a number that counts the items of a list just
// before it (在上海、苏南、深圳5个片区驻点; A、B示范7个方面): such a count
// describes the list, it is not a figure.
func (q *quantityCtx) enumerationCount(c clause, rq rawQuantity) bool {
	before := string(q.text[c.start:rq.num.start])
	first := strings.Index(before, "、")
	if first < 0 {
		return false
	}
	last := strings.LastIndex(before, "、")
	head, tail := before[:first], before[last+len("、"):]
	verb := func(s string) bool { return containsAny(s, reportVerbs) || containsAny(s, countVerbs) }
	return !verb(head) && !verb(tail)
}

// excluded drops numbers inside names (G60, 5G, “3731”工程), ordinals,
// ranges, and counts that only describe the document's structure.
func (q *quantityCtx) excluded(c clause, tok numberToken) bool {
	text := q.text
	b := tok.start - 1
	for b >= c.start && text[b] == ' ' {
		b--
	}
	a := tok.end
	if b >= c.start {
		p := text[b]
		if isASCIILetter(p) || p == '第' || p == '等' || p == '-' || p == '—' || p == '～' || p == '~' || p == '/' || p == '#' {
			return true
		}
		if p == '“' || p == '"' || p == '「' || p == '《' {
			// A number opening a short quotation is a name: “3731”工程.
			for k := a; k < c.end && k < a+10; k++ {
				if text[k] == '”' || text[k] == '"' || text[k] == '」' || text[k] == '》' {
					return true
				}
			}
		}
	}
	if a < len(text) {
		n := text[a]
		if n == '-' || n == '—' || n == '～' || n == '~' || n == '/' || n == '.' {
			if a+1 < len(text) && isDigit(text[a+1]) {
				return true
			}
		}
		if isASCIILetter(n) {
			// 10Tbps is a quantity, 5G and 4A are names.
			if u, _ := matchUnit(text, a); u == "" {
				return true
			}
		}
		if n == '大' || n == '号' || n == '届' || n == '期' || n == '级' || n == '星' || n == '线' || n == '路' || n == '国' {
			return true
		}
	}
	// A number inside a short quotation anywhere: “一区两廊”, “30强”.
	open := -1
	for k := tok.start - 1; k >= c.start && k >= tok.start-8; k-- {
		if text[k] == '”' {
			break
		}
		if text[k] == '“' {
			open = k
			break
		}
	}
	if open >= 0 {
		for k := tok.end; k < c.end && k < tok.end+8; k++ {
			if text[k] == '”' {
				if k-open <= 10 {
					return true
				}
				break
			}
			if text[k] == '“' {
				break
			}
		}
	}
	return false
}

// indicator names the quantity: the words before the number, or the
// counted noun after it when only a verb stands before. It returns the
// offset up to which the clause has been used.
func (q *quantityCtx) indicator(c clause, rq rawQuantity, consumed int, prev *Quantity) (string, int) {
	text := q.text
	from := max(c.start, consumed)
	before := []rune(strings.TrimSpace(string(text[from:rq.num.start])))
	// After a list separator that follows a previous figure, start afresh.
	if k := lastListComma(before); k >= 0 {
		tail := before[k+1:]
		if len(trimPunct(tail)) >= 2 || prev == nil {
			before = tail
		} else if prev != nil {
			if q.respNext < len(q.respSubjects) {
				q.respNext++
				return stripLevelVerb(q.respSubjects[q.respNext-1] + q.respPred), rq.end
			}
			return prev.Indicator, rq.end
		}
	}
	if len(trimPunct(before)) == 0 && prev != nil && from > c.start && from < rq.num.start {
		return prev.Indicator, rq.end
	}
	b := string(trimPunct(before))
	for prevB := ""; prevB != b; {
		prevB = b
		b = stripLead(stripYearPhrase(b))
		for _, w := range scopeWords {
			b = strings.TrimPrefix(b, w)
		}
	}
	// A and B 分别 grew X and Y.
	if i := strings.Index(b, "分别"); i >= 0 {
		subjects := splitSubjects(b[:i])
		pred := b[i+len("分别"):]
		if len(subjects) > 0 {
			q.respSubjects, q.respPred, q.respNext = subjects, pred, 1
			return stripLevelVerb(subjects[0] + pred), rq.end
		}
	}
	trimmed := stripLevelVerb(b)
	countVerb := false
	for _, v := range countVerbs.list {
		if strings.HasSuffix(trimmed, v) && len([]rune(strings.TrimSuffix(trimmed, v))) <= 2 {
			countVerb = true
			break
		}
	}
	ofNoun := rq.end < c.end && text[rq.end] == '的' // 20余人的招商团队 counts the team
	if len([]rune(trimmed)) < 2 || countVerb || ofNoun {
		after, end := q.counted(c, rq)
		if len([]rune(after)) >= 2 {
			return after, end
		}
	}
	if (trimmed == "" || emptyIndicator(trimmed)) && prev == nil && q.label != "" {
		// A table cell such as 2023年达到80% belongs to its row's label.
		return q.label, rq.end
	}
	if emptyIndicator(trimmed) && prev != nil {
		// 增长7.5%，达到326.4亿元 and 达到6355亿元，同比增长3.5%: the same
		// subject, another measure.
		growth := ""
		if growthWords.inRunes([]rune(trimmed)) {
			growth = trimmed
		}
		trimmed = subjectOf(stripGrowth(prev.Indicator)) + growth
	}
	if strings.HasPrefix(trimmed, "占") && prev != nil {
		trimmed = subjectOf(prev.Indicator) + trimmed
	}
	if rq.coverage {
		trimmed = strings.TrimSuffix(trimmed, "实现") + "覆盖率"
	}
	return trimmed, rq.end
}

// counted reads the noun after a number: 2个全国农业信息化示范基地.
func (q *quantityCtx) counted(c clause, rq rawQuantity) (string, int) {
	text := q.text
	i := rq.end
	depth := 0
	j := i
	for j < c.end {
		r := text[j]
		if r == '（' || r == '(' {
			depth++
		} else if (r == '）' || r == ')') && depth > 0 {
			depth--
		} else if depth == 0 && (r == '、' || isDigit(r)) {
			break
		}
		j++
	}
	s := string(trimPunct(text[i:j]))
	s = strings.TrimPrefix(s, "的")
	for _, suf := range []string{"建设", "基础上"} {
		if strings.HasSuffix(s, suf) && len([]rune(s)) > len([]rune(suf))+2 {
			s = strings.TrimSuffix(s, suf)
		}
	}
	s = strings.Trim(s, "“”\"")
	return s, j
}

// lastListComma finds the last 、 outside brackets: 县（市、区） is one item.
func lastListComma(s []rune) int {
	depth := 0
	for i := len(s) - 1; i >= 0; i-- {
		switch s[i] {
		case '）', ')':
			depth++
		case '（', '(':
			if depth > 0 {
				depth--
			}
		case '、':
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

func splitSubjects(s string) []string {
	f := func(r rune) bool { return r == '和' || r == '、' || r == '与' || r == '及' }
	var out []string
	for _, p := range strings.FieldsFunc(s, f) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// subjectOf is the head of an indicator, before its measure words.
func subjectOf(ind string) string {
	for _, w := range []string{"总产值", "增加值", "产值", "营业收入", "规模", "总量", "投资"} {
		if i := strings.Index(ind, w); i >= 0 {
			return ind[:i+len(w)]
		}
	}
	return ind
}

func stripYearPhrase(s string) string {
	r := []rune(s)
	for {
		t := strings.TrimLeft(string(r), " ，,")
		r = []rune(t)
		n := 0
		if len(r) > 0 && (r[0] == '到' || r[0] == '至') {
			n = 1
		}
		k := n
		for k < len(r) && (isDigit(r[k]) || r[k] == ' ') {
			k++
		}
		if k > n && k < len(r) && r[k] == '年' {
			k++
			for _, w := range []string{"底前", "年底", "底", "末", "前", "内", "以前"} {
				if hasPrefixAt(r, k, w) {
					k += len([]rune(w))
					break
				}
			}
			r = r[k:]
			continue
		}
		return string(r)
	}
}

func stripLead(s string) string {
	for changed := true; changed; {
		changed = false
		s = strings.TrimLeft(s, " ，,、“”")
		for _, w := range leadWords {
			if strings.HasPrefix(s, w) && len(s) > len(w) {
				s = strings.TrimPrefix(s, w)
				changed = true
			}
		}
	}
	return s
}

func stripLevelVerb(s string) string {
	for changed := true; changed; {
		changed = false
		s = strings.TrimRight(s, " ，,、")
		for _, w := range levelVerbs {
			if strings.HasSuffix(s, w) && len(s) > len(w) {
				s = strings.TrimSuffix(s, w)
				changed = true
				break
			}
		}
	}
	return strings.Trim(s, "“”\" ")
}

func opOf(rq rawQuantity) string {
	switch rq.opAfter {
	case "以上":
		return ">="
	case "以下", "以内", "之内", "内":
		return "<="
	case "余", "多":
		return ">"
	}
	switch rq.opBefore {
	case "超过", "超", "突破", "高于", "多于", "逾":
		return ">"
	case "达到", "达", "不低于", "不少于", "至少", "提高到", "提升到", "提升至", "提高至", "增长到", "增加到", "力争", "均达":
		return ">="
	case "控制在", "不超过", "不高于", "低于", "降至", "降低到", "降低至", "下降到", "下降至":
		return "<="
	}
	return "="
}

func scopeOf(s string) string {
	for _, w := range scopeWords {
		if strings.Contains(s, w) {
			return w
		}
	}
	return ""
}

// Headings of a review of past work: every figure under them is an
// observation.
var reviewWords = newWordSet("回顾", "过去一年", "过去五年", "工作总结", "主要成绩", "取得的成绩", "发展成就", "发展基础", "发展现状", "基本情况", "上年工作", "去年工作")

// pastLines marks the lines of review sections.
func pastLines(roots []*node, nlines, docYear int) []bool {
	past := make([]bool, nlines)
	walk(roots, func(n *node) bool {
		review := containsAny(n.h.Title, reviewWords)
		if ys := findYears([]rune(n.h.Title), 0, len([]rune(n.h.Title))); !review && docYear != 0 && len(ys) == 1 &&
			ys[0].year < docYear && !ys[0].deadline && strings.Contains(n.h.Title, "工作") {
			review = true // 2025年工作回顾, 2025年主要工作
		}
		if !review {
			return true
		}
		for i := n.line; i < n.bodyEnd && i < nlines; i++ {
			past[i] = true
		}
		return false
	})
	return past
}

var growthWords = newWordSet("增长", "下降", "提高", "降低", "减少", "增加", "增速", "增幅")

// emptyIndicator reports an indicator that is only a verb.
func emptyIndicator(s string) bool {
	for _, list := range [][]string{levelVerbs, countVerbs.list, {"增长", "下降", "提高", "降低", "减少", "增加", "累计", "总计", "合计", "共", "共计",
		"同比增长", "比上年增长", "年均增长", "同比下降", "比上年下降", "增速", "增幅"}} {
		for _, w := range list {
			if s == w {
				return true
			}
		}
	}
	return false
}

func stripGrowth(s string) string {
	for _, w := range []string{"同比增长", "年均增长", "增长", "下降", "提高", "降低", "减少", "增加"} {
		if strings.HasSuffix(s, w) && len(s) > len(w) {
			return strings.TrimSuffix(s, w)
		}
	}
	return s
}

func dedupeKey(kind string, q Quantity) string {
	return kind + "\x00" + q.Quote + "\x00" + q.Indicator + "\x00" + strconv.FormatFloat(q.Value, 'g', -1, 64) + q.Unit
}

// stripMarker drops a heading marker from the start of a line.
func stripMarker(s string) string {
	if _, n := marker(s); n > 0 {
		return s[n:]
	}
	return s
}
