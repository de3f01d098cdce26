package track

import "strings"

// sourceMax is the most characters SourceSentence returns.
const sourceMax = 240

// SourceSentence is the sentence of text (as runes) that holds the span
// [start, end): the span widened to the sentence ends around it (。！？；
// or a line break), spaces folded, at most sourceMax characters. A
// project's span is only its name and a target's only its clause: the
// reviewer reads them in their sentence. "" when the span is not in text.
func SourceSentence(text []rune, start, end int) string {
	from, to, ok := SourceBounds(text, start, end)
	if !ok {
		return ""
	}
	s := strings.Join(strings.Fields(string(text[from:to])), " ")
	if r := []rune(s); len(r) > sourceMax {
		s = string(r[:sourceMax]) + "…"
	}
	return s
}

// SourceBounds is the rune span [from, to) of the sentence SourceSentence
// quotes for the span [start, end), so a page can quote the sentence with
// the span itself marked; ok is false when the span is not in text.
func SourceBounds(text []rune, start, end int) (from, to int, ok bool) {
	if start < 0 || end > len(text) || start >= end {
		return 0, 0, false
	}
	stop := func(r rune) bool { return strings.ContainsRune("。！？；\n", r) }
	from = start
	for from > 0 && !stop(text[from-1]) && start-from < sourceMax/2 {
		from--
	}
	to = end
	for to < len(text) && !stop(text[to-1]) && to-end < sourceMax/2 {
		to++
	}
	return from, to, true
}
