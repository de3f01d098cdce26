package web

import (
	"net/http"

	"planwatch/internal/amount"
	"planwatch/internal/store"
	"planwatch/internal/track"
	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

func init() {
	pageNames = append(pageNames, "project_list", "project_show")
}

// projectTotalRow is one line of a totals table.
type projectTotalRow struct {
	Name string
	track.ProjectTotal
}

// projectListPage is a plan's project list.
type projectListPage struct {
	view
	*projectData
	Filter    track.ProjectFilter
	Shown     []track.ProjectState
	Sum       track.ProjectTotal
	ByTask    []projectTotalRow
	ByUnit    []projectTotalRow
	ByRegion  []projectTotalRow
	Units     []string // for the filter's choices
	Regions   []projectTotalRow
	Phases    []string
	Due       float64
	CanImport bool
	Import    *projectImport // the outcome of an upload shown on the page
	Deleted   string         // the name of a project just deleted
}

// projectList shows a plan's projects as of ?month=, filtered by ?unit=,
// ?region=, ?phase= and ?late=1, with totals by task, unit and region.
func (s *Server) projectList(w http.ResponseWriter, r *http.Request) {
	pg, err := s.projectListPage(r, r.URL.Query().Get("month"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.HTML(w, r, http.StatusOK, s.pages["project_list"], pg)
}

func (s *Server) projectListPage(r *http.Request, month string) (*projectListPage, error) {
	f, err := projectFilter(r)
	if err != nil {
		return nil, err
	}
	d, err := s.loadProjects(r.Context(), r.PathValue("id"), month)
	if err != nil {
		return nil, err
	}
	u, _ := auth.UserFrom(r.Context())
	pg := &projectListPage{view: s.newView(r, translate(langFrom(r.Context()), "projects.title")+" · "+d.Plan.Title, "plans"),
		projectData: d, Filter: f, Shown: f.Filter(d.States), Phases: store.Phases, Due: d.Curve.Due(monthOf(d.Month)),
		CanImport: auth.Can(u, auth.EditPlan, auth.Target{PlanID: d.Plan.ID}), Deleted: r.URL.Query().Get("deleted")}
	if t := track.Totals(pg.Shown, func(store.Project) string { return "" }); len(t) == 1 {
		pg.Sum = t[0]
	}
	named := func(ts []track.ProjectTotal, name func(string) string) []projectTotalRow {
		var out []projectTotalRow
		for _, t := range ts {
			out = append(out, projectTotalRow{Name: name(t.Key), ProjectTotal: t})
		}
		return out
	}
	pg.ByTask = named(track.Totals(pg.Shown, track.ByTask), d.taskName)
	pg.ByUnit = named(track.Totals(pg.Shown, track.ByUnit), func(k string) string { return k })
	pg.ByRegion = named(track.Totals(pg.Shown, track.ByRegion), regionName)
	for _, t := range track.Totals(d.States, track.ByUnit) {
		if t.Key != "" {
			pg.Units = append(pg.Units, t.Key)
		}
	}
	pg.Regions = named(track.Totals(d.States, track.ByRegion), regionName)
	return pg, nil
}

// projectTotalsView is one totals table of the list page.
type projectTotalsView struct {
	view
	projectListPage
	ID   string
	Head string // the first column's heading
	Rows []projectTotalRow
}

// TotalsOf gives a totals table its rows and its element ID.
func (pg projectListPage) TotalsOf(rows []projectTotalRow, id string) projectTotalsView {
	head := map[string]string{"by-task": "projects.task", "by-unit": "projects.lead", "by-region": "projects.region"}[id]
	return projectTotalsView{view: pg.view, ID: id, Head: pg.T(head), Rows: rows}
}

// Wan writes a stored amount for the page: 3500万元, 1.2亿元.
func (projectListPage) Wan(v int64) string { return track.FormatWan(v) }

// Rate writes a 完成率, "—" with nothing planned.
func (projectListPage) Rate(r float64) string { return rateText(r) }

// rateText writes a percentage with one decimal, "—" for NaN.
func rateText(r float64) string {
	if r != r {
		return "—"
	}
	return amount.Format(float64(int64(r*10+0.5))/10, "%")
}

// projectSheetCreate imports an uploaded 重大项目 table from the project
// list and shows the list again with the outcome: 422 with the refused
// rows when any was, and nothing recorded.
func (s *Server) projectSheetCreate(w http.ResponseWriter, r *http.Request) {
	res, err := s.importProjectSheet(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	status := http.StatusOK
	if len(res.Refused) > 0 {
		status = http.StatusUnprocessableEntity
	}
	pg, err := s.projectListPage(r, res.Month)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	pg.Import = res
	respond.HTML(w, r, status, s.pages["project_list"], pg)
}
