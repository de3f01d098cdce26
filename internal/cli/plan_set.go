package cli

import (
	"fmt"
	"strings"

	"planwatch/internal/store"
	"planwatch/internal/track"
	"planwatch/internal/web/auth"
)

// planSettings is what the audit log keeps of a plan's settings before
// and after a change; the web form and the API write the same shape.
type planSettings struct {
	Rhythm string `json:"rhythm"`
}

// planSet sets a plan's reporting rhythm (checked by the caller) and
// writes the audit entry, as the operating-system account, in the same
// transaction.
func planSet(cfg *Config, st *store.Store, ref, rhythm string) int {
	ctx := cfg.Ctx
	rh, err := track.ParseRhythm(rhythm)
	if err != nil {
		return usageError(cfg, "plan", "--rhythm: "+err.Error())
	}
	before, after, err := st.SetPlanRhythm(ctx, ref, rh.String(), func(b, a store.Plan) (store.AuditEntry, error) {
		return auth.EntryAs(ctx, "", cliActor(), "plan.settings", "plan", a.ID, planSettings{b.Rhythm}, planSettings{a.Rhythm})
	})
	if err != nil {
		return fail(cfg, err)
	}
	fmt.Fprintf(cfg.Stdout, "plan %s: reporting rhythm %s (was %s)\n", after.ID, after.Rhythm, before.Rhythm)
	return exitOK
}

// rhythmText words a rhythm as the offices do: 月报（次月5日前）,
// 季报（下季度首月20日前）.
func rhythmText(r track.Rhythm) string {
	day, _ := strings.CutPrefix(r.String(), "quarterly:")
	if r.Quarterly {
		return fmt.Sprintf("季报（下季度首月%s日前）", day)
	}
	return fmt.Sprintf("月报（次月%s日前）", strings.TrimPrefix(day, "monthly:"))
}
