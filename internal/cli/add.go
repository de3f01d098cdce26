package cli

import (
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"planwatch/internal/library"
)

func addCommand() *command {
	return &command{
		name:    "add",
		args:    "[--tag T]… URL|FILE|DIR…",
		summary: "snapshot documents from URLs, files and directories into the library",
		example: "planwatch add --tag 长三角 https://www.example.gov.cn/art/2019/10/28/plan.html\n  planwatch add --tag 政府工作报告 ./reports/",
		setup: func(fs *flag.FlagSet) func(*Config, []string) int {
			open := dbFlags(fs)
			var tags []string
			fs.Func("tag", "tag every added document (repeatable)", func(s string) error {
				if s = strings.TrimSpace(s); s == "" {
					return fmt.Errorf("empty tag")
				}
				tags = append(tags, s)
				return nil
			})
			return func(cfg *Config, args []string) int {
				if len(args) == 0 {
					return usageError(cfg, "add", "give at least one URL, FILE or DIR")
				}
				lib, st, err := openLibrary(cfg, open)
				if err != nil {
					return fail(cfg, err)
				}
				defer st.Close()
				p := newProgress(cfg.Stderr)
				sum := lib.AddAll(cfg.Ctx, args, tags, p.step)
				p.done()
				printAddSummary(cfg.Stdout, sum)
				if cfg.Ctx.Err() != nil {
					fmt.Fprintln(cfg.Stderr, "planwatch: interrupted; run the same command again to finish")
					return exitFail
				}
				if sum.Stopped != nil {
					return fail(cfg, fmt.Errorf("add: stopped, the database's disk is full (%w); free space and run the same command again to finish", sum.Stopped))
				}
				if sum.Counts[library.Failed] > 0 {
					return exitFail
				}
				return exitOK
			}
		},
	}
}

// printAddSummary reports how many inputs ended how, then each failure.
func printAddSummary(w io.Writer, sum library.Summary) {
	order := []library.Status{library.Added, library.NewVersion, library.Unchanged, library.Duplicate, library.NearDuplicate, library.Failed}
	var parts []string
	for _, s := range order {
		if n := sum.Counts[s]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, s))
		}
	}
	if len(parts) == 0 {
		parts = append(parts, "nothing to add")
	}
	fmt.Fprintf(w, "%d inputs: %s\n", sum.Total(), strings.Join(parts, ", "))
	fails := append([]library.Result(nil), sum.Failures...)
	sort.Slice(fails, func(i, j int) bool { return fails[i].Input < fails[j].Input })
	for _, f := range fails {
		fmt.Fprintf(w, "  failed %s: %s\n", f.Input, oneLine(f.Err.Error()))
	}
}

// progress shows a bar on a terminal and one line per input otherwise.
type progress struct {
	w   io.Writer
	tty bool
	n   int
}

func newProgress(w io.Writer) *progress {
	p := &progress{w: w}
	if f, ok := w.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			p.tty = true
		}
	}
	return p
}

func (p *progress) step(done, total int, r library.Result) {
	p.n++
	if !p.tty {
		line := fmt.Sprintf("%d/%d %s %s", done, total, r.Status, r.Input)
		if r.DocumentID != "" {
			line += " → " + r.DocumentID
		}
		if r.Err != nil {
			line += ": " + oneLine(r.Err.Error())
		}
		fmt.Fprintln(p.w, line)
		return
	}
	const width = 30
	filled := width * done / max(total, 1)
	name := r.Input
	if rs := []rune(name); len(rs) > 40 {
		name = "…" + string(rs[len(rs)-39:])
	}
	fmt.Fprintf(p.w, "\r\x1b[K[%s%s] %d/%d %s", strings.Repeat("#", filled), strings.Repeat(" ", width-filled), done, total, name)
}

func (p *progress) done() {
	if p.tty && p.n > 0 {
		fmt.Fprintln(p.w)
	}
}
