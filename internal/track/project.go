package track

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"planwatch/internal/amount"
	"planwatch/internal/store"
)

// Projects (项目化推进): amounts in 万元, phases, and where each project
// stands against 序时进度 as of a month.

// maxWan bounds an amount: ten million 亿元 is more than any project, and
// keeps amounts × WanScale far inside int64.
const maxWan = 1e11

// ParseWan reads an amount as offices write it, in 万元 unless it says
// otherwise: 1200 (万元), 1,200.5, 1.2亿, 3500万元, 12亿元. Negative
// amounts and absurd ones are refused. The result is in 万元/WanScale,
// rounded to the yuan.
func ParseWan(s string) (int64, error) {
	v, err := amount.ParseIn(s, "万元")
	if err != nil {
		return 0, fmt.Errorf("amount %q: %w", strings.TrimSpace(s), err)
	}
	return checkWan(s, v)
}

// parseWanIn reads an amount in a column headed with unit (万元, 亿元, 元).
func parseWanIn(s, unit string) (int64, error) {
	v, err := amount.ParseIn(s, unit)
	if err != nil {
		return 0, fmt.Errorf("amount %q: %w", strings.TrimSpace(s), err)
	}
	_, mult := amount.Split(unit)
	return checkWan(s, v*mult/1e4)
}

func checkWan(s string, v float64) (int64, error) {
	if math.IsNaN(v) || v < 0 || v > maxWan {
		return 0, fmt.Errorf("amount %q: want from 0 to %s", strings.TrimSpace(s), amount.Format(maxWan, "万元"))
	}
	return int64(math.Round(v * store.WanScale)), nil
}

// FormatWan writes a stored amount as offices print it: 3500万元, 1.2亿元,
// and below one 万元 still in 万元 (0.5万元), as project tables do.
func FormatWan(v int64) string {
	if v < store.WanScale && v > -store.WanScale {
		return amount.Plain(Wan(v)) + "万元"
	}
	return amount.Format(Wan(v), "万元")
}

// Wan is a stored amount in 万元.
func Wan(v int64) float64 { return float64(v) / store.WanScale }

// phaseWords are the ways sheets write a phase (形象进度), folded.
var phaseWords = map[string]string{
	"前期": store.PhasePrep, "前期工作": store.PhasePrep, "前期阶段": store.PhasePrep, "未开工": store.PhasePrep, "谋划": store.PhasePrep,
	"开工": store.PhaseStart, "新开工": store.PhaseStart, "已开工": store.PhaseStart,
	"建设": store.PhaseBuild, "在建": store.PhaseBuild, "续建": store.PhaseBuild, "建设中": store.PhaseBuild, "施工": store.PhaseBuild, "主体施工": store.PhaseBuild,
	"竣工": store.PhaseDone, "完工": store.PhaseDone, "已竣工": store.PhaseDone, "建成": store.PhaseDone,
	"投运": store.PhaseOperation, "投产": store.PhaseOperation, "运营": store.PhaseOperation, "投入使用": store.PhaseOperation, "建成投运": store.PhaseOperation,
}

// ParsePhase reads a phase as written (前期, 新开工, 在建, 完工, 投产 …);
// a longer 形象进度 that opens with one of those words ("主体施工，完成桩基60%")
// is that phase too. ok false when none is recognised.
func ParsePhase(s string) (string, bool) {
	t := strings.TrimSpace(s)
	if p, ok := phaseWords[t]; ok {
		return p, true
	}
	best, n := "", 0
	for w, p := range phaseWords {
		if strings.HasPrefix(t, w) && len(w) > n {
			best, n = p, len(w)
		}
	}
	return best, n > 0
}

// Curve is a plan's own 序时进度 for investment: the share of the year's
// planned investment due by the end of each month, in percent, rising to
// 100 in December. The zero Curve is the 12-month year (month ÷ 12).
type Curve [12]float64

// ParseCurve reads twelve cumulative percentages separated by commas
// (5,10,20,…,100); "" is the 12-month year.
func ParseCurve(s string) (Curve, error) {
	var c Curve
	if strings.TrimSpace(s) == "" {
		return c, nil
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' || r == '、' || r == ' ' })
	if len(parts) != 12 {
		return c, fmt.Errorf("investment curve %q: want 12 cumulative percentages, got %d", s, len(parts))
	}
	for i, p := range parts {
		v, err := strconv.ParseFloat(strings.TrimSuffix(p, "%"), 64)
		if err != nil || v < 0 || v > 100 || i > 0 && v < c[i-1] {
			return Curve{}, fmt.Errorf("investment curve %q: month %d: want a percentage from 0 to 100, not below the month before", s, i+1)
		}
		c[i] = v
	}
	if c[11] != 100 {
		return Curve{}, fmt.Errorf("investment curve %q: December must reach 100", s)
	}
	return c, nil
}

// String writes c as ParseCurve reads it; "" for the 12-month year.
func (c Curve) String() string {
	if c == (Curve{}) {
		return ""
	}
	parts := make([]string, 12)
	for i, v := range c {
		parts[i] = amount.Plain(v)
	}
	return strings.Join(parts, ",")
}

// Due is the share of the year's investment due by the end of month
// (1–12), in percent.
func (c Curve) Due(month int) float64 {
	month = max(1, min(12, month))
	if c == (Curve{}) {
		return 100 * float64(month) / 12
	}
	return c[month-1]
}

// ProjectState is where a project stands as of a month of a year.
type ProjectState struct {
	Project store.Project
	Month   string // YYYY-MM, the month it is judged as of
	Planned int64  // the year's planned investment
	// YearDone is the investment completed from January to Month, by the
	// latest report of the year up to it; MonthDone what that report
	// gave for its own month (0 when Month went unreported).
	YearDone  int64
	MonthDone int64
	Reported  bool // a report on Month itself is in
	// Since is the month of the report YearDone comes from, "" when the
	// year has none up to Month.
	Since string
	// Rate is YearDone ÷ Planned in percent (完成率), NaN with no plan.
	Rate float64
	Due  float64 // 序时进度 in percent
	// Lagging: the rate is below 序时进度.
	Lagging bool
	// NotStarted: the project has not reached 开工 and its planned 开工
	// day is past.
	NotStarted bool
	// Overdue are the milestones planned on or before the month's end and
	// not reached.
	Overdue []store.Milestone
	// DueSoon are the milestones planned in the month after Month and
	// not reached: what the next report should show done.
	DueSoon  []store.Milestone
	Problems string // of the latest report
	Help     string
}

// Late reports whether anything in the state calls for attention.
func (s ProjectState) Late() bool { return s.Lagging || s.NotStarted || len(s.Overdue) > 0 }

// ErrMonth is wrapped by errors about a month that is not YYYY-MM.
var ErrMonth = errors.New("want a month as YYYY-MM")

// ParseMonth reads a month as YYYY-MM (also 2026-3, 2026年3月, 2026/03).
func ParseMonth(s string) (string, error) {
	t := strings.NewReplacer("年", "-", "月", "", "/", "-", ".", "-").Replace(strings.TrimSpace(s))
	y, m, ok := strings.Cut(t, "-")
	yy, err1 := strconv.Atoi(y)
	mm, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || yy < 1949 || yy > 2100 || mm < 1 || mm > 12 {
		return "", fmt.Errorf("month %q: %w", s, ErrMonth)
	}
	return fmt.Sprintf("%04d-%02d", yy, mm), nil
}

// LatestReports keeps the report that holds for each project and month:
// the last recorded.
func LatestReports(reps []store.ProjectReport) map[string]map[string]store.ProjectReport {
	out := map[string]map[string]store.ProjectReport{}
	for _, r := range reps {
		m := out[r.ProjectID]
		if m == nil {
			m = map[string]store.ProjectReport{}
			out[r.ProjectID] = m
		}
		if prev, ok := m[r.Month]; !ok || !r.RecordedAt.Before(prev.RecordedAt) {
			m[r.Month] = r
		}
	}
	return out
}

// ProjectStates judges each project as of month (YYYY-MM) against curve.
func ProjectStates(projects []store.Project, reps []store.ProjectReport, month string, curve Curve) []ProjectState {
	latest := LatestReports(reps)
	year, _ := strconv.Atoi(month[:4])
	mon, _ := strconv.Atoi(month[5:])
	end, _ := time.Parse("2006-01", month)
	endDay := end.AddDate(0, 1, -1).Format(time.DateOnly)
	nextEnd := end.AddDate(0, 2, -1).Format(time.DateOnly)
	out := make([]ProjectState, 0, len(projects))
	for _, p := range projects {
		st := ProjectState{Project: p, Month: month, Planned: p.Planned(year), Due: curve.Due(mon), Rate: math.NaN()}
		// The latest report of the year up to month carries the year's
		// figure; a month left unreported adds nothing.
		best := ""
		for m := range latest[p.ID] {
			if m[:4] == month[:4] && m <= month && m > best {
				best = m
			}
		}
		if best != "" {
			r := latest[p.ID][best]
			st.YearDone, st.Problems, st.Help, st.Since = r.YearDone, r.Problems, r.Help, best
			if best == month {
				st.MonthDone, st.Reported = r.MonthDone, true
			}
		}
		if st.Planned > 0 {
			st.Rate = 100 * float64(st.YearDone) / float64(st.Planned)
			st.Lagging = st.Rate < st.Due
		}
		rank := store.PhaseRank(p.Phase)
		for _, m := range p.Milestones {
			if m.Planned > endDay && m.Planned <= nextEnd && m.Actual == "" && rank < store.PhaseRank(m.Phase) {
				st.DueSoon = append(st.DueSoon, m)
			}
			if m.Planned != "" && m.Planned <= endDay && m.Actual == "" && rank < store.PhaseRank(m.Phase) {
				st.Overdue = append(st.Overdue, m)
				if m.Phase == store.PhaseStart {
					st.NotStarted = true
				}
			}
		}
		out = append(out, st)
	}
	return out
}

// FillReport completes a report given by its month's amount or by the
// year's (1-N月) from the project's earlier reports of the same year:
// year = the year before + month, or month = year − the year before.
// hasMonth and hasYear say which the user gave; with neither the report
// is refused. A year's figure below the one before is refused when the
// month's is derived from it.
func FillReport(r *store.ProjectReport, earlier []store.ProjectReport, hasMonth, hasYear bool) error {
	if !hasMonth && !hasYear {
		return errors.New("give the investment completed this month or from January (1-N月)")
	}
	if hasMonth && hasYear {
		return nil
	}
	var before int64
	bestMonth := ""
	for m, e := range LatestReports(earlier)[r.ProjectID] {
		if m[:4] == r.Month[:4] && m < r.Month && m > bestMonth {
			bestMonth, before = m, e.YearDone
		}
	}
	if hasMonth {
		r.YearDone = before + r.MonthDone
		return nil
	}
	if r.YearDone < before {
		return fmt.Errorf("investment from January %s is below the %s reported by %s", FormatWan(r.YearDone), FormatWan(before), bestMonth)
	}
	r.MonthDone = r.YearDone - before
	return nil
}

// ProjectTotal sums the projects of one task, unit or region.
type ProjectTotal struct {
	Key      string // the task's ID, the unit's or the region's code; "" for none
	Count    int
	Total    int64 // 总投资
	Planned  int64 // the year's planned investment
	YearDone int64
	Lagging  int // projects below 序时进度
	Late     int // projects lagging, not started or past a milestone
}

// Rate is the total's 完成率 in percent, NaN with nothing planned.
func (t ProjectTotal) Rate() float64 {
	if t.Planned == 0 {
		return math.NaN()
	}
	return 100 * float64(t.YearDone) / float64(t.Planned)
}

// Totals sums states by the key each gives (the task, the lead unit, the
// region), in the order of the keys' first projects.
func Totals(states []ProjectState, key func(store.Project) string) []ProjectTotal {
	at := map[string]int{}
	var out []ProjectTotal
	for _, s := range states {
		k := key(s.Project)
		i, ok := at[k]
		if !ok {
			i = len(out)
			at[k] = i
			out = append(out, ProjectTotal{Key: k})
		}
		t := &out[i]
		t.Count++
		t.Total += s.Project.Total
		t.Planned += s.Planned
		t.YearDone += s.YearDone
		if s.Lagging {
			t.Lagging++
		}
		if s.Late() {
			t.Late++
		}
	}
	return out
}

// ByTask, ByUnit and ByRegion are the keys Totals sums by.
func ByTask(p store.Project) string   { return p.ItemID }
func ByUnit(p store.Project) string   { return p.Lead }
func ByRegion(p store.Project) string { return p.RegionCode }

// ProjectFilter picks projects from a list.
type ProjectFilter struct {
	Unit   string // lead or supporting unit
	Region string // region code, a prefix of one (3306 for 绍兴市 and its counties), or a name only one division has
	Phase  string
	Late   bool // only those lagging, not started or past a milestone
}

// Filter returns the states f picks, in order.
func (f ProjectFilter) Filter(states []ProjectState) []ProjectState {
	if f.Region != "" && strings.Trim(f.Region, "0123456789") != "" {
		// A name: its code, or one no project has when it is not known.
		code, ok := regionCode(f.Region)
		if !ok {
			code = "-"
		}
		f.Region = code
	}
	var out []ProjectState
	for _, s := range states {
		p := s.Project
		if f.Unit != "" && p.Lead != f.Unit && !contains(p.Support, f.Unit) ||
			f.Region != "" && !strings.HasPrefix(p.RegionCode, strings.TrimRight(f.Region, "0")) ||
			f.Phase != "" && p.Phase != f.Phase || f.Late && !s.Late() {
			continue
		}
		out = append(out, s)
	}
	return out
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// MonthSeries is the planned and completed investment of a project by
// month of a year, cumulative from January in 万元, for the project
// page's chart: planned follows the curve; completed the reports, nil
// before the first month reported and after the last, a month left
// unreported between them repeating the month before.
func MonthSeries(p store.Project, reps []store.ProjectReport, year int, curve Curve) (planned []float64, done []*float64) {
	latest := LatestReports(reps)[p.ID]
	first, last := 13, 0
	for m := range latest {
		if mm, err := strconv.Atoi(m[5:]); err == nil && m[:4] == strconv.Itoa(year) {
			first, last = min(first, mm), max(last, mm)
		}
	}
	var cur int64
	for mon := 1; mon <= 12; mon++ {
		planned = append(planned, Wan(p.Planned(year))*curve.Due(mon)/100)
		if r, ok := latest[fmt.Sprintf("%04d-%02d", year, mon)]; ok {
			cur = r.YearDone
		}
		if mon < first || mon > last {
			done = append(done, nil)
			continue
		}
		v := Wan(cur)
		done = append(done, &v)
	}
	return planned, done
}

// SortLagging orders states by how far they are behind 序时进度, the
// furthest first; projects without a plan for the year last.
func SortLagging(states []ProjectState) {
	gap := func(s ProjectState) float64 {
		if math.IsNaN(s.Rate) {
			return math.Inf(-1)
		}
		return s.Due - s.Rate
	}
	sort.SliceStable(states, func(i, j int) bool { return gap(states[i]) > gap(states[j]) })
}

// ProjectMonth is the month a plan's projects are judged as of when
// none is asked for: the last month whose reports are due by the plan's
// rhythm, or a later month already reported on (not after now's month),
// so that the newest figures show as soon as they are in. Every door
// (list, alerts, report) judges by it, so their figures agree.
func ProjectMonth(plan store.Plan, reps []store.ProjectReport, now time.Time) string {
	best := PlanRhythm(plan).PeriodDue(now).End.Format("2006-01")
	cur := now.Format("2006-01")
	for _, r := range reps {
		if r.Month > best && r.Month <= cur {
			best = r.Month
		}
	}
	return best
}

// CheckReportMonth refuses a report on a month that has not begun.
func CheckReportMonth(month string, now time.Time) error {
	if month > now.Format("2006-01") {
		return fmt.Errorf("month %s has not begun", month)
	}
	return nil
}
