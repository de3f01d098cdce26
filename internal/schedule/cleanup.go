package schedule

import (
	"context"
	"fmt"
	"time"

	"planwatch/internal/config"
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

// AuditCheckpointInterval is how often the server notes the audit log's
// head: entries deleted later than a minute after they were written are
// caught by the next verify.
const AuditCheckpointInterval = config.MinInterval

// AuditCheckpoint is the job that notes the audit log's head in
// audit_checkpoints and, when file is set, in that file outside the
// database, after checking that the log still extends what both noted
// last; a log that does not is reported (the job fails, loudly, every
// round) and the checkpoints stay as they were.
func AuditCheckpoint(st *store.Store, file string, interval time.Duration) Job {
	return Job{Name: "audit-checkpoint", Interval: interval, Run: func(ctx context.Context, now time.Time) error {
		return WriteAuditCheckpoint(ctx, st, file, "server")
	}}
}

// WriteAuditCheckpoint notes the audit log's head as by, in the table and
// in file ("" for none): what the job does each round, and the server
// once more as it stops.
func WriteAuditCheckpoint(ctx context.Context, st *store.Store, file, by string) error {
	var prev store.AuditCheckpoint
	if file != "" {
		var err error
		if prev, err = store.ReadAuditCheckpointFile(file); err != nil {
			return err
		}
	}
	cp, err := st.CheckpointAudit(ctx, by, prev)
	if err != nil {
		return err
	}
	if file == "" || cp.LastSeq == 0 || (cp.LastSeq == prev.LastSeq && cp.Hash == prev.Hash) {
		return nil
	}
	return store.WriteAuditCheckpointFile(file, cp)
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
