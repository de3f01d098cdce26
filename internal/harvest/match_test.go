package harvest

import (
	"testing"

	"planwatch/internal/extract"
	"planwatch/internal/store"
)

func sp(s string) *string { return &s }

func TestMatchRules(t *testing.T) {
	base := 5.0
	plans := []store.Plan{
		{ID: "p-city", DocumentID: "own", RegionCode: "330600", RegionName: "绍兴市", StartYear: 2023, EndYear: 2023},
		{ID: "p-nation", DocumentID: "own-n", StartYear: 2021, EndYear: 2025},
	}
	inds := []store.Indicator{
		{ID: "gdp", PlanID: "p-city", Name: "地区生产总值增长", Key: "生产总值增长", Unit: "%",
			Targets: []store.Target{{Year: 2023, Value: 6}}},
		{ID: "fixed", PlanID: "p-city", Name: "固定资产投资", Key: "固定资产投资", Unit: "亿元",
			Targets: []store.Target{{Year: 2023, Value: 1000}}},
		{ID: "jobs", PlanID: "p-city", Name: "城镇新增就业", Key: "城镇新增就业", Unit: "人",
			Targets:      []store.Target{{Year: 2023, Value: 50000}},
			Observations: []store.Observation{{Period: "2022", Value: 51000}}},
		{ID: "rd", PlanID: "p-nation", Name: "研发经费投入强度", Key: "研发经费投入强度", Unit: "%",
			BaselineValue: &base, BaselineYear: 2020, Targets: []store.Target{{Year: 2025, Value: 2.8}}},
		{ID: "grain", PlanID: "p-nation", Name: "粮食产量", Key: "粮食产量", Unit: "吨", Review: store.ReviewProposed},
	}
	syn := NewSynonyms([]store.HarvestSynonym{
		{Name: "全社会研发投入占GDP比重", Canonical: "研发经费投入强度"},
		{Name: "R&D投入强度", Canonical: "研发经费投入强度"},
		{Name: "经济增速", Canonical: "地区生产总值增长", Negative: true},
	})
	x := NewIndex(plans, inds, syn)
	if x.Len() != 4 {
		t.Fatalf("indexed %d indicators, want the 4 confirmed", x.Len())
	}
	city := Source{DocumentID: "d", RegionCode: "330600", RegionName: "绍兴市"}
	nation := Source{DocumentID: "d"}
	county := Source{DocumentID: "d", RegionCode: "330602", RegionName: "越城区"}
	q := func(name string, v float64, unit, period, op string) extract.Quantity {
		return extract.Quantity{Indicator: name, Value: v, Unit: unit, Period: sp(period), Op: op, Quote: name}
	}
	cases := []struct {
		name  string
		src   Source
		obs   extract.Quantity
		min   float64
		want  string  // indicator ID matched, "" for none
		value float64 // in the indicator's unit
	}{
		{"same name, region, unit, period", city, q("全市地区生产总值同比增长", 7.8, "%", "2023", "="), 0, "gdp", 7.8},
		{"元 converted to 亿元", city, q("固定资产投资完成", 1.2e11, "元", "2023", "="), 0, "fixed", 1200},
		{"% is no amount", city, q("固定资产投资", 12, "%", "2023", "="), 0, "", 0},
		{"个 is no 人", city, q("城镇新增就业", 5, "个", "2023", "="), 0, "", 0},
		{"a period the indicator has", city, q("城镇新增就业", 52000, "人", "2022", "="), 0, "", 0},
		{"a period after the plan", city, q("地区生产总值增长", 6.1, "%", "2024", "="), 0, "", 0},
		{"a national figure for a city", nation, q("地区生产总值增长", 5.2, "%", "2023", "="), 0, "", 0},
		{"a city's figure for the nation", city, q("研发经费投入强度", 3.4, "%", "2023", "="), 0, "", 0},
		{"a county's figure: a breakdown, below the threshold", county, q("地区生产总值增长", 8.1, "%", "2023", "="), 0, "", 0},
		{"a county's figure with the threshold lowered", county, q("地区生产总值增长", 8.1, "%", "2023", "="), 0.7, "gdp", 8.1},
		{"synonym from the table", nation, q("全社会研发投入占GDP比重", 2.6, "%", "2023", "="), 0, "rd", 2.6},
		{"synonym, R&D spelled with letters", nation, q("R&D投入强度", 2.6, "%", "2022", "="), 0, "rd", 2.6},
		{"the baseline year it has", nation, q("研发经费投入强度", 2.4, "%", "2020", "="), 0, "", 0},
		{"a person said this name is not it", city, q("经济增速", 7.8, "%", "2023", "="), 0, "", 0},
		{"a five-year total is no year's figure", city, q("城镇新增就业", 300000, "人", "2023", "="), 0, "", 0},
		{"a bound is not the figure", city, q("城镇新增就业", 50000, "人", "2023", ">"), 0, "", 0},
		{"too vague a name", city, q("投资", 1e11, "元", "2023", "="), 0, "", 0},
		{"an allocation", city, q("固定资产投资安排", 1e11, "元", "2023", "="), 0, "", 0},
		{"an indicator awaiting review", nation, q("粮食产量", 6.9e8, "吨", "2023", "="), 0, "", 0},
		{"no period", city, extract.Quantity{Indicator: "地区生产总值增长", Value: 7, Unit: "%"}, 0, "", 0},
		{"the plan's own document", Source{DocumentID: "own", RegionCode: "330600"}, q("地区生产总值增长", 7.8, "%", "2023", "="), 0, "", 0},
		{"a year not over when written", Source{DocumentID: "d", RegionCode: "330600", Written: 2023}, q("地区生产总值增长", 7.8, "%", "2023", "="), 0, "", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := c.src
			src.Obs = []extract.Quantity{c.obs}
			min := c.min
			if min == 0 {
				min = DefaultMinScore
			}
			ms := x.Match(src, min)
			switch {
			case c.want == "" && len(ms) > 0:
				t.Errorf("matched %s (score %v, %v), want none", ms[0].Indicator.ID, ms[0].Score, ms[0].Reasons)
			case c.want != "" && len(ms) != 1:
				t.Errorf("%d matches, want %s", len(ms), c.want)
			case c.want != "" && (ms[0].Indicator.ID != c.want || ms[0].Value != c.value || len(ms[0].Reasons) < 4):
				t.Errorf("matched %s = %v (%v), want %s = %v", ms[0].Indicator.ID, ms[0].Value, ms[0].Reasons, c.want, c.value)
			}
		})
	}
}

// TestMatchOneFigurePerValue: a figure stated twice in a document is one
// proposal; two different figures for one period are two.
func TestMatchOneFigurePerValue(t *testing.T) {
	plans := []store.Plan{{ID: "p", StartYear: 2023, EndYear: 2023}}
	inds := []store.Indicator{{ID: "gdp", PlanID: "p", Name: "国内生产总值增长", Unit: "%"}}
	x := NewIndex(plans, inds, NewSynonyms(nil))
	o := func(v float64, at int) extract.Quantity {
		return extract.Quantity{Indicator: "国内生产总值增长", Value: v, Unit: "%", Period: sp("2023"), Span: extract.Span{at, at + 5}}
	}
	ms := x.Match(Source{DocumentID: "d", Obs: []extract.Quantity{o(5.2, 0), o(5.2, 100), o(5.4, 200)}}, DefaultMinScore)
	if len(ms) != 2 || ms[0].Value != 5.2 || ms[1].Value != 5.4 {
		t.Errorf("matches %+v, want 5.2 once and 5.4", ms)
	}
}

func TestNameKey(t *testing.T) {
	for _, c := range []struct{ a, b string }{
		{"全年地区生产总值完成", "地区生产总值"},
		{"地区生产总值完成同比增长", "地区生产总值增长"},
		{"国内生产总值比上年增长", "国内生产总值增长"},
		{"区本级全社会固定资产投资额完成", "区本级固定资产投资"},
		{"居民消费价格涨幅回落到", "居民消费价格涨幅"},
		{"城镇新增就业人口", "城镇新增就业"},
	} {
		if nameKey(c.a) != nameKey(c.b) {
			t.Errorf("nameKey(%s) = %s, nameKey(%s) = %s: want the same", c.a, nameKey(c.a), c.b, nameKey(c.b))
		}
	}
	for _, c := range []struct{ a, b string }{
		{"国内生产总值年均增长", "国内生产总值增长"},
		{"累计新增城镇就业", "城镇新增就业"},
		{"单位国内生产总值能耗下降", "国内生产总值增长"},
	} {
		if nameKey(c.a) == nameKey(c.b) {
			t.Errorf("nameKey(%s) = nameKey(%s) = %s: want them apart", c.a, c.b, nameKey(c.a))
		}
	}
}
