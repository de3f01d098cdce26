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
}

// apiPlanSettings is a plan's settings.
type apiPlanSettings struct {
	PlanID     string `json:"plan_id"`
	Title      string `json:"title"`
	NeedsTitle bool   `json:"needs_title"` // the title is still the stand-in of a document without one
	Rhythm     string `json:"rhythm"`      // monthly:D or quarterly:D
	Quarterly  bool   `json:"quarterly"`
	DueDay     int    `json:"due_day"`
}

// toAPIPlanSettings gives the settings of a plan.
func toAPIPlanSettings(p store.Plan) apiPlanSettings {
	rh := track.PlanRhythm(p)
	back, _ := track.ParseRhythm(rh.String()) // fills in the usual due day
	return apiPlanSettings{PlanID: p.ID, Title: p.Title, NeedsTitle: track.NeedsTitle(p.Title), Rhythm: rh.String(),
		Quarterly: rh.Quarterly, DueDay: back.DueDay}
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
		respond.Error(w, r, respond.BadRequest("body: want {\"rhythm\": \"monthly|quarterly[:DAY]\", \"title\": \"…\"}: "+err.Error()))
		return
	}
	if strings.TrimSpace(req.Rhythm) == "" && strings.TrimSpace(req.Title) == "" {
		respond.Error(w, r, respond.BadRequest("rhythm or title: missing; rhythm is monthly or quarterly, optionally :DAY"))
		return
	}
	var rh track.Rhythm
	if strings.TrimSpace(req.Rhythm) != "" {
		if rh, err = track.ParseRhythm(req.Rhythm); err != nil {
			respond.Error(w, r, respond.BadRequest(err.Error()))
			return
		}
	}
	after, err := s.changePlanSettings(ctx, p.ID, rh, req.Title)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.JSON(w, r, http.StatusOK, toAPIPlanSettings(after))
}
