package cli

import (
	"errors"
	"flag"
	"fmt"
	"strings"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/web/auth"
)

// lifecycleRecord is what the audit log keeps of a plan or document
// archived, restored or deleted; the web app writes the same shape.
type lifecycleRecord struct {
	Title    string `json:"title"`
	Archived bool   `json:"archived"`
	Deleted  bool   `json:"deleted,omitempty"`
}

func planRecord(p store.Plan) lifecycleRecord {
	return lifecycleRecord{Title: p.Title, Archived: !p.ArchivedAt.IsZero()}
}

func docRecord(d store.Document) lifecycleRecord {
	return lifecycleRecord{Title: d.Title, Archived: !d.ArchivedAt.IsZero()}
}

// planLifecycle archives, restores or deletes a plan as the
// operating-system account, audited as plan.archive, plan.restore or
// plan.delete.
func planLifecycle(cfg *Config, st *store.Store, verb, ref string) int {
	ctx := cfg.Ctx
	p, err := findPlan(ctx, st, ref)
	if err != nil {
		return fail(cfg, fmt.Errorf("plan %s: %w", ref, err))
	}
	ref = p.ID
	action := "plan." + verb
	switch verb {
	case "archive", "restore":
		_, after, err := st.ArchivePlan(ctx, ref, verb == "archive", func(b, a store.Plan) (store.AuditEntry, error) {
			return auth.EntryAs(ctx, "", cliActor(), action, "plan", a.ID, planRecord(b), planRecord(a))
		})
		if err != nil {
			return fail(cfg, err)
		}
		if verb == "archive" {
			fmt.Fprintf(cfg.Stdout, "plan %s archived: %s\n  out of lists, alerts and reminders; planwatch plan restore %s brings it back\n", after.ID, after.Title, after.ID)
		} else {
			fmt.Fprintf(cfg.Stdout, "plan %s restored: %s\n", after.ID, after.Title)
		}
		return exitOK
	}
	gone, err := st.DeletePlanChecked(ctx, ref, func(b, _ store.Plan) (store.AuditEntry, error) {
		return auth.EntryAs(ctx, "", cliActor(), action, "plan", b.ID, planRecord(b), lifecycleRecord{Title: b.Title, Deleted: true})
	})
	if err != nil {
		var dep *store.DependedError
		if errors.As(err, &dep) {
			return fail(cfg, fmt.Errorf("plan %s: not deleted, depended on by %s; archive it instead: planwatch plan archive %s", ref, strings.Join(dep.Deps, "；"), ref))
		}
		return fail(cfg, err)
	}
	fmt.Fprintf(cfg.Stdout, "plan %s deleted: %s\n", gone.ID, gone.Title)
	return exitOK
}

func documentCommand() *command {
	return &command{
		name:    "document",
		args:    "archive ID | restore ID | delete ID | list --archived",
		summary: "archive a document (out of lists and search, kept whole), restore it, or delete one no plan or repost depends on",
		example: "planwatch document archive 01k84pr25e320lok\n  planwatch document list --archived\n  planwatch document restore 01k84pr25e320lok",
		setup: func(fs *flag.FlagSet) func(*Config, []string) int {
			open := dbFlags(fs)
			archived := fs.Bool("archived", false, "list: the archived documents")
			return func(cfg *Config, args []string) int {
				if len(args) == 0 {
					return usageError(cfg, "document", "give archive, restore, delete or list")
				}
				verb, rest := args[0], args[1:]
				switch verb {
				case "archive", "restore", "delete":
					if len(rest) != 1 {
						return usageError(cfg, "document", verb+" needs one document ID")
					}
				case "list":
					if len(rest) != 0 || !*archived {
						return usageError(cfg, "document", "list takes --archived and no arguments (planwatch list shows the rest)")
					}
				default:
					return usageError(cfg, "document", fmt.Sprintf("unknown action %q", verb))
				}
				st, _, err := open(cfg)
				if err != nil {
					return fail(cfg, err)
				}
				defer st.Close()
				if verb == "list" {
					docs, err := st.Documents(cfg.Ctx, store.DocumentFilter{Archived: store.ArchivedOnly, WithDuplicates: true})
					if err != nil {
						return fail(cfg, err)
					}
					for _, d := range docs {
						fmt.Fprintf(cfg.Stdout, "%s  归档于 %s  %s\n", d.ID, d.ArchivedAt.Local().Format(time.DateOnly), d.Title)
					}
					return exitOK
				}
				return documentLifecycle(cfg, st, verb, rest[0])
			}
		},
	}
}

// documentLifecycle archives, restores or deletes a document, audited as
// document.archive, document.restore or document.delete.
func documentLifecycle(cfg *Config, st *store.Store, verb, ref string) int {
	ctx := cfg.Ctx
	action := "document." + verb
	if verb != "delete" {
		_, after, err := st.ArchiveDocument(ctx, ref, verb == "archive", func(b, a store.Document) (store.AuditEntry, error) {
			return auth.EntryAs(ctx, "", cliActor(), action, "document", a.ID, docRecord(b), docRecord(a))
		})
		if err != nil {
			return fail(cfg, err)
		}
		if verb == "archive" {
			fmt.Fprintf(cfg.Stdout, "document %s archived: %s\n  out of lists and search; planwatch document restore %s brings it back\n", after.ID, after.Title, after.ID)
		} else {
			fmt.Fprintf(cfg.Stdout, "document %s restored: %s\n", after.ID, after.Title)
		}
		return exitOK
	}
	gone, err := st.DeleteDocument(ctx, ref, func(b, _ store.Document) (store.AuditEntry, error) {
		return auth.EntryAs(ctx, "", cliActor(), action, "document", b.ID, docRecord(b), lifecycleRecord{Title: b.Title, Deleted: true})
	})
	if err != nil {
		var dep *store.DependedError
		if errors.As(err, &dep) {
			return fail(cfg, fmt.Errorf("document %s: not deleted, depended on by %s; archive it instead: planwatch document archive %s", ref, strings.Join(dep.Deps, "；"), ref))
		}
		return fail(cfg, err)
	}
	fmt.Fprintf(cfg.Stdout, "document %s deleted: %s\n", gone.ID, gone.Title)
	return exitOK
}

// existingPlans are the plans already made from a document or from the
// document it reposts (archived ones too), newest first.
func existingPlans(cfg *Config, st *store.Store, d store.Document) ([]store.Plan, error) {
	plans, err := st.PlansOfDocument(cfg.Ctx, d.ID)
	if err != nil {
		return nil, err
	}
	if d.DuplicateOf != "" {
		more, err := st.PlansOfDocument(cfg.Ctx, d.DuplicateOf)
		if err != nil {
			return nil, err
		}
		plans = append(plans, more...)
	}
	return plans, nil
}

// pointToPlan tells the user the plan that exists for the document
// instead of making a second one.
func pointToPlan(cfg *Config, d store.Document, p store.Plan) int {
	fmt.Fprintf(cfg.Stdout, "plan %s exists for document %s: %s\n", p.ID, d.ID, p.Title)
	if !p.ArchivedAt.IsZero() {
		fmt.Fprintf(cfg.Stdout, "  it is archived: planwatch plan restore %s\n", p.ID)
	}
	fmt.Fprintf(cfg.Stdout, "  planwatch plan show %s; planwatch plan create --from %s --new-version makes another\n", p.ID, d.ID)
	return exitOK
}
