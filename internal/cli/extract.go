package cli

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"planwatch/internal/amount"
	"planwatch/internal/extract"
	"planwatch/internal/ingest"
)

func extractCommand() *command {
	return &command{
		name:    "extract",
		args:    "[--json] [--with-text] [--explain] PATH|-",
		summary: "extract the structured plan from one document (a file, or - for stdin)",
		example: "planwatch extract plan.txt\n  planwatch extract --json --with-text plan.docx > plan.json\n  cat plan.txt | planwatch extract --json -",
		setup: func(fs *flag.FlagSet) func(*Config, []string) int {
			asJSON := fs.Bool("json", false, "print the extraction contract as JSON instead of an outline")
			withText := fs.Bool("with-text", false, "with --json: add the normalized text (field \"text\"), which span offsets index")
			explain := fs.Bool("explain", false, "list every number of the text and why it was read as a target, an observation or nothing")
			return func(cfg *Config, args []string) int {
				if len(args) != 1 {
					return usageError(cfg, "extract", fmt.Sprintf("want exactly one PATH or -, got %d arguments", len(args)))
				}
				if *withText && !*asJSON {
					return usageError(cfg, "extract", "--with-text needs --json")
				}
				app, err := loadSettings()
				if err != nil {
					return fail(cfg, err)
				}
				doc, err := loadDocument(cfg, args[0], decodeOptions(app))
				if err != nil {
					return fail(cfg, err)
				}
				if *explain {
					_, ex := extract.Explain(doc)
					if _, err := ex.WriteTo(cfg.Stdout); err != nil {
						return fail(cfg, err)
					}
					return exitOK
				}
				res, err := safeExtract(cfg, doc)
				if err != nil {
					return fail(cfg, err)
				}
				if *asJSON {
					res.Text = ""
					if *withText {
						res.Text = doc.Text
					}
					return writeJSON(cfg, res)
				}
				printResult(cfg.Stdout, res)
				return exitOK
			}
		},
	}
}

// inputError is a failure to read or process one input, named as the user
// gave it.
type inputError struct {
	name string
	err  error
}

func (e *inputError) Error() string { return e.name + ": " + e.err.Error() }
func (e *inputError) Unwrap() error { return e.err }

// loadDocument reads and decodes the file at path, or stdin for "-",
// within the limits of opt.
func loadDocument(cfg *Config, path string, opt ingest.DecodeOptions) (*ingest.Document, error) {
	if path == "-" {
		doc, err := ingest.ReadWith(cfg.Ctx, "stdin", cfg.Stdin, opt)
		if err != nil {
			return nil, &inputError{"stdin", err}
		}
		return doc, nil
	}
	fail := func(err error) (*ingest.Document, error) {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // "no such file or directory", "permission denied", …
		}
		return nil, &inputError{path, err}
	}
	info, err := os.Stat(path)
	switch {
	case err != nil:
		return fail(err)
	case info.IsDir():
		return fail(errors.New("is a directory, not a document"))
	case info.Mode().IsRegular() && info.Size() == 0:
		return fail(ingest.ErrEmpty)
	case info.Mode().IsRegular() && info.Size() > opt.Limit():
		return fail(opt.TooLarge(info.Size()))
	}
	f, err := os.Open(path)
	if err != nil {
		return fail(err)
	}
	defer f.Close()
	cfg.Log.Debug("reading", "path", path, "bytes", info.Size())
	doc, err := ingest.ReadWith(cfg.Ctx, path, f, opt)
	if err != nil {
		return fail(err)
	}
	cfg.Log.Debug("decoded", "path", path, "format", doc.Format, "charset", doc.Charset, "runes", len([]rune(doc.Text)))
	return doc, nil
}

// safeExtract runs the extractor and turns a panic into an error naming the
// document, so one bad document cannot take down a whole run.
func safeExtract(cfg *Config, doc *ingest.Document) (res *extract.Result, err error) {
	defer func() {
		if v := recover(); v != nil {
			cfg.Log.Debug("extractor panic", "doc", doc.Name, "value", fmt.Sprint(v))
			err = &inputError{doc.Name, fmt.Errorf("internal error in extraction: %v", v)}
		}
	}()
	res = extract.Extract(doc)
	if res == nil {
		return nil, &inputError{doc.Name, errors.New("internal error in extraction: no result")}
	}
	return res, nil
}

func writeJSON(cfg *Config, v any) int {
	enc := json.NewEncoder(cfg.Stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(v); err != nil {
		fmt.Fprintf(cfg.Stderr, "planwatch: writing JSON: %s\n", oneLine(err.Error()))
		return exitFail
	}
	return exitOK
}

// printResult writes the extraction as an outline for people.
func printResult(w io.Writer, r *extract.Result) {
	field := func(label, value string) {
		if value == "" {
			value = "—"
		}
		fmt.Fprintf(w, "%s：%s\n", label, value)
	}
	field("标题", r.Title)
	field("类型", r.Kind)
	field("发文机关", strings.Join(r.Issuers, "、"))
	field("成文日期", deref(r.Issued))
	field("发文字号", deref(r.DocNumber))
	field("地区", regionString(r.Region))
	field("期限", periodString(r.Period))

	fmt.Fprintf(w, "\n提纲（%d）\n", countHeadings(r.Outline))
	printOutline(w, r.Outline, 1)

	fmt.Fprintf(w, "\n重点任务（%d）\n", len(r.Tasks))
	for i, t := range r.Tasks {
		fmt.Fprintf(w, "  %d. %s\n", i+1, taskLine(t))
	}
	fmt.Fprintf(w, "\n目标（%d）\n", len(r.Targets))
	for _, q := range r.Targets {
		fmt.Fprintf(w, "  %s\n", quantityLine(q, q.Year, nil))
	}
	fmt.Fprintf(w, "\n现状（%d）\n", len(r.Observations))
	for _, q := range r.Observations {
		fmt.Fprintf(w, "  %s\n", quantityLine(q, nil, q.Period))
	}
	fmt.Fprintf(w, "\n地名（%d）\n", len(r.Places))
	for _, p := range r.Places {
		fmt.Fprintf(w, "  %s %s ×%d\n", p.Name, p.Code, p.Count)
	}
	fmt.Fprintf(w, "\n合作地区（%d）\n", len(r.Cooperation))
	for _, c := range r.Cooperation {
		fmt.Fprintf(w, "  %s %s：%s\n", c.Partner, c.Code, c.Quote)
	}
	fmt.Fprintf(w, "\n项目（%d）\n", len(r.Projects))
	for _, p := range r.Projects {
		if p.Kind != "" {
			fmt.Fprintf(w, "  %s（%s）\n", p.Name, p.Kind)
		} else {
			fmt.Fprintf(w, "  %s\n", p.Name)
		}
	}
}

func printOutline(w io.Writer, hs []*extract.Heading, depth int) {
	for _, h := range hs {
		if h == nil {
			continue
		}
		fmt.Fprintf(w, "%s%s%s\n", strings.Repeat("  ", depth), h.Marker, h.Title)
		printOutline(w, h.Children, depth+1)
	}
}

func countHeadings(hs []*extract.Heading) int {
	n := 0
	for _, h := range hs {
		if h != nil {
			n += 1 + countHeadings(h.Children)
		}
	}
	return n
}

func taskLine(t extract.Task) string {
	s := t.Title
	if len(t.LeadUnits) > 0 {
		s += "〔" + strings.Join(t.LeadUnits, "、") + "〕"
	}
	return s
}

var opSymbols = map[string]string{">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "="}

// quantityLine renders a target (year) or an observation (period):
// "研发经费投入强度 ≥ 3.2% （2025年）".
func quantityLine(q extract.Quantity, year *int, period *string) string {
	op := opSymbols[q.Op]
	if op == "" {
		op = q.Op
	}
	s := fmt.Sprintf("%s %s %s", q.Indicator, op, amount.Format(q.Value, q.Unit))
	switch {
	case year != nil:
		s += fmt.Sprintf("（%d年）", *year)
	case period != nil:
		s += "（" + *period + "）"
	}
	if q.Scope != "" {
		s += " [" + q.Scope + "]"
	}
	return s
}

func regionString(r *extract.Region) string {
	if r == nil {
		return ""
	}
	if r.Code == "" {
		return r.Name
	}
	return r.Name + "（" + r.Code + "）"
}

func periodString(p *extract.Period) string {
	if p == nil {
		return ""
	}
	return fmt.Sprintf("%d—%d年", p.Start, p.End)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
