package web

import (
	"net/http"
	"strings"

	"planwatch/internal/store"
	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// apiUnitList lists the unit registry (?region= a GB/T 2260 code,
// ?unconfirmed=1 only the units seeded from plans and not yet reviewed):
// the names every door resolves. Any signed-in user who reads plans.
func (s *Server) apiUnitList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if u, _ := auth.UserFrom(ctx); u == nil || u.Role == store.RoleAuditor {
		respond.Error(w, r, respond.Forbidden(translate(langFrom(ctx), "admin.forbidden")))
		return
	}
	q := r.URL.Query()
	units, err := s.st.Units(ctx, store.UnitFilter{RegionCode: strings.TrimSpace(q.Get("region")), Unconfirmed: q.Get("unconfirmed") == "1"})
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	out := apiUnitList{Units: []apiUnit{}, Total: len(units)}
	for _, u := range units {
		out.Units = append(out.Units, toAPIUnit(u))
		if !u.Confirmed {
			out.Unconfirmed++
		}
	}
	respond.JSON(w, r, http.StatusOK, out)
}
