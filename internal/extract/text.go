package extract

import (
	"strings"
	"unicode/utf8"
)

// line is one line of the normalized text, as rune offsets.
type line struct {
	start, end int // the trimmed content
}

// splitLines cuts text into trimmed, non-empty lines.
func splitLines(text []rune) []line {
	var out []line
	start := 0
	for i := 0; i <= len(text); i++ {
		if i < len(text) && text[i] != '\n' {
			continue
		}
		s, e := start, i
		for s < e && isSpace(text[s]) {
			s++
		}
		for e > s && isSpace(text[e-1]) {
			e--
		}
		if e > s {
			out = append(out, line{s, e})
		}
		start = i + 1
	}
	return out
}

func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\r' || r == '\u3000' || r == '\u00a0' || r == '\ufeff'
}

// sentenceEnd reports runes that close a sentence.
func sentenceEnd(r rune) bool {
	return r == '。' || r == '！' || r == '？' || r == '!' || r == '?'
}

// clauseBreak reports runes that close a clause inside a sentence.
func clauseBreak(r rune) bool {
	return r == '，' || r == ',' || r == '；' || r == ';' || r == '：' || r == ':' || r == '\t'
}

// sentences cuts a line into sentences, keeping closing quotes with the
// sentence they close.
func sentences(text []rune, l line) []line {
	var out []line
	s := l.start
	for i := l.start; i < l.end; i++ {
		if !sentenceEnd(text[i]) {
			continue
		}
		e := i + 1
		for e < l.end && (text[e] == '”' || text[e] == '’' || text[e] == '"' || text[e] == '）' || text[e] == ')') {
			e++
		}
		out = append(out, line{s, e})
		s = e
		i = e - 1
	}
	if s < l.end {
		out = append(out, line{s, l.end})
	}
	return out
}

// trimPunct strips spaces and punctuation from both ends.
func trimPunct(s []rune) []rune {
	a, b := trimPunctSpan(s, 0, len(s))
	return s[a:b]
}

// trimPunctSpan is trimPunct on text[a:b], returned as the bounds of what
// is left, so that a caller can take the string from the source.
func trimPunctSpan(text []rune, a, b int) (int, int) {
	for a < b && (isSpace(text[a]) || isPunct(text[a])) {
		a++
	}
	for b > a && (isSpace(text[b-1]) || isPunct(text[b-1])) {
		b--
	}
	return a, b
}

func isPunct(r rune) bool {
	switch r {
	case '，', ',', '。', '；', ';', '：', ':', '、', '！', '？', '!', '?', '.', '…', '—', '-', '·':
		return true
	}
	return false
}

// wordSet finds any of a list of words in a string in one pass: CJK words
// share their leading UTF-8 bytes, so one strings.Contains per word would
// scan the string once per word.
type wordSet struct {
	first   runeSet
	list    []string
	byFirst map[rune][]string
	runes   map[rune][][]rune
}

func newWordSet(words ...string) *wordSet {
	w := &wordSet{list: words, byFirst: map[rune][]string{}, runes: map[rune][][]rune{}}
	for _, s := range words {
		r, _ := utf8.DecodeRuneInString(s)
		w.first.add(r)
		w.byFirst[r] = append(w.byFirst[r], s)
		w.runes[r] = append(w.runes[r], []rune(s))
	}
	return w
}

// inRunes is containsAny on runes, sparing a string conversion.
func (w *wordSet) inRunes(rs []rune) bool {
	for i, r := range rs {
		if !w.first.has(r) {
			continue
		}
		for _, word := range w.runes[r] {
			if runesHavePrefix(rs[i:], word) {
				return true
			}
		}
	}
	return false
}

// startsRunes reports whether rs begins with one of the words.
func (w *wordSet) startsRunes(rs []rune) bool {
	if len(rs) == 0 || !w.first.has(rs[0]) {
		return false
	}
	for _, word := range w.runes[rs[0]] {
		if runesHavePrefix(rs, word) {
			return true
		}
	}
	return false
}

func containsAny(s string, w *wordSet) bool {
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if han3(s, i) {
			r, n = rune3(s, i), 3
		} else if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		if w.first.has(r) {
			for _, word := range w.byFirst[r] {
				if strings.HasPrefix(s[i:], word) {
					return true
				}
			}
		}
		i += n
	}
	return false
}

// han3 reports a valid three-byte rune at byte i of s whose bytes rune3
// can read without the checks of the general decoder: the scans of words
// and the counts of runes run over every rune of every line, and the
// decoder is a call per rune. Leads E1–EC and EE–EF take any two
// continuation bytes; E0 and ED have narrower ranges (overlong forms,
// surrogates) and go the long way.
func han3(s string, i int) bool {
	c := s[i]
	return c >= 0xE1 && c != 0xED && c <= 0xEF && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80
}

func rune3(s string, i int) rune {
	return rune(s[i]&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
}

// runeCount is utf8.RuneCountInString, reading Han runes inline.
func runeCount(s string) int {
	n := 0
	for i := 0; i < len(s); n++ {
		i += runeSize(s, i)
	}
	return n
}

// runeSize is the byte length of the rune at s[i], reading Han runes and
// ASCII inline.
func runeSize(s string, i int) int {
	switch {
	case han3(s, i):
		return 3
	case s[i] < utf8.RuneSelf:
		return 1
	}
	_, size := utf8.DecodeRuneInString(s[i:])
	return size
}

// runesUpTo is min(runeCount(s), limit), counting no further than it
// needs: the tests of a line's length (more than 60 characters is no
// document number) ask about every line, and most lines are long. A rune
// takes one to four bytes, so the byte length settles most of them.
func runesUpTo(s string, limit int) int {
	if len(s) <= limit {
		return runeCount(s)
	}
	if len(s) >= 4*limit {
		return limit
	}
	n := 0
	for i := 0; i < len(s) && n < limit; n++ {
		i += runeSize(s, i)
	}
	return n
}

// runesOver reports runeCount(s) > n.
func runesOver(s string, n int) bool { return runesUpTo(s, n+1) > n }

// runesOf is []rune(s), reading Han runes inline.
func runesOf(s string) []rune {
	out := make([]rune, runeCount(s))
	for i, k := 0, 0; i < len(s); k++ {
		if han3(s, i) {
			out[k] = rune3(s, i)
			i += 3
		} else if s[i] < utf8.RuneSelf {
			out[k] = rune(s[i])
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			out[k] = r
			i += size
		}
	}
	return out
}

func isHan(r rune) bool {
	return r >= 0x4e00 && r <= 0x9fff || r >= 0x3400 && r <= 0x4dbf
}

// runeSet is a set of runes of the Basic Multilingual Plane, tested with a
// bit: scanners ask about every character of a document.
type runeSet [0x10000 / 64]uint64

func (s *runeSet) add(r rune) {
	if r >= 0 && r < 0x10000 {
		s[r/64] |= 1 << (r % 64)
	}
}

func (s *runeSet) has(r rune) bool {
	return r >= 0 && r < 0x10000 && s[r/64]&(1<<(r%64)) != 0
}

// clause is a stretch of a sentence between clause breaks.
type clause struct{ start, end int }

// clauses cuts a sentence at its clause breaks (，；：) outside brackets.
func clauses(text []rune, s line) []clause {
	var out []clause
	start := s.start
	depth := 0
	for i := s.start; i < s.end; i++ {
		switch text[i] {
		case '（', '(':
			depth++
		case '）', ')':
			if depth > 0 {
				depth--
			}
		}
		if depth == 0 && (clauseBreak(text[i]) || sentenceEnd(text[i])) && !thousandsSep(text, i) {
			if i > start {
				out = append(out, clause{start, i})
			}
			start = i + 1
		}
	}
	if start < s.end {
		out = append(out, clause{start, s.end})
	}
	return out
}

// hasAnyRune is strings.ContainsAny for a set of non-ASCII runes: that
// decodes every rune of s and looks it up in chars, while a search per
// rune of chars runs on the byte-search fast path. The answer is the same
// (UTF-8 is self-synchronizing); a set holding U+FFFD, which also stands
// for invalid bytes, keeps the library's own reading.
func hasAnyRune(s, chars string) bool {
	for _, c := range chars {
		if c == utf8.RuneError {
			return strings.ContainsAny(s, chars)
		}
		if strings.ContainsRune(s, c) {
			return true
		}
	}
	return false
}

// runesHavePrefix is hasPrefixAt for a word already in runes: no string to
// make and decode again for every candidate.
func runesHavePrefix(rs, word []rune) bool {
	if len(word) > len(rs) {
		return false
	}
	for k, r := range word {
		if rs[k] != r {
			return false
		}
	}
	return true
}

// runesContain reports whether rs holds the runes of s in a row, without
// making a string of rs.
func runesContain(rs []rune, s string) bool {
	first, _ := utf8.DecodeRuneInString(s)
	for i, r := range rs {
		if r == first && hasPrefixAt(rs, i, s) {
			return true
		}
	}
	return false
}
