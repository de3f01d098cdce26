package extract

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"planwatch/internal/region"
)

// subjectList remembers, within a sentence, the subject that later
// clauses leave out: 地区生产总值：杭州预计2.1万亿元，宁波预计1.8万亿元, and
// the subjects a 分别 hands out one by one.
type subjectList struct {
	first    clause // the sentence's first clause, whose noun a bare measure may take
	noted    clause // the last clause without a figure
	text     []rune
	topicFor clause
	topic    string   // what noted names, once read
	subjects []string // A和B分别…: the subjects still to hand out
	pred     string
	next     int
	shared   []string // A、B均达到X: the other subjects' names for the same value
	partOf   string   // 安装监控系统589套，其中废水455套: the whole 其中 divides
	partFor  clause
}

// note records a clause that states no figure: its words may be the topic
// of the figures that follow.
func (s *subjectList) note(src *source, c clause) {
	if n := c.end - c.start; n < 2 || n > 18 {
		return
	}
	// 每吨钢的综合能耗，由上年的2.51吨煤，降低到2.28吨煤: the start of a
	// change names nothing; the subject before it stays the topic.
	if baselineCut(src.str(trimPunctSpan(src.text, c.start, c.end))) == 0 {
		return
	}
	s.noted, s.text = c, src.text // read only when a figure needs it
}

// topicName is the quantity the last clause without a figure named, or "".
func (s *subjectList) topicName() string {
	c := s.noted
	if c.end <= c.start {
		return ""
	}
	if s.topicFor != c {
		s.topicFor, s.topic = c, ""
		t := string(trimPunct(s.text[c.start:c.end]))
		if n := len([]rune(t)); n >= 2 && n <= 16 && !containsAny(t, reportVerbs) {
			s.topic = stripLead(stripYearPhrase(t))
		}
	}
	return s.topic
}

// firstNoun is the noun the sentence's first clause opens with.
func (s *subjectList) firstNoun(text []rune) string {
	if s.first.end <= s.first.start {
		return ""
	}
	return leadingNoun(string(trimPunct(text[s.first.start:s.first.end])))
}

// indicator names the quantity a number measures: the words before it,
// or the counted noun after it when only a verb stands before. It returns
// the offset up to which the clause has been used.
func (rd *reader) indicator(c clause, m mention, consumed int, subj *subjectList) (string, int) {
	text := rd.text
	prev := rd.prev
	from := max(c.start, consumed)
	bs := strings.TrimSpace(rd.src.str(from, m.start)) // before as a string, until before is cut
	// | 1 | 推进园区扩容 | 新增标准厂房20万平方米 |: a table row's cell names
	// its own figure.
	if i := strings.LastIndexAny(bs, "|｜"); i >= 0 {
		_, w := utf8.DecodeRuneInString(bs[i:])
		bs = strings.TrimSpace(bs[i+w:])
	}
	before := []rune(bs)
	// 单位能耗由前三年分别上升…，转为下降1.2%: what turned is named
	// before the 由 of the clause that says what it turned from.
	if name, ok := turnedName(text, c, before); ok {
		return sanitize(name), m.end
	}
	// A、B分别增长X、Y: the subjects are read before the list commas are.
	if prev == nil || from == c.start {
		if b := bs; strings.Contains(b, "分别") {
			i := strings.Index(b, "分别")
			subjects := urbanRural(splitSubjects(cleanHead(b[:i])))
			// …分别为5.6万元、2.8万元，分别增长4.5%、6.2%: no subject of its
			// own, the clause before's subjects in turn.
			if len(subjects) == 0 && strings.TrimSpace(b[:i]) == "" && len(subj.subjects) > 1 {
				subjects = subj.subjects
			}
			if len(subjects) > 1 {
				subj.subjects, subj.pred, subj.next = subjects, b[i+len("分别"):], 1
				return sanitize(stripLevelVerb(subjects[0] + subj.pred)), m.end
			}
		}
	}
	// 改造老旧供热、燃气、排水管网800公里、600公里、300公里: a noun whose
	// middle is a list, then a value for each item.
	if prev == nil || from == c.start {
		if names := respectiveNouns(bs, valuesInRun(text, m.end, c.end)); len(names) > 1 {
			subj.subjects, subj.pred, subj.next = names, "", 1
			return sanitize(names[0]), m.end
		}
	}
	// 国内游客人次、总花费增长5.6%、7.5%: a list of subjects before one
	// verb, with as many values (分别 left out) or one for all (DECISIONS 33).
	if prev == nil || from == c.start {
		if subjects, pred := listSubjects(bs); len(subjects) > 1 {
			if m.end+1 < c.end && text[m.end] == '、' && (isDigit(text[m.end+1]) || isChineseNumeral(text[m.end+1])) {
				subj.subjects, subj.pred, subj.next = subjects, pred, 1
				return sanitize(stripLevelVerb(subjects[0] + pred)), m.end
			}
			if allMeasured(subjects) {
				subj.shared = nil
				for _, o := range subjects[1:] {
					subj.shared = append(subj.shared, sanitize(stripLevelVerb(o+pred)))
				}
				return sanitize(stripLevelVerb(subjects[0] + pred)), m.end
			}
		}
	}
	// 恢复甲湿地、乙湿地等天然湿地92.21平方公里: the examples before 等
	// name no quantity; the verb and the class after 等 do.
	if prev == nil || from == c.start {
		if name := exampleClass(string(trimPunct(before))); name != "" {
			return sanitize(name), m.end
		}
	}
	// 96%和94%: a conjunction between two figures continues the list.
	if t := string(trimPunct(before)); prev != nil && (t == "和" || t == "及" || t == "与" || t == "或") {
		before = []rune("、")
	}
	// After a list separator that follows a previous figure, start afresh;
	// but 粮食、蔬菜产量均稳定在 lists the subjects of this one value.
	if k := lastListComma(before); k >= 0 && !((prev == nil || from == c.start) && sharedJun(string(before[k+1:])) > 0) {
		tail := before[k+1:]
		// 推动中欧（亚）班列拓线扩量、开行4000班次: a verb alone after the
		// list comma acts on the noun of the item before it.
		if t := string(trimPunct(tail)); from == c.start && onlyVerbs(t) && (m.end >= c.end || !isHan(text[m.end])) {
			if noun := leadingNoun(string(before[:k])); noun != "" {
				return sanitize(noun + t), m.end
			}
		}
		// 完成新建、重组11家全国重点实验室: verbs listed, then the noun.
		if t := string(trimPunct(tail)); onlyVerbs(t) && m.end < c.end && isHan(text[m.end]) && text[m.end] != '的' {
			if after, end := rd.counted(c, m, true); len([]rune(after)) >= 2 && !growthWords.inRunes([]rune(after)) {
				return after, end
			}
		}
		if len(trimPunct(tail)) < 2 && m.unit == "%" && m.end < c.end && text[m.end] == '的' {
			// 95%的省级、90%的市级和70%的县级党政机关: each share in a list.
			if name, end := rd.shareName(c, m); name != "" {
				return name, end
			}
		}
		if len(trimPunct(tail)) >= 2 || prev == nil {
			before = tail
		} else if after, end := rd.counted(c, m, false); len([]rune(after)) >= 2 && !growthWords.inRunes([]rune(after)) {
			// 新建5条主干道路、2台热水锅炉: each item names its own noun.
			return after, end
		} else {
			if subj.next < len(subj.subjects) {
				subj.next++
				return stripLevelVerb(subj.subjects[subj.next-1] + subj.pred), m.end
			}
			return prev.Indicator, m.end
		}
	}
	if len(trimPunct(before)) == 0 && prev != nil && from > c.start {
		// 200家以上企业注册100家以上数字经济企业入驻: a noun after the
		// number names it; otherwise it measures the same as the last.
		if m.unit == "%" && m.end < c.end && text[m.end] == '的' {
			if name, end := rd.shareName(c, m); name != "" {
				return name, end
			}
		}
		if after, end := rd.counted(c, m, false); len([]rune(after)) >= 2 && !growthWords.inRunes([]rune(after)) {
			return after, end
		}
		return prev.Indicator, m.end
	}
	b := cleanHead(string(trimPunct(before)))
	// 由A上升到B, 从A增长到B: the quantity is what comes before 由/从.
	// 占投资的比重，由上年的74.3%提高到83.7%: with nothing before 由, the
	// subject is the clause before.
	if i := baselineCut(b); i >= 0 {
		b = strings.TrimSpace(b[:i])
	}
	// 现行16%的税率降至13%: the rate in force is no part of the name.
	if i := strings.Index(b, "现行"); i >= 0 && strings.ContainsAny(b[i:], "0123456789") {
		if j := strings.Index(b[i:], "的"); j > 0 {
			b = b[:i] + b[i+j+len("的"):]
		}
	}
	// A、B均达到X: one value for each subject (DECISIONS 33); 人均, 平均
	// and 年均 are no 均. 建设A、B、C示范基地各5万亩 likewise, the verb
	// before the list no part of any subject.
	if i := sharedJun(b); i > 0 && (prev == nil || from == c.start) {
		head, each := b[:i], strings.HasSuffix(b, "各")
		if each {
			r := []rune(head)
			head = string(r[verbAt(r, 0, true):])
		}
		subjects := urbanRural(splitSubjects(head))
		if each {
			shareTail(subjects)
		}
		if len(subjects) > 1 && shareMeasure(subjects) {
			pred := b[i+len("均"):]
			b = subjects[0] + pred
			subj.shared = nil
			for _, o := range subjects[1:] {
				subj.shared = append(subj.shared, sanitize(stripLevelVerb(o+pred)))
			}
		}
	}
	// A和B分别增长X、Y.
	if i := strings.Index(b, "分别"); i >= 0 {
		subjects := urbanRural(splitSubjects(b[:i]))
		pred := b[i+len("分别"):]
		if len(subjects) == 0 && len(subj.subjects) > 1 {
			// …分别为5、27，较上年分别下降76.2%、27%: the subjects of the
			// clause before, with this clause's measure.
			subjects, pred = subj.subjects, strings.TrimSpace(b[:i])+pred
		}
		if len(subjects) > 0 {
			subj.subjects, subj.pred, subj.next = subjects, pred, 1
			return stripLevelVerb(subjects[0] + pred), m.end
		}
	}
	trimmed := stripLevelVerb(b)
	// 办好以10件民生实事为引领的…: 以 frames what follows as a means.
	means := false
	if t, ok := strings.CutSuffix(trimmed, "以"); ok && t != "" && onlyVerbs(t) {
		trimmed, means = t, true
	}
	// 安装污染源自动监控系统589套，其中废水455套、废气134套: each part is
	// named with the whole it belongs to.
	if hasPrefixAt(text, c.start, "其中") {
		if subj.partFor != c {
			subj.partFor, subj.partOf = c, ""
			if prev != nil {
				subj.partOf = subjectOf(prev.Indicator)
			}
		}
		if p := strings.TrimPrefix(trimmed, "其中"); subj.partOf != "" && p != "" && utf8.RuneCountInString(p) <= 4 && !allMeasured([]string{p}) && !strings.Contains(subj.partOf, p) {
			return sanitize(p + subj.partOf), m.end
		}
	}
	// 建成2个示范基地, 在沈阳等地建设8个基地: a verb of making right before
	// the number leaves the counted noun after it.
	nounAfter := m.end < c.end && isHan(text[m.end]) && text[m.end] != '的'
	countVerb := false
	for _, v := range countVerbs.list {
		if strings.HasSuffix(trimmed, v) && (len([]rune(strings.TrimSuffix(trimmed, v))) <= 2 || len([]rune(v)) >= 2 && nounAfter) {
			countVerb = true
			break
		}
	}
	ofNoun := m.end < c.end && text[m.end] == '的' // 20余人的招商团队 counts the team
	if ofNoun && (hasPrefixAt(text, m.end+1, "较低水平") || hasPrefixAt(text, m.end+1, "较高水平") || hasPrefixAt(text, m.end+1, "合理水平")) {
		ofNoun = false // 控制在3.9%的较低水平 only says how good the level is
	}
	if ofNoun && m.unit == "%" {
		if name, end := rd.shareName(c, m); name != "" {
			return name, end
		}
	}
	// 推动200家以上企业注册100家以上数字经济企业入驻: a head that ends with a
	// verb of its own leaves the counted noun after the number.
	verbEnd := !countVerb && endsWithVerb(trimmed)
	// 抓好1万名乡村医生线下培训, 完成沿山路小学等8所风雨馆建设: only verbs,
	// or a list of examples, before the number.
	verbsOnly := onlyVerbs(trimmed) || strings.HasSuffix(trimmed, "等")
	// 完成规划支持的2.9万所乡镇卫生院建设: a clause that describes the
	// noun after the number.
	if strings.HasSuffix(trimmed, "的") && nounAfter && m.unit != "%" { // 总用量的60%: a share of what is before
		verbsOnly = true
	}
	// 建成哈萨尔和东升路两个市民广场, …和8万平方米广场等工程: names before
	// the number, the counted noun after it.
	if nounAfter && (startsWithCountVerb(trimmed) || strings.HasSuffix(trimmed, "和") || strings.HasSuffix(trimmed, "及")) {
		verbsOnly = true
	}
	// 首期100亿元省级科技创新母基金: an ordinal names which of the noun after.
	if ordinalHead(trimmed) && nounAfter {
		if after, _ := rd.counted(c, m, false); len([]rune(after)) >= 2 {
			return sanitize(trimmed + after), m.end
		}
	}
	if !m.all && (len([]rune(trimmed)) < 2 || countVerb || ofNoun || verbEnd || verbsOnly) {
		after, end := rd.counted(c, m, len([]rune(trimmed)) < 2 || verbsOnly)
		if after == "" && end == m.numStart {
			return "", end
		}
		if i := strings.Index(after, "为"); means && i > 0 {
			after = after[:i] // …以10件民生实事为引领: the noun ends at 为
		}
		if len([]rune(after)) >= 2 {
			return after, end
		}
	}
	if (trimmed == "" || emptyIndicator(trimmed)) && prev != nil {
		// 增长7.5%，达到326.4亿元 and 达到6355亿元，同比增长3.5%: the same
		// subject, another measure.
		growth := ""
		if growthWords.inRunes([]rune(trimmed)) {
			growth = trimmed
		}
		trimmed = subjectOf(stripGrowth(prev.Indicator)) + growth
	}
	if topic := subj.topicName(); trimmed == "" && topic != "" {
		trimmed = topic
	}
	// 全年计划投资3亿元, 年内完成20个: a bare measure or verb takes the
	// subject the sentence opened with.
	if genericIndicator(trimmed) {
		// 推进2000个省级重点项目、完成投资9800亿元: the money is the
		// slate's just counted.
		if prev != nil && m.unit == "元" && strings.Contains(prev.Indicator, "项目") && prev.Unit != "元" {
			r := []rune(prev.Indicator)
			for n := verbAt(r, 0, true); n > 0 && len(r) > n+1; n = verbAt(r, 0, true) {
				r = r[n:]
			}
			return sanitize(string(r) + trimmed), m.end
		}
		// 投资6.6亿元，实施两河圣山文化旅游景区基础设施建设: the money's
		// purpose follows it.
		// An earlier clause of the sentence names the project instead
		// (全力建设中俄蒙国际物流园区，全年计划投资3亿元，用于…).
		topic := subj.firstNoun(text)
		if relativeYearWord(topic) {
			topic = ""
		}
		if subj.first.start >= c.start || topic == "" {
			if p := rd.purposeAfter(m); p != "" && strings.HasSuffix(trimmed, "投资") {
				return sanitize(p + "投资"), m.end
			}
		}
		if topic == "" {
			topic = rd.paraTopic()
		}
		if topic != "" && !strings.Contains(trimmed, topic) {
			trimmed = topic + strings.TrimPrefix(trimmed, "完成")
		}
	}
	// 比上年预计数增长17.6%: the subject before, with this clause's change.
	if prev != nil && (strings.HasPrefix(trimmed, "比") || strings.HasPrefix(trimmed, "较")) && growthWords.inRunes([]rune(trimmed)) && len([]rune(trimmed)) <= 12 {
		g := ""
		for _, w := range growthWords.list {
			if strings.HasSuffix(trimmed, w) {
				g = w
				break
			}
		}
		trimmed = subjectOf(stripGrowth(prev.Indicator)) + g
	}
	// 设置至少1个服务中心，每处建筑面积不少于1000平方米: 每处 is each of
	// the things the figure before counted.
	if prev != nil {
		for _, w := range []string{"每处", "每座", "每所", "每家", "每个"} {
			if rest := strings.TrimPrefix(trimmed, w); rest != trimmed && len([]rune(rest)) >= 2 {
				trimmed = prev.Indicator + strings.TrimSuffix(rest, "原则上")
				break
			}
		}
	}
	// 10个面积合计510亩的试点: the attribute is the counted noun's.
	if prev != nil && m.start-consumed < 8 {
		if t := strings.TrimSuffix(strings.TrimSuffix(trimmed, "合计"), "共计"); t != "" && attributeBefore(t) && utf8.RuneCountInString(t) <= 3 {
			trimmed = subjectOf(prev.Indicator) + t
		}
	}
	if strings.HasPrefix(trimmed, "占") && prev != nil {
		trimmed = subjectOf(prev.Indicator) + trimmed
	}
	// 杭州预计2.1万亿元，宁波预计1.8万亿元: a place alone takes the
	// quantity of the clause before; 各市增速分别为：杭州5.8%、…: the
	// first one that of the lead-in.
	if t := trimHedge(trimmed); onlyPlace(t) {
		switch {
		case prev != nil && placeMeasure(prev.Indicator) != "":
			trimmed = t + placeMeasure(prev.Indicator)
		case leadInMeasure(text, c) != "":
			trimmed = t + leadInMeasure(text, c)
		case subj.topicName() != "":
			trimmed = t + subj.topicName()
		}
	} else if p, measure := trailingPlace(trimmed); p != "" && m.end < c.end && text[m.end] == '、' {
		// 森林覆盖率湖州38.5%、丽水72.1%: the place leads its measure.
		trimmed = p + measure
	}
	if m.flat {
		// 居民消费价格与上年持平, 涨幅基本持平: the change that was nought.
		for _, w := range []string{"与上年", "同上年", "比上年", "较上年", "基本", "总体"} {
			trimmed = strings.TrimSuffix(trimmed, w)
		}
		trimmed = strings.TrimSuffix(strings.TrimSuffix(trimmed, "与上年"), "基本")
		if !growthWords.inRunes([]rune(trimmed)) {
			trimmed += "涨幅"
		}
	}
	if m.all {
		// 园区全部实施循环化改造: the share of the class that does it.
		verb := string(trimPunct(text[m.end:min(c.end, m.end+12)]))
		// 把所有天然林都纳入保护范围: the class, then what it does.
		verb = strings.Replace(strings.Replace(verb, "都", "", 1), "均", "", 1)
		if strings.Trim(trimmed, "0123456789.．、（）() ") == "" {
			trimmed = "" // 4.全部完成…: the item's number names nothing
		}
		trimmed = strings.TrimLeft(strings.TrimSuffix(strings.TrimSuffix(trimmed, "把"), "将"), "把将") + verb + "比例"
	} else if m.coverage {
		trimmed = strings.TrimSuffix(strings.TrimSuffix(trimmed, "实现"), "基本实现") + "覆盖率"
	}
	name := sanitize(balanceQuotes(trimmed))
	if m.unit == "倍" {
		// 高新技术企业数量比2020年翻一番: the base year is no part of the
		// name, nor the 比 that compared with it.
		if t, ok := strings.CutSuffix(name, "比"); ok && !strings.HasSuffix(t, "占") {
			name = t
		}
		name = strings.TrimSuffix(name, "较")
	}
	return name, m.end
}

// sanitize drops what no indicator name carries: an unmatched bracket or
// quote at either end, a trailing 的 or 为.
func sanitize(s string) string {
	for changed := true; changed; {
		changed = false
		for _, p := range []struct{ open, close string }{{"（", "）"}, {"(", ")"}, {"“", "”"}, {"《", "》"}} {
			if strings.Count(s, p.open) < strings.Count(s, p.close) && strings.HasSuffix(s, p.close) {
				s, changed = strings.TrimSuffix(s, p.close), true
			}
			if strings.Count(s, p.open) > strings.Count(s, p.close) && strings.HasPrefix(s, p.open) {
				s, changed = strings.TrimPrefix(s, p.open), true
			}
			if i := strings.LastIndex(s, p.open); i >= 0 && strings.Count(s, p.open) > strings.Count(s, p.close) && !strings.Contains(s[i:], p.close) {
				s, changed = strings.TrimSpace(s[:i]), true
			}
		}
		for _, w := range []string{"的", "为", "是"} {
			if strings.HasSuffix(s, w) && len([]rune(s)) > 2 {
				s, changed = strings.TrimSuffix(s, w), true
			}
		}
	}
	return dropWhen(joinHan(s))
}

// whenInName is a time a sentence set inside the words naming its
// quantity: 研发经费投入强度到2025年达到3.5% names 研发经费投入强度. A base
// year (比2020年, 较上年) is part of the name and stays.
var whenInName = regexp.MustCompile(`(?:到|至|在|于)?(?:(?:19|20)\d\d|今|明|本)年(?:底|末)?(?:前|以前)?`)

// dropWhen takes the time out of an indicator's name.
func dropWhen(s string) string {
	if !strings.Contains(s, "年") {
		return s
	}
	out := s
	for _, loc := range slices.Backward(whenInName.FindAllStringIndex(s, -1)) {
		i, j := loc[0], loc[1]
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[j:])
		if strings.ContainsRune("比较从由与和、同上近", before) || strings.ContainsRune("度均内间以来", after) || j < len(s) && isDigit(after) {
			continue
		}
		if rest := out[:i] + out[j:]; utf8.RuneCountInString(rest) >= 2 {
			out = rest
		}
	}
	return out
}

// joinHan drops the spaces a page's line breaks left between Chinese
// characters (火电平均供电 煤耗); spaces between Latin words stay.
func joinHan(s string) string {
	if !strings.ContainsAny(s, " \t\u3000") {
		return s
	}
	r := []rune(s)
	out := r[:0:0]
	for i, c := range r {
		if c == ' ' || c == '\t' || c == '\u3000' {
			j := i
			for j < len(r) && (r[j] == ' ' || r[j] == '\t' || r[j] == '\u3000') {
				j++
			}
			if len(out) > 0 && j < len(r) && (isHan(out[len(out)-1]) || isHan(r[j])) {
				continue
			}
		}
		out = append(out, c)
	}
	return strings.TrimSpace(string(out))
}

// listItemAt reports a list item that starts with its own number within a
// few runes (、10个先进级智能工厂 or 、新增8家): the noun before it ends.
func listItemAt(text []rune, k, end int) bool {
	for i := k; i < end && i < k+4; i++ {
		if isDigit(text[i]) || isChineseNumeral(text[i]) && i+1 < end && unitFirst.has(text[i+1]) {
			return true
		}
	}
	return false
}

// verbLexicon lists verbs of doing that stand before a counted noun.
var verbLexicon = func() []string {
	seen := map[string]bool{}
	var out []string
	for _, list := range [][]string{actionVerbs.list, countVerbs.list, {"抓好", "构建", "启动", "解决", "组织", "加快", "带动",
		"构筑", "推进", "推动", "完成", "实施", "开展", "新开工", "再", "力争", "争取", "计划", "全面", "重点", "着力", "持续",
		"积极", "大力", "加大", "共同", "联合", "逐步", "基本", "初步", "累计", "共", "新", "做好", "办好", "严格", "制定", "出台",
		"深入", "扎实", "加速", "确保", "重点", "全力", "集中", "推行", "谋划", "储备", "争创", "申报", "编制", "拆除", "改建",
		"完善", "深化", "优化", "强化", "加强", "健全", "规范", "选取", "选择", "布设", "划定", "排查", "摸清", "审核", "试点", "每年",
		"调整", "率先", "需", "需要", "开行", "新改建", "改建", "重组", "整合", "合并", "恢复", "修复", "整治", "治理",
		"做优", "做强", "做大", "做精", "做实", "建好", "用好", "管好", "办好", "纳规", "认证", "新认证",
		"统筹", "稳妥", "守护", "利用好", "帮扶", "改扩建", "巩固", "巩固提升", "继续"}} {
		for _, w := range list {
			if !seen[w] {
				seen[w] = true
				out = append(out, w)
			}
		}
	}
	return out
}()

// verbsByFirst is verbLexicon keyed by each verb's first rune.
var verbsByFirst = newWordSet(verbLexicon...).byFirst

// onlyVerbs reports words that are verbs of doing and nothing else, but
// for the area they act in (全面完成城区内, 加快推进主城区) and 了.
func onlyVerbs(s string) bool {
	s = strings.ReplaceAll(s, "了", "")
	// 建好首批: which batch is no noun of its own.
	for _, w := range []string{"首批", "首期", "第一批", "第二批", "第三批", "新一批", "一批"} {
		if t := strings.TrimSuffix(s, w); t != s && t != "" {
			s = t
			break
		}
	}
	for _, w := range []string{"城区内", "主城区", "市区内", "辖区内", "城区", "市区", "境内", "区内", "全区", "全市", "全省", "全县", "全旗", "全州"} {
		if t := strings.TrimSuffix(s, w); t != s {
			s = t
			break
		}
	}
	if s == "" {
		return false
	}
	for s != "" {
		// Only the verbs that start with s's first rune can be its prefix:
		// looking them up spares a comparison with every verb of the
		// lexicon for each word of each indicator.
		best := 0
		r, _ := utf8.DecodeRuneInString(s)
		for _, v := range verbsByFirst[r] {
			if strings.HasPrefix(s, v) && len(v) > best {
				best = len(v)
			}
		}
		if best == 0 {
			return false
		}
		s = s[best:]
	}
	return true
}

// endsWithVerb reports words before a number that end with a verb of
// doing rather than a noun (企业注册, 项目开工).
func endsWithVerb(s string) bool {
	r := []rune(s)
	if len(r) < 3 {
		return false
	}
	for _, v := range []string{"注册", "入驻", "落户", "签约", "开工", "竣工", "投产", "备案", "登记", "上市", "挂牌"} {
		if strings.HasSuffix(s, v) {
			return true
		}
	}
	return false
}

func startsWithCountVerb(s string) bool {
	for _, v := range countVerbs.list {
		if len([]rune(v)) >= 2 && strings.HasPrefix(s, v) {
			return true
		}
	}
	return false
}

// genericIndicator reports a name too bare to stand alone: a measure
// (投资, 产值) or a verb.
func genericIndicator(s string) bool {
	switch s {
	case "投资", "计划投资", "完成投资", "总投资", "产值", "收入", "面积", "规模", "总量", "完成":
		return true
	}
	return s != "" && onlyVerbs(s)
}

// leadingNoun is the noun phrase a clause is about, after the verbs that
// open it and up to the next: 加快东山组团建设 → 东山组团;
// 中俄蒙国际物流园区建设取得突破 → 中俄蒙国际物流园区. Empty when the
// clause holds a number or no such phrase.
func leadingNoun(s string) string {
	s = cleanHead(s)
	if strings.ContainsAny(s, "0123456789") {
		return ""
	}
	r := []rune(s)
	for {
		n := verbAt(r, 0, true)
		if n == 0 || len(r) <= n+1 {
			break
		}
		r = r[n:]
	}
	for i := 2; i < len(r); i++ {
		if verbAt(r, i, false) > 0 {
			return string(r[:i])
		}
	}
	if len(r) >= 2 && len(r) <= 12 {
		return string(r)
	}
	return ""
}

// verbSet holds the two-character-or-longer verbs (and, for the opening of
// a clause, the adverbs of action) that end a noun phrase.
var (
	verbSet    = newWordSet(longWords(append([]string{"建设", "取得", "进展", "工作", "项目"}, verbLexicon...))...)
	openingSet = newWordSet(longWords(append(append([]string{}, actionPrefixes...), verbLexicon...))...)
)

func longWords(ws []string) []string {
	var out []string
	for _, w := range ws {
		if runeCount(w) >= 2 {
			out = append(out, w)
		}
	}
	return out
}

// verbAt is the length of the longest verb at r[i], 0 when none; opening
// also takes the adverbs that open a clause (全力, 着力).
func verbAt(r []rune, i int, opening bool) int {
	set := verbSet
	if opening {
		set = openingSet
	}
	if i >= len(r) || !set.first.has(r[i]) {
		return 0
	}
	best := 0
	for _, w := range set.runes[r[i]] {
		if len(w) > best && i+len(w) <= len(r) && string(r[i:i+len(w)]) == string(w) {
			best = len(w)
		}
	}
	return best
}

// cleanHead strips from the words before a number what is not the
// quantity's name: years, lead words (力争, 其中), scope (全市), a verb of
// planning at the front.
func cleanHead(b string) string {
	// Markdown emphasis: 1. **支持原始创新。** 每年投入不少于5亿元.
	b = strings.ReplaceAll(strings.ReplaceAll(b, "**", ""), "__", "")
	for prevB := ""; prevB != b; {
		prevB = b
		b = stripMarker(b)
		b = stripCount(b)
		b = stripLead(stripYearPhrase(b))
		for _, w := range scopeWords {
			b = strings.TrimPrefix(b, w)
		}
		b = stripTrailingYear(b)
		// （牵头单位：A；配合单位：B）新改建户厕: who does it is no part of
		// what is counted.
		if strings.HasPrefix(b, "（") || strings.HasPrefix(b, "(") {
			if k := strings.IndexAny(b, "）)"); k > 0 && k+len("）") < len(b) && containsAny(b[:k], unitGate) {
				_, w := utf8.DecodeRuneInString(b[k:])
				b = b[k+w:]
			}
		}
		b = strings.TrimSuffix(b, "原则上") // 每处建筑面积原则上不少于1000平方米
		// 对全省3493个入海排污口进行分类整治: 对 opens the object, named after.
		if t := strings.TrimPrefix(b, "对"); t != b && (t == "" || containsAnyWord(t, scopeWords) && len([]rune(t)) <= 3) {
			b = ""
		}
		// 在先进材料、高端装备等关键领域实施: where the action happens is no
		// part of the name (and the list's last item alone, …新一代信息技术
		// 等关键领域实施, still ends in it).
		if k := strings.Index(b, "等"); k > 0 && !strings.HasPrefix(b, "在") {
			for _, w := range []string{"领域", "行业", "方面", "地区", "区域", "园区", "城市"} {
				if j := strings.Index(b[k:], w); j > 0 && j <= len("关键重点") && k+j+len(w) < len(b) {
					b = b[k+j+len(w):]
					break
				}
			}
		}
		if strings.HasPrefix(b, "在") {
			for _, w := range []string{"领域", "行业", "方面", "地区", "区域", "园区", "城市"} {
				if k := strings.Index(b, w); k > 0 && k+len(w) < len(b) {
					b = b[k+len(w):]
					break
				}
			}
		}
		// 在2020年的基础上单位建筑面积能耗下降: the basis is no part of the name.
		if k := strings.Index(b, "基础上"); k >= 0 && k+len("基础上") < len(b) {
			b = strings.TrimLeft(b[k+len("基础上"):], "，, ")
		}
		// 地区生产总值按增长5%安排: 按 only frames the planned rate.
		for _, g := range []string{"增长", "下降", "提高"} {
			b = strings.Replace(b, "按"+g, g, 1)
		}
		for _, w := range []string{"去年底的", "去年末的", "去年的", "上年的", "现在的", "目前的", "今年的", "年末的", "年底的"} {
			b = strings.TrimSuffix(b, w)
		}
		// 增长到2025年的: a transition with nothing of its own to name.
		for _, w := range []string{"增长到", "提高到", "提升到", "提升至", "上升到", "增加到", "下降到", "降至", "降到", "降低到", "减少到", "扩大到", "达到", "升到", "增至"} {
			if b == w {
				b = ""
			}
		}
	}
	return b
}

// stripTrailingYear drops a year at the end of a head: 增长到2025年的.
func stripTrailingYear(b string) string {
	r := []rune(strings.TrimSuffix(b, "的"))
	if len(r) >= 5 && r[len(r)-1] == '年' && isDigit(r[len(r)-2]) && isDigit(r[len(r)-5]) {
		return string(r[:len(r)-5])
	}
	return b
}

// baselineCut finds 由 or 从 that open a change from one level to another.
func baselineCut(b string) int {
	for _, w := range []string{"由", "从"} {
		i := strings.LastIndex(b, w)
		if i < 0 {
			continue
		}
		rest := b[i+len(w):]
		if strings.ContainsAny(rest, "0123456789") || strings.Contains(rest, "年") || rest == "" {
			return i
		}
	}
	return -1
}

// counted reads the noun after a number: 2个全国农业信息化示范基地. With
// share, a value followed at once by another (3800户、58万平方米棚户区改造)
// takes the noun of the last.
func (rd *reader) counted(c clause, m mention, share bool) (string, int) {
	text := rd.text
	i := m.end
	depth := 0
	j := i
	attrAt := -1 // where an attribute with its own figure starts: its figure is read on its own
	for j < c.end {
		r := text[j]
		if r == '（' || r == '(' {
			depth++
		} else if (r == '）' || r == ')') && depth > 0 {
			depth--
		} else if depth == 0 && isDigit(r) {
			// 世界500强企业: a rank is part of the noun.
			k := j
			for k < c.end && isDigit(text[k]) {
				k++
			}
			if k < c.end && text[k] == '强' && j > i {
				j = k + 1
				continue
			}
			// 10个面积合计510亩的试点: an attribute of the noun with its own
			// figure; the noun is what follows its 的.
			if j > i && attributeBefore(string(text[max(i, j-4):j])) {
				if e := gradeOf(text, k, c.end); e > k {
					if attrAt < 0 {
						attrAt = attrStart(text, i, j)
					}
					i, j = e, e
					continue
				}
			}
			// 178座10蒸吨及以下的燃煤小锅炉: a size grades the noun counted.
			if j == i {
				if e := gradeAt(text, k, c.end); e > k {
					i, j = e, e
					continue
				}
			}
			break
		} else if depth == 0 && r == '、' && listItemAt(text, j+1, c.end) {
			break
		}
		j++
	}
	if j < c.end && isDigit(text[j]) {
		// 17个重点产业增加值增长5.3%: the count qualifies the next figure's
		// subject; it is not a figure of its own.
		phrase := string(text[i:j])
		if k := strings.Index(phrase, "、"); k > 0 {
			// 推进2000个省级重点项目、完成投资9800亿元: the noun ends at the
			// list comma; the next item is a figure of its own.
			j = i + runeCount(phrase[:k])
		} else if growthWords.inRunes([]rune(phrase)) || strings.HasSuffix(phrase, "达到") || strings.HasSuffix(phrase, "完成投资") {
			return "", m.numStart
		}
	}
	if share && j < c.end && text[j] == '、' && len(trimPunct(text[i:j])) == 0 {
		// 完成3800户、58万平方米棚户区改造: the values share the noun
		// after the last of them.
		k := j + 1
		for k < c.end && (isDigit(text[k]) || isChineseNumeral(text[k]) || text[k] == '.') {
			k++
		}
		if k > j+1 {
			if _, ku := matchUnit(text, k); ku > k {
				next := mention{end: ku, numStart: j + 1}
				if noun, _ := rd.counted(c, next, false); len([]rune(noun)) >= 2 {
					return noun, j
				}
			}
		}
	}
	if i < c.end && (text[i] == '、' || text[i] == '，') {
		// 增长5.4%、高于全国0.4个百分点: a list separator right after the
		// number leaves it no counted noun of its own.
		return "", i
	}
	// 由2015年的0个提升至7个: a change follows, not a noun.
	for _, w := range transitions {
		if len([]rune(w)) >= 2 && hasPrefixAt(text, i, w) {
			return "", i
		}
	}
	s := string(trimPunct(text[i:j]))
	s = strings.TrimPrefix(s, "的")
	for _, suf := range []string{"建设", "基础上", "等"} {
		if strings.HasSuffix(s, suf) && len([]rune(s)) > len([]rune(suf))+2 {
			s = strings.TrimSuffix(s, suf)
		}
	}
	s = strings.Trim(s, "“”\"")
	// 5000所中心乡镇卫生院、2000所县级医院和2400所…: the list goes on.
	for _, w := range []string{"以及", "和", "及", "与"} {
		if strings.HasSuffix(s, w) && len([]rune(s)) > len([]rune(w))+2 {
			s = strings.TrimSuffix(s, w)
			break
		}
	}
	if attrAt >= 0 {
		return s, attrAt
	}
	return s, j
}

// attrStart is where the attribute word before j begins (面积合计 in
// 10个面积合计510亩的…), so that its own figure is still read.
func attrStart(text []rune, i, j int) int {
	for k := max(i, j-4); k < j; k++ {
		if attributeBefore(string(text[k:j])) {
			return k
		}
	}
	return j
}

// onlyPlace reports an indicator that is only a place name: the quantity
// was left out of the clause.
func onlyPlace(s string) bool {
	if s == "" || len([]rune(s)) > 12 {
		return false
	}
	ms := region.Find(s)
	if len(ms) == 0 {
		return false
	}
	covered := 0
	for _, m := range ms {
		covered += m.End - m.Start
	}
	return covered >= len([]rune(s))-1
}

// hedges are words of estimate between a place and its figure (杭州预计).
var hedges = []string{"预计", "初步核算", "初步", "约"}

// trimHedge removes a word of estimate that ends s.
func trimHedge(s string) string {
	for _, h := range hedges {
		if t, ok := strings.CutSuffix(s, h); ok {
			return t
		}
	}
	return s
}

// placeMeasure is an indicator without the place names at either end:
// the quantity a list of places shares.
func placeMeasure(s string) string {
	r := []rune(s)
	from, to := 0, len(r)
	for _, m := range region.Find(s) {
		if m.Start == from {
			from = m.End
		}
		if m.End == to && m.Start > from {
			to = m.Start
		}
	}
	return string(r[from:to])
}

// trailingPlace splits an indicator that ends with a place name
// (森林覆盖率湖州) into the place and the measure before it.
func trailingPlace(s string) (place, measure string) {
	r := []rune(s)
	for _, m := range region.Find(s) {
		if m.End == len(r) && m.Start >= 2 {
			return string(r[m.Start:]), string(r[:m.Start])
		}
	}
	return "", ""
}

// leadInMeasure reads the quantity a list after a colon shares from the
// clause that leads into it: 各市地区生产总值增速分别为：杭州5.8%.
func leadInMeasure(text []rune, c clause) string {
	if c.start < 2 || (text[c.start-1] != '：' && text[c.start-1] != ':') {
		return ""
	}
	from := c.start - 1
	for from > 0 && !clauseBreak(text[from-1]) && !sentenceEnd(text[from-1]) && text[from-1] != '\n' {
		from--
	}
	s := strings.TrimSpace(string(text[from : c.start-1]))
	for _, w := range []string{"分别为", "分别是", "依次为", "分别达到"} {
		s = strings.TrimSuffix(s, w)
	}
	for _, w := range []string{"各设区市", "各地市", "各市", "各县", "各区", "各地", "其中"} {
		s = strings.TrimPrefix(s, w)
	}
	if n := len([]rune(s)); n < 2 || n > 20 || onlyPlace(s) {
		return ""
	}
	return s
}

func lastListComma(s []rune) int {
	depth := 0
	for i := len(s) - 1; i >= 0; i-- {
		switch s[i] {
		case '）', ')':
			depth++
		case '（', '(':
			if depth > 0 {
				depth--
			}
		case '、':
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// sharedJun finds the 均 of A、B均达到X, or -1.
func sharedJun(b string) int {
	// 示范基地各5万亩: each of the subjects before 各 gets the figure.
	if t, ok := strings.CutSuffix(b, "各"); ok {
		if before, _ := utf8.DecodeLastRuneInString(t); isHan(before) && !strings.ContainsRune("人平年月日", before) {
			return len(t)
		}
	}
	for i := 0; ; {
		k := strings.Index(b[i:], "均")
		if k < 0 {
			return -1
		}
		k += i
		before, _ := utf8.DecodeLastRuneInString(b[:k])
		rest := b[k+len("均"):]
		if !strings.ContainsRune("人平年月日", before) && (rest == "" || startsWithAny(rest, levelVerbs) || startsWithAny(rest, []string{"增长", "下降", "提高", "实现", "保持", "在", "有", "超"})) {
			return k
		}
		i = k + len("均")
	}
}

func startsWithAny(s string, ws []string) bool {
	for _, w := range ws {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

// measureWords end the name of a quantity: a subject that has one is an
// indicator of its own.
var measureWords = []string{"率", "比例", "比重", "占比", "数量", "数", "量", "面积", "浓度", "指数", "产值", "收入", "投资", "规模",
	"总额", "增加值", "人数", "户数", "人次", "花费", "强度", "密度", "时间", "天数", "长度", "里程", "能力", "容量", "余额", "价格"}

func allMeasured(subjects []string) bool {
	for _, s := range subjects {
		ok := false
		for _, w := range measureWords {
			if strings.HasSuffix(s, w) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// listSubjects reads 国内游客人次、总花费增长 as two subjects and the verb
// they share. Each subject must be a name of its own (three characters or
// more), so 研究与试验发展经费 stays one.
func listSubjects(b string) ([]string, string) {
	// Most words before a figure end in none of the verbs: that cheap
	// test goes before the searches through all of b.
	w := ""
	for _, v := range []string{"同比增长", "年均增长", "比上年增长", "增长", "下降", "增至", "提高到", "提升至", "达到", "分别为"} {
		if strings.HasSuffix(b, v) {
			w = v
			break
		}
	}
	if w == "" || strings.Contains(b, "分别") || sharedJun(b) >= 0 || hasAnyRune(b, "，；：等") {
		return nil, ""
	}
	head := cleanHead(strings.TrimSuffix(b, w))
	for _, m := range []string{"要", "将", "应", "须"} {
		head = strings.TrimSuffix(head, m) // 排放量要下降: the modal is no part of the subject
	}
	subjects := splitSubjects(head)
	if len(subjects) < 2 {
		return nil, ""
	}
	shareMeasure(subjects)
	for _, s := range subjects {
		n := runeCount(s)
		if n < 3 || n > 16 || onlyVerbs(s) || strings.ContainsAny(s, "的等") || endsWithLexVerb(s) {
			return nil, ""
		}
	}
	return subjects, w
}

// valuesInRun counts the values of a run that starts at a mention ending
// at k: 800公里、600公里、300公里 is three.
func valuesInRun(text []rune, k, end int) int {
	n := 1
	for k+1 < end && text[k] == '、' && isDigit(text[k+1]) {
		j := k + 1
		for j < end && (isDigit(text[j]) || text[j] == '.') {
			j++
		}
		u, e := matchUnit(text, j)
		if u == "" {
			break
		}
		n, k = n+1, e
	}
	return n
}

// respectiveNouns names each value of a run after a noun whose middle
// lists as many items: 改造老旧供热、燃气、排水管网 with three values gives
// 改造老旧供热管网, 改造老旧燃气管网, 改造老旧排水管网. The items between
// the first and the last, all of one length, show where the shared prefix
// ends and the shared suffix begins; nil when the head is no such list.
func respectiveNouns(b string, values int) []string {
	if values < 3 || strings.Count(b, "、") != values-1 || hasAnyRune(b, "，；：,;") {
		return nil
	}
	items := strings.Split(b, "、")
	n := runeCount(items[1])
	for _, it := range items[1 : len(items)-1] {
		if runeCount(it) != n || n > 6 {
			return nil
		}
	}
	first, last := []rune(items[0]), []rune(items[len(items)-1])
	if len(first) <= n || len(last) <= n {
		return nil
	}
	prefix, suffix := string(first[:len(first)-n]), string(last[n:])
	items[0], items[len(items)-1] = string(first[len(first)-n:]), string(last[:n])
	names := make([]string, len(items))
	for i, it := range items {
		names[i] = prefix + it + suffix
	}
	return names
}

// sharedMeasures are the measures a list of subjects can share from its
// last item: 二氧化硫、氮氧化物排放量, 粮食、蔬菜产量.
var sharedMeasures = []string{"排放量", "消费量", "产量", "总量", "用量", "销量", "利用率", "覆盖率", "达标率", "普及率",
	"增加值", "营业收入", "收入", "投资", "比重", "占比", "比例", "规模", "面积", "人数", "数量"}

// shareMeasure gives the earlier subjects of a list the measure the last
// one names, where they name none of their own. It reports whether every
// subject then names something (日均、月均满足程度 are no two subjects).
func shareMeasure(subjects []string) bool {
	if len(subjects) < 2 {
		return true
	}
	last := subjects[len(subjects)-1]
	for _, mw := range sharedMeasures {
		if !strings.HasSuffix(last, mw) || len(last) == len(mw) {
			continue
		}
		for i := range subjects[:len(subjects)-1] {
			if !allMeasured(subjects[i:i+1]) && runeCount(subjects[i]) <= 6 {
				subjects[i] += mw
			}
		}
		break
	}
	for _, s := range subjects {
		if runeCount(s) < 3 {
			return false
		}
	}
	return true
}

// endsWithLexVerb reports words that end with a verb of doing: 各部门取消.
func endsWithLexVerb(s string) bool {
	for _, v := range verbLexicon {
		if runeCount(v) >= 2 && strings.HasSuffix(s, v) {
			return true
		}
	}
	return false
}

// classRange hides from splitSubjects the 及 of 及以上 and 及以下 and the
// 及, 与 and 和 inside words (普及率, 参与率); classRangeBack restores them.
var (
	classRange = strings.NewReplacer("及以上", "\x00以上", "及以下", "\x00以下",
		// 普及率, 参与率, 和谐: a word that holds 及, 与 or 和.
		"普及", "普\x00", "惠及", "惠\x00", "涉及", "涉\x00", "及时", "\x00时", "参与", "参\x01", "和谐", "\x02谐", "饱和", "饱\x02")
	classRangeBack = strings.NewReplacer("\x00", "及", "\x01", "与", "\x02", "和")
)

// shareTail gives the short subjects of a list (水稻、小麦、玉米示范基地)
// what follows the last one's first word: 水稻示范基地, 小麦示范基地.
func shareTail(subjects []string) {
	n := len(subjects)
	if n < 2 {
		return
	}
	last := []rune(subjects[n-1])
	for k := range subjects[:n-1] {
		r := []rune(subjects[k])
		if len(r) >= 2 && len(r) <= 4 && len(last) > len(r)+1 && !strings.HasSuffix(subjects[k], string(last[len(r):])) {
			subjects[k] += string(last[len(r):])
		}
	}
}

func splitSubjects(s string) []string {
	// 较“十二五”末分别下降: a comparison, not a subject.
	if t := strings.TrimSpace(s); strings.HasPrefix(t, "较") || strings.HasPrefix(t, "比") || strings.HasPrefix(t, "同比") {
		return nil
	}
	f := func(r rune) bool { return r == '和' || r == '、' || r == '与' || r == '及' }
	// 地级及以上城市, 县级及以下医院: one class of places, not two subjects.
	s = classRange.Replace(s)
	var out []string
	for _, p := range strings.FieldsFunc(s, f) {
		p = classRangeBack.Replace(p)
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	n := len(out)
	if n < 2 || !allMeasured(out[n-1:]) {
		return out
	}
	last := []rune(out[n-1])
	measure := measureSuffix(out[n-1])
	// 入海排污口监测、溯源、整治比例: the items after the first, all as short
	// as each other, are of the thing the first one names, and all share
	// the last one's measure.
	nameLen := func(o string) int { return utf8.RuneCountInString(o) - utf8.RuneCountInString(measureSuffix(o)) }
	k := nameLen(out[1])
	for _, o := range out[2:] {
		if nameLen(o) != k {
			k = 0
		}
	}
	if first := []rune(out[0]); k >= 2 && k <= 3 && n >= 3 && nameLen(out[0]) >= k+3 {
		prefix := string(first[:nameLen(out[0])-k])
		for j := range out {
			if measureSuffix(out[j]) == "" {
				out[j] += measure
			}
			if j > 0 {
				out[j] = prefix + out[j]
			}
		}
		return out
	}
	// 长江、淮河流域水质优良断面比例, 粮食、蔬菜产量: a short name before the
	// last subject shares what follows the last one's name.
	for k := 0; k < n-1; k++ {
		r := []rune(out[k])
		if len(r) > 4 || len(last) <= len(r) || allMeasured(out[k:k+1]) {
			continue
		}
		rest := string(last[len(r):])
		if len(last) > len(r)+3 || utf8.RuneCountInString(rest) <= 3 && measureSuffix(rest) != "" {
			out[k] += rest
		}
	}
	return out
}

// urbanRural reads one subject of 城乡 before 分别 or 均 as two: 城乡居民
// 人均可支配收入分别增长8.7%和8.6% are the towns' and the countryside's.
func urbanRural(subjects []string) []string {
	if len(subjects) == 1 && strings.Count(subjects[0], "城乡") == 1 {
		return []string{strings.Replace(subjects[0], "城乡", "城镇", 1), strings.Replace(subjects[0], "城乡", "农村", 1)}
	}
	return subjects
}

// measureSuffix is the measure word a name ends with (比例 of 整治比例), or "".
func measureSuffix(s string) string {
	best := ""
	for _, w := range measureWords {
		if strings.HasSuffix(s, w) && len(w) > len(best) {
			best = w
		}
	}
	return best
}

func subjectOf(ind string) string {
	for _, w := range []string{"总产值", "增加值", "产值", "营业收入", "规模", "总量", "投资", "收入"} {
		if i := strings.Index(ind, w); i >= 0 {
			return ind[:i+len(w)]
		}
	}
	return ind
}

func stripYearPhrase(s string) string {
	r := []rune(s)
	for {
		// strings.TrimLeft(string(r), " ，,") in the runes themselves:
		// the string and the runes again cost two copies a round.
		for len(r) > 0 && (r[0] == ' ' || r[0] == '，' || r[0] == ',') {
			r = r[1:]
		}
		n := 0
		if len(r) > 0 && (r[0] == '到' || r[0] == '至') {
			n = 1
		}
		k := n
		for k < len(r) && (isDigit(r[k]) || r[k] == ' ') {
			k++
		}
		if k > n && k < len(r) && r[k] == '年' {
			k++
			for _, w := range []string{"底前", "年底", "底", "末", "前", "内", "以前", "的"} {
				if hasPrefixAt(r, k, w) {
					k += len([]rune(w))
					break
				}
			}
			r = r[k:]
			continue
		}
		// “十四五”期间, 十四五末
		if ref, ok := fiveYearAt(r, 0, len(r), n); ok {
			r = r[ref.end:]
			continue
		}
		return string(r)
	}
}

func stripLead(s string) string {
	// “六个倍增”——全社会研发经费…: the label of a list before its dash.
	if k := strings.Index(s, "——"); k > 0 && runeCount(s[:k]) <= 12 && runeCount(s[k:]) > 4 {
		s = s[k+len("——"):]
	}
	for changed := true; changed; {
		changed = false
		s = strings.TrimLeft(s, " ，,、“”：:"+bulletGlyphs)
		if k := goalLeadEnd(s); k > 0 {
			s, changed = s[k:], true
		}
		// 2021-我市…: the first year of a range whose end was taken as
		// the time.
		if m := reYearDash.FindStringIndex(s); m != nil && m[1] < len(s) {
			s, changed = s[m[1]:], true
		}
		for _, w := range leadWords {
			if strings.HasPrefix(s, w) && len(s) > len(w) {
				s = strings.TrimPrefix(s, w)
				changed = true
			}
		}
	}
	return s
}

var reYearDash = regexp.MustCompile(`^(?:19|20)\d{2}\s*[-—–~～至]\s*`)

// goalLeadEnd is the byte length of a short phrase naming the goal
// before its figure (目标任务为, 主要目标是, 工作任务是), or 0.
func goalLeadEnd(s string) int {
	for _, head := range []string{"目标", "任务", "指标"} {
		for _, verb := range []string{"为", "是"} {
			k := strings.Index(s, head+verb)
			if k < 0 {
				continue
			}
			if end := k + len(head+verb); runeCount(s[:k]) <= 6 && len(s) > end {
				return end
			}
		}
	}
	return 0
}

func stripLevelVerb(s string) string {
	for changed := true; changed; {
		changed = false
		s = strings.TrimRight(s, " ，,、")
		// 毛入学率将, 覆盖率要, 装机规模已: a modal before the level verb.
		for _, w := range []string{"将要", "将", "要", "已经", "已"} {
			if strings.HasSuffix(s, w) && runeCount(s) > runeCount(w)+2 {
				s = strings.TrimSuffix(s, w)
				changed = true
				break
			}
		}
		for _, w := range levelVerbs {
			if strings.HasSuffix(s, w) && len(s) > len(w) {
				s = strings.TrimSuffix(s, w)
				changed = true
				break
			}
		}
	}
	return trimQuotes(s)
}

// trimQuotes drops spaces and the quote marks around a name, but keeps a
// quoted part the name ends with (打造“产业大脑”).
func trimQuotes(s string) string {
	s = strings.Trim(s, "\" ")
	open, close := strings.Count(s, "“"), strings.Count(s, "”")
	switch {
	case open == 1 && close == 1 && strings.HasPrefix(s, "“") && strings.HasSuffix(s, "”"):
		return strings.TrimSuffix(strings.TrimPrefix(s, "“"), "”")
	case close > open:
		s = strings.TrimSuffix(s, "”")
	case open > close:
		s = strings.TrimPrefix(s, "“")
	}
	return strings.Trim(s, "\" ")
}

func scopeOf(s string) string {
	for _, w := range scopeWords {
		if strings.Contains(s, w) {
			return w
		}
	}
	return ""
}

func emptyIndicator(s string) bool {
	// 稳步达到3000亿元: a manner alone names nothing.
	for _, a := range []string{"稳步", "逐步", "持续", "不断", "进一步", "继续", "仍", "已"} {
		if t := strings.TrimPrefix(s, a); t != s && t != "" {
			s = t
			break
		} else if s == a {
			return true
		}
	}
	for _, list := range [][]string{levelVerbs, countVerbs.list, {"增长", "下降", "提高", "降低", "减少", "增加", "累计", "总计", "合计", "共", "共计",
		"同比增长", "比上年增长", "年均增长", "同比下降", "比上年下降", "增速", "增幅", "预计", "约"}} {
		for _, w := range list {
			if s == w {
				return true
			}
		}
	}
	return false
}

func stripGrowth(s string) string {
	for _, w := range []string{"同比增长", "年均增长", "增长", "下降", "提高", "降低", "减少", "增加"} {
		if strings.HasSuffix(s, w) && len(s) > len(w) {
			return strings.TrimSuffix(s, w)
		}
	}
	return s
}

func stripMarker(s string) string {
	if _, n := marker(s); n > 0 {
		return s[n:]
	}
	return s
}

// balanceQuotes restores an opening quote cut off with the words before an
// indicator: 农机服务+”新型组织 → “农机服务+”新型组织.
func balanceQuotes(s string) string {
	open, close := strings.Count(s, "“"), strings.Count(s, "”")
	if close > open && !strings.HasPrefix(s, "“") {
		return "“" + s
	}
	if open > close && strings.HasSuffix(s, "“") {
		return strings.TrimSuffix(s, "“")
	}
	return s
}

// sizePhrase reads what follows a size's digits from k: decimals, a
// unit, 以上/以下 (or 左右) and 的. It returns the phrase's end (k when no
// unit follows), whether a bound (以上/以下) closed the unit, and whether a
// 的 closed the phrase.
func sizePhrase(text []rune, k, end int) (e int, bound, of bool) {
	if k < end && text[k] == '.' {
		k++
		for k < end && isDigit(text[k]) {
			k++
		}
	}
	_, e = matchUnit(text, k)
	if e <= k {
		return k, false, false
	}
	for _, w := range []string{"及以下", "及以上", "以下", "以上", "左右"} {
		if hasPrefixAt(text, e, w) {
			e += len([]rune(w))
			bound = w != "左右"
			break
		}
	}
	if e < end && text[e] == '的' {
		e, of = e+1, true
	}
	return e, bound, of
}

// gradeAt is the end of a grade after a size's digits (10蒸吨及以下的),
// or k when no bound makes the size a grade.
func gradeAt(text []rune, k, end int) int {
	if e, bound, _ := sizePhrase(text, k, end); bound {
		return e
	}
	// 20个500千伏输变电工程, 3个10万吨级泊位: a voltage or a 级 names the
	// class of what is counted.
	u, e := matchUnit(text, k)
	if e > k && e < end && text[e] == '级' {
		return e + 1
	}
	if u == "千伏" || u == "千伏安" {
		return e
	}
	return k
}

// gradeOf is the end of an attribute's figure closed by 的 (面积合计510亩的),
// or k when no 的 closes it.
func gradeOf(text []rune, k, end int) int {
	if e, _, of := sizePhrase(text, k, end); of {
		return e
	}
	return k
}

// ordinalHead reports a head that only says which batch or phase: 首期,
// 首批, 第二批, 一期.
func ordinalHead(s string) bool {
	r := []rune(s)
	if len(r) < 2 || len(r) > 4 || !strings.ContainsRune("期批轮届", r[len(r)-1]) {
		return false
	}
	body := r[:len(r)-1]
	if body[0] == '第' {
		body = body[1:]
	}
	if len(body) == 0 {
		return false
	}
	for _, c := range body {
		if c != '首' && !isChineseNumeral(c) && !isDigit(c) {
			return false
		}
	}
	return true
}

// startsWithVerb reports words that open with a verb of doing.
// exampleClass reads a head that gives examples of a class: a verb, a
// list of names and 等 with the class (建设甲、乙等人工湿地 → 建设人工湿地).
// It is "" for any other head.
func exampleClass(b string) string {
	first := strings.Index(b, "、")
	k := strings.LastIndex(b, "等")
	if first < 0 || k < first || !startsWithVerb(b) {
		return ""
	}
	class := b[k+len("等"):]
	if n := runeCount(class); n < 2 || n > 12 || strings.ContainsAny(class, "、，,（(") {
		return ""
	}
	verb := ""
	r, _ := utf8.DecodeRuneInString(b)
	for _, v := range longVerbsByFirst[r] {
		if strings.HasPrefix(b, v) && len(v) > len(verb) {
			verb = v
		}
	}
	return verb + class
}

// longVerbsByFirst holds the verbs of two or more characters of
// verbLexicon, keyed by first rune and in the lexicon's order: only those
// can start a word with that rune.
var longVerbsByFirst = newWordSet(longWords(verbLexicon)...).byFirst

func startsWithVerb(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	for _, v := range longVerbsByFirst[r] {
		if strings.HasPrefix(s, v) {
			return true
		}
	}
	return false
}

// purposeAfter reads what an amount is spent on from the clause after it:
// ，实施X, ，用于X, ，建设X. Empty when none follows at once.
func (rd *reader) purposeAfter(m mention) string {
	k := m.end
	for k < len(rd.text) && (rd.text[k] == ' ' || rd.text[k] == '，' || rd.text[k] == ',') {
		k++
	}
	if k == m.end || k >= len(rd.text) {
		return ""
	}
	end := k
	for end < len(rd.text) && end-k < 40 && !strings.ContainsRune("，,。；;", rd.text[end]) {
		end++
	}
	rest := string(rd.text[k:end])
	for _, v := range []string{"重点实施", "实施", "用于", "建设", "推进"} {
		if strings.HasPrefix(rest, v) {
			noun := strings.TrimSpace(strings.TrimPrefix(rest, v))
			noun = strings.TrimSuffix(strings.TrimSuffix(noun, "建设"), "工程")
			noun = strings.Replace(noun, "的", "", 1)
			if n := runeCount(noun); n >= 3 && n <= 24 && !strings.ContainsAny(noun, "0123456789") {
				return noun
			}
			return ""
		}
	}
	return ""
}

// relativeYearWord reports a clause that only says when: 今年, 全年, 明年.
func relativeYearWord(s string) bool {
	for _, w := range relativeYears {
		if s == w.word {
			return true
		}
	}
	return false
}

// shareName names a share by what it counts: 推动60%以上的县级特困供养机构
// 三级达标 is the share of those that do.
func (rd *reader) shareName(c clause, m mention) (string, int) {
	after, end := rd.counted(c, m, false)
	if len([]rune(after)) < 2 {
		return "", end
	}
	after = strings.Replace(strings.Replace(after, "都能", "", 1), "都", "", 1)
	after = strings.TrimRight(after, "和及、")
	after += sharedShareHead(rd.text, m.end, c.end, after)
	if !strings.HasSuffix(after, "率") && !strings.HasSuffix(after, "比例") && !strings.HasSuffix(after, "比重") {
		after += "比例"
	}
	return sanitize(after), end
}

// sharedShareHead is the head a list of shares leaves to its last item:
// in "95%的省级、90%的市级和70%的县级党政机关达到创建标准" the 省级 and 市级
// shares are of 党政机关达到创建标准 too. qual is what the share at
// text[from] counts (省级, 市级和); the head follows the last share's own
// qualifier, found by the ending the qualifiers share (级). It is "" when
// the share is not an item of such a list, or is its last.
func sharedShareHead(text []rune, from, end int, qual string) string {
	qual = strings.TrimRight(qual, "和及、")
	q := []rune(qual)
	i := from + 1 + len(q) // past 的 and the qualifier
	if i >= end || len(q) == 0 || len(q) > 6 || !strings.ContainsRune("、和及", text[i]) {
		return ""
	}
	// The last share of the list: the last "%的" of the clause.
	last := -1
	for k := i; k+1 < end; k++ {
		if (text[k] == '%' || text[k] == '％') && text[k+1] == '的' {
			last = k + 2
		}
	}
	if last < 0 {
		return ""
	}
	tail := text[last:end]
	for k, r := range tail {
		if strings.ContainsRune("，。；：,;", r) {
			tail = tail[:k]
			break
		}
	}
	// The last qualifier ends where the shared ending of the qualifiers does.
	for n := len(q); n >= 1; n-- {
		suffix := string(q[len(q)-n:])
		if k := strings.Index(string(tail), suffix); k >= 0 && utf8.RuneCountInString(string(tail)[:k]) <= len(q) {
			head := string(tail)[k+len(suffix):]
			if utf8.RuneCountInString(head) >= 2 {
				return head
			}
			return ""
		}
	}
	return ""
}

// turnedName names the value of a clause opening with 转为 (or 变为) after
// one that said where the quantity turned from: the subject before 由.
func turnedName(text []rune, c clause, before []rune) (string, bool) {
	b := string(before)
	var verb string
	for _, w := range []string{"转变为", "转为", "转而", "变为"} {
		if rest, ok := strings.CutPrefix(b, w); ok {
			verb = rest
			break
		}
	}
	if verb == "" || c.start < 2 {
		return "", false
	}
	// The clause before: back to the previous clause break.
	k := c.start - 2
	for k > 0 && !strings.ContainsRune("，。；：,;\n", text[k-1]) {
		k--
	}
	prev := string(text[k : c.start-1])
	i := strings.IndexAny(prev, "由从")
	if i <= 0 {
		return "", false
	}
	subject := cleanHead(strings.TrimSpace(prev[:i]))
	if utf8.RuneCountInString(subject) < 2 {
		return "", false
	}
	return subject + verb, true
}

// stripCount drops the count that opens an item run into a paragraph
// (六是帮扶…, 二要…): it orders the items, it names nothing.
func stripCount(b string) string {
	r := []rune(b)
	k := 0
	for k < len(r) && k < 2 && isChineseNumeral(r[k]) {
		k++
	}
	if k > 0 && k < len(r) && (r[k] == '是' || r[k] == '要') && k+1 < len(r) {
		return string(r[k+1:])
	}
	return b
}
