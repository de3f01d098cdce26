package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

// TestPublication publishes, republishes and withdraws a plan and checks
// what is read back, the before/after given for the audit log, the list
// of published plans and that deleting the plan takes its row along.
func TestPublication(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := jiaxing(t, s)
		other := savePlan(t, s, "湖州市行动计划", "330500", "湖州市", store.LevelCity, "")
		t1 := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
		t2 := t1.Add(time.Hour)

		p, err := s.Publication(ctx, f.plan.ID)
		if err != nil || p.Published || p.ShowNames || p.PlanID != f.plan.ID || !p.PublishedAt.IsZero() {
			t.Fatalf("never published: %+v, %v", p, err)
		}
		before, after, err := s.PublishPlan(ctx, f.plan.ID, "editor1", false, t1)
		if err != nil {
			t.Fatal(err)
		}
		if before.Published || !after.Published || after.ShowNames || after.PublishedBy != "editor1" || !after.PublishedAt.Equal(t1) {
			t.Errorf("publish: before %+v after %+v", before, after)
		}
		if _, _, err := s.PublishPlan(ctx, f.plan.ID, "editor2", true, t2); err != nil {
			t.Fatal(err)
		}
		p, _ = s.Publication(ctx, f.plan.ID)
		want := store.Publication{PlanID: f.plan.ID, Published: true, ShowNames: true, PublishedAt: t2, PublishedBy: "editor2", ChangedAt: t2, ChangedBy: "editor2"}
		if p != want {
			t.Errorf("republished with names:\n got %+v\nwant %+v", p, want)
		}
		if _, _, err := s.PublishPlan(ctx, other.plan.ID, "editor1", false, t1); err != nil {
			t.Fatal(err)
		}
		list, err := s.PublishedPlans(ctx)
		if err != nil || len(list) != 2 || list[0].PlanID != f.plan.ID || list[1].PlanID != other.plan.ID {
			t.Errorf("published plans, latest first: %+v, %v", list, err)
		}

		before, after, err = s.WithdrawPlan(ctx, f.plan.ID, "admin", t2.Add(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if !before.Published || after.Published || after.ShowNames || after.PublishedBy != "editor2" || after.ChangedBy != "admin" {
			t.Errorf("withdraw: before %+v after %+v", before, after)
		}
		if list, _ := s.PublishedPlans(ctx); len(list) != 1 || list[0].PlanID != other.plan.ID {
			t.Errorf("after withdrawal: %+v", list)
		}

		for _, id := range []string{"zzzzzzzz", ""} {
			if _, _, err := s.PublishPlan(ctx, id, "x", false, t1); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("publish %q: %v, want ErrNotFound", id, err)
			}
			if _, err := s.Publication(ctx, id); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("publication %q: %v, want ErrNotFound", id, err)
			}
		}
		if err := s.DeletePlan(ctx, other.plan.ID); err != nil {
			t.Fatal(err)
		}
		if list, _ := s.PublishedPlans(ctx); len(list) != 0 {
			t.Errorf("deleted plan still listed: %+v", list)
		}
	})
}
