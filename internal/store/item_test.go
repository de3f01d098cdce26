package store_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
	"planwatch/internal/unitname"
)

func TestItemLookups(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := jiaxing(t, s)
		// Items saved together share their first 15 characters (one
		// millisecond, a counter): a prefix finds one made on its own.
		time.Sleep(2 * time.Millisecond)
		late := store.Item{PlanID: f.plan.ID, Kind: store.KindTask, Number: "三、", Title: "保障措施", Position: -1,
			Units: []store.Assignment{lead("市数据局")}}
		if err := s.AddItem(ctx, &late, store.ItemEdit{}); err != nil {
			t.Fatal(err)
		}
		it, err := s.Item(ctx, late.ID[:11])
		if err != nil || it.ID != late.ID || len(it.Units) != 1 || it.Units[0].Unit != "市数据局" || it.Position != 2 {
			t.Errorf("Item(prefix) = %+v, %v", it, err)
		}
		if _, err := s.Item(ctx, f.id("t4")[:6]); !errors.Is(err, store.ErrNotFound) || !strings.Contains(err.Error(), "ambiguous") {
			t.Errorf("Item(ambiguous prefix) = %v", err)
		}
		for _, id := range []string{"zzzzzzzzzzzzzzzz", f.plan.ID, "", "t1"} {
			if _, err := s.Item(ctx, id); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("Item(%q) = %v, want ErrNotFound", id, err)
			}
		}
		tests := []struct {
			number string
			want   string // fixture name, "" for ErrNotFound
		}{
			{"（一）", "g1a"},
			{"(一)", "g1a"},
			{"一、", "g1"},
			{"一", "g1"},
			{"3", "t3"},
			{"３.", "t3"},
			{"2", "t2"},
			{"1", ""}, // t1 and t4: ambiguous
			{"9", ""},
			{"", ""},
		}
		for _, tt := range tests {
			it, err := s.ItemByNumber(ctx, f.plan.ID, tt.number)
			switch {
			case tt.want == "" && !errors.Is(err, store.ErrNotFound):
				t.Errorf("ItemByNumber(%q) = %s, %v; want ErrNotFound", tt.number, it.Title, err)
			case tt.want != "" && (err != nil || it.ID != f.id(tt.want)):
				t.Errorf("ItemByNumber(%q) = %s, %v; want %s", tt.number, it.Title, err, tt.want)
			}
		}
		if _, err := s.ItemByNumber(ctx, f.plan.ID, "1"); err == nil || !strings.Contains(err.Error(), "ambiguous") {
			t.Errorf("ItemByNumber(1) = %v, want ambiguous", err)
		}
		// A current item wins over a dropped one with the same number.
		t4 := f.items["t4"]
		t4.Dropped = true
		if err := s.EditItem(ctx, t4, store.ItemEdit{}); err != nil {
			t.Fatal(err)
		}
		if it, err := s.ItemByNumber(ctx, f.plan.ID, "1"); err != nil || it.ID != f.id("t1") {
			t.Errorf("ItemByNumber(1) with t4 dropped = %s, %v", it.Title, err)
		}
		if _, err := s.ItemByNumber(ctx, "zzzzzzzzzzzzzzzz", "1"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("ItemByNumber(missing plan) = %v", err)
		}
	})
}

func TestItemsFilter(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := jiaxing(t, s)
		if err := s.AddUpdates(ctx, []store.Update{
			{ItemID: f.id("t1"), Date: "2024-03-31", Status: "behind", Progress: 20},
			{ItemID: f.id("t4"), Date: "2024-03-31", Status: "done", Progress: 100},
		}); err != nil {
			t.Fatal(err)
		}
		t3 := f.items["t3"]
		t3.Dropped = true
		if err := s.EditItem(ctx, t3, store.ItemEdit{Reason: "合并到基金任务"}); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			f    store.ItemFilter
			want []string
		}{
			{store.ItemFilter{}, []string{"g1", "g1a", "t1", "t2", "g2", "t4"}},
			{store.ItemFilter{IncludeDropped: true}, []string{"g1", "g1a", "t1", "t2", "t3", "g2", "t4"}},
			{store.ItemFilter{Unit: "市科技局"}, []string{"t1", "t2", "t4"}},
			{store.ItemFilter{Unit: " 市科技局 ", Role: store.RoleLead}, []string{"t1", "t2"}},
			{store.ItemFilter{Unit: "市科技局", Role: store.RoleSupport}, []string{"t4"}},
			{store.ItemFilter{Unit: "市财政局"}, []string{}},
			{store.ItemFilter{Unit: "市财政局", IncludeDropped: true}, []string{"t3"}},
			{store.ItemFilter{Unit: "市教育局"}, []string{}},
			{store.ItemFilter{Kind: store.KindGroup}, []string{"g1", "g1a", "g2"}},
			{store.ItemFilter{Kind: store.KindProject}, []string{"t2"}},
			{store.ItemFilter{Status: "done"}, []string{"t4"}},
			{store.ItemFilter{Status: "behind", Unit: "市科技局"}, []string{"t1"}},
		}
		for _, tt := range tests {
			items, err := s.Items(ctx, f.plan.ID, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if got := f.names(items); !slices.Equal(got, tt.want) {
				t.Errorf("Items(%+v) = %v, want %v", tt.f, got, tt.want)
			}
		}
		if _, err := s.Items(ctx, "zzzzzzzzzzzzzzzz", store.ItemFilter{}); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Items(missing plan) = %v", err)
		}
	})
}

// lastEdit returns the newest edit of a plan.
func lastEdit(t *testing.T, s *store.Store, planID string) store.ItemEdit {
	t.Helper()
	edits, err := s.ItemEdits(context.Background(), planID)
	if err != nil || len(edits) == 0 {
		t.Fatalf("ItemEdits = %v, %v", edits, err)
	}
	return edits[len(edits)-1]
}

func TestItemChangesLeaveEdits(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := jiaxing(t, s)
		pid := f.plan.ID

		// A task names units of the registry: an unknown one is refused
		// with the closest names, until it is registered.
		bad := store.Item{PlanID: pid, Kind: store.KindTask, Title: "推进一件事改革", Units: []store.Assignment{lead("市司法局")}}
		var ue *unitname.UnknownError
		if err := s.AddItem(ctx, &bad, store.ItemEdit{}); !errors.Is(err, store.ErrInvalid) || !errors.As(err, &ue) {
			t.Fatalf("AddItem with an unknown unit = %v, want ErrInvalid with *unitname.UnknownError", err)
		}
		for _, name := range []string{"市司法局", "嘉兴科技城"} {
			if _, err := s.AddUnit(ctx, store.Unit{Name: name, RegionCode: "330400", RegionName: "嘉兴市"}, store.AuditEntry{ActorLogin: "test"}); err != nil {
				t.Fatal(err)
			}
		}

		// AddItem: appended after its last sibling, edit recorded.
		n := store.Item{PlanID: pid[:8], ParentID: f.id("g2"), Kind: store.KindTask, Number: "2", Title: "推进一件事改革",
			Position: -1, Units: []store.Assignment{lead("市数据局"), support("市司法局"), support("市数据局")}}
		if err := s.AddItem(ctx, &n, store.ItemEdit{Reason: "年中调整新增", Author: "规划处"}); err != nil {
			t.Fatal(err)
		}
		if n.ID == "" || n.PlanID != pid || n.Position != 1 || len(n.Units) != 2 || n.Units[0].Role != store.RoleLead {
			t.Errorf("added item = %+v", n)
		}
		if e := lastEdit(t, s, pid); e.Action != store.EditAdded || e.ItemID != n.ID || e.Reason != "年中调整新增" ||
			e.Author != "规划处" || e.After != "2 推进一件事改革" || e.RecordedAt.IsZero() {
			t.Errorf("edit of AddItem = %+v", e)
		}
		items, _ := s.Items(ctx, pid, store.ItemFilter{Unit: "市数据局"})
		if got := f.names(items); !slices.Equal(got, []string{"t4", "推进一件事改革"}) {
			t.Errorf("after AddItem: %v", got)
		}

		// EditItem: the action is inferred from what changed.
		edits := []struct {
			change       func(it *store.Item)
			action       string
			before, afte string
		}{
			{func(it *store.Item) { it.Deadline = "2026-06-30" }, store.EditDeadline, "2025-12-31", "2026-06-30"},
			{func(it *store.Item) { it.Title = "共建G60科创走廊" }, store.EditRenamed, "1 共建沪嘉科创走廊", "1 共建G60科创走廊"},
			{func(it *store.Item) { it.ParentID = f.id("g1") }, store.EditMoved, f.id("g1a"), f.id("g1")},
			{func(it *store.Item) { it.Body = "新的内容" }, store.EditChanged, "body: ", "body: 新的内容"},
			{func(it *store.Item) { it.Dropped = true }, store.EditDropped, "1 共建G60科创走廊", ""},
			{func(it *store.Item) { it.Dropped = false }, store.EditRestored, "", "1 共建G60科创走廊"},
		}
		for _, e := range edits {
			it, err := s.Item(ctx, f.id("t1"))
			if err != nil {
				t.Fatal(err)
			}
			e.change(&it)
			if err := s.EditItem(ctx, it, store.ItemEdit{Reason: "调整"}); err != nil {
				t.Fatalf("EditItem (%s): %v", e.action, err)
			}
			got := lastEdit(t, s, pid)
			if got.Action != e.action || got.Before != e.before || got.After != e.afte || got.ItemID != it.ID || got.Reason != "调整" {
				t.Errorf("edit = %+v, want %s %q → %q", got, e.action, e.before, e.afte)
			}
			if back, _ := s.Item(ctx, it.ID); back.Deadline != it.Deadline || back.Title != it.Title ||
				back.ParentID != it.ParentID || back.Dropped != it.Dropped || back.Body != it.Body {
				t.Errorf("item after %s = %+v", e.action, back)
			}
		}
		count := len(mustEdits(t, s, pid))
		same, _ := s.Item(ctx, f.id("t1"))
		if err := s.EditItem(ctx, same, store.ItemEdit{}); err != nil || len(mustEdits(t, s, pid)) != count {
			t.Errorf("an edit changing nothing: %v, recorded %d edits (had %d)", err, len(mustEdits(t, s, pid)), count)
		}

		// EditItem refusals.
		g1, _ := s.Item(ctx, f.id("g1"))
		other := savePlan(t, s, "衢州市行动计划", "330800", "衢州市", store.LevelCity, "")
		for _, tt := range []struct {
			name   string
			parent string
			is     error
		}{
			{"under itself", g1.ID, store.ErrConflict},
			{"under its grandchild", f.id("t2"), store.ErrConflict},
			{"under another plan's item", other.id("g1"), store.ErrConflict},
			{"under a missing item", "zzzzzzzzzzzzzzzz", store.ErrNotFound},
		} {
			it := g1
			it.ParentID = tt.parent
			if err := s.EditItem(ctx, it, store.ItemEdit{}); !errors.Is(err, tt.is) {
				t.Errorf("EditItem %s: %v, want %v", tt.name, err, tt.is)
			}
		}
		if err := s.EditItem(ctx, store.Item{ID: "zzzzzzzzzzzzzzzz"}, store.ItemEdit{}); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("EditItem(missing) = %v", err)
		}
		if err := s.AddItem(ctx, &store.Item{PlanID: pid, ParentID: other.id("g1")}, store.ItemEdit{}); !errors.Is(err, store.ErrConflict) {
			t.Errorf("AddItem under another plan's item = %v", err)
		}
		if err := s.AddItem(ctx, &store.Item{PlanID: "zzzzzzzzzzzzzzzz"}, store.ItemEdit{}); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("AddItem to a missing plan = %v", err)
		}

		// SetUnits: replaced, with an edit when asked.
		if err := s.SetUnits(ctx, f.id("t2"), []store.Assignment{lead("嘉兴科技城"), support("市科技局")},
			&store.ItemEdit{Reason: "机构调整", Author: "规划处"}); err != nil {
			t.Fatal(err)
		}
		t2, _ := s.Item(ctx, f.id("t2"))
		if len(t2.Units) != 2 || t2.Units[0] != (store.Assignment{ItemID: t2.ID, Unit: "嘉兴科技城", Role: store.RoleLead}) {
			t.Errorf("units after SetUnits = %v", t2.Units)
		}
		if e := lastEdit(t, s, pid); e.Action != store.EditReassigned || e.Before != "市科技局 (lead)" ||
			e.After != "嘉兴科技城 (lead), 市科技局 (support)" || e.Reason != "机构调整" {
			t.Errorf("edit of SetUnits = %+v", e)
		}
		count = len(mustEdits(t, s, pid))
		if err := s.SetUnits(ctx, f.id("t2"), nil, nil); err != nil {
			t.Fatal(err)
		}
		if t2, _ = s.Item(ctx, f.id("t2")); len(t2.Units) != 0 || len(mustEdits(t, s, pid)) != count {
			t.Errorf("SetUnits(nil, no edit): units %v, edits %d (had %d)", t2.Units, len(mustEdits(t, s, pid)), count)
		}
		if err := s.SetUnits(ctx, "zzzzzzzzzzzzzzzz", nil, nil); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("SetUnits(missing) = %v", err)
		}

		// Edits come oldest first: the plan's creation, then the changes in order.
		all := mustEdits(t, s, pid)
		var actions []string
		for _, e := range all {
			actions = append(actions, e.Action)
		}
		want := []string{store.EditAdded, store.EditAdded, store.EditDeadline, store.EditRenamed, store.EditMoved,
			store.EditChanged, store.EditDropped, store.EditRestored, store.EditReassigned}
		if !slices.Equal(actions, want) {
			t.Errorf("edit actions = %v, want %v", actions, want)
		}
		if _, err := s.ItemEdits(ctx, "zzzzzzzzzzzzzzzz"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("ItemEdits(missing) = %v", err)
		}
	})
}

func mustEdits(t *testing.T, s *store.Store, planID string) []store.ItemEdit {
	t.Helper()
	edits, err := s.ItemEdits(context.Background(), planID)
	if err != nil {
		t.Fatal(err)
	}
	return edits
}

func TestMergeItems(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := jiaxing(t, s)
		county := savePlan(t, s, "南湖区行动计划", "330402", "南湖区", store.LevelCounty, "")
		// t3 (市财政局) merges into t1 (市科技局, 市发改委). t3 has a child, a
		// later update, an upward and a downward link.
		child := store.Item{PlanID: f.plan.ID, ParentID: f.id("t3"), Kind: store.KindTask, Number: "(1)", Title: "子任务"}
		if err := s.AddItem(ctx, &child, store.ItemEdit{}); err != nil {
			t.Fatal(err)
		}
		if err := s.AddUpdates(ctx, []store.Update{
			{ItemID: f.id("t1"), Date: "2024-03-31", Status: "on_track", Progress: 30},
			{ItemID: f.id("t3"), Date: "2024-06-30", Status: "behind", Progress: 40, Unit: "市财政局"},
		}); err != nil {
			t.Fatal(err)
		}
		for _, l := range []store.ItemLink{
			{ItemID: f.id("t3"), ParentItemID: f.id("t4"), Confirmed: true, Score: 0.9},
			{ItemID: county.id("t1"), ParentItemID: f.id("t3"), Score: 0.5},
			{ItemID: county.id("t1"), ParentItemID: f.id("t1"), Confirmed: true, Score: 0.7},
		} {
			if err := s.SetItemLink(ctx, l); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.MergeItems(ctx, f.id("t1"), f.id("t3"), store.ItemEdit{Reason: "内容重复", Author: "规划处"}); err != nil {
			t.Fatal(err)
		}
		into, _ := s.Item(ctx, f.id("t1"))
		from, _ := s.Item(ctx, f.id("t3"))
		if !from.Dropped || len(from.Units) != 0 {
			t.Errorf("from after merge = %+v", from)
		}
		if into.Status != "behind" || into.Progress != 40 {
			t.Errorf("into's status = %q %d, want the latest update's (behind 40)", into.Status, into.Progress)
		}
		if got := unitNames(into.Units); !slices.Equal(got, []string{"市科技局", "市发改委", "市财政局"}) {
			t.Errorf("into's units = %v", got)
		}
		ups, _ := s.Updates(ctx, into.ID)
		if len(ups) != 2 || ups[1].Unit != "市财政局" || ups[1].ItemID != into.ID {
			t.Errorf("into's updates = %+v", ups)
		}
		if ups, _ := s.Updates(ctx, from.ID); len(ups) != 0 {
			t.Errorf("from kept updates: %+v", ups)
		}
		if c, _ := s.Item(ctx, child.ID); c.ParentID != into.ID {
			t.Errorf("from's child now under %s, want %s", c.ParentID, into.ID)
		}
		links, _ := s.ItemLinks(ctx, f.plan.ID)
		want := []store.ItemLink{
			{ItemID: f.id("t1"), ParentItemID: f.id("t4"), Confirmed: true, Score: 0.9},
			{ItemID: county.id("t1"), ParentItemID: f.id("t1"), Confirmed: true, Score: 0.7}, // kept as it was
		}
		slices.SortFunc(want, func(a, b store.ItemLink) int {
			return strings.Compare(a.ItemID+a.ParentItemID, b.ItemID+b.ParentItemID)
		})
		if !slices.Equal(links, want) {
			t.Errorf("links after merge = %+v\nwant %+v", links, want)
		}
		e := lastEdit(t, s, f.plan.ID)
		if e.Action != store.EditMerged || e.ItemID != from.ID || e.Before != "3 设立科创基金" ||
			!strings.Contains(e.After, into.ID) || e.Reason != "内容重复" {
			t.Errorf("merge edit = %+v", e)
		}

		for _, tt := range []struct {
			name       string
			into, from string
			is         error
		}{
			{"into itself", f.id("t1"), f.id("t1"), store.ErrConflict},
			{"across plans", f.id("t1"), county.id("t2"), store.ErrConflict},
			{"into a dropped item", f.id("t3"), f.id("t2"), store.ErrConflict},
			{"into its own child", f.id("t1"), f.id("g1a"), store.ErrConflict},
			{"missing", f.id("t1"), "zzzzzzzzzzzzzzzz", store.ErrNotFound},
		} {
			if err := s.MergeItems(ctx, tt.into, tt.from, store.ItemEdit{}); !errors.Is(err, tt.is) {
				t.Errorf("MergeItems %s: %v, want %v", tt.name, err, tt.is)
			}
		}
	})
}

func unitNames(units []store.Assignment) []string {
	var out []string
	for _, a := range units {
		out = append(out, a.Unit)
	}
	return out
}
