package extract

import (
	"regexp"
	"strings"
)

// reMarkedLead is a unit marked as the lead inside a list of units:
// 责任单位：市人力资源社会保障局（牵头）、市教育局.
var reMarkedLead = regexp.MustCompile(`([^、，,；;：:（）()【】〔〕\s]{2,30})[（(〔](?:牵头|主责|牵头单位|牵头部门)[）)〕]`)

// markedLeads takes the units marked （牵头） out of a note: the names, and
// the note with the marks removed so that the list reads as one.
func markedLeads(body string) ([]string, string) {
	if !strings.Contains(body, "牵头") && !strings.Contains(body, "主责") {
		return nil, body
	}
	var leads []string
	for _, m := range reMarkedLead.FindAllStringSubmatch(body, -1) {
		leads = append(leads, splitUnits(m[1])...)
	}
	if len(leads) == 0 {
		return nil, body
	}
	return leads, reMarkedLead.ReplaceAllString(body, "$1")
}

// personLabels label the people answerable for a task (牵头领导,
// 责任人, 联系人), who are no units.
var personLabels = []string{"领导", "责任人", "联系人", "负责人"}

// reBoxNote is a note set in 【】 that names responsible units
// (【责任部门：市委网信办、市公安局】): read like one in round brackets.
var reBoxNote = regexp.MustCompile(`【([^【】]{2,200})】`)

// boxNotes turns the 【】 notes of body that name units into （） ones.
func boxNotes(body string) string {
	return reBoxNote.ReplaceAllStringFunc(body, func(s string) string {
		in := strings.TrimSuffix(strings.TrimPrefix(s, "【"), "】")
		if !containsAny(in, unitGate) {
			return s
		}
		return "（" + in + "）"
	})
}

// withMarkedLeads makes the units marked （牵头） the leads of a note and
// every other unit it names support.
func withMarkedLeads(n unitNote, marked []string) unitNote {
	if len(marked) == 0 {
		return n
	}
	lead := dedupeUnits(marked, nil)
	n.support = dedupeUnits(append(n.lead, n.support...), lead)
	n.lead = lead
	return n
}

// dutyClause reads a clause that is only units and their duty: A牵头负责
// (A leads) or 各区人民政府按职责分工落实 (responsible), in the form
// unitClause reads.
func dutyClause(c string) (string, bool) {
	if who, ok := strings.CutSuffix(c, "牵头负责"); ok && allUnits(who) {
		return who + "牵头", true
	}
	for _, suf := range []string{"按职责分工落实", "分工落实", "共同落实", "负责落实"} {
		if who, ok := strings.CutSuffix(c, suf); ok && allUnits(trimDuty(who)) {
			return trimDuty(who) + "负责", true
		}
	}
	return "", false
}

// reSpacedField is another field of a note after white space (市商务局
// 完成时限：2024年9月): it ends the list of units before it.
var reSpacedField = regexp.MustCompile(`[ \t\x{3000}]+(\p{Han}{2,6}[：:])`)

// normalizeClause puts a clause naming who leads or does a task in the
// forms unitClause reads: 具体由A负责 → 由A负责; A根据职责分工牵头推进 →
// A牵头.
func normalizeClause(c string) string {
	for _, p := range []string{"具体", "主要", "统一"} {
		if t := strings.TrimPrefix(c, p); t != c && (strings.HasPrefix(t, "由") || allUnits(firstListPart(t))) {
			c = t
			break
		}
	}
	for _, suf := range []string{"牵头组织实施", "牵头推进", "牵头落实", "牵头实施", "牵头负责", "总牵头"} {
		if t, ok := strings.CutSuffix(c, suf); ok {
			c = t + "牵头"
			break
		}
	}
	if t, ok := strings.CutSuffix(c, "牵头"); ok && t != "" {
		c = trimDuty(t) + "牵头"
	}
	return c
}

// firstListPart is s up to its first 负责, 牵头 or 配合: the names a
// clause opens with.
func firstListPart(s string) string {
	for _, w := range []string{"负责", "牵头", "配合"} {
		if i := strings.Index(s, w); i > 0 {
			s = s[:i]
		}
	}
	return s
}
