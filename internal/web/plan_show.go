package web

import (
	"fmt"
	"html/template"
	"net/http"
	"strings"

	"planwatch/internal/store"
	"planwatch/internal/track"
	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// planPage is the data of the plan page and of its public view.
type planPage struct {
	view
	*planData
	StatusChart []statusBar
	Indicators  []indicatorView
	Statuses    []string // status codes, for the filter
	IsPublic    bool     // this plan is published (a link to the public view)
	// Publication is the plan's publication state; CanPublish shows the
	// Publish / Withdraw form (auth.PublishPlan).
	Publication store.Publication
	CanPublish  bool
	// Rhythm is the plan's reporting rhythm in words; CanEditPlan shows
	// the settings form (auth.EditPlan), which starts from RhythmValue.
	Rhythm      string
	RhythmValue track.Rhythm
	CanEditPlan bool
	// NeedsTitle: the plan's title is the stand-in of a document that gave
	// none (track.UntitledMark); the form asks for one.
	NeedsTitle bool
	// KindText is the plan's kind with how long such a plan runs
	// (行动计划（按文件所述年份）), "" when unknown; Kinds the kinds the
	// form offers; NoPeriod: the plan's years are not set yet.
	KindText string
	Kinds    []string
	NoPeriod bool
	// Links are the plans it implements and is implemented by; LinkChoices
	// the plans the form offers to implement (own level or above), listed
	// only when ChooseLink asks for them (?link=choose, or the links form
	// refused): a province's library has hundreds, and listing and
	// rendering them on every view was most of the page's cost.
	Links       apiPlanLinks
	ChooseLink  bool
	LinkChoices []store.Plan
	// Proposals is how many items of the plan await review, for those who
	// may review them (CanEditPlan); 0 otherwise.
	Proposals int
	// Harvested is how many figures from documents await a decision
	// (internal/harvest), for the same people.
	Harvested int
	// Reporters names who sent each task's latest update (by item ID),
	// for the public view of a plan that chose to show names; else nil.
	Reporters  map[string]string
	ReportDate string        // the default as-of of the report form
	TaskRows   template.HTML // the task table's rows (taskRows)
	Body       template.HTML // respond.Marker, where the kept middle of the page goes (planBody)
	Base       string        // the page's own path, for filter links
	// FormErr is the problem of a settings or links form refused, shown
	// beside its field; nil for none.
	FormErr *planFormErr
}

// indicatorView is an indicator row with its chart data.
type indicatorView struct {
	Row   reportIndicator
	Chart seriesChart
}

// planShow shows a plan: outline, tasks with status and progress (filtered
// by ?unit=, ?theme=, ?status=), the status chart and each indicator.
func (s *Server) planShow(w http.ResponseWriter, r *http.Request) {
	s.renderPlan(w, r, http.StatusOK, nil)
}

// renderPlan renders the plan page with status and a refused form's
// problem (nil for none).
func (s *Server) renderPlan(w http.ResponseWriter, r *http.Request, status int, formErr *planFormErr) {
	d, err := s.planFromRequest(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	pub, err := s.st.Publication(r.Context(), d.Plan.ID)
	if err != nil {
		respond.Error(w, r, fmt.Errorf("plan %s: %w", d.Plan.ID, err))
		return
	}
	pg := s.planPage(r, d, pub, false)
	u, _ := auth.UserFrom(r.Context())
	pg.CanPublish = auth.Can(u, auth.PublishPlan, auth.Target{PlanID: d.Plan.ID})
	pg.CanEditPlan = auth.Can(u, auth.EditPlan, auth.Target{PlanID: d.Plan.ID})
	pg.RhythmValue, _ = track.ParseRhythm(track.PlanRhythm(d.Plan).String())
	pg.Rhythm = rhythmText(langFrom(r.Context()), pg.RhythmValue)
	pg.NeedsTitle = track.NeedsTitle(d.Plan.Title)
	pg.KindText, pg.Kinds, pg.NoPeriod = planKindText(d.Plan), track.PlanKinds, !track.HasPeriod(d.Plan)
	if pg.Links, err = s.planLinks(r.Context(), d.Plan); err != nil {
		respond.Error(w, r, err)
		return
	}
	if pg.CanEditPlan {
		if pg.Proposals, err = s.st.CountProposals(r.Context(), d.Plan.ID); err != nil {
			respond.Error(w, r, err)
			return
		}
		if pg.Harvested, err = s.st.CountHarvestProposals(r.Context(), d.Plan.ID); err != nil {
			respond.Error(w, r, err)
			return
		}
		pg.ChooseLink = r.URL.Query().Get("link") == "choose" || formErr.On("implements") != ""
		if pg.ChooseLink {
			if pg.LinkChoices, err = s.linkChoices(r.Context(), d.Plan, pg.Links); err != nil {
				respond.Error(w, r, err)
				return
			}
		}
	}
	body, err := s.planBody(&pg)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	pg.Body = respond.Marker
	pg.FormErr = formErr
	respond.HTMLWithFragment(w, r, status, s.pages["plan_show"], pg, body)
}

// planPage assembles the plan page's data; public leaves out what the
// public view must not show (latest notes, internal links).
func (s *Server) planPage(r *http.Request, d *planData, pub store.Publication, public bool) planPage {
	lang := langFrom(r.Context())
	v := s.newView(r, d.Plan.Title, "plans")
	v.Public = public
	pg := planPage{view: v, planData: d, StatusChart: statusChart(lang, d.Report.Summary.ByStatus),
		Statuses: track.Statuses(), IsPublic: pub.Published, Publication: pub, ReportDate: d.AsOf.Format("2006-01-02"),
		Base: "/plans/" + d.Plan.ID}
	if public {
		pg.Base = "/public/plans/" + d.Plan.ID
	}
	for _, row := range d.Report.Indicators {
		pg.Indicators = append(pg.Indicators, indicatorView{Row: row, Chart: indicatorChart(lang, row)})
	}
	if public {
		tasks := make([]reportTask, len(d.Tasks))
		copy(tasks, d.Tasks)
		for i := range tasks {
			tasks[i].LatestNote, tasks[i].Ref = "", ""
		}
		pg.Tasks = tasks
	}
	return pg
}

// parseTaskFilter reads ?unit=, ?theme= and ?status= (a status code or its
// label, computed ones included: ?status=逾期).
func parseTaskFilter(r *http.Request) (taskFilter, error) {
	q := r.URL.Query()
	f := taskFilter{Unit: strings.TrimSpace(q.Get("unit")), Theme: strings.TrimSpace(q.Get("theme"))}
	if st := strings.TrimSpace(q.Get("status")); st != "" {
		code, ok := track.ParseState(st)
		if !ok {
			return f, respond.BadRequest("status " + st + ": unknown status")
		}
		f.Status = code
	}
	return f, nil
}

// planFromRequest loads the plan a request names, with its tasks assessed
// as of ?as-of= and filtered by ?unit=, ?theme= and ?status=: what the plan
// page and the plan API both show. A plan the user may not read is a 404.
func (s *Server) planFromRequest(r *http.Request) (*planData, error) {
	f, err := parseTaskFilter(r)
	if err != nil {
		return nil, err
	}
	asOf, err := s.asOfParam(r)
	if err != nil {
		return nil, err
	}
	p, err := s.viewablePlan(r.Context(), r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	// p was read just now: reading it again would only cost two queries.
	return s.loadPlanRow(r.Context(), p, asOf, f)
}
