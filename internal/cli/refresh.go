package cli

import (
	"flag"
	"fmt"

	"planwatch/internal/library"
)

func refreshCommand() *command {
	return &command{
		name:    "refresh",
		args:    "[ID… | --tag T | --all]",
		summary: "snapshot documents again from their sources; a changed page becomes a new version",
		example: "planwatch refresh 01jd3k9x2a7f\n  planwatch refresh --tag 长三角",
		setup: func(fs *flag.FlagSet) func(*Config, []string) int {
			open := dbFlags(fs)
			tag := fs.String("tag", "", "refresh every document with this tag")
			all := fs.Bool("all", false, "refresh every document")
			return func(cfg *Config, args []string) int {
				if len(args) == 0 && *tag == "" && !*all {
					return usageError(cfg, "refresh", "give document IDs, --tag T or --all")
				}
				lib, st, err := openLibrary(cfg, open)
				if err != nil {
					return fail(cfg, err)
				}
				defer st.Close()
				p := newProgress(cfg.Stderr)
				var sum library.Summary
				if len(args) > 0 {
					sum = library.Summary{Counts: map[library.Status]int{}}
					for i, id := range args {
						r := lib.Refresh(cfg.Ctx, id)
						sum.Counts[r.Status]++
						if r.Status == library.Failed {
							sum.Failures = append(sum.Failures, r)
						}
						p.step(i+1, len(args), r)
					}
				} else {
					sum, err = lib.RefreshTag(cfg.Ctx, *tag, p.step)
					if err != nil {
						return fail(cfg, fmt.Errorf("listing documents: %w", err))
					}
				}
				p.done()
				printAddSummary(cfg.Stdout, sum)
				if sum.Counts[library.Failed] > 0 {
					return exitFail
				}
				return exitOK
			}
		},
	}
}

func diffCommand() *command {
	return &command{
		name:    "diff",
		args:    "ID [--from N] [--to M]",
		summary: "show what changed in a document's text between two versions (default: the last two)",
		example: "planwatch diff 01jd3k9x2a7f\n  planwatch diff 01jd3k9x2a7f --from 1 --to 3",
		setup: func(fs *flag.FlagSet) func(*Config, []string) int {
			open := dbFlags(fs)
			from := fs.Int("from", 0, "the older version (default: the one before --to)")
			to := fs.Int("to", 0, "the newer version (default: the current one)")
			context := fs.Int("context", 2, "unchanged lines to show around each change")
			return func(cfg *Config, args []string) int {
				if len(args) != 1 {
					return usageError(cfg, "diff", "give one document ID")
				}
				lib, st, err := openLibrary(cfg, open)
				if err != nil {
					return fail(cfg, err)
				}
				defer st.Close()
				d, err := st.Document(cfg.Ctx, args[0])
				if err != nil {
					return fail(cfg, fmt.Errorf("document %s: %w", args[0], err))
				}
				b := *to
				if b == 0 {
					b = d.CurrentSeq
				}
				a := *from
				if a == 0 {
					a = b - 1
				}
				if a < 1 {
					fmt.Fprintf(cfg.Stdout, "%s has only one version\n", d.ID)
					return exitOK
				}
				lines, err := lib.VersionDiff(cfg.Ctx, d.ID, a, b)
				if err != nil {
					return fail(cfg, fmt.Errorf("%s: %w", d.ID, err))
				}
				fmt.Fprintf(cfg.Stdout, "--- %s version %d\n+++ %s version %d\n", d.ID, a, d.ID, b)
				if err := library.FormatDiff(cfg.Stdout, lines, *context); err != nil {
					return fail(cfg, err)
				}
				return exitOK
			}
		},
	}
}
