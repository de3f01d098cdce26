package extract

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"planwatch/internal/region"
)

// issuerSuffixes follow a place in the name of an issuing body.
var issuerSuffixes = []string{"委", "人民政府", "政府", "发展改革委", "发展和改革委员会", "人大", "政协", "委员会", "党委", "办公室", "办公厅"}

// docRegion returns the region the document is about: the place named in
// the title (the most specific of a chain like 浙江省绍兴市), else the
// congress a work report is delivered to, else the issuer in the first
// lines (中共绍兴市委, 湖州市人民政府), else the division most mentioned,
// going down to a prefecture or county while it holds at least two fifths
// of the mentions of its parent. Nil for a national document, or if no
// place is named.
func docRegion(title string, text string, places []Place, m meta) *Region {
	// Resolve the title with the text as context (柯城 alone is too short).
	tr := []rune(title)
	// Only a mention inside the title counts here, and one is there only
	// if the title alone holds a name: the text need not be scanned again.
	if len(tr) > 0 && region.HasName(title) {
		for _, m := range region.Find(title + "\n" + headRunes(text, 3000)) {
			if m.Start >= len(tr) {
				break
			}
			return mostSpecific(m, region.Find(title))
		}
	}
	if m.national || national(title, headRunes(text, 400)) {
		return nil
	}
	if r := venueRegion(m.venue); r != nil {
		return r
	}
	// News of a congress (威海市第十七届人民代表大会…开幕): the congress's
	// place, named in the head of the page.
	if r := congressRegion(headRunes(text, 1500)); r != nil {
		return r
	}
	head := []rune(headRunes(text, 400))
	for _, m := range region.Find(string(head)) {
		if !issuerLine(head, m.Start) {
			// An office named inside a news sentence is not the issuer.
			continue
		}
		if hasAnyAt(head, m.End, issuerSuffixes) || (m.Start >= 2 && string(head[m.Start-2:m.Start]) == "中共") {
			return focus(m.Division, places)
		}
	}
	// 结合官渡区实际, 结合淮安实际: the place whose conditions the measures
	// are fitted to is the one they are for.
	if r := fittedTo(headRunes(text, 3000)); r != nil {
		return r
	}
	if r := mostMentioned(places); r != nil {
		return r
	}
	// Too few places named to tell: the issuer the signature or the record
	// names (某区人民政府办公室).
	for _, is := range m.issuers {
		if ms := region.Find(is); len(ms) > 0 {
			return focus(ms[len(ms)-1].Division, places)
		}
	}
	// 省人民政府关于…, 鄂政发〔2018〕26号: a province's document that names
	// itself only by the short name in its number.
	if provincial(title, headRunes(text, 1500)) {
		for _, d := range region.Abbrev(firstRune(m.docNumber)) {
			if strings.HasSuffix(d.Code, "0000") {
				return &Region{Name: d.Name, Code: d.Code}
			}
		}
	}
	return nil
}

// provincial reports a document a province issues about itself: a title
// opening 省人民政府 or 省政府, or a text that says 我省 or 全省.
func provincial(title, head string) bool {
	return strings.HasPrefix(title, "省") || strings.Contains(head, "我省") || strings.Contains(head, "全省")
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// fittedTo finds the place of 结合X实际 in text.
func fittedTo(text string) *Region {
	for i := 0; ; {
		k := strings.Index(text[i:], "结合")
		if k < 0 {
			return nil
		}
		k += i + len("结合")
		rest := text[k:min(len(text), k+3*12)]
		if e := strings.Index(rest, "实际"); e > 0 {
			if ms := region.Find(rest[:e]); len(ms) > 0 {
				return mostSpecific(ms[0], ms)
			}
		}
		i = k
	}
}

// focus returns the part of the issuer's region that the document is
// about: a city's measures for one of its districts name that district
// more often than the city itself and more than all its other parts
// together. Otherwise the issuer's region.
func focus(issuer region.Division, places []Place) *Region {
	own, inside := 0, 0
	var top Place
	for _, p := range places {
		d, ok := region.ByCode(p.Code)
		switch {
		case !ok:
		case d.Code == issuer.Code:
			own += p.Count
		case region.Within(d, issuer):
			inside += p.Count
			if p.Count > top.Count {
				top = p
			}
		}
	}
	if top.Count >= 5 && top.Count > own && top.Count*5 >= inside*3 {
		return &Region{Name: top.Name, Code: top.Code}
	}
	return &Region{Name: issuer.Name, Code: issuer.Code}
}

// mostSpecific returns m's division, or a later title mention inside it
// (浙江省绍兴市 → 绍兴市).
func mostSpecific(m region.Mention, title []region.Mention) *Region {
	d := m.Division
	for _, t := range title {
		if t.Division.Level > d.Level && region.Within(t.Division, d) {
			d = t.Division
		}
	}
	return &Region{Name: d.Name, Code: d.Code}
}

func headRunes(text string, n int) string {
	// Stepping over the runes as a range loop would, a Han character
	// without a call to the decoder.
	for i, k := 0, 0; k < len(text); i++ {
		if i == n {
			return text[:k]
		}
		switch {
		case han3(text, k):
			k += 3
		case text[k] < utf8.RuneSelf:
			k++
		default:
			_, size := utf8.DecodeRuneInString(text[k:])
			k += size
		}
	}
	return text
}

// mostMentioned picks the dominant division from mention counts: the
// province-level division with the most mentions of itself and of the
// places inside it, then down to the child holding at least half of them.
func mostMentioned(places []Place) *Region {
	total := map[string]int{}
	for _, p := range places {
		d, ok := region.ByCode(p.Code)
		for ok {
			total[d.Code] += p.Count
			d, ok = region.ParentOf(d)
		}
	}
	if len(total) == 0 {
		return nil
	}
	best := func(cands []region.Division) (region.Division, int) {
		var b region.Division
		n := -1
		for _, c := range cands {
			if t := total[c.Code]; t > n || t == n && c.Code < b.Code {
				b, n = c, t
			}
		}
		return b, n
	}
	var provs []region.Division
	for code := range total {
		if d, _ := region.ByCode(code); d.Level == region.LevelProvince {
			provs = append(provs, d)
		}
	}
	cur, n := best(provs)
	all := 0
	for _, p := range places {
		all += p.Count
	}
	if n < 3 || n*5 < all*2 {
		// No province dominates: a national document, or one about many.
		return nil
	}
	for {
		var kids []region.Division
		for code := range total {
			if d, _ := region.ByCode(code); d.Parent == cur.Code {
				kids = append(kids, d)
			}
		}
		if len(kids) == 0 {
			break
		}
		k, kn := best(kids)
		// A province is often named as the setting of a city's story:
		// go down while the child holds a good part of the mentions.
		if kn*5 < n*2 || kn < 3 {
			break
		}
		cur, n = k, kn
	}
	return &Region{Name: cur.Name, Code: cur.Code}
}

// nationalIssuers open the titles and headers of national documents, which
// are about no one region.
var nationalIssuers = []string{"国务院", "中共中央", "全国人民代表大会", "全国人大", "国家发展改革委", "国家发展和改革委员会", "工业和信息化部", "财政部", "教育部", "科技部", "商务部", "农业农村部", "生态环境部", "交通运输部", "人力资源社会保障部", "自然资源部", "住房城乡建设部", "国家卫生健康委", "中华人民共和国"}

func national(title, head string) bool {
	for _, w := range nationalIssuers {
		if strings.HasPrefix(title, w) || strings.HasPrefix(strings.TrimSpace(head), w) {
			return true
		}
	}
	return strings.Contains(title, "全国") && !hasAnyRune(title, "省市县区")
}

// issuerLine reports whether position i lies on a header line: short, or
// one that opens a 关于… title.
func issuerLine(text []rune, i int) bool {
	s, e := i, i
	for s > 0 && text[s-1] != '\n' {
		s--
	}
	for e < len(text) && text[e] != '\n' {
		e++
	}
	if e-s <= 40 {
		return true
	}
	ln := text[s:e] // read in the runes: no string of the line to make
	return runesContain(ln, "关于") && !slices.Contains(ln, '。') && !slices.Contains(ln, '，')
}

// reCongress is a local people's congress named with its place and term.
var reCongress = regexp.MustCompile(`([\p{Han}]{2,12}?)第[一二三四五六七八九十\d]{1,3}届人民代表大会`)

// congressRegion is the place of the first local congress text names.
func congressRegion(text string) *Region {
	if !strings.Contains(text, "届人民代表大会") {
		return nil
	}
	for _, mm := range reCongress.FindAllStringSubmatch(text, 3) {
		if strings.Contains(mm[1], "全国") {
			return nil
		}
		if ms := region.Find(mm[1]); len(ms) > 0 {
			return mostSpecific(ms[len(ms)-1], ms)
		}
	}
	return nil
}
