package web

import (
	"net/http"
	"net/url"
	"strconv"

	"planwatch/internal/web/respond"
)

// proposalUpdate applies the review page's bulk form: decision (confirm,
// dismiss or merge), the proposals ticked (fields id), into for a merge,
// an optional reason; or all=1 (with kind) for every proposal awaiting
// review. Then back to the page.
func (s *Server) proposalUpdate(w http.ResponseWriter, r *http.Request) {
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
	req := apiProposalRequest{Decision: f.Get("decision"), IDs: f["id"], All: f.Get("all") == "1", Kind: f.Get("kind"),
		Into: f.Get("into"), Reason: f.Get("reason")}
	res, err := s.reviewProposals(ctx, p.ID, req)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.Redirect(w, r, "/plans/"+url.PathEscape(p.ID)+"/proposals?done="+strconv.Itoa(res.Changed), http.StatusSeeOther)
}
