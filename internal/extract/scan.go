package extract

import "strings"

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
		if (rq.opAfter == "以上" || rq.opAfter == "以下") && rq.end < c.end && (text[rq.end] == '的' || isHan(text[rq.end]) && qualifiesLater(text, rq.end, c.end)) {
			// 规模200亩以上的示范园, 10亿元以上项目不少于5个: a threshold
			// that qualifies a noun, not a figure of its own.
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
	// 为, 是 and 有 are too common to mark a figure here (主要分为A、B和C四个区).
	verb := func(s string) bool {
		for _, w := range []string{"分为", "包括", "涵盖", "涉及"} {
			if strings.Contains(s, w) {
				return false
			}
		}
		return containsAny(s, reportVerbs) || containsAny(s, countVerbs)
	}
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

// qualifiesLater reports a noun phrase from i that is the subject of a
// later figure: 10亿元以上项目不少于5个 (a level verb before the next
// number), unlike 200家以上企业注册100家以上 (two figures in a row).
func qualifiesLater(text []rune, i, end int) bool {
	for j := i; j < end; j++ {
		if !isDigit(text[j]) {
			continue
		}
		head := string(text[i:j])
		for _, v := range levelVerbs {
			if strings.HasSuffix(head, v) {
				return true
			}
		}
		return false
	}
	return false
}
