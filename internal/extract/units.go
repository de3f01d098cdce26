package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// unitNote is what a task's text says about who does it.
type unitNote struct {
	lead, support []string
	carry         bool // 下同: the statement holds for the items that follow
	firstLeads    bool // 列第一位者为牵头单位: of the units named, the first leads
}

// unitCues mark a bracket or clause that names responsible units.
var unitCues = []string{"牵头", "负责", "主办", "责任单位", "责任部门", "责任科室", "责任处室", "配合", "协办", "协作单位", "协作部门", "参与单位", "参与部门", "会同", "责任主体", "实施主体", "分工落实", "共同落实", "组织实施",
	"责任：", "责任:", "落实单位", "落实部门",
	"主责单位", "主责部门", "主办单位", "承办单位", "协助单位", "协同单位", "协同部门", "成员单位", "参加单位"}

// unitGate is unitCues with 职责 and 责任人, looked for in one pass over a
// task's text rather than one search per word.
var unitGate = newWordSet(append(append([]string{}, unitCues...), "职责", "责任人")...)

// readUnits finds the units a task's text names, however it states them:
// （牵头单位：A；配合单位：B、C）, （责任单位：A、B，下同）, （A、B负责）,
// （负责部门：A）, 由A牵头, A牵头、B配合. Where only responsible units are
// named, they lead (DOMAIN.md); where the document says the first one
// listed leads (列第一位者为牵头单位), the rest support.
func readUnits(body string, firstLeads bool) unitNote {
	var n unitNote
	n.firstLeads = firstLeads
	// 【牵头单位】市科委【配合单位】市财政局: the labels set in brackets.
	if strings.Contains(body, "【") {
		body = boxNotes(reBoxLabel.ReplaceAllString(body, "；$1："))
	}
	if !strings.Contains(body, "（") && !strings.Contains(body, "〔") && strings.IndexByte(body, '(') < 0 && strings.IndexByte(body, '[') < 0 && !containsAny(body, unitGate) {
		return n
	}
	if strings.IndexByte(body, ':') >= 0 {
		body = asciiLabels.Replace(body) // 责任单位: A: the colon a keyboard types
	}
	if strings.Contains(body, "单位为") || strings.Contains(body, "部门为") || strings.Contains(body, "单位是") || strings.Contains(body, "部门是") {
		body = reLabelIs.ReplaceAllString(body, "$1：") // 责任单位为A
	}
	body = plainRoles(body)
	marked, body := markedLeads(body)
	var resp []string
	for _, g := range unitGroups(body) {
		// 牵头单位：A 配合单位：B: a label after a space starts a part of
		// its own, before the spaces inside wrapped names are joined.
		g = reSpacedLabel.ReplaceAllString(g, "；$1")
		g = reSpacedField.ReplaceAllString(g, "；$1")
		g = joinWrappedNames(g)
		if strings.Contains(g, "下同") && carriesUnits(g) {
			n.carry = true
		}
		if reFirstLeads.MatchString(g) {
			n.firstLeads = true
			g = dropFirstLeadsNote(g)
		}
		for _, part := range unitParts(g) {
			part = strings.TrimSpace(part)
			label, list, ok := cutLabel(part)
			switch {
			case !ok && part == "下同":
			case !ok && allUnits(part):
				// （市科委、市经济信息化委）: names alone, who are responsible.
				resp = append(resp, splitUnits(part)...)
			case ok && dutyLabel(label) && statesRoles(list):
				// 责任单位：A牵头，B配合; 部门分工：A、B分别牵头: the list
				// says who leads.
				l, s, r := unitClause(list)
				n.lead = append(n.lead, l...)
				n.support = append(n.support, s...)
				resp = append(resp, r...)
			case ok && containsAnyWord(label, personLabels):
				// 牵头领导：王某某: a person, not a unit
			case ok && (strings.Contains(label, "牵头") || strings.Contains(label, "主责") || strings.Contains(label, "主办")):
				n.lead = append(n.lead, splitUnits(list)...)
			case ok && (strings.Contains(label, "配合") || strings.Contains(label, "协办") || strings.Contains(label, "协作") || strings.Contains(label, "参与") || strings.Contains(label, "协同") || strings.Contains(label, "协助") || strings.Contains(label, "成员") || strings.Contains(label, "参加")):
				n.support = append(n.support, splitUnits(list)...)
			case ok && dutyLabel(label):
				resp = append(resp, splitUnits(list)...)
			case ok:
				// another label (适用范围：…): not units
			default:
				l, s, r := unitClause(part)
				n.lead = append(n.lead, l...)
				n.support = append(n.support, s...)
				resp = append(resp, r...)
			}
		}
	}
	switch {
	case len(n.lead) == 0 && n.firstLeads && len(resp) > 0:
		n.lead, n.support = resp[:1], append(resp[1:], n.support...)
	case len(n.lead) == 0:
		n.lead = resp
	default:
		n.support = append(n.support, resp...)
	}
	n.lead, n.support = placeParties(n.lead, n.support)
	n.lead = dedupeUnits(n.lead, nil)
	n.support = dedupeUnits(n.support, n.lead)
	return withMarkedLeads(n, marked)
}

// dutyLabel reports a label over the units responsible: 责任单位, 负责部门,
// 实施主体, 部门分工, 落实单位.
func dutyLabel(label string) bool {
	return containsAnyWord(label, []string{"责任", "负责", "实施", "承办", "分工", "落实单位", "落实部门"})
}

// statesRoles reports a list of units that says who leads and who helps
// (A牵头，B配合) rather than naming them alone.
func statesRoles(list string) bool {
	for _, part := range fieldsOutsideBrackets(list, "，,；;") {
		part = strings.TrimSpace(strings.TrimRight(part, "。"))
		if strings.HasSuffix(part, "牵头") || hasAnySuffix(part, partnerSuffixes) || hasAnySuffix(part, leadSuffixes) {
			return true
		}
	}
	return false
}

// asciiLabels gives unit labels typed with an ASCII colon the full-width
// one the rest of the reading expects.
var asciiLabels = strings.NewReplacer("单位:", "单位：", "部门:", "部门：", "单位 :", "单位：", "部门 :", "部门：")

// reLabelIs is a unit label written as a sentence: 责任单位为A, 牵头部门是A.
var reLabelIs = regexp.MustCompile(`((?:牵头|责任|配合|主责|协办|参与|协同|负责)(?:单位|部门))(?:为|是)`)

// unitGroups returns the brackets of body that name units, and the clause
// of an unbracketed 牵头单位：… or 由A牵头.
func unitGroups(body string) []string {
	var out []string
	depth, start := 0, -1
	for i, r := range body {
		switch r {
		case '（', '(', '〔', '[':
			if depth == 0 {
				start = i + utf8.RuneLen(r)
			}
			depth++
		case '）', ')', '〕', ']':
			if depth > 0 {
				depth--
				if depth == 0 && start >= 0 {
					g := body[start:i]
					if runeCount(g) <= 300 && (containsAnyWord(g, unitCues) || allUnits(trimCarry(g)) && !insideName(body, start, i)) {
						out = append(out, g)
					}
					start = -1
				}
			}
		}
	}
	// Outside brackets: a labelled line (责任单位：A、B) or a clause (由A
	// 牵头). A bracket's own note ((排在第一为牵头单位，下同)) may go with
	// a labelled line, so both are read.
	stated := func(s string) bool {
		return strings.Contains(s, "牵头") || strings.Contains(s, "单位：") || strings.Contains(s, "部门：") ||
			strings.Contains(s, "负责") || strings.Contains(s, "职责") || strings.Contains(s, "第一责任人") ||
			strings.Contains(s, "会同") || strings.Contains(s, "责任：") || strings.Contains(s, "主体：")
	}
	if !stated(body) {
		return out
	}
	rest := outsideBrackets(body)
	if !stated(rest) {
		return out
	}
	if len(out) > 0 && !strings.Contains(rest, "单位：") && !strings.Contains(rest, "部门：") && !strings.Contains(rest, "责任：") && !strings.Contains(rest, "主体：") {
		return out
	}
	for _, sent := range strings.FieldsFunc(rest, func(r rune) bool { return r == '。' || r == '\n' }) {
		labelled := false
		for _, clause := range fieldsOutsideBrackets(sent, "，；,;") {
			if label, _, ok := cutLabel(clause); ok && (containsAnyWord(label, unitCues) || label == "责任") {
				out = append(out, clause)
				labelled = true
				continue
			}
			c := normalizeClause(strings.TrimSpace(clause))
			// 责任单位：A（牵头），B: names after a comma continue the list.
			if labelled && allUnits(c) {
				out[len(out)-1] += "、" + c
				continue
			}
			labelled = false
			if strings.HasPrefix(c, "由") && strings.HasSuffix(c, "牵头") {
				out = append(out, c)
				continue
			}
			// 市商务局牵头，…: units alone before 牵头 lead.
			if strings.HasSuffix(c, "牵头") && allUnits(strings.TrimSuffix(c, "牵头")) {
				out = append(out, c)
				continue
			}
			// 由A会同B等部门组织实施: A leads, B supports.
			if lead, partners, ok := togetherWith(c); ok {
				out = append(out, "由"+lead+"牵头")
				if partners != "" {
					out = append(out, partners+"配合")
				}
				continue
			}
			// A牵头负责: A leads; 各区政府按职责分工落实: the units carry it out.
			if who, ok := dutyClause(c); ok {
				out = append(out, who)
				continue
			}
			// 各级卫生健康部门负责…, 国家医保局承担…职责, 医疗机构是…第一责任人:
			// a unit named as the subject of a word of responsibility.
			if who := responsibleSubject(c, sent); who != "" {
				out = append(out, who+"负责")
				continue
			}
			// 由A牵头，B配合: the partner clause of a lead named just before
			// (各有关单位要密切配合 urges, it names no one).
			if len(out) > 0 && hasAnySuffix(c, partnerSuffixes) && runeCount(c) <= 40 && !strings.Contains(c, "要") && !strings.Contains(c, "密切") {
				out = append(out, c)
			}
		}
	}
	return out
}

// responsibleSubject returns the units that open a clause as the subject
// of 负责, 承担…职责 or 是…第一责任人, or "".
func responsibleSubject(c, sent string) string {
	for _, w := range []string{"负责", "承担", "是", "作为"} {
		k := strings.Index(c, w)
		if k <= 0 {
			continue
		}
		if w == "承担" && !strings.Contains(sent, "职责") || (w == "是" || w == "作为") && !strings.Contains(c, "第一责任人") {
			continue
		}
		who := strings.TrimSpace(c[:k])
		for _, p := range []string{"要", "应", "应当", "具体", "统一", "共同", "牵头", "分别", "各自"} {
			who = strings.TrimSuffix(who, p)
		}
		who = trimDuty(who)
		// 由A、B分别负责…: the 由 that names who does the item.
		who = strings.TrimPrefix(who, "由")
		if allUnits(who) {
			return who
		}
	}
	return ""
}

// togetherWith reads 由A会同B等部门组织实施 (or 负责, 推进): the units
// before 会同 lead, those after it support; partners is "" when they are
// only 有关部门.
func togetherWith(c string) (lead, partners string, ok bool) {
	rest, found := strings.CutPrefix(c, "由")
	if !found || !hasAnySuffix(rest, respSuffixes) {
		return "", "", false
	}
	a, b, found := strings.Cut(rest, "会同")
	if !found || !allUnits(a) {
		return "", "", false
	}
	for _, suf := range respSuffixes {
		if strings.HasSuffix(b, suf) {
			b = strings.TrimSuffix(b, suf)
			break
		}
	}
	return a, partnersOf(b), true
}

// partnersOf reads the units after 会同 (B in A会同B负责): "" when they are
// only 有关部门 or not units at all.
func partnersOf(b string) string {
	for _, tail := range []string{"等有关部门", "等相关部门", "有关部门", "相关部门", "等部门", "等单位"} {
		b = strings.TrimSuffix(b, tail)
	}
	if b == "" || !allUnits(b) {
		return ""
	}
	return b
}

// reDuty is the 按职责分工 that closes a list of units before 负责: 依职责,
// 按照职责分工, 根据各自职能.
var reDuty = regexp.MustCompile(`(?:按|依|依据|根据|按照)(?:各自)?(?:职责|职能)(?:分工)?$`)

// trimDuty removes a trailing 按职责分工 and its kin from a list of units.
func trimDuty(s string) string {
	if !strings.Contains(s, "职") {
		return s
	}
	return reDuty.ReplaceAllString(s, "")
}

// partnerSuffixes end a clause naming the units that support: B配合,
// B参与, B协同, B协助.
var partnerSuffixes = []string{"配合", "参与", "协同", "协助", "协办"}

// roleEnd reports a line that ends in a word of who does what: A牵头,
// B配合, C负责.
func roleEnd(s string) bool {
	return strings.HasSuffix(s, "牵头") || hasAnySuffix(s, leadSuffixes) || hasAnySuffix(s, partnerSuffixes) || hasAnySuffix(s, respSuffixes)
}

// leadSuffixes end a clause naming who leads: A牵头抓总, A、B主办.
var leadSuffixes = []string{"牵头抓总", "牵头落实", "牵头推进", "主办", "主责"}

// reBoxLabel is a unit label in 【】.
var reBoxLabel = regexp.MustCompile(`【((?:牵头|责任|配合|协办|参与|主责|负责)(?:单位|部门))】`)

// reFirstLeads matches a note that the first unit named leads:
// 列第一位者为牵头单位, 排在第一为牵头单位, 排名第一的部门为牵头部门.
var reFirstLeads = regexp.MustCompile(`(?:第一|首位)(?:位|个)?(?:的|者)?(?:责任|负责)?(?:单位|部门)?(?:为|是)(?:工作)?(?:牵头|主责)`)

// firstLeadsNote reports a note anywhere in text that the first unit
// named leads. The pattern is tried only just before each 牵头 or 主责.
func firstLeadsNote(text string) bool {
	for _, w := range []string{"牵头", "主责"} {
		for i := 0; ; {
			k := strings.Index(text[i:], w)
			if k < 0 {
				break
			}
			k += i
			from := max(0, k-36) // a dozen characters before it
			for from > 0 && !utf8.RuneStart(text[from]) {
				from--
			}
			if reFirstLeads.MatchString(text[from : k+len(w)]) {
				return true
			}
			i = k + len(w)
		}
	}
	return false
}

// insideName reports a bracket set inside a name or title rather than
// after a sentence: 党校（行政学院）教学计划, 《规范（试行）》. start and
// end are the byte offsets of its content.
func insideName(body string, start, end int) bool {
	open, _ := utf8.DecodeLastRuneInString(body[:start])
	prev, _ := utf8.DecodeLastRuneInString(body[:start-utf8.RuneLen(open)])
	_, w := utf8.DecodeRuneInString(body[end:])
	next, _ := utf8.DecodeRuneInString(body[end+w:])
	if !isHan(prev) {
		return false
	}
	if isHan(next) || next == '》' || next == '〉' || next == '、' {
		return true
	}
	// 各镇（街道）, 各县（市、区）政府（管委会） at a name's end: the other
	// kind of division or body the name also covers.
	return (next == utf8.RuneError || strings.ContainsRune("，,；;。 ）)", next)) && altDivision(body[start:end])
}

// altDivision reports a bracket's content that names kinds of division
// or body (街道, 市、区, 社区, 管委会), as a unit's name adds them.
func altDivision(inner string) bool {
	parts := strings.FieldsFunc(inner, func(r rune) bool { return r == '、' || r == '，' || r == ',' })
	if len(parts) == 0 {
		return false
	}
	for _, p := range parts {
		switch {
		case altDivisionWords[strings.TrimSpace(p)]:
		case strings.HasSuffix(p, "管委会") && runeCount(p) <= 8:
		default:
			return false
		}
	}
	return true
}

var altDivisionWords = map[string]bool{
	"街道": true, "社区": true, "乡镇": true, "镇": true, "乡": true, "村": true, "居": true, "市": true, "区": true,
	"县": true, "县区": true, "市区": true, "县市区": true, "旗": true, "园区": true, "开发区": true, "管委会": true,
	"场": true, "林场": true, "农场": true, "街道办事处": true, "社区居委会": true, "村委会": true,
}

// outsideBrackets is body without its bracketed notes. A bracket inside
// a name (各县（市、区）政府: insideName, with no word of responsibility in
// it) is part of the name and stays.
func outsideBrackets(body string) string {
	var b strings.Builder
	depth, open, content := 0, 0, 0
	for i, r := range body {
		switch {
		case opensNote(r):
			if depth == 0 {
				open, content = i, i+utf8.RuneLen(r)
			}
			depth++
		case closesNote(r) && depth > 0:
			depth--
			if depth == 0 {
				if inner := body[open : i+utf8.RuneLen(r)]; insideName(body, content, i) && !containsAnyWord(inner, unitCues) {
					b.WriteString(inner)
				}
			}
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// cutLabel splits 牵头单位：A、B into its label and list.
func cutLabel(s string) (label, list string, ok bool) {
	i := strings.IndexAny(s, "：:")
	if i < 0 || runeCount(s[:i]) > 8 {
		return "", s, false
	}
	_, w := utf8.DecodeRuneInString(s[i:])
	return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+w:]), true
}

// reSpacedLabel is a unit label after white space: the part of a note
// that a space, not a ；, sets apart.
var reSpacedLabel = regexp.MustCompile(`[ \t\x{3000}]+((?:牵头|配合|责任|协办|协作|参与|协同|协助|主责|主办|承办)(?:单位|部门|科室|处室)[：:])`)

// carriesUnits reports whether a note's 下同 repeats its units for the
// items after it: the sentence that ends 下同 must name them. In
// （A、B负责。列第一位者为牵头单位，下同） and （A负责。各市不再分工，下同）
// what holds below is the convention or the remark, not the list.
func carriesUnits(g string) bool {
	// （牵头单位：A；配合单位：B。下同）: the 下同 after a stop still closes
	// the note it ends.
	g = strings.NewReplacer("。下同", "，下同", "；下同", "，下同", "。以下同", "，以下同").Replace(g)
	for _, sent := range strings.FieldsFunc(g, func(r rune) bool { return r == '。' || r == '；' || r == ';' }) {
		if !strings.Contains(sent, "下同") {
			continue
		}
		var rest []string
		for _, c := range strings.FieldsFunc(sent, func(r rune) bool { return r == '，' || r == ',' }) {
			c = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(c), "下同"), "以"))
			// （A、B负责，列第一位者为牵头单位，下同）: 下同 closes the
			// convention, and only the convention holds below.
			if reFirstLeads.MatchString(c) {
				rest = nil
				continue
			}
			if c != "" {
				rest = append(rest, c)
			}
		}
		r := strings.Join(rest, "，")
		if r != "" && (strings.Contains(r, "牵头") || strings.Contains(r, "负责") || strings.Contains(r, "：") || strings.Contains(r, ":") ||
			strings.Contains(r, "配合") || allUnits(r)) {
			return true
		}
	}
	return false
}

// trimCarry drops a closing 下同 from a note of names alone
// （市发改委、市财政局，下同）.
func trimCarry(g string) string {
	g = strings.TrimRight(strings.TrimSpace(g), "。")
	if t, ok := strings.CutSuffix(g, "下同"); ok {
		return strings.TrimRight(t, "，, ")
	}
	return g
}

// dropFirstLeadsNote removes the clause that says the first unit leads
// (，列第一位的为牵头单位) from a note, leaving the units it lists.
func dropFirstLeadsNote(g string) string {
	parts := strings.FieldsFunc(g, func(r rune) bool { return r == '，' || r == ',' || r == '；' || r == '。' })
	var keep []string
	for _, p := range parts {
		if !reFirstLeads.MatchString(p) {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, "，")
}

func hasAnySuffix(s string, sufs []string) bool {
	for _, suf := range sufs {
		if strings.HasSuffix(s, suf) {
			return true
		}
	}
	return false
}

// unitParts splits a group at ；and 。, and at a comma that opens another
// label (负责部门：人民银行，适用范围：…) or another clause (A指导，B负责).
func unitParts(g string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(g, func(r rune) bool { return r == '；' || r == ';' || r == '。' }) {
		pieces := strings.FieldsFunc(part, func(r rune) bool { return r == '，' || r == ',' })
		cur := ""
		for _, p := range pieces {
			if _, _, ok := cutLabel(p); ok && cur != "" {
				out = append(out, cur)
				cur = p
				continue
			}
			if cur == "" {
				cur = p
			} else {
				cur += "，" + p
			}
		}
		if cur != "" {
			out = append(out, cur)
		}
	}
	return out
}

// splitUnits splits a list of units at 、，, and "等和", trimming 等 and
// a trailing 等有关部门.
func splitUnits(s string) []string {
	s = strings.ReplaceAll(s, "等和", "、")
	s = strings.ReplaceAll(s, "以及", "、")
	for _, w := range []string{"以下同", "下同"} {
		s = strings.ReplaceAll(s, w, "")
	}
	var out []string
	keep := func(u string) {
		u = strings.Trim(strings.TrimSpace(u), "“”\"[]。.")
		bare := strings.TrimPrefix(u, partyMark)
		if n := runeCount(bare); n < 2 || n > 30 || !hasHan(bare, 2) || deadlinePart(bare) || remark(bare) || officeHolder(bare) {
			return
		}
		out = append(out, u)
	}
	// 省商务厅等部门及各市、县级政府: the parties after 等 run on to the
	// list's end.
	afterEtc := false
	for _, u := range fieldsOutsideBrackets(s, "、，,；; \u3000") {
		u = strings.TrimSpace(u)
		// A comma ends the run: A等有关部门，各县区人民政府 names the
		// counties in their own right.
		if k := strings.Index(s, u); k > 0 {
			if prev, _ := utf8.DecodeLastRuneInString(strings.TrimRight(s[:k], " \u3000")); strings.ContainsRune("，,；;", prev) {
				afterEtc = false
			}
		}
		if afterEtc {
			keep(partyMark + u)
			continue
		}
		// 责任单位：A、B按职责分工负责: the duty ends the list, not the name.
		for _, suf := range respSuffixes {
			if t := strings.TrimSuffix(u, suf); t != u && hasHan(t, 2) {
				u = trimDuty(t)
				break
			}
		}
		u = strings.TrimSuffix(strings.TrimSuffix(u, "分别"), "共同")
		// A等部门 is A; A等国务院相关部门及各地区 is A, and the parties
		// after 等 stand beside it (DECISIONS 59).
		u = strings.TrimSuffix(strings.TrimSuffix(u, "等部门"), "等单位")
		u = strings.TrimSuffix(u, "等")
		var parties []string
		if k := etcAt(u); k > 0 {
			for _, p := range joinedUnits(u[k+len("等"):]) {
				if p != "部门" && p != "单位" { // a bare 部门 names no one
					parties = append(parties, partyMark+p)
				}
			}
			u = u[:k]
			afterEtc = true
		}
		for _, p := range joinedUnits(u) {
			keep(p)
		}
		for _, p := range parties {
			keep(p)
		}
	}
	return out
}

// partyMark flags a party named after 等 (A等有关部门): it supports the
// units named before it. readUnits moves such names to support and drops
// the mark.
const partyMark = "\x01"

// etcAt is the index of a 等 that ends a list of units with a party after
// it (人民银行等国务院相关部门), or -1. 高等院校 and 平等 are words.
func etcAt(u string) int {
	k := strings.Index(u, "等")
	if k <= 0 || k+len("等") >= len(u) {
		return -1
	}
	prev, _ := utf8.DecodeLastRuneInString(u[:k])
	if strings.ContainsRune("高平同对均中初次", prev) {
		return -1
	}
	return k
}

// joinedUnits splits names joined by 和 or 及 (财政部和人民银行,
// 国务院相关部门及各地区) where both sides are names of bodies; 工业和信息化部
// and 住房和城乡建设部 stay whole.
func joinedUnits(u string) []string {
	for _, sep := range []string{"及", "和", "与"} {
		for k := strings.Index(u, sep); k > 0; {
			left, right := u[:k], u[k+len(sep):]
			if runeCount(left) >= 2 && runeCount(right) >= 2 && hasAnySuffix(left, orgEndings) && hasAnySuffix(right, orgEndings) {
				return append(joinedUnits(left), joinedUnits(right)...)
			}
			next := strings.Index(right, sep)
			if next < 0 {
				break
			}
			k += len(sep) + next
		}
	}
	return []string{u}
}

// remark reports a part of a note that is a sentence about the units, not
// one: 以下均需地方各级人民政府负责, 不再列出.
func remark(u string) bool {
	return strings.HasPrefix(u, "以下") || strings.HasPrefix(u, "下列") || strings.Contains(u, "均需") || strings.Contains(u, "不再")
}

// deadlinePart reports a part of a note that gives the time, not a unit:
// （责任单位：A、B，6月底完成）, 2024年底前, 长期坚持.
func deadlinePart(u string) bool {
	if strings.ContainsAny(u, "0123456789") && strings.ContainsAny(u, "年月日底前") {
		return true
	}
	for _, w := range []string{"完成", "持续推进", "长期坚持", "年底前", "月底前", "长期"} {
		if strings.HasSuffix(u, w) {
			return true
		}
	}
	return false
}

func dedupeUnits(us, skip []string) []string {
	seen := map[string]bool{}
	for _, s := range skip {
		seen[s] = true
	}
	out := []string{}
	for _, u := range us {
		if !seen[u] {
			seen[u] = true
			out = append(out, u)
		}
	}
	return out
}

func containsAnyWord(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// orgEndings end the names of government bodies and public units.
var orgEndings = []string{"委", "局", "办", "厅", "部", "院", "中心", "政府", "管委会", "委员会", "办公室", "总局", "署", "银行", "分行", "支行", "农发行",
	"公司", "集团", "海关", "法院", "检察院", "协会", "学会", "联合会", "科协", "工商联", "团委", "妇联", "党委", "分中心",
	"部门", "机构", "各区", "相关区", "有关区", "各县", "各市", "各地", "有关部门", "相关部门", "各有关部门", "有关单位", "相关单位", "各有关单位", "金融监管局",
	"督查室", "研究室", "参事室", "研究所", "街道", "镇街", "街镇", "乡镇", "各镇", "各乡", "支队", "大队", "分局", "各园区", "总队",
	"监会", "各地区", "专班"}

// allUnits reports a bracket that only names bodies (市科委、市经济信息化委):
// a plan's way of saying who does an item without a label.
func allUnits(g string) bool {
	parts := fieldsOutsideBrackets(g, "、，,；")
	if len(parts) == 0 {
		return false
	}
	for _, p := range parts {
		p = strings.TrimSuffix(strings.TrimSpace(p), "等")
		if hasAnySuffix(p, []string{"主办", "协办"}) {
			return false // A主办: a role stated, read as a clause
		}
		for _, w := range []string{"含", "包括", "如", "即", "指", "简称", "以下简称", "以下统称", "统称", "下称", "不含", "除", "其中", "例如"} {
			if strings.HasPrefix(p, w) {
				return false // （含县级医院）explains, it names no one responsible
			}
		}
		// 区委宣传部（区网信办）: a body named with its other name.
		if k := strings.LastIndex(p, "（"); k > 0 && strings.HasSuffix(p, "）") && hasAnySuffix(p[k+len("（"):len(p)-len("）")], orgEndings) {
			p = p[:k]
		}
		// （部门）, （单位）: a category, no body (配合单位（部门）).
		if n := runeCount(p); n < 2 || n > 25 || !hasAnySuffix(p, orgEndings) || hasAnySuffix(p, notOrgEndings) || p == "部门" || p == "单位" || p == "机构" {
			return false
		}
	}
	return true
}

// notOrgEndings end words that end as a body's name does but name none:
// 优化空间布局, 新发展格局, 服务大局.
var notOrgEndings = []string{"布局", "格局", "大局", "开局", "全局", "新局", "结局", "破局"}

// joinWrappedNames removes the line breaks a page put inside a note of
// units (省经济和信息 / 化厅, or the space reflow left for one): no unit's
// name holds one, and units are listed with 、 and ，.
func joinWrappedNames(g string) string {
	if !strings.ContainsAny(g, "\n\r ") {
		return g
	}
	r := []rune(g)
	out := make([]rune, 0, len(r))
	for i := 0; i < len(r); i++ {
		if r[i] == '\n' || r[i] == '\r' || r[i] == ' ' {
			j := i
			for j < len(r) && (r[j] == '\n' || r[j] == '\r' || r[j] == ' ' || r[j] == '\t' || r[j] == '\u3000') {
				j++
			}
			k := len(out) - 1
			for k >= 0 && (out[k] == ' ' || out[k] == '\u3000') {
				k--
			}
			if k >= 0 && j < len(r) && isHan(out[k]) && (isHan(r[j]) || r[j] == '（' || r[j] == '(') {
				out = out[:k+1]
				i = j - 1
				continue
			}
		}
		out = append(out, r[i])
	}
	return string(out)
}

// fieldsOutsideBrackets splits s at the runes of seps that stand outside
// brackets: 各县（市、区）人民政府 is one name.
func fieldsOutsideBrackets(s, seps string) []string {
	var out []string
	depth, start := 0, 0
	for i, r := range s {
		switch {
		case opensNote(r):
			depth++
		case closesNote(r) && depth > 0:
			depth--
		case depth == 0 && strings.ContainsRune(seps, r):
			if i > start {
				out = append(out, s[start:i])
			}
			start = i + utf8.RuneLen(r)
		}
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// placeParties moves the parties named after 等 from the leads to the
// support, unless they are all the leads there are, and drops their mark.
func placeParties(lead, support []string) ([]string, []string) {
	var named, parties []string
	for _, u := range lead {
		if p, ok := strings.CutPrefix(u, partyMark); ok {
			parties = append(parties, p)
		} else {
			named = append(named, u)
		}
	}
	if len(named) == 0 {
		named, parties = parties, nil
	}
	out := parties
	for _, u := range support {
		out = append(out, strings.TrimPrefix(u, partyMark))
	}
	return named, out
}

// opensNote and closesNote are the brackets a note of units stands in:
// （）, (), 〔〕 and [].
func opensNote(r rune) bool  { return r == '（' || r == '(' || r == '〔' || r == '[' }
func closesNote(r rune) bool { return r == '）' || r == ')' || r == '〕' || r == ']' }
