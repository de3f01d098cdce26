package track

import (
	"strconv"
	"strings"

	"planwatch/internal/store"
)

// ApplyProjectSheet turns a table read into what to save: the projects,
// those the plan has (matched by name) taking only the columns the row
// fills in, new ones added; and a report for the sheet's month of each
// row that gives an amount completed, unless it repeats the report that
// holds for that month (a sheet imported twice, or as exported). A row's
// report gives the year's figure, the month's, or both (FillReport).
func ApplyProjectSheet(sh ProjectSheet, items []store.Item, existing []store.Project, reps []store.ProjectReport, author, source string) ([]store.Project, []store.ProjectReport, []RowError) {
	task := taskFinder(items)
	byName := map[string]store.Project{}
	for _, p := range existing {
		byName[foldTitle(p.Name)] = p
	}
	latest := LatestReports(reps)
	year, _ := strconv.Atoi(sh.Month[:4])
	var save []store.Project
	var out []store.ProjectReport
	var errs []RowError
	for _, row := range sh.Rows {
		in := row.Project
		p, known := byName[in.Name]
		if !known {
			p = store.Project{Name: in.Name}
		}
		has := row.Has
		if has[PColContent] {
			p.Content = in.Content
		}
		if has[PColTask] {
			id, ok := task(row.Task)
			if !ok {
				errs = append(errs, RowError{Row: row.Row, Column: row.TaskCol, Value: shown(row.Task), Reason: "本计划没有这个任务（填任务序号或名称），或序号对应多项任务"})
				continue
			}
			p.ItemID = id
		}
		if has[PColLead] {
			p.Lead = in.Lead
		}
		if has[PColSupport] {
			p.Support = in.Support
		}
		if has[PColRegion] {
			p.RegionCode = in.RegionCode
		}
		if has[PColYears] {
			p.StartYear, p.EndYear = in.StartYear, in.EndYear
		}
		if has[PColTotal] {
			p.Total = in.Total
		}
		advanced := has[PColPhase] && (!known || store.PhaseRank(in.Phase) > store.PhaseRank(p.Phase))
		if advanced {
			p.Phase = in.Phase
		}
		if has[PColPlanned] {
			years := []store.ProjectYear{}
			for _, y := range p.Years {
				if y.Year != year {
					years = append(years, y)
				}
			}
			p.Years = append(years, in.Years...)
		}
		for _, m := range in.Milestones {
			kept := false
			for i := range p.Milestones {
				if p.Milestones[i].Phase == m.Phase {
					p.Milestones[i].Planned, kept = m.Planned, true
				}
			}
			if !kept {
				p.Milestones = append(p.Milestones, m)
			}
		}
		save = append(save, p)
		if !has[PColYearDone] && !has[PColMonthDone] {
			continue
		}
		r := store.ProjectReport{ProjectID: p.ID, Month: sh.Month, YearDone: row.YearDone, MonthDone: row.MonthDone,
			Problems: row.Problems, Help: row.Help, Author: author, Source: source}
		if advanced {
			// A phase as the project already stood is no news.
			r.Phase = in.Phase
		}
		if known {
			if err := FillReport(&r, reps, has[PColMonthDone], has[PColYearDone]); err != nil {
				errs = append(errs, RowError{Row: row.Row, Reason: "1月以来累计完成投资小于此前所报"})
				continue
			}
			if prev, ok := latest[p.ID][sh.Month]; ok && prev.YearDone == r.YearDone && prev.MonthDone == r.MonthDone &&
				prev.Problems == r.Problems && prev.Help == r.Help && (r.Phase == "" || prev.Phase == r.Phase) {
				continue
			}
		} else if !has[PColYearDone] {
			r.YearDone = r.MonthDone
		} else if !has[PColMonthDone] && sh.Month[5:] == "01" {
			r.MonthDone = r.YearDone
		}
		// A new project's ID is made when it is saved: the report names
		// it by its place in save until then.
		r.ProjectID = "#" + strconv.Itoa(len(save)-1)
		if known {
			r.ProjectID = p.ID
		}
		out = append(out, r)
	}
	return save, out, errs
}

// taskFinder resolves a 所属任务 cell: a task's title, or its number when
// only one task has it.
func taskFinder(items []store.Item) func(string) (string, bool) {
	byTitle := map[string]string{}
	byNumber := map[string][]string{}
	for _, it := range items {
		if it.Kind == store.KindGroup {
			continue
		}
		byTitle[foldTitle(it.Title)] = it.ID
		if n := normNumberPath(it.Number); n != "" {
			byNumber[n] = append(byNumber[n], it.ID)
		}
	}
	return func(s string) (string, bool) {
		if id, ok := byTitle[foldTitle(s)]; ok {
			return id, true
		}
		if ids := byNumber[normNumberPath(s)]; len(ids) == 1 {
			return ids[0], true
		}
		return "", false
	}
}

// BindReports points the reports ApplyProjectSheet made for new projects
// (#N) at the IDs they were saved with.
func BindReports(reps []store.ProjectReport, saved []store.Project) {
	for i := range reps {
		if n, ok := strings.CutPrefix(reps[i].ProjectID, "#"); ok {
			if k, err := strconv.Atoi(n); err == nil && k < len(saved) {
				reps[i].ProjectID = saved[k].ID
			}
		}
	}
}
