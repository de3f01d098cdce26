package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

var (
	// 关于印发《X》的通知, 印发《X》的通知, 印发关于X的通知, 关于印发X的通知: the
	// notice wraps the plan X, whose own title is the document's.
	reWrapped  = regexp.MustCompile(`(?:关于(?:印发|转发|公布|发布)?|印发|转发)[《<〈«](.+?)[》>〉»]`)
	reWrapped4 = regexp.MustCompile(`(?:印发|转发)(关于.{4,80}?)的通知`)
	reWrapped2 = regexp.MustCompile(`关于(?:印发|转发|公布|发布)(.{4,80}?)的通知`)
	// 《X》主要内容如下: a news release of the document X.
	reReleased = regexp.MustCompile(`^[《<〈](.{4,80}?)[》>〉](?:主要内容如下|全文如下)`)
	// 新华社北京2月21日电: a wire dateline.
	reDateline = regexp.MustCompile(`^[\p{Han}]{1,8}(?:社|网|报|台)[\p{Han}]{0,6}\d{1,2}月\d{1,2}日(?:电|讯)`)
	rePeriodLn = regexp.MustCompile(`^[（(]\s*(?:(?:19|20)\d{2}\s*[-—–－~～至到]\s*(?:19|20)\d{2}\s*年?|(?:19|20)\d{2}\s*年|试行|暂行|征求意见稿|草案|送审稿|修订|修订版|公开征求意见稿)\s*[)）]$`)
	// 附件, 附件2：…: an attachment's label, not a title.
	reAttachment = regexp.MustCompile(`^附\s*件\s*\d*\s*(?:[：:]|$)`)
	// 市政办发〔 2022: the head of a document number split over lines.
	reDocNumStart = regexp.MustCompile(`^[（(]?[\p{Han}]{1,12}\s*[〔\[［【„]\s*\d{0,4}\s*$`)
	reOfficial    = regexp.MustCompile(`(区长|市长|省长|县长|主任|书记|局长|厅长|主席|总理|记者|通讯员)\s*[\p{Han}·]{2,4}$`)
)

// findTitle sets the document's title: the plan a notice wraps, a metadata
// table's title, a title line of the body, the front matter's title.
func (m *meta) findTitle(text []rune, lines []line, fm, table frontMatter) {
	body, bStart, bEnd := m.bodyTitle(text, lines)
	labelled := strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(table.title, "（转载）"), "(转载)"))
	cands := []struct {
		s          string
		start, end int
	}{{labelled, -1, -1}, {body, bStart, bEnd}, {fm.title, -1, -1}}
	for _, c := range cands {
		plan, issuer, ok := wrappedTitle(c.s)
		if !ok {
			continue
		}
		m.title, m.titleLine, m.titleEnd = plan, c.start, c.end
		m.issuers = splitOrgs(issuer)
		// The plan's own title line below the notice is the better copy.
		if s, i, e := m.ownTitleLine(text, lines, plan, max(c.end, m.bodyStart)); s != "" {
			m.title, m.titleLine, m.titleEnd = s, i, e
		}
		return
	}
	switch {
	case labelled != "":
		m.title = labelled
		if body != "" && normTitle(body) == normTitle(labelled) {
			m.titleLine, m.titleEnd = bStart, bEnd
		}
	case body != "" && fm.title != "" && normTitle(fm.title) != normTitle(body) && strings.Contains(normTitle(fm.title), normTitle(body)):
		// 政府工作报告 under front matter naming 温州市2024年政府工作报告:
		// the fuller name of the same document.
		m.title, m.titleLine, m.titleEnd = fm.title, bStart, bEnd
	case body != "" && (kindSuffix(body) != "" || fm.title == ""):
		m.title, m.titleLine, m.titleEnd = body, bStart, bEnd
	default:
		m.title = fm.title
	}
}

// wrappedTitle returns the plan a notice's title wraps and the issuers
// named before it.
func wrappedTitle(s string) (plan, issuer string, ok bool) {
	if s == "" || runeCount(s) > 150 || sentenceLike(s) || !hasAnyRune(s, "印转公发") {
		return "", "", false
	}
	cut := func(mm []int, words ...string) string {
		head := s[:mm[0]]
		for _, w := range words {
			if k := strings.Index(head, w); k >= 0 {
				head = head[:k]
			}
		}
		return strings.TrimSpace(head)
	}
	if mm := reWrapped.FindStringSubmatchIndex(s); mm != nil && (strings.Contains(s, "通知") || strings.HasSuffix(s, "》")) {
		return strings.TrimSpace(s[mm[2]:mm[3]]), cut(mm, "关于", "印发", "转发"), true
	}
	if mm := reWrapped4.FindStringSubmatchIndex(s); mm != nil {
		return strings.TrimSpace(s[mm[2]:mm[3]]), cut(mm, "印发", "转发"), true
	}
	if mm := reWrapped2.FindStringSubmatchIndex(s); mm != nil {
		return strings.TrimSpace(s[mm[2]:mm[3]]), cut(mm, "关于"), true
	}
	return "", "", false
}

// ownTitleLine finds the wrapped plan's own title line below the notice:
// the same words give or take 的, quotes and spacing, perhaps with its
// issuer or 关于 before and its years after. It returns the better copy of
// the title (the line's, unless PDF layout lost part of it) and the lines.
func (m *meta) ownTitleLine(text []rune, lines []line, plan string, from int) (string, int, int) {
	want := normTitle(plan)
	if runeCount(want) < 4 {
		return "", -1, -1
	}
	for i := max(from, 0); i < min(len(lines), from+80); i++ {
		if m.furniture[i] || lines[i].end-lines[i].start > 120 || !titleStart(m.strs.at(i)) {
			continue
		}
		s, end := m.joinTitle(text, lines, i)
		if _, _, wrapped := wrappedTitle(s); wrapped {
			continue
		}
		got := normTitle(s)
		switch {
		case got == want, stripPeriod(got) != "" && stripPeriod(got) == stripPeriod(want):
			return s, i, end
		case strings.Contains(got, want):
			k := strings.Index(got, want)
			if titlePrefix(got[:k]) && periodish(got[k+len(want):]) {
				return s, i, end
			}
		case runeCount(got)*2 >= runeCount(want) && strings.HasPrefix(want, got) && periodish(want[len(got):]):
			return s, i, end // the notice's copy of the years is the damaged one
		case runeCount(got)*2 >= runeCount(want) && strings.HasSuffix(want, got):
			return plan, i, end // the line lost its head (2030 / 年前…方案)
		}
	}
	return "", -1, -1
}

// titlePrefix reports what may stand before a plan's name in its own
// title line: nothing, 关于, or its issuer.
func titlePrefix(p string) bool {
	return p == "" || p == "关于" || len(splitOrgs(strings.TrimSuffix(p, "关于"))) > 0
}

// stripPeriod drops the years and status that close a normalized title.
func stripPeriod(s string) string {
	return strings.TrimRightFunc(s, func(r rune) bool {
		return strings.ContainsRune("0123456789年试行暂征求意见稿草案修订版", r)
	})
}

// periodish reports what may follow a plan's name: its years or status.
func periodish(s string) bool {
	for _, r := range s {
		if !strings.ContainsRune("0123456789年试行暂征求意见稿草案修订版", r) {
			return false
		}
	}
	return true
}

// normTitle reduces a title to compare copies of it: no spacing, quotes,
// brackets, Markdown or 的.
func normTitle(s string) string {
	var b strings.Builder
	for _, r := range dateText(s) {
		if strings.ContainsRune(" \t*#《》<>〈〉«»“”\"'‘’「」（）()的—–－-", r) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// bodyTitle finds the first title line of the body, joining the lines a
// long title wraps onto. The search ends at the salutation of a speech
// (各位代表：) or the first numbered heading: a title stands above both.
func (m *meta) bodyTitle(text []rune, lines []line) (string, int, int) {
	str := func(i int) string { return m.strs.at(i) }
	crumb, crumbLine := "", -1
	crumbs := map[string]bool{}
	var first found
	for i := m.bodyStart; i < min(len(lines), m.bodyStart+40); i++ {
		if m.furniture[i] {
			continue
		}
		s := str(i)
		if mm := reReleased.FindStringSubmatch(s); mm != nil {
			return mm[1], -1, -1
		}
		if salutation(s) || startsWithMarker(s) {
			break
		}
		if hasAnyRune(s, ">＞»") {
			// A breadcrumb whose last part is long may be the page's title.
			parts := strings.FieldsFunc(s, func(r rune) bool { return r == '>' || r == '＞' || r == '»' })
			if len(parts) == 0 {
				continue
			}
			for _, p := range parts {
				crumbs[strings.TrimSpace(p)] = true
			}
			last := strings.TrimSpace(parts[len(parts)-1])
			if len(parts) >= 2 && crumb == "" && runeCount(last) >= 8 && !strings.Contains(parts[0], "|") {
				crumb, crumbLine = last, i
			}
			continue
		}
		// 政策解读 | 福建省全民健身实施计划(2021-2025年): a channel's tag
		// before the title.
		if k := lastBar(s); k >= 0 {
			_, w := utf8.DecodeRuneInString(s[k:])
			if last := strings.TrimSpace(s[k+w:]); fullTitle(last) {
				return last, i, i + 1
			}
		}
		if !titleStart(s) || crumbs[s] || !hasHan(s, 2) || pageLine(s) {
			continue
		}
		// A line that is no title itself (a banner, a channel's name) above
		// one that opens with 关于 is not the title's first line; an
		// issuer's name is (青溪市人民政府 / 关于印发…).
		if !titleDone(s) && !orgLine(s) && !strings.HasPrefix(s, "关于") && aboutBelow(m, lines, i) {
			continue
		}
		// A channel's short name (政策前沿) above a complete title.
		if runeCount(s) <= 6 && !titleDone(s) && !orgLine(s) && !strings.HasPrefix(s, "关于") && i+1 < len(lines) && fullTitle(str(i+1)) {
			continue
		}
		t, end := m.joinTitle(text, lines, i)
		n := runeCount(t)
		if n < 6 && !(n >= 4 && kindSuffix(t) != "") || n > 150 {
			continue
		}
		if orgLine(t) && !strings.Contains(t, "关于") {
			continue // the issuer above a title, or a signature
		}
		// A line that names no kind of document (a site's banner, a cut
		// heading) gives way to a complete title a few lines below it.
		if !titleDone(t) && !first.ok {
			first = found{t, i, end, true}
			continue
		}
		if first.ok && !fullTitle(t) {
			continue
		}
		return t, i, end
	}
	if first.ok {
		return first.t, first.i, first.end
	}
	return crumb, crumbLine, crumbLine + 1
}

// aboutBelow reports a line opening with 关于 among the three after line i.
func aboutBelow(m *meta, lines []line, i int) bool {
	for k := i + 1; k < len(lines) && k <= i+3; k++ {
		if strings.HasPrefix(m.strs.at(k), "关于") {
			return true
		}
	}
	return false
}

// fullTitle reports a complete title that names its subject, not a
// subheading (五年行动计划): long, with 关于, a year or a place in it.
func fullTitle(t string) bool {
	return titleDone(t) && runeCount(t) >= 10 && (strings.Contains(t, "关于") || reTitleYear.MatchString(t) || strings.ContainsAny(t, "省市县区州盟旗"))
}

// found is a title line bodyTitle keeps while it looks for a better one.
type found struct {
	t      string
	i, end int
	ok     bool
}

// titleStart reports a line that can open a title: short, not prose, not
// a date, byline, document number or metadata row.
func titleStart(s string) bool {
	n := runeCount(s)
	if n < 2 || n > 120 || sentenceLike(s) || isByline(s) || standaloneDate(s) != "" || deliveredDate(s) != "" {
		return false
	}
	// The patterns run only on lines holding a character they require
	// (号, 月, a leading 附): most candidate lines hold none.
	if strings.Contains(s, "|") || strings.Contains(s, "号") && reDocNumber.MatchString(squeezeDigits(s)) || labelLine(s) ||
		strings.Contains(s, "月") && reDateline.MatchString(s) {
		return false
	}
	if strings.HasPrefix(s, "来源") || strings.HasPrefix(s, "信息来源") || strings.HasPrefix(s, "—") || strings.HasPrefix(s, "-") ||
		strings.HasPrefix(s, "附") && reAttachment.MatchString(s) || reDocNumStart.MatchString(squeezeDigits(s)) || dateFragment(s) {
		return false
	}
	// A posting's time of day (2021-07-27 17:55:08) marks a site's line.
	if strings.Count(s, ":") >= 1 && reClock.MatchString(s) {
		return false
	}
	// A line wholly in one pair of brackets is a note, not (湖北省)…(全文).
	return !((strings.HasPrefix(s, "（") && strings.HasSuffix(s, "）") || strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")")) &&
		strings.Count(s, "（")+strings.Count(s, "(") == 1)
}

// reClock is a time of day written with colons.
var reClock = regexp.MustCompile(`\d{1,2}:\d{2}(?::\d{2})?`)

// joinTitle returns the title starting on line i and the index after its
// last line. PDF layout wraps a long title (…关于印发广东省发展绿色金融 /
// 支持碳达峰行动实施方案的通知): lines are joined only when the result ends
// in a genre word with its brackets closed, so a headline is never run
// into its subtitle.
func (m *meta) joinTitle(text []rune, lines []line, i int) (string, int) {
	str := func(k int) string { return m.strs.at(k) }
	best, end := str(i), i+1
	if !titleDone(best) {
		cur := best
		for k := i + 1; k < len(lines) && k <= i+4; k++ {
			next := str(k)
			if m.furniture[k] || !joinable(next) {
				break
			}
			cur += next
			if runeCount(cur) > 150 {
				break
			}
			if titleDone(cur) {
				best, end = cur, k+1
				break
			}
		}
	}
	// 上海市…三年行动计划 / （2021-2023年）, the years perhaps split too.
	if kindSuffix(best) != "" && end < len(lines) {
		next, n := str(end), 1
		if !balanced(next) && end+1 < len(lines) && runeCount(str(end+1)) <= 6 {
			next, n = next+str(end+1), 2
		}
		if rePeriodLn.MatchString(squeezeDigits(next)) {
			best += next
			end += n
		}
	}
	return best, end
}

// titleDone reports a title that ends in a genre word with its brackets
// and quotes closed. A notice that prints a plan (…关于印发X规划) goes on
// to 的通知.
func titleDone(s string) bool {
	if (strings.Contains(s, "印发") || strings.Contains(s, "转发")) && !strings.HasSuffix(s, "通知") && !strings.HasSuffix(s, "》") {
		return false
	}
	return kindSuffix(s) != "" && balanced(s)
}

// dateFragment reports a piece of a date that PDF layout split over lines
// (年6, 月24, 日).
func dateFragment(s string) bool {
	return runeCount(s) <= 8 && strings.Trim(s, "0123456789年月日 ") == ""
}

func balanced(s string) bool {
	return strings.Count(s, "《") == strings.Count(s, "》") && strings.Count(s, "（")+strings.Count(s, "(") == strings.Count(s, "）")+strings.Count(s, ")") &&
		strings.Count(s, "“") == strings.Count(s, "”")
}

// joinable reports a line that can continue a wrapped title.
func joinable(s string) bool {
	n := runeCount(s)
	if n == 0 || n > 40 || sentenceLike(s) || hasAnyRune(s, "，。；") || startsWithMarker(s) {
		return false
	}
	if signatureDate(s) != "" || deliveredDate(s) != "" || reDocNumber.MatchString(squeezeDigits(s)) || labelLine(s) || salutation(s) {
		return false
	}
	if dateFragment(s) || reAttachment.MatchString(s) || orgLine(s) {
		return false
	}
	if pageLine(s) || hasAnyRune(s, ",;") {
		return false
	}
	return !strings.HasPrefix(s, "各")
}

// pageLine reports a breadcrumb, a row of tabs, a counter or a price:
// the page's line, not the title's (首页 > 政策前沿, 90 人阅读 2022-05-22 9.00元).
func pageLine(s string) bool {
	return hasAnyRune(s, ">＞»|｜") || strings.Contains(s, "【切换】") || reISODate.MatchString(s) || containsAny(s, widgetSet) || strings.Contains(s, "阅读")
}

// reISODate is a date written with dashes (2022-05-22).
var reISODate = regexp.MustCompile(`(?:19|20)\d{2}-\d{1,2}-\d{1,2}`)

// salutation reports the opening of a speech or a notice's addressees:
// 各位代表：, 同志们：, 各区人民政府，市政府各委、办、局：.
func salutation(s string) bool {
	for _, w := range []string{"各位代表", "同志们", "各位委员", "代表们", "各位同志"} {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return strings.HasPrefix(s, "各") && (strings.HasSuffix(s, "：") || strings.HasSuffix(s, ":"))
}

func cleanHint(s string) string {
	for _, sep := range []string{"_", "|", " - ", "－", "—"} {
		if i := strings.Index(s, sep); i > 0 {
			s = s[:i]
		}
	}
	return strings.TrimSpace(s)
}

// isByline reports author lines (王盛洪 徐仲利 徐欢), sources and dates.
func isByline(s string) bool {
	// Every title reOfficial knows has one of 长主记理员; most lines have
	// none, and the pattern, anchored at the end only, is tried from every
	// rune of them.
	if len(s) <= 90 && hasAnyRune(s, "长主记理员") && reOfficial.MatchString(s) {
		return true
	}
	for _, p := range []string{"来源", "作者", "记者", "发布日期", "发布时间", "字号", "浏览次数", "责任编辑", "编辑", "日期", "首页"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	fields := strings.Fields(s)
	if len(fields) >= 2 {
		short := true
		for _, f := range fields {
			if n := len([]rune(f)); n < 2 || n > 4 {
				short = false
			}
		}
		if short {
			return true
		}
	}
	return false
}

// labelLine reports a metadata row such as 索引号：… or 发布机构：…, but
// not a headline that opens with a place and a colon (南浔区：以…为抓手).
func labelLine(s string) bool {
	if strings.Contains(s, "\t") {
		return true
	}
	i := strings.IndexAny(s, "：:")
	if i < 0 || runeCount(s[:i]) > 8 {
		return false
	}
	label := strings.Join(strings.Fields(s[:i]), "")
	return metaLabels[label] || chromeLabels[label]
}

var metaLabels = map[string]bool{
	"索引号": true, "主题分类": true, "分类": true, "发文机关": true, "发布机构": true, "成文日期": true, "发布日期": true,
	"发布时间": true, "标题": true, "名称": true, "文号": true, "发文字号": true, "主题词": true, "来源": true,
	"信息来源": true, "作者": true, "时间": true, "日期": true, "浏览次数": true, "字号": true, "责任编辑": true,
	"编辑": true, "有效性": true, "生效日期": true, "废止日期": true, "关键词": true, "体裁": true, "公开方式": true,
}

// tidyTitle drops Markdown marks and the spaces that typesetting puts
// between the characters of a short title (政 府 工 作 报 告) or that PDF
// layout leaves beside digits and brackets, keeping one space between two
// phrases (中共中央 国务院关于…).
func tidyTitle(s string) string {
	s = strings.TrimSpace(reMdHash.ReplaceAllString(s, ""))
	s = strings.TrimSpace(strings.ReplaceAll(s, "**", ""))
	// 《…实施细则》 set alone as a title: the marks quote, the name is inside.
	if strings.HasPrefix(s, "《") && strings.HasSuffix(s, "》") && strings.Count(s, "《") == 1 {
		s = strings.TrimSuffix(strings.TrimPrefix(s, "《"), "》")
	}
	s = squeezeDigits(s)
	r := []rune(s)
	tight := func(c rune) bool {
		return strings.ContainsRune("《》“”（）()、〔〕—–－", c) || c >= '0' && c <= '9'
	}
	var b strings.Builder
	for i, c := range r {
		if c == ' ' && i > 0 && i+1 < len(r) {
			prev, next := r[i-1], r[i+1]
			if prev == ' ' || tight(prev) || tight(next) {
				continue
			}
			if isHan(prev) && isHan(next) && (i >= 2 && r[i-2] == ' ' || i+2 < len(r) && r[i+2] == ' ') {
				continue // letter spacing
			}
		}
		b.WriteRune(c)
	}
	return strings.TrimSpace(b.String())
}

// reSentPlan finds the plan a notice sends when the notice prints no title
// line: 现将《X》印发给你们, 《X》已经市政府同意，现印发给你们.
// Its short name in brackets ((以下简称《方案》)) may follow the title.
var reSentPlan = regexp.MustCompile(`《([^《》]{4,80})》(?:[（(]以下简称[《“]?[^《》()（）]{1,12}[》”]?[)）])?[^。《》]{0,50}?印发给你们`)

// releasedTitle is the name of the plan a titleless notice sends, taken
// from the notice's words; a bracket left holding only a number (PDF
// layout lost the rest of the years) is dropped.
func (m *meta) releasedTitle(text []rune, lines []line) string {
	var b strings.Builder
	for i := m.bodyStart; i < min(len(lines), m.bodyStart+30); i++ {
		if !m.furniture[i] {
			b.WriteString(m.strs.at(i))
		}
	}
	mm := reSentPlan.FindStringSubmatch(b.String())
	if mm == nil {
		return ""
	}
	t := tidyTitle(mm[1])
	if i := strings.LastIndexAny(t, "（("); i > 0 && strings.Trim(t[i:], "（()）0123456789 ") == "" {
		t = strings.TrimSpace(t[:i])
	}
	return t
}

// lastBar is the index of the last '|' or '｜' in s, or -1. LastIndexAny
// decodes every rune of s against the set; the two bytes searches do not.
func lastBar(s string) int {
	return max(strings.LastIndexByte(s, '|'), strings.LastIndex(s, "｜"))
}
