package track

import (
	"testing"

	"planwatch/internal/region"
	"planwatch/internal/store"
)

func TestBuiltinGroups(t *testing.T) {
	groups := BuiltinGroups()
	want := map[string]int{YangtzeRiverDelta: 41, YRDCentralArea: 27}
	byName := map[string]store.RegionGroup{}
	for _, g := range groups {
		byName[g.Name] = g
		if !g.BuiltIn {
			t.Errorf("%s: BuiltIn not set", g.Name)
		}
		if len(g.Codes) != want[g.Name] {
			t.Errorf("%s: %d codes, want %d", g.Name, len(g.Codes), want[g.Name])
		}
		seen := map[string]bool{}
		perProvince := map[string]int{}
		for _, c := range g.Codes {
			if seen[c] {
				t.Errorf("%s: %s twice", g.Name, c)
			}
			seen[c] = true
			d, ok := region.ByCode(c)
			if !ok {
				t.Errorf("%s: %s is not in the gazetteer", g.Name, c)
				continue
			}
			if c != "310000" && d.Level != region.LevelPrefecture {
				t.Errorf("%s: %s %s is not prefecture-level", g.Name, c, d.Name)
			}
			perProvince[region.Province(d).Name]++
		}
		if g.Name == YangtzeRiverDelta {
			for p, n := range map[string]int{"上海市": 1, "江苏省": 13, "浙江省": 11, "安徽省": 16} {
				if perProvince[p] != n {
					t.Errorf("%s: %d cities of %s, want %d", g.Name, perProvince[p], p, n)
				}
			}
		}
	}
	// Every central-area city is in the whole region, and the central
	// area is the one the 纲要 names.
	for _, c := range byName[YRDCentralArea].Codes {
		if !Members(byName[YangtzeRiverDelta], c) {
			t.Errorf("central city %s not in 长三角", c)
		}
	}
	for _, name := range []string{"上海市", "南京市", "无锡市", "常州市", "苏州市", "南通市", "扬州市", "镇江市", "盐城市", "泰州市",
		"杭州市", "宁波市", "温州市", "湖州市", "嘉兴市", "绍兴市", "金华市", "舟山市", "台州市",
		"合肥市", "芜湖市", "马鞍山市", "铜陵市", "安庆市", "滁州市", "池州市", "宣城市"} {
		ds := region.ByName(name)
		if len(ds) == 0 {
			t.Errorf("%s not in the gazetteer", name)
			continue
		}
		if !Members(byName[YRDCentralArea], ds[0].Code) {
			t.Errorf("%s (%s) not in the central area", name, ds[0].Code)
		}
	}
	// Fresh copies: changing one does not change the next.
	groups[0].Codes[0] = "x"
	if BuiltinGroups()[0].Codes[0] != "310000" {
		t.Error("BuiltinGroups shares its slices")
	}
}

func TestMembers(t *testing.T) {
	g := BuiltinGroups()
	yrd, central := g[0], g[1]
	tests := []struct {
		group store.RegionGroup
		code  string
		want  bool
	}{
		{yrd, "330400", true},      // 嘉兴市
		{yrd, "330402", true},      // 南湖区, in 嘉兴市
		{yrd, "310101", true},      // 黄浦区, in 上海市
		{yrd, "320000", true},      // 江苏省: all its cities are members
		{yrd, "370100", false},     // 济南市
		{yrd, "370000", false},     // 山东省
		{central, "330400", true},  // 嘉兴市
		{central, "330800", false}, // 衢州市
		{central, "330000", false}, // 浙江省: 衢州 and 丽水 are outside
		{central, "341000", false}, // 黄山市
		{central, "999999", false},
		{store.RegionGroup{Codes: []string{"330000"}}, "330681", true}, // 诸暨市 in a group holding its province
		{store.RegionGroup{Codes: []string{"abc"}}, "abc", true},
	}
	for _, tt := range tests {
		if got := Members(tt.group, tt.code); got != tt.want {
			t.Errorf("Members(%s, %s) = %v, want %v", tt.group.Name, tt.code, got, tt.want)
		}
	}
}
