package extract

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Marker kinds, in the order GB/T 9704 nests them.
const (
	kindNone    = ""
	kindPart    = "篇"     // 第一篇
	kindChapter = "章"     // 第一章
	kindSection = "节"     // 第一节
	kindHan     = "一、"    // 一、
	kindParHan  = "（一）"   // （一）
	kindArabic  = "1."    // 1.
	kindParArab = "（1）"   // （1）, ⑴
	kindArabPar = "1）"    // 1）
	kindCircled = "①"     // ①
	kindTag     = "【】"    // 【任务1】, 【专栏】
	kindTaskN   = "任务N"   // ——任务1：, 任务一：, 行动2：
	kindArticle = "条"     // 第一条
	kindPlain   = "plain" // an unnumbered heading line
)

var (
	rePart    = regexp.MustCompile(`^第[一二三四五六七八九十百零〇\d]{1,4}篇\s*`)
	reChapter = regexp.MustCompile(`^第[一二三四五六七八九十百零〇\d]{1,4}章\s*`)
	reSection = regexp.MustCompile(`^第[一二三四五六七八九十百零〇\d]{1,4}节\s*`)
	reArticle = regexp.MustCompile(`^第[一二三四五六七八九十百零〇\d]{1,4}条\s*`)
	reHan     = regexp.MustCompile(`^[一二三四五六七八九十]{1,3}\s*[、.．]\s*`)
	reParHan  = regexp.MustCompile(`^[（(]\s*[一二三四五六七八九十]{1,3}\s*[）)]\s*[、.．]?\s*`)
	reArabic  = regexp.MustCompile(`^\d{1,3}\s*(?:[.．、]|\s)\s*`)
	reParArab = regexp.MustCompile(`^(?:[（(]\s*\d{1,3}\s*[）)]|[⑴-⒇])\s*`)
	reArabPar = regexp.MustCompile(`^\d{1,2}\s*[）)]\s*`)
	reCircled = regexp.MustCompile(`^[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]\s*`)
	reTag     = regexp.MustCompile(`^【(?:任务|行动|工程|举措|专项)[一二三四五六七八九十\d]{0,3}[^】]{0,8}】\s*`)
	reTaskN   = regexp.MustCompile(`^(?:——|—|-)?\s*(?:任务|行动|工程|举措|措施)[一二三四五六七八九十\d]{1,3}\s*[：:、.．]\s*`)
	reMdHash  = regexp.MustCompile(`^#{1,6}\s+`)
)

// markerRules are the heading patterns marker tries, in order, each with
// the runes a match can open with: the patterns are anchored, and a
// pattern run on a line it cannot match still costs a call.
var markerRules = []struct {
	kind  string
	re    *regexp.Regexp
	first string
}{
	{kindPart, rePart, "第"}, {kindChapter, reChapter, "第"}, {kindSection, reSection, "第"}, {kindArticle, reArticle, "第"},
	{kindParHan, reParHan, "（("}, {kindHan, reHan, "一二三四五六七八九十"}, {kindParArab, reParArab, "（(⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"},
	{kindCircled, reCircled, "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"},
	{kindArabPar, reArabPar, "0123456789"},
	{kindTag, reTag, "【"}, {kindTaskN, reTaskN, "—-任行工举措 \t\n\f\r"}, // \s is [\t\n\f\r ]
}

// marker finds the heading marker at the start of a line: its kind and its
// length in bytes.
func marker(s string) (string, int) {
	if s == "" || !markerStart(s) {
		return kindNone, 0
	}
	first, _ := utf8.DecodeRuneInString(s)
	for _, r := range markerRules {
		// A numbered item (1.) would otherwise run every pattern before
		// its own.
		if !strings.ContainsRune(r.first, first) {
			continue
		}
		if loc := r.re.FindStringIndex(s); loc != nil {
			return r.kind, loc[1]
		}
	}
	if loc := reArabic.FindStringIndex(s); loc != nil {
		rest := s[loc[1]:]
		// 1.5% or 2019年 are numbers, not markers; a marker is followed by words.
		if rest != "" && !strings.ContainsAny(rest[:1], "0123456789%.") && !strings.HasPrefix(rest, "年") &&
			!strings.HasPrefix(rest, "月") && !strings.HasPrefix(rest, "日") && !strings.HasPrefix(rest, "个") {
			num := strings.TrimSpace(s[:loc[1]])
			if strings.HasSuffix(num, ".") || strings.HasSuffix(num, "．") || strings.HasSuffix(num, "、") {
				return kindArabic, loc[1]
			}
		}
	}
	return kindNone, 0
}

func startsWithMarker(s string) bool {
	k, _ := marker(s)
	return k != kindNone && k != kindArticle
}

// node is a heading with what the task finder needs besides the JSON.
type node struct {
	h        *Heading
	kind     string
	line     int // index into lines
	titleEnd int // rune offset where the heading's title ends
	parent   *node
	children []*node
	bodyEnd  int // index of the first line after this heading's section
}

// buildOutline finds the heading lines and nests them.
func buildOutline(src *source, lines []line, titleLine int, title string, hidden map[int]bool) []*node {
	text := src.text
	var roots []*node
	var stack []*node
	lastArabic := 0 // the number of the last 1. item, so that 11.121人才梯队 reads as item 11
	for i, l := range lines {
		if i == titleLine || hidden[i] {
			continue
		}
		// 附件 on a line of its own: the document's sections end here.
		if annexLabel(src.str(l.start, l.end)) {
			for _, open := range stack {
				open.bodyEnd = i
			}
			stack = stack[:0]
			continue
		}
		n := headingAt(src, lines, i)
		if n == nil {
			if n = nextArabicItem(text, l, lastArabic); n != nil {
				n.line = i
			}
		}
		if n != nil && n.kind == kindArabic {
			lastArabic, _ = strconv.Atoi(markerNumber(n.h.Marker))
		}
		if n == nil || (n.kind == kindPlain && title != "" && strings.Contains(n.h.Title, title)) {
			// The plan's title repeated above its body is not a section.
			continue
		}
		depth := popTo(stack, n)
		// 名词解释 after a work report's last section: the document's
		// sections are over, whatever the heading's form.
		if n.kind == kindPlain && closingHeading(n.h.Title) {
			depth = 0
		}
		if depth >= 0 {
			for _, done := range stack[depth:] {
				done.bodyEnd = i
			}
			stack = stack[:depth]
		}
		if len(stack) > 0 {
			n.parent = stack[len(stack)-1]
			n.parent.children = append(n.parent.children, n)
			n.parent.h.Children = append(n.parent.h.Children, n.h)
		} else {
			roots = append(roots, n)
		}
		n.h.Level = len(stack) + 1
		stack = append(stack, n)
		_ = l
	}
	for _, n := range stack {
		n.bodyEnd = len(lines)
	}
	return roots
}

// popTo returns the depth of the stack a new heading closes, or -1 when it
// opens a deeper level: it closes the open heading of its own kind. A box
// (专栏) closes only the items and boxes above it, so that it stays inside
// its chapter; the numbered items of a box close nothing outside it.
func popTo(stack []*node, n *node) int {
	box := isBox(n)
	for k := len(stack) - 1; k >= 0; k-- {
		o := stack[k]
		if box {
			if o.kind == kindArabic || subPointKind(o.kind) || o.kind == kindPlain {
				continue
			}
			if k+1 < len(stack) {
				return k + 1
			}
			return -1
		}
		if o.kind == n.kind {
			return k
		}
		if isBox(o) && (n.kind == kindArabic || subPointKind(n.kind)) {
			return -1
		}
	}
	if box && len(stack) > 0 {
		return 0
	}
	return -1
}

// subPointKind reports the markers of a numbered item's own points:
// （1）, ⑴, 1） and ①.
func subPointKind(k string) bool {
	return k == kindParArab || k == kindArabPar || k == kindCircled
}

// isBox reports a box's heading (专栏1 重点工程).
func isBox(n *node) bool {
	return n.kind == kindPlain && (strings.HasPrefix(n.h.Title, "专栏") || strings.HasPrefix(n.h.Marker, "专栏"))
}

// closingHeadings open what follows a document's own sections: a glossary,
// annexes, related reading.
var closingHeadings = []string{"名词解释", "名词注释", "有关名词解释", "附：名词解释", "注释", "延伸阅读", "相关阅读", "相关新闻", "相关链接"}

// closingHeading reports a heading that opens what follows a document's
// sections.
func closingHeading(t string) bool {
	for _, w := range closingHeadings {
		if t == w {
			return true
		}
	}
	return false
}

// annexLabel reports a line that only says an annex follows: 附件, 附件1,
// 附件2：, 附件 一.
func annexLabel(l string) bool {
	t := strings.TrimSpace(l)
	rest, ok := strings.CutPrefix(t, "附件")
	if !ok || len(rest) > 6 {
		return false
	}
	for _, r := range rest {
		if !isDigit(r) && !strings.ContainsRune(" ：:一二三四五六七八九十", r) {
			return false
		}
	}
	return true
}

// nextArabicItem reads a line that looks like a decimal number but is the
// next numbered item whose title starts with digits (11.121人才梯队 after
// item 10).
func nextArabicItem(text []rune, l line, last int) *node {
	if last == 0 {
		return nil
	}
	want := []rune(strconv.Itoa(last + 1))
	k := l.start + len(want)
	if k+1 >= l.end || !hasPrefixAt(text, l.start, string(want)) || text[k] != '.' && text[k] != '．' || !isDigit(text[k+1]) {
		return nil
	}
	rest := text[k+1 : min(l.end, k+60)]
	title := headTitle(rest)
	start := k + 1
	h := &Heading{Marker: string(want) + ".", Title: string(title), Span: Span{start, start + len(title)}, Children: []*Heading{}}
	return &node{h: h, kind: kindArabic, titleEnd: start + len(title)}
}

// headingAt returns the heading on line i, or nil when the line is body text.
func headingAt(src *source, lines []line, i int) *node {
	text := src.text
	l := lines[i]
	// Tested first, as it spares the count of tabs over a paragraph.
	// **1.突破关键核心技术。**聚焦…: emphasis may open a numbered line.
	if l.end-l.start > 40 && !markerStart(string(text[l.start])) && text[l.start] != '#' && !(text[l.start] == '*' || text[l.start] == '_') {
		return nil // only a numbered line may run on into its body
	}
	// A row of a table (一、医疗质量	（一）功能定位	1.门诊人次数…) is no heading.
	tabs := 0
	for _, r := range text[l.start:l.end] {
		if r == '\t' {
			tabs++
		}
	}
	if tabs >= 2 {
		return nil
	}
	// The marker and title sit at the start: read no more than that.
	s := src.str(l.start, min(l.end, l.start+200))
	offset := 0
	if strings.HasPrefix(s, "#") { // the pattern's first character, tested before it runs
		if loc := reMdHash.FindStringIndex(s); loc != nil {
			offset = loc[1]
		}
	}
	// Markdown emphasis around a heading: **（二）创新概念验证建设运营模式**.
	body := s[offset:]
	for _, em := range []string{"**", "__"} {
		if strings.HasPrefix(body, em) && startsWithMarker(body[len(em):]) {
			offset += len(em)
			body = strings.Replace(body[len(em):], em, "", 1)
			break
		}
	}
	kind, mlen := marker(body)
	if kind == kindNone {
		if !plainHeading(text, lines, i, body) {
			return nil
		}
		kind = kindPlain
		if offset > 0 {
			kind = "#" + strings.Repeat("#", offset)
		}
	}
	markerText := strings.TrimSpace(body[:mlen])
	// 1. **支持原始创新。** 支持高校…: emphasis around the title after
	// the marker.
	after := body[mlen:]
	emphasis := false
	for _, em := range []string{"**", "__"} {
		if t := strings.TrimLeft(after, " "); strings.HasPrefix(t, em) && strings.Contains(t[len(em):], em) {
			mlen += len(after) - len(t) + len(em)
			k := strings.Index(t[len(em):], em)
			after = t[len(em):len(em)+k] + strings.Repeat(" ", len(em)) + t[len(em)+k+len(em):]
			body = body[:mlen] + after
			emphasis = true
			break
		}
	}
	start := l.start + runeCount(s[:offset+mlen])
	var rest []rune
	if len(body) == len(s)-offset && !emphasis {
		// body is still the tail of s, so its runes after the marker are
		// the text's own: no need to decode them again.
		rest = text[start:min(l.end, l.start+200)]
	} else {
		rest = []rune(body[mlen:])
	}
	title := headTitle(rest)
	h := &Heading{Marker: markerText, Title: string(title), Span: Span{start, start + len(title)}, Children: []*Heading{}}
	return &node{h: h, kind: kind, line: i, titleEnd: start + len(title)}
}

// headTitle is a heading's title: the whole line, or its first sentence
// when the body follows on the same line (1.共建…集群。聚焦…).
func headTitle(rest []rune) []rune {
	depth := 0
	for i, r := range rest {
		switch {
		case r == '（' || r == '(':
			depth++
		case (r == '）' || r == ')') && depth > 0:
			depth--
		case depth == 0 && (r == '：' || r == ':'):
			// （一）管网更新改造　牵头单位：区住建局: a label of units after a
			// space follows the title, it is no part of it.
			if k := spacedUnitLabel(rest[:i]); k > 0 {
				return dropUnitNote(trimPunct(rest[:k]))
			}
			return dropUnitNote(trimPunct(rest[:i]))
		case depth == 0 && (r == '。' || r == '！' || r == '；' || r == ';'):
			return dropUnitNote(trimPunct(rest[:i]))
		}
	}
	return dropUnitNote(trimPunct(rest))
}

// spacedUnitLabel returns where a unit label (牵头单位, 责任部门) that
// ends t starts, when white space sets it apart, or 0.
func spacedUnitLabel(t []rune) int {
	for _, w := range []string{"牵头单位", "责任单位", "配合单位", "牵头部门", "责任部门", "配合部门", "主责单位", "负责单位", "牵头", "责任"} {
		wr := []rune(w)
		k := len(t) - len(wr)
		if k > 1 && string(t[k:]) == w && (t[k-1] == ' ' || t[k-1] == '\u3000' || t[k-1] == '\t') {
			return k - 1
		}
	}
	return 0
}

// dropUnitNote removes a note of units that closes a heading
// (强化顶层设计引领（牵头单位：市发展改革委）): who does the task is no part
// of its title; the task's text keeps it for the units pass.
func dropUnitNote(t []rune) []rune {
	n := len(t)
	if n == 0 || t[n-1] != '）' && t[n-1] != ')' {
		return t
	}
	depth := 0
	for i := n - 1; i >= 0; i-- {
		switch t[i] {
		case '）', ')':
			depth++
		case '（', '(':
			depth--
			if depth == 0 {
				note := string(t[i+1 : n-1])
				if i > 0 && (containsAnyWord(note, unitCues) || allUnits(note)) {
					return trimPunct(t[:i])
				}
				return t
			}
		}
	}
	return t
}

// plainHeading reports an unnumbered heading: a short line without closing
// punctuation, followed by a paragraph of body text.
func plainHeading(text []rune, lines []line, i int, s string) bool {
	n := runeCount(s)
	if n < 2 || n > 40 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	if sentenceEnd(last) || clauseBreak(last) || last == '、' {
		return false
	}
	if i+1 >= len(lines) {
		return false
	}
	// 专栏4“十四五”新型储能区域示范: a box's title, whatever its first row.
	if strings.HasPrefix(s, "专栏") && n <= 40 && !strings.ContainsAny(s, "。；") {
		return true
	}
	if first, _ := utf8.DecodeRuneInString(s); strings.ContainsRune("-*•·●▪■□◆◇—", first) {
		return false // a list item
	}
	if sentenceLike(s) || isByline(s) || standaloneDate(s) != "" || strings.Contains(s, "。") {
		return false // 调整产业结构。充分发挥…: a paragraph's first line, not a heading
	}
	if (strings.HasPrefix(s, "（") || strings.HasPrefix(s, "(")) && (strings.HasSuffix(s, "）") || strings.HasSuffix(s, ")")) {
		return false // a parenthetical note: （牵头单位：市科技局）
	}
	if i := strings.IndexAny(s, "：:"); i >= 0 && i+len("：") < len(s) {
		return false // 责任单位：…, 完成时限：…: a field and its value, not a heading
	}
	// 市发改委牵头落实, 市财政局负责: who does the item above, not a heading.
	if roleEnd(s) && !actionStart([]rune(s)) {
		if l, sup, r := unitClause(s); len(l)+len(sup)+len(r) > 0 {
			return false
		}
	}
	if hasAnyRune(s, ">＞»|【】[]") || strings.Contains(s, "号") && reDocNumber.MatchString(s) || labelLine(s) || !hasHan(s, 2) {
		return false
	}
	if i+1 >= len(lines) {
		return false
	}
	next := lines[i+1]
	if next.end-next.start >= 40 {
		return true // body text follows, numbered or not: no string needed
	}
	ns := string(text[next.start:next.end])
	return startsWithMarker(ns) || sentenceLike(ns)
}

// hasHan reports whether s holds at least n Chinese characters.
func hasHan(s string, n int) bool {
	for _, r := range s {
		if isHan(r) {
			n--
			if n <= 0 {
				return true
			}
		}
	}
	return false
}

// markerStart is a quick test of the first rune before any pattern runs.
func markerStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	switch {
	case isDigit(r), r == '第', r == '（', r == '(', r >= '①' && r <= '⑳', r >= '⑴' && r <= '⒇', r == '【', r == '—', r == '任', r == '行':
		return true
	}
	_, han := chineseDigits[r]
	return han || r == '十'
}
