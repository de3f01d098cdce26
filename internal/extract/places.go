package extract

import (
	"sort"
	"unicode"

	"planwatch/internal/region"
)

// This file finds the places a document names, the partner regions it
// commits to work with, the named projects, parks and platforms, and the
// region the document is about. Offsets are runes into the normalized text.

// findPlaces returns the divisions the text names, with how often, most
// frequent first (ties: first mentioned first).
func findPlaces(text string) []Place { return placesFrom(region.Find(text)) }

// placesFrom counts the divisions of mentions already found.
func placesFrom(ms []region.Mention) []Place {
	type agg struct {
		d     region.Division
		n     int
		first int
	}
	byCode := map[string]*agg{}
	var order []*agg
	for _, m := range ms {
		a := byCode[m.Division.Code]
		if a == nil {
			a = &agg{d: m.Division, first: m.Start}
			byCode[m.Division.Code] = a
			order = append(order, a)
		}
		a.n++
	}
	sort.SliceStable(order, func(i, j int) bool { return order[i].n > order[j].n })
	out := make([]Place, 0, len(order))
	for _, a := range order {
		out = append(out, Place{Name: a.d.Name, Code: a.d.Code, Count: a.n})
	}
	return out
}

// placeSpan is a clause or sentence: a half-open range of runes.
type placeSpan struct{ start, end int }

// placeClauses splits text into clauses at sentence and clause punctuation.
func placeClauses(text []rune) []placeSpan {
	// Counting the breaks first sizes the list once: it spans the whole
	// text, and growing it by appends copied it over and over.
	breaks := 0
	for _, r := range text {
		if placeBreak(r) {
			breaks++
		}
	}
	out := make([]placeSpan, 0, breaks+1)
	start := 0
	for i, r := range text {
		if placeBreak(r) {
			if i > start {
				out = append(out, placeSpan{start, i})
			}
			start = i + 1
		}
	}
	if start < len(text) {
		out = append(out, placeSpan{start, len(text)})
	}
	return out
}

// placeBreak reports the punctuation that ends a clause for places. It
// is asked about every rune of the text, twice: a bit test, not a switch.
func placeBreak(r rune) bool { return placeBreaks.has(r) }

var placeBreaks = func() *runeSet {
	s := &runeSet{}
	for _, r := range "。！？；\n，,;!?：:" {
		s.add(r)
	}
	return s
}()

// projectAhead reports whether a project cue follows within a few
// characters of the same clause (义甬舟开放大通道).
func projectAhead(rs []rune, j int) bool {
	for k := j; k < len(rs) && k < j+8; k++ {
		if !placeHan(rs[k]) {
			return false
		}
		if hasAnyAt(rs, k, projectCues) {
			return true
		}
	}
	return false
}

func isQuote(r rune) bool {
	switch r {
	case '“', '”', '"', '「', '」', '『', '』', '‘', '’', '\'':
		return true
	}
	return false
}

func placeHan(r rune) bool { return unicode.Is(unicode.Han, r) }

func hasAt(text []rune, i int, s string) bool { return hasPrefixAt(text, i, s) }

func hasAnyAt(text []rune, i int, list []string) bool {
	for _, s := range list {
		if hasAt(text, i, s) {
			return true
		}
	}
	return false
}
