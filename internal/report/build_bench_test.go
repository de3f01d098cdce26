package report

import (
	"context"
	"fmt"
	"io"
	"testing"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

// benchPlan stores a plan of 30 tasks in 5 themes and 15 indicators, with
// a year (2024) of monthly updates from every task's lead unit and
// quarterly figures for every indicator.
func benchPlan(b *testing.B, st *store.Store) store.Plan {
	b.Helper()
	ctx := context.Background()
	var items []store.Item
	for g := range 5 {
		gid := fmt.Sprintf("g%d", g)
		items = append(items, store.Item{ID: gid, Kind: store.KindGroup, Number: numerals[g] + "、", Title: fmt.Sprintf("重点板块%d", g+1)})
		for k := range 6 {
			n := g*6 + k + 1
			items = append(items, store.Item{ID: fmt.Sprintf("t%d", n), ParentID: gid, Kind: store.KindTask,
				Number: fmt.Sprint(n), Title: fmt.Sprintf("推进第%d项重点任务", n), StartDate: "2024-01-01",
				Deadline: fmt.Sprintf("2025-%02d-28", 1+n%12),
				Units:    []store.Assignment{lead(fmt.Sprintf("市局%d", n%7)), support(fmt.Sprintf("市局%d", (n+3)%7))}})
		}
	}
	var inds []store.Indicator
	for i := range 15 {
		base := 10.0 + float64(i)
		inds = append(inds, store.Indicator{Name: fmt.Sprintf("指标%d", i+1), Unit: "%", Direction: store.DirectionUp,
			BaselineValue: &base, BaselineYear: 2023, Targets: []store.Target{{Year: 2025, Value: base + 3, Op: ">="}}})
	}
	p := store.Plan{Title: "基准测试行动计划（2024—2025年）", RegionCode: "330400", RegionName: "嘉兴市", Level: store.LevelCity,
		StartYear: 2024, EndYear: 2025}
	if err := st.SavePlanTree(ctx, &p, items, inds); err != nil {
		b.Fatal(err)
	}
	var ups []store.Update
	for _, it := range items {
		if it.Kind != store.KindTask {
			continue
		}
		for m := 1; m <= 12; m++ {
			d := time.Date(2024, time.Month(m), 28, 0, 0, 0, 0, time.UTC)
			ups = append(ups, store.Update{ItemID: it.ID, Unit: it.Units[0].Unit, Date: d.Format(time.DateOnly),
				Status: "in_progress", Progress: min(100, m*4+len(it.Title)%7), Note: fmt.Sprintf("%d月推进情况", m),
				Source: "cli", RecordedAt: d.Add(48 * time.Hour)})
		}
	}
	if err := st.AddUpdates(ctx, ups); err != nil {
		b.Fatal(err)
	}
	var obs []store.Observation
	for i, ind := range inds {
		for q := 1; q <= 4; q++ {
			obs = append(obs, store.Observation{IndicatorID: ind.ID, Period: fmt.Sprintf("2024-Q%d", q),
				Value: 10 + float64(i) + 0.3*float64(q), RecordedAt: time.Date(2024, time.Month(3*q+1), 15, 0, 0, 0, 0, time.UTC)})
		}
	}
	if err := st.AddObservations(ctx, obs); err != nil {
		b.Fatal(err)
	}
	return p
}

// BenchmarkReport times what `planwatch report` does for a mid-sized
// plan: Build, then HTML, DOCX and XLSX (goal: well under 2 s).
func BenchmarkReport(b *testing.B) {
	st := storetest.Fresh(b, "sqlite")
	p := benchPlan(b, st)
	asOf := time.Date(2024, 12, 31, 23, 59, 59, 0, time.UTC)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		r, err := Build(ctx, st, p.ID, asOf, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if r.Summary.Tasks != 30 || len(r.Indicators) != 15 {
			b.Fatalf("report has %d tasks and %d indicators", r.Summary.Tasks, len(r.Indicators))
		}
		for _, write := range []func(io.Writer, *Report) error{WriteHTML, WriteDOCX, WriteXLSX} {
			if err := write(io.Discard, r); err != nil {
				b.Fatal(err)
			}
		}
	}
}
