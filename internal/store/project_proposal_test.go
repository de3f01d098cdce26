package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

// TestConfirmedProjectBecomesRecord: a project proposal a person confirms
// is a project record with the figures its document stated, linked to the
// task whose sentence holds it; one dismissed, or one whose name the
// plan's sheet already gave, makes none.
func TestConfirmedProjectBecomesRecord(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := store.Plan{Title: "项目计划", RegionCode: "330600", RegionName: "绍兴市", Level: store.LevelCity, StartYear: 2024, EndYear: 2026}
		items := []store.Item{
			{ID: "g", Kind: store.KindGroup, Number: "一", Title: "重点任务", SourceStart: 0, SourceEnd: 400},
			{ID: "t1", ParentID: "g", Kind: store.KindTask, Number: "1", Title: "建设交通网络", Review: store.ReviewProposed,
				SourceStart: 100, SourceEnd: 200},
			{ID: "t2", ParentID: "g", Kind: store.KindTask, Number: "2", Title: "建设水网", Review: store.ReviewProposed,
				SourceStart: 200, SourceEnd: 300},
			{ID: "p1", Kind: store.KindProject, Title: "杭绍城际铁路", Review: store.ReviewProposed, SourceStart: 150, SourceEnd: 156,
				Units: []store.Assignment{{Unit: "市交通局", Role: store.RoleLead}, {Unit: "柯桥区政府", Role: store.RoleSupport}},
				Project: &store.ProjectProposal{Content: "新建线路20公里", Total: 1_200_000 * store.WanScale, StartYear: 2024, EndYear: 2026,
					Years: []store.ProjectYear{{Year: 2024, Planned: 300_000 * store.WanScale}}}},
			{ID: "p2", Kind: store.KindProject, Title: "曹娥江闸站", Review: store.ReviewProposed, SourceStart: 250, SourceEnd: 255,
				Project: &store.ProjectProposal{Total: 35_000 * store.WanScale, StartYear: 2026, EndYear: 2024}},
			{ID: "p3", Kind: store.KindProject, Title: "镜湖新区", Review: store.ReviewProposed, SourceStart: 350, SourceEnd: 354},
			{ID: "p4", Kind: store.KindProject, Title: "绍兴港", Review: store.ReviewProposed, SourceStart: 120, SourceEnd: 123,
				Project: &store.ProjectProposal{Total: 9_000 * store.WanScale}},
		}
		if err := s.SavePlanTree(ctx, &p, items, nil); err != nil {
			t.Fatal(err)
		}
		ids := map[string]string{}
		for _, it := range items {
			ids[it.Title] = it.ID
		}
		// The office's sheet already has 绍兴港, with its own figure.
		sheet := []store.Project{{Name: "绍兴港", Total: 12_000 * store.WanScale, Lead: "市港航中心"}}
		if err := s.SaveProjects(ctx, p.ID, sheet); err != nil {
			t.Fatal(err)
		}
		actor := store.AuditEntry{ActorLogin: "cli:test"}
		if _, err := s.ReviewProposals(ctx, store.Review{PlanID: p.ID, IDs: []string{ids["镜湖新区"]}, Decision: store.ReviewDismissed,
			Author: "cli:test"}, actor); err != nil {
			t.Fatal(err)
		}
		if n, err := s.ReviewProposals(ctx, store.Review{PlanID: p.ID, All: true, Kind: store.KindProject, Decision: store.ReviewConfirmed,
			Author: "cli:test"}, actor); err != nil || n != 3 {
			t.Fatalf("confirm projects = %d, %v; want 3", n, err)
		}
		got, err := s.Projects(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		byName := map[string]store.Project{}
		for _, pr := range got {
			byName[pr.Name] = pr
		}
		if len(got) != 3 || byName["镜湖新区"].ID != "" {
			t.Fatalf("projects = %+v; want 绍兴港, 杭绍城际铁路, 曹娥江闸站", got)
		}
		rail := byName["杭绍城际铁路"]
		if rail.Total != 1_200_000*store.WanScale || rail.StartYear != 2024 || rail.EndYear != 2026 || rail.Lead != "市交通局" ||
			!slices.Equal(rail.Support, []string{"柯桥区政府"}) || rail.Content != "新建线路20公里" ||
			rail.Planned(2024) != 300_000*store.WanScale || rail.ItemID != ids["建设交通网络"] || rail.Phase != store.PhasePrep {
			t.Errorf("杭绍城际铁路 = %+v", rail)
		}
		// Years the document got backwards are left for the office.
		if dam := byName["曹娥江闸站"]; dam.Total != 35_000*store.WanScale || dam.StartYear != 0 || dam.ItemID != ids["建设水网"] {
			t.Errorf("曹娥江闸站 = %+v", dam)
		}
		if port := byName["绍兴港"]; port.Total != 12_000*store.WanScale || port.Lead != "市港航中心" {
			t.Errorf("绍兴港 = %+v; want the sheet's record untouched", port)
		}
		es, err := s.Audit(ctx, store.AuditFilter{Action: store.AuditProposalConfirm})
		if err != nil || len(es) != 1 {
			t.Fatalf("audit = %d, %v", len(es), err)
		}
		if d := string(es[0].After); !strings.Contains(d, rail.ID) || !strings.Contains(d, byName["曹娥江闸站"].ID) {
			t.Errorf("audit detail %s does not name the projects made", d)
		}
	})
}
