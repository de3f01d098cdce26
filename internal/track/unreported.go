package track

import (
	"slices"
	"time"

	"planwatch/internal/store"
)

// UnitGap lists the items one unit has not reported on for a period.
type UnitGap struct {
	Unit   string // "" for items with no unit assigned
	Period Period
	Items  []store.Item
}

// Unreported returns, per unit, the items with no update from that unit
// for the reporting period due as of asOf (Rhythm.PeriodDue), sorted by
// unit; items keep the order given.
//
// Lead and support units report separately, so an item shared by three
// units can appear under each of them. An update counts for the period when
// its Date falls between the period's Opens and its due day: reports
// written in the first days of the next month (or quarter) are about the
// one before, and count for it alone.
// An update without a unit speaks for the item as a whole and so counts for
// its lead units, who answer for the item. Only the tasks every view
// counts (Counted: not groups, projects or dropped items) owe reports, and
// of those not the ones done or cancelled, nor those not yet started by
// the period's end (their StartDate is later). Tasks with no unit are
// listed under "" so that nobody loses sight of them.
func Unreported(items []store.Item, updates []store.Update, asOf time.Time, rhythm Rhythm) []UnitGap {
	p := rhythm.PeriodDue(asOf)
	type key struct{ item, unit string }
	reported := map[key]bool{}
	leads := map[string][]string{}
	for _, it := range items {
		for _, a := range it.Units {
			if a.Role != store.RoleSupport {
				leads[it.ID] = append(leads[it.ID], a.Unit)
			}
		}
	}
	for _, u := range updates {
		d, err := time.Parse("2006-01-02", u.Date)
		if err != nil || d.Before(p.Opens) || d.After(p.Due) {
			continue
		}
		if u.Unit != "" {
			reported[key{u.ItemID, u.Unit}] = true
			continue
		}
		reported[key{u.ItemID, ""}] = true
		for _, l := range leads[u.ItemID] {
			reported[key{u.ItemID, l}] = true
		}
	}
	byUnit := map[string][]store.Item{}
	for _, it := range items {
		if r := Reported(it.Status); !Counted(it) || r == StatusDone || r == StatusCancelled || it.Progress >= 100 {
			continue
		}
		if it.StartDate != "" {
			if s, err := parseItemDate(it.StartDate, false); err == nil && s.After(p.End) {
				continue
			}
		}
		if len(it.Units) == 0 {
			if !reported[key{it.ID, ""}] {
				byUnit[""] = append(byUnit[""], it)
			}
			continue
		}
		seen := map[string]bool{}
		for _, a := range it.Units {
			if seen[a.Unit] {
				continue // a unit named as both lead and support reports once
			}
			seen[a.Unit] = true
			if !reported[key{it.ID, a.Unit}] {
				byUnit[a.Unit] = append(byUnit[a.Unit], it)
			}
		}
	}
	units := make([]string, 0, len(byUnit))
	for u := range byUnit {
		units = append(units, u)
	}
	slices.Sort(units)
	out := make([]UnitGap, 0, len(units))
	for _, u := range units {
		out = append(out, UnitGap{Unit: u, Period: p, Items: byUnit[u]})
	}
	return out
}
