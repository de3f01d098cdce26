package web

import (
	"net/http"
	"net/url"

	"planwatch/internal/store"

	"planwatch/internal/web/respond"
)

// proposalItemUpdate saves one proposal's edit form on the review page:
// title, deadline (YYYY-MM-DD), lead and support units (names the unit
// registry knows, separated by 、), and confirm=1 to confirm it once
// edited. Empty fields are left as they are. Then back to the page.
func (s *Server) proposalItemUpdate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, err := s.reviewablePlan(ctx, r.PathValue("id"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	v := r.PostFormValue
	if err := s.editProposal(ctx, p.ID, r.PathValue("item"), v("title"), v("deadline"), splitUnits(v("lead")),
		splitUnits(v("support")), v("confirm") == "1"); err != nil {
		if fp := asFieldProblem(err); fp != nil {
			// The page again, the form open with what was typed and the
			// reason beside the field; nothing was saved.
			s.renderProposals(w, r, http.StatusBadRequest, p, store.ReviewProposed, &proposalEdit{ID: r.PathValue("item"),
				Title: v("title"), Deadline: v("deadline"), Lead: v("lead"), Support: v("support"), Field: fp.Field, Message: fp.Message})
			return
		}
		respond.Error(w, r, err)
		return
	}
	back := "/plans/" + url.PathEscape(p.ID) + "/proposals"
	if v("confirm") == "1" {
		back += "?done=1"
	}
	respond.Redirect(w, r, back, http.StatusSeeOther)
}
