package track

import (
	"slices"
	"testing"
	"time"

	"planwatch/internal/store"
)

func TestStateOf(t *testing.T) {
	plan := store.Plan{StartYear: 2024, EndYear: 2024}
	recorded := func(s string) time.Time { return day(s).Add(9 * time.Hour) }
	ext := []store.Extension{{ItemID: "x", OldDeadline: "2024-06-30", NewDeadline: "2024-09-30", Reason: "用地审批延后",
		ApprovedBy: "市政府办公室", ApprovedOn: "2024-06-20", RecordedAt: recorded("2024-06-20")}}
	tests := []struct {
		name     string
		it       store.Item
		asOf     string
		want     string
		overdue  bool
		behind   bool
		deadline string
	}{
		{name: "on schedule", it: store.Item{Status: StatusInProgress, Progress: 50}, asOf: "2024-06-30", want: StatusInProgress},
		{name: "within tolerance", it: store.Item{Status: StatusInProgress, Progress: 41}, asOf: "2024-06-30", want: StatusInProgress},
		{name: "behind", it: store.Item{Status: StatusInProgress, Progress: 39}, asOf: "2024-06-30", want: StatusBehind, behind: true},
		{name: "ahead is in progress", it: store.Item{Status: StatusInProgress, Progress: 80}, asOf: "2024-06-30", want: StatusInProgress},
		{name: "not yet due to move", it: store.Item{Status: StatusNotStarted}, asOf: "2024-01-20", want: StatusNotStarted},
		{name: "not started and late", it: store.Item{Status: StatusNotStarted}, asOf: "2024-03-31", want: StatusBehind, behind: true},
		{name: "no report at all", it: store.Item{}, asOf: "2024-01-10", want: StatusNotStarted},
		{name: "legacy code", it: store.Item{Status: "on_schedule", Progress: 50}, asOf: "2024-06-30", want: StatusInProgress},
		{name: "done", it: store.Item{Status: StatusDone, Progress: 70}, asOf: "2025-03-01", want: StatusDone},
		{name: "100% is done", it: store.Item{Status: StatusInProgress, Progress: 100}, asOf: "2025-03-01", want: StatusDone},
		{name: "past the deadline", it: store.Item{Status: StatusInProgress, Progress: 90}, asOf: "2025-01-01", want: StatusOverdue, overdue: true},
		{name: "its last day", it: store.Item{Status: StatusInProgress, Progress: 95}, asOf: "2024-12-31", want: StatusInProgress},
		{name: "paused", it: store.Item{Status: StatusPaused, Progress: 10}, asOf: "2024-06-30", want: StatusPaused, behind: true},
		{name: "paused past the deadline", it: store.Item{Status: StatusPaused, Progress: 10}, asOf: "2025-01-05", want: StatusOverdue, overdue: true, behind: true},
		{name: "cancelled", it: store.Item{Status: StatusCancelled}, asOf: "2025-06-30", want: StatusCancelled},
		// An approved extension: 已延期 while the new date holds, by the
		// deadline in force at the date asked about.
		{name: "extended", it: store.Item{Deadline: "2024-09-30", Status: StatusInProgress, Progress: 70, Extensions: ext},
			asOf: "2024-07-15", want: StatusExtended, deadline: "2024-09-30"},
		{name: "extended, then past the new date", it: store.Item{Deadline: "2024-09-30", Status: StatusInProgress, Progress: 60, Extensions: ext},
			asOf: "2024-10-01", want: StatusOverdue, overdue: true, behind: true, deadline: "2024-09-30"},
		{name: "before the approval", it: store.Item{Deadline: "2024-09-30", Status: StatusInProgress, Progress: 85, Extensions: ext},
			asOf: "2024-06-10", want: StatusInProgress, deadline: "2024-06-30"},
		{name: "extended and behind", it: store.Item{Deadline: "2024-09-30", Status: StatusInProgress, Progress: 10, Extensions: ext},
			asOf: "2024-08-31", want: StatusExtended, behind: true, deadline: "2024-09-30"},
		{name: "unreadable dates", it: store.Item{Deadline: "年底", Status: StatusInProgress, Progress: 10}, asOf: "2025-03-01", want: StatusInProgress},
	}
	for _, tt := range tests {
		tt.it.ID, tt.it.Kind = "x", store.KindTask
		a := StateOf(plan, tt.it, day(tt.asOf).Add(23*time.Hour))
		if a.Status != tt.want || a.Overdue != tt.overdue || a.Behind != tt.behind {
			t.Errorf("%s: StateOf = %s overdue=%v behind=%v, want %s overdue=%v behind=%v", tt.name, a.Status, a.Overdue, a.Behind,
				tt.want, tt.overdue, tt.behind)
		}
		if tt.deadline != "" && a.Deadline.Format(time.DateOnly) != tt.deadline {
			t.Errorf("%s: deadline in force %s, want %s", tt.name, a.Deadline.Format(time.DateOnly), tt.deadline)
		}
		if tt.want == StatusExtended && a.Extension == nil || tt.name == "before the approval" && a.Extension != nil {
			t.Errorf("%s: extension %+v", tt.name, a.Extension)
		}
	}
}

// TestAssessPlan: the plan-level view counts tasks only (not groups,
// projects or dropped items), replays updates as of the date, and owes
// reports for the tasks that are not done or cancelled.
func TestAssessPlan(t *testing.T) {
	plan := store.Plan{ID: "p", StartYear: 2024, EndYear: 2024}
	lead := func(u string) []store.Assignment { return []store.Assignment{{Unit: u, Role: store.RoleLead}} }
	items := []store.Item{
		{ID: "g", Kind: store.KindGroup, Title: "一、"},
		{ID: "a", ParentID: "g", Kind: store.KindTask, Deadline: "2024-06-30", Units: lead("市科技局")},
		{ID: "b", ParentID: "g", Kind: store.KindTask, Units: lead("市科技局")},
		{ID: "c", ParentID: "g", Kind: store.KindTask, Units: lead("市财政局")},
		{ID: "d", ParentID: "g", Kind: store.KindTask, Units: lead("市财政局")},
		{ID: "e", Kind: store.KindProject, Deadline: "2024-03-31"},
		{ID: "f", Kind: store.KindTask, Dropped: true, Deadline: "2024-03-31"},
	}
	at := func(s string) time.Time { return day(s).Add(12 * time.Hour) }
	ups := []store.Update{
		{ID: "1", ItemID: "b", Unit: "市科技局", Date: "2024-07-03", Status: StatusInProgress, Progress: 60, RecordedAt: at("2024-07-03")},
		{ID: "2", ItemID: "c", Unit: "市财政局", Date: "2024-07-02", Status: StatusDone, Progress: 100, RecordedAt: at("2024-07-02")},
		{ID: "3", ItemID: "d", Unit: "市财政局", Date: "2024-07-02", Status: StatusCancelled, RecordedAt: at("2024-07-02")},
		// Recorded after the date asked about: not known then.
		{ID: "4", ItemID: "a", Unit: "市科技局", Date: "2024-07-03", Status: StatusDone, Progress: 100, RecordedAt: at("2024-07-20")},
	}
	ps := AssessPlan(plan, items, ups, at("2024-07-10"), Monthly)
	var ids []string
	for _, ts := range ps.Tasks {
		ids = append(ids, ts.Item.ID)
	}
	if !slices.Equal(ids, []string{"a", "b", "c", "d"}) {
		t.Errorf("tasks = %v", ids)
	}
	want := map[string]int{StatusOverdue: 1, StatusInProgress: 1, StatusDone: 1, StatusCancelled: 1}
	for code, n := range want {
		if ps.Count(code) != n {
			t.Errorf("count %s = %d, want %d (%v)", code, ps.Count(code), n, ps.Counts)
		}
	}
	// June is due by 7-05: a (overdue, no report in the window) is owed,
	// b reported, c done, d cancelled.
	if ps.Period.Label != "2024-06" || ps.Unreported() != 1 || len(ps.Gaps) != 1 || ps.Gaps[0].Unit != "市科技局" || ps.Gaps[0].Items[0].ID != "a" {
		t.Errorf("period %s, unreported %d, gaps %+v", ps.Period.Label, ps.Unreported(), ps.Gaps)
	}
	if later := AssessPlan(plan, items, ups, at("2024-07-25"), Monthly); later.Count(StatusDone) != 2 || later.Count(StatusOverdue) != 0 {
		t.Errorf("as of 07-25: %v", later.Counts)
	}
}
