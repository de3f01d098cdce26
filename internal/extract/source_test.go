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
