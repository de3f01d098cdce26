package extract

import (
	"strconv"
	"strings"
)

// Words that mark a clause or sentence as a report of what already
// happened: its figures are observations, not targets.
// Sentence-level past markers: they colour every clause that follows.
// Words that make a clause a commitment about the future. Strong ones
// carry over to the clauses that follow them in the sentence and outweigh
// a past context; weak ones only mark their own clause.
// Words of subsidy and reward rules, whose numbers are caps and rates.
// Verbs that introduce a measured figure; a past clause without one is
// usually a count that describes something (5个招商片区驻点), not a figure.
// Verbs that, when they stand right before the number, leave the counted
// noun after the number: 建成2个示范基地 counts 示范基地.
// A number may stand without a unit after these: indices, scores, ratios.
// Level verbs stripped from the end of an indicator.
// Prefixes that carry time or modality, not the quantity's name.
type quantityCtx struct {
	text     []rune
	docYear  int
	pastLine []int        // per line: the year a review of past work covers (see pastLines)
	skip     map[int]bool // lines already read as indicator-table rows

	// A和B分别增长X、Y: the subjects still to hand out in this clause.
	label        string // the last short label line: a table row's indicator
	labelLine    int    // index of that line
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
		if i > s && (text[i-1] == '-' || text[i-1] == '—' || text[i-1] == '～' || text[i-1] == '~' ||
			text[i-1] == '至' && i > s+1 && isDigit(text[i-2])) {
			continue
		}
		k := i - 1
		for k >= s && isSpace(text[k]) {
			k--
		}
		// 截至2020年底 dates a figure; 到2025年 and 至2025年 set a deadline.
		cutoff := k >= s+1 && (text[k-1] == '截')
		if k >= s && (text[k] == '到' || text[k] == '至') && !cutoff {
			m.deadline = true
		}
		after := string(text[j+1 : min(e, j+4)])
		if strings.HasPrefix(after, "前") || strings.HasPrefix(after, "底前") || strings.HasPrefix(after, "年底前") ||
			strings.HasPrefix(after, "末前") || strings.HasPrefix(after, "以前") {
			m.deadline = true
		}
		if strings.HasPrefix(after, "底") || strings.HasPrefix(after, "末") {
			if k >= s && (text[k] == '到' || text[k] == '至') && !cutoff {
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
		if q.skip[i] {
			continue
		}
		inPast := 0
		if i < len(q.pastLine) {
			inPast = q.pastLine[i]
		}
		if n := l.end - l.start; n >= 2 && n <= 30 && !sentenceEnd(q.text[l.end-1]) {
			if !hasNumberish(q.text[l.start:l.end]) || markerStart(string(q.text[l.start])) {
				q.label = string(trimPunct([]rune(stripMarker(string(q.text[l.start:l.end])))))
				q.labelLine = i
			}
		}
		if q.labelLine != i-1 && q.labelLine != i {
			q.label = "" // a label only names the cell right below it
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

func (q *quantityCtx) sentence(s line, reviewed int) (targets, observations []Quantity) {
	inPast := reviewed != 0
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
			strong = strong || containsAny(strings.ReplaceAll(string(cr), "今年以来", ""), strongFutureWords)
			afterBasis = basisWords.inRunes(cr)
			continue
		}
		ctext := string(text[c.start:c.end])
		clausePast := containsAny(ctext, pastClauseWords) && !strings.Contains(ctext, "以上") || strings.Contains(ctext, "基础上")
		if strings.Contains(ctext, "已经") || strings.Contains(ctext, "累计") || strings.Contains(ctext, "基础上") || strings.Contains(ctext, "同比") {
			clausePast = true
		}
		// 今年以来 looks back over this year: not a commitment.
		clauseStrong := containsAny(strings.ReplaceAll(ctext, "今年以来", ""), strongFutureWords)
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
			if deadline && q.docYear != 0 && year < q.docYear {
				// 提高到2025年的14万元 in a 2026 report: a past deadline
				// reports what was reached.
				deadline, period = false, year
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
				head := string(text[c.start:rq.num.start])
				if !containsAny(head, reportVerbs) && !strings.Contains(head, "已") && !strings.HasPrefix(rq.opAfter, "余") && !strings.HasPrefix(rq.opAfter, "多") {
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
				case reviewed > 0:
					v := strconv.Itoa(reviewed)
					p = &v
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

// indicator names the quantity: the words before the number, or the
// counted noun after it when only a verb stands before. It returns the
// offset up to which the clause has been used.
// counted reads the noun after a number: 2个全国农业信息化示范基地.
// lastListComma finds the last 、 outside brackets: 县（市、区） is one item.
// subjectOf is the head of an indicator, before its measure words.
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
	case "达到", "达", "不低于", "不少于", "至少", "提高到", "提升到", "提升至", "提高至", "增长到", "增加到", "力争", "均达",
		"增至", "增加至", "扩大到", "扩大至":
		return ">="
	case "控制在", "不超过", "不高于", "低于", "降至", "降低到", "降低至", "下降到", "下降至":
		return "<="
	}
	return "="
}

// Headings of a review of past work: every figure under them is an
// observation.
// pastLines marks the lines of review sections with the year they review:
// the year in the heading (2025年工作回顾), else the year before the
// document's, else -1 when neither is known; 0 marks other lines.
func pastLines(roots []*node, nlines, docYear int) []int {
	past := make([]int, nlines)
	walk(roots, func(n *node) bool {
		y := reviewYear(n.h.Title, docYear)
		if y == 0 {
			return true
		}
		for i := n.line; i < n.bodyEnd && i < nlines; i++ {
			past[i] = y
		}
		return false
	})
	return past
}

// reviewYear reports whether a heading opens a review of past work and of
// which year: -1 when the year is unknown, 0 when it is no review.
func reviewYear(title string, docYear int) int {
	tr := []rune(title)
	ys := findYears(tr, 0, len(tr))
	review := containsAny(title, reviewWords)
	if !review && docYear != 0 && len(ys) == 1 && ys[0].year < docYear && !ys[0].deadline && strings.Contains(title, "工作") {
		review = true // 2025年工作回顾, 2025年主要工作
	}
	switch {
	case !review:
		return 0
	case len(ys) == 1 && !ys[0].deadline:
		return ys[0].year
	case docYear != 0:
		return docYear - 1
	}
	return -1
}

// emptyIndicator reports an indicator that is only a verb.
func dedupeKey(kind string, q Quantity) string {
	return kind + "\x00" + q.Quote + "\x00" + q.Indicator + "\x00" + strconv.FormatFloat(q.Value, 'g', -1, 64) + q.Unit
}

// stripMarker drops a heading marker from the start of a line.
