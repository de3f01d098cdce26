package extract

import (
	"strings"
	"sync"
	"unicode"

	"planwatch/internal/region"
)

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
	{"项目", "项目"}, // only with its investment: 投资410亿元的XX新材料项目
}

// projectVerbs end a project name when scanning back from its suffix.
var projectVerbs = []string{
	"建成", "建设", "推进", "加快", "谋划", "打造", "开展", "对接", "依托", "实施", "推动", "创建", "提升",
	"完善", "参与", "共建", "联动", "融入", "加强", "支持", "争取", "规划", "新建", "启动", "深化", "围绕",
	"发挥", "利用", "积极", "全力", "加速", "引进", "落户", "设立", "布局", "培育", "开工", "续建", "谋划",
	"提速", "做强", "做大", "联合", "承接", "招引", "重点", "力争", "搭建", "抓住", "拿下", "形成", "构建",
	"推介", "面向",
	"以", "与", "和", "在", "把", "将", "的", "至", "等",
}

// projectAfter may follow a project name.
var projectAfter = []string{"及", "和", "与", "等", "建设", "项目", "扩容", "前期", "一期", "二期", "三期", "至", "段", "为", "作为", "工程", "开工", "建成", "投运", "通车", "获批", "正式", "已", "将", "的", "合作", "（", "(", "加快", "顺利", "投产", "竣工", "落地", "签约", "，总投资", "总投资", "计划投资"}

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
	// Only the words that start with the next rune can match it, tried in
	// the order of genericWords (标志性 before 标志): every candidate name
	// of a long plan comes through here.
	for len(name) > 0 {
		matched := false
		for _, w := range genericWordSet.runes[name[0]] {
			if runesHavePrefix(name, w) {
				name = name[len(w):]
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

var genericWordSet = newWordSet(genericWords...)

// findProjects returns named major projects, parks and platforms: 杭绍城际
// 铁路 (铁路), 杭绍台高速 (高速), 萧山机场 (机场), 绍兴港 (港口), 嵊州5G
// 产业园 (园区), 鉴湖工业互联网实验室 (平台), 绍兴科创大走廊 (走廊),
// 接线工程 (工程). A name runs back from its suffix to punctuation or a
// verb (建成, 推进, 依托 …), is 2–20 characters, and is not made only of
// generic words; names are deduplicated, first occurrence kept.
func findProjects(text string) []Project { return projectsFrom(newSource([]rune(text))) }

// projectsFrom is findProjects on the text's source.
func projectsFrom(src *source) []Project {
	rs := src.text
	seen := map[string]bool{}
	starts := map[int]bool{} // where the names found so far begin
	var out []Project
	last := projectSuffixLastRunes()
	for e := 1; e <= len(rs); e++ {
		if !last.has(rs[e-1]) {
			continue
		}
		// A suffix must end at e, and e must be a boundary.
		var ps *projectSuffix
		sufLen := 0
		for k := range projectSuffixes {
			if runesEndWith(rs, e, projectSuffixRunes[k]) {
				ps, sufLen = &projectSuffixes[k], len(projectSuffixRunes[k])
				break
			}
		}
		if ps == nil {
			continue
		}
		start := projectStart(rs, e-sufLen)
		// 投资410亿元的巨化硅氟新材料项目刷新…: an investment before the
		// name marks it whatever follows.
		if !projectEnd(rs, e, ps.suffix) && !hasSuffixRunes(rs[max(0, start-2):start], "元的") {
			continue
		}
		name := rs[start:e]
		if len(name) < 2 || len(name) > 20 || len(name) == sufLen {
			continue
		}
		n := src.str(start, e)
		// A name seen before passed or failed every test below already.
		if seen[n] {
			continue
		}
		if genericName(name[:len(name)-sufLen]) || hasAnyRune(n, "“”《》") {
			continue
		}
		if (ps.suffix == "港" || ps.suffix == "园" || ps.suffix == "新区") && len(name) < sufLen+2 {
			continue // 香港, 创新区
		}
		if placesOnly(n) {
			continue // 连云港, 上海浦东新区: places, not projects
		}
		seen[n] = true
		p := Project{Name: n, Kind: ps.kind, Span: Span{start, e}}
		if v, ok := investmentOf(src, p.Span); ok {
			p.Investment = &v
		} else if ps.suffix == "项目" {
			continue // 重点项目, 示范项目: a word for projects, not one
		}
		// XX中心项目 is the XX中心 already found; a name that runs on past
		// one project to the next 项目 is none.
		if ps.suffix == "项目" && (seen[strings.TrimSuffix(n, "项目")] || starts[start]) {
			continue
		}
		starts[start] = true
		out = append(out, p)
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
		// A verb ends at i only if rs[i-1] is the last rune of one.
		if r >= 0x10000 || projectVerbLastRunes().has(r) {
			for _, vr := range projectVerbRunes {
				if runesEndWith(rs, i, vr) {
					stop = true
					break
				}
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

// projectVerbLastRunes lists the runes a project verb can end with.
var projectVerbLastRunes = sync.OnceValue(func() *runeSet {
	m := &runeSet{}
	for _, r := range projectVerbRunes {
		if len(r) > 0 {
			m.add(r[len(r)-1])
		}
	}
	return m
})

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

func hasSuffixRunes(rs []rune, suffix string) bool {
	return strings.HasSuffix(string(rs), suffix)
}
