package web

import (
	"net/http"

	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// apiUnitConfirmationCreate marks a unit seeded from plans as reviewed,
// audited as unit.confirm; the unit. Admins.
func (s *Server) apiUnitConfirmationCreate(w http.ResponseWriter, r *http.Request) {
	if !allowed(w, r, auth.ManageUnits) {
		return
	}
	ctx := r.Context()
	actor, err := unitActor(ctx)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	if _, err := s.st.ConfirmUnits(ctx, []string{r.PathValue("id")}, actor); err != nil {
		respond.Error(w, r, unitFailure(err))
		return
	}
	u, err := s.st.Unit(ctx, r.PathValue("id"))
	if err != nil {
		respond.Error(w, r, unitFailure(err))
		return
	}
	respond.JSON(w, r, http.StatusOK, toAPIUnit(u))
}
