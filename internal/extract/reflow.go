package extract

import "strings"

// Printed pages wrap paragraphs at the right margin, and a text layer (PDF,
// or text copied from one) keeps those breaks: "造林面积" ends one line and
// "350万亩" starts the next. reflow finds the page's line width and joins
// the lines that reach it to the line after, so that each paragraph reads
// as one line. It swaps the break for a space, which keeps every offset,
// Where the break falls between two words of Chinese (or a number and its
// unit) it is taken out, so that 给予不 / 超过 reads 给予不超过 to every rule
// that looks for a phrase; the offsets of what is left are kept in a map
// back to the text as it came (see offsetMap).

// reflow returns text with wrapped paragraph lines joined, or text itself
// when its lines are not wrapped at a common width, and the map from the
// runes it returns to those of text (nil when they are the same). The margin is read
// locally, from the lines around each one, because a document mixes
// layouts (body text, boxes, tables in smaller type).
func reflow(text []rune) ([]rune, offsetMap) {
	return reflowLines(text, false)
}

// reflowPrinted is reflow for the text of a PDF, whose reader has set a
// blank line between paragraphs by the page's geometry: every other break
// is a wrap, however short the document or its lines (a line of digits
// and Latin runs narrower than its count of characters).
func reflowPrinted(text []rune) ([]rune, offsetMap) {
	return reflowLines(text, true)
}

func reflowLines(text []rune, printed bool) ([]rune, offsetMap) {
	text = joinMarkupBreaks(splitAtMarkers(text))
	lines := splitLines(text)
	// Lines that are paragraphs already still join where a note of units
	// breaks inside its bracket.
	notesOnly := len(lines) < 8 && !printed
	widths := make([]int, len(lines))
	wrapped := 0
	for i, l := range lines {
		widths[i] = displayWidth(text[l.start:l.end])
	}
	// margin is the width that several lines around i reach: the right
	// margin of a printed paragraph.
	margin := func(i int) int {
		best := 0
		for k := max(0, i-5); k <= min(len(lines)-1, i+5); k++ {
			w := widths[k]
			if w < 30 || w <= best {
				continue
			}
			// Lines that run on to twice w say the text is not wrapped
			// at w: two headings of one width between long paragraphs.
			// (A box in smaller type runs a little wider, not twice.)
			n, wider := 0, 0
			for j := max(0, i-5); j <= min(len(lines)-1, i+5); j++ {
				if widths[j] >= w-2 && widths[j] <= w+2 {
					n++
				} else if widths[j] > 2*w {
					wider++
				}
			}
			if n >= 2 && n > wider {
				best = w
			}
		}
		// A page mixes measures: body text beside a box set wider. A line
		// short of the widest margin may reach its own, if three or more
		// lines around it end there too, and it does not end a sentence.
		if wi := widths[i]; best > 0 && wi < best-6 && wi >= 40 && lines[i].end > lines[i].start && !sentenceEnd(text[lines[i].end-1]) {
			n := 0
			for j := max(0, i-5); j <= min(len(lines)-1, i+5); j++ {
				if widths[j] >= wi-2 && widths[j] <= wi+4 {
					n++
				}
			}
			if n >= 3 {
				return wi
			}
		}
		return best
	}
	margins := make([]int, len(lines))
	long := 0 // lines wide enough to have been wrapped
	for i := range lines {
		margins[i] = margin(i)
		if m := margins[i]; m > 0 && widths[i] >= m-6 {
			wrapped++
		}
		if widths[i] >= 30 {
			long++
		}
	}
	// Wrapped pages have most of their lines at the margin, or at least
	// half of their long ones where tables and headings add short lines.
	if !printed && wrapped*4 < len(lines) && (wrapped*2 < long || wrapped < 20) {
		notesOnly = true // lines are paragraphs already
	}
	out := text
	copied := false
	var drop []bool // the breaks taken out
	for i := 0; i+1 < len(lines); i++ {
		l, next := lines[i], lines[i+1]
		// （责任单位：区自然资源分局、⏎区发改委）: a note of units broken
		// inside its bracket goes on to the line that closes it.
		note := !blankBetween(text, l.end, next.start) && unitNoteOpen(text[l.start:l.end], text[next.start:next.end])
		if notesOnly && !note {
			continue
		}
		// Brackets and digits set narrower than their count: a full line
		// may fall a few columns short of the margin.
		m := margins[i]
		// A number or a Latin word is not broken: the line before it stops
		// short by its width.
		// A paragraph's first line is indented two characters: it ends at
		// the margin as short by their width. (A numbered first line may
		// be a heading as wide, and a line with a blank after it ends its
		// paragraph: both keep the strict measure.)
		indent := 0
		if i > 0 && (blankBetween(text, lines[i-1].end, l.start) || sentenceEnd(text[lines[i-1].end-1])) &&
			!startsWithMarker(string(text[l.start:min(l.end, l.start+12)])) && !sentenceEnd(text[l.end-1]) && !blankBetween(text, l.end, next.start) {
			indent = 4
		}
		full := widths[i] >= m-6-indent-leadingWord(text[next.start:next.end]) && widths[i] <= m+4 ||
			// Two printed lines a reader joined to keep a number with its
			// unit (…老旧小区15 / 万户。…) reach the margin twice.
			m > 0 && widths[i] >= 2*m-18 && widths[i] <= 2*m+8
		if printed && !blankBetween(text, l.end, next.start) {
			full = true
		}
		full = full || note
		if !full || m == 0 && !printed && !note {
			if !splitHeading(text, l, next, widths[i+1], max(m, 40)) {
				continue
			}
		}
		// A blank line between them ends the paragraph; a tab makes a
		// table's row, which stands alone.
		if hasTabRune(text[l.start:l.end]) || hasTabRune(text[next.start:next.end]) {
			continue
		}
		// Columns set apart by runs of spaces: rows of a table, too; and
		// rows of a pipe table (| 指标 | 2025年 |).
		if spacedRow(text[l.start:l.end]) || spacedRow(text[next.start:next.end]) || pipeLine(text[l.start:l.end]) || pipeLine(text[next.start:next.end]) {
			continue
		}
		// …用能效率持续提 / (blank) / 升，年度能源消费总量…: a full line that
		// stops inside a word goes on past a blank line a page put there.
		if blankBetween(text, l.end, next.start) {
			last := text[l.end-1]
			ls := string(text[l.start:min(l.end, l.start+12)])
			// A heading as wide as the page stays apart: （一）…, 第一章….
			if !(isHan(last) || isDigit(last)) || nlCount(text, l.end, next.start) > 2 || startsWithMarker(ls) || hasPrefixAt(text, l.start, "第") && reChapter.MatchString(ls) {
				continue
			}
			// A title that ends in its genre word (…的通知) above its
			// document number is complete, however wide.
			if kindSuffix(string(trimSpace(text[l.start:l.end]))) != "" || reDocNumber.MatchString(squeezeDigits(string(trimSpace(text[next.start:next.end])))) {
				continue
			}
			// 8.推进“放管服”改革，…打 / 造…最优的省份 / (blank) / 全面推行…:
			// a numbered heading wrapped onto a second line ends there.
			p := i
			for p > 0 && copied && text[lines[p].start-1] == '\n' && out[lines[p].start-1] == ' ' {
				p--
			}
			if startsWithMarker(string(text[lines[p].start:min(lines[p].end, lines[p].start+12)])) && !hasAnyRune(string(text[lines[p].start:l.end]), "。；;") {
				continue
			}
		}
		// A title line (no clause punctuation, ending in its genre word)
		// is complete, and a document number alone on its line never
		// continues the line above.
		if ls := string(trimSpace(text[l.start:l.end])); !hasAnyRune(ls, "，。；,;") && kindSuffix(ls) != "" && balanced(ls) ||
			next.end-next.start <= 30 && docNumberLine(squeezeDigits(string(trimSpace(text[next.start:next.end])))) {
			continue
		}
		ns := string(text[next.start:min(next.end, next.start+12)])
		// …致富。⏎二是培育乡村旅游。: a sentence's end before the next count
		// ends a paragraph of counted items (a PDF's reader has told its
		// paragraphs already, and a wrap may fall there).
		if last := text[l.end-1]; !printed && (last == '。' || last == '；') {
			if _, _, ok := enumeratorAt(text[next.start:next.end]); ok {
				continue
			}
		}
		if startsWithMarker(ns) || hasPrefixAt(text, next.start, "——") || hasPrefixAt(text, next.start, "第") && reChapter.MatchString(ns) || bulletLine(text[next.start:next.end]) {
			continue
		}
		// A colon ends a lead-in, except inside an open bracket: （责任单位：
		// 省生态环境厅，配合单位： / 省经济和信息化厅…） goes on.
		if last := text[l.end-1]; (last == '：' || last == ':') && !openBracket(text[l.start:l.end]) {
			continue
		}
		// A line wholly in brackets stands alone: （国科发社〔2022〕157号）,
		// （2022—2030年）.
		if ns := trimSpace(text[next.start:next.end]); len(ns) <= 40 && len(ns) > 2 && (ns[0] == '（' || ns[0] == '(') && (ns[len(ns)-1] == '）' || ns[len(ns)-1] == ')') {
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
		// Words of Latin script, and two numbers, keep a space between them.
		a, b := text[l.end-1], text[next.start]
		if !(isASCIILetter(a) || isDigit(a)) || !(isASCIILetter(b) || isDigit(b)) {
			if drop == nil {
				drop = make([]bool, len(text))
			}
			for k := l.end; k < next.start; k++ {
				drop[k] = true
			}
		}
	}
	if drop == nil {
		return out, nil
	}
	return compact(out, drop)
}

// docNumberLine reports a line that holds a document number alone
// (国发〔2023〕16号, perhaps in brackets).
func docNumberLine(s string) bool {
	m := reDocNumber.FindStringIndex(s)
	return m != nil && m[0] <= 3 && m[1] >= len(s)-3
}

// offsetMap maps the runes of a reflowed text to those of the text it was
// made from: m[i] is where rune i was, m[len] the old text's length.
type offsetMap []int32

// span maps a span of the reflowed text back to the text it came from.
func (m offsetMap) span(s Span) Span {
	if m == nil || s[1] <= s[0] || s[1] >= len(m) {
		return s
	}
	return Span{int(m[s[0]]), int(m[s[1]-1]) + 1}
}

// compact drops the runes reflow marked for removal, and maps what is
// left to where it was.
func compact(out []rune, drop []bool) ([]rune, offsetMap) {
	m := make(offsetMap, 0, len(out)+1)
	k := 0
	for i, r := range out {
		if !drop[i] {
			out[k] = r
			m = append(m, int32(i))
			k++
		}
	}
	m = append(m, int32(len(out)))
	return out[:k], m
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

// leadingWord is the width of the digits or Latin letters a line opens
// with (6500人, 5G), at most twelve.
func leadingWord(r []rune) int {
	n := 0
	for n < len(r) && n < 12 && (isDigit(r[n]) || isASCIILetter(r[n]) || r[n] == '.' && n > 0) {
		n++
	}
	return n
}

func nlCount(text []rune, from, to int) int {
	n := 0
	for k := from; k < to; k++ {
		if text[k] == '\n' {
			n++
		}
	}
	return n
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
	if nextWidth > margin/2 || l.end-l.start > 12 || !markerStart(string(text[l.start])) {
		return false
	}
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

// splitAtMarkers breaks a line where a tab stands before a heading marker:
// a page's text layer sometimes sets a heading beside the end of the
// paragraph above (…基本实现。	二、推进).
func splitAtMarkers(text []rune) []rune {
	out := text
	for i, r := range text {
		if r != '\t' || i == 0 || text[i-1] == '\n' {
			continue
		}
		j := skipSpaces(text, i+1)
		if j >= len(text) || !markerStart(string(text[j])) || !startsWithMarker(string(text[j:min(len(text), j+12)])) {
			continue
		}
		if &out[0] == &text[0] {
			out = append([]rune(nil), text...)
		}
		out[i] = '\n'
	}
	return out
}

// joinMarkupBreaks joins the lines a web page's inline markup broke apart:
// an enumerator set in bold on a line of its own (一是 / 认真完善…) and a
// title in 《》 cut from its sentence (…修订《 / 证券法 / 》，规范…).
func joinMarkupBreaks(text []rune) []rune {
	lines := splitLines(text)
	out := text
	join := func(from, to int) {
		if &out[0] == &text[0] {
			out = append([]rune(nil), text...)
		}
		for k := from; k < to; k++ {
			if out[k] == '\n' || out[k] == '\r' {
				out[k] = ' '
			}
		}
	}
	for i := 0; i+1 < len(lines); i++ {
		l, next := lines[i], lines[i+1]
		s := trimSpace(text[l.start:l.end])
		ns := trimSpace(text[next.start:next.end])
		if i > 0 && ocrFragment(s) {
			// A scanned page's line ends set apart (…适应气候变化 / 等目 /
			// 标任务，…): the fragment joins the line before and after.
			p := trimSpace(text[lines[i-1].start:lines[i-1].end])
			j := i + 1
			if len(ns) == 0 && j+1 < len(lines) {
				j++
			}
			nj := trimSpace(text[lines[j].start:lines[j].end])
			// Between a table's rows (a tab on either side) it is a cell
			// drawn at its row's middle (约束 / 性), not a line's tail.
			// A run of short lines (a page's tabs: 政策原文 / 扶持力度 / 申报条件)
			// under a complete title are no tails of printed lines.
			tabs := len(nj) <= 8 || kindSuffix(string(p)) != "" && balanced(string(p))
			if len(p) >= 20 && !sentenceEnd(p[len(p)-1]) && !tableRowLine(p) && !tableRowLine(nj) && !tabs {
				join(lines[i-1].end, l.start)
				// A fragment that ends a sentence (共享。) ends its paragraph.
				if !sentenceEnd(s[len(s)-1]) && len(nj) > 0 && !startsWithMarker(string(nj[:min(len(nj), 12)])) {
					join(l.end, lines[j].start)
					i = j - 1
				}
				continue
			}
		}
		if len(s) == 0 || len(ns) == 0 {
			continue
		}
		switch {
		case enumeratorOnly(s), markerOnly(s):
		case s[len(s)-1] == '《' || ns[0] == '》':
		case len(s) <= 20 && ns[len(ns)-1] != '。' && i > 0 && endsWithRune(text, lines[i-1], '《') && i+2 < len(lines) && startsWithRune(text, lines[i+2], '》'):
		default:
			continue
		}
		join(l.end, next.start)
	}
	return out
}

// ocrFragment reports a line of one to four characters with no
// punctuation: the tail of a printed line that a scan set apart.
func ocrFragment(s []rune) bool {
	if len(s) == 0 || len(s) > 8 || enumeratorOnly(s) || markerStart(string(s[0])) && startsWithMarker(string(s)) {
		return false
	}
	han, digits := 0, 0
	for _, c := range s {
		switch {
		case isHan(c):
			han++
		case isDigit(c):
			digits++
		case strings.ContainsRune("，、；。：”“（）.%％", c):
		default:
			return false
		}
	}
	// Four characters at most, or a figure cut off its line (5.88亿, 86%，).
	return han > 0 && len(s) <= 4 || digits > 0
}

// markerOnly reports a line that holds nothing but a heading marker:
// （一） set in bold on a line of its own.
func markerOnly(s []rune) bool {
	if len(s) > 6 || !markerStart(string(s[0])) {
		return false
	}
	k, n := marker(string(s))
	return k != kindNone && k != kindPlain && n == len(string(s))
}

// enumeratorOnly reports a line that holds nothing but 一是, 二要, 第三 or 首先.
func enumeratorOnly(s []rune) bool {
	if len(s) > 4 {
		return false
	}
	t := string(trimPunct(s))
	switch t {
	case "首先", "其次", "再次", "最后":
		return true
	}
	r := []rune(t)
	if len(r) == 2 && isChineseNumeral(r[0]) && (r[1] == '是' || r[1] == '要') {
		return true
	}
	return len(r) == 2 && r[0] == '第' && isChineseNumeral(r[1])
}

func trimSpace(r []rune) []rune {
	a, b := trimSpaceSpan(r, 0, len(r))
	return r[a:b]
}

// trimSpaceSpan is trimSpace on text[a:b], returned as the bounds of what
// is left, so that a caller can take the string from the source.
func trimSpaceSpan(text []rune, a, b int) (int, int) {
	for a < b && isSpaceRune(text[a]) {
		a++
	}
	for b > a && isSpaceRune(text[b-1]) {
		b--
	}
	return a, b
}

func isSpaceRune(r rune) bool {
	return r == ' ' || r == '\t' || r == '\u3000' || r == '\r' || r == '\u00a0'
}

func endsWithRune(text []rune, l line, c rune) bool {
	s := trimSpace(text[l.start:l.end])
	return len(s) > 0 && s[len(s)-1] == c
}

func startsWithRune(text []rune, l line, c rune) bool {
	s := trimSpace(text[l.start:l.end])
	return len(s) > 0 && s[0] == c
}

func hasTabRune(r []rune) bool {
	for _, c := range r {
		if c == '\t' {
			return true
		}
	}
	return false
}

// tableRowLine reports a line of table cells: tabs between cells, one of
// them short (约束, 性, %, a number). Two paragraphs a page set on one
// line are split by a tab too, but their parts are long.
func tableRowLine(r []rune) bool {
	if !hasTabRune(r) {
		return false
	}
	for _, c := range strings.Split(string(r), "\t") {
		if n := len(trimSpace([]rune(c))); n > 0 && n <= 6 {
			return true
		}
	}
	return false
}

// spacedRow reports a line of three or more cells set apart by runs of
// spaces: a row of a space-aligned table.
func spacedRow(r []rune) bool {
	return gapped(trimSpace(r)) && len(spacedCells(string(r))) >= 3
}

// openBracket reports a line that opens more brackets than it closes.
// unitNoteOpen reports a line that ends inside a bracketed note of units
// whose bracket the short next line closes.
func unitNoteOpen(l, next []rune) bool {
	if len(next) > 40 || !openBracket(l) || lastIndexRune(next, '）', ')') < 0 {
		return false
	}
	k := max(lastIndexRune(l, '（', '('), 0)
	return containsAny(string(l[k:]), unitGate)
}

func openBracket(r []rune) bool {
	depth := 0
	for _, c := range r {
		switch c {
		case '（', '(':
			depth++
		case '）', ')':
			depth--
		}
	}
	return depth > 0
}

// pipeLine reports a row of a pipe table: a line that opens or closes with
// '|' and holds at least three.
func pipeLine(r []rune) bool {
	r = trimSpace(r)
	if len(r) < 3 || r[0] != '|' && r[len(r)-1] != '|' {
		return false
	}
	n := 0
	for _, c := range r {
		if c == '|' {
			n++
		}
	}
	return n >= 3
}
