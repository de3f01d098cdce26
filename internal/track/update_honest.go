package track

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"planwatch/internal/store"
)

// Honest reporting. A unit reports on the plan's rhythm (Rhythm): each
// period's report is due by its due day. CheckUpdate refuses a date in
// the future, and takes two kinds of update only with a reason, kept with
// the update and shown beside it:
//
//   - 补报: dated before the reporting period still open as of today (the
//     one after PeriodDue(today)), so it answers for a period whose
//     report was due already;
//   - 进度回退: progress below the task's present progress.
//
// An update recorded after the due day of the period it counts for
// (PeriodOf its date) is 迟报 (Late), wherever it is shown.

// FieldReason is the field of the reason (说明) an update needs.
const FieldReason = "reason"

// reasonMarks introduce a reason inside a note, for the doors with no
// field of their own for it (a sheet's 进展情况): "原因：…" or "说明：…".
var reasonMarks = []string{"原因：", "原因:", "说明：", "说明:"}

// reasonOf is the reason given: the field, else what follows a mark in
// the note.
func reasonOf(f UpdateFields) string {
	if r := CleanText(f.Reason); r != "" {
		return r
	}
	for _, m := range reasonMarks {
		if _, after, ok := strings.Cut(f.Note, m); ok {
			return CleanText(after)
		}
	}
	return ""
}

// PeriodOf is the reporting period an update dated day counts for: the
// one whose window (Opens to Due) holds it. Reports dated in the first
// days of a month (up to the due day) answer for the month before.
func (r Rhythm) PeriodOf(day time.Time) Period {
	d := dayOf(day)
	step := 1
	m := int(d.Month())
	if r.Quarterly {
		step = 3
		m = (m-1)/3*3 + 1
	}
	p := r.period(time.Date(d.Year(), time.Month(m), 1, 0, 0, 0, 0, time.UTC), step)
	if d.Before(p.Opens) {
		p = r.period(p.Start.AddDate(0, -step, 0), step)
	}
	return p
}

// OpenFrom is the first day an update may be dated without a reason as
// of today: the day after the due day of the period due (PeriodDue), so
// that the report of the period still open is on time.
func (r Rhythm) OpenFrom(today time.Time) time.Time {
	return r.PeriodDue(today).Due.AddDate(0, 0, 1)
}

// Late reports whether an update is 迟报: recorded (in local time) after
// the due day of the period its date counts for.
func Late(u store.Update, r Rhythm) bool {
	d, err := time.Parse(time.DateOnly, u.Date)
	if err != nil || u.RecordedAt.IsZero() {
		return false
	}
	rec := u.RecordedAt.Local()
	recDay := time.Date(rec.Year(), rec.Month(), rec.Day(), 0, 0, 0, 0, time.UTC)
	return recDay.After(r.PeriodOf(d).Due)
}

// checkHonest adds the reasons an update needs and does not have, and
// sets up.Reason to the one given.
func checkHonest(up *store.Update, f UpdateFields, t UpdateTarget, progressGiven bool, add func(field, code, value, detail string)) {
	up.Reason = reasonOf(f)
	if code, detail := CheckText(up.Reason, MaxNoteChars); code != "" {
		add(FieldReason, code, up.Reason, detail)
		return
	}
	if up.Reason != "" {
		return
	}
	if t.Today != "" && up.Date != "" {
		today, err1 := time.Parse(time.DateOnly, t.Today)
		d, err2 := time.Parse(time.DateOnly, up.Date)
		if err1 == nil && err2 == nil {
			if open := t.Rhythm.OpenFrom(today); d.Before(open) {
				add(FieldReason, "reason_backdate", up.Date, fmt.Sprintf("%s（本期%s起）", t.Rhythm.PeriodOf(d).Label, open.Format(time.DateOnly)))
			}
		}
	}
	if progressGiven && up.Progress < t.Progress {
		add(FieldReason, "reason_regress", fmt.Sprint(up.Progress), fmt.Sprintf("%d%% → %d%%", t.Progress, up.Progress))
	}
}

// UnitLate lists one unit's tasks reported late (迟报) for a period: their
// report counts for it but was recorded after its due day.
type UnitLate struct {
	Unit   string // "" for reports on a task as a whole
	Period Period
	Items  []store.Item
}

// LateReports returns, per unit (sorted), the counted tasks whose report
// for the period due as of asOf (Rhythm.PeriodDue) was recorded after
// the period's due day; items keep the order given. updates should be
// those recorded by asOf (store.PlanUpdates).
func LateReports(items []store.Item, updates []store.Update, asOf time.Time, r Rhythm) []UnitLate {
	p := r.PeriodDue(asOf)
	counted := map[string]store.Item{}
	for _, it := range items {
		if Counted(it) {
			counted[it.ID] = it
		}
	}
	onTime := map[[2]string]bool{}
	late := map[[2]string]bool{}
	for _, u := range updates {
		d, err := time.Parse(time.DateOnly, u.Date)
		if _, ok := counted[u.ItemID]; err != nil || !ok || d.Before(p.Opens) || d.After(p.Due) {
			continue
		}
		k := [2]string{u.Unit, u.ItemID}
		if Late(u, r) {
			late[k] = true
		} else {
			onTime[k] = true
		}
	}
	byUnit := map[string][]store.Item{}
	var units []string
	for _, it := range items {
		for k := range late {
			if k[1] != it.ID || onTime[k] {
				continue
			}
			if _, ok := byUnit[k[0]]; !ok {
				units = append(units, k[0])
			}
			byUnit[k[0]] = append(byUnit[k[0]], it)
		}
	}
	slices.Sort(units)
	out := make([]UnitLate, 0, len(units))
	for _, u := range units {
		out = append(out, UnitLate{Unit: u, Period: p, Items: byUnit[u]})
	}
	return out
}
