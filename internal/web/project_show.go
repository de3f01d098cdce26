package web

import (
	"net/http"
	"net/url"
	"sort"
	"strconv"

	"planwatch/internal/amount"
	"planwatch/internal/store"
	"planwatch/internal/track"
	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// projectChart is the project page's chart data: the year's planned
// investment by 序时进度 and the completed, cumulative by month, scaled
// for one axis (amount.Scale: 万元, or 亿元 from 1.5亿).
type projectChart struct {
	Months  []string   `json:"months"`
	Labels  []string   `json:"labels"`
	Planned []float64  `json:"planned"`
	Done    []*float64 `json:"done"` // null for months with no figure
	Unit    string     `json:"unit"`
}

// projectPage is a project's page.
type projectPage struct {
	view
	Plan      store.Plan
	State     track.ProjectState
	Task      *store.Item
	Region    string
	Reports   []store.ProjectReport // newest month first, the one that holds of each
	Chart     projectChart
	MayReport bool
	// MayEdit shows the rename and delete forms (plan editors); EditError
	// is their refusal, Renamed that a rename went through.
	MayEdit   bool
	EditError string
	Renamed   bool
	Form      projectReportForm
	Errors    map[string]string
	Saved     bool
}

// Phases are the choices of the form's phase.
func (projectPage) Phases() []string { return store.Phases }

// Wan writes a stored amount for the page.
func (projectPage) Wan(v int64) string { return track.FormatWan(v) }

// Rate writes a 完成率.
func (projectPage) Rate(r float64) string { return rateText(r) }

// projectShow shows a project: its figures as of the plan's month, its
// milestones, the chart of planned and completed investment, its
// monthly reports and, for those who may, the report form.
func (s *Server) projectShow(w http.ResponseWriter, r *http.Request) {
	pg, err := s.projectPageFor(r, r.PathValue("id"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	pg.Saved = r.URL.Query().Get("saved") != ""
	respond.HTML(w, r, http.StatusOK, s.pages["project_show"], pg)
}

func (s *Server) projectPageFor(r *http.Request, ref string) (*projectPage, error) {
	ctx := r.Context()
	p, err := s.viewableProject(ctx, ref)
	if err != nil {
		return nil, err
	}
	d, err := s.loadProjects(ctx, p.PlanID, r.URL.Query().Get("month"))
	if err != nil {
		return nil, err
	}
	lang := langFrom(ctx)
	pg := &projectPage{view: s.newView(r, p.Name, "plans"), Plan: d.Plan, Region: regionName(p.RegionCode)}
	for _, st := range d.States {
		if st.Project.ID == p.ID {
			pg.State = st
		}
	}
	if it, ok := d.Tasks[p.ItemID]; ok {
		pg.Task = &it
	}
	for _, rep := range track.LatestReports(d.Reports)[p.ID] {
		pg.Reports = append(pg.Reports, rep)
	}
	sort.Slice(pg.Reports, func(i, j int) bool { return pg.Reports[i].Month > pg.Reports[j].Month })
	year, _ := strconv.Atoi(d.Month[:4])
	planned, done := track.MonthSeries(p, d.Reports, year, d.Curve)
	top := 0.0
	for _, v := range planned {
		top = max(top, v)
	}
	for _, v := range done {
		if v != nil {
			top = max(top, *v)
		}
	}
	div, unit := amount.Scale(top, "万元")
	pg.Chart = projectChart{Labels: []string{translate(lang, "projects.chart_planned"), translate(lang, "projects.chart_done")}, Unit: unit}
	// div is what divides a figure in 万元 for the axis (1e4 for 亿元).
	for i, v := range planned {
		pg.Chart.Months = append(pg.Chart.Months, strconv.Itoa(i+1)+"月")
		pg.Chart.Planned = append(pg.Chart.Planned, v/div)
	}
	for _, v := range done {
		if v != nil {
			*v /= div
		}
		pg.Chart.Done = append(pg.Chart.Done, v)
	}
	u, _ := auth.UserFrom(ctx)
	pg.MayReport = canReportProject(u, p)
	pg.MayEdit = auth.Can(u, auth.EditPlan, auth.Target{PlanID: p.PlanID})
	pg.Renamed = r.URL.Query().Get("renamed") != ""
	pg.Form = projectReportForm{Month: d.Month}
	return pg, nil
}

// projectReportCreate records the monthly report form; the form again
// with the errors beside the fields (422) when any is wrong.
func (s *Server) projectReportCreate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, err := s.viewableProject(ctx, r.PathValue("id"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	u, _ := auth.UserFrom(ctx)
	if !canReportProject(u, p) {
		respond.Error(w, r, respond.Forbidden(translate(langFrom(ctx), "update.forbidden")))
		return
	}
	f := projectReportForm{Month: r.PostFormValue("month"), Done: r.PostFormValue("done"), ToDate: r.PostFormValue("to_date"),
		Phase: r.PostFormValue("phase"), Problems: r.PostFormValue("problems"), Help: r.PostFormValue("help")}
	rep, bad, err := s.checkProjectReport(ctx, p, f)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	if len(bad) > 0 {
		pg, err := s.projectPageFor(r, p.ID)
		if err != nil {
			respond.Error(w, r, err)
			return
		}
		pg.Form, pg.Errors = f, bad
		respond.HTML(w, r, http.StatusUnprocessableEntity, s.pages["project_show"], pg)
		return
	}
	if _, err := s.saveProjectReport(ctx, p, rep, "web"); err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.Redirect(w, r, "/projects/"+url.PathEscape(p.ID)+"?saved=1&month="+url.QueryEscape(rep.Month), http.StatusSeeOther)
}
