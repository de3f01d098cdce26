package store_test

import (
	"context"
	"strings"
	"testing"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

// TestPlanStampMoves checks that every kind of change to a plan's
// tracking moves its UpdatedAt strictly forward, even several changes in
// one millisecond: the web app keys its cached reports on it.
func TestPlanStampMoves(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		base := 10.0
		p := store.Plan{Title: "计划", RegionCode: "330100", RegionName: "杭州市", Level: store.LevelCity, StartYear: 2021, EndYear: 2025}
		items := []store.Item{{Kind: store.KindTask, Number: "1", Title: "任务"}}
		inds := []store.Indicator{{Name: "指标", Key: "指标", Direction: store.DirectionUp, BaselineValue: &base, BaselineYear: 2020}}
		if err := s.SavePlanTree(ctx, &p, items, inds); err != nil {
			t.Fatal(err)
		}
		stamp := func() int64 {
			got, err := s.Plan(ctx, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			return got.UpdatedAt.UnixMilli()
		}
		last := stamp()
		changes := []struct {
			name string
			do   func() error
		}{
			{"update", func() error {
				return s.AddUpdates(ctx, []store.Update{{ItemID: items[0].ID, Date: "2024-01-02", Status: "on_schedule", Progress: 10}})
			}},
			{"another update at once", func() error {
				return s.AddUpdates(ctx, []store.Update{{ItemID: items[0].ID, Date: "2024-01-03", Status: "done", Progress: 100}})
			}},
			{"figure", func() error {
				return s.AddObservations(ctx, []store.Observation{{IndicatorID: inds[0].ID, Period: "2023", Value: 12}})
			}},
			{"figure at once", func() error {
				return s.AddObservations(ctx, []store.Observation{{IndicatorID: inds[0].ID, Period: "2024", Value: 13}})
			}},
		}
		for _, c := range changes {
			if err := c.do(); err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			if now := stamp(); now <= last {
				t.Errorf("after %s: UpdatedAt %d, not after %d", c.name, now, last)
			} else {
				last = now
			}
		}
	})
}

// TestPlansPaged checks Plans' paging against the whole list, CountPlans
// and PlanRegions, and Groups (the outline without the tasks).
func TestPlansPaged(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		for i := range 7 {
			p := store.Plan{Title: "计划", RegionCode: "330100", RegionName: "杭州市", Level: store.LevelCity, StartYear: 2021, EndYear: 2025}
			if i%3 == 0 {
				p.RegionCode, p.RegionName, p.Level = "330000", "浙江省", store.LevelProvince
			}
			items := []store.Item{
				{ID: "g1", Kind: store.KindGroup, Number: "一、", Title: "甲"},
				{ID: "g2", Kind: store.KindGroup, Number: "（一）", Title: "甲一", ParentID: "g1"},
				{Kind: store.KindTask, Number: "1", Title: "任务", ParentID: "g2"},
				{ID: "g3", Kind: store.KindGroup, Number: "二、", Title: "乙"},
			}
			if err := s.SavePlanTree(ctx, &p, items, nil); err != nil {
				t.Fatal(err)
			}
		}
		all, err := s.Plans(ctx, store.PlanFilter{})
		if err != nil || len(all) != 7 {
			t.Fatalf("plans: %d, %v", len(all), err)
		}
		cases := []struct {
			f    store.PlanFilter
			want []store.Plan
			n    int
		}{
			{store.PlanFilter{Limit: 3}, all[:3], 7},
			{store.PlanFilter{Limit: 3, Offset: 6}, all[6:], 7},
			{store.PlanFilter{Offset: 5}, all[5:], 7},
			{store.PlanFilter{Limit: 3, Offset: 9}, nil, 7},
			{store.PlanFilter{Level: store.LevelProvince, Limit: 2}, []store.Plan{all[0], all[3]}, 3},
		}
		for _, c := range cases {
			got, err := s.Plans(ctx, c.f)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(c.want) {
				t.Errorf("%+v: %d plans, want %d", c.f, len(got), len(c.want))
				continue
			}
			for i := range got {
				if got[i].ID != c.want[i].ID {
					t.Errorf("%+v: plan %d is %s, want %s", c.f, i, got[i].ID, c.want[i].ID)
				}
			}
			if n, err := s.CountPlans(ctx, c.f); err != nil || n != c.n {
				t.Errorf("%+v: count %d, %v; want %d", c.f, n, err, c.n)
			}
		}
		regs, err := s.PlanRegions(ctx)
		if err != nil || len(regs) != 2 || regs[0] != [2]string{"330000", "浙江省"} {
			t.Errorf("regions %v, %v", regs, err)
		}
		groups, err := s.Groups(ctx, all[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		var titles []string
		for _, g := range groups {
			titles = append(titles, g.Title)
		}
		if got := strings.Join(titles, ","); got != "甲,甲一,乙" {
			t.Errorf("groups %s, want 甲,甲一,乙", got)
		}
	})
}
