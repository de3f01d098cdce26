package cli

import (
	"errors"
	"flag"
	"fmt"

	"planwatch/internal/store"
)

func tagCommand() *command {
	return &command{
		name:    "tag",
		args:    "list | add ID TAG… | remove ID TAG… | rename OLD NEW | merge INTO FROM…",
		summary: "list, add, remove, rename and merge tags",
		example: "planwatch tag add 01jd3k9x2a7f 长三角 行动计划\n  planwatch tag merge 长三角 长三角一体化\n  planwatch tag list",
		setup: func(fs *flag.FlagSet) func(*Config, []string) int {
			open := dbFlags(fs)
			return func(cfg *Config, args []string) int {
				if len(args) == 0 {
					return usageError(cfg, "tag", "give list, add, remove, rename or merge")
				}
				verb, rest := args[0], args[1:]
				want := map[string]int{"list": 0, "add": 2, "remove": 2, "rename": 2, "merge": 2}
				n, ok := want[verb]
				if !ok {
					return usageError(cfg, "tag", fmt.Sprintf("unknown action %q", verb))
				}
				if len(rest) < n || (verb == "rename" && len(rest) != 2) || (verb == "list" && len(rest) != 0) {
					return usageError(cfg, "tag", fmt.Sprintf("wrong arguments for %s", verb))
				}
				st, _, err := open(cfg)
				if err != nil {
					return fail(cfg, err)
				}
				defer st.Close()
				ctx := cfg.Ctx
				switch verb {
				case "list":
					tags, err := st.Tags(ctx)
					if err != nil {
						return fail(cfg, err)
					}
					for _, t := range tags {
						fmt.Fprintf(cfg.Stdout, "%6d  %s\n", t.Count, t.Name)
					}
					return exitOK
				case "add", "remove":
					d, err := st.Document(ctx, rest[0])
					if err != nil {
						return fail(cfg, fmt.Errorf("document %s: %w", rest[0], err))
					}
					if verb == "add" {
						err = st.AddTags(ctx, d.ID, rest[1:]...)
					} else {
						err = st.RemoveTags(ctx, d.ID, rest[1:]...)
					}
					if err != nil {
						return fail(cfg, fmt.Errorf("document %s: %w", d.ID, err))
					}
				case "rename":
					err = st.RenameTag(ctx, rest[0], rest[1])
					if errors.Is(err, store.ErrConflict) {
						return fail(cfg, fmt.Errorf("tag %s already exists: merge instead (planwatch tag merge %s %s)", rest[1], rest[1], rest[0]))
					}
				case "merge":
					err = st.MergeTags(ctx, rest[0], rest[1:]...)
				}
				if err != nil {
					return fail(cfg, fmt.Errorf("tag %s: %w", rest[0], err))
				}
				return exitOK
			}
		},
	}
}
