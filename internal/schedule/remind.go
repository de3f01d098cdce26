package schedule

import (
	"context"
	"fmt"
	"strings"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/track"
)

// Reminders is the job that keeps the reminder digests current: for each
// plan, per unit, the tasks with no report for the period due (as
// track.Unreported finds them). Each digest is stored, so the app lists
// it; with a mailer it is also sent, once, to the unit's contacts (the
// unit's reporters with an address). A unit that has since reported, or
// a period no longer due, closes its digest.
func Reminders(st *store.Store, m *Mailer, rhythm track.Rhythm, interval time.Duration) Job {
	return Job{Name: "reminders", Interval: interval, Run: func(ctx context.Context, now time.Time) error {
		plans, err := st.Plans(ctx, store.PlanFilter{})
		if err != nil {
			return err
		}
		var e errs
		for _, p := range plans {
			if Stopping(ctx) {
				break
			}
			e.add(remindPlan(ctx, st, m, rhythm, p, now))
		}
		return e.err()
	}}
}

// remindPlan brings one plan's digests up to date and mails the new ones.
func remindPlan(ctx context.Context, st *store.Store, m *Mailer, rhythm track.Rhythm, p store.Plan, now time.Time) error {
	items, err := st.Items(ctx, p.ID, store.ItemFilter{})
	if err != nil {
		return fmt.Errorf("plan %s: %w", p.ID, err)
	}
	ups, err := st.PlanUpdates(ctx, p.ID, now)
	if err != nil {
		return fmt.Errorf("plan %s: %w", p.ID, err)
	}
	gaps := track.Unreported(items, ups, now, rhythm)
	open := map[[2]string]bool{}
	var e errs
	for _, g := range gaps {
		r := store.Reminder{PlanID: p.ID, Unit: g.Unit, Period: g.Period.Label, DueOn: g.Period.Due.Format(time.DateOnly)}
		for _, it := range g.Items {
			r.Items = append(r.Items, store.ReminderItem{ID: it.ID, Number: it.Number, Title: it.Title})
		}
		open[[2]string{r.Unit, r.Period}] = true
		saved, err := st.SaveReminder(ctx, r, now)
		if err != nil {
			e.add(err)
			continue
		}
		if m == nil || !saved.SentAt.IsZero() || saved.Unit == "" {
			continue
		}
		to, err := st.UnitContacts(ctx, p.ID, saved.Unit)
		if err != nil || len(to) == 0 {
			e.add(err) // no contact: listed in the app only
			continue
		}
		saved.PlanTitle = p.Title
		subject, body := digest(saved)
		sendErr := m.Send(ctx, to, subject, body)
		e.add(sendErr)
		e.add(st.MarkReminderSent(ctx, saved.ID, to, now, sendErr))
	}
	_, err = st.ResolveReminders(ctx, p.ID, now, func(r store.Reminder) bool { return open[[2]string{r.Unit, r.Period}] })
	e.add(err)
	return e.err()
}

// digest is a reminder's subject and text, in the words of the offices.
func digest(r store.Reminder) (subject, body string) {
	subject = fmt.Sprintf("【进展报送提醒】%s：%s %s 有 %d 项任务未报送", r.Unit, r.PlanTitle, r.Period, len(r.Items))
	var b strings.Builder
	fmt.Fprintf(&b, "%s：\n\n《%s》%s 的进展应于 %s 前报送，以下 %d 项任务尚未收到贵单位的报送：\n\n",
		r.Unit, r.PlanTitle, r.Period, r.DueOn, len(r.Items))
	for _, it := range r.Items {
		if it.Number != "" {
			fmt.Fprintf(&b, "  %s %s\n", it.Number, it.Title)
		} else {
			fmt.Fprintf(&b, "  %s\n", it.Title)
		}
	}
	b.WriteString("\n请登录规划跟踪系统（planwatch）报送进展。本邮件由系统自动发送，请勿回复。\n")
	return subject, b.String()
}
