// Package unitname reads the names of government units (单位) as offices
// write them. One unit goes by several names: 市发展改革委 in the plan,
// 市发改委 in a sheet, 发展改革委 in a meeting note, 嘉兴市发展和改革委员会
// on its letterhead. A Book holds the units of the registry with their
// aliases and resolves any of these to the unit, or says which units were
// probably meant; the store, the command line and the web app all resolve
// names through it, so that one unit never becomes two.
package unitname

import (
	"slices"
	"strings"
	"unicode"
)

// Fold makes a name comparable as typed: full-width letters and digits as
// ASCII, full-width brackets as ASCII ones, every space dropped, ASCII
// lower-cased.
func Fold(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\u3000' || unicode.IsSpace(r):
			continue
		case r == '（':
			r = '('
		case r == '）':
			r = ')'
		case r >= 0xFF01 && r <= 0xFF5E:
			r -= 0xFEE0
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// agencyForms are the ways agencies are written, each group led by the
// form Norm writes for all of them. They are the names of the common
// departments of a people's government after the 2018 reform, with the
// abbreviations documents and sheets use; a form is replaced wherever it
// stands in a name, so 市发改委 and 嘉兴市发展和改革委员会 both hold
// 发展改革委.
var agencyForms = [][]string{
	{"发展改革委", "发展和改革委员会", "发展改革委员会", "发改委"},
	{"发展改革局", "发展和改革局", "发改局"},
	{"经信局", "经济和信息化局", "经济信息化局"},
	{"经信委", "经济和信息化委员会", "经济信息化委员会"},
	{"经信厅", "经济和信息化厅", "经济信息化厅"},
	{"科技局", "科学技术局"},
	{"科技厅", "科学技术厅"},
	{"人力社保局", "人力资源和社会保障局", "人力资源社会保障局", "人社局"},
	{"人力社保厅", "人力资源和社会保障厅", "人力资源社会保障厅", "人社厅"},
	{"住建局", "住房和城乡建设局", "住房城乡建设局"},
	{"住建厅", "住房和城乡建设厅", "住房城乡建设厅"},
	{"资规局", "自然资源和规划局", "自然资源规划局"},
	{"市场监管局", "市场监督管理局"},
	{"卫生健康委", "卫生健康委员会", "卫生和健康委员会", "卫健委"},
	{"文化广电旅游局", "文化广电和旅游局", "文广旅游局", "文广旅局"},
	{"医保局", "医疗保障局"},
	{"应急管理局", "应急局"},
	{"交通运输局", "交通局"},
	{"大数据局", "大数据发展管理局", "大数据管理局"},
	{"政务服务办", "政务服务管理办公室", "政务服务办公室"},
	{"政府办", "人民政府办公室", "人民政府办公厅", "政府办公室", "政府办公厅"},
	{"政府", "人民政府"},
}

// formRule replaces one written form with its group's lead.
type formRule struct{ form, lead string }

// formRules are agencyForms' replacements, longest form first so that
// 人民政府办公室 is read before 人民政府.
var formRules = func() []formRule {
	var out []formRule
	for _, g := range agencyForms {
		for _, f := range g[1:] {
			out = append(out, formRule{f, g[0]})
		}
	}
	slices.SortStableFunc(out, func(a, b formRule) int { return len(b.form) - len(a.form) })
	return out
}()

// Norm is a name folded and with every agency written in one form: 市发改委,
// 市发展和改革委员会 and 市发展改革委 all norm to 市发展改革委. Two names
// with the same Norm name the same unit.
func Norm(s string) string {
	s = Fold(s)
	var b strings.Builder
	for i := 0; i < len(s); {
		matched := false
		for _, r := range formRules {
			if strings.HasPrefix(s[i:], r.form) {
				b.WriteString(r.lead)
				i += len(r.form)
				matched = true
				break
			}
		}
		if !matched {
			_, size := firstRune(s[i:])
			b.WriteString(s[i : i+size])
			i += size
		}
	}
	return b.String()
}

func firstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 0
}

// levelPrefixes are the one-character level words a unit's name starts
// with in its own region's documents: 市发展改革委 is the city's.
var levelPrefixes = []string{"省", "市", "区", "县"}

// splitLevel separates a normed name's level word from the rest: 市发展改革委
// is 市 + 发展改革委; a name without one has prefix "".
func splitLevel(n string) (prefix, core string) {
	for _, p := range levelPrefixes {
		if rest, ok := strings.CutPrefix(n, p); ok && rest != "" {
			return p, rest
		}
	}
	return "", n
}

// Variants lists the other names Norm reads as name: the group's other
// forms, with and without the level word. The registry shows them beside
// a unit's aliases as "also read as".
func Variants(name string) []string {
	prefix, core := splitLevel(Norm(name))
	var out []string
	for _, g := range agencyForms {
		for _, f := range g {
			if f != g[0] && strings.Contains(core, g[0]) {
				out = append(out, prefix+strings.Replace(core, g[0], f, 1))
			}
		}
	}
	if prefix != "" {
		out = append(out, core)
	}
	folded := Fold(name)
	slices.Sort(out)
	return slices.DeleteFunc(slices.Compact(out), func(v string) bool { return v == folded })
}
