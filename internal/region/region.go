package region

import (
	_ "embed"
	"strings"
	"sync"
	"unicode/utf8"
)

//go:embed data/divisions.tsv
var divisionsTSV string

// Division is one administrative division with its GB/T 2260 code.
type Division struct {
	Code   string // six-digit GB/T 2260 code, e.g. "330600"
	Name   string // full official name, e.g. "绍兴市"
	Parent string // code of the enclosing division; "" for a province
	Level  int    // 1 province-level, 2 prefecture-level, 3 county-level
}

// Level values of Division.Level.
const (
	LevelProvince   = 1
	LevelPrefecture = 2
	LevelCounty     = 3
)

type index struct {
	all     []Division
	byCode  map[string]int
	byName  map[string][]int // full name, short name and former name
	short   []string         // Short() of all[i]
	formers map[string][]int // former name -> divisions
}

var (
	idxOnce sync.Once
	idx     *index
)

func load() *index {
	idxOnce.Do(func() {
		x := &index{
			byCode:  map[string]int{},
			byName:  map[string][]int{},
			formers: map[string][]int{},
		}
		for _, line := range strings.Split(divisionsTSV, "\n") {
			if line == "" || line[0] == '#' {
				continue
			}
			f := strings.Split(strings.TrimRight(line, "\r"), "\t")
			if len(f) != 4 || len(f[3]) != 1 {
				panic("region: bad line in divisions.tsv: " + line)
			}
			d := Division{Code: f[0], Name: f[1], Parent: f[2], Level: int(f[3][0] - '0')}
			x.byCode[d.Code] = len(x.all)
			x.all = append(x.all, d)
		}
		x.short = make([]string, len(x.all))
		add := func(name string, i int) {
			for _, j := range x.byName[name] {
				if j == i {
					return
				}
			}
			x.byName[name] = append(x.byName[name], i)
		}
		for i, d := range x.all {
			x.short[i] = d.Short()
			add(d.Name, i)
			add(x.short[i], i)
		}
		for _, f := range formerNames {
			i, ok := x.byCode[f.Code]
			if !ok {
				panic("region: former name " + f.Name + " points to unknown code " + f.Code)
			}
			add(f.Name, i)
			x.formers[f.Name] = append(x.formers[f.Name], i)
		}
		idx = x
	})
	return idx
}

// All returns every division, ordered by code. The slice is shared: do not
// modify it.
func All() []Division { return load().all }

// ByCode returns the division with the given six-digit code.
func ByCode(code string) (Division, bool) {
	x := load()
	i, ok := x.byCode[code]
	if !ok {
		return Division{}, false
	}
	return x.all[i], true
}

// ByName returns the divisions known by name: a full name ("绍兴市"), a name
// without its suffix ("绍兴", "内蒙古") or a former name ("襄樊"). Several
// divisions may share a name ("鼓楼区", "海南"); they are ordered by level,
// then code.
func ByName(name string) []Division {
	x := load()
	is := x.byName[name]
	out := make([]Division, len(is))
	for k, i := range is {
		out[k] = x.all[i]
	}
	sortDivisions(out)
	return out
}

func sortDivisions(ds []Division) {
	for i := 1; i < len(ds); i++ {
		for j := i; j > 0 && less(ds[j], ds[j-1]); j-- {
			ds[j], ds[j-1] = ds[j-1], ds[j]
		}
	}
}

func less(a, b Division) bool {
	if a.Level != b.Level {
		return a.Level < b.Level
	}
	return a.Code < b.Code
}

// ParentOf returns the enclosing division of d; false for a province.
func ParentOf(d Division) (Division, bool) {
	if d.Parent == "" {
		return Division{}, false
	}
	return ByCode(d.Parent)
}

// Province returns the province-level division that contains d (d itself
// for a province).
func Province(d Division) Division {
	if p, ok := ByCode(d.Code[:2] + "0000"); ok {
		return p
	}
	return d
}

// Prefecture returns the prefecture-level division that contains d (d itself
// for a prefecture); false for a province and for a county-level division
// directly under its province (a municipality's district, 济源市, 仙桃市 …).
func Prefecture(d Division) (Division, bool) {
	switch d.Level {
	case LevelPrefecture:
		return d, true
	case LevelCounty:
		p, ok := ParentOf(d)
		if ok && p.Level == LevelPrefecture {
			return p, true
		}
	}
	return Division{}, false
}

// Within reports whether d is a or lies inside a (a county in its
// prefecture or province, a prefecture in its province).
func Within(d, a Division) bool {
	for i := 0; i < 3 && d.Code != ""; i++ {
		if d.Code == a.Code {
			return true
		}
		p, ok := ParentOf(d)
		if !ok {
			return false
		}
		d = p
	}
	return false
}

// Children returns the divisions whose parent is d, ordered by code.
func Children(d Division) []Division {
	var out []Division
	for _, c := range load().all {
		if c.Parent == d.Code {
			out = append(out, c)
		}
	}
	return out
}

// specialShort are province-level names whose short form is not a plain
// suffix cut.
var specialShort = map[string]string{
	"内蒙古自治区":   "内蒙古",
	"广西壮族自治区":  "广西",
	"西藏自治区":    "西藏",
	"宁夏回族自治区":  "宁夏",
	"新疆维吾尔自治区": "新疆",
	"香港特别行政区":  "香港",
	"澳门特别行政区":  "澳门",
}

// ethnic are the names of ethnic groups as they appear in the names of
// autonomous divisions (湘西土家族苗族自治州, 伊犁哈萨克自治州).
var ethnic = strings.Fields(`蒙古族 蒙古 回族 藏族 维吾尔族 维吾尔 苗族 彝族 壮族 布依族 朝鲜族 满族 侗族 瑶族 白族
土家族 哈尼族 哈萨克族 哈萨克 傣族 黎族 傈僳族 佤族 畲族 拉祜族 水族 东乡族 纳西族 景颇族 柯尔克孜族 柯尔克孜
土族 达斡尔族 仫佬族 羌族 布朗族 撒拉族 毛南族 仡佬族 锡伯族 普米族 塔吉克族 怒族 鄂温克族 保安族 裕固族
独龙族 鄂伦春族 各族`)

// suffixes are cut from the end of a name, longest first; a cut that would
// leave a single character is not made (沙县 stays 沙县, 清新区 becomes 清新).
var suffixes = []string{"特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "新区", "特区", "省", "市", "区", "县", "旗", "盟"}

// Short returns the name without its administrative suffix: 绍兴市 → 绍兴,
// 内蒙古自治区 → 内蒙古, 柯城区 → 柯城, 广西壮族自治区 → 广西,
// 湘西土家族苗族自治州 → 湘西. A name that would shrink to one character
// is returned whole (沙县, 城区).
func (d Division) Short() string { return shortName(d.Name) }

func shortName(name string) string {
	if s, ok := specialShort[name]; ok {
		return s
	}
	for _, suf := range suffixes {
		if !strings.HasSuffix(name, suf) {
			continue
		}
		s := strings.TrimSuffix(name, suf)
		if strings.HasPrefix(suf, "自治") {
			for again := true; again; {
				again = false
				for _, e := range ethnic {
					if strings.HasSuffix(s, e) && utf8.RuneCountInString(s) > utf8.RuneCountInString(e)+1 {
						s = strings.TrimSuffix(s, e)
						again = true
						break
					}
				}
			}
		}
		if utf8.RuneCountInString(s) >= 2 {
			return s
		}
	}
	return name
}
