package track

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"planwatch/internal/store"
)

// Thresholds of SuggestLinks. The similarity is a TF-IDF cosine of
// character bigrams, 0 to 1. In a trial pairing the sample plan's 20 tasks
// with the 30 of another city's plan, tasks on the same subject scored
// 0.12 to 0.27 (推动社会保障互认互通 and 提供便利化医疗社保服务 0.13, one
// title printed in both 0.25) and unrelated best matches stayed under
// 0.10; between a plan and the plan it carries out, which reuses its
// words, scores run higher. A shared indicator says more than words do and
// adds IndicatorBonus.
const (
	MinLinkScore     = 0.12
	IndicatorBonus   = 0.2
	DefaultLinkLimit = 3 // suggestions per lower item when max <= 0
)

// SuggestLinks proposes which upper-level item each lower-level item
// carries out. Every lower task is scored against every upper task by the
// cosine of their character-bigram vectors (title and body,
// the 牵头单位 clause left out, weights TF-IDF with IDF over both lists
// together so that words common to all tasks — 推进, 建设 — weigh little),
// plus IndicatorBonus when both hold an indicator with the same Key. Pairs
// scoring at least MinLinkScore are kept, the best max per lower item
// (DefaultLinkLimit when max <= 0), in the order of lower, best first; all
// are unconfirmed. A lower project links to the upper project of the same
// name (score 1): short names that share a suffix (…铁路, …科创走廊) are
// alike by bigrams without being the same project. Groups and dropped
// items take no part: a heading's few words match too loosely.
//
// An item holds an indicator when the indicator's source span lies inside
// the item's, or the item's text names it (by Key, four characters or
// more so that short keys do not match by chance).
func SuggestLinks(lower, upper []store.Item, lowerInds, upperInds []store.Indicator, max int) []store.ItemLink {
	if max <= 0 {
		max = DefaultLinkLimit
	}
	out := sameProjects(lower, upper, max)
	lower, upper = linkable(lower), linkable(upper)
	if len(lower) == 0 || len(upper) == 0 {
		return out
	}
	lowBags, upBags := make([]map[string]float64, len(lower)), make([]map[string]float64, len(upper))
	df := map[string]int{}
	count := func(items []store.Item, bags []map[string]float64) {
		for i, it := range items {
			bags[i] = bigrams(linkText(it))
			for g := range bags[i] {
				df[g]++
			}
		}
	}
	count(lower, lowBags)
	count(upper, upBags)
	n := float64(len(lower) + len(upper))
	weigh := func(bags []map[string]float64) {
		for _, b := range bags {
			var norm float64
			for g, tf := range b {
				w := (1 + math.Log(tf)) * math.Log(1+n/float64(df[g]))
				b[g] = w
				norm += w * w
			}
			norm = math.Sqrt(norm)
			for g := range b {
				b[g] /= norm
			}
		}
	}
	weigh(lowBags)
	weigh(upBags)
	lowKeys, upKeys := make([]map[string]bool, len(lower)), make([]map[string]bool, len(upper))
	for i, it := range lower {
		lowKeys[i] = heldKeys(it, lowerInds)
	}
	for j, it := range upper {
		upKeys[j] = heldKeys(it, upperInds)
	}
	for i, lo := range lower {
		var cands []store.ItemLink
		for j, up := range upper {
			s := cosine(lowBags[i], upBags[j])
			for k := range lowKeys[i] {
				if upKeys[j][k] {
					s += IndicatorBonus
					break
				}
			}
			if s >= MinLinkScore {
				cands = append(cands, store.ItemLink{ItemID: lo.ID, ParentItemID: up.ID, Score: math.Round(s*1000) / 1000})
			}
		}
		slices.SortStableFunc(cands, func(a, b store.ItemLink) int {
			switch {
			case a.Score > b.Score:
				return -1
			case a.Score < b.Score:
				return 1
			}
			return 0
		})
		if len(cands) > max {
			cands = cands[:max]
		}
		out = append(out, cands...)
	}
	return out
}

// sameProjects links each lower project to the upper projects of the same
// name, at most max of them.
func sameProjects(lower, upper []store.Item, max int) []store.ItemLink {
	var out []store.ItemLink
	for _, lo := range lower {
		if lo.Dropped || lo.Kind != store.KindProject {
			continue
		}
		n := 0
		for _, up := range upper {
			if n < max && !up.Dropped && up.Kind == store.KindProject && Key(up.Title) == Key(lo.Title) {
				out = append(out, store.ItemLink{ItemID: lo.ID, ParentItemID: up.ID, Score: 1})
				n++
			}
		}
	}
	return out
}

// linkable keeps the tasks that are still in the plan.
func linkable(items []store.Item) []store.Item {
	var out []store.Item
	for _, it := range items {
		if !it.Dropped && it.Kind == store.KindTask {
			out = append(out, it)
		}
	}
	return out
}

// linkText is an item's title and body without its unit clause: unit names
// (市科技局, 省科技厅) differ across levels and would only add noise.
func linkText(it store.Item) string {
	return it.Title + "\n" + stripUnitClause(it.Body)
}

// stripUnitClause drops a bracketed clause that names units —
// （牵头单位：…；配合单位：…） — from text; an unclosed one runs to the end.
func stripUnitClause(s string) string {
	var b strings.Builder
	for s != "" {
		i := strings.IndexAny(s, "（(")
		if i < 0 {
			b.WriteString(s)
			break
		}
		_, w := utf8.DecodeRuneInString(s[i:])
		rest := s[i+w:]
		if !hasUnitWord(rest) {
			b.WriteString(s[:i+w])
			s = rest
			continue
		}
		b.WriteString(s[:i])
		j := strings.IndexAny(rest, "）)")
		if j < 0 {
			break
		}
		_, w = utf8.DecodeRuneInString(rest[j:])
		s = rest[j+w:]
	}
	return b.String()
}

// unitWords open a clause naming the units of a task.
var unitWords = []string{"牵头单位", "责任单位", "配合单位", "牵头部门", "责任部门", "配合部门", "协办单位", "参与单位"}

func hasUnitWord(s string) bool {
	for _, w := range unitWords {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

// bigrams counts the character bigrams of s within runs of letters and
// digits: punctuation breaks a run, so no bigram spans two clauses.
// Chinese needs no tokenizer for this; bigrams carry most of a word's
// meaning. ASCII letters are folded to upper case.
func bigrams(s string) map[string]float64 {
	bag := map[string]float64{}
	var prev rune
	for _, r := range s {
		r = unicode.ToUpper(widthFold(r))
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			prev = 0
			continue
		}
		if prev != 0 {
			bag[string([]rune{prev, r})]++
		}
		prev = r
	}
	return bag
}

// cosine is the dot product of two unit vectors.
func cosine(a, b map[string]float64) float64 {
	if len(b) < len(a) {
		a, b = b, a
	}
	var s float64
	for g, w := range a {
		s += w * b[g]
	}
	return s
}

// heldKeys returns the Keys of the indicators an item holds.
func heldKeys(it store.Item, inds []store.Indicator) map[string]bool {
	keys := map[string]bool{}
	text := Key(it.Title + it.Body)
	for _, ind := range inds {
		k := ind.Key
		if k == "" {
			k = Key(ind.Name)
		}
		inside := it.SourceEnd > it.SourceStart && ind.SourceEnd > ind.SourceStart &&
			ind.SourceStart >= it.SourceStart && ind.SourceEnd <= it.SourceEnd
		if inside || (len([]rune(k)) >= 4 && strings.Contains(text, k)) {
			keys[k] = true
		}
	}
	return keys
}

// Coverage checks a lower plan against an upper one through links: the
// upper tasks and projects nobody carries out, and the lower ones that
// carry out nothing above. Only confirmed links count unless
// withSuggested is set, which lets an office see what coverage would be
// once the suggestions are confirmed. Links between other plans' items are
// ignored. An upper item is covered when it or one of its sub-items is
// linked to; a lower item is not an orphan when it or an enclosing item
// links up (a whole section may carry out one upper task). Groups and
// dropped items are never listed. Both lists keep the order given.
func Coverage(lower, upper []store.Item, links []store.ItemLink, withSuggested bool) (uncoveredUpper, orphanLower []store.Item) {
	inLower, inUpper := itemsByID(lower), itemsByID(upper)
	linkedLow, linkedUp := map[string]bool{}, map[string]bool{}
	for _, l := range links {
		if !l.Confirmed && !withSuggested {
			continue
		}
		if _, ok := inLower[l.ItemID]; !ok {
			continue
		}
		if _, ok := inUpper[l.ParentItemID]; !ok {
			continue
		}
		linkedLow[l.ItemID] = true
		linkedUp[l.ParentItemID] = true
	}
	// Spread coverage up the upper tree: a linked sub-item covers its parents.
	coveredUp := map[string]bool{}
	for id := range linkedUp {
		for seen := 0; id != "" && seen <= len(upper); seen++ {
			coveredUp[id] = true
			id = inUpper[id].ParentID
		}
	}
	for _, it := range upper {
		if !it.Dropped && it.Kind != store.KindGroup && !coveredUp[it.ID] {
			uncoveredUpper = append(uncoveredUpper, it)
		}
	}
	for _, it := range lower {
		if it.Dropped || it.Kind == store.KindGroup {
			continue
		}
		linked := false
		for id, seen := it.ID, 0; id != "" && seen <= len(lower); seen++ {
			if linkedLow[id] {
				linked = true
				break
			}
			id = inLower[id].ParentID
		}
		if !linked {
			orphanLower = append(orphanLower, it)
		}
	}
	return uncoveredUpper, orphanLower
}

// itemsByID maps items by ID.
func itemsByID(items []store.Item) map[string]store.Item {
	m := make(map[string]store.Item, len(items))
	for _, it := range items {
		m[it.ID] = it
	}
	return m
}
