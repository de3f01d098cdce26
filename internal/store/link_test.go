package store_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

func planIDs(plans []store.Plan) []string {
	out := []string{}
	for _, p := range plans {
		out = append(out, p.ID)
	}
	return out
}

func TestLinkPlans(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		prov := savePlan(t, s, "浙江省行动方案", "330000", "浙江省", store.LevelProvince, "").plan.ID
		city := jiaxing(t, s).plan.ID
		county := savePlan(t, s, "南湖区行动计划", "330402", "南湖区", store.LevelCounty, "").plan.ID
		nat := savePlan(t, s, "国家规划", "", "", store.LevelNational, "").plan.ID
		for _, l := range [][2]string{{city, prov}, {county, city}, {county, city}, {county, prov}, {prov, nat}} {
			if err := s.LinkPlans(ctx, l[0], l[1]); err != nil {
				t.Fatalf("LinkPlans(%s, %s): %v", l[0], l[1], err)
			}
		}
		if n := store.CountRows(t, s, "plan_links"); n != 4 {
			t.Errorf("%d links, want 4 (linking twice is harmless)", n)
		}
		tests := []struct {
			name    string
			fn      func(context.Context, string) ([]store.Plan, error)
			of      string
			want    []string
			wantErr error
		}{
			{"parents of county", s.ParentPlans, county, []string{prov, city}, nil},
			{"children of prov", s.ChildPlans, prov, []string{city, county}, nil},
			{"children of county", s.ChildPlans, county, []string{}, nil},
			{"parents of nat", s.ParentPlans, nat, []string{}, nil},
			{"missing", s.ParentPlans, "zzzzzzzzzzzzzzzz", nil, store.ErrNotFound},
		}
		for _, tt := range tests {
			got, err := tt.fn(ctx, tt.of)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Errorf("%s: %v, want %v", tt.name, err, tt.wantErr)
				}
				continue
			}
			if err != nil || !slices.Equal(planIDs(got), tt.want) {
				t.Errorf("%s = %v, %v; want %v", tt.name, planIDs(got), err, tt.want)
			}
		}
		for _, tt := range []struct {
			of                string
			parents, children []string
		}{
			{county, []string{prov, city}, []string{}},
			{city, []string{prov}, []string{county}},
			{prov, []string{nat}, []string{city, county}},
			{nat, []string{}, []string{prov}},
		} {
			up, down, err := s.LinkedPlans(ctx, tt.of)
			if err != nil || !slices.Equal(planIDs(up), tt.parents) || !slices.Equal(planIDs(down), tt.children) {
				t.Errorf("LinkedPlans(%s) = %v, %v, %v; want %v, %v", tt.of, planIDs(up), planIDs(down), err, tt.parents, tt.children)
			}
		}
		if _, _, err := s.LinkedPlans(ctx, "zzzzzzzzzzzzzzzz"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("LinkedPlans(missing) = %v, want ErrNotFound", err)
		}
		for _, l := range [][2]string{{nat, county}, {prov, city}, {city, city}} {
			if err := s.LinkPlans(ctx, l[0], l[1]); !errors.Is(err, store.ErrConflict) {
				t.Errorf("LinkPlans(%s, %s) = %v, want ErrConflict (a cycle, or a lower level)", l[0], l[1], err)
			}
		}
		if err := s.LinkPlans(ctx, city, "zzzzzzzzzzzzzzzz"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("LinkPlans(missing) = %v", err)
		}
	})
}

func TestItemLinks(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		prov := savePlan(t, s, "浙江省行动方案", "330000", "浙江省", store.LevelProvince, "")
		city := jiaxing(t, s)
		county := savePlan(t, s, "南湖区行动计划", "330402", "南湖区", store.LevelCounty, "")
		links := []store.ItemLink{
			{ItemID: city.id("t1"), ParentItemID: prov.id("t1"), Score: 0.8},
			{ItemID: county.id("t1"), ParentItemID: city.id("t1"), Confirmed: true, Score: 0.9},
			{ItemID: county.id("t4"), ParentItemID: prov.id("t4"), Score: 0.4},
		}
		for _, l := range links {
			if err := s.SetItemLink(ctx, l); err != nil {
				t.Fatal(err)
			}
		}
		// Upsert: the suggestion confirmed.
		links[0].Confirmed, links[0].Score = true, 1
		if err := s.SetItemLink(ctx, links[0]); err != nil {
			t.Fatal(err)
		}
		got, err := s.ItemLinks(ctx, city.plan.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := []store.ItemLink{links[0], links[1]} // up and down from the city
		slices.SortFunc(want, func(a, b store.ItemLink) int {
			if a.ItemID < b.ItemID {
				return -1
			}
			return 1
		})
		if !slices.Equal(got, want) {
			t.Errorf("ItemLinks(city) = %+v\nwant %+v", got, want)
		}
		if got, _ := s.ItemLinks(ctx, prov.plan.ID); len(got) != 2 {
			t.Errorf("ItemLinks(prov) = %+v, want 2", got)
		}
		for _, tt := range []struct {
			name string
			l    store.ItemLink
			is   error
		}{
			{"cycle", store.ItemLink{ItemID: prov.id("t1"), ParentItemID: county.id("t1")}, store.ErrConflict},
			{"itself", store.ItemLink{ItemID: prov.id("t1"), ParentItemID: prov.id("t1")}, store.ErrConflict},
			{"missing", store.ItemLink{ItemID: prov.id("t1"), ParentItemID: "zzzzzzzzzzzzzzzz"}, store.ErrNotFound},
		} {
			if err := s.SetItemLink(ctx, tt.l); !errors.Is(err, tt.is) {
				t.Errorf("SetItemLink %s: %v, want %v", tt.name, err, tt.is)
			}
		}
		if err := s.DeleteItemLink(ctx, county.id("t1"), city.id("t1")); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteItemLink(ctx, county.id("t1"), city.id("t1")); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("second DeleteItemLink: %v, want ErrNotFound", err)
		}
		if got, _ := s.ItemLinks(ctx, city.plan.ID); !slices.Equal(got, []store.ItemLink{links[0]}) {
			t.Errorf("after delete: %+v", got)
		}
		if _, err := s.ItemLinks(ctx, "zzzzzzzzzzzzzzzz"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("ItemLinks(missing) = %v", err)
		}
	})
}

// TestLinkPlanLevels: a plan implements one of its own level or above
// (区县 → 市 → 省 → 国家); the reverse is refused with the reason, and
// so is a plan without a level.
func TestLinkPlanLevels(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		nat := savePlan(t, s, "国家规划", "", "", store.LevelNational, "").plan.ID
		prov := savePlan(t, s, "浙江省行动方案", "330000", "浙江省", store.LevelProvince, "").plan.ID
		city := jiaxing(t, s).plan.ID
		city2 := savePlan(t, s, "嘉兴市专项方案", "330400", "嘉兴市", store.LevelCity, "").plan.ID
		county := savePlan(t, s, "南湖区行动计划", "330402", "南湖区", store.LevelCounty, "").plan.ID
		none := savePlan(t, s, "层级不明", "", "", "", "").plan.ID
		tests := []struct {
			name         string
			lower, upper string
			ok           bool
			reason       string // in the Chinese reason of a refusal
		}{
			{"county → city", county, city, true, ""},
			{"county → nation", county, nat, true, ""},
			{"city → province", city, prov, true, ""},
			{"same level", city2, city, true, ""},
			{"province → nation", prov, nat, true, ""},
			{"city → county", city, county, false, "市级计划不能落实区县级计划"},
			{"nation → province", nat, prov, false, "国家级计划不能落实省级计划"},
			{"same level, a cycle", city, city2, false, ""},
			{"no level", none, city, false, "层级不明"},
		}
		for _, tt := range tests {
			err := s.LinkPlans(ctx, tt.lower, tt.upper)
			if tt.ok {
				if err != nil {
					t.Errorf("%s: %v", tt.name, err)
				}
				continue
			}
			var le *store.LevelError
			if !errors.Is(err, store.ErrConflict) || tt.reason != "" && (!errors.As(err, &le) || !strings.Contains(le.Zh(), tt.reason)) {
				t.Errorf("%s: %v, want a refusal saying %q", tt.name, err, tt.reason)
			}
			if le != nil && !strings.Contains(err.Error(), "cannot implement") && !strings.Contains(err.Error(), "no level") {
				t.Errorf("%s: %q gives no reason", tt.name, err)
			}
		}
	})
}
