package cli

import (
	"flag"
	"fmt"
	"strings"
	"unicode/utf8"

	"planwatch/internal/ingest"
	"planwatch/internal/store"
)

func searchCommand() *command {
	return &command{
		name:    "search",
		args:    "QUERY [--region R] [--year Y] [--kind K] [--tag T]",
		summary: "search the library in Chinese; any substring of two or more characters matches",
		example: "planwatch search 投入强度\n  planwatch search 一网通办 --region 绍兴市 --year 2019",
		setup: func(fs *flag.FlagSet) func(*Config, []string) int {
			open := dbFlags(fs)
			var q store.SearchQuery
			fs.StringVar(&q.Region, "region", "", "only documents about this region (name or GB/T 2260 code)")
			fs.IntVar(&q.Year, "year", 0, "only documents of this year")
			fs.StringVar(&q.Kind, "kind", "", "only documents of this kind (行动计划, 意见, …)")
			fs.StringVar(&q.Tag, "tag", "", "only documents with this tag")
			fs.IntVar(&q.Limit, "limit", 20, "how many results")
			return func(cfg *Config, args []string) int {
				q.Text = strings.TrimSpace(strings.Join(args, " "))
				if q.Text == "" {
					return usageError(cfg, "search", "give a query")
				}
				q.Text = normalizeQuery(q.Text)
				if utf8.RuneCountInString(q.Text) < 2 {
					// The index holds pairs of characters: one alone
					// would match nothing, and silently.
					return usageError(cfg, "search", fmt.Sprintf("query %q: give two or more characters, e.g. a word such as %s", q.Text, searchExample(q.Text)))
				}
				st, _, err := open(cfg)
				if err != nil {
					return fail(cfg, err)
				}
				defer st.Close()
				res, err := st.SearchPage(cfg.Ctx, q)
				if err != nil {
					return fail(cfg, fmt.Errorf("search %q: %w", q.Text, err))
				}
				about := ""
				if res.TotalApprox {
					about = "about "
				}
				fmt.Fprintf(cfg.Stdout, "%s%d documents match %q\n", about, res.Total, q.Text)
				for _, h := range res.Hits {
					d := h.Document
					fmt.Fprintf(cfg.Stdout, "\n%s  %s\n", d.ID, d.Title)
					var meta []string
					for _, s := range []string{d.Kind, d.RegionName, d.Issued} {
						if s != "" {
							meta = append(meta, s)
						}
					}
					if len(meta) > 0 {
						fmt.Fprintf(cfg.Stdout, "    %s\n", strings.Join(meta, " · "))
					}
					fmt.Fprintf(cfg.Stdout, "    %s\n", highlight(h.Snippet, h.Match))
				}
				return exitOK
			}
		},
	}
}

// normalizeQuery folds a query as documents are folded before indexing:
// traditional characters to simplified, full-width letters and digits to
// ASCII, so that 長三角 finds 长三角.
func normalizeQuery(s string) string {
	text, _ := ingest.Normalize(s)
	return text
}

// highlight marks the match inside a snippet with 【】, which survives any
// terminal and any copy into a document.
func highlight(s string, m [2]int) string {
	if m[0] < 0 || m[1] > len(s) || m[0] >= m[1] {
		return s
	}
	return s[:m[0]] + "【" + s[m[0]:m[1]] + "】" + s[m[1]:]
}

// searchExample suggests a query of two characters or more for a one-
// character one: the common words of plans it starts, else a stock one.
func searchExample(q string) string {
	for _, w := range []string{"数字化", "科技创新", "投入强度", "一网通办", "产业链", "生态环境", "营商环境", "高质量发展"} {
		if strings.HasPrefix(w, q) {
			return w
		}
	}
	return "科技创新"
}
