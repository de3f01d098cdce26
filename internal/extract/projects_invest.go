package extract

import (
	"strings"
)

// investWords introduce a project's investment: 总投资, 计划投资, 投资.
var investWords = []string{"总投资额", "总投资", "计划投资", "概算投资", "投资"}

// investmentOf reads the total investment stated beside the project at
// span: before it (总投资超500亿元的晋北新能源基地) or just after it within
// its clause (建设XX产业园，总投资120亿元 is another clause and stays out;
// XX产业园（总投资120亿元）, XX项目总投资3.5亿元 are read). The value is in
// 万元; false when the sentence states none.
func investmentOf(src *source, span Span) (float64, bool) {
	rs := src.text
	// Before: "总投资…元的" right up to the name.
	from := max(0, span[0]-24)
	before := src.str(from, span[0])
	if k := strings.LastIndex(before, "元的"); k >= 0 && k+len("元的") == len(before) {
		head := before[:k+len("元")]
		for _, w := range investWords {
			if i := strings.LastIndex(head, w); i >= 0 {
				if v, ok := yuanAmount([]rune(head[i+len(w):])); ok {
					return v, true
				}
			}
		}
	}
	// After: within a few runes, not past a clause break.
	to := min(len(rs), span[1]+24)
	after := rs[span[1]:to]
	// A switch, not strings.ContainsRune: that encodes r and searches the
	// set's bytes for every rune.
cut:
	for i, r := range after {
		switch r {
		case '，', '。', '；', '：', ',', ';':
			after = after[:i]
			break cut
		}
	}
	// XX项目，总投资120亿元: the clause after the name opens with it.
	if to := min(len(rs), span[1]+30); span[1] < to {
		next := src.str(span[1], to)
		for _, lead := range []string{"项目", "工程", "建设"} {
			next = strings.TrimPrefix(next, lead)
		}
		if rest, ok := strings.CutPrefix(next, "，"); ok {
			for _, w := range []string{"总投资额", "总投资", "计划总投资", "计划投资"} {
				if strings.HasPrefix(rest, w) {
					if v, ok := yuanAmount([]rune(rest[len(w):])); ok {
						return v, true
					}
				}
			}
		}
	}
	a := strings.TrimLeft(src.str(span[1], span[1]+len(after)), "（(")
	for _, lead := range []string{"项目", "工程", "建设"} {
		a = strings.TrimPrefix(a, lead)
	}
	for _, w := range investWords {
		if strings.HasPrefix(a, w) {
			return yuanAmount([]rune(a[len(w):]))
		}
	}
	return 0, false
}

// yuanAmount reads "约120亿元", "超1.2万亿元", "3500万元" at the start of s,
// in 万元.
func yuanAmount(s []rune) (float64, bool) {
	i := 0
	for _, w := range []string{"约", "超过", "超", "近", "达到", "达", "逾", "为"} {
		if hasPrefixAt(s, i, w) {
			i += len([]rune(w))
			break
		}
	}
	tok, ok := scanNumber(s, i)
	if !ok || tok.chinese && tok.value < 1 {
		return 0, false
	}
	rest := string(s[tok.end:])
	rest = strings.TrimPrefix(strings.TrimPrefix(rest, "多"), "余")
	if !strings.HasPrefix(rest, "元") {
		return 0, false
	}
	v := tok.value / 10000
	if v <= 0 {
		return 0, false
	}
	return v, true
}
