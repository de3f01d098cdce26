package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

// TestLifecycle: archiving hides a plan or a document from listings and
// search, restoring brings it back; a plan or document others depend on
// is refused deletion naming what depends on it, one with nothing is
// deleted; every act is audited in the same transaction and a failing
// audit undoes it.
func TestLifecycle(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		docID := addDocument(t, s, "绍兴市数字经济行动计划")
		f := savePlan(t, s, "绍兴市数字经济行动计划", "330600", "绍兴市", store.LevelCity, docID)
		spare := savePlan(t, s, "备用计划", "330600", "绍兴市", store.LevelCity, "")
		audit := func(action string) func(b, a store.Plan) (store.AuditEntry, error) {
			return func(b, a store.Plan) (store.AuditEntry, error) {
				return store.AuditEntry{ActorLogin: "tester", Action: action, EntityType: "plan", EntityID: b.ID}, nil
			}
		}
		docAudit := func(action string) func(b, a store.Document) (store.AuditEntry, error) {
			return func(b, a store.Document) (store.AuditEntry, error) {
				return store.AuditEntry{ActorLogin: "tester", Action: action, EntityType: "document", EntityID: b.ID}, nil
			}
		}
		listed := func(filter store.PlanFilter, id string) bool {
			plans, err := s.Plans(ctx, filter)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range plans {
				if p.ID == id {
					return true
				}
			}
			return false
		}

		// Archive and restore a plan.
		before, after, err := s.ArchivePlan(ctx, f.plan.ID, true, audit("plan.archive"))
		if err != nil || !before.ArchivedAt.IsZero() || after.ArchivedAt.IsZero() {
			t.Fatalf("ArchivePlan = %v → %v, %v", before.ArchivedAt, after.ArchivedAt, err)
		}
		for _, tc := range []struct {
			filter store.PlanFilter
			want   bool
		}{
			{store.PlanFilter{}, false},
			{store.PlanFilter{Archived: store.ArchivedOnly}, true},
			{store.PlanFilter{Archived: store.ArchivedAlso}, true},
		} {
			if got := listed(tc.filter, f.plan.ID); got != tc.want {
				t.Errorf("archived plan listed with %+v = %v, want %v", tc.filter, got, tc.want)
			}
		}
		if got, err := s.Plan(ctx, f.plan.ID); err != nil || got.ArchivedAt.IsZero() {
			t.Errorf("Plan of an archived plan = %v, %v", got.ArchivedAt, err)
		}
		if _, _, err := s.ArchivePlan(ctx, f.plan.ID, true, audit("plan.archive")); !errors.Is(err, store.ErrConflict) {
			t.Errorf("archiving twice: err = %v, want ErrConflict", err)
		}
		if _, _, err := s.ArchivePlan(ctx, f.plan.ID, false, audit("plan.restore")); err != nil {
			t.Fatal(err)
		}
		if !listed(store.PlanFilter{}, f.plan.ID) {
			t.Error("restored plan not listed")
		}
		failing := func(store.Plan, store.Plan) (store.AuditEntry, error) {
			return store.AuditEntry{}, errors.New("no audit")
		}
		if _, _, err := s.ArchivePlan(ctx, f.plan.ID, true, failing); err == nil {
			t.Error("ArchivePlan saved without its audit entry")
		} else if !listed(store.PlanFilter{}, f.plan.ID) {
			t.Error("an archive whose audit failed hid the plan")
		}

		// Archive and restore a document: out of listings and search.
		if _, _, err := s.ArchiveDocument(ctx, docID, true, docAudit("document.archive")); err != nil {
			t.Fatal(err)
		}
		if docs, _ := s.Documents(ctx, store.DocumentFilter{}); len(docs) != 0 {
			t.Errorf("archived document listed: %d", len(docs))
		}
		if docs, _ := s.Documents(ctx, store.DocumentFilter{Archived: store.ArchivedOnly}); len(docs) != 1 {
			t.Errorf("archived documents = %d, want 1", len(docs))
		}
		if hits, _, err := s.Search(ctx, store.SearchQuery{Text: "数字经济"}); err != nil || len(hits) != 0 {
			t.Errorf("search found an archived document: %d hits, %v", len(hits), err)
		}
		if _, _, err := s.ArchiveDocument(ctx, docID, false, docAudit("document.restore")); err != nil {
			t.Fatal(err)
		}
		if hits, _, err := s.Search(ctx, store.SearchQuery{Text: "数字经济"}); err != nil || len(hits) != 1 {
			t.Errorf("search after restore: %d hits, %v", len(hits), err)
		}

		// Deleting what others depend on is refused, naming them.
		for _, tc := range []struct {
			name string
			del  func() error
			want string
		}{
			{"document with a plan", func() error { _, err := s.DeleteDocument(ctx, docID, docAudit("document.delete")); return err }, "份计划由它生成"},
		} {
			err := tc.del()
			var dep *store.DependedError
			if !errors.As(err, &dep) || !errors.Is(err, store.ErrConflict) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("%s: err = %v, want a DependedError naming %q", tc.name, err, tc.want)
			}
		}
		if err := s.LinkPlans(ctx, spare.plan.ID, f.plan.ID); err != nil {
			t.Fatal(err)
		}
		up := store.Update{ItemID: f.items["t1"].ID, Unit: "市科技局", Date: "2025-01-10", Status: "in_progress", Progress: 20, Source: "cli"}
		if err := s.AddUpdates(ctx, []store.Update{up}); err != nil {
			t.Fatal(err)
		}
		_, err = s.DeletePlanChecked(ctx, f.plan.ID, audit("plan.delete"))
		if !errors.Is(err, store.ErrDepended) || !strings.Contains(err.Error(), "1 个下级计划落实它") || !strings.Contains(err.Error(), "1 条进展报送") {
			t.Errorf("delete of a plan with a lower plan and a report: err = %v", err)
		}
		// A plan nothing depends on goes, with its audit entry.
		if _, err := s.DeletePlanChecked(ctx, spare.plan.ID, audit("plan.delete")); err != nil {
			t.Fatalf("delete of a plan nothing depends on: %v", err)
		}
		if _, err := s.Plan(ctx, spare.plan.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("deleted plan still there: %v", err)
		}
		// A document whose plan is gone may go too, its search entry with it.
		other := addDocument(t, s, "嘉兴市数字经济工作要点")
		if _, err := s.DeleteDocument(ctx, other, docAudit("document.delete")); err != nil {
			t.Fatalf("delete of a document nothing depends on: %v", err)
		}
		if hits, _, err := s.Search(ctx, store.SearchQuery{Text: "工作要点"}); err != nil || len(hits) != 0 {
			t.Errorf("search found a deleted document: %d hits, %v", len(hits), err)
		}
		for action, want := range map[string]int{"plan.archive": 1, "plan.restore": 1, "document.archive": 1,
			"document.restore": 1, "plan.delete": 1, "document.delete": 1} {
			if got, _ := s.Audit(ctx, store.AuditFilter{Action: action}); len(got) != want {
				t.Errorf("%s audited %d times, want %d", action, len(got), want)
			}
		}
		if _, err := s.VerifyAudit(ctx); err != nil {
			t.Errorf("audit chain: %v", err)
		}
	})
}
