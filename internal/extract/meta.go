package extract

import (
	"regexp"
	"strconv"
	"strings"
)

// meta holds the document fields: title, kind, issuers, dates, and the
// lines that are not the document's body.
type meta struct {
	title     string
	titleLine int // first line of the title, -1 when taken from elsewhere
	titleEnd  int // index after the title's last line (titles wrap in PDFs)
	kind      string
	issuers   []string
	issued    string
	docNumber string
	period    *Period
	year      int          // the year the document speaks from, 0 when unknown
	furniture map[int]bool // indexes of lines that are page chrome
	bodyStart int          // index of the first line after the front matter
	national  bool         // issued by the State Council or to the national congress
	venue     string       // the line naming the congress a report is delivered to
	strs      *lineCache   // the lines as trimmed strings, made once
}

// lineCache gives each line of a text as a trimmed string: the metadata
// passes read the head and foot of a text many times. The strings are
// slices of the source's one string, so they cost no conversion.
type lineCache struct {
	src   *source
	lines []line
}

func newLineCache(text []rune, lines []line) *lineCache {
	return &lineCache{src: newSource(text), lines: lines}
}

// at is line i, trimmed.
func (c *lineCache) at(i int) string {
	return strings.TrimSpace(c.src.str(c.lines[i].start, c.lines[i].end))
}

var (
	reDocNumber  = regexp.MustCompile(`([\p{Han}A-Za-z]{1,14})\s*[〔\[［（(【„]\s*((?:19|20)\d{2})\s*[〕\]］）)】‟]\s*(\d{1,4})\s*号`)
	reRange      = regexp.MustCompile(`((?:19|20)\d{2})\s*[-—–~～至到－]\s*((?:19|20)\d{2})\s*年?`)
	reFiveYear   = regexp.MustCompile(`[“"]?十([一二三四五六七八九])五[”"]?`)
	reTitleYear  = regexp.MustCompile(`((?:19|20)\d{2})\s*年`)
	reYearList   = regexp.MustCompile(`((?:19|20)\d{2})\s*[、和及]\s*((?:19|20)\d{2})\s*年`)
	reFYPOrdinal = regexp.MustCompile(`第([一二三四五六七八九十]{1,3})个五年(?:计划|规划)`)
	reYearsN     = regexp.MustCompile(`([三五])年(?:行动|攻坚|计划|规划)`)
	rePlanTerm   = regexp.MustCompile(`(?:规划期|实施期|期限|规划期限|实施期限|时间跨度)(?:为|是|：|:)?\s*((?:19|20)\d{2})\s*[-—–~～至到－]\s*((?:19|20)\d{2})\s*年`)
)

// kinds maps title endings to the document kind, most specific first.
var kinds = []struct{ suffix, kind string }{
	{"行动计划", "行动计划"}, {"行动计画", "行动计划"}, {"行动方案", "行动方案"}, {"实施方案", "实施方案"}, {"工作方案", "工作方案"},
	{"规划纲要", "规划纲要"}, {"规划", "规划"}, {"实施意见", "意见"}, {"指导意见", "意见"}, {"意见", "意见"},
	{"若干措施", "措施"}, {"措施", "措施"}, {"办法", "办法"}, {"细则", "细则"}, {"政府工作报告", "政府工作报告"},
	{"工作要点", "工作要点"}, {"工作报告", "报告"}, {"报告", "报告"}, {"纲要", "纲要"}, {"决定", "决定"}, {"通知", "通知"},
	{"方案", "方案"}, {"计划", "计划"}, {"计画", "计划"}, {"任务清单", "任务清单"}, {"工作清单", "任务清单"}, {"责任清单", "任务清单"},
	{"分解表", "任务清单"}, {"分工表", "任务清单"}, {"任务分解", "任务清单"}, {"责任分解", "任务清单"}, {"工作安排", "工作安排"}, {"目标任务", "工作安排"}, {"重点工作任务", "任务清单"}, {"重点任务", "任务清单"}, {"责任分工", "任务清单"}, {"任务分工", "任务清单"}, {"工作分工", "任务清单"}, {"政策举措", "措施"}, {"若干举措", "措施"}, {"任务表", "任务清单"}, {"台账", "任务清单"}, {"条例", "条例"}, {"规定", "规定"}, {"公告", "公告"}, {"批复", "批复"}, {"函", "函"},
}

var orgSuffixes = []string{
	"人民政府办公厅", "人民政府办公室", "人民政府", "委员会办公室", "委员会", "办公厅", "办公室", "局", "厅",
	"委", "部", "署", "院", "中心", "小组", "政府", "党委", "市委", "区委", "县委", "省委", "办", "中共中央",
}

// readMeta reads the document fields: front matter first, then the title,
// issuers and dates from the first and last lines, where official
// documents put them, and from the page's metadata rows.
func readMeta(text []rune, lines []line, hint string) meta {
	return readMetaFrom(newLineCache(text, lines), hint)
}

// readMetaFrom is readMeta on lines whose source is already made.
func readMetaFrom(strs *lineCache, hint string) meta {
	text, lines := strs.src.text, strs.lines
	m := meta{titleLine: -1, titleEnd: -1, strs: strs}
	fm := readFrontMatter(text, lines)
	m.bodyStart = fm.end
	m.furniture = furnitureLines(text, lines, m.bodyStart, m.strs.at)
	table := m.tableFields(text, lines)

	m.findTitle(text, lines, fm, table)
	report := m.workReport(text, lines)
	titled := m.title != ""
	if !titled && report {
		m.title = ownReportTitle(m.strs, m.bodyStart) // 关于…的报告, else 政府工作报告 once the year is known
	}
	if m.title == "" && !report {
		m.title = m.releasedTitle(text, lines)
	}
	if m.title == "" && !report && hint != "" {
		m.title = cleanHint(hint)
	}
	m.title = tidyTitle(m.title)

	// Dates: the document's own first, then its metadata, then a posting
	// date, which only a news article may take as its own.
	d := &dating{rank: rankNone}
	sigIssuers := m.ownDates(d, text, lines)
	d.offer(table.written, rankWritten)
	d.offer(fm.written, rankWritten)
	m.docNumber = firstNonEmpty(table.docNumber, fm.docNumber, m.findDocNumber(text, lines))
	if d.rank == rankNone && d.masked {
		// A signature whose year was lost: the document number's year.
		if y := docNumberYear(m.docNumber); y != 0 {
			d.offer(ymd(y, d.maskedMD[0], d.maskedMD[1]), rankOwn)
		}
	}
	d.offer(fm.published, rankFront)
	m.kind = kindOf(m.title, text)
	if report {
		m.kind = "政府工作报告"
	} else if fm.kind != "" && m.kind == "文章" {
		m.kind = fm.kind
	}
	posted := m.postedDate(text, lines, table)
	if (m.kind == "新闻" || m.kind == "文章") && !d.masked {
		d.offer(posted, rankPosted)
	}
	m.issued = d.best

	// Issuers: the signature, the notice's title, the metadata.
	if len(sigIssuers) > 0 {
		m.issuers = sigIssuers
	}
	for _, s := range []string{table.issuer, fm.issuer} {
		if len(m.issuers) == 0 && s != "" {
			m.issuers = splitOrgs(s)
		}
	}
	if report && len(m.issuers) == 0 {
		m.issuers = reportIssuer(text, lines, m)
	}

	m.year = m.yearOf(text, lines, report, posted)
	if report && m.title == "" {
		m.title = "政府工作报告"
		if m.year != 0 {
			m.title = strconv.Itoa(m.year) + "年政府工作报告"
		}
	}
	if report {
		m.period = periodOf(m.title, nil, 0) // the years a report's title names, else its year
	} else {
		m.period = periodOf(m.title, m.strs, m.bodyStart)
	}
	if m.year == 0 && m.period != nil && !report {
		m.year = m.period.Start // an undated plan speaks from its first year
	}
	// A 2021–2025 plan issued in 2022 still reviews the five years to 2020:
	// a plan speaks from its first year, however late it was printed.
	if !report && m.period != nil && m.period.End > m.period.Start && m.period.Start < m.year {
		m.year = m.period.Start
	}
	switch {
	case report && m.year != 0 && m.period == nil:
		m.period = &Period{m.year, m.year}
	case m.period == nil:
		m.period = m.impliedPeriod()
	}
	if m.period == nil && !report {
		m.period = validityPeriod(m.strs, m.year)
	}
	// 现对2024年…工作作出如下安排 opening an untitled text: its plan is
	// that year's.
	if m.period == nil && !report {
		if y := arrangedYear(text); y != 0 {
			m.period = &Period{y, y}
		}
	}
	return m
}

var (
	reInForceIssued = regexp.MustCompile(`自(?:印发|发布|公布)之日起(?:施行|实施|执行)`)
	reInForce       = regexp.MustCompile(`自((?:19|20)\d{2})年.{0,8}起(?:施行|实施|执行)`)
	reValidTo       = regexp.MustCompile(`有效期(?:至|到)((?:19|20)\d{2})年`)
	reValidFor      = regexp.MustCompile(`有效期(?:为)?([0-9一二三四五六七八九十]{1,2})年`)
)

// validityPeriod reads the term a measure or rule gives itself in its
// closing lines: 自2025年4月1日起施行，有效期至2027年12月31日 (2025-2027),
// or 有效期5年 from the year it takes effect (DECISIONS 64); 自印发之日起施行
// takes effect in the year the document was issued. A start
// without an end gives no period.
func validityPeriod(strs *lineCache, year int) *Period {
	lines := strs.lines
	for i := len(lines) - 1; i >= 0 && i >= len(lines)-12; i-- {
		s := strs.src.str(lines[i].start, lines[i].end)
		if !strings.Contains(s, "起") || !strings.Contains(s, "施行") && !strings.Contains(s, "实施") && !strings.Contains(s, "执行") {
			continue // most closing lines: no need to read their dates
		}
		s = dateText(s)
		a := 0
		if mm := reInForce.FindStringSubmatch(s); mm != nil {
			a, _ = strconv.Atoi(mm[1])
		} else if year != 0 && reInForceIssued.MatchString(s) {
			a = year // 自印发之日起施行: from the year it was issued
		} else {
			continue
		}
		if m := reValidTo.FindStringSubmatch(s); m != nil {
			if b, _ := strconv.Atoi(m[1]); b >= a && b-a <= 30 {
				return &Period{a, b}
			}
		}
		if m := reValidFor.FindStringSubmatch(s); m != nil {
			n, err := strconv.Atoi(m[1])
			if err != nil {
				n = hanSmall(m[1])
			}
			if n > 0 && n <= 30 {
				return &Period{a, a + n}
			}
		}
		return nil
	}
	return nil
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

// tableFields reads the metadata rows of a government site (标题：…,
// 成文日期：…) among the furniture of the head.
func (m *meta) tableFields(text []rune, lines []line) frontMatter {
	vals := map[string]string{}
	for i := m.bodyStart; i < min(len(lines), m.bodyStart+40); i++ {
		if !m.furniture[i] {
			continue
		}
		for _, p := range labelPairs(m.strs.at(i)) {
			// 标题： alone on its line, its value on the next.
			if p[1] == "" && i+1 < len(lines) && m.furniture[i+1] && labelValue(p[0], m.strs.at(i+1)) {
				p[1] = m.strs.at(i + 1)
			}
			if f := fmKeys[p[0]]; f != "" && f != "skip" && vals[f] == "" && p[1] != "" {
				vals[f] = p[1]
			}
		}
	}
	return fieldsOf(vals)
}

// postedDate is a page's posting date: a labelled 发布日期 or a time stamp
// in the head, or a date alone there.
func (m *meta) postedDate(text []rune, lines []line, table frontMatter) string {
	if table.published != "" {
		return table.published
	}
	for i := m.bodyStart; i < min(len(lines), m.bodyStart+40); i++ {
		s := m.strs.at(i)
		// 2025年3月5日讯 记者从…获悉: a news dateline opens the first
		// paragraph, however long it runs.
		if mm := reDatedLine.FindStringSubmatch(s); mm != nil {
			y, _ := strconv.Atoi(mm[1])
			mo, _ := strconv.Atoi(mm[2])
			d, _ := strconv.Atoi(mm[3])
			if v := ymd(y, mo, d); v != "" {
				return v
			}
		}
		if runesOver(s, 150) {
			continue
		}
		if d := standaloneDate(s); d != "" {
			return d
		}
		for _, p := range labelPairs(s) {
			if fmKeys[p[0]] == "published" {
				if d := fmDate(p[1]); d != "" {
					return d
				}
			}
		}
	}
	return ""
}

// reDatedLine is a news dateline with its year: 2025年3月5日讯, （2025年3月5日电）.
var reDatedLine = regexp.MustCompile(`^\s*[（(【]?\s*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:讯|电)`)

// findDocNumber finds the 发文字号 near the top: a line that opens with it,
// also when PDF layout split it over lines (国科发社〔 2022 / 〕 157 / 号).
// A number cited inside a sentence is another document's.
func (m *meta) findDocNumber(text []rune, lines []line) string {
	for i := m.bodyStart; i < min(len(lines), m.bodyStart+40); i++ {
		s := m.strs.at(i)
		if salutation(s) || strings.HasPrefix(s, "各") && hasAnyRune(s, "，、") {
			break // the number stands above the addressees
		}
		if runesOver(s, 60) || hasAnyRune(s, "《》") || !hasAnyRune(s, "〔[［（(【„") {
			continue
		}
		if reDocNumStart.MatchString(squeezeDigits(s)) {
			for k := i + 1; k < len(lines) && k <= i+2 && !strings.Contains(s, "号"); k++ {
				s += m.strs.at(k)
			}
		}
		s = squeezeDigits(strings.TrimLeft(s, "（( "))
		// 文    号 蔡政办〔2030〕1号: a site's label, its characters spaced.
		if t := strings.Join(strings.Fields(s), ""); strings.HasPrefix(t, "文号") || strings.HasPrefix(t, "发文字号") {
			s = strings.TrimLeft(strings.TrimPrefix(strings.TrimPrefix(t, "发文字号"), "文号"), ":：")
		}
		if loc := reDocNumber.FindStringIndex(s); loc != nil && loc[0] == 0 {
			return normDocNumber(s)
		}
	}
	return ""
}

func docNumberYear(n string) int {
	if mm := reDocNumber.FindStringSubmatch(n); mm != nil {
		y, _ := strconv.Atoi(mm[2])
		return y
	}
	return 0
}

// yearOf is the year the document speaks from: a report's delivery year,
// the issued date's, the document number's, the title's, a posting date's.
func (m *meta) yearOf(text []rune, lines []line, report bool, posted string) int {
	if report {
		if y := reportYear(text, lines, m); y != 0 {
			return y
		}
	}
	if m.issued != "" {
		y, _ := strconv.Atoi(m.issued[:4])
		return y
	}
	if y := docNumberYear(m.docNumber); y != 0 {
		return y
	}
	if mm := reTitleYear.FindStringSubmatch(hanYears(m.title)); mm != nil && !reRange.MatchString(m.title) {
		y, _ := strconv.Atoi(mm[1])
		return y
	}
	if posted != "" {
		y, _ := strconv.Atoi(posted[:4])
		return y
	}
	// News of a work report (在回顾2013年的工作时指出, 刚刚过去的2015年):
	// the report, and the news, speak in the year after the one reviewed.
	if y := reviewedYear(text); y != 0 {
		return y + 1
	}
	// 现对2024年全市生态环境工作作出如下安排: the year the text plans.
	if y := arrangedYear(text); y != 0 {
		return y
	}
	// 2025年是…收官之年。今年…主要预期目标是: the year the text calls
	// this one.
	for i := m.bodyStart; i < min(len(lines), m.bodyStart+12); i++ {
		if first := text[lines[i].start]; !isDigit(first) && first != '各' {
			continue // reYearIs opens with the year or 各位代表
		}
		s := string(text[lines[i].start:min(lines[i].end, lines[i].start+200)])
		if mm := reYearIs.FindStringSubmatch(s); mm != nil && plansAhead(text, lines, i) {
			y, _ := strconv.Atoi(mm[1])
			return y
		}
	}
	if d := firstDate(text, lines); d != 0 {
		return d
	}
	return 0
}

// reArranges is an opening that sets out a year's work: 现对2024年全市…工作
// 作出如下安排, 就2024年重点工作部署如下.
var reArranges = regexp.MustCompile(`(?:现对|对|就)((?:19|20)\d{2})年[^。\n]{0,30}?(?:作出|做出)?(?:如下|以下)(?:安排|部署)|(?:现对|对|就)((?:19|20)\d{2})年[^。\n]{0,30}?(?:安排|部署)如下`)

// arrangedYear is the year an opening sets out the work of (reArranges),
// or 0. Most texts hold neither 如下 nor 以下 near their top, and are
// passed without the pattern.
func arrangedYear(text []rune) int {
	h := text[:min(len(text), 600)]
	if !runesContain(h, "如下") && !runesContain(h, "以下") || !runesContain(h, "安排") && !runesContain(h, "部署") {
		return 0
	}
	if mm := reArranges.FindStringSubmatch(string(h)); mm != nil {
		y, _ := strconv.Atoi(firstNonEmpty(mm[1], mm[2]))
		return y
	}
	return 0
}

// reOneYearList is a title that names one year (not 到2030年, 2030年前)
// and ends as a list or plan of work does.
var reOneYearList = regexp.MustCompile(`^(?:[^0-9]*[^到至0-9])?((?:19|20)\d{2})年[^前以0-9][^0-9]*(?:计划|方案|要点|清单|安排|分解|任务|分工|分解表|分工表|任务表|实事|实事项目|项目)$`)

// impliedPeriod gives the years a title implies without stating them: a
// 三年行动 runs three years from the year it is issued, a yearly plan or
// 工作要点 the year it names.
func (m *meta) impliedPeriod() *Period {
	if mm := reYearsN.FindStringSubmatch(m.title); mm != nil && m.year != 0 {
		n := 3
		if mm[1] == "五" {
			n = 5
		}
		return &Period{m.year, m.year + n - 1}
	}
	yearly := strings.HasSuffix(m.title, "工作要点") || strings.HasSuffix(m.title, "年度计划") ||
		strings.HasSuffix(m.title, "工作计划") || strings.Contains(m.title, "年度") ||
		// 某区2024年重点工作任务分工方案: a year's own work list.
		containsAnyWord(m.title, []string{"重点工作", "工作任务", "任务分工", "任务清单", "工作清单", "工作安排", "实施计划", "工作方案"}) ||
		// 某县2025年国民经济和社会发展计划: the year's plan (not a
		// report on last year's and this year's: 关于…执行情况与…草案的报告).
		strings.HasSuffix(m.title, "发展计划") && !strings.Contains(m.title, "报告") ||
		// 某市2025年民生实事项目计划: one year named, a list for it.
		reOneYearList.MatchString(m.title)
	title := hanYears(m.title) // 某县二〇二五年政府工作报告
	if mm := reTitleYear.FindAllStringSubmatch(title, -1); yearly && len(mm) >= 1 && !strings.Contains(title, "到"+mm[0][0]) {
		mm := mm[0]
		y, _ := strconv.Atoi(mm[1])
		return &Period{y, y}
	}
	return nil
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// sentenceLike reports text that reads as body prose rather than a heading.
func sentenceLike(s string) bool {
	s = strings.TrimSpace(s)
	if strings.HasSuffix(s, "。") || strings.HasSuffix(s, "；") || strings.HasSuffix(s, "：") || strings.HasSuffix(s, ":") {
		return true
	}
	return strings.Count(s, "，")+strings.Count(s, ",") >= 3
}

// splitOrgs reads a line of issuing bodies separated by spaces.
func splitOrgs(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\u3000' || r == '、' || r == '，' || r == '\t' }) {
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
		if !ok || len([]rune(f)) > 30 || len([]rune(f)) < 2 {
			return nil
		}
		out = append(out, f)
	}
	return out
}

// kindSuffix returns the genre word a title ends with, after any
// parenthesised years or status ((2024-2026年), （试行）), or "".
func kindSuffix(title string) string {
	t := strings.TrimSpace(title)
	for strings.HasSuffix(t, "）") || strings.HasSuffix(t, ")") {
		i := strings.LastIndexAny(t, "（(")
		if i <= 0 {
			break
		}
		t = strings.TrimSpace(t[:i])
	}
	if strings.ContainsAny(t, "0123456789") { // a range of years has digits; most titles have none
		t = reRange.ReplaceAllString(t, "")
	}
	t = strings.TrimRight(t, "()（） ")
	for _, k := range kinds {
		if strings.HasSuffix(t, k.suffix) {
			return k.suffix
		}
	}
	return ""
}

func kindOf(title string, text []rune) string {
	if s := kindSuffix(title); s != "" {
		for _, k := range kinds {
			if k.suffix == s {
				return k.kind
			}
		}
	}
	head, tail := text[:min(len(text), 1500)], text[max(0, len(text)-600):]
	if newsWords.inRunes(head) || newsWords.inRunes(tail) {
		return "新闻"
	}
	return "文章"
}

var newsWords = newWordSet("记者", "本报", "新闻", "通讯员")

// periodOf reads the plan's years: (2020-2025) in the title, 十四五, a
// range near the top, or the stated term of the plan (规划期为2021-2025年).
// With no lines (strs nil) only the title is read.
func periodOf(title string, strs *lineCache, from int) *Period {
	title = dateText(title)
	if mm := reRange.FindStringSubmatch(title); mm != nil {
		a, _ := strconv.Atoi(mm[1])
		b, _ := strconv.Atoi(mm[2])
		if b >= a {
			return &Period{a, b}
		}
	}
	if mm := reYearList.FindStringSubmatch(title); mm != nil {
		a, _ := strconv.Atoi(mm[1])
		b, _ := strconv.Atoi(mm[2])
		if b == a+1 {
			return &Period{a, b} // 关于2024、2025年…: two years named
		}
	}
	n := 0
	if mm := reFiveYear.FindStringSubmatch(title); mm != nil {
		n = 10 + int(chineseDigits[[]rune(mm[1])[0]]) // 十四五
	} else if mm := reFYPOrdinal.FindStringSubmatch(title); mm != nil {
		n = hanSmall(mm[1]) // 第七个五年计划
	}
	if n >= 1 {
		// The 1st plan ran 1953-57, the 2nd 1958-62; the 3rd began in 1966
		// after the 1963-65 adjustment years, and each since has followed
		// the last.
		start := 1953 + (n-1)*5
		if n >= 3 {
			start = 1966 + (n-3)*5
		}
		// 某市数字经济发展“十四五”规划 … 规划期为2022—2025年: the term the
		// plan states, within the five years, is its own.
		if p := statedTerm(strs, from); p != nil && p.Start >= start && p.End == start+4 {
			return p
		}
		return &Period{start, start + 4}
	}
	if strs == nil {
		return nil
	}
	return termNear(strs, from, 80, true)
}

// statedTerm is the term a plan states near its top (规划期为2022—2025年),
// or nil.
func statedTerm(strs *lineCache, from int) *Period {
	if strs == nil {
		return nil
	}
	return termNear(strs, from, 40, false)
}

// termNear reads the term a plan states in the n lines from from
// (规划期为2021-2025年), or with bare a range alone on a short line near
// the top ((2021—2025年)).
func termNear(strs *lineCache, from, n int, bare bool) *Period {
	text, lines := strs.src.text, strs.lines
	for i := from; i < min(len(lines), from+n); i++ {
		// A plan states its term near a paragraph's head: the first 300
		// characters of each line are enough.
		// Both patterns below need two four-digit years: a line with
		// fewer than eight digits is not made into a string for them.
		if !hasRangeMark(text[lines[i].start:min(lines[i].end, lines[i].start+300)]) || asciiDigits(text[lines[i].start:lines[i].end], 8) < 8 {
			continue
		}
		s := strs.src.str(lines[i].start, lines[i].end)
		var mm []string
		if strings.Contains(s, "期") || strings.Contains(s, "跨度") {
			mm = rePlanTerm.FindStringSubmatch(s)
		}
		if mm == nil && bare && i < from+15 && len([]rune(s)) <= 60 {
			mm = reRange.FindStringSubmatch(s)
		}
		if mm != nil {
			a, _ := strconv.Atoi(mm[1])
			b, _ := strconv.Atoi(mm[2])
			if b >= a && b-a <= 30 {
				return &Period{a, b}
			}
		}
	}
	return nil
}

// firstDate is the year of the first full date near the top, such as the
// meeting date under a work report's title.
func firstDate(text []rune, lines []line) int {
	for i := 0; i < min(len(lines), 15); i++ {
		// The length in runes is known before any string is made.
		if lines[i].end-lines[i].start > 80 {
			continue
		}
		s := string(text[lines[i].start:lines[i].end])
		if !strings.Contains(s, "年") {
			continue
		}
		if mm := reDate.FindStringSubmatch(dateText(s)); mm != nil {
			y, _ := strconv.Atoi(mm[1])
			return y
		}
	}
	return 0
}

// asciiDigits counts the ASCII digits of r (what \d matches), stopping at
// enough.
func asciiDigits(r []rune, enough int) int {
	n := 0
	for _, c := range r {
		if c >= '0' && c <= '9' {
			n++
			if n >= enough {
				break
			}
		}
	}
	return n
}

// hasRangeMark reports a dash or 至/到 that may join two years.
func hasRangeMark(r []rune) bool {
	for _, c := range r {
		switch c {
		case '-', '—', '–', '~', '～', '至', '到', '－':
			return true
		}
	}
	return false
}

// reviewedYear is the year a text says it reviews (回顾2013年的工作,
// 刚刚过去的2015年) in its first part, or 0.
func reviewedYear(text []rune) int {
	head := string(text[:min(len(text), 1500)])
	if !strings.Contains(head, "回顾") && !strings.Contains(head, "过去的") && !strings.Contains(head, "报告") {
		return 0
	}
	mm := reReviewYear.FindStringSubmatch(head)
	if mm == nil {
		return 0
	}
	y, _ := strconv.Atoi(firstNonEmpty(mm[1], mm[2], mm[3], mm[4]))
	return y
}
