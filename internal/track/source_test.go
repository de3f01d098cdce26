package track

import "testing"

func TestSourceSentence(t *testing.T) {
	text := []rune("一、总体要求\n建设南湖实验室，打造创新高地。新增高新技术企业1500家；完善机制。")
	find := func(s string) (int, int) {
		r := []rune(s)
		for i := 0; i+len(r) <= len(text); i++ {
			if string(text[i:i+len(r)]) == s {
				return i, i + len(r)
			}
		}
		t.Fatalf("%q not in the text", s)
		return 0, 0
	}
	tests := []struct {
		name, span, want string
	}{
		{"a name in its sentence", "南湖实验室", "建设南湖实验室，打造创新高地。"},
		{"a clause up to the semicolon", "1500家", "新增高新技术企业1500家；"},
		{"a whole sentence stays", "完善机制。", "完善机制。"},
		{"a heading line", "总体要求", "一、总体要求"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, e := find(tt.span)
			if got := SourceSentence(text, s, e); got != tt.want {
				t.Errorf("SourceSentence(%q) = %q, want %q", tt.span, got, tt.want)
			}
		})
	}
	for _, span := range [][2]int{{-1, 2}, {3, 3}, {0, len(text) + 1}} {
		if got := SourceSentence(text, span[0], span[1]); got != "" {
			t.Errorf("SourceSentence(%v) = %q, want \"\"", span, got)
		}
	}
}
