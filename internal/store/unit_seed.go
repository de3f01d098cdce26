package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// The registry's seeds and the names plans give their units. A plan made
// from a document resolves each lead and supporting unit through its
// region's registry (市发改委 is stored as 市发展改革委 when the registry
// knows that unit by it) and seeds the names it does not know, unconfirmed,
// for a person to review; a task added or reassigned later names units
// the registry knows, or is refused.

// planRegion is what the registry needs of a plan: its region and level.
type planRegion struct{ code, name, level string }

func (s *Store) planRegionTx(ctx context.Context, tx *sql.Tx, planID string) (planRegion, error) {
	var r planRegion
	err := tx.QueryRowContext(ctx, s.q(`SELECT region_code, region_name, plan_level FROM plans WHERE id = ?`), planID).
		Scan(&r.code, &r.name, &r.level)
	if err != nil {
		return r, fmt.Errorf("plan %s: %w", planID, err)
	}
	return r, nil
}

// resolveItemUnits sets the units of items to the canonical names the
// region's registry resolves them to. A name it does not know is seeded
// as an unconfirmed unit when seed is set, else refused: ErrInvalid with
// the registry's *unitname.UnknownError (the closest names) inside.
func (s *Store) resolveItemUnits(ctx context.Context, tx *sql.Tx, r planRegion, items []Item, seed bool) error {
	units, err := s.loadUnits(ctx, tx, "units.region_code = ?", r.code)
	if err != nil {
		return err
	}
	book := bookOf(units)
	ts := now()
	for i := range items {
		for j := range items[i].Units {
			a := &items[i].Units[j]
			name := strings.TrimSpace(a.Unit)
			if name == "" {
				continue
			}
			e, err := book.Resolve(name)
			if err == nil {
				a.Unit = e.Name
				continue
			}
			if !seed {
				return unitError(fmt.Errorf("item %q: %w", items[i].Title, err))
			}
			u := Unit{ID: NewID(), Name: name, RegionCode: r.code, RegionName: r.name, Level: r.level, CreatedBy: UnitSeeded}
			if err := s.insertUnit(ctx, tx, u, ts); err != nil {
				return err
			}
			a.Unit = name
			units = append(units, u)
			book = bookOf(units)
		}
	}
	return nil
}

// seedUnitsFromPlans is step 100's Go part: every unit the stored plans
// name (as lead or support, or in an account's scope for a plan) becomes
// a unit of its plan's region, unconfirmed, under the name as written.
// Names that may be one unit (市发改委 and 市发展改革委) are left apart:
// joining them rewrites records, which is a person's decision (unit
// merge), not a migration's.
func seedUnitsFromPlans(ctx context.Context, s *Store, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT p.region_code, p.region_name, p.plan_level, u.unit_name
 FROM item_units u JOIN items i ON i.id = u.item_id JOIN plans p ON p.id = i.plan_id
 UNION ALL
 SELECT p.region_code, p.region_name, p.plan_level, sc.unit_name
 FROM user_scopes sc JOIN plans p ON p.id = sc.plan_id WHERE sc.unit_name IS NOT NULL`)
	if err != nil {
		return fmt.Errorf("seed units: %w", err)
	}
	type key struct{ region, name string }
	var seeds []Unit
	seen := map[key]bool{}
	for rows.Next() {
		var u Unit
		if err := rows.Scan(&u.RegionCode, &u.RegionName, &u.Level, &u.Name); err != nil {
			rows.Close()
			return fmt.Errorf("seed units: %w", err)
		}
		u.Name = strings.TrimSpace(u.Name)
		k := key{u.RegionCode, u.Name}
		if u.Name == "" || seen[k] {
			continue
		}
		seen[k] = true
		seeds = append(seeds, u)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("seed units: %w", err)
	}
	ts := now()
	for _, u := range seeds {
		u.ID, u.CreatedBy = NewID(), UnitSeeded
		if err := s.insertUnit(ctx, tx, u, ts); err != nil {
			return err
		}
	}
	return nil
}
