package extract

import (
	"sort"
	"strings"
	"sync"
	"unicode"

	"planwatch/internal/region"
)

// This file finds the places a document names, the partner regions it
// commits to work with, the named projects, parks and platforms, and the
// region the document is about. Offsets are runes into the normalized text.

// findPlaces returns the divisions the text names, with how often, most
// frequent first (ties: first mentioned first).
func findPlaces(text string) []Place { return placesFrom(region.Find(text)) }

// placesFrom counts the divisions of mentions already found.
func placesFrom(ms []region.Mention) []Place {
	type agg struct {
		d     region.Division
		n     int
		first int
	}
	byCode := map[string]*agg{}
	var order []*agg
	for _, m := range ms {
		a := byCode[m.Division.Code]
		if a == nil {
			a = &agg{d: m.Division, first: m.Start}
			byCode[m.Division.Code] = a
			order = append(order, a)
		}
		a.n++
	}
	sort.SliceStable(order, func(i, j int) bool { return order[i].n > order[j].n })
	out := make([]Place, 0, len(order))
	for _, a := range order {
		out = append(out, Place{Name: a.d.Name, Code: a.d.Code, Count: a.n})
	}
	return out
}

// placeSpan is a clause or sentence: a half-open range of runes.
type placeSpan struct{ start, end int }

// placeClauses splits text into clauses at sentence and clause punctuation.
func placeClauses(text []rune) []placeSpan {
	var out []placeSpan
	start := 0
	for i, r := range text {
		switch r {
		case '。', '！', '？', '；', '\n', '，', ',', ';', '!', '?', '：', ':':
			if i > start {
				out = append(out, placeSpan{start, i})
			}
			start = i + 1
		}
	}
	if start < len(text) {
		out = append(out, placeSpan{start, len(text)})
	}
	return out
}

// coopWords mark a clause as a commitment to work with the places it names.
var coopWords = newWordSet("合作", "协作", "对接", "接轨", "融入", "共建", "联动", "一体化", "毗邻", "联合", "携手", "协同", "同城")

// pairWords look like verb + short form but are ordinary words.
var pairWords = map[string]bool{
	"联合": true, "融合": true, "连通": true, "联通": true, "接通": true, "融通": true, "连云": true,
	"接新": true, "联新": true, "融新": true, "连新": true, "接合": true, "连常": true, "接常": true,
	"融金": true, "联金": true, "接金": true, "连金": true, "联南": true, "接南": true, "连南": true,
	"连台": true, "接台": true, "联青": true, "接青": true, "连青": true, "联云": true, "接云": true,
}

// coopVerbs are the one-character verbs of 接沪 融杭 联甬 连苏.
var coopVerbs = map[rune]bool{'接': true, '融': true, '联': true, '连': true}

// runCues follow a run of short forms that names partners: 杭绍甬一体化,
// 杭衢同城, 浙闽赣皖四省边际, 沪杭甬三大都市圈.
var runCues = []string{"一体化", "同城", "都市圈", "都市区", "合作", "协作", "协同", "联动", "毗邻", "交界", "边际", "省际", "四省", "三省", "两省", "五省", "三地", "两地", "三市", "两市", "四市"}

// provinceCues after a run of short forms mean the run lists provinces.
var provinceCues = []string{"四省", "三省", "两省", "五省", "省际", "交界", "边际"}

// projectCues after a run of short forms mean the run names a road, a
// railway or a corridor (杭绍台铁路, 义甬舟开放大通道), not partners.
var projectCues = []string{"铁路", "高铁", "城际", "高速", "公路", "通道", "大桥", "运河", "航道", "管道", "干线", "走廊", "复线", "线", "港", "机场"}

// projectAhead reports whether a project cue follows within a few
// characters of the same clause (义甬舟开放大通道).
func projectAhead(rs []rune, j int) bool {
	for k := j; k < len(rs) && k < j+8; k++ {
		if !placeHan(rs[k]) {
			return false
		}
		if hasAnyAt(rs, k, projectCues) {
			return true
		}
	}
	return false
}

func isQuote(r rune) bool {
	switch r {
	case '“', '”', '"', '「', '」', '『', '』', '‘', '’', '\'':
		return true
	}
	return false
}

func placeHan(r rune) bool { return unicode.Is(unicode.Han, r) }

func hasAt(text []rune, i int, s string) bool {
	for _, r := range s {
		if i >= len(text) || text[i] != r {
			return false
		}
		i++
	}
	return true
}

func hasAnyAt(text []rune, i int, list []string) bool {
	for _, s := range list {
		if hasAt(text, i, s) {
			return true
		}
	}
	return false
}

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
		var ms []region.Mention
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

	sort.SliceStable(found, func(i, j int) bool { return found[i].at < found[j].at })
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
		return i+1 < len(rs) && region.IsAbbrev(rs[i+1]) && coopVerbs[rs[i]] && isAbbrevAt(i+1) && !pairWords[string(rs[i:i+2])]
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

// projectSuffix is a suffix that ends a project name, and its kind.
type projectSuffix struct {
	suffix string
	kind   string
}

// projectSuffixes, longest first within each kind's family.
var projectSuffixes = []projectSuffix{
	{"城际铁路", "铁路"}, {"高速铁路", "铁路"}, {"铁路", "铁路"}, {"高铁", "铁路"}, {"号线", "铁路"},
	{"高速公路", "高速"}, {"联络线", "高速"}, {"高速", "高速"},
	{"航站楼", "机场"}, {"机场", "机场"},
	{"作业区", "港口"}, {"码头", "港口"}, {"港区", "港口"}, {"港", "港口"},
	{"产业园区", "园区"}, {"产业园", "园区"}, {"园区", "园区"}, {"开发区", "园区"}, {"高新区", "园区"}, {"新区", "园区"}, {"园", "园区"},
	{"实验室", "平台"}, {"平台", "平台"}, {"中心", "平台"}, {"基地", "平台"},
	{"走廊", "走廊"},
	{"工程", "工程"},
}

// projectVerbs end a project name when scanning back from its suffix.
var projectVerbs = []string{
	"建成", "建设", "推进", "加快", "谋划", "打造", "开展", "对接", "依托", "实施", "推动", "创建", "提升",
	"完善", "参与", "共建", "联动", "融入", "加强", "支持", "争取", "规划", "新建", "启动", "深化", "围绕",
	"发挥", "利用", "积极", "全力", "加速", "引进", "落户", "设立", "布局", "培育", "开工", "续建", "谋划",
	"提速", "做强", "做大", "联合", "承接", "招引", "重点", "力争", "搭建", "抓住", "拿下", "形成", "构建",
	"以", "与", "和", "在", "把", "将", "的", "至", "等",
}

// projectAfter may follow a project name.
var projectAfter = []string{"及", "和", "与", "等", "建设", "项目", "扩容", "前期", "一期", "二期", "三期", "至", "段", "为", "作为", "工程", "开工", "建成", "投运", "通车", "获批", "正式", "已", "将", "的", "合作", "（", "("}

// genericWords make up names that are not proper names (合作平台,
// 公共服务平台, 标志性工程, 大花园).
var genericWords = []string{
	"合作", "创新", "服务", "公共", "交流", "协作", "发展", "产业", "科技", "研发", "数据", "交易", "一批",
	"重大", "重点", "各类", "相关", "共享", "开放", "载体", "综合", "信息", "标志性", "标志", "示范", "功能",
	"区域", "城市", "大", "后", "新", "花", "公", "家", "校", "全", "省级", "国家级", "市级", "国际", "一流",
	"高端", "高能级", "战略", "特色", "现代", "智慧", "数字", "绿色", "文化", "旅游", "生态", "配套",
	"基础", "设施", "民生", "水利", "交通", "物流", "能源", "运营", "管理", "指挥", "调度", "培训",
	"这些", "各", "多", "个", "等", "项", "类", "级", "性", "型", "化", "工业", "农业", "制造", "科创",
	"医疗", "教育", "体育", "金融", "商务", "贸易", "营运", "分", "总部", "研究", "技术", "人才", "政务", "便民",
	"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "两", "号", "主", "美丽", "经济", "技术",
	"中", "心", "平", "台", "园", "区", "线", "路", "工", "程", "港", "基", "地", "高", "速", "重要", "核心", "关键",
}

func genericName(name []rune) bool {
	s := string(name)
	for s != "" {
		matched := false
		for _, w := range genericWords {
			if strings.HasPrefix(s, w) {
				s = s[len(w):]
				matched = true
				break
			}
		}
		if !matched {
			return false
		}
	}
	return true
}

// findProjects returns named major projects, parks and platforms: 杭绍城际
// 铁路 (铁路), 杭绍台高速 (高速), 萧山机场 (机场), 绍兴港 (港口), 嵊州5G
// 产业园 (园区), 鉴湖工业互联网实验室 (平台), 绍兴科创大走廊 (走廊),
// 接线工程 (工程). A name runs back from its suffix to punctuation or a
// verb (建成, 推进, 依托 …), is 2–20 characters, and is not made only of
// generic words; names are deduplicated, first occurrence kept.
func findProjects(text string) []Project { return projectsFrom([]rune(text)) }

// projectsFrom is findProjects on the text's runes.
func projectsFrom(rs []rune) []Project {
	seen := map[string]bool{}
	var out []Project
	last := projectSuffixLastRunes()
	for e := 1; e <= len(rs); e++ {
		if !last.has(rs[e-1]) {
			continue
		}
		// A suffix must end at e, and e must be a boundary.
		var ps *projectSuffix
		for k := range projectSuffixes {
			if runesEndWith(rs, e, projectSuffixRunes[k]) {
				ps = &projectSuffixes[k]
				break
			}
		}
		if ps == nil || !projectEnd(rs, e, ps.suffix) {
			continue
		}
		sufLen := len([]rune(ps.suffix))
		start := projectStart(rs, e-sufLen)
		name := rs[start:e]
		if len(name) < 2 || len(name) > 20 || len(name) == sufLen {
			continue
		}
		if genericName(name[:len(name)-sufLen]) || strings.ContainsAny(string(name), "“”《》") {
			continue
		}
		n := string(name)
		if (ps.suffix == "港" || ps.suffix == "园" || ps.suffix == "新区") && len(name) < sufLen+2 {
			continue // 香港, 创新区
		}
		if placesOnly(n) {
			continue // 连云港, 上海浦东新区: places, not projects
		}
		if seen[n] {
			continue
		}
		seen[n] = true
		out = append(out, Project{Name: n, Kind: ps.kind, Span: Span{start, e}})
	}
	return out
}

// placesOnly reports whether name is wholly made of place names.
func placesOnly(name string) bool {
	at := 0
	for _, m := range region.Find(name) {
		if m.Start != at {
			return false
		}
		at = m.End
	}
	return at > 0 && at == len([]rune(name))
}

var (
	projectSuffixRunes = toRunes(func() []string {
		var out []string
		for _, p := range projectSuffixes {
			out = append(out, p.suffix)
		}
		return out
	}())
	projectVerbRunes = toRunes(projectVerbs)
)

func toRunes(list []string) [][]rune {
	out := make([][]rune, len(list))
	for i, s := range list {
		out[i] = []rune(s)
	}
	return out
}

// runesEndWith reports whether rs[:e] ends with s.
func runesEndWith(rs []rune, e int, s []rune) bool {
	if len(s) > e {
		return false
	}
	for k := range s {
		if rs[e-len(s)+k] != s[k] {
			return false
		}
	}
	return true
}

// projectEnd reports whether a project name can end at e.
func projectEnd(rs []rune, e int, suffix string) bool {
	if e >= len(rs) {
		return true
	}
	r := rs[e]
	if !placeHan(r) {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) || r == '（' || r == '('
	}
	if suffix == "高速" && hasAnyAt(rs, e, []string{"发展", "增长", "成长", "运转", "度", "率", "列车"}) {
		return false
	}
	return hasAnyAt(rs, e, projectAfter)
}

// projectStart scans back from the suffix at s to the start of the name.
func projectStart(rs []rune, s int) int {
	i := s
	depth := 0
	for i > 0 {
		r := rs[i-1]
		if r == ')' || r == '）' {
			depth++
			i--
			continue
		}
		if r == '(' || r == '（' {
			if depth == 0 {
				break
			}
			depth--
			i--
			continue
		}
		if depth > 0 {
			i--
			continue
		}
		if !(placeHan(r) || unicode.IsLetter(r) || unicode.IsDigit(r) || r == '—' || r == '-' || r == '·') {
			break
		}
		stop := false
		for _, vr := range projectVerbRunes {
			if runesEndWith(rs, i, vr) {
				stop = true
				break
			}
		}
		if stop {
			break
		}
		i--
		if s-i > 20 {
			break
		}
	}
	for i < s && (rs[i] == '—' || rs[i] == '-') {
		i++
	}
	return i
}

// issuerSuffixes follow a place in the name of an issuing body.
var issuerSuffixes = []string{"委", "人民政府", "政府", "发展改革委", "发展和改革委员会", "人大", "政协", "委员会", "党委", "办公室", "办公厅"}

// docRegion returns the region the document is about: the place named in
// the title (the most specific of a chain like 浙江省绍兴市), else the issuer
// in the first lines (中共绍兴市委, 湖州市人民政府), else the division most
// mentioned, going down to a prefecture or county while it holds at least
// two fifths of the mentions of its parent. Nil if no place is named.
func docRegion(title string, text string, places []Place) *Region {
	// Resolve the title with the text as context (柯城 alone is too short).
	tr := []rune(title)
	if len(tr) > 0 {
		for _, m := range region.Find(title + "\n" + headRunes(text, 3000)) {
			if m.Start >= len(tr) {
				break
			}
			return mostSpecific(m, region.Find(title))
		}
	}
	if national(title, headRunes(text, 400)) {
		return nil
	}
	head := []rune(headRunes(text, 400))
	for _, m := range region.Find(string(head)) {
		if !issuerLine(head, m.Start) {
			// An office named inside a news sentence is not the issuer.
			continue
		}
		if hasAnyAt(head, m.End, issuerSuffixes) || (m.Start >= 2 && string(head[m.Start-2:m.Start]) == "中共") {
			return &Region{Name: m.Division.Name, Code: m.Division.Code}
		}
	}
	return mostMentioned(places)
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
	i := 0
	for k := range text {
		if i == n {
			return text[:k]
		}
		i++
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
	return strings.Contains(title, "全国") && !strings.ContainsAny(title, "省市县区")
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
	ln := string(text[s:e])
	return e-s <= 40 || strings.Contains(ln, "关于") && !strings.ContainsAny(ln, "。，")
}

// projectSuffixLastRunes lists the runes a project suffix can end with, so
// the scan tries suffixes only where one can end.
var projectSuffixLastRunes = sync.OnceValue(func() *runeSet {
	m := &runeSet{}
	for _, r := range projectSuffixRunes {
		if len(r) > 0 {
			m.add(r[len(r)-1])
		}
	}
	return m
})
