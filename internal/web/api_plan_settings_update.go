package web

import (
	"encoding/json"
	"net/http"
	"strings"

	"planwatch/internal/store"
	"planwatch/internal/track"
	"planwatch/internal/web/respond"
)

// apiPlanSettingsRequest is the body of POST /api/v1/plans/{id}/settings.
type apiPlanSettingsRequest struct {
	// Rhythm is how often units report: monthly or quarterly, optionally
	// with ":DAY" for the due day (monthly:10); monthly is due by the 5th
	// of the next month, quarterly by the 20th of the next quarter's first.
	// Empty leaves it as it is.
	Rhythm string `json:"rhythm,omitempty"`
	// Title replaces the plan's title (a plan whose document gave none has
	// a stand-in opening with 〔待补标题〕); empty leaves it as it is.
	Title string `json:"title,omitempty"`
	// Kind is what the plan is (规划, 行动计划, 工作要点, 政府工作报告 …);
	// empty leaves it as it is.
	Kind string `json:"kind,omitempty"`
	// Period is the years the plan runs: "2021-2025", or one year ("2026",
	// as a one-year kind must); empty leaves them as they are.
	Period string `json:"period,omitempty"`
}

// apiPlanSettings is a plan's settings.
type apiPlanSettings struct {
	PlanID     string `json:"plan_id"`
	Title      string `json:"title"`
	NeedsTitle bool   `json:"needs_title"` // the title is still the stand-in of a document without one
	Rhythm     string `json:"rhythm"`      // monthly:D or quarterly:D
	Quarterly  bool   `json:"quarterly"`
	DueDay     int    `json:"due_day"`
	Kind       string `json:"kind"`       // "" when unknown
	Span       string `json:"span"`       // how long such a plan runs: multi, stated, annual
	StartYear  int    `json:"start_year"` // 0 when the period is not set yet
	EndYear    int    `json:"end_year"`
}

// toAPIPlanSettings gives the settings of a plan.
func toAPIPlanSettings(p store.Plan) apiPlanSettings {
	rh := track.PlanRhythm(p)
	back, _ := track.ParseRhythm(rh.String()) // fills in the usual due day
	return apiPlanSettings{PlanID: p.ID, Title: p.Title, NeedsTitle: track.NeedsTitle(p.Title), Rhythm: rh.String(),
		Quarterly: rh.Quarterly, DueDay: back.DueDay, Kind: p.Kind, Span: track.KindSpan(p.Kind), StartYear: p.StartYear, EndYear: p.EndYear}
}

// apiPlanSettingsUpdate changes a plan's settings (its reporting rhythm,
// its title) and returns them; needs plan.edit.
func (s *Server) apiPlanSettingsUpdate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, err := s.viewablePlan(ctx, r.PathValue("id"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	var req apiPlanSettingsRequest
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		respond.Error(w, r, respond.BadRequest("body: want {\"rhythm\": \"monthly|quarterly[:DAY]\", \"title\": \"…\", \"kind\": \"…\", \"period\": \"2021-2025\"}: "+err.Error()))
		return
	}
	if strings.TrimSpace(req.Rhythm) == "" && strings.TrimSpace(req.Title) == "" && strings.TrimSpace(req.Kind) == "" && strings.TrimSpace(req.Period) == "" {
		respond.Error(w, r, respond.BadRequest("rhythm, title, kind or period: missing; rhythm is monthly or quarterly, optionally :DAY"))
		return
	}
	var years *store.PlanYears
	if strings.TrimSpace(req.Period) != "" {
		y, err := track.ParsePeriod(req.Period)
		if err != nil {
			respond.Error(w, r, respond.BadRequest(err.Error()))
			return
		}
		years = &y
	}
	var rh track.Rhythm
	if strings.TrimSpace(req.Rhythm) != "" {
		if rh, err = track.ParseRhythm(req.Rhythm); err != nil {
			respond.Error(w, r, respond.BadRequest(err.Error()))
			return
		}
	}
	after, err := s.changePlanSettings(ctx, p.ID, planChange{Rhythm: rh, Title: req.Title, Kind: req.Kind, Years: years})
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.JSON(w, r, http.StatusOK, toAPIPlanSettings(after))
}
