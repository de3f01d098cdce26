package web

import (
	"net/http"
	"strings"

	"planwatch/internal/region"
	"planwatch/internal/store"
	"planwatch/internal/web/auth"
)

// unitCreate adds a unit from the registry page's form (name, region,
// level, aliases), audited as unit.add; a name the region's registry
// already reads as another unit is refused, naming it.
func (s *Server) unitCreate(w http.ResponseWriter, r *http.Request) {
	if !allowed(w, r, auth.ManageUnits) {
		return
	}
	ctx := r.Context()
	code := strings.TrimSpace(r.PostFormValue("region"))
	u := store.Unit{Name: strings.TrimSpace(r.PostFormValue("name")), RegionCode: code,
		Level: levelOf(r.PostFormValue("level"), code), Aliases: splitNames(r.PostFormValue("aliases"))}
	if d, ok := region.ByCode(code); ok {
		u.RegionName = d.Name
	}
	actor, err := unitActor(ctx)
	if err == nil {
		_, err = s.st.AddUnit(ctx, u, actor)
	}
	if err != nil {
		s.unitRefused(w, r, err)
		return
	}
	unitBack(w, r)
}
