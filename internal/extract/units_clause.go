package extract

import (
	"regexp"
	"strings"
)

// unitClause reads an unlabelled statement: A、B负责; A牵头，B配合;
// 由A牵头; A会同有关部门负责.
func unitClause(s string) (lead, support, resp []string) {
	s = strings.TrimSpace(strings.TrimSuffix(s, "下同"))
	s = strings.TrimRight(s, "，, ")
	// （A牵头、B配合）: two clauses, as with a comma.
	s = strings.ReplaceAll(s, "牵头、", "牵头，")
	// 中央宣传部、体育总局，各省级人民政府按职责分工负责: units before a
	// comma share the role the next part names.
	var pending []string
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == '，' || r == ',' }) {
		part = normalizeClause(afterBy(strings.TrimSpace(part)))
		switch {
		case strings.HasPrefix(part, "由") && strings.HasSuffix(part, "牵头"):
			lead = append(append(lead, pending...), splitUnits(strings.TrimSuffix(strings.TrimPrefix(part, "由"), "牵头"))...)
		case strings.HasSuffix(part, "牵头"):
			lead = append(append(lead, pending...), splitUnits(strings.TrimSuffix(part, "牵头"))...)
		case hasAnySuffix(part, leadSuffixes):
			for _, suf := range leadSuffixes {
				part = strings.TrimSuffix(part, suf)
			}
			lead = append(append(lead, pending...), splitUnits(part)...)
		case hasAnySuffix(part, partnerSuffixes):
			for _, suf := range partnerSuffixes {
				part = strings.TrimSuffix(part, suf)
			}
			support = append(append(support, pending...), splitUnits(part)...)
		case allUnits(part):
			pending = append(pending, splitUnits(part)...)
			continue
		case hasAnySuffix(part, respSuffixes):
			resp = append(resp, pending...)
			for _, suf := range respSuffixes {
				if strings.HasSuffix(part, suf) {
					part = strings.TrimSuffix(part, suf)
					break
				}
			}
			part = strings.TrimSuffix(trimDuty(part), "分工")
			part = strings.TrimSuffix(part, "分别")
			part = strings.TrimPrefix(part, "由") // （由市政务服务局负责）
			if i := strings.Index(part, "会同"); i >= 0 {
				// A会同B组织实施: A leads, B supports (as 由A会同B does).
				if partners := partnersOf(part[i+len("会同"):]); partners != "" {
					support = append(support, splitUnits(partners)...)
				}
				part = part[:i]
			}
			resp = append(resp, splitUnits(part)...)
		}
		pending = nil
	}
	// 市规划和自然资源局、各区人民政府，…: units left without a role word
	// are responsible.
	resp = append(resp, pending...)
	return lead, support, resp
}

// respSuffixes end a clause naming who is responsible: A负责, A负责落实,
// A指导 (a ministry that guides leads its part).
var respSuffixes = []string{"按职责分工负责", "按职责分工落实", "分工负责", "分工落实", "负责落实", "负责实施", "负责推进", "共同负责", "牵头负责",
	"共同落实", "负责组织实施", "组织实施", "负责", "指导"}

// afterBy drops what a clause says is done before the 由 that names who
// does it: 此项工作由市住建局负责 → 由市住建局负责, 发放、张贴工作由各镇街
// 及相关部门负责 → 由各镇街及相关部门负责.
func afterBy(part string) string {
	i := strings.LastIndex(part, "由")
	if i <= 0 {
		return part
	}
	rest := part[i:]
	names := strings.TrimPrefix(rest, "由")
	for _, suf := range []string{"牵头", "负责", "配合", "组织实施", "承担", "落实"} {
		if k := strings.Index(names, suf); k > 0 {
			if allUnits(names[:k]) {
				return rest
			}
			break
		}
	}
	return part
}

// roleWords rewrites the ways a note states a role into the plain words
// the reading knows: A为牵头单位 and A负总责 lead as A牵头 does, A为配合单位
// supports.
var roleWords = strings.NewReplacer(
	"为牵头单位", "牵头", "为牵头部门", "牵头", "为第一责任单位", "牵头", "为主责单位", "牵头",
	"为配合单位", "配合", "为配合部门", "配合", "为协办单位", "配合",
	"为责任单位", "负责", "为责任部门", "负责",
	"承担牵头职责", "牵头", "履行牵头职责", "牵头", "负总责", "牵头",
	"按分工负责", "负责", "按分工落实", "负责",
)

// reRoleAdverb is a word of manner between a unit and its role
// (区发改委统筹负责, 区财政局支持配合): no part of the unit's name.
var reRoleAdverb = regexp.MustCompile(`(?:统筹|具体|全面|直接|支持|协助|协同)(负责|牵头|配合)([，,。；;）)、]|$)`)

// reTogetherLead is 由A会同B牵头: A leads, B supports.
var reTogetherLead = regexp.MustCompile(`由([^，,。；;由]{2,40}?)会同([^，,。；;]{2,60}?)牵头`)

// plainRoles gives a note's role words their plain form (roleWords).
func plainRoles(s string) string {
	if !strings.Contains(s, "牵头") && !strings.Contains(s, "负责") && !strings.Contains(s, "配合") && !strings.Contains(s, "单位") && !strings.Contains(s, "部门") && !strings.Contains(s, "负总责") {
		return s
	}
	// 排在第一位的部门为牵头单位 is a convention, read as it is written.
	if firstLeadsNote(s) {
		return s
	}
	s = roleWords.Replace(s)
	if containsAnyWord(s, []string{"统筹", "具体", "全面", "直接", "支持", "协助", "协同"}) {
		s = reRoleAdverb.ReplaceAllString(s, "$1$2")
	}
	if strings.Contains(s, "会同") {
		s = reTogetherLead.ReplaceAllString(s, "由${1}牵头，${2}配合")
	}
	return s
}

// officeHolders end the posts of people (分管副区长, 区发改委主任): a
// person answers for a task, but only bodies are its units.
var officeHolders = []string{"区长", "县长", "市长", "镇长", "乡长", "省长", "主任", "书记", "领导", "局长", "部长", "厅长", "主席", "负责同志", "负责人", "同志"}

// officeHolder reports a name that is a person's post, not a body.
func officeHolder(u string) bool {
	return strings.HasPrefix(u, "分管") || hasAnySuffix(u, officeHolders)
}
