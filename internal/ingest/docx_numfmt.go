package ingest

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// formatNumber writes counter value n in a w:numFmt the way Word draws it.
// Formats with a fixed set of glyphs (①…⑳, 甲…癸) fall back to decimal
// past their end, as Word does; unknown formats are decimal.
func formatNumber(n int, format, custom string) string {
	dec := strconv.Itoa(n)
	switch format {
	case "none", "bullet":
		return ""
	case "decimalZero":
		if n >= 0 && n < 10 {
			return "0" + dec
		}
	case "decimalFullWidth", "decimalFullWidth2":
		return strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r - '0' + '０'
			}
			return r
		}, dec)
	case "upperLetter", "lowerLetter":
		if n >= 1 {
			// A, …, Z, AA, BB, …: the letter repeats.
			base := 'A'
			if format == "lowerLetter" {
				base = 'a'
			}
			return strings.Repeat(string(base+rune((n-1)%26)), min((n-1)/26+1, 64))
		}
	case "upperRoman", "lowerRoman":
		if n >= 1 && n < 4000 {
			r := roman(n)
			if format == "lowerRoman" {
				r = strings.ToLower(r)
			}
			return r
		}
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
		return glyphRange(n, '①', 20, dec)
	case "decimalEnclosedFullstop":
		return glyphRange(n, '⒈', 20, dec)
	case "decimalEnclosedParen":
		return glyphRange(n, '⑴', 20, dec)
	case "ideographEnclosedCircle":
		return glyphRange(n, '㈠', 10, dec)
	case "ideographTraditional":
		return glyphList(n, "甲乙丙丁戊己庚辛壬癸", dec)
	case "ideographZodiac":
		return glyphList(n, "子丑寅卯辰巳午未申酉戌亥", dec)
	case "ideographZodiacTraditional":
		if n >= 1 {
			stems, branches := []rune("甲乙丙丁戊己庚辛壬癸"), []rune("子丑寅卯辰巳午未申酉戌亥")
			return string(stems[(n-1)%10]) + string(branches[(n-1)%12])
		}
	case "chineseCounting", "taiwaneseCounting", "japaneseCounting":
		// Grouped below one hundred (十一, 二十), digit by digit above
		// (一〇一).
		if n >= 0 && n < 100 {
			return hanGrouped(n, hanLower, '万', '〇', false)
		}
		return hanDigits(n)
	case "chineseCountingThousand":
		return hanGrouped(n, hanLower, '万', '〇', false)
	case "taiwaneseCountingThousand":
		return hanGrouped(n, hanLower, '萬', '〇', false)
	case "ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand":
		return hanDigits(n)
	case "chineseLegalSimplified":
		return hanGrouped(n, hanLegalSimplified, '万', '零', true)
	case "ideographLegalTraditional":
		return hanGrouped(n, hanLegalTraditional, '萬', '零', true)
	case "custom":
		// Word 2010 custom formats are samples: "01, 02, 03, ..." means
		// zero-padded to the width of the first.
		first, _, _ := strings.Cut(custom, ",")
		first = strings.TrimSpace(first)
		if len(first) > 1 && len(first) <= 8 && strings.Trim(first, "0123456789") == "" && first[0] == '0' && n >= 0 {
			return strings.Repeat("0", max(len(first)-len(dec), 0)) + dec
		}
	}
	return dec
}

func glyphRange(n int, first rune, count int, dec string) string {
	if n >= 1 && n <= count {
		return string(first + rune(n-1))
	}
	return dec
}

func glyphList(n int, glyphs, dec string) string {
	g := []rune(glyphs)
	if n >= 1 && n <= len(g) {
		return string(g[n-1])
	}
	return dec
}

func roman(n int) string {
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

// Han numerals: digits 0-9, then the units 十, 百, 千.
type hanSet struct {
	digits [10]rune
	units  [3]rune
}

var (
	hanLower            = hanSet{[10]rune{'〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'}, [3]rune{'十', '百', '千'}}
	hanLegalSimplified  = hanSet{[10]rune{'零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'}, [3]rune{'拾', '佰', '仟'}}
	hanLegalTraditional = hanSet{[10]rune{'零', '壹', '貳', '參', '肆', '伍', '陸', '柒', '捌', '玖'}, [3]rune{'拾', '佰', '仟'}}
)

// hanDigits writes n digit by digit: 一〇一.
func hanDigits(n int) string {
	if n < 0 {
		return strconv.Itoa(n)
	}
	return strings.Map(func(r rune) rune { return hanLower.digits[r-'0'] }, strconv.Itoa(n))
}

// hanGrouped writes n with units: 十一, 二十, 一百〇一, 一万〇一十. The
// counting formats drop the 一 of a leading 十 (十一), the legal ones keep
// it (壹拾壹). Values past 亿 are written as decimal.
func hanGrouped(n int, set hanSet, wan, zero rune, keepOne bool) string {
	if n < 0 || n >= 100000000 {
		return strconv.Itoa(n)
	}
	if n == 0 {
		return string(zero)
	}
	var b strings.Builder
	section := func(v int, lead bool) {
		digits := [4]int{v / 1000, v / 100 % 10, v / 10 % 10, v % 10}
		units := [4]rune{set.units[2], set.units[1], set.units[0], 0}
		started, gap := false, false
		for i, dg := range digits {
			if dg == 0 {
				gap = gap || started
				continue
			}
			if gap {
				b.WriteRune(zero)
				gap = false
			}
			if !(i == 2 && dg == 1 && lead && !started && !keepOne) {
				b.WriteRune(set.digits[dg])
			}
			if units[i] != 0 {
				b.WriteRune(units[i])
			}
			started = true
		}
	}
	if hi, lo := n/10000, n%10000; hi > 0 {
		section(hi, true)
		b.WriteRune(wan)
		if lo > 0 {
			if lo < 1000 {
				b.WriteRune(zero)
			}
			// The low part is not leading: 一万〇一十, not 一万〇十.
			section(lo, false)
		}
		return b.String()
	}
	section(n, true)
	return b.String()
}

// withSuffix adds what follows the number. A tab shows as a gap, written
// as one space (a tab would make the line look like a table row), and not
// at all after full-width punctuation, which carries its own gap: 一、总体要求.
func withSuffix(label string, lvl *numLevel) string {
	if label == "" {
		return ""
	}
	switch lvl.suff {
	case "nothing":
		return label
	case "space":
		return label + " "
	}
	if r, _ := utf8.DecodeLastRuneInString(label); strings.ContainsRune("、，。．：；）】〕」』》〉", r) {
		return label
	}
	return label + " "
}

// bulletText is what a bullet level shows. Symbol fonts (Symbol,
// Wingdings) put their glyphs on letters or in the private-use area, which
// mean nothing as text: those become the glyph they draw, or •.
func bulletText(t string) string {
	r, _ := utf8.DecodeRuneInString(strings.TrimSpace(t))
	switch {
	case r == utf8.RuneError:
		return ""
	case r >= 0xF000 && r <= 0xF0FF:
		if g, ok := symbolBullets[r-0xF000]; ok {
			return string(g)
		}
		return "•"
	case r == '§':
		return "▪"
	case unicode.IsLetter(r) || unicode.IsDigit(r) || r >= 0xE000 && r <= 0xF8FF:
		return "•"
	}
	return string(r)
}

// symbolBullets are the Symbol and Wingdings glyphs Word offers as bullets.
var symbolBullets = map[rune]rune{
	0xB7: '•', 0xA7: '▪', 0xD8: '➢', 0xFC: '✓', 0x76: '❖', 0x6E: '■', 0x6C: '●', 0x71: '❑', 0x75: '◆', 0xA8: '◆',
}
