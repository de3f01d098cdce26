package store_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

// TestPlanRhythm: a new plan reports monthly by the 5th unless told
// otherwise; SetPlanRhythm changes it with its audit entry in one go,
// refuses a value outside the stored form without touching anything, and
// store.Copy carries the rhythm to another database.
func TestPlanRhythm(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := savePlan(t, s, "绍兴市数字经济行动计划", "330600", "绍兴市", store.LevelCity, "")
		if got, _ := s.Plan(ctx, f.plan.ID); got.Rhythm != store.DefaultRhythm {
			t.Fatalf("new plan rhythm = %q, want %q", got.Rhythm, store.DefaultRhythm)
		}
		q := store.Plan{Title: "季报的计划", Rhythm: "quarterly:15", StartYear: 2025, EndYear: 2026}
		if err := s.SavePlanTree(ctx, &q, nil, nil); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Plan(ctx, q.ID); got.Rhythm != "quarterly:15" {
			t.Errorf("plan saved with quarterly:15 reads back %q", got.Rhythm)
		}
		bad := store.Plan{Title: "坏的", Rhythm: "weekly:3"}
		if err := s.SavePlanTree(ctx, &bad, nil, nil); err == nil {
			t.Error("SavePlanTree took rhythm weekly:3")
		}

		audit := func(b, a store.Plan) (store.AuditEntry, error) {
			return store.AuditEntry{ActorLogin: "tester", Action: "plan.settings", EntityType: "plan", EntityID: a.ID,
				Before: []byte(`"` + b.Rhythm + `"`), After: []byte(`"` + a.Rhythm + `"`)}, nil
		}
		before, after, err := s.SetPlanRhythm(ctx, f.plan.ID, "quarterly:20", audit)
		if err != nil {
			t.Fatal(err)
		}
		if before.Rhythm != "monthly:5" || after.Rhythm != "quarterly:20" || after.ID != f.plan.ID {
			t.Errorf("SetPlanRhythm returned %q → %q for %s", before.Rhythm, after.Rhythm, after.ID)
		}
		if got, _ := s.Plan(ctx, f.plan.ID); got.Rhythm != "quarterly:20" {
			t.Errorf("plan rhythm after set = %q", got.Rhythm)
		} else if !got.UpdatedAt.After(before.UpdatedAt) || !got.UpdatedAt.Equal(after.UpdatedAt) {
			// The web app's cached figures are keyed on the stamp.
			t.Errorf("plan stamp %v → %v (returned %v), want it moved forward", before.UpdatedAt, got.UpdatedAt, after.UpdatedAt)
		}
		entries, err := s.Audit(ctx, store.AuditFilter{Action: "plan.settings", EntityID: f.plan.ID})
		if err != nil || len(entries) != 1 || string(entries[0].After) != `"quarterly:20"` {
			t.Errorf("audit entries = %+v, %v", entries, err)
		}

		for _, bad := range []string{"", "monthly", "quarterly:0", "monthly:29", "weekly:5", "季报:20", "monthly:x"} {
			if _, _, err := s.SetPlanRhythm(ctx, f.plan.ID, bad, audit); err == nil {
				t.Errorf("SetPlanRhythm took %q", bad)
			}
		}
		if _, _, err := s.SetPlanRhythm(ctx, "zzzzzzzzzz", "monthly:5", audit); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("unknown plan: err = %v, want ErrNotFound", err)
		}
		if got, _ := s.Plan(ctx, f.plan.ID); got.Rhythm != "quarterly:20" {
			t.Errorf("refused changes left rhythm %q", got.Rhythm)
		}
		if entries, _ := s.Audit(ctx, store.AuditFilter{Action: "plan.settings"}); len(entries) != 1 {
			t.Errorf("refused changes were audited: %d entries", len(entries))
		}
		failing := func(store.Plan, store.Plan) (store.AuditEntry, error) {
			return store.AuditEntry{}, errors.New("no audit")
		}
		if _, _, err := s.SetPlanRhythm(ctx, f.plan.ID, "monthly:10", failing); err == nil {
			t.Error("SetPlanRhythm saved without its audit entry")
		}
		if got, _ := s.Plan(ctx, f.plan.ID); got.Rhythm != "quarterly:20" {
			t.Errorf("a change whose audit failed left rhythm %q", got.Rhythm)
		}

		dst, err := store.Open(ctx, filepath.Join(t.TempDir(), "copy.db"), nil)
		if err != nil {
			t.Fatal(err)
		}
		defer dst.Close()
		if _, err := store.Copy(ctx, s, dst); err != nil {
			t.Fatal(err)
		}
		for id, want := range map[string]string{f.plan.ID: "quarterly:20", q.ID: "quarterly:15"} {
			if got, err := dst.Plan(ctx, id); err != nil || got.Rhythm != want {
				t.Errorf("copied plan %s rhythm = %q, %v; want %q", id, got.Rhythm, err, want)
			}
		}
	})
}

// TestPlanTitle: a plan made from a document without a title carries a
// stand-in; SetPlanSettings replaces it (alone or with the rhythm), keeps
// the rename among the plan's edits and audits it, and a blank title
// leaves everything as it was.
func TestPlanTitle(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := store.Plan{Title: "〔待补标题〕036_gwr_national_2021", StartYear: 2021, EndYear: 2021}
		if err := s.SavePlanTree(ctx, &p, nil, nil); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name      string
			set       store.PlanSettings
			wantErr   bool
			title     string
			rhythm    string
			renamings int
		}{
			{"nothing", store.PlanSettings{Title: "  "}, true, p.Title, store.DefaultRhythm, 0},
			{"title", store.PlanSettings{Title: " 2021年国务院政府工作报告 "}, false, "2021年国务院政府工作报告", store.DefaultRhythm, 1},
			{"same title", store.PlanSettings{Title: "2021年国务院政府工作报告"}, false, "2021年国务院政府工作报告", store.DefaultRhythm, 1},
			{"both", store.PlanSettings{Title: "政府工作报告（2021年）", Rhythm: "quarterly:20"}, false, "政府工作报告（2021年）", "quarterly:20", 2},
			{"bad rhythm", store.PlanSettings{Title: "别的标题", Rhythm: "weekly:1"}, true, "政府工作报告（2021年）", "quarterly:20", 2},
		}
		audits := 0
		for _, tt := range tests {
			_, after, err := s.SetPlanSettings(ctx, p.ID, tt.set, func(b, a store.Plan) (store.AuditEntry, error) {
				return store.AuditEntry{ActorLogin: "tester", Action: "plan.settings", EntityType: "plan", EntityID: a.ID,
					Before: []byte(`"` + b.Title + `"`), After: []byte(`"` + a.Title + `"`)}, nil
			})
			if (err != nil) != tt.wantErr {
				t.Errorf("%s: err = %v, want error %v", tt.name, err, tt.wantErr)
			}
			if err == nil {
				audits++
				if after.Title != tt.title {
					t.Errorf("%s: returned title %q", tt.name, after.Title)
				}
			}
			got, err := s.Plan(ctx, p.ID)
			if err != nil || got.Title != tt.title || got.Rhythm != tt.rhythm {
				t.Errorf("%s: plan reads %q %q (%v), want %q %q", tt.name, got.Title, got.Rhythm, err, tt.title, tt.rhythm)
			}
			edits, err := s.ItemEdits(ctx, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, e := range edits {
				if e.Action == store.EditRenamed && e.ItemID == "" {
					n++
				}
			}
			if n != tt.renamings {
				t.Errorf("%s: %d plan renames recorded, want %d", tt.name, n, tt.renamings)
			}
		}
		if entries, _ := s.Audit(ctx, store.AuditFilter{Action: "plan.settings", EntityID: p.ID}); len(entries) != audits {
			t.Errorf("%d audit entries, want %d", len(entries), audits)
		}
	})
}
