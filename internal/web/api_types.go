package web

import (
	"time"

	"planwatch/internal/report"
	"planwatch/internal/store"
	"planwatch/internal/track"
)

// The JSON shapes of the API. They are separate from the store's records
// so that the API can stay stable while storage changes, and the OpenAPI
// document describes them by reflection (openapi.go): field names come
// from the json tags, "omitempty" fields are optional.

type apiPlan struct {
	ID         string `json:"id"`
	Title      string `json:"title"`
	DocumentID string `json:"document_id,omitempty"`
	RegionCode string `json:"region_code,omitempty"`
	RegionName string `json:"region_name,omitempty"`
	Level      string `json:"level"`
	StartYear  int    `json:"start_year"`
	EndYear    int    `json:"end_year"`
	Rhythm     string `json:"rhythm"` // how often units report: monthly:D or quarterly:D (D the due day)
}

type apiStatusCount struct {
	Status string `json:"status"`
	Label  string `json:"label"`
	Count  int    `json:"count"`
}

type apiSummary struct {
	AsOf       string           `json:"as_of"`
	Tasks      int              `json:"tasks"`
	ByStatus   []apiStatusCount `json:"by_status"`
	OnSchedule float64          `json:"on_schedule_percent"`
	Overdue    int              `json:"overdue"`
	Unreported int              `json:"unreported"`
	Indicators int              `json:"indicators"`
	OnTrack    int              `json:"on_track"`
	OffTrack   int              `json:"off_track"`
	Unknown    int              `json:"unknown"`
}

type apiPlanSummary struct {
	Plan    apiPlan    `json:"plan"`
	Summary apiSummary `json:"summary"`
}

type apiPlanList struct {
	Plans  []apiPlanSummary `json:"plans"`
	Total  int              `json:"total"` // plans passing the filters, on every page
	Limit  int              `json:"limit"`
	Offset int              `json:"offset"`
}

type apiTask struct {
	ID         string   `json:"id"`
	Number     string   `json:"number"`
	Title      string   `json:"title"`
	Theme      string   `json:"theme"`
	Lead       []string `json:"lead_units"`
	Support    []string `json:"support_units"`
	Deadline   string   `json:"deadline,omitempty"`
	Status     string   `json:"status"`
	Progress   int      `json:"progress"`
	Expected   float64  `json:"expected_progress"`
	Overdue    bool     `json:"overdue"`
	LatestNote string   `json:"latest_note,omitempty"`
	LatestDate string   `json:"latest_date,omitempty"`
}

type apiPoint struct {
	Period string  `json:"period"`
	Value  float64 `json:"value"`
}

type apiIndicator struct {
	ID         string     `json:"id"`
	Name       string     `json:"name"`
	Unit       string     `json:"unit"`
	Direction  string     `json:"direction"`
	Binding    bool       `json:"binding"`
	Baseline   *apiPoint  `json:"baseline"`
	Latest     *apiPoint  `json:"latest"`
	Target     *apiPoint  `json:"target"` // the value is a range's lower end
	TargetOp   string     `json:"target_op,omitempty"`
	TargetMax  *float64   `json:"target_max,omitempty"` // a range's upper end (4.5%—5%)
	Approx     bool       `json:"approx,omitempty"`     // 左右
	Projected  *apiPoint  `json:"projected"`
	Attainment *float64   `json:"attainment_percent"`
	OnTrack    bool       `json:"on_track"`
	Known      bool       `json:"known"`
	Series     []apiPoint `json:"series"`
}

type apiOutline struct {
	Number string `json:"number"`
	Title  string `json:"title"`
	Depth  int    `json:"depth"`
}

type apiPlanDetail struct {
	Plan       apiPlan        `json:"plan"`
	Summary    apiSummary     `json:"summary"`
	Outline    []apiOutline   `json:"outline"`
	Tasks      []apiTask      `json:"tasks"`
	Indicators []apiIndicator `json:"indicators"`
}

type apiUpdate struct {
	ID         string `json:"id"`
	Unit       string `json:"unit,omitempty"`
	Date       string `json:"date"`
	Status     string `json:"status"`
	Progress   int    `json:"progress"`
	Note       string `json:"note,omitempty"`
	Evidence   string `json:"evidence,omitempty"`
	Author     string `json:"author,omitempty"`
	Source     string `json:"source,omitempty"`
	RecordedAt string `json:"recorded_at"`
	// Reason is why it is back-dated (补报) or brings progress down.
	Reason string `json:"reason,omitempty"`
	// Late: recorded after the due day of the reporting period its date
	// counts for, on the plan's rhythm (迟报).
	Late bool `json:"late"`
	// EvidenceFile is the file attached to the update, if any.
	EvidenceFile *apiEvidence `json:"evidence_file,omitempty"`
}

type apiSource struct {
	DocumentID string `json:"document_id"`
	Version    int    `json:"version"`
	Start      int    `json:"start"`
	End        int    `json:"end"`
	Sentence   string `json:"sentence"`
}

type apiTaskDetail struct {
	ID       string      `json:"id"`
	PlanID   string      `json:"plan_id"`
	Kind     string      `json:"kind"`
	Number   string      `json:"number"`
	Title    string      `json:"title"`
	Body     string      `json:"body"`
	Lead     []string    `json:"lead_units"`
	Support  []string    `json:"support_units"`
	Start    string      `json:"start"`
	Deadline string      `json:"deadline"`
	Status   string      `json:"status"`          // where it stands (track.StateOf): not_started … overdue, extended
	Reported string      `json:"reported_status"` // what its units last reported
	Progress int         `json:"progress"`
	Expected float64     `json:"expected_progress"`
	Overdue  bool        `json:"overdue"`
	Behind   bool        `json:"behind"`
	Dropped  bool        `json:"dropped"`
	Source   *apiSource  `json:"source"`
	Updates  []apiUpdate `json:"updates"`
	// Extensions are the approved extensions of its deadline, oldest first.
	Extensions []apiExtension `json:"extensions"`
}

type apiDocument struct {
	ID          string   `json:"id"`
	Source      string   `json:"source"`
	Title       string   `json:"title"`
	Kind        string   `json:"kind"`
	RegionCode  string   `json:"region_code,omitempty"`
	RegionName  string   `json:"region_name,omitempty"`
	Issued      string   `json:"issued,omitempty"`
	Year        int      `json:"year,omitempty"`
	DocNumber   string   `json:"doc_number,omitempty"`
	DuplicateOf string   `json:"duplicate_of,omitempty"`
	Versions    int      `json:"versions"`
	Tags        []string `json:"tags"`
}

type apiDocumentList struct {
	Documents []apiDocument `json:"documents"`
}

type apiVersion struct {
	Seq         int    `json:"seq"`
	SHA256      string `json:"sha256"`
	Size        int64  `json:"size"`
	FetchedAt   string `json:"fetched_at"`
	FinalURL    string `json:"final_url,omitempty"`
	ContentType string `json:"content_type,omitempty"`
	Format      string `json:"format"`
	Charset     string `json:"charset,omitempty"`
}

type apiDocumentDetail struct {
	Document   apiDocument  `json:"document"`
	Versions   []apiVersion `json:"versions"`
	Version    int          `json:"version"`
	Extraction any          `json:"extraction"` // the extraction contract of that version (see README)
	Plans      []apiPlan    `json:"plans"`
}

type apiHit struct {
	Document apiDocument `json:"document"`
	Score    float64     `json:"score"`
	Snippet  string      `json:"snippet"`
	Match    [2]int      `json:"match"` // byte offsets of the match in snippet
}

type apiSearchResult struct {
	Total       int      `json:"total"`
	TotalApprox bool     `json:"total_approx"`
	Hits        []apiHit `json:"hits"`
}

// apiComparisonRow is one plan on the compared indicator: the target for
// target_year (null when the plan states none for it; a range has
// target_max, 左右 sets approx; target_text prints it as ≥5%, ≈5%,
// 4.5%–5%), the actual figure for the year before, the latest figure.
type apiComparisonRow struct {
	Plan       apiPlan   `json:"plan"`
	Actual     *apiPoint `json:"actual"`
	Latest     *apiPoint `json:"latest"`
	Target     *float64  `json:"target"`
	TargetMax  *float64  `json:"target_max"`
	TargetOp   string    `json:"target_op"`
	Approx     bool      `json:"approx"`
	TargetText string    `json:"target_text"`
	TargetYear int       `json:"target_year"`
	OnTrack    bool      `json:"on_track"`
	Known      bool      `json:"known"`
}

type apiComparison struct {
	Indicator string             `json:"indicator"`
	Key       string             `json:"key"`
	Unit      string             `json:"unit"`
	Group     string             `json:"group,omitempty"`
	Rows      []apiComparisonRow `json:"rows"`
}

// apiNetwork is the cooperation network as the API gives it.
type apiNetwork = network

// Conversions from the store's and the report's records.

func toAPIPlan(p store.Plan) apiPlan {
	return apiPlan{ID: p.ID, Title: p.Title, DocumentID: p.DocumentID, RegionCode: p.RegionCode,
		RegionName: p.RegionName, Level: p.Level, StartYear: p.StartYear, EndYear: p.EndYear,
		Rhythm: track.PlanRhythm(p).String()}
}

func toAPISummary(s report.Summary, asOf time.Time) apiSummary {
	out := apiSummary{AsOf: asOf.Format(time.DateOnly), Tasks: s.Tasks, OnSchedule: s.OnSchedule, Overdue: s.Overdue,
		Unreported: s.Unreported, Indicators: s.Indicators, OnTrack: s.OnTrack, OffTrack: s.OffTrack, Unknown: s.Unknown,
		ByStatus: []apiStatusCount{}}
	for _, c := range s.ByStatus {
		out.ByStatus = append(out.ByStatus, apiStatusCount{Status: c.Status, Label: c.Label, Count: c.Count})
	}
	return out
}

func toAPIPoint(p *report.Point) *apiPoint {
	if p == nil {
		return nil
	}
	return &apiPoint{Period: p.Period, Value: p.Value}
}

func toAPIDocument(d store.Document) apiDocument {
	tags := d.Tags
	if tags == nil {
		tags = []string{}
	}
	return apiDocument{ID: d.ID, Source: d.Source, Title: d.Title, Kind: d.Kind, RegionCode: d.RegionCode,
		RegionName: d.RegionName, Issued: d.Issued, Year: d.Year, DocNumber: d.DocNumber, DuplicateOf: d.DuplicateOf,
		Versions: d.Versions, Tags: tags}
}

// nonNil returns s, or an empty slice for nil, so that JSON lists are [].
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
