package schedule

import (
	"context"
	"fmt"
	"time"

	"planwatch/internal/store"
)

// AuditRetention is the job that removes audit entries older than days
// (at least 180; the store refuses less) and checks that the chain still
// verifies once they are gone.
func AuditRetention(st *store.Store, days int, interval time.Duration) Job {
	return Job{Name: "audit-retention", Interval: interval, Run: func(ctx context.Context, now time.Time) error {
		n, err := st.PruneAudit(ctx, now.AddDate(0, 0, -days))
		if err != nil {
			return err
		}
		if n == 0 {
			return nil
		}
		if _, err := st.VerifyAudit(ctx); err != nil {
			return fmt.Errorf("after pruning %d entries: %w", n, err)
		}
		return nil
	}}
}

// Sessions is the job that deletes sessions past their idle or absolute
// limit (lookups refuse them anyway; this keeps the table small), expired
// one-time sign-in codes, and the addresses accounts have not signed in
// from for store.KnownClientAge.
func Sessions(st *store.Store, interval time.Duration) Job {
	return Job{Name: "sessions", Interval: interval, Run: func(ctx context.Context, now time.Time) error {
		if _, err := st.DeleteExpiredSessions(ctx, now); err != nil {
			return err
		}
		_, err := st.DeleteOldClients(ctx, now)
		return err
	}}
}
