package store_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

func TestRegionGroups(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if gs, err := s.RegionGroups(ctx); err != nil || len(gs) != 0 {
			t.Fatalf("RegionGroups on an empty store = %v, %v", gs, err)
		}
		for _, g := range []store.RegionGroup{
			{Name: " 浙北 ", Codes: []string{"330100", " 330400", "330500", "330400", ""}},
			{Name: "沪杭", Codes: []string{"310000", "330100"}},
			{Name: "空组"},
		} {
			if err := s.SaveRegionGroup(ctx, g); err != nil {
				t.Fatal(err)
			}
		}
		// Upsert by name.
		if err := s.SaveRegionGroup(ctx, store.RegionGroup{Name: "沪杭", Codes: []string{"310000", "330100", "330200"}}); err != nil {
			t.Fatal(err)
		}
		gs, err := s.RegionGroups(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := []store.RegionGroup{
			{Name: "沪杭", Codes: []string{"310000", "330100", "330200"}},
			{Name: "浙北", Codes: []string{"330100", "330400", "330500"}},
			{Name: "空组"},
		}
		if !slices.EqualFunc(gs, want, func(a, b store.RegionGroup) bool {
			return a.Name == b.Name && slices.Equal(a.Codes, b.Codes) && a.BuiltIn == b.BuiltIn
		}) {
			t.Errorf("RegionGroups = %+v\nwant %+v", gs, want)
		}
		for _, bad := range []store.RegionGroup{{Name: " "}, {Name: "x", Codes: []string{"33,01"}}} {
			if err := s.SaveRegionGroup(ctx, bad); err == nil {
				t.Errorf("SaveRegionGroup(%+v) accepted", bad)
			}
		}
		if err := s.DeleteRegionGroup(ctx, "空组"); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteRegionGroup(ctx, "空组"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("second delete: %v, want ErrNotFound", err)
		}
		if gs, _ := s.RegionGroups(ctx); len(gs) != 2 {
			t.Errorf("after delete: %+v", gs)
		}
	})
}
