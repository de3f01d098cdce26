package web

import (
	"net/http"
	"strings"

	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// unitMergeCreate merges the unit of the path into the one the registry
// page's form names (field into): the records move to it and the name
// becomes its alias, audited as unit.merge.
func (s *Server) unitMergeCreate(w http.ResponseWriter, r *http.Request) {
	if !allowed(w, r, auth.ManageUnits) {
		return
	}
	ctx := r.Context()
	into := strings.TrimSpace(r.PostFormValue("into"))
	if into == "" {
		s.unitRefused(w, r, respond.BadRequest(translate(langFrom(ctx), "units.err.into")))
		return
	}
	actor, err := unitActor(ctx)
	if err == nil {
		_, err = s.st.MergeUnits(ctx, into, r.PathValue("id"), actor)
	}
	if err != nil {
		s.unitRefused(w, r, err)
		return
	}
	unitBack(w, r)
}
