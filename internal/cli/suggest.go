package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"planwatch/internal/store"
)

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// closest returns the names nearest to s: those it is a prefix of, else
// those within a third of its length in edits (at least 1, at most 2),
// nearest first.
func closest(s string, names []string) []string {
	var pre []string
	for _, n := range names {
		if s != "" && strings.HasPrefix(n, s) {
			pre = append(pre, n)
		}
	}
	if len(pre) > 0 {
		return pre
	}
	limit := min(max(utf8.RuneCountInString(s)/3, 1), 2)
	type cand struct {
		name string
		d    int
	}
	var cs []cand
	for _, n := range names {
		if d := editDistance(s, n); d <= limit {
			cs = append(cs, cand{n, d})
		}
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].d < cs[j].d })
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.name
	}
	return out
}

// didYouMean is ", did you mean X?" (or "X or Y") for the candidates, ""
// for none.
func didYouMean(cands []string, quote func(string) string) string {
	if len(cands) == 0 {
		return ""
	}
	if len(cands) > 5 {
		cands = cands[:5]
	}
	q := make([]string, len(cands))
	for i, c := range cands {
		q[i] = quote(c)
	}
	return "; did you mean " + strings.Join(q, " or ") + "?"
}

// unknownCommand says a command name is unknown, with the commands it
// may have meant.
func unknownCommand(name string) string {
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	return fmt.Sprintf("unknown command %q", name) + didYouMean(closest(name, names), func(s string) string { return s })
}

// flagProblem rewrites the flag package's complaint in the --flag spelling
// the help uses, with the flags an unknown one may have meant.
func flagProblem(fs *flag.FlagSet, err error) string {
	msg := err.Error()
	const undefined = "flag provided but not defined: "
	if name, ok := strings.CutPrefix(msg, undefined); ok {
		name = strings.TrimLeft(name, "-")
		var names []string
		fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
		return "unknown flag " + dashed(name) + didYouMean(closest(name, names), dashed)
	}
	// "invalid value "x" for flag -limit: …", "flag needs an argument: -db"
	return regexp.MustCompile(` -([a-z][a-z-]+)`).ReplaceAllString(msg, " --$1")
}

// dashed spells a flag as help does: -o for one letter, else --name.
func dashed(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// printFlags lists the flags of fs as the README spells them (--name),
// each with its argument, meaning and default.
func printFlags(w interface{ Write([]byte) (int, error) }, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		arg, usage := flag.UnquoteUsage(f)
		line := "  " + dashed(f.Name)
		if arg != "" {
			line += " " + arg
		}
		line += "\n    \t" + strings.ReplaceAll(usage, "\n", "\n    \t")
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" && !strings.Contains(usage, "default") {
			line += fmt.Sprintf(" (default %s)", f.DefValue)
		}
		fmt.Fprintln(w, line)
	})
}

// findPlan is st.Plan for a plan named on the command line (callers say
// "plan REF: " before its error): when the reference finds no plan, the
// error lists the plans a prefix matches
// (an ambiguous or too short one), else those whose title holds it or
// whose ID is a typo away, with their titles.
func findPlan(ctx context.Context, st *store.Store, ref string) (store.Plan, error) {
	p, err := st.Plan(ctx, ref)
	if err == nil || !errors.Is(err, store.ErrNotFound) {
		return p, err
	}
	plans, lerr := st.Plans(ctx, store.PlanFilter{})
	if lerr != nil {
		return p, err
	}
	var prefixed, similar []store.Plan
	for _, c := range plans {
		switch {
		case strings.HasPrefix(c.ID, ref):
			prefixed = append(prefixed, c)
		case strings.Contains(c.Title, ref) || editDistance(ref, c.ID[:min(len(c.ID), len(ref))]) <= 1 && len(ref) >= 6:
			similar = append(similar, c)
		}
	}
	list := func(ps []store.Plan) string {
		var s []string
		for i, c := range ps {
			if i == 5 {
				s = append(s, fmt.Sprintf("and %d more", len(ps)-5))
				break
			}
			s = append(s, c.ID+" "+c.Title)
		}
		return strings.Join(s, "; ")
	}
	switch {
	case len(prefixed) > 1:
		return p, notFoundError(fmt.Sprintf("%d plans start so, give more of the ID: %s", len(prefixed), list(prefixed)))
	case len(prefixed) == 1:
		return p, notFoundError(fmt.Sprintf("give at least 6 characters of the ID; did you mean %s?", list(prefixed)))
	case len(similar) > 0:
		return p, notFoundError(fmt.Sprintf("not found; did you mean %s?", list(similar)))
	}
	return p, notFoundError("not found (planwatch plan list shows the plans)")
}

// notFoundError is a message that is store.ErrNotFound to errors.Is but
// says only itself.
type notFoundError string

func (e notFoundError) Error() string { return string(e) }
func (e notFoundError) Unwrap() error { return store.ErrNotFound }
