package track

import (
	"math"
	"testing"

	"planwatch/internal/store"
)

func TestKey(t *testing.T) {
	same := [][]string{
		{"研发经费投入强度", "全社会研发经费投入强度", "R&D经费投入强度", "研究与试验发展经费投入强度",
			"研究与试验发展（R&D）经费投入强度", "全社会研究与试验发展经费投入强度", "研发投入强度", "r&d 经费投入强度"},
		{"常住人口城镇化率", "城镇化率", "全市常住人口城镇化率", "我市城镇化率"},
		{"地区生产总值", "GDP", "生产总值", "全市地区生产总值", "全省生产总值", "ＧＤＰ"},
		{"单位地区生产总值能耗", "单位GDP能耗", "单位生产总值能耗"},
		{"技术交易额", "年技术交易额", "每年技术交易额", "全市技术交易额"},
		{"数字经济核心产业增加值", "数字经济核心产业 增加值", "“数字经济”核心产业增加值"},
		// A work report's headline targets, however each province words them.
		{"地区生产总值增长", "生产总值增长", "经济增长", "GDP增长", "经济增速", "全省地区生产总值增长",
			"地区生产总值增速", "完成地区生产总值增长", "国内生产总值增长"},
		{"地区生产总值年均增长", "地区生产总值年均增速", "GDP年均增长", "全省生产总值年均增长"},
		{"居民消费价格涨幅", "居民消费价格总水平涨幅", "CPI涨幅", "物价涨幅", "居民消费价格上涨",
			"居民消费价格指数涨幅", "居民消费价格指数上涨", "居民消费价格总水平上涨幅度", "居民消费价格增长", "cpi涨幅"},
		{"城镇新增就业", "新增城镇就业", "城镇新增就业人数", "全市城镇新增就业", "新增就业"},
		{"城镇调查失业率", "城镇调查失业率平均", "城镇调查失业率平均值", "城镇调查失业率均值", "全省城镇调查失业率"},
	}
	for _, group := range same {
		want := Key(group[0])
		for _, n := range group[1:] {
			if got := Key(n); got != want {
				t.Errorf("Key(%q) = %q, want %q (as Key(%q))", n, got, want, group[0])
			}
		}
	}
	different := [][2]string{
		{"户籍人口城镇化率", "常住人口城镇化率"},
		{"年均增长率", "增长率"},
		{"地区生产总值", "地区生产总值增速"},
		{"年末常住人口", "末常住人口"},
		{"年度投资完成额", "度投资完成额"},
		{"地区生产总值增长", "地区生产总值年均增长"}, // this year's growth, not the five-year average
		{"经济增长", "工业对经济增长贡献率"},
		{"城镇调查失业率", "城镇登记失业率"},
		{"城镇调查失业率", "年末城镇调查失业率"}, // the year's end is not its average
		{"完成率", "率"},
	}
	for _, d := range different {
		if Key(d[0]) == Key(d[1]) {
			t.Errorf("Key(%q) == Key(%q) = %q, want different", d[0], d[1], Key(d[0]))
		}
	}
	if got := Key("全市"); got != "全市" {
		t.Errorf("Key(全市) = %q: a name that is only a scope word must stay", got)
	}
	if got := Key("国家级全市重点园区"); got != "国家级全市重点园区" {
		t.Errorf("Key(国家级全市重点园区) = %q: scope words only drop when leading", got)
	}
}

func TestDirection(t *testing.T) {
	tests := []struct{ op, name, want string }{
		{">=", "研发经费投入强度", store.DirectionUp},
		{"=", "新增国家高新技术企业", store.DirectionUp},
		{"", "常住人口城镇化率", store.DirectionUp},
		{"<=", "城乡居民人均可支配收入比", store.DirectionDown},
		{"<", "城镇调查失业率", store.DirectionDown},
		{"=", "单位地区生产总值能耗", store.DirectionDown},
		{"", "PM2.5平均浓度", store.DirectionDown},
		{"=", "城镇调查失业率", store.DirectionDown},
		{"", "主要污染物排放总量", store.DirectionDown},
		{"", "单位工业增加值用水量降低", store.DirectionDown},
		{">=", "单位地区生产总值二氧化碳排放下降率", store.DirectionUp}, // a floor on a fall
	}
	for _, tt := range tests {
		if got := Direction(tt.op, tt.name); got != tt.want {
			t.Errorf("Direction(%q, %q) = %q, want %q", tt.op, tt.name, got, tt.want)
		}
	}
}

func fp(v float64) *float64 { return &v }

func obs(period string, v float64) store.Observation {
	return store.Observation{Period: period, Value: v}
}

func TestAttainment(t *testing.T) {
	asOf := day("2024-12-31")
	tests := []struct {
		name string
		ind  store.Indicator
		want float64
		ok   bool
	}{
		{"up with baseline", store.Indicator{Direction: store.DirectionUp, BaselineValue: fp(2.9), BaselineYear: 2020,
			Targets: []store.Target{{Year: 2025, Value: 3.2, Op: ">="}}, Observations: []store.Observation{obs("2023", 3.05)}}, 50, true},
		{"down with baseline", store.Indicator{Direction: store.DirectionDown, BaselineValue: fp(5.0), BaselineYear: 2020,
			Targets: []store.Target{{Year: 2025, Value: 4.0, Op: "<="}}, Observations: []store.Observation{obs("2022", 4.75)}}, 25, true},
		{"up without baseline", store.Indicator{Direction: store.DirectionUp,
			Targets: []store.Target{{Year: 2025, Value: 1500, Op: "="}}, Observations: []store.Observation{obs("2024", 600)}}, 40, true},
		{"down without baseline", store.Indicator{Direction: store.DirectionDown,
			Targets: []store.Target{{Year: 2025, Value: 35, Op: "<="}}, Observations: []store.Observation{obs("2024", 50)}}, 70, true},
		{"passed", store.Indicator{Direction: store.DirectionUp, BaselineValue: fp(60), BaselineYear: 2020,
			Targets: []store.Target{{Year: 2025, Value: 70}}, Observations: []store.Observation{obs("2024", 72)}}, 120, true},
		{"latest period wins", store.Indicator{Direction: store.DirectionUp, BaselineValue: fp(0), BaselineYear: 2020,
			Targets: []store.Target{{Year: 2025, Value: 100}}, Observations: []store.Observation{obs("2024-Q2", 30), obs("2023", 20)}}, 30, true},
		{"not yet known", store.Indicator{Direction: store.DirectionUp,
			Targets: []store.Target{{Year: 2025, Value: 100}}, Observations: []store.Observation{obs("2025", 90)}}, 0, false},
		{"no target", store.Indicator{Observations: []store.Observation{obs("2023", 1)}}, 0, false},
	}
	for _, tt := range tests {
		got, ok := Attainment(tt.ind, asOf)
		if ok != tt.ok || math.Abs(got-tt.want) > 1e-6 {
			t.Errorf("%s: Attainment = %.3f, %v; want %.3f, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}

func TestAttainmentRevision(t *testing.T) {
	first := store.Observation{Period: "2023", Value: 3.0, RecordedAt: day("2024-02-01")}
	revised := store.Observation{Period: "2023", Value: 3.1, Revised: true, RecordedAt: day("2024-09-01")}
	ind := store.Indicator{Direction: store.DirectionUp, BaselineValue: fp(2.9), BaselineYear: 2020,
		Targets: []store.Target{{Year: 2025, Value: 3.3}}, Observations: []store.Observation{revised, first}}
	// In June only the first figure was known; by October the revision.
	for _, tt := range []struct {
		asOf string
		want float64
	}{{"2024-06-30", 25}, {"2024-10-01", 50}} {
		got, ok := Attainment(ind, day(tt.asOf))
		if !ok || math.Abs(got-tt.want) > 1e-6 {
			t.Errorf("as of %s: Attainment = %.3f, %v; want %.1f", tt.asOf, got, ok, tt.want)
		}
	}
	if _, ok := Attainment(ind, day("2024-01-31")); ok {
		t.Error("as of 2024-01-31 nothing was recorded yet")
	}
}

func TestProject(t *testing.T) {
	tests := []struct {
		name string
		ind  store.Indicator
		year int
		want float64
		ok   bool
	}{
		{"line", store.Indicator{BaselineValue: fp(2.9), BaselineYear: 2020,
			Observations: []store.Observation{obs("2021", 3.0), obs("2022", 3.1)}}, 2025, 3.4, true},
		{"least squares", store.Indicator{
			Observations: []store.Observation{obs("2021", 1), obs("2022", 3), obs("2023", 2), obs("2024", 4)}}, 2025, 4.5, true},
		{"quarter at its end", store.Indicator{BaselineValue: fp(0), BaselineYear: 2020,
			Observations: []store.Observation{obs("2021-Q2", 5)}}, 2021, 10, true},
		{"baseline replaced by a figure for its year", store.Indicator{BaselineValue: fp(100), BaselineYear: 2020,
			Observations: []store.Observation{obs("2020", 10), obs("2021", 20)}}, 2022, 30, true},
		{"one point", store.Indicator{BaselineValue: fp(1), BaselineYear: 2020}, 2025, 0, false},
		{"bad periods", store.Indicator{Observations: []store.Observation{obs("去年", 1), obs("2023", 2)}}, 2025, 0, false},
	}
	for _, tt := range tests {
		got, ok := Project(tt.ind, tt.year)
		if ok != tt.ok || math.Abs(got-tt.want) > 1e-6 {
			t.Errorf("%s: Project(%d) = %.4f, %v; want %.4f, %v", tt.name, tt.year, got, ok, tt.want, tt.ok)
		}
	}
}

func TestOnTrack(t *testing.T) {
	asOf := day("2024-06-30")
	tests := []struct {
		name           string
		ind            store.Indicator
		onTrack, known bool
		projected      float64
	}{
		{"rising fast enough", store.Indicator{Direction: store.DirectionUp, BaselineValue: fp(2.9), BaselineYear: 2020,
			Targets:      []store.Target{{Year: 2025, Value: 3.2, Op: ">="}},
			Observations: []store.Observation{obs("2021", 2.96), obs("2022", 3.02), obs("2023", 3.08)}}, true, true, 3.2},
		{"rising too slowly", store.Indicator{Direction: store.DirectionUp, BaselineValue: fp(2.9), BaselineYear: 2020,
			Targets:      []store.Target{{Year: 2025, Value: 3.2, Op: ">="}},
			Observations: []store.Observation{obs("2021", 2.92), obs("2022", 2.94), obs("2023", 2.96)}}, false, true, 3.0},
		{"falling as it should", store.Indicator{Direction: store.DirectionDown, BaselineValue: fp(40), BaselineYear: 2020,
			Targets:      []store.Target{{Year: 2025, Value: 30, Op: "<="}},
			Observations: []store.Observation{obs("2022", 36), obs("2023", 34)}}, true, true, 30},
		{"target year figure decides", store.Indicator{Direction: store.DirectionUp, BaselineValue: fp(0), BaselineYear: 2020,
			Targets:      []store.Target{{Year: 2023, Value: 10, Op: ">="}},
			Observations: []store.Observation{obs("2021", 9), obs("2023", 9.5)}}, false, true, 0},
		{"a single figure already met", store.Indicator{Direction: store.DirectionUp,
			Targets: []store.Target{{Year: 2025, Value: 70, Op: ">="}}, Observations: []store.Observation{obs("2023", 71)}}, true, true, 0},
		{"a single figure short", store.Indicator{Direction: store.DirectionUp,
			Targets: []store.Target{{Year: 2025, Value: 70, Op: ">="}}, Observations: []store.Observation{obs("2023", 65)}}, false, false, 0},
		{"strict bound not met", store.Indicator{Direction: store.DirectionUp, BaselineValue: fp(0), BaselineYear: 2020,
			Targets:      []store.Target{{Year: 2025, Value: 10, Op: ">"}},
			Observations: []store.Observation{obs("2021", 2), obs("2022", 4)}}, false, true, 10},
		{"no target", store.Indicator{Observations: []store.Observation{obs("2023", 65)}}, false, false, 0},
	}
	for _, tt := range tests {
		o := OnTrack(tt.ind, asOf)
		if o.OnTrack != tt.onTrack || o.Known != tt.known || (o.Projection && math.Abs(o.Projected-tt.projected) > 1e-6) {
			t.Errorf("%s: OnTrack = %+v; want on track %v, known %v, projected %.2f", tt.name, o, tt.onTrack, tt.known, tt.projected)
		}
	}
	o := OnTrack(store.Indicator{Direction: store.DirectionUp, BaselineValue: fp(2.9), BaselineYear: 2020,
		Targets:      []store.Target{{Year: 2025, Value: 3.2}},
		Observations: []store.Observation{obs("2023", 3.05), obs("2024", 3.1)}}, asOf)
	if o.LatestPeriod != "2023" || o.Latest != 3.05 || o.TargetYear != 2025 || math.Abs(o.Attainment-50) > 1e-6 {
		t.Errorf("as of mid-2024 the 2024 figure is not known yet: %+v", o)
	}
}

func TestFinalAndResolveTargets(t *testing.T) {
	ind := store.Indicator{Targets: []store.Target{{Year: 2022, Value: 1}, {Year: 2025, Value: 2}, {Year: 2023, Value: 3}}}
	if tg, ok := FinalTarget(ind); !ok || tg.Year != 2025 {
		t.Errorf("FinalTarget = %+v, %v", tg, ok)
	}
	ind.Targets = append(ind.Targets, store.Target{Value: 4})
	if tg, _ := FinalTarget(ind); tg.Value != 4 {
		t.Errorf("a yearless target is the plan's end: FinalTarget = %+v", tg)
	}
	r := ResolveTargets(ind, 2026)
	if r.Targets[3].Year != 2026 || ind.Targets[3].Year != 0 {
		t.Errorf("ResolveTargets: %+v (original %+v)", r.Targets, ind.Targets)
	}
	if _, ok := FinalTarget(store.Indicator{}); ok {
		t.Error("FinalTarget of no targets")
	}
}

func TestPeriodSpan(t *testing.T) {
	tests := []struct {
		in         string
		start, end string
		x          float64
		ok         bool
	}{
		{"2023", "2023-01-01", "2024-01-01", 2023, true},
		{"2023年", "2023-01-01", "2024-01-01", 2023, true},
		{"2023-Q2", "2023-04-01", "2023-07-01", 2022.5, true},
		{"2023-06", "2023-06-01", "2023-07-01", 2022.5, true},
		{"2023-H2", "2023-07-01", "2024-01-01", 2023, true},
		{"2023-12", "2023-12-01", "2024-01-01", 2023, true},
		{"2023-13", "", "", 0, false},
		{"去年", "", "", 0, false},
	}
	for _, tt := range tests {
		s, x, ok := PeriodSpan(tt.in)
		if ok != tt.ok {
			t.Errorf("PeriodSpan(%q) ok = %v", tt.in, ok)
			continue
		}
		if !ok {
			continue
		}
		if !s.Equal(day(tt.start)) || x != tt.x || !periodEnd(s, x).Equal(day(tt.end)) {
			t.Errorf("PeriodSpan(%q) = %s, %v (end %s); want %s, %v, %s", tt.in, s.Format("2006-01-02"), x,
				periodEnd(s, x).Format("2006-01-02"), tt.start, tt.x, tt.end)
		}
	}
}
