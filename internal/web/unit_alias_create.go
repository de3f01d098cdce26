package web

import (
	"net/http"

	"planwatch/internal/web/auth"
)

// unitAliasCreate gives a unit the other names typed in the registry
// page's form (field aliases, separated by commas or 、), audited as
// unit.alias; a name of another unit is refused.
func (s *Server) unitAliasCreate(w http.ResponseWriter, r *http.Request) {
	if !allowed(w, r, auth.ManageUnits) {
		return
	}
	ctx := r.Context()
	actor, err := unitActor(ctx)
	if err == nil {
		_, err = s.st.AddUnitAliases(ctx, r.PathValue("id"), splitNames(r.PostFormValue("aliases")), actor)
	}
	if err != nil {
		s.unitRefused(w, r, err)
		return
	}
	unitBack(w, r)
}
