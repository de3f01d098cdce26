package web

import (
	"strings"

	"planwatch/internal/track"
)

// sourceQuote is the sentence an extracted item came from, cut in three so
// a page can mark the words the extraction took (Mark) inside it: a
// reviewer sees at a glance what the item was read from.
type sourceQuote struct {
	Before, Mark, After string
}

// quoteMax is the most characters of a quote's marked part; the text
// around it is the sentence's, as track.SourceBounds bounds it.
const quoteMax = 400

// quoteSource cuts the sentence holding the rune span [start, end) of
// text; nil when the span is not in text (an item typed in by hand, a
// document removed).
func quoteSource(text []rune, start, end int) *sourceQuote {
	from, to, ok := track.SourceBounds(text, start, end)
	if !ok {
		return nil
	}
	fold := func(rs []rune) string { return strings.Join(strings.Fields(string(rs)), " ") }
	q := &sourceQuote{Before: fold(text[from:start]), Mark: fold(text[start:end]), After: fold(text[end:to])}
	if r := []rune(q.Mark); len(r) > quoteMax {
		q.Mark, q.After = string(r[:quoteMax])+"…", ""
	}
	return q
}
