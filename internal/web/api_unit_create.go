package web

import (
	"net/http"
	"strings"

	"planwatch/internal/region"
	"planwatch/internal/store"
	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// apiUnitCreate adds a unit to the registry, confirmed, audited as
// unit.add; 201 with the unit. A name (or alias) the region's registry
// already reads as another unit is a 409 naming it. Admins.
func (s *Server) apiUnitCreate(w http.ResponseWriter, r *http.Request) {
	if !allowed(w, r, auth.ManageUnits) {
		return
	}
	var in apiUnitInput
	if err := decodeBody(r, &in); err != nil {
		respond.Error(w, r, err)
		return
	}
	ctx := r.Context()
	code := strings.TrimSpace(in.RegionCode)
	u := store.Unit{Name: strings.TrimSpace(in.Name), RegionCode: code, RegionName: strings.TrimSpace(in.RegionName),
		Level: levelOf(in.Level, code), Aliases: in.Aliases}
	if d, ok := region.ByCode(code); ok && u.RegionName == "" {
		u.RegionName = d.Name
	}
	actor, err := unitActor(ctx)
	if err == nil {
		u, err = s.st.AddUnit(ctx, u, actor)
	}
	if err != nil {
		respond.Error(w, r, unitFailure(err))
		return
	}
	respond.JSON(w, r, http.StatusCreated, toAPIUnit(u))
}
