package report

import "time"

// docxTestReport is a hand-built report for the DOCX and XLSX tests: two
// themes, a lagging and an overdue task, indicators with and without
// figures (nil points, nil attainment), a comparison, changes, sources,
// and text that needs escaping.
func docxTestReport() *Report {
	f := func(v float64) *float64 { return &v }
	asOf := time.Date(2024, 6, 30, 0, 0, 0, 0, time.UTC)
	vocab := func(n, on, ahead, behind, done, overdue int) []StatusCount {
		return []StatusCount{
			{"not_started", "未开始", n}, {"in_progress", "进行中", on + ahead}, {"behind", "滞后", behind},
			{"overdue", "逾期", overdue}, {"extended", "已延期", 0}, {"paused", "暂停", 0}, {"cancelled", "取消", 0},
			{"done", "已完成", done},
		}
	}
	t1 := TaskRow{ItemID: "i1", Number: "1", Title: "建设科创走廊核心区", Theme: "科技创新",
		Lead: []string{"市科技局"}, Support: []string{"市发改委", "市财政局"}, Deadline: "2025-12-31",
		Status: "in_progress", Label: "进行中", Progress: 60, Expected: 58.33,
		LatestNote: "核心区一期已开工", LatestDate: "2024-06-20", Ref: "S1"}
	t2 := TaskRow{ItemID: "i2", Number: "2", Title: "培育高新技术企业<500家>", Theme: "科技创新",
		Lead: []string{"市科技局"}, Deadline: "2024-12-31",
		Status: "behind", Label: "滞后", Progress: 30, Expected: 50,
		LatestNote: "认定工作进度偏慢 & 待加快\n下半年集中申报", LatestDate: "2024-06-15", Ref: "S2"}
	t3 := TaskRow{ItemID: "i3", Number: "3", Title: "完成老旧小区改造", Theme: "城市更新",
		Lead: []string{"市住建局", "区政府"}, Deadline: "2024-03-31",
		Status: "overdue", Label: "逾期", Progress: 80, Expected: 100, Overdue: true,
		LatestNote: "尚有2个小区未完工", LatestDate: "2024-05-31", Ref: "S3"}
	t4 := TaskRow{ItemID: "i4", Number: "4", Title: "编制城市更新专项规划", Theme: "城市更新",
		Lead: []string{"市住建局"}, Status: "done", Label: "已完成", Progress: 100, Expected: 100}
	return &Report{
		PlanID: "p1", Title: "《绍兴市科技创新行动计划》实施情况评估报告", PlanTitle: "绍兴市科技创新行动计划",
		Region: "绍兴市", Level: "市级", Period: "2021–2025", AsOf: asOf,
		Previous: time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC), GeneratedBy: "v0.9.0",
		Summary: Summary{
			Tasks: 4, ByStatus: vocab(0, 1, 0, 1, 1, 1), OnSchedule: 50, Overdue: 1,
			Indicators: 3, OnTrack: 1, OffTrack: 1, Unknown: 1, Unreported: 1,
			Highlights: []string{"科创走廊核心区一期开工建设。", "老旧小区改造逾期，需加快收尾。"},
		},
		Themes: []Group{
			{Name: "科技创新", Tasks: []TaskRow{t1, t2}, ByStatus: vocab(0, 1, 0, 1, 0, 0)},
			{Name: "城市更新", Tasks: []TaskRow{t3, t4}, ByStatus: vocab(0, 0, 0, 0, 1, 1)},
		},
		Units: []Group{
			{Name: "区政府", Tasks: []TaskRow{t3}, ByStatus: vocab(0, 0, 0, 0, 0, 1)},
			{Name: "市住建局", Tasks: []TaskRow{t3, t4}, ByStatus: vocab(0, 0, 0, 0, 1, 1)},
			{Name: "市科技局", Tasks: []TaskRow{t1, t2}, ByStatus: vocab(0, 1, 0, 1, 0, 0)},
		},
		Lagging: []TaskRow{t2, t3},
		Changes: []Change{
			{ItemID: "i3", Number: "3", Title: "完成老旧小区改造", Before: "滞后", After: "逾期", Note: "超过完成时限", Ref: "S3"},
			{ItemID: "i4", Number: "4", Title: "编制城市更新专项规划", Before: "", After: "已完成", Note: "规划已印发"},
		},
		Indicators: []IndicatorRow{
			{IndicatorID: "n1", Name: "R&D经费支出占GDP比重", Unit: "%", Direction: "up", Binding: true,
				Baseline: &Point{Period: "2020", Year: 2020, Value: 2.5}, Latest: &Point{Period: "2023", Year: 2023, Value: 3.05, Ref: "S4"},
				Target: &Point{Period: "2025", Year: 2025, Value: 3.5}, TargetOp: ">=",
				Projected: &Point{Period: "2025", Year: 2025, Value: 3.42}, Attainment: f(55), OnTrack: false, Known: true,
				Series: []Point{{Period: "2021", Year: 2021, Value: 2.7, Ref: "S4"}, {Period: "2022", Year: 2022, Value: 2.9, Ref: "S4"}, {Period: "2023", Year: 2023, Value: 3.05, Ref: "S4"}},
				Ref:    "S4"},
			{IndicatorID: "n2", Name: "高新技术企业数", Unit: "家", Direction: "up",
				Baseline: &Point{Period: "2020", Year: 2020, Value: 1200}, Latest: &Point{Period: "2024-Q1", Year: 2024.25, Value: 1850},
				Target: &Point{Period: "2025", Year: 2025, Value: 2000}, TargetOp: "=",
				Projected: &Point{Period: "2025", Year: 2025, Value: 2105}, Attainment: f(81.25), OnTrack: true, Known: true,
				Series: []Point{{Period: "2024-Q1", Year: 2024.25, Value: 1850}}},
			{IndicatorID: "n3", Name: "单位GDP能耗下降", Unit: "%", Direction: "down", Binding: true,
				Target: &Point{Period: "2025", Year: 2025, Value: 14}, TargetOp: "<="},
		},
		Comparisons: []Comparison{{Indicator: "R&D经费支出占GDP比重", Unit: "%", Rows: []ComparisonRow{
			{Region: "绍兴市", PlanID: "p1", Plan: "绍兴市科技创新行动计划", Latest: &Point{Period: "2023", Value: 3.05},
				Target: &Point{Period: "2025", Value: 3.5}, TargetOp: ">=", Known: true},
			{Region: "衢州市", PlanID: "p2", Plan: "衢州市科技创新行动计划", Latest: &Point{Period: "2023", Value: 2.1},
				Target: &Point{Period: "2025", Value: 2.0}, TargetOp: ">=", OnTrack: true, Known: true},
			{Region: "湖州市", PlanID: "p3", Plan: "湖州市科技创新行动计划"},
		}}},
		Sources: []Source{
			{Ref: "S1", Kind: "update", Detail: "市科技局 2024-06-20 填报", RecordedAt: time.Date(2024, 6, 21, 9, 30, 0, 0, time.UTC)},
			{Ref: "S2", Kind: "update", Detail: "市科技局 2024-06-15 填报", RecordedAt: time.Date(2024, 6, 15, 16, 0, 0, 0, time.UTC)},
			{Ref: "S3", Kind: "import", Detail: "任务清单 2024年5月.xlsx 第5行", RecordedAt: time.Date(2024, 6, 1, 8, 0, 0, 0, time.UTC)},
			{Ref: "S4", Kind: "observation", Detail: "绍兴统计年鉴2024 表3-1"},
		},
	}
}
