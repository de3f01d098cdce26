package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"strings"

	"planwatch/internal/amount"
	"planwatch/internal/harvest"
	"planwatch/internal/library"
	"planwatch/internal/store"
	"planwatch/internal/web/auth"
)

// harvestCommand is `planwatch harvest`: the figures stored documents
// report, proposed for the indicators of tracked plans, and a person's
// answer to each.
func harvestCommand() *command {
	return &command{
		name: "harvest",
		args: "inbox [--plan P] [--state proposed|accepted|rejected|wrong|all] | accept ID [--value V] [--period P] | " +
			"reject ID | wrong ID | run --plan P | run --document D | run --all | synonym list | synonym add NAME MEANS [--not]",
		summary: "figures the library's documents report (the next 政府工作报告's review, a 统计公报), matched to the " +
			"indicators of tracked plans and proposed with their source sentence: accept (optionally correcting value " +
			"or period), reject, or mark \"not this indicator\"; run back-fills one plan from the whole library",
		example: "planwatch harvest run --plan 01k84q\n" +
			"  planwatch harvest inbox --plan 01k84q\n" +
			"  planwatch harvest accept 01k9zz --value 6.6\n" +
			"  planwatch harvest wrong 01k9zy\n" +
			"  planwatch harvest synonym add 经济增速 地区生产总值增长",
		setup: func(fs *flag.FlagSet) func(*Config, []string) int {
			open := dbFlags(fs)
			plan := fs.String("plan", "", "inbox, run: the plan (ID or unique prefix)")
			doc := fs.String("document", "", "run: match one document (ID or prefix) against every tracked plan")
			state := fs.String("state", "", "inbox: proposed (default), accepted, rejected, wrong or all")
			value := fs.String("value", "", "accept: the value to record instead of the proposed one (1.2亿元, 6.6)")
			period := fs.String("period", "", "accept: the period to record instead of the proposed one (2024, 2024-Q2)")
			note := fs.String("note", "", "accept, reject, wrong: why (kept with the decision)")
			minScore := fs.Float64("min-score", harvest.DefaultMinScore, "run: the score a match needs to be proposed")
			not := fs.Bool("not", false, "synonym add: NAME does not mean MEANS")
			everything := fs.Bool("all", false, "run: match the whole library against every tracked plan")
			return func(cfg *Config, args []string) int {
				if len(args) == 0 {
					return usageError(cfg, "harvest", "give inbox, accept, reject, wrong, run or synonym")
				}
				verb, rest := args[0], args[1:]
				switch {
				case verb == "inbox" && len(rest) == 0:
				case (verb == "accept" || verb == "reject" || verb == "wrong") && len(rest) == 1:
				case verb == "run" && len(rest) == 0 && btoi(*plan != "")+btoi(*doc != "")+btoi(*everything) == 1:
				case verb == "synonym" && len(rest) == 1 && rest[0] == "list":
				case verb == "synonym" && len(rest) == 3 && rest[0] == "add":
				default:
					return usageError(cfg, "harvest", fmt.Sprintf("wrong arguments for %q (run takes one of --plan, --document or --all)", verb))
				}
				switch *state {
				case "", store.HarvestProposed, store.HarvestAccepted, store.HarvestRejected, store.HarvestWrong, "all":
				default:
					return usageError(cfg, "harvest", fmt.Sprintf("--state %s: want proposed, accepted, rejected, wrong or all", *state))
				}
				st, _, err := open(cfg)
				if err != nil {
					return fail(cfg, err)
				}
				defer st.Close()
				ctx := auth.WithRequest(cfg.Ctx, store.NewID(), "")
				switch verb {
				case "inbox":
					err = harvestInbox(cfg, st, *plan, *state)
				case "accept", "reject", "wrong":
					err = harvestDecide(ctx, cfg, st, verb, rest[0], *value, *period, *note)
				case "run":
					err = harvestRun(cfg, st, *plan, *doc, *minScore)
				case "synonym":
					err = harvestSynonym(cfg, st, rest, *not)
				}
				if err != nil {
					return fail(cfg, err)
				}
				return exitOK
			}
		},
	}
}

func harvestInbox(cfg *Config, st *store.Store, plan, state string) error {
	ps, err := st.HarvestProposals(cfg.Ctx, store.HarvestFilter{PlanID: plan, State: state})
	if err != nil {
		return err
	}
	if len(ps) == 0 {
		fmt.Fprintln(cfg.Stdout, "no harvested figures here (planwatch harvest run --plan P matches the library)")
		return nil
	}
	last := ""
	for _, p := range ps {
		if p.PlanID != last {
			fmt.Fprintf(cfg.Stdout, "plan %s: %s\n", p.PlanID, p.PlanTitle)
			last = p.PlanID
		}
		mark := ""
		if p.Conflict {
			mark = "  ⚠ sources differ: pick one"
		}
		fmt.Fprintf(cfg.Stdout, "  %s  %s %s = %s  score %.2f  [%s]%s\n", p.ID, p.IndicatorName, p.Period,
			amount.Format(p.Value, p.IndicatorUnit), p.Score, p.State, mark)
		issued := ""
		if p.DocIssued != "" {
			issued = ", " + p.DocIssued
		}
		fmt.Fprintf(cfg.Stdout, "      《%s》%s (document %s version %d): %s\n", p.DocTitle, issued, p.DocumentID, p.VersionSeq, p.Quote)
		fmt.Fprintf(cfg.Stdout, "      %s\n", strings.Join(p.Reasons, "; "))
	}
	return nil
}

func harvestDecide(ctx context.Context, cfg *Config, st *store.Store, verb, id, value, period, note string) error {
	d := store.HarvestDecision{ID: id, Decision: map[string]string{"accept": store.HarvestAccepted,
		"reject": store.HarvestRejected, "wrong": store.HarvestWrong}[verb], Period: period, Note: note, Author: cliActor()}
	if verb != "accept" && (value != "" || period != "") {
		return fmt.Errorf("harvest %s: --value and --period go with accept", verb)
	}
	if value != "" {
		h, err := st.HarvestProposal(cfg.Ctx, id)
		if err != nil {
			return err
		}
		v, err := amount.ParseIn(value, h.IndicatorUnit)
		if err != nil {
			return fmt.Errorf("--value %q: %w", value, err)
		}
		d.Value = &v
	}
	actor, err := auth.EntryAs(ctx, "", cliActor(), "harvest", "indicator", "", nil, nil)
	if err != nil {
		return err
	}
	h, err := st.DecideHarvest(cfg.Ctx, d, actor)
	if err != nil {
		return err
	}
	switch h.State {
	case store.HarvestAccepted:
		fmt.Fprintf(cfg.Stdout, "accepted: %s %s = %s (observation %s, source 《%s》)\n", h.IndicatorName, h.Period,
			amount.Format(h.Value, h.IndicatorUnit), h.ObservationID, h.DocTitle)
	case store.HarvestWrong:
		fmt.Fprintf(cfg.Stdout, "not this indicator: %q will not be offered to %s again\n", h.Name, h.IndicatorName)
	default:
		fmt.Fprintf(cfg.Stdout, "rejected: %s %s\n", h.IndicatorName, h.Period)
	}
	return nil
}

func harvestRun(cfg *Config, st *store.Store, plan, doc string, minScore float64) error {
	if minScore <= 0 || minScore > 1 {
		return fmt.Errorf("--min-score %v: want a score above 0 and at most 1", minScore)
	}
	h := harvest.New(st, cfg.Log, minScore)
	var (
		sum harvest.Summary
		err error
	)
	switch {
	case plan != "":
		sum, err = h.Plan(cfg.Ctx, plan)
	case doc != "":
		sum, err = h.Document(cfg.Ctx, doc)
	default:
		sum, err = h.Library(cfg.Ctx)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(cfg.Stdout, "%d documents read, %d matches, %d new proposals\n", sum.Documents, sum.Matches, sum.Proposed)
	if sum.Proposed > 0 {
		fmt.Fprintln(cfg.Stdout, "review them: planwatch harvest inbox"+map[bool]string{true: " --plan " + plan}[plan != ""])
	}
	return nil
}

func harvestSynonym(cfg *Config, st *store.Store, rest []string, not bool) error {
	if rest[0] == "list" {
		rows, err := st.HarvestSynonyms(cfg.Ctx)
		if err != nil {
			return err
		}
		for _, r := range rows {
			rel := "="
			if r.Negative {
				rel = "≠"
			}
			fmt.Fprintf(cfg.Stdout, "%s %s %s  (%s)\n", r.Name, rel, r.Canonical, r.Author)
		}
		return nil
	}
	err := st.AddHarvestSynonym(cfg.Ctx, store.HarvestSynonym{Name: rest[1], Canonical: rest[2], Negative: not, Author: cliActor()})
	if err != nil {
		return err
	}
	fmt.Fprintf(cfg.Stdout, "synonym saved: %s %s %s\n", rest[1], map[bool]string{true: "≠", false: "="}[not], rest[2])
	return nil
}

// harvestStored is the library's Stored hook: each new document or
// version is matched against the tracked plans at once. A failure is
// logged, never the document's: the document is stored either way, and
// harvest run takes it up again.
func harvestStored(st *store.Store, log *slog.Logger) func(context.Context, library.Result) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	h := harvest.New(st, log, 0)
	return func(ctx context.Context, r library.Result) {
		sum, err := h.Document(ctx, r.DocumentID)
		if err != nil && !errors.Is(err, context.Canceled) {
			log.Warn("harvest: matching the new document failed", "document", r.DocumentID, "err", err)
			return
		}
		if sum.Proposed > 0 {
			log.Info("harvest: figures proposed for tracked plans", "document", r.DocumentID, "proposed", sum.Proposed)
		}
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
