package web

import (
	"encoding/json"
	"net/http"
	"strings"

	"planwatch/internal/web/respond"
)

// apiPlanLinkCreate records that the plan implements another, of its own
// level or above (a link the other way is a 409 with the reason); 201 with
// the plan's links. Needs plan.edit on the plan.
func (s *Server) apiPlanLinkCreate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, err := s.viewablePlan(ctx, r.PathValue("id"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	var req apiPlanLinkRequest
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil || strings.TrimSpace(req.Implements) == "" {
		respond.Error(w, r, respond.BadRequest(`body: want {"implements": "PLAN"}`))
		return
	}
	if _, err := s.linkPlan(ctx, p, strings.TrimSpace(req.Implements)); err != nil {
		respond.Error(w, r, err)
		return
	}
	links, err := s.planLinks(ctx, p)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.JSON(w, r, http.StatusCreated, links)
}
