package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"planwatch/internal/store"
	"planwatch/internal/track"
	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// auditPlanSettings is the audit action of a change to a plan's settings;
// the command line's `plan set` writes the same.
const auditPlanSettings = "plan.settings"

// planSettings is what the audit log keeps of a plan's settings before
// and after a change.
type planSettings struct {
	Rhythm string `json:"rhythm"`
	Title  string `json:"title,omitempty"`  // only when it changes: a rhythm change is audited as before
	Kind   string `json:"kind,omitempty"`   // only when it changes
	Period string `json:"period,omitempty"` // only when it changes: 2021–2025, — for none
}

// auditedSettings are the before and after of a settings change for the
// audit log: the title only when it changed.
func auditedSettings(b, a store.Plan) (before, after planSettings) {
	before, after = planSettings{Rhythm: b.Rhythm}, planSettings{Rhythm: a.Rhythm}
	if a.Title != b.Title {
		before.Title, after.Title = b.Title, a.Title
	}
	if a.Kind != b.Kind {
		before.Kind, after.Kind = dash(b.Kind), dash(a.Kind)
	}
	if a.StartYear != b.StartYear || a.EndYear != b.EndYear {
		before.Period, after.Period = yearsOf(b), yearsOf(a)
	}
	return before, after
}

// parseRhythmForm reads the plan page's settings form: rhythm (monthly or
// quarterly, or any word track.ParseRhythm takes) and an optional due_day
// (1–28; empty for the rhythm's usual day).
func parseRhythmForm(r *http.Request) (track.Rhythm, error) {
	name := strings.TrimSpace(r.PostFormValue("rhythm"))
	day := strings.TrimSpace(r.PostFormValue("due_day"))
	if name == "" {
		return track.Rhythm{}, respond.BadRequest("rhythm: missing; want monthly or quarterly")
	}
	if strings.Contains(name, ":") {
		return track.Rhythm{}, respond.BadRequest(fmt.Sprintf("rhythm %q: give the day in due_day", name))
	}
	spec := name
	if day != "" {
		spec += ":" + day
	}
	rh, err := track.ParseRhythm(spec)
	if err != nil {
		return track.Rhythm{}, respond.BadRequest(err.Error())
	}
	return rh, nil
}

// planSettingsUpdate saves the plan page's settings form (the reporting
// rhythm, and the title when one is typed in) and sends the browser back
// to the form.
func (s *Server) planSettingsUpdate(w http.ResponseWriter, r *http.Request) {
	p, err := s.viewablePlan(r.Context(), r.PathValue("id"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	refuse := func(err error) {
		var pr *respond.Problem
		if errors.As(err, &pr) {
			field, key := settingsProblem(r, pr.Message)
			s.refusePlanForm(w, r, err, field, key)
			return
		}
		respond.Error(w, r, err)
	}
	rh, err := parseRhythmForm(r)
	if err != nil {
		refuse(err)
		return
	}
	kind, years, err := parseKindPeriodForm(r)
	if err != nil {
		refuse(err)
		return
	}
	if _, err := s.changePlanSettings(r.Context(), p.ID, planChange{Rhythm: rh, Title: r.PostFormValue("title"), Kind: kind, Years: years}); err != nil {
		refuse(err)
		return
	}
	respond.Redirect(w, r, "/plans/"+url.PathEscape(p.ID)+"#settings", http.StatusSeeOther)
}

// changePlanSettings sets a plan's (full ID) reporting rhythm (the zero
// Rhythm: as it is) and title ("": as it is) as the request's user, with
// the audit entry in the same transaction; a 403 when the user may not
// edit the plan. The form and the API share it.
func (s *Server) changePlanSettings(ctx context.Context, planID string, ch planChange) (store.Plan, error) {
	u, _ := auth.UserFrom(ctx)
	if !auth.Can(u, auth.EditPlan, auth.Target{PlanID: planID}) {
		return store.Plan{}, respond.Forbidden(translate(langFrom(ctx), "settings.forbidden"))
	}
	set := store.PlanSettings{Title: strings.TrimSpace(ch.Title), Kind: strings.TrimSpace(ch.Kind), Years: ch.Years}
	if ch.Rhythm != (track.Rhythm{}) {
		set.Rhythm = ch.Rhythm.String()
	}
	if set.Rhythm == "" && set.Title == "" && set.Kind == "" && set.Years == nil {
		return store.Plan{}, respond.BadRequest("nothing to change: give rhythm, title, kind or period")
	}
	if err := s.checkKindPeriod(ctx, planID, set); err != nil {
		return store.Plan{}, err
	}
	_, after, err := s.st.SetPlanSettings(ctx, planID, set, func(b, a store.Plan) (store.AuditEntry, error) {
		was, is := auditedSettings(b, a)
		return auth.Entry(ctx, auditPlanSettings, "plan", a.ID, was, is)
	})
	if err != nil {
		return store.Plan{}, notFound(err, "plan "+planID)
	}
	return after, nil
}

// rhythmText words a plan's rhythm for its page.
func rhythmText(lang string, rh track.Rhythm) string {
	day := strings.TrimPrefix(strings.TrimPrefix(rh.String(), "quarterly:"), "monthly:")
	if rh.Quarterly {
		return fmt.Sprintf(translate(lang, "settings.quarterly_text"), day)
	}
	return fmt.Sprintf(translate(lang, "settings.monthly_text"), day)
}
