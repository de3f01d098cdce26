package extract

import (
	"cmp"
	"slices"
	"sort"
	"strings"

	"planwatch/internal/region"
)

// coopWords mark a clause as a commitment to work with the places it names.
var coopWords = newWordSet("合作", "协作", "对接", "接轨", "融入", "共建", "联动", "一体化", "毗邻", "联合", "携手", "协同", "同城")

// pairWords look like verb + short form but are ordinary words.
var pairWords = map[string]bool{
	"联合": true, "融合": true, "连通": true, "联通": true, "接通": true, "融通": true, "连云": true,
	"接新": true, "联新": true, "融新": true, "连新": true, "接合": true, "连常": true, "接常": true,
	"融金": true, "联金": true, "接金": true, "连金": true, "联南": true, "接南": true, "连南": true,
	"连台": true, "接台": true, "联青": true, "接青": true, "连青": true, "联云": true, "接云": true,
}

// coopVerb reports the one-character verbs of 接沪 融杭 联甬 连苏. A
// switch, not a map: verbPairs asks about nearly every rune of the text.
func coopVerb(r rune) bool {
	switch r {
	case '接', '融', '联', '连':
		return true
	}
	return false
}

// runCues follow a run of short forms that names partners: 杭绍甬一体化,
// 杭衢同城, 浙闽赣皖四省边际, 沪杭甬三大都市圈.
var runCues = []string{"一体化", "同城", "都市圈", "都市区", "合作", "协作", "协同", "联动", "毗邻", "交界", "边际", "省际", "四省", "三省", "两省", "五省", "三地", "两地", "三市", "两市", "四市"}

// provinceCues after a run of short forms mean the run lists provinces.
var provinceCues = []string{"四省", "三省", "两省", "五省", "省际", "交界", "边际"}

// projectCues after a run of short forms mean the run names a road, a
// railway or a corridor (杭绍台铁路, 义甬舟开放大通道), not partners.
var projectCues = []string{"铁路", "高铁", "城际", "高速", "公路", "通道", "大桥", "运河", "航道", "管道", "干线", "走廊", "复线", "线", "港", "机场"}

// pickAbbrev chooses a reading of a one-character short form. In a list of
// provinces the province reading wins; else a reading in the home
// province (台 in a Zhejiang plan is 台州), else a city reading when the
// neighbours are cities (宁杭 → 南京), else the most common reading.
func pickAbbrev(r rune, provinces, cityRun bool, home *region.Division) (region.Division, bool) {
	cs := region.Abbrev(r)
	if len(cs) == 0 {
		return region.Division{}, false
	}
	if provinces {
		for _, c := range cs {
			if c.Level == region.LevelProvince {
				return c, true
			}
		}
		return region.Division{}, false
	}
	if home != nil && len(cs) > 1 {
		hp := region.Province(*home)
		for _, c := range cs {
			if c.Level > region.LevelProvince && region.Province(c).Code == hp.Code {
				return c, true
			}
		}
	}
	if cityRun && len(cs) > 1 {
		for _, c := range cs {
			if c.Level > region.LevelProvince {
				return c, true
			}
		}
	}
	return cs[0], true
}

// coopPartner is one partner found, before exclusion and dedupe.
type coopPartner struct {
	d    region.Division
	span placeSpan // the clause
	at   int       // rune offset of the evidence, for ordering
}

// findCooperation returns the partner regions the document commits to work
// with: short forms after cooperation verbs (接沪 融杭 联甬 连苏), runs of
// short forms before cooperation cues (杭绍甬一体化, 浙闽赣皖四省边际,
// 沪杭甬), and places named in a clause with a cooperation word (联合黄山、
// 上饶、南平). The home region, the divisions that contain it and those it
// contains are left out; partners are deduplicated by code, each with the
// first clause that names it.
func findCooperation(text string, home *Region) []Cooperation {
	return cooperationFrom(text, []rune(text), region.Find(text), home)
}

// cooperationFrom is findCooperation on text already scanned for places.
func cooperationFrom(text string, rs []rune, mentions []region.Mention, home *Region) []Cooperation {
	var homeDiv *region.Division
	if home != nil {
		if d, ok := region.ByCode(home.Code); ok {
			homeDiv = &d
		}
	}
	cls := placeClauses(rs)
	clauseOf := func(i int) placeSpan {
		k := sort.Search(len(cls), func(k int) bool { return cls[k].end > i })
		if k < len(cls) && cls[k].start <= i {
			return cls[k]
		}
		return placeSpan{i, i + 1}
	}

	// Runes covered by full place names are not short forms (湖南, 云南, 南通).
	covered := make([]bool, len(rs)+1)
	for _, m := range mentions {
		for i := m.Start; i < m.End && i < len(rs); i++ {
			covered[i] = true
		}
	}
	isAbbrevAt := func(i int) bool {
		return i >= 0 && i < len(rs) && !covered[i] && region.IsAbbrev(rs[i])
	}

	var found []coopPartner
	add := func(d region.Division, at int) {
		found = append(found, coopPartner{d, clauseOf(at), at})
	}

	// Runs of short forms and verb + short form pairs.
	for i := 0; i < len(rs); {
		if !isAbbrevAt(i) {
			i++
			continue
		}
		j := i
		for isAbbrevAt(j) {
			j++
		}
		// rs[i:j] is a run of short forms. A cue word may start with a
		// short form (宁杭合作: 合 is also 合肥): cut the run before it.
		for cut := j - 1; cut >= i+2; cut-- {
			if hasAnyAt(rs, cut, runCues) {
				j = cut
				break
			}
		}
		after := j
		for after < len(rs) && isQuote(rs[after]) {
			after++
		}
		before := i - 1
		for before >= 0 && isQuote(rs[before]) {
			before--
		}
		switch {
		case j-i >= 2 && hasAnyAt(rs, after, runCues):
			prov := hasAnyAt(rs, after, provinceCues)
			for k := i; k < j; k++ {
				if d, ok := pickAbbrev(rs[k], prov, !prov, homeDiv); ok {
					add(d, k)
				}
			}
		case j-i >= 2 && before >= 1 && !projectAhead(rs, j) &&
			(hasAt(rs, before-1, "联动") || hasAt(rs, before-1, "对接") || hasAt(rs, before-1, "融入") || hasAt(rs, before-1, "接轨")):
			for k := i; k < j; k++ {
				if d, ok := pickAbbrev(rs[k], false, true, homeDiv); ok {
					add(d, k)
				}
			}
		}
		i = j
	}
	for _, p := range verbPairs(rs, isAbbrevAt) {
		if d, ok := pickAbbrev(rs[p], false, false, homeDiv); ok && d.Level <= region.LevelPrefecture {
			add(d, p)
		}
	}

	// Places named in a clause with a cooperation word.
	mi := 0
	var ms []region.Mention // a clause's mentions, its array reused by the next
	for _, c := range cls {
		for mi < len(mentions) && mentions[mi].Start < c.start {
			mi++
		}
		if mi == len(mentions) || mentions[mi].Start >= c.end {
			continue
		}
		if !coopWords.inRunes(rs[c.start:c.end]) {
			continue
		}
		ms = ms[:0]
		for k := mi; k < len(mentions) && mentions[k].Start < c.end; k++ {
			if mentions[k].End <= c.end {
				ms = append(ms, mentions[k])
			}
		}
		for k, m := range ms {
			d := m.Division
			// A province right before a place inside it only qualifies
			// it: 安徽黄山市, 江苏宜兴.
			if k+1 < len(ms) && ms[k+1].Start == m.End && d.Level == region.LevelProvince &&
				ms[k+1].Division.Level > region.LevelProvince && region.Within(ms[k+1].Division, d) {
				continue
			}
			// A county stands for its prefecture (or municipality):
			// 浦东新区 → 上海市, 宜兴 → 无锡市.
			if d.Level == region.LevelCounty {
				if p, ok := region.ParentOf(d); ok {
					d = p
				}
			}
			add(d, m.Start)
		}
	}

	// The same stable order as sort.SliceStable, without its reflection.
	slices.SortStableFunc(found, func(a, b coopPartner) int { return cmp.Compare(a.at, b.at) })
	seen := map[string]bool{}
	var out []Cooperation
	for _, f := range found {
		if seen[f.d.Code] {
			continue
		}
		if homeDiv != nil && (region.Within(*homeDiv, f.d) || region.Within(f.d, *homeDiv)) {
			continue
		}
		seen[f.d.Code] = true
		out = append(out, Cooperation{
			Partner: f.d.Name,
			Code:    f.d.Code,
			Quote:   strings.TrimSpace(string(rs[f.span.start:f.span.end])),
			Span:    Span{f.span.start, f.span.end},
		})
	}
	return out
}

// verbPairs returns the offsets of short forms in verb + short form pairs
// (接沪, 融杭) that stand on their own: quoted (“接沪”), at a clause
// boundary, in a chain of pairs (融杭联甬接沪), or before 同城/发展/一体.
// A lone pair inside running text (联合, 融合, 连通, 迎接新) is not one.
func verbPairs(rs []rune, isAbbrevAt func(int) bool) []int {
	isPair := func(i int) bool {
		return i+1 < len(rs) && coopVerb(rs[i]) && region.IsAbbrev(rs[i+1]) && isAbbrevAt(i+1) && !pairWords[string(rs[i:i+2])]
	}
	var out []int
	for i := 0; i+1 < len(rs); i++ {
		if !isPair(i) {
			continue
		}
		// Collect the chain of pairs starting here.
		j := i
		for isPair(j) {
			j += 2
		}
		n := (j - i) / 2
		ok := n >= 2
		if !ok {
			prevOK := i == 0 || !placeHan(rs[i-1]) || isQuote(rs[i-1])
			nextOK := j >= len(rs) || !placeHan(rs[j]) || isQuote(rs[j])
			ok = prevOK && nextOK || hasAnyAt(rs, j, []string{"同城", "一体"})
		}
		if ok {
			for k := i + 1; k < j; k += 2 {
				out = append(out, k)
			}
		}
		i = j - 1
	}
	return out
}
