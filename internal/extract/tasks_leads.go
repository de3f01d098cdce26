package extract

import (
	"strconv"
	"strings"
)

// leadTasks reads paragraphs that open with a short summary sentence:
// 培育壮大新兴产业。积极融入… gives the task 培育壮大新兴产业.
func leadTasks(src *source, lines []line, from, to int, parent *node) []Task {
	return leadTasksWith(src, lines, from, to, parent, false)
}

// wideLeadTasks reads the paragraphs of a section of a document whose
// tasks are paragraph items, where the section gives fewer by the strict
// measure: it takes them when every paragraph opens with a summary, one
// that joins two clauses (大力培育都市圈，发挥都市圈集聚效应。) or runs
// longer included.
func wideLeadTasks(src *source, lines []line, from, to int, parent *node) []Task {
	paras := 0
	for i := from; i < to && i < len(lines); i++ {
		if a, b := trimSpaceSpan(src.text, lines[i].start, lines[i].end); b > a {
			paras++
		}
	}
	if wide := leadTasksWith(src, lines, from, to, parent, true); paras >= 2 && len(wide) == paras {
		return wide
	}
	return nil
}

// leadTasksWith reads the paragraph items of lines[from:to]; wide admits
// the longer summary sentences (wideLeadTasks).
func leadTasksWith(src *source, lines []line, from, to int, parent *node, wide bool) []Task {
	text := src.text
	summary := summaryTitle
	if wide {
		summary = wideSummaryTitle
	}
	var out []Task
	// add takes the body as rune offsets: its text is a slice of the
	// source's string, while a title may be runes made anew.
	add := func(title []rune, bodyStart, bodyEnd int, span Span) {
		// 的关联分析能力: a line a page broke mid-sentence, not a lead.
		if len(title) > 0 && strings.ContainsRune("的得、，）", title[0]) {
			return
		}
		b := strings.TrimSpace(src.str(bodyStart, bodyEnd))
		out = append(out, Task{
			Number: strconv.Itoa(len(out) + 1),
			Title:  string(title),
			Path:   pathOf(parent),
			Text:   b,

			Span: span,
		})
	}
	// The count of 一是, 二是 … runs across paragraphs: next is the number
	// the next item must carry, verb its 是 or 要.
	next, verb := 1, rune(0)
	// s is text[at:…], the line trimmed.
	addItems := func(l line, s []rune, at int, items []enumItem) {
		for _, it := range items {
			add(s[it.title[0]:it.title[1]], at+it.title[1], at+it.end, Span{l.start + it.start, l.start + it.end})
		}
		next += len(items)
		verb = s[items[0].start+1]
	}
	for i := from; i < to && i < len(lines); i++ {
		l := lines[i]
		at, atEnd := trimSpaceSpan(text, l.start, l.end)
		s := text[at:atEnd]
		if len(s) == 0 {
			continue
		}
		l.start = l.end - len(s) // spans index the trimmed line
		if markerStart(string(s[0])) && startsWithMarker(string(s[:min(len(s), 12)])) {
			continue
		}
		// A row of a table (1⇥深化集成改革。推出…⇥县政务服务中心) is no
		// paragraph of the item above it.
		if hasTabRune(s) {
			continue
		}
		// - **发展人形机器人**：支持…: a bulleted item names its action
		// before its body.
		if t, body, ok := bulletItem(s); ok {
			add(t, at+body, at+len(s), Span{l.start, l.end})
			continue
		}
		if t, body, ok := boldItem(s); ok {
			add(t, at+body, at+len(s), Span{l.start, l.end})
			continue
		}
		// 二要较大幅度提高粮食最低收购价，…: a paragraph opening with the
		// next count is the next item, however long its first sentence.
		if next > 1 {
			if items := enumeratedFrom(s, 0, next, verb); len(items) > 0 {
				addItems(l, s, at, items)
				continue
			}
		}
		end := -1
		for k, r := range s {
			if r == '。' {
				end = k
				break
			}
			if k > 40 {
				break
			}
		}
		// 推动自由贸易港政策红利加速释放。 on a line of its own, its body on
		// the next: the sentence is the item's title.
		if end >= 4 && end == len(s)-1 && summary(s[:end]) && actionStart(stripEnumerator(s[:end])) {
			if bodyStart, bodyEnd, ok := bodyBelow(text, lines, i+1, to); ok {
				add(trimPunct(stripEnumerator(s[:end])), bodyStart, bodyEnd, Span{l.start, l.end})
				// The body is the item's: its first sentence is no item of
				// its own (打造宜居城市。⏎推进城市更新。…).
				for i+1 < to && i+1 < len(lines) && lines[i+1].end <= bodyEnd {
					i++
				}
				continue
			}
		}
		// 市场是最稀缺的资源。我们要以…: a closing remark on the group
		// above, a thought and then 我们要, is no item of its own.
		if end >= 4 && !actionStart(stripEnumerator(s[:end])) && (hasPrefixAt(s, end+1, "我们要") || hasPrefixAt(s, end+1, "我们将") || hasPrefixAt(s, end+1, "我们必须")) {
			continue
		}
		// ——优化惠企政策兑现。推行免申即享。: a dash marks an item
		// however short its body, or with none (——优化人才服务).
		dashed := len(s) > 2 && s[0] == '—'
		if dashed && end < 0 && len(s) <= 40 && !hasAnyRune(string(s), "，,；;") {
			if t := trimPunct(s); len(t) >= 4 {
				add(t, at+len(s), at+len(s), Span{l.start, l.end})
			}
			continue
		}
		// 一是坚定实施扩大内需战略，在…上实现新突破。: under an item of a
		// section, a counted paragraph's first sentence is its title in
		// the wider form too (DECISIONS 39). A section's own counted
		// paragraphs (一、…回顾 over 一是…九是) keep the strict measure.
		fits := summary
		if _, _, ok := enumeratorAt(s); ok && parent != nil && (parent.kind == kindParHan || parent.kind == kindArabic || parent.kind == kindTaskN || parent.kind == kindTag) {
			fits = wideSummaryTitle
		}
		if end < 4 || len(s)-end < 10 && !dashed || !fits(s[:end]) {
			// Prose that carries on the count: …的贷款。三是进一步理顺….
			if next > 1 {
				if items := enumeratedFrom(s, 1, next, verb); len(items) > 0 {
					addItems(l, s, at, items)
				}
			}
			continue
		}
		// 实施积极的财政政策。一是大幅度增加政府支出…二是…: the counted
		// items are the tasks, the sentence over them their group.
		// 一是 may stand alone here, 二是 opening a later paragraph.
		if items := enumeratedFrom(s, end+1, 1, 0); len(items) >= 2 || len(items) == 1 && items[0].start-end < 60 {
			next = 1
			addItems(l, s, at, items)
			continue
		}
		if t := stripEnumerator(s[:end]); len(t) < end {
			// 一是加强监管。: a count that opens its own paragraph.
			if n, v, ok := enumeratorAt(s); ok {
				next, verb = n+1, v
			}
		} else {
			next, verb = 1, 0
		}
		// A text that lost its paragraph breaks runs several items into
		// one line: each goes up to the next inner summary sentence.
		// Only a section of one paragraph is read so: elsewhere a short
		// action sentence is just prose.
		var cuts [][2]int
		if to-from == 1 {
			cuts = innerLeads(s, end+1, 40)
		}
		head := 0 // where the current item's title starts in s
		for _, c := range append(cuts, [2]int{len(s), len(s)}) {
			title := s[head:end]
			if head == 0 {
				title = stripEnumerator(title)
			}
			add(trimPunct(title), at+end+1, at+c[0], Span{l.start + head, l.start + c[0]})
			head, end = c[0], c[1]
		}
	}
	return out
}

// bodyBelow returns the bounds of the paragraph after line i when it is
// prose of its own (not a heading, not another one-sentence line).
func bodyBelow(text []rune, lines []line, i, to int) (start, end int, ok bool) {
	for ; i < to && i < len(lines); i++ {
		a, b := trimSpaceSpan(text, lines[i].start, lines[i].end)
		s := text[a:b]
		if len(s) == 0 {
			continue
		}
		if len(s) < 30 || markerStart(string(s[0])) && startsWithMarker(string(s[:min(len(s), 12)])) {
			return 0, 0, false
		}
		return a, b, true
	}
	return 0, 0, false
}

// enumeratorAt reads the count that opens s: 三是 → 3, '是'.
func enumeratorAt(s []rune) (int, rune, bool) {
	if len(s) < 3 || s[1] != '是' && s[1] != '要' {
		return 0, 0, false
	}
	for n := 1; n <= 10; n++ {
		if []rune(chineseDigit(n))[0] == s[0] {
			return n, s[1], true
		}
	}
	return 0, 0, false
}

// enumItem is one 一是… item of a paragraph: its start, its title's
// bounds and its end.
type enumItem struct {
	start, end int
	title      [2]int
}

// enumeratedFrom finds the counts n, n+1, … (N是 or N要, as verb says
// once it is known) in order at sentence starts from offset k. Each item's title is its first sentence, short of
// a comment on it (大幅度增加政府支出，这是扩大内需最直接的措施).
func enumeratedFrom(s []rune, k, n int, verb rune) []enumItem {
	var out []enumItem
	first := n
	// Counts are read up to 十: an eleventh item (十一是) ends the list.
	for i := k; i+2 < len(s) && n < len(digitRunes); i++ {
		if s[i] != digitRunes[n] || (s[i+1] != '是' && s[i+1] != '要') || verb != 0 && s[i+1] != verb {
			continue
		}
		if i > 0 && s[i-1] != '。' && s[i-1] != '；' && s[i-1] != '：' && s[i-1] != '！' {
			continue
		}
		verb = s[i+1]
		if len(out) > 0 {
			out[len(out)-1].end = i
		}
		ts := i + 2
		te := ts
		for te < len(s) && !strings.ContainsRune("。；！", s[te]) {
			te++
		}
		if c := commentAt(s, ts, te); c > 0 {
			te = c
		} else if te-ts > 40 {
			te = ts
			for te < len(s) && s[te] != '，' && s[te] != '。' {
				te++
			}
		}
		// 一是建立信用修复提醒机制（市发改委负责）；: the units' note is
		// no part of the title.
		if te > ts && (s[te-1] == '）' || s[te-1] == ')') {
			if o := lastIndexRune(s[ts:te], '（', '('); o > 0 && containsAnyWord(string(s[ts+o:te]), unitCues) {
				te = ts + o
			}
		}
		out = append(out, enumItem{start: i, end: len(s), title: [2]int{ts, te}})
		n++
		if n > 10 {
			break
		}
	}
	if first == 1 && len(out) > 0 && out[0].start-k > 200 {
		return nil // the count starts far from the summary: another matter
	}
	return out
}

// commentAt finds, in a sentence, the comma that opens a remark on what
// came before (，这是…, ，此…), and returns its offset.
func commentAt(s []rune, from, to int) int {
	for i := from; i+1 < to; i++ {
		if s[i] == '，' && (s[i+1] == '这' || s[i+1] == '此') {
			return i
		}
	}
	return 0
}

var digitRunes = []rune("零一二三四五六七八九十")

func chineseDigit(n int) string {
	return string(digitRunes[n])
}

// inlineLeads reads the items a heading's own line runs together when the
// text lost their breaks: （一）巩固向好势头。持续拓展内需…。更大力度提振
// 消费。优化实施…。着力扩大有效投资。推进…: each short action sentence
// after the heading's opening prose opens an item. Fewer than two is none.
func inlineLeads(text []rune, l line, n *node) []Task {
	if n.titleEnd <= l.start || n.titleEnd >= l.end {
		return nil
	}
	s := text[l.start:l.end]
	k := n.titleEnd - l.start
	for k < len(s) && (s[k] == '。' || s[k] == ' ') {
		k++
	}
	cuts := innerLeads(s, k, 0)
	if len(cuts) < 2 {
		return nil
	}
	var out []Task
	for j, c := range cuts {
		end := len(s)
		if j+1 < len(cuts) {
			end = cuts[j+1][0]
		}
		out = append(out, Task{
			Number: strconv.Itoa(j + 1),
			Title:  string(trimPunct(s[c[0]:c[1]])),
			Path:   pathOf(n),
			Text:   strings.TrimSpace(string(s[c[1]+1 : end])),
			Span:   Span{l.start + c[0], l.start + end},
		})
	}
	return out
}

// countedOnLine reads the 一要…二要… (or 一是…) items that follow a
// heading's title on its own line.
func countedOnLine(text []rune, l line, n *node) []Task {
	if n.titleEnd <= l.start || n.titleEnd >= l.end {
		return nil
	}
	s := text[l.start:l.end]
	var out []Task
	for j, it := range enumeratedFrom(s, n.titleEnd-l.start, 1, 0) {
		out = append(out, Task{
			Number: strconv.Itoa(j + 1),
			Title:  string(trimPunct(s[it.title[0]:it.title[1]])),
			Path:   pathOf(n),
			Text:   strings.TrimSpace(string(s[it.title[1]:it.end])),
			Span:   Span{l.start + it.start, l.start + it.end},
		})
	}
	return out
}

// lastIndexRune is the index in s of the last of the runes a or b, or -1.
func lastIndexRune(s []rune, a, b rune) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == a || s[i] == b {
			return i
		}
	}
	return -1
}
