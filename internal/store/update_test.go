package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

func day(d int) time.Time { return time.Date(2024, 7, d, 9, 0, 0, 0, time.UTC) }

func TestAddUpdatesAllOrNothing(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := jiaxing(t, s)
		good := store.Update{ItemID: f.id("t1"), Date: "2024-06-30", Status: "on_track", Progress: 50}
		tests := []struct {
			name string
			bad  store.Update
			is   error
		}{
			{"unknown item", store.Update{ItemID: "zzzzzzzzzzzzzzzz", Date: "2024-06-30"}, store.ErrNotFound},
			{"item ID prefix", store.Update{ItemID: f.id("t2")[:12], Date: "2024-06-30"}, store.ErrNotFound},
			{"bad date", store.Update{ItemID: f.id("t2"), Date: "2024/06/30"}, nil},
			{"progress over 100", store.Update{ItemID: f.id("t2"), Progress: 120}, nil},
		}
		for _, tt := range tests {
			ups := []store.Update{good, tt.bad}
			err := s.AddUpdates(ctx, ups)
			if err == nil || tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("%s: err = %v, want an error (%v)", tt.name, err, tt.is)
			}
			if ups[0].ID != "" {
				t.Errorf("%s: a refused batch wrote IDs back", tt.name)
			}
		}
		if n := store.CountRows(t, s, "updates"); n != 0 {
			t.Errorf("%d updates stored from refused batches", n)
		}
		if it, _ := s.Item(ctx, f.id("t1")); it.Status != "" || it.Progress != 0 {
			t.Errorf("t1 after refused batches: %q %d", it.Status, it.Progress)
		}
		ups := []store.Update{good}
		if err := s.AddUpdates(ctx, ups); err != nil {
			t.Fatal(err)
		}
		if ups[0].ID == "" || ups[0].RecordedAt.IsZero() {
			t.Errorf("AddUpdates did not write ID and RecordedAt back: %+v", ups[0])
		}
		if err := s.AddUpdates(ctx, ups); !errors.Is(err, store.ErrConflict) {
			t.Errorf("the same update twice: %v, want ErrConflict", err)
		}
		if err := s.AddUpdates(ctx, nil); err != nil {
			t.Errorf("AddUpdates(nil) = %v", err)
		}
	})
}

func TestUpdatesSetStatus(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := jiaxing(t, s)
		t1, t4 := f.id("t1"), f.id("t4")
		steps := []struct {
			name     string
			ups      []store.Update
			item     string
			status   string
			progress int
		}{
			{"first report", []store.Update{{ItemID: t1, Date: "2024-03-31", Status: "on_track", Progress: 25, RecordedAt: day(1)}},
				t1, "on_track", 25},
			{"a later date wins", []store.Update{
				{ItemID: t1, Date: "2024-06-30", Status: "behind", Progress: 40, Unit: "市发改委", RecordedAt: day(2)},
				{ItemID: t1, Date: "2024-05-31", Status: "ahead", Progress: 90, Unit: "市科技局", RecordedAt: day(2)}},
				t1, "behind", 40},
			{"same date: recorded later wins", []store.Update{
				{ItemID: t1, Date: "2024-06-30", Status: "on_track", Progress: 45, Unit: "市科技局", RecordedAt: day(3)}},
				t1, "on_track", 45},
			{"an earlier date recorded later does not", []store.Update{
				{ItemID: t1, Date: "2024-01-31", Status: "not_started", Progress: 0, RecordedAt: day(4)}},
				t1, "on_track", 45},
			{"a note without status does not", []store.Update{
				{ItemID: t1, Date: "2024-07-31", Note: "材料补交", RecordedAt: day(5)}},
				t1, "on_track", 45},
			{"other items are their own", []store.Update{
				{ItemID: t4, Status: "done", Progress: 100, RecordedAt: day(5)}},
				t4, "done", 100},
		}
		for _, st := range steps {
			if err := s.AddUpdates(ctx, st.ups); err != nil {
				t.Fatalf("%s: %v", st.name, err)
			}
			it, err := s.Item(ctx, st.item)
			if err != nil {
				t.Fatal(err)
			}
			if it.Status != st.status || it.Progress != st.progress {
				t.Errorf("%s: status %q %d, want %q %d", st.name, it.Status, it.Progress, st.status, st.progress)
			}
		}
		ups, err := s.Updates(ctx, t1)
		if err != nil {
			t.Fatal(err)
		}
		var dates []string
		for _, u := range ups {
			dates = append(dates, u.Date+"/"+u.Unit)
		}
		want := "[2024-01-31/ 2024-03-31/ 2024-05-31/市科技局 2024-06-30/市发改委 2024-06-30/市科技局 2024-07-31/]"
		if got := fmtList(dates); got != want {
			t.Errorf("Updates order = %s\nwant %s", got, want)
		}
		if u := ups[0]; u.ItemID != t1 || u.Status != "not_started" || !u.RecordedAt.Equal(day(4)) {
			t.Errorf("first update = %+v", u)
		}
		if u, _ := s.Updates(ctx, t4); len(u) != 1 || u[0].Date != "2024-07-05" {
			t.Errorf("an update without a date is dated the day it is recorded: %+v", u)
		}
		if _, err := s.Updates(ctx, "zzzzzzzzzzzzzzzz"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Updates(missing) = %v", err)
		}
	})
}

func TestPlanUpdatesAsOf(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := jiaxing(t, s)
		other := savePlan(t, s, "衢州市行动计划", "330800", "衢州市", store.LevelCity, "")
		if err := s.AddUpdates(ctx, []store.Update{
			{ItemID: f.id("t1"), Date: "2024-06-30", Status: "on_track", Progress: 50, RecordedAt: day(10)},
			{ItemID: f.id("t4"), Date: "2024-06-30", Status: "behind", Progress: 10, RecordedAt: day(10)},
			// A late report about June, recorded after the report of the 15th.
			{ItemID: f.id("t1"), Date: "2024-06-15", Status: "behind", Progress: 30, RecordedAt: day(20)},
			{ItemID: f.id("t4"), Date: "2024-07-15", Status: "on_track", Progress: 40, RecordedAt: day(20)},
			{ItemID: other.id("t1"), Date: "2024-06-30", Status: "done", Progress: 100, RecordedAt: day(1)},
		}); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			asOf time.Time
			want int
		}{
			{time.Time{}, 4},
			{day(15), 2},
			{day(10), 2}, // at asOf counts
			{day(10).Add(-time.Millisecond), 0},
			{day(25), 4},
		}
		for _, tt := range tests {
			ups, err := s.PlanUpdates(ctx, f.plan.ID, tt.asOf)
			if err != nil {
				t.Fatal(err)
			}
			if len(ups) != tt.want {
				t.Errorf("PlanUpdates as of %v: %d updates, want %d", tt.asOf, len(ups), tt.want)
			}
			for i, u := range ups {
				if !tt.asOf.IsZero() && u.RecordedAt.After(tt.asOf) {
					t.Errorf("as of %v: update recorded %v", tt.asOf, u.RecordedAt)
				}
				if i > 0 && ups[i-1].ItemID == u.ItemID && ups[i-1].Date > u.Date {
					t.Errorf("as of %v: not by date: %v", tt.asOf, ups)
				}
				if u.ItemID == other.id("t1") {
					t.Errorf("another plan's update")
				}
			}
		}
		ups, _ := s.PlanUpdates(ctx, f.plan.ID, time.Time{})
		// By item ID, then date.
		first, second := f.id("t1"), f.id("t4")
		if first > second {
			first, second = second, first
		}
		if ups[0].ItemID != first || ups[0].Date > ups[1].Date || ups[2].ItemID != second || ups[2].Date > ups[3].Date {
			t.Errorf("PlanUpdates order: %+v", ups)
		}
		if _, err := s.PlanUpdates(ctx, "zzzzzzzzzzzzzzzz", time.Time{}); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("PlanUpdates(missing) = %v", err)
		}
	})
}

func fmtList(s []string) string {
	out := "["
	for i, x := range s {
		if i > 0 {
			out += " "
		}
		out += x
	}
	return out + "]"
}
