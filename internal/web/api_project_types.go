package web

import (
	"time"

	"planwatch/internal/store"
	"planwatch/internal/track"
)

// Amounts in the project API are numbers in 万元 (exact to the yuan,
// four decimals at most), each with its text as offices print it
// (3500万元, 1.2亿元).

type apiMilestone struct {
	Phase   string `json:"phase"`             // 前期 开工 建设 竣工 投运
	Planned string `json:"planned,omitempty"` // YYYY-MM-DD
	Actual  string `json:"actual,omitempty"`
}

type apiProject struct {
	ID         string         `json:"id"`
	Name       string         `json:"name"`
	TaskID     string         `json:"task_id,omitempty"`
	Content    string         `json:"content,omitempty"`
	RegionCode string         `json:"region_code,omitempty"`
	Lead       string         `json:"lead,omitempty"`
	Support    []string       `json:"support"`
	StartYear  int            `json:"start_year,omitempty"`
	EndYear    int            `json:"end_year,omitempty"`
	Phase      string         `json:"phase"`
	Total      float64        `json:"total_wan"`
	TotalText  string         `json:"total_text"`
	Planned    float64        `json:"planned_wan"` // the year's planned investment
	YearDone   float64        `json:"year_done_wan"`
	YearText   string         `json:"year_done_text"`
	MonthDone  float64        `json:"month_done_wan"`
	Reported   bool           `json:"reported"`       // a report on the month itself is in
	Rate       *float64       `json:"rate,omitempty"` // 完成率 in percent; absent with nothing planned
	Due        float64        `json:"due"`            // 序时进度 in percent
	Lagging    bool           `json:"lagging"`        // below 序时进度
	NotStarted bool           `json:"not_started"`    // 开工 day past and not started
	Overdue    []apiMilestone `json:"overdue"`        // milestones past and not reached
	DueSoon    []apiMilestone `json:"due_soon"`       // milestones due in the month after
	Milestones []apiMilestone `json:"milestones"`     // all of them
	Problems   string         `json:"problems,omitempty"`
	Help       string         `json:"help_needed,omitempty"`
}

type apiProjectTotal struct {
	Key      string   `json:"key"` // task ID, unit or region code; "" for none
	Name     string   `json:"name,omitempty"`
	Count    int      `json:"count"`
	Total    float64  `json:"total_wan"`
	Planned  float64  `json:"planned_wan"`
	YearDone float64  `json:"year_done_wan"`
	Rate     *float64 `json:"rate,omitempty"`
	Late     int      `json:"late"`
}

type apiProjectList struct {
	PlanID   string            `json:"plan_id"`
	Month    string            `json:"month"` // YYYY-MM the figures are as of
	Due      float64           `json:"due"`   // 序时进度 of the month, percent
	Curve    string            `json:"curve,omitempty"`
	Projects []apiProject      `json:"projects"`
	ByTask   []apiProjectTotal `json:"by_task"`
	ByUnit   []apiProjectTotal `json:"by_unit"`
	ByRegion []apiProjectTotal `json:"by_region"`
}

// apiProjectReportRequest is the body of POST /api/v1/projects/{id}/reports.
type apiProjectReportRequest struct {
	Month    string     `json:"month"`             // YYYY-MM, not after this month
	Done     *apiFigure `json:"done,omitempty"`    // this month's investment completed, 万元 unless it says 亿 (1200, "1.2亿")
	ToDate   *apiFigure `json:"to_date,omitempty"` // from January to the month (1-N月); give this, done, or both
	Phase    string     `json:"phase,omitempty"`   // the phase reached: 前期 开工 建设 竣工 投运 (在建, 完工 … read too)
	Problems string     `json:"problems,omitempty"`
	Help     string     `json:"help_needed,omitempty"`
}

type apiProjectReport struct {
	ID         string  `json:"id"`
	ProjectID  string  `json:"project_id"`
	Month      string  `json:"month"`
	MonthDone  float64 `json:"month_done_wan"`
	YearDone   float64 `json:"year_done_wan"`
	Phase      string  `json:"phase,omitempty"`
	Problems   string  `json:"problems,omitempty"`
	Help       string  `json:"help_needed,omitempty"`
	Author     string  `json:"author"`
	Source     string  `json:"source"`
	RecordedAt string  `json:"recorded_at"`
}

type apiProjectSheetImport struct {
	File     string        `json:"file"`
	PlanID   string        `json:"plan_id"`
	Month    string        `json:"month"`
	Projects int           `json:"projects"` // added or updated
	Reports  int           `json:"reports"`  // recorded for the month
	Refused  []apiRowError `json:"refused"`
}

func toAPIMilestones(ms []store.Milestone) []apiMilestone {
	out := []apiMilestone{}
	for _, m := range ms {
		out = append(out, apiMilestone{Phase: m.Phase, Planned: m.Planned, Actual: m.Actual})
	}
	return out
}

func toAPIProject(st track.ProjectState) apiProject {
	p := st.Project
	return apiProject{ID: p.ID, Name: p.Name, TaskID: p.ItemID, Content: p.Content, RegionCode: p.RegionCode,
		Lead: p.Lead, Support: nonNil(p.Support), StartYear: p.StartYear, EndYear: p.EndYear, Phase: p.Phase,
		Total: wanNumber(p.Total), TotalText: track.FormatWan(p.Total), Planned: wanNumber(st.Planned),
		YearDone: wanNumber(st.YearDone), YearText: track.FormatWan(st.YearDone), MonthDone: wanNumber(st.MonthDone),
		Reported: st.Reported, Rate: rateOrNil(st.Rate), Due: st.Due, Lagging: st.Lagging, NotStarted: st.NotStarted,
		Overdue: toAPIMilestones(st.Overdue), DueSoon: toAPIMilestones(st.DueSoon), Milestones: toAPIMilestones(p.Milestones), Problems: st.Problems, Help: st.Help}
}

func toAPIProjectTotals(ts []track.ProjectTotal, name func(string) string) []apiProjectTotal {
	out := []apiProjectTotal{}
	for _, t := range ts {
		out = append(out, apiProjectTotal{Key: t.Key, Name: name(t.Key), Count: t.Count, Total: wanNumber(t.Total),
			Planned: wanNumber(t.Planned), YearDone: wanNumber(t.YearDone), Rate: rateOrNil(t.Rate()), Late: t.Late})
	}
	return out
}

func toAPIProjectReport(r store.ProjectReport) apiProjectReport {
	return apiProjectReport{ID: r.ID, ProjectID: r.ProjectID, Month: r.Month, MonthDone: wanNumber(r.MonthDone),
		YearDone: wanNumber(r.YearDone), Phase: r.Phase, Problems: r.Problems, Help: r.Help, Author: r.Author,
		Source: r.Source, RecordedAt: r.RecordedAt.UTC().Format(time.RFC3339)}
}
