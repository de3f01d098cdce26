package ingest

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"
)

// Normalize maps s to the form the extractor reads: full-width digits,
// letters and the symbols that appear inside numbers become ASCII, the
// ideographic space becomes ' ', and traditional characters become
// simplified ones. Every rune is replaced by exactly one rune, so the result
// has the same rune count and the same line breaks as s; spans found in the
// result can be shown on s. traditional reports whether s reads as text
// written in traditional characters.
func Normalize(s string) (out string, traditional bool) {
	t2s := loadT2S()
	var han, trad int
	plain := true
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if han3(s, i) {
			r, size = rune3(s, i), 3
		} else if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		if r < utf8.RuneSelf {
			continue
		}
		if mapWidth(r) != r {
			plain = false
			continue
		}
		if isHan(r) {
			han++
			if t2s.has(r) {
				trad++
			}
		}
	}
	// A few stray traditional characters occur in simplified text (names,
	// quotations); a traditional document has a far higher share of them.
	traditional = trad >= 3 && trad*20 >= han
	if plain && trad == 0 {
		return s, traditional
	}
	var b strings.Builder
	b.Grow(len(s))
	if utf8.ValidString(s) {
		// Runs of runes that stay are copied as they are: in valid UTF-8
		// writing each decoded rune again gives the same bytes.
		kept := 0
		for i, r := range s {
			if r < utf8.RuneSelf {
				continue
			}
			m := mapWidth(r)
			if m == r && trad > 0 {
				if t, ok := t2s.get(r); ok {
					m = t
				}
			}
			if m != r {
				b.WriteString(s[kept:i])
				b.WriteRune(m)
				kept = i + utf8.RuneLen(r)
			}
		}
		b.WriteString(s[kept:])
		return b.String(), traditional
	}
	for _, r := range s {
		if r < utf8.RuneSelf {
			b.WriteByte(byte(r))
			continue
		}
		if m := mapWidth(r); m != r {
			b.WriteRune(m)
			continue
		}
		if trad > 0 {
			if m, ok := t2s.get(r); ok {
				b.WriteRune(m)
				continue
			}
		}
		b.WriteRune(r)
	}
	return b.String(), traditional
}

// mapWidth folds full-width forms. The CJK punctuation that the extractor
// recognises in both widths (（） ， ： ； ！ ？) keeps its full width so the
// Original and Text read alike around headings such as （一）.
func mapWidth(r rune) rune {
	switch {
	case r == '\u3000', r == '\u00a0', r >= '\u2000' && r <= '\u200a', r == '\u202f', r == '\u205f':
		return ' '
	case r == '\uFE52': // ﹒, the small full stop some sites number items with (1﹒)
		return '.'
	case r >= 0xFF01 && r <= 0xFF5E:
		switch r {
		case '！', '（', '）', '，', '：', '；', '？':
			return r
		}
		return r - 0xFF01 + '!'
	}
	return r
}

func isHan(r rune) bool {
	return r >= 0x3400 && r <= 0x9FFF || r >= 0xF900 && r <= 0xFAFF || r >= 0x20000 && r <= 0x3134F
}

// t2sTable maps traditional characters to simplified ones. BMP characters,
// which are nearly all of them, live in a flat array so the per-rune lookup
// on the hot path is an index, not a hash.
type t2sTable struct {
	bmp  []rune // indexed by rune; 0 means no mapping
	rest map[rune]rune
	// mapped marks the runes of bmp that have a mapping: has asks about
	// every Han character, and 8 KB stay in cache where bmp's 256 KB do
	// not.
	mapped [0x10000 / 64]uint64
}

func (t *t2sTable) get(r rune) (rune, bool) {
	if r < 0x10000 {
		m := t.bmp[r]
		return m, m != 0
	}
	m, ok := t.rest[r]
	return m, ok
}

func (t *t2sTable) has(r rune) bool {
	if r >= 0 && r < 0x10000 {
		return t.mapped[r/64]&(1<<(r%64)) != 0
	}
	_, ok := t.get(r)
	return ok
}

var (
	t2sOnce sync.Once
	t2sData *t2sTable
)

// loadT2S builds the one-to-one character table from the OpenCC
// TSCharacters dictionary embedded in github.com/longbridgeapp/opencc. The
// library's own converter matches phrases and may change the rune count, so
// it is only used to read the dictionary once; conversion is a table lookup.
func loadT2S() *t2sTable {
	t2sOnce.Do(func() {
		t := &t2sTable{bmp: make([]rune, 0x10000), rest: map[rune]rune{}}
		t2sData = t
		cc, err := opencc.New("t2s")
		if err != nil {
			return
		}
		for _, g := range cc.DictChains {
			for i, d := range g.Dicts {
				if i >= len(g.Files) || !strings.HasPrefix(g.Files[i], "TSCharacters") {
					continue
				}
				fill := func(lo, hi rune) {
					var buf [4]byte
					for r := lo; r <= hi; r++ {
						n := utf8.EncodeRune(buf[:], r)
						// PrefixMatch, unlike Get, returns the value
						// stored under the exact key.
						m, err := d.PrefixMatch(string(buf[:n]))
						vals := m[string(buf[:n])]
						if err != nil || len(vals) == 0 {
							continue
						}
						v := []rune(vals[0])
						if len(v) != 1 || v[0] == r || !unicode.Is(unicode.Han, v[0]) && !isHan(v[0]) {
							continue
						}
						if r < 0x10000 {
							t.bmp[r] = v[0]
							t.mapped[r/64] |= 1 << (r % 64)
						} else {
							t.rest[r] = v[0]
						}
					}
				}
				fill(0x3400, 0x9FFF)
				fill(0xF900, 0xFAFF)
				fill(0x20000, 0x3134F)
			}
		}
	})
	return t2sData
}
