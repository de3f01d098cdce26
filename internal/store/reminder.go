package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/mail"
	"strconv"
	"strings"
	"time"
)

// Reminders are the digests of a unit's tasks with no report for a period
// that has ended: due while its due day is ahead, overdue after. The
// server keeps one per plan, unit and period current each round, mails it
// to the unit's contacts once per stage when a relay is configured, and
// lists it in the app either way.

// ReminderItem is one task a reminder names.
type ReminderItem struct {
	ID     string `json:"id"`
	Number string `json:"number"`
	Title  string `json:"title"`
}

// Reminder is one unit's digest for one plan and period.
type Reminder struct {
	ID         string
	PlanID     string
	PlanTitle  string // read from the plan, not stored
	Unit       string // "" for tasks with no unit
	Period     string // 2025-06 or 2025-Q2
	DueOn      string // YYYY-MM-DD
	Items      []ReminderItem
	Recipients []string // addresses the message went to
	SentStage  string   // the stage last mailed: "", StageDue or StageOverdue
	SentAt     time.Time
	SendError  string
	ResolvedAt time.Time // zero while the unit still owes reports
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Reminder stages.
const (
	StageDue     = "due"     // the period has ended, its due day is ahead
	StageOverdue = "overdue" // the due day has passed
)

// Stage is the reminder's stage on day t.
func (r Reminder) Stage(t time.Time) string {
	if t.Format(dateLayout) > r.DueOn {
		return StageOverdue
	}
	return StageDue
}

// SaveReminder stores the current digest of a plan, unit and period at t:
// a new row, or the existing one with its items replaced and reopened.
// The row returned says whether it was mailed already.
func (s *Store) SaveReminder(ctx context.Context, r Reminder, t time.Time) (Reminder, error) {
	items, err := json.Marshal(r.Items)
	if err != nil {
		return Reminder{}, fmt.Errorf("reminder: %w", err)
	}
	at := t.UnixMilli()
	_, err = s.w.ExecContext(ctx, s.q(`INSERT INTO reminders (id, plan_id, unit_name, period, due_on, items, recipients, sent_stage,
 sent_at, send_error, resolved_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, '', '', 0, '', 0, ?, ?)
 ON CONFLICT (plan_id, unit_name, period) DO UPDATE SET due_on = excluded.due_on, items = excluded.items,
 resolved_at = 0, updated_at = excluded.updated_at`),
		NewID(), r.PlanID, r.Unit, r.Period, r.DueOn, string(items), at, at)
	if err != nil {
		return Reminder{}, fmt.Errorf("reminder %s %s %s: %w", r.PlanID, r.Unit, r.Period, err)
	}
	got, err := s.reminders(ctx, ` WHERE r.plan_id = ? AND r.unit_name = ? AND r.period = ?`, 1, r.PlanID, r.Unit, r.Period)
	if err != nil {
		return Reminder{}, err
	}
	if len(got) == 0 {
		return Reminder{}, fmt.Errorf("reminder %s %s %s: %w", r.PlanID, r.Unit, r.Period, ErrNotFound)
	}
	return got[0], nil
}

// MarkReminderSent records a delivery attempt at t of the stage's
// message: the addresses and, on success (sendErr nil), the stage and
// time sent; a failure keeps the last stage sent, so the next round tries
// again.
func (s *Store) MarkReminderSent(ctx context.Context, id, stage string, to []string, t time.Time, sendErr error) error {
	var err error
	if sendErr != nil {
		_, err = s.w.ExecContext(ctx, s.q(`UPDATE reminders SET recipients = ?, send_error = ? WHERE id = ?`),
			clip(strings.Join(to, ", "), 4000), clip(sendErr.Error(), 2000), id)
	} else {
		_, err = s.w.ExecContext(ctx, s.q(`UPDATE reminders SET recipients = ?, sent_stage = ?, sent_at = ?, send_error = '' WHERE id = ?`),
			clip(strings.Join(to, ", "), 4000), stage, t.UnixMilli(), id)
	}
	if err != nil {
		return fmt.Errorf("reminder %s: %w", id, err)
	}
	return nil
}

// ResolveReminders closes the open reminders of a plan that keep is false
// for (the unit has reported, or the period is no longer the one due),
// at t, and returns how many.
func (s *Store) ResolveReminders(ctx context.Context, planID string, t time.Time, keep func(Reminder) bool) (int, error) {
	open, err := s.reminders(ctx, ` WHERE r.plan_id = ? AND r.resolved_at = 0`, 0, planID)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, r := range open {
		if keep(r) {
			continue
		}
		if _, err := s.w.ExecContext(ctx, s.q(`UPDATE reminders SET resolved_at = ?, updated_at = ? WHERE id = ?`),
			t.UnixMilli(), t.UnixMilli(), r.ID); err != nil {
			return n, fmt.Errorf("reminder %s: %w", r.ID, err)
		}
		n++
	}
	return n, nil
}

// OpenReminders lists the reminders still open, newest first, at most
// limit (default 200).
func (s *Store) OpenReminders(ctx context.Context, limit int) ([]Reminder, error) {
	if limit <= 0 || limit > 1000 {
		limit = 200
	}
	return s.reminders(ctx, ` WHERE r.resolved_at = 0`, limit)
}

func (s *Store) reminders(ctx context.Context, where string, limit int, args ...any) ([]Reminder, error) {
	page := ""
	if limit > 0 {
		page = ` LIMIT ` + strconv.Itoa(limit)
	}
	out, err := queryAll(ctx, s, func(sc scanner) (Reminder, error) {
		var (
			r                               Reminder
			items, to                       string
			sent, resolved, created, update int64
		)
		err := sc.Scan(&r.ID, &r.PlanID, &r.PlanTitle, &r.Unit, &r.Period, &r.DueOn, &items, &to, &r.SentStage, &sent, &r.SendError,
			&resolved, &created, &update)
		if err != nil {
			return r, err
		}
		if err := json.Unmarshal([]byte(items), &r.Items); err != nil {
			return r, fmt.Errorf("reminder %s items: %w", r.ID, err)
		}
		if to != "" {
			r.Recipients = strings.Split(to, ", ")
		}
		r.SentAt, r.ResolvedAt = fromMillis(sent), fromMillis(resolved)
		r.CreatedAt, r.UpdatedAt = fromMillis(created), fromMillis(update)
		return r, nil
	}, `SELECT r.id, r.plan_id, p.title, r.unit_name, r.period, r.due_on, r.items, r.recipients, r.sent_stage, r.sent_at, r.send_error,
 r.resolved_at, r.created_at, r.updated_at FROM reminders r JOIN plans p ON p.id = r.plan_id`+where+
		` ORDER BY r.updated_at DESC, r.id`+page, args...)
	if err != nil {
		return nil, fmt.Errorf("reminders: %w", err)
	}
	return out, nil
}

// CheckEmail accepts one bare address (name@host), as reminders need it.
func CheckEmail(addr string) (string, error) {
	addr = strings.TrimSpace(addr)
	a, err := mail.ParseAddress(addr)
	if err != nil || a.Address != addr || a.Name != "" || strings.ContainsAny(addr, " ,;<>\r\n") {
		return "", fmt.Errorf("e-mail address %q: want one address such as name@example.gov.cn", addr)
	}
	return addr, nil
}

// SetUserEmail sets (or, with "", clears) the address reminders for a
// user go to, and returns the previous one.
func (s *Store) SetUserEmail(ctx context.Context, userID, addr string) (before string, err error) {
	if addr != "" {
		if addr, err = CheckEmail(addr); err != nil {
			return "", err
		}
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, s.q(`SELECT email FROM users WHERE id = ?`), userID).Scan(&before)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("user %s: %w", userID, ErrNotFound)
		}
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, s.q(`UPDATE users SET email = ?, updated_at = ? WHERE id = ?`), addr, now(), userID)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("set e-mail: %w", err)
	}
	return before, nil
}

// UserEmail returns a user's address, "" when none was given.
func (s *Store) UserEmail(ctx context.Context, userID string) (string, error) {
	var addr string
	err := s.r.QueryRowContext(ctx, s.q(`SELECT email FROM users WHERE id = ?`), userID).Scan(&addr)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("user %s: %w", userID, ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("user %s: %w", userID, err)
	}
	return addr, nil
}

// UnitContacts returns the addresses of the enabled reporters for a unit
// in a plan (a scope naming the unit in that plan or in every plan), in
// login order, each once.
func (s *Store) UnitContacts(ctx context.Context, planID, unit string) ([]string, error) {
	out, err := queryAll(ctx, s, func(sc scanner) (string, error) {
		var a string
		return a, sc.Scan(&a)
	}, `SELECT u.email FROM users u WHERE u.user_role = ? AND u.disabled = ? AND u.email <> ''
 AND EXISTS (SELECT 1 FROM user_scopes sc WHERE sc.user_id = u.id AND sc.unit_name = ? AND (sc.plan_id IS NULL OR sc.plan_id = ?))
 ORDER BY u.login`, RoleReporter, false, unit, planID)
	if err != nil {
		return nil, fmt.Errorf("contacts of %s: %w", unit, err)
	}
	var uniq []string
	seen := map[string]bool{}
	for _, a := range out {
		if k := strings.ToLower(a); !seen[k] {
			seen[k] = true
			uniq = append(uniq, a)
		}
	}
	return uniq, nil
}
