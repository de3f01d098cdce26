package track

import (
	"testing"
	"time"

	"planwatch/internal/store"
)

func TestTargetText(t *testing.T) {
	tests := []struct {
		t    store.Target
		unit string
		want string
	}{
		{store.Target{Value: 5, Op: ">="}, "%", "≥5%"},
		{store.Target{Value: 5.5, Op: "<="}, "%", "≤5.5%"},
		{store.Target{Value: 5, Op: "=", Approx: true}, "%", "≈5%"},
		{store.Target{Value: 5.5, Op: "<=", Approx: true}, "%", "≈5.5%"}, // 控制在5.5%左右
		{store.Target{Value: 4.5, ValueMax: fp(5), Op: "="}, "%", "4.5%–5%"},
		{store.Target{Value: 4.5, ValueMax: fp(5), Op: "=", Approx: true}, "%", "≈4.5%–5%"},
		{store.Target{Value: 600000, Op: ">"}, "人", ">60万人"},
		{store.Target{Value: 1500, Op: "="}, "家", "1500家"},
		{store.Target{Value: 1.2e11, ValueMax: fp(1.5e11), Op: "=", Approx: true}, "元", "≈1200亿元–1500亿元"},
		{store.Target{Value: 1200, Op: ">="}, "亿元", "≥1200亿元"},
		{store.Target{Value: 0.125, Op: "="}, "", "0.13"},
	}
	for _, tt := range tests {
		if got := TargetText(tt.t, tt.unit); got != tt.want {
			t.Errorf("TargetText(%+v) = %q, want %q", tt.t, got, tt.want)
		}
	}
}

// TestRangeMet: a range is met at its lower end where more is better and
// at its upper end where less is better; beyond it in the good direction
// counts too.
func TestRangeMet(t *testing.T) {
	growth := store.Target{Year: 2026, Value: 4.5, ValueMax: fp(5), Op: "="}
	tests := []struct {
		name string
		dir  string
		v    float64
		want bool
	}{
		{"inside", store.DirectionUp, 4.8, true},
		{"at the floor", store.DirectionUp, 4.5, true},
		{"above", store.DirectionUp, 5.3, true},
		{"below", store.DirectionUp, 4.2, false},
		{"less is better inside", store.DirectionDown, 4.8, true},
		{"less is better above", store.DirectionDown, 5.2, false},
		{"less is better below", store.DirectionDown, 3, true},
	}
	for _, tt := range tests {
		ind := store.Indicator{Direction: tt.dir, Targets: []store.Target{growth},
			Observations: []store.Observation{{Period: "2026", Value: tt.v}}}
		o := OnTrackBy(ind, 2026, time.Time{})
		if !o.Known || o.OnTrack != tt.want || o.Goal.ValueMax == nil || o.Target != 4.5 {
			t.Errorf("%s: %+v, want known, on track %v", tt.name, o, tt.want)
		}
	}
}

// TestPlanTargetAndActual: a one-year plan is judged by its year's target,
// not by the five-year plan's 2030 one it also states, and last year's
// actual is an observation for that year or the baseline.
func TestPlanTargetAndActual(t *testing.T) {
	base := 5.4
	ind := store.Indicator{Direction: store.DirectionUp, BaselineValue: &base, BaselineYear: 2025,
		Targets: []store.Target{{Year: 2026, Value: 5, Op: "=", Approx: true}, {Year: 2030, Value: 4.5, Op: ">="}}}
	if tg, ok := PlanTarget(ind, 2026); !ok || tg.Year != 2026 {
		t.Errorf("PlanTarget(2026) = %+v, %v", tg, ok)
	}
	if tg, ok := PlanTarget(ind, 2027); !ok || tg.Year != 2030 {
		t.Errorf("PlanTarget(2027) = %+v, %v: want the final target", tg, ok)
	}
	if _, ok := TargetFor(ind, 2027); ok {
		t.Error("TargetFor(2027) found a target for another year")
	}
	if v, ok := Actual(ind, 2025, time.Time{}); !ok || v != 5.4 {
		t.Errorf("Actual(2025) from the baseline = %v, %v", v, ok)
	}
	ind.Observations = []store.Observation{{Period: "2025", Value: 5.3, RecordedAt: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)},
		{Period: "2025-Q4", Value: 9}}
	if v, ok := Actual(ind, 2025, time.Time{}); !ok || v != 5.3 {
		t.Errorf("Actual(2025) from an observation = %v, %v", v, ok)
	}
	if v, ok := Actual(ind, 2025, time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)); !ok || v != 5.4 {
		t.Errorf("Actual(2025) before the observation was recorded = %v, %v (want the baseline)", v, ok)
	}
	if _, ok := Actual(ind, 2024, time.Time{}); ok {
		t.Error("Actual(2024) found a figure")
	}
}

// TestCompareRows: each plan shows its own year's target and last year's
// actual, or the year asked for; a plan lacking a target for the year
// shows none (and no verdict) rather than another year's; one row per plan.
func TestCompareRows(t *testing.T) {
	base := 5.5
	sh := store.Plan{ID: "p1", RegionCode: "310000", RegionName: "上海市", StartYear: 2026, EndYear: 2026}
	ah := store.Plan{ID: "p2", RegionCode: "340000", RegionName: "安徽省", StartYear: 2026, EndYear: 2026}
	five := store.Plan{ID: "p3", StartYear: 2021, EndYear: 2025}
	shInd := store.Indicator{PlanID: "p1", Unit: "%", Direction: store.DirectionUp, BaselineValue: &base, BaselineYear: 2025,
		Targets: []store.Target{{Year: 2026, Value: 5, Op: "=", Approx: true}, {Year: 2030, Value: 5, Op: ">="}}}
	ahInd := store.Indicator{PlanID: "p2", Unit: "%", Targets: []store.Target{{Year: 2026, Value: 5, ValueMax: fp(5.5), Op: "="}}}
	ahBare := store.Indicator{PlanID: "p2", Unit: "%"}
	fiveInd := store.Indicator{PlanID: "p3", Unit: "%", Targets: []store.Target{{Value: 3.2, Op: ">="}}}
	rows := []CompareRow{
		NewCompareRow(ah, ahBare, 0, time.Time{}),
		NewCompareRow(five, fiveInd, 0, time.Time{}),
		NewCompareRow(sh, shInd, 0, time.Time{}),
		NewCompareRow(ah, ahInd, 0, time.Time{}),
	}
	rows = OnePerPlan(rows)
	SortCompareRows(rows)
	tests := []struct {
		plan, target string
		year         int
		actual       bool
	}{
		{"p1", "≈5%", 2026, true},
		{"p2", "5%–5.5%", 2026, false},
		{"p3", "≥3.2%", 2025, false}, // a yearless target is the plan's end year's
	}
	if len(rows) != len(tests) {
		t.Fatalf("%d rows, want %d", len(rows), len(tests))
	}
	for i, tt := range tests {
		r := rows[i]
		if r.Plan.ID != tt.plan || !r.HasTarget || TargetText(r.Target, r.Indicator.Unit) != tt.target ||
			r.Year != tt.year || r.HasActual != tt.actual || r.ActualYear != tt.year-1 {
			t.Errorf("row %d = %s %v %q year %d actual %v (%d), want %s %q %d %v", i, r.Plan.ID, r.HasTarget,
				TargetText(r.Target, r.Indicator.Unit), r.Year, r.HasActual, r.ActualYear, tt.plan, tt.target, tt.year, tt.actual)
		}
	}
	r := NewCompareRow(sh, shInd, 2030, time.Time{})
	if !r.HasTarget || r.Target.Op != ">=" || r.HasActual {
		t.Errorf("--year 2030: %+v", r)
	}
	r = NewCompareRow(sh, shInd, 2027, time.Time{})
	if r.HasTarget || r.Outlook.Known {
		t.Errorf("--year 2027: %+v, want no target and no verdict", r)
	}
}
