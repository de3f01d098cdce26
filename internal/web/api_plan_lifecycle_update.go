package web

import (
	"encoding/json"
	"net/http"

	"planwatch/internal/web/respond"
)

// apiPlanLifecycleUpdate archives, restores or deletes a plan
// ({"action": "archive|restore|delete"}); needs plan.edit. A plan others
// depend on is a 409 naming them.
func (s *Server) apiPlanLifecycleUpdate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, err := s.viewablePlan(ctx, r.PathValue("id"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	action, err := decodeLifecycleRequest(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	got, err := s.changePlanLifecycle(ctx, p.ID, action)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.JSON(w, r, http.StatusOK, got)
}

// decodeLifecycleRequest reads and checks the body of a lifecycle request.
func decodeLifecycleRequest(r *http.Request) (string, error) {
	var req apiLifecycleRequest
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return "", respond.BadRequest("body: want {\"action\": \"archive|restore|delete\"}: " + err.Error())
	}
	return parseLifecycleAction(req.Action)
}
