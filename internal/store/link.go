package store

import (
	"context"
	"database/sql"
	"fmt"
)

// Links across plan levels: a county's plan carries out its city's, the
// city's the province's (plan_links); a lower plan's task carries out an
// upper plan's task (item_links). Both hierarchies allow several parents
// and refuse cycles.

// levelRanks order plan levels from the top: a plan carries out plans of
// its own rank or a lower one (a higher level).
var levelRanks = map[string]int{LevelNational: 0, LevelProvince: 1, LevelCity: 2, LevelCounty: 3}

// LevelError is LinkPlans' refusal of a link against the levels: a plan
// carries out (落实) a plan of its own level or a higher one, 区县 → 市 →
// 省 → 国家, never one below it; a plan without a known level cannot be
// placed. It wraps ErrConflict.
type LevelError struct {
	Lower, Upper Plan
}

func (e *LevelError) Error() string {
	lr, lok := levelRanks[e.Lower.Level]
	ur, uok := levelRanks[e.Upper.Level]
	switch {
	case !lok || !uok:
		p := e.Lower
		if lok {
			p = e.Upper
		}
		return fmt.Sprintf("plan %s has no level (%q): want 国家, 省, 市 or 区县 to link it", p.ID, p.Level)
	case lr < ur:
		return fmt.Sprintf("a %s plan cannot implement a %s plan: plans carry out those of their own level or above "+
			"(区县 → 市 → 省 → 国家); link %s to implement %s instead", e.Lower.Level, e.Upper.Level, e.Upper.ID, e.Lower.ID)
	}
	return fmt.Sprintf("plan %s may implement plan %s", e.Lower.ID, e.Upper.ID)
}

func (e *LevelError) Unwrap() error { return ErrConflict }

// Zh says the same in Chinese.
func (e *LevelError) Zh() string {
	lr, lok := levelRanks[e.Lower.Level]
	ur, uok := levelRanks[e.Upper.Level]
	switch {
	case !lok || !uok:
		return "计划层级不明（应为国家、省、市或区县），无法确定落实关系"
	case lr < ur:
		return fmt.Sprintf("%s级计划不能落实%s级计划：下级计划落实本级或上级计划（区县→市→省→国家），请反过来关联", e.Lower.Level, e.Upper.Level)
	}
	return ""
}

// CheckPlanLink says whether lower may implement upper: nil when upper is
// of lower's level or above it, else a *LevelError with the reason.
func CheckPlanLink(lower, upper Plan) error {
	lr, lok := levelRanks[lower.Level]
	ur, uok := levelRanks[upper.Level]
	if !lok || !uok || lr < ur {
		return &LevelError{Lower: lower, Upper: upper}
	}
	return nil
}

// LinkPlans records that plan planID carries out the plan parentPlanID
// (IDs or unique prefixes). Linking twice is harmless. ErrNotFound for a
// missing plan; ErrConflict when the link would close a cycle (a plan
// under itself or under one of its own descendants), and a *LevelError
// (an ErrConflict) when the upper plan is of a lower level (CheckPlanLink).
func (s *Store) LinkPlans(ctx context.Context, planID, parentPlanID string) error {
	ts := now()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		child, err := s.resolveIn(ctx, tx, "plans", "plan", planID)
		if err != nil {
			return err
		}
		parent, err := s.resolveIn(ctx, tx, "plans", "plan", parentPlanID)
		if err != nil {
			return err
		}
		var lower, upper Plan
		for _, p := range []struct {
			id  string
			dst *Plan
		}{{child, &lower}, {parent, &upper}} {
			if *p.dst, err = scanPlan(tx.QueryRowContext(ctx, s.q(`SELECT `+planCols+` FROM plans p WHERE p.id = ?`), p.id)); err != nil {
				return fmt.Errorf("plan %s: %w", p.id, err)
			}
		}
		if err := CheckPlanLink(lower, upper); err != nil {
			return err
		}
		cycle, err := s.reaches(ctx, tx, "plan_links", "plan_id", "parent_plan_id", parent, child)
		if err != nil {
			return err
		}
		if cycle {
			return fmt.Errorf("plan %s under %s would close a cycle: %w", child, parent, ErrConflict)
		}
		_, err = tx.ExecContext(ctx, s.q(`INSERT INTO plan_links (plan_id, parent_plan_id, created_at) VALUES (?, ?, ?)
 ON CONFLICT (plan_id, parent_plan_id) DO NOTHING`), child, parent, ts)
		return err
	})
	if err != nil {
		return fmt.Errorf("link plans: %w", err)
	}
	return nil
}

// relatedPlans lists the plans at the other end of plan_links from a plan
// (ID or unique prefix): its parents when mine is "plan_id", its children
// when mine is "parent_plan_id"; by ID (creation order).
func (s *Store) relatedPlans(ctx context.Context, planID, mine, other string) ([]Plan, error) {
	pid, err := s.resolveIn(ctx, s.r, "plans", "plan", planID)
	if err != nil {
		return nil, err
	}
	plans, err := queryAll(ctx, s, scanPlan, `SELECT `+planCols+` FROM plans p JOIN plan_links l ON l.`+other+` = p.id
 WHERE l.`+mine+` = ? ORDER BY p.id`, pid)
	if err != nil {
		return nil, fmt.Errorf("plans linked to %s: %w", pid, err)
	}
	return plans, nil
}

// LinkedPlans lists both ends at once: the plans a plan (ID or unique
// prefix) carries out and those carrying it out, each oldest first, in
// one query (the plan page shows both on every view). ErrNotFound if
// the plan does not exist.
func (s *Store) LinkedPlans(ctx context.Context, planID string) (parents, children []Plan, err error) {
	pid, err := s.resolveIn(ctx, s.r, "plans", "plan", planID)
	if err != nil {
		return nil, nil, err
	}
	type linked struct {
		p  Plan
		up int // 1: a parent, 0: a child
	}
	rows, err := queryAll(ctx, s, func(sc scanner) (linked, error) {
		var l linked
		var err error
		l.p, err = scanPlan(sideScanner{sc, &l.up})
		return l, err
	}, `SELECT `+planCols+`, 1 FROM plans p JOIN plan_links l ON l.parent_plan_id = p.id WHERE l.plan_id = ?
 UNION ALL SELECT `+planCols+`, 0 FROM plans p JOIN plan_links l ON l.plan_id = p.id WHERE l.parent_plan_id = ?
 ORDER BY 1`, pid, pid)
	if err != nil {
		return nil, nil, fmt.Errorf("plans linked to %s: %w", pid, err)
	}
	parents, children = []Plan{}, []Plan{}
	for _, l := range rows {
		if l.up == 1 {
			parents = append(parents, l.p)
		} else {
			children = append(children, l.p)
		}
	}
	return parents, children, nil
}

// sideScanner scans a row with one column more than its scan function
// reads, the last, into side.
type sideScanner struct {
	scanner
	side any
}

func (s sideScanner) Scan(dest ...any) error { return s.scanner.Scan(append(dest, s.side)...) }

// ParentPlans lists the plans a plan (ID or unique prefix) carries out,
// oldest first. ErrNotFound if the plan does not exist.
func (s *Store) ParentPlans(ctx context.Context, planID string) ([]Plan, error) {
	return s.relatedPlans(ctx, planID, "plan_id", "parent_plan_id")
}

// ChildPlans lists the plans that carry out a plan (ID or unique prefix),
// oldest first. ErrNotFound if the plan does not exist.
func (s *Store) ChildPlans(ctx context.Context, planID string) ([]Plan, error) {
	return s.relatedPlans(ctx, planID, "parent_plan_id", "plan_id")
}

// SetItemLink records (or, for a pair already linked, changes the
// Confirmed mark and Score of) the link saying item l.ItemID carries out
// item l.ParentItemID; both full IDs. ErrNotFound for a missing item;
// ErrConflict when the link would close a cycle.
func (s *Store) SetItemLink(ctx context.Context, l ItemLink) error {
	ts := now()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for _, id := range []string{l.ItemID, l.ParentItemID} {
			var n int
			if err := tx.QueryRowContext(ctx, s.q(`SELECT count(*) FROM items WHERE id = ?`), id).Scan(&n); err != nil {
				return fmt.Errorf("item %s: %w", id, err)
			}
			if n == 0 {
				return fmt.Errorf("item %q: %w", id, ErrNotFound)
			}
		}
		cycle, err := s.reaches(ctx, tx, "item_links", "item_id", "parent_item_id", l.ParentItemID, l.ItemID)
		if err != nil {
			return err
		}
		if cycle {
			return fmt.Errorf("item %s under %s would close a cycle: %w", l.ItemID, l.ParentItemID, ErrConflict)
		}
		_, err = tx.ExecContext(ctx, s.q(`INSERT INTO item_links (item_id, parent_item_id, confirmed, score, updated_at)
 VALUES (?, ?, ?, ?, ?) ON CONFLICT (item_id, parent_item_id)
 DO UPDATE SET confirmed = excluded.confirmed, score = excluded.score, updated_at = excluded.updated_at`),
			l.ItemID, l.ParentItemID, l.Confirmed, l.Score, ts)
		return err
	})
	if err != nil {
		return fmt.Errorf("set item link: %w", err)
	}
	return nil
}

// DeleteItemLink removes the link between two items (full IDs);
// ErrNotFound if there is none.
func (s *Store) DeleteItemLink(ctx context.Context, itemID, parentItemID string) error {
	res, err := s.w.ExecContext(ctx, s.q(`DELETE FROM item_links WHERE item_id = ? AND parent_item_id = ?`),
		itemID, parentItemID)
	if err != nil {
		return fmt.Errorf("delete item link: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("delete item link: %w", err)
	} else if n == 0 {
		return fmt.Errorf("delete item link %s → %s: %w", itemID, parentItemID, ErrNotFound)
	}
	return nil
}

// ItemLinks lists the links of a plan (ID or unique prefix): those whose
// item or parent item belongs to it, upward and downward, by item and
// then parent item. ErrNotFound if the plan does not exist.
func (s *Store) ItemLinks(ctx context.Context, planID string) ([]ItemLink, error) {
	pid, err := s.resolveIn(ctx, s.r, "plans", "plan", planID)
	if err != nil {
		return nil, err
	}
	rows, err := s.r.QueryContext(ctx, s.q(`SELECT l.item_id, l.parent_item_id, l.confirmed, l.score FROM item_links l
 WHERE l.item_id IN (SELECT id FROM items WHERE plan_id = ?) OR l.parent_item_id IN (SELECT id FROM items WHERE plan_id = ?)
 ORDER BY l.item_id, l.parent_item_id`), pid, pid)
	if err != nil {
		return nil, fmt.Errorf("item links of plan %s: %w", pid, err)
	}
	defer rows.Close()
	var out []ItemLink
	for rows.Next() {
		var l ItemLink
		if err := rows.Scan(&l.ItemID, &l.ParentItemID, &l.Confirmed, &l.Score); err != nil {
			return nil, fmt.Errorf("item links of plan %s: %w", pid, err)
		}
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("item links of plan %s: %w", pid, err)
	}
	return out, nil
}
