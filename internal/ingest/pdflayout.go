package ingest

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
)

// textLine is one printed line of a page.
type textLine struct {
	text           string
	x0, y0, x1, y1 float32 // the bounds of its glyphs, y up
	em             float32 // the size of its type
	// latinEm: em was taken from Latin letters and digits (fewer than
	// three Han glyphs), whose font often differs from the Han one's.
	latinEm bool
}

// Thresholds of the layout, in ems of the glyphs concerned.
const (
	// Two glyphs share a line when their bands overlap by this much of
	// the smaller one: a subscript or a larger heading number stays on
	// its line, the next line (1.2 em or more below) does not join.
	lineOverlap = 0.5
	// Beyond the line's own letter spacing, a gap this wide between
	// Latin letters or digits is a word space. Letter-spaced and
	// justified lines space every glyph alike, so their digits stay
	// together ("2 0 2 5" is 2025).
	wordGap = 0.15
	// Between two digits a space takes more: see spellLine.
	digitGap = 0.5
	// A gap this wide is a tab stop or a table column.
	columnGap = 1.5
	// Between two Han glyphs a narrower gap is one: see spellLine.
	hanCellGap = 0.3
)

// layoutPage groups the glyphs of a page into lines, top to bottom, and
// spells each line. Producers draw text in any order (footers first,
// justified lines piece by piece), so lines come from the glyphs'
// positions, not from the order of the content stream.
func layoutPage(glyphs []glyph) []textLine {
	if len(glyphs) == 0 {
		return nil
	}
	ratio := emRatio(glyphs)
	order := make([]int, len(glyphs))
	for i := range order {
		order[i] = i
	}
	center := func(g glyph) float32 { return g.y0 + g.y1 }
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(center(glyphs[b]), center(glyphs[a])) })

	type band struct {
		members      []int
		sumY0, sumY1 float32
	}
	var bands []*band
	for _, i := range order {
		g := glyphs[i]
		var best *band
		bestOverlap := float32(0)
		// Glyphs come top down, so only the last few bands can take this
		// one.
		for k := len(bands) - 1; k >= 0 && k >= len(bands)-6; k-- {
			b := bands[k]
			n := float32(len(b.members))
			y0, y1 := b.sumY0/n, b.sumY1/n
			ov := min(y1, g.y1) - max(y0, g.y0)
			if ov >= lineOverlap*min(y1-y0, g.height()) && ov > bestOverlap {
				best, bestOverlap = b, ov
			}
		}
		if best == nil {
			best = &band{}
			bands = append(bands, best)
		}
		best.members = append(best.members, i)
		best.sumY0 += g.y0
		best.sumY1 += g.y1
	}
	lines := make([]textLine, 0, len(bands))
	for _, b := range bands {
		// Stream order first, so that glyphs at one position keep it.
		slices.Sort(b.members)
		gs := make([]glyph, len(b.members))
		for k, i := range b.members {
			gs[k] = glyphs[i]
		}
		slices.SortStableFunc(gs, func(a, b glyph) int { return cmp.Compare(a.x0, b.x0) })
		if l, ok := spellLine(gs, ratio); ok {
			lines = append(lines, l)
		}
	}
	slices.SortStableFunc(lines, func(a, b textLine) int { return cmp.Compare(b.y0+b.y1, a.y0+a.y1) })
	return lines
}

// emRatio is the em of a glyph per unit of its loose height. The loose
// box spans the font's ascent and descent, a different share of the em
// in every font; Han glyphs are one em wide, so the page's own ratio comes
// from them when it has any.
func emRatio(glyphs []glyph) float32 {
	var rs []float32
	for _, g := range glyphs {
		if isHan(g.r) && g.height() > 0 {
			rs = append(rs, (g.x1-g.x0)/g.height())
		}
	}
	if len(rs) < 3 {
		return 0.85
	}
	slices.Sort(rs)
	return rs[len(rs)/2]
}

// wide reports glyphs of CJK text, between which no space is inferred:
// Han, kana, hangul, CJK and full-width punctuation.
func wide(r rune) bool {
	return isHan(r) || r >= 0x3000 && r <= 0x30FF || r >= 0xFF00 && r <= 0xFFEF ||
		r >= 0xAC00 && r <= 0xD7AF || r >= 0x2E80 && r <= 0x2FDF ||
		r == '“' || r == '”' || r == '‘' || r == '’' || r == '—' || r == '…' || r == '·'
}

// spellLine writes the glyphs of one line, sorted left to right, with
// spaces and tabs where the gaps call for them.
func spellLine(gs []glyph, ratio float32) (textLine, bool) {
	gs = dropOverprint(gs)
	em := func(g glyph) float32 {
		if isHan(g.r) {
			return g.x1 - g.x0
		}
		return g.height() * ratio
	}
	// The line's own letter spacing: the lower quartile of the gaps
	// between neighbours, which is the gap inside words and cells even
	// on a line of table cells far apart.
	var gaps, ems, hanEms, bases, heights []float32
	var prev *glyph
	for i := range gs {
		g := &gs[i]
		if g.space {
			continue
		}
		ems = append(ems, em(*g))
		if isHan(g.r) {
			hanEms = append(hanEms, em(*g))
		}
		if body(g.r) {
			bases = append(bases, g.base)
			heights = append(heights, g.height())
		}
		if prev != nil {
			gaps = append(gaps, g.x0-prev.x1)
		}
		prev = g
	}
	if len(ems) == 0 {
		return textLine{}, false
	}
	// Han glyphs are one em wide; the height of Latin glyphs says less, as
	// their font often differs.
	if len(hanEms) >= 3 {
		ems = hanEms
	}
	slices.Sort(ems)
	lineEm := ems[len(ems)/2]
	// The baseline and type height of the line's letters, digits and Han,
	// for telling superscripts; punctuation such as dot leaders is often
	// in another font.
	var baseline, height float32
	if len(bases) > 0 {
		slices.Sort(bases)
		slices.Sort(heights)
		baseline, height = bases[len(bases)/2], heights[len(heights)/2]
	}
	base := float32(0)
	if len(gaps) > 0 {
		slices.Sort(gaps)
		base = max(gaps[len(gaps)/4], 0)
		// A table row of a few short cells ("5  %  0  0") has no gap
		// inside a word to learn from: its smallest gap is a column's.
		if len(gaps) < 4 {
			base = min(base, 0.25*lineEm)
		}
	}
	var b strings.Builder
	// Bounds come from the glyphs that show: a paragraph indented with
	// spaces ("　　") starts where its first character does.
	l := textLine{em: lineEm, latinEm: len(hanEms) < 3}
	first := true
	var last glyph
	var hy0, hy1 float32
	hanBand := false
	spaced := false
	run := 0 // glyphs since the line's start or its last tab
	for gi, g := range gs {
		if g.space {
			spaced = !first
			continue
		}
		if !first {
			gap := g.x0 - last.x1
			e := max(em(last), em(g))
			switch {
			case gap-base > columnGap*e:
				b.WriteByte('\t')
				run = 0
			case isHan(last.r) && isHan(g.r) && gap-base > hanCellGap*e && !spaced && run >= 2 && solidAfter(gs, gi, base, e):
				// Han is set solid: a gap between two runs of Han glyphs
				// that touch is the edge of a table's cell (扩大有效投资
				// 县发展改革局), however narrow the cell's padding. A
				// heading spaced out (目  录) has no runs. Marked here and
				// settled once the line is spelt (cellGaps).
				b.WriteByte(cellMark)
				run = 0
			case spaced:
				b.WriteByte(' ')
				run = 0
			case wide(last.r) || wide(g.r):
				// CJK text has no spaces; a gap beside Han is justification
				// or the gap a word processor puts between Han and digits
				// ("2021 年"), not a word break.
			case isDigit(last.r) && isDigit(g.r) && sameType(last, g):
				// Digits spread to fill a justified line or a table cell
				// still make one number; two numbers side by side are
				// set further apart or with a space character.
				if gap-base > digitGap*e {
					b.WriteByte(' ')
				}
			case gap-base > wordGap*e:
				b.WriteByte(' ')
			}
		}
		r := g.r
		// A small digit raised above the line is an exponent or a unit's
		// power ("10⁷", "m³"): as a plain digit it would change the number.
		if sup, ok := superscripts[r]; ok && height > 0 && g.height() < 0.75*height && g.base-baseline > 0.2*height {
			r = sup
		}
		b.WriteRune(r)
		if first {
			l.x0, l.y0, l.x1, l.y1 = g.x0, g.y0, g.x1, g.y1
		}
		l.x0, l.x1 = min(l.x0, g.x0), max(l.x1, g.x1)
		l.y0, l.y1 = min(l.y0, g.y0), max(l.y1, g.y1)
		if isHan(g.r) {
			if hanBand {
				hy0, hy1 = min(hy0, g.y0), max(hy1, g.y1)
			} else {
				hy0, hy1, hanBand = g.y0, g.y1, true
			}
		}
		first, last, spaced = false, g, false
		run++
	}
	// Digits and letters in another font may stand far above and below
	// the Han ones (full-width digits of a font with a tall box): the
	// line's band, by which its distance to the next is told, is its
	// Han's where it has enough of them.
	if !l.latinEm && hanBand {
		l.y0, l.y1 = hy0, hy1
	}
	l.text = cellGaps(b.String())
	return l, l.text != "" && strings.IndexFunc(l.text, func(r rune) bool { return !unicode.IsSpace(r) }) >= 0
}

// cellMark stands for a narrow gap between runs of Han while a line is
// spelt.
const cellMark = '\x00'

// cellGaps settles the narrow gaps of a line: with another gap or a tab
// they make a row of cells; one alone is a bold title's gap before its
// body (坚持绿色发展引领  牢固树立…), which reads on as before.
func cellGaps(s string) string {
	n := strings.Count(s, string(cellMark))
	if n == 0 {
		return s
	}
	if n+strings.Count(s, "\t") >= 2 {
		return strings.ReplaceAll(s, string(cellMark), "\t")
	}
	return strings.ReplaceAll(s, string(cellMark), "")
}

// solidAfter reports that glyph i and the next one touch, as Han of one
// word or cell do.
func solidAfter(gs []glyph, i int, base, em float32) bool {
	return i+1 < len(gs) && !gs[i+1].space && gs[i+1].x0-gs[i].x1-base <= 0.1*em
}

// sameType reports glyphs of one size on one baseline: a subscript digit
// is not part of the number after it ("CO₂ 182.3").
func sameType(a, b glyph) bool {
	h := max(a.height(), b.height())
	return abs32(a.height()-b.height()) < 0.2*h && abs32(a.base-b.base) < 0.1*h
}

func body(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

var superscripts = map[rune]rune{
	'0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹',
	'-': '⁻', '−': '⁻', '+': '⁺',
}

// dropOverprint removes glyphs drawn twice at (nearly) the same place, as
// producers do to fake bold type.
func dropOverprint(gs []glyph) []glyph {
	out := gs[:0]
	for _, g := range gs {
		if n := len(out); n > 0 {
			p := out[n-1]
			w := max(p.x1-p.x0, g.x1-g.x0)
			if p.r == g.r && !g.space && abs32(p.x0-g.x0) < 0.2*w+0.5 && abs32(p.y0-g.y0) < 0.2*g.height()+0.5 {
				continue
			}
		}
		out = append(out, g)
	}
	return out
}

func abs32(f float32) float32 {
	if f < 0 {
		return -f
	}
	return f
}
