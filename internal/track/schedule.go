package track

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"planwatch/internal/store"
)

// Tolerance is how many percentage points progress may stray from 序时进度
// and still count as on schedule. Offices judge by eye against the expected
// share and a report at 45% when 50% is due is not called 滞后; ten points
// is about one month of a one-year task.
const Tolerance = 10.0

// Expected returns 序时进度, the progress due by asOf for a task running
// from start to deadline, in percent (0–100): months elapsed ÷ months
// planned, as offices compute it.
//
// Month counting: every calendar month counts as one month whatever its
// length, and a partial month counts by the share of its days that have
// passed. Both the deadline day and the asOf day count as passed (a report
// "as of 6月30日" covers that day), so a task from 1月1日 to 12月31日 is
// 12 months long and is due 50% as of 6月30日. Times of day are ignored.
func Expected(start, deadline, asOf time.Time) float64 {
	start, end, now := dayOf(start), dayOf(deadline).AddDate(0, 0, 1), dayOf(asOf).AddDate(0, 0, 1)
	planned := monthsBetween(start, end)
	if planned <= 0 {
		// A task with no length is due in full once its day has passed.
		if !now.Before(end) {
			return 100
		}
		return 0
	}
	e := 100 * monthsBetween(start, now) / planned
	return math.Max(0, math.Min(100, e))
}

// dayOf drops the time of day, keeping the calendar date in t's location.
func dayOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// monthsBetween counts the months from the start of day a to the start of
// day b, whole months by the calendar and partial ones by their days.
func monthsBetween(a, b time.Time) float64 {
	whole := float64((b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month()))
	return whole + monthFraction(b) - monthFraction(a)
}

// monthFraction is the share of t's month that has passed at the start of
// day t.
func monthFraction(t time.Time) float64 {
	days := time.Date(t.Year(), t.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
	return float64(t.Day()-1) / float64(days)
}

// ErrNoDates says an item has no schedule: no dates of its own and a plan
// whose document named no years. Such a task is still tracked, only not
// against 序时进度 until someone gives it dates.
var ErrNoDates = errors.New("no dates: neither the item nor its plan has them")

// ItemWindow returns the first and last day of an item: its StartDate and
// Deadline, or when empty the plan's start (1月1日 of StartYear) and end
// (12月31日 of EndYear). Dates may also be written as a year or a month
// ("2025", "2025-06"), which task lists often do: a start is then the first
// day and a deadline the last day of that period. An end that neither
// gives is the zero time, with ErrNoDates (the other end still set).
func ItemWindow(plan store.Plan, it store.Item) (start, deadline time.Time, err error) {
	var missing []string
	if it.StartDate != "" {
		if start, err = parseItemDate(it.StartDate, false); err != nil {
			return start, deadline, fmt.Errorf("item %s start: %w", it.ID, err)
		}
	} else if plan.StartYear > 0 {
		start = time.Date(plan.StartYear, 1, 1, 0, 0, 0, 0, time.UTC)
	} else {
		missing = append(missing, "start")
	}
	if it.Deadline != "" {
		if deadline, err = parseItemDate(it.Deadline, true); err != nil {
			return start, deadline, fmt.Errorf("item %s deadline: %w", it.ID, err)
		}
	} else if plan.EndYear > 0 {
		deadline = time.Date(plan.EndYear, 12, 31, 0, 0, 0, 0, time.UTC)
	} else {
		missing = append(missing, "deadline")
	}
	if len(missing) > 0 {
		return start, deadline, fmt.Errorf("item %s: %s: %w", it.ID, strings.Join(missing, " and "), ErrNoDates)
	}
	return start, deadline, nil
}

// parseItemDate reads YYYY-MM-DD, YYYY-MM or YYYY; a period stands for its
// first day, or its last when last is set.
func parseItemDate(s string, last bool) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, f := range []struct {
		layout string
		years  int
		months int
	}{{"2006-01-02", 0, 0}, {"2006-01", 0, 1}, {"2006", 1, 0}} {
		t, err := time.Parse(f.layout, s)
		if err != nil {
			continue
		}
		if last {
			t = t.AddDate(f.years, f.months, 0)
			if f.years+f.months > 0 {
				t = t.AddDate(0, 0, -1)
			}
		}
		return t, nil
	}
	return time.Time{}, fmt.Errorf("bad date %q: want YYYY-MM-DD", s)
}

// Rhythm is how often units report and by which day of the month after
// the period closes.
type Rhythm struct {
	Quarterly bool // by quarter rather than by month
	DueDay    int  // the day of the next month (monthly) or of the quarter's first month (quarterly); 0 for the default
}

// Default due days: monthly reports by the 5th of the next month,
// quarterly ones by the 20th of the next quarter's first month.
const (
	DefaultMonthlyDueDay   = 5
	DefaultQuarterlyDueDay = 20
)

// The usual reporting rhythms.
var (
	Monthly   = Rhythm{DueDay: DefaultMonthlyDueDay}
	Quarterly = Rhythm{Quarterly: true, DueDay: DefaultQuarterlyDueDay}
)

// ParseRhythm reads a rhythm written as monthly/月报/每月 or
// quarterly/季报/每季度, optionally followed by ":" and a due day
// ("monthly:10", "季报:15").
func ParseRhythm(s string) (Rhythm, error) {
	name, day, hasDay := strings.Cut(foldStatus(s), ":")
	var r Rhythm
	switch name {
	case "monthly", "month", "月", "月报", "每月", "按月":
		r = Monthly
	case "quarterly", "quarter", "季", "季报", "季度", "每季度", "按季度":
		r = Quarterly
	default:
		return Rhythm{}, fmt.Errorf("unknown reporting rhythm %q: want monthly (月报) or quarterly (季报), optionally with :DAY", s)
	}
	if hasDay {
		d, err := strconv.Atoi(day)
		if err != nil || d < 1 || d > 28 {
			return Rhythm{}, fmt.Errorf("bad due day %q in rhythm %q: want 1–28", day, s)
		}
		r.DueDay = d
	}
	return r, nil
}

// Period is one reporting period: the month or quarter reported on and the
// day the report is due.
type Period struct {
	Label string    // "2024-02" or "2024-Q1"
	Start time.Time // first day
	End   time.Time // last day
	Due   time.Time // last day a report is on time
	// Opens is the first day a report counts for this period: the day
	// after the period before was due. Reports written in the first days
	// of a period are about the one before, so the windows never overlap
	// and one report never answers for two periods.
	Opens time.Time
}

// PeriodDue returns the reporting period that is due as of asOf: the
// latest one whose due day has passed. On the due day itself units may
// still report, so the period before is the one checked.
func (r Rhythm) PeriodDue(asOf time.Time) Period {
	now := dayOf(asOf)
	step := 1
	if r.Quarterly {
		step = 3
	}
	// Start from the period holding asOf and walk back until its due day
	// is behind us; at most two steps.
	m := int(now.Month())
	if r.Quarterly {
		m = (m-1)/3*3 + 1
	}
	start := time.Date(now.Year(), time.Month(m), 1, 0, 0, 0, 0, time.UTC)
	for {
		p := r.period(start, step)
		if now.After(p.Due) {
			return p
		}
		start = start.AddDate(0, -step, 0)
	}
}

func (r Rhythm) period(start time.Time, step int) Period {
	day := r.dueDay()
	next := start.AddDate(0, step, 0)
	p := Period{Start: start, End: next.AddDate(0, 0, -1), Due: next.AddDate(0, 0, day-1), Opens: start.AddDate(0, 0, day)}
	if r.Quarterly {
		p.Label = fmt.Sprintf("%d-Q%d", start.Year(), (int(start.Month())-1)/3+1)
	} else {
		p.Label = start.Format("2006-01")
	}
	return p
}

// dueDay is r's due day, the default one when none is set.
func (r Rhythm) dueDay() int {
	switch {
	case r.DueDay > 0:
		return r.DueDay
	case r.Quarterly:
		return DefaultQuarterlyDueDay
	}
	return DefaultMonthlyDueDay
}

// String writes r as the store keeps it and ParseRhythm reads it back:
// "monthly:5", "quarterly:20".
func (r Rhythm) String() string {
	if r.Quarterly {
		return fmt.Sprintf("quarterly:%d", r.dueDay())
	}
	return fmt.Sprintf("monthly:%d", r.dueDay())
}

// PlanRhythm is the reporting rhythm a plan has set (store.Plan.Rhythm),
// monthly by the 5th when it has none or one that cannot be read: a
// reminder or a count on the default rhythm is better than none.
func PlanRhythm(p store.Plan) Rhythm {
	r, err := ParseRhythm(p.Rhythm)
	if err != nil {
		return Monthly
	}
	return r
}
