package web

import (
	"encoding/json"
	"net/http"

	"planwatch/internal/web/respond"
)

// apiHarvestUpdate decides one harvested figure ({"decision":
// "accept|reject|wrong", "value", "period", "note"}); needs plan.edit.
// It answers with the figure as decided (an accepted one names its
// observation).
func (s *Server) apiHarvestUpdate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, err := s.reviewablePlan(ctx, r.PathValue("id"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	var req apiHarvestDecision
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		respond.Error(w, r, respond.BadRequest(`body: want {"decision": "accept|reject|wrong"}: `+err.Error()))
		return
	}
	out, err := s.decideHarvest(ctx, p, r.PathValue("hid"), req)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.JSON(w, r, http.StatusOK, out)
}
