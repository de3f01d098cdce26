package track

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"planwatch/internal/extract"
	"planwatch/internal/ingest"
	"planwatch/internal/store"
)

func ip(v int) *int       { return &v }
func sp(s string) *string { return &s }

// handResult is a small county plan without a period: two sections, three
// tasks, a project, targets and figures.
func handResult() *extract.Result {
	return &extract.Result{
		Title:  "南湖区推进数字经济发展三年行动方案",
		Issued: sp("2023-04-10"),
		Region: &extract.Region{Name: "南湖区", Code: "330402"},
		Outline: []*extract.Heading{
			{Marker: "一、", Title: "总体要求", Level: 1, Span: extract.Span{50, 54}},
			{Marker: "二、", Title: "主要任务", Level: 1, Span: extract.Span{200, 204}, Children: []*extract.Heading{
				{Marker: "（一）", Title: "做强数字产业", Level: 2, Span: extract.Span{206, 212}},
				{Marker: "（二）", Title: "推进产业数字化", Level: 2, Span: extract.Span{400, 407}},
			}},
		},
		Tasks: []extract.Task{
			{Number: "1", Title: "培育集成电路产业", Path: []string{"主要任务", "做强数字产业"},
				Text: "引进芯片设计企业。（牵头单位：区经信局；配合单位：区商务局、各镇（街道））", LeadUnits: []string{"区经信局"}, Span: extract.Span{213, 260}},
			{Number: "2", Title: "发展软件服务业", Path: []string{"主要任务", "做强数字产业"},
				Text: "建设软件园。（责任单位：区科技局）", LeadUnits: []string{"区科技局"}, Span: extract.Span{261, 300}},
			{Number: "3", Title: "建设智能工厂", Path: []string{"主要任务", "推进产业数字化", "建设智能工厂"},
				Text: "每年新建智能工厂5家。（牵头单位：区经信局；责任单位：区财政局）", LeadUnits: []string{"区经信局"}, Span: extract.Span{408, 450}},
		},
		Targets: []extract.Quantity{
			{Indicator: "全区数字经济核心产业增加值", Value: 8e9, Unit: "元", Op: ">=", Year: ip(2025), Span: extract.Span{100, 120}},
			{Indicator: "数字经济核心产业增加值", Value: 6e9, Unit: "元", Op: ">=", Year: ip(2024), Span: extract.Span{121, 140}},
			{Indicator: "单位GDP能耗", Value: 0.4, Unit: "吨标准煤/万元", Op: "=", Year: ip(2025), Span: extract.Span{141, 150}},
			{Indicator: "新建智能工厂", Value: 5, Unit: "家", Op: ">=", Span: extract.Span{420, 430}},
		},
		Observations: []extract.Quantity{
			{Indicator: "数字经济核心产业增加值", Value: 4e9, Unit: "元", Op: "=", Period: sp("2021"), Span: extract.Span{60, 70}},
			{Indicator: "数字经济核心产业增加值", Value: 4.5e9, Unit: "元", Op: "=", Period: sp("2022"), Span: extract.Span{71, 80}},
			{Indicator: "地区生产总值", Value: 3e10, Unit: "元", Op: "=", Period: sp("2022"), Span: extract.Span{81, 90}},
		},
		Projects: []extract.Project{{Name: "南湖软件园", Kind: "园区", Investment: ptr(120000.0), Span: extract.Span{270, 275}}},
	}
}

func TestFromExtractionHand(t *testing.T) {
	plan, items, inds := FromExtraction(handResult(), store.Document{ID: "doc1"}, 2, "")
	if plan.Title != "南湖区推进数字经济发展三年行动方案" || plan.DocumentID != "doc1" || plan.VersionSeq != 2 ||
		plan.RegionCode != "330402" || plan.RegionName != "南湖区" || plan.Level != store.LevelCounty {
		t.Errorf("plan = %+v", plan)
	}
	if plan.StartYear != 2023 || plan.EndYear != 2025 {
		t.Errorf("years %d–%d, want 2023–2025 (issued year to last target year)", plan.StartYear, plan.EndYear)
	}
	type row struct{ id, parent, kind, number, title string }
	want := []row{
		{"t1", "", store.KindGroup, "二", "主要任务"},
		{"t2", "t1", store.KindGroup, "（一）", "做强数字产业"},
		{"t3", "t2", store.KindTask, "1", "培育集成电路产业"},
		{"t4", "t2", store.KindTask, "2", "发展软件服务业"},
		{"t5", "t1", store.KindGroup, "（二）", "推进产业数字化"},
		{"t6", "t5", store.KindTask, "3", "建设智能工厂"},
		{"t7", "", store.KindProject, "", "南湖软件园"},
	}
	if len(items) != len(want) {
		t.Fatalf("%d items, want %d: %+v", len(items), len(want), items)
	}
	for i, w := range want {
		it := items[i]
		if (row{it.ID, it.ParentID, it.Kind, it.Number, it.Title}) != w {
			t.Errorf("item %d = %v, want %v", i, row{it.ID, it.ParentID, it.Kind, it.Number, it.Title}, w)
		}
	}
	if items[6].Body != "园区；总投资12亿元" {
		t.Errorf("project body %q, want its kind and investment", items[6].Body)
	}
	positions := []int{0, 0, 0, 1, 1, 0, 1}
	for i, p := range positions {
		if items[i].Position != p {
			t.Errorf("%s position %d, want %d", items[i].ID, items[i].Position, p)
		}
	}
	if items[1].SourceStart != 206 || items[1].SourceEnd != 212 || items[2].SourceStart != 213 || items[2].SourceEnd != 260 {
		t.Errorf("spans: group %d–%d, task %d–%d", items[1].SourceStart, items[1].SourceEnd, items[2].SourceStart, items[2].SourceEnd)
	}
	units := func(it store.Item) []string {
		var out []string
		for _, a := range it.Units {
			if a.ItemID != it.ID {
				t.Errorf("%s: assignment for %s", it.ID, a.ItemID)
			}
			out = append(out, a.Role+":"+a.Unit)
		}
		return out
	}
	for id, want := range map[int][]string{
		2: {"lead:区经信局", "support:区商务局", "support:各镇（街道）"},
		3: {"lead:区科技局"},
		5: {"lead:区经信局", "support:区财政局"},
	} {
		if got := units(items[id]); !slices.Equal(got, want) {
			t.Errorf("%s units %v, want %v", items[id].ID, got, want)
		}
	}

	if len(inds) != 3 {
		t.Fatalf("%d indicators, want 3: %+v", len(inds), inds)
	}
	dig := inds[0]
	if dig.Name != "全区数字经济核心产业增加值" || dig.Key != Key("数字经济核心产业增加值") || dig.Unit != "元" ||
		dig.Direction != store.DirectionUp || len(dig.Targets) != 2 || dig.SourceStart != 100 {
		t.Errorf("merged indicator = %+v", dig)
	}
	// Plan starts 2023: 2022 is the latest figure up to the start.
	if dig.BaselineValue == nil || *dig.BaselineValue != 4.5e9 || dig.BaselineYear != 2022 {
		t.Errorf("baseline %v %d, want 4.5e9 2022", dig.BaselineValue, dig.BaselineYear)
	}
	if inds[1].Key != Key("单位地区生产总值能耗") || inds[1].Direction != store.DirectionDown || inds[1].BaselineValue != nil {
		t.Errorf("energy indicator = %+v", inds[1])
	}
	if inds[2].Targets[0].Year != 0 || inds[2].Targets[0].Op != ">=" {
		t.Errorf("yearless target = %+v", inds[2].Targets)
	}
}

func TestFromExtractionLaterFigures(t *testing.T) {
	res := handResult()
	res.Period = &extract.Period{Start: 2021, End: 2025}
	_, _, inds := FromExtraction(res, store.Document{ID: "d"}, 1, store.LevelCity)
	dig := inds[0]
	if dig.BaselineYear != 2021 || *dig.BaselineValue != 4e9 {
		t.Errorf("baseline %v %d, want 4e9 2021", *dig.BaselineValue, dig.BaselineYear)
	}
	if len(dig.Observations) != 1 || dig.Observations[0].Period != "2022" || dig.Observations[0].Value != 4.5e9 {
		t.Errorf("observations %+v", dig.Observations)
	}
}

func TestPlanYears(t *testing.T) {
	tests := []struct {
		name       string
		res        extract.Result
		start, end int
	}{
		{"period", extract.Result{Period: &extract.Period{Start: 2021, End: 2025}}, 2021, 2025},
		{"issued and targets", extract.Result{Issued: sp("2022-01-05"),
			Targets: []extract.Quantity{{Year: ip(2025)}, {Year: ip(2023)}}}, 2022, 2025},
		{"figures and targets", extract.Result{
			Targets: []extract.Quantity{{Year: ip(2025)}}, Observations: []extract.Quantity{{Period: sp("2020")}, {Period: sp("2019")}}}, 2021, 2025},
		{"targets only", extract.Result{Targets: []extract.Quantity{{Year: ip(2025)}, {Year: ip(2022)}, {}}}, 2022, 2025},
		{"issued only", extract.Result{Issued: sp("2024-03-01")}, 2024, 2024},
		{"issued after targets", extract.Result{Issued: sp("2026-03-01"), Targets: []extract.Quantity{{Year: ip(2025)}}}, 2025, 2025},
		{"nothing", extract.Result{}, 0, 0},
		// A 政府工作报告 is its own year's plan, whatever else it names.
		{"work report issued", extract.Result{Kind: "政府工作报告", Issued: sp("2026-02-09"),
			Targets: []extract.Quantity{{Year: ip(2026)}, {Year: ip(2030)}, {Year: ip(2030)}, {Year: ip(2030)}}}, 2026, 2026},
		{"work report five-year period", extract.Result{Kind: "政府工作报告", Issued: sp("2021-03-05"),
			Period: &extract.Period{Start: 2021, End: 2025}}, 2021, 2021},
		{"work report title year", extract.Result{Kind: "政府工作报告", Title: "2026年四川省人民政府工作报告",
			Targets: []extract.Quantity{{Year: ip(2030)}}}, 2026, 2026},
		{"work report one-year period", extract.Result{Kind: "政府工作报告", Period: &extract.Period{Start: 2019, End: 2019}}, 2019, 2019},
		{"work report target years", extract.Result{Kind: "政府工作报告", Title: "政府工作报告",
			Targets: []extract.Quantity{{Year: ip(2035)}, {Year: ip(2021)}, {Year: ip(2021)}, {Year: ip(2035)}, {}}}, 2021, 2021},
		{"work report figures", extract.Result{Kind: "政府工作报告",
			Observations: []extract.Quantity{{Period: sp("2011")}, {Period: sp("2010")}}}, 2012, 2012},
		{"work report nothing", extract.Result{Kind: "政府工作报告"}, 0, 0},
	}
	for _, tt := range tests {
		s, e := planYears(&tt.res)
		if s != tt.start || e != tt.end {
			t.Errorf("%s: %d–%d, want %d–%d", tt.name, s, e, tt.start, tt.end)
		}
	}
}

func TestGuessLevel(t *testing.T) {
	tests := []struct{ code, want string }{
		{"", store.LevelNational},
		{"330000", store.LevelProvince},
		{"310000", store.LevelProvince},
		{"330400", store.LevelCity},
		{"330402", store.LevelCounty},
		{"310101", store.LevelCounty},
	}
	for _, tt := range tests {
		if got := GuessLevel(tt.code); got != tt.want {
			t.Errorf("GuessLevel(%q) = %q, want %q", tt.code, got, tt.want)
		}
	}
	_, items, _ := FromExtraction(&extract.Result{}, store.Document{}, 0, "")
	if len(items) != 0 {
		t.Errorf("empty result gave items %+v", items)
	}
	if plan, _, _ := FromExtraction(&extract.Result{}, store.Document{}, 0, ""); plan.Level != store.LevelNational {
		t.Errorf("no region: level %q", plan.Level)
	}
}

func TestSupportUnits(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"（牵头单位：市科技局；配合单位：市发展改革委、市经信局）", []string{"市发展改革委", "市经信局"}},
		{"（牵头单位：市商务局；配合单位：各县（市、区）人民政府）", []string{"各县（市、区）人民政府"}},
		{"配合单位: 市财政局，市审计局。其余", []string{"市财政局", "市审计局"}},
		{"（牵头单位：市科技局）", nil},
		{"（协办单位：市水利局\n", []string{"市水利局"}},
	}
	for _, tt := range tests {
		if got := SupportUnits(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("SupportUnits(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestFromExtractionSample runs the real pipeline on the embedded sample
// plan: decode, extract, draft.
func TestFromExtractionSample(t *testing.T) {
	path := filepath.Join("..", "cli", "samples", "sample_plan.txt")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := ingest.Decode(context.Background(), path, data)
	if err != nil {
		t.Fatal(err)
	}
	res := extract.Extract(doc)
	plan, items, inds := FromExtraction(res, store.Document{ID: "sample"}, 1, "")
	if plan.Level != store.LevelCity || plan.RegionCode != "330400" || plan.StartYear != 2021 || plan.EndYear != 2025 {
		t.Errorf("plan = %+v", plan)
	}
	byID := itemsByID(items)
	kinds := map[string]int{}
	for _, it := range items {
		kinds[it.Kind]++
		if it.ParentID != "" {
			if p, ok := byID[it.ParentID]; !ok || p.Kind != store.KindGroup {
				t.Errorf("%s %s: parent %q is not a group", it.ID, it.Title, it.ParentID)
			}
		}
	}
	if kinds[store.KindTask] != 20 {
		t.Errorf("%d tasks, want 20", kinds[store.KindTask])
	}
	// 重点任务 with its six sections.
	if kinds[store.KindGroup] != 7 {
		t.Errorf("%d groups, want 7", kinds[store.KindGroup])
	}
	if kinds[store.KindProject] != len(res.Projects) || len(res.Projects) == 0 {
		t.Errorf("%d project items for %d projects", kinds[store.KindProject], len(res.Projects))
	}
	first := items[2]
	if first.Kind != store.KindTask || first.Title != "共建沪嘉科创走廊" || first.Number != "1" ||
		byID[first.ParentID].Title != "共建科技创新共同体" || byID[first.ParentID].Number != "（一）" {
		t.Errorf("first task %+v under %+v", first, byID[first.ParentID])
	}
	var units []string
	for _, a := range first.Units {
		units = append(units, a.Role+":"+a.Unit)
	}
	if !slices.Equal(units, []string{"lead:市科技局", "support:市发展改革委", "support:市经信局"}) {
		t.Errorf("first task units %v", units)
	}
	for _, it := range items {
		if it.Kind == store.KindTask && (len(it.Units) == 0 || it.Units[0].Role != store.RoleLead) {
			t.Errorf("task %s %s has no lead unit: %+v", it.Number, it.Title, it.Units)
		}
	}
	var rd *store.Indicator
	for i := range inds {
		if len(inds[i].Targets) == 0 {
			t.Errorf("indicator %s without a target", inds[i].Name)
		}
		if inds[i].Key == Key("研发经费投入强度") {
			rd = &inds[i]
		}
	}
	if rd == nil {
		t.Fatalf("no 研发经费投入强度 among %+v", inds)
	}
	if rd.Targets[0].Value != 3.2 || rd.Targets[0].Year != 2025 || rd.BaselineValue == nil ||
		*rd.BaselineValue != 2.9 || rd.BaselineYear != 2020 || rd.Direction != store.DirectionUp {
		t.Errorf("研发经费投入强度 = %+v", *rd)
	}
}

// TestFromExtractionTitle: a document without an extracted title still
// makes a plan, named after the document and marked as needing a title.
func TestFromExtractionTitle(t *testing.T) {
	tests := []struct {
		name, title string
		doc         store.Document
		want        string
	}{
		{"extracted", " 南湖区行动方案 ", store.Document{ID: "d1", Title: "别的"}, "南湖区行动方案"},
		{"library title", "", store.Document{ID: "d1", Title: "2021年政府工作报告", Source: "/x/a.txt"}, UntitledMark + "2021年政府工作报告"},
		{"file name", "", store.Document{ID: "d1", Source: "../shared/corpus/036_gwr_national_2021.txt"}, UntitledMark + "036_gwr_national_2021"},
		{"windows path", "", store.Document{ID: "d1", Source: `C:\docs\计划.docx`}, UntitledMark + "计划"},
		{"url", "", store.Document{ID: "d1", Source: "https://www.gov.cn/zhengce/content/2021-03/12/content_5592671.htm?x=1"}, UntitledMark + "content_5592671"},
		{"url without a path", "", store.Document{ID: "d1", Source: "https://www.gov.cn/"}, UntitledMark + "文档 d1"},
		{"nothing", "", store.Document{}, UntitledMark + "未命名计划"},
	}
	for _, tt := range tests {
		plan, _, _ := FromExtraction(&extract.Result{Title: tt.title}, tt.doc, 1, "")
		if plan.Title != tt.want {
			t.Errorf("%s: title %q, want %q", tt.name, plan.Title, tt.want)
		}
		if NeedsTitle(plan.Title) != (tt.title == "") {
			t.Errorf("%s: NeedsTitle(%q) = %v", tt.name, plan.Title, NeedsTitle(plan.Title))
		}
	}
}

// TestPlanIndicatorsRangesAndRepeats: the two ends of a range make one
// target; a second, different target for the same indicator, year and
// operator becomes a sibling indicator instead of a conflict the store
// would refuse; the same target twice is kept once; a lone end stays a
// target with its operator.
func TestPlanIndicatorsRangesAndRepeats(t *testing.T) {
	q := func(name string, v float64, op string, year int, bound string, approx bool) extract.Quantity {
		return extract.Quantity{Indicator: name, Value: v, Unit: "%", Op: op, Year: ip(year), Bound: bound, Approx: approx}
	}
	res := &extract.Result{
		Kind: "政府工作报告", Issued: sp("2026-02-01"),
		Targets: []extract.Quantity{
			q("地区生产总值增长", 4.5, ">=", 2026, "lower", false),
			q("地区生产总值增长", 5, "<=", 2026, "upper", false),
			q("地区生产总值年均增长", 5, ">=", 2030, "lower", false),
			q("地区生产总值年均增长", 5.5, "<=", 2030, "upper", false),
			q("经济增长", 4.5, ">=", 2026, "lower", false), // the same range again, under another name
			q("经济增长", 5, "<=", 2026, "upper", false),
			q("居民消费价格涨幅", 2, "=", 2026, "", true),
			q("居民消费价格涨幅", 2, "=", 2026, "", false), // the same figure without 左右
			q("城乡居民人均可支配收入增长", 5, "=", 2026, "", false),
			q("城乡居民人均可支配收入增长", 6, "=", 2026, "", false),
			q("城乡居民人均可支配收入增长", 7, "=", 2026, "", false),
			q("城镇调查失业率", 5.5, "<=", 2026, "upper", true), // an end without its partner
		},
		Observations: []extract.Quantity{
			{Indicator: "GDP增长", Value: 5.4, Unit: "%", Op: "=", Period: sp("2025")},
			{Indicator: "城乡居民人均可支配收入增长", Value: 4.1, Unit: "%", Op: "=", Period: sp("2025")},
		},
	}
	plan, _, inds := FromExtraction(res, store.Document{ID: "d"}, 1, "")
	if plan.StartYear != 2026 || plan.EndYear != 2026 {
		t.Errorf("years %d–%d, want 2026", plan.StartYear, plan.EndYear)
	}
	type want struct {
		name, key string
		targets   string
	}
	wants := []want{
		{"地区生产总值增长", "生产总值增长", "2026 = 4.5–5"},
		{"地区生产总值年均增长", "生产总值年均增长", "2030 = 5–5.5"},
		{"居民消费价格涨幅", "居民消费价格涨幅", "2026 = ≈2"},
		{"城乡居民人均可支配收入增长", "城乡居民人均可支配收入增长", "2026 = 5"},
		{"城乡居民人均可支配收入增长（二）", "城乡居民人均可支配收入增长二", "2026 = 6"},
		{"城乡居民人均可支配收入增长（三）", "城乡居民人均可支配收入增长三", "2026 = 7"},
		{"城镇调查失业率", "城镇调查失业率", "2026 <= ≈5.5"},
	}
	if len(inds) != len(wants) {
		t.Fatalf("%d indicators, want %d: %+v", len(inds), len(wants), inds)
	}
	for i, w := range wants {
		ind := inds[i]
		var ts []string
		for _, tg := range ind.Targets {
			ts = append(ts, fmt.Sprintf("%d %s %s", tg.Year, tg.Op, TargetText(tg, "")))
		}
		if ind.Name != w.name || ind.Key != w.key || strings.Join(ts, "; ") != w.targets {
			t.Errorf("indicator %d = %q (key %q) %q, want %q (key %q) %q", i, ind.Name, ind.Key, ts, w.name, w.key, w.targets)
		}
	}
	if gdp := inds[0]; gdp.BaselineValue == nil || *gdp.BaselineValue != 5.4 || gdp.BaselineYear != 2025 || gdp.Direction != store.DirectionUp {
		t.Errorf("GDP growth: baseline %v %d, direction %s", gdp.BaselineValue, gdp.BaselineYear, gdp.Direction)
	}
	if inc := inds[3]; inc.BaselineValue == nil || *inc.BaselineValue != 4.1 || inds[4].BaselineValue != nil {
		t.Errorf("the baseline goes to the first of the siblings: %v, %v", inc.BaselineValue, inds[4].BaselineValue)
	}
	if inds[6].Direction != store.DirectionDown {
		t.Errorf("unemployment direction %s", inds[6].Direction)
	}
}

func ptr[T any](v T) *T { return &v }
