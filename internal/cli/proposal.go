package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/track"
	"planwatch/internal/web/auth"
)

// proposalCommand is `planwatch proposal`: the review of what a plan's
// extraction proposed (tasks, projects, targets) before it is committed
// to. Only confirmed items are owned, scheduled and counted.
func proposalCommand() *command {
	return &command{
		name: "proposal",
		args: "list PLAN [--dismissed] [--kind task|project|target] | confirm PLAN ID… | confirm PLAN --all [--kind K] | " +
			"dismiss PLAN ID… | dismiss PLAN --all [--kind K] | edit ITEM [--title T] [--deadline D] [--lead U] [--support U] [--confirm] | " +
			"merge INTO FROM…",
		summary: "review what a plan's document proposed: tasks, projects and targets enter the plan as proposals with " +
			"their source sentence, and only those a person confirms have owners, deadlines and a place in status, " +
			"alerts, /my, reports and the sheet",
		example: "planwatch proposal list 01k84q\n" +
			"  planwatch proposal confirm 01k84q --all --kind task\n" +
			"  planwatch proposal dismiss 01k84q --all --kind project --reason 不单独跟踪\n" +
			"  planwatch proposal edit 01k8a1 --deadline 2025-12-31 --lead 市发改委 --confirm\n" +
			"  planwatch proposal merge 01k8a1 01k8a2",
		setup: func(fs *flag.FlagSet) func(*Config, []string) int {
			open := dbFlags(fs)
			all := fs.Bool("all", false, "confirm, dismiss: every proposal of the plan awaiting review (of --kind)")
			kind := fs.String("kind", "", "list, confirm, dismiss: only task, project or target proposals")
			dismissed := fs.Bool("dismissed", false, "list: the proposals dismissed, rather than those awaiting review")
			reason := fs.String("reason", "", "confirm, dismiss, edit, merge: why (kept with the plan's edits)")
			title := fs.String("title", "", "edit: the task's title")
			deadline := fs.String("deadline", "", "edit: the deadline, YYYY-MM-DD")
			confirm := fs.Bool("confirm", false, "edit: confirm the proposal once edited")
			var lead, support listFlag
			fs.Var(&lead, "lead", "edit: lead unit (牵头), any name the unit registry knows (repeatable; replaces the units)")
			fs.Var(&support, "support", "edit: supporting unit (配合) (repeatable)")
			return func(cfg *Config, args []string) int {
				if len(args) == 0 {
					return usageError(cfg, "proposal", "give list, confirm, dismiss, edit or merge")
				}
				verb, rest := args[0], args[1:]
				switch *kind {
				case "", store.KindTask, store.KindProject, store.KindTarget:
				default:
					return usageError(cfg, "proposal", fmt.Sprintf("--kind %s: want task, project or target", *kind))
				}
				switch {
				case verb == "list" && len(rest) == 1:
				case (verb == "confirm" || verb == "dismiss") && len(rest) >= 1 && (len(rest) > 1) != *all:
				case verb == "edit" && len(rest) == 1:
					if *title == "" && *deadline == "" && len(lead)+len(support) == 0 && !*confirm {
						return usageError(cfg, "proposal", "edit needs --title, --deadline, --lead, --support or --confirm")
					}
				case verb == "merge" && len(rest) >= 2:
				default:
					return usageError(cfg, "proposal", fmt.Sprintf("wrong arguments for %q (confirm and dismiss take PLAN and IDs, or PLAN --all)", verb))
				}
				st, _, err := open(cfg)
				if err != nil {
					return fail(cfg, err)
				}
				defer st.Close()
				ctx := auth.WithRequest(cfg.Ctx, store.NewID(), "")
				actor, err := auth.EntryAs(ctx, "", cliActor(), "proposal", "plan", "", nil, nil)
				if err != nil {
					return fail(cfg, err)
				}
				pc := proposalCLI{cfg: cfg, st: st, ctx: ctx, actor: actor, reason: *reason}
				switch verb {
				case "list":
					err = pc.list(rest[0], *kind, *dismissed)
				case "confirm", "dismiss":
					decision := store.ReviewConfirmed
					if verb == "dismiss" {
						decision = store.ReviewDismissed
					}
					err = pc.review(rest[0], rest[1:], *all, *kind, decision)
				case "edit":
					err = pc.edit(rest[0], *title, *deadline, lead, support, *confirm)
				default:
					err = pc.merge(rest[0], rest[1:])
				}
				if err != nil {
					return fail(cfg, err)
				}
				return exitOK
			}
		},
	}
}

// proposalCLI runs one proposal action.
type proposalCLI struct {
	cfg    *Config
	st     *store.Store
	ctx    context.Context
	actor  store.AuditEntry
	reason string
}

// list prints a plan's proposals with their source sentences.
func (pc proposalCLI) list(ref, kind string, dismissed bool) error {
	p, err := findPlan(pc.ctx, pc.st, ref)
	if err != nil {
		return fmt.Errorf("plan %s: %w", ref, err)
	}
	state, word := store.ReviewProposed, "待确认"
	if dismissed {
		state, word = store.ReviewDismissed, "已驳回"
	}
	props, err := pc.st.Proposals(pc.ctx, p.ID, state)
	if err != nil {
		return fmt.Errorf("plan %s: %w", p.ID, err)
	}
	text := pc.documentText(p)
	w := pc.cfg.Stdout
	tasks, projects := 0, 0
	for _, it := range props.Items {
		if it.Kind == store.KindProject {
			projects++
		} else {
			tasks++
		}
	}
	fmt.Fprintf(w, "计划 %s：%s\n%s %d 项（任务 %d，项目 %d，指标 %d）\n", p.ID, p.Title, word,
		props.Len(), tasks, projects, len(props.Indicators))
	for _, it := range props.Items {
		if kind != "" && it.Kind != kind {
			continue
		}
		label := "任务"
		if it.Kind == store.KindProject {
			label = "项目"
		}
		fmt.Fprintf(w, "\n[%s] %s  %s", label, it.ID, strings.TrimSpace(it.Number+" "+it.Title))
		if len(it.Units) > 0 {
			fmt.Fprintf(w, "〔%s〕", proposalUnits(it.Units))
		}
		if it.Deadline != "" {
			fmt.Fprintf(w, " 时限 %s", it.Deadline)
		}
		fmt.Fprintln(w)
		if it.Kind == store.KindProject && it.Body != "" {
			// What the document states of it: the figures a confirmed
			// project starts from.
			fmt.Fprintf(w, "    概况：%s\n", it.Body)
		}
		printSource(w, text, it.SourceStart, it.SourceEnd)
	}
	for _, ind := range props.Indicators {
		if kind != "" && kind != store.KindTarget {
			break
		}
		var ts []string
		for _, t := range ind.Targets {
			y := "—"
			if t.Year != 0 {
				y = fmt.Sprint(t.Year)
			}
			ts = append(ts, fmt.Sprintf("%s年 %s", y, track.TargetText(t, ind.Unit)))
		}
		fmt.Fprintf(w, "\n[指标] %s  %s  %s\n", ind.ID, ind.Name, strings.Join(ts, "；"))
		printSource(w, text, ind.SourceStart, ind.SourceEnd)
	}
	if !dismissed && props.Len() > 0 {
		fmt.Fprintf(w, "\nplanwatch proposal confirm %s ID… | --all [--kind task]   # dismiss likewise; edit ITEM, merge INTO FROM…\n", p.ID)
	}
	return nil
}

// documentText is the text of the plan's document version, nil when the
// plan has none or it is gone.
func (pc proposalCLI) documentText(p store.Plan) []rune {
	if p.DocumentID == "" {
		return nil
	}
	v, err := pc.st.Version(pc.ctx, p.DocumentID, p.VersionSeq)
	if err != nil {
		return nil
	}
	return []rune(v.Text)
}

// printSource prints the sentence of text holding [start, end).
func printSource(w io.Writer, text []rune, start, end int) {
	if s := track.SourceSentence(text, start, end); s != "" {
		fmt.Fprintf(w, "    原文：「%s」\n", s)
	}
}

// review confirms or dismisses proposals.
func (pc proposalCLI) review(plan string, ids []string, all bool, kind, decision string) error {
	n, err := pc.st.ReviewProposals(pc.ctx, store.Review{PlanID: plan, IDs: ids, All: all, Kind: kind,
		Decision: decision, Reason: pc.reason, Author: cliActor()}, pc.actor)
	if err != nil {
		return err
	}
	word := "confirmed"
	if decision == store.ReviewDismissed {
		word = "dismissed"
	}
	fmt.Fprintf(pc.cfg.Stdout, "%d proposals %s\n", n, word)
	left, err := findPlan(pc.ctx, pc.st, plan)
	if err != nil {
		return err
	}
	if c, err := pc.st.CountProposals(pc.ctx, left.ID); err == nil && c > 0 {
		fmt.Fprintf(pc.cfg.Stdout, "%d still to review: planwatch proposal list %s\n", c, left.ID)
	}
	return nil
}

// edit changes a proposed item's title, deadline or units, and confirms it
// when asked.
func (pc proposalCLI) edit(ref, title, deadline string, lead, support []string, confirm bool) error {
	it, err := pc.st.Item(pc.ctx, ref)
	if err != nil {
		return fmt.Errorf("proposal %s: %w", ref, err)
	}
	if it.Review == store.ReviewConfirmed {
		return fmt.Errorf("item %s is confirmed: change it with planwatch task edit or task assign", it.ID)
	}
	if deadline != "" {
		if _, err := time.Parse(time.DateOnly, deadline); err != nil {
			return fmt.Errorf("--deadline %s: want YYYY-MM-DD", deadline)
		}
	}
	author := cliActor()
	if title != "" || deadline != "" {
		next := it
		if title != "" {
			next.Title = strings.TrimSpace(title)
		}
		if deadline != "" {
			next.Deadline = deadline
		}
		if err := pc.st.EditItem(pc.ctx, next, store.ItemEdit{Reason: pc.reason, Author: author}); err != nil {
			return fmt.Errorf("proposal %s: %w", it.ID, err)
		}
	}
	if len(lead)+len(support) > 0 {
		units := assignments(lead, support)
		e := store.ItemEdit{Action: store.EditReassigned, Before: unitsText(it.Units), Reason: pc.reason, Author: author}
		if err := pc.st.SetUnits(pc.ctx, it.ID, units, &e); err != nil {
			return fmt.Errorf("proposal %s: %w", it.ID, err)
		}
	}
	if confirm {
		if _, err := pc.st.ReviewProposals(pc.ctx, store.Review{PlanID: it.PlanID, IDs: []string{it.ID},
			Decision: store.ReviewConfirmed, Reason: pc.reason, Author: author}, pc.actor); err != nil {
			return err
		}
	}
	it, err = pc.st.Item(pc.ctx, it.ID)
	if err != nil {
		return err
	}
	state := "待确认"
	if it.Review == store.ReviewConfirmed {
		state = "已确认"
	} else if it.Review == store.ReviewDismissed {
		state = "已驳回"
	}
	fmt.Fprintf(pc.cfg.Stdout, "%s %s〔%s〕 时限 %s  %s\n", it.ID, strings.TrimSpace(it.Number+" "+it.Title),
		proposalUnits(it.Units), orDash(it.Deadline), state)
	return nil
}

// merge merges proposals into another item of their plan.
func (pc proposalCLI) merge(into string, from []string) error {
	if err := pc.st.MergeProposals(pc.ctx, into, from, pc.reason, cliActor(), pc.actor); err != nil {
		return err
	}
	fmt.Fprintf(pc.cfg.Stdout, "%d proposals merged into %s\n", len(from), into)
	return nil
}

// printProposalsDue tells how many of a plan's (full ID) items await
// review, and the command that lists them; nothing when none do.
func printProposalsDue(cfg *Config, st *store.Store, planID string) {
	n, err := st.CountProposals(cfg.Ctx, planID)
	if err != nil || n == 0 {
		return
	}
	fmt.Fprintf(cfg.Stdout, "待确认：%d 项（任务、项目、指标），确认后才计入 status、/my 与报告：planwatch proposal list %s\n", n, planID)
}

// proposalUnits writes a proposal's units: 牵头：A、B；配合：C, a part
// left out when it names none.
func proposalUnits(us []store.Assignment) string {
	var lead, support []string
	for _, u := range us {
		if u.Role == store.RoleLead {
			lead = append(lead, u.Unit)
		} else {
			support = append(support, u.Unit)
		}
	}
	var parts []string
	if len(lead) > 0 {
		parts = append(parts, "牵头："+strings.Join(lead, "、"))
	}
	if len(support) > 0 {
		parts = append(parts, "配合："+strings.Join(support, "、"))
	}
	if len(parts) == 0 {
		return "未定责任单位"
	}
	return strings.Join(parts, "；")
}
