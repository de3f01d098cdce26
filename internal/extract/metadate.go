package extract

import (
	"regexp"
	"strconv"
	"strings"
)

// Dates of a document. The issued date is the document's own: the date
// under its signature, the delivery date of a report (——2023年1月9日在…会议
// 上) or the date printed under its title. A metadata table's 成文日期 comes
// next, then front matter. A site's posting date is only the date of a
// news article (its byline), and a crawl date is never a date at all.

var (
	reDate      = regexp.MustCompile(`((?:19|20)\d{2})\s*[年\-./]\s*(\d{1,2})\s*[月\-./]\s*(\d{1,2})\s*日?`)
	reDateLabel = regexp.MustCompile(`(发布日期|发布时间|成文日期|印发日期|发文日期|日期|时间)\s*[:：]?\s*$`)
	// ——2026年1月28日在…人民代表大会…会议上, （2026年1月27日在…）
	reDelivered = regexp.MustCompile(`^[-—―–－~～\s（(]*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*[)）]?\s*在`)
	// 年6月24日: a signature whose year the PDF text lost.
	reYearless  = regexp.MustCompile(`^年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$`)
	reHanDate   = regexp.MustCompile(`([〇○零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月(?:\s*([一二三四五六七八九十]{1,3})\s*日)?`)
	reStampTail = regexp.MustCompile(`^\s*\d{1,2}\s*[:时]`)
)

// dateText prepares a line for date matching: the spaces PDF layout puts
// between digits (2 0 2 1年1 0月) go, and dates in Chinese numerals
// (一九七五年一月十三日) become digits.
func dateText(s string) string {
	if hasAnyRune(s, "〇○零一二三四五六七八九") && strings.Contains(s, "年") {
		s = reHanDate.ReplaceAllStringFunc(s, func(m string) string {
			mm := reHanDate.FindStringSubmatch(m)
			var b strings.Builder
			for _, r := range mm[1] {
				b.WriteString(strconv.Itoa(hanDigit(r)))
			}
			b.WriteString("年" + strconv.Itoa(hanSmall(mm[2])) + "月")
			if mm[3] != "" {
				b.WriteString(strconv.Itoa(hanSmall(mm[3])) + "日")
			}
			return b.String()
		})
	}
	return squeezeDigits(s)
}

// squeezeDigits drops the spaces PDF layout puts inside numbers and
// dates (2 0 2 1年9月1 6日, 〔 2022 〕 42号), keeping those between numbers
// of several digits (2026-02-03 09:02).
func squeezeDigits(s string) string {
	if !strings.Contains(s, " ") {
		return s
	}
	r := []rune(s)
	isDigit := func(k int) bool { return k >= 0 && k < len(r) && r[k] >= '0' && r[k] <= '9' }
	var b strings.Builder
	for i := 0; i < len(r); i++ {
		if r[i] != ' ' || i == 0 {
			b.WriteRune(r[i])
			continue
		}
		j := i
		for j < len(r) && r[j] == ' ' {
			j++
		}
		a, c := i-1, j // the runes around the gap
		drop := false
		switch {
		case c >= len(r):
		case isDigit(a) && isDigit(c):
			drop = !isDigit(a-1) || !isDigit(c+1)
		case isDigit(a):
			drop = strings.ContainsRune("年月日〕]）)号", r[c])
		case isDigit(c):
			drop = strings.ContainsRune("年月〔[（(〕", r[a])
		}
		if !drop {
			b.WriteString(string(r[i:j]))
		}
		i = j - 1
	}
	return b.String()
}

func hanDigit(r rune) int {
	switch r {
	case '〇', '○', '零':
		return 0
	}
	return int(chineseDigits[r])
}

// hanSmall reads a month or day in Chinese numerals: 三, 十, 十二, 二十三.
func hanSmall(s string) int {
	r := []rune(s)
	switch {
	case len(r) == 1 && r[0] == '十':
		return 10
	case len(r) == 1:
		return hanDigit(r[0])
	case r[0] == '十':
		return 10 + hanDigit(r[1])
	case len(r) == 2:
		return hanDigit(r[0]) * 10
	default:
		return hanDigit(r[0])*10 + hanDigit(r[2])
	}
}

// dateAt formats the reDate match at loc in s as YYYY-MM-DD, or "" when
// the month or day is out of range.
func dateAt(s string, loc []int) string {
	y, _ := strconv.Atoi(s[loc[2]:loc[3]])
	mo, _ := strconv.Atoi(s[loc[4]:loc[5]])
	d, _ := strconv.Atoi(s[loc[6]:loc[7]])
	return ymd(y, mo, d)
}

func ymd(y, mo, d int) string {
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

// standaloneDate returns YYYY-MM-DD when the line is a date alone, or a
// labelled publication date such as 发布日期：2020-11-30.
func standaloneDate(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 120 || !hasAnyRune(s, "0123456789〇○") {
		return ""
	}
	s = dateText(s)
	loc := reDate.FindStringSubmatchIndex(s)
	if loc == nil {
		return ""
	}
	rest := strings.TrimSpace(s[loc[1]:])
	prefix := strings.TrimSpace(s[:loc[0]])
	alone := prefix == "" && (rest == "" || strings.HasPrefix(rest, "印发") || strings.HasPrefix(rest, "发布") || reStampTail.MatchString(rest))
	if !alone && !reDateLabel.MatchString(prefix) {
		return ""
	}
	return dateAt(s, loc)
}

// deliveredDate reads the date of a report's delivery line
// (——2023年1月9日在…会议上), "" for any other line.
func deliveredDate(s string) string {
	if !strings.Contains(s, "在") || runesOver(s, 90) {
		return ""
	}
	mm := reDelivered.FindStringSubmatch(dateText(s))
	if mm == nil {
		return ""
	}
	y, _ := strconv.Atoi(mm[1])
	mo, _ := strconv.Atoi(mm[2])
	d, _ := strconv.Atoi(mm[3])
	return ymd(y, mo, d)
}

// dateRank orders the sources of an issued date, best first.
const (
	rankOwn     = iota + 1 // signature, delivery line, date under the title
	rankWritten            // a metadata table's or front matter's 成文日期
	rankFront              // front matter's 发布日期
	rankPosted             // a page's posting date or byline
	rankNone    = 99
)

// dating collects the candidate dates of a document.
type dating struct {
	best     string
	rank     int
	masked   bool // a signature date whose year is lost or blanked out
	maskedMD [2]int
}

func (d *dating) offer(date string, rank int) {
	if date != "" && rank < d.rank {
		d.best, d.rank = date, rank
	}
}

// ownDates offers the dates the document itself prints: the delivery line
// and the signature dates of the head (a notice above a plan) and of the
// foot. It returns the issuers named above a signature date.
func (m *meta) ownDates(d *dating, text []rune, lines []line) []string {
	str := func(i int) string { return m.strs.at(i) }
	var issuers []string
	head := min(len(lines), m.bodyStart+60)
	scan := func(i int) {
		// Every date form read here fits in 90 characters.
		if lines[i].end-lines[i].start > 90 {
			return
		}
		s := str(i)
		// 内蒙古自治区生态环境厅办公室  2022年3月30日印发 (DECISIONS 48): the
		// issuer and its date on the 印发 line at the foot, page furniture
		// to the outline but not to the date.
		if i >= len(lines)-15 && strings.HasSuffix(strings.TrimSpace(s), "印发") {
			t := dateText(s)
			if loc := reDate.FindStringSubmatchIndex(t); loc != nil && strings.TrimSpace(t[loc[1]:]) == "印发" {
				if org := strings.TrimSpace(t[:loc[0]]); org != "" && orgLine(org) {
					d.offer(dateAt(t, loc), rankOwn)
					if len(issuers) == 0 {
						issuers = splitOrgs(org)
					}
					return
				}
			}
		}
		if m.furniture[i] {
			return
		}
		if date := deliveredDate(s); date != "" && i < head {
			d.offer(date, rankOwn)
			return
		}
		date := signatureDate(s)
		if date == "" {
			// 年6月24日, or its fragments (年6 / 月24 / 日): a short line.
			if runesOver(s, 12) || !hasAnyRune(s, "年月日") {
				return
			}
			if mm := reYearless.FindStringSubmatch(dateText(joinFragments(lines, text, i))); mm != nil && i > 0 && orgLine(str(i-1)) {
				mo, _ := strconv.Atoi(mm[1])
				dd, _ := strconv.Atoi(mm[2])
				d.masked, d.maskedMD = true, [2]int{mo, dd}
				if len(issuers) == 0 {
					issuers = orgsAbove(lines, text, i)
				}
			}
			return
		}
		// A date directly under an issuer, or under the title, is the
		// document's own; elsewhere a lone date may be a posting date.
		if i > 0 && orgLine(str(i-1)) {
			d.offer(date, rankOwn)
			if len(issuers) == 0 {
				issuers = orgsAbove(lines, text, i)
			}
			return
		}
		// A date printed under the title in the document's own style
		// ((2023年1月2日), 2021年12月20日); a site's posting date under a
		// headline is written 2023-07-18.
		if m.titleLine >= 0 && i >= m.titleEnd && i <= m.titleEnd+1 && strings.Contains(s, "年") {
			d.offer(date, rankOwn)
			return
		}
		if i >= len(lines)-3 && !reStamp.MatchString(s) {
			d.offer(date, rankOwn) // the last line of a document signed by its body
			return
		}
		// 现将《…》印发给你们，请结合实际认真贯彻执行。 / 2022年3月27日: the date
		// a notice closes with, its issuer named in its title.
		if i > 0 && i < head && noticeClose(str(i-1)) {
			d.offer(date, rankOwn)
		}
	}
	for i := m.bodyStart; i < head; i++ {
		scan(i)
	}
	for i := max(head, len(lines)-15); i < len(lines); i++ {
		scan(i)
	}
	return issuers
}

// noticeClose reports the closing sentence of a notice that forwards a
// plan: 印发给你们，请认真贯彻执行。
func noticeClose(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasSuffix(s, "。") && (strings.Contains(s, "印发给你们") || strings.Contains(s, "转发给你们") ||
		strings.Contains(s, "请认真贯彻") || strings.Contains(s, "贯彻执行") || strings.Contains(s, "遵照执行") || strings.Contains(s, "认真组织实施"))
}

// signatureDate returns the date of a line that is only a date, possibly
// in brackets: 2019年10月28日, （2023年1月2日）, 2 0 2 1年9月1 6日.
func signatureDate(s string) string {
	if runesOver(s, 24) {
		return ""
	}
	t := strings.Trim(dateText(s), "（）() ")
	// Only a date at the start counts, and a date starts with its century:
	// most short lines are spared the pattern.
	if !strings.HasPrefix(t, "19") && !strings.HasPrefix(t, "20") {
		return ""
	}
	loc := reDate.FindStringSubmatchIndex(t)
	if loc == nil || loc[0] != 0 || strings.TrimSpace(t[loc[1]:]) != "" {
		return ""
	}
	return dateAt(t, loc)
}

// joinFragments joins line i with the short lines after it that PDF
// layout split from it: 年6 / 月24 / 日.
func joinFragments(lines []line, text []rune, i int) string {
	s := string(text[lines[i].start:lines[i].end])
	for k := i + 1; k < len(lines) && k <= i+3 && runeCount(s) < 16; k++ {
		next := string(text[lines[k].start:lines[k].end])
		if runeCount(next) > 6 || strings.Trim(next, "0123456789年月日 ") != "" {
			break
		}
		s += next
	}
	return s
}

// orgLine reports a line of issuing bodies: 上海市人民政府办公厅, or
// several separated by spaces.
func orgLine(s string) bool {
	return runeCount(s) <= 60 && len(splitOrgs(s)) > 0
}

// orgsAbove collects the issuers on the lines above a signature date: one
// body per line in a joint signature.
func orgsAbove(lines []line, text []rune, i int) []string {
	var out []string
	for k := i - 1; k >= 0 && k >= i-12; k-- {
		orgs := splitOrgs(strings.TrimSpace(string(text[lines[k].start:lines[k].end])))
		if len(orgs) == 0 {
			break
		}
		out = append(orgs, out...)
	}
	return out
}
