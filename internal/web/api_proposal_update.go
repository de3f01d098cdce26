package web

import (
	"encoding/json"
	"net/http"

	"planwatch/internal/web/respond"
)

// apiProposalUpdate confirms, dismisses or merges a plan's proposals
// ({"decision", "ids", "all", "kind", "into", "reason"}); needs plan.edit.
// It answers with how many changed and how many still await review.
func (s *Server) apiProposalUpdate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, err := s.reviewablePlan(ctx, r.PathValue("id"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	var req apiProposalRequest
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		respond.Error(w, r, respond.BadRequest(`body: want {"decision": "confirm|dismiss|merge", "ids": […]}: `+err.Error()))
		return
	}
	res, err := s.reviewProposals(ctx, p.ID, req)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.JSON(w, r, http.StatusOK, res)
}
