package extract

import "strings"

// source is the normalized text as one string beside its runes. The passes
// index the text by rune and often want a line or a span as a string:
// string(text[a:b]) allocates and encodes the runes every time, while a
// slice of a string encoded once costs nothing.
type source struct {
	text []rune
	s    string
	off  []int32 // off[i] is the byte offset of rune i in s; off[len(text)] is len(s)
}

// newSource encodes text once. A rune that is not valid Unicode encodes as
// U+FFFD, as string(text[a:b]) encodes it, so str gives the same bytes.
func newSource(text []rune) *source {
	var b strings.Builder
	b.Grow(len(text) * 3)
	off := make([]int32, len(text)+1)
	for i, r := range text {
		off[i] = int32(b.Len())
		b.WriteRune(r)
	}
	off[len(text)] = int32(b.Len())
	return &source{text: text, s: b.String(), off: off}
}

// str is string(text[a:b]) without the conversion.
func (src *source) str(a, b int) string {
	return src.s[src.off[a]:src.off[b]]
}
