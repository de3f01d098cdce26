package extract

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// numberToken is a number found in the text, with its magnitude folded in.
type numberToken struct {
	start, end int     // rune offsets of the digits and magnitude
	value      float64 // magnitude folded in: 1.2亿 → 1.2e8
	chinese    bool    // written in Chinese numerals
	text       string
}

var chineseDigits = map[rune]float64{
	'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5,
	'六': 6, '七': 7, '八': 8, '九': 9,
}

var chineseUnits = map[rune]float64{'十': 10, '百': 100, '千': 1000, '万': 1e4, '亿': 1e8}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// hanZeros writes 〇 for the circles and letters that stand for it between
// Chinese numerals (二○二六年, 二Ｏ二五年: Big5 has no 〇), in place, and
// reports whether it wrote any.
func hanZeros(text []rune) bool {
	changed := false
	for i, r := range text {
		if r != '○' && r != 'Ｏ' && r != 'O' && r != 'o' {
			continue
		}
		prev := i > 0 && (isChineseNumeral(text[i-1]) && text[i-1] != '十' || text[i-1] == '○' || text[i-1] == 'Ｏ')
		next := i+1 < len(text) && (isChineseNumeral(text[i+1]) || text[i+1] == '○' || text[i+1] == 'Ｏ' || text[i+1] == '年')
		if prev && next {
			text[i], changed = '〇', true
		}
	}
	return changed
}

func isChineseNumeral(r rune) bool { return chineseNumerals.has(r) }

// chineseNumerals is a bit set rather than a switch: the numerals are far
// apart in the table, so a switch is a chain of compares, asked of every
// rune of every sentence.
var chineseNumerals = func() *runeSet {
	s := &runeSet{}
	for _, r := range "零〇一二两三四五六七八九十百千万亿" {
		s.add(r)
	}
	return s
}()

// parseChinese reads a Chinese numeral such as 三, 十二, 二百五十, 一万五千,
// 1.5万 is handled elsewhere. ok is false for strings that are not numbers.
func parseChinese(s []rune) (float64, bool) {
	if len(s) == 0 {
		return 0, false
	}
	var total, section, digit float64
	sawDigit := false
	for _, r := range s {
		if d, ok := chineseDigits[r]; ok {
			digit = d
			sawDigit = true
			continue
		}
		u, ok := chineseUnits[r]
		if !ok {
			return 0, false
		}
		switch {
		case u >= 1e4:
			section += digit
			if section == 0 {
				section = 1
			}
			total += section * u
			section, digit = 0, 0
		default:
			if digit == 0 && !sawDigit {
				digit = 1 // 十二 = 12
			}
			section += digit * u
			digit = 0
		}
		sawDigit = false
	}
	return total + section + digit, true
}

// magnitudes folded into a value, longest first.
var magnitudes = []struct {
	word string
	mult float64
}{
	{"万亿", 1e12}, {"千万", 1e7}, {"百万", 1e6}, {"亿", 1e8}, {"万", 1e4}, {"千", 1e3},
}

// bareMagnitudes are amounts written as a magnitude alone: 超万亿元,
// 突破千亿元, 稳定在百万吨以上.
var bareMagnitudes = []struct {
	word string
	mult float64
}{
	{"万亿", 1e12}, {"千亿", 1e11}, {"百亿", 1e10}, {"十亿", 1e9}, {"千万", 1e7}, {"百万", 1e6},
}

// bareMagnitude reads a magnitude alone as the amount it names, when a
// comparison stands before it (超, 突破, 达到, 稳定在) and a unit after it
// that no grade follows: 千亿级产业集群 names a class, not an amount.
func bareMagnitude(text []rune, i int) (numberToken, bool) {
	if i > 0 && (isDigit(text[i-1]) || isChineseNumeral(text[i-1])) {
		return numberToken{}, false
	}
	// 带动上下游千余家企业, 惠及万余户: a magnitude and 余/多 before a unit
	// is "more than" that many, with no comparison word needed.
	if i+2 < len(text) && (text[i+1] == '余' || text[i+1] == '多') && unitFirst.has(text[i+2]) {
		single := map[rune]float64{'百': 100, '千': 1000, '万': 1e4}
		if v, ok := single[text[i]]; ok {
			if u, e := matchUnit(text, i+2); u != "" && (e >= len(text) || text[e] != '级') {
				return numberToken{start: i, end: i + 1, value: v, text: string(text[i])}, true
			}
		}
	}
	if i == 0 {
		return numberToken{}, false
	}
	for _, m := range bareMagnitudes {
		if !hasPrefixAt(text, i, m.word) {
			continue
		}
		j := i + len([]rune(m.word))
		if j >= len(text) || !unitFirst.has(text[j]) {
			return numberToken{}, false
		}
		if u, e := matchUnit(text, j); u == "" || e < len(text) && (text[e] == '级' || text[e] == '量') {
			return numberToken{}, false
		}
		if opWordBefore(text, max(0, i-6), i) == "" {
			return numberToken{}, false
		}
		return numberToken{start: i, end: j, value: m.mult, text: m.word}, true
	}
	return numberToken{}, false
}

// kiloUnitAt reports a unit that begins with 千 (千米, 千克, 千瓦): 40千米
// is forty kilometres, not forty thousand metres.
func kiloUnitAt(text []rune, k int) bool {
	for _, u := range []string{"千米", "千克", "千瓦", "千伏", "千帕", "千焦", "千卡", "千公顷", "千兆"} {
		if hasPrefixAt(text, k, u) {
			return true
		}
	}
	return false
}

// scanNumber reads a number starting at text[i] (Arabic or Chinese
// numerals, with an optional magnitude). Spaces between the digits and the
// magnitude are tolerated, as copied documents often have them.
func scanNumber(text []rune, i int) (numberToken, bool) {
	n := len(text)
	if i >= n {
		return numberToken{}, false
	}
	r := text[i]
	if isDigit(r) {
		j := i
		var b strings.Builder
		// 19·5％: older texts set the decimal point as a middle dot.
		for j < n && (isDigit(text[j]) || ((text[j] == '.' || text[j] == '·') && j+1 < n && isDigit(text[j+1]) && j > i) || thousandsSep(text, j)) {
			switch text[j] {
			case ',', '，':
			case '·':
				b.WriteByte('.')
			default:
				b.WriteRune(text[j])
			}
			j++
		}
		v, err := strconv.ParseFloat(b.String(), 64)
		if err != nil {
			return numberToken{}, false
		}
		k := skipSpaces(text, j)
		for _, m := range magnitudes {
			if hasPrefixAt(text, k, m.word) && !kiloUnitAt(text, k) {
				// Round away the binary noise of 326.4 × 1e8.
				v = math.Round(v*m.mult*100) / 100
				j = k + len([]rune(m.word))
				break
			}
		}
		return numberToken{start: i, end: j, value: v, text: string(text[i:j])}, true
	}
	if r == '半' {
		return numberToken{start: i, end: i + 1, value: 0.5, chinese: true, text: "半"}, true
	}
	if t, ok := bareMagnitude(text, i); ok {
		return t, true
	}
	if !isChineseNumeral(r) {
		return numberToken{}, false
	}
	j := i
	for j < n && isChineseNumeral(text[j]) && j-i < 12 {
		j++
	}
	// A trailing magnitude belongs to the unit side only when nothing
	// precedes it (万人 alone is not a number).
	v, ok := parseChinese(text[i:j])
	if !ok {
		return numberToken{}, false
	}
	if _, isDigitRune := chineseDigits[text[i]]; !isDigitRune && text[i] != '十' {
		return numberToken{}, false
	}
	// 一点四 is 1.4: the digits after 点 are read one by one.
	if j+1 < n && text[j] == '点' {
		if _, ok := chineseDigits[text[j+1]]; ok && text[j+1] != '两' {
			k, scale := j+1, 0.1
			frac := 0.0
			for k < n && scale > 1e-9 {
				d, ok := chineseDigits[text[k]]
				if !ok || text[k] == '两' {
					break
				}
				frac += d * scale
				scale /= 10
				k++
			}
			v = math.Round((v+frac)*1e6) / 1e6
			j = k
		}
	}
	return numberToken{start: i, end: j, value: v, chinese: true, text: string(text[i:j])}, true
}

// thousandsSep reports a comma between digit groups: 1,200 and, in older
// texts, 34，250 (a full-width comma as the separator).
func thousandsSep(text []rune, j int) bool {
	n := len(text)
	if j == 0 || j+3 >= n+0 && j+3 > n-1 || !isDigit(text[j-1]) || text[j] != ',' && text[j] != '，' {
		return false
	}
	if !(isDigit(text[j+1]) && isDigit(text[j+2]) && isDigit(text[j+3])) {
		return false
	}
	if j+4 < n && (isDigit(text[j+4]) || text[j+4] == '.' && text[j] == '，') {
		return false
	}
	// The group before a separator has one to three digits.
	k := j - 1
	for k >= 0 && isDigit(text[k]) {
		k--
	}
	return j-1-k <= 3
}

func skipSpaces(text []rune, i int) int {
	for i < len(text) && (text[i] == ' ' || text[i] == '\u3000' || text[i] == '\t') {
		i++
	}
	return i
}

// hasPrefixAt reports whether text holds the runes of p from i on. The
// runes of p are read as a range loop would read them, a Han character
// inline: every number and word scanned asks this several times, and the
// decoder is a call per rune.
func hasPrefixAt(text []rune, i int, p string) bool {
	for k := 0; k < len(p); i++ {
		r, n := rune(p[k]), 1
		if han3(p, k) {
			r, n = rune3(p, k), 3
		} else if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(p[k:])
		}
		if i >= len(text) || text[i] != r {
			return false
		}
		k += n
	}
	return true
}

// units that a quantity may carry, longest first so that 人次 wins over 人.
// 年, 月, 日 and 级 are left out on purpose: they mark dates, durations and
// ranks, not quantities a plan commits to.
var units = sortedByLength([]string{
	"%", "‰", "个百分点", "百分点",
	"元", "美元", "欧元", "元/人", "元/吨", "元/平方米", "元/亩",
	"人次", "人", "名", "户", "家", "个", "项", "件", "条", "所", "座", "处", "辆", "台", "套", "台套",
	"张", "床", "场", "次", "篇", "本", "部", "艘", "架次", "架", "班", "批", "支", "种", "款", "类", "位",
	"例", "只", "头只", "头", "羽", "尾", "口", "眼", "根", "盏", "宗", "笔", "份", "册", "首", "集", "列", "对",
	"家次", "辆次", "班次", "航次", "条次", "人天", "户次", "吨次", "车次", "批次", "项次", "门",
	"公里", "千米", "米", "平方米", "平方公里", "平方千米", "公顷", "亩", "万亩", "立方米", "延长米",
	"吨标准煤", "吨标煤", "千克标准煤", "克标准煤", "克标煤", "吨二氧化碳", "吨煤", "蒸吨", "吨", "千克", "公斤", "克", "斤", "标箱", "TEU", "千瓦时", "千瓦", "兆瓦", "吉瓦", "瓦",
	"千伏安", "千伏", "兆瓦时", "吉瓦时", "度", "千卡", "焦耳",
	"倍", "小时", "分钟", "秒", "天", "周岁", "岁", "微克/立方米", "毫克/立方米", "毫克/升", "分贝",
	"Tbps", "Gbps", "Mbps", "GW", "MW", "kW", "km", "m2", "PB", "EB", "TB", "EFLOPS", "PFLOPS", "P",
	"μg/m3", "μg/m³", "µg/m3", "µg/m³", "ug/m3", "mg/m3", "mg/m³", "mg/L", "mg/l", "m3", "m³", "km2", "km²", "kWh", "GWh", "TWh",
	"张床位", "床位", "个床位", "间", "栋", "幢", "条线路", "株", "棵", "车位", "个车位", "学位", "个学位",
	"工作日", "个工作日", "成", "段", "课时", "学时", "场次", "年一遇",
	"块", "面", "片", "趟", "周", "EFlops", "PFlops", "Eflops", "Pflops", "TFLOPS", "TFlops",
})

// A unit may be compound: 克标准煤/千瓦时, 公里/百平方公里, 吨/年. matchUnit
// reads the part after the slash when it is itself a unit, or a short
// measure such as 百平方公里 or 万元.
func sortedByLength(list []string) [][]rune {
	out := make([][]rune, 0, len(list))
	for _, s := range list {
		out = append(out, []rune(s))
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && len(out[j]) > len(out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// unitFirst holds the first rune of every unit, to skip most positions
// without trying the list.
var unitFirst = func() *runeSet {
	m := &runeSet{}
	for _, u := range units {
		m.add(u[0])
	}
	return m
}()

// matchUnit returns the unit at text[i], longest first.
func matchUnit(text []rune, i int) (string, int) {
	if i >= len(text) || !unitFirst.has(text[i]) {
		return "", i
	}
	for _, u := range units {
		if i+len(u) > len(text) {
			continue
		}
		ok := true
		for k, r := range u {
			if text[i+k] != r {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		end := i + len(u)
		// An ASCII unit must not run on into a longer word (G in GDP).
		if last := u[len(u)-1]; last < 128 && end < len(text) && isASCIILetter(text[end]) {
			continue
		}
		unit := string(u)
		// 建党100周年, 3片区: the measure word begins a word.
		if (unit == "周" || unit == "片" || unit == "面") && end < len(text) && strings.ContainsRune("年岁区边积", text[end]) {
			return "", i
		}
		// 121人才梯队, 100人大代表: 人 begins a word, it counts nothing here.
		if unit == "人" && end < len(text) && strings.ContainsRune("才民员群", text[end]) {
			return "", i
		}
		if end+1 < len(text) && text[end] == '/' && !strings.Contains(unit, "/") {
			k := end + 1
			for _, m := range []string{"百亿", "千亿", "万亿", "十万", "百万", "千万", "百", "千", "万", "亿"} {
				if hasPrefixAt(text, k, m) && !kiloUnitAt(text, k) { // 克标煤/千瓦时: 千 of the unit
					k += len([]rune(m))
					break
				}
			}
			if u2, e2 := matchUnit(text, k); u2 != "" && !strings.Contains(u2, "/") {
				unit, end = unit+"/"+string(text[end+1:k])+u2, e2
			} else if k < len(text) && (text[k] == '年' || text[k] == '日' || text[k] == '月') {
				unit, end = unit+"/"+string(text[end+1:k+1]), k+1
			}
		}
		return unit, end
	}
	return "", i
}

func isASCIILetter(r rune) bool { return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') }
