package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"
)

// errAuditRace marks a lost race for the audit log's next seq inside a
// larger transaction, which is then retried whole.
var errAuditRace = errors.New("audit seq taken")

// AddUpdatesAudited records updates as AddUpdates does and, in the same
// transaction, one audit entry per update made by entry (which sees the
// update with its ID set): all of them, or nothing. An imported sheet
// thus never leaves updates without their audit trail, nor the reverse.
func (s *Store) AddUpdatesAudited(ctx context.Context, ups []Update, entry func(Update) AuditEntry) error {
	if len(ups) == 0 {
		return nil
	}
	ts := now()
	work, err := prepareUpdates(ups, ts)
	if err != nil {
		return err
	}
	err = s.retryAudit(ctx, func(tx *sql.Tx) error {
		if err := s.addUpdatesTx(ctx, tx, work, ts); err != nil {
			return err
		}
		for _, u := range work {
			if err := s.appendAuditIn(ctx, tx, entry(u)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("add updates: %w", err)
	}
	copy(ups, work)
	return nil
}

// appendAuditIn appends e in tx; a lost race for the seq is errAuditRace.
func (s *Store) appendAuditIn(ctx context.Context, tx *sql.Tx, e AuditEntry) error {
	if _, err := s.appendAuditTx(ctx, tx, e); err != nil {
		if s.d.isUniqueViolation(err) {
			return fmt.Errorf("audit %s: %w", e.Action, errAuditRace)
		}
		return fmt.Errorf("audit %s: %w", e.Action, err)
	}
	return nil
}

// retryAudit runs fn in a transaction, again while it loses the race for
// the audit log's next seq (several server processes on PostgreSQL), with
// short jittered pauses as AppendAudit does.
func (s *Store) retryAudit(ctx context.Context, fn func(tx *sql.Tx) error) error {
	var err error
	for attempt := range 100 {
		err = s.inTx(ctx, fn)
		if !errors.Is(err, errAuditRace) {
			return err
		}
		pause := time.Duration(1+rand.IntN(2+min(attempt, 20))) * time.Millisecond
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(pause):
		}
	}
	return err
}
