package extract

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// meta holds the document fields: title, kind, issuers, dates.
type meta struct {
	title     string
	titleLine int // index of the title line, -1 when taken from elsewhere
	kind      string
	issuers   []string
	issued    string
	docNumber string
	period    *Period
	year      int // the year the document speaks from, 0 when unknown
}

var (
	reDocNumber = regexp.MustCompile(`([\p{Han}A-Za-z]{1,14})\s*[〔\[［（(【]\s*((?:19|20)\d{2})\s*[〕\]］）)】]\s*(\d{1,4})\s*号`)
	reDate      = regexp.MustCompile(`((?:19|20)\d{2})\s*[年\-./]\s*(\d{1,2})\s*[月\-./]\s*(\d{1,2})\s*日?`)
	reDateLabel = regexp.MustCompile(`(发布日期|发布时间|成文日期|印发日期|发文日期|日期|时间)\s*[:：]?\s*$`)
	reRange     = regexp.MustCompile(`((?:19|20)\d{2})\s*[-—–~～至到]\s*((?:19|20)\d{2})\s*年?`)
	reWrapped   = regexp.MustCompile(`关于(?:印发|转发|公布|发布)?[《<〈](.+?)[》>〉]`)
	reWrapped3  = regexp.MustCompile(`(?:印发|转发)[《<〈](.+?)[》>〉]`)
	reWrapped2  = regexp.MustCompile(`关于(?:印发|转发|公布|发布)(.{4,60}?)的通知`)
	reTitleLbl  = regexp.MustCompile(`^(?:标\s*题|名\s*称|文件名称|文章标题)\s*[:：]\s*(.{4,120})$`)
	reFiveYear  = regexp.MustCompile(`[“"]?十([一二三四五六七八九])五[”"]?`)
	reTitleYear = regexp.MustCompile(`((?:19|20)\d{2})\s*年`)
)

// kinds maps title endings to the document kind, most specific first.
var kinds = []struct{ suffix, kind string }{
	{"行动计划", "行动计划"}, {"行动方案", "行动方案"}, {"实施方案", "实施方案"}, {"工作方案", "工作方案"},
	{"规划纲要", "规划纲要"}, {"规划", "规划"}, {"实施意见", "意见"}, {"指导意见", "意见"}, {"意见", "意见"},
	{"若干措施", "措施"}, {"措施", "措施"}, {"办法", "办法"}, {"细则", "细则"}, {"政府工作报告", "政府工作报告"},
	{"工作报告", "报告"}, {"报告", "报告"}, {"纲要", "纲要"}, {"决定", "决定"}, {"通知", "通知"}, {"方案", "方案"},
	{"计划", "计划"}, {"条例", "条例"}, {"规定", "规定"}, {"公告", "公告"}, {"批复", "批复"}, {"函", "函"},
}

var orgSuffixes = []string{
	"人民政府办公厅", "人民政府办公室", "人民政府", "委员会办公室", "委员会", "办公厅", "办公室", "委员会", "局", "厅",
	"委", "部", "署", "院", "中心", "小组", "政府", "党委", "市委", "区委", "县委", "省委", "办",
}

// readMeta reads the title and the document fields from the first and last
// lines, where official documents put them.
func readMeta(text []rune, lines []line, hint string) meta {
	m := meta{titleLine: -1}
	head := min(len(lines), 40)
	str := func(l line) string { return string(text[l.start:l.end]) }

	// A metadata table's 标题/名称 row names the document.
	labelled := ""
	short := func(i int) bool { return lines[i].end-lines[i].start <= 150 }
	for i := 0; i < head && labelled == ""; i++ {
		if !short(i) || !strings.ContainsAny(str(lines[i]), "：:") {
			continue
		}
		if mm := reTitleLbl.FindStringSubmatch(strings.TrimSpace(str(lines[i]))); mm != nil {
			labelled = strings.TrimSpace(strings.SplitN(mm[1], "\t", 2)[0])
		}
	}
	// 关于印发《X》的通知: the plan's own title is the document's title.
	for i := 0; i < head; i++ {
		if labelled == "" && !short(i) {
			continue
		}
		s := str(lines[i])
		if labelled != "" {
			s = labelled
		}
		if !strings.Contains(s, "印发") && !strings.Contains(s, "转发") && !strings.Contains(s, "关于") && !strings.Contains(s, "公布") && !strings.Contains(s, "发布") {
			if labelled != "" {
				m.title = labelled
				break
			}
			continue
		}
		if len([]rune(s)) > 120 {
			continue
		}
		if mm := reWrapped.FindStringSubmatch(s); mm != nil && strings.Contains(s, "通知") && !sentenceLike(s) {
			m.title = strings.TrimSpace(mm[1])
			m.titleLine = i
			if labelled != "" {
				m.titleLine = -1
			}
			if k := strings.Index(s, "关于"); k > 0 {
				m.issuers = splitOrgs(s[:k])
			}
			break
		}
		if mm := reWrapped3.FindStringSubmatch(s); mm != nil && !sentenceLike(s) && len([]rune(s)) <= 100 {
			m.title = strings.TrimSpace(mm[1])
			if labelled == "" {
				m.titleLine = i
			}
			break
		}
		if mm := reWrapped2.FindStringSubmatch(s); mm != nil && !sentenceLike(s) && len([]rune(s)) <= 80 {
			m.title = strings.TrimSpace(mm[1])
			if labelled == "" {
				m.titleLine = i
			}
			if k := strings.Index(s, "关于"); k > 0 {
				m.issuers = splitOrgs(s[:k])
			}
			break
		}
		if labelled != "" {
			m.title = labelled
			break
		}
	}
	if m.title == "" {
		m.title, m.titleLine = pickTitle(text, lines, head)
	}
	if m.title == "" && hint != "" {
		m.title = cleanHint(hint)
	}
	// Document number, date and issuers near the top or the bottom.
	scan := func(i int) {
		if !short(i) {
			return
		}
		s := str(lines[i])
		if m.docNumber == "" && len([]rune(s)) < 60 && strings.Contains(s, "号") {
			if mm := reDocNumber.FindStringSubmatch(s); mm != nil && !strings.Contains(s, "《") {
				m.docNumber = mm[1] + "〔" + mm[2] + "〕" + strings.TrimLeft(mm[3], "0") + "号"
			}
		}
		if m.issued == "" {
			if d := standaloneDate(s); d != "" {
				m.issued = d
				if len(m.issuers) == 0 && i > 0 {
					if orgs := splitOrgs(str(lines[i-1])); len(orgs) > 0 {
						m.issuers = orgs
					}
				}
			}
		}
	}
	for i := 0; i < head; i++ {
		scan(i)
	}
	for i := max(head, len(lines)-12); i < len(lines); i++ {
		scan(i)
	}
	m.title = tidyTitle(m.title)
	m.kind = kindOf(m.title, text)
	m.period = periodOf(m.title, text, lines)
	switch {
	case m.issued != "":
		m.year, _ = strconv.Atoi(m.issued[:4])
	case m.docNumber != "":
		if mm := reDocNumber.FindStringSubmatch(m.docNumber); mm != nil {
			m.year, _ = strconv.Atoi(mm[2])
		}
	default:
		if mm := reTitleYear.FindStringSubmatch(m.title); mm != nil && !reRange.MatchString(m.title) {
			m.year, _ = strconv.Atoi(mm[1])
		} else if d := firstDate(text, lines); d != 0 {
			m.year = d
		} else if m.period != nil {
			m.year = m.period.Start
		}
	}
	return m
}

func (m meta) apply(r *Result) {
	r.Title = m.title
	r.Kind = m.kind
	r.Issuers = m.issuers
	if m.issued != "" {
		s := m.issued
		r.Issued = &s
	}
	if m.docNumber != "" {
		s := m.docNumber
		r.DocNumber = &s
	}
	r.Period = m.period
}

// sentenceLike reports text that reads as body prose rather than a heading.
func sentenceLike(s string) bool {
	s = strings.TrimSpace(s)
	if strings.HasSuffix(s, "。") || strings.HasSuffix(s, "；") || strings.HasSuffix(s, "：") || strings.HasSuffix(s, ":") {
		return true
	}
	return strings.Count(s, "，")+strings.Count(s, ",") >= 3
}

// pickTitle takes the first line near the top that looks like a title:
// short, no closing punctuation, not a date, byline or breadcrumb.
func pickTitle(text []rune, lines []line, head int) (string, int) {
	crumbs := map[string]bool{}
	for i := 0; i < head; i++ {
		s := string(text[lines[i].start:lines[i].end])
		if strings.Count(s, ">") >= 1 || strings.Count(s, "＞") >= 1 || strings.Count(s, "»") >= 1 {
			parts := strings.FieldsFunc(s, func(r rune) bool { return r == '>' || r == '＞' || r == '»' })
			for _, p := range parts {
				crumbs[strings.TrimSpace(p)] = true
			}
		}
	}
	best, bestLine := "", -1
	for i := 0; i < head; i++ {
		s := strings.TrimSpace(string(text[lines[i].start:lines[i].end]))
		n := len([]rune(s))
		if strings.ContainsAny(s, ">＞»") {
			// A breadcrumb whose last part is long is the page's own title.
			parts := strings.FieldsFunc(s, func(r rune) bool { return r == '>' || r == '＞' || r == '»' })
			if len(parts) < 2 {
				continue
			}
			last := strings.TrimSpace(parts[len(parts)-1])
			if len([]rune(last)) >= 8 && !strings.Contains(parts[0], "|") {
				if best == "" {
					best, bestLine = last, i
				}
			}
			continue
		}
		if n < 6 || n > 80 || sentenceLike(s) || isByline(s) || standaloneDate(s) != "" || strings.Contains(s, "|") {
			continue
		}
		if crumbs[s] || reDocNumber.MatchString(s) || labelLine(s) || strings.HasPrefix(s, "来源") || strings.HasPrefix(s, "信息来源") {
			continue
		}
		if startsWithMarker(s) {
			break
		}
		if strings.HasPrefix(s, "—") || strings.HasPrefix(s, "-") || strings.HasPrefix(s, "（") && strings.HasSuffix(s, "）") {
			continue
		}
		if best != "" {
			break
		}
		best, bestLine = s, i
		break
	}
	return best, bestLine
}

func cleanHint(s string) string {
	for _, sep := range []string{"_", "|", " - ", "－", "—"} {
		if i := strings.Index(s, sep); i > 0 {
			s = s[:i]
		}
	}
	return strings.TrimSpace(s)
}

var reOfficial = regexp.MustCompile(`(区长|市长|省长|县长|主任|书记|局长|厅长|主席|记者|通讯员)\s*[\p{Han}·]{2,4}$`)

// isByline reports author lines (王盛洪 徐仲利 徐欢), sources and dates.
func isByline(s string) bool {
	if len(s) <= 90 && strings.ContainsAny(s, "长任记员席") && reOfficial.MatchString(s) {
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

// standaloneDate returns YYYY-MM-DD when the line is a date alone, or a
// labelled publication date such as 发布日期：2020-11-30.
func standaloneDate(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 120 || !strings.ContainsAny(s, "0123456789") {
		return ""
	}
	loc := reDate.FindStringSubmatchIndex(s)
	if loc == nil {
		return ""
	}
	rest := strings.TrimSpace(s[loc[1]:])
	prefix := strings.TrimSpace(s[:loc[0]])
	alone := prefix == "" && (rest == "" || strings.HasPrefix(rest, "印发") || strings.HasPrefix(rest, "发布"))
	if !alone && !reDateLabel.MatchString(prefix) {
		return ""
	}
	y, _ := strconv.Atoi(s[loc[2]:loc[3]])
	mo, _ := strconv.Atoi(s[loc[4]:loc[5]])
	d, _ := strconv.Atoi(s[loc[6]:loc[7]])
	if mo < 1 || mo > 12 || d < 1 || d > 31 {
		return ""
	}
	return strconv.Itoa(y) + "-" + pad2(mo) + "-" + pad2(d)
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// splitOrgs reads a line of issuing bodies separated by spaces.
func splitOrgs(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\u3000' || r == '、' || r == '，' }) {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		ok := false
		for _, suf := range orgSuffixes {
			if strings.HasSuffix(f, suf) {
				ok = true
				break
			}
		}
		if !ok || len([]rune(f)) > 30 {
			return nil
		}
		out = append(out, f)
	}
	return out
}

func kindOf(title string, text []rune) string {
	t := strings.TrimRight(title, ")）0123456789-— （(年")
	t = reRange.ReplaceAllString(t, "")
	t = strings.TrimRight(t, "()（） ")
	for _, k := range kinds {
		if strings.HasSuffix(t, k.suffix) {
			return k.kind
		}
	}
	head, tail := text[:min(len(text), 1500)], text[max(0, len(text)-600):]
	if newsWords.inRunes(head) || newsWords.inRunes(tail) {
		return "新闻"
	}
	return "文章"
}

var newsWords = newWordSet("记者", "本报", "新闻", "通讯员")

// periodOf reads the plan's years: (2020-2025) in the title, 十四五, or a
// range near the top.
func periodOf(title string, text []rune, lines []line) *Period {
	if mm := reRange.FindStringSubmatch(title); mm != nil {
		a, _ := strconv.Atoi(mm[1])
		b, _ := strconv.Atoi(mm[2])
		if b >= a {
			return &Period{a, b}
		}
	}
	if mm := reFiveYear.FindStringSubmatch(title); mm != nil {
		// 十四五 is the 14th five-year plan. The 3rd began in 1966 after the
		// 1963-65 adjustment years, and each since has followed the last.
		n := 10 + int(chineseDigits[[]rune(mm[1])[0]])
		start := 1966 + (n-3)*5
		return &Period{start, start + 4}
	}
	for i := 0; i < min(len(lines), 15); i++ {
		s := string(text[lines[i].start:lines[i].end])
		if len([]rune(s)) > 60 || !strings.ContainsAny(s, "-—–~～至到") {
			continue
		}
		if mm := reRange.FindStringSubmatch(s); mm != nil {
			a, _ := strconv.Atoi(mm[1])
			b, _ := strconv.Atoi(mm[2])
			if b >= a && b-a <= 30 {
				return &Period{a, b}
			}
		}
	}
	return nil
}

// labelLine reports a metadata row such as 索引号：… or 发布机构：…, but
// not a headline that opens with a place and a colon (南浔区：以…为抓手).
func labelLine(s string) bool {
	if strings.Contains(s, "\t") {
		return true
	}
	i := strings.IndexAny(s, "：:")
	if i < 0 || utf8.RuneCountInString(s[:i]) > 8 {
		return false
	}
	label := strings.Join(strings.Fields(s[:i]), "")
	return metaLabels[label]
}

var metaLabels = map[string]bool{
	"索引号": true, "主题分类": true, "分类": true, "发文机关": true, "发布机构": true, "成文日期": true, "发布日期": true,
	"发布时间": true, "标题": true, "名称": true, "文号": true, "发文字号": true, "主题词": true, "来源": true,
	"信息来源": true, "作者": true, "时间": true, "日期": true, "浏览次数": true, "字号": true, "责任编辑": true,
	"编辑": true, "有效性": true, "生效日期": true, "废止日期": true, "关键词": true, "体裁": true, "公开方式": true,
}

// firstDate is the year of the first full date near the top, such as the
// meeting date under a work report's title.
func firstDate(text []rune, lines []line) int {
	for i := 0; i < min(len(lines), 15); i++ {
		s := string(text[lines[i].start:lines[i].end])
		if len([]rune(s)) > 80 || !strings.Contains(s, "年") {
			continue
		}
		if mm := reDate.FindStringSubmatch(s); mm != nil {
			y, _ := strconv.Atoi(mm[1])
			return y
		}
	}
	return 0
}

// tidyTitle drops Markdown hashes and the spaces that typesetting puts
// between the characters of a short title (政 府 工 作 报 告).
func tidyTitle(s string) string {
	s = strings.TrimSpace(reMdHash.ReplaceAllString(s, ""))
	r := []rune(s)
	var b strings.Builder
	for i, c := range r {
		if c == ' ' && i > 0 && i+1 < len(r) && isHan(r[i-1]) && isHan(r[i+1]) {
			// Keep a single space between two phrases, drop letter spacing.
			if !(i >= 2 && r[i-2] == ' ') && !(i+2 < len(r) && r[i+2] == ' ') {
				b.WriteRune(c)
			}
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}
