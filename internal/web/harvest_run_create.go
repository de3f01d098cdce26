package web

import (
	"net/http"
	"net/url"
	"strconv"

	"planwatch/internal/web/respond"
)

// harvestRunCreate is the inbox's back-fill button: the whole library is
// matched against the plan, then back to the inbox with how many figures
// are new.
func (s *Server) harvestRunCreate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, err := s.reviewablePlan(ctx, r.PathValue("id"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	res, err := s.runHarvest(ctx, p)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.Redirect(w, r, "/plans/"+url.PathEscape(p.ID)+"/harvest?done="+strconv.Itoa(res.Proposed), http.StatusSeeOther)
}
