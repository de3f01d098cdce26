package extract

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// runeCount, runesOf, runesUpTo, hasPrefixAt, headRunes and containsAny
// read runes their own way; they must read them as a range loop does,
// invalid and overlong bytes included.
func TestRuneReadingMatchesRange(t *testing.T) {
	for _, s := range []string{
		"", "abc", "全市GDP增长6%", "\xe4\xb8", "\xe4\xb8a\xb8\xad中", "\xe0\x80\x80中", "\xed\xa0\x80文",
		"\xef\xbc\x8c，\xf0\x9f\x98\x80😀", "\x80\xbf\xff", "中\xe4", "\xee\x80\x80\xef\xbf\xbf",
	} {
		if got, want := runeCount(s), utf8.RuneCountInString(s); got != want {
			t.Errorf("runeCount(%q) = %d, want %d", s, got, want)
		}
		if got, want := runesOf(s), []rune(s); !slices.Equal(got, want) {
			t.Errorf("runesOf(%q) = %q, want %q", s, got, want)
		}
		for limit := 0; limit <= 12; limit++ {
			if got, want := runesUpTo(s, limit), min(utf8.RuneCountInString(s), limit); got != want {
				t.Errorf("runesUpTo(%q, %d) = %d, want %d", s, limit, got, want)
			}
		}
		for _, p := range []string{"中", "中文", "\xe4\xb8a", "😀", "a"} {
			if got, want := hasPrefixAt([]rune(s), 0, p), strings.HasPrefix(string([]rune(s)), string([]rune(p))); got != want {
				t.Errorf("hasPrefixAt(%q, 0, %q) = %v, want %v", s, p, got, want)
			}
		}
		for n := 0; n <= 4; n++ {
			want, i := s, 0
			for k := range s {
				if i == n {
					want = s[:k]
					break
				}
				i++
			}
			if got := headRunes(s, n); got != want {
				t.Errorf("headRunes(%q, %d) = %q, want %q", s, n, got, want)
			}
		}
		for _, r := range []rune(s + "丸中文，") {
			w := newWordSet(string(r))
			if got, want := containsAny(s, w), containsAnyByRange(s, w); got != want {
				t.Errorf("containsAny(%q, %q) = %v, want %v", s, string(r), got, want)
			}
		}
	}
}

// containsAnyByRange is containsAny as it read runes before.
func containsAnyByRange(s string, w *wordSet) bool {
	for i, r := range s {
		if !w.first.has(r) {
			continue
		}
		for _, word := range w.byFirst[r] {
			if strings.HasPrefix(s[i:], word) {
				return true
			}
		}
	}
	return false
}
