package store

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// gramBarrier is the token Grams writes wherever punctuation or space
// separated two tokens. Both FTS5 (unicode61) and PostgreSQL's parser drop
// punctuation without leaving a gap in token positions, so without it
// "投入。入强" would index as "投入 入强" and match a search for 投入强. The
// character is a letter to both tokenizers, and Grams treats it as a
// separator in its input, so no text or query can ever produce it as a word.
const gramBarrier = "ǂ"

// Grams turns text into the search index's tokens, separated by spaces:
// every run of Han characters becomes its overlapping bigrams ("投入强度" →
// "投入 入强 强度"; a lone character stays itself), and every run of other
// letters and digits one word, ASCII lowercased and full-width folded
// ("５Ｇ" → "5g"). Searching for a string's Grams as a phrase finds every
// text containing that string, for any Chinese substring of two characters
// or more; words and digit runs match whole.
func Grams(text string) string {
	var b strings.Builder
	b.Grow(len(text) * 2)
	var (
		prevHan rune // the previous Han character in the current run, or 0
		inWord  bool // inside a run of non-Han letters and digits
		gap     bool // a separator since the last token
		started bool // a token has been written
	)
	// sep starts a token: a space after the previous one, and a barrier
	// if a separator came between.
	sep := func() {
		if started {
			b.WriteByte(' ')
			if gap {
				b.WriteString(gramBarrier)
				b.WriteByte(' ')
			}
		}
		started, gap = true, false
	}
	hanRun := 0 // characters in the current Han run
	closeHan := func() {
		if hanRun == 1 { // a lone character is written as itself
			sep()
			b.WriteRune(prevHan)
		}
		hanRun = 0
	}
	for _, r := range text {
		r = foldRune(r)
		switch {
		case isHan(r):
			inWord = false
			if hanRun > 0 {
				sep()
				b.WriteRune(prevHan)
				b.WriteRune(r)
			}
			prevHan = r
			hanRun++
		case isWordRune(r):
			closeHan()
			if !inWord {
				sep()
				inWord = true
			}
			b.WriteRune(r)
		default:
			closeHan()
			inWord = false
			if started {
				gap = true
			}
		}
	}
	closeHan()
	return b.String()
}

// isHan reports whether r is a Chinese character.
func isHan(r rune) bool {
	return r >= 0x2E80 && unicode.Is(unicode.Han, r)
}

// isWordRune reports whether r is part of a non-Han word: letters and
// digits, except the barrier itself.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= '0' && r <= '9'
	}
	return r != 'ǂ' && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// foldRune maps full-width ASCII to ASCII and ASCII to lower case.
// Both keep runes the same; only the full-width fold changes byte length.
func foldRune(r rune) rune {
	if r >= 0xFF01 && r <= 0xFF5E {
		r -= 0xFEE0
	} else if r == 0x3000 {
		r = ' '
	}
	if r >= 'A' && r <= 'Z' {
		r += 'a' - 'A'
	}
	return r
}

// foldString applies foldRune to a whole string (for queries).
func foldString(s string) string { return strings.Map(foldRune, s) }

// lowerASCII lowercases ASCII letters only, so byte offsets into the result
// are byte offsets into s.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; c >= 'A' && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// queryTerms splits a query at spaces into terms (all must match), folded
// and trimmed of punctuation, each with its Grams; terms without any
// indexable character are dropped.
func queryTerms(text string) (terms, grams []string) {
	for _, f := range strings.Fields(foldString(text)) {
		f = strings.TrimFunc(f, func(r rune) bool { return !isHan(r) && !isWordRune(r) })
		if f == "" {
			continue
		}
		g := Grams(f)
		if g == "" {
			continue
		}
		terms = append(terms, f)
		grams = append(grams, g)
	}
	return terms, grams
}

// chunkText splits text into pieces of at most max runes, at line ends
// where it can, else after a sentence end, else anywhere. Matches do not
// cross a line or sentence end (Grams puts a barrier there), so splitting
// there loses none; only a sentence longer than max can lose one.
func chunkText(text string, max int) []string {
	var out []string
	for len(text) > 0 {
		if utf8.RuneCountInString(text) <= max {
			out = append(out, text)
			break
		}
		// Byte offset just past max runes.
		end, n := 0, 0
		for end < len(text) && n < max {
			_, size := utf8.DecodeRuneInString(text[end:])
			end += size
			n++
		}
		cut := strings.LastIndexByte(text[:end], '\n')
		if cut <= 0 {
			cut = strings.LastIndexAny(text[:end], "。！？；!?;")
			if cut > 0 {
				_, size := utf8.DecodeRuneInString(text[cut:])
				cut += size - 1
			}
		}
		if cut <= 0 {
			cut = end - 1
		}
		out = append(out, text[:cut+1])
		text = text[cut+1:]
	}
	return out
}
