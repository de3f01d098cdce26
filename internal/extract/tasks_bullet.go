package extract

import "strings"

// bulletRunes open the items of a bulleted list.
const bulletRunes = "-*•·" + bulletGlyphs

// bulletGlyphs are the bullets that are never part of a word (unlike - and
// ·, which join names): no indicator opens with one.
const bulletGlyphs = "●▪■□◆◇▲△►▶★☆○◎"

// bulletItem reads a bulleted line that names one action: its title
// (emphasised, before a colon, or the whole short line) and where its body
// starts in s. A bullet over prose with no such title is no item.
func bulletItem(s []rune) (title []rune, body int, ok bool) {
	if len(s) < 4 || !bulletLine(s) {
		return nil, 0, false
	}
	k := 1
	for k < len(s) && (s[k] == ' ' || s[k] == '\u3000') {
		k++
	}
	rest := s[k:]
	var t []rune
	end := 0
	switch {
	case hasPrefixAt(rest, 0, "**") || hasPrefixAt(rest, 0, "__"):
		// - **发展人形机器人**：支持…
		if t, end = emphasized(rest); t == nil {
			return nil, 0, false
		}
	default:
		// - 发展量子科技：建设…, or a short line of its own.
		for i, r := range rest {
			if r == '：' || r == ':' || r == '。' {
				t, end = rest[:i], i+1
				break
			}
			if i > 30 {
				break
			}
		}
		if t == nil && len(rest) <= 30 {
			t, end = rest, len(rest)
		}
	}
	t, end, ok = itemTitle(rest, t, end)
	return t, k + end, ok
}

// itemTitle checks a run-in title t of rest that ends at end, and moves
// end past the punctuation after it.
func itemTitle(rest, t []rune, end int) ([]rune, int, bool) {
	t = trimPunct(t)
	if len(t) < 4 || len(t) > 30 || hasAnyRune(string(t), "，,；;") || !actionStart(t) {
		return nil, 0, false
	}
	for end < len(rest) && (rest[end] == '：' || rest[end] == ':' || rest[end] == '。' || rest[end] == ' ') {
		end++
	}
	return t, end, true
}

// emphasized reads the bold run that opens s (**深化改革。** or
// __深化改革__): its text and where it ends, or nil.
func emphasized(s []rune) ([]rune, int) {
	if len(s) < 4 {
		return nil, 0
	}
	em := string(s[:2])
	j := strings.Index(string(s[2:]), em)
	if j < 0 {
		return nil, 0
	}
	n := len([]rune(string(s[2:])[:j]))
	return s[2 : 2+n], 2 + n + 2
}

// boldItem reads a paragraph that opens with its title in bold
// (**深化“一网通办”改革。**推动…, **优化企业开办服务**：…): the title and
// where the body starts.
func boldItem(s []rune) (title []rune, body int, ok bool) {
	if !hasPrefixAt(s, 0, "**") && !hasPrefixAt(s, 0, "__") {
		return nil, 0, false
	}
	t, end := emphasized(s)
	if t == nil {
		return nil, 0, false
	}
	return itemTitle(s, t, end)
}

// bulletLine reports a line that opens with a bullet and a space (a
// glyph bullet such as ● needs none): the start of a list item, never
// the rest of a wrapped line.
func bulletLine(r []rune) bool {
	return len(r) >= 3 && (strings.ContainsRune(bulletGlyphs, r[0]) && r[1] != r[0] ||
		strings.ContainsRune(bulletRunes, r[0]) && (r[1] == ' ' || r[1] == '\u3000'))
}
