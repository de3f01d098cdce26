package store_test

import (
	"context"
	"encoding/json"
	"testing"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

// TestAddUpdatesAudited checks that an update and its audit entry are
// saved together: when the audit write fails (the audit table is renamed
// away, so the insert fails inside the transaction, after the update's
// own insert succeeded), the update is not saved either.
func TestAddUpdatesAudited(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := jiaxing(t, s)
		entry := func(action string) store.AuditEntry {
			return store.AuditEntry{ActorLogin: "kjj", Action: action, EntityType: "item", EntityID: f.id("t1"),
				After: json.RawMessage(`{"progress":50}`)}
		}
		ups := []store.Update{{ItemID: f.id("t1"), Date: "2024-06-30", Status: "on_track", Progress: 50}}
		e, err := s.AddUpdatesAudited(ctx, ups, entry("update.post"))
		if err != nil {
			t.Fatal(err)
		}
		if ups[0].ID == "" || e.Seq != 1 || e.Action != "update.post" || e.Hash == "" {
			t.Errorf("update %+v, entry %+v", ups[0], e)
		}
		if it, _ := s.Item(ctx, f.id("t1")); it.Status != "on_track" || it.Progress != 50 {
			t.Errorf("item after the update: %q %d", it.Status, it.Progress)
		}

		// The audit insert fails inside the transaction: nothing is kept.
		store.RenameTable(t, s, "audit_log", "audit_log_away")
		failed := []store.Update{{ItemID: f.id("t1"), Date: "2024-07-01", Status: "done", Progress: 100}}
		_, err = s.AddUpdatesAudited(ctx, failed, entry("update.post"))
		store.RenameTable(t, s, "audit_log_away", "audit_log")
		if err == nil {
			t.Fatal("AddUpdatesAudited without an audit table succeeded")
		}
		// A refused entry is refused before anything is written.
		if _, err := s.AddUpdatesAudited(ctx, failed, entry("")); err == nil {
			t.Error("an entry without an action was accepted")
		}
		if n := store.CountRows(t, s, "updates"); n != 1 {
			t.Errorf("%d updates stored, want 1: the failed one was kept", n)
		}
		if failed[0].ID != "" {
			t.Errorf("a failed call wrote an ID back: %+v", failed[0])
		}
		if it, _ := s.Item(ctx, f.id("t1")); it.Status != "on_track" || it.Progress != 50 {
			t.Errorf("item after the failed update: %q %d", it.Status, it.Progress)
		}
		if h, err := s.VerifyAudit(ctx); err != nil || h.Entries != 1 {
			t.Errorf("audit log: %+v %v", h, err)
		}
	})
}
