package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"planwatch/internal/store"
	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// Links between plans (落实): the plan page's form and the API both call
// linkPlan, which leaves the rule — a plan implements one of its own level
// or above, 区县 → 市 → 省 → 国家 — to store.LinkPlans and turns its
// refusal into a 409 giving the reason.

// apiPlanRef is a linked plan.
type apiPlanRef struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Level  string `json:"level"`
	Region string `json:"region"`
}

// apiPlanLinks is what a plan implements and what implements it.
type apiPlanLinks struct {
	PlanID        string       `json:"plan_id"`
	Implements    []apiPlanRef `json:"implements"`     // the upper plans it carries out
	ImplementedBy []apiPlanRef `json:"implemented_by"` // the lower plans that carry it out
}

// apiPlanLinkRequest is the body of POST /api/v1/plans/{id}/links.
type apiPlanLinkRequest struct {
	// Implements is the upper plan (ID or unique prefix): of the plan's
	// own level or above.
	Implements string `json:"implements"`
}

// linkPlan records that plan p implements the plan upperRef names, as the
// request's user: who may edit p and read the upper plan. A link against
// the levels is a 409 with the reason in the request's language.
func (s *Server) linkPlan(ctx context.Context, p store.Plan, upperRef string) (store.Plan, error) {
	u, _ := auth.UserFrom(ctx)
	lang := langFrom(ctx)
	if !auth.Can(u, auth.EditPlan, auth.Target{PlanID: p.ID}) {
		return store.Plan{}, respond.Forbidden(translate(lang, "links.forbidden"))
	}
	upper, err := s.viewablePlan(ctx, upperRef)
	if err != nil {
		return store.Plan{}, err
	}
	err = s.st.LinkPlans(ctx, p.ID, upper.ID)
	var le *store.LevelError
	switch {
	case errors.As(err, &le):
		msg := le.Error()
		if lang != langEN {
			msg = le.Zh()
		}
		return store.Plan{}, &respond.Problem{Status: http.StatusConflict, Code: "conflict", Message: msg}
	case errors.Is(err, store.ErrConflict):
		return store.Plan{}, &respond.Problem{Status: http.StatusConflict, Code: "conflict", Message: translate(lang, "links.cycle")}
	case err != nil:
		return store.Plan{}, fmt.Errorf("link %s to %s: %w", p.ID, upper.ID, err)
	}
	if err := auth.Record(ctx, s.st, "plan.link", "plan", p.ID, nil, map[string]string{"implements": upper.ID}); err != nil {
		return store.Plan{}, err
	}
	return upper, nil
}

// planLinks lists the plans a plan implements and is implemented by that
// the request's user may read.
func (s *Server) planLinks(ctx context.Context, p store.Plan) (apiPlanLinks, error) {
	out := apiPlanLinks{PlanID: p.ID, Implements: []apiPlanRef{}, ImplementedBy: []apiPlanRef{}}
	up, down, err := s.st.LinkedPlans(ctx, p.ID)
	if err != nil {
		return out, fmt.Errorf("links of plan %s: %w", p.ID, err)
	}
	for _, side := range []struct {
		plans []store.Plan
		dst   *[]apiPlanRef
	}{{up, &out.Implements}, {down, &out.ImplementedBy}} {
		for _, q := range s.viewablePlans(ctx, side.plans) {
			*side.dst = append(*side.dst, apiPlanRef{ID: q.ID, Title: q.Title, Level: q.Level, Region: q.RegionName})
		}
	}
	return out, nil
}

// linkChoices are the plans p may implement that the user reads: of p's
// level or above, not p, not linked yet.
func (s *Server) linkChoices(ctx context.Context, p store.Plan, linked apiPlanLinks) ([]store.Plan, error) {
	all, err := s.st.Plans(ctx, store.PlanFilter{})
	if err != nil {
		return nil, err
	}
	var out []store.Plan
	for _, q := range s.viewablePlans(ctx, all) {
		if q.ID == p.ID || store.CheckPlanLink(p, q) != nil {
			continue
		}
		taken := false
		for _, l := range linked.Implements {
			taken = taken || l.ID == q.ID
		}
		if !taken {
			out = append(out, q)
		}
	}
	return out, nil
}
