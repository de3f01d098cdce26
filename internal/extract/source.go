package extract

import "unicode/utf8"

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
// ASCII and the rest of the Basic Multilingual Plane (Han) are written
// inline: a library call per rune made this cost more than the passes it
// saves.
func newSource(text []rune) *source {
	size := 0
	for _, r := range text {
		if n := utf8.RuneLen(r); n > 0 {
			size += n
		} else {
			size += len(string(utf8.RuneError))
		}
	}
	buf := make([]byte, size)
	off := make([]int32, len(text)+1)
	k := 0
	for i, r := range text {
		off[i] = int32(k)
		switch {
		case r >= 0 && r < utf8.RuneSelf:
			buf[k] = byte(r)
			k++
		case r >= 0x800 && r < 0x10000 && (r < 0xD800 || r > 0xDFFF):
			buf[k], buf[k+1], buf[k+2] = byte(0xE0|r>>12), byte(0x80|r>>6&0x3F), byte(0x80|r&0x3F)
			k += 3
		default:
			k += utf8.EncodeRune(buf[k:], r)
		}
	}
	off[len(text)] = int32(k)
	return &source{text: text, s: string(buf), off: off}
}

// str is string(text[a:b]) without the conversion.
func (src *source) str(a, b int) string {
	return src.s[src.off[a]:src.off[b]]
}

// sourceOf is newSource(text) for text that reflow made from decoded, the
// runes runesOf read from s. While text still is decoded (reflow copies
// before it changes anything, so an unchanged text is the same slice) and
// s is valid UTF-8, s already is the string: only the offsets are counted.
func sourceOf(text, decoded []rune, s string) *source {
	same := len(text) == len(decoded) && (len(text) == 0 || &text[0] == &decoded[0])
	if !same || !utf8.ValidString(s) {
		return newSource(text)
	}
	off := make([]int32, len(text)+1)
	k := 0
	for i, r := range text {
		off[i] = int32(k)
		k += utf8.RuneLen(r)
	}
	if k != len(s) {
		return newSource(text) // not s's runes after all
	}
	off[len(text)] = int32(k)
	return &source{text: text, s: s, off: off}
}
