package web

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// mark is a span of a document's text to highlight: a task, a target, a
// figure, or the sentence a link asked for.
type mark struct {
	Start, End int // runes, half-open
	Class      string
}

// Highlight classes, styled in app.css.
const (
	markTask   = "hl-task"
	markTarget = "hl-target"
	markObs    = "hl-obs"
	markFocus  = "hl-focus"
)

// spanned is the part of the extraction contract that carries spans.
type spanned struct {
	Tasks        []struct{ Span [2]int } `json:"tasks"`
	Targets      []struct{ Span [2]int } `json:"targets"`
	Observations []struct{ Span [2]int } `json:"observations"`
}

// extractionMarks returns the spans of a version's extraction (JSON).
func extractionMarks(extraction []byte) ([]mark, error) {
	if len(extraction) == 0 {
		return nil, nil
	}
	var sp spanned
	if err := json.Unmarshal(extraction, &sp); err != nil {
		return nil, fmt.Errorf("extraction: %w", err)
	}
	var out []mark
	for _, t := range sp.Tasks {
		out = append(out, mark{t.Span[0], t.Span[1], markTask})
	}
	for _, t := range sp.Targets {
		out = append(out, mark{t.Span[0], t.Span[1], markTarget})
	}
	for _, o := range sp.Observations {
		out = append(out, mark{o.Span[0], o.Span[1], markObs})
	}
	return out, nil
}

// textSegment is a run of text under the same highlights.
type textSegment struct {
	Anchors []string // IDs of the spans that start here: span-START-END
	Text    string
	Classes string // space-separated highlight classes; "" for plain text
}

// anchorID is the fragment that links to a span: #span-120-168.
func anchorID(start, end int) string { return fmt.Sprintf("span-%d-%d", start, end) }

// segments cuts text at every mark's edges, so that overlapping and nested
// marks each show: a run carries the classes of all marks that cover it,
// and every mark leaves an anchor where it starts. Marks outside the text
// are ignored.
func segments(text string, marks []mark) []textSegment {
	runes := []rune(text)
	cuts := []int{0, len(runes)}
	var ok []mark
	for _, m := range marks {
		if m.Start < 0 || m.End > len(runes) || m.Start >= m.End {
			continue
		}
		ok = append(ok, m)
		cuts = append(cuts, m.Start, m.End)
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	slices.SortFunc(ok, func(a, b mark) int { return a.Start - b.Start })
	var out []textSegment
	for i := 0; i+1 < len(cuts); i++ {
		from, to := cuts[i], cuts[i+1]
		seg := textSegment{Text: string(runes[from:to])}
		var classes []string
		for _, m := range ok {
			if m.Start > from {
				break
			}
			if m.Start == from {
				id := anchorID(m.Start, m.End)
				if !slices.Contains(seg.Anchors, id) {
					seg.Anchors = append(seg.Anchors, id)
				}
			}
			if m.End > from && !slices.Contains(classes, m.Class) {
				classes = append(classes, m.Class)
			}
		}
		slices.Sort(classes)
		seg.Classes = strings.Join(classes, " ")
		out = append(out, seg)
	}
	return out
}

// parseSpan reads "START-END" (as in ?mark=120-168).
func parseSpan(s string) (mark, bool) {
	var m mark
	if _, err := fmt.Sscanf(s, "%d-%d", &m.Start, &m.End); err != nil || m.Start < 0 || m.End <= m.Start {
		return mark{}, false
	}
	if s != fmt.Sprintf("%d-%d", m.Start, m.End) {
		return mark{}, false
	}
	m.Class = markFocus
	return m, true
}
