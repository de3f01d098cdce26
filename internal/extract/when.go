package extract

import "strings"

// timeKind tells how a time expression bears on the figures after it.
type timeKind int

const (
	timeDate     timeKind = iota // 2019年, 2019年底, 去年: dates a figure
	timeDeadline                 // 到2025年, 2025年前, 力争2027年: a commitment's deadline
	timeBase                     // 比2020年, 较2020年, 是2018年的: a comparison's base, never a period
	timeSpan                     // 2021-2025年, “十四五”期间: a stretch of years, read at its end
	timeOwn                      // 2025年的4.93万亿元: the period of the value right after it
)

func (k timeKind) String() string {
	return [...]string{"date", "deadline", "base", "span", "own"}[k]
}

// timeRef is one time expression of a sentence.
type timeRef struct {
	start, end int // rune offsets
	year       int // the year named; a span's last year
	kind       timeKind
	relative   bool // 今年, 去年, 明年: resolved against the document's year
	current    bool // 今年, 全年, 年内: the document's own year
}

// fiveYearEnd gives the last year of the Nth five-year plan (十四五 → 2025).
// The 3rd plan began in 1966 after the 1963-65 adjustment years; each one
// since has followed the last.
func fiveYearEnd(n int) int { return 1966 + (n-3)*5 + 4 }

var fiveYearNames = func() map[string]int {
	m := map[string]int{}
	names := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六", "十七"}
	for n := 3; n < len(names); n++ {
		m[names[n]+"五"] = n
	}
	return m
}()

// timeStarts holds every rune a test of findTimes's loop starts with (the
// digits and numerals before 年 among them): most runes of a sentence start
// none, and are passed with one probe instead of the chain of compares.
var timeStarts = func() *runeSet {
	s := &runeSet{}
	for _, r := range "0123456789零〇一二两三四五六七八九十百千万亿今未用十“\"去明上本全年前过近当现目" {
		s.add(r)
	}
	return s
}()

// findTimes lists the time expressions of text[s:e]. docYear resolves
// 今年 and 去年; 0 leaves them out.
func findTimes(text []rune, s, e, docYear int) []timeRef {
	var out []timeRef
	for i := s; i < e; i++ {
		r := text[i]
		if !timeStarts.has(r) {
			continue
		}
		if (docYear != 0 || i > s && (text[i-1] == '起' || text[i-1] == '始')) && (r == '今' || r == '未' || r == '用' || i+1 < e && text[i+1] == '年' && (isChineseNumeral(r) || isDigit(r))) {
			if ref, ok := aheadAt(text, s, e, i, docYear); ok {
				out = append(out, ref)
				i = ref.end - 1
				continue
			}
		}
		switch {
		case isDigit(r) || r == '一' || r == '〇' || r == '二' || r == '九':
			if ref, ok := yearAt(text, s, e, i); ok {
				out = append(out, ref)
				i = ref.end - 1
			}
		case r == '十' || r == '“' || r == '"':
			if ref, ok := fiveYearAt(text, s, e, i); ok {
				out = append(out, ref)
				i = ref.end - 1
			}
		case r == '今' || r == '去' || r == '明' || r == '上' || r == '本' || r == '全' || r == '年' || r == '前' || r == '过' || r == '近' || r == '当' || r == '现' || r == '目':
			if docYear == 0 {
				continue
			}
			if ref, ok := relativeAt(text, s, e, i, docYear); ok {
				out = append(out, ref)
				i = ref.end - 1
			}
		}
	}
	// 较“十二五”末, 比2020年: the base of a comparison, whatever its form.
	for k := range out {
		b := out[k].start - 1
		for b >= s && (isSpace(text[b]) || text[b] == '“' || text[b] == '"') {
			b--
		}
		// 相较于“十三五”末, 相比于2020年: the same base, with 于.
		if b > s && text[b] == '于' && (text[b-1] == '较' || text[b-1] == '比') {
			b--
		}
		if b >= s && (text[b] == '较' || text[b] == '比') && out[k].kind != timeOwn {
			out[k].kind, out[k].current = timeBase, false
		}
		// 在2020年的基础上: the base the goal is measured from.
		if e := out[k].end; hasPrefixAt(text, e, "基础上") || hasPrefixAt(text, e, "的基础上") || out[k].kind == timeOwn && hasPrefixAt(text, e, "基础上") {
			out[k].kind, out[k].current = timeBase, false
		}
	}
	// 2023年，全省…全年共接待游客3.5亿人次: 全年, 当年 and 年内 in a
	// sentence that names its year are that year, not the document's.
	named := 0
	for k := range out {
		t := &out[k]
		switch {
		case !t.relative && t.kind == timeDate && t.year != 0 && t.end < e && (text[t.end] == '，' || text[t.end] == ','):
			named = t.year // 2023年， opening what it dates, not 1985年以来
		case t.relative && t.current && named != 0 && (hasPrefixAt(text, t.start, "全年") || hasPrefixAt(text, t.start, "当年") || hasPrefixAt(text, t.start, "年内")):
			t.year, t.relative, t.current = named, false, false
		}
	}
	return out
}

// yearAt reads a year at text[i]: 2025年, 2025 年, 一九七四年, and the
// range 2021-2025年.
func yearAt(text []rune, s, e, i int) (timeRef, bool) {
	if i > s && (isDigit(text[i-1]) || text[i-1] == '.') {
		return timeRef{}, false
	}
	y, j := 0, i
	if isDigit(text[i]) {
		for j < e && isDigit(text[j]) {
			y = y*10 + int(text[j]-'0')
			j++
		}
		if j-i != 4 {
			return timeRef{}, false
		}
	} else {
		for j < e && j-i < 4 {
			d, ok := chineseDigits[text[j]]
			if !ok || text[j] == '两' {
				break
			}
			y = y*10 + int(d)
			j++
		}
		if j-i != 4 {
			return timeRef{}, false
		}
	}
	if y < 1900 || y > 2100 {
		return timeRef{}, false
	}
	// A range 2021-2025年 or 2021—2025 names a span read at its end.
	k := j
	if k < e && strings.ContainsRune("-—–～~至到", text[k]) {
		k2 := skipSpaces(text, k+1)
		if k2+4 <= e && isDigit(text[k2]) && isDigit(text[k2+1]) && isDigit(text[k2+2]) && isDigit(text[k2+3]) && (k2+4 == e || !isDigit(text[k2+4])) {
			y2 := int(text[k2]-'0')*1000 + int(text[k2+1]-'0')*100 + int(text[k2+2]-'0')*10 + int(text[k2+3]-'0')
			if y2 > y && y2-y <= 30 {
				end := k2 + 4
				if end < e && text[end] == '年' {
					end++
				}
				return timeRef{start: i, end: end, year: y2, kind: timeSpan}, true
			}
		}
	}
	j2 := skipSpaces(text, j)
	if j2 >= e || text[j2] != '年' {
		return timeRef{}, false
	}
	ref := timeRef{start: i, end: j2 + 1, year: y, kind: timeDate}
	// A range written 2023年至2025年 is caught at its second year.
	before := beforeSkip(text, s, i)
	after := string(text[j2+1 : min(e, j2+5)])
	switch {
	case agedBefore(string(text[j2+1 : min(e, j2+8)])):
		ref.kind = timeBase // 2000年底前建成的: what the noun is, no period of a figure
	case before >= s && (text[before] == '比' || text[before] == '较') ||
		before >= s && text[before] == '与' && strings.Contains(string(text[j2+1:min(e, j2+12)]), "相比") ||
		before >= s && text[before] == '同' && strings.Contains(string(text[j2+1:min(e, j2+12)]), "相比") ||
		before >= s && text[before] == '是' && strings.HasPrefix(after, "的"):
		ref.kind = timeBase
	case strings.HasPrefix(after, "的") && j2+2 < e && (isDigit(text[j2+2]) || isChineseNumeral(text[j2+2])):
		ref.kind = timeOwn
	case before >= s && (text[before] == '到' || text[before] == '至') && !(before-1 >= s && (text[before-1] == '截')):
		ref.kind = timeDeadline
	case strings.HasPrefix(after, "前") || strings.HasPrefix(after, "底前") || strings.HasPrefix(after, "末前") ||
		strings.HasPrefix(after, "以前") || strings.HasPrefix(after, "年底前"):
		ref.kind = timeDeadline
	case before >= s+1 && (string(text[before-1:before+1]) == "力争" || string(text[before-1:before+1]) == "争取" ||
		string(text[before-1:before+1]) == "确保" || string(text[before-1:before+1]) == "计划" || string(text[before-1:before+1]) == "预计"):
		ref.kind = timeDeadline
	}
	// 2025年底 and 2025年末 end a date or deadline at the word.
	for _, w := range []string{"年底前", "底前", "末前", "以前", "前", "年底", "年末", "底", "末", "初", "上半年", "下半年"} {
		if hasPrefixAt(text, ref.end, w) && ref.end+len([]rune(w)) <= e {
			ref.end += len([]rune(w))
			break
		}
	}
	return ref, true
}

// agedBefore reports a 前 that dates what a noun is, not when work ends:
// 2000年底前建成的老旧小区, 2005年以前竣工的住宅 (but 2025年底前建成5个
// is a deadline).
func agedBefore(after string) bool {
	for _, w := range []string{"年底前", "底前", "末前", "以前", "前"} {
		if rest, ok := strings.CutPrefix(after, w); ok {
			for _, v := range []string{"建成的", "竣工的", "建设的", "建造的", "投用的", "投运的", "投产的", "出生的", "登记的", "注册的", "交付的", "设立的", "成立的"} {
				if strings.HasPrefix(rest, v) {
					return true
				}
			}
			return false
		}
	}
	return false
}

// beforeSkip is the index of the last non-space rune before i, or s-1.
func beforeSkip(text []rune, s, i int) int {
	k := i - 1
	for k >= s && isSpace(text[k]) {
		k--
	}
	return k
}

// fiveYearAt reads “十四五”, 十四五期间, 十三五末: a five-year plan's span.
func fiveYearAt(text []rune, s, e, i int) (timeRef, bool) {
	j := i
	if j >= e {
		return timeRef{}, false
	}
	if text[j] == '“' || text[j] == '"' {
		j++
	}
	for n := 3; n >= 2; n-- {
		if j+n > e {
			continue
		}
		num, ok := fiveYearNames[string(text[j:j+n])]
		if !ok || text[j] != '十' && n == 3 {
			continue
		}
		k := j + n
		if k < e && (text[k] == '”' || text[k] == '"') {
			k++
		}
		// “十四五”规划 names a plan, not a time: only time words make it one.
		ref := timeRef{start: i, end: k, year: fiveYearEnd(num), kind: timeSpan}
		for _, w := range []string{"时期", "期间", "末", "期末", "以来", "中期", "初期", "开局", "时期末"} {
			if hasPrefixAt(text, k, w) {
				ref.end = k + len([]rune(w))
				if w == "末" || w == "期末" || w == "时期末" {
					if b := beforeSkip(text, s, i); b >= s && (text[b] == '到' || text[b] == '至') {
						ref.kind = timeDeadline
					}
				}
				return ref, true
			}
		}
		if b := beforeSkip(text, s, i); b >= s && (text[b] == '到' || text[b] == '至' || text[b] == '在') {
			ref.kind = timeDeadline
			return ref, true
		}
		return timeRef{}, false
	}
	return timeRef{}, false
}

// aheadAt reads a span that runs on from the document's year: 今后三年,
// 未来两年, 用三年时间, 三年内. The document's year is the first of them,
// so 今后三年 in 2009 ends in 2011.
func aheadAt(text []rune, s, e, i, docYear int) (timeRef, bool) {
	j := i
	for _, w := range []string{"今后", "未来", "用"} {
		if hasPrefixAt(text, i, w) {
			j = i + len([]rune(w))
			break
		}
	}
	prefixed := j > i
	base := docYear
	// 三年内 opens its clause or follows a word of effort; after a noun
	// or an event (取得资格后3年内) it counts from that, not from the text.
	// 2012年起5年内 counts from the year named.
	if !prefixed && i > s {
		b := beforeSkip(text, s, i)
		if y := startYearBefore(text, s, b); y != 0 {
			base = y
		} else if b >= s && !strings.ContainsRune("，、；：。在要力争取确保并再", text[b]) {
			return timeRef{}, false
		}
	}
	tok, ok := scanNumber(text, j)
	if !ok || tok.end >= e || text[tok.end] != '年' || tok.value < 2 || tok.value > 10 || tok.value != float64(int(tok.value)) {
		return timeRef{}, false
	}
	end := tok.end + 1
	switch {
	case hasPrefixAt(text, end, "内"):
		end++
	case hasPrefixAt(text, end, "时间"):
		end += 2
	case !prefixed:
		return timeRef{}, false // 三年 alone is a duration
	}
	if base == 0 {
		return timeRef{}, false
	}
	return timeRef{start: i, end: end, year: base + int(tok.value) - 1, kind: timeDeadline, relative: true}, true
}

// startYearBefore reads the year of 2012年起 or 2012年开始 ending at b, or 0.
func startYearBefore(text []rune, s, b int) int {
	k := b
	switch {
	case k >= s && text[k] == '起':
		k--
	case k-1 >= s && text[k] == '始' && text[k-1] == '开':
		k -= 2
	default:
		return 0
	}
	if k < s+4 || text[k] != '年' {
		return 0
	}
	return yearDigits(text[k-4 : k])
}

// yearDigits reads four ASCII digits as a year of this era (1950–2100),
// or 0.
func yearDigits(r []rune) int {
	if len(r) != 4 {
		return 0
	}
	y := 0
	for _, c := range r {
		if !isDigit(c) {
			return 0
		}
		y = 10*y + int(c-'0')
	}
	if y < 1950 || y > 2100 {
		return 0
	}
	return y
}

// relative time words and the year each names, against the document's.
var relativeYears = []struct {
	word    string
	delta   int
	kind    timeKind
	current bool
}{
	{"今年以来", 0, timeDate, false}, // a look back over this year
	{"今年", 0, timeDate, true}, {"本年度", 0, timeDate, true}, {"本年", 0, timeDate, true},
	{"全年", 0, timeDate, true}, {"年内", 0, timeDate, true}, {"当年", 0, timeDate, true},
	{"明年", 1, timeDeadline, false},
	{"去年", -1, timeDate, false}, {"上年", -1, timeDate, false}, {"上一年", -1, timeDate, false},
	{"过去一年", -1, timeDate, false}, {"一年来", -1, timeDate, false},
	{"过去五年", -1, timeSpan, false}, {"近五年", -1, timeSpan, false}, {"五年来", -1, timeSpan, false},
	{"前年", -2, timeDate, false},
	{"现在的", 0, timeOwn, false}, {"目前的", 0, timeOwn, false}, // 提高到现在的1721元: now, not the year before
}

func relativeAt(text []rune, s, e, i, docYear int) (timeRef, bool) {
	for _, w := range relativeYears {
		n := len([]rune(w.word))
		if i+n > e || !hasPrefixAt(text, i, w.word) {
			continue
		}
		// 上年度 and 全年 are times; 上年末 too; but 全年龄 or 年内容 are words.
		if w.word == "全年" && i > s && isHan(text[i-1]) && text[i-1] != '，' {
			if !strings.ContainsRune("的在和及与，、：全", text[i-1]) {
				continue
			}
		}
		if w.word == "年内" && i > s && isDigit(text[i-1]) {
			continue // 3年内 is a duration
		}
		if w.word == "上年" && i > s && text[i-1] == '础' {
			continue // 在…的基础上年均增长: 基础上 and 年均, no last year
		}
		if w.word == "当年" && i+n < e && text[i+n] == '的' {
			continue
		}
		ref := timeRef{start: i, end: i + n, year: docYear + w.delta, kind: w.kind, relative: true, current: w.current}
		// 比上年, 较去年同期, 与上年相比: a comparison's base.
		if b := beforeSkip(text, s, i); b >= s && (text[b] == '比' || text[b] == '较' || text[b] == '同' || text[b] == '与') {
			ref.kind, ref.current = timeBase, false
		} else if b >= s && (text[b] == '由' || text[b] == '从') && !w.current {
			ref.kind = timeOwn // 由上年8亿元增加到12亿元: the start value's year
		}
		// 截至今年5月底, 截止今年: the state of things so far, reported.
		b := beforeSkip(text, s, i)
		if w.word == "今年以来" || b >= s+1 && (string(text[b-1:b+1]) == "截至" || string(text[b-1:b+1]) == "截止") || b >= s+2 && string(text[b-2:b+1]) == "截止到" {
			ref.current = false
		}
		return ref, true
	}
	return timeRef{}, false
}

// governingTime is the time expression that dates a figure at pos: the
// last one before it in the sentence that is not a comparison base.
// endTime is the time of the value at pos: the governing time, except
// that a start value's own year (从2020年的82.4岁提升至83.9岁) does not
// pass over the change to its end value.
// It also returns the start value's year when it skipped one.
func endTime(text []rune, times []timeRef, pos int) (timeRef, bool, int) {
	var best timeRef
	found, from := false, 0
	for _, t := range times {
		if t.start >= pos {
			break
		}
		if t.kind == timeBase {
			continue
		}
		if t.kind == timeOwn && t.year != 0 && pos-t.end > 1 && changeBetween(text[t.end:pos]) {
			from = t.year
			continue
		}
		best, found = t, true
	}
	return best, found, from
}

// changeBetween reports a transition to a new level: 提升至, 增加到, 降为.
func changeBetween(s []rune) bool {
	t := string(s)
	for _, w := range transitions {
		if len([]rune(w)) >= 2 && strings.Contains(t, w) {
			return true
		}
	}
	return strings.Contains(t, "降为") || strings.Contains(t, "整合为")
}

func governingTime(times []timeRef, pos int) (timeRef, bool) {
	var best timeRef
	found := false
	for _, t := range times {
		if t.start >= pos {
			break
		}
		if t.kind == timeBase {
			continue
		}
		best, found = t, true
	}
	return best, found
}
