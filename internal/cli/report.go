package cli

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"planwatch/internal/report"
)

// reportFormats are the formats report writes, by name.
var reportFormats = []string{"html", "docx", "xlsx", "pdf"}

func reportCommand() *command {
	return &command{
		name:    "report",
		args:    "PLAN --as-of DATE [--format html|docx|xlsx|pdf] [--compare REGION…] [--previous DATE] [-o FILE]",
		summary: "the evaluation report of a plan as of a date: summary, tasks by theme and unit, lagging tasks, indicators with charts, changes, sources",
		example: "planwatch report 01k84q --as-of 2025-06-30 -o 评估报告.html\n" +
			"  planwatch report 01k84q --as-of 2025-06-30 --format docx --compare 绍兴市 --compare 湖州市 -o 评估报告.docx\n" +
			"  planwatch report 01k84q --as-of 2025-06-30 --compare 长三角中心区 --format pdf -o 评估报告.pdf",
		setup: func(fs *flag.FlagSet) func(*Config, []string) int {
			open := dbFlags(fs)
			asOf := fs.String("as-of", "", "the report date (required): only what was recorded by the end of that day counts, so the report can be made again with the same figures")
			previous := fs.String("previous", "", "the date the changes section starts from (default one month before --as-of)")
			format := fs.String("format", "", "html, docx, xlsx or pdf (default: from -o's extension, else html); pdf needs chromium")
			out := fs.String("o", "", "write to FILE instead of stdout")
			var compare []string
			fs.Func("compare", "compare each indicator with this region: a code, a name or a group such as 长三角 (repeatable, or comma-separated)", func(s string) error {
				for _, r := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' || r == '、' }) {
					if r = strings.TrimSpace(r); r != "" {
						compare = append(compare, r)
					}
				}
				return nil
			})
			return func(cfg *Config, args []string) int {
				if len(args) != 1 {
					return usageError(cfg, "report", "give one PLAN")
				}
				if *asOf == "" {
					return usageError(cfg, "report", "--as-of DATE is required (a report is as of a date)")
				}
				at, err := endOfDay(*asOf)
				if err != nil {
					return usageError(cfg, "report", "--as-of "+err.Error())
				}
				var prev time.Time
				if *previous != "" {
					if prev, err = endOfDay(*previous); err != nil {
						return usageError(cfg, "report", "--previous "+err.Error())
					}
					if !prev.Before(at) {
						return usageError(cfg, "report", "--previous must be before --as-of")
					}
				}
				f, msg := reportFormat(*format, *out)
				if msg != "" {
					return usageError(cfg, "report", msg)
				}
				if f == "pdf" {
					// Before the work: a missing Chromium is known at once.
					if _, err := report.FindChromium(); err != nil {
						return fail(cfg, err)
					}
				}
				st, _, err := open(cfg)
				if err != nil {
					return fail(cfg, err)
				}
				defer st.Close()
				p, err := findPlan(cfg.Ctx, st, args[0])
				if err != nil {
					return fail(cfg, fmt.Errorf("plan %s: %w", args[0], err))
				}
				r, err := report.Build(cfg.Ctx, st, p.ID, at, report.Options{Previous: prev, Compare: compare, Version: Version})
				if err != nil {
					return fail(cfg, err)
				}
				write := func(w io.Writer) error {
					switch f {
					case "docx":
						return report.WriteDOCX(w, r)
					case "xlsx":
						return report.WriteXLSX(w, r)
					case "pdf":
						return report.WritePDF(cfg.Ctx, w, r)
					}
					return report.WriteHTML(w, r)
				}
				if *out == "" {
					err = write(cfg.Stdout)
				} else {
					err = writeFileAtomic(*out, write)
				}
				if err != nil {
					return fail(cfg, err)
				}
				return exitOK
			}
		},
	}
}

// reportFormat is the format to write: --format, else the extension of
// -o's file, else html; a problem ("" for none) when the format is not
// one report writes, or the file's extension names another (a .odt file
// must not be written as HTML).
func reportFormat(format, out string) (string, string) {
	f := strings.ToLower(strings.TrimSpace(format))
	if f != "" && !slices.Contains(reportFormats, f) {
		return "", fmt.Sprintf("--format %s: want html, docx, xlsx or pdf", format)
	}
	ext := strings.TrimPrefix(strings.ToLower(filepath.Ext(out)), ".")
	if ext == "htm" {
		ext = "html"
	}
	switch {
	case ext == "":
		// A file without an extension (or stdout) takes the format given.
	case !slices.Contains(reportFormats, ext):
		return "", fmt.Sprintf("-o %s: cannot write .%s; give a file ending in .html, .docx, .xlsx or .pdf", out, ext)
	case f == "":
		f = ext
	case f != ext:
		return "", fmt.Sprintf("-o %s: the name says %s but --format says %s", out, ext, f)
	}
	if f == "" {
		f = "html"
	}
	return f, ""
}

// endOfDay reads YYYY-MM-DD as the last second of that day, local time:
// a report "as of 6月30日" counts what was recorded that day.
func endOfDay(s string) (time.Time, error) {
	t, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(s), time.Local)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s: want a date like 2025-06-30", s)
	}
	return t.Add(24*time.Hour - time.Second), nil
}

// writeFileAtomic writes a file through a temporary one beside it, so
// that a failed report never leaves half a file under the asked name. The
// file gets the mode a new file gets (0666 less the umask, 0644 for most),
// not os.CreateTemp's 0600: a report is made to be read by others.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	tmp, err := createBeside(path)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// createBeside creates a new temporary file in path's directory, named
// after it, with mode 0666 less the umask.
func createBeside(path string) (*os.File, error) {
	var b [6]byte
	for range 100 {
		rand.Read(b[:])
		name := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+"."+hex.EncodeToString(b[:]))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
	return nil, errors.New("no free temporary name")
}
