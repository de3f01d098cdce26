package web

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"

	"planwatch/internal/store"
	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// Links between plans (落实): the plan page's form and the API both call
// linkPlan, which leaves the rule — a plan implements one of its own level
// or above, 区县 → 市 → 省 → 国家 — to store.LinkPlans and turns its
// refusal into a 409 giving the reason.

// linkMessages are the interface strings of links between plans, merged
// into the catalog.
var linkMessages = map[string][2]string{
	"links.title":          {"落实关系", "Plans implemented"},
	"links.implements":     {"本计划落实", "This plan implements"},
	"links.implemented_by": {"落实本计划的下级计划", "Implemented by"},
	"links.none":           {"尚未关联上级计划。", "No upper plan linked yet."},
	"links.add":            {"落实上级计划", "Implements"},
	"links.save":           {"关联", "Link"},
	"links.choose":         {"选择要落实的上级计划…", "Choose a plan it implements…"},
	"links.no_choices":     {"没有可落实的本级或上级计划。", "No plan of its own level or above to implement."},
	"links.rule":           {"只能落实本级或上级计划（区县→市→省→国家）", "A plan implements one of its own level or above (county → city → province → nation)"},
	"links.forbidden":      {"您无权修改本计划的落实关系", "You may not change this plan's links"},
	"links.cycle":          {"这样关联会形成循环（计划落实自身或其下级计划）", "That link would close a cycle (a plan implementing itself or a plan below it)"},
}

func init() { maps.Copy(messages, linkMessages) }

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
