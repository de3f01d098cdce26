package schedule

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/track"
)

// Reminders is the job that keeps the reminder digests current: for each
// plan, on the plan's own reporting rhythm (track.PlanRhythm), per unit,
// the tasks with no report for the period due (overdue, as
// track.Unreported finds them) and, while its reports are being written,
// for the period just ended (due). Each digest is stored, so the app lists
// it; with a mailer it is also sent to the unit's contacts (the unit's
// reporters with an address) once when due and once when overdue. A unit
// that has since reported, or a period no longer due, closes its digest.
// base is the app's address (config PLANWATCH_BASE_URL): with it, mails
// link each task and the reporting page; "" sends them without links.
func Reminders(st *store.Store, m *Mailer, base string, interval time.Duration) Job {
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
			e.add(remindPlan(ctx, st, m, base, p, now))
		}
		return e.err()
	}}
}

// remindPlan brings one plan's digests up to date and mails what is new.
func remindPlan(ctx context.Context, st *store.Store, m *Mailer, base string, p store.Plan, now time.Time) error {
	rhythm := track.PlanRhythm(p)
	items, err := st.Items(ctx, p.ID, store.ItemFilter{})
	if err != nil {
		return fmt.Errorf("plan %s: %w", p.ID, err)
	}
	ups, err := st.PlanUpdates(ctx, p.ID, now)
	if err != nil {
		return fmt.Errorf("plan %s: %w", p.ID, err)
	}
	gaps := track.Unreported(items, ups, now, rhythm)
	if q, ok := writingPeriod(rhythm, now); ok {
		// As of the day after q's due day, q is the period checked; the
		// updates are those recorded by now.
		gaps = append(gaps, track.Unreported(items, ups, q.Due.AddDate(0, 0, 1), rhythm)...)
	}
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
		stage := saved.Stage(now)
		if m == nil || saved.SentStage == stage || saved.Unit == "" {
			continue
		}
		to, err := st.UnitContacts(ctx, p.ID, saved.Unit)
		if err != nil || len(to) == 0 {
			e.add(err) // no contact: listed in the app only
			continue
		}
		saved.PlanTitle = p.Title
		subject, body := digest(saved, stage, base)
		sendErr := m.Send(ctx, to, subject, body)
		e.add(sendErr)
		e.add(st.MarkReminderSent(ctx, saved.ID, stage, to, now, sendErr))
	}
	_, err = st.ResolveReminders(ctx, p.ID, now, func(r store.Reminder) bool { return open[[2]string{r.Unit, r.Period}] })
	e.add(err)
	return e.err()
}

// writingPeriod returns the period that has ended by now but whose due
// day is still ahead — the days units write its reports — if now is in
// such days. It is the period after the one due (Rhythm.PeriodDue), found
// by walking forward a day at a time until the period due changes.
func writingPeriod(r track.Rhythm, now time.Time) (track.Period, bool) {
	due := r.PeriodDue(now)
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	for d := 1; d <= 120; d++ {
		if q := r.PeriodDue(now.AddDate(0, 0, d)); q.Label != due.Label {
			return q, today.After(q.End)
		}
	}
	return track.Period{}, false
}

// digest is a reminder's subject and text at a stage, in the words of the
// offices; with the app's base address, each task's page and the
// reporting page (/my) are linked, each link on a line of its own so that
// mail programs make it clickable.
func digest(r store.Reminder, stage, base string) (subject, body string) {
	var b strings.Builder
	if stage == store.StageOverdue {
		subject = fmt.Sprintf("【进展逾期提醒】%s：%s %s 有 %d 项任务逾期未报送", r.Unit, r.PlanTitle, r.Period, len(r.Items))
		fmt.Fprintf(&b, "%s：\n\n《%s》%s 的进展应于 %s 前报送，以下 %d 项任务至今未收到贵单位的报送：\n\n",
			r.Unit, r.PlanTitle, r.Period, r.DueOn, len(r.Items))
	} else {
		subject = fmt.Sprintf("【进展报送提醒】%s：%s %s 的进展请于 %s 前报送（%d 项）", r.Unit, r.PlanTitle, r.Period, r.DueOn, len(r.Items))
		fmt.Fprintf(&b, "%s：\n\n《%s》%s 的进展请于 %s 前报送，以下 %d 项任务尚未收到贵单位的报送：\n\n",
			r.Unit, r.PlanTitle, r.Period, r.DueOn, len(r.Items))
	}
	for _, it := range r.Items {
		if it.Number != "" {
			fmt.Fprintf(&b, "  %s %s\n", it.Number, it.Title)
		} else {
			fmt.Fprintf(&b, "  %s\n", it.Title)
		}
		if base != "" {
			fmt.Fprintf(&b, "    %s/tasks/%s\n", base, url.PathEscape(it.ID))
		}
	}
	if base != "" {
		fmt.Fprintf(&b, "\n请登录规划跟踪系统（planwatch）报送进展：\n%s/my\n本邮件由系统自动发送，请勿回复。\n", base)
	} else {
		b.WriteString("\n请登录规划跟踪系统（planwatch）报送进展。本邮件由系统自动发送，请勿回复。\n")
	}
	return subject, b.String()
}
