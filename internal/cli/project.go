package cli

import (
	"bytes"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"

	"planwatch/internal/amount"
	"planwatch/internal/store"
	"planwatch/internal/track"
	"planwatch/internal/web/auth"
)

func projectCommand() *command {
	return &command{
		name:    "project",
		args:    "list PLAN | import PLAN FILE | export PLAN FILE | report PROJECT --month M (--done X | --to-date X) | curve PLAN [--set C] | rename PROJECT NAME | delete PROJECT --reason R",
		summary: "projects (项目化推进): investment against 序时进度, milestones, monthly reports and the 重大项目 table",
		example: "planwatch project import 01k84q 重大项目.xlsx             # create or update projects, record the month's figures\n" +
			"  planwatch project list 01k84q --late --unit 市交通局\n" +
			"  planwatch project report 01k9a2 --month 2026-03 --done 1200 --phase 在建 --problems 征地滞后\n" +
			"  planwatch project export 01k84q 重大项目-3月.xlsx --month 2026-03\n" +
			"  planwatch project curve 01k84q --set 5,10,20,30,40,50,60,70,80,90,95,100\n" +
			"  planwatch project rename 01k9a2 东港作业区二期工程 --reason 按批复名称\n" +
			"  planwatch project delete 01k9a2 --reason 并入东港项目",
		setup: func(fs *flag.FlagSet) func(*Config, []string) int {
			open := dbFlags(fs)
			month := fs.String("month", "", "the month reported or judged as of, 2026-03 (default: the last month due, or a later one reported)")
			done := fs.String("done", "", "report: investment completed this month, in 万元 unless it says 亿 (1200, 1.2亿)")
			toDate := fs.String("to-date", "", "report: investment completed from January to the month (1-N月), in 万元")
			phase := fs.String("phase", "", "report: the phase reached (前期 开工 建设 竣工 投运); list: only projects in this phase")
			problems := fs.String("problems", "", "report: 存在问题")
			help := fs.String("help-needed", "", "report: 需协调事项")
			unit := fs.String("unit", "", "list: only projects this unit leads or supports")
			region := fs.String("region", "", "list: only projects in this region (code, or its prefix: 3306)")
			late := fs.Bool("late", false, "list: only projects lagging 序时进度, not started on time or past a milestone")
			set := fs.String("set", "", "curve: twelve cumulative percentages, or \"year\" for the 12-month year")
			reason := fs.String("reason", "", "rename, delete: why (kept in the audit log; delete needs it)")
			return func(cfg *Config, args []string) int {
				if len(args) == 0 {
					return usageError(cfg, "project", "give list, import, export, report, curve, rename or delete")
				}
				verb, rest := args[0], args[1:]
				need := map[string]int{"list": 1, "import": 2, "export": 2, "report": 1, "curve": 1, "rename": 2, "delete": 1}
				n, ok := need[verb]
				if !ok {
					return usageError(cfg, "project", fmt.Sprintf("unknown action %q", verb))
				}
				if len(rest) != n {
					return usageError(cfg, "project", fmt.Sprintf("%s takes %d argument(s)", verb, n))
				}
				if *month != "" {
					m, err := track.ParseMonth(*month)
					if err != nil {
						return usageError(cfg, "project", "--month: "+err.Error())
					}
					*month = m
				}
				if *phase != "" {
					p, ok := track.ParsePhase(*phase)
					if !ok {
						return usageError(cfg, "project", fmt.Sprintf("--phase %q: want 前期, 开工, 建设, 竣工 or 投运", *phase))
					}
					*phase = p
				}
				if verb == "delete" && strings.TrimSpace(*reason) == "" {
					return usageError(cfg, "project", "delete needs --reason")
				}
				if verb == "report" && (*month == "" || *done == "" && *toDate == "") {
					return usageError(cfg, "project", "report needs --month and --done or --to-date")
				}
				var curve track.Curve
				if verb == "curve" && *set != "" && *set != "year" {
					c, err := track.ParseCurve(*set)
					if err != nil {
						return usageError(cfg, "project", "--set: "+err.Error())
					}
					curve = c
				}
				st, app, err := open(cfg)
				if err != nil {
					return fail(cfg, err)
				}
				defer st.Close()
				ctx := cfg.Ctx
				switch verb {
				case "rename", "delete":
					return projectEdit(cfg, st, verb, rest, *reason)
				case "report":
					return projectReport(cfg, st, rest[0], store.ProjectReport{Month: *month, Phase: *phase,
						Problems: *problems, Help: *help, Author: cliActor(), Source: "cli"}, *done, *toDate)
				case "curve":
					p, err := st.Plan(ctx, rest[0])
					if err != nil {
						return fail(cfg, fmt.Errorf("plan %s: %w", rest[0], err))
					}
					if *set != "" {
						if err := st.SetInvestCurve(ctx, p.ID, curve.String()); err != nil {
							return fail(cfg, err)
						}
					}
					c, err := st.InvestCurve(ctx, p.ID)
					if err != nil {
						return fail(cfg, err)
					}
					if c == "" {
						c = "12-month year (month ÷ 12)"
					}
					fmt.Fprintf(cfg.Stdout, "%s 序时进度: %s\n", p.Title, c)
					return exitOK
				}
				p, err := st.Plan(ctx, rest[0])
				if err != nil {
					return fail(cfg, fmt.Errorf("plan %s: %w", rest[0], err))
				}
				projects, reps, curve, err := loadProjects(cfg, st, p.ID)
				if err != nil {
					return fail(cfg, err)
				}
				items, err := st.Items(ctx, p.ID, store.ItemFilter{})
				if err != nil {
					return fail(cfg, err)
				}
				switch verb {
				case "list":
					m := *month
					if m == "" {
						m = track.ProjectMonth(p, reps, time.Now())
					}
					states := track.ProjectFilter{Unit: *unit, Region: *region, Phase: *phase, Late: *late}.
						Filter(track.ProjectStates(projects, reps, m, curve))
					printProjects(cfg, m, states)
				case "export":
					m := *month
					if m == "" {
						m = track.ProjectMonth(p, reps, time.Now())
					}
					var buf bytes.Buffer
					if err := track.WriteProjectSheet(&buf, sheetFormat(rest[1]), p, items, track.ProjectStates(projects, reps, m, curve), m); err != nil {
						return fail(cfg, fmt.Errorf("%s: %w", rest[1], err))
					}
					if err := os.WriteFile(rest[1], buf.Bytes(), 0o644); err != nil {
						return fail(cfg, fmt.Errorf("%s: %w", rest[1], err))
					}
					fmt.Fprintf(cfg.Stdout, "%s: %d projects as of %s\n", rest[1], len(projects), m)
				case "import":
					f, err := os.Open(rest[1])
					if err != nil {
						return fail(cfg, fmt.Errorf("%s: %w", rest[1], err))
					}
					defer f.Close()
					sh, rowErrs, err := track.ReadProjectSheet(ctx, f, sheetFormat(rest[1]), track.ProjectSheetOptions{Limits: app.Sheets, Month: *month})
					if err != nil {
						return fail(cfg, fmt.Errorf("%s: %w", rest[1], err))
					}
					if err := track.CheckReportMonth(sh.Month, time.Now()); err != nil {
						return fail(cfg, fmt.Errorf("%s: %w", rest[1], err))
					}
					if len(rowErrs) > 0 {
						return rowFailures(cfg, rest[1], rowErrs)
					}
					save, newReps, rowErrs := track.ApplyProjectSheet(sh, items, projects, reps, cliActor(), "import:"+filepath.Base(rest[1]))
					if len(rowErrs) > 0 {
						return rowFailures(cfg, rest[1], rowErrs)
					}
					names := make([]string, len(save))
					for i, pr := range save {
						names[i] = pr.Name
					}
					e, err := auth.EntryAs(ctx, "", cliActor(), "project.save", "plan", p.ID, nil,
						map[string]any{"file": filepath.Base(rest[1]), "projects": names})
					if err != nil {
						return fail(cfg, err)
					}
					if err := st.SaveProjectsAudited(ctx, p.ID, save, e); err != nil {
						return fail(cfg, fmt.Errorf("%s: %w", rest[1], err))
					}
					track.BindReports(newReps, save)
					if len(newReps) > 0 {
						e, err := auth.EntryAs(ctx, "", cliActor(), "project.report", "plan", p.ID, nil,
							map[string]any{"file": filepath.Base(rest[1]), "month": sh.Month, "reports": newReps})
						if err != nil {
							return fail(cfg, err)
						}
						if err := st.AddProjectReportsAudited(ctx, newReps, e); err != nil {
							return fail(cfg, fmt.Errorf("%s: projects saved, reports not: %w", rest[1], err))
						}
					}
					fmt.Fprintf(cfg.Stdout, "%s: %d projects, %d reports for %s recorded\n", rest[1], len(save), len(newReps), sh.Month)
				}
				return exitOK
			}
		},
	}
}

// projectEdit renames or deletes a project, audited as the command line.
func projectEdit(cfg *Config, st *store.Store, verb string, args []string, reason string) int {
	ctx := cfg.Ctx
	p, err := st.Project(ctx, args[0])
	if err != nil {
		return fail(cfg, fmt.Errorf("project %s: %w", args[0], err))
	}
	actor, err := auth.EntryAs(ctx, "", cliActor(), "project", "project", p.ID, nil, nil)
	if err != nil {
		return fail(cfg, err)
	}
	if verb == "rename" {
		if err := st.RenameProject(ctx, p.ID, args[1], reason, actor); err != nil {
			return fail(cfg, err)
		}
		fmt.Fprintf(cfg.Stdout, "project %s: %s → %s\n", p.ID, p.Name, strings.TrimSpace(args[1]))
		return exitOK
	}
	if err := st.DeleteProject(ctx, p.ID, reason, actor); err != nil {
		return fail(cfg, err)
	}
	fmt.Fprintf(cfg.Stdout, "project %s %s deleted (总投资 %s)\n", p.ID, p.Name, track.FormatWan(p.Total))
	return exitOK
}

// loadProjects reads a plan's projects, their reports and its curve.
func loadProjects(cfg *Config, st *store.Store, planID string) ([]store.Project, []store.ProjectReport, track.Curve, error) {
	projects, err := st.Projects(cfg.Ctx, planID)
	if err != nil {
		return nil, nil, track.Curve{}, err
	}
	reps, err := st.ProjectReports(cfg.Ctx, planID)
	if err != nil {
		return nil, nil, track.Curve{}, err
	}
	c, err := st.InvestCurve(cfg.Ctx, planID)
	if err != nil {
		return nil, nil, track.Curve{}, err
	}
	curve, err := track.ParseCurve(c)
	if err != nil {
		return nil, nil, track.Curve{}, fmt.Errorf("plan %s: %w", planID, err)
	}
	return projects, reps, curve, nil
}

// projectReport records one monthly report given on the command line.
func projectReport(cfg *Config, st *store.Store, ref string, r store.ProjectReport, done, toDate string) int {
	ctx := cfg.Ctx
	p, err := st.Project(ctx, ref)
	if err != nil {
		return fail(cfg, fmt.Errorf("project %s: %w", ref, err))
	}
	if err := track.CheckReportMonth(r.Month, time.Now()); err != nil {
		return fail(cfg, fmt.Errorf("project %s: %w", p.ID, err))
	}
	r.ProjectID = p.ID
	if done != "" {
		if r.MonthDone, err = track.ParseWan(done); err != nil {
			return fail(cfg, fmt.Errorf("project %s: --done: %w", p.ID, err))
		}
	}
	if toDate != "" {
		if r.YearDone, err = track.ParseWan(toDate); err != nil {
			return fail(cfg, fmt.Errorf("project %s: --to-date: %w", p.ID, err))
		}
	}
	reps, err := st.ProjectReports(ctx, p.PlanID)
	if err != nil {
		return fail(cfg, err)
	}
	if err := track.FillReport(&r, reps, done != "", toDate != ""); err != nil {
		return fail(cfg, fmt.Errorf("project %s: %w", p.ID, err))
	}
	r.ID, r.RecordedAt = store.NewID(), time.Now()
	e, err := auth.EntryAs(ctx, "", cliActor(), "project.report", "project", p.ID, map[string]any{"phase": p.Phase}, r)
	if err != nil {
		return fail(cfg, err)
	}
	if err := st.AddProjectReportsAudited(ctx, []store.ProjectReport{r}, e); err != nil {
		return fail(cfg, fmt.Errorf("project %s: %w", p.ID, err))
	}
	fmt.Fprintf(cfg.Stdout, "%s %s：本月完成 %s，1-%d月完成 %s\n", p.Name, r.Month, track.FormatWan(r.MonthDone),
		monthNumber(r.Month), track.FormatWan(r.YearDone))
	return exitOK
}

func monthNumber(m string) int {
	t, err := time.Parse("2006-01", m)
	if err != nil {
		return 0
	}
	return int(t.Month())
}

// printProjects writes one line per project and a 合计 line.
func printProjects(cfg *Config, month string, states []track.ProjectState) {
	w := cfg.Stdout
	n := monthNumber(month)
	for _, s := range states {
		p := s.Project
		var b strings.Builder
		fmt.Fprintf(&b, "%s  %s  %s  总投资 %s  %s年计划 %s  1-%d月完成 %s", p.ID, p.Name, p.Phase, track.FormatWan(p.Total),
			month[:4], track.FormatWan(s.Planned), n, track.FormatWan(s.YearDone))
		if !math.IsNaN(s.Rate) {
			fmt.Fprintf(&b, "  完成率 %s  序时 %s", amount.Format(s.Rate, "%"), amount.Format(s.Due, "%"))
		}
		if p.Lead != "" {
			fmt.Fprintf(&b, "  %s", p.Lead)
		}
		if s.Lagging {
			b.WriteString("  ✗ 滞后序时进度")
		}
		if s.NotStarted {
			b.WriteString("  ✗ 未按期开工")
		}
		for _, m := range s.Overdue {
			if m.Phase != store.PhaseStart {
				fmt.Fprintf(&b, "  ✗ %s逾期（计划%s）", m.Phase, m.Planned)
			}
		}
		fmt.Fprintln(w, b.String())
	}
	t := track.Totals(states, func(store.Project) string { return "" })
	if len(t) == 1 {
		fmt.Fprintf(w, "合计 %d个项目  总投资 %s  %s年计划 %s  1-%d月完成 %s", t[0].Count, track.FormatWan(t[0].Total),
			month[:4], track.FormatWan(t[0].Planned), n, track.FormatWan(t[0].YearDone))
		if r := t[0].Rate(); !math.IsNaN(r) {
			fmt.Fprintf(w, "  完成率 %s", amount.Format(r, "%"))
		}
		fmt.Fprintf(w, "  滞后 %d个\n", t[0].Late)
	} else {
		fmt.Fprintln(w, "没有项目")
	}
}
