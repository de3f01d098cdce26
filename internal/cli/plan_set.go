package cli

import (
	"cmp"
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
	Title  string `json:"title,omitempty"`  // only when it changes: a rhythm change is audited as before
	Kind   string `json:"kind,omitempty"`   // only when it changes
	Period string `json:"period,omitempty"` // only when it changes: 2021–2025, — for none
}

// auditedSettings are the before and after of a settings change for the
// audit log: the title only when it changed.
func auditedSettings(b, a store.Plan) (before, after planSettings) {
	before, after = planSettings{Rhythm: b.Rhythm}, planSettings{Rhythm: a.Rhythm}
	if a.Title != b.Title {
		before.Title, after.Title = b.Title, a.Title
	}
	if a.Kind != b.Kind {
		before.Kind, after.Kind = orDash(b.Kind), orDash(a.Kind)
	}
	if a.StartYear != b.StartYear || a.EndYear != b.EndYear {
		before.Period, after.Period = yearsText(b), yearsText(a)
	}
	return before, after
}

// planSetFlags are the settings `plan set` was given; "" leaves one as it is.
type planSetFlags struct{ rhythm, title, kind, period string }

// planSet sets a plan's reporting rhythm (checked by the caller) and/or
// its title, and writes the audit entry, as the operating-system account,
// in the same transaction.
func planSet(cfg *Config, st *store.Store, ref string, fl planSetFlags) int {
	ctx := cfg.Ctx
	set := store.PlanSettings{Title: fl.title, Kind: strings.TrimSpace(fl.kind)}
	if bad := track.CheckName("kind", set.Kind); bad != nil {
		return usageError(cfg, "plan", "--kind: "+bad[0].Reason())
	}
	if fl.kind != "" || fl.period != "" {
		p, err := findPlan(ctx, st, ref)
		if err != nil {
			return fail(cfg, fmt.Errorf("plan %s: %w", ref, err))
		}
		y := store.PlanYears{Start: p.StartYear, End: p.EndYear}
		if fl.period != "" {
			if y, err = track.ParsePeriod(fl.period); err != nil {
				return usageError(cfg, "plan", "--period: "+err.Error())
			}
			set.Years = &y
		}
		if err := track.CheckPeriod(cmp.Or(set.Kind, p.Kind), y); err != nil && track.HasPeriod(store.Plan{StartYear: y.Start, EndYear: y.End}) {
			return fail(cfg, fmt.Errorf("plan %s: %w", p.ID, err))
		}
	}
	if rhythm := fl.rhythm; rhythm != "" {
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
	if after.Kind != before.Kind {
		fmt.Fprintf(cfg.Stdout, "plan %s: kind %s (was %s)\n", after.ID, kindText(after), orDash(before.Kind))
	}
	if after.StartYear != before.StartYear || after.EndYear != before.EndYear {
		fmt.Fprintf(cfg.Stdout, "plan %s: period %s (was %s)\n", after.ID, yearsText(after), yearsText(before))
	}
	return exitOK
}

// kindText writes a plan's kind with how long such a plan runs:
// 行动计划（按文件所述年份）; a plan of no known kind says how to set one.
func kindText(p store.Plan) string {
	if p.Kind == "" {
		return "—（未写明；planwatch plan set " + p.ID + " --kind 行动计划）"
	}
	return p.Kind + "（" + track.SpanText(track.KindSpan(p.Kind)) + "）"
}

// periodText writes a plan's years, or that it has none and how to set them.
func periodText(p store.Plan) string {
	if !track.HasPeriod(p) {
		return "—（文件未写明年份；planwatch plan set " + p.ID + " --period 2021-2025）"
	}
	return yearsText(p)
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
