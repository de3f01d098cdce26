package report

import "time"

// Report is everything an evaluation report shows, computed once from the
// store as of a date and then rendered in any format. Renderers only lay
// it out; they compute nothing.
type Report struct {
	PlanID      string
	Title       string // 《plan title》实施情况评估报告
	PlanTitle   string
	Region      string
	Level       string
	Period      string // 2021–2025
	AsOf        time.Time
	Previous    time.Time // the date "changes since the last report" starts from (zero: none)
	GeneratedBy string    // planwatch version

	Summary     Summary
	Themes      []Group   // tasks by theme (the plan's groups), in plan order
	Units       []Group   // tasks by lead unit, by unit name
	Lagging     []TaskRow // behind or overdue, with their latest notes
	Changes     []Change  // what changed since Previous
	Indicators  []IndicatorRow
	Comparisons []Comparison // one per indicator compared across regions, when asked
	Projects    *Projects    // 重大项目, when the plan has projects (build_projects.go)
	Sources     []Source     // every figure's origin, referenced by Ref from rows
}

// Summary is the one-page summary.
type Summary struct {
	Tasks      int
	ByStatus   []StatusCount // in vocabulary order, zero counts included
	OnSchedule float64       // share of tasks done or in progress (not behind, overdue, extended, paused or cancelled), percent
	Overdue    int
	Indicators int
	OnTrack    int
	OffTrack   int
	Unknown    int      // indicators without enough figures to judge
	Unreported int      // tasks without an update in the period due
	Highlights []string // short sentences for the summary page, in Chinese
}

// StatusCount counts tasks of one status.
type StatusCount struct {
	Status string // code
	Label  string // Chinese label
	Count  int
}

// Group is a set of tasks under a theme or a lead unit.
type Group struct {
	Name     string
	Tasks    []TaskRow
	ByStatus []StatusCount
}

// TaskRow is one task as of the report date.
type TaskRow struct {
	ItemID     string
	Number     string
	Title      string
	Theme      string
	Lead       []string
	Support    []string
	Deadline   string
	Status     string // code, assessed against 序时进度 as of the date
	Label      string
	Progress   int
	Expected   float64 // 序时进度, percent
	Overdue    bool
	LatestNote string
	LatestDate string
	Ref        string // Source.Ref of the latest update, or of the document sentence
}

// Change is one difference between Previous and AsOf.
type Change struct {
	ItemID string
	Number string
	Title  string
	Before string // status label before
	After  string // status label after
	Note   string
	Ref    string
}

// IndicatorRow is one indicator with its figures and outlook.
type IndicatorRow struct {
	IndicatorID string
	Name        string
	Unit        string
	Direction   string
	Binding     bool
	Baseline    *Point
	Latest      *Point
	Target      *Point // the target judged by: the plan's end year's, else the final one (a range's lower end)
	TargetOp    string
	TargetMax   *float64 // a range's upper end (4.5%—5%), nil for a single figure
	Approx      bool     // 左右: about the target figure
	Projected   *Point   // trend value in the target year
	Attainment  *float64
	OnTrack     bool
	Known       bool
	Series      []Point // observations known as of the date, oldest first (for the chart)
	Ref         string
}

// Point is a value in a period ("2023", "2023-Q2").
type Point struct {
	Period string
	Year   float64 // the period as a year on a continuous scale, for charts
	Value  float64
	Ref    string
}

// Comparison is one indicator across regions.
type Comparison struct {
	Indicator string
	Unit      string
	Rows      []ComparisonRow
}

// ComparisonRow is one region's figures on the compared indicator.
type ComparisonRow struct {
	Region    string
	PlanID    string
	Plan      string
	Latest    *Point
	Target    *Point
	TargetOp  string
	TargetMax *float64 // a range's upper end
	Approx    bool     // 左右
	OnTrack   bool
	Known     bool
}

// Source is where a figure came from: a progress update (by whom, when,
// recorded when), an import, or a sentence of the plan's document.
type Source struct {
	Ref        string // short label used in tables: S1, S2 …
	Kind       string // update, import, observation, document
	Detail     string // e.g. 市科技局 2024-06-30 填报; for a document, its title, heading and the sentence quoted
	RecordedAt time.Time
	// For a document sentence: the document's title, the outline heading
	// the item sits under (二、重点任务 › （一）…) and the sentence itself,
	// which Detail quotes so that a reader can find it in the plan.
	Document, Heading, Quote string
}
