package store_test

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

// fixture is a stored plan with its items by temporary name.
type fixture struct {
	plan  store.Plan
	items map[string]store.Item
	inds  []store.Indicator
}

func (f fixture) id(name string) string { return f.items[name].ID }

func lead(u string) store.Assignment    { return store.Assignment{Unit: u, Role: store.RoleLead} }
func support(u string) store.Assignment { return store.Assignment{Unit: u, Role: store.RoleSupport} }

// savePlan stores a three-level plan:
//
//	一、 g1 (group)
//	  （一） g1a (group)
//	    1 t1 (task: 市科技局 lead, 市发改委 support)
//	    2 t2 (project: 市科技局 lead)
//	  3 t3 (task: 市财政局 lead)
//	二、 g2 (group)
//	  1 t4 (task: 市数据局 lead, 市科技局 support)
//
// The items are given out of order (children before parents, Positions
// sparse) to exercise SavePlanTree's ordering.
func savePlan(t *testing.T, s *store.Store, title, code, region, level, docID string) fixture {
	t.Helper()
	names := []string{"t1", "g1a", "t4", "g2", "g1", "t2", "t3"}
	items := []store.Item{
		{ID: "t1", ParentID: "g1a", Kind: store.KindTask, Number: "1", Title: "共建沪嘉科创走廊", Position: 5,
			Deadline: "2025-12-31", Units: []store.Assignment{lead("市科技局"), support("市发改委")}, SourceStart: 10, SourceEnd: 30},
		{ID: "g1a", ParentID: "g1", Kind: store.KindGroup, Number: "（一）", Title: "科创走廊", Position: 0},
		{ID: "t4", ParentID: "g2", Kind: store.KindTask, Number: "1", Title: "推进一网通办",
			Units: []store.Assignment{lead("市数据局"), support("市科技局")}},
		{ID: "g2", Kind: store.KindGroup, Number: "二、", Title: "优化营商环境", Position: 9},
		{ID: "g1", Kind: store.KindGroup, Number: "一、", Title: "共建科技创新共同体", Position: 1},
		{ID: "t2", ParentID: "g1a", Kind: store.KindProject, Number: "2", Title: "建设南湖实验室", Position: 7,
			Units: []store.Assignment{lead("市科技局")}},
		{ID: "t3", ParentID: "g1", Kind: store.KindTask, Number: "3", Title: "设立科创基金", Position: 3,
			Units: []store.Assignment{lead("市财政局")}},
	}
	base := 2.8
	inds := []store.Indicator{
		{Name: "研发经费投入强度", Unit: "%", Direction: store.DirectionUp, BaselineValue: &base, BaselineYear: 2020,
			Targets: []store.Target{{Year: 2025, Value: 3.2, Op: ">="}, {Year: 2023, Value: 3.0, Op: ">="}}},
		{Name: "单位GDP能耗下降", Key: "单位GDP能耗", Unit: "%", Direction: store.DirectionDown, Binding: true,
			Targets: []store.Target{{Year: 0, Value: 13.5, Op: ">="}}},
	}
	p := store.Plan{Title: title, DocumentID: docID, RegionCode: code, RegionName: region, Level: level,
		StartYear: 2021, EndYear: 2025}
	if err := s.SavePlanTree(context.Background(), &p, items, inds); err != nil {
		t.Fatalf("SavePlanTree: %v", err)
	}
	f := fixture{plan: p, items: map[string]store.Item{}, inds: inds}
	for i, n := range names {
		f.items[n] = items[i]
	}
	return f
}

// jiaxing stores the standard plan of 嘉兴市.
func jiaxing(t *testing.T, s *store.Store) fixture {
	return savePlan(t, s, "嘉兴市科创协同行动计划", "330400", "嘉兴市", store.LevelCity, "")
}

func addDocument(t *testing.T, s *store.Store, title string) string {
	t.Helper()
	id, _, err := s.SaveSnapshot(context.Background(), &store.Snapshot{
		Document: store.Document{Source: "https://example.gov.cn/" + title, Title: title, Kind: "行动计划",
			RegionCode: "330000", RegionName: "浙江省", Year: 2021},
		Version: store.Version{Format: "text", Charset: "utf-8", ContentType: "text/plain", Text: title, Original: title},
		Bytes:   []byte(title),
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// titles lists the items' names in the fixture's terms.
func (f fixture) names(items []store.Item) []string {
	byID := map[string]string{}
	for n, it := range f.items {
		byID[it.ID] = n
	}
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = byID[it.ID]
		if out[i] == "" {
			out[i] = it.Title
		}
	}
	return out
}

func TestSavePlanTree(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := jiaxing(t, s)
		if len(f.plan.ID) != 16 || f.plan.CreatedAt.IsZero() || !f.plan.UpdatedAt.Equal(f.plan.CreatedAt) {
			t.Fatalf("plan after save: %+v", f.plan)
		}
		got, err := s.Plan(ctx, f.plan.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got != f.plan {
			t.Errorf("Plan = %+v\nwant %+v", got, f.plan)
		}
		if byPrefix, err := s.Plan(ctx, f.plan.ID[:10]); err != nil || byPrefix.ID != f.plan.ID {
			t.Errorf("Plan(prefix) = %v, %v", byPrefix.ID, err)
		}

		// Real IDs, parents remapped, siblings renumbered in Position order.
		for n, want := range map[string]struct {
			parent string
			pos    int
		}{"g1": {"", 0}, "g2": {"", 1}, "g1a": {"g1", 0}, "t3": {"g1", 1}, "t1": {"g1a", 0}, "t2": {"g1a", 1}, "t4": {"g2", 0}} {
			it := f.items[n]
			if len(it.ID) != 16 || it.PlanID != f.plan.ID || it.ParentID != f.items[want.parent].ID && want.parent != "" ||
				want.parent == "" && it.ParentID != "" || it.Position != want.pos {
				t.Errorf("%s after save: id %q plan %q parent %q pos %d; want parent %s pos %d",
					n, it.ID, it.PlanID, it.ParentID, it.Position, want.parent, want.pos)
			}
		}
		items, err := s.Items(ctx, f.plan.ID, store.ItemFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := f.names(items), []string{"g1", "g1a", "t1", "t2", "t3", "g2", "t4"}; !slices.Equal(got, want) {
			t.Errorf("Items order = %v, want %v", got, want)
		}
		t1 := items[2]
		if t1.Title != "共建沪嘉科创走廊" || t1.Deadline != "2025-12-31" || t1.Kind != store.KindTask ||
			t1.SourceStart != 10 || t1.SourceEnd != 30 || t1.Dropped || t1.CreatedAt.IsZero() {
			t.Errorf("t1 = %+v", t1)
		}
		wantUnits := []store.Assignment{{ItemID: t1.ID, Unit: "市科技局", Role: store.RoleLead},
			{ItemID: t1.ID, Unit: "市发改委", Role: store.RoleSupport}}
		if !slices.Equal(t1.Units, wantUnits) || !slices.Equal(f.items["t1"].Units, wantUnits) {
			t.Errorf("t1 units = %v (returned %v), want %v", t1.Units, f.items["t1"].Units, wantUnits)
		}

		inds, err := s.Indicators(ctx, f.plan.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(inds) != 2 || inds[0].ID != f.inds[0].ID || inds[1].ID != f.inds[1].ID {
			t.Fatalf("Indicators = %+v", inds)
		}
		rd := inds[0]
		if rd.Key != "研发经费投入强度" || rd.BaselineValue == nil || *rd.BaselineValue != 2.8 || rd.Binding ||
			rd.Direction != store.DirectionUp || rd.PlanID != f.plan.ID {
			t.Errorf("indicator 0 = %+v", rd)
		}
		if want := []store.Target{{IndicatorID: rd.ID, Year: 2023, Value: 3.0, Op: ">="},
			{IndicatorID: rd.ID, Year: 2025, Value: 3.2, Op: ">="}}; !slices.Equal(rd.Targets, want) {
			t.Errorf("targets = %v, want %v", rd.Targets, want)
		}
		if e := inds[1]; e.Key != "单位GDP能耗" || e.BaselineValue != nil || !e.Binding || len(e.Targets) != 1 {
			t.Errorf("indicator 1 = %+v", e)
		}

		edits, err := s.ItemEdits(ctx, f.plan.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(edits) != 1 || edits[0].Action != store.EditAdded || edits[0].ItemID != "" || edits[0].PlanID != f.plan.ID {
			t.Errorf("edits after save = %+v, want one plan-level edit", edits)
		}
	})
}

func TestSavePlanTreeRefused(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		tests := []struct {
			name  string
			plan  store.Plan
			items []store.Item
			is    error
		}{
			{"empty title", store.Plan{}, nil, nil},
			{"missing document", store.Plan{Title: "x", DocumentID: "zzzzzzzzzzzzzzzz"}, nil, store.ErrNotFound},
			{"temporary ID twice", store.Plan{Title: "x"}, []store.Item{{ID: "a"}, {ID: "a"}}, nil},
			{"unknown parent", store.Plan{Title: "x"}, []store.Item{{ID: "a", ParentID: "b"}}, nil},
			{"cycle", store.Plan{Title: "x"}, []store.Item{{ID: "a", ParentID: "b"}, {ID: "b", ParentID: "a"}}, nil},
			{"bad role", store.Plan{Title: "x"}, []store.Item{{Units: []store.Assignment{{Unit: "u", Role: "boss"}}}}, nil},
		}
		for _, tt := range tests {
			p := tt.plan
			items := slices.Clone(tt.items)
			err := s.SavePlanTree(ctx, &p, items, nil)
			if err == nil || tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("%s: err = %v, want an error (%v)", tt.name, err, tt.is)
			}
			if p.ID != "" || !slices.EqualFunc(items, tt.items, func(a, b store.Item) bool { return a.ID == b.ID }) {
				t.Errorf("%s: a refused save changed its arguments", tt.name)
			}
		}
		if plans, err := s.Plans(ctx, store.PlanFilter{}); err != nil || len(plans) != 0 {
			t.Errorf("plans after refused saves: %v, %v", plans, err)
		}
		f := jiaxing(t, s)
		dup := store.Plan{ID: f.plan.ID, Title: "again"}
		if err := s.SavePlanTree(ctx, &dup, nil, nil); !errors.Is(err, store.ErrConflict) {
			t.Errorf("save with a taken ID: %v, want ErrConflict", err)
		}
	})
}

func TestPlansFilter(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		doc := addDocument(t, s, "浙江省科技创新行动方案")
		zj := savePlan(t, s, "浙江省科技创新行动方案", "330000", "浙江省", store.LevelProvince, doc)
		jx := jiaxing(t, s)
		sh := savePlan(t, s, "上海市实施方案", "310000", "上海市", store.LevelProvince, "")
		if got, err := s.Plan(ctx, zj.plan.ID); err != nil || got.DocumentID != doc {
			t.Errorf("plan from a document: %+v, %v", got, err)
		}
		ids := func(plans []store.Plan) []string {
			var out []string
			for _, p := range plans {
				out = append(out, p.ID)
			}
			return out
		}
		tests := []struct {
			f    store.PlanFilter
			want []string // newest first
		}{
			{store.PlanFilter{}, []string{sh.plan.ID, jx.plan.ID, zj.plan.ID}},
			{store.PlanFilter{Region: "330000"}, []string{jx.plan.ID, zj.plan.ID}},
			{store.PlanFilter{Region: "330400"}, []string{jx.plan.ID}},
			{store.PlanFilter{Region: "嘉兴"}, []string{jx.plan.ID}},
			{store.PlanFilter{Region: "100%"}, nil},
			{store.PlanFilter{Level: store.LevelProvince}, []string{sh.plan.ID, zj.plan.ID}},
			{store.PlanFilter{Level: store.LevelProvince, Region: "上海市"}, []string{sh.plan.ID}},
			{store.PlanFilter{DocumentID: doc}, []string{zj.plan.ID}},
			{store.PlanFilter{IDs: []string{zj.plan.ID, sh.plan.ID}}, []string{sh.plan.ID, zj.plan.ID}},
			{store.PlanFilter{IDs: []string{jx.plan.ID}, Level: store.LevelProvince}, nil},
			{store.PlanFilter{IDs: []string{"zzzzzzzzzzzzzzzz"}}, nil},
		}
		for _, tt := range tests {
			plans, err := s.Plans(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(plans); !slices.Equal(got, tt.want) {
				t.Errorf("Plans(%+v) = %v, want %v", tt.f, got, tt.want)
			}
		}
		if plans, err := s.PlansOfDocument(ctx, doc); err != nil || !slices.Equal(ids(plans), []string{zj.plan.ID}) {
			t.Errorf("PlansOfDocument = %v, %v", ids(plans), err)
		}
		for _, id := range []string{"zzzzzzzz", "abc", "", strings.Repeat("x", 17), jx.plan.ID[:5]} {
			if _, err := s.Plan(ctx, id); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("Plan(%q) = %v, want ErrNotFound", id, err)
			}
		}
	})
}

func TestDeletePlan(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := jiaxing(t, s)
		other := savePlan(t, s, "衢州市行动计划", "330800", "衢州市", store.LevelCity, "")
		// Something in every table under the plan.
		if err := s.AddUpdates(ctx, []store.Update{{ItemID: f.id("t1"), Status: "on_track", Progress: 20}}); err != nil {
			t.Fatal(err)
		}
		if err := s.AddObservations(ctx, []store.Observation{{IndicatorID: f.inds[0].ID, Period: "2021", Value: 2.9}}); err != nil {
			t.Fatal(err)
		}
		if err := s.LinkPlans(ctx, other.plan.ID, f.plan.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.SetItemLink(ctx, store.ItemLink{ItemID: other.id("t1"), ParentItemID: f.id("t1")}); err != nil {
			t.Fatal(err)
		}
		if err := s.EditItem(ctx, store.Item{ID: f.id("t3"), Kind: store.KindTask, Number: "3", Title: "设立科创基金",
			ParentID: f.id("g1"), Position: 1, Dropped: true}, store.ItemEdit{Reason: "并入"}); err != nil {
			t.Fatal(err)
		}
		tables := []string{"plans", "items", "item_units", "updates", "item_edits", "indicators",
			"indicator_targets", "observations", "plan_links", "item_links"}
		before := map[string]int{}
		for _, tb := range tables {
			before[tb] = store.CountRows(t, s, tb)
		}
		if err := s.DeletePlan(ctx, f.plan.ID); err != nil {
			t.Fatal(err)
		}
		// What is left is the other plan's alone: its own save again.
		want := map[string]int{"plans": 1, "items": 7, "item_units": 6, "updates": 0, "item_edits": 1,
			"indicators": 2, "indicator_targets": 3, "observations": 0, "plan_links": 0, "item_links": 0}
		for _, tb := range tables {
			if got := store.CountRows(t, s, tb); got != want[tb] {
				t.Errorf("%s: %d rows after delete (%d before), want %d", tb, got, before[tb], want[tb])
			}
		}
		if _, err := s.Plan(ctx, f.plan.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Plan after delete: %v", err)
		}
		if _, err := s.Item(ctx, f.id("t1")); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Item after delete: %v", err)
		}
		if err := s.DeletePlan(ctx, f.plan.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("second DeletePlan: %v, want ErrNotFound", err)
		}
		if _, err := s.Plan(ctx, other.plan.ID); err != nil {
			t.Errorf("the other plan: %v", err)
		}
	})
}

// Plans saved at once that name the same new unit of one region all
// succeed, with one unit in the registry: on PostgreSQL the later inserts
// of the unit fail and are read again.
func TestSavePlanTreeConcurrentNewUnit(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		// Many items each naming the shared new units widen the time
		// between reading the registry and inserting into it.
		const n, width = 8, 40
		errs := make(chan error, n)
		for i := range n {
			go func() {
				p := store.Plan{Title: "并发计划", RegionCode: "330400", RegionName: "嘉兴市", Level: store.LevelCity}
				var items []store.Item
				for k := range width {
					items = append(items, store.Item{ID: "t" + strconv.Itoa(k), Kind: store.KindTask,
						Title: "任务" + strconv.Itoa(i) + "-" + strconv.Itoa(k),
						Units: []store.Assignment{lead("市新设数据集团"), support("市新设研究院" + strconv.Itoa(k))}})
				}
				errs <- s.SavePlanTree(ctx, &p, items, nil)
			}()
		}
		for range n {
			if err := <-errs; err != nil {
				t.Errorf("SavePlanTree: %v", err)
			}
		}
		units, err := s.Units(ctx, store.UnitFilter{RegionCode: "330400"})
		if err != nil {
			t.Fatal(err)
		}
		count := 0
		for _, u := range units {
			if u.Name == "市新设数据集团" {
				count++
			}
		}
		if count != 1 {
			t.Errorf("%d units named 市新设数据集团, want 1", count)
		}
	})
}
