package extract

import (
	"strings"
	"unicode/utf8"
)

// notFigure tells why a number in clause [cs, ce) is no figure at all, or
// "" when it may be one: names (G60, 5G, “1+9+4”), dates and durations,
// ordinals, counts of the document's own structure, thresholds that
// qualify a noun, and enumerations that count the list before them.
func notFigure(text []rune, cs, ce int, m mention, times []timeRef) string {
	if m.coverage || m.fraction {
		return ""
	}
	for _, t := range times {
		if m.numStart >= t.start && m.numStart < t.end {
			return "a date or year"
		}
	}
	if r := nameNumber(text, cs, ce, m); r != "" {
		return r
	}
	// 市政府七届38次常务会议, 第16届45次会议: a meeting's number.
	if m.unit == "次" && (hasPrefixAt(text, m.end, "常务会议") || hasPrefixAt(text, m.end, "会议") || hasPrefixAt(text, m.end, "全体会议") || hasPrefixAt(text, m.end, "主任会议")) {
		return "a meeting's number"
	}
	if attendance(text, cs, m) {
		return "a count of those attending a meeting"
	}
	// 工作要点有哪些(3篇), 工作计划-42篇: a site's count of its own pages.
	if m.unit == "篇" && m.numStart > cs && strings.ContainsRune("(（-", text[m.numStart-1]) {
		return "a site's count of its pages"
	}
	k := m.end
	if m.unit == "" {
		// A bare number is a figure only as a level: 降至1.25以下, 达到0.85.
		if m.chinese || m.opBefore == "" && m.opAfter == "" && !unitlessWords.inRunes(text[max(cs, m.start-12):m.start]) {
			return "no unit"
		}
		if k < ce && (isHan(text[k]) && !strings.ContainsRune("以左的和及、", text[k])) {
			return "no unit"
		}
	}
	// 办好十件民生实事: the count of a year's list of works is a figure
	// in words too (DECISIONS 92).
	if m.chinese && m.value > 1 && (m.unit == "件" || m.unit == "项" || m.unit == "个" || m.unit == "类") && (hasPrefixAt(text, k, "民生实事") || hasPrefixAt(text, k, "惠民实事") || hasPrefixAt(text, k, "实事")) {
		return ""
	}
	if m.chinese {
		// 每年创建一个5A级景区 counts one a year; elsewhere 一个 is an article.
		if m.value <= 1 && m.unit != "%" && m.unit != "倍" && !strings.Contains(string(text[max(cs, m.start-8):m.start]), "每年") {
			return "一 is an article, not a count"
		}
		switch m.unit {
		case "年", "次", "批", "类", "种", "支", "位", "项", "条", "方面", "届":
			return "a Chinese count of times, kinds or items: structure, not a figure"
		case "个", "大":
			if structureNoun(text, k, ce) {
				return "counts the document's structure"
			}
		}
		// 七个突破, 三个关键: a small count in words is the document's own
		// structure unless a verb of making or reaching governs it
		// (培育两个百亿级产业集群, 三条主干道路建成通车).
		if m.value <= 10 && m.value == float64(int(m.value)) && countUnit(m.unit) && !countVerbBefore(text, cs, m.start) &&
			!levelBefore(m.opBefore) && !countVerbs.inRunes(text[cs:m.start]) && !resultVerbs.inRunes(text[k:ce]) {
			return "a small count in words without a verb: structure"
		}
		if hasPrefixAt(text, m.numEnd, "大") {
			return "counts the document's structure"
		}
		if (m.unit == "元" || m.unit == "美元") && m.value < 10 && !levelBefore(m.opBefore) {
			return "a name (三元), not an amount"
		}
	}
	if hasPrefixAt(text, k, "方面") || hasPrefixAt(text, k, "领域") || hasPrefixAt(text, k, "环节") || hasPrefixAt(text, k, "维度") {
		return "counts the document's structure"
	}
	if (m.unit == "项" || m.unit == "条" || m.unit == "个") && m.value <= 50 && planPartAt(text, k, ce) {
		return "counts the document's own tasks or measures"
	}
	// 将98项区政府重点工作进行分解, 细分出171项目标任务: a plan's key
	// works and tasks are counted by the hundred.
	if m.unit == "项" && m.value <= 500 && workPartAt(text, k, ce) {
		return "counts the document's own tasks or measures"
	}
	// 重点工作分工方案（共计98项）: the count of a title's items.
	if (m.unit == "项" || m.unit == "条") && bracketCount(text, m.start, k) {
		return "counts the document's own tasks or measures"
	}
	// 共设置重点指标22项，其中约束性指标12项: the plan counting its own
	// indicators.
	if (m.unit == "项" || m.unit == "个") && m.value <= 100 && indicatorCount(text[cs:m.start]) {
		return "counts the document's own indicators"
	}
	// 现将…确定的6个方面120项工作任务予以分解印发: the document counting
	// what it hands out.
	if (m.unit == "项" || m.unit == "个" || m.unit == "条") && selfReference(string(text[cs:ce])) {
		return "counts the document's own tasks or measures"
	}
	if durationUnit(m.unit) && !levelBefore(m.opBefore) {
		// 时间, 时限, 寿命 and 天数 name what the days or hours measure
		// (优良天数256天): a figure, not a limit.
		head := string(text[max(cs, m.start-8):m.start])
		if !strings.Contains(head, "时间") && !strings.Contains(head, "时限") && !strings.Contains(head, "寿命") && !strings.Contains(head, "天数") {
			return "a time limit or duration"
		}
	}
	if m.unit == "个" && (hasPrefixAt(text, k, "月") || hasPrefixAt(text, k, "季度") || hasPrefixAt(text, k, "星期")) {
		return "a time limit or duration"
	}
	// 65岁以上老年人, 年满18周岁: an age that names a group; 82.4岁 is a
	// level (of life expectancy).
	if (m.unit == "岁" || m.unit == "周岁") && !levelBefore(m.opBefore) && m.value == float64(int(m.value)) && !strings.Contains(string(text[cs:m.start]), "寿命") {
		return "an age that names a group"
	}
	if scopeBefore(text, cs, m.start) {
		return "the scope an action works on, not a commitment"
	}
	if projectSize(text, k, ce, m) {
		return "the size that names a project still being prepared"
	}
	if r := threshold(text, cs, ce, m); r != "" {
		return r
	}
	if m.chinese && b1(text, cs, m.numStart) == '等' {
		return "counts the names listed before 等"
	}
	if enumerationCount(text, cs, m) {
		return "counts the list before it"
	}
	return ""
}

// nameNumber reports numbers inside names: G60, 5G, 4A, “3731”工程, 3号线,
// 第二批, 1+N, and numbers joined to letters or slashes.
func nameNumber(text []rune, cs, ce int, m mention) string {
	b := beforeSkip(text, cs, m.numStart)
	a := m.numEnd
	if b >= cs {
		p := text[b]
		// 新36条: a policy's name.
		if p == '新' && m.unit == "条" && (b == cs || !strings.ContainsRune("创更革最重全", text[b-1])) {
			return "a number in a name"
		}
		if isASCIILetter(p) || p == '第' || p == '#' || p == '+' || p == '×' || p == '*' || p == '/' && m.unit == "" {
			return "a number in a name"
		}
		if (p == '-' || p == '—' || p == '～' || p == '~') && b > cs && isDigit(text[b-1]) {
			return "the end of a range or a code"
		}
		if p == '.' && b > cs && isDigit(text[b-1]) {
			return "a section number"
		}
	}
	if a < len(text) {
		n := text[a]
		if (n == '-' || n == '—' || n == '～' || n == '~' || n == '/' || n == '.' || n == '+' || n == '×') && a+1 < len(text) && isDigit(text[a+1]) && !m.isRange() {
			return "a number in a code or name"
		}
		if n == '+' || n == '＋' {
			return "a number in a name"
		}
		if isASCIILetter(n) && m.unit == "" {
			return "a number in a name"
		}
		if m.unit == "" && strings.ContainsRune("号届期级星线路国强期", n) {
			return "a number in a name"
		}
		if strings.ContainsRune("号届", n) {
			return "a number in a name"
		}
	}
	if m.unit == "" && a < len(text) && (text[a] == '条' || text[a] == '款') && b >= cs && text[b] == '第' {
		return "an article number"
	}
	// A number inside a short quotation: “一区两廊”, “30强”, “1710”.
	open := -1
	for k := m.numStart - 1; k >= cs && k >= m.numStart-8; k-- {
		if text[k] == '”' || text[k] == '"' && k != m.numStart-1 {
			break
		}
		if text[k] == '“' || text[k] == '"' || text[k] == '《' || text[k] == '「' {
			open = k
			break
		}
	}
	if open >= 0 {
		for k := m.numEnd; k < ce && k < m.numEnd+10; k++ {
			if text[k] == '”' || text[k] == '"' || text[k] == '》' || text[k] == '」' {
				if k-open <= 12 {
					return "a number in a quoted name"
				}
				break
			}
			// “三场一通道（产卵场、…）”: a short name opened by the number,
			// glossed in brackets inside the quotation.
			if (text[k] == '（' || text[k] == '(') && open == m.numStart-1 && k-open <= 9 {
				return "a number in a quoted name"
			}
			if text[k] == '“' {
				break
			}
		}
	}
	// 10Tbps is a quantity; 5G and 4A are names.
	if a < len(text) && isASCIILetter(text[a]) && m.unit != "" && isASCIILetter([]rune(m.unit)[0]) {
		return ""
	}
	return ""
}

// structureNoun reports a noun after a Chinese count that names parts of
// the plan itself: 三个关键, 五大工程, 两个市场.
func structureNoun(text []rune, k, ce int) bool {
	if k >= ce {
		return true // 做到“三个”: nothing counted
	}
	rest := string(text[k:min(ce, k+8)])
	for _, w := range []string{"方面", "领域", "环节", "关键", "体系", "机制", "工程", "行动", "举措", "任务", "原则", "重点",
		"目标", "理念", "战略", "板块", "片区", "功能区", "市场", "资源", "轮驱动", "个字", "字", "个方向", "大类", "层次", "步走", "阶段"} {
		if strings.HasPrefix(rest, w) {
			return true
		}
	}
	return false
}

// indicatorCount reports a count that follows the words naming the plan's
// indicators: 约束性指标11项, 主要指标共计26项, 预期性指⏎标10项.
func indicatorCount(before []rune) bool {
	t := strings.Join(strings.Fields(string(before)), "")
	for _, w := range []string{"共计", "合计", "共", "有"} {
		t = strings.TrimSuffix(t, w)
	}
	return strings.HasSuffix(t, "指标")
}

// selfReference reports a clause in which the document speaks of handing
// out its own parts: 现将…予以分解印发, …进行责任分解.
func selfReference(clause string) bool {
	return strings.Contains(clause, "现将") && (strings.Contains(clause, "分解") || strings.Contains(clause, "印发")) ||
		strings.Contains(clause, "进行责任分解") || strings.Contains(clause, "予以分解")
}

// workPartAt reports a plan's key works or tasks named within a few
// characters after a count (98项区政府重点工作, 171项目标任务).
func workPartAt(text []rune, k, ce int) bool {
	rest := string(text[k:min(ce, k+10)])
	for _, w := range []string{"重点工作", "重点任务", "目标任务", "工作任务", "具体任务"} {
		if i := strings.Index(rest, w); i >= 0 && utf8.RuneCountInString(rest[:i]) <= 5 {
			return true
		}
	}
	return false
}

// bracketCount reports a count that is all a bracket holds after a title
// or heading: 分工方案（共计98项）, 牵头工作(12项).
func bracketCount(text []rune, start, k int) bool {
	i := start - 1
	for i >= 0 && (text[i] == '共' || text[i] == '计' || text[i] == '合') {
		i--
	}
	if i < 1 || text[i] != '（' && text[i] != '(' || !isHan(text[i-1]) || k >= len(text) || text[k] != '）' && text[k] != ')' {
		return false
	}
	// 事项（120项） may count things to do; a plan's or a list's
	// title, or 共计, counts its items.
	head := string(text[max(0, i-4):i])
	return i < start-1 || hasAnySuffix(head, []string{"方案", "清单", "要点", "计划", "工作", "任务", "措施", "实事", "分工", "举措"})
}

// planPartAt reports a noun that names parts of the plan itself after a
// count: 30项重点任务, 十条措施, 8个专项行动.
func planPartAt(text []rune, k, ce int) bool {
	// 其中11项为约束性指标: the count stated first.
	if k < ce && (text[k] == '为' || text[k] == '是') {
		k++
	}
	rest := string(text[k:min(ce, k+6)])
	for _, w := range []string{"重点任务", "主要任务", "具体任务", "重大任务", "任务", "举措", "措施", "政策措施", "重点工作",
		"专项行动", "行动", "改革举措", "政策", "条款", "意见", "方面", "指标", "主要指标", "约束性指标", "预期性指标",
		"工作任务", "建设任务", "具体建设任务", "职责"} {
		if strings.HasPrefix(rest, w) {
			return true
		}
	}
	return false
}

// scopePrepositions are the prepositions of scope, in runes once: scopeBefore
// runs for every number read.
var scopePrepositions = func() [][]rune {
	var out [][]rune
	for _, w := range []string{"聚焦", "围绕", "依托", "针对", "面向", "借助", "立足", "围绕全市", "聚焦全市", "对照"} {
		out = append(out, []rune(w))
	}
	return out
}()

// scopeBefore reports a preposition of scope right before a number:
// 聚焦3万亩菜田, 围绕全市10万亩农场建设, 依托200家企业.
func scopeBefore(text []rune, cs, i int) bool {
	b := beforeSkip(text, cs, i)
	for _, wr := range scopePrepositions {
		if b-len(wr)+1 >= cs && runesHavePrefix(text[b-len(wr)+1:b+1], wr) {
			return true
		}
	}
	// 围绕全市10万亩: the preposition may stand before a scope word.
	head := string(text[max(cs, i-6):i])
	for _, w := range []string{"聚焦全", "围绕全", "依托全"} {
		if strings.Contains(head, w) {
			return true
		}
	}
	return false
}

// b1 is the rune right before i (skipping spaces), or 0.
func b1(text []rune, cs, i int) rune {
	if b := beforeSkip(text, cs, i); b >= cs {
		return text[b]
	}
	return 0
}

// projectSize reports a capacity that names a project (大唐700万吨露天
// 煤矿, 5万千瓦风电) in a clause about its preparation or approval
// (前期工作, 核准): the project is named, nothing is built or committed.
func projectSize(text []rune, k, ce int, m mention) bool {
	switch m.unit {
	case "吨", "千瓦", "兆瓦", "吉瓦", "吨/年", "立方米/年", "标箱", "千伏":
	default:
		return false
	}
	if k >= ce || !isHan(text[k]) {
		return false
	}
	rest := string(text[k:ce])
	for _, w := range []string{"前期工作", "前期", "核准", "谋划", "论证", "签约", "开展可研", "可研"} {
		if strings.Contains(rest, w) {
			return true
		}
	}
	return false
}

// countUnit reports measure words of things counted one by one.
func countUnit(u string) bool {
	switch u {
	case "%", "‰", "个百分点", "倍", "元", "美元", "公里", "米", "亩", "平方米", "平方公里", "吨", "千瓦", "小时", "分钟", "天", "岁":
		return false
	}
	return true
}

// classifierUnit is a measure word that counts things (个, 家, 座), the
// only kind of unit that can count the items of a list.
func classifierUnit(u string) bool {
	switch u {
	case "个", "家", "项", "条", "座", "所", "处", "类", "种", "片", "批", "支", "名", "位", "只", "件", "套", "台", "场", "大", "区", "市", "省", "县", "镇", "村", "国", "方面":
		return true
	}
	return false
}

func durationUnit(u string) bool {
	switch u {
	case "天", "小时", "分钟", "秒", "工作日", "个工作日":
		return true
	}
	return false
}

func levelBefore(op string) bool {
	switch op {
	case "":
		return false
	case "在", "为", "是", "约", "近", "逾":
		return false
	}
	return true
}

// threshold reports a number that qualifies a noun rather than stating an
// amount: 总投资超50亿元的项目, 年产30万吨以上的企业, 60万千瓦以下机组,
// 半径300米范围内, 规模200亩以上的示范园.
func threshold(text []rune, cs, ce int, m mention) string {
	k := min(m.end, ce)
	after := string(text[k:min(ce, k+6)])
	head := string(text[max(cs, m.start-10):m.start])
	// …建设标准、50%以上的乡镇: what the item before the 、 measured is
	// none of this number's business.
	if k := strings.LastIndexAny(head, "、，,；;：:"); k >= 0 {
		_, w := utf8.DecodeRuneInString(head[k:])
		head = head[k+w:]
	}
	// 6亩以下(不含6亩)的土地: the note's number restates the bar.
	if strings.HasSuffix(head, "(不含") || strings.HasSuffix(head, "（不含") || strings.HasSuffix(head, "(含") || strings.HasSuffix(head, "（含") {
		return "an inclusion note on a bar"
	}
	// 30人(含)以下的企业, 6亩以下(不含6亩)的土地: a note on whether the bar
	// counts stands between it and the noun it picks out.
	if j := afterInclusion(text, k, ce); j > k {
		rest := string(text[j:min(ce, j+4)])
		if strings.HasPrefix(rest, "以下的") || strings.HasPrefix(rest, "以上的") ||
			strings.HasPrefix(rest, "的") && (m.opAfter == "以上" || m.opAfter == "以下") {
			return "a threshold that qualifies a noun"
		}
	}
	// 20万人口以上城镇: a size that picks out the towns.
	if m.unit == "人" && (strings.HasPrefix(after, "口以上") || strings.HasPrefix(after, "口以下") || strings.HasPrefix(after, "口规模以上")) {
		return "a threshold that qualifies a noun"
	}
	if strings.HasPrefix(after, "范围") || strings.HasPrefix(after, "半径") || strings.HasSuffix(head, "半径") ||
		strings.HasSuffix(head, "距离") && !levelBefore(m.opBefore) {
		return "a distance that qualifies a place"
	}
	// 50米内换乘, 1公里以内的: a reach that qualifies what follows.
	if (m.opAfter == "内" || m.opAfter == "以内") && k < ce && isHan(text[k]) && !isLevelVerbAt(text, k) &&
		!strings.ContainsRune("的和及、", text[k]) && (m.unit == "米" || m.unit == "公里" || m.unit == "千米" || m.unit == "分钟" || m.unit == "小时") {
		return "a reach that qualifies what follows"
	}
	// 年产值超100亿元、具备较强国际竞争力的龙头企业2家: a measured level
	// that, with other qualities, picks out the noun a later number counts.
	if attributeBefore(head) && (levelBefore(m.opBefore) || m.opAfter == "以上" || m.opAfter == "以下") {
		rest := string(text[k:ce])
		if i := strings.Index(rest, "的"); i >= 0 && strings.ContainsAny(rest[i:], "0123456789") {
			return "a threshold that, with other qualities, picks out what a later number counts"
		}
	}
	// 日清运量超过300吨地区, 经济总量超200亿元县2个: a measure compared
	// and a noun at once after it picks out the places or firms meant.
	if strictCompare(m.opBefore) && !countUnit(m.unit) && m.unit != "%" && m.opAfter == "" && k < ce && isHan(text[k]) &&
		!strings.ContainsRune("的和及与或、，；。", text[k]) && !isLevelVerbAt(text, k) && !startsWithVerb(string(text[k:min(ce, k+4)])) {
		return "a threshold that qualifies a noun"
	}
	// 引进过5亿元项目10个: 过 before an amount that a noun follows at
	// once names a size class of the noun.
	if strings.HasSuffix(head, "过") && m.opBefore == "" && !countUnit(m.unit) && m.opAfter == "" && k < ce && isHan(text[k]) &&
		!strings.ContainsRune("的和及与或、，；。", text[k]) && !isLevelVerbAt(text, k) && !startsWithVerb(string(text[k:min(ce, k+4)])) {
		return "a threshold that qualifies a noun"
	}
	// 30万千瓦级燃煤机组, 10万吨级码头: a size with 级 names a class.
	if k < ce && text[k] == '级' && m.unit != "" {
		return "a grade that names a class (…级)"
	}
	// 入井人数超过30人、井深超过800米的矿山: bars listed before the noun
	// they pick out.
	if strictCompare(m.opBefore) && k < ce && text[k] == '、' {
		rest := string(text[k:ce])
		if i := strings.Index(rest, "的"); i > 0 && containsAnyWord(rest[:i], []string{"超过", "大于", "小于", "高于", "低于", "不足"}) {
			return "a threshold that, with others, picks out a noun"
		}
	}
	// 750千伏定靖西输变电工程: a voltage grades the line it names.
	if (m.unit == "千伏" || m.unit == "kV") && k < ce && isHan(text[k]) && !strings.ContainsRune("的和及与或、，；。以", text[k]) {
		return "a voltage grade that names a line"
	}
	// 不足5000名的至少配备1名, 超过100亿元的: a bar that picks out a class.
	if strictCompare(m.opBefore) && strings.HasPrefix(after, "的") {
		return "a threshold that qualifies a noun"
	}
	// 每5000名户籍老年人配备1名: the base of a ratio.
	if m.numStart > cs && text[m.numStart-1] == '每' && m.opBefore == "" && countUnit(m.unit) && k < ce && isHan(text[k]) {
		return "the base of a ratio (每N名…)"
	}
	// A level that a noun must reach to be counted: …以上的企业, 超…的项目.
	qualifies := strings.HasPrefix(after, "的") || m.opAfter == "以上" || m.opAfter == "以下" || m.opAfter == "及以上"
	if !qualifies || k >= ce {
		return ""
	}
	// 10亿元以上项目不少于5个: the noun is the subject of a later figure.
	if !strings.HasPrefix(after, "的") && isHan(text[k]) && qualifiesLater(text, k, ce) {
		return "a threshold that qualifies a noun"
	}
	// 建成20个以上的示范基地 counts the noun: a count verb stands right before.
	if countVerbBefore(text, cs, m.start) {
		return ""
	}
	// 推动60%以上的县级机构达标: a share of a class, unless a measure
	// before it makes it a threshold (增速20%以上的企业).
	if strings.HasPrefix(after, "的") && m.unit == "%" && !attributeBefore(head) {
		return ""
	}
	if strings.HasPrefix(after, "的") && (m.opAfter == "以上" || m.opAfter == "以下") {
		return "a threshold that qualifies a noun" // 500万元及以下的小微企业
	}
	if strings.HasPrefix(after, "的") {
		// 总投资超50亿元的项目 is a threshold; 投资3500万元的供水管网改造
		// names one project's amount.
		n := k + 1
		compared := m.opAfter != "" && m.opAfter != "余" && m.opAfter != "多" || levelBefore(m.opBefore)
		if n < ce && isHan(text[n]) && attributeBefore(head) && compared {
			return "a threshold that qualifies a noun"
		}
		return ""
	}
	// 以上/以下 followed at once by a noun: 60万千瓦以下机组, 10亿元以上项目.
	if isHan(text[k]) && !strings.ContainsRune("，、；和及与或，", text[k]) && !isLevelVerbAt(text, k) {
		if qualifiesLater(text, k, ce) || attributeBefore(head) || equipmentNoun(text, k, ce) {
			return "a threshold that qualifies a noun"
		}
	}
	return ""
}

// attributeBefore reports a measured attribute just before a number, which
// makes the number a threshold when a noun follows: 年产, 总投资, 规模, 年营收.
// strictCompare reports the comparisons that set a bar rather than a goal.
func strictCompare(op string) bool {
	switch op {
	case "超过", "超", "大于", "小于", "高于", "低于", "多于", "少于", "不足":
		return true
	}
	return false
}

func attributeBefore(head string) bool {
	for _, w := range []string{"总投资", "投资额", "投资", "年产", "产能", "规模", "年营收", "营业收入", "营收", "年销售", "销售收入",
		"产值", "面积", "占地", "人口", "排放量", "能耗", "用水量", "装机", "容量", "年综合能源消费量", "综合能耗", "单机", "年用能",
		"吨位", "载重", "功率", "等级", "级别", "注册资本", "资产", "年收入", "月收入", "收入", "工资", "年龄", "埋深", "深度", "直径",
		"人数", "数量", "高度", "长度", "宽度", "年限", "时长", "开采", "排量", "产量", "用量", "储量", "库容", "坝高", "跨度", "层数",
		"金额", "费率", "价格", "单价", "标准", "额度", "余额", "年限"} {
		if strings.Contains(head, w) {
			return true
		}
	}
	return false
}

func countVerbBefore(text []rune, cs, i int) bool {
	b := beforeSkip(text, cs, i)
	if b < cs {
		return false
	}
	for _, v := range countVerbs.list {
		vr := []rune(v)
		if b-len(vr)+1 >= cs && string(text[b-len(vr)+1:b+1]) == v {
			return true
		}
	}
	return false
}

func isLevelVerbAt(text []rune, k int) bool {
	for _, v := range levelVerbs {
		if hasPrefixAt(text, k, v) && len([]rune(v)) >= 2 {
			return true
		}
	}
	return false
}

// equipmentNoun reports equipment and installations graded by a size:
// 60万千瓦以下机组, 35蒸吨以下锅炉.
func equipmentNoun(text []rune, k, ce int) bool {
	// 30万千瓦以下煤电机组: a kind may come before the equipment.
	rest := string(text[k:min(ce, k+6)])
	for _, w := range []string{"机组", "锅炉", "窑炉", "煤矿", "矿井", "船舶", "燃煤", "电站", "风机", "变压器"} {
		if k := strings.Index(rest, w); k == 0 || k > 0 && k <= len("煤电") {
			return true
		}
	}
	return false
}

// enumerationCount reports a number that counts the items of a list just
// before it (在上海、苏南、深圳5个片区驻点): it describes the list.
func enumerationCount(text []rune, cs int, m mention) bool {
	// 恢复甲湿地、乙湿地等天然湿地92.21平方公里: a measure, not a count of
	// the items.
	if !classifierUnit(m.unit) {
		return false
	}
	before := string(text[cs:m.start])
	first := strings.Index(before, "、")
	if first < 0 {
		return false
	}
	// 控制甲湖、乙湖、丙湖等30个重点湖库: 等 and more than were named is
	// the whole set, of which the list gives examples.
	if strings.HasSuffix(before, "等") && m.value > float64(strings.Count(before, "、")+2) {
		return false
	}
	last := strings.LastIndex(before, "、")
	head, tail := before[:first], before[last+len("、"):]
	if tail == "" || len([]rune(tail)) > 14 {
		return false
	}
	// 为, 是 and 有 are too common to mark a figure (主要分为A、B和C四个区).
	verb := func(s string) bool {
		for _, w := range []string{"分为", "包括", "涵盖", "涉及"} {
			if strings.Contains(s, w) {
				return false
			}
		}
		return containsAny(s, reportVerbs) || containsAny(strings.ReplaceAll(s, "与", ""), countVerbs)
	}
	// 推动班列拓线扩量、开行4000班次: the tail is an action of its own.
	if startsWithVerb(tail) {
		return false
	}
	// 建议9件、全国政协提案5件: items with figures of their own are a list
	// of figures, not of names.
	if strings.ContainsAny(before, "0123456789") {
		return false
	}
	return !verb(head) && !verb(tail)
}

// qualifiesLater reports a noun phrase from i that is the subject of a
// later figure: 10亿元以上项目不少于5个 (a level verb before the next
// number), unlike 200家以上企业注册100家以上 (two figures in a row).
func qualifiesLater(text []rune, i, end int) bool {
	for j := i; j < end; j++ {
		if !isDigit(text[j]) {
			continue
		}
		head := string(text[i:j])
		if strings.ContainsAny(head, "、，,；") {
			return false // another item of a list, not the noun's own figure
		}
		for _, v := range levelVerbs {
			if strings.HasSuffix(head, v) {
				return true
			}
		}
		return false
	}
	return false
}

// afterInclusion returns the index after a note on whether a bar counts
// ((含), （不含6亩）) that opens at k, or k when none does.
func afterInclusion(text []rune, k, ce int) int {
	if k >= ce || text[k] != '(' && text[k] != '（' {
		return k
	}
	if !hasPrefixAt(text, k+1, "含") && !hasPrefixAt(text, k+1, "不含") {
		return k
	}
	for j := k + 2; j < ce && j <= k+10; j++ {
		if text[j] == ')' || text[j] == '）' {
			return j + 1
		}
	}
	return k
}

// attendance reports a meeting's roll (应到代表286人，实到275人, 请假17人):
// who came, not a figure of the place.
func attendance(text []rune, cs int, m mention) bool {
	if m.unit != "人" && m.unit != "名" {
		return false
	}
	head := string(text[max(cs, m.start-8):m.start])
	for _, w := range []string{"应到", "实到", "出席", "列席", "请假", "缺席"} {
		if strings.Contains(head, w) {
			return true
		}
	}
	return false
}
