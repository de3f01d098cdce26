package extract

import "strings"

// mention is a number as the text writes it, with its unit and the op
// words around it: the raw material that the reading pass judges.
type mention struct {
	start, end       int     // the number through its unit and trailing op word
	numStart, numEnd int     // the digits and magnitude
	value            float64 // magnitude folded in: 1.2亿 → 1.2e8
	upper            float64 // a range's upper bound (8-10个), else 0
	unit             string
	opBefore         string // 达到, 超过, 不低于 …
	opAfter          string // 以上, 以下, 左右, 余, 多 …
	chinese          bool   // written in Chinese numerals
	coverage         bool   // 全覆盖, 全部: a commitment to 100 %
	all              bool   // 全部 + a verb: every one of a class does it
	bare             bool   // no unit: an index, ratio or score
	flat             bool   // 持平: a change of nought
	fraction         bool   // 三分之一, 1/4, 一半: a share of a whole, no unit
}

func (m mention) isRange() bool { return m.upper > m.value }

// rangeDashes join the bounds of a range: 8-10个, 4.5%—5%, 1～3个百分点.
const rangeDashes = "-—–～~至到"

// scanMentions finds the numbers with units in text[s:e]. It only reads
// what is written; whether a number is a figure at all is the reading
// pass's question.
func scanMentions(text []rune, s, e int) []mention {
	// Nothing read past the clause: a unit or op word there belongs to the
	// next one.
	text = text[:e]
	var out []mention
	for i := s; i < e; i++ {
		r := text[i]
		// 居民消费价格与上年持平: a change of nought; not 保持平稳.
		if r == '持' && i+1 < e && text[i+1] == '平' && (i == s || text[i-1] != '保' && text[i-1] != '维') && (i+2 >= e || text[i+2] != '稳' && text[i+2] != '衡') {
			out = append(out, mention{start: i, end: i + 2, numStart: i, numEnd: i + 2, value: 0, unit: "%", flat: true})
			i++
			continue
		}
		if r == '全' || r == '所' {
			if m, ok := coverageAt(text, s, e, i); ok {
				out = append(out, m)
				i = m.end - 1
			}
			continue
		}
		// 比2020年翻一番: the quantity doubles (DECISIONS 83: 2 倍).
		if r == '翻' {
			for _, w := range []struct {
				word  string
				times float64
			}{{"翻一番", 2}, {"翻两番", 4}, {"翻番", 2}} {
				if hasPrefixAt(text, i, w.word) {
					n := len([]rune(w.word))
					out = append(out, mention{start: i, end: i + n, numStart: i, numEnd: i + n, value: w.times, unit: "倍", opBefore: "达到"})
					i += n - 1
					break
				}
			}
			continue
		}
		if r == '百' && hasPrefixAt(text, i, "百分之") {
			if m, ok := percentWordAt(text, e, i); ok {
				out = append(out, m)
				i = m.end - 1
			}
			continue
		}
		if !(isDigit(r) || isChineseNumeral(r) || r == '半') {
			continue
		}
		// The number at i, read once for the fraction, the mention and the
		// skip past it below.
		tok, tokOK := scanNumber(text, i)
		if m, ok := fractionAt(text, s, e, i, tok, tokOK); ok {
			out = append(out, m)
			i = m.end - 1
			continue
		}
		// Digits after a decimal point belong to the number before it; 点 is
		// one only between numerals (三点五), not ending a noun (服务点3万个).
		if i > s && (isDigit(text[i-1]) || isChineseNumeral(text[i-1]) || text[i-1] == '.' ||
			text[i-1] == '点' && i-1 > s && (isDigit(text[i-2]) || isChineseNumeral(text[i-2]))) {
			continue
		}
		m, ok := mentionAt(text, s, e, i, tok, tokOK)
		if !ok {
			if tokOK && tok.end > i {
				i = tok.end - 1
			}
			continue
		}
		out = append(out, m)
		i = m.end - 1
	}
	return out
}

// mentionAt reads the number at text[i] with what follows it. tok and ok
// are scanNumber(text, i), which the caller has read.
func mentionAt(text []rune, s, e, i int, tok numberToken, ok bool) (mention, bool) {
	if !ok || tok.end > e || tok.end == i {
		return mention{}, false
	}
	m := mention{start: i, numStart: i, numEnd: tok.end, value: tok.value, chinese: tok.chinese}
	j := skipSpaces(text, tok.end)
	for _, w := range []string{"余", "多"} {
		if hasPrefixAt(text, j, w) {
			m.opAfter = w
			j += len([]rune(w))
		}
	}
	// 1800多万套: the magnitude after 多 still counts.
	if m.opAfter != "" && magnitudeOf(text[tok.start:tok.end]) == 1 {
		for _, mg := range magnitudes {
			if hasPrefixAt(text, j, mg.word) && !kiloUnitAt(text, j) { // 10余千米 is ten-odd kilometres
				m.value = roundValue(m.value * mg.mult)
				j += len([]rune(mg.word))
				m.numEnd = j
				break
			}
		}
	}
	// 2个多百分点: 多 inside the unit.
	if hasPrefixAt(text, j, "个多百分点") {
		m.opAfter = "多"
		m.unit, m.end, m.numEnd = "个百分点", j+5, tok.end
		m.opBefore = opWordBefore(text, s, i)
		return m, true
	}
	unit, k := matchUnit(text, j)
	// 平均受教育年限达到11.5年, 使用寿命延长至8年: years as a length of
	// time, where a word of duration names what is measured (年 is no unit
	// elsewhere: it ends dates).
	if unit == "" && !tok.chinese && tok.value < 100 && j < e && text[j] == '年' && durationBefore(text, s, i) {
		unit, k = "年", j+1
	}
	// A range: 8-10个, 4.5%-5%, 3至5家. The first bound may carry the unit.
	rj := k
	if unit == "" {
		rj = j
	}
	if rj < e && strings.ContainsRune(rangeDashes, text[rj]) && m.opAfter == "" {
		nj := skipSpaces(text, rj+1)
		if nj < e && (!tok.chinese && isDigit(text[nj]) || tok.chinese && isChineseNumeral(text[nj])) {
			if up, ok := scanNumber(text, nj); ok && up.end <= e {
				lower := tok.value
				if unit == "" && magnitudeOf(text[tok.start:tok.end]) == 1 {
					lower *= magnitudeOf(text[up.start:up.end]) // 2-3万吨: 万 covers both
				}
				uj := skipSpaces(text, up.end)
				u2, k2 := matchUnit(text, uj)
				if up.value > lower && u2 != "" && (unit == "" || unit == u2) {
					m.value, m.upper, unit, k, m.numEnd = lower, up.value, u2, k2, up.end
				} else if up.value > lower && unit != "" && u2 == "" && rj == k {
					m.value, m.upper, k, m.numEnd = lower, up.value, up.end, up.end
				}
			}
		}
	}
	if unit == "成" {
		// 超五成, 近八成: tenths, read as a percentage. 成 that starts a
		// word (成为, 成果) is no unit.
		if k < e && strings.ContainsRune("为立果本员效绩交功熟长型都片套品分", text[k]) {
			unit, k = "", j
		} else {
			m.value, m.upper, unit = m.value*10, m.upper*10, "%"
		}
	}
	// 分别降低20个、10个百分点: the last value's unit completes the others'.
	if unit == "个" && k < e && text[k] == '、' {
		n := k + 1
		for n < e && (isDigit(text[n]) || text[n] == '.') {
			n++
		}
		if n > k+1 && hasPrefixAt(text, n, "个百分点") {
			unit = "个百分点"
		}
	}
	if unit == "" && !tok.chinese && magnitudeOf(text[tok.start:tok.end]) > 1 {
		unit = peopleCounted(text, i) // 参保人数增加7359万: people, though unwritten
		if unit == "" && m.value > 0 && peopleAfter(text, j, e) {
			unit = "人" // 12万农村居民: the noun counts people, no measure word between
		}
	}
	if unit == "" {
		m.bare = true
		k = j
	}
	m.unit = unit
	k2 := skipSpaces(text, k)
	for _, w := range []string{"以上", "以下", "以内", "左右", "之内", "及以上", "及以下"} {
		if hasPrefixAt(text, k2, w) {
			m.opAfter = strings.TrimPrefix(w, "及")
			k = k2 + len([]rune(w))
			break
		}
	}
	if m.opAfter == "" && !m.bare && hasPrefixAt(text, k2, "内") && !hasPrefixAt(text, k2, "内容") {
		m.opAfter = "内"
		k = k2 + 1
	}
	m.end = k
	m.opBefore = opWordBefore(text, s, i)
	return m, true
}

// magnitudeOf is the multiplier a number's magnitude word carries.
func magnitudeOf(num []rune) float64 {
	s := string(num)
	for _, m := range magnitudes {
		if strings.HasSuffix(s, m.word) {
			return m.mult
		}
	}
	return 1
}

// opWordBefore finds a level verb right before the number: 达到, 不低于.
func opWordBefore(text []rune, s, i int) string {
	b := beforeSkip(text, s, i)
	if b < s {
		return ""
	}
	for _, k := range levelVerbsByLast[text[b]] {
		wr := levelVerbRunes[k]
		if b-len(wr)+1 >= s && runesEqual(text[b-len(wr)+1:b+1], wr) {
			return levelVerbs[k]
		}
	}
	return ""
}

var levelVerbRunes = func() [][]rune {
	out := make([][]rune, len(levelVerbs))
	for i, w := range levelVerbs {
		out[i] = []rune(w)
	}
	return out
}()

// levelVerbsByLast lists the level verbs by their last rune, in the order
// of levelVerbs so that the first verb to match stays the one found: every
// mention looks back for one, and few verbs end in the rune before it.
var levelVerbsByLast = func() map[rune][]int {
	out := map[rune][]int{}
	for i, wr := range levelVerbRunes {
		if len(wr) > 0 {
			last := wr[len(wr)-1]
			out[last] = append(out[last], i)
		}
	}
	return out
}()

func runesEqual(a, b []rune) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// coverageAt reads 全覆盖, 全部覆盖 and 实现…全覆盖: a coverage commitment of
// 100 %. 全部 alone is read by the reading pass, which knows the verb.
// allVerbs follow 全部 in a commitment that every one of a class will do
// something: 全部实施循环化改造, 全部建成, 全部纳入监测.
var allVerbs = []string{"实施", "建成", "纳入", "达到", "完成", "实现", "接入", "配备", "覆盖", "通", "落实", "开展", "建立", "改造", "安装", "使用", "淘汰", "关停", "退出", "达标",
	"摘帽", "脱贫", "清零", "销号", "拆除", "整改", "到位", "搬迁", "关闭", "取消", "消除", "具备", "提供"}

func coverageAt(text []rune, s, e, i int) (mention, bool) {
	// 所有天然林都纳入保护范围: every one of a class, then 都 or 均 and the verb.
	if hasPrefixAt(text, i, "所有") {
		for k := i + 3; k < min(e, i+20); k++ {
			if text[k] != '都' && text[k] != '均' {
				continue
			}
			for _, v := range allVerbs {
				if hasPrefixAt(text, k+1, v) {
					return mention{start: i, end: i + 2, numStart: i, numEnd: i + 2, value: 100, unit: "%", coverage: true, all: true}, true
				}
			}
			break
		}
	}
	// 健全覆盖城乡的网络, 安全部门: the 全 ends another word.
	if text[i] == '全' && i > s && strings.ContainsRune("健安完齐周保成万", text[i-1]) {
		return mention{}, false
	}
	if hasPrefixAt(text, i, "全部") && i+2 < e {
		for _, v := range allVerbs {
			if hasPrefixAt(text, i+2, v) {
				return mention{start: i, end: i + 2, numStart: i, numEnd: i + 2, value: 100, unit: "%", coverage: true, all: true}, true
			}
		}
	}
	for _, w := range []string{"全覆盖", "全部覆盖", "全域覆盖"} {
		if hasPrefixAt(text, i, w) && i+len([]rune(w)) <= e {
			n := len([]rune(w))
			if i+n < e && (text[i+n] == '的' || text[i+n] == '、') {
				return mention{}, false // 全覆盖的监测网络: a quality of a noun
			}
			if i > 1 && text[i-1] == '个' && (isChineseNumeral(text[i-2]) || isDigit(text[i-2])) {
				return mention{}, false // “十个全覆盖”工程: a programme's name
			}
			return mention{start: i, end: i + n, numStart: i, numEnd: i + n, value: 100, unit: "%", coverage: true}, true
		}
	}
	return mention{}, false
}

// percentWordAt reads 百分之五十一 and 百分之3.5: a percentage in words.
func percentWordAt(text []rune, e, i int) (mention, bool) {
	j := i + 3
	tok, ok := scanNumber(text, j)
	if !ok || tok.end > e {
		return mention{}, false
	}
	m := mention{start: i, numStart: i, numEnd: tok.end, end: tok.end, value: tok.value, unit: "%", chinese: tok.chinese}
	k := skipSpaces(text, tok.end)
	for _, w := range []string{"以上", "以下", "以内", "左右"} {
		if hasPrefixAt(text, k, w) {
			m.opAfter = w
			m.end = k + len([]rune(w))
			break
		}
	}
	return m, true
}

// peopleCounted reads the unit a count of people leaves unwritten (参保人数
// 增加7359万，总计达到1.17亿) from the words of the sentence before the
// number: 人次 or 人, or "" when it counts no people.
func peopleCounted(text []rune, i int) string {
	from := i
	for from > 0 && i-from < 24 && !strings.ContainsRune("。；;\n", text[from-1]) {
		from--
	}
	b := string(text[from:i])
	switch {
	case strings.Contains(b, "人次"):
		return "人次"
	case strings.Contains(b, "人数"), strings.Contains(b, "人口"):
		return "人"
	}
	return ""
}

// peopleNouns name people counted without a measure word (DECISIONS 38).
var peopleNouns = []string{"居民", "群众", "农民", "人口", "职工", "群体", "学生", "儿童", "老人", "老年人", "劳动力", "游客", "患者", "妇女", "青年", "毕业生", "市民", "村民", "移民", "员工", "人员", "残疾人", "孤儿"}

// peopleAfter reports a people noun at text[k], after at most four runes
// of Han that qualify it (农村居民, 城乡居民, 建档立卡贫困人口).
func peopleAfter(text []rune, k, e int) bool {
	for n := 0; n <= 4 && k+n < e; n++ {
		if n > 0 && !isHan(text[k+n-1]) {
			return false
		}
		for _, w := range peopleNouns {
			if hasPrefixAt(text, k+n, w) && k+n+len([]rune(w)) <= e {
				return true
			}
		}
	}
	return false
}

// durationBefore reports a word of duration (年限, 寿命, 周期) in the few
// runes before i.
func durationBefore(text []rune, s, i int) bool {
	head := string(text[max(s, i-12):i])
	for _, w := range []string{"年限", "寿命", "周期", "工龄", "期限", "存续期"} {
		if strings.Contains(head, w) {
			return true
		}
	}
	return false
}
