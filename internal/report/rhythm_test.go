package report

import (
	"context"
	"slices"
	"testing"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

// TestBuildQuarterly: a plan reporting quarterly counts its unreported
// tasks against the quarter due (2024 Q1, due by 20 April, as of 30 June),
// not against May, and says so in the summary.
func TestBuildQuarterly(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := savePlan(t, st)
		if _, _, err := st.SetPlanRhythm(ctx, f.plan.ID, "quarterly:20", nil); err != nil {
			t.Fatal(err)
		}
		r, err := Build(ctx, st, f.plan.ID, fixtureAsOf, Options{Version: "test"})
		if err != nil {
			t.Fatal(err)
		}
		// Q1 window 1 Jan – 20 Apr: only 市经信局 reported, on task 4 (31
		// March), where its supporter 市科技局 did not; 5 is done and 6
		// starts in June. Monthly (May) it would be 2.
		if r.Summary.Unreported != 4 {
			t.Errorf("unreported = %d, want 4 (tasks 1–4 lack a Q1 report)", r.Summary.Unreported)
		}
		want := "2024年第1季度进展应于4月20日前报送，尚有4项任务未报送。"
		if !slices.Contains(r.Summary.Highlights, want) {
			t.Errorf("highlights %q lack %q", r.Summary.Highlights, want)
		}
	})
}
