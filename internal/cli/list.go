package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"strings"

	"planwatch/internal/extract"
	"planwatch/internal/store"
)

func listCommand() *command {
	return &command{
		name:    "list",
		args:    "[--tag T] [--region R] [--year Y] [--kind K]",
		summary: "list the documents in the library, newest first",
		example: "planwatch list\n  planwatch list --tag 长三角 --year 2019",
		setup: func(fs *flag.FlagSet) func(*Config, []string) int {
			open := dbFlags(fs)
			var f store.DocumentFilter
			fs.StringVar(&f.Tag, "tag", "", "only documents with this tag")
			fs.StringVar(&f.Region, "region", "", "only documents about this region (name or code)")
			fs.IntVar(&f.Year, "year", 0, "only documents of this year")
			fs.StringVar(&f.Kind, "kind", "", "only documents of this kind")
			fs.IntVar(&f.Limit, "limit", 100, "how many documents")
			return func(cfg *Config, args []string) int {
				if len(args) > 0 {
					return usageError(cfg, "list", "takes no arguments")
				}
				st, _, err := open(cfg)
				if err != nil {
					return fail(cfg, err)
				}
				defer st.Close()
				docs, err := st.Documents(cfg.Ctx, f)
				if err != nil {
					return fail(cfg, err)
				}
				for _, d := range docs {
					fmt.Fprintf(cfg.Stdout, "%s  %-10s %-8s v%d  %s", d.ID, orDash(d.Issued), orDash(d.RegionName), d.CurrentSeq, d.Title)
					if len(d.Tags) > 0 {
						fmt.Fprintf(cfg.Stdout, "  [%s]", strings.Join(d.Tags, ", "))
					}
					fmt.Fprintln(cfg.Stdout)
				}
				return exitOK
			}
		},
	}
}

func showCommand() *command {
	return &command{
		name:    "show",
		args:    "ID [--json]",
		summary: "show a document: metadata, tags, versions, and its extracted tasks and targets",
		example: "planwatch show 01jd3k9x2a7f",
		setup: func(fs *flag.FlagSet) func(*Config, []string) int {
			open := dbFlags(fs)
			asJSON := fs.Bool("json", false, "print the current extraction as JSON")
			return func(cfg *Config, args []string) int {
				if len(args) != 1 {
					return usageError(cfg, "show", "give one document ID")
				}
				st, _, err := open(cfg)
				if err != nil {
					return fail(cfg, err)
				}
				defer st.Close()
				d, err := st.Document(cfg.Ctx, args[0])
				if err != nil {
					return fail(cfg, fmt.Errorf("document %s: %w", args[0], err))
				}
				cur, err := st.Version(cfg.Ctx, d.ID, 0)
				if err != nil {
					return fail(cfg, fmt.Errorf("document %s: %w", d.ID, err))
				}
				var res extract.Result
				if err := json.Unmarshal(cur.Extraction, &res); err != nil {
					return fail(cfg, fmt.Errorf("document %s: stored extraction: %w", d.ID, err))
				}
				if *asJSON {
					return writeJSON(cfg, &res)
				}
				w := cfg.Stdout
				fmt.Fprintf(w, "文档：%s\n来源：%s\n", d.ID, d.Source)
				if d.DuplicateOf != "" {
					fmt.Fprintf(w, "重复：%s 的转载\n", d.DuplicateOf)
				}
				if !d.ArchivedAt.IsZero() {
					fmt.Fprintf(w, "已归档：%s（恢复：planwatch document restore %s）\n", d.ArchivedAt.Local().Format("2006-01-02"), d.ID)
				}
				fmt.Fprintf(w, "标签：%s\n", orDash(strings.Join(d.Tags, "、")))
				vs, err := st.Versions(cfg.Ctx, d.ID)
				if err != nil {
					return fail(cfg, fmt.Errorf("document %s: %w", d.ID, err))
				}
				fmt.Fprintf(w, "版本（%d）\n", len(vs))
				for _, v := range vs {
					fmt.Fprintf(w, "  v%d  %s  %d bytes  %s  sha256:%s\n", v.Seq, v.FetchedAt.Format("2006-01-02 15:04"), v.Size, v.Format, v.SHA256[:12])
				}
				fmt.Fprintln(w)
				printResult(w, &res)
				return exitOK
			}
		},
	}
}

func exportCommand() *command {
	return &command{
		name:    "export",
		args:    "ID [--version N] > FILE",
		summary: "write a document's original bytes, exactly as they were read, to stdout",
		example: "planwatch export 01jd3k9x2a7f > plan.html\n  planwatch export 01jd3k9x2a7f --version 1 > first.html",
		setup: func(fs *flag.FlagSet) func(*Config, []string) int {
			open := dbFlags(fs)
			seq := fs.Int("version", 0, "which version (default: the current one)")
			return func(cfg *Config, args []string) int {
				if len(args) != 1 {
					return usageError(cfg, "export", "give one document ID")
				}
				st, _, err := open(cfg)
				if err != nil {
					return fail(cfg, err)
				}
				defer st.Close()
				d, err := st.Document(cfg.Ctx, args[0])
				if err != nil {
					return fail(cfg, fmt.Errorf("document %s: %w", args[0], err))
				}
				v, err := st.Version(cfg.Ctx, d.ID, *seq)
				if err != nil {
					return fail(cfg, fmt.Errorf("document %s version %d: %w", d.ID, *seq, err))
				}
				b, err := st.Blob(cfg.Ctx, v.SHA256)
				if err != nil {
					return fail(cfg, fmt.Errorf("document %s: original bytes: %w", d.ID, err))
				}
				if _, err := cfg.Stdout.Write(b); err != nil {
					return fail(cfg, err)
				}
				return exitOK
			}
		},
	}
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
