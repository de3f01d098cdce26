package web

import (
	"net/http"

	"planwatch/internal/web/respond"
)

// apiPlanShow returns a plan with its outline, tasks (assessed as of
// ?as-of=, filtered by ?unit=, ?theme=, ?status=) and indicators.
func (s *Server) apiPlanShow(w http.ResponseWriter, r *http.Request) {
	d, err := s.planFromRequest(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	out := apiPlanDetail{Plan: toAPIPlan(d.Plan), Summary: toAPISummary(d.Report.Summary, d.AsOf),
		Outline: []apiOutline{}, Tasks: []apiTask{}, Indicators: []apiIndicator{}}
	for _, o := range d.Outline {
		out.Outline = append(out.Outline, apiOutline{Number: o.Number, Title: o.Title, Depth: o.Depth})
	}
	for _, t := range d.Tasks {
		out.Tasks = append(out.Tasks, apiTask{ID: t.ItemID, Number: t.Number, Title: t.Title, Theme: t.Theme,
			Lead: nonNil(t.Lead), Support: nonNil(t.Support), Deadline: t.Deadline, Status: t.Status, Progress: t.Progress,
			Expected: t.Expected, Overdue: t.Overdue, LatestNote: t.LatestNote, LatestDate: t.LatestDate})
	}
	for _, row := range d.Report.Indicators {
		ind := apiIndicator{ID: row.IndicatorID, Name: row.Name, Unit: row.Unit, Direction: row.Direction,
			Binding: row.Binding, Baseline: toAPIPoint(row.Baseline), Latest: toAPIPoint(row.Latest),
			Target: toAPIPoint(row.Target), TargetOp: row.TargetOp, TargetMax: row.TargetMax, Approx: row.Approx,
			Projected:  toAPIPoint(row.Projected),
			Attainment: row.Attainment, OnTrack: row.OnTrack, Known: row.Known, Series: []apiPoint{}}
		for _, p := range row.Series {
			ind.Series = append(ind.Series, apiPoint{Period: p.Period, Value: p.Value})
		}
		out.Indicators = append(out.Indicators, ind)
	}
	respond.JSON(w, r, http.StatusOK, out)
}
