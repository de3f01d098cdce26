package cli

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"planwatch/internal/amount"
	"planwatch/internal/store"
	"planwatch/internal/track"
)

func indicatorCommand() *command {
	return &command{
		name:    "indicator",
		args:    "list PLAN | observe IND --period P --value V | import PLAN FILE | compare NAME [--group G] [--year Y]",
		summary: "follow indicators: baseline, targets, observations, projection; compare regions on one indicator",
		example: "planwatch indicator list 01k84q\n" +
			"  planwatch indicator observe 01k84q7b --period 2024 --value 3.1 --source 统计公报\n" +
			"  planwatch indicator observe 01k84q7c --period 2024 --value 1.2亿   # 150万, 1.2亿, 3.5%, 全覆盖\n" +
			"  planwatch indicator import 01k84q 指标数据.xlsx\n" +
			"  planwatch indicator compare 研发经费投入强度 --group 长三角中心区\n" +
			"  planwatch indicator compare 地区生产总值增长 --year 2026",
		setup: func(fs *flag.FlagSet) func(*Config, []string) int {
			open := dbFlags(fs)
			period := fs.String("period", "", "observe: the period, 2024, 2024-Q2 or 2024-06")
			value := fs.String("value", "", "observe: the value as offices write it: 3.1, 150万, 1.2亿元, 3.5%, 全覆盖 (in the indicator's unit unless it says 万 or 亿)")
			source := fs.String("source", "", "observe: where the figure comes from")
			group := fs.String("group", "", "compare: only regions of this group (长三角, 长三角中心区, or a saved group)")
			year := fs.Int("year", 0, "compare: the target year to show, with the year before's actual (default: each plan's own year, its end)")
			return func(cfg *Config, args []string) int {
				if len(args) == 0 {
					return usageError(cfg, "indicator", "give list, observe, import or compare")
				}
				verb, rest := args[0], args[1:]
				need := map[string]int{"list": 1, "observe": 1, "import": 2, "compare": 1}
				n, ok := need[verb]
				if !ok {
					return usageError(cfg, "indicator", fmt.Sprintf("unknown action %q", verb))
				}
				if len(rest) != n {
					return usageError(cfg, "indicator", fmt.Sprintf("%s takes %d argument(s)", verb, n))
				}
				if *year < 0 || *year > 9999 {
					return usageError(cfg, "indicator", "--year wants a year such as 2026")
				}
				if _, ok := track.NormalizePeriod(*period); verb == "observe" && !ok {
					return usageError(cfg, "indicator", "observe needs --period like 2024, 2024-Q2 or 2024-06")
				}
				if _, err := amount.Parse(*value); verb == "observe" && err != nil {
					return usageError(cfg, "indicator", "observe needs --value like 3.1, 150万, 1.2亿 or 3.5%: "+err.Error())
				}
				st, app, err := open(cfg)
				if err != nil {
					return fail(cfg, err)
				}
				defer st.Close()
				ctx := cfg.Ctx
				w := cfg.Stdout
				switch verb {
				case "list":
					p, err := findPlan(ctx, st, rest[0])
					if err != nil {
						return fail(cfg, fmt.Errorf("plan %s: %w", rest[0], err))
					}
					inds, err := st.Indicators(ctx, p.ID)
					if err != nil {
						return fail(cfg, err)
					}
					for _, ind := range inds {
						printIndicator(cfg, p, ind)
					}
				case "observe":
					ind, err := st.Indicator(ctx, rest[0])
					if err != nil {
						return fail(cfg, fmt.Errorf("indicator %s: %w", rest[0], err))
					}
					// The figure in the indicator's unit (1.2亿 for one in 元 is
					// 120000000), then an indicator sheet's rules: a period
					// begun, a finite value, a source of plain text.
					v, err := amount.ParseIn(*value, ind.Unit)
					if err != nil {
						return fail(cfg, fmt.Errorf("indicator %s: --value %s: %w", ind.ID, *value, err))
					}
					np, problems := track.CheckObservation(*period, v, *source, time.Now().Format(time.DateOnly))
					if len(problems) > 0 {
						return fail(cfg, fmt.Errorf("indicator %s: %s", ind.ID, problemList(problems)))
					}
					o := store.Observation{IndicatorID: ind.ID, Period: np, Value: v, Source: strings.TrimSpace(*source)}
					if err := st.AddObservations(ctx, []store.Observation{o}); err != nil {
						return fail(cfg, fmt.Errorf("indicator %s: %w", ind.ID, err))
					}
					fmt.Fprintf(w, "%s %s：%s\n", ind.Name, o.Period, amount.Format(o.Value, ind.Unit))
				case "import":
					p, err := findPlan(ctx, st, rest[0])
					if err != nil {
						return fail(cfg, fmt.Errorf("plan %s: %w", rest[0], err))
					}
					inds, err := st.Indicators(ctx, p.ID)
					if err != nil {
						return fail(cfg, err)
					}
					f, err := os.Open(rest[1])
					if err != nil {
						return fail(cfg, fmt.Errorf("%s: %w", rest[1], err))
					}
					defer f.Close()
					obs, rowErrs, err := track.ReadObservations(ctx, f, sheetFormat(rest[1]), inds, track.ReadOptions{Limits: app.Sheets})
					if err != nil {
						return fail(cfg, fmt.Errorf("%s: %w", rest[1], err))
					}
					if len(rowErrs) > 0 {
						return rowFailures(cfg, rest[1], rowErrs)
					}
					if err := st.AddObservations(ctx, obs); err != nil {
						return fail(cfg, fmt.Errorf("%s: %w", rest[1], err))
					}
					fmt.Fprintf(w, "%s: %d observations recorded\n", rest[1], len(obs))
				case "compare":
					return compareIndicator(cfg, st, rest[0], *group, *year)
				}
				return exitOK
			}
		},
	}
}

func printIndicator(cfg *Config, p store.Plan, ind store.Indicator) {
	o := track.OnTrackBy(track.ResolveTargets(ind, p.EndYear), p.EndYear, time.Now())
	var b strings.Builder
	fmt.Fprintf(&b, "%s  %s（%s）", ind.ID, ind.Name, orDash(ind.Unit))
	if ind.BaselineValue != nil {
		fmt.Fprintf(&b, "  基期 %s年 %s", yearText(ind.BaselineYear), amount.Format(*ind.BaselineValue, ind.Unit))
	}
	for _, t := range ind.Targets {
		fmt.Fprintf(&b, "  目标 %s年 %s", yearText(t.Year), track.TargetText(t, ind.Unit))
	}
	if o.LatestPeriod != "" {
		fmt.Fprintf(&b, "  最新 %s %s", o.LatestPeriod, amount.Format(o.Latest, ind.Unit))
	}
	if o.Projection {
		fmt.Fprintf(&b, "  预计 %s年 %s", yearText(o.TargetYear), amount.Format(o.Projected, ind.Unit))
	}
	if o.Known {
		if o.OnTrack {
			b.WriteString("  ✓ 可达成")
		} else {
			b.WriteString("  ✗ 偏离目标")
		}
	}
	fmt.Fprintln(cfg.Stdout, b.String())
}

// compareIndicator shows one indicator across the plans that carry it
// (by Key, so 经济增长 finds 地区生产总值增长), one line per plan: the
// target for year (0: each plan's own year) and the actual figure of the
// year before, and the latest figure when it is later than that.
func compareIndicator(cfg *Config, st *store.Store, name, group string, year int) int {
	ctx := cfg.Ctx
	key := track.Key(name)
	inds, err := st.IndicatorsByKey(ctx, key)
	if err != nil {
		return fail(cfg, err)
	}
	var members *store.RegionGroup
	if group != "" {
		groups := track.BuiltinGroups()
		saved, err := st.RegionGroups(ctx)
		if err != nil {
			return fail(cfg, err)
		}
		groups = append(groups, saved...)
		for i := range groups {
			if groups[i].Name == group {
				members = &groups[i]
			}
		}
		if members == nil {
			var names []string
			for _, g := range groups {
				names = append(names, g.Name)
			}
			return fail(cfg, fmt.Errorf("group %s: not found (have %s)", group, strings.Join(names, "、")))
		}
	}
	now := time.Now()
	var rows []track.CompareRow
	plans := map[string]store.Plan{}
	for _, ind := range inds {
		p, ok := plans[ind.PlanID]
		if !ok {
			if p, err = st.Plan(ctx, ind.PlanID); err != nil {
				return fail(cfg, err)
			}
			plans[p.ID] = p
		}
		if !p.ArchivedAt.IsZero() || members != nil && !track.Members(*members, p.RegionCode) {
			continue // an archived plan is out of every list and count
		}
		rows = append(rows, track.NewCompareRow(p, ind, year, now))
	}
	rows = track.OnePerPlan(rows)
	track.SortCompareRows(rows)
	w := cfg.Stdout
	when := "各计划本年目标"
	if year != 0 {
		when = fmt.Sprintf("%d年目标", year)
	}
	fmt.Fprintf(w, "%s：%d 个计划（%s，上年实际）\n", name, len(rows), when)
	for _, r := range rows {
		target, actual := "—", "—"
		if r.HasTarget {
			target = track.TargetText(r.Target, r.Indicator.Unit)
		}
		if r.HasActual {
			actual = amount.Format(r.Actual, r.Indicator.Unit)
		}
		line := fmt.Sprintf("  %-8s 目标 %s年 %-12s 实际 %s年 %-10s", orDash(r.Plan.RegionName), yearText(r.Year), target,
			yearText(r.ActualYear), actual)
		if o := r.Outlook; o.LatestPeriod != "" && o.LatestPeriod != strconv.Itoa(r.ActualYear) {
			line += fmt.Sprintf(" 最新 %s年 %s", o.LatestPeriod, amount.Format(o.Latest, r.Indicator.Unit))
		}
		fmt.Fprintln(w, line+"  "+r.Plan.Title)
	}
	return exitOK
}

// yearText writes a year, or — for 0 (none).
func yearText(y int) string {
	if y == 0 {
		return "—"
	}
	return strconv.Itoa(y)
}
