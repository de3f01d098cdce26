package web

import (
	"net/http"

	"planwatch/internal/store"
	"planwatch/internal/web/respond"
)

// harvestPage is the inbox's data.
type harvestPage struct {
	view
	Plan  store.Plan
	List  apiHarvestList
	All   bool   // every decision shown (?state=all)
	Done  string // new proposals of the last back-fill (?done=)
	Error string // why the last decision was refused
	ErrID string // the proposal it was about
}

// harvestList shows the figures harvested for a plan's indicators with
// their source sentences and snapshot links, each with its accept
// (value and period editable), reject and "not this indicator" forms,
// and the back-fill button; for the plan's editors and admins.
func (s *Server) harvestList(w http.ResponseWriter, r *http.Request) {
	s.harvestPageWith(w, r, http.StatusOK, "", "")
}

func (s *Server) harvestPageWith(w http.ResponseWriter, r *http.Request, status int, errID, msg string) {
	ctx := r.Context()
	p, list, err := s.harvestOf(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	pg := harvestPage{view: s.newView(r, translate(langFrom(ctx), "harvest.title")+" · "+p.Title, "plans"), Plan: p,
		List: list, All: r.URL.Query().Get("state") == "all", Done: r.URL.Query().Get("done"), Error: msg, ErrID: errID}
	respond.HTML(w, r, status, s.pages["harvest_list"], pg)
}
