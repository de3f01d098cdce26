package cli

import (
	"cmp"
	"flag"
	"fmt"
	"sort"
	"strings"
	"time"

	"planwatch/internal/amount"
	"planwatch/internal/store"
	"planwatch/internal/track"
)

func statusCommand() *command {
	return &command{
		name:    "status",
		args:    "PLAN [--as-of DATE] [--rhythm monthly|quarterly[:DAY]]",
		summary: "one screen on a plan: tasks by status against 序时进度, overdue and unreported items per unit, indicators off track",
		example: "planwatch status 01k84q\n  planwatch status 01k84q --as-of 2025-06-30 --rhythm quarterly",
		setup: func(fs *flag.FlagSet) func(*Config, []string) int {
			open := dbFlags(fs)
			asOf := fs.String("as-of", "", "the date to judge progress at (default today); only what was recorded by then counts")
			rhythm := fs.String("rhythm", "", "reporting rhythm to judge by, monthly (by the 5th) or quarterly (by the 20th), optionally :DAY (default the plan's own, set with plan set)")
			return func(cfg *Config, args []string) int {
				if len(args) != 1 {
					return usageError(cfg, "status", "give one PLAN")
				}
				at := time.Now()
				if *asOf != "" {
					t, err := time.ParseInLocation("2006-01-02", *asOf, time.Local)
					if err != nil {
						return usageError(cfg, "status", fmt.Sprintf("--as-of %s: want a date like 2025-06-30", *asOf))
					}
					at = t.Add(24*time.Hour - time.Second) // the whole day counts
				}
				var rh *track.Rhythm
				if *rhythm != "" {
					r, err := track.ParseRhythm(*rhythm)
					if err != nil {
						return usageError(cfg, "status", err.Error())
					}
					rh = &r
				}
				st, _, err := open(cfg)
				if err != nil {
					return fail(cfg, err)
				}
				defer st.Close()
				if err := printStatus(cfg, st, args[0], at, rh); err != nil {
					return fail(cfg, err)
				}
				return exitOK
			}
		},
	}
}

// printStatus prints one screen on a plan as of at; unreported tasks are
// judged by override when given, else by the plan's own rhythm.
func printStatus(cfg *Config, st *store.Store, ref string, at time.Time, override *track.Rhythm) error {
	ctx := cfg.Ctx
	p, err := findPlan(ctx, st, ref)
	if err != nil {
		return fmt.Errorf("plan %s: %w", ref, err)
	}
	rh := track.PlanRhythm(p)
	if override != nil {
		rh = *override
	}
	items, err := st.Items(ctx, p.ID, store.ItemFilter{})
	if err != nil {
		return fmt.Errorf("plan %s: %w", p.ID, err)
	}
	ups, err := st.PlanUpdates(ctx, p.ID, at)
	if err != nil {
		return fmt.Errorf("plan %s: %w", p.ID, err)
	}
	ps := track.AssessPlan(p, items, ups, at, rh)
	w := cfg.Stdout
	fmt.Fprintf(w, "%s\n截至 %s（%s）\n", p.Title, at.Format("2006-01-02"), p.Level)
	printProposalsDue(cfg, st, p.ID) // proposals are not counted below
	fmt.Fprintln(w)
	if !track.HasPeriod(p) {
		fmt.Fprintf(w, "期限未设置：任务只按进度判断，不算序时进度（planwatch plan set %s --period 2021-2025）\n\n", p.ID)
	}
	fmt.Fprintf(w, "任务 %d 项：", len(ps.Tasks))
	var parts []string
	for _, code := range track.Statuses() {
		if n := ps.Count(code); n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", track.StatusLabel(code), n))
		}
	}
	fmt.Fprintln(w, strings.Join(parts, "，"))
	var late []string
	for _, t := range ps.Tasks {
		if t.Status == track.StatusBehind || t.Status == track.StatusOverdue {
			late = append(late, fmt.Sprintf("  %s %s  %s，进度%d%%，序时%.0f%%%s", t.Item.Number, t.Item.Title, t.Label(),
				t.Progress, t.Expected, deadlineMark(t.Assessment)))
		}
	}
	if len(late) > 0 {
		fmt.Fprintf(w, "\n滞后或逾期（%d）\n%s\n", len(late), strings.Join(late, "\n"))
	}
	var extended []string
	for _, t := range ps.Tasks {
		if e := t.Extension; t.Status == track.StatusExtended && e != nil {
			extended = append(extended, fmt.Sprintf("  %s %s  延至 %s（%s批准：%s）", t.Item.Number, t.Item.Title, e.NewDeadline,
				e.ApprovedBy, e.Reason))
		}
	}
	if len(extended) > 0 {
		fmt.Fprintf(w, "\n已延期（%d）\n%s\n", len(extended), strings.Join(extended, "\n"))
	}

	if gaps := ps.Gaps; len(gaps) > 0 {
		fmt.Fprintf(w, "\n未按期报送（%s，截止 %s）：%d 项\n", gaps[0].Period.Label, gaps[0].Period.Due.Format("2006-01-02"), ps.Unreported())
		for _, g := range gaps {
			var ns []string
			for _, it := range g.Items {
				if it.Number != "" {
					ns = append(ns, it.Number)
				} else {
					ns = append(ns, it.Title)
				}
			}
			fmt.Fprintf(w, "  %s：%d 项（%s）\n", orDash(g.Unit), len(g.Items), strings.Join(ns, " "))
		}
	}

	if lates := track.LateReports(items, ups, at, rh); len(lates) > 0 {
		n := 0
		for _, l := range lates {
			n += len(l.Items)
		}
		fmt.Fprintf(w, "\n迟报（%s，截止 %s）：%d 项\n", lates[0].Period.Label, lates[0].Period.Due.Format("2006-01-02"), n)
		for _, l := range lates {
			var ns []string
			for _, it := range l.Items {
				ns = append(ns, cmp.Or(it.Number, it.Title))
			}
			fmt.Fprintf(w, "  %s：%d 项（%s）\n", orDash(l.Unit), len(l.Items), strings.Join(ns, " "))
		}
	}

	inds, err := st.Indicators(ctx, p.ID)
	if err != nil {
		return fmt.Errorf("plan %s: %w", p.ID, err)
	}
	var off []string
	for _, ind := range inds {
		o := track.OnTrackBy(track.ResolveTargets(ind, p.EndYear), p.EndYear, at)
		if o.Known && !o.OnTrack {
			off = append(off, fmt.Sprintf("  %s：%s年 %s，目标 %s年 %s", ind.Name, o.LatestPeriod, amount.Format(o.Latest, ind.Unit),
				yearText(o.TargetYear), track.TargetText(o.Goal, ind.Unit)))
		}
	}
	fmt.Fprintf(w, "\n指标 %d 项，偏离目标 %d 项\n", len(inds), len(off))
	sort.Strings(off)
	if len(off) > 0 {
		fmt.Fprintln(w, strings.Join(off, "\n"))
	}
	return nil
}

// deadlineMark names the deadline a task missed.
func deadlineMark(a track.Assessment) string {
	if a.Overdue {
		return "，完成时限 " + a.Deadline.Format("2006-01-02")
	}
	return ""
}
