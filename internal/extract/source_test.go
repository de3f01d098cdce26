package extract

import "testing"

// TestSourceStr checks that slices of the source are the strings a rune
// conversion gives, invalid runes included.
func TestSourceStr(t *testing.T) {
	for _, tt := range []struct {
		name string
		text []rune
	}{
		{"empty", nil},
		{"ascii", []rune("GDP 5%")},
		{"han and full-width", []rune("到2025年，增长５％左右。")},
		{"two and four bytes", []rune("é€𠀀😀x")},
		{"invalid runes", []rune{'a', 0xD800, 'b', 0x110000, -1, '中'}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := newSource(tt.text)
			for a := 0; a <= len(tt.text); a++ {
				for b := a; b <= len(tt.text); b++ {
					if got, want := src.str(a, b), string(tt.text[a:b]); got != want {
						t.Fatalf("str(%d, %d) = %q, want %q", a, b, got, want)
					}
				}
			}
		})
	}
}

// TestSourceOf checks that a source made from the decoded string gives
// the same slices as one encoded from the runes, whether the text is still
// the decoded runes, was changed by reflow, or came from invalid UTF-8.
func TestSourceOf(t *testing.T) {
	for _, tt := range []struct {
		name    string
		s       string
		changed bool
	}{
		{"unchanged", "一、总体要求\n到2025年，GDP增长5%。", false},
		{"changed by reflow", "一、总体要求\n到2025年，GDP增长5%。", true},
		{"invalid UTF-8", "增长\xff5%", false},
		{"empty", "", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			decoded := runesOf(tt.s)
			text := decoded
			if tt.changed {
				text = append([]rune(nil), decoded...)
				text[0] = '二'
			}
			src := sourceOf(text, decoded, tt.s)
			for a := 0; a <= len(text); a++ {
				for b := a; b <= len(text); b++ {
					if got, want := src.str(a, b), string(text[a:b]); got != want {
						t.Fatalf("str(%d, %d) = %q, want %q", a, b, got, want)
					}
				}
			}
		})
	}
}
