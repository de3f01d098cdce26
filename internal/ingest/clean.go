package ingest

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Clean normalizes line endings and whitespace, drops page chrome, spam
// and footer lines, and squeezes blank lines, keeping the text's own
// script. Rules look at the shape and vocabulary of a line, never at a
// particular site.
func Clean(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	var b strings.Builder
	b.Grow(len(s))
	blank, glued := false, false
	for line := range strings.SplitSeq(s, "\n") {
		line = cleanLine(line)
		// 广义货币M / 2 / 预期增长: a subscript a page set on a line of its
		// own is no page number; it goes back between its letter and the
		// words after it.
		if !blank && len(line) <= 3 && isLoneNumber(line) && !strings.ContainsAny(line, " -—/") && endsWithCapital(b.String()) {
			b.WriteString(line)
			glued = true
			continue
		}
		if line != "" && isNoiseLine(line) {
			continue
		}
		if line == "" {
			blank = b.Len() > 0
			continue
		}
		switch {
		case glued && !blank && startsWithHan(line):
		case blank:
			b.WriteString("\n\n")
		case b.Len() > 0:
			b.WriteByte('\n')
		}
		blank, glued = false, false
		b.WriteString(line)
	}
	return b.String()
}

// endsWithCapital reports text whose last line ends with one to three
// capital letters after a Han character (货币M, 排放CO): the letters a
// subscript belongs to.
func endsWithCapital(s string) bool {
	n := 0
	for n < len(s) && n < 4 {
		c := s[len(s)-1-n]
		if c < 'A' || c > 'Z' {
			break
		}
		n++
	}
	if n == 0 || n > 3 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:len(s)-n])
	return unicode.Is(unicode.Han, r)
}

func startsWithHan(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.Is(unicode.Han, r)
}

// cleanLine removes invisible characters (zero-width spaces, stray BOMs,
// control codes) and trims the line. Breadcrumbs lose their "首页 >" head
// but stay: on some pages they are the only place the title appears.
func cleanLine(line string) string {
	if needsScrub(line) {
		var b strings.Builder
		for _, r := range line {
			switch {
			case r == '\t':
				b.WriteRune(r)
			case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
				b.WriteByte(' ')
			case r == '\u200b', r == '\u200c', r == '\u200d', r == '\u2060', r == '\ufeff', r == '\u00ad', r == '\u200e', r == '\u200f':
			default:
				b.WriteRune(r)
			}
		}
		line = b.String()
	}
	line = strings.TrimSpace(line)
	// 1.⇥建设智慧停车系统: a word processor's tab after an item's number
	// is its spacing, not a cell's edge.
	if strings.Count(line, "\t") == 1 {
		if loc := reMarkerTab.FindStringIndex(line); loc != nil {
			line = line[:loc[1]-1] + line[loc[1]:]
		}
	}
	return stripBreadcrumbHead(line)
}

// reMarkerTab is an item's number followed by a tab.
var reMarkerTab = regexp.MustCompile(`^(?:\d{1,3}[.．、）)]|[（(]\d{1,3}[）)]|[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[）)]|[①-⑳]|第[一二三四五六七八九十]{1,3}[章节条])\t`)

// needsScrub reports whether cleanLine's rewrite would change the line.
// 0xe2 and 0xef lead most CJK punctuation (“”…，：（), so the bytes of
// the characters removed are matched in full. A line that is not valid
// UTF-8 is rewritten as before whenever such a lead byte occurs: the
// rewrite also turns its invalid bytes into U+FFFD.
func needsScrub(s string) bool {
	lead := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\t' || c == 0x7f {
			return true
		}
		if c != 0xc2 && c != 0xe2 && c != 0xef {
			continue
		}
		lead = true
		switch rest := s[i+1:]; c {
		case 0xc2: // U+0080–U+009F, U+00AD
			if len(rest) >= 1 && (rest[0] >= 0x80 && rest[0] <= 0x9f || rest[0] == 0xad) {
				return true
			}
		case 0xe2: // U+200B–U+200F, U+2060
			if len(rest) >= 2 && (rest[0] == 0x80 && rest[1] >= 0x8b && rest[1] <= 0x8f || rest[0] == 0x81 && rest[1] == 0xa0) {
				return true
			}
		case 0xef: // U+FEFF
			if len(rest) >= 2 && rest[0] == 0xbb && rest[1] == 0xbf {
				return true
			}
		}
	}
	return lead && !utf8.ValidString(s)
}

var breadcrumbHeads = []string{
	"首页", "首頁", "网站首页", "網站首頁", "当前位置", "當前位置", "您的位置", "您当前的位置",
	"您現在的位置", "您现在的位置", "当前所在位置", "所在位置", "位置",
}

var crumbSeps = []string{">>", ">", "＞", "»", "›", "→", "/", "-"}

func stripBreadcrumbHead(line string) string {
	for _, h := range breadcrumbHeads {
		if !strings.HasPrefix(line, h) {
			continue
		}
		rest := strings.TrimLeft(line[len(h):], " :：\t")
		for _, sep := range crumbSeps {
			if strings.HasPrefix(rest, sep) {
				return strings.TrimSpace(rest[len(sep):])
			}
		}
		// "当前位置：首页 > …"
		if rest != line[len(h):] && rest != "" && h != "首页" && h != "首頁" {
			return stripBreadcrumbHead(rest)
		}
	}
	return line
}

// chromeWords are the labels of page controls; a line made only of them
// is chrome ("下载 打印 全屏", "【字号 大 中 小】").
var chromeLabels = setOf(
	"下载", "打印", "全屏", "收藏", "分享", "分享到", "关闭", "关闭窗口", "打印本页",
	"打印此页", "打印页面", "字号", "字体", "加大", "还原", "减小", "放大", "缩小", "大", "中", "小",
	"默认", "返回", "返回顶部", "回到顶部", "顶部", "上一篇", "下一篇", "上一条", "下一条",
	"扫一扫", "扫一扫在手机打开当前页", "在手机打开当前页", "手机版", "微信", "微博", "qq空间",
	"qq", "微信扫一扫", "复制链接", "相关报道", "相关链接", "相关文章", "相关阅读", "添加链接",
	"link管理", "链接快照平台", "登录", "注册", "搜索", "首页", "无障碍", "长者模式", "关怀版",
	"english", "繁体", "简体", "繁體", "简", "繁", "网站导航", "设为首页", "加入收藏", "阅读",
	"浏览次数", "点击数", "打印文章", "纠错", "我要纠错", "我要打印", "我要收藏", "视力保护色",
	"下載", "列印", "關閉", "關閉窗口", "打印本頁", "字體", "返回頂部", "上一篇", "下一篇", "分享至",
	"收起", "展开", "更多", "twitter", "facebook", "分享：", "打印", "责任编辑", "编辑",
	"字号：", "a+", "a-",
)

// footerMarks identify copyright and registration footers, repost
// disclaimers and control bars; they condemn any line of footer length.
// weakFooterMarks also occur in prose ("主办单位要…"), so they only condemn
// short lines that are not sentences.
var (
	footerMarks = []string{
		"版权所有", "版權所有", "icp备", "icp證", "icp证", "公网安备", "公網安備", "网站标识码",
		"網站標識碼", "copyright", "©", "all rights reserved", "如有侵权", "如有侵權",
		"转载请注明", "轉載請注明", "produced by", "生成快照", "扫一扫在手机", "在手机打开",
		"微信扫一扫", "分享到：", "分享到:", "【字号", "【打印", "【关闭", "【收藏", "政府网站找错",
	}
	weakFooterMarks = []string{
		"网站地图", "網站地圖", "联系我们", "聯繫我們", "聯絡我們", "技术支持", "主办单位",
		"主辦單位", "承办单位", "协办单位", "建议使用", "分辨率", "浏览器", "访问量", "网页链接",
		"網頁鏈接", "返回顶部", "网站纠错", "发布系统", "您是第", "位访客", "设为首页", "加入收藏",
		"免责声明", "隐私政策", "网站声明", "关于我们",
	}
)

// spamMarks are vocabulary of porn and gambling link spam injected into
// hacked pages.
var spamMarks = []string{
	"av网址", "免费av", "av在线", "无码", "熟女", "国产精品", "成人免费", "成人视频", "成人网",
	"色情", "一区二区", "强奸", "百家乐", "六合彩", "赌场", "博彩", "真人娱乐", "澳门赌", "葡京",
	"开元棋牌", "彩票平台", "亚洲手机", "草榴", "91国产", "自拍偷拍", "人妻", "av网", "黄色视频",
}

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// markKind classifies the vocabulary isNoiseLine looks for.
type markKind int

const (
	markFooter markKind = iota
	markWeakFooter
	markSpam
	numMarkKinds
)

// markIndex finds all marks in a line in one pass: marks are indexed by
// their first rune, so most runes cost one bitset probe. Cleaning runs on
// every line of every document and dominates decoding time otherwise.
type markIndex struct {
	first [0x10000 / 64]uint64
	byRun map[rune][]markEntry
}

type markEntry struct {
	word string
	kind markKind
}

var marks = func() *markIndex {
	m := &markIndex{byRun: map[rune][]markEntry{}}
	add := func(kind markKind, words []string) {
		for _, w := range words {
			r, _ := utf8.DecodeRuneInString(w)
			if r < 0x10000 {
				m.first[r/64] |= 1 << (r % 64)
			}
			m.byRun[r] = append(m.byRun[r], markEntry{w, kind})
		}
	}
	add(markFooter, footerMarks)
	add(markWeakFooter, weakFooterMarks)
	add(markSpam, spamMarks)
	return m
}()

// count returns how many marks of each kind occur in lower, and how many
// runes lower has.
func (m *markIndex) count(lower string) (n [numMarkKinds]int, runes int) {
	for i := 0; i < len(lower); {
		// The rune as a range loop would read it, a Han character read
		// here rather than in a call per rune.
		r, size := rune(lower[i]), 1
		if han3(lower, i) {
			r, size = rune3(lower, i), 3
		} else if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(lower[i:])
		}
		runes++
		if r < 0x10000 && m.first[r/64]&(1<<(r%64)) != 0 {
			for _, e := range m.byRun[r] {
				if strings.HasPrefix(lower[i:], e.word) {
					n[e.kind]++
				}
			}
		}
		i += size
	}
	return n, runes
}

// han3 reports a valid three-byte rune at byte i of s whose bytes rune3
// can read without the checks of the general decoder: the scans over every
// rune of a document would otherwise make a call per Han character. Leads
// E1–EC and EE–EF take any two continuation bytes; E0 and ED have narrower
// ranges (overlong forms, surrogates) and go the long way.
func han3(s string, i int) bool {
	c := s[i]
	return c >= 0xE1 && c != 0xED && c <= 0xEF && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80
}

func rune3(s string, i int) rune {
	return rune(s[i]&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
}

// lowerASCII lowercases ASCII letters only; the marks are ASCII lowercase
// or CJK, and strings.ToLower would cost a rune decode per character.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if b[j] >= 'A' && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

func isNoiseLine(line string) bool {
	// The marks are counted first: that pass over the line counts its
	// runes too (lowerASCII keeps them as they are).
	lower := lowerASCII(line)
	hits, n := marks.count(lower)
	if n <= 8 && isLoneNumber(line) {
		return true
	}
	if n <= 60 && onlyChrome(lower) {
		return true
	}
	// Two searches on the byte fast path; ContainsAny would decode every
	// rune of the line against a non-ASCII set.
	sentence := strings.Contains(line, "。") || strings.Contains(line, "；")
	switch {
	case n <= 200 && hits[markFooter] > 0:
		return true
	// 协办单位：区财政局、各街道办事处: a task's list of units, where a
	// site's footer names one body for each role.
	case n <= 80 && !sentence && hits[markWeakFooter] > 0 && !strings.Contains(line, "、") && !headerRow(line):
		return true
	case hits[markSpam] >= 2, hits[markSpam] == 1 && !sentence:
		return true
	}
	return isLinkList(line, sentence)
}

// headerRow reports a table's header row (序号 | 重点任务 | 牵头单位 |
// 协办单位): short cells, two or more of them no footer's words, none a
// label with its value, as a footer's 主办单位：… | 技术支持：… has.
func headerRow(line string) bool {
	cells := strings.FieldsFunc(line, func(r rune) bool { return r == '\t' || r == '|' || r == '｜' })
	n := 0
	for _, c := range cells {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		if utf8.RuneCountInString(c) > 8 || strings.ContainsAny(c, "：:") {
			return false
		}
		// 网站地图 | 联系我们 | 关于我们 is a footer's bar, not a header.
		footer := false
		for _, m := range weakFooterMarks {
			footer = footer || strings.Contains(c, m)
		}
		if !footer {
			n++
		}
	}
	return n >= 2
}

// isLoneNumber matches page numbers, view counters and list indexes left
// alone on a line: "744", "- 3 -", "第 2 页".
func isLoneNumber(line string) bool {
	digits := 0
	for _, r := range line {
		switch {
		case r >= '0' && r <= '9', r >= '０' && r <= '９':
			digits++
		case r == ' ', r == '-', r == '—', r == '/', r == '第', r == '页', r == '頁', r == '共':
		default:
			return false
		}
	}
	return digits > 0
}

// onlyChrome reports a line whose every token is a page-control label.
// The tokens are cut as strings.FieldsFunc would cut them, but looked up
// as they come: most lines fail on their first token, and the slice of
// all tokens was made for every short line.
func onlyChrome(lower string) bool {
	start, tokens := -1, 0
	for i, r := range lower {
		if !chromeSeparator(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			if !chromeLabels[lower[start:i]] {
				return false
			}
			tokens++
			start = -1
		}
	}
	if start >= 0 {
		if !chromeLabels[lower[start:]] {
			return false
		}
		tokens++
	}
	if tokens == 0 {
		// Only punctuation, bullets or brackets.
		return !strings.ContainsFunc(lower, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) })
	}
	return true
}

// chromeSeparator reports a rune between the tokens of a control row.
func chromeSeparator(r rune) bool {
	switch r {
	case '|', '/', '【', '】', '[', ']', '：', ':', '·', '•', '●', '丨', '｜', '(', ')', '（', '）', '<', '>', '«', '»', '-', '_', '、', '，', ',', '　':
		return true
	}
	return unicode.IsSpace(r)
}

// isLinkList matches a line of many short items joined by separators, as
// left by link farms and tag clouds: "a|b|c|d|e".
// sentence tells whether line holds 。 or ；, already known to the caller.
func isLinkList(line string, sentence bool) bool {
	if sentence {
		return false
	}
	// A row of a Markdown table ("| 1 | 任务 | 牵头单位 |") holds the
	// document's own cells, however short.
	if len(line) >= 2 && (line[0] == '|' && line[len(line)-1] == '|' ||
		strings.HasPrefix(line, "｜") && strings.HasSuffix(line, "｜")) {
		return false
	}
	// A page's table printed without its left border ("1 | 地区生产总值 |
	// 增长6% | 区发改局 |"): a row opens with its number or 序号.
	if line[len(line)-1] == '|' {
		first, _, _ := strings.Cut(line, "|")
		if first = strings.TrimSpace(first); first == "序号" || first != "" && strings.Trim(first, "0123456789") == "" {
			return false
		}
	}
	// Counting by byte search rather than rune by rune: most lines have
	// no separator at all.
	sep := strings.Count(line, "|") + strings.Count(line, "｜") + strings.Count(line, "丨")
	if sep < 4 {
		return false
	}
	return utf8.RuneCountInString(line)/(sep+1) <= 16
}
