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
	// 我代表国务院…报告, 我受国务院的委托…报告, 我代表省人民政府，向大会报告工作
	reReporter = regexp.MustCompile(`(?:代表|受)([\p{Han}]{0,14}?(?:国务院|人民政府|政府))(?:的委托)?[，,、\s]*(?:现在)?[，,\s]*(?:向.{0,30}?)?(?:作|报告|提出)`)
	// 作关于…的报告 / 提出关于…的报告: the report's own title.
	reOwnReport = regexp.MustCompile(`(?:作|提出)(关于[^，。；]{4,60}?的报告)`)
	// 在云南省第十四届人民代表大会第四次会议上: the congress it is delivered to.
	reVenue = regexp.MustCompile(`在(.{0,24}?)第?[一二三四五六七八九十\d]{1,3}届(?:全国)?人民代表大会`)
	// 一、2018年工作回顾, 首先报告2001年的工作, 刚刚过去的1984年: the year reviewed.
	reReviewYear = regexp.MustCompile(`((?:19|20)\d{2})年(?:国内)?(?:工作|经济社会发展|经济和社会发展)?(?:的)?回顾|报告((?:19|20)\d{2})年的工作|刚刚过去的((?:19|20)\d{2})年`)
	// 三、2021年工作总体部署, 2013年工作的总体要求: the year planned.
	rePlanYear = regexp.MustCompile(`((?:19|20)\d{2})年(?:政府|经济社会发展|国民经济)?(?:工作)?(?:的)?(?:总体部署|总体要求|主要任务|工作安排|重点工作|工作任务|基本方针|主要预期目标|重点任务)`)
	reHanYear  = regexp.MustCompile(`[〇○零一二三四五六七八九]{4}年`)
)

// workReport reports a government work report: its title says so, or it
// opens with a salutation and the sentence of who reports to the congress.
func (m *meta) workReport(text []rune, lines []line) bool {
	if strings.Contains(m.title, "政府工作报告") {
		m.venue = venueLine(text, lines, m.bodyStart)
		if mm := reReporter.FindStringSubmatch(reportOpening(text, lines, m.bodyStart)); mm != nil {
			m.national = strings.Contains(mm[1], "国务院") || mm[1] == "中央人民政府"
		}
		m.national = m.national || strings.Contains(m.venue, "全国人民代表大会")
		return true
	}
	if m.title != "" && kindSuffix(m.title) != "" {
		return false
	}
	opening := reportOpening(text, lines, m.bodyStart)
	if opening == "" {
		return false
	}
	mm := reReporter.FindStringSubmatch(opening)
	if mm == nil {
		return false
	}
	m.venue = venueLine(text, lines, m.bodyStart)
	m.national = strings.Contains(mm[1], "国务院") || mm[1] == "中央人民政府" || strings.Contains(m.venue, "全国人民代表大会")
	return true
}

// reportOpening returns the lines that follow a speech's salutation near
// the top, or "" when the text does not open as a speech.
func reportOpening(text []rune, lines []line, from int) string {
	for i := from; i < min(len(lines), from+15); i++ {
		s := strings.TrimSpace(string(text[lines[i].start:lines[i].end]))
		if !salutation(s) || strings.HasPrefix(s, "各") && !strings.HasPrefix(s, "各位") {
			continue
		}
		var b strings.Builder
		b.WriteString(s)
		for k := i + 1; k < min(len(lines), i+9); k++ {
			b.WriteString(string(text[lines[k].start:lines[k].end]))
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

// reportTitle is the title of a report printed without one: its own words
// (关于…的报告) when the opening sentence names it, else 政府工作报告 with
// the year it is delivered.
func reportTitle(text []rune, lines []line, m meta) string {
	if mm := reOwnReport.FindStringSubmatch(reportOpening(text, lines, m.bodyStart)); mm != nil {
		return mm[1]
	}
	if m.year != 0 {
		return strconv.Itoa(m.year) + "年政府工作报告"
	}
	return "政府工作报告"
}

// reportYear is the year a report is delivered: its delivery date, the
// year in its title, or the year after the one its review covers.
func reportYear(text []rune, lines []line, m *meta) int {
	if m.issued != "" {
		y, _ := strconv.Atoi(m.issued[:4])
		return y
	}
	if mm := reTitleYear.FindStringSubmatch(m.title); mm != nil && !reRange.MatchString(m.title) {
		y, _ := strconv.Atoi(mm[1])
		return y
	}
	if d := venueLine(text, lines, m.bodyStart); d != "" {
		if mm := reDate.FindStringSubmatch(dateText(d)); mm != nil {
			y, _ := strconv.Atoi(mm[1])
			return y
		}
	}
	for i := m.bodyStart; i < len(lines); i++ {
		if lines[i].end-lines[i].start > 200 {
			continue
		}
		s := hanYears(string(text[lines[i].start:lines[i].end]))
		if mm := reReviewYear.FindStringSubmatch(s); mm != nil {
			y, _ := strconv.Atoi(firstNonEmpty(mm[1], mm[2], mm[3]))
			return y + 1
		}
		if lines[i].end-lines[i].start <= 40 {
			if mm := rePlanYear.FindStringSubmatch(s); mm != nil {
				y, _ := strconv.Atoi(mm[1])
				return y
			}
		}
	}
	return 0
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
	mm := reReporter.FindStringSubmatch(reportOpening(text, lines, m.bodyStart))
	if mm == nil {
		return nil
	}
	who := mm[1]
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
