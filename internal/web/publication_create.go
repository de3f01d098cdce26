package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"planwatch/internal/store"
	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// publicationForm is the plan page's Publish / Withdraw form: publish is
// "1" to publish (or change the names choice), "0" to withdraw; names is
// the checkbox letting the public view show personal names.
type publicationForm struct {
	Publish bool
	Names   bool
}

// parsePublicationForm reads and checks the form's fields.
func parsePublicationForm(r *http.Request) (publicationForm, error) {
	var f publicationForm
	switch v := strings.TrimSpace(r.PostFormValue("publish")); v {
	case "1":
		f.Publish = true
	case "0":
	default:
		return f, respond.BadRequest(fmt.Sprintf("publish %q: want 1 (publish) or 0 (withdraw)", v))
	}
	switch v := strings.TrimSpace(r.PostFormValue("names")); v {
	case "", "0":
	case "1", "on":
		f.Names = true
	default:
		return f, respond.BadRequest(fmt.Sprintf("names %q: want 1 or nothing", v))
	}
	return f, nil
}

// publicationCreate publishes a plan read-only at /public/plans/{id}, or
// withdraws it, from the plan page's form: parse, check that the user may
// publish this plan, save, audit, and send the browser back to the plan.
func (s *Server) publicationCreate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.PathValue("id")
	p, err := s.viewablePlan(ctx, id) // a plan the user may not read is not found, as one that does not exist
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	f, err := parsePublicationForm(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	if _, err := s.changePublication(ctx, p.ID, f.Publish, f.Names); err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.Redirect(w, r, "/plans/"+url.PathEscape(p.ID)+"#publication", http.StatusSeeOther)
}

// changePublication publishes (with or without names) or withdraws a
// plan, given by its full ID, as the request's user, and writes the audit
// log; a 403 when the user may not publish the plan. The page form and
// the API share it.
func (s *Server) changePublication(ctx context.Context, planID string, publish, names bool) (store.Publication, error) {
	u, _ := auth.UserFrom(ctx)
	if !auth.Can(u, auth.PublishPlan, auth.Target{PlanID: planID}) {
		return store.Publication{}, respond.Forbidden(translate(langFrom(ctx), "pub.forbidden"))
	}
	var (
		before, after store.Publication
		err           error
		action        = string(auth.PublishPlan)
	)
	if publish {
		before, after, err = s.st.PublishPlan(ctx, planID, u.Login, names, s.now())
	} else {
		action = "plan.withdraw"
		before, after, err = s.st.WithdrawPlan(ctx, planID, u.Login, s.now())
	}
	if err != nil {
		return store.Publication{}, fmt.Errorf("publish plan %s: %w", planID, err)
	}
	if err := auth.Record(ctx, s.st, action, "plan", planID, before, after); err != nil {
		return store.Publication{}, fmt.Errorf("audit publication of %s: %w", planID, err)
	}
	return after, nil
}
