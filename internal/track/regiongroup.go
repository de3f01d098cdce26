package track

import (
	"slices"

	"planwatch/internal/region"
	"planwatch/internal/store"
)

// The built-in region groups. Their membership is set by 《长江三角洲区域
// 一体化发展规划纲要》(中共中央、国务院, 2019): the planning area is the
// whole of 上海市, 江苏省, 浙江省 and 安徽省, and its 中心区 is 27 named
// cities. Codes are GB/T 2260 prefecture-level codes; 上海市, a
// municipality without prefectures, counts as one city with its province
// code.
const (
	YangtzeRiverDelta = "长三角"    // 长江三角洲区域: 41 cities
	YRDCentralArea    = "长三角中心区" // 长三角中心区: 27 cities
)

// yrdCities are the 41 city-level units of the four provinces: 上海 and
// 江苏's 13, 浙江's 11 and 安徽's 16 prefecture-level cities.
var yrdCities = []string{
	"310000", // 上海市
	// 江苏省: 南京 无锡 徐州 常州 苏州 南通 连云港 淮安 盐城 扬州 镇江 泰州 宿迁
	"320100", "320200", "320300", "320400", "320500", "320600", "320700",
	"320800", "320900", "321000", "321100", "321200", "321300",
	// 浙江省: 杭州 宁波 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水
	"330100", "330200", "330300", "330400", "330500", "330600", "330700",
	"330800", "330900", "331000", "331100",
	// 安徽省: 合肥 芜湖 蚌埠 淮南 马鞍山 淮北 铜陵 安庆 黄山 滁州 阜阳 宿州 六安 亳州 池州 宣城
	"340100", "340200", "340300", "340400", "340500", "340600", "340700", "340800",
	"341000", "341100", "341200", "341300", "341500", "341600", "341700", "341800",
}

// yrdCentral are the 27 cities of the 中心区 named by the 纲要.
var yrdCentral = []string{
	"310000", // 上海市
	// 江苏省: 南京 无锡 常州 苏州 南通 扬州 镇江 盐城 泰州
	"320100", "320200", "320400", "320500", "320600", "321000", "321100", "320900", "321200",
	// 浙江省: 杭州 宁波 温州 湖州 嘉兴 绍兴 金华 舟山 台州
	"330100", "330200", "330300", "330500", "330400", "330600", "330700", "330900", "331000",
	// 安徽省: 合肥 芜湖 马鞍山 铜陵 安庆 滁州 池州 宣城
	"340100", "340200", "340500", "340700", "340800", "341100", "341700", "341800",
}

// BuiltinGroups returns the groups planwatch ships with, fresh copies the
// caller may change.
func BuiltinGroups() []store.RegionGroup {
	return []store.RegionGroup{
		{Name: YangtzeRiverDelta, Codes: slices.Clone(yrdCities), BuiltIn: true},
		{Name: YRDCentralArea, Codes: slices.Clone(yrdCentral), BuiltIn: true},
	}
}

// Members reports whether a region belongs to a group: it is one of the
// group's codes or lies inside one (a district of a member city, a city of
// a member province). A province belongs when all its prefecture-level
// cities do, so 江苏省 is in 长三角 but not in its 中心区. Codes unknown to
// the gazetteer match only themselves.
func Members(group store.RegionGroup, regionCode string) bool {
	if slices.Contains(group.Codes, regionCode) {
		return true
	}
	d, ok := region.ByCode(regionCode)
	if !ok {
		return false
	}
	for p, ok := region.ParentOf(d); ok; p, ok = region.ParentOf(p) {
		if slices.Contains(group.Codes, p.Code) {
			return true
		}
	}
	if d.Level != region.LevelProvince {
		return false
	}
	cities := 0
	for _, c := range region.Children(d) {
		if c.Level != region.LevelPrefecture {
			continue
		}
		cities++
		if !slices.Contains(group.Codes, c.Code) {
			return false
		}
	}
	return cities > 0
}
