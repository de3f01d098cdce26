package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// Approved extensions of a task's deadline (migration 0101). The item's
// deadline moves to the new date; the extension keeps the old one, why,
// and who approved it, so that the item reads 已延期 and a report as of
// an earlier date judges by the deadline in force then.

// AuditTaskExtend is the audit action of an extension.
const AuditTaskExtend = "task.extend"

const extensionCols = `e.id, e.item_id, e.old_deadline, e.new_deadline, e.reason, e.approved_by, e.approved_on,
 e.recorded_by, e.recorded_at`

// queryExtensions reads the extensions of the items selected by where (on
// items aliased i), by item, oldest first.
func (s *Store) queryExtensions(ctx context.Context, q querier, where string, args ...any) (map[string][]Extension, error) {
	rows, err := q.QueryContext(ctx, s.q(`SELECT `+extensionCols+` FROM item_extensions e JOIN items i ON i.id = e.item_id
 WHERE `+where+` ORDER BY e.item_id, e.recorded_at, e.id`), args...)
	if err != nil {
		return nil, fmt.Errorf("extensions: %w", err)
	}
	defer rows.Close()
	out := map[string][]Extension{}
	for rows.Next() {
		var (
			e  Extension
			at int64
		)
		if err := rows.Scan(&e.ID, &e.ItemID, &e.OldDeadline, &e.NewDeadline, &e.Reason, &e.ApprovedBy, &e.ApprovedOn,
			&e.RecordedBy, &at); err != nil {
			return nil, fmt.Errorf("extensions: %w", err)
		}
		e.RecordedAt = fromMillis(at)
		out[e.ItemID] = append(out[e.ItemID], e)
	}
	return out, rows.Err()
}

// extensionRecord is an extension as the audit log keeps it.
type extensionRecord struct {
	ItemID      string `json:"item_id"`
	OldDeadline string `json:"old_deadline"`
	NewDeadline string `json:"new_deadline"`
	Reason      string `json:"reason"`
	ApprovedBy  string `json:"approved_by"`
	ApprovedOn  string `json:"approved_on"`
}

// ExtendItem records an approved extension of an item's deadline (e.ItemID
// an ID or unique prefix) with its audit entry (actor's who and where;
// action task.extend) in one transaction: the item's deadline becomes
// e.NewDeadline, the change is in its edits (EditDeadline, the reason and
// approver with it), and the plan is touched. ID and OldDeadline are set,
// RecordedAt when zero (as AddUpdates does: an import of past records may
// give it); RecordedBy defaults to the actor's login. The
// caller checks the dates (track.CheckExtension); the store refuses an
// empty reason or approver (ErrInvalid) and a new date not after the
// current deadline (ErrConflict).
func (s *Store) ExtendItem(ctx context.Context, e Extension, actor AuditEntry) (Extension, error) {
	e.Reason, e.ApprovedBy = strings.TrimSpace(e.Reason), strings.TrimSpace(e.ApprovedBy)
	if e.Reason == "" || e.ApprovedBy == "" {
		return Extension{}, fmt.Errorf("extend item: %w", invalidError{fmt.Errorf("an extension needs its reason and who approved it")})
	}
	if _, err := time.Parse(dateLayout, e.NewDeadline); err != nil {
		return Extension{}, fmt.Errorf("extend item: %w", invalidError{fmt.Errorf("new deadline %q, want YYYY-MM-DD", e.NewDeadline)})
	}
	if e.RecordedBy == "" {
		e.RecordedBy = actor.ActorLogin
	}
	e.ID = NewID()
	ts := now()
	if e.RecordedAt.IsZero() {
		e.RecordedAt = fromMillis(ts)
	}
	err := s.audited(ctx, func(tx *sql.Tx) ([]AuditEntry, error) {
		id, err := s.resolveIn(ctx, tx, "items", "item", e.ItemID)
		if err != nil {
			return nil, err
		}
		it, err := s.getItem(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		e.ItemID, e.OldDeadline = id, it.Deadline
		if it.Deadline != "" && e.NewDeadline <= it.Deadline {
			return nil, fmt.Errorf("new deadline %s is not after %s: %w", e.NewDeadline, it.Deadline, ErrConflict)
		}
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO item_extensions (id, item_id, old_deadline, new_deadline, reason,
 approved_by, approved_on, recorded_by, recorded_at) VALUES (`+placeholders(9)+`)`), e.ID, e.ItemID, e.OldDeadline,
			e.NewDeadline, e.Reason, e.ApprovedBy, e.ApprovedOn, e.RecordedBy, toMillis(e.RecordedAt)); err != nil {
			return nil, fmt.Errorf("insert extension: %w", err)
		}
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE items SET deadline = ?, updated_at = ? WHERE id = ?`), e.NewDeadline, ts, id); err != nil {
			return nil, fmt.Errorf("item %s: %w", id, err)
		}
		edit := ItemEdit{PlanID: it.PlanID, ItemID: id, Action: EditDeadline, Before: it.Deadline, After: e.NewDeadline,
			Reason: e.Reason + "（批准：" + e.ApprovedBy + "）", Author: e.RecordedBy, RecordedAt: e.RecordedAt}
		if err := s.recordEdit(ctx, tx, &edit, ts); err != nil {
			return nil, err
		}
		if err := s.touchPlan(ctx, tx, it.PlanID, ts); err != nil {
			return nil, err
		}
		entry, err := auditEntryOf(actor, AuditTaskExtend, "item", id, map[string]string{"deadline": it.Deadline},
			extensionRecord{ItemID: id, OldDeadline: e.OldDeadline, NewDeadline: e.NewDeadline, Reason: e.Reason,
				ApprovedBy: e.ApprovedBy, ApprovedOn: e.ApprovedOn})
		return []AuditEntry{entry}, err
	})
	if err != nil {
		return Extension{}, fmt.Errorf("extend item: %w", err)
	}
	return e, nil
}
