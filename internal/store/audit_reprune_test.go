package store

import (
	"context"
	"testing"
	"time"
)

// TestAuditPruneAgain prunes on a schedule: a second prune with nothing
// old enough left (the oldest remaining entry is newer than the cut, the
// entries before it already gone) removes nothing and is no error.
func TestAuditPruneAgain(t *testing.T) {
	forEachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		now := time.Now()
		for _, age := range []int{400, 300, 200} {
			if _, err := s.AppendAudit(ctx, AuditEntry{At: now.AddDate(0, 0, -age), ActorLogin: "admin", Action: "plan.edit"}); err != nil {
				t.Fatal(err)
			}
		}
		if n, err := s.PruneAudit(ctx, now.AddDate(0, 0, -250)); err != nil || n != 2 {
			t.Fatalf("first prune = %d, %v", n, err)
		}
		for range 2 {
			if n, err := s.PruneAudit(ctx, now.AddDate(0, 0, -250)); err != nil || n != 0 {
				t.Fatalf("prune again = %d, %v", n, err)
			}
		}
		if h, err := s.VerifyAudit(ctx); err != nil || h.Entries != 2 || h.FirstSeq != 3 {
			t.Errorf("after pruning again: %+v, %v", h, err)
		}
	})
}
