package web

import (
	"net/http"

	"planwatch/internal/region"
	"planwatch/internal/track"
	"planwatch/internal/web/respond"
)

// apiProjectList returns a plan's projects judged as of ?month= (default
// track.ProjectMonth), filtered by ?unit=, ?region=, ?phase=, ?late=1,
// with totals by task, unit and region over those listed.
func (s *Server) apiProjectList(w http.ResponseWriter, r *http.Request) {
	f, err := projectFilter(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	d, err := s.loadProjects(r.Context(), r.PathValue("id"), r.URL.Query().Get("month"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	states := f.Filter(d.States)
	out := apiProjectList{PlanID: d.Plan.ID, Month: d.Month, Due: d.Curve.Due(monthOf(d.Month)), Curve: d.Curve.String(),
		Projects: []apiProject{}}
	for _, st := range states {
		out.Projects = append(out.Projects, toAPIProject(st))
	}
	out.ByTask = toAPIProjectTotals(track.Totals(states, track.ByTask), d.taskName)
	out.ByUnit = toAPIProjectTotals(track.Totals(states, track.ByUnit), func(k string) string { return k })
	out.ByRegion = toAPIProjectTotals(track.Totals(states, track.ByRegion), regionName)
	respond.JSON(w, r, http.StatusOK, out)
}

// monthOf is the month number of a YYYY-MM month.
func monthOf(m string) int {
	if len(m) != 7 {
		return 0
	}
	return int(m[5]-'0')*10 + int(m[6]-'0')
}

// taskName names a task the projects serve.
func (d *projectData) taskName(id string) string {
	if it, ok := d.Tasks[id]; ok {
		if it.Number != "" {
			return it.Number + " " + it.Title
		}
		return it.Title
	}
	return ""
}

// regionName names a region code, "" when unknown.
func regionName(code string) string {
	if dv, ok := region.ByCode(code); ok {
		return dv.Name
	}
	return ""
}
