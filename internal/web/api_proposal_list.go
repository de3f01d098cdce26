package web

import (
	"net/http"

	"planwatch/internal/store"
	"planwatch/internal/web/respond"
)

// apiProposalList lists a plan's proposals awaiting review (?state=dismissed:
// those turned down) with their source sentences; for the plan's editors
// and admins.
func (s *Server) apiProposalList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, err := s.reviewablePlan(ctx, r.PathValue("id"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	state := store.ReviewProposed
	switch q := r.URL.Query().Get("state"); q {
	case "", store.ReviewProposed:
	case store.ReviewDismissed:
		state = q
	default:
		respond.Error(w, r, respond.BadRequest("state "+q+": want proposed or dismissed"))
		return
	}
	list, err := s.loadProposals(ctx, p, state)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.JSON(w, r, http.StatusOK, list)
}
