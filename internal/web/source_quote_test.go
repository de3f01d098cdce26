package web

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestQuoteSource cuts the sentence around a span with the span marked:
// the sentence ends at 。！？； or a line break, spaces folded, and a span
// outside the text gives nothing.
func TestQuoteSource(t *testing.T) {
	text := "一、目标。到2025年，覆盖率达到95%以上，\n  零售额达到12亿元。二、任务；推进建设。"
	tests := []struct {
		name       string
		span       string // the marked text, found in text
		start, end int    // used when span is ""
		want       *sourceQuote
	}{
		{name: "inside a sentence", span: "覆盖率达到95%以上", want: &sourceQuote{Before: "到2025年，", Mark: "覆盖率达到95%以上", After: "，"}},
		{name: "after a line break", span: "零售额达到12亿元", want: &sourceQuote{Before: "", Mark: "零售额达到12亿元", After: "。"}},
		{name: "a whole sentence", span: "推进建设。", want: &sourceQuote{Mark: "推进建设。"}},
		{name: "empty span", start: 3, end: 3},
		{name: "past the end", start: 10, end: 500},
		{name: "backwards", start: 8, end: 2},
		{name: "negative", start: -1, end: 2},
	}
	runes := []rune(text)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start, end := tt.start, tt.end
			if tt.span != "" {
				i := strings.Index(text, tt.span)
				start = utf8.RuneCountInString(text[:i])
				end = start + utf8.RuneCountInString(tt.span)
			}
			got := quoteSource(runes, start, end)
			switch {
			case tt.want == nil && got != nil:
				t.Errorf("quote %+v, want none", *got)
			case tt.want != nil && (got == nil || *got != *tt.want):
				t.Errorf("quote %+v, want %+v", got, *tt.want)
			}
		})
	}
}

// FuzzQuoteSource: any text and span give no panic, and a quote's marked
// part is the span's text with its spaces folded.
func FuzzQuoteSource(f *testing.F) {
	f.Add("到2025年，覆盖率达到95%以上。", 6, 12)
	f.Add("", 0, 1)
	f.Add("a\n\nb。c", 1, 5)
	f.Fuzz(func(t *testing.T, text string, start, end int) {
		runes := []rune(text)
		q := quoteSource(runes, start, end)
		if q == nil {
			return
		}
		want := strings.Join(strings.Fields(string(runes[start:end])), " ")
		if utf8.RuneCountInString(want) <= quoteMax && q.Mark != want {
			t.Errorf("mark %q, want %q", q.Mark, want)
		}
	})
}
