package web

import (
	"strings"
	"testing"
)

func TestSegments(t *testing.T) {
	text := "一二三四五六七八九十"
	marks := []mark{{2, 6, markTask}, {4, 5, markTarget}, {4, 8, markFocus}, {9, 20, markObs}, {-1, 2, markObs}}
	segs := segments(text, marks)
	var b strings.Builder
	for _, s := range segs {
		for _, a := range s.Anchors {
			b.WriteString("#" + a)
		}
		if s.Classes != "" {
			b.WriteString("[" + s.Classes + ":" + s.Text + "]")
		} else {
			b.WriteString(s.Text)
		}
	}
	want := "一二#span-2-6[hl-task:三四]#span-4-5#span-4-8[hl-focus hl-target hl-task:五][hl-focus hl-task:六][hl-focus:七八]九十"
	if got := b.String(); got != want {
		t.Errorf("segments:\n got %s\nwant %s", got, want)
	}
	if got := segments("", nil); len(got) != 0 {
		t.Errorf("empty text: %v", got)
	}
}

func TestParseSpan(t *testing.T) {
	for s, ok := range map[string]bool{"10-20": true, "0-1": true, "20-10": false, "x": false, "1-2x": false, "-1-3": false, "01-2": false} {
		if _, got := parseSpan(s); got != ok {
			t.Errorf("parseSpan(%q) = %v, want %v", s, got, ok)
		}
	}
}
