package store

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// analyse finds the terms in text, decides whether any match is a whole
// word, and cuts the snippet: around the first whole-word match, else the
// first match, else in the title, else the start of the text.
func (r *ranked) analyse(text string, terms []string) {
	// Terms come folded to lower case; the text needs folding only for a
	// term with Latin letters. Folding keeps every byte where it is, so the
	// offsets found in either are the text's. Skipping it spares a copy of
	// each long text read for a Chinese query.
	lowText := text
	if slices.ContainsFunc(terms, hasASCIILetter) {
		lowText = lowerASCII(text)
	}
	best := [2]int{-1, -1}
	for _, t := range terms {
		start, end, whole := findBest(lowText, t)
		if start < 0 {
			continue
		}
		if best[0] < 0 || whole && !r.whole {
			best = [2]int{start, end}
		}
		r.whole = r.whole || whole
		r.found = true
	}
	if best[0] >= 0 {
		r.hit.Snippet, r.hit.Match = snippet(text, best[0], best[1])
		return
	}
	lowTitle := lowerASCII(r.hit.Document.Title)
	for _, t := range terms {
		if i := strings.Index(lowTitle, t); i >= 0 {
			r.hit.Snippet, r.hit.Match = snippet(r.hit.Document.Title, i, i+len(t))
			return
		}
	}
	r.hit.Snippet, r.hit.Match = snippet(text, 0, 0)
}

// hasASCIILetter reports whether s has a Latin letter, of either case.
func hasASCIILetter(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c >= 'a' && c <= 'z' {
			return true
		}
	}
	return false
}

// findBest returns the byte range of the first whole-word occurrence of
// term in text, else of the first occurrence; -1 if there is none.
func findBest(text, term string) (start, end int, whole bool) {
	first := -1
	for from, n := 0, 0; n < maxOccurrences; n++ {
		i := strings.Index(text[from:], term)
		if i < 0 {
			break
		}
		i += from
		if first < 0 {
			first = i
		}
		if isWholeWord(text, i, i+len(term)) {
			return i, i + len(term), true
		}
		_, size := utf8.DecodeRuneInString(text[i:])
		from = i + size
	}
	if first < 0 {
		return -1, -1, false
	}
	return first, first + len(term), false
}

// wordParticles are function characters that commonly sit next to a word
// without being part of it: 的 和 与 及 在 对 是 等.
var wordParticles = map[rune]bool{'的': true, '和': true, '与': true, '及': true, '在': true, '对': true, '是': true, '等': true}

// isWholeWord is the whole-word heuristic. Chinese has no spaces between
// words, so a match [start, end) counts as a whole word when each side is
// the start or end of the text, a character that is neither a letter nor a
// digit (punctuation, space), or one of the common particles 的 和 与 及 在
// 对 是 等. 绍兴 in "绍兴，" or "在绍兴的" is whole; in "绍兴市" it is not. The
// heuristic misses words followed by an ordinary verb (绍兴召开) — they
// still match, only rank lower.
func isWholeWord(text string, start, end int) bool {
	before, _ := utf8.DecodeLastRuneInString(text[:start])
	after, _ := utf8.DecodeRuneInString(text[end:])
	return isWordEdge(before, start == 0) && isWordEdge(after, end == len(text))
}

func isWordEdge(r rune, atEnd bool) bool {
	return atEnd || !(unicode.IsLetter(r) || unicode.IsDigit(r)) || wordParticles[r]
}

// snippet cuts about snippetRunes runes of text around the byte range
// [start, end), on rune boundaries, with line breaks and tabs as spaces
// (one byte for one, so offsets hold), and returns the match's byte
// offsets inside it.
func snippet(text string, start, end int) (string, [2]int) {
	matchRunes := utf8.RuneCountInString(text[start:end])
	before := max((snippetRunes-matchRunes)/2, 10)
	// Walk back `before` runes from start and forward to fill the rest.
	from := start
	for n := 0; n < before && from > 0; n++ {
		_, size := utf8.DecodeLastRuneInString(text[:from])
		from -= size
	}
	to := end
	for n := utf8.RuneCountInString(text[from:end]); n < snippetRunes && to < len(text); n++ {
		_, size := utf8.DecodeRuneInString(text[to:])
		to += size
	}
	snip := strings.Map(func(r rune) rune {
		switch r {
		case '\n', '\r', '\t':
			return ' '
		}
		return r
	}, text[from:to])
	return snip, [2]int{start - from, end - from}
}

// containsAll reports whether every term occurs in text or title: as a
// string (ASCII case folded), or else as a phrase of the index's tokens
// (Grams), which is what the SQLite index matches.
func containsAll(text, title string, terms, grams []string) bool {
	low, lowTitle := text, title
	if slices.ContainsFunc(terms, hasASCIILetter) { // as in analyse
		low, lowTitle = lowerASCII(text), lowerASCII(title)
	}
	var tokens string // " " + Grams(text) + " ", made only when needed
	for i, t := range terms {
		if strings.Contains(low, t) || strings.Contains(lowTitle, t) {
			continue
		}
		if tokens == "" {
			tokens = " " + Grams(title) + " " + gramBarrier + " " + Grams(text) + " "
		}
		if !strings.Contains(tokens, " "+grams[i]+" ") {
			return false
		}
	}
	return true
}

// allHan reports whether every term is made of Chinese characters only.
func allHan(terms []string) bool {
	for _, t := range terms {
		for _, r := range t {
			if !isHan(r) {
				return false
			}
		}
	}
	return true
}
