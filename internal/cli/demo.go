package cli

import (
	"bytes"
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"planwatch/internal/config"
	"planwatch/internal/extract"
	"planwatch/internal/ingest"
)

// samplePlan is a fictional municipal action plan written for planwatch in
// the style of real ones (the city is real, the content invented).
//
//go:embed samples/sample_plan.txt
var samplePlan []byte

const sampleName = "sample_plan.txt"

func demoCommand() *command {
	return &command{
		name:    "demo",
		args:    "[--seeds DIR] [--limit N] [--serve ADDR]",
		summary: "the main job: extract the embedded sample plan and the seeds (../shared/seeds), then store them in a throwaway library, track the sample and show its overview",
		example: "planwatch demo\n  planwatch demo --seeds ../shared/seeds --limit 10",
		setup: func(fs *flag.FlagSet) func(*Config, []string) int {
			seeds := fs.String("seeds", "", "directory of documents to run on (default: ../shared/seeds, looked up from the current directory and the executable)")
			limit := fs.Int("limit", 5, "tasks and targets to list per document")
			serveAddr := fs.String("serve", "", "then serve the web app over the demo library at this address (e.g. 127.0.0.1:8080) until Ctrl-C")
			return func(cfg *Config, args []string) int {
				if len(args) > 0 {
					return usageError(cfg, "demo", "takes no arguments")
				}
				if *limit < 0 {
					return usageError(cfg, "demo", "--limit must be 0 or more")
				}
				dir := *seeds
				if dir == "" {
					dir = findSeeds(cfg)
				} else if info, err := os.Stat(dir); err != nil || !info.IsDir() {
					return fail(cfg, &inputError{dir, errors.New("not a directory of documents")})
				}
				app, err := loadSettings()
				if err != nil {
					return fail(cfg, err)
				}
				return runDemo(cfg, app, dir, *limit, *serveAddr)
			}
		},
	}
}

// findSeeds looks for ../shared/seeds next to the current directory and
// next to the executable's directory (bin/planwatch in a checkout).
func findSeeds(cfg *Config) string {
	var bases []string
	if wd, err := os.Getwd(); err == nil {
		bases = append(bases, wd)
	}
	if exe, err := os.Executable(); err == nil {
		if exe, err = filepath.EvalSymlinks(exe); err == nil {
			bases = append(bases, filepath.Dir(exe), filepath.Dir(filepath.Dir(exe)))
		}
	}
	for _, b := range bases {
		dir := filepath.Join(b, "..", "shared", "seeds")
		if info, err := os.Stat(dir); err == nil && info.IsDir() {
			cfg.Log.Debug("seeds found", "dir", dir)
			return dir
		}
	}
	cfg.Log.Debug("no seeds directory", "looked in", bases)
	return ""
}

type demoTotals struct {
	docs, failed                      int
	tasks, targets, observations, all int
}

func runDemo(cfg *Config, app config.Config, seedsDir string, limit int, serveAddr string) int {
	opt := decodeOptions(app)
	start := time.Now()
	var tot demoTotals
	one := func(label string, load func() (*ingest.Document, error)) {
		tot.docs++
		doc, err := load()
		var res *extract.Result
		if err == nil {
			res, err = safeExtract(cfg, doc)
		}
		if err != nil {
			tot.failed++
			fmt.Fprintf(cfg.Stdout, "== %s\n   failed (see stderr)\n\n", label)
			fail(cfg, err)
			return
		}
		tot.tasks += len(res.Tasks)
		tot.targets += len(res.Targets)
		tot.observations += len(res.Observations)
		printSummary(cfg.Stdout, label, res, limit)
	}

	one(sampleName+"（内置示例）", func() (*ingest.Document, error) {
		doc, err := ingest.ReadWith(cfg.Ctx, sampleName, bytes.NewReader(samplePlan), opt)
		if err != nil {
			return nil, &inputError{sampleName, err}
		}
		return doc, nil
	})

	if seedsDir != "" {
		entries, err := os.ReadDir(seedsDir)
		if err != nil {
			return fail(cfg, &inputError{seedsDir, err})
		}
		for _, e := range entries {
			if e.IsDir() || strings.HasPrefix(e.Name(), ".") {
				continue
			}
			path := filepath.Join(seedsDir, e.Name())
			one(path, func() (*ingest.Document, error) { return loadDocument(cfg, path, opt) })
		}
	}

	where := "the embedded sample only (no seeds directory found)"
	if seedsDir != "" {
		where = "the embedded sample and " + seedsDir
	}
	fmt.Fprintf(cfg.Stdout, "demo: %d documents (%d failed) from %s: %d tasks, %d targets, %d observations in %.2fs\n",
		tot.docs, tot.failed, where, tot.tasks, tot.targets, tot.observations, time.Since(start).Seconds())
	if tot.failed > 0 {
		return exitFail
	}
	if err := runDemoLibrary(cfg, app, seedsDir, serveAddr); err != nil {
		return fail(cfg, err)
	}
	return exitOK
}

// printSummary writes a few lines about one document's extraction.
func printSummary(w io.Writer, label string, r *extract.Result, limit int) {
	fmt.Fprintf(w, "== %s\n", label)
	title := r.Title
	if title == "" {
		title = "（未识别）"
	}
	fmt.Fprintf(w, "   标题：%s\n", title)
	var meta []string
	if r.Kind != "" {
		meta = append(meta, "类型 "+r.Kind)
	}
	if r.Region != nil {
		meta = append(meta, "地区 "+regionString(r.Region))
	}
	if r.Period != nil {
		meta = append(meta, "期限 "+periodString(r.Period))
	}
	if r.DocNumber != nil {
		meta = append(meta, "文号 "+*r.DocNumber)
	}
	if len(meta) > 0 {
		fmt.Fprintf(w, "   %s\n", strings.Join(meta, " · "))
	}
	fmt.Fprintf(w, "   提纲 %d · 任务 %d · 目标 %d · 现状 %d · 地名 %d · 合作 %d · 项目 %d\n",
		countHeadings(r.Outline), len(r.Tasks), len(r.Targets), len(r.Observations),
		len(r.Places), len(r.Cooperation), len(r.Projects))
	for i, t := range r.Tasks {
		if i == limit {
			fmt.Fprintf(w, "     … %d more tasks\n", len(r.Tasks)-limit)
			break
		}
		fmt.Fprintf(w, "   任务 %d. %s\n", i+1, taskLine(t))
	}
	for i, q := range r.Targets {
		if i == limit {
			fmt.Fprintf(w, "     … %d more targets\n", len(r.Targets)-limit)
			break
		}
		fmt.Fprintf(w, "   目标 %s\n", quantityLine(q, q.Year, nil))
	}
	fmt.Fprintln(w)
}
