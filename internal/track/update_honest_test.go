package track

import (
	"strings"
	"testing"
	"time"

	"planwatch/internal/store"
)

// TestCheckUpdateHonest: as of 2024-06-10 on the monthly rhythm (May's
// report due by 5 June, so June's period is the one open, from 6 June),
// a future date is refused; a date before 6 June, or progress below the
// task's 50%, needs a reason — the field's, or a note's "原因：…" — which
// is kept with the update.
func TestCheckUpdateHonest(t *testing.T) {
	for _, tc := range []struct {
		name     string
		rhythm   Rhythm
		f        UpdateFields
		code     string // the problem's, "" for none
		reason   string // kept
		keepEasy bool   // KeepEmpty
	}{
		{"today", Monthly, UpdateFields{Date: "2024-06-10", Status: "进行中", Progress: "60"}, "", "", false},
		{"in the open period", Monthly, UpdateFields{Date: "2024-06-06", Status: "进行中", Progress: "60"}, "", "", false},
		{"future", Monthly, UpdateFields{Date: "2024-06-11", Status: "进行中", Progress: "60"}, "date_future", "", false},
		{"back-dated into May's window", Monthly, UpdateFields{Date: "2024-06-05", Status: "进行中", Progress: "60"}, "reason_backdate", "", false},
		{"back-dated with a reason", Monthly, UpdateFields{Date: "2024-05-20", Status: "进行中", Progress: "60", Reason: "系统故障未能按时报送"}, "", "系统故障未能按时报送", false},
		{"reason in the note", Monthly, UpdateFields{Date: "2024-05-20", Status: "进行中", Progress: "60", Note: "完成选址。原因：月初漏报"}, "", "月初漏报", false},
		{"quarterly: Q2 still open", Quarterly, UpdateFields{Date: "2024-04-21", Status: "进行中", Progress: "60"}, "", "", false},
		{"quarterly: Q1 closed", Quarterly, UpdateFields{Date: "2024-04-20", Status: "进行中", Progress: "60"}, "reason_backdate", "", false},
		{"progress falls", Monthly, UpdateFields{Date: "2024-06-10", Status: "进行中", Progress: "10"}, "reason_regress", "", false},
		{"progress falls with a reason", Monthly, UpdateFields{Date: "2024-06-10", Status: "进行中", Progress: "10", Reason: "前期统计口径有误"}, "", "前期统计口径有误", false},
		{"progress kept (sheet, CLI)", Monthly, UpdateFields{Date: "2024-06-10", Note: "继续推进"}, "", "", true},
		{"reason with a control character", Monthly, UpdateFields{Date: "2024-06-10", Status: "进行中", Progress: "60", Reason: "坏\x1b[31m"}, "text", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			target := UpdateTarget{ItemID: "t1", Status: StatusInProgress, Progress: 50, Today: "2024-06-10", Rhythm: tc.rhythm, KeepEmpty: tc.keepEasy}
			up, bad := CheckUpdate(tc.f, target)
			var codes []string
			for _, p := range bad {
				codes = append(codes, p.Code)
				if p.Reason() == "" || strings.Contains(p.Reason(), "有误") && p.Field == FieldReason {
					t.Errorf("problem %+v has no reason of its own", p)
				}
			}
			if got := strings.Join(codes, ","); got != tc.code {
				t.Errorf("problems %v, want %q", bad, tc.code)
			}
			if tc.code == "" && up.Reason != tc.reason {
				t.Errorf("reason %q, want %q", up.Reason, tc.reason)
			}
		})
	}
}

// TestLate: an update is 迟报 when recorded after the due day of the
// period its date counts for; dates up to the due day count for the month
// before.
func TestLate(t *testing.T) {
	at := func(s string) time.Time {
		d, _ := time.ParseInLocation("2006-01-02 15:04", s, time.Local)
		return d
	}
	for _, tc := range []struct {
		date, recorded string
		rhythm         Rhythm
		period         string
		late           bool
	}{
		{"2024-05-20", "2024-05-20 10:00", Monthly, "2024-05", false},
		{"2024-05-20", "2024-06-05 23:00", Monthly, "2024-05", false},
		{"2024-05-20", "2024-06-06 09:00", Monthly, "2024-05", true},
		{"2024-06-03", "2024-06-03 09:00", Monthly, "2024-05", false},
		{"2024-06-06", "2024-06-06 09:00", Monthly, "2024-06", false},
		{"2024-03-31", "2024-04-20 09:00", Quarterly, "2024-Q1", false},
		{"2024-03-31", "2024-04-21 09:00", Quarterly, "2024-Q1", true},
		{"2024-04-21", "2024-05-01 09:00", Quarterly, "2024-Q2", false},
	} {
		d, _ := time.Parse(time.DateOnly, tc.date)
		if got := tc.rhythm.PeriodOf(d).Label; got != tc.period {
			t.Errorf("%s on %s: period %s, want %s", tc.date, tc.rhythm, got, tc.period)
		}
		u := store.Update{Date: tc.date, RecordedAt: at(tc.recorded)}
		if got := Late(u, tc.rhythm); got != tc.late {
			t.Errorf("%s recorded %s on %s: late %v, want %v", tc.date, tc.recorded, tc.rhythm, got, tc.late)
		}
	}
}

// TestLateReports: for the period due, the units whose report came after
// the due day, each task once; a unit that also reported on time is not
// late on that task.
func TestLateReports(t *testing.T) {
	at := func(s string) time.Time {
		d, _ := time.ParseInLocation("2006-01-02", s, time.Local)
		return d.Add(10 * time.Hour)
	}
	items := []store.Item{
		{ID: "t1", Kind: store.KindTask, Number: "1"},
		{ID: "t2", Kind: store.KindTask, Number: "2"},
		{ID: "p1", Kind: store.KindProject, Number: "3"},
	}
	ups := []store.Update{
		{ItemID: "t1", Unit: "市科技局", Date: "2024-05-20", RecordedAt: at("2024-06-08")},
		{ItemID: "t2", Unit: "市科技局", Date: "2024-05-25", RecordedAt: at("2024-05-25")},
		{ItemID: "t2", Unit: "市财政局", Date: "2024-05-31", RecordedAt: at("2024-06-09")},
		{ItemID: "p1", Unit: "市财政局", Date: "2024-05-31", RecordedAt: at("2024-06-09")}, // a project owes nothing
		{ItemID: "t1", Unit: "市发改委", Date: "2024-04-30", RecordedAt: at("2024-06-09")}, // April's, not the period due
	}
	got := LateReports(items, ups, at("2024-06-10"), Monthly)
	var lines []string
	for _, l := range got {
		var ns []string
		for _, it := range l.Items {
			ns = append(ns, it.Number)
		}
		lines = append(lines, l.Period.Label+" "+l.Unit+" "+strings.Join(ns, ","))
	}
	if want := "2024-05 市科技局 1|2024-05 市财政局 2"; strings.Join(lines, "|") != want {
		t.Errorf("late reports %q, want %q", strings.Join(lines, "|"), want)
	}
}
