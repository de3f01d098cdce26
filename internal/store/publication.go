package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Publication is whether a plan is published read-only to the public,
// and how. A plan never published has the zero Publication (with its
// PlanID): not published, names hidden.
type Publication struct {
	PlanID    string
	Published bool
	// ShowNames lets the public view show personal names (update
	// authors, contact persons); off unless the publisher chose it.
	ShowNames bool
	// The latest publication: when and by whom (a login, or cli:$USER).
	// Kept after a withdrawal.
	PublishedAt time.Time
	PublishedBy string
	// The latest change, publication or withdrawal.
	ChangedAt time.Time
	ChangedBy string
}

const publicationCols = `plan_id, published, show_names, published_at, published_by, changed_at, changed_by`

func scanPublication(row scanner) (Publication, error) {
	var (
		p        Publication
		pub, chg int64
	)
	err := row.Scan(&p.PlanID, &p.Published, &p.ShowNames, &pub, &p.PublishedBy, &chg, &p.ChangedBy)
	p.PublishedAt, p.ChangedAt = fromMillis(pub), fromMillis(chg)
	return p, err
}

// Publication returns the publication state of a plan (ID or unique
// prefix); ErrNotFound when there is no such plan.
func (s *Store) Publication(ctx context.Context, planID string) (Publication, error) {
	id, err := s.resolveIn(ctx, s.r, "plans", "plan", planID)
	if err != nil {
		return Publication{}, err
	}
	return s.publication(ctx, s.r, id)
}

// publication reads the row of a plan's full ID; the zero Publication
// when there is none.
func (s *Store) publication(ctx context.Context, q querier, id string) (Publication, error) {
	p, err := scanPublication(q.QueryRowContext(ctx, s.q(`SELECT `+publicationCols+` FROM plan_publications WHERE plan_id = ?`), id))
	if errors.Is(err, sql.ErrNoRows) {
		return Publication{PlanID: id}, nil
	}
	if err != nil {
		return Publication{}, fmt.Errorf("publication of plan %s: %w", id, err)
	}
	return p, nil
}

// PublishPlan publishes a plan (ID or unique prefix) read-only, showing
// personal names only when showNames; publishing a published plan again
// changes the names choice and the publication time. by is the login (or
// cli:$USER) credited; at is the time (zero: now). It returns the state
// before and after, for the audit log; ErrNotFound when there is no such
// plan.
func (s *Store) PublishPlan(ctx context.Context, planID, by string, showNames bool, at time.Time) (before, after Publication, err error) {
	return s.setPublication(ctx, planID, by, at, func(p *Publication, t time.Time) {
		p.Published, p.ShowNames, p.PublishedAt, p.PublishedBy = true, showNames, t, by
	})
}

// WithdrawPlan takes a plan off the public view (a plan not published
// stays so, its record unchanged but for the change's time and author).
// The names choice falls back to hidden, so publishing again asks anew.
func (s *Store) WithdrawPlan(ctx context.Context, planID, by string, at time.Time) (before, after Publication, err error) {
	return s.setPublication(ctx, planID, by, at, func(p *Publication, _ time.Time) {
		p.Published, p.ShowNames = false, false
	})
}

// setPublication changes a plan's publication in one transaction:
// resolve the plan, read the row, apply change, write it back.
func (s *Store) setPublication(ctx context.Context, planID, by string, at time.Time, change func(*Publication, time.Time)) (before, after Publication, err error) {
	if at.IsZero() {
		at = time.Now()
	}
	at = fromMillis(at.UnixMilli())
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		id, err := s.resolveIn(ctx, tx, "plans", "plan", planID)
		if err != nil {
			return err
		}
		if before, err = s.publication(ctx, tx, id); err != nil {
			return err
		}
		after = before
		change(&after, at)
		after.ChangedAt, after.ChangedBy = at, by
		args := []any{after.Published, after.ShowNames, toMillis(after.PublishedAt), after.PublishedBy,
			toMillis(after.ChangedAt), after.ChangedBy, id}
		res, err := tx.ExecContext(ctx, s.q(`UPDATE plan_publications SET published = ?, show_names = ?,
 published_at = ?, published_by = ?, changed_at = ?, changed_by = ? WHERE plan_id = ?`), args...)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n > 0 {
			return nil
		}
		_, err = tx.ExecContext(ctx, s.q(`INSERT INTO plan_publications (published, show_names, published_at,
 published_by, changed_at, changed_by, plan_id) VALUES (`+placeholders(7)+`)`), args...)
		return err
	})
	if err != nil {
		return Publication{}, Publication{}, fmt.Errorf("publication of plan %s: %w", planID, err)
	}
	return before, after, nil
}

// PublishedPlans lists the published plans' publications, the latest
// published first; archived plans leave the public list too.
func (s *Store) PublishedPlans(ctx context.Context) ([]Publication, error) {
	out, err := queryAll(ctx, s, scanPublication, `SELECT `+publicationCols+` FROM plan_publications
 WHERE published = ? AND plan_id NOT IN (SELECT id FROM plans WHERE archived_at <> 0) ORDER BY published_at DESC, plan_id`, true)
	if err != nil {
		return nil, fmt.Errorf("published plans: %w", err)
	}
	return out, nil
}
