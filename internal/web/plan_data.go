package web

import (
	"math"

	"planwatch/internal/amount"

	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"planwatch/internal/report"
	"planwatch/internal/store"
)

// taskFilter narrows a plan's task list, from the query string.
type taskFilter struct {
	Unit   string // lead or support unit
	Theme  string // top-level heading
	Status string // assessed status code
}

// active reports whether any filter is set.
func (f taskFilter) active() bool { return f.Unit != "" || f.Theme != "" || f.Status != "" }

// keep reports whether a task passes the filter.
func (f taskFilter) keep(t report.TaskRow) bool {
	return (f.Unit == "" || slices.Contains(t.Lead, f.Unit) || slices.Contains(t.Support, f.Unit)) &&
		(f.Theme == "" || t.Theme == f.Theme) &&
		(f.Status == "" || t.Status == f.Status)
}

// outlineEntry is a heading of the plan's outline.
type outlineEntry struct {
	Number string
	Title  string
	Depth  int // 0 for the top level
}

// planData is a plan as the plan page, the public page and the API show
// it: the evaluation report's model as of a date (the same computation
// `planwatch report` and `planwatch status` use), the outline, and the
// task list after filters.
type planData struct {
	Report  *report.Report // shared with other requests (cached): read it, never change it
	Plan    store.Plan
	AsOf    time.Time
	Outline []outlineEntry
	Tasks   []report.TaskRow // filtered, in plan order
	All     int              // tasks before filtering
	Units   []string         // every lead and support unit, for the filter
	Themes  []string
	Filter  taskFilter
	base    *planBase // what it was computed from, for what is kept with it
}

// planBase is what the plan page, its public view and the plan API
// compute from a plan as of a date before filtering: cached per plan and
// date (Server.reports), so it is shared between requests and read only.
type planBase struct {
	Report  *report.Report
	Outline []outlineEntry
	Units   []string
	Themes  []string
	All     int
	// rows keeps the rendered middle of the plan page, task rows and all,
	// by language, view, editing and filter (planBody): a string key to a
	// *respond.Fragment. The one part written after the computation, safely
	// from many requests.
	rows sync.Map
}

// loadPlan loads a plan (ID or unique prefix) as of asOf. The plan row is
// read first on every request: its stamp picks the cached computation.
func (s *Server) loadPlan(ctx context.Context, id string, asOf time.Time, f taskFilter) (*planData, error) {
	p, err := s.st.Plan(ctx, id)
	if err != nil {
		return nil, notFound(err, "plan "+id)
	}
	return s.loadPlanRow(ctx, p, asOf, f)
}

// loadPlanRow is loadPlan of a plan row read in this request already
// (its stamp picks the cached computation).
func (s *Server) loadPlanRow(ctx context.Context, p store.Plan, asOf time.Time, f taskFilter) (*planData, error) {
	b, err := s.reports.get(ctx, p, asOf, func() (*planBase, error) {
		// Not cancelled with this request: others may be waiting for it.
		return s.buildPlanBase(context.WithoutCancel(ctx), p, asOf)
	})
	if err != nil {
		return nil, err
	}
	d := &planData{Report: b.Report, Plan: p, AsOf: asOf, Filter: f, Outline: b.Outline, Units: b.Units,
		Themes: b.Themes, All: b.All, base: b}
	for _, th := range b.Report.Themes {
		for _, t := range th.Tasks {
			if f.keep(t) {
				d.Tasks = append(d.Tasks, t)
			}
		}
	}
	return d, nil
}

// buildPlanBase computes a plan's report as of asOf, its outline and the
// units and themes of its task filters.
func (s *Server) buildPlanBase(ctx context.Context, p store.Plan, asOf time.Time) (*planBase, error) {
	rep, err := report.Build(ctx, s.st, p.ID, asOf, report.Options{Version: s.opt.Version})
	if err != nil {
		return nil, fmt.Errorf("plan %s: %w", p.ID, err)
	}
	groups, err := s.st.Groups(ctx, p.ID)
	if err != nil {
		return nil, fmt.Errorf("plan %s: %w", p.ID, err)
	}
	b := &planBase{Report: rep}
	depth := map[string]int{}
	for _, g := range groups {
		dep := 0
		if g.ParentID != "" {
			dep = depth[g.ParentID] + 1
		}
		depth[g.ID] = dep
		b.Outline = append(b.Outline, outlineEntry{Number: g.Number, Title: g.Title, Depth: dep})
	}
	units := map[string]bool{}
	for _, th := range rep.Themes {
		b.Themes = append(b.Themes, th.Name)
		for _, t := range th.Tasks {
			b.All++
			for _, u := range append(slices.Clip(t.Lead), t.Support...) {
				units[u] = true
			}
		}
	}
	for u := range units {
		b.Units = append(b.Units, u)
	}
	slices.Sort(b.Units)
	return b, nil
}

// statusBar is one bar of the status chart.
type statusBar struct {
	Code  string `json:"code"`
	Label string `json:"label"`
	Count int    `json:"count"`
}

// statusChart is the data of a plan's status chart, for charts.js.
func statusChart(lang string, counts []report.StatusCount) []statusBar {
	out := make([]statusBar, 0, len(counts))
	for _, c := range counts {
		out = append(out, statusBar{Code: c.Status, Label: statusText(lang, c.Status), Count: c.Count})
	}
	return out
}

// seriesChart is the data of one indicator's chart, for charts.js: values
// by period, nil where a series has no point, scaled as amount.Scale
// chooses (1.2e11 元 is drawn as 1200 in 亿元), Unit the unit they are then
// in: the axis reads as the tables beside it.
type seriesChart struct {
	Unit       string     `json:"unit"`
	Periods    []string   `json:"periods"`
	Actual     []*float64 `json:"actual"`
	Projection []*float64 `json:"projection"`
	Target     []*float64 `json:"target"`
	Labels     [3]string  `json:"labels"` // actual, projection, target
}

// indicatorChart lays an indicator row out on one period axis: the
// baseline and the figures known, the trend from the latest figure to the
// target year, and the target.
func indicatorChart(lang string, row report.IndicatorRow) seriesChart {
	type pt struct {
		p    report.Point
		kind int // 0 actual, 1 projection, 2 target
	}
	var pts []pt
	if row.Baseline != nil {
		pts = append(pts, pt{*row.Baseline, 0})
	}
	for _, p := range row.Series {
		pts = append(pts, pt{p, 0})
	}
	if row.Projected != nil && row.Latest != nil {
		pts = append(pts, pt{*row.Latest, 1}, pt{*row.Projected, 1})
	}
	if row.Target != nil {
		pts = append(pts, pt{*row.Target, 2})
	}
	slices.SortStableFunc(pts, func(a, b pt) int {
		switch {
		case a.p.Year < b.p.Year:
			return -1
		case a.p.Year > b.p.Year:
			return 1
		}
		return 0
	})
	c := seriesChart{Unit: row.Unit, Labels: [3]string{translate(lang, "col.latest"), translate(lang, "col.projection"), translate(lang, "col.target")}}
	at := map[string]int{}
	for _, x := range pts {
		i, ok := at[x.p.Period]
		if !ok {
			i = len(c.Periods)
			at[x.p.Period] = i
			c.Periods = append(c.Periods, x.p.Period)
			c.Actual, c.Projection, c.Target = append(c.Actual, nil), append(c.Projection, nil), append(c.Target, nil)
		}
		v := x.p.Value
		switch x.kind {
		case 0:
			c.Actual[i] = &v
		case 1:
			c.Projection[i] = &v
		default:
			c.Target[i] = &v
		}
	}
	scaleSeries(&c.Unit, c.Actual, c.Projection, c.Target)
	return c
}

// scaleSeries divides the figures of a chart's series (in *unit) as
// amount.Scale chooses for the largest, and sets *unit to the unit they
// are then in.
func scaleSeries(unit *string, series ...[]*float64) {
	most := 0.0
	for _, s := range series {
		for _, v := range s {
			if v != nil {
				most = math.Max(most, math.Abs(*v))
			}
		}
	}
	div, shown := amount.Scale(most, *unit)
	*unit = shown
	for _, s := range series {
		for i, v := range s {
			if v != nil {
				x := *v / div
				s[i] = &x
			}
		}
	}
}

// Shorter names for the report's rows.
type (
	reportTask      = report.TaskRow
	reportIndicator = report.IndicatorRow
)
