package track

import (
	"testing"

	"planwatch/internal/store"
)

// TestRhythmString: the stored form reads back as the same rhythm, and a
// plan without a readable rhythm reports monthly by the 5th.
func TestRhythmString(t *testing.T) {
	for _, tt := range []struct {
		r    Rhythm
		want string
	}{
		{Monthly, "monthly:5"},
		{Quarterly, "quarterly:20"},
		{Rhythm{DueDay: 10}, "monthly:10"},
		{Rhythm{Quarterly: true}, "quarterly:20"},
		{Rhythm{}, "monthly:5"},
	} {
		if got := tt.r.String(); got != tt.want {
			t.Errorf("%+v.String() = %q, want %q", tt.r, got, tt.want)
		}
		back, err := ParseRhythm(tt.r.String())
		if err != nil || back.String() != tt.want {
			t.Errorf("ParseRhythm(%q) = %+v, %v", tt.r.String(), back, err)
		}
	}
	for rh, want := range map[string]Rhythm{"": Monthly, "weekly:3": Monthly, "quarterly:15": {Quarterly: true, DueDay: 15}} {
		if got := PlanRhythm(store.Plan{Rhythm: rh}); got != want {
			t.Errorf("PlanRhythm(%q) = %+v, want %+v", rh, got, want)
		}
	}
}

// TestUnreportedQuarterly: under a quarterly rhythm a task with no report
// is not owed one in the second month of a quarter (the previous quarter's
// report was made in time), but is after the 20th of the next quarter's
// first month; the monthly rhythm would have called it unreported already.
func TestUnreportedQuarterly(t *testing.T) {
	items := []store.Item{{ID: "1", Kind: store.KindTask, Units: []store.Assignment{{Unit: "市科技局", Role: store.RoleLead}}}}
	ups := []store.Update{{ItemID: "1", Unit: "市科技局", Date: "2025-03-10"}} // the Q1 report
	for _, tt := range []struct {
		asOf   string
		rhythm Rhythm
		want   int
	}{
		{"2025-05-20", Quarterly, 0}, // Q1 reported; Q2 not yet due
		{"2025-05-20", Monthly, 1},   // April's report (due 5 May) was not made in May's window… nor at all
		{"2025-07-20", Quarterly, 0}, // the due day itself: units may still report
		{"2025-07-21", Quarterly, 1}, // Q2 was due by 20 July
		{"2025-07-21", Rhythm{Quarterly: true, DueDay: 25}, 0},
	} {
		got := Unreported(items, ups, day(tt.asOf), tt.rhythm)
		if len(got) != tt.want {
			t.Errorf("%s %s: %d units unreported, want %d (%+v)", tt.asOf, tt.rhythm, len(got), tt.want, got)
		}
	}
}

// TestUnreportedOneReportOnePeriod checks that a report written in a
// period's first days, the writing window of the period before, answers
// for that one only: the unit still owes the next report.
func TestUnreportedOneReportOnePeriod(t *testing.T) {
	items := []store.Item{{ID: "1", Kind: store.KindTask, Units: []store.Assignment{{Unit: "市科技局", Role: store.RoleLead}}}}
	for _, tt := range []struct {
		name, date, asOf string
		rhythm           Rhythm
		want             int
	}{
		{"Q1 report on 15 April, Q2 due", "2025-04-15", "2025-07-21", Quarterly, 1},
		{"Q1 report on 15 April, Q1 due", "2025-04-15", "2025-05-01", Quarterly, 0},
		{"Q2 report on 25 April", "2025-04-25", "2025-07-21", Quarterly, 0},
		{"January report on 3 February, February due", "2025-02-03", "2025-03-06", Monthly, 1},
		{"February report on 6 February", "2025-02-06", "2025-03-06", Monthly, 0},
	} {
		ups := []store.Update{{ItemID: "1", Unit: "市科技局", Date: tt.date}}
		if got := Unreported(items, ups, day(tt.asOf), tt.rhythm); len(got) != tt.want {
			t.Errorf("%s: %d units unreported, want %d", tt.name, len(got), tt.want)
		}
	}
}
