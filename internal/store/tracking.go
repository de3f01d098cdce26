package store

import "time"

// The records of tracking: plans, their items (tasks, groups, projects),
// the units that own them, progress updates, changes to the task list,
// indicators with targets and observations, and links across plan levels.
// Their methods live in plan.go, item.go, update.go, indicator.go and
// link.go.

// Plan levels, from the top down.
const (
	LevelNational   = "国家"
	LevelProvince   = "省"
	LevelCity       = "市"
	LevelCounty     = "区县"
	RoleLead        = "lead"    // 牵头单位
	RoleSupport     = "support" // 配合单位
	KindTask        = "task"
	KindGroup       = "group" // a heading that groups tasks (一、（一）)
	KindProject     = "project"
	DirectionUp     = "up"   // higher is better
	DirectionDown   = "down" // lower is better
	EditAdded       = "added"
	EditMerged      = "merged"
	EditDropped     = "dropped"
	EditDeadline    = "deadline"
	EditRenamed     = "renamed"
	EditReassigned  = "reassigned"
	EvidenceBlobPfx = "sha256:" // Evidence naming a stored file rather than a link
)

// Plan is a tracked plan, usually made from a stored document.
type Plan struct {
	ID         string
	Title      string
	DocumentID string // the source document, "" for a plan entered by hand
	VersionSeq int    // the document version its items point into
	RegionCode string
	RegionName string
	Level      string // LevelNational … LevelCounty
	StartYear  int
	EndYear    int
	// Rhythm is how often units report on the plan's tasks, as
	// "monthly:D" or "quarterly:D" (D the due day); track.PlanRhythm reads
	// it. Empty on a new plan means DefaultRhythm.
	Rhythm    string
	CreatedAt time.Time
	UpdatedAt time.Time
	// ArchivedAt is when the plan was archived; zero for a plan in use.
	ArchivedAt time.Time
	// Kind is what the plan is (规划, 行动计划, 工作要点, 政府工作报告 …),
	// from its document or set by hand; "" when unknown. track.KindSpan
	// says how long such a plan runs.
	Kind string
}

// Item is a task, a group of tasks or a project of a plan. Items nest to
// any depth through ParentID.
type Item struct {
	ID        string
	PlanID    string
	ParentID  string // "" for a top-level item
	Kind      string // KindTask, KindGroup, KindProject
	Number    string // as printed in the plan: 1, （三）, 2.1 …
	Title     string
	Body      string
	StartDate string // YYYY-MM-DD; "" means the plan's start
	Deadline  string // YYYY-MM-DD; "" means the plan's end
	Status    string // the canonical status of the latest update (see track.Statuses)
	Progress  int    // 0–100, from the latest update
	Position  int    // order among its siblings
	Dropped   bool   // dropped from the plan (kept for the record)
	// Review is where the item stands in review (item_review.go):
	// ReviewProposed as extracted from a document, ReviewConfirmed once a
	// person took it into the plan, ReviewDismissed when one turned it
	// down. "" is ReviewConfirmed when saving: items made by hand need
	// no review.
	Review string
	// SourceStart and SourceEnd are the rune span of the sentence it came
	// from in the plan's document version (0, 0 when entered by hand).
	SourceStart int
	SourceEnd   int
	Units       []Assignment // filled by the methods that say so
	// Project is what the document states of a proposed project (an item
	// of KindProject): saved with the item, read by ItemProject, made a
	// project record when the item is confirmed. nil when it states
	// nothing or the item is not a project.
	Project *ProjectProposal
	// Extensions are the approved extensions of its deadline, oldest
	// first; filled with Units.
	Extensions []Extension
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Assignment names a unit that owns an item, as lead or support. Each
// unit of a jointly owned task reports separately.
type Assignment struct {
	ItemID string
	Unit   string
	Role   string // RoleLead or RoleSupport
}

// Extension is an approved extension of an item's deadline (延期): the
// item is 已延期 while the new date holds, 逾期 once it has passed.
type Extension struct {
	ID          string
	ItemID      string
	OldDeadline string // YYYY-MM-DD; "" when the item ran to the plan's end
	NewDeadline string // YYYY-MM-DD
	Reason      string
	ApprovedBy  string // the person or body that approved it
	ApprovedOn  string // YYYY-MM-DD
	RecordedBy  string
	RecordedAt  time.Time
}

// Update is one entry of an item's progress timeline.
type Update struct {
	ID         string
	ItemID     string
	Unit       string // the reporting unit, "" for the item as a whole
	Date       string // YYYY-MM-DD the report is about
	Status     string // canonical status
	Progress   int    // 0–100
	Note       string
	Evidence   string // a URL, or EvidenceBlobPfx + the SHA-256 of a stored file
	Author     string
	Source     string    // where it came from: "cli", "import:FILE", "web"…
	RecordedAt time.Time // when it was recorded: reports "as of" a date use only what was known then
	// Reason is why an update is dated before the reporting period still
	// open, or why progress fell (track.CheckUpdate asks for it); "" when
	// none was needed.
	Reason string
}

// ItemEdit records a change to a plan's task list, with its reason: plans
// are adjusted while they run, and the record of why must stay.
type ItemEdit struct {
	ID         string
	PlanID     string
	ItemID     string
	Action     string // EditAdded, EditMerged, EditDropped, EditDeadline, EditRenamed, EditReassigned
	Before     string
	After      string
	Reason     string
	Author     string
	RecordedAt time.Time
}

// Indicator is a quantity a plan commits to, with its baseline and targets.
type Indicator struct {
	ID            string
	PlanID        string
	Name          string
	Key           string // the normalized name that matches the same indicator across plans
	Unit          string
	Direction     string // DirectionUp or DirectionDown
	Binding       bool   // 约束性 (true) or 预期性 (false)
	BaselineValue *float64
	BaselineYear  int
	SourceStart   int
	SourceEnd     int
	Review        string        // as Item.Review: "" is ReviewConfirmed when saving
	Targets       []Target      // filled by the methods that say so
	Observations  []Observation // filled by the methods that say so
}

// Target is an indicator's value to reach by a year: a single figure
// (≥5%, 5%左右) or a range (4.5%—5%, Value the lower end, ValueMax the
// upper).
type Target struct {
	IndicatorID string
	Year        int // 0 when the plan names no year (then its end year applies)
	Value       float64
	ValueMax    *float64 // the upper end of a range; nil for a single figure
	Op          string   // >=, >, <=, <, = (a range is "=")
	Approx      bool     // 左右, 约: about the figure rather than exactly it
}

// Observation is an actual value of an indicator for a period.
type Observation struct {
	ID          string
	IndicatorID string
	Period      string // "2023", "2023-Q2", "2023-06"
	Value       float64
	Source      string // where the figure came from: a document, a sheet, a person
	Revised     bool   // a revision of an earlier figure for the same period
	RecordedAt  time.Time
}

// ItemLink says a lower-level item carries out an upper-level one.
type ItemLink struct {
	ItemID       string
	ParentItemID string
	Confirmed    bool    // confirmed by a person; false for a suggestion
	Score        float64 // how strongly the texts suggest it
}

// RegionGroup is a named set of regions compared side by side.
type RegionGroup struct {
	Name    string
	Codes   []string
	BuiltIn bool
}
