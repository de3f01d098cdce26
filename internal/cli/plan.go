package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"planwatch/internal/extract"
	"planwatch/internal/store"
	"planwatch/internal/track"
)

func planCommand() *command {
	return &command{
		name:    "plan",
		args:    "create --from DOC [--level 市] [--new-version] | list [--archived] | show PLAN | archive PLAN | restore PLAN | delete PLAN | set PLAN [--rhythm monthly|quarterly[:DAY]] [--title T] [--kind K] [--period 2021-2025] | link PLAN --implements UPPER | links PLAN [--suggest] [--confirm ITEM=UPPERITEM] | publish PLAN [--names] | unpublish PLAN",
		summary: "turn a stored document into a tracked plan (once: again points to it); list, show, archive, restore, delete and link plans and tasks across levels; set how often units report and the plan's title; publish a plan read-only at /public",
		example: "planwatch plan create --from 01k84pr25e320lok\n  planwatch plan show 01k84q\n  planwatch plan set 01k84q --rhythm quarterly:20\n  planwatch plan link 01k84q --implements 01k7zz\n  planwatch plan publish 01k84q",
		setup: func(fs *flag.FlagSet) func(*Config, []string) int {
			open := dbFlags(fs)
			from := fs.String("from", "", "create: the stored document (ID or prefix) the plan comes from")
			level := fs.String("level", "", "create: 国家, 省, 市 or 区县 (default: guessed from the region)")
			newVersion := fs.Bool("new-version", false, "create: make another plan from a document that has one already")
			archived := fs.Bool("archived", false, "list: the archived plans")
			implements := fs.String("implements", "", "link: the upper-level plan this plan carries out")
			suggest := fs.Bool("suggest", false, "links: suggest which upper-level tasks each task carries out, for a person to confirm")
			names := fs.Bool("names", false, "publish: let the public page show who reported (personal names); default hidden")
			rhythm := fs.String("rhythm", "", "set: how often units report, monthly (月报, by the 5th) or quarterly (季报, by the 20th), optionally :DAY, e.g. monthly:10")
			title := fs.String("title", "", "set: the plan's title (for a plan whose document gave none, shown as "+track.UntitledMark+"…)")
			kind := fs.String("kind", "", "set: what the plan is: "+strings.Join(track.PlanKinds, ", ")+" (how long it runs follows)")
			period := fs.String("period", "", "set: the years the plan runs, 2021-2025, or one year (2026) for a 工作要点, 年度计划 or 政府工作报告")
			var confirm listFlag
			fs.Var(&confirm, "confirm", "links: confirm that task ITEM carries out upper task UPPERITEM (ITEM=UPPERITEM, repeatable)")
			return func(cfg *Config, args []string) int {
				if len(args) == 0 {
					return usageError(cfg, "plan", "give create, list, show, set, link, links, publish, unpublish, archive, restore or delete")
				}
				verb, rest := args[0], args[1:]
				switch verb {
				case "create":
					if *from == "" || len(rest) != 0 {
						return usageError(cfg, "plan", "create needs --from DOC and no other arguments")
					}
					if *level != "" && !validLevel(*level) {
						return usageError(cfg, "plan", fmt.Sprintf("--level %s: want 国家, 省, 市 or 区县", *level))
					}
				case "list":
					if len(rest) != 0 {
						return usageError(cfg, "plan", "list takes no arguments")
					}
				case "show":
					if len(rest) != 1 {
						return usageError(cfg, "plan", "show needs one PLAN")
					}
				case "set":
					if len(rest) != 1 || (*rhythm == "" && strings.TrimSpace(*title) == "" && strings.TrimSpace(*kind) == "" && *period == "") {
						return usageError(cfg, "plan", "set needs one PLAN and --rhythm, --title, --kind or --period")
					}
					if *period != "" {
						if _, err := track.ParsePeriod(*period); err != nil {
							return usageError(cfg, "plan", "--period: "+err.Error())
						}
					}
					if *rhythm != "" {
						if _, err := track.ParseRhythm(*rhythm); err != nil {
							return usageError(cfg, "plan", "--rhythm: "+err.Error())
						}
					}
				case "link":
					if len(rest) != 1 || *implements == "" {
						return usageError(cfg, "plan", "link needs PLAN and --implements UPPER")
					}
				case "links":
					if len(rest) != 1 {
						return usageError(cfg, "plan", "links needs one PLAN")
					}
					for _, c := range confirm {
						if a, b, ok := strings.Cut(c, "="); !ok || a == "" || b == "" {
							return usageError(cfg, "plan", fmt.Sprintf("--confirm %s: want ITEM=UPPERITEM", c))
						}
					}
				case "publish", "unpublish", "archive", "restore", "delete":
					if len(rest) != 1 {
						return usageError(cfg, "plan", verb+" needs one PLAN")
					}
					if *names && verb == "unpublish" {
						return usageError(cfg, "plan", "--names goes with publish")
					}
				default:
					return usageError(cfg, "plan", fmt.Sprintf("unknown action %q", verb))
				}
				st, _, err := open(cfg)
				if err != nil {
					return fail(cfg, err)
				}
				defer st.Close()
				switch verb {
				case "create":
					return planCreate(cfg, st, *from, *level, *newVersion)
				case "list":
					return planList(cfg, st, *archived)
				case "archive", "restore", "delete":
					return planLifecycle(cfg, st, verb, rest[0])
				case "show":
					return planShow(cfg, st, rest[0])
				case "links":
					return planLinks(cfg, st, rest[0], *suggest, confirm)
				case "publish", "unpublish":
					return planPublish(cfg, st, rest[0], verb == "publish", *names)
				case "set":
					return planSet(cfg, st, rest[0], planSetFlags{rhythm: *rhythm, title: *title, kind: *kind, period: *period})
				default:
					return planLink(cfg, st, rest[0], *implements)
				}
			}
		},
	}
}

// yearsText writes a plan's years: 2021–2025, 2026 for a one-year plan,
// — when the document told none.
func yearsText(p store.Plan) string {
	switch {
	case p.StartYear == 0 && p.EndYear == 0:
		return "—"
	case p.StartYear == p.EndYear || p.StartYear == 0:
		return strconv.Itoa(p.EndYear)
	case p.EndYear == 0:
		return strconv.Itoa(p.StartYear) + "–"
	}
	return fmt.Sprintf("%d–%d", p.StartYear, p.EndYear)
}

func validLevel(l string) bool {
	switch l {
	case store.LevelNational, store.LevelProvince, store.LevelCity, store.LevelCounty:
		return true
	}
	return false
}

func planCreate(cfg *Config, st *store.Store, docRef, level string, newVersion bool) int {
	ctx := cfg.Ctx
	d, err := st.Document(ctx, docRef)
	if err != nil {
		return fail(cfg, fmt.Errorf("document %s: %w", docRef, err))
	}
	if !newVersion {
		if have, err := existingPlans(cfg, st, d); err != nil {
			return fail(cfg, fmt.Errorf("document %s: %w", d.ID, err))
		} else if len(have) > 0 {
			return pointToPlan(cfg, d, have[0])
		}
	}
	v, err := st.Version(ctx, d.ID, 0)
	if err != nil {
		return fail(cfg, fmt.Errorf("document %s: %w", d.ID, err))
	}
	var res extract.Result
	if err := json.Unmarshal(v.Extraction, &res); err != nil {
		return fail(cfg, fmt.Errorf("document %s: stored extraction: %w", d.ID, err))
	}
	plan, items, inds := track.FromExtraction(&res, d, v.Seq, level)
	if len(items) == 0 && len(inds) == 0 {
		return fail(cfg, fmt.Errorf("document %s: no tasks or targets to track in %q", d.ID, d.Title))
	}
	if err := st.SavePlanTree(ctx, &plan, items, inds); err != nil {
		return fail(cfg, fmt.Errorf("saving the plan: %w", err))
	}
	tasks := 0
	for _, it := range items {
		if it.Kind == store.KindTask {
			tasks++
		}
	}
	fmt.Fprintf(cfg.Stdout, "plan %s: %s\n  %s %s, %s, %d tasks, %d indicators\n",
		plan.ID, plan.Title, orDash(plan.RegionName), plan.Level, yearsText(plan), tasks, len(inds))
	if track.NeedsTitle(plan.Title) {
		fmt.Fprintf(cfg.Stdout, "  the document gave no title: planwatch plan set %s --title 标题\n", plan.ID)
	}
	if !track.HasPeriod(plan) {
		fmt.Fprintf(cfg.Stdout, "  the document gave no years: planwatch plan set %s --period 2021-2025\n", plan.ID)
	}
	printProposalsDue(cfg, st, plan.ID)
	return exitOK
}

func planList(cfg *Config, st *store.Store, archived bool) int {
	f := store.PlanFilter{}
	if archived {
		f.Archived = store.ArchivedOnly
	}
	plans, err := st.Plans(cfg.Ctx, f)
	if err != nil {
		return fail(cfg, err)
	}
	for _, p := range plans {
		fmt.Fprintf(cfg.Stdout, "%s  %-4s %-8s %-9s %-6s  %s\n", p.ID, p.Level, orDash(p.RegionName), yearsText(p), orDash(p.Kind), p.Title)
	}
	return exitOK
}

func planShow(cfg *Config, st *store.Store, ref string) int {
	ctx := cfg.Ctx
	p, err := findPlan(ctx, st, ref)
	if err != nil {
		return fail(cfg, fmt.Errorf("plan %s: %w", ref, err))
	}
	items, err := st.Items(ctx, p.ID, store.ItemFilter{})
	if err != nil {
		return fail(cfg, fmt.Errorf("plan %s: %w", p.ID, err))
	}
	inds, err := st.Indicators(ctx, p.ID)
	if err != nil {
		return fail(cfg, fmt.Errorf("plan %s: %w", p.ID, err))
	}
	w := cfg.Stdout
	fmt.Fprintf(w, "计划：%s\n编号：%s\n地区：%s（%s）\n层级：%s\n", p.Title, p.ID, orDash(p.RegionName), orDash(p.RegionCode), p.Level)
	fmt.Fprintf(w, "类型：%s\n期限：%s\n", kindText(p), periodText(p))
	fmt.Fprintf(w, "报送：%s\n", rhythmText(track.PlanRhythm(p)))
	if !p.ArchivedAt.IsZero() {
		fmt.Fprintf(w, "已归档：%s（恢复：planwatch plan restore %s）\n", p.ArchivedAt.Local().Format("2006-01-02"), p.ID)
	}
	if p.DocumentID != "" {
		fmt.Fprintf(w, "来源文档：%s（第%d版）\n", p.DocumentID, p.VersionSeq)
	}
	printProposalsDue(cfg, st, p.ID)
	if pub, err := st.Publication(ctx, p.ID); err != nil {
		return fail(cfg, fmt.Errorf("plan %s: %w", p.ID, err))
	} else if pub.Published {
		names := "不显示姓名"
		if pub.ShowNames {
			names = "显示报送人姓名"
		}
		fmt.Fprintf(w, "公开：/public/plans/%s（%s %s 发布，%s）\n", p.ID, pub.PublishedAt.Local().Format("2006-01-02"), pub.PublishedBy, names)
	}
	if ups, err := st.ParentPlans(ctx, p.ID); err == nil && len(ups) > 0 {
		for _, u := range ups {
			fmt.Fprintf(w, "落实上级：%s %s\n", u.ID, u.Title)
		}
	}
	var tasks, projects []store.Item
	for _, it := range items {
		if it.Kind == store.KindProject {
			projects = append(projects, it)
		} else {
			tasks = append(tasks, it)
		}
	}
	now := time.Now()
	fmt.Fprintf(w, "\n任务（%d）\n", countKind(items, store.KindTask))
	printItems(w, p, tasks, now)
	if len(projects) > 0 {
		links, err := st.ItemLinks(ctx, p.ID)
		if err != nil {
			return fail(cfg, fmt.Errorf("plan %s: %w", p.ID, err))
		}
		number := map[string]string{}
		for _, it := range items {
			number[it.ID] = it.Number
		}
		carriers := map[string][]string{}
		for _, l := range links {
			if n, ok := number[l.ItemID]; ok && l.Confirmed {
				carriers[l.ParentItemID] = append(carriers[l.ParentItemID], n)
			}
		}
		fmt.Fprintf(w, "\n项目（%d）\n", len(projects))
		for _, pr := range projects {
			line := fmt.Sprintf("  %s  [%s %d%%] %s", pr.Title, track.StateOf(p, pr, now).Label(), pr.Progress, pr.ID)
			if c := carriers[pr.ID]; len(c) > 0 {
				line += "  承载任务：" + strings.Join(c, "、")
			}
			fmt.Fprintln(w, line)
		}
	}
	if len(inds) > 0 {
		fmt.Fprintf(w, "\n指标（%d）\n", len(inds))
		for _, ind := range inds {
			var ts []string
			for _, t := range ind.Targets {
				y := "—"
				if t.Year != 0 {
					y = fmt.Sprint(t.Year)
				}
				ts = append(ts, fmt.Sprintf("%s年 %s", y, track.TargetText(t, ind.Unit)))
			}
			fmt.Fprintf(w, "  %s  %s  %s\n", shortID(ind.ID), ind.Name, strings.Join(ts, "；"))
		}
	}
	return exitOK
}

// printItems prints the item tree with each item's state as of at
// (track.StateOf) and progress.
func printItems(w io.Writer, p store.Plan, items []store.Item, at time.Time) {
	depth := map[string]int{}
	for _, it := range items {
		d := 0
		if it.ParentID != "" {
			d = depth[it.ParentID] + 1
		}
		depth[it.ID] = d
		indent := strings.Repeat("  ", d+1)
		if it.Kind == store.KindGroup {
			fmt.Fprintf(w, "%s%s %s\n", indent, it.Number, it.Title)
			continue
		}
		var lead, support []string
		for _, u := range it.Units {
			if u.Role == store.RoleLead {
				lead = append(lead, u.Unit)
			} else {
				support = append(support, u.Unit)
			}
		}
		owner := ""
		if len(lead) > 0 {
			owner = "〔" + strings.Join(lead, "、")
			if len(support) > 0 {
				owner += "；配合：" + strings.Join(support, "、")
			}
			owner += "〕"
		}
		status := track.StateOf(p, it, at).Label()
		if it.Dropped {
			status = "已撤销"
		}
		fmt.Fprintf(w, "%s%s %s%s  [%s %d%%] %s\n", indent, it.Number, it.Title, owner, status, it.Progress, shortID(it.ID))
	}
}

func planLink(cfg *Config, st *store.Store, ref, upperRef string) int {
	ctx := cfg.Ctx
	p, err := findPlan(ctx, st, ref)
	if err != nil {
		return fail(cfg, fmt.Errorf("plan %s: %w", ref, err))
	}
	up, err := findPlan(ctx, st, upperRef)
	if err != nil {
		return fail(cfg, fmt.Errorf("plan %s: %w", upperRef, err))
	}
	if err := st.LinkPlans(ctx, p.ID, up.ID); err != nil {
		return fail(cfg, fmt.Errorf("linking %s to %s: %w", p.ID, up.ID, err))
	}
	fmt.Fprintf(cfg.Stdout, "%s 落实 %s\n", p.Title, up.Title)
	return exitOK
}

func countKind(items []store.Item, kind string) int {
	n := 0
	for _, it := range items {
		if it.Kind == kind && !it.Dropped {
			n++
		}
	}
	return n
}

// shortID prints an item's ID. Items made together share their time-based
// leading characters, so only the whole ID is sure to be unique.
func shortID(id string) string { return id }

// planLinks shows how a plan's tasks carry out its upper plans' tasks:
// confirmed links, suggestions to confirm, and what nothing carries.
func planLinks(cfg *Config, st *store.Store, ref string, suggest bool, confirm []string) int {
	ctx := cfg.Ctx
	p, err := findPlan(ctx, st, ref)
	if err != nil {
		return fail(cfg, fmt.Errorf("plan %s: %w", ref, err))
	}
	for _, c := range confirm {
		a, b, _ := strings.Cut(c, "=")
		lower, err := st.Item(ctx, a)
		if err != nil {
			return fail(cfg, fmt.Errorf("task %s: %w", a, err))
		}
		upper, err := st.Item(ctx, b)
		if err != nil {
			return fail(cfg, fmt.Errorf("task %s: %w", b, err))
		}
		if err := st.SetItemLink(ctx, store.ItemLink{ItemID: lower.ID, ParentItemID: upper.ID, Confirmed: true, Score: 1}); err != nil {
			return fail(cfg, fmt.Errorf("linking %s to %s: %w", lower.ID, upper.ID, err))
		}
	}
	ups, err := st.ParentPlans(ctx, p.ID)
	if err != nil {
		return fail(cfg, err)
	}
	if len(ups) == 0 {
		return fail(cfg, fmt.Errorf("plan %s implements no upper plan yet (planwatch plan link %s --implements UPPER)", p.ID, p.ID))
	}
	lower, err := st.Items(ctx, p.ID, store.ItemFilter{})
	if err != nil {
		return fail(cfg, err)
	}
	lowerInds, err := st.Indicators(ctx, p.ID)
	if err != nil {
		return fail(cfg, err)
	}
	links, err := st.ItemLinks(ctx, p.ID)
	if err != nil {
		return fail(cfg, err)
	}
	byID := map[string]store.Item{}
	for _, it := range lower {
		byID[it.ID] = it
	}
	w := cfg.Stdout
	for _, up := range ups {
		upper, err := st.Items(ctx, up.ID, store.ItemFilter{})
		if err != nil {
			return fail(cfg, err)
		}
		upperInds, err := st.Indicators(ctx, up.ID)
		if err != nil {
			return fail(cfg, err)
		}
		for _, it := range upper {
			byID[it.ID] = it
		}
		fmt.Fprintf(w, "落实 %s\n", up.Title)
		if suggest {
			sugg := track.SuggestLinks(lower, upper, lowerInds, upperInds, 2)
			fmt.Fprintf(w, "\n建议关联（%d，确认：planwatch plan links %s --confirm 下级=上级）\n", len(sugg), p.ID)
			for _, l := range sugg {
				a, b := byID[l.ItemID], byID[l.ParentItemID]
				fmt.Fprintf(w, "  %.2f  %s %s  →  %s %s\n      --confirm %s=%s\n", l.Score, a.Number, a.Title, b.Number, b.Title, a.ID, b.ID)
			}
		}
		uncovered, orphans := track.Coverage(lower, upper, links, false)
		fmt.Fprintf(w, "\n上级任务无下级落实（%d）\n", len(uncovered))
		for _, it := range uncovered {
			fmt.Fprintf(w, "  %s %s\n", it.Number, it.Title)
		}
		fmt.Fprintf(w, "\n本级任务未对应上级任务（%d）\n", len(orphans))
		for _, it := range orphans {
			fmt.Fprintf(w, "  %s %s\n", it.Number, it.Title)
		}
	}
	var confirmed []string
	for _, l := range links {
		if l.Confirmed {
			a, b := byID[l.ItemID], byID[l.ParentItemID]
			confirmed = append(confirmed, fmt.Sprintf("  %s %s  →  %s %s", a.Number, a.Title, b.Number, b.Title))
		}
	}
	fmt.Fprintf(w, "\n已确认关联（%d）\n", len(confirmed))
	for _, c := range confirmed {
		fmt.Fprintln(w, c)
	}
	return exitOK
}
