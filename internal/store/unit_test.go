package store_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
	"planwatch/internal/unitname"
)

// registryNames lists the registry's canonical names.
func registryNames(us []store.Unit) []string {
	out := make([]string, len(us))
	for i, u := range us {
		out[i] = u.Name
	}
	return out
}

func findUnit(t *testing.T, s *store.Store, region, name string) store.Unit {
	t.Helper()
	u, err := s.FindUnit(context.Background(), region, name)
	if err != nil {
		t.Fatalf("FindUnit(%s, %s): %v", region, name, err)
	}
	return u
}

func TestUnitRegistrySeedsAndResolves(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		actor := store.AuditEntry{ActorLogin: "cli:test"}
		// The fixture names 市科技局, 市发改委, 市数据局 and 市财政局: a plan
		// seeds them, unconfirmed, in its region.
		f := jiaxing(t, s)
		seeded, err := s.Units(ctx, store.UnitFilter{RegionCode: "330400", Unconfirmed: true})
		if err != nil || !slices.Equal(registryNames(seeded), []string{"市发改委", "市数据局", "市科技局", "市财政局"}) {
			t.Fatalf("seeded = %v, %v", registryNames(seeded), err)
		}
		for _, u := range seeded {
			if u.Confirmed || u.CreatedBy != store.UnitSeeded || u.RegionName != "嘉兴市" || u.Level != store.LevelCity {
				t.Errorf("seeded unit = %+v", u)
			}
		}
		// A second plan of the region naming 市发展改革委 is read as the unit
		// the registry has (市发改委), not seeded again; another city's plan
		// seeds its own.
		p2 := store.Plan{Title: "嘉兴二", RegionCode: "330400", RegionName: "嘉兴市", Level: store.LevelCity, StartYear: 2024, EndYear: 2025}
		if err := s.SavePlanTree(ctx, &p2, []store.Item{{Kind: store.KindTask, Title: "任务", Units: []store.Assignment{
			lead("市发展和改革委员会"), support("发展改革委"), support("市新单位")}}}, nil); err != nil {
			t.Fatal(err)
		}
		items, _ := s.Items(ctx, p2.ID, store.ItemFilter{})
		if len(items) != 1 || len(items[0].Units) != 2 || items[0].Units[0].Unit != "市发改委" || items[0].Units[1].Unit != "市新单位" {
			t.Errorf("units of the second plan = %+v", items[0].Units)
		}
		savePlan(t, s, "绍兴计划", "330600", "绍兴市", store.LevelCity, "")
		if us, _ := s.Units(ctx, store.UnitFilter{RegionCode: "330600"}); len(us) != 4 {
			t.Errorf("绍兴's units = %v", registryNames(us))
		}

		// Resolving: aliases by Norm, unknown names with suggestions.
		if u := findUnit(t, s, "330400", "发改委"); u.Name != "市发改委" {
			t.Errorf("FindUnit(发改委) = %s", u.Name)
		}
		var ue *unitname.UnknownError
		if _, err := s.FindUnit(ctx, "330400", "市科委"); !errors.As(err, &ue) || len(ue.Suggestions) == 0 || ue.Suggestions[0] != "市科技局" {
			t.Errorf("FindUnit(市科委) = %v", err)
		}

		// AddUnit: confirmed, audited; a name the registry reads as another
		// unit is a conflict naming it.
		cases := []struct {
			name    string
			aliases []string
			want    error
		}{
			{name: "市司法局", aliases: []string{"司法局"}},
			{name: "市发展改革委", want: store.ErrConflict},
			{name: "市审计局", aliases: []string{"市科技局"}, want: store.ErrConflict},
			{name: "", want: store.ErrInvalid},
			{name: "市\n局", want: store.ErrInvalid},
		}
		for _, c := range cases {
			u, err := s.AddUnit(ctx, store.Unit{Name: c.name, RegionCode: "330400", RegionName: "嘉兴市", Level: store.LevelCity, Aliases: c.aliases}, actor)
			if c.want != nil {
				if !errors.Is(err, c.want) {
					t.Errorf("AddUnit(%q) = %v, want %v", c.name, err, c.want)
				}
				continue
			}
			if err != nil || !u.Confirmed || !slices.Equal(u.Aliases, c.aliases) || u.CreatedBy != "cli:test" {
				t.Errorf("AddUnit(%q) = %+v, %v", c.name, u, err)
			}
		}
		if u := findUnit(t, s, "330400", "司法局"); u.Name != "市司法局" {
			t.Errorf("alias 司法局 finds %s", u.Name)
		}

		// AddUnitAliases confirms; an alias of another unit is refused.
		kj := findUnit(t, s, "330400", "市科技局")
		if u, err := s.AddUnitAliases(ctx, kj.ID, []string{"科技局", "市科学技术局"}, actor); err != nil || !u.Confirmed ||
			!slices.Equal(u.Aliases, []string{"市科学技术局", "科技局"}) {
			t.Errorf("AddUnitAliases = %+v, %v", u, err)
		}
		if _, err := s.AddUnitAliases(ctx, kj.ID, []string{"市财政局"}, actor); !errors.Is(err, store.ErrConflict) {
			t.Errorf("alias naming another unit = %v", err)
		}
		if n, err := s.ConfirmUnits(ctx, []string{findUnit(t, s, "330400", "市财政局").ID, kj.ID}, actor); err != nil || n != 1 {
			t.Errorf("ConfirmUnits = %d, %v; want 1 (one was confirmed already)", n, err)
		}

		// A task added or reassigned names a unit of the registry, by any of
		// its names.
		if err := s.SetUnits(ctx, f.id("t3"), []store.Assignment{lead("科技局"), support("市发展改革委")}, nil); err != nil {
			t.Fatal(err)
		}
		t3, _ := s.Item(ctx, f.id("t3"))
		if len(t3.Units) != 2 || t3.Units[0].Unit != "市科技局" || t3.Units[1].Unit != "市发改委" {
			t.Errorf("reassigned = %+v", t3.Units)
		}
		if err := s.SetUnits(ctx, f.id("t3"), []store.Assignment{lead("区发改委")}, nil); !errors.Is(err, store.ErrInvalid) || !errors.As(err, &ue) {
			t.Errorf("SetUnits(区发改委) = %v, want a refusal with suggestions", err)
		}

		audit, err := s.Audit(ctx, store.AuditFilter{Action: "unit."})
		if err != nil || len(audit) != 3 { // add, alias, confirm
			got := make([]string, len(audit))
			for i, e := range audit {
				got[i] = e.Action
			}
			t.Errorf("unit audit = %v, %v", got, err)
		}
	})
}

func TestMergeUnitsMovesHistory(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		actor := store.AuditEntry{ActorLogin: "admin"}
		// 市大数据局 was renamed 市数据局; the plan names both, one task both.
		p := store.Plan{Title: "数字化改革", RegionCode: "330400", RegionName: "嘉兴市", Level: store.LevelCity, StartYear: 2024, EndYear: 2025}
		items := []store.Item{
			{ID: "a", Kind: store.KindTask, Number: "1", Title: "一网通办", Units: []store.Assignment{lead("市大数据局")}},
			{ID: "b", Kind: store.KindTask, Number: "2", Title: "数据共享", Units: []store.Assignment{lead("市大数据局"), support("市数据局")}},
			{ID: "c", Kind: store.KindTask, Number: "3", Title: "算力", Units: []store.Assignment{lead("市数据局")}},
		}
		if err := s.SavePlanTree(ctx, &p, items, nil); err != nil {
			t.Fatal(err)
		}
		other := store.Plan{Title: "绍兴", RegionCode: "330600", RegionName: "绍兴市", Level: store.LevelCity, StartYear: 2024, EndYear: 2025}
		if err := s.SavePlanTree(ctx, &other, []store.Item{{Kind: store.KindTask, Title: "x", Units: []store.Assignment{lead("市数据局")}}}, nil); err != nil {
			t.Fatal(err)
		}
		if err := s.AddUpdates(ctx, []store.Update{
			{ItemID: items[0].ID, Unit: "市大数据局", Date: "2025-01-05", Status: "in_progress", Progress: 30},
			{ItemID: items[1].ID, Unit: "市大数据局", Date: "2025-01-05", Status: "in_progress", Progress: 10},
		}); err != nil {
			t.Fatal(err)
		}
		for _, u := range []store.User{
			{Login: "dsj", Role: store.RoleReporter, Scopes: []store.Scope{{PlanID: p.ID, Unit: "市大数据局"}, {PlanID: p.ID, Unit: "市数据局"}}},
			{Login: "dsj2", Role: store.RoleReporter, Scopes: []store.Scope{{Unit: "市大数据局"}}},
		} {
			u.PasswordHash = "x"
			if _, err := s.CreateUser(ctx, u); err != nil {
				t.Fatal(err)
			}
		}
		at := time.Date(2025, 2, 6, 0, 0, 0, 0, time.UTC)
		for _, unit := range []string{"市大数据局", "市数据局"} {
			if _, err := s.SaveReminder(ctx, store.Reminder{PlanID: p.ID, Unit: unit, Period: "2025-01", DueOn: "2025-02-05"}, at); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.SaveReminder(ctx, store.Reminder{PlanID: p.ID, Unit: "市大数据局", Period: "2024-12", DueOn: "2025-01-05"}, at); err != nil {
			t.Fatal(err)
		}
		before, _ := s.Plan(ctx, p.ID)

		keep, gone := findUnit(t, s, "330400", "市数据局"), findUnit(t, s, "330400", "市大数据局")
		if _, err := s.MergeUnits(ctx, keep.ID, findUnit(t, s, "330600", "市数据局").ID, actor); !errors.Is(err, store.ErrConflict) {
			t.Errorf("merging units of two regions = %v", err)
		}
		if _, err := s.MergeUnits(ctx, keep.ID, keep.ID, actor); !errors.Is(err, store.ErrConflict) {
			t.Errorf("merging a unit into itself = %v", err)
		}
		m, err := s.MergeUnits(ctx, keep.ID, gone.ID, actor)
		if err != nil {
			t.Fatal(err)
		}
		if m.Assignments != 2 || m.Updates != 2 || m.Scopes != 2 || m.Reminders != 2 || m.Plans != 1 ||
			!m.Kept.Confirmed || !slices.Contains(m.Kept.Aliases, "市大数据局") {
			t.Errorf("merge = %+v", m)
		}
		got, _ := s.Items(ctx, p.ID, store.ItemFilter{})
		want := [][]store.Assignment{
			{{ItemID: got[0].ID, Unit: "市数据局", Role: store.RoleLead}},
			{{ItemID: got[1].ID, Unit: "市数据局", Role: store.RoleLead}}, // led by the merged one: leads now
			{{ItemID: got[2].ID, Unit: "市数据局", Role: store.RoleLead}},
		}
		for i := range want {
			if !slices.Equal(got[i].Units, want[i]) {
				t.Errorf("units of %s = %+v, want %+v", got[i].Title, got[i].Units, want[i])
			}
		}
		ups, _ := s.PlanUpdates(ctx, p.ID, time.Time{})
		for _, u := range ups {
			if u.Unit != "市数据局" {
				t.Errorf("update by %s after the merge", u.Unit)
			}
		}
		for login, want := range map[string][]store.Scope{
			"dsj":  {{PlanID: p.ID, Unit: "市数据局"}},
			"dsj2": {{Unit: "市数据局"}},
		} {
			u, _ := s.UserByLogin(ctx, login)
			if !slices.Equal(u.Scopes, want) {
				t.Errorf("scopes of %s = %+v, want %+v", login, u.Scopes, want)
			}
		}
		rems, _ := s.OpenReminders(ctx, 10)
		if len(rems) != 2 {
			t.Errorf("reminders after the merge: %+v", rems)
		}
		for _, r := range rems {
			if r.Unit != "市数据局" {
				t.Errorf("reminder of %s after the merge", r.Unit)
			}
		}
		if _, err := s.Unit(ctx, gone.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("merged unit still there: %v", err)
		}
		if u := findUnit(t, s, "330400", "市大数据局"); u.ID != keep.ID {
			t.Errorf("the merged name finds %s", u.Name)
		}
		if after, _ := s.Plan(ctx, p.ID); !after.UpdatedAt.After(before.UpdatedAt) {
			t.Errorf("plan not touched by the merge: %v → %v", before.UpdatedAt, after.UpdatedAt)
		}
		// The other city's 市数据局 is untouched.
		if u := findUnit(t, s, "330600", "市数据局"); len(u.Aliases) != 0 {
			t.Errorf("绍兴's unit changed: %+v", u)
		}
		es, err := s.Audit(ctx, store.AuditFilter{Action: store.AuditUnitMerge})
		if err != nil || len(es) != 1 || es[0].EntityID != keep.ID || es[0].ActorLogin != "admin" || len(es[0].Before) == 0 {
			t.Errorf("merge audit = %+v, %v", es, err)
		}
		if _, err := s.VerifyAudit(ctx); err != nil {
			t.Error(err)
		}
	})
}
