package region

import (
	"sort"
	"sync"
	"unicode/utf8"
)

// Mention is one place name found in a text.
type Mention struct {
	Division Division
	Start    int    // rune offset of the first character
	End      int    // rune offset after the last character (half-open)
	Form     string // the text as written: "绍兴市", "绍兴", "襄樊"
}

// Kinds of a name form.
const (
	formFull = iota
	formShort
	formFormer
)

type cand struct {
	div  int32 // index into index.all
	kind uint8
}

type nameForm struct {
	text  string
	runes int
	cands []cand
}

type matcher struct {
	first [0x10000 / 64]uint64   // bitset of first runes of any form (BMP)
	pairs map[uint64][]*nameForm // first two runes -> forms, longest first
	byTxt map[string]*nameForm   // form text -> form
	anc   [][]int32              // ancestors of each division, nearest first

	// pairBits is a bitset of hashed first-rune pairs: most CJK runes start
	// some name, so without it nearly every rune of a text costs a map
	// lookup in pairs.
	pairBits [pairHashBits / 64]uint64
}

var (
	mOnce sync.Once
	mtch  *matcher
)

// stopFull are full official names that are also common words in plans.
var stopFull = map[string]bool{
	"城区": true, "矿区": true, "郊区": true, "市中区": true, "新城区": true, "老城区": true,
	"城中区": true, "城东区": true, "城西区": true, "城北区": true, "城南区": true, "城厢区": true,
}

// stopShort are names without suffix that are too often ordinary words
// (or parts of other names) to be read as places: 朝阳, 长安, 江山, 金山银山 …
// Their full names are still found.
var stopShort = map[string]bool{}

func init() {
	for _, w := range []string{
		"朝阳", "新区", "开发", "城区", "东方", "和平", "长安", "通州", "江南", "江北", "河东", "河西",
		"城中", "城东", "城西", "城北", "城南", "城关", "城厢", "新城", "老城", "新华", "光明", "永安",
		"太平", "红旗", "胜利", "前进", "向阳", "工农", "友好", "东风", "平安", "合作", "大方", "新兴",
		"富民", "新民", "兴业", "安宁", "兴国", "复兴", "共和", "中原", "青山", "金山", "西湖", "江山",
		"高明", "南海", "东海", "长治", "安新", "和顺", "安定", "新安", "龙井", "沙河", "市中", "郊区",
		"矿区", "白云", "宁安", "永定", "清河", "南山", "北山", "西安区", "桥东", "桥西", "铁西", "铁东",
		"普陀", "鼓楼", "新市", "开放", "文明", "振兴", "建华", "龙华", "红山", "安全", "临安",
		"资源", "新和", "龙江", "和政", "平和", "安居", "惠民", "大城", "友谊", "解放", "富裕", "新建",
		"港口", "方正", "大新", "大通", "三江", "小金", "天山", "互助", "同德", "民和", "宏伟", "滨海",
		"同心", "平原", "延长", "大安", "长白", "政和", "芙蓉", "大兴", "通道", "太湖", "爱民", "金安",
		"上高", "新平", "海港", "南部", "会同", "江海", "平陆", "三河", "兴和", "公安", "大关", "上城",
		"三元", "新洲", "河口", "东平", "杂多", "通城", "安康", "比如", "大化", "紫金", "江口", "山城",
		"清水", "江源", "高安", "南沙", "盘山", "同安", "临江", "东湖", "天河", "中方", "建安", "新干",
		"明山", "阳明", "临海", "月湖", "古城", "双城", "盐湖", "惠农", "金水", "运河", "成安", "凤凰",
		"乐业", "海城", "长宁", "宝山", "永和", "新安", "和平", "文化", "汉江", "石泉",
	} {
		stopShort[w] = true
	}
}

// needContext are prefecture names without suffix that are also brands or
// common words (阿里 for Alibaba, 白银 the metal): like county names, they
// are read as places only when their province is named in the text.
var needContext = map[string]bool{"阿里": true, "白银": true, "海西": true, "来宾": true}

// blockWords are words that contain or overlap a place name but are not
// places (阿里巴巴, 中山大学, 重大理论, 美丽江苏). They are matched like
// names and then dropped, so the name inside is not read.
var blockWords = []string{
	"阿里巴巴", "阿里云", "中山大学", "中山医院", "中山路", "大理石", "重大理", "美丽", "和田间",
	"真金白银", "北海道", "黄浦江", "浦阳江", "幸福", "东方明珠", "日照时数",
}

// pairHashBits sizes pairBits; at a few thousand forms, 2^18 bits keep
// false hits rare.
const pairHashBits = 1 << 18

func pairHash(k uint64) uint64 { return (k * 0x9E3779B97F4A7C15) >> (64 - 18) }

func buildMatcher() *matcher {
	x := load()
	m := &matcher{pairs: map[uint64][]*nameForm{}, byTxt: map[string]*nameForm{}}
	add := func(text string, i int, kind uint8) {
		if utf8.RuneCountInString(text) < 2 {
			return
		}
		f := m.byTxt[text]
		if f == nil {
			f = &nameForm{text: text, runes: utf8.RuneCountInString(text)}
			m.byTxt[text] = f
			r1, n := utf8.DecodeRuneInString(text)
			r2, _ := utf8.DecodeRuneInString(text[n:])
			k := uint64(r1)<<32 | uint64(r2)
			m.pairs[k] = append(m.pairs[k], f)
			h := pairHash(k)
			m.pairBits[h/64] |= 1 << (h % 64)
			if r1 < 0x10000 {
				m.first[r1/64] |= 1 << (r1 % 64)
			}
		}
		if i < 0 {
			return // a block word: no candidates
		}
		for _, c := range f.cands {
			if int(c.div) == i {
				return
			}
		}
		f.cands = append(f.cands, cand{int32(i), kind})
	}
	for i, d := range x.all {
		if !stopFull[d.Name] {
			add(d.Name, i, formFull)
		}
		if s := x.short[i]; s != d.Name && !stopShort[s] {
			add(s, i, formShort)
		}
	}
	for _, f := range formerNames {
		add(f.Name, x.byCode[f.Code], formFormer)
	}
	for _, w := range blockWords {
		if m.byTxt[w] == nil {
			add(w, -1, formFull)
		}
	}
	for _, fs := range m.pairs {
		sort.Slice(fs, func(a, b int) bool { return len(fs[a].text) > len(fs[b].text) })
	}
	m.anc = make([][]int32, len(x.all))
	for i, d := range x.all {
		for p := d.Parent; p != ""; {
			j := x.byCode[p]
			m.anc[i] = append(m.anc[i], int32(j))
			p = x.all[j].Parent
		}
	}
	return m
}

func getMatcher() *matcher {
	mOnce.Do(func() { mtch = buildMatcher() })
	return mtch
}

// longestAt returns the longest name form starting at byte i of text, and
// the byte length of the rune at i.
func (m *matcher) longestAt(text string, i int) (*nameForm, int) {
	r1, n1 := decodeAt(text, i)
	if r1 >= 0x10000 || m.first[r1/64]&(1<<(r1%64)) == 0 || i+n1 >= len(text) {
		return nil, n1
	}
	r2, _ := decodeAt(text, i+n1)
	k := uint64(r1)<<32 | uint64(r2)
	if h := pairHash(k); m.pairBits[h/64]&(1<<(h%64)) == 0 {
		return nil, n1
	}
	rest := text[i:]
	for _, f := range m.pairs[k] {
		if len(rest) >= len(f.text) && rest[:len(f.text)] == f.text {
			return f, n1
		}
	}
	return nil, n1
}

// decodeAt is utf8.DecodeRuneInString(text[i:]) with the three-byte
// sequences of CJK text decoded inline: the scan decodes every rune of
// every text, and the library's general path is a call per rune.
func decodeAt(text string, i int) (rune, int) {
	c0 := text[i]
	if c0 < utf8.RuneSelf {
		return rune(c0), 1
	}
	if c0&0xf0 == 0xe0 && i+2 < len(text) {
		c1, c2 := text[i+1], text[i+2]
		if c1&0xc0 == 0x80 && c2&0xc0 == 0x80 {
			r := rune(c0&0x0f)<<12 | rune(c1&0x3f)<<6 | rune(c2&0x3f)
			// Overlong forms and surrogates are invalid, as for the library.
			if r >= 0x800 && (r < 0xd800 || r > 0xdfff) {
				return r, 3
			}
		}
	}
	return utf8.DecodeRuneInString(text[i:])
}

// overtaken reports whether the name f found at byte i, a name without
// suffix, overlaps a stronger name that starts inside it and ends after it:
// in 美丽江苏 the province 江苏 wins over 丽江; in 青海西宁, 青海 stays.
func (m *matcher) overtaken(text string, i int, f *nameForm) bool {
	fr := rank(f)
	if fr == 0 || len(f.cands) == 0 {
		return false
	}
	end := i + len(f.text)
	_, n := utf8.DecodeRuneInString(text[i:])
	for j := i + n; j < end; {
		g, nj := m.longestAt(text, j)
		if g != nil && j+len(g.text) > end && len(g.cands) > 0 && rank(g) < fr {
			return true
		}
		j += nj
	}
	return false
}

// rank orders name forms by strength: 0 for a full official name, else the
// highest level among the readings (1 province … 3 county).
func rank(f *nameForm) int {
	x := load()
	best := 4
	for _, c := range f.cands {
		if c.kind == formFull {
			return 0
		}
		if l := x.all[c.div].Level; l < best {
			best = l
		}
	}
	return best
}

type rawMatch struct {
	start, end int // rune offsets
	byteEnd    int
	form       *nameForm
}

// blockAfter are characters that, right after a county name without
// suffix, show the name is part of a river, road or street (黄浦江, 长宁路).
var blockAfter = map[rune]bool{'江': true, '河': true, '路': true, '街': true}

// Find returns the places named in text, in order of appearance, without
// overlaps (the longest name wins). It finds full names (绍兴市), names
// without suffix (绍兴, 内蒙古) and listed former names (襄樊). Names
// without suffix that are common words are skipped; a name shared by
// several divisions (鼓楼区, 普陀, 海南) is resolved by the provinces and
// prefectures named elsewhere in the same text, else by preferring a
// single province- or prefecture-level reading, else dropped.
func Find(text string) []Mention {
	m := getMatcher()
	x := load()
	var raw []rawMatch
	pos := 0 // rune offset of i
	for i := 0; i < len(text); {
		// Most runes start no name: a CJK rune that is not in the bitset
		// of first runes is passed here, sparing longestAt's calls. E0 and
		// ED leads, whose second byte has a narrower range, go the long way.
		if c := text[i]; c >= 0xE1 && c != 0xED && c <= 0xEF && i+2 < len(text) && text[i+1]&0xC0 == 0x80 && text[i+2]&0xC0 == 0x80 {
			r := rune(c&0x0F)<<12 | rune(text[i+1]&0x3F)<<6 | rune(text[i+2]&0x3F)
			if m.first[r/64]&(1<<(r%64)) == 0 {
				i += 3
				pos++
				continue
			}
		}
		f, n1 := m.longestAt(text, i)
		if f != nil && !m.overtaken(text, i, f) {
			if len(f.cands) > 0 {
				raw = append(raw, rawMatch{pos, pos + f.runes, i + len(f.text), f})
			}
			i += len(f.text)
			pos += f.runes
			continue
		}
		i += n1
		pos++
	}
	if len(raw) == 0 {
		return nil
	}

	// Context: divisions named unambiguously, with their ancestors.
	ctx := map[int32]bool{}
	for _, r := range raw {
		if len(r.form.cands) != 1 {
			continue
		}
		c := r.form.cands[0]
		if c.kind == formShort && (x.all[c.div].Level == LevelCounty || needContext[r.form.text]) {
			continue
		}
		ctx[c.div] = true
		for _, a := range m.anc[c.div] {
			ctx[a] = true
		}
	}
	// inCtx scores how closely a reading is tied to the context: the level
	// of its most specific ancestor named in the text (or 4 if it is named
	// itself), 0 if none.
	inCtx := func(i int32) int {
		if ctx[i] {
			return 4
		}
		for _, a := range m.anc[i] {
			if ctx[a] {
				return x.all[a].Level
			}
		}
		return 0
	}
	ancInCtx := func(i int32) bool {
		for _, a := range m.anc[i] {
			if ctx[a] {
				return true
			}
		}
		return false
	}
	out := make([]Mention, 0, len(raw))
	for _, r := range raw {
		c, ok := resolve(r.form.cands, x, inCtx)
		if !ok {
			continue
		}
		d := x.all[c.div]
		if c.kind == formShort && (d.Level == LevelCounty && r.form.runes == 2 || needContext[r.form.text]) {
			// A two-character county name without suffix is read as a
			// place only when its prefecture or province is named too,
			// and not as part of a river or road name.
			if !ancInCtx(c.div) || blockAfter[runeAt(text, r.byteEnd)] {
				continue
			}
		}
		out = append(out, Mention{Division: d, Start: r.start, End: r.end, Form: r.form.text})
	}
	return out
}

// HasName reports whether Find's scan of text meets any place name, before
// names are resolved against each other: a text without one has no
// mention in Find of any text it starts, as long as a line break follows
// it (names never hold one). It spares a caller a second scan of a long
// text when only mentions inside its head would count.
func HasName(text string) bool {
	m := getMatcher()
	for i := 0; i < len(text); {
		f, n1 := m.longestAt(text, i)
		if f != nil && !m.overtaken(text, i, f) {
			if len(f.cands) > 0 {
				return true
			}
			i += len(f.text)
			continue
		}
		i += n1
	}
	return false
}

// runeAt returns the rune starting at byte offset i, or 0 at the end.
func runeAt(text string, i int) rune {
	if i >= len(text) {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return r
}

func resolve(cands []cand, x *index, inCtx func(int32) int) (cand, bool) {
	if len(cands) == 1 {
		return cands[0], true
	}
	var pick cand
	best, n := 0, 0
	for _, c := range cands {
		switch s := inCtx(c.div); {
		case s > best:
			best, pick, n = s, c, 1
		case s == best && s > 0:
			n++
		}
	}
	if n == 1 {
		return pick, true
	}
	// Prefer a single reading at the highest level, if it is a province or
	// a prefecture.
	best = 4
	n = 0
	for _, c := range cands {
		l := x.all[c.div].Level
		if l < best {
			best, pick, n = l, c, 1
		} else if l == best {
			n++
		}
	}
	if n == 1 && best <= LevelPrefecture {
		return pick, true
	}
	return cand{}, false
}
