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
// prefix) as SetPlanSettings does.
func (s *Store) SetPlanRhythm(ctx context.Context, ref, rhythm string, audit func(before, after Plan) (AuditEntry, error)) (before, after Plan, err error) {
	return s.SetPlanSettings(ctx, ref, PlanSettings{Rhythm: rhythm}, audit)
}

// PlanSettings are the parts of a plan its editors change after it was
// made; "" leaves a setting as it is.
type PlanSettings struct {
	Rhythm string // the stored form, see DefaultRhythm
	// Title replaces the plan's title: the stand-in a document without one
	// left (track.UntitledMark), or a title to correct.
	Title string
	// Kind replaces the plan's kind (规划, 行动计划, 工作要点 …).
	Kind string
	// Years replaces the plan's first and last years; nil leaves them.
	Years *PlanYears
}

// PlanYears are the years a plan runs, first and last (the same year for
// a one-year plan).
type PlanYears struct{ Start, End int }

// check refuses years no plan runs over.
func (y PlanYears) check() error {
	if y.Start < 1949 || y.End > 2100 || y.Start > y.End {
		return fmt.Errorf("period %d–%d: want years from 1949 to 2100, the first not after the last", y.Start, y.End)
	}
	return nil
}

// SetPlanSettings changes the settings of a plan (by ID or unique prefix)
// and, in the same transaction, writes the audit entry audit makes from
// the plan before and after: the change and its trail are saved together
// or not at all (an error from audit undoes the change). A new title is
// also kept among the plan's edits (EditRenamed), as task renames are. It
// returns both states. ErrNotFound when there is no such plan; an error
// naming the value when the rhythm is not in the stored form, or when
// nothing is to change.
func (s *Store) SetPlanSettings(ctx context.Context, ref string, set PlanSettings, audit func(before, after Plan) (AuditEntry, error)) (before, after Plan, err error) {
	set.Title, set.Kind = strings.TrimSpace(set.Title), strings.TrimSpace(set.Kind)
	if set.Rhythm == "" && set.Title == "" && set.Kind == "" && set.Years == nil {
		return Plan{}, Plan{}, errors.New("set plan settings: nothing to change")
	}
	if set.Years != nil {
		if err := set.Years.check(); err != nil {
			return Plan{}, Plan{}, fmt.Errorf("set plan settings: %w", err)
		}
	}
	if set.Rhythm != "" {
		if err := checkRhythm(set.Rhythm); err != nil {
			return Plan{}, Plan{}, fmt.Errorf("set plan settings: %w", err)
		}
	}
	id, err := s.resolveIn(ctx, s.r, "plans", "plan", ref)
	if err != nil {
		return Plan{}, Plan{}, fmt.Errorf("set plan settings: %w", err)
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
		a := b
		if set.Rhythm != "" {
			a.Rhythm = set.Rhythm
		}
		if set.Title != "" {
			a.Title = set.Title
		}
		if set.Kind != "" {
			a.Kind = set.Kind
		}
		if set.Years != nil {
			a.StartYear, a.EndYear = set.Years.Start, set.Years.End
		}
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE plans SET report_rhythm = ?, title = ?, plan_kind = ?, start_year = ?, end_year = ?
 WHERE id = ?`), a.Rhythm, a.Title, a.Kind, a.StartYear, a.EndYear, id); err != nil {
			return fmt.Errorf("plan %s: %w", id, err)
		}
		if a.Title != b.Title {
			if err := s.recordEdit(ctx, tx, &ItemEdit{PlanID: id, Action: EditRenamed, Before: b.Title, After: a.Title,
				Reason: "title set"}, ts); err != nil {
				return err
			}
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
		a.UpdatedAt = fromMillis(stamp)
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
		return Plan{}, Plan{}, fmt.Errorf("set plan settings: %w", err)
	}
	return before, after, nil
}
