package web

import (
	"encoding/json"
	"net/http"
	"strings"

	"planwatch/internal/track"
	"planwatch/internal/web/respond"
)

// apiPlanSettingsRequest is the body of POST /api/v1/plans/{id}/settings.
type apiPlanSettingsRequest struct {
	// Rhythm is how often units report: monthly or quarterly, optionally
	// with ":DAY" for the due day (monthly:10); monthly is due by the 5th
	// of the next month, quarterly by the 20th of the next quarter's first.
	Rhythm string `json:"rhythm"`
}

// apiPlanSettings is a plan's settings.
type apiPlanSettings struct {
	PlanID    string `json:"plan_id"`
	Rhythm    string `json:"rhythm"` // monthly:D or quarterly:D
	Quarterly bool   `json:"quarterly"`
	DueDay    int    `json:"due_day"`
}

// toAPIPlanSettings gives the settings of a plan with the rhythm rh.
func toAPIPlanSettings(planID string, rh track.Rhythm) apiPlanSettings {
	back, _ := track.ParseRhythm(rh.String()) // fills in the usual due day
	return apiPlanSettings{PlanID: planID, Rhythm: rh.String(), Quarterly: rh.Quarterly, DueDay: back.DueDay}
}

// apiPlanSettingsUpdate changes a plan's settings (its reporting rhythm)
// and returns them; needs plan.edit.
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
		respond.Error(w, r, respond.BadRequest("body: want {\"rhythm\": \"monthly|quarterly[:DAY]\"}: "+err.Error()))
		return
	}
	if strings.TrimSpace(req.Rhythm) == "" {
		respond.Error(w, r, respond.BadRequest("rhythm: missing; want monthly or quarterly, optionally :DAY"))
		return
	}
	rh, err := track.ParseRhythm(req.Rhythm)
	if err != nil {
		respond.Error(w, r, respond.BadRequest(err.Error()))
		return
	}
	after, err := s.changePlanSettings(ctx, p.ID, rh)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.JSON(w, r, http.StatusOK, toAPIPlanSettings(after.ID, track.PlanRhythm(after)))
}
