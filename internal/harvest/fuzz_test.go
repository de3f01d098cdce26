package harvest

import (
	"testing"

	"planwatch/internal/extract"
	"planwatch/internal/store"
)

// FuzzMatch feeds the matching names, units and periods as extraction
// might read them out of any document: it must not panic, and whatever it
// proposes must stand on the rules (a score within bounds, the period
// asked, the indicator's unit base).
func FuzzMatch(f *testing.F) {
	f.Add("地区生产总值同比增长", 7.8, "%", "2023", "=", "330600")
	f.Add("城镇新增就业人口", 1.2e4, "万人", "2023-Q2", ">", "")
	f.Add("R&D投入强度", 2.5, "%", "２０２３", "", "330602")
	f.Add("", 0.0, "", "", "", "x")
	plans := []store.Plan{{ID: "p", RegionCode: "330600", StartYear: 2021, EndYear: 2025},
		{ID: "n", StartYear: 2021, EndYear: 2025}}
	inds := []store.Indicator{
		{ID: "a", PlanID: "p", Name: "地区生产总值增长", Unit: "%", Targets: []store.Target{{Year: 2025, Value: 6}}},
		{ID: "b", PlanID: "n", Name: "城镇新增就业", Unit: "万人"},
		{ID: "c", PlanID: "n", Name: "研发经费投入强度", Unit: "%"},
	}
	syn := NewSynonyms([]store.HarvestSynonym{{Name: "R&D投入强度", Canonical: "研发经费投入强度"}})
	f.Fuzz(func(t *testing.T, name string, v float64, unit, period, op, reg string) {
		x := NewIndex(plans, inds, syn)
		src := Source{DocumentID: "d", RegionCode: reg, Obs: []extract.Quantity{
			{Indicator: name, Value: v, Unit: unit, Period: &period, Op: op}}}
		for _, m := range x.Match(src, 0.01) {
			if m.Score <= 0 || m.Score > 1 || m.Period == "" || len(m.Reasons) == 0 {
				t.Errorf("match %+v", m)
			}
		}
	})
}
