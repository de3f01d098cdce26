package schedule

import (
	"context"
	"testing"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

// TestCleanupJobs prunes audit entries past the retention (the chain
// still verifies, newer entries stay) and deletes expired sessions.
func TestCleanupJobs(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		now := time.Now()
		for _, age := range []int{400, 300, 200, 100, 1} {
			if _, err := st.AppendAudit(ctx, store.AuditEntry{At: now.AddDate(0, 0, -age), ActorLogin: "admin",
				Action: "plan.edit", EntityType: "plan", EntityID: "p1"}); err != nil {
				t.Fatal(err)
			}
		}
		u, err := st.CreateUser(ctx, store.User{Login: "clerk", Role: store.RoleViewer, PasswordHash: "$x"})
		if err != nil {
			t.Fatal(err)
		}
		stale, err := st.CreateSession(ctx, u.ID, time.Hour, "test", "127.0.0.1")
		if err != nil {
			t.Fatal(err)
		}
		c := newClock(now)
		s := New(st, []Job{AuditRetention(st, 250, time.Hour), Sessions(st, time.Hour)}, Options{Holder: "a", Now: c.now})
		if got := ran(s.RunOnce(ctx)); len(got) != 2 || got["audit-retention"] != nil || got["sessions"] != nil {
			t.Fatalf("round: %v", got)
		}
		head, err := st.VerifyAudit(ctx)
		if err != nil {
			t.Fatalf("chain after pruning: %v", err)
		}
		// 400 and 300 days old are gone; 200, 100, 1 and the prune note stay.
		if head.Entries != 4 || head.FirstSeq != 3 {
			t.Errorf("audit after pruning = %+v", head)
		}
		if _, _, err := st.SessionByTokenAt(ctx, stale, now); err != nil {
			t.Fatalf("a live session was deleted: %v", err)
		}
		c.add(2 * time.Hour)
		if got := ran(s.RunOnce(ctx)); got["sessions"] != nil || got["audit-retention"] != nil {
			t.Fatalf("second round: %v", got)
		}
		if h, _ := st.VerifyAudit(ctx); h.Entries != 4 {
			t.Errorf("a second prune with nothing to remove changed the log: %+v", h)
		}
		// The job deleted the expired session: nothing is left to delete.
		if n, err := st.DeleteExpiredSessions(ctx, c.now()); err != nil || n != 0 {
			t.Errorf("%d expired sessions left by the job, %v", n, err)
		}
	})
}
