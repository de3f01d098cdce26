package main

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// charDiff compares the multisets of non-space characters of ref and ours:
// reading order differs between readers (columns, tables), so a sequence
// diff would count a moved block twice.
func charDiff(ref, ours string) (total, lost, added int) {
	count := map[rune]int{}
	for _, r := range ref {
		if !unicode.IsSpace(r) {
			count[r]++
			total++
		}
	}
	for _, r := range ours {
		if !unicode.IsSpace(r) {
			count[r]--
		}
	}
	for _, n := range count {
		if n > 0 {
			lost += n
		} else {
			added -= n
		}
	}
	return total, lost, added
}

// digitRun is one maximal run of digits; full-width digits count as ASCII.
type digitRun struct {
	val         string
	pos         int    // byte offset in the text
	lineInitial bool   // only spaces before it on its line
	sepAfter    string // the text between this run and the next one
}

func digitRuns(s string) []digitRun {
	var runs []digitRun
	var cur, sep strings.Builder
	lineStart := true
	initial := false
	start := 0
	flush := func() {
		if cur.Len() > 0 {
			runs = append(runs, digitRun{val: cur.String(), pos: start, lineInitial: initial})
			cur.Reset()
			sep.Reset()
		}
	}
	for i, r := range s {
		if r >= '０' && r <= '９' {
			r = r - '０' + '0'
		}
		if r >= '0' && r <= '9' {
			if cur.Len() == 0 {
				if len(runs) > 0 {
					runs[len(runs)-1].sepAfter = sep.String()
				}
				initial = lineStart
				start = i
			}
			cur.WriteRune(r)
			lineStart = false
			continue
		}
		flush()
		if sep.Len() < 16 {
			sep.WriteRune(r)
		}
		switch {
		case r == '\n':
			lineStart = true
		case !unicode.IsSpace(r):
			lineStart = false
		}
	}
	flush()
	return runs
}

// numDiff is the comparison of the digit runs of two texts.
type numDiff struct {
	ref, lost, split, merged, added, lineInitialLost int
	// The numbers behind the counts, for -v.
	lostVals, splitVals, mergedVals, addedVals map[string]int
}

// maxPieces bounds how many runs a split or merged number may come in.
const maxPieces = 8

// numberDiff matches digit runs as multisets, then explains what is left:
// a ref number found in ours as pieces separated only by spaces is split;
// an ours number that is several ref numbers glued together (their
// separators, at most a few characters, lost) is merged; the rest of ref
// is lost and the rest of ours added.
func numberDiff(ref, ours string) numDiff {
	rr, or := digitRuns(ref), digitRuns(ours)
	refLeft, oursLeft := map[string]int{}, map[string]int{}
	for _, r := range rr {
		refLeft[r.val]++
	}
	for _, r := range or {
		oursLeft[r.val]++
	}
	for v, n := range refLeft {
		m := min(n, oursLeft[v])
		refLeft[v] -= m
		oursLeft[v] -= m
	}
	d := numDiff{ref: len(rr), lostVals: map[string]int{}, splitVals: map[string]int{}, mergedVals: map[string]int{}, addedVals: map[string]int{}}
	d.split = glue(or, oursLeft, refLeft, d.splitVals, func(sep string) bool { return strings.TrimSpace(sep) == "" && !strings.Contains(sep, "\n") })
	d.merged = glue(rr, refLeft, oursLeft, d.mergedVals, func(sep string) bool { return len([]rune(sep)) <= 3 })
	lineInitial := map[string]int{}
	for _, r := range rr {
		if r.lineInitial {
			lineInitial[r.val]++
		}
	}
	for v, n := range refLeft {
		if n > 0 {
			d.lostVals[v] = n
		}
		d.lost += n
		d.lineInitialLost += min(n, lineInitial[v])
	}
	for v, n := range oursLeft {
		if n > 0 {
			d.addedVals[v] = n
		}
		d.added += n
	}
	return d
}

// glue finds windows of consecutive runs in seq, joined by separators that
// joinable accepts, whose pieces are still unexplained (pieceLeft) and
// whose concatenation is an unexplained number of the other text
// (wholeLeft). It takes the longest window at each place, consumes the
// counts, notes the wholes in found and returns how many it explained.
func glue(seq []digitRun, pieceLeft, wholeLeft, wholes map[string]int, joinable func(string) bool) int {
	found := 0
	for i := 0; i < len(seq); {
		best := 0
		var concat strings.Builder
		concat.WriteString(seq[i].val)
		for j := i + 1; j < len(seq) && j-i < maxPieces && joinable(seq[j-1].sepAfter); j++ {
			concat.WriteString(seq[j].val)
			if wholeLeft[concat.String()] > 0 && piecesLeft(seq[i:j+1], pieceLeft) {
				best = j
			}
		}
		if best == 0 {
			i++
			continue
		}
		var whole strings.Builder
		for _, r := range seq[i : best+1] {
			whole.WriteString(r.val)
			pieceLeft[r.val]--
		}
		wholeLeft[whole.String()]--
		wholes[whole.String()]++
		found++
		i = best + 1
	}
	return found
}

func piecesLeft(pieces []digitRun, left map[string]int) bool {
	need := map[string]int{}
	for _, p := range pieces {
		need[p.val]++
	}
	for v, n := range need {
		if left[v] < n {
			return false
		}
	}
	return true
}

// contexts returns up to limit snippets of text around the digit runs
// whose value is v. The counts are of multisets, so which occurrence is
// the lost or added one is not known; the snippets prefer occurrences
// whose neighbourhood (spaces aside) the other text lacks.
func contexts(text, other, v string, limit int) []string {
	squeezed := squeeze(other)
	var likely, rest []string
	for _, r := range digitRuns(text) {
		if r.val != v {
			continue
		}
		from, to := max(r.pos-24, 0), min(r.pos+len(r.val)+24, len(text))
		for from > 0 && !utf8.RuneStart(text[from]) {
			from--
		}
		for to < len(text) && !utf8.RuneStart(text[to]) {
			to++
		}
		snippet := strings.ReplaceAll(text[from:to], "\n", "⏎")
		if strings.Contains(squeezed, squeeze(near(text, r.pos, len(r.val)))) {
			rest = append(rest, snippet)
		} else {
			likely = append(likely, snippet)
		}
	}
	out := append(likely, rest...)
	return out[:min(limit, len(out))]
}

// near is the number at pos with two characters either side.
func near(text string, pos, n int) string {
	from, to := pos, pos+n
	for k := 0; k < 2 && from > 0; k++ {
		_, size := utf8.DecodeLastRuneInString(text[:from])
		from -= size
	}
	for k := 0; k < 2 && to < len(text); k++ {
		_, size := utf8.DecodeRuneInString(text[to:])
		to += size
	}
	return text[from:to]
}

func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}
