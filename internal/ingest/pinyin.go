package ingest

import (
	"strings"
	"unicode/utf8"
)

// RemovePinyin deletes pinyin annotations that follow Han characters, as
// in "發(fā)展" or "長(zhǎng)三角": a parenthesised group of up to seven
// Latin letters that carries a tone mark or reads as one pinyin syllable.
// Parenthesised Latin that is not pinyin ("(PPP)", "(a)") stays.
func RemovePinyin(s string) string {
	// Two byte searches: ContainsAny decodes every rune against a
	// non-ASCII set.
	if !strings.Contains(s, "(") && !strings.Contains(s, "（") {
		return s
	}
	if !utf8.ValidString(s) {
		return removePinyinRunes(s)
	}
	// Jump from bracket to bracket instead of decoding every rune: in
	// valid UTF-8 the rune before a bracket decodes the same backwards.
	var b strings.Builder
	copied := 0                      // s[:copied] is settled (in b once changed)
	skipEnd, skipPrev := -1, rune(0) // a group just removed ends at skipEnd; the rune before it still counts as prev
	nextASCII, nextWide := -2, -2    // next '(' and '（' at or after i, -1 when none is left
	for i := 0; i < len(s); {
		if nextASCII != -1 && nextASCII < i {
			nextASCII = indexFrom(s, i, "(")
		}
		if nextWide != -1 && nextWide < i {
			nextWide = indexFrom(s, i, "（")
		}
		p, size := nextASCII, 1
		if p < 0 || nextWide >= 0 && nextWide < p {
			p, size = nextWide, len("（")
		}
		if p < 0 {
			break
		}
		prev := skipPrev
		if p != skipEnd {
			prev, _ = utf8.DecodeLastRuneInString(s[:p])
		}
		if isHan(prev) {
			if n := pinyinGroup(s[p+size:]); n > 0 {
				if copied == 0 {
					b.Grow(len(s))
				}
				b.WriteString(s[copied:p])
				copied = p + size + n
				skipEnd, skipPrev = copied, prev
				i = copied
				continue
			}
		}
		i = p + size
	}
	if copied == 0 {
		return s
	}
	b.WriteString(s[copied:])
	return b.String()
}

// indexFrom is the index of sub in s at or after i, or -1.
func indexFrom(s string, i int, sub string) int {
	if k := strings.Index(s[i:], sub); k >= 0 {
		return i + k
	}
	return -1
}

// removePinyinRunes is RemovePinyin rune by rune, for text that is not
// valid UTF-8: once a group is removed, the invalid bytes become U+FFFD.
func removePinyinRunes(s string) string {
	var b strings.Builder
	var prev rune
	changed := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == '(' || r == '（') && isHan(prev) {
			if n := pinyinGroup(s[i+size:]); n > 0 {
				if !changed {
					b.Grow(len(s))
					b.WriteString(s[:i])
					changed = true
				}
				i += size + n
				continue
			}
		}
		if changed {
			b.WriteRune(r)
		}
		prev = r
		i += size
	}
	if !changed {
		return s
	}
	return b.String()
}

// pinyinGroup returns the byte length of "letters)" at the start of s when
// the letters are a pinyin annotation, else 0.
func pinyinGroup(s string) int {
	toned := false
	letters := 0
	var plain strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == ')' || r == '）':
			if letters == 0 {
				return 0
			}
			if toned || letters >= 2 && isPinyinSyllable(plain.String()) {
				return i + size
			}
			return 0
		case r >= 'a' && r <= 'z':
			plain.WriteRune(r)
		case toneBase(r) != 0:
			toned = true
			plain.WriteRune(toneBase(r))
		default:
			return 0
		}
		letters++
		if letters > 7 {
			return 0
		}
		i += size
	}
	return 0
}

// toneBase maps a tone-marked pinyin vowel to its bare letter.
func toneBase(r rune) rune {
	switch r {
	case 'ā', 'á', 'ǎ', 'à':
		return 'a'
	case 'ē', 'é', 'ě', 'è', 'ê':
		return 'e'
	case 'ī', 'í', 'ǐ', 'ì':
		return 'i'
	case 'ō', 'ó', 'ǒ', 'ò':
		return 'o'
	case 'ū', 'ú', 'ǔ', 'ù':
		return 'u'
	case 'ǖ', 'ǘ', 'ǚ', 'ǜ', 'ü':
		return 'v'
	case 'ń', 'ň', 'ǹ':
		return 'n'
	}
	return 0
}

var (
	pinyinInitials = []string{"zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r", "z", "c", "s", "y", "w", ""}
	pinyinFinals   = setOf(
		"a", "o", "e", "i", "u", "v", "ai", "ei", "ao", "ou", "an", "en", "ang", "eng", "ong", "er",
		"ia", "ie", "iao", "iu", "iou", "ian", "in", "iang", "ing", "iong",
		"ua", "uo", "uai", "ui", "uei", "uan", "un", "uen", "uang", "ueng",
		"ve", "ue", "van", "vn", "ng",
	)
)

func isPinyinSyllable(s string) bool {
	for _, ini := range pinyinInitials {
		if strings.HasPrefix(s, ini) && pinyinFinals[s[len(ini):]] {
			return true
		}
	}
	return false
}
