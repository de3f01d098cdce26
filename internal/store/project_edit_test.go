package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

func TestRenameAndDeleteProject(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := store.Plan{Title: "项目计划", Level: store.LevelCity, StartYear: 2026, EndYear: 2026}
		if err := s.SavePlanTree(ctx, &p, nil, nil); err != nil {
			t.Fatal(err)
		}
		ps := []store.Project{{Name: "东港二期", Total: 8000 * store.WanScale, Lead: "市港航中心"}, {Name: "西区泵站", Total: 900 * store.WanScale}}
		if err := s.SaveProjects(ctx, p.ID, ps); err != nil {
			t.Fatal(err)
		}
		if err := s.AddProjectReports(ctx, []store.ProjectReport{{ProjectID: ps[0].ID, Month: "2026-01", MonthDone: 100 * store.WanScale,
			YearDone: 100 * store.WanScale, Author: "t", Source: "cli"}}); err != nil {
			t.Fatal(err)
		}
		actor := store.AuditEntry{ActorLogin: "cli:test"}
		steps := []struct {
			name string
			do   func() error
			err  error
		}{
			{"rename to an empty name", func() error { return s.RenameProject(ctx, ps[0].ID, " ", "", actor) }, store.ErrInvalid},
			{"rename onto another project", func() error { return s.RenameProject(ctx, ps[0].ID, "西区泵站", "", actor) }, store.ErrConflict},
			{"rename a missing project", func() error { return s.RenameProject(ctx, "zzzzzzzzzzzzzzzz", "新名", "", actor) }, store.ErrNotFound},
			{"rename", func() error { return s.RenameProject(ctx, ps[0].ID, "东港作业区二期", "按批复名称", actor) }, nil},
			{"delete without a reason", func() error { return s.DeleteProject(ctx, ps[1].ID, "", actor) }, store.ErrInvalid},
			{"delete", func() error { return s.DeleteProject(ctx, ps[1].ID, "并入东港项目", actor) }, nil},
			{"delete it again", func() error { return s.DeleteProject(ctx, ps[1].ID, "again", actor) }, store.ErrNotFound},
		}
		for _, st := range steps {
			if err := st.do(); (st.err == nil) != (err == nil) || st.err != nil && !errors.Is(err, st.err) {
				t.Errorf("%s: %v, want %v", st.name, err, st.err)
			}
		}
		got, err := s.Projects(ctx, p.ID)
		if err != nil || len(got) != 1 || got[0].Name != "东港作业区二期" || got[0].Lead != "市港航中心" || got[0].Total != 8000*store.WanScale {
			t.Fatalf("projects = %+v, %v; want the renamed one with its figures", got, err)
		}
		if reps, err := s.ProjectReports(ctx, p.ID); err != nil || len(reps) != 1 || reps[0].ProjectID != ps[0].ID {
			t.Errorf("reports = %+v, %v; want the renamed project's one", reps, err)
		}
		for action, want := range map[string][]string{store.AuditProjectRename: {"东港二期", "东港作业区二期", "按批复名称"},
			store.AuditProjectDelete: {"西区泵站", "并入东港项目"}} {
			es, err := s.Audit(ctx, store.AuditFilter{Action: action})
			if err != nil || len(es) != 1 {
				t.Errorf("audit %s = %d, %v; want one", action, len(es), err)
				continue
			}
			all := string(es[0].Before) + string(es[0].After)
			for _, w := range want {
				if !strings.Contains(all, w) {
					t.Errorf("audit %s lacks %q: %s", action, w, all)
				}
			}
		}
	})
}
