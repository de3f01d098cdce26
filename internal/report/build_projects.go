package report

import (
	"context"
	"math"
	"time"

	"planwatch/internal/region"
	"planwatch/internal/store"
	"planwatch/internal/track"
)

// Projects is the 重大项目 section: a plan's projects judged as of a month
// with what was reported by the report's date, totals by task, lead unit
// and region, and the projects to attend to. Amounts are in 万元/WanScale
// with their text as offices print them.
type Projects struct {
	Month    string  // YYYY-MM judged as of
	Due      float64 // 序时进度 of the month, percent
	Rows     []ProjectRow
	Sum      ProjectTotal
	ByTask   []ProjectTotal
	ByUnit   []ProjectTotal
	ByRegion []ProjectTotal
	Late     []ProjectRow // behind 序时进度, not started on time, or past a milestone
	DueSoon  []ProjectRow // with a milestone due in the month after
}

// ProjectRow is one project in the section.
type ProjectRow struct {
	Number     int
	Name       string
	Lead       string
	Region     string
	Phase      string
	Total      int64
	Planned    int64
	YearDone   int64
	TotalText  string
	PlanText   string
	DoneText   string
	Rate       float64 // NaN with nothing planned
	RateText   string
	Lagging    bool
	NotStarted bool
	Overdue    []string // phases past their planned day, 开工 included
	DueSoon    []string // "竣工 2026-04-30": milestones due in the month after
	Problems   string
}

// ProjectTotal is the sum of some projects.
type ProjectTotal struct {
	Name      string // task, unit or region; "未注明" for none
	Count     int
	Total     int64
	Planned   int64
	YearDone  int64
	TotalText string
	PlanText  string
	DoneText  string
	RateText  string
	Late      int
}

// projects builds the section from the projects and the reports recorded
// by asOf; nil when the plan has no projects.
func (s *snapshot) projects(ctx context.Context, st *store.Store, month string) (*Projects, error) {
	ps, err := st.Projects(ctx, s.plan.ID)
	if err != nil || len(ps) == 0 {
		return nil, err
	}
	all, err := st.ProjectReports(ctx, s.plan.ID)
	if err != nil {
		return nil, err
	}
	var reps []store.ProjectReport
	for _, r := range all {
		if !r.RecordedAt.After(s.asOf) {
			reps = append(reps, r)
		}
	}
	c, err := st.InvestCurve(ctx, s.plan.ID)
	if err != nil {
		return nil, err
	}
	curve, err := track.ParseCurve(c)
	if err != nil {
		return nil, err
	}
	if month == "" {
		month = track.ProjectMonth(s.plan, reps, s.asOf)
	} else if month, err = track.ParseMonth(month); err != nil {
		return nil, err
	}
	states := track.ProjectStates(ps, reps, month, curve)
	t, _ := time.Parse("2006-01", month)
	out := &Projects{Month: month, Due: curve.Due(int(t.Month()))}
	tasks := map[string]string{}
	for _, it := range s.items {
		tasks[it.ID] = it.Title
		if it.Number != "" {
			tasks[it.ID] = it.Number + " " + it.Title
		}
	}
	for _, st := range states {
		p := st.Project
		row := ProjectRow{Number: p.Position, Name: p.Name, Lead: p.Lead, Region: regionText(p.RegionCode), Phase: p.Phase,
			Total: p.Total, Planned: st.Planned, YearDone: st.YearDone, TotalText: track.FormatWan(p.Total),
			PlanText: track.FormatWan(st.Planned), DoneText: track.FormatWan(st.YearDone), Rate: st.Rate, RateText: rateText(st.Rate),
			Lagging: st.Lagging, NotStarted: st.NotStarted, Problems: st.Problems}
		for _, m := range st.Overdue {
			row.Overdue = append(row.Overdue, m.Phase)
		}
		for _, m := range st.DueSoon {
			row.DueSoon = append(row.DueSoon, m.Phase+" "+m.Planned)
		}
		out.Rows = append(out.Rows, row)
		if len(row.DueSoon) > 0 {
			out.DueSoon = append(out.DueSoon, row)
		}
		if st.Late() {
			out.Late = append(out.Late, row)
		}
	}
	total := func(ts []track.ProjectTotal, name func(string) string) []ProjectTotal {
		var o []ProjectTotal
		for _, t := range ts {
			n := name(t.Key)
			if n == "" {
				n = "未注明"
			}
			o = append(o, ProjectTotal{Name: n, Count: t.Count, Total: t.Total, Planned: t.Planned, YearDone: t.YearDone,
				TotalText: track.FormatWan(t.Total), PlanText: track.FormatWan(t.Planned), DoneText: track.FormatWan(t.YearDone),
				RateText: rateText(t.Rate()), Late: t.Late})
		}
		return o
	}
	out.ByTask = total(track.Totals(states, track.ByTask), func(k string) string { return tasks[k] })
	out.ByUnit = total(track.Totals(states, track.ByUnit), func(k string) string { return k })
	out.ByRegion = total(track.Totals(states, track.ByRegion), regionText)
	if sum := total(track.Totals(states, func(store.Project) string { return "合计" }), func(k string) string { return k }); len(sum) == 1 {
		out.Sum = sum[0]
	}
	return out, nil
}

// regionText names a region code, the code itself when unknown.
func regionText(code string) string {
	if d, ok := region.ByCode(code); ok {
		return d.Name
	}
	return code
}

// rateText writes a 完成率 with one decimal, "—" with nothing planned.
func rateText(r float64) string {
	if math.IsNaN(r) {
		return "—"
	}
	return FormatPercent(r)
}

// ProjectGroup is one table of totals, for the renderers.
type ProjectGroup struct {
	ID   string // by-task, by-unit, by-region
	Name string
	Rows []ProjectTotal
}

// Groups lists the totals tables in the order they are shown.
func (p *Projects) Groups() []ProjectGroup {
	return []ProjectGroup{{"task", "按任务汇总", p.ByTask}, {"unit", "按牵头单位汇总", p.ByUnit}, {"region", "按地区汇总", p.ByRegion}}
}
