package track

import (
	"fmt"
	"slices"
	"testing"

	"planwatch/internal/store"
)

func task(id, title, body string) store.Item {
	return store.Item{ID: id, Kind: store.KindTask, Title: title, Body: body}
}

// A provincial plan above, a municipal one below (texts invented).
var (
	upperTasks = []store.Item{
		task("p1", "共建长三角科创走廊", "推动G60科创走廊建设，布局科创飞地，推进重大科研设施开放共享。"),
		task("p2", "建设轨道上的长三角", "加快城际铁路建设，推进沪苏湖铁路、通苏嘉甬铁路等项目，实现主要城市间一小时通勤。"),
		task("p3", "加强跨界水体联保共治", "完善跨界河湖水质监测预警体系，推进太浦河等跨界河湖综合治理。"),
		task("p4", "提升研发投入水平", "全社会研发经费投入强度达到3%以上，鼓励企业加大研发投入。"),
		task("p5", "推进公共服务便利共享", "推动长三角异地就医直接结算，扩大社保卡居民服务一卡通应用。"),
		{ID: "pg", Kind: store.KindGroup, Title: "共建科技创新共同体"},
	}
	lowerTasks = []store.Item{
		task("c1", "共建沪嘉科创走廊", "依托G60科创走廊，布局一批科创飞地和联合实验室，推动重大科研设施开放共享。\n（牵头单位：市科技局；配合单位：市发展改革委）"),
		task("c2", "加快轨道交通建设", "推进通苏嘉甬铁路、沪嘉城际铁路建设，实现与上海半小时通勤。（牵头单位：市交通运输局）"),
		task("c3", "推进太浦河综合治理", "完善省际断面水质监测预警体系，落实跨界河湖联保共治机制。（牵头单位：市水利局）"),
		task("c4", "加大企业创新支持", "实施企业研发费用补助，R&D经费投入强度达到3.2%。（牵头单位：市科技局）"),
		task("c5", "发展夜间经济", "打造一批夜间消费集聚区，丰富夜间文旅业态。（牵头单位：市商务局）"),
		{ID: "cd", Kind: store.KindTask, Title: "共建沪嘉科创走廊", Body: "同上", Dropped: true},
	}
)

func TestSuggestLinks(t *testing.T) {
	links := SuggestLinks(lowerTasks, upperTasks, nil, nil, 1)
	got := map[string]string{}
	for _, l := range links {
		if l.Confirmed {
			t.Errorf("%+v: a suggestion must not be confirmed", l)
		}
		if l.Score < MinLinkScore {
			t.Errorf("%+v: below the threshold", l)
		}
		got[l.ItemID] = l.ParentItemID
	}
	want := map[string]string{"c1": "p1", "c2": "p2", "c3": "p3", "c4": "p4"}
	for lo, up := range want {
		if got[lo] != up {
			t.Errorf("%s: suggested %q, want %q (all: %v)", lo, got[lo], up, links)
		}
	}
	for _, lo := range []string{"c5", "cd"} {
		if _, ok := got[lo]; ok {
			t.Errorf("%s: suggested %q, want nothing", lo, got[lo])
		}
	}
	for _, l := range links {
		if l.ParentItemID == "pg" {
			t.Errorf("a group was suggested: %+v", l)
		}
	}
}

func TestSuggestLinksIndicatorBonus(t *testing.T) {
	lower := []store.Item{task("c", "强化企业创新主体地位", "支持企业建设研发机构。")}
	upper := []store.Item{
		task("p", "提升创新能力", "支持高校建设研发机构。"),
		task("q", "强化企业创新", "提升企业技术水平。"),
	}
	base := SuggestLinks(lower, upper, nil, nil, 5)
	lowInds := []store.Indicator{{Name: "R&D经费投入强度", Key: Key("R&D经费投入强度")}}
	upInds := []store.Indicator{{Name: "全社会研发经费投入强度", Key: Key("全社会研发经费投入强度"), SourceStart: 10, SourceEnd: 20}}
	lower[0].SourceStart, lower[0].SourceEnd = 0, 0
	lower[0].Body += "研发经费投入强度达到3%。"
	upper[0].SourceStart, upper[0].SourceEnd = 5, 40
	boosted := SuggestLinks(lower, upper, lowInds, upInds, 5)
	score := func(ls []store.ItemLink, parent string) float64 {
		for _, l := range ls {
			if l.ParentItemID == parent {
				return l.Score
			}
		}
		return 0
	}
	if score(boosted, "p") <= score(base, "p")+IndicatorBonus/2 {
		t.Errorf("shared indicator gave no bonus: base %v, boosted %v", base, boosted)
	}
	if len(boosted) == 0 || boosted[0].ParentItemID != "p" {
		t.Errorf("the shared indicator should rank p first: %v", boosted)
	}
}

func TestSuggestLinksLimit(t *testing.T) {
	var upper []store.Item
	for i := range 6 {
		upper = append(upper, task(fmt.Sprintf("p%d", i), "推进跨界河湖综合治理", fmt.Sprintf("第%d段水质监测预警。", i)))
	}
	lower := []store.Item{task("c", "推进跨界河湖综合治理", "完善水质监测预警。")}
	if n := len(SuggestLinks(lower, upper, nil, nil, 0)); n != DefaultLinkLimit {
		t.Errorf("max 0 gave %d suggestions, want %d", n, DefaultLinkLimit)
	}
	ls := SuggestLinks(lower, upper, nil, nil, 4)
	if len(ls) != 4 {
		t.Fatalf("max 4 gave %d", len(ls))
	}
	if !slices.IsSortedFunc(ls, func(a, b store.ItemLink) int {
		switch {
		case a.Score > b.Score:
			return -1
		case a.Score < b.Score:
			return 1
		}
		return 0
	}) {
		t.Errorf("not best first: %v", ls)
	}
	if SuggestLinks(nil, upper, nil, nil, 3) != nil || SuggestLinks(lower, nil, nil, nil, 3) != nil {
		t.Error("an empty side must give no suggestions")
	}
}

func TestStripUnitClause(t *testing.T) {
	tests := []struct{ in, want string }{
		{"推进建设。\n（牵头单位：市科技局；配合单位：市财政局）", "推进建设。\n"},
		{"推进建设（含改扩建）。(责任单位: 市交通局)后文", "推进建设（含改扩建）。后文"},
		{"推进建设。（牵头单位：市科技局", "推进建设。"},
		{"无单位", "无单位"},
	}
	for _, tt := range tests {
		if got := stripUnitClause(tt.in); got != tt.want {
			t.Errorf("stripUnitClause(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCoverage(t *testing.T) {
	upper := []store.Item{
		{ID: "g", Kind: store.KindGroup, Title: "一、科技"},
		{ID: "u1", Kind: store.KindTask, ParentID: "g"},
		{ID: "u2", Kind: store.KindTask, ParentID: "g"},
		{ID: "u2a", Kind: store.KindTask, ParentID: "u2"},
		{ID: "u3", Kind: store.KindProject},
		{ID: "u4", Kind: store.KindTask, Dropped: true},
	}
	lower := []store.Item{
		{ID: "lg", Kind: store.KindGroup},
		{ID: "l1", Kind: store.KindTask, ParentID: "lg"},
		{ID: "l2", Kind: store.KindTask, ParentID: "lg"},
		{ID: "l3", Kind: store.KindTask},
		{ID: "l4", Kind: store.KindTask},
	}
	links := []store.ItemLink{
		{ItemID: "l3", ParentItemID: "u1", Confirmed: true},
		{ItemID: "lg", ParentItemID: "u2a", Confirmed: true}, // a section carries out a sub-task
		{ItemID: "l4", ParentItemID: "u3", Confirmed: false}, // a suggestion
		{ItemID: "l4", ParentItemID: "elsewhere", Confirmed: true},
	}
	ids := func(items []store.Item) []string {
		var out []string
		for _, it := range items {
			out = append(out, it.ID)
		}
		return out
	}
	tests := []struct {
		withSuggested bool
		up, orphan    []string
	}{
		{false, []string{"u3"}, []string{"l4"}},
		{true, nil, nil},
	}
	for _, tt := range tests {
		up, orphan := Coverage(lower, upper, links, tt.withSuggested)
		if !slices.Equal(ids(up), tt.up) || !slices.Equal(ids(orphan), tt.orphan) {
			t.Errorf("Coverage(withSuggested=%v) = %v, %v; want %v, %v", tt.withSuggested, ids(up), ids(orphan), tt.up, tt.orphan)
		}
	}
}

func TestSuggestLinksProjects(t *testing.T) {
	lower := []store.Item{
		{ID: "c1", Kind: store.KindProject, Title: "通苏嘉甬铁路"},
		{ID: "c2", Kind: store.KindProject, Title: "沪嘉城际铁路"},
		{ID: "c3", Kind: store.KindTask, Title: "推进通苏嘉甬铁路建设", Body: "加快通苏嘉甬铁路建设。"},
	}
	upper := []store.Item{
		{ID: "p1", Kind: store.KindProject, Title: "通苏嘉甬铁路"},
		{ID: "p2", Kind: store.KindProject, Title: "金甬铁路"},
		{ID: "p3", Kind: store.KindTask, Title: "建设轨道上的长三角", Body: "推进通苏嘉甬铁路、金甬铁路建设。"},
	}
	var got []string
	for _, l := range SuggestLinks(lower, upper, nil, nil, 3) {
		got = append(got, l.ItemID+">"+l.ParentItemID)
	}
	// Projects match by name only; the task finds the task.
	if want := []string{"c1>p1", "c3>p3"}; !slices.Equal(got, want) {
		t.Errorf("links %v, want %v", got, want)
	}
}
