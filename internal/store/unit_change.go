package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"planwatch/internal/unitname"
)

// Changes to the unit registry. Each is saved with its audit entry in one
// transaction; actor is the entry's who and where (ActorID, ActorLogin,
// RequestID, IP: auth.Entry or auth.EntryAs make it), the store fills in
// what and the unit before and after.

// Audit actions of the registry.
const (
	AuditUnitAdd     = "unit.add"
	AuditUnitAlias   = "unit.alias"
	AuditUnitConfirm = "unit.confirm"
	AuditUnitMerge   = "unit.merge"
)

// auditedOnce runs change in a transaction that also appends e, when
// given, to the audit log (retried as audited is).
func (s *Store) auditedOnce(ctx context.Context, e *AuditEntry, change func(tx *sql.Tx) error) error {
	return s.audited(ctx, func(tx *sql.Tx) ([]AuditEntry, error) {
		if err := change(tx); err != nil || e == nil {
			return nil, err
		}
		return []AuditEntry{*e}, nil
	})
}

// audited runs change in a transaction and appends the entries it returns
// in the same one, again while it loses the race for the log's next seq.
func (s *Store) audited(ctx context.Context, change func(tx *sql.Tx) ([]AuditEntry, error)) error {
	return s.retryAudit(ctx, func(tx *sql.Tx) error {
		entries, err := change(tx)
		if err != nil {
			return err
		}
		for _, e := range entries {
			if _, err := s.appendAuditIn(ctx, tx, e); err != nil {
				return err
			}
		}
		return nil
	})
}

// unitEntry is actor's entry for a change of a unit.
func unitEntry(actor AuditEntry, action, id string, before, after any) (AuditEntry, error) {
	return auditEntryOf(actor, action, "unit", id, before, after)
}

// auditEntryOf is actor's entry (who and where) for a change: what, of
// which entity, before and after as JSON.
func auditEntryOf(actor AuditEntry, action, entityType, id string, before, after any) (AuditEntry, error) {
	e := actor
	e.Action, e.EntityType, e.EntityID, e.Before, e.After = action, entityType, id, nil, nil
	for _, p := range []struct {
		dst *json.RawMessage
		v   any
	}{{&e.Before, before}, {&e.After, after}} {
		if p.v == nil {
			continue
		}
		b, err := json.Marshal(p.v)
		if err != nil {
			return e, err
		}
		*p.dst = b
	}
	return e, nil
}

// checkUnitName accepts a unit's name or alias: text on one line of 1–100
// characters.
func checkUnitName(name string) error {
	if name == "" {
		return invalidError{errors.New("a unit needs a name")}
	}
	if len([]rune(name)) > 100 || strings.ContainsAny(name, "\n\r\t\x00") {
		return invalidError{fmt.Errorf("unit name %q: want one line of at most 100 characters", name)}
	}
	return nil
}

// clash says which unit of the book a new name would be taken for: a name
// the registry already reads as another unit (by an alias, or as 市发改委
// reads as 市发展改革委) would make two units of one. "" when none.
func clash(b *unitname.Book, name, self string) string {
	e, err := b.Resolve(name)
	var ae *unitname.AmbiguousError
	switch {
	case err == nil && e.ID != self:
		return e.Name
	case errors.As(err, &ae):
		return strings.Join(ae.Candidates, ", ")
	}
	return ""
}

// AddUnit adds a unit to the registry, confirmed (a person added it), with
// its aliases; ID and times are set. ErrInvalid for an empty or unruly
// name; ErrConflict when the region's registry already reads the name or
// an alias as another unit (the error names it).
func (s *Store) AddUnit(ctx context.Context, u Unit, actor AuditEntry) (Unit, error) {
	u.Name, u.RegionCode, u.RegionName = strings.TrimSpace(u.Name), strings.TrimSpace(u.RegionCode), strings.TrimSpace(u.RegionName)
	names := append([]string{u.Name}, u.Aliases...)
	for _, n := range names {
		if err := checkUnitName(strings.TrimSpace(n)); err != nil {
			return Unit{}, fmt.Errorf("add unit: %w", err)
		}
	}
	u.ID, u.Confirmed = NewID(), true
	if u.CreatedBy == "" {
		u.CreatedBy = actor.ActorLogin
	}
	ts := now()
	u.CreatedAt, u.UpdatedAt = fromMillis(ts), fromMillis(ts)
	aliases := u.Aliases
	u.Aliases = nil
	err := s.audited(ctx, func(tx *sql.Tx) ([]AuditEntry, error) {
		b, err := s.unitBookTx(ctx, tx, u.RegionCode, false)
		if err != nil {
			return nil, err
		}
		for _, n := range names {
			if other := clash(b, n, ""); other != "" {
				return nil, fmt.Errorf("%q is already %s in region %q: %w", n, other, u.RegionCode, ErrConflict)
			}
		}
		if err := s.insertUnit(ctx, tx, u, ts); err != nil {
			return nil, err
		}
		added, err := s.insertAliases(ctx, tx, u, aliases, ts)
		if err != nil {
			return nil, err
		}
		after := u
		after.Aliases = added
		e, err := unitEntry(actor, AuditUnitAdd, u.ID, nil, after.record())
		return []AuditEntry{e}, err
	})
	if err != nil {
		return Unit{}, fmt.Errorf("add unit: %w", err)
	}
	return s.Unit(ctx, u.ID)
}

func (s *Store) insertUnit(ctx context.Context, tx *sql.Tx, u Unit, ts int64) error {
	_, err := tx.ExecContext(ctx, s.q(`INSERT INTO units (`+unitCols+`) VALUES (`+placeholders(9)+`)`),
		u.ID, u.Name, u.RegionCode, u.RegionName, u.Level, u.Confirmed, u.CreatedBy, ts, ts)
	if err != nil {
		if s.d.isUniqueViolation(err) {
			return unitTakenError{fmt.Errorf("unit %s exists in region %q: %w", u.Name, u.RegionCode, ErrConflict)}
		}
		return fmt.Errorf("insert unit %s: %w", u.Name, err)
	}
	return nil
}

// insertAliases gives u the aliases it lacks (trimmed, its own name and
// blanks left out) and returns those added.
func (s *Store) insertAliases(ctx context.Context, tx *sql.Tx, u Unit, aliases []string, ts int64) ([]string, error) {
	var added []string
	for _, a := range aliases {
		a = strings.TrimSpace(a)
		if a == "" || a == u.Name {
			continue
		}
		res, err := tx.ExecContext(ctx, s.q(`INSERT INTO unit_aliases (region_code, alias, unit_id, created_at) VALUES (?, ?, ?, ?)
 ON CONFLICT (region_code, alias) DO NOTHING`), u.RegionCode, a, u.ID, ts)
		if err != nil {
			return nil, fmt.Errorf("alias %s of unit %s: %w", a, u.Name, err)
		}
		if n, _ := res.RowsAffected(); n > 0 {
			added = append(added, a)
		}
	}
	return added, nil
}

// AddUnitAliases gives a unit (ID or unique prefix) other names it goes
// by, unique in its region, and confirms it (naming its aliases is a
// review). ErrConflict when the region's registry reads an alias as
// another unit; an alias the unit already has is left as it is.
func (s *Store) AddUnitAliases(ctx context.Context, id string, aliases []string, actor AuditEntry) (Unit, error) {
	for _, a := range aliases {
		if err := checkUnitName(strings.TrimSpace(a)); err != nil {
			return Unit{}, fmt.Errorf("add alias: %w", err)
		}
	}
	var full string
	err := s.audited(ctx, func(tx *sql.Tx) ([]AuditEntry, error) {
		var err error
		if full, err = s.resolveIn(ctx, tx, "units", "unit", id); err != nil {
			return nil, err
		}
		before, err := s.unitTx(ctx, tx, full)
		if err != nil {
			return nil, err
		}
		b, err := s.unitBookTx(ctx, tx, before.RegionCode, false)
		if err != nil {
			return nil, err
		}
		for _, a := range aliases {
			if other := clash(b, a, before.ID); other != "" {
				return nil, fmt.Errorf("%q is already %s: %w", a, other, ErrConflict)
			}
		}
		ts := now()
		if _, err := s.insertAliases(ctx, tx, before, aliases, ts); err != nil {
			return nil, err
		}
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE units SET confirmed = ?, updated_at = ? WHERE id = ?`), true, ts, full); err != nil {
			return nil, fmt.Errorf("unit %s: %w", full, err)
		}
		after, err := s.unitTx(ctx, tx, full)
		if err != nil {
			return nil, err
		}
		e, err := unitEntry(actor, AuditUnitAlias, full, before.record(), after.record())
		return []AuditEntry{e}, err
	})
	if err != nil {
		return Unit{}, fmt.Errorf("add alias: %w", err)
	}
	return s.Unit(ctx, full)
}

// ConfirmUnits marks units (IDs or unique prefixes) as reviewed, each in
// the audit log; units already confirmed are left alone. It returns how
// many it confirmed.
func (s *Store) ConfirmUnits(ctx context.Context, ids []string, actor AuditEntry) (int, error) {
	n := 0
	err := s.audited(ctx, func(tx *sql.Tx) ([]AuditEntry, error) {
		n = 0
		var entries []AuditEntry
		ts := now()
		for _, id := range ids {
			full, err := s.resolveIn(ctx, tx, "units", "unit", id)
			if err != nil {
				return nil, err
			}
			u, err := s.unitTx(ctx, tx, full)
			if err != nil {
				return nil, err
			}
			if u.Confirmed {
				continue
			}
			if _, err := tx.ExecContext(ctx, s.q(`UPDATE units SET confirmed = ?, updated_at = ? WHERE id = ?`), true, ts, full); err != nil {
				return nil, fmt.Errorf("unit %s: %w", full, err)
			}
			after := u
			after.Confirmed = true
			e, err := unitEntry(actor, AuditUnitConfirm, full, u.record(), after.record())
			if err != nil {
				return nil, err
			}
			entries = append(entries, e)
			n++
		}
		return entries, nil
	})
	if err != nil {
		return 0, fmt.Errorf("confirm units: %w", err)
	}
	return n, nil
}

// unitTakenError is a unit another transaction added between this one's
// reading the registry and its insert: read again, the unit is there.
type unitTakenError struct{ err error }

func (e unitTakenError) Error() string { return e.err.Error() }
func (e unitTakenError) Unwrap() error { return e.err }
