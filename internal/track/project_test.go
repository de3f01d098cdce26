package track

import (
	"math"
	"testing"
	"time"

	"planwatch/internal/store"
)

const w = store.WanScale

func TestParseWan(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
		ok   bool
	}{
		{"1200", 1200 * w, true},
		{"1,200.5", 12005 * w / 10, true},
		{"1.2亿", 12000 * w, true},
		{"12亿元", 120000 * w, true},
		{"3500万元", 3500 * w, true},
		{"0.00005", 1, true}, // rounded to the yuan
		{"５００", 500 * w, true},
		{"-5", 0, false},
		{"", 0, false},
		{"很多", 0, false},
		{"5%", 0, false},
		{"1e300", 0, false},
	} {
		got, err := ParseWan(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ParseWan(%q) = %d, %v; want %d ok=%v", c.in, got, err, c.want, c.ok)
		}
	}
	for _, c := range []struct {
		v    int64
		want string
	}{{3500 * w, "3500万元"}, {12000 * w, "1.2亿元"}, {5 * w, "5万元"}, {0, "0万元"}} {
		if got := FormatWan(c.v); got != c.want {
			t.Errorf("FormatWan(%d) = %q, want %q", c.v, got, c.want)
		}
	}
}

func TestParsePhase(t *testing.T) {
	for in, want := range map[string]string{
		"前期": store.PhasePrep, "新开工": store.PhaseStart, "在建": store.PhaseBuild, "主体施工，完成桩基60%": store.PhaseBuild,
		"完工": store.PhaseDone, "建成投运": store.PhaseOperation, "投产": store.PhaseOperation, "": "", "良好": "",
	} {
		got, ok := ParsePhase(in)
		if got != want || ok != (want != "") {
			t.Errorf("ParsePhase(%q) = %q %v, want %q", in, got, ok, want)
		}
	}
}

func TestCurve(t *testing.T) {
	var year Curve
	if year.Due(3) != 25 || year.Due(12) != 100 {
		t.Errorf("12-month year: %v %v", year.Due(3), year.Due(12))
	}
	c, err := ParseCurve("5，10，20，30，40，50，60，70，80，90，95，100")
	if err != nil || c.Due(3) != 20 || c.String() != "5,10,20,30,40,50,60,70,80,90,95,100" {
		t.Errorf("curve: %v %v %q", c, err, c.String())
	}
	for _, bad := range []string{"1,2,3", "5,10,20,30,40,50,60,70,80,90,95,99", "5,4,20,30,40,50,60,70,80,90,95,100", "a,10,20,30,40,50,60,70,80,90,95,100"} {
		if _, err := ParseCurve(bad); err == nil {
			t.Errorf("ParseCurve(%q) accepted", bad)
		}
	}
}

func TestProjectStates(t *testing.T) {
	at := func(d int) time.Time { return time.Date(2026, 4, d, 0, 0, 0, 0, time.UTC) }
	ps := []store.Project{
		{ID: "a", Name: "按序时", Phase: store.PhaseBuild, Years: []store.ProjectYear{{Year: 2026, Planned: 1200 * w}}},
		{ID: "b", Name: "滞后", Phase: store.PhaseBuild, Years: []store.ProjectYear{{Year: 2026, Planned: 1200 * w}}},
		{ID: "c", Name: "未开工", Phase: store.PhasePrep, Years: []store.ProjectYear{{Year: 2026, Planned: 100 * w}},
			Milestones: []store.Milestone{{Phase: store.PhaseStart, Planned: "2026-02-15"}, {Phase: store.PhaseDone, Planned: "2026-12-31"}}},
		{ID: "d", Name: "无计划", Phase: store.PhasePrep},
		{ID: "e", Name: "四月竣工", Phase: store.PhaseBuild, Milestones: []store.Milestone{{Phase: store.PhaseDone, Planned: "2026-04-30"}}},
	}
	reps := []store.ProjectReport{
		{ProjectID: "a", Month: "2026-02", MonthDone: 100 * w, YearDone: 200 * w, RecordedAt: at(1)},
		{ProjectID: "a", Month: "2026-03", MonthDone: 100 * w, YearDone: 300 * w, RecordedAt: at(1)},
		{ProjectID: "b", Month: "2026-03", MonthDone: 100 * w, YearDone: 350 * w, RecordedAt: at(1)},
		// A later report on the same month holds.
		{ProjectID: "b", Month: "2026-03", MonthDone: 50 * w, YearDone: 250 * w, Problems: "资金未到位", RecordedAt: at(2)},
		// Another year's report counts for nothing.
		{ProjectID: "c", Month: "2025-12", YearDone: 100 * w, RecordedAt: at(1)},
		{ProjectID: "c", Month: "2026-03", YearDone: 30 * w, MonthDone: 30 * w, RecordedAt: at(1)},
	}
	st := ProjectStates(ps, reps, "2026-03", Curve{})
	if st[0].Rate != 25 || st[0].Lagging || st[0].Late() || !st[0].Reported {
		t.Errorf("on schedule: %+v", st[0])
	}
	if st[1].YearDone != 250*w || !st[1].Lagging || st[1].Problems != "资金未到位" {
		t.Errorf("lagging: %+v", st[1])
	}
	if !st[2].NotStarted || len(st[2].Overdue) != 1 || st[2].Lagging {
		t.Errorf("not started: %+v", st[2])
	}
	if !math.IsNaN(st[3].Rate) || st[3].Late() {
		t.Errorf("no plan: %+v", st[3])
	}
	if len(st[4].DueSoon) != 1 || st[4].Late() || len(st[2].DueSoon) != 0 {
		t.Errorf("due in April: %+v", st[4])
	}
	if apr := ProjectStates(ps, reps, "2026-04", Curve{}); len(apr[4].DueSoon) != 0 || len(apr[4].Overdue) != 1 {
		t.Errorf("as of April: %+v", apr[4])
	}
	// As of February, a's February report holds and March's does not yet.
	if feb := ProjectStates(ps, reps, "2026-02", Curve{}); feb[0].YearDone != 200*w || feb[1].YearDone != 0 || !feb[1].Lagging {
		t.Errorf("february: %+v %+v", feb[0], feb[1])
	}
	late := ProjectFilter{Late: true}.Filter(st)
	if len(late) != 2 || late[0].Project.ID != "b" || late[1].Project.ID != "c" {
		t.Errorf("late filter: %d", len(late))
	}
	ps[0].RegionCode, ps[1].RegionCode = "330602", "330621"
	for region, want := range map[string]int{"3306": 2, "330600": 2, "330602": 1, "越城区": 1, "火星": 0} {
		if got := (ProjectFilter{Region: region}).Filter(ProjectStates(ps, reps, "2026-03", Curve{})); len(got) != want {
			t.Errorf("region %s: %d, want %d", region, len(got), want)
		}
	}
	tot := Totals(st, func(store.Project) string { return "" })
	if len(tot) != 1 || tot[0].Planned != 2500*w || tot[0].YearDone != 580*w || tot[0].Lagging != 1 || tot[0].Late != 2 {
		t.Errorf("totals: %+v", tot)
	}
	planned, done := MonthSeries(ps[0], reps, 2026, Curve{})
	if len(planned) != 12 || planned[11] != 1200 || len(done) != 12 || done[0] != nil || *done[1] != 200 || *done[2] != 300 || done[3] != nil {
		t.Errorf("series: %v %v", planned, done)
	}
}

func TestFillReport(t *testing.T) {
	earlier := []store.ProjectReport{
		{ProjectID: "a", Month: "2025-12", YearDone: 900 * w},
		{ProjectID: "a", Month: "2026-01", YearDone: 100 * w},
	}
	r := store.ProjectReport{ProjectID: "a", Month: "2026-02", MonthDone: 50 * w}
	if err := FillReport(&r, earlier, true, false); err != nil || r.YearDone != 150*w {
		t.Errorf("from the month: %+v %v", r, err)
	}
	r = store.ProjectReport{ProjectID: "a", Month: "2026-02", YearDone: 180 * w}
	if err := FillReport(&r, earlier, false, true); err != nil || r.MonthDone != 80*w {
		t.Errorf("from the year: %+v %v", r, err)
	}
	r = store.ProjectReport{ProjectID: "a", Month: "2026-02", YearDone: 80 * w}
	if err := FillReport(&r, earlier, false, true); err == nil {
		t.Error("a year's figure below January's was accepted")
	}
	if err := FillReport(&r, earlier, false, false); err == nil {
		t.Error("a report without an amount was accepted")
	}
}

func TestProjectMonth(t *testing.T) {
	now := time.Date(2026, 4, 3, 12, 0, 0, 0, time.UTC)
	plan := store.Plan{Rhythm: "monthly:5"}
	if got := ProjectMonth(plan, nil, now); got != "2026-02" {
		t.Errorf("before March is due: %s", got)
	}
	reps := []store.ProjectReport{{Month: "2026-03"}, {Month: "2026-09"}}
	if got := ProjectMonth(plan, reps, now); got != "2026-03" {
		t.Errorf("March reported early: %s", got)
	}
	if got := ProjectMonth(store.Plan{Rhythm: "quarterly:20"}, nil, now); got != "2025-12" {
		t.Errorf("quarterly: %s", got)
	}
}
