package web

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"planwatch/internal/web/respond"
)

// apiPublicationRequest is the body of POST /api/v1/plans/{id}/publication;
// an empty body publishes without names.
type apiPublicationRequest struct {
	ShowNames bool `json:"show_names,omitempty"`
}

// apiPublicationCreate publishes a plan read-only at /public/plans/{id}
// (again, to change the names choice) and returns its publication.
func (s *Server) apiPublicationCreate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.PathValue("id")
	p, err := s.viewablePlan(ctx, id) // a plan the user may not read is not found, as one that does not exist
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	var req apiPublicationRequest
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil && !errors.Is(err, io.EOF) {
		respond.Error(w, r, respond.BadRequest("body: want {\"show_names\": true|false}: "+err.Error()))
		return
	}
	pub, err := s.changePublication(ctx, p.ID, true, req.ShowNames)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.JSON(w, r, http.StatusOK, toAPIPublication(pub))
}
