package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// Indicators of plans with their targets and observations. Statistics
// arrive late and get revised: every figure is kept with the moment it
// was recorded, a later one for the same period marked Revised, and
// ObservationsAsOf gives what was known at a moment.

// indCols are the columns scanIndicator reads, from indicators aliased n.
const indCols = `n.id, n.plan_id, n.name, n.indicator_key, n.measure_unit, n.direction, n.is_binding,
 n.baseline_value, n.baseline_year, n.source_start, n.source_end, n.review`

func scanIndicator(row scanner) (Indicator, error) {
	var (
		n    Indicator
		base sql.NullFloat64
	)
	err := row.Scan(&n.ID, &n.PlanID, &n.Name, &n.Key, &n.Unit, &n.Direction, &n.Binding, &base,
		&n.BaselineYear, &n.SourceStart, &n.SourceEnd, &n.Review)
	if base.Valid {
		n.BaselineValue = &base.Float64
	}
	return n, err
}

// obsCols are the columns scanObservation reads, from observations aliased o.
const obsCols = `o.id, o.indicator_id, o.obs_period, o.obs_value, o.source, o.revised, o.recorded_at`

func scanObservation(row scanner) (Observation, error) {
	var (
		o  Observation
		at int64
	)
	err := row.Scan(&o.ID, &o.IndicatorID, &o.Period, &o.Value, &o.Source, &o.Revised, &at)
	o.RecordedAt = fromMillis(at)
	return o, err
}

// queryIndicators returns the indicators matching where (on indicators
// aliased n), by plan and then in the order they were added, each with
// its Targets (by year) and Observations (by period, then as recorded).
func (s *Store) queryIndicators(ctx context.Context, where string, args ...any) ([]Indicator, error) {
	rows, err := s.r.QueryContext(ctx, s.q(`SELECT `+indCols+` FROM indicators n WHERE `+where+
		` ORDER BY n.plan_id, n.id`), args...)
	if err != nil {
		return nil, err
	}
	var out []Indicator
	at := map[string]int{}
	for rows.Next() {
		n, err := scanIndicator(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		at[n.ID] = len(out)
		out = append(out, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 {
		return nil, err
	}
	rows, err = s.r.QueryContext(ctx, s.q(`SELECT t.indicator_id, t.target_year, t.op, t.target_value,
 t.target_value_max, t.approx FROM indicator_targets t JOIN indicators n ON n.id = t.indicator_id WHERE `+where+
		` ORDER BY t.indicator_id, t.target_year, t.op`), args...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var (
			t   Target
			top sql.NullFloat64
		)
		if err := rows.Scan(&t.IndicatorID, &t.Year, &t.Op, &t.Value, &top, &t.Approx); err != nil {
			rows.Close()
			return nil, err
		}
		if top.Valid {
			t.ValueMax = &top.Float64
		}
		if i, ok := at[t.IndicatorID]; ok {
			out[i].Targets = append(out[i].Targets, t)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	obs, err := queryAll(ctx, s, scanObservation, `SELECT `+obsCols+` FROM observations o JOIN indicators n
 ON n.id = o.indicator_id WHERE `+where+` ORDER BY o.indicator_id, o.obs_period, o.recorded_at, o.id`, args...)
	if err != nil {
		return nil, err
	}
	for _, o := range obs {
		if i, ok := at[o.IndicatorID]; ok {
			out[i].Observations = append(out[i].Observations, o)
		}
	}
	return out, nil
}

// Indicators lists the confirmed indicators of a plan (ID or unique
// prefix) in the order they were added, with their Targets and
// Observations; proposed and dismissed ones are Proposals'. ErrNotFound
// if the plan does not exist.
func (s *Store) Indicators(ctx context.Context, planID string) ([]Indicator, error) {
	pid, err := s.resolveIn(ctx, s.r, "plans", "plan", planID)
	if err != nil {
		return nil, err
	}
	out, err := s.queryIndicators(ctx, `n.plan_id = ? AND n.review = ?`, pid, ReviewConfirmed)
	if err != nil {
		return nil, fmt.Errorf("indicators of plan %s: %w", pid, err)
	}
	return out, nil
}

// Indicator returns an indicator by ID or unique ID prefix of at least 6
// characters, with its Targets and Observations; ErrNotFound if none.
func (s *Store) Indicator(ctx context.Context, id string) (Indicator, error) {
	full, err := s.resolveIn(ctx, s.r, "indicators", "indicator", id)
	if err != nil {
		return Indicator{}, err
	}
	out, err := s.queryIndicators(ctx, `n.id = ?`, full)
	if err != nil {
		return Indicator{}, fmt.Errorf("indicator %s: %w", full, err)
	}
	if len(out) == 0 {
		return Indicator{}, fmt.Errorf("indicator %s: %w", full, ErrNotFound)
	}
	return out[0], nil
}

// IndicatorsByKey lists the confirmed indicators of every plan with this Key, by
// plan, with their Targets and Observations: the same quantity followed
// across levels and years. None is not an error.
func (s *Store) IndicatorsByKey(ctx context.Context, key string) ([]Indicator, error) {
	key = strings.TrimSpace(key)
	if key == "" {
		return nil, nil
	}
	out, err := s.queryIndicators(ctx, `n.indicator_key = ? AND n.review = ?`, key, ReviewConfirmed)
	if err != nil {
		return nil, fmt.Errorf("indicators %q: %w", key, err)
	}
	return out, nil
}

// insertIndicator inserts ind (PlanID final) with its targets and
// observations, making IDs where empty. An empty Key becomes the Name.
func (s *Store) insertIndicator(ctx context.Context, tx *sql.Tx, ind *Indicator, ms int64) error {
	if strings.TrimSpace(ind.Name) == "" {
		return errors.New("indicator without a name")
	}
	if ind.ID == "" {
		ind.ID = NewID()
	}
	if ind.Key = strings.TrimSpace(ind.Key); ind.Key == "" {
		ind.Key = strings.TrimSpace(ind.Name)
	}
	var base any
	if ind.BaselineValue != nil {
		base = *ind.BaselineValue
	}
	if ind.Review == "" {
		ind.Review = ReviewConfirmed
	}
	if err := checkReview(ind.Review); err != nil {
		return fmt.Errorf("indicator %q: %w", ind.Name, err)
	}
	_, err := tx.ExecContext(ctx, s.q(`INSERT INTO indicators (id, plan_id, name, indicator_key, measure_unit,
 direction, is_binding, baseline_value, baseline_year, source_start, source_end, created_at, review)
 VALUES (`+placeholders(13)+`)`), ind.ID, ind.PlanID, ind.Name, ind.Key, ind.Unit, ind.Direction, ind.Binding,
		base, ind.BaselineYear, ind.SourceStart, ind.SourceEnd, ms, ind.Review)
	if err != nil {
		if s.d.isUniqueViolation(err) {
			return fmt.Errorf("indicator %s exists: %w", ind.ID, ErrConflict)
		}
		return fmt.Errorf("insert indicator %q: %w", ind.Name, err)
	}
	for i := range ind.Targets {
		t := &ind.Targets[i]
		t.IndicatorID = ind.ID
		var top any
		if t.ValueMax != nil {
			if *t.ValueMax < t.Value {
				return fmt.Errorf("indicator %q: target for %d: range %v–%v runs backwards", ind.Name, t.Year, t.Value, *t.ValueMax)
			}
			top = *t.ValueMax
		}
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO indicator_targets (indicator_id, target_year, op, target_value,
 target_value_max, approx) VALUES (?, ?, ?, ?, ?, ?)`), t.IndicatorID, t.Year, t.Op, t.Value, top, t.Approx)
		if err != nil {
			if s.d.isUniqueViolation(err) {
				return fmt.Errorf("indicator %q: two targets %s for %d: %w", ind.Name, t.Op, t.Year, ErrConflict)
			}
			return fmt.Errorf("indicator %q: target: %w", ind.Name, err)
		}
	}
	for i := range ind.Observations {
		ind.Observations[i].IndicatorID = ind.ID
		if err := s.insertObservation(ctx, tx, &ind.Observations[i], ms); err != nil {
			return fmt.Errorf("indicator %q: %w", ind.Name, err)
		}
	}
	return nil
}

// insertObservation inserts o, making its ID and RecordedAt (ms) when
// zero, and marks it Revised when its period already has a figure.
func (s *Store) insertObservation(ctx context.Context, tx *sql.Tx, o *Observation, ms int64) error {
	if o.Period = strings.TrimSpace(o.Period); o.Period == "" {
		return errors.New("observation without a period")
	}
	if o.ID == "" {
		o.ID = NewID()
	}
	if o.RecordedAt.IsZero() {
		o.RecordedAt = fromMillis(ms)
	}
	var n int
	if err := tx.QueryRowContext(ctx, s.q(`SELECT count(*) FROM observations WHERE indicator_id = ? AND obs_period = ?`),
		o.IndicatorID, o.Period).Scan(&n); err != nil {
		return fmt.Errorf("observation %s: %w", o.Period, err)
	}
	o.Revised = o.Revised || n > 0
	_, err := tx.ExecContext(ctx, s.q(`INSERT INTO observations (id, indicator_id, obs_period, obs_value, source,
 revised, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)`), o.ID, o.IndicatorID, o.Period, o.Value, o.Source, o.Revised,
		toMillis(o.RecordedAt))
	if err != nil {
		if s.d.isUniqueViolation(err) {
			return fmt.Errorf("observation %s exists: %w", o.ID, ErrConflict)
		}
		return fmt.Errorf("observation %s: %w", o.Period, err)
	}
	return nil
}

// AddIndicator adds an indicator with its Targets (and Observations, if
// any) to a plan, ind.PlanID its ID or unique prefix, making IDs where
// empty; an empty Key becomes the Name. On success ind carries them.
// ErrNotFound if the plan does not exist; ErrConflict for two targets of
// one year and operator.
func (s *Store) AddIndicator(ctx context.Context, ind *Indicator) error {
	n := *ind
	n.Targets, n.Observations = slices.Clone(ind.Targets), slices.Clone(ind.Observations)
	ts := now()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		pid, err := s.resolveIn(ctx, tx, "plans", "plan", n.PlanID)
		if err != nil {
			return err
		}
		n.PlanID = pid
		if err := s.insertIndicator(ctx, tx, &n, ts); err != nil {
			return err
		}
		return s.touchPlan(ctx, tx, pid, ts)
	})
	if err != nil {
		return fmt.Errorf("add indicator: %w", err)
	}
	*ind = n
	return nil
}

// AddObservations records figures in one transaction, all or none. Each
// needs the full ID of an existing indicator (ErrNotFound otherwise,
// naming its place in obs, 1-based) and a Period. ID and RecordedAt are
// set when zero; Revised is set when the period already has a figure
// (earlier in obs included). ID, RecordedAt and Revised are written back
// into obs.
func (s *Store) AddObservations(ctx context.Context, obs []Observation) error {
	work := slices.Clone(obs)
	ts := now()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		known := map[string]bool{}
		for i := range work {
			o := &work[i]
			if !known[o.IndicatorID] {
				var n int
				if err := tx.QueryRowContext(ctx, s.q(`SELECT count(*) FROM indicators WHERE id = ?`),
					o.IndicatorID).Scan(&n); err != nil {
					return fmt.Errorf("observation %d: %w", i+1, err)
				}
				if n == 0 {
					return fmt.Errorf("observation %d: indicator %q: %w", i+1, o.IndicatorID, ErrNotFound)
				}
				known[o.IndicatorID] = true
			}
			if err := s.insertObservation(ctx, tx, o, ts); err != nil {
				return fmt.Errorf("observation %d: %w", i+1, err)
			}
		}
		// New figures change how the plan's indicators are judged.
		return s.touchPlansOf(ctx, tx, known, ts)
	})
	if err != nil {
		return fmt.Errorf("add observations: %w", err)
	}
	copy(obs, work)
	return nil
}

// ObservationsAsOf returns, for each indicator of a plan (ID or unique
// prefix) and each period, the figure known at asOf: the latest recorded
// at or before it (the zero time: the latest of all). They come ordered by
// indicator, then period. A report as of a moment is reproducible: later
// revisions do not show. ErrNotFound if the plan does not exist.
func (s *Store) ObservationsAsOf(ctx context.Context, planID string, asOf time.Time) ([]Observation, error) {
	pid, err := s.resolveIn(ctx, s.r, "plans", "plan", planID)
	if err != nil {
		return nil, err
	}
	query := `SELECT ` + obsCols + ` FROM observations o JOIN indicators n ON n.id = o.indicator_id WHERE n.plan_id = ?`
	args := []any{pid}
	if !asOf.IsZero() {
		query += ` AND o.recorded_at <= ?`
		args = append(args, asOf.UnixMilli())
	}
	all, err := queryAll(ctx, s, scanObservation, query+` ORDER BY o.indicator_id, o.obs_period, o.recorded_at, o.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("observations of plan %s: %w", pid, err)
	}
	var out []Observation
	for i, o := range all {
		if i+1 < len(all) && all[i+1].IndicatorID == o.IndicatorID && all[i+1].Period == o.Period {
			continue // a later figure for the same period follows
		}
		out = append(out, o)
	}
	return out, nil
}

// touchPlansOf touches the plans of the given indicators, in a fixed
// order so that concurrent writers take the rows alike.
func (s *Store) touchPlansOf(ctx context.Context, tx *sql.Tx, indicators map[string]bool, ms int64) error {
	plans := map[string]bool{}
	for id := range indicators {
		var pid string
		if err := tx.QueryRowContext(ctx, s.q(`SELECT plan_id FROM indicators WHERE id = ?`), id).Scan(&pid); err != nil {
			return fmt.Errorf("indicator %s: %w", id, err)
		}
		plans[pid] = true
	}
	for _, pid := range slices.Sorted(maps.Keys(plans)) {
		if err := s.touchPlan(ctx, tx, pid, ms); err != nil {
			return err
		}
	}
	return nil
}
