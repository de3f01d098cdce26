package track

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"planwatch/internal/store"
)

// CompareRow is one plan's figures on an indicator compared across plans
// (planwatch indicator compare, the web app's /compare): the target for
// one year and the actual figure of the year before, which is what a
// 政府工作报告 states side by side (this year's 5%左右 after last year's
// 5.4%).
type CompareRow struct {
	Plan      store.Plan
	Indicator store.Indicator // targets resolved to the plan's end year
	// Year is the year whose target is shown: the one asked for, else the
	// plan's own (its end year; 0 for a plan without years, whose final
	// target is shown).
	Year       int
	Target     store.Target
	HasTarget  bool
	ActualYear int // Year-1 (0 when Year is 0)
	Actual     float64
	HasActual  bool
	Outlook    Outlook // judged against the target for Year; no verdict without one
}

// NewCompareRow lays out ind, an indicator of plan p, for a comparison of
// year (0: the plan's own year) with what was known at asOf. A target for
// another year does not stand in for the one asked for: a work report's
// 2030 target is no 2026 target, and the row then shows none.
func NewCompareRow(p store.Plan, ind store.Indicator, year int, asOf time.Time) CompareRow {
	ind = ResolveTargets(ind, p.EndYear)
	r := CompareRow{Plan: p, Indicator: ind, Year: year}
	if r.Year == 0 {
		r.Year = p.EndYear
	}
	if r.Year == 0 {
		r.Target, r.HasTarget = FinalTarget(ind)
	} else {
		r.Target, r.HasTarget = TargetFor(ind, r.Year)
		r.ActualYear = r.Year - 1
		r.Actual, r.HasActual = Actual(ind, r.ActualYear, asOf)
	}
	r.Outlook = OnTrackBy(ind, r.Year, asOf)
	if !r.HasTarget {
		// No verdict against a target the row does not show.
		r.Outlook.Known, r.Outlook.OnTrack, r.Outlook.Projection = false, false, false
	}
	return r
}

// OnePerPlan keeps one row per plan, in the order given: the first with a
// target for its year, else the first. A plan holds one indicator per Key
// when made from a document, but indicators added by hand may share one.
func OnePerPlan(rows []CompareRow) []CompareRow {
	at := map[string]int{}
	var out []CompareRow
	for _, r := range rows {
		i, ok := at[r.Plan.ID]
		switch {
		case !ok:
			at[r.Plan.ID] = len(out)
			out = append(out, r)
		case r.HasTarget && !out[i].HasTarget:
			out[i] = r
		}
	}
	return out
}

// SortCompareRows orders rows by region (code, then name; plans without a
// region last), then by plan ID.
func SortCompareRows(rows []CompareRow) {
	slices.SortStableFunc(rows, func(a, b CompareRow) int {
		ea, eb := a.Plan.RegionCode == "" && a.Plan.RegionName == "", b.Plan.RegionCode == "" && b.Plan.RegionName == ""
		if ea != eb {
			if ea {
				return 1
			}
			return -1
		}
		return cmp.Or(strings.Compare(a.Plan.RegionCode, b.Plan.RegionCode),
			strings.Compare(a.Plan.RegionName, b.Plan.RegionName), strings.Compare(a.Plan.ID, b.Plan.ID))
	})
}
