package web

import (
	"net/http"
	"strings"

	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// apiUnitMergeCreate merges the unit {"merged": ID} into the unit of the
// path, of the same region: its task assignments, updates, account scopes
// and reminders move, its name becomes an alias, audited as unit.merge.
// Units of two regions are a 409. Admins.
func (s *Server) apiUnitMergeCreate(w http.ResponseWriter, r *http.Request) {
	if !allowed(w, r, auth.ManageUnits) {
		return
	}
	var in apiUnitMergeRequest
	if err := decodeBody(r, &in); err != nil {
		respond.Error(w, r, err)
		return
	}
	if strings.TrimSpace(in.Merged) == "" {
		respond.Error(w, r, respond.BadRequest(`merged: name the unit to merge into this one`))
		return
	}
	ctx := r.Context()
	actor, err := unitActor(ctx)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	m, err := s.st.MergeUnits(ctx, r.PathValue("id"), strings.TrimSpace(in.Merged), actor)
	if err != nil {
		respond.Error(w, r, unitFailure(err))
		return
	}
	respond.JSON(w, r, http.StatusOK, apiUnitMerge{Kept: toAPIUnit(m.Kept), Merged: toAPIUnit(m.Merged),
		Assignments: m.Assignments, Updates: m.Updates, Scopes: m.Scopes, Reminders: m.Reminders})
}
