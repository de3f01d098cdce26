package web

import (
	"net/http"

	"planwatch/internal/store"
	"planwatch/internal/web/respond"
)

// proposalPage is the review page's data.
type proposalPage struct {
	view
	Plan      store.Plan
	List      apiProposalList
	Dismissed bool          // showing the dismissed ones (?state=dismissed)
	Waiting   int           // proposals awaiting review
	Done      string        // how many the last action changed (?done=)
	Into      []store.Item  // the tasks a proposal may be merged into: confirmed ones, then proposals
	Edit      *proposalEdit // the edit form refused, shown open with its problem; nil for none
}

// proposalEdit is a proposal's edit form as typed, refused for a problem
// with one field, to show again with the message beside that field.
type proposalEdit struct {
	ID, Title, Deadline, Lead, Support string
	Field, Message                     string
}

// For reports whether the refused form is the proposal id's.
func (e *proposalEdit) For(id string) bool { return e != nil && e.ID == id }

// proposalList shows a plan's proposals (?state=dismissed: those turned
// down) with their source sentences, the bulk form (confirm, dismiss,
// merge the ones ticked) and each one's edit form; for the plan's
// editors and admins.
func (s *Server) proposalList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, err := s.reviewablePlan(ctx, r.PathValue("id"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	state := store.ReviewProposed
	if r.URL.Query().Get("state") == store.ReviewDismissed {
		state = store.ReviewDismissed
	}
	s.renderProposals(w, r, http.StatusOK, p, state, nil)
}

// renderProposals shows the review page of the proposals in state, with
// a refused edit form (nil for none).
func (s *Server) renderProposals(w http.ResponseWriter, r *http.Request, status int, p store.Plan, state string, edit *proposalEdit) {
	ctx := r.Context()
	list, err := s.loadProposals(ctx, p, state)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	waiting, err := s.st.CountProposals(ctx, p.ID)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	pg := proposalPage{view: s.newView(r, translate(langFrom(ctx), "proposals.title")+" · "+p.Title, "plans"), Plan: p, List: list,
		Dismissed: state == store.ReviewDismissed, Waiting: waiting, Done: r.URL.Query().Get("done"), Edit: edit}
	if pg.Into, err = s.st.Items(ctx, p.ID, store.ItemFilter{Kind: store.KindTask}); err != nil {
		respond.Error(w, r, err)
		return
	}
	proposed, err := s.st.Items(ctx, p.ID, store.ItemFilter{Kind: store.KindTask, Review: store.ReviewProposed})
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	pg.Into = append(pg.Into, proposed...)
	respond.HTML(w, r, status, s.pages["proposal_list"], pg)
}
