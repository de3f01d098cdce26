package cli

import (
	"flag"
	"fmt"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/web/auth"
)

func watchCommand() *command {
	return &command{
		name:    "watch",
		args:    "add DOC… | list | remove DOC…",
		summary: "documents fetched from a URL that the server (planwatch serve) fetches again every PLANWATCH_WATCH_INTERVAL; a changed text raises an alert at /alerts",
		example: "planwatch watch add 01jd3k9x2a7f\n  planwatch watch list\n  planwatch watch remove 01jd3k9x2a7f",
		setup: func(fs *flag.FlagSet) func(*Config, []string) int {
			open := dbFlags(fs)
			return func(cfg *Config, args []string) int {
				if len(args) == 0 {
					return usageError(cfg, "watch", "give add, list or remove")
				}
				verb, ids := args[0], args[1:]
				switch {
				case verb == "list" && len(ids) == 0:
				case (verb == "add" || verb == "remove") && len(ids) > 0:
				case verb == "list":
					return usageError(cfg, "watch", "list takes no arguments")
				case verb == "add" || verb == "remove":
					return usageError(cfg, "watch", verb+" needs document IDs")
				default:
					return usageError(cfg, "watch", fmt.Sprintf("unknown action %q", verb))
				}
				st, _, err := open(cfg)
				if err != nil {
					return fail(cfg, err)
				}
				defer st.Close()
				if verb == "list" {
					return listWatches(cfg, st)
				}
				ctx := auth.WithRequest(cfg.Ctx, store.NewID(), "")
				status := exitOK
				for _, id := range ids {
					var (
						d   store.Document
						err error
					)
					if verb == "add" {
						d, err = st.AddWatch(ctx, id, cliActor())
					} else {
						d, err = st.RemoveWatch(ctx, id)
					}
					if err == nil {
						err = auth.RecordAs(ctx, st, "", cliActor(), "document."+verb+"_watch", "document", d.ID, nil, nil)
					}
					if err != nil {
						fmt.Fprintf(cfg.Stderr, "planwatch: %s\n", oneLine(err.Error()))
						status = exitFail
						continue
					}
					fmt.Fprintf(cfg.Stdout, "%s %s: %s\n", map[string]string{"add": "watching", "remove": "no longer watching"}[verb], d.ID, d.Title)
				}
				return status
			}
		},
	}
}

// listWatches prints the watched documents with their last check.
func listWatches(cfg *Config, st *store.Store) int {
	ws, err := st.Watches(cfg.Ctx)
	if err != nil {
		return fail(cfg, err)
	}
	if len(ws) == 0 {
		fmt.Fprintln(cfg.Stdout, "no watched documents")
		return exitOK
	}
	for _, w := range ws {
		checked := "not checked yet"
		if !w.LastCheckedAt.IsZero() {
			checked = "checked " + w.LastCheckedAt.Local().Format(time.DateTime)
		}
		if w.LastError != "" {
			checked += ", failed: " + oneLine(w.LastError)
		}
		fmt.Fprintf(cfg.Stdout, "%s  %s  v%d  %s\n  %s\n", w.Document.ID, w.Document.Title, w.Document.CurrentSeq, checked, w.Document.Source)
	}
	return exitOK
}
