package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/web/respond"
)

// publicPlanShow shows a published plan read-only, without sign-in: the
// outline, tasks with status and progress, and indicators, but no notes
// and no links into the internal pages. Who reported each task's latest
// update is shown only when the plan was published with names.
//
// An unpublished or unknown plan is a 404 either way, so the public URL
// does not reveal which plans exist.
func (s *Server) publicPlanShow(w http.ResponseWriter, r *http.Request) {
	f, err := parseTaskFilter(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	id := r.PathValue("id")
	pub, err := s.publishedPlan(r.Context(), id)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	asOf := endOfDay(s.now())
	d, err := s.loadPlan(r.Context(), pub.PlanID, asOf, f)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	pg := s.planPage(r, d, pub, true)
	if pub.ShowNames {
		if pg.Reporters, err = s.latestReporters(r.Context(), pub.PlanID, asOf); err != nil {
			respond.Error(w, r, err)
			return
		}
	}
	body, err := s.planBody(&pg)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	pg.Body = respond.Marker
	respond.HTMLWithFragment(w, r, http.StatusOK, s.pages["plan_show"], pg, body)
}

// publishedPlan returns the publication of a published plan (ID or
// unique prefix); a 404 when the plan does not exist or is not published.
func (s *Server) publishedPlan(ctx context.Context, id string) (store.Publication, error) {
	pub, err := s.st.Publication(ctx, id)
	switch {
	case errors.Is(err, store.ErrNotFound) || (err == nil && !pub.Published):
		return pub, respond.NotFound("plan "+id+" not found", nil)
	case err != nil:
		return pub, fmt.Errorf("plan %s: %w", id, err)
	}
	return pub, nil
}

// latestReporters maps each task of a plan to the author of its latest
// update recorded by asOf (the unit when the author is not known).
func (s *Server) latestReporters(ctx context.Context, planID string, asOf time.Time) (map[string]string, error) {
	ups, err := s.st.PlanUpdates(ctx, planID, asOf)
	if err != nil {
		return nil, fmt.Errorf("plan %s: %w", planID, err)
	}
	out := map[string]string{}
	for _, u := range ups { // by item, oldest first: the last one wins
		who := u.Author
		if who == "" {
			who = u.Unit
		}
		out[u.ItemID] = who
	}
	return out, nil
}
