package web

import (
	"net/http"

	"planwatch/internal/store"
	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// apiUnitShow gives a unit (ID or unique prefix) with its aliases and
// what the records hold of it: tasks led and supported, updates, the
// accounts reporting for it, the plans (of those the caller reads) that
// name it.
func (s *Server) apiUnitShow(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if u, _ := auth.UserFrom(ctx); u == nil || u.Role == store.RoleAuditor {
		respond.Error(w, r, respond.Forbidden(translate(langFrom(ctx), "admin.forbidden")))
		return
	}
	unit, err := s.st.Unit(ctx, r.PathValue("id"))
	if err != nil {
		respond.Error(w, r, notFound(err, "unit "+r.PathValue("id")))
		return
	}
	use, err := s.st.UnitUsage(ctx, unit)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	out := toAPIUnit(unit)
	out.Usage = &apiUnitUsage{Leads: use.Leads, Supports: use.Supports, Updates: use.Updates, Users: use.Users, Plans: []apiPlanRef{}}
	for _, p := range s.viewablePlans(ctx, use.Plans) {
		out.Usage.Plans = append(out.Usage.Plans, apiPlanRef{ID: p.ID, Title: p.Title, Level: p.Level, Region: p.RegionName})
	}
	respond.JSON(w, r, http.StatusOK, out)
}
