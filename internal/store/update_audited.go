package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// errAuditRace marks a lost race for the audit log's next seq inside a
// larger transaction, which is then retried whole.
var errAuditRace = errors.New("audit seq taken")

// AddUpdatesAuditedEach records updates as AddUpdates does and, in the
// same transaction, one audit entry per update made by entry (which sees
// the update with its ID set): all of them, or nothing. An imported sheet
// thus never leaves updates without their audit trail, nor the reverse.
func (s *Store) AddUpdatesAuditedEach(ctx context.Context, ups []Update, entry func(Update) AuditEntry) error {
	if len(ups) == 0 {
		return nil
	}
	work, ts, err := prepareUpdates(ups)
	if err != nil {
		return err
	}
	err = s.retryAudit(ctx, func(tx *sql.Tx) error {
		if err := s.addUpdatesTx(ctx, tx, work, ts); err != nil {
			return err
		}
		for _, u := range work {
			if _, err := s.appendAuditIn(ctx, tx, entry(u)); err != nil {
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

// AddUpdateWithEvidence records one update with its evidence file (its
// UpdateID is set from the update) and the audit entries of both, in one
// transaction: a posted update never lacks the file it was posted with.
func (s *Store) AddUpdateWithEvidence(ctx context.Context, up *Update, upAudit AuditEntry, ev Evidence, data []byte, evAudit AuditEntry) (Evidence, error) {
	work, ts, err := prepareUpdates([]Update{*up})
	if err != nil {
		return Evidence{}, err
	}
	ev, err = prepareEvidence(ev, data, ts)
	if err != nil {
		return Evidence{}, err
	}
	ev.UpdateID = work[0].ID
	err = s.retryAudit(ctx, func(tx *sql.Tx) error {
		if err := s.addUpdatesTx(ctx, tx, work, ts); err != nil {
			return err
		}
		if _, err := s.appendAuditIn(ctx, tx, upAudit); err != nil {
			return err
		}
		if err := s.attachEvidenceTx(ctx, tx, ev, data, ts); err != nil {
			return err
		}
		_, err := s.appendAuditIn(ctx, tx, evAudit)
		return err
	})
	if err != nil {
		return Evidence{}, fmt.Errorf("add update with evidence: %w", err)
	}
	*up = work[0]
	return ev, nil
}

// prepareEvidence fills in the file's digest, size and time.
func prepareEvidence(ev Evidence, data []byte, at int64) (Evidence, error) {
	sum := sha256.Sum256(data)
	ev.SHA256, ev.Size = hex.EncodeToString(sum[:]), int64(len(data))
	ev.Name = strings.TrimSpace(ev.Name)
	if ev.Name == "" || ev.ContentType == "" {
		return Evidence{}, errors.New("attach evidence: no file name or type")
	}
	ev.CreatedAt = fromMillis(at)
	return ev, nil
}

// appendAuditIn appends e in tx; a lost race for the seq is errAuditRace.
func (s *Store) appendAuditIn(ctx context.Context, tx *sql.Tx, e AuditEntry) (AuditEntry, error) {
	out, err := s.appendAuditTx(ctx, tx, e)
	if err != nil {
		if s.d.isUniqueViolation(err) {
			return AuditEntry{}, fmt.Errorf("audit %s: %w", e.Action, errAuditRace)
		}
		return AuditEntry{}, fmt.Errorf("audit %s: %w", e.Action, err)
	}
	return out, nil
}

// retryAudit runs fn in a transaction, again while it loses the race for
// the audit log's next seq. Concurrent writers on PostgreSQL (several
// server processes) race for it and all but one lose each round, so a
// burst of n writers needs up to n rounds: the pause is short, growing
// and jittered. SQLite's single writer never loses. fn must therefore be
// safe to run more than once.
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
