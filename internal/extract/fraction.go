package extract

import "math"

// A fraction of a whole (三分之一, 1/4, 一半) is a dimensionless figure
// (DECISIONS.md 42): 压减三分之一以上 and 清偿一半以上 state levels as
// surely as 30% does.

// fractionAt reads a fraction at text[i]: 三分之一, 1/4, 一半 with a word
// that makes it a level (超过一半, 一半以上). ok is false for anything else.
// den and denOK are scanNumber(text, i), which the caller has read.
func fractionAt(text []rune, s, e, i int, den numberToken, denOK bool) (mention, bool) {
	if hasPrefixAt(text, i, "一半") {
		m := mention{start: i, numStart: i, numEnd: i + 2, end: i + 2, value: 0.5, chinese: true, fraction: true}
		fractionOps(text, s, e, &m)
		if m.opBefore == "" && m.opAfter == "" && (i == s || text[i-1] != '近' && text[i-1] != '占') {
			return mention{}, false // 一半 in prose (一半是…): no figure
		}
		return m, true
	}
	if !denOK || den.end >= e || den.end == i {
		return mention{}, false
	}
	j := den.end
	switch {
	case den.chinese && hasPrefixAt(text, j, "分之"):
		j += 2
	case !den.chinese && text[j] == '/' && j+1 < e && isDigit(text[j+1]):
		// 1/4 is numerator first: read it the other way round below.
		num := den
		d, ok := scanNumber(text, j+1)
		if !ok || d.end > e || d.value <= num.value || d.value > 100 || num.value != float64(int(num.value)) {
			return mention{}, false
		}
		if d.end < e && codeRune(text[d.end]) || i > s && codeRune(text[i-1]) {
			return mention{}, false // 2023/12/01, a path or a code: no fraction
		}
		m := mention{start: i, numStart: i, numEnd: d.end, end: d.end, value: fractionValue(num.value, d.value), fraction: true}
		fractionOps(text, s, e, &m)
		return m, true
	default:
		return mention{}, false
	}
	num, ok := scanNumber(text, j)
	if !ok || num.end > e || num.end == j || num.value <= 0 || num.value >= den.value {
		return mention{}, false
	}
	m := mention{start: i, numStart: i, numEnd: num.end, end: num.end, value: fractionValue(num.value, den.value), chinese: true, fraction: true}
	fractionOps(text, s, e, &m)
	return m, true
}

// fractionOps sets the op words around a fraction: 超过…, …以上, …左右.
func fractionOps(text []rune, s, e int, m *mention) {
	m.opBefore = opWordBefore(text, s, m.start)
	k := skipSpaces(text, m.end)
	for _, w := range []string{"以上", "以下", "以内", "左右"} {
		if k < e && hasPrefixAt(text, k, w) {
			m.opAfter = w
			m.end = k + len([]rune(w))
			return
		}
	}
}

// fractionValue is num/den to four places, as the evaluation set writes a
// third (0.3333).
func fractionValue(num, den float64) float64 {
	return math.Round(num/den*1e4) / 1e4
}

// codeRune is a character that joins digits into a date, a path or a code.
func codeRune(r rune) bool {
	return r == '/' || r == '.' || r == '-' || r == '_' || isDigit(r) || isASCIILetter(r)
}
