package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// DefaultRhythm is the reporting rhythm of a plan nobody has set one for:
// monthly, due by the 5th of the next month (as migration 0070 fills in).
const DefaultRhythm = "monthly:5"

// checkRhythm accepts the stored form of a rhythm only, "monthly:D" or
// "quarterly:D" with D from 1 to 28; track.ParseRhythm reads the many ways
// people write one and Rhythm.String gives this form. The store checks it
// so that no caller can leave a value the readers would have to guess at.
func checkRhythm(s string) error {
	name, day, ok := strings.Cut(s, ":")
	d, err := strconv.Atoi(day)
	if !ok || (name != "monthly" && name != "quarterly") || err != nil || d < 1 || d > 28 {
		return fmt.Errorf("reporting rhythm %q: want monthly:D or quarterly:D with D from 1 to 28", s)
	}
	return nil
}

// SetPlanRhythm sets the reporting rhythm of a plan (by ID or unique
// prefix) and, in the same transaction, writes the audit entry audit makes
// from the plan before and after: the change and its trail are saved
// together or not at all (an error from audit undoes the change). It returns both states. ErrNotFound when there
// is no such plan; an error naming the value when rhythm is not in the
// stored form (see DefaultRhythm).
func (s *Store) SetPlanRhythm(ctx context.Context, ref, rhythm string, audit func(before, after Plan) (AuditEntry, error)) (before, after Plan, err error) {
	if err := checkRhythm(rhythm); err != nil {
		return Plan{}, Plan{}, fmt.Errorf("set plan rhythm: %w", err)
	}
	id, err := s.resolveIn(ctx, s.r, "plans", "plan", ref)
	if err != nil {
		return Plan{}, Plan{}, fmt.Errorf("set plan rhythm: %w", err)
	}
	err = s.retryAudit(ctx, func(tx *sql.Tx) error {
		b, err := scanPlan(tx.QueryRowContext(ctx, s.q(`SELECT `+planCols+` FROM plans p WHERE p.id = ?`), id))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("plan %s: %w", id, ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("plan %s: %w", id, err)
		}
		ts := now()
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE plans SET report_rhythm = ? WHERE id = ?`), rhythm, id); err != nil {
			return fmt.Errorf("plan %s: %w", id, err)
		}
		// The stamp moves strictly forward: the web app's cached figures
		// are keyed on it, and the rhythm changes what is unreported.
		if err := s.touchPlan(ctx, tx, id, ts); err != nil {
			return err
		}
		var stamp int64
		if err := tx.QueryRowContext(ctx, s.q(`SELECT updated_at FROM plans WHERE id = ?`), id).Scan(&stamp); err != nil {
			return fmt.Errorf("plan %s: %w", id, err)
		}
		a := b
		a.Rhythm, a.UpdatedAt = rhythm, fromMillis(stamp)
		if audit != nil {
			e, err := audit(b, a)
			if err != nil {
				return err
			}
			if _, err := s.appendAuditIn(ctx, tx, e); err != nil {
				return err
			}
		}
		before, after = b, a
		return nil
	})
	if err != nil {
		return Plan{}, Plan{}, fmt.Errorf("set plan rhythm: %w", err)
	}
	return before, after, nil
}
