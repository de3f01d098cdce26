package web

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/track"
	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// duty is a plan a user reports on and the units they report for in it;
// "" stands for the task as a whole (editors and admins, who answer for
// every task of the plans they hold).
type duty struct {
	Plan   store.Plan
	Units  []string
	Period track.Period // the plan's reporting period due, on its own rhythm
}

// myTask is a task a user's unit owes a report on: no update from the
// unit for the reporting period due, or past its deadline and not done.
type myTask struct {
	Plan       store.Plan
	Item       store.Item
	Unit       string // the unit reporting; "" for the task as a whole
	Lead       []string
	Support    []string
	Deadline   time.Time
	Assessment track.Assessment
	Unreported bool
	Period     track.Period  // the period Unreported is about, on the plan's rhythm
	Last       *store.Update // the task's latest update, from any unit
	// Posted is the update just posted on this row from the page's quick
	// form: the row stays in its place, saying so, though nothing is owed.
	Posted *store.Update
}

// myData is what the "My updates" page and its API show.
type myData struct {
	AsOf time.Time
	// Period is the reporting period due when every plan of the user
	// reports on the same rhythm; zero when they differ (each duty then
	// names its own).
	Period track.Period
	Mixed  bool // the duties' periods differ
	Duties []duty
	// parts are the tasks owed, plan by plan (Tasks lists them all): each
	// plan's list is shared with other requests, not copied into one.
	parts []myPart
}

// Tasks lists the tasks owed across the plans, plan by plan.
func (d *myData) Tasks() []myTask {
	var out []myTask
	for _, part := range d.parts {
		out = append(out, part.tasks...)
	}
	return out
}

// mayReport reports whether a user has anything to report on at all: the
// nav link and /my are for them.
func mayReport(u *store.User) bool {
	if u == nil || u.Disabled {
		return false
	}
	switch u.Role {
	case store.RoleAdmin:
		return true
	case store.RoleEditor, store.RoleReporter:
		return len(u.Scopes) > 0
	}
	return false
}

// myUser returns the signed-in user who may report, or a 403 problem.
func myUser(ctx context.Context) (*store.User, error) {
	u, _ := auth.UserFrom(ctx)
	if !mayReport(u) {
		return nil, respond.Forbidden(translate(langFrom(ctx), "my.forbidden"))
	}
	return u, nil
}

// scopedPlans lists the plans u's scopes name when each names one (a
// reporter or editor of some plans), nil when u holds every plan: /my
// then reads only those, not the whole library, to find u's duties.
func scopedPlans(u *store.User) []string {
	if u.Role == store.RoleAdmin {
		return nil
	}
	var ids []string
	for _, sc := range u.Scopes {
		if sc.PlanID == "" {
			return nil
		}
		if !slices.Contains(ids, sc.PlanID) {
			ids = append(ids, sc.PlanID)
		}
	}
	return ids
}

// unitsOf lists an item's lead and support units.
func unitsOf(it store.Item) (lead, support []string) {
	for _, a := range it.Units {
		if a.Role == store.RoleSupport {
			support = append(support, a.Unit)
		} else {
			lead = append(lead, a.Unit)
		}
	}
	return lead, support
}

// mayPost reports whether u may post for unit on the item of plan.
func mayPost(u *store.User, planID, unit string, it store.Item) bool {
	lead, support := unitsOf(it)
	return auth.Can(u, auth.PostUpdate, auth.Target{PlanID: planID, Unit: unit, LeadUnits: lead, SupportUnits: support})
}

// loadMy gathers what u's units must report across the plans u holds, as
// of the server's now: reporters by their plan+unit scopes, editors and
// admins for the tasks as a whole. Each plan is judged as of the end of
// today, as the plan page judges it (dates count in whole days), and that
// judgement is cached per plan (myPlans): a reporter of a unit in every
// plan of a province would otherwise have every update of every plan read
// and judged on each visit.
func (s *Server) loadMy(ctx context.Context, u *store.User) (*myData, error) {
	return s.loadMyPosted(ctx, u, nil)
}

// loadMyPosted is loadMy keeping the row of posted, an update just posted
// from the page, in its place (nil: none).
func (s *Server) loadMyPosted(ctx context.Context, u *store.User, posted *store.Update) (*myData, error) {
	now := s.now()
	asOf := endOfDay(now)
	d := &myData{AsOf: now}
	plans, err := s.st.Plans(ctx, store.PlanFilter{IDs: scopedPlans(u)})
	if err != nil {
		return nil, fmt.Errorf("my tasks: %w", err)
	}
	for _, p := range plans {
		var units []string
		if u.Role == store.RoleReporter {
			for _, sc := range u.Scopes {
				if (sc.PlanID == "" || sc.PlanID == p.ID) && !slices.Contains(units, sc.Unit) {
					units = append(units, sc.Unit)
				}
			}
		} else if auth.Can(u, auth.PostUpdate, auth.Target{PlanID: p.ID}) {
			units = []string{""}
		}
		if len(units) == 0 {
			continue
		}
		b, err := s.myPlans.get(ctx, p, asOf, func() (*myPlanBase, error) {
			// Not cancelled with this request: others may be waiting for it.
			return s.buildMyPlanBase(context.WithoutCancel(ctx), p, asOf)
		})
		if err != nil {
			return nil, err
		}
		// A unit held for every plan counts only in plans that name it.
		units = slices.DeleteFunc(units, func(unit string) bool { return unit != "" && !b.named[unit] })
		if len(units) == 0 {
			continue
		}
		d.Duties = append(d.Duties, duty{Plan: p, Units: units, Period: b.state.Period})
		part := myPart{base: b, units: units}
		part.tasks, part.posted = b.due(p, units, posted)
		if len(part.tasks) > 0 {
			d.parts = append(d.parts, part)
		}
	}
	for i, du := range d.Duties {
		if i > 0 && du.Period != d.Period {
			d.Period, d.Mixed = track.Period{}, true
			break
		}
		d.Period = du.Period
	}
	return d, nil
}

// myPlanBase is what /my needs of one plan as of a day, the same for
// every user: shared between requests and read only.
type myPlanBase struct {
	state track.PlanState
	named map[string]bool // the units the plan's items name
	// unreported holds item+unit pairs without a report for the period
	// due, and item+"" for every such item (the plan's editors see every
	// gap).
	unreported map[myKey]bool
	last       map[string]store.Update // each item's latest update
	// dueLists keeps dueTasks' list per set of units (joined by NUL),
	// rows their rendered rows (myRows): the same for every user until
	// the plan changes, so computed once. Both are read only once stored.
	dueLists, rows sync.Map
}

type myKey struct{ item, unit string }

// buildMyPlanBase judges plan p as of asOf for /my: what track.AssessPlan
// says, as `status`, /alerts and the report say it.
func (s *Server) buildMyPlanBase(ctx context.Context, p store.Plan, asOf time.Time) (*myPlanBase, error) {
	items, err := s.st.Items(ctx, p.ID, store.ItemFilter{})
	if err != nil {
		return nil, fmt.Errorf("my tasks: %w", err)
	}
	ups, err := s.st.PlanUpdates(ctx, p.ID, time.Time{})
	if err != nil {
		return nil, fmt.Errorf("my tasks: %w", err)
	}
	b := &myPlanBase{state: track.AssessPlan(p, items, ups, asOf, track.PlanRhythm(p)), named: map[string]bool{},
		unreported: map[myKey]bool{}, last: map[string]store.Update{}}
	for _, it := range items {
		for _, a := range it.Units {
			b.named[a.Unit] = true
		}
	}
	for _, g := range b.state.Gaps {
		for _, it := range g.Items {
			b.unreported[myKey{it.ID, g.Unit}] = true
			b.unreported[myKey{it.ID, ""}] = true
		}
	}
	for _, up := range ups { // by item, then date, then recording: the last wins
		b.last[up.ItemID] = up
	}
	return b, nil
}

// due is what dueTasks lists for p and units (read only: it may be
// shared), and whether it holds the row of posted. A list without such a
// row is the same on every visit until the plan changes: kept in b.
func (b *myPlanBase) due(p store.Plan, units []string, posted *store.Update) ([]myTask, bool) {
	key := strings.Join(units, "\x00")
	if v, ok := b.dueLists.Load(key); ok && posted == nil {
		return v.([]myTask), false
	}
	due := b.dueTasks(p, units, posted)
	held := slices.ContainsFunc(due, func(t myTask) bool { return t.Posted != nil })
	if !held {
		b.dueLists.Store(key, due)
	}
	return due, held
}

// dueTasks lists, for each unit, the plan's tasks it owes a report on,
// reports being due on the plan's rhythm, or overdue.
//
// The row of posted (an update just posted, or nil) is kept even when
// nothing is owed on it any more, so the page does not lose the place.
func (b *myPlanBase) dueTasks(p store.Plan, units []string, posted *store.Update) []myTask {
	var out []myTask
	for _, unit := range units {
		for _, ts := range b.state.Tasks {
			it := ts.Item
			justPosted := posted != nil && posted.ItemID == it.ID && posted.Unit == unit
			if !b.unreported[myKey{it.ID, unit}] && !ts.Overdue && !justPosted {
				continue
			}
			lead, support := unitsOf(it)
			if unit != "" && !slices.Contains(lead, unit) && !slices.Contains(support, unit) {
				continue
			}
			t := myTask{Plan: p, Item: it, Unit: unit, Lead: lead, Support: support, Unreported: b.unreported[myKey{it.ID, unit}],
				Period: b.state.Period, Deadline: ts.Deadline, Assessment: ts.Assessment}
			if up, ok := b.last[it.ID]; ok {
				t.Last = &up
			}
			if justPosted {
				t.Posted = posted
			}
			out = append(out, t)
		}
	}
	return out
}

// dutyFor finds the plan (ID or unique prefix) and unit u reports for
// among the duties; unit "" picks the only unit held in the plan, and a
// unit is read as the unit registry of the plan's region reads it
// (市发改委 for 市发展改革委). A 403 problem when u holds no such pair,
// 400 when the choice is ambiguous.
func (s *Server) dutyFor(ctx context.Context, duties []duty, planRef, unit string) (store.Plan, string, error) {
	lang := langFrom(ctx)
	if planRef == "" {
		if len(duties) != 1 {
			return store.Plan{}, "", respond.BadRequest(translate(lang, "my.err.plan"))
		}
		planRef = duties[0].Plan.ID
	}
	for _, d := range duties {
		if d.Plan.ID != planRef && !(len(planRef) >= 6 && len(planRef) < len(d.Plan.ID) && d.Plan.ID[:len(planRef)] == planRef) {
			continue
		}
		if unit != "" && !slices.Contains(d.Units, unit) {
			if u, err := s.st.FindUnit(ctx, d.Plan.RegionCode, unit); err == nil {
				unit = u.Name
			}
		}
		switch {
		case slices.Contains(d.Units, unit):
			return d.Plan, unit, nil
		case unit == "" && len(d.Units) == 1:
			return d.Plan, d.Units[0], nil
		case unit == "":
			return store.Plan{}, "", respond.BadRequest(translate(lang, "my.err.unit"))
		}
		break
	}
	return store.Plan{}, "", respond.Forbidden(fmt.Sprintf("%s: %s %s", translate(lang, "my.err.duty"), planRef, unit))
}
