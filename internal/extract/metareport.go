package extract

import (
	"regexp"
	"strconv"
	"strings"

	"planwatch/internal/region"
)

// Government work reports (政府工作报告) are speeches: many copies carry no
// title, only the salutation (各位代表：) and the sentence that says who
// reports (我代表国务院，向大会作政府工作报告). The year a report speaks from
// is the year it is delivered, the year after the one it reviews.

var (
	// 我代表国务院…, 我受国务院的委托…, 我代表省人民政府…: who reports.
	reReporter = regexp.MustCompile(`(?:代表|受)([\p{Han}]{0,14}?(?:国务院|人民政府|政府))`)
	// 作关于…的报告 / 提出关于…的报告: the report's own title.
	reOwnReport = regexp.MustCompile(`(?:作|提出)(关于[^，。；]{4,60}?的报告)`)
	// 在云南省第十四届人民代表大会第四次会议上: the congress it is delivered to.
	reVenue = regexp.MustCompile(`在(.{0,24}?)第?[一二三四五六七八九十\d]{1,3}届(?:全国)?人民代表大会`)
	// 一、2018年工作回顾, 首先报告2001年的工作, 刚刚过去的1984年: the year reviewed.
	reReviewYear = regexp.MustCompile(`((?:19|20)\d{2})年(?:国内)?(?:工作|经济社会发展|经济和社会发展)?(?:的)?回顾|报告((?:19|20)\d{2})年的工作|刚刚过去的((?:19|20)\d{2})年|对((?:19|20)\d{2})年(?:的)?工作进行了?回顾`)
	// 三、2021年工作总体部署, 2013年工作的总体要求: the year planned.
	rePlanYear = regexp.MustCompile(`((?:19|20)\d{2})年(?:政府|经济社会发展|国民经济|发展)?(?:工作)?(?:的)?(?:总体部署|总体要求|主要任务|工作安排|重点工作|工作重点|工作任务|基本方针|主要预期目标|重点任务|工作的建议|工作建议)`)
	reHanYear  = regexp.MustCompile(`[〇○零一二三四五六七八九]{4}年`)
	// 2013年是…: a sentence that opens with the year it speaks of.
	reYearIs = regexp.MustCompile(`^(?:各位代表[！!，,：:]\s*)?((?:19|20)\d{2})年是`)
)

// workReport reports a government work report: its title says so, or it
// opens with a salutation and the sentence of who reports to the congress.
func (m *meta) workReport(text []rune, lines []line) bool {
	// A notice or table on the report's tasks (关于分解落实政府工作报告目标任务的
	// 通知, 《政府工作报告》重点工作分解表) names it, but is no report.
	if ks := kindSuffix(m.title); strings.Contains(m.title, "政府工作报告") && (ks == "" || ks == "政府工作报告" || ks == "报告" || ks == "工作报告") {
		m.venue = venueLine(text, lines, m.bodyStart)
		if who := reporter(reportOpening(m.strs, m.bodyStart)); who != "" {
			m.national = strings.Contains(who, "国务院") || who == "中央人民政府"
		}
		m.national = m.national || strings.Contains(m.venue, "全国人民代表大会")
		return true
	}
	if m.title != "" && kindSuffix(m.title) != "" {
		return false
	}
	opening := reportOpening(m.strs, m.bodyStart)
	if opening == "" {
		return false
	}
	who := reporter(opening)
	if who == "" && !(strings.HasPrefix(opening, "各位代表") && reviewOpening(opening)) {
		return false
	}
	m.venue = venueLine(text, lines, m.bodyStart)
	m.national = strings.Contains(who, "国务院") || who == "中央人民政府" || strings.Contains(m.venue, "全国人民代表大会")
	return true
}

// reviewOpening reports a speech that opens on the year just past, as a
// work report does when its copy lacks the sentence naming who reports.
func reviewOpening(opening string) bool {
	head := string([]rune(opening)[:min(len([]rune(opening)), 200)])
	// The reports of a congress's standing committee, a court, a
	// procuratorate or a party committee open the same way.
	for _, w := range []string{"常务委员会", "常委会", "法院", "检察院", "政协", "党委", "市委", "省委", "县委", "区委", "中共"} {
		if strings.Contains(head, w) {
			return false
		}
	}
	return reReviewYear.MatchString(head) || strings.Contains(head, "过去的一年") || strings.Contains(head, "过去一年")
}

// reporter returns the government on whose behalf the speaker reports
// (国务院, 省人民政府), found in a sentence that says it reports to the
// congress.
func reporter(opening string) string {
	for _, sentence := range strings.Split(opening, "。") {
		if !strings.Contains(sentence, "报告") {
			continue
		}
		if mm := reReporter.FindStringSubmatch(sentence); mm != nil {
			return mm[1]
		}
	}
	return ""
}

// reportOpening returns the lines that follow a speech's salutation near
// the top, or "" when the text does not open as a speech.
func reportOpening(strs *lineCache, from int) string {
	lines := strs.lines
	for i := from; i < min(len(lines), from+15); i++ {
		s := strs.at(i)
		if !salutation(s) || strings.HasPrefix(s, "各") && !strings.HasPrefix(s, "各位") {
			continue
		}
		var b strings.Builder
		b.WriteString(s)
		for k := i + 1; k < min(len(lines), i+9); k++ {
			b.WriteString(strs.src.str(lines[k].start, lines[k].end))
		}
		return b.String()
	}
	return ""
}

// venueLine returns the line naming the congress the report is delivered
// to, joined with the next when layout split it.
func venueLine(text []rune, lines []line, from int) string {
	for i := from; i < min(len(lines), from+20); i++ {
		s := strings.TrimSpace(string(text[lines[i].start:lines[i].end]))
		if i+1 < len(lines) && strings.Contains(s, "在") && !strings.Contains(s, "人民代表大会") && len([]rune(s)) < 40 {
			s += strings.TrimSpace(string(text[lines[i+1].start:lines[i+1].end]))
		}
		if reVenue.MatchString(s) && len([]rune(s)) <= 120 {
			return s
		}
	}
	return ""
}

// ownReportTitle is the title a report printed without one gives itself
// in its opening sentence (作关于…的报告), or "".
func ownReportTitle(strs *lineCache, from int) string {
	for _, sentence := range strings.Split(reportOpening(strs, from), "。") {
		if !strings.Contains(sentence, "我代表") && !strings.Contains(sentence, "我受") {
			continue // a report of others the speech mentions
		}
		if mm := reOwnReport.FindStringSubmatch(sentence); mm != nil {
			return mm[1]
		}
	}
	return ""
}

// reportYear is the year a report is delivered: its delivery date, the
// year in its title, or the year after the one its review covers.
func reportYear(text []rune, lines []line, m *meta) int {
	if m.issued != "" {
		y, _ := strconv.Atoi(m.issued[:4])
		return y
	}
	// 关于1980、1981年国民经济计划安排的报告: delivered in the first year,
	// whose plan is under way, with the next year's ahead.
	if mm := reYearList.FindStringSubmatch(m.title); mm != nil {
		a, _ := strconv.Atoi(mm[1])
		if b, _ := strconv.Atoi(mm[2]); b == a+1 {
			return a
		}
	}
	if mm := reTitleYear.FindStringSubmatch(hanYears(m.title)); mm != nil && !reRange.MatchString(m.title) {
		y, _ := strconv.Atoi(mm[1])
		return y
	}
	if d := venueLine(text, lines, m.bodyStart); d != "" {
		if mm := reDate.FindStringSubmatch(dateText(d)); mm != nil {
			y, _ := strconv.Atoi(mm[1])
			return y
		}
	}
	// Reports review the past year, then plan the present one: a year that
	// opens a sentence (2013年是…开局之年) is the year reviewed in the first
	// section or one named a review, and the year of delivery after it.
	section, inReview := 0, true
	for i := m.bodyStart; i < len(lines); i++ {
		l := lines[i]
		s := hanYears(dateText(string(text[l.start:min(l.end, l.start+200)])))
		if reHan.MatchString(s) && l.end-l.start <= 40 {
			section++
			inReview = section <= 1 && !strings.Contains(s, "今年") || strings.Contains(s, "回顾") || strings.Contains(s, "过去")
		}
		if mm := reReviewYear.FindStringSubmatch(s); mm != nil {
			y, _ := strconv.Atoi(firstNonEmpty(mm[1], mm[2], mm[3], mm[4]))
			return y + 1
		}
		if l.end-l.start <= 40 {
			if mm := rePlanYear.FindStringSubmatch(s); mm != nil {
				y, _ := strconv.Atoi(mm[1])
				return y
			}
		}
		if mm := reYearIs.FindStringSubmatch(s); mm != nil {
			y, _ := strconv.Atoi(mm[1])
			switch {
			case inReview && !plansAhead(text, lines, i):
				y++
			case strings.Contains(s, "明年"):
				y-- // delivered late in the year before the one it plans
			}
			return y
		}
	}
	return 0
}

// plansAhead reports a 2025年是…收官之年 that opens the year's plan, not
// its review: its line or the next speaks of 今年 or the year's goals.
func plansAhead(text []rune, lines []line, i int) bool {
	for j := i; j < min(len(lines), i+2); j++ {
		s := string(text[lines[j].start:min(lines[j].end, lines[j].start+200)])
		if strings.Contains(s, "今年") || strings.Contains(s, "预期目标") {
			return true
		}
	}
	return false
}

// hanYears writes years in Chinese numerals (一九八三年) in digits.
func hanYears(s string) string {
	if !strings.Contains(s, "年") {
		return s
	}
	return reHanYear.ReplaceAllStringFunc(s, func(y string) string {
		var b strings.Builder
		for _, r := range strings.TrimSuffix(y, "年") {
			b.WriteString(strconv.Itoa(hanDigit(r)))
		}
		return b.String() + "年"
	})
}

// reportIssuer names the government that reports: 国务院, or the people's
// government of the place whose congress hears the report.
func reportIssuer(text []rune, lines []line, m meta) []string {
	who := reporter(reportOpening(m.strs, m.bodyStart))
	if who == "" {
		return nil
	}
	if strings.Contains(who, "国务院") {
		return []string{"国务院"}
	}
	if ms := region.Find(who); len(ms) > 0 && ms[0].Start == 0 {
		return []string{ms[0].Division.Name + "人民政府"}
	}
	if d := venueRegion(m.venue); d != nil {
		return []string{d.Name + "人民政府"}
	}
	if who == "中央人民政府" {
		return []string{who}
	}
	return nil
}

// venueRegion is the division whose congress the venue line names.
func venueRegion(venue string) *Region {
	mm := reVenue.FindStringSubmatch(venue)
	if mm == nil || strings.Contains(mm[0], "全国") {
		return nil
	}
	ms := region.Find(mm[1])
	if len(ms) == 0 {
		return nil
	}
	return mostSpecific(ms[0], ms)
}
