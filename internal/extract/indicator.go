package extract

import (
	"strings"
)

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
		if after == "" && end == rq.num.start {
			return "", end
		}
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
	return balanceQuotes(trimmed), rq.end
}

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
	if j < c.end && isDigit(text[j]) {
		// 17个重点产业增加值增长5.3%: the count qualifies the next figure's
		// subject; it is not a figure of its own.
		phrase := string(text[i:j])
		if growthWords.inRunes([]rune(phrase)) || strings.HasSuffix(phrase, "达到") || strings.HasSuffix(phrase, "完成投资") {
			return "", rq.num.start
		}
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

func scopeOf(s string) string {
	for _, w := range scopeWords {
		if strings.Contains(s, w) {
			return w
		}
	}
	return ""
}

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

func stripMarker(s string) string {
	if _, n := marker(s); n > 0 {
		return s[n:]
	}
	return s
}

// balanceQuotes restores an opening quote cut off with the words before an
// indicator: 农机服务+”新型组织 → “农机服务+”新型组织.
func balanceQuotes(s string) string {
	open, close := strings.Count(s, "“"), strings.Count(s, "”")
	if close > open && !strings.HasPrefix(s, "“") {
		return "“" + s
	}
	if open > close && strings.HasSuffix(s, "“") {
		return strings.TrimSuffix(s, "“")
	}
	return s
}
