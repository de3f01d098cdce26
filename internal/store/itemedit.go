package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// The record of changes to a plan's task list (ItemEdit), SetUnits, and
// MergeItems, the one change that touches several items.

// Actions of an ItemEdit besides those in tracking.go, inferred by EditItem.
const (
	EditRestored = "restored" // a dropped item taken back into the plan
	EditMoved    = "moved"    // put under another parent
	EditChanged  = "changed"  // kind, body, start date or position changed
)

// recordEdit inserts e, making its ID and setting RecordedAt to ms when
// they are empty. An edit without an item (ItemID "") is of the plan.
func (s *Store) recordEdit(ctx context.Context, tx *sql.Tx, e *ItemEdit, ms int64) error {
	if e.Action == "" {
		return errors.New("item edit without an action")
	}
	if e.ID == "" {
		e.ID = NewID()
	}
	if e.RecordedAt.IsZero() {
		e.RecordedAt = fromMillis(ms)
	}
	_, err := tx.ExecContext(ctx, s.q(`INSERT INTO item_edits (id, plan_id, item_id, action, before_text, after_text,
 reason, author, recorded_at) VALUES (`+placeholders(9)+`)`), e.ID, e.PlanID, nullIfEmpty(e.ItemID), e.Action,
		e.Before, e.After, e.Reason, e.Author, toMillis(e.RecordedAt))
	if err != nil {
		return fmt.Errorf("record %s edit: %w", e.Action, err)
	}
	return nil
}

// itemLabel names an item in an edit: its number and title.
func itemLabel(it Item) string { return strings.TrimSpace(it.Number + " " + it.Title) }

// unitsLabel lists units with their roles for an edit: "市发改委 (lead), 市财政局 (support)".
func unitsLabel(units []Assignment) string {
	parts := make([]string, len(units))
	for i, a := range units {
		parts[i] = a.Unit + " (" + a.Role + ")"
	}
	return strings.Join(parts, ", ")
}

// describeEdit names the change from cur to next (the most telling one
// when several fields changed) with before and after texts; "" when none
// of the fields EditItem writes changed.
func describeEdit(cur, next Item) (action, before, after string) {
	switch {
	case cur.Dropped != next.Dropped && next.Dropped:
		return EditDropped, itemLabel(cur), ""
	case cur.Dropped != next.Dropped:
		return EditRestored, "", itemLabel(next)
	case cur.Deadline != next.Deadline:
		return EditDeadline, cur.Deadline, next.Deadline
	case cur.Title != next.Title || cur.Number != next.Number:
		return EditRenamed, itemLabel(cur), itemLabel(next)
	case cur.ParentID != next.ParentID:
		return EditMoved, cur.ParentID, next.ParentID
	}
	var b, a []string
	field := func(name, x, y string) {
		if x != y {
			b, a = append(b, name+": "+x), append(a, name+": "+y)
		}
	}
	field("kind", cur.Kind, next.Kind)
	field("start", cur.StartDate, next.StartDate)
	field("position", fmt.Sprint(cur.Position), fmt.Sprint(next.Position))
	field("body", cur.Body, next.Body)
	if len(b) == 0 {
		return "", "", ""
	}
	return EditChanged, strings.Join(b, "\n"), strings.Join(a, "\n")
}

// ItemEdits lists the edits of a plan (ID or unique prefix), oldest first;
// the plan-level ones have ItemID "". ErrNotFound if the plan does not exist.
func (s *Store) ItemEdits(ctx context.Context, planID string) ([]ItemEdit, error) {
	pid, err := s.resolveIn(ctx, s.r, "plans", "plan", planID)
	if err != nil {
		return nil, err
	}
	rows, err := s.r.QueryContext(ctx, s.q(`SELECT id, plan_id, item_id, action, before_text, after_text, reason,
 author, recorded_at FROM item_edits WHERE plan_id = ? ORDER BY recorded_at, id`), pid)
	if err != nil {
		return nil, fmt.Errorf("edits of plan %s: %w", pid, err)
	}
	defer rows.Close()
	var out []ItemEdit
	for rows.Next() {
		var (
			e    ItemEdit
			item sql.NullString
			at   int64
		)
		if err := rows.Scan(&e.ID, &e.PlanID, &item, &e.Action, &e.Before, &e.After, &e.Reason, &e.Author, &at); err != nil {
			return nil, fmt.Errorf("edits of plan %s: %w", pid, err)
		}
		e.ItemID, e.RecordedAt = item.String, fromMillis(at)
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("edits of plan %s: %w", pid, err)
	}
	return out, nil
}

// MergeItems merges the item from into the item into (IDs or unique
// prefixes), both of one plan, in one transaction: from's updates move to
// into (whose Status and Progress are then those of its latest update);
// its units join into's after them (a unit into already has keeps its
// role there); its links, upward and downward, become into's (a link
// into already has is kept as it is); its children move under into,
// after into's own. from stays, marked Dropped, for the record. edit is
// recorded with Action EditMerged and ItemID from; Before and After
// default to the two items' numbers and titles, After with into's ID.
// ErrNotFound for a missing item; ErrConflict for the same item twice,
// items of two plans, a dropped into, or into lying under from.
func (s *Store) MergeItems(ctx context.Context, intoID, fromID string, edit ItemEdit) error {
	ts := now()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		_, _, err := s.mergeItemsTx(ctx, tx, intoID, fromID, edit, ts)
		return err
	})
	if err != nil {
		return fmt.Errorf("merge items: %w", err)
	}
	return nil
}

// mergeItemsTx is MergeItems inside tx, returning the two items as they
// were before.
func (s *Store) mergeItemsTx(ctx context.Context, tx *sql.Tx, intoID, fromID string, edit ItemEdit, ts int64) (into, from Item, err error) {
	err = func() error {
		var items [2]Item
		for i, id := range []string{intoID, fromID} {
			full, err := s.resolveIn(ctx, tx, "items", "item", id)
			if err != nil {
				return err
			}
			if items[i], err = s.getItem(ctx, tx, full); err != nil {
				return err
			}
		}
		into, from = items[0], items[1]
		switch {
		case into.ID == from.ID:
			return fmt.Errorf("item %s into itself: %w", into.ID, ErrConflict)
		case into.PlanID != from.PlanID:
			return fmt.Errorf("items %s and %s belong to different plans: %w", into.ID, from.ID, ErrConflict)
		case into.Dropped:
			return fmt.Errorf("item %s is dropped: %w", into.ID, ErrConflict)
		}
		under, err := s.reaches(ctx, tx, "items", "id", "parent_id", into.ID, from.ID)
		if err != nil {
			return fmt.Errorf("item %s: %w", into.ID, err)
		}
		if under {
			return fmt.Errorf("item %s lies under %s: %w", into.ID, from.ID, ErrConflict)
		}
		next, err := s.nextPosition(ctx, tx, into.PlanID, into.ID)
		if err != nil {
			return fmt.Errorf("children of item %s: %w", into.ID, err)
		}
		moved := make([]Assignment, len(from.Units))
		for i, a := range from.Units {
			a.ItemID = into.ID
			moved[i] = a
		}
		if err := s.insertUnits(ctx, tx, moved, len(into.Units)); err != nil {
			return err
		}
		steps := []struct {
			what, query string
			args        []any
		}{
			{"updates", `UPDATE updates SET item_id = ? WHERE item_id = ?`, []any{into.ID, from.ID}},
			{"units", `DELETE FROM item_units WHERE item_id = ?`, []any{from.ID}},
			// WHERE before ON CONFLICT: SQLite would otherwise read ON as a join.
			{"links up", `INSERT INTO item_links (item_id, parent_item_id, confirmed, score, updated_at)
 SELECT CAST(? AS TEXT), parent_item_id, confirmed, score, CAST(? AS BIGINT) FROM item_links
 WHERE item_id = ? AND parent_item_id <> ? ON CONFLICT (item_id, parent_item_id) DO NOTHING`,
				[]any{into.ID, ts, from.ID, into.ID}},
			{"links down", `INSERT INTO item_links (item_id, parent_item_id, confirmed, score, updated_at)
 SELECT item_id, CAST(? AS TEXT), confirmed, score, CAST(? AS BIGINT) FROM item_links
 WHERE parent_item_id = ? AND item_id <> ? ON CONFLICT (item_id, parent_item_id) DO NOTHING`,
				[]any{into.ID, ts, from.ID, into.ID}},
			{"links", `DELETE FROM item_links WHERE item_id = ? OR parent_item_id = ?`, []any{from.ID, from.ID}},
			{"children", `UPDATE items SET parent_id = ?, sort_order = sort_order + ?, updated_at = ? WHERE parent_id = ?`,
				[]any{into.ID, next, ts, from.ID}},
			{"drop", `UPDATE items SET dropped = ?, updated_at = ? WHERE id = ?`, []any{true, ts, from.ID}},
		}
		for _, st := range steps {
			if _, err := tx.ExecContext(ctx, s.q(st.query), st.args...); err != nil {
				return fmt.Errorf("merge %s into %s: %s: %w", from.ID, into.ID, st.what, err)
			}
		}
		if err := s.refreshStatus(ctx, tx, into.ID, ts); err != nil {
			return err
		}
		edit.PlanID, edit.ItemID, edit.Action = from.PlanID, from.ID, EditMerged
		if edit.Before == "" && edit.After == "" {
			edit.Before, edit.After = itemLabel(from), itemLabel(into)+" ["+into.ID+"]"
		}
		if err := s.recordEdit(ctx, tx, &edit, ts); err != nil {
			return err
		}
		return s.touchPlan(ctx, tx, into.PlanID, ts)
	}()
	return into, from, err
}

// SetUnits replaces the units of an item (ID or unique prefix) with units,
// in their order; a unit named twice is kept once, as lead if either
// says so. Units are named as the plan region's registry names them; one
// it does not know is ErrInvalid with a *unitname.UnknownError inside. A
// non-nil edit is recorded in the same transaction (Action defaults to
// EditReassigned, Before and After to the unit lists). ErrNotFound for a
// missing item.
func (s *Store) SetUnits(ctx context.Context, itemID string, units []Assignment, edit *ItemEdit) error {
	ts := now()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		id, err := s.resolveIn(ctx, tx, "items", "item", itemID)
		if err != nil {
			return err
		}
		cur, err := s.getItem(ctx, tx, id)
		if err != nil {
			return err
		}
		r, err := s.planRegionTx(ctx, tx, cur.PlanID)
		if err != nil {
			return err
		}
		named := []Item{{Title: cur.Title, Units: slices.Clone(units)}}
		if err := s.resolveItemUnits(ctx, tx, r, named, false); err != nil {
			return err
		}
		clean, err := cleanUnits(id, named[0].Units)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM item_units WHERE item_id = ?`), id); err != nil {
			return fmt.Errorf("units of item %s: %w", id, err)
		}
		if err := s.insertUnits(ctx, tx, clean, 0); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE items SET updated_at = ? WHERE id = ?`), ts, id); err != nil {
			return fmt.Errorf("item %s: %w", id, err)
		}
		if edit != nil {
			e := *edit
			if e.Action == "" {
				e.Action = EditReassigned
			}
			if e.Before == "" && e.After == "" {
				e.Before, e.After = unitsLabel(cur.Units), unitsLabel(clean)
			}
			e.PlanID, e.ItemID = cur.PlanID, id
			if err := s.recordEdit(ctx, tx, &e, ts); err != nil {
				return err
			}
		}
		return s.touchPlan(ctx, tx, cur.PlanID, ts)
	})
	if err != nil {
		return fmt.Errorf("set units: %w", err)
	}
	return nil
}
