package store_test

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

// TestAddUpdatesAudited checks that updates and their audit entries are
// written together or not at all.
func TestAddUpdatesAuditedEach(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := jiaxing(t, s)
		entry := func(u store.Update) store.AuditEntry {
			return store.AuditEntry{Action: "update.post", EntityType: "item", EntityID: u.ItemID, ActorLogin: "test"}
		}
		bad := []store.Update{{ItemID: f.id("t1"), Date: "2024-06-30", Progress: 10}, {ItemID: "zzzzzzzzzzzzzzzz", Date: "2024-06-30"}}
		if err := s.AddUpdatesAuditedEach(ctx, bad, entry); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("err = %v, want ErrNotFound", err)
		}
		if n, m := store.CountRows(t, s, "updates"), store.CountRows(t, s, "audit_log"); n != 0 || m != 0 {
			t.Fatalf("refused batch left %d updates, %d audit entries", n, m)
		}
		good := []store.Update{{ItemID: f.id("t1"), Date: "2024-06-30", Progress: 10}, {ItemID: f.id("t2"), Date: "2024-06-30", Progress: 20}}
		if err := s.AddUpdatesAuditedEach(ctx, good, entry); err != nil {
			t.Fatal(err)
		}
		es, err := s.Audit(ctx, store.AuditFilter{Action: "update.post"})
		if err != nil || len(es) != 2 || good[0].ID == "" {
			t.Fatalf("%d entries (%v), IDs %q", len(es), err, good[0].ID)
		}
		if _, err := s.VerifyAudit(ctx); err != nil {
			t.Error(err)
		}
	})
}

// TestAttachEvidence stores a file for an update and reads it back.
func TestAttachEvidence(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := jiaxing(t, s)
		ups := []store.Update{{ItemID: f.id("t1"), Date: "2024-06-30", Progress: 10}}
		if err := s.AddUpdates(ctx, ups); err != nil {
			t.Fatal(err)
		}
		data := []byte("%PDF-1.4 evidence")
		audit := store.AuditEntry{Action: "update.evidence", EntityType: "update", EntityID: ups[0].ID}
		ev := store.Evidence{UpdateID: ups[0].ID, Name: "验收报告.pdf", ContentType: "application/pdf"}
		if _, err := s.AttachEvidence(ctx, store.Evidence{UpdateID: "nope", Name: "a.pdf", ContentType: "application/pdf"}, data, audit); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("no such update: err = %v", err)
		}
		got, err := s.AttachEvidence(ctx, ev, data, audit)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.AttachEvidence(ctx, ev, data, audit); !errors.Is(err, store.ErrConflict) {
			t.Errorf("second file: err = %v, want ErrConflict", err)
		}
		back, err := s.UpdateEvidence(ctx, ups[0].ID)
		if err != nil || back.Name != ev.Name || back.Size != int64(len(data)) || back.SHA256 != got.SHA256 {
			t.Fatalf("read back %+v, %v", back, err)
		}
		b, err := s.Blob(ctx, back.SHA256)
		if err != nil || !bytes.Equal(b, data) {
			t.Errorf("blob %q, %v", b, err)
		}
		byItem, err := s.ItemEvidence(ctx, f.id("t1"))
		if err != nil || byItem[ups[0].ID].Name != ev.Name {
			t.Errorf("item evidence %v, %v", byItem, err)
		}
		if n := store.CountRows(t, s, "audit_log"); n != 1 {
			t.Errorf("%d audit entries, want 1 (the refused attachments wrote none)", n)
		}
	})
}
