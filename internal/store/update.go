package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"
)

// Progress updates: each item's timeline of reports. An item's Status and
// Progress are those of its latest update that has a status — latest by
// Date, then by RecordedAt (then by ID). Updates from single units count
// for the item like its own: the latest report wins, whoever made it.

// dateLayout is the form of update dates.
const dateLayout = "2006-01-02"

// updateCols are the columns scanUpdate reads, from updates aliased u.
const updateCols = `u.id, u.item_id, u.unit_name, u.report_date, u.status, u.progress, u.note, u.evidence,
 u.author, u.source, u.recorded_at, u.reason`

func scanUpdate(row scanner) (Update, error) {
	var (
		u  Update
		at int64
	)
	err := row.Scan(&u.ID, &u.ItemID, &u.Unit, &u.Date, &u.Status, &u.Progress, &u.Note, &u.Evidence,
		&u.Author, &u.Source, &at, &u.Reason)
	u.RecordedAt = fromMillis(at)
	return u, err
}

// AddUpdates records updates in one transaction: all are stored or, when
// one is refused, none (an imported sheet applies whole). Each needs the
// full ID of an existing item (ErrNotFound otherwise, naming the update's
// place in ups, 1-based), a Date of the form YYYY-MM-DD (empty: the day
// it is recorded, local time) and a Progress of 0–100. ID and RecordedAt
// are set when zero, in ups itself. Afterwards each touched item's Status
// and Progress are those of its latest update (see the top of this file).
func (s *Store) AddUpdates(ctx context.Context, ups []Update) error {
	if len(ups) == 0 {
		return nil
	}
	work, ts, err := prepareUpdates(ups)
	if err != nil {
		return err
	}
	if err := s.inTx(ctx, func(tx *sql.Tx) error { return s.addUpdatesTx(ctx, tx, work, ts) }); err != nil {
		return fmt.Errorf("add updates: %w", err)
	}
	copy(ups, work)
	return nil
}

// AddUpdatesAudited is AddUpdates with the change's audit entry written
// in the same transaction: the updates are saved with their entry or not
// at all. It returns the entry as stored.
func (s *Store) AddUpdatesAudited(ctx context.Context, ups []Update, e AuditEntry) (AuditEntry, error) {
	if len(ups) == 0 {
		return AuditEntry{}, errors.New("add updates: none")
	}
	work, ts, err := prepareUpdates(ups)
	if err != nil {
		return AuditEntry{}, err
	}
	out, err := s.withAudit(ctx, e, func(tx *sql.Tx) error { return s.addUpdatesTx(ctx, tx, work, ts) })
	if err != nil {
		return AuditEntry{}, fmt.Errorf("add updates: %w", err)
	}
	copy(ups, work)
	return out, nil
}

// prepareUpdates checks updates and returns a copy with IDs, record times
// and dates filled in, and the time to stamp the touched items with.
func prepareUpdates(ups []Update) ([]Update, int64, error) {
	ts := now()
	work := slices.Clone(ups)
	for i := range work {
		u := &work[i]
		if u.ID == "" {
			u.ID = NewID()
		}
		if u.RecordedAt.IsZero() {
			u.RecordedAt = fromMillis(ts)
		}
		if u.Date == "" {
			u.Date = u.RecordedAt.Local().Format(dateLayout)
		} else if _, err := time.Parse(dateLayout, u.Date); err != nil {
			return nil, 0, fmt.Errorf("add updates: update %d: date %q, want YYYY-MM-DD", i+1, u.Date)
		}
		if u.Progress < 0 || u.Progress > 100 {
			return nil, 0, fmt.Errorf("add updates: update %d: progress %d, want 0–100", i+1, u.Progress)
		}
	}
	return work, ts, nil
}

// addUpdatesTx inserts prepared updates and refreshes the items and plans
// they touch.
func (s *Store) addUpdatesTx(ctx context.Context, tx *sql.Tx, work []Update, ts int64) error {
	planOf := map[string]string{} // touched item → its plan
	for i, u := range work {
		if _, ok := planOf[u.ItemID]; !ok {
			var pid, review string
			err := tx.QueryRowContext(ctx, s.q(`SELECT plan_id, review FROM items WHERE id = ?`), u.ItemID).Scan(&pid, &review)
			if errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("update %d: item %q: %w", i+1, u.ItemID, ErrNotFound)
			}
			if err != nil {
				return fmt.Errorf("update %d: item %s: %w", i+1, u.ItemID, err)
			}
			if review != ReviewConfirmed {
				// Only confirmed items are reported on (item_review.go).
				return fmt.Errorf("update %d: item %s is %s, not confirmed: %w", i+1, u.ItemID, review, ErrConflict)
			}
			planOf[u.ItemID] = pid
		}
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO updates (id, item_id, unit_name, report_date, status,
 progress, note, evidence, author, source, recorded_at, reason) VALUES (`+placeholders(12)+`)`),
			u.ID, u.ItemID, u.Unit, u.Date, u.Status, u.Progress, u.Note, u.Evidence, u.Author, u.Source,
			toMillis(u.RecordedAt), u.Reason)
		if err != nil {
			if s.d.isUniqueViolation(err) {
				return fmt.Errorf("update %d: ID %s exists: %w", i+1, u.ID, ErrConflict)
			}
			return fmt.Errorf("update %d: %w", i+1, err)
		}
	}
	// In a fixed order, so concurrent imports take item rows alike.
	items := make([]string, 0, len(planOf))
	var plans []string
	for id, pid := range planOf {
		items = append(items, id)
		plans = append(plans, pid)
	}
	slices.Sort(items)
	slices.Sort(plans)
	for _, id := range items {
		if err := s.refreshStatus(ctx, tx, id, ts); err != nil {
			return err
		}
	}
	for _, pid := range slices.Compact(plans) {
		if err := s.touchPlan(ctx, tx, pid, ts); err != nil {
			return err
		}
	}
	return nil
}

// refreshStatus sets an item's Status and Progress from its latest update
// with a status; an item without one is left as it is. length() rather
// than a comparison with the empty string keeps it right on servers that
// store an empty string as NULL.
func (s *Store) refreshStatus(ctx context.Context, tx *sql.Tx, itemID string, ms int64) error {
	var (
		status   string
		progress int
	)
	err := tx.QueryRowContext(ctx, s.q(`SELECT status, progress FROM updates WHERE item_id = ? AND length(status) > 0
 ORDER BY report_date DESC, recorded_at DESC, id DESC LIMIT 1`), itemID).Scan(&status, &progress)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("status of item %s: %w", itemID, err)
	}
	_, err = tx.ExecContext(ctx, s.q(`UPDATE items SET status = ?, progress = ?, updated_at = ? WHERE id = ?`),
		status, progress, ms, itemID)
	if err != nil {
		return fmt.Errorf("status of item %s: %w", itemID, err)
	}
	return nil
}

// Updates returns the timeline of an item (ID or unique prefix), oldest
// first: by Date, then RecordedAt. ErrNotFound if the item does not exist.
func (s *Store) Updates(ctx context.Context, itemID string) ([]Update, error) {
	id, err := s.resolveIn(ctx, s.r, "items", "item", itemID)
	if err != nil {
		return nil, err
	}
	ups, err := queryAll(ctx, s, scanUpdate, `SELECT `+updateCols+` FROM updates u WHERE u.item_id = ?
 ORDER BY u.report_date, u.recorded_at, u.id`, id)
	if err != nil {
		return nil, fmt.Errorf("updates of item %s: %w", id, err)
	}
	return ups, nil
}

// PlanUpdates returns the updates of every item of a plan (ID or unique
// prefix) recorded at or before asOf (the zero time: all), ordered by
// item ID, then Date, then RecordedAt. A report as of a moment is
// reproducible: what was recorded later does not show, whatever its Date.
// ErrNotFound if the plan does not exist.
func (s *Store) PlanUpdates(ctx context.Context, planID string, asOf time.Time) ([]Update, error) {
	pid, err := s.resolveIn(ctx, s.r, "plans", "plan", planID)
	if err != nil {
		return nil, err
	}
	query := `SELECT ` + updateCols + ` FROM updates u JOIN items i ON i.id = u.item_id WHERE i.plan_id = ?`
	args := []any{pid}
	if !asOf.IsZero() {
		query += ` AND u.recorded_at <= ?`
		args = append(args, asOf.UnixMilli())
	}
	ups, err := queryAll(ctx, s, scanUpdate, query+` ORDER BY u.item_id, u.report_date, u.recorded_at, u.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("updates of plan %s: %w", pid, err)
	}
	return ups, nil
}
