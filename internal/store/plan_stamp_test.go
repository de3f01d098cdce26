package store_test

import (
	"context"
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
