package store_test

import (
	"context"
	"testing"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

// TestPlanKindYears: a plan keeps its kind; SetPlanSettings changes the
// kind and the years, refusing years no plan runs over and leaving the
// plan as it was.
func TestPlanKindYears(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := store.Plan{Title: "嘉兴市数字化改革工作方案", Kind: "工作方案"}
		if err := s.SavePlanTree(ctx, &p, nil, nil); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Plan(ctx, p.ID); got.Kind != "工作方案" || got.StartYear != 0 {
			t.Fatalf("saved plan: %q %d", got.Kind, got.StartYear)
		}
		for _, tc := range []struct {
			set        store.PlanSettings
			ok         bool
			kind       string
			start, end int
		}{
			{store.PlanSettings{Years: &store.PlanYears{Start: 2023, End: 2025}}, true, "工作方案", 2023, 2025},
			{store.PlanSettings{Years: &store.PlanYears{Start: 2025, End: 2023}}, false, "工作方案", 2023, 2025},
			{store.PlanSettings{Years: &store.PlanYears{Start: 1800, End: 1801}}, false, "工作方案", 2023, 2025},
			{store.PlanSettings{Kind: "工作要点", Years: &store.PlanYears{Start: 2025, End: 2025}}, true, "工作要点", 2025, 2025},
			{store.PlanSettings{}, false, "工作要点", 2025, 2025},
		} {
			_, _, err := s.SetPlanSettings(ctx, p.ID, tc.set, nil)
			got, _ := s.Plan(ctx, p.ID)
			if (err == nil) != tc.ok || got.Kind != tc.kind || got.StartYear != tc.start || got.EndYear != tc.end {
				t.Errorf("%+v: %v, plan %s %d–%d; want ok=%v %s %d–%d", tc.set, err, got.Kind, got.StartYear, got.EndYear, tc.ok, tc.kind, tc.start, tc.end)
			}
		}
	})
}
