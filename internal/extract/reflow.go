package extract

// Printed pages wrap paragraphs at the right margin, and a text layer (PDF,
// or text copied from one) keeps those breaks: "造林面积" ends one line and
// "350万亩" starts the next. reflow finds the page's line width and joins
// the lines that reach it to the line after, so that each paragraph reads
// as one line. It swaps the break for a space, which keeps every offset,
// and so every span, where it was.

// reflow returns text with wrapped paragraph lines joined, or text itself
// when its lines are not wrapped at a common width.
func reflow(text []rune) []rune {
	lines := splitLines(text)
	if len(lines) < 8 {
		return text
	}
	widths := make([]int, len(lines))
	hist := map[int]int{}
	long := 0
	for i, l := range lines {
		w := displayWidth(text[l.start:l.end])
		widths[i] = w
		if w >= 20 {
			hist[w]++
			long++
		}
	}
	// The margin: the width (±1) most lines reach.
	best, bestN := 0, 0
	for w := range hist {
		if n := hist[w-1] + hist[w] + hist[w+1]; n > bestN || n == bestN && w > best {
			best, bestN = w, n
		}
	}
	if best == 0 || bestN < 5 || bestN*10 < long*3 {
		return text
	}
	out := text
	copied := false
	for i := 0; i+1 < len(lines); i++ {
		l, next := lines[i], lines[i+1]
		// Brackets and digits set narrower than their count: a full line
		// may fall a few columns short of the margin.
		if widths[i] < best-6 || widths[i] > best+4 {
			if !splitHeading(text, l, next, widths[i+1], best) {
				continue
			}
		}
		// A blank line between them ends the paragraph.
		if blankBetween(text, l.end, next.start) {
			continue
		}
		ns := string(text[next.start:min(next.end, next.start+12)])
		if startsWithMarker(ns) || hasPrefixAt(text, next.start, "——") || hasPrefixAt(text, next.start, "第") && reChapter.MatchString(ns) {
			continue
		}
		if last := text[l.end-1]; last == '：' || last == ':' {
			continue
		}
		if !copied {
			out = append([]rune(nil), text...)
			copied = true
		}
		for k := l.end; k < next.start; k++ {
			if out[k] == '\n' || out[k] == '\r' {
				out[k] = ' '
			}
		}
	}
	return out
}

// displayWidth counts a line as a page sets it: Chinese characters and
// full-width forms take two columns, ASCII one.
func displayWidth(r []rune) int {
	w := 0
	for _, c := range r {
		if c < 0x80 {
			w++
		} else {
			w += 2
		}
	}
	return w
}

func blankBetween(text []rune, from, to int) bool {
	nl := 0
	for k := from; k < to; k++ {
		if text[k] == '\n' {
			nl++
		}
	}
	return nl > 1
}

// splitHeading reports a numbered heading broken over two lines (二、推进 /
// 生产体系绿色升级): a marker with a short title, then a short line
// without closing punctuation that is no heading of its own.
func splitHeading(text []rune, l, next line, nextWidth, margin int) bool {
	s := string(text[l.start:l.end])
	k, n := marker(s)
	if k == kindNone || k == kindPlain || len([]rune(s[n:])) > 6 || nextWidth > margin/2 {
		return false
	}
	ns := string(text[next.start:next.end])
	if startsWithMarker(ns) || sentenceLike(ns) || sentenceEnd(text[next.end-1]) {
		return false
	}
	return true
}
