package ingest

import (
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
)

// shingleLen is the number of tokens in a feature. Four Han characters are
// about two words: long enough that the stock phrases every policy
// document shares (加快推进, 各地区各部门) are only a few of a document's
// features, short enough that a changed sentence disturbs few of them.
const shingleLen = 4

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// Fingerprint returns a 64-bit SimHash of text for finding near-duplicate
// documents. Copies of a document that differ in line breaks, whitespace,
// punctuation, full-width forms or script (traditional or simplified) get
// the same fingerprint or one a bit apart (see HammingDistance); unrelated
// documents are about 32 bits apart. Added or changed text moves about
// 64·atan(√(k/n))/π bits when k of n features differ, so a line of 35
// characters added to a 1,500-character document moves 2 or 3 bits, and a
// threshold of 3 suits documents of that length or longer.
//
// The features are shingles of shingleLen consecutive tokens, where a token
// is one Han character or a run of letters or of digits (lower-cased);
// punctuation, symbols, whitespace and line breaks are skipped entirely, so
// a shingle runs across them. Characters are folded the way Normalize folds
// them (full width to ASCII, traditional to simplified), and short lines
// that Clean drops as page chrome, footers or spam are skipped, so raw and
// cleaned text fingerprint nearly alike. Every occurrence of a feature
// votes, so frequent features weigh more. Text with no tokens gives 0.
func Fingerprint(text string) uint64 {
	var s simhasher
	s.t2s = loadT2S()
	for len(text) > 0 {
		line := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		line = strings.TrimSpace(line)
		// Lines Clean drops (control bars, footers, link spam, page
		// numbers) are skipped: every feature votes alike, so three such
		// lines around a short document would move 4 to 6 bits. Those
		// rules only condemn short lines; long ones skip the scan.
		if line == "" || len(line) <= maxNoiseLineBytes && isNoiseLine(line) {
			continue
		}
		s.line(line)
	}
	return s.sum()
}

// maxNoiseLineBytes bounds the lines checked with isNoiseLine: its footer
// rules stop at 200 characters, 600 bytes of Chinese.
const maxNoiseLineBytes = 600

// simhasher accumulates the votes of a text's features.
type simhasher struct {
	t2s *t2sTable
	// Bit-sliced counters: planes[j] holds bit j of the 64 per-position
	// counts of set bits, so adding a hash is a carry chain of a few word
	// operations instead of 64 increments. 40 planes count past 10^12.
	planes   [40]uint64
	features uint64

	t0, t1, t2, t3 uint64 // the last shingleLen tokens, t3 the newest
	tokens         int
	run            int // the class of the letter or digit run being read
	runHash        uint64
}

const (
	runNone = iota
	runLetters
	runDigits
)

func (s *simhasher) add(h uint64) {
	s.features++
	c := h
	for j := range s.planes {
		if c == 0 {
			break
		}
		t := s.planes[j] & c
		s.planes[j] ^= c
		c = t
	}
}

func (s *simhasher) push(tok uint64) {
	s.t0, s.t1, s.t2, s.t3 = s.t1, s.t2, s.t3, tok
	s.tokens++
	if s.tokens >= shingleLen {
		s.add(shingleHash(s.t0, s.t1, s.t2, s.t3))
	}
}

func (s *simhasher) endRun() {
	if s.run != runNone {
		s.push(s.runHash)
		s.run = runNone
	}
}

// line feeds the tokens of one line.
func (s *simhasher) line(text string) {
	for i := 0; i < len(text); {
		r := rune(text[i])
		if r < utf8.RuneSelf {
			i++
		} else {
			var size int
			r, size = utf8.DecodeRuneInString(text[i:])
			i += size
			r = mapWidth(r)
		}
		class := runNone
		switch {
		case r >= 'a' && r <= 'z':
			class = runLetters
		case r >= 'A' && r <= 'Z':
			class, r = runLetters, r+('a'-'A')
		case r >= '0' && r <= '9':
			class = runDigits
		case r < utf8.RuneSelf:
		case isHan(r):
			if m, ok := s.t2s.get(r); ok {
				r = m
			}
			s.endRun()
			s.push(uint64(r))
			continue
		case unicode.IsLetter(r):
			class, r = runLetters, unicode.ToLower(r)
		case unicode.IsDigit(r):
			class = runDigits
		}
		if class != s.run {
			s.endRun()
		}
		if class == runNone {
			continue
		}
		if s.run == runNone {
			s.run, s.runHash = class, fnvOffset
		}
		// FNV-1a over the rune; a run's hash can never equal a lone Han
		// token, which is a code point below 2^21, except by a 2^-43 chance.
		for r != 0 {
			s.runHash ^= uint64(r & 0xff)
			s.runHash *= fnvPrime
			r >>= 8
		}
	}
	// A line break ends a word: "plan" at the end of a line and "ning" at
	// the start of the next are two tokens, as with a space.
	s.endRun()
}

func (s *simhasher) sum() uint64 {
	if s.tokens > 0 && s.tokens < shingleLen {
		// Too short for one full shingle: the tokens there are are the
		// only feature, so a short text still has a fingerprint.
		s.add(shingleHash(s.t0, s.t1, s.t2, s.t3))
	}
	if s.features == 0 {
		return 0
	}
	var fp uint64
	for b := range 64 {
		var count uint64
		for j := range s.planes {
			count |= (s.planes[j] >> b & 1) << j
		}
		if 2*count > s.features {
			fp |= 1 << b
		}
	}
	return fp
}

// shingleHash combines four token values with FNV-1a over 64-bit words,
// then finishes with MurmurHash3's fmix64. FNV's multiply only carries
// upwards, so without the finisher a hash's low bits would depend on the
// inputs' low bits alone and SimHash's 64 votes would not be independent.
func shingleHash(a, b, c, d uint64) uint64 {
	h := uint64(fnvOffset)
	h = (h ^ a) * fnvPrime
	h = (h ^ b) * fnvPrime
	h = (h ^ c) * fnvPrime
	h = (h ^ d) * fnvPrime
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

// HammingDistance returns the number of bits in which two fingerprints
// differ: 0 to 3 for near-duplicates, around 32 for unrelated texts.
func HammingDistance(a, b uint64) int {
	return bits.OnesCount64(a ^ b)
}
