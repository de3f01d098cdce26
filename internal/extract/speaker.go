package extract

import "strconv"

// speakingYear guesses the year an undated document speaks from. A year
// written in the same sentence as 今年 names it (今年是2021年, 2021年是…,
// 今年…); else the year it names most often as a plain date, when it names
// one at least three times. lines are text's (splitLines), which the
// caller already holds.
func speakingYear(text []rune, lines []line) int {
	near := map[int]int{}
	counts := map[int]int{}
	for _, l := range lines {
		for _, s := range sentences(text, l) {
			if !yearish(text[s.start:s.end]) {
				continue
			}
			times := findTimes(text, s.start, s.end, 0)
			hasNow := false
			for i := s.start; i+1 < s.end; i++ {
				if text[i] == '今' && text[i+1] == '年' && !hasPrefixAt(text, i, "今年以来") {
					hasNow = true
					break
				}
			}
			for _, t := range times {
				if t.kind != timeDate && t.kind != timeOwn {
					continue
				}
				counts[t.year]++
				if hasNow {
					near[t.year]++
				}
			}
		}
	}
	if y := mostCommon(near, 1); y != 0 {
		return y
	}
	return mostCommon(counts, 3)
}

// mostCommon is the key counted most often, at least min times; ties go to
// the later year.
func mostCommon(counts map[int]int, min int) int {
	best, n := 0, min-1
	for y, c := range counts {
		if c > n || c == n && y > best {
			best, n = y, c
		}
	}
	return best
}

// addressesDeputies reports a text that opens by addressing the deputies
// of a people's congress (各位代表): a work report, whatever its title.
func addressesDeputies(text []rune, lines []line) bool {
	for i := 0; i < len(lines) && i < 12; i++ {
		l := lines[i]
		if hasPrefixAt(text, l.start, "各位代表") {
			return true
		}
	}
	return false
}

// yearString formats a year for a period.
func yearString(y int) string { return strconv.Itoa(y) }

// undatedReportYear guesses the year of an undated work report: it reviews the
// year before it first, so the year its first part names most often as a
// plain date, plus one.
func undatedReportYear(text []rune) int {
	// 三、2017年政府工作重点, 2017年主要预期目标: the year planned, named.
	if mm := rePlanYear.FindStringSubmatch(string(text[:min(len(text), 4000)])); mm != nil {
		y, _ := strconv.Atoi(mm[1])
		return y
	}
	head := text[:len(text)*2/5]
	counts := map[int]int{}
	for _, t := range findTimes(head, 0, len(head), 0) {
		if t.kind == timeDate || t.kind == timeOwn {
			counts[t.year]++
		}
	}
	if y := mostCommon(counts, 2); y != 0 {
		return y + 1
	}
	return 0
}

// yearish is a quick test that a sentence may name a year: a digit, 〇 or
// 十 (十四五).
func yearish(r []rune) bool {
	for _, c := range r {
		if c >= '0' && c <= '9' || c == '〇' || c == '十' || c >= '０' && c <= '９' {
			return true
		}
	}
	return false
}
