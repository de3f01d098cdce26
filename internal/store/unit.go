package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"planwatch/internal/unitname"
)

// The unit registry (单位名录, migration 0100): the units plans name, by
// region, with the other names each goes by. Names resolve through a
// unitname.Book built from it; this file reads the registry, unit_change.go
// changes it, unit_seed.go fills it from plans and resolves their units.

// Unit is a unit of the registry.
type Unit struct {
	ID         string
	Name       string // canonical
	RegionCode string // GB/T 2260; "" for plans without a region
	RegionName string
	Level      string // LevelNational … LevelCounty, or ""
	Confirmed  bool   // false while seeded from a plan and not yet reviewed
	CreatedBy  string // a login, cli:$USER, or UnitSeeded
	Aliases    []string
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// UnitSeeded is the CreatedBy of units the registry took from plans.
const UnitSeeded = "seed"

// UnitFilter selects units for Units. Zero fields match every unit.
type UnitFilter struct {
	RegionCode  string // this region's units only
	Unconfirmed bool   // only units not yet confirmed
}

// entry is the unit as a Book reads it.
func (u Unit) entry() unitname.Entry {
	return unitname.Entry{ID: u.ID, Name: u.Name, RegionCode: u.RegionCode, RegionName: u.RegionName, Aliases: u.Aliases}
}

// unitRecord is a unit as the audit log keeps it.
type unitRecord struct {
	ID         string   `json:"id"`
	Name       string   `json:"name"`
	RegionCode string   `json:"region_code"`
	RegionName string   `json:"region_name"`
	Level      string   `json:"level"`
	Confirmed  bool     `json:"confirmed"`
	Aliases    []string `json:"aliases"`
}

func (u Unit) record() unitRecord {
	aliases := u.Aliases
	if aliases == nil {
		aliases = []string{}
	}
	return unitRecord{ID: u.ID, Name: u.Name, RegionCode: u.RegionCode, RegionName: u.RegionName, Level: u.Level,
		Confirmed: u.Confirmed, Aliases: aliases}
}

const unitCols = `id, unit_name, region_code, region_name, unit_level, confirmed, created_by, created_at, updated_at`

// loadUnits reads the units matching where (on units, with args), with
// their aliases, by region and name.
func (s *Store) loadUnits(ctx context.Context, q querier, where string, args ...any) ([]Unit, error) {
	if where == "" {
		where = "1 = 1"
	}
	rows, err := q.QueryContext(ctx, s.q(`SELECT `+unitCols+` FROM units WHERE `+where+` ORDER BY region_code, unit_name`), args...)
	if err != nil {
		return nil, fmt.Errorf("units: %w", err)
	}
	var out []Unit
	at := map[string]int{}
	for rows.Next() {
		var (
			u        Unit
			cre, upd int64
		)
		if err := rows.Scan(&u.ID, &u.Name, &u.RegionCode, &u.RegionName, &u.Level, &u.Confirmed, &u.CreatedBy, &cre, &upd); err != nil {
			rows.Close()
			return nil, fmt.Errorf("units: %w", err)
		}
		u.CreatedAt, u.UpdatedAt = fromMillis(cre), fromMillis(upd)
		at[u.ID] = len(out)
		out = append(out, u)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("units: %w", err)
	}
	if len(out) == 0 {
		return nil, nil
	}
	rows, err = q.QueryContext(ctx, s.q(`SELECT a.unit_id, a.alias FROM unit_aliases a JOIN units ON units.id = a.unit_id
 WHERE `+where+` ORDER BY a.unit_id, a.created_at, a.alias`), args...)
	if err != nil {
		return nil, fmt.Errorf("unit aliases: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, alias string
		if err := rows.Scan(&id, &alias); err != nil {
			return nil, fmt.Errorf("unit aliases: %w", err)
		}
		if i, ok := at[id]; ok {
			out[i].Aliases = append(out[i].Aliases, alias)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("unit aliases: %w", err)
	}
	return out, nil
}

// Units lists the units matching f with their aliases, by region code
// and name.
func (s *Store) Units(ctx context.Context, f UnitFilter) ([]Unit, error) {
	var conds []string
	var args []any
	if f.RegionCode != "" {
		conds, args = append(conds, "units.region_code = ?"), append(args, f.RegionCode)
	}
	if f.Unconfirmed {
		conds, args = append(conds, "units.confirmed = ?"), append(args, false)
	}
	return s.loadUnits(ctx, s.r, strings.Join(conds, " AND "), args...)
}

// Unit returns a unit by ID or unique ID prefix, with its aliases;
// ErrNotFound if there is none.
func (s *Store) Unit(ctx context.Context, id string) (Unit, error) {
	full, err := s.resolveIn(ctx, s.r, "units", "unit", id)
	if err != nil {
		return Unit{}, err
	}
	return s.unitTx(ctx, s.r, full)
}

func (s *Store) unitTx(ctx context.Context, q querier, id string) (Unit, error) {
	us, err := s.loadUnits(ctx, q, "units.id = ?", id)
	if err != nil {
		return Unit{}, err
	}
	if len(us) == 0 {
		return Unit{}, fmt.Errorf("unit %q: %w", id, ErrNotFound)
	}
	return us[0], nil
}

// UnitBook is the registry as a unitname.Book: one region's units (a GB/T
// 2260 code, "" for the units of plans without a region), or every
// region's when all is set.
func (s *Store) UnitBook(ctx context.Context, regionCode string, all bool) (*unitname.Book, error) {
	return s.unitBookTx(ctx, s.r, regionCode, all)
}

func (s *Store) unitBookTx(ctx context.Context, q querier, regionCode string, all bool) (*unitname.Book, error) {
	where, args := "units.region_code = ?", []any{regionCode}
	if all {
		where, args = "", nil
	}
	us, err := s.loadUnits(ctx, q, where, args...)
	if err != nil {
		return nil, err
	}
	return bookOf(us), nil
}

func bookOf(us []Unit) *unitname.Book {
	es := make([]unitname.Entry, len(us))
	for i, u := range us {
		es[i] = u.entry()
	}
	return unitname.NewBook(es)
}

// FindUnit returns the unit a name stands for in a region, resolved as a
// unitname.Book resolves it (aliases, 市发改委 for 市发展改革委); the
// error is the Book's *unitname.UnknownError or *unitname.AmbiguousError.
func (s *Store) FindUnit(ctx context.Context, regionCode, name string) (Unit, error) {
	b, err := s.UnitBook(ctx, regionCode, false)
	if err != nil {
		return Unit{}, err
	}
	e, err := b.Resolve(name)
	if err != nil {
		return Unit{}, err
	}
	return s.unitTx(ctx, s.r, e.ID)
}

// UnitUsage is what the records hold of a unit: the tasks it leads and
// supports, the updates it made, the accounts that report for it, and
// the plans that name it.
type UnitUsage struct {
	Leads, Supports, Updates, Users int
	Plans                           []Plan
}

// UnitUsage counts a unit's records in the plans of its region.
func (s *Store) UnitUsage(ctx context.Context, u Unit) (UnitUsage, error) {
	var n UnitUsage
	// Confirmed items only: a proposal has no owner yet (item_review.go).
	inRegion := `item_id IN (SELECT i.id FROM items i JOIN plans p ON p.id = i.plan_id WHERE p.region_code = ? AND i.dropped = ?
 AND i.review = '` + ReviewConfirmed + `')`
	for _, c := range []struct {
		dst   *int
		query string
		args  []any
	}{
		{&n.Leads, `SELECT count(*) FROM item_units WHERE unit_name = ? AND unit_role = ? AND ` + inRegion,
			[]any{u.Name, RoleLead, u.RegionCode, false}},
		{&n.Supports, `SELECT count(*) FROM item_units WHERE unit_name = ? AND unit_role = ? AND ` + inRegion,
			[]any{u.Name, RoleSupport, u.RegionCode, false}},
		{&n.Updates, `SELECT count(*) FROM updates WHERE unit_name = ? AND ` + inRegion, []any{u.Name, u.RegionCode, false}},
		{&n.Users, `SELECT count(DISTINCT user_id) FROM user_scopes WHERE unit_name = ?
 AND (plan_id IS NULL OR plan_id IN (SELECT id FROM plans WHERE region_code = ?))`, []any{u.Name, u.RegionCode}},
	} {
		if err := s.r.QueryRowContext(ctx, s.q(c.query), c.args...).Scan(c.dst); err != nil {
			return n, fmt.Errorf("unit %s: %w", u.ID, err)
		}
	}
	plans, err := queryAll(ctx, s, scanPlan, `SELECT `+planCols+` FROM plans p WHERE p.region_code = ? AND p.id IN
 (SELECT i.plan_id FROM items i JOIN item_units u ON u.item_id = i.id WHERE u.unit_name = ?) ORDER BY p.id`, u.RegionCode, u.Name)
	if err != nil {
		return n, fmt.Errorf("unit %s: %w", u.ID, err)
	}
	n.Plans = plans
	return n, nil
}

// unitError marks a refused unit name as ErrInvalid, keeping the Book's
// error (errors.As finds *unitname.UnknownError) and its message.
func unitError(err error) error {
	var ue *unitname.UnknownError
	var ae *unitname.AmbiguousError
	if errors.As(err, &ue) || errors.As(err, &ae) {
		return invalidError{err}
	}
	return err
}

// ScopeUnit resolves the unit of an account's scope to its canonical
// name: in the registry of the plan's region (planID an ID or unique
// prefix), or of every region for a scope of every plan (planID ""), where
// a name is refused when it stands for units of different names.
func (s *Store) ScopeUnit(ctx context.Context, planID, name string) (string, error) {
	region, all := "", true
	if planID != "" {
		p, err := s.Plan(ctx, planID)
		if err != nil {
			return "", err
		}
		region, all = p.RegionCode, false
	}
	b, err := s.UnitBook(ctx, region, all)
	if err != nil {
		return "", err
	}
	e, err := b.Resolve(name)
	if err != nil {
		return "", unitError(err)
	}
	return e.Name, nil
}
