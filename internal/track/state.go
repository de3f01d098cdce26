package track

import (
	"cmp"
	"errors"
	"strings"
	"time"

	"planwatch/internal/store"
)

// Where a task stands. StateOf is the one function that says it, and
// every view calls it, directly or through AssessPlan: the plan page and
// the task page, /my and /alerts, `status`, `plan show`, the sheet
// export, the evaluation report and the API. So a task one of them calls
// 逾期 is 逾期 in all of them, and their counts agree.

// Assessment is an item's standing as of a date.
type Assessment struct {
	Status   string    // what every view shows: one of Statuses
	Reported string    // what its units last reported: one of ReportStatuses
	Expected float64   // 序时进度 by the deadline in force, percent (its progress when it has no schedule, ErrNoDates; 0 when its dates cannot be read)
	Progress int       // reported progress, percent
	Gap      float64   // Progress − Expected, percentage points
	Deadline time.Time // the deadline in force: an approved extension's, else its own, else the plan's end
	Overdue  bool      // Status is overdue
	// Behind: progress trails 序时进度 by more than Tolerance. The status
	// says 滞后 unless a stronger one holds (逾期, 已延期, 暂停).
	Behind bool
	// Extension is the approved extension in force as of the date; nil
	// when none.
	Extension *store.Extension
}

// Label is the status's Chinese label.
func (a Assessment) Label() string { return StatusLabel(a.Status) }

// Reported returns the reported status a stored code stands for: the five
// codes as they are, the codes of the old vocabulary (on_schedule, ahead,
// behind, delayed) as in_progress, nothing as not_started.
func Reported(code string) string {
	if code == "" {
		return StatusNotStarted
	}
	if c, ok := statusAliases[foldStatus(code)]; ok {
		return c
	}
	return code
}

// StateOf says where an item stands as of asOf, from its stored Status
// and Progress (set them as of asOf first: AsOfItems), its dates and its
// approved extensions recorded by asOf. In this order:
//
//   - 取消 (cancelled) when its units reported it cancelled;
//   - 已完成 (done) when reported done or at 100%;
//   - 逾期 (overdue) when asOf is after the deadline in force — an
//     extension's new date, else its own deadline, else the plan's end;
//     a paused task past its date is overdue too;
//   - 已延期 (extended) while an approved extension holds;
//   - 暂停 (paused) when reported paused;
//   - 未开始 (not started) when reported not started, at 0%, and not due
//     to have moved past Tolerance yet;
//   - 滞后 (behind) when progress trails 序时进度 by more than Tolerance;
//   - 进行中 (in progress) otherwise.
//
// An item whose dates cannot be read is judged by what was reported; one
// without a schedule (ErrNoDates) likewise, overdue only past a deadline
// of its own.
func StateOf(plan store.Plan, it store.Item, asOf time.Time) Assessment {
	a := Assessment{Reported: Reported(it.Status), Progress: it.Progress}
	start, deadline, ext, err := windowAsOf(plan, it, asOf)
	dated := err == nil
	// A task of a plan whose document named no years (ErrNoDates) has no
	// 序时进度: it is judged by what was reported, and is overdue only
	// past a deadline of its own (or an extension's).
	due := dated || errors.Is(err, ErrNoDates) && !deadline.IsZero()
	if due {
		a.Deadline, a.Extension = deadline, ext
	} else {
		ext = nil
	}
	switch {
	case dated:
		a.Expected = Expected(start, deadline, asOf)
		a.Gap = float64(a.Progress) - a.Expected
		a.Behind = a.Gap < -Tolerance
	case errors.Is(err, ErrNoDates):
		// Nothing is expected beyond what was done: never behind.
		a.Expected = float64(a.Progress)
	}
	switch {
	case a.Reported == StatusCancelled:
		a.Status, a.Behind = StatusCancelled, false
	case a.Reported == StatusDone || a.Progress >= 100:
		a.Status, a.Behind = StatusDone, false
	case due && dayOf(asOf).After(dayOf(deadline)):
		a.Status, a.Overdue = StatusOverdue, true
	case ext != nil:
		a.Status = StatusExtended
	case a.Reported == StatusPaused:
		a.Status = StatusPaused
	case a.Reported == StatusNotStarted && a.Progress <= 0 && (!dated || a.Expected <= Tolerance):
		a.Status, a.Behind = StatusNotStarted, false
	case a.Behind:
		a.Status = StatusBehind
	default:
		a.Status = StatusInProgress
	}
	return a
}

// windowAsOf is ItemWindow with the deadline in force as of asOf: the new
// date of the last extension recorded by then; when every extension was
// recorded later, the deadline the first one replaced.
func windowAsOf(plan store.Plan, it store.Item, asOf time.Time) (start, deadline time.Time, ext *store.Extension, err error) {
	var inForce *store.Extension
	for i := range it.Extensions {
		if !it.Extensions[i].RecordedAt.After(asOf) {
			inForce = &it.Extensions[i]
		}
	}
	switch {
	case inForce != nil:
		it.Deadline = inForce.NewDeadline
	case len(it.Extensions) > 0:
		it.Deadline = it.Extensions[0].OldDeadline
	}
	start, deadline, err = ItemWindow(plan, it)
	return start, deadline, inForce, err
}

// Counted reports whether every view counts an item among a plan's
// tasks: a confirmed task (not a proposal), not a group or a project,
// and not dropped.
func Counted(it store.Item) bool {
	return it.Kind == store.KindTask && !it.Dropped && (it.Review == store.ReviewConfirmed || it.Review == "")
}

// AsOfItems returns items with Status and Progress those of their latest
// update (by Date, then when recorded, then ID) recorded by asOf and
// carrying a status, as the store sets them; an item with none was not
// started then, at 0%. A status for a past date thus shows what was known
// then.
func AsOfItems(items []store.Item, ups []store.Update, asOf time.Time) []store.Item {
	latest := map[string]store.Update{}
	for _, u := range ups {
		if u.RecordedAt.After(asOf) || strings.TrimSpace(u.Status) == "" {
			continue
		}
		l, ok := latest[u.ItemID]
		if !ok || cmp.Or(strings.Compare(u.Date, l.Date), u.RecordedAt.Compare(l.RecordedAt), strings.Compare(u.ID, l.ID)) > 0 {
			latest[u.ItemID] = u
		}
	}
	out := make([]store.Item, len(items))
	for i, it := range items {
		if u, ok := latest[it.ID]; ok {
			it.Status, it.Progress = u.Status, u.Progress
		} else {
			it.Status, it.Progress = StatusNotStarted, 0
		}
		out[i] = it
	}
	return out
}

// TaskState is a counted task with its standing.
type TaskState struct {
	Item store.Item // Status and Progress as of the date
	Assessment
}

// PlanState is a plan as of a date: each task's standing, the counts by
// status, and the reports the units owe on the plan's rhythm. `status`,
// /my, /alerts, the sheet export and the evaluation report all count
// from it.
type PlanState struct {
	AsOf   time.Time
	Rhythm Rhythm
	Period Period         // the reporting period due as of AsOf
	Items  []store.Item   // every item, Status and Progress as of AsOf
	Tasks  []TaskState    // the counted tasks, in plan order
	Counts map[string]int // tasks by status
	Gaps   []UnitGap      // Unreported: per unit, the tasks not reported on for Period
}

// AssessPlan judges a plan's items (as the store lists them, groups and
// dropped items included) as of asOf from the updates recorded by then.
func AssessPlan(plan store.Plan, items []store.Item, ups []store.Update, asOf time.Time, rh Rhythm) PlanState {
	ps := PlanState{AsOf: asOf, Rhythm: rh, Period: rh.PeriodDue(asOf), Counts: map[string]int{}}
	known := make([]store.Update, 0, len(ups))
	for _, u := range ups {
		if !u.RecordedAt.After(asOf) {
			known = append(known, u)
		}
	}
	ups = known
	ps.Items = AsOfItems(items, ups, asOf)
	for _, it := range ps.Items {
		if !Counted(it) {
			continue
		}
		t := TaskState{Item: it, Assessment: StateOf(plan, it, asOf)}
		ps.Tasks = append(ps.Tasks, t)
		ps.Counts[t.Status]++
	}
	ps.Gaps = Unreported(ps.Items, ups, asOf, rh)
	return ps
}

// Count is the number of tasks with a status.
func (ps PlanState) Count(status string) int { return ps.Counts[status] }

// Unreported is the number of tasks some unit owes a report on.
func (ps PlanState) Unreported() int {
	seen := map[string]bool{}
	for _, g := range ps.Gaps {
		for _, it := range g.Items {
			seen[it.ID] = true
		}
	}
	return len(seen)
}

// Task returns the standing of a counted task by ID.
func (ps PlanState) Task(id string) (TaskState, bool) {
	for _, t := range ps.Tasks {
		if t.Item.ID == id {
			return t, true
		}
	}
	return TaskState{}, false
}
