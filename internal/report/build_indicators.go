package report

import (
	"cmp"
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"planwatch/internal/region"
	"planwatch/internal/store"
	"planwatch/internal/track"
)

// indicators returns the plan's indicators as of asOf, in the order the
// plan lists them.
func (s *snapshot) indicators() []IndicatorRow {
	out := make([]IndicatorRow, 0, len(s.inds))
	for _, ind := range s.inds {
		out = append(out, s.indicator(ind))
	}
	return out
}

func (s *snapshot) indicator(ind store.Indicator) IndicatorRow {
	o := track.OnTrackBy(ind, s.plan.EndYear, s.asOf)
	row := IndicatorRow{
		IndicatorID: ind.ID,
		Name:        ind.Name,
		Unit:        ind.Unit,
		Direction:   ind.Direction,
		Binding:     ind.Binding,
		OnTrack:     o.OnTrack,
		Known:       o.Known,
		Ref:         s.sources.document(ind.SourceStart, ind.SourceEnd, s.headingAt(ind.SourceStart), "指标 "+ind.Name),
	}
	if ind.BaselineValue != nil && ind.BaselineYear > 0 {
		row.Baseline = &Point{Period: strconv.Itoa(ind.BaselineYear), Year: float64(ind.BaselineYear),
			Value: *ind.BaselineValue, Ref: row.Ref}
	}
	// The same figures track judges by: one per period (ObservationsAsOf
	// keeps the latest recorded by asOf), for periods begun by asOf.
	end := time.Date(s.asOf.Year(), s.asOf.Month(), s.asOf.Day()+1, 0, 0, 0, 0, time.UTC)
	for _, ob := range ind.Observations {
		start, x, ok := track.PeriodSpan(ob.Period)
		if !ok || !start.Before(end) {
			continue
		}
		row.Series = append(row.Series, Point{Period: ob.Period, Year: x, Value: ob.Value, Ref: s.sources.observation(ind, ob)})
	}
	slices.SortStableFunc(row.Series, func(a, b Point) int { return cmp.Compare(a.Year, b.Year) })
	if o.LatestPeriod != "" {
		for i := range row.Series {
			if row.Series[i].Period == o.LatestPeriod {
				p := row.Series[i]
				row.Latest = &p
			}
		}
		if row.Latest == nil { // cannot happen while both read periods alike; keep the figure anyway
			_, x, _ := track.PeriodSpan(o.LatestPeriod)
			row.Latest = &Point{Period: o.LatestPeriod, Year: x, Value: o.Latest}
		}
		att := o.Attainment
		row.Attainment = &att
	}
	if t, ok := track.PlanTarget(ind, s.plan.EndYear); ok {
		row.TargetOp, row.TargetMax, row.Approx = t.Op, t.ValueMax, t.Approx
		row.Target = &Point{Period: strconv.Itoa(t.Year), Year: float64(t.Year), Value: t.Value, Ref: row.Ref}
	}
	if o.Projection {
		row.Projected = &Point{Period: strconv.Itoa(o.TargetYear), Year: float64(o.TargetYear), Value: o.Projected}
	}
	return row
}

var regionCodeRe = regexp.MustCompile(`^\d{6}$`)

// wanted is one region (or group of regions) asked for by Options.Compare.
type wanted struct {
	name  string
	match func(p store.Plan) bool
}

// resolveCompare reads the regions to compare: six-digit codes, region
// names (绍兴市, 绍兴) or region groups (长三角, a saved group).
func resolveCompare(ctx context.Context, st *store.Store, names []string) ([]wanted, error) {
	groups := track.BuiltinGroups()
	saved, err := st.RegionGroups(ctx)
	if err != nil {
		return nil, fmt.Errorf("compare: %w", err)
	}
	groups = append(groups, saved...)
	var out []wanted
	for _, n := range names {
		n = strings.TrimSpace(n)
		switch {
		case n == "":
			continue
		case regionCodeRe.MatchString(n):
			out = append(out, wanted{n, func(p store.Plan) bool { return p.RegionCode == n }})
			continue
		}
		if i := slices.IndexFunc(groups, func(g store.RegionGroup) bool { return g.Name == n }); i >= 0 {
			g := groups[i]
			out = append(out, wanted{n, func(p store.Plan) bool { return track.Members(g, p.RegionCode) }})
			continue
		}
		var codes []string
		for _, d := range region.ByName(n) {
			codes = append(codes, d.Code)
		}
		out = append(out, wanted{n, func(p store.Plan) bool {
			return p.RegionName == n || p.RegionCode != "" && slices.Contains(codes, p.RegionCode)
		}})
	}
	return out, nil
}

// betterPlan orders the plans of one region for a comparison: the one
// running in the report's year, then one of the same level, then the
// later, then by ID.
func betterPlan(a, b store.Plan, year int, level string) int {
	runs := func(p store.Plan) int {
		if p.StartYear <= year && year <= p.EndYear {
			return 0
		}
		return 1
	}
	same := func(p store.Plan) int {
		if p.Level == level {
			return 0
		}
		return 1
	}
	return cmp.Or(cmp.Compare(runs(a), runs(b)), cmp.Compare(same(a), same(b)),
		cmp.Compare(b.EndYear, a.EndYear), strings.Compare(a.ID, b.ID))
}

// compare puts each indicator of the plan beside the same indicator (by
// Key) in the plans of the regions asked for, with the figures known at
// asOf. The plan's own region comes first; an indicator no other region
// carries is left out.
func compare(ctx context.Context, st *store.Store, s *snapshot, names []string) ([]Comparison, error) {
	if len(names) == 0 {
		return nil, nil
	}
	want, err := resolveCompare(ctx, st, names)
	if err != nil {
		return nil, err
	}
	plans := map[string]store.Plan{s.plan.ID: s.plan}
	var out []Comparison
	for _, ind := range s.inds {
		key := ind.Key
		if key == "" {
			key = track.Key(ind.Name)
		}
		others, err := st.IndicatorsByKey(ctx, key)
		if err != nil {
			return nil, fmt.Errorf("compare %s: %w", ind.Name, err)
		}
		own := s.indicator(ind)
		c := Comparison{Indicator: ind.Name, Unit: ind.Unit, Rows: []ComparisonRow{{
			Region: s.plan.RegionName, PlanID: s.plan.ID, Plan: s.plan.Title, Latest: own.Latest,
			Target: own.Target, TargetOp: own.TargetOp, TargetMax: own.TargetMax, Approx: own.Approx,
			OnTrack: own.OnTrack, Known: own.Known,
		}}}
		done := map[string]bool{s.plan.RegionCode + "|" + s.plan.RegionName: true}
		for _, w := range want {
			// The best plan of each matching region carrying the indicator.
			best := map[string]store.Indicator{}
			for _, o := range others {
				p, ok := plans[o.PlanID]
				if !ok {
					if p, err = st.Plan(ctx, o.PlanID); err != nil {
						return nil, fmt.Errorf("compare %s: %w", ind.Name, err)
					}
					plans[o.PlanID] = p
				}
				reg := p.RegionCode + "|" + p.RegionName
				if p.ID == s.plan.ID || done[reg] || !w.match(p) {
					continue
				}
				if b, ok := best[reg]; !ok || betterPlan(p, plans[b.PlanID], s.asOf.Year(), s.plan.Level) < 0 {
					best[reg] = o
				}
			}
			regs := make([]string, 0, len(best))
			for r := range best {
				regs = append(regs, r)
			}
			slices.Sort(regs)
			for _, r := range regs {
				done[r] = true
				c.Rows = append(c.Rows, s.compareRow(plans[best[r].PlanID], best[r]))
			}
		}
		if len(c.Rows) > 1 {
			out = append(out, c)
		}
	}
	return out, nil
}

// compareRow judges another plan's indicator with the figures recorded
// by asOf, as the report's own.
func (s *snapshot) compareRow(p store.Plan, ind store.Indicator) ComparisonRow {
	ind = track.ResolveTargets(ind, p.EndYear)
	obs := ind.Observations[:0:0]
	for _, o := range ind.Observations {
		if !o.RecordedAt.After(s.asOf) {
			obs = append(obs, o)
		}
	}
	ind.Observations = obs
	o := track.OnTrackBy(ind, p.EndYear, s.asOf)
	row := ComparisonRow{Region: p.RegionName, PlanID: p.ID, Plan: p.Title, OnTrack: o.OnTrack, Known: o.Known}
	if row.Region == "" {
		row.Region = p.RegionCode
	}
	if o.LatestPeriod != "" {
		_, x, _ := track.PeriodSpan(o.LatestPeriod)
		row.Latest = &Point{Period: o.LatestPeriod, Year: x, Value: o.Latest}
	}
	if t, ok := track.PlanTarget(ind, p.EndYear); ok {
		row.TargetOp, row.TargetMax, row.Approx = t.Op, t.ValueMax, t.Approx
		row.Target = &Point{Period: strconv.Itoa(t.Year), Year: float64(t.Year), Value: t.Value}
	}
	return row
}
