package extract

import (
	"fmt"
	"io"
	"strconv"
)

// trace records why each number was read the way it was: the view that
// lets the next person fix the next document (planwatch extract --explain).
// A nil trace records nothing and costs nothing.
type trace struct {
	text  []rune
	notes []traceNote
}

// traceNote is one decision about a number or a sentence.
type traceNote struct {
	Span    Span   `json:"span"`
	Text    string `json:"text"`    // the number as written, or the sentence
	Verdict string `json:"verdict"` // target, observation, or skipped
	Why     string `json:"why"`
	Result  string `json:"result,omitempty"` // indicator, value, unit, year or period
}

func (t *trace) skip(m mention, why string) {
	if t == nil {
		return
	}
	t.notes = append(t.notes, traceNote{Span: Span{m.start, m.end}, Text: string(t.text[m.start:m.end]), Verdict: "skipped", Why: why})
}

func (t *trace) skipSentence(s line, why string) {
	if t == nil {
		return
	}
	t.notes = append(t.notes, traceNote{Span: Span{s.start, s.end}, Text: string(t.text[s.start:s.end]), Verdict: "skipped", Why: why})
}

func (t *trace) keep(m mention, q Quantity, v verdict) {
	if t == nil {
		return
	}
	kind := "target"
	when := ""
	if v.kind == readObservation {
		kind = "observation"
		if q.Period != nil {
			when = " period " + *q.Period
		}
	} else if q.Year != nil {
		when = " year " + strconv.Itoa(*q.Year)
	}
	res := fmt.Sprintf("%s %s %g%s%s", q.Indicator, q.Op, q.Value, q.Unit, when)
	t.notes = append(t.notes, traceNote{Span: Span{m.start, m.end}, Text: string(t.text[m.start:m.end]), Verdict: kind, Why: v.why, Result: res})
}

// Explanation is the trace of one extraction, in text order.
type Explanation struct {
	Notes []traceNote
	text  []rune
}

// WriteTo prints the trace a line per number: offset, verdict, the number
// as written, why, and what it became.
func (e *Explanation) WriteTo(w io.Writer) (int64, error) {
	var n int64
	for _, note := range e.Notes {
		line := fmt.Sprintf("%6d  %-11s %-14q %s", note.Span[0], note.Verdict, note.Text, note.Why)
		if note.Result != "" {
			line += "  → " + note.Result
		}
		k, err := fmt.Fprintln(w, line)
		n += int64(k)
		if err != nil {
			return n, err
		}
	}
	return n, nil
}
