package store_test

import (
	"context"
	"errors"
	"testing"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

func TestProjectsSaveAndReport(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := jiaxing(t, s)
		w := int64(store.WanScale)
		ps := []store.Project{
			{Name: "南湖实验室一期", ItemID: f.id("t2"), Content: "科研楼5万平方米", RegionCode: "330402",
				Lead: "市科技局", Support: []string{"市发改委", "市科技局"}, Total: 120000 * w, StartYear: 2024, EndYear: 2026,
				Years:      []store.ProjectYear{{Year: 2024, Planned: 30000 * w}, {Year: 2025, Planned: 50000*w + 1}},
				Milestones: []store.Milestone{{Phase: store.PhaseDone, Planned: "2026-06-30"}, {Phase: store.PhaseStart, Planned: "2024-03-01"}}},
			{Name: "科创走廊道路", Lead: "市交通局", Total: 8000 * w},
		}
		if err := s.SaveProjects(ctx, f.plan.ID[:8], ps); err != nil {
			t.Fatal(err)
		}
		if ps[0].ID == "" || ps[0].Position != 1 || ps[1].Position != 2 || ps[1].Phase != store.PhasePrep {
			t.Fatalf("saved: %+v", ps)
		}
		got, err := s.Projects(ctx, f.plan.ID)
		if err != nil || len(got) != 2 {
			t.Fatalf("Projects: %v %d", err, len(got))
		}
		p := got[0]
		if p.Lead != "市科技局" || len(p.Support) != 1 || p.Support[0] != "市发改委" || p.Planned(2025) != 50000*w+1 ||
			p.ItemID != f.id("t2") || p.Total != 120000*w || len(p.Milestones) != 2 || p.Milestones[0].Phase != store.PhaseStart {
			t.Errorf("read back: %+v", p)
		}

		// Reports: the phase moves forward only and fills the milestone once.
		reps := []store.ProjectReport{
			{ProjectID: p.ID, Month: "2025-02", MonthDone: 900 * w, YearDone: 2000 * w, Phase: store.PhaseBuild, Problems: "征地滞后"},
			{ProjectID: p.ID, Month: "2025-01", MonthDone: 1100 * w, YearDone: 1100 * w, Phase: store.PhaseStart},
		}
		if err := s.AddProjectReports(ctx, reps); err != nil {
			t.Fatal(err)
		}
		p, err = s.Project(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if m, _ := p.Milestone(store.PhaseStart); p.Phase != store.PhaseBuild || m.Actual != "2025-02-28" {
			t.Errorf("after reports: phase %s, 开工 %+v", p.Phase, m)
		}
		all, err := s.ProjectReports(ctx, f.plan.ID)
		if err != nil || len(all) != 2 || all[0].Month != "2025-01" || all[1].Problems != "征地滞后" {
			t.Errorf("ProjectReports: %v %+v", err, all)
		}

		// Re-saving by name replaces the project and keeps its ID and reports.
		again := []store.Project{{Name: "南湖实验室一期", Lead: "市科技局", Total: 130000 * w, Phase: store.PhaseBuild}}
		if err := s.SaveProjects(ctx, f.plan.ID, again); err != nil {
			t.Fatal(err)
		}
		if again[0].ID != p.ID || again[0].Position != 1 {
			t.Errorf("replaced: %+v, want ID %s", again[0], p.ID)
		}
		if all, _ := s.ProjectReports(ctx, f.plan.ID); len(all) != 2 {
			t.Errorf("reports after replace: %d", len(all))
		}

		// All or none, with the sentinel a caller tells apart.
		bad := []struct {
			name string
			err  error
			do   func() error
		}{
			{"unnamed", store.ErrInvalid, func() error {
				return s.SaveProjects(ctx, f.plan.ID, []store.Project{{Name: "新项目"}, {Name: " "}})
			}},
			{"bad phase", store.ErrInvalid, func() error {
				return s.SaveProjects(ctx, f.plan.ID, []store.Project{{Name: "新项目", Phase: "施工"}})
			}},
			{"item of another plan", store.ErrNotFound, func() error {
				return s.SaveProjects(ctx, f.plan.ID, []store.Project{{Name: "新项目", ItemID: "zzzzzzzzzzzzzzzz"}})
			}},
			{"twice", store.ErrConflict, func() error {
				return s.SaveProjects(ctx, f.plan.ID, []store.Project{{Name: "新项目"}, {Name: "新项目"}})
			}},
			{"unknown project", store.ErrNotFound, func() error {
				return s.AddProjectReports(ctx, []store.ProjectReport{{ProjectID: "zzzzzzzzzzzzzzzz", Month: "2025-03"}})
			}},
			{"bad month", store.ErrInvalid, func() error {
				return s.AddProjectReports(ctx, []store.ProjectReport{{ProjectID: p.ID, Month: "2025-13"}})
			}},
			{"year below month", store.ErrInvalid, func() error {
				return s.AddProjectReports(ctx, []store.ProjectReport{{ProjectID: p.ID, Month: "2025-03", MonthDone: 5, YearDone: 4}})
			}},
		}
		for _, b := range bad {
			if err := b.do(); !errors.Is(err, b.err) {
				t.Errorf("%s: %v, want %v", b.name, err, b.err)
			}
		}
		if got, _ := s.Projects(ctx, f.plan.ID); len(got) != 2 {
			t.Errorf("a refused batch left %d projects", len(got))
		}
		if c, err := s.InvestCurve(ctx, f.plan.ID); err != nil || c != "" {
			t.Errorf("curve of a new plan: %q %v", c, err)
		}
		for _, want := range []string{"5,10,20,30,40,50,60,70,80,90,95,100", ""} {
			if err := s.SetInvestCurve(ctx, f.plan.ID, want); err != nil {
				t.Fatal(err)
			}
			if c, err := s.InvestCurve(ctx, f.plan.ID); err != nil || c != want {
				t.Errorf("curve: %q %v, want %q", c, err, want)
			}
		}
		if _, err := s.Project(ctx, "zzzzzzzzzzzzzzzz"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("unknown project: %v", err)
		}
	})
}
