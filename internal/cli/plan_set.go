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
	Title  string `json:"title,omitempty"` // only when it changes: a rhythm change is audited as before
}

// auditedSettings are the before and after of a settings change for the
// audit log: the title only when it changed.
func auditedSettings(b, a store.Plan) (before, after planSettings) {
	before, after = planSettings{Rhythm: b.Rhythm}, planSettings{Rhythm: a.Rhythm}
	if a.Title != b.Title {
		before.Title, after.Title = b.Title, a.Title
	}
	return before, after
}

// planSet sets a plan's reporting rhythm (checked by the caller) and/or
// its title, and writes the audit entry, as the operating-system account,
// in the same transaction.
func planSet(cfg *Config, st *store.Store, ref, rhythm, title string) int {
	ctx := cfg.Ctx
	set := store.PlanSettings{Title: title}
	if rhythm != "" {
		rh, err := track.ParseRhythm(rhythm)
		if err != nil {
			return usageError(cfg, "plan", "--rhythm: "+err.Error())
		}
		set.Rhythm = rh.String()
	}
	before, after, err := st.SetPlanSettings(ctx, ref, set, func(b, a store.Plan) (store.AuditEntry, error) {
		was, is := auditedSettings(b, a)
		return auth.EntryAs(ctx, "", cliActor(), "plan.settings", "plan", a.ID, was, is)
	})
	if err != nil {
		return fail(cfg, err)
	}
	if set.Rhythm != "" {
		fmt.Fprintf(cfg.Stdout, "plan %s: reporting rhythm %s (was %s)\n", after.ID, after.Rhythm, before.Rhythm)
	}
	if after.Title != before.Title {
		fmt.Fprintf(cfg.Stdout, "plan %s: title %s (was %s)\n", after.ID, after.Title, before.Title)
	}
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
