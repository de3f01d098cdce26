// Package amount reads and writes figures the way Chinese offices write
// them: 150万, 1.2亿元, 3.5%, 全覆盖. Every door that takes a figure
// (the command line's --value and --progress, web forms, sheets, the API)
// reads it with Parse, and every table, chart, sheet and report writes it
// with Format, so that 1200亿元 never shows as 120000000000 and what one
// screen prints another accepts.
package amount

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Figure is a number as written: its digits, the magnitude word after them
// (万 is 1e4, 亿 1e8; 1 when there is none) and the unit that follows
// ("元", "%", "" when none).
type Figure struct {
	Num  float64
	Mag  float64
	Unit string
}

// Value is the figure in its base unit: 150万 is 1500000.
func (f Figure) Value() float64 { return f.Num * f.Mag }

// magnitudes are the words that scale a number, longest first so that 万亿
// is read before 万. 千 and 百 alone are left out: in 千瓦 and 百分点 they
// belong to the unit.
var magnitudes = []struct {
	word string
	mult float64
}{
	{"万亿", 1e12}, {"千亿", 1e11}, {"百亿", 1e10}, {"亿", 1e8}, {"千万", 1e7}, {"百万", 1e6}, {"万", 1e4},
}

// fullCoverage are the words that mean the whole of something: 全覆盖 is
// 100%.
var fullCoverage = []string{"全覆盖", "全面覆盖", "全部覆盖", "全部完成", "全面完成", "全部", "全面"}

// ErrNotNumber is wrapped by Parse's error for text that holds no figure.
var ErrNotNumber = errors.New("not a number")

// Parse reads a figure as people type it: digits ASCII or full-width,
// thousands separators (1,200 and 1，200), a sign, a decimal point, then
// optionally a magnitude (万, 亿, 万亿, 千万, 百万, 千亿, 百亿) and a unit
// (元, 人, %, ％ …). 全覆盖 (and 全部完成, 全面覆盖 …) is 100%. Spaces
// anywhere are ignored. The error says what was not understood.
func Parse(s string) (Figure, error) {
	t := fold(s)
	if t == "" {
		return Figure{}, fmt.Errorf("empty figure: %w", ErrNotNumber)
	}
	for _, w := range fullCoverage {
		if t == w {
			return Figure{Num: 100, Mag: 1, Unit: "%"}, nil
		}
	}
	end := 0
	for end < len(t) {
		c := t[end]
		if c >= '0' && c <= '9' || c == '.' || c == ',' || (end == 0 && (c == '-' || c == '+')) {
			end++
			continue
		}
		break
	}
	digits := strings.ReplaceAll(t[:end], ",", "")
	if digits == "" || digits == "-" || digits == "+" {
		return Figure{}, fmt.Errorf("%q: %w", strings.TrimSpace(s), ErrNotNumber)
	}
	n, err := strconv.ParseFloat(digits, 64)
	if err != nil || math.IsInf(n, 0) || math.IsNaN(n) {
		return Figure{}, fmt.Errorf("%q: %w", strings.TrimSpace(s), ErrNotNumber)
	}
	if strings.Contains(t[:end], ",") && !groupedRight(t[:end]) {
		return Figure{}, fmt.Errorf("%q: misplaced thousands separator: %w", strings.TrimSpace(s), ErrNotNumber)
	}
	f := Figure{Num: n, Mag: 1}
	rest := t[end:]
	for _, m := range magnitudes {
		if strings.HasPrefix(rest, m.word) {
			f.Mag, rest = m.mult, rest[len(m.word):]
			break
		}
	}
	if rest == "" {
		return f, nil
	}
	if !plausibleUnit(rest) {
		return Figure{}, fmt.Errorf("%q: %q is not a unit: %w", strings.TrimSpace(s), rest, ErrNotNumber)
	}
	f.Unit = rest
	return f, nil
}

// groupedRight reports whether the commas of a number separate groups of
// three digits before the decimal point, as 1,234,567.5 does: 1,23 is a
// typo, not 123.
func groupedRight(num string) bool {
	num = strings.TrimLeft(num, "+-")
	whole, _, _ := strings.Cut(num, ".")
	parts := strings.Split(whole, ",")
	for i, p := range parts {
		if i > 0 && len(p) != 3 || i == 0 && (len(p) == 0 || len(p) > 3) {
			return false
		}
	}
	return true
}

// plausibleUnit accepts what may follow a number as its unit: letters,
// Chinese characters, %, / and a few marks, no digits (a second number
// means the text is not one figure).
func plausibleUnit(u string) bool {
	if utf8.RuneCountInString(u) > 12 {
		return false
	}
	for _, r := range u {
		switch {
		case r == '%' || r == '/' || r == '·' || r == '(' || r == ')':
		case unicode.Is(unicode.Han, r) || unicode.IsLetter(r):
		default:
			return false
		}
	}
	return true
}

// fold makes typed text comparable: full-width forms to ASCII (the
// ideographic space, １２, ％, ，), the Chinese full stop in a number to a
// point, every space dropped.
func fold(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\u3000' || unicode.IsSpace(r):
			continue
		case r >= 0xFF01 && r <= 0xFF5E:
			r -= 0xFEE0
		case r == '．':
			r = '.'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Split separates a unit's magnitude from its base: 亿元 is 元 × 1e8, 万人
// is 人 × 1e4, % is % × 1. A unit that is only a magnitude (万) has base "".
func Split(unit string) (base string, mult float64) {
	u := fold(unit)
	for _, m := range magnitudes {
		if strings.HasPrefix(u, m.word) {
			return u[len(m.word):], m.mult
		}
	}
	return u, 1
}

// In expresses f in unit (an indicator's, say 亿元 or %): a bare number
// (1200) is taken as already in that unit, as a column headed 亿元 is
// filled in; a number with a magnitude or a unit of its own (1200亿, 1.2万亿元)
// is converted (1200亿 in 亿元 is 1200, in 元 1.2e11). A figure whose unit
// is of another kind (5% for an indicator in 元) is an error.
func In(f Figure, unit string) (float64, error) {
	base, mult := Split(unit)
	if f.Mag == 1 && f.Unit == "" {
		return f.Num, nil
	}
	if f.Unit != "" {
		fb, fm := Split(f.Unit)
		if !sameBase(fb, base) {
			return 0, fmt.Errorf("%s is in %s, not %s", Format(f.Num*f.Mag, f.Unit), f.Unit, orNone(unit))
		}
		return f.Num * f.Mag * fm / mult, nil
	}
	if base == "%" || base == "个百分点" {
		return 0, fmt.Errorf("%s: a share takes no 万 or 亿", Format(f.Value(), ""))
	}
	return f.Value() / mult, nil
}

// ParseIn reads s and expresses it in unit, as In does.
func ParseIn(s, unit string) (float64, error) {
	f, err := Parse(s)
	if err != nil {
		return 0, err
	}
	return In(f, unit)
}

// sameBase reports whether two base units measure the same thing: equal,
// or % and 个百分点 (a change in a share), or either empty (a unit the
// indicator does not name).
func sameBase(a, b string) bool {
	pct := func(u string) bool { return u == "%" || u == "个百分点" || u == "百分点" }
	return a == b || a == "" || b == "" || pct(a) && pct(b)
}

func orNone(u string) string {
	if u == "" {
		return "no unit"
	}
	return u
}

// Percent reads a share from 0 to 100 as people type progress: 60, 60%,
// 60％, 60.4 (rounded), 全覆盖 or 全部完成 (100). A figure with 万 or a
// unit other than % is refused, and so is one outside 0–100.
func Percent(s string) (int, error) {
	f, err := Parse(s)
	if err != nil {
		return 0, err
	}
	if f.Mag != 1 || f.Unit != "" && f.Unit != "%" {
		return 0, fmt.Errorf("%q is not a percentage", strings.TrimSpace(s))
	}
	if f.Num < 0 || f.Num > 100 {
		return 0, fmt.Errorf("%q is outside 0–100%%", strings.TrimSpace(s))
	}
	return int(math.Round(f.Num)), nil
}

// Format writes v, a figure in unit, as offices print it: 万 from ten
// thousand, 亿 from a hundred million and 万亿 from a million million
// (1.2e11 元 is 1200亿元, 15000 人
// 1.5万人, 15000 万元 1.5亿元), at most two decimals with trailing zeros
// dropped (3.10% is 3.1%), no "-0". Shares (%, 个百分点) and figures
// below ten thousand print as they are; a unit that carries its own
// magnitude (亿元) is folded with the figure's.
func Format(v float64, unit string) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "—"
	}
	base, mult := Split(unit)
	if base == "%" || base == "个百分点" || base == "百分点" {
		return plain(v) + unit
	}
	abs := math.Abs(v * mult)
	switch {
	case abs >= 1e12:
		return plain(v*mult/1e12) + "万亿" + base
	case abs >= 1e8:
		return plain(v*mult/1e8) + "亿" + base
	case abs >= 1e4:
		return plain(v*mult/1e4) + "万" + base
	case mult != 1:
		return plain(v*mult) + base
	}
	return plain(v) + base
}

// Scale chooses how figures in unit are drawn on one chart axis, as Format
// would write the largest of them (maxAbs): the number to divide each
// figure by and the unit that then goes with them. Figures up to 1.2e11 元
// are drawn in 亿元 (divided by 1e8), up to 15000 人 in 万人, figures in
// 万元 reaching 1.5亿 in 亿元 (divided by 1e4); shares and small figures
// are drawn as they are.
func Scale(maxAbs float64, unit string) (div float64, shown string) {
	base, mult := Split(unit)
	if base == "%" || base == "个百分点" || base == "百分点" || math.IsNaN(maxAbs) || math.IsInf(maxAbs, 0) {
		return 1, unit
	}
	abs := math.Abs(maxAbs * mult)
	switch {
	case abs >= 1e12:
		return 1e12 / mult, "万亿" + base
	case abs >= 1e8:
		return 1e8 / mult, "亿" + base
	case abs >= 1e4:
		return 1e4 / mult, "万" + base
	}
	return 1 / mult, base
}

// Plain writes a number with at most two decimals and no trailing zeros,
// as Format writes the digits: for figures already scaled (Scale).
func Plain(v float64) string { return plain(v) }

// plain writes a number with at most two decimals and no trailing zeros.
func plain(v float64) string {
	r := math.Round(v*100) / 100
	if r == 0 {
		r = 0 // no "-0"
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}
