package track

import (
	"testing"

	"planwatch/internal/extract"
	"planwatch/internal/store"
)

// TestKindSpan: 规划 and 纲要 run several years, 工作要点, 年度计划 and
// 政府工作报告 one, the rest (行动计划, 实施方案, unknown) their stated years.
func TestKindSpan(t *testing.T) {
	for kind, want := range map[string]string{
		"规划": SpanMulti, "规划纲要": SpanMulti, "纲要": SpanMulti,
		"行动计划": SpanStated, "实施方案": SpanStated, "行动方案": SpanStated, "意见": SpanStated, "": SpanStated,
		"工作要点": SpanAnnual, "年度计划": SpanAnnual, "工作计划": SpanAnnual, "政府工作报告": SpanAnnual,
	} {
		if got := KindSpan(kind); got != want {
			t.Errorf("KindSpan(%q) = %s, want %s", kind, got, want)
		}
	}
}

// TestParsePeriod reads years as people write them and refuses the rest;
// CheckPeriod holds a one-year kind to one year.
func TestParsePeriod(t *testing.T) {
	for _, tc := range []struct {
		in         string
		start, end int
		ok         bool
	}{
		{"2021-2025", 2021, 2025, true},
		{"2021—2025年", 2021, 2025, true},
		{"2021年至2025年", 2021, 2025, true},
		{" 2026 ", 2026, 2026, true},
		{"2026年", 2026, 2026, true},
		{"2025-2021", 0, 0, false},
		{"十四五", 0, 0, false},
		{"21-25", 0, 0, false},
		{"", 0, 0, false},
	} {
		y, err := ParsePeriod(tc.in)
		if (err == nil) != tc.ok || tc.ok && (y.Start != tc.start || y.End != tc.end) {
			t.Errorf("ParsePeriod(%q) = %+v, %v; want %d–%d ok=%v", tc.in, y, err, tc.start, tc.end, tc.ok)
		}
	}
	for _, tc := range []struct {
		kind string
		y    store.PlanYears
		ok   bool
	}{
		{"工作要点", store.PlanYears{Start: 2024, End: 2024}, true},
		{"工作要点", store.PlanYears{Start: 2024, End: 2025}, false},
		{"政府工作报告", store.PlanYears{Start: 2026, End: 2030}, false},
		{"规划", store.PlanYears{Start: 2021, End: 2025}, true},
		{"行动计划", store.PlanYears{Start: 2023, End: 2023}, true},
	} {
		if err := CheckPeriod(tc.kind, tc.y); (err == nil) != tc.ok {
			t.Errorf("CheckPeriod(%s, %+v) = %v, want ok=%v", tc.kind, tc.y, err, tc.ok)
		}
	}
}

// TestFromExtractionKind: the plan takes the extraction's kind; a
// 工作要点 runs the year its title names even when issued the year before
// and naming later targets; a 规划 keeps its five years; a plan with no
// years at all keeps 0–0.
func TestFromExtractionKind(t *testing.T) {
	year := func(y int) *int { return &y }
	str := func(s string) *string { return &s }
	task := []extract.Task{{Number: "1", Title: "推进数字化改革", LeadUnits: []string{"市发改委"}}}
	for _, tc := range []struct {
		name       string
		res        extract.Result
		kind       string
		start, end int
	}{
		{"work points", extract.Result{Title: "2025年全市数字经济工作要点", Kind: "工作要点", Issued: str("2024-12-20"),
			Targets: []extract.Quantity{{Indicator: "数字经济增加值", Year: year(2027)}}, Tasks: task},
			"工作要点", 2025, 2025},
		{"plan", extract.Result{Title: "嘉兴市国民经济和社会发展第十四个五年规划", Kind: "规划", Period: &extract.Period{Start: 2021, End: 2025}, Tasks: task},
			"规划", 2021, 2025},
		{"work plan named by its title", extract.Result{Title: "2024年市科技局工作计划", Kind: "计划", Tasks: task},
			"工作计划", 2024, 2024},
		{"no years", extract.Result{Title: "嘉兴市数字化改革工作方案", Kind: "工作方案", Tasks: task}, "工作方案", 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, _, _ := FromExtraction(&tc.res, store.Document{}, 1, "")
			if p.Kind != tc.kind || p.StartYear != tc.start || p.EndYear != tc.end {
				t.Errorf("plan %s %d–%d, want %s %d–%d", p.Kind, p.StartYear, p.EndYear, tc.kind, tc.start, tc.end)
			}
		})
	}
}
