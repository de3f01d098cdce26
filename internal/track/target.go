package track

import (
	"strconv"
	"strings"
	"time"

	"planwatch/internal/amount"
	"planwatch/internal/store"
)

// Targets as plans state them: a single figure with an operator (≥5%,
// 5%以内), about a figure (5%左右), or a range (4.5%—5%). A range is met
// once its nearer end in the indicator's good direction is: growth of 4.8%
// meets 4.5%—5%, and so does 5.2% (plans ask for 4.5%—5% "and strive for
// better"); for a figure where less is better the upper end counts.

// TargetFor returns the indicator's target for year (targets resolved, see
// ResolveTargets); the first when several operators share the year. Year 0
// asks for the final target (FinalTarget).
func TargetFor(ind store.Indicator, year int) (store.Target, bool) {
	if year == 0 {
		return FinalTarget(ind)
	}
	for _, t := range ind.Targets {
		if t.Year == year {
			return t, true
		}
	}
	return store.Target{}, false
}

// PlanTarget returns the target a plan ending in endYear is judged by: the
// one for its end year, else the final one. A 政府工作报告 states this
// year's targets beside the five-year plan's (十五五, 2030): the later ones
// belong to another plan's horizon and must not stand in for this year's.
func PlanTarget(ind store.Indicator, endYear int) (store.Target, bool) {
	if endYear != 0 {
		if t, ok := TargetFor(ind, endYear); ok {
			return t, true
		}
	}
	return FinalTarget(ind)
}

// goal is the figure of t that decides whether it is met: the value, or
// for a range its lower end when more is better and its upper end when
// less is.
func goal(t store.Target, down bool) float64 {
	if t.ValueMax != nil && down {
		return *t.ValueMax
	}
	return t.Value
}

// Actual returns the indicator's figure for the whole of year as known at
// asOf (zero: everything): an observation for that year (the latest
// recorded), else the baseline when it is for that year. A 政府工作报告
// states last year's result in its review, which becomes the baseline of
// this year's plan.
func Actual(ind store.Indicator, year int, asOf time.Time) (float64, bool) {
	for _, p := range known(ind, asOf) {
		if p.x == float64(year) && strings.TrimSpace(p.period) == strconv.Itoa(year) {
			return p.v, true
		}
	}
	if ind.BaselineValue != nil && ind.BaselineYear == year && year != 0 {
		return *ind.BaselineValue, true
	}
	return 0, false
}

// TargetText writes a target as a comparison table prints it: ≥5%, ≤5.5%,
// ≈5% for 左右, 4.5%–5% for a range, the bare figure for "=". The figures
// are written by amount.Format, as offices print them (≥1200亿元, never
// ≥120000000000元).
func TargetText(t store.Target, unit string) string {
	v := amount.Format(t.Value, unit)
	if t.ValueMax != nil {
		s := v + "–" + amount.Format(*t.ValueMax, unit)
		if t.Approx {
			s = "≈" + s
		}
		return s
	}
	if t.Approx {
		return "≈" + v
	}
	return OpSign(t.Op) + v
}

// OpSign is the sign printed before a target's figure: ≥, ≤, >, <, and
// nothing for "=" (plans print 新增1500家 bare).
func OpSign(op string) string {
	switch op {
	case ">=":
		return "≥"
	case "<=":
		return "≤"
	case ">", "<":
		return op
	}
	return ""
}
