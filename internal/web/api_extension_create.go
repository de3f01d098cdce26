package web

import (
	"encoding/json"
	"net/http"

	"planwatch/internal/web/respond"
)

// apiExtensionCreate records an approved extension of a task's deadline
// ({"deadline", "reason", "approver", "approved_on"}): the task is 已延期
// until the new date passes. Needs plan.edit; 201 with the extension.
func (s *Server) apiExtensionCreate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	d, err := s.loadTask(ctx, r.PathValue("id"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	var in apiExtensionRequest
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		respond.Error(w, r, respond.BadRequest(`body: want {"deadline", "reason", "approver", "approved_on"}: `+err.Error()))
		return
	}
	e, err := s.extendTask(ctx, d, in)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.JSON(w, r, http.StatusCreated, toAPIExtension(e))
}
