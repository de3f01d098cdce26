package track

import (
	"errors"
	"math"
	"slices"
	"testing"
	"time"

	"planwatch/internal/store"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestExpected(t *testing.T) {
	tests := []struct {
		start, deadline, asOf string
		want                  float64
	}{
		{"2024-01-01", "2024-12-31", "2024-06-30", 50},     // half a year of a year
		{"2024-01-01", "2024-12-31", "2024-03-31", 25},     // a quarter
		{"2024-01-01", "2024-12-31", "2023-12-01", 0},      // before the start
		{"2024-01-01", "2024-12-31", "2025-03-01", 100},    // after the deadline
		{"2024-01-01", "2024-12-31", "2024-12-31", 100},    // the last day counts
		{"2024-01-01", "2024-06-30", "2024-02-15", 25.287}, // (1 + 15/29) of 6 months
		{"2021-01-01", "2025-12-31", "2023-06-30", 50},     // five-year plan, mid-way
		{"2024-03-01", "2024-03-31", "2024-03-15", 48.387}, // one month, 15 of 31 days
		{"2024-05-01", "2024-05-01", "2024-04-30", 0},      // zero-length, not yet
		{"2024-05-01", "2024-05-01", "2024-05-01", 100},    // zero-length, its day
		{"2024-07-01", "2024-06-30", "2024-07-01", 100},    // inverted dates: due in full once past
	}
	for _, tt := range tests {
		got := Expected(day(tt.start), day(tt.deadline), day(tt.asOf))
		if math.Abs(got-tt.want) > 0.01 {
			t.Errorf("Expected(%s, %s, %s) = %.3f, want %.3f", tt.start, tt.deadline, tt.asOf, got, tt.want)
		}
	}
}

func TestItemWindow(t *testing.T) {
	plan := store.Plan{StartYear: 2021, EndYear: 2025}
	tests := []struct {
		start, deadline    string
		wantS, wantD       string
		wantErr            bool
		planStart, planEnd int
	}{
		{"", "", "2021-01-01", "2025-12-31", false, 0, 0},
		{"2022-03-01", "2023-06-30", "2022-03-01", "2023-06-30", false, 0, 0},
		{"2022-03", "2023-06", "2022-03-01", "2023-06-30", false, 0, 0},
		{"2022", "2022", "2022-01-01", "2022-12-31", false, 0, 0},
		{"", "2024-02", "2021-01-01", "2024-02-29", false, 0, 0},
		{"三月", "", "", "", true, 0, 0},
	}
	for _, tt := range tests {
		s, d, err := ItemWindow(plan, store.Item{ID: "x", StartDate: tt.start, Deadline: tt.deadline})
		if tt.wantErr {
			if err == nil {
				t.Errorf("ItemWindow(%q, %q): no error", tt.start, tt.deadline)
			}
			continue
		}
		if err != nil || !s.Equal(day(tt.wantS)) || !d.Equal(day(tt.wantD)) {
			t.Errorf("ItemWindow(%q, %q) = %v, %v, %v; want %s, %s", tt.start, tt.deadline, s, d, err, tt.wantS, tt.wantD)
		}
	}
	if _, _, err := ItemWindow(store.Plan{}, store.Item{}); !errors.Is(err, ErrNoDates) {
		t.Errorf("ItemWindow with no dates anywhere: %v, want ErrNoDates", err)
	}
}

// TestStateWithoutDates: a task of a plan whose document named no years
// is judged all the same, by what was reported alone, and is overdue only
// past a deadline of its own.
func TestStateWithoutDates(t *testing.T) {
	asOf := time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		it      store.Item
		want    string
		overdue bool
	}{
		{"untouched", store.Item{ID: "a"}, StatusNotStarted, false},
		{"moving", store.Item{ID: "b", Progress: 40}, StatusInProgress, false},
		{"reported under way", store.Item{ID: "b2", Status: StatusInProgress, Progress: 5}, StatusInProgress, false},
		{"done", store.Item{ID: "c", Progress: 100, Status: StatusDone}, StatusDone, false},
		{"own deadline passed", store.Item{ID: "d", Progress: 40, Deadline: "2026-03-31"}, StatusOverdue, true},
		{"own deadline ahead", store.Item{ID: "d2", Progress: 40, Deadline: "2026-12-31"}, StatusInProgress, false},
		{"own start only", store.Item{ID: "e", StartDate: "2026-01-01"}, StatusNotStarted, false},
	}
	for _, tt := range tests {
		a := StateOf(store.Plan{}, tt.it, asOf)
		if a.Status != tt.want || a.Overdue != tt.overdue || a.Behind || a.Expected != float64(tt.it.Progress) || a.Gap != 0 {
			t.Errorf("%s: %+v; want %s (overdue %v, not behind, expected = progress)", tt.name, a, tt.want, tt.overdue)
		}
	}
	// An unreadable deadline is no schedule either: judged by what was
	// reported, never overdue.
	if a := StateOf(store.Plan{}, store.Item{ID: "f", Deadline: "soon", Status: StatusInProgress, Progress: 10}, asOf); a.Status != StatusInProgress || a.Overdue {
		t.Errorf("an unreadable deadline: %+v, want in_progress", a)
	}
	if _, _, err := ItemWindow(store.Plan{}, store.Item{ID: "f", Deadline: "soon"}); err == nil || errors.Is(err, ErrNoDates) {
		t.Errorf("an unreadable deadline: %v, want a date error", err)
	}
}

func TestPeriodDue(t *testing.T) {
	tests := []struct {
		r                 Rhythm
		asOf              string
		label, start, due string
	}{
		{Monthly, "2024-03-06", "2024-02", "2024-02-01", "2024-03-05"},
		{Monthly, "2024-03-05", "2024-01", "2024-01-01", "2024-02-05"}, // due day itself: still time
		{Monthly, "2024-01-10", "2023-12", "2023-12-01", "2024-01-05"},
		{Rhythm{DueDay: 10}, "2024-03-06", "2024-01", "2024-01-01", "2024-02-10"},
		{Quarterly, "2024-04-21", "2024-Q1", "2024-01-01", "2024-04-20"},
		{Quarterly, "2024-04-20", "2023-Q4", "2023-10-01", "2024-01-20"},
		{Quarterly, "2024-06-30", "2024-Q1", "2024-01-01", "2024-04-20"},
		{Rhythm{Quarterly: true}, "2024-01-21", "2023-Q4", "2023-10-01", "2024-01-20"},
	}
	for _, tt := range tests {
		p := tt.r.PeriodDue(day(tt.asOf))
		if p.Label != tt.label || !p.Start.Equal(day(tt.start)) || !p.Due.Equal(day(tt.due)) {
			t.Errorf("%+v.PeriodDue(%s) = %s %s..%s due %s; want %s from %s due %s", tt.r, tt.asOf,
				p.Label, p.Start.Format("2006-01-02"), p.End.Format("2006-01-02"), p.Due.Format("2006-01-02"),
				tt.label, tt.start, tt.due)
		}
	}
}

func TestParseRhythm(t *testing.T) {
	tests := []struct {
		in      string
		want    Rhythm
		wantErr bool
	}{
		{"monthly", Monthly, false},
		{"月报", Monthly, false},
		{"Quarterly", Quarterly, false},
		{"季报:15", Rhythm{Quarterly: true, DueDay: 15}, false},
		{"monthly:10", Rhythm{DueDay: 10}, false},
		{"monthly:40", Rhythm{}, true},
		{"weekly", Rhythm{}, true},
	}
	for _, tt := range tests {
		got, err := ParseRhythm(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseRhythm(%q) = %+v, %v; want %+v, error %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestUnreported(t *testing.T) {
	lead := func(u string) store.Assignment { return store.Assignment{Unit: u, Role: store.RoleLead} }
	sup := func(u string) store.Assignment { return store.Assignment{Unit: u, Role: store.RoleSupport} }
	items := []store.Item{
		{ID: "1", Kind: store.KindTask, Units: []store.Assignment{lead("市科技局"), sup("市财政局"), sup("市经信局")}},
		{ID: "2", Kind: store.KindTask, Units: []store.Assignment{lead("市经信局")}},
		{ID: "3", Kind: store.KindTask, Units: []store.Assignment{lead("市科技局")}, Status: StatusDone},
		{ID: "4", Kind: store.KindTask, Units: []store.Assignment{lead("市商务局")}, StartDate: "2024-06-01"},
		{ID: "5", Kind: store.KindTask},
		{ID: "6", Kind: store.KindGroup, Units: []store.Assignment{lead("市科技局")}},
		{ID: "7", Kind: store.KindTask, Units: []store.Assignment{lead("市商务局")}},
	}
	updates := []store.Update{
		{ItemID: "1", Unit: "市财政局", Date: "2024-02-20"},
		{ItemID: "1", Unit: "市经信局", Date: "2024-01-31"}, // the month before: does not count
		{ItemID: "2", Unit: "市经信局", Date: "2024-03-04"}, // in the reporting window
		{ItemID: "7", Date: "2024-02-28"},               // the item as a whole: counts for its lead
	}
	got := Unreported(items, updates, day("2024-03-10"), Monthly)
	want := map[string][]string{
		"":     {"5"},
		"市科技局": {"1"},
		"市经信局": {"1"},
	}
	var units []string
	for _, g := range got {
		units = append(units, g.Unit)
		var ids []string
		for _, it := range g.Items {
			ids = append(ids, it.ID)
		}
		if !slices.Equal(ids, want[g.Unit]) {
			t.Errorf("unit %q: items %v, want %v", g.Unit, ids, want[g.Unit])
		}
		if g.Period.Label != "2024-02" {
			t.Errorf("unit %q: period %s, want 2024-02", g.Unit, g.Period.Label)
		}
	}
	if !slices.Equal(units, []string{"", "市科技局", "市经信局"}) {
		t.Errorf("units %v", units)
	}
}
