package store

import (
	"context"
	"database/sql"
	"fmt"
)

// UnitMerge is what MergeUnits did: the unit kept (as it is after), the
// one merged into it (as it was), and how many records moved.
type UnitMerge struct {
	Kept, Merged Unit
	Assignments  int // tasks' lead and support assignments
	Updates      int
	Scopes       int // accounts' unit scopes
	Reminders    int
	Plans        int // plans whose records changed
}

// unitMergeRecord is a merge as the audit log keeps it.
type unitMergeRecord struct {
	Kept        unitRecord `json:"kept"`
	Merged      unitRecord `json:"merged"`
	Assignments int        `json:"assignments"`
	Updates     int        `json:"updates"`
	Scopes      int        `json:"scopes"`
	Reminders   int        `json:"reminders"`
}

// MergeUnits merges unit mergeID into keepID (IDs or unique prefixes),
// two units of one region, in one transaction with its audit entry: in
// the region's plans, the merged unit's task assignments (a task naming
// both keeps one, as lead if either led), its updates, the accounts'
// scopes for it and its reminders all move to the kept unit; so do
// scopes for every plan, unless another region has a unit of the merged
// name (the scope may be meant for that one). The merged name and its
// aliases become the kept unit's aliases, the merged unit is removed,
// the kept one confirmed, and every plan whose records changed is
// touched (its cached pages are rebuilt). ErrConflict for one unit twice
// or units of two regions; ErrNotFound for a missing one.
func (s *Store) MergeUnits(ctx context.Context, keepID, mergeID string, actor AuditEntry) (UnitMerge, error) {
	var m UnitMerge
	err := s.audited(ctx, func(tx *sql.Tx) ([]AuditEntry, error) {
		m = UnitMerge{}
		var us [2]Unit
		for i, id := range []string{keepID, mergeID} {
			full, err := s.resolveIn(ctx, tx, "units", "unit", id)
			if err != nil {
				return nil, err
			}
			if us[i], err = s.unitTx(ctx, tx, full); err != nil {
				return nil, err
			}
		}
		keep, merged := us[0], us[1]
		switch {
		case keep.ID == merged.ID:
			return nil, fmt.Errorf("unit %s into itself: %w", keep.Name, ErrConflict)
		case keep.RegionCode != merged.RegionCode:
			return nil, fmt.Errorf("%s (%s) and %s (%s) are units of different regions: %w",
				keep.Name, keep.RegionCode, merged.Name, merged.RegionCode, ErrConflict)
		}
		m.Merged = merged
		if err := s.moveUnitRecords(ctx, tx, keep, merged, &m); err != nil {
			return nil, err
		}
		ts := now()
		steps := []struct {
			what, query string
			args        []any
		}{
			{"aliases", `UPDATE unit_aliases SET unit_id = ? WHERE unit_id = ?`, []any{keep.ID, merged.ID}},
			{"unit", `DELETE FROM units WHERE id = ?`, []any{merged.ID}},
			{"name", `INSERT INTO unit_aliases (region_code, alias, unit_id, created_at) VALUES (?, ?, ?, ?)
 ON CONFLICT (region_code, alias) DO UPDATE SET unit_id = excluded.unit_id`, []any{keep.RegionCode, merged.Name, keep.ID, ts}},
			{"kept", `UPDATE units SET confirmed = ?, updated_at = ? WHERE id = ?`, []any{true, ts, keep.ID}},
		}
		for _, st := range steps {
			if _, err := tx.ExecContext(ctx, s.q(st.query), st.args...); err != nil {
				return nil, fmt.Errorf("merge unit %s into %s: %s: %w", merged.Name, keep.Name, st.what, err)
			}
		}
		var err error
		if m.Kept, err = s.unitTx(ctx, tx, keep.ID); err != nil {
			return nil, err
		}
		e, err := unitEntry(actor, AuditUnitMerge, keep.ID,
			map[string]unitRecord{"kept": keep.record(), "merged": merged.record()},
			unitMergeRecord{Kept: m.Kept.record(), Merged: merged.record(), Assignments: m.Assignments, Updates: m.Updates,
				Scopes: m.Scopes, Reminders: m.Reminders})
		return []AuditEntry{e}, err
	})
	if err != nil {
		return UnitMerge{}, fmt.Errorf("merge units: %w", err)
	}
	return m, nil
}

// moveUnitRecords renames the merged unit to the kept one in the records
// of the region's plans, counting what moved into m, and touches the
// plans that changed.
func (s *Store) moveUnitRecords(ctx context.Context, tx *sql.Tx, keep, merged Unit, m *UnitMerge) error {
	const regionItems = `item_id IN (SELECT i.id FROM items i JOIN plans p ON p.id = i.plan_id WHERE p.region_code = ?)`
	const regionPlans = `plan_id IN (SELECT id FROM plans WHERE region_code = ?)`
	region := keep.RegionCode
	// Plans to touch, found before their rows are renamed.
	rows, err := tx.QueryContext(ctx, s.q(`SELECT DISTINCT i.plan_id FROM items i JOIN plans p ON p.id = i.plan_id
 WHERE p.region_code = ? AND (i.id IN (SELECT item_id FROM item_units WHERE unit_name = ?)
 OR i.id IN (SELECT item_id FROM updates WHERE unit_name = ?)) ORDER BY i.plan_id`), region, merged.Name, merged.Name)
	if err != nil {
		return fmt.Errorf("plans of unit %s: %w", merged.Name, err)
	}
	var plans []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		plans = append(plans, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	var others int
	if err := tx.QueryRowContext(ctx, s.q(`SELECT count(*) FROM units WHERE unit_name = ? AND region_code <> ?`),
		merged.Name, region).Scan(&others); err != nil {
		return fmt.Errorf("unit %s elsewhere: %w", merged.Name, err)
	}
	scopes := `(` + regionPlans + `)`
	if others == 0 {
		scopes = `(` + regionPlans + ` OR plan_id IS NULL)`
	}
	steps := []struct {
		what, query string
		args        []any
		count       *int
	}{
		// A task naming both units keeps the kept one, leading if either led.
		{"lead", `UPDATE item_units SET unit_role = ? WHERE unit_name = ? AND unit_role <> ? AND ` + regionItems + `
 AND item_id IN (SELECT o.item_id FROM item_units o WHERE o.unit_name = ? AND o.unit_role = ?)`,
			[]any{RoleLead, keep.Name, RoleLead, region, merged.Name, RoleLead}, nil},
		{"assignments twice", `DELETE FROM item_units WHERE unit_name = ? AND ` + regionItems + `
 AND item_id IN (SELECT o.item_id FROM item_units o WHERE o.unit_name = ?)`,
			[]any{merged.Name, region, keep.Name}, &m.Assignments},
		{"assignments", `UPDATE item_units SET unit_name = ? WHERE unit_name = ? AND ` + regionItems,
			[]any{keep.Name, merged.Name, region}, &m.Assignments},
		{"updates", `UPDATE updates SET unit_name = ? WHERE unit_name = ? AND ` + regionItems,
			[]any{keep.Name, merged.Name, region}, &m.Updates},
		{"scopes", `UPDATE user_scopes SET unit_name = ? WHERE unit_name = ? AND ` + scopes,
			append([]any{keep.Name, merged.Name}, region), &m.Scopes},
		// An account that held both now holds one scope twice: keep the first.
		{"scopes twice", `DELETE FROM user_scopes WHERE unit_name = ? AND EXISTS (SELECT 1 FROM user_scopes o
 WHERE o.user_id = user_scopes.user_id AND o.unit_name = user_scopes.unit_name
 AND (o.plan_id = user_scopes.plan_id OR o.plan_id IS NULL AND user_scopes.plan_id IS NULL)
 AND (o.sort_order < user_scopes.sort_order OR o.sort_order = user_scopes.sort_order AND o.id < user_scopes.id))`,
			[]any{keep.Name}, nil},
		// A period reminded under both names is the kept unit's one reminder.
		{"reminders twice", `DELETE FROM reminders WHERE unit_name = ? AND ` + regionPlans + ` AND EXISTS
 (SELECT 1 FROM reminders o WHERE o.plan_id = reminders.plan_id AND o.period = reminders.period AND o.unit_name = ?)`,
			[]any{merged.Name, region, keep.Name}, &m.Reminders},
		{"reminders", `UPDATE reminders SET unit_name = ? WHERE unit_name = ? AND ` + regionPlans,
			[]any{keep.Name, merged.Name, region}, &m.Reminders},
	}
	for _, st := range steps {
		res, err := tx.ExecContext(ctx, s.q(st.query), st.args...)
		if err != nil {
			return fmt.Errorf("merge unit %s into %s: %s: %w", merged.Name, keep.Name, st.what, err)
		}
		if st.count != nil {
			n, _ := res.RowsAffected()
			*st.count += int(n)
		}
	}
	ts := now()
	for _, pid := range plans {
		if err := s.touchPlan(ctx, tx, pid, ts); err != nil {
			return err
		}
	}
	m.Plans = len(plans)
	return nil
}
