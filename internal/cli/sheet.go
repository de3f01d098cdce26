package cli

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/track"
)

func sheetCommand() *command {
	return &command{
		name:    "sheet",
		args:    "export PLAN [--format xlsx|csv] > FILE | import PLAN FILE [--unit U]",
		summary: "the 任务清单 spreadsheet: export a plan's task list; import the progress a unit filled in (all rows or none, checked as the task page checks them, within the PLANWATCH_SHEET_MAX_* limits)",
		example: "planwatch sheet export 01k84q > 任务清单.xlsx\n  planwatch sheet import 01k84q 市发改委-6月.xlsx --unit 市发改委 --author 张三",
		setup: func(fs *flag.FlagSet) func(*Config, []string) int {
			open := dbFlags(fs)
			format := fs.String("format", "xlsx", "export: xlsx or csv")
			unit := fs.String("unit", "", "export: only the tasks this unit leads or supports; import: the unit reporting (default: the task as a whole)")
			author := fs.String("as", osUser(), "import: who reports, credited with the updates (default: the OS user)")
			fs.Func("author", "the same as --as", func(v string) error { *author = v; return nil })
			date := fs.String("date", "", "import: the date the reports are about (default today)")
			return func(cfg *Config, args []string) int {
				if len(args) < 2 {
					return usageError(cfg, "sheet", "give export PLAN or import PLAN FILE")
				}
				verb, rest := args[0], args[1:]
				if (verb == "export" && len(rest) != 1) || (verb == "import" && len(rest) != 2) || (verb != "export" && verb != "import") {
					return usageError(cfg, "sheet", "give export PLAN or import PLAN FILE")
				}
				st, app, err := open(cfg)
				if err != nil {
					return fail(cfg, err)
				}
				defer st.Close()
				ctx := cfg.Ctx
				p, err := findPlan(ctx, st, rest[0])
				if err != nil {
					return fail(cfg, fmt.Errorf("plan %s: %w", rest[0], err))
				}
				items, err := st.Items(ctx, p.ID, store.ItemFilter{IncludeDropped: true})
				if err != nil {
					return fail(cfg, err)
				}
				if verb == "export" {
					ups, err := st.PlanUpdates(ctx, p.ID, time.Time{})
					if err != nil {
						return fail(cfg, err)
					}
					if *unit != "" {
						if items, err = unitItems(ctx, st, p, items, *unit); err != nil {
							return fail(cfg, unitHint(fmt.Errorf("plan %s: %w", p.ID, err)))
						}
					}
					var buf bytes.Buffer
					if err := track.WriteTaskList(&buf, *format, p, items, ups, time.Now()); err != nil {
						return fail(cfg, fmt.Errorf("plan %s: %w", p.ID, err))
					}
					if _, err := cfg.Stdout.Write(buf.Bytes()); err != nil {
						return fail(cfg, err)
					}
					return exitOK
				}
				f, err := os.Open(rest[1])
				if err != nil {
					return fail(cfg, fmt.Errorf("%s: %w", rest[1], err))
				}
				defer f.Close()
				prev, err := st.PlanUpdates(ctx, p.ID, time.Time{})
				if err != nil {
					return fail(cfg, err)
				}
				book, err := st.UnitBook(ctx, p.RegionCode, false)
				if err != nil {
					return fail(cfg, err)
				}
				ups, rowErrs, err := track.ReadProgress(ctx, f, sheetFormat(rest[1]), p, items, *unit, *author, *date,
					track.ReadOptions{Limits: app.Sheets, Prev: prev, Units: book})
				if err != nil {
					return fail(cfg, unitHint(fmt.Errorf("%s: %w", rest[1], err)))
				}
				if len(rowErrs) > 0 {
					return rowFailures(cfg, rest[1], rowErrs)
				}
				if err := st.AddUpdates(ctx, ups); err != nil {
					return fail(cfg, fmt.Errorf("%s: %w", rest[1], err))
				}
				fmt.Fprintf(cfg.Stdout, "%s: %d updates recorded\n", rest[1], len(ups))
				return exitOK
			}
		},
	}
}

// sheetFormat is a file's format by its extension: csv, else xlsx.
func sheetFormat(name string) string {
	if strings.EqualFold(filepath.Ext(name), ".csv") {
		return "csv"
	}
	return "xlsx"
}

// rowFailures lists what a sheet's rows got wrong; nothing was applied.
func rowFailures(cfg *Config, name string, errs []track.RowError) int {
	fmt.Fprintf(cfg.Stderr, "planwatch: %s: %d rows refused, nothing recorded\n", name, len(errs))
	for _, e := range errs {
		fmt.Fprintf(cfg.Stdout, "  %s\n", e.Error())
	}
	return exitFail
}

// unitItems marks as dropped, in a copy, the tasks unit (as the plan's
// region's registry reads it) neither leads nor supports: the export
// leaves dropped items out but counts them when it numbers rows, so the
// 序号 stay those of the whole list, as in the web's download for a unit.
func unitItems(ctx context.Context, st *store.Store, p store.Plan, items []store.Item, unit string) ([]store.Item, error) {
	book, err := st.UnitBook(ctx, p.RegionCode, false)
	if err != nil {
		return nil, err
	}
	e, err := book.Resolve(unit)
	if err != nil {
		return nil, err
	}
	out := slices.Clone(items)
	has := false
	for i, it := range out {
		if it.Kind == store.KindGroup {
			continue
		}
		if slices.ContainsFunc(it.Units, func(a store.Assignment) bool { return a.Unit == e.Name }) {
			has = has || !it.Dropped
		} else {
			out[i].Dropped = true
		}
	}
	if !has {
		return nil, fmt.Errorf("unit %s has no task in this plan", e.Name)
	}
	return out, nil
}
