package report

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

// cst is 北京时间, the zone the fixtures' times are written in.
var cst = time.FixedZone("CST", 8*3600)

func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, cst)
	if err != nil {
		panic(err)
	}
	return t
}

// fixtureAsOf is the report date of the fixture: the end of 2024-06-30.
var fixtureAsOf = at("2024-06-30 23:59")

// planFixture is a stored plan with its item IDs by task number.
type planFixture struct {
	plan  store.Plan
	doc   string
	task  map[string]string // number → item ID
	inds  []store.Indicator
	other store.Plan // 绍兴市's plan, for comparisons
}

func lead(u string) store.Assignment    { return store.Assignment{Unit: u, Role: store.RoleLead} }
func support(u string) store.Assignment { return store.Assignment{Unit: u, Role: store.RoleSupport} }

// fixtureText is the test plan's document: the spans of the items and
// indicators point into it (task 1 at [10, 30), the heading 二 at [31, 39),
// 研发经费投入强度 at [40, 60)).
var fixtureText = fit("一、建设科创平台", 10) + fit("1.建设南湖实验室，聚焦智能感知", 20) + fit("\n二、推动产业创新", 10) +
	fit("到2025年研发经费投入强度达到3.5%", 20) + "\n"

// fit pads s with full-width spaces, or cuts it, to n characters.
func fit(s string, n int) string {
	r := []rune(s)
	for len(r) < n {
		r = append(r, '\u3000')
	}
	return string(r[:n])
}

// savePlan stores the test plan of 嘉兴市 (2024—2025):
//
//	一、科创平台: 1 南湖实验室 (50% due), 2 人才 (behind), 3 孵化器 (overdue)
//	二、产业创新 / （一）数字化: 4 研发投入 (ahead), 5 数字化改造 (done)
//	6 科技金融 (top level, starts 2024-06: not started)
//
// with updates recorded before and after fixtureAsOf, two indicators, and
// a plan of 绍兴市 carrying one of them.
func savePlan(t testing.TB, st *store.Store) planFixture {
	t.Helper()
	ctx := context.Background()
	doc, _, err := st.SaveSnapshot(ctx, &store.Snapshot{
		Document: store.Document{Source: "https://example.gov.cn/jx", Title: "嘉兴市科创行动计划", Kind: "行动计划",
			RegionCode: "330400", RegionName: "嘉兴市", Year: 2024},
		Version: store.Version{Format: "text", Charset: "utf-8", ContentType: "text/plain", Text: fixtureText, Original: fixtureText},
		Bytes:   []byte(fixtureText),
	})
	if err != nil {
		t.Fatal(err)
	}
	items := []store.Item{
		{ID: "g1", Kind: store.KindGroup, Number: "一、", Title: "建设科创平台"},
		{ID: "1", ParentID: "g1", Kind: store.KindTask, Number: "1", Title: "建设南湖实验室", StartDate: "2024-01-01",
			Deadline: "2024-12-31", Units: []store.Assignment{lead("市科技局"), support("市财政局")}, SourceStart: 10, SourceEnd: 30},
		{ID: "2", ParentID: "g1", Kind: store.KindTask, Number: "2", Title: "引进高层次人才", StartDate: "2024-01-01",
			Deadline: "2024-12-31", Units: []store.Assignment{lead("市人社局")}},
		{ID: "3", ParentID: "g1", Kind: store.KindTask, Number: "3", Title: "建设科技企业孵化器", StartDate: "2024-01-01",
			Deadline: "2024-03-31", Units: []store.Assignment{lead("市科技局")}},
		{ID: "g2", Kind: store.KindGroup, Number: "二、", Title: "推动产业创新", SourceStart: 31, SourceEnd: 39},
		{ID: "g2a", ParentID: "g2", Kind: store.KindGroup, Number: "（一）", Title: "数字化转型"},
		{ID: "4", ParentID: "g2a", Kind: store.KindTask, Number: "4", Title: "提高企业研发投入", StartDate: "2024-01-01",
			Units: []store.Assignment{lead("市经信局"), support("市科技局")}},
		{ID: "5", ParentID: "g2a", Kind: store.KindTask, Number: "5", Title: "推进数字化改造", StartDate: "2024-01-01",
			Deadline: "2024-06-30", Units: []store.Assignment{lead("市经信局")}},
		{ID: "6", Kind: store.KindTask, Number: "6", Title: "发展科技金融", StartDate: "2024-06-01",
			Units: []store.Assignment{lead("市金融办")}},
	}
	rd, en := 2.9, 0.50
	inds := []store.Indicator{
		{Name: "研发经费投入强度", Unit: "%", Direction: store.DirectionUp, BaselineValue: &rd, BaselineYear: 2022,
			SourceStart: 40, SourceEnd: 60, Targets: []store.Target{{Year: 2025, Value: 3.5, Op: ">="}}},
		{Name: "单位GDP能耗", Unit: "吨标准煤/万元", Direction: store.DirectionDown, Binding: true, BaselineValue: &en,
			BaselineYear: 2022, Targets: []store.Target{{Value: 0.44, Op: "<="}}},
	}
	p := store.Plan{Title: "嘉兴市科创行动计划（2024—2025年）", DocumentID: doc, VersionSeq: 1, RegionCode: "330400",
		RegionName: "嘉兴市", Level: store.LevelCity, StartYear: 2024, EndYear: 2025}
	if err := st.SavePlanTree(ctx, &p, items, inds); err != nil {
		t.Fatal(err)
	}
	f := planFixture{plan: p, doc: doc, task: map[string]string{}, inds: inds}
	for _, it := range items {
		f.task[it.Number] = it.ID
	}
	up := func(num, unit, date, status string, progress int, note, source, recorded string) store.Update {
		return store.Update{ItemID: f.task[num], Unit: unit, Date: date, Status: status, Progress: progress,
			Note: note, Author: "张三", Source: source, RecordedAt: at(recorded)}
	}
	ups := []store.Update{
		up("1", "市科技局", "2024-04-30", "behind", 30, "完成选址", "cli", "2024-05-10 09:00"),
		up("1", "市科技局", "2024-06-28", "in_progress", 55, "主体工程开工", "cli", "2024-06-29 10:00"),
		up("2", "市人社局", "2024-05-31", "in_progress", 20, "招引进度慢于预期", "import:任务清单2024-05.xlsx", "2024-06-03 08:00"),
		up("3", "市科技局", "2024-06-03", "in_progress", 80, "场地改造未完工", "cli", "2024-06-04 08:00"),
		up("4", "市经信局", "2024-03-31", "in_progress", 25, "", "cli", "2024-04-05 08:00"),
		up("4", "市经信局", "2024-06-30", "in_progress", 50, "研发费用加计扣除落实", "cli", "2024-06-30 18:00"),
		up("5", "市经信局", "2024-05-06", "in_progress", 70, "", "cli", "2024-05-06 08:00"),
		up("5", "市经信局", "2024-06-20", "done", 100, "改造完成并验收", "cli", "2024-06-21 08:00"),
		// Recorded after the report date: a report as of 2024-06-30 must not see them.
		up("2", "市人社局", "2024-06-30", "in_progress", 60, "补报：已引进40人", "cli", "2024-07-02 09:00"),
		up("6", "市金融办", "2024-06-30", "in_progress", 30, "补报", "cli", "2024-07-03 09:00"),
	}
	if err := st.AddUpdates(ctx, ups); err != nil {
		t.Fatal(err)
	}
	obs := []store.Observation{
		{IndicatorID: inds[0].ID, Period: "2023", Value: 3.1, Source: "2023年统计公报", RecordedAt: at("2024-03-15 09:00")},
		{IndicatorID: inds[1].ID, Period: "2023", Value: 0.49, Source: "市统计局", RecordedAt: at("2024-04-01 09:00")},
		// A revision after the report date.
		{IndicatorID: inds[0].ID, Period: "2023", Value: 3.3, Source: "修订", RecordedAt: at("2024-08-01 09:00")},
	}
	if err := st.AddObservations(ctx, obs); err != nil {
		t.Fatal(err)
	}
	// 绍兴市's plan carries 研发经费投入强度 too.
	sx := 2.8
	other := store.Plan{Title: "绍兴市科技创新行动方案", RegionCode: "330600", RegionName: "绍兴市", Level: store.LevelCity,
		StartYear: 2023, EndYear: 2025}
	oinds := []store.Indicator{{Name: "全社会研发经费投入强度", Key: "研发经费投入强度", Unit: "%", Direction: store.DirectionUp,
		BaselineValue: &sx, BaselineYear: 2022, Targets: []store.Target{{Year: 2025, Value: 3.3, Op: ">="}},
		Observations: []store.Observation{{Period: "2023", Value: 3.0, RecordedAt: at("2024-02-01 09:00")},
			{Period: "2024", Value: 3.4, RecordedAt: at("2025-02-01 09:00")}}}}
	if err := st.SavePlanTree(ctx, &other, nil, oinds); err != nil {
		t.Fatal(err)
	}
	f.other = other
	return f
}

func TestBuild(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := savePlan(t, st)
		r, err := Build(ctx, st, f.plan.ID, fixtureAsOf, Options{Compare: []string{"绍兴市"}, Version: "test"})
		if err != nil {
			t.Fatal(err)
		}
		counts := map[string]int{}
		for _, c := range r.Summary.ByStatus {
			counts[c.Status] = c.Count
		}
		want := map[string]int{"not_started": 1, "in_progress": 2, "behind": 1, "overdue": 1, "done": 1,
			"extended": 0, "paused": 0, "cancelled": 0}
		if !reflect.DeepEqual(counts, want) {
			t.Errorf("by status = %v, want %v", counts, want)
		}
		checks := []struct {
			what      string
			got, want any
		}{
			{"tasks", r.Summary.Tasks, 6},
			{"on schedule share", r.Summary.OnSchedule, 50.0},
			{"overdue", r.Summary.Overdue, 1},
			{"unreported (tasks 1 and 4 have no May report)", r.Summary.Unreported, 2},
			{"indicators", r.Summary.Indicators, 2},
			{"on track", r.Summary.OnTrack, 1},
			{"off track", r.Summary.OffTrack, 1},
			{"title", r.Title, "《嘉兴市科创行动计划（2024—2025年）》实施情况评估报告"},
			{"previous", r.Previous, fixtureAsOf.AddDate(0, -1, 0)},
			{"themes", groupNames(r.Themes), []string{"建设科创平台", "推动产业创新", noGroup}},
			{"units", groupNames(r.Units), []string{"市人社局", "市科技局", "市经信局", "市金融办"}},
			{"lagging", rowNumbers(r.Lagging), []string{"2", "3"}},
			{"lagging note (the later 补报 is not known yet)", r.Lagging[0].LatestNote, "招引进度慢于预期"},
			{"task 2 progress", r.Themes[0].Tasks[1].Progress, 20},
			{"task 1 expected", r.Themes[0].Tasks[0].Expected, 50.0},
			{"changes", changeText(r.Changes), []string{"1 滞后→进行中", "5 滞后→已完成"}},
			{"comparison regions", comparisonRegions(r.Comparisons), []string{"研发经费投入强度: 嘉兴市 绍兴市"}},
		}
		for _, c := range checks {
			if !reflect.DeepEqual(c.got, c.want) {
				t.Errorf("%s = %v, want %v", c.what, c.got, c.want)
			}
		}
		if len(r.Summary.Highlights) < 3 || len(r.Summary.Highlights) > 6 {
			t.Errorf("highlights: %d, want 3–6: %q", len(r.Summary.Highlights), r.Summary.Highlights)
		}
		for _, h := range []string{"6项重点任务中，3项已完成或正常推进（其中已完成1项），占50%。",
			"研发经费投入强度2023年为3.1%，距2025年目标3.5%尚差0.4个百分点，按趋势预计可以达成。"} {
			if !slices.Contains(r.Summary.Highlights, h) {
				t.Errorf("highlights %q lack %q", r.Summary.Highlights, h)
			}
		}

		rd := r.Indicators[0]
		if rd.Latest == nil || rd.Latest.Value != 3.1 || rd.Latest.Period != "2023" {
			t.Errorf("研发 latest = %+v, want 3.1 in 2023 (the revision came later)", rd.Latest)
		}
		if rd.Projected == nil || abs(rd.Projected.Value-3.5) > 1e-9 || !rd.OnTrack || !rd.Known {
			t.Errorf("研发 projected %+v on track %v, want 3.5 on track", rd.Projected, rd.OnTrack)
		}
		en := r.Indicators[1]
		if en.Target == nil || en.Target.Period != "2025" || en.OnTrack || en.Projected == nil || abs(en.Projected.Value-0.47) > 1e-9 {
			t.Errorf("能耗 = target %+v projected %+v on track %v, want 2025 target, 0.47 projected, off track", en.Target, en.Projected, en.OnTrack)
		}
		if got := r.Comparisons[0].Rows[1]; got.Latest == nil || got.Latest.Value != 3.0 {
			t.Errorf("绍兴 latest = %+v, want 3.0 (2024's figure was recorded in 2025)", got.Latest)
		}

		// Every cited ref exists, and the sources say who, when and from where.
		refs := map[string]Source{}
		for _, s := range r.Sources {
			refs[s.Ref] = s
		}
		for _, g := range r.Themes {
			for _, row := range g.Tasks {
				if _, ok := refs[row.Ref]; !ok && row.Number != "6" { // 6: no update, no span
					t.Errorf("task %s cites %q, not among the sources", row.Number, row.Ref)
				}
			}
		}
		imp := refs[r.Lagging[0].Ref]
		if imp.Kind != "import" || !strings.Contains(imp.Detail, "任务清单2024-05.xlsx") || !strings.Contains(imp.Detail, "市人社局") ||
			!imp.RecordedAt.Equal(at("2024-06-03 08:00")) {
			t.Errorf("task 2 source = %+v, want the import with its file, unit and record time", imp)
		}
		docRef := refs[r.Themes[2].Tasks[0].Ref] // task 6, no update: the document sentence
		if r.Themes[2].Tasks[0].Ref != "" {
			t.Errorf("task 6 has no span, yet cites %+v", docRef)
		}
		// The document cited by title, heading and the sentence itself.
		if d := refs[rd.Ref]; d.Kind != "document" || d.Detail != "【指标 研发经费投入强度】《嘉兴市科创行动计划》第1版，二、推动产业创新：“到2025年研发经费投入强度达到3.5%”" ||
			d.Quote != "到2025年研发经费投入强度达到3.5%" || d.Heading != "二、推动产业创新" || d.Document != "嘉兴市科创行动计划" {
			t.Errorf("研发 source = %+v, want the document's title, heading and sentence", d)
		}
		// Task 1 cites its update, and its sentence is in the appendix too.
		var task1 []Source
		for _, src := range r.Sources {
			if src.Kind == "document" && strings.HasPrefix(src.Detail, "【任务 1 建设南湖实验室】") {
				task1 = append(task1, src)
			}
		}
		if len(task1) != 1 || task1[0].Quote != "1.建设南湖实验室，聚焦智能感知" || task1[0].Heading != "一、建设科创平台" {
			t.Errorf("task 1's sentence in the appendix: %+v", task1)
		}
		if o := refs[rd.Latest.Ref]; o.Kind != "observation" || !strings.Contains(o.Detail, "2023年统计公报") {
			t.Errorf("研发 latest source = %+v", o)
		}
	})
}

// TestBuildReproducible builds twice at one date with data recorded in
// between (after that date): the reports must be identical.
func TestBuildReproducible(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := savePlan(t, st)
		opt := Options{Compare: []string{"330600"}}
		first, err := Build(ctx, st, f.plan.ID, fixtureAsOf, opt)
		if err != nil {
			t.Fatal(err)
		}
		later := time.Now()
		if err := st.AddUpdates(ctx, []store.Update{{ItemID: f.task["3"], Date: "2024-06-30", Status: "done",
			Progress: 100, Note: "迟报：已完成", RecordedAt: later}}); err != nil {
			t.Fatal(err)
		}
		if err := st.AddObservations(ctx, []store.Observation{{IndicatorID: f.inds[1].ID, Period: "2024", Value: 0.40,
			RecordedAt: later}}); err != nil {
			t.Fatal(err)
		}
		if err := st.AddItem(ctx, &store.Item{PlanID: f.plan.ID, Kind: store.KindTask, Number: "7", Title: "新增任务"},
			store.ItemEdit{Reason: "年中调整"}); err != nil {
			t.Fatal(err)
		}
		second, err := Build(ctx, st, f.plan.ID, fixtureAsOf, opt)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(first, second) {
			t.Errorf("reports as of one date differ after later data:\nfirst  %+v\nsecond %+v", first.Summary, second.Summary)
		}
		now, err := Build(ctx, st, f.plan.ID, later.Add(time.Minute), opt)
		if err != nil {
			t.Fatal(err)
		}
		if now.Summary.Tasks != 7 {
			t.Errorf("a report as of now has %d tasks, want 7 with the added one", now.Summary.Tasks)
		}
	})
}

func TestBuildErrors(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := savePlan(t, st)
		cases := []struct {
			name string
			plan string
			asOf time.Time
			opt  Options
		}{
			{"no plan", "zzzzzzzzzz", fixtureAsOf, Options{}},
			{"no date", f.plan.ID, time.Time{}, Options{}},
			{"previous after", f.plan.ID, fixtureAsOf, Options{Previous: fixtureAsOf.AddDate(0, 1, 0)}},
		}
		for _, c := range cases {
			if _, err := Build(ctx, st, c.plan, c.asOf, c.opt); err == nil {
				t.Errorf("%s: no error", c.name)
			}
		}
	})
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func groupNames(gs []Group) []string {
	var out []string
	for _, g := range gs {
		out = append(out, g.Name)
	}
	return out
}

func rowNumbers(rows []TaskRow) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r.Number)
	}
	return out
}

func changeText(cs []Change) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Number+" "+c.Before+"→"+c.After)
	}
	return out
}

func comparisonRegions(cs []Comparison) []string {
	var out []string
	for _, c := range cs {
		var regs []string
		for _, r := range c.Rows {
			regs = append(regs, r.Region)
		}
		out = append(out, c.Indicator+": "+strings.Join(regs, " "))
	}
	return out
}
