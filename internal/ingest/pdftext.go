package ingest

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// text writes the document: one printed line per line, a blank line
// between paragraphs, without page numbers and running heads. A number is
// never cut from its unit by a wrap of its paragraph ("4800\n万千瓦"), nor
// a task marker from its title.
func (d *pdfDoc) text() string {
	chrome := pageChrome(d.pages)
	var b strings.Builder
	var prev *textLine
	var prevBounds bounds
	samePage := false
	for pi := range d.pages {
		p := &d.pages[pi]
		bd := pageBounds(p.lines)
		samePage = false
		for li := range p.lines {
			l := &p.lines[li]
			if chrome[pi][li] {
				continue
			}
			if prev != nil && samePage && wrapTail(prev, l, bd) {
				// The tail joins its line; the next break is judged as if
				// the full line had ended where the tail sits.
				b.WriteString(l.text)
				joined := *prev
				joined.y0, joined.y1 = l.y0, l.y1
				prev = &joined
				continue
			}
			if prev != nil {
				b.WriteString(lineBreak(prev, l, prevBounds, bd, samePage))
			}
			b.WriteString(l.text)
			prev, prevBounds, samePage = l, bd, true
		}
	}
	return hanPunct(b.String())
}

// hanPunct gives back the full-width punctuation some PDF fonts map to
// ASCII ("布局. 落实…, 科学布局"): a '.', ',', ';' or ':' after a Han
// character and before another or the line's end ends a sentence or a
// clause, it is no decimal point or list marker (2.5, 3.推进, 一.推进
// keep theirs). Each replaced rune is one rune, so offsets stay.
func hanPunct(s string) string {
	if !strings.ContainsAny(s, ".,;:．") {
		return s
	}
	r := []rune(s)
	changed := false
	for i := 1; i < len(r); i++ {
		var full rune
		switch r[i] {
		case '.', '．':
			full = '。'
		case ',':
			full = '，'
		case ';':
			full = '；'
		case ':':
			full = '：'
		default:
			continue
		}
		j := i + 1
		for j < len(r) && r[j] == ' ' {
			j++
		}
		lineEnd := j == len(r) || r[j] == '\n'
		if full == '。' && (r[i-1] == '%' && (lineEnd || isHan(r[j])) || lineEnd && afterHanNumber(r, i)) {
			// 达标率达到100%. and 新建基站300. end sentences: no decimal
			// point or marker ends a line after a figure.
			r[i], changed = full, true
			continue
		}
		if !isHan(r[i-1]) || strings.ContainsRune("一二三四五六七八九十〇零", r[i-1]) {
			continue
		}
		if lineEnd || isHan(r[j]) || r[j] == '“' {
			r[i], changed = full, true
		}
	}
	if !changed {
		return s
	}
	return string(r)
}

// afterHanNumber reports digits before r[i] that follow a Han character
// on their line (达到100): a figure in a sentence, not a list marker.
func afterHanNumber(r []rune, i int) bool {
	k := i
	for k > 0 && isDigit(r[k-1]) {
		k--
	}
	return k < i && k > 0 && isHan(r[k-1]) && !strings.ContainsRune("一二三四五六七八九十〇零", r[k-1])
}

// bounds are a page's text margins, where its body lines start and end,
// and its leading: the usual space between one line and the next.
type bounds struct{ left, right, leading float32 }

// pageBounds takes the margins and the leading from the lines themselves:
// most lines of a page of prose are wrapped lines that run from margin to
// margin at the line spacing, which may be single or double.
func pageBounds(lines []textLine) bounds {
	if len(lines) == 0 {
		return bounds{}
	}
	x0 := make([]float32, len(lines))
	x1 := make([]float32, len(lines))
	var gaps []float32
	for i, l := range lines {
		x0[i], x1[i] = l.x0, l.x1
		if i > 0 {
			if g := lines[i-1].y0 - l.y1; g > 0 {
				gaps = append(gaps, g)
			}
		}
	}
	slices.Sort(x0)
	slices.Sort(x1)
	b := bounds{left: x0[len(x0)/5], right: x1[len(x1)*9/10]}
	if len(gaps) > 0 {
		slices.Sort(gaps)
		b.leading = gaps[len(gaps)/2]
	}
	return b
}

// lineBreak is what goes between line a and the line b after it: "\n"
// between the lines of a paragraph, "\n\n" between paragraphs, "" where a
// wrap would cut a number or a marker from what it belongs to.
func lineBreak(a, b *textLine, ab, bb bounds, samePage bool) string {
	em := max(a.em, b.em)
	// Left-aligned CJK lines end up to two ems short of the margin; a new
	// paragraph is told by its indent.
	continues := a.x1 >= ab.right-2.5*em && b.x0 <= bb.left+em && sameSize(a, b)
	// The next line of a paragraph follows at the line spacing.
	gap := a.y0 - b.y1
	near := gap >= -0.3*em && gap <= max(1.2*em, 1.3*bb.leading+0.2*em)
	if samePage {
		continues = continues && near
	}
	if isMarkerOnly(a.text) && (continues || samePage && near) {
		return ""
	}
	if !continues {
		return "\n\n"
	}
	if numberUnitWrap(a.text, b.text) {
		return ""
	}
	return "\n"
}

// sameSize reports two lines set in one size of type. A line of digits
// and letters ("100%．", "2025年") is measured by glyphs that plans often
// set in another font or a larger size than their Han, so its size says
// nothing about a change of paragraph.
func sameSize(a, b *textLine) bool {
	if a.latinEm || b.latinEm {
		return true
	}
	return abs32(a.em-b.em) <= 0.15*max(a.em, b.em)
}

// wrapTail reports a line b that is only the last few characters of the
// full line a above it, set apart by the text layer: OCR layers of scanned
// plans put a wrapped line's last glyphs on a line of their own ("…优化绿⏎
// 色矿⏎山建设标准"), which would otherwise end the paragraph mid-word.
func wrapTail(a, b *textLine, bb bounds) bool {
	n, han := 0, 0
	for _, r := range b.text {
		n++
		switch {
		case unicode.Is(unicode.Han, r):
			han++
		case !isDigit(r) && !strings.ContainsRune("、，,。；：“”《》（）", r):
			return false
		}
	}
	// A tail that ends a sentence may end its paragraph too.
	end, _ := utf8.DecodeLastRuneInString(b.text)
	if han == 0 || n > 3 || strings.ContainsRune("。；：", end) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(a.text)
	em := max(a.em, b.em)
	gap := a.y0 - b.y1
	return !isClauseEnd(last) && !isMarkerOnly(a.text) && utf8.RuneCountInString(a.text) >= 12 &&
		a.x1 >= bb.right-2.5*em && sameSize(a, b) &&
		gap >= -0.3*em && gap <= max(1.2*em, 1.3*bb.leading+0.2*em)
}

// numberUnitWrap reports a paragraph wrapped between a number and what
// follows it: "新增装机4800⏎万千瓦", "下降13.5⏎%". A number after a dot
// leader or a cell gap is a page number of a table of contents or a table
// cell, and a line that starts with a digit starts a list item; those
// keep their break.
func numberUnitWrap(a, b string) bool {
	last, _ := utf8.DecodeLastRuneInString(a)
	first, _ := utf8.DecodeRuneInString(b)
	if !isDigit(last) || isDigit(first) || unicode.IsSpace(first) || isClauseEnd(first) ||
		strings.ContainsRune("．.、", first) {
		return false
	}
	head := strings.TrimRightFunc(a, func(r rune) bool { return isDigit(r) || r == '.' || r == '．' })
	before, _ := utf8.DecodeLastRuneInString(head)
	return head != "" && !unicode.IsSpace(before) && !strings.ContainsRune(".·…-—－_", before)
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }

func isClauseEnd(r rune) bool { return strings.ContainsRune("。；;：:！!？?，,、）)】", r) }

// isMarkerOnly reports a line that is only a task or heading marker:
// "（一）", "1.", "一、", "第三章", "1.2".
func isMarkerOnly(s string) bool {
	s = strings.TrimSpace(s)
	n := utf8.RuneCountInString(s)
	if n == 0 || n > 6 {
		return false
	}
	rs := []rune(s)
	body := rs
	switch {
	case rs[0] == '（' || rs[0] == '(':
		if rs[n-1] != '）' && rs[n-1] != ')' {
			return false
		}
		body = rs[1 : n-1]
	case rs[0] == '第':
		last := rs[n-1]
		if last != '章' && last != '节' && last != '条' && last != '篇' && last != '部' {
			return false
		}
		body = rs[1 : n-1]
	case rs[n-1] == '、' || rs[n-1] == '.' || rs[n-1] == '．':
		body = rs[:n-1]
	default:
		// "1.2", "3.1.4"
		dots := 0
		for _, r := range rs {
			if r == '.' {
				dots++
			} else if !isDigit(r) {
				return false
			}
		}
		return dots > 0 && isDigit(rs[n-1])
	}
	if len(body) == 0 {
		return false
	}
	for _, r := range body {
		if !isDigit(r) && !strings.ContainsRune("一二三四五六七八九十百零〇", r) {
			return false
		}
	}
	return true
}

// pageChrome marks the lines that are page furniture: page numbers and
// running heads or feet. Only a page's first or last two lines, in its top
// or bottom sixth, are candidates; a page number is recognised by its
// shape, a running head by its text (digits aside) recurring on at least
// three pages and a third of them. The red-head banner of page one is not
// repeated, so it stays.
func pageChrome(pages []pdfPage) [][]bool {
	marks := make([][]bool, len(pages))
	type cand struct{ page, line int }
	byKey := map[string][]cand{}
	for pi, p := range pages {
		marks[pi] = make([]bool, len(p.lines))
		top, bottom := pageExtent(p)
		zone := (top - bottom) / 6
		for li, l := range p.lines {
			edge := li < 2 || li >= len(p.lines)-2
			inMargin := l.y0 >= top-zone || l.y1 <= bottom+zone
			if !edge || !inMargin {
				continue
			}
			if isPageNumber(l.text) {
				marks[pi][li] = true
				continue
			}
			k := chromeKey(l.text)
			if k != "" {
				byKey[k] = append(byKey[k], cand{pi, li})
			}
		}
	}
	for _, cs := range byKey {
		pagesSeen := map[int]bool{}
		for _, c := range cs {
			pagesSeen[c.page] = true
		}
		if len(pagesSeen) >= 3 && len(pagesSeen)*3 >= len(pages) {
			for _, c := range cs {
				marks[c.page][c.line] = true
			}
		}
	}
	return marks
}

// pageExtent is the page's vertical extent: its height when PDFium gave
// one, else the span of its lines.
func pageExtent(p pdfPage) (top, bottom float32) {
	if p.height > 0 {
		top = p.height
	}
	bottom = 0
	for _, l := range p.lines {
		top = max(top, l.y1)
		bottom = min(bottom, l.y0)
	}
	return top, bottom
}

// chromeKey is a line's text with each run of digits folded to '#' and
// spaces removed, so "第3页" and "第14页" or "— 3 —" and "— 4 —" share a key;
// a space between two numbers stays, so a table row "1 100" is not "#".
func chromeKey(s string) string {
	var b strings.Builder
	gap := false
	prevDigit := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			gap = true
			continue
		case isDigit(r):
			if gap && prevDigit {
				b.WriteByte(' ')
			}
			if !prevDigit || gap {
				b.WriteByte('#')
			}
			prevDigit = true
		default:
			b.WriteRune(r)
			prevDigit = false
		}
		gap = false
	}
	return b.String()
}

// isPageNumber matches "12", "- 12 -", "— 12 —", "第12页", "第 3 页 共 10 页",
// "3/10", "Page 3".
func isPageNumber(s string) bool {
	k := strings.ToLower(chromeKey(s))
	k = strings.Trim(k, "-—–－_~·•[]()（）【】<>《》")
	k = strings.TrimPrefix(k, "page")
	switch k {
	case "#", "第#页", "#/#", "第#页共#页", "共#页第#页":
		return true
	}
	return false
}
