package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// InvestCurve returns a plan's own investment curve as track.Curve
// writes it; "" when the plan follows the 12-month year. ErrNotFound for
// an unknown plan.
func (s *Store) InvestCurve(ctx context.Context, planID string) (string, error) {
	pid, err := s.resolveIn(ctx, s.r, "plans", "plan", planID)
	if err != nil {
		return "", fmt.Errorf("investment curve: %w", err)
	}
	var c string
	err = s.r.QueryRowContext(ctx, s.q(`SELECT curve FROM plan_invest_curves WHERE plan_id = ?`), pid).Scan(&c)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("investment curve of %s: %w", pid, err)
	}
	return c, nil
}

// SetInvestCurve sets a plan's investment curve (the caller checks its
// form with track.ParseCurve); "" returns the plan to the 12-month year.
func (s *Store) SetInvestCurve(ctx context.Context, planID, curve string) error {
	curve = strings.TrimSpace(curve)
	ts := now()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		pid, err := s.resolveIn(ctx, tx, "plans", "plan", planID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM plan_invest_curves WHERE plan_id = ?`), pid); err != nil {
			return err
		}
		if curve != "" {
			if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO plan_invest_curves (plan_id, curve) VALUES (?, ?)`), pid, curve); err != nil {
				return err
			}
		}
		return s.touchPlan(ctx, tx, pid, ts)
	})
	if err != nil {
		return fmt.Errorf("set investment curve: %w", err)
	}
	return nil
}
