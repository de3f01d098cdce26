package web

import (
	"net/http"

	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// apiUnitAliasCreate gives a unit other names it goes by ({"aliases": [...]})
// and confirms it, audited as unit.alias; the unit as it is after. A name
// of another unit of the region is a 409. Admins.
func (s *Server) apiUnitAliasCreate(w http.ResponseWriter, r *http.Request) {
	if !allowed(w, r, auth.ManageUnits) {
		return
	}
	var in apiUnitAliases
	if err := decodeBody(r, &in); err != nil {
		respond.Error(w, r, err)
		return
	}
	if len(in.Aliases) == 0 {
		respond.Error(w, r, respond.BadRequest(`aliases: give one or more names`))
		return
	}
	ctx := r.Context()
	actor, err := unitActor(ctx)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	u, err := s.st.AddUnitAliases(ctx, r.PathValue("id"), in.Aliases, actor)
	if err != nil {
		respond.Error(w, r, unitFailure(err))
		return
	}
	respond.JSON(w, r, http.StatusOK, toAPIUnit(u))
}
