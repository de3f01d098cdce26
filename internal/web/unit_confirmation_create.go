package web

import (
	"net/http"

	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// unitConfirmationCreate marks the units ticked on the registry page
// (fields id) as reviewed, each audited as unit.confirm.
func (s *Server) unitConfirmationCreate(w http.ResponseWriter, r *http.Request) {
	if !allowed(w, r, auth.ManageUnits) {
		return
	}
	ctx := r.Context()
	if err := r.ParseForm(); err != nil {
		respond.Error(w, r, respond.BadRequest("form: "+err.Error()))
		return
	}
	ids := r.PostForm["id"]
	if len(ids) == 0 {
		s.unitRefused(w, r, respond.BadRequest(translate(langFrom(ctx), "units.err.none")))
		return
	}
	actor, err := unitActor(ctx)
	if err == nil {
		_, err = s.st.ConfirmUnits(ctx, ids, actor)
	}
	if err != nil {
		s.unitRefused(w, r, err)
		return
	}
	unitBack(w, r)
}
