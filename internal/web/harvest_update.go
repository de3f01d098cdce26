package web

import (
	"errors"
	"net/http"
	"net/url"

	"planwatch/internal/web/respond"
)

// harvestUpdate applies one inbox form: decision accept (with the value
// and period as edited), reject or wrong. A refused value or period shows
// the inbox again with the reason beside the figure.
func (s *Server) harvestUpdate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, err := s.reviewablePlan(ctx, r.PathValue("id"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	if err := r.ParseForm(); err != nil {
		respond.Error(w, r, respond.BadRequest("form: "+err.Error()))
		return
	}
	f := r.PostForm
	req := apiHarvestDecision{Decision: f.Get("decision"), Value: f.Get("value"), Period: f.Get("period"), Note: f.Get("note")}
	if req.Decision != "accept" {
		req.Value, req.Period = "", ""
	}
	id := r.PathValue("hid")
	if _, err := s.decideHarvest(ctx, p, id, req); err != nil {
		var pr *respond.Problem
		if errors.As(err, &pr) && pr.Status == http.StatusBadRequest {
			s.harvestPageWith(w, r, http.StatusBadRequest, id, pr.Message)
			return
		}
		respond.Error(w, r, err)
		return
	}
	respond.Redirect(w, r, "/plans/"+url.PathEscape(p.ID)+"/harvest", http.StatusSeeOther)
}
