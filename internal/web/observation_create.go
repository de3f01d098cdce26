package web

import (
	"net/http"
	"net/url"
	"strings"

	"planwatch/internal/amount"
	"planwatch/internal/store"
	"planwatch/internal/track"
	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// observationCreate records a figure of an indicator from its page's form
// (period, value as offices write it, optional source), checked as
// `planwatch indicator observe` checks it, and goes back to the page. A
// bad field shows the form again with the reason beside it (400) and
// nothing saved; a user who may not edit the plan gets a 403.
func (s *Server) observationCreate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	lang := langFrom(ctx)
	ind, p, err := s.viewableIndicator(ctx, r.PathValue("id"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	if u, _ := auth.UserFrom(ctx); !auth.Can(u, auth.EditPlan, auth.Target{PlanID: p.ID}) {
		respond.Error(w, r, respond.Forbidden(translate(lang, "ind.forbidden")))
		return
	}
	f := observationForm{Period: strings.TrimSpace(r.PostFormValue("period")), Value: strings.TrimSpace(r.PostFormValue("value")),
		Source: track.CleanText(r.PostFormValue("source"))}
	// The figure in the indicator's unit (1.2亿 for one in 元 is 120000000).
	v, verr := amount.ParseIn(f.Value, ind.Unit)
	if verr != nil {
		f.ValueErr = translate(lang, "obs.err.value")
		if _, perr := amount.Parse(f.Value); perr == nil {
			f.ValueErr = translate(lang, "obs.err.value_unit") + translate(lang, "colon") + dash(ind.Unit)
		}
	}
	period, problems := track.CheckObservation(f.Period, v, f.Source, s.now().Format("2006-01-02"))
	for _, pr := range problems {
		switch pr.Field {
		case track.FieldPeriod:
			f.PeriodErr = translate(lang, "obs.err.period")
			if pr.Code == "period_future" {
				f.PeriodErr = translate(lang, "obs.err.future") + ": " + f.Period
			}
		case track.FieldValue:
			if f.ValueErr == "" {
				f.ValueErr = translate(lang, "obs.err.value")
			}
		case track.FieldSource:
			f.SourceErr = translate(lang, "obs.err.source")
		}
	}
	if f.PeriodErr != "" || f.ValueErr != "" || f.SourceErr != "" {
		s.renderIndicator(w, r, http.StatusBadRequest, ind, p, f, false)
		return
	}
	o := store.Observation{IndicatorID: ind.ID, Period: period, Value: v, Source: f.Source}
	if err := s.st.AddObservations(ctx, []store.Observation{o}); err != nil {
		respond.Error(w, r, notFound(err, "indicator "+ind.ID))
		return
	}
	if err := auth.Record(ctx, s.st, "indicator.observe", "indicator", ind.ID, nil,
		map[string]any{"period": o.Period, "value": o.Value, "source": o.Source}); err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.Redirect(w, r, "/indicators/"+url.PathEscape(ind.ID)+"?saved=1#observations", http.StatusSeeOther)
}
