package cli

import (
	"fmt"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/web/auth"
)

// planPublish publishes a plan read-only at /public/plans/ID (with
// personal names only when names), or withdraws it, and writes the
// audit log as the operating-system account, as the web form does for
// its user.
func planPublish(cfg *Config, st *store.Store, ref string, publish, names bool) int {
	ctx := cfg.Ctx
	p, perr := findPlan(ctx, st, ref)
	if perr != nil {
		return fail(cfg, fmt.Errorf("plan %s: %w", ref, perr))
	}
	ref = p.ID
	var (
		before, after store.Publication
		err           error
		action        = string(auth.PublishPlan)
	)
	if publish {
		before, after, err = st.PublishPlan(ctx, ref, cliActor(), names, time.Now())
	} else {
		action = "plan.withdraw"
		before, after, err = st.WithdrawPlan(ctx, ref, cliActor(), time.Now())
	}
	if err != nil {
		return fail(cfg, err)
	}
	if err := auth.RecordAs(ctx, st, "", cliActor(), action, "plan", after.PlanID, before, after); err != nil {
		return fail(cfg, fmt.Errorf("audit: %w", err))
	}
	switch {
	case !publish:
		fmt.Fprintf(cfg.Stdout, "plan %s: withdrawn from the public view\n", after.PlanID)
	case names:
		fmt.Fprintf(cfg.Stdout, "plan %s: published at /public/plans/%s, with reporters' names\n", after.PlanID, after.PlanID)
	default:
		fmt.Fprintf(cfg.Stdout, "plan %s: published at /public/plans/%s, names hidden\n", after.PlanID, after.PlanID)
	}
	return exitOK
}
