package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

func TestObservationsRevised(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := jiaxing(t, s)
		rd, en := f.inds[0].ID, f.inds[1].ID
		obs := []store.Observation{
			{IndicatorID: rd, Period: "2021", Value: 2.9, Source: "统计公报2021", RecordedAt: day(1)},
			{IndicatorID: rd, Period: "2022", Value: 3.0, Source: "统计公报2022", RecordedAt: day(1)},
			{IndicatorID: en, Period: "2022", Value: 3.1, Source: "能源局", RecordedAt: day(1)},
		}
		if err := s.AddObservations(ctx, obs); err != nil {
			t.Fatal(err)
		}
		for _, o := range obs {
			if o.ID == "" || o.Revised {
				t.Errorf("first figures: %+v", o)
			}
		}
		// The 2021 figure revised twice (once in the same batch), a new 2023.
		later := []store.Observation{
			{IndicatorID: rd, Period: " 2021 ", Value: 2.95, Source: "统计年鉴", RecordedAt: day(10)},
			{IndicatorID: rd, Period: "2023", Value: 3.1, Source: "快报", RecordedAt: day(10)},
			{IndicatorID: rd, Period: "2021", Value: 2.96, Source: "第五次经济普查", RecordedAt: day(20)},
		}
		if err := s.AddObservations(ctx, later); err != nil {
			t.Fatal(err)
		}
		if !later[0].Revised || later[1].Revised || !later[2].Revised || later[0].Period != "2021" {
			t.Errorf("revised flags: %v %v %v", later[0].Revised, later[1].Revised, later[2].Revised)
		}

		// All-or-nothing: an unknown indicator refuses the batch.
		bad := []store.Observation{
			{IndicatorID: rd, Period: "2024", Value: 3.3},
			{IndicatorID: "zzzzzzzzzzzzzzzz", Period: "2024", Value: 1},
		}
		if err := s.AddObservations(ctx, bad); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("unknown indicator: %v, want ErrNotFound", err)
		}
		if err := s.AddObservations(ctx, []store.Observation{{IndicatorID: rd}}); err == nil {
			t.Error("an observation without a period was accepted")
		}

		ind, err := s.Indicator(ctx, rd)
		if err != nil {
			t.Fatal(err)
		}
		type fig struct {
			period  string
			value   float64
			revised bool
		}
		var got []fig
		for _, o := range ind.Observations {
			got = append(got, fig{o.Period, o.Value, o.Revised})
		}
		want := []fig{{"2021", 2.9, false}, {"2021", 2.95, true}, {"2021", 2.96, true}, {"2022", 3.0, false}, {"2023", 3.1, false}}
		if len(got) != len(want) {
			t.Fatalf("observations = %v, want %v", got, want)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("observation %d = %v, want %v", i, got[i], want[i])
			}
		}

		// As of a moment: the latest figure per period known then.
		tests := []struct {
			asOf time.Time
			want map[string]float64 // indicator name/period → value
		}{
			{day(5), map[string]float64{"rd/2021": 2.9, "rd/2022": 3.0, "en/2022": 3.1}},
			{day(10), map[string]float64{"rd/2021": 2.95, "rd/2022": 3.0, "rd/2023": 3.1, "en/2022": 3.1}},
			{time.Time{}, map[string]float64{"rd/2021": 2.96, "rd/2022": 3.0, "rd/2023": 3.1, "en/2022": 3.1}},
			{day(1).Add(-time.Millisecond), map[string]float64{}},
		}
		name := map[string]string{rd: "rd", en: "en"}
		for _, tt := range tests {
			obs, err := s.ObservationsAsOf(ctx, f.plan.ID, tt.asOf)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]float64{}
			for _, o := range obs {
				got[name[o.IndicatorID]+"/"+o.Period] = o.Value
			}
			if len(got) != len(tt.want) || len(obs) != len(tt.want) {
				t.Errorf("as of %v: %v, want %v", tt.asOf, got, tt.want)
				continue
			}
			for k, v := range tt.want {
				if got[k] != v {
					t.Errorf("as of %v: %s = %v, want %v", tt.asOf, k, got[k], v)
				}
			}
		}
		if _, err := s.ObservationsAsOf(ctx, "zzzzzzzzzzzzzzzz", time.Time{}); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("ObservationsAsOf(missing) = %v", err)
		}
	})
}

func TestIndicatorsAcrossPlans(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		city := jiaxing(t, s)
		county := savePlan(t, s, "南湖区行动计划", "330402", "南湖区", store.LevelCounty, "")
		time.Sleep(2 * time.Millisecond) // an ID prefix of its own (see Indicator below)
		extra := store.Indicator{PlanID: county.plan.ID, Name: "R&D经费支出占GDP比重", Key: "研发经费投入强度",
			Unit: "%", Direction: store.DirectionUp,
			Targets:      []store.Target{{Year: 2025, Value: 3.5, Op: ">="}},
			Observations: []store.Observation{{Period: "2022", Value: 3.2, RecordedAt: day(3)}}}
		if err := s.AddIndicator(ctx, &extra); err != nil {
			t.Fatal(err)
		}
		if extra.ID == "" || extra.PlanID != county.plan.ID || extra.Targets[0].IndicatorID != extra.ID ||
			extra.Observations[0].IndicatorID != extra.ID || extra.Observations[0].ID == "" {
			t.Errorf("added indicator = %+v", extra)
		}
		inds, err := s.IndicatorsByKey(ctx, "研发经费投入强度")
		if err != nil {
			t.Fatal(err)
		}
		plans := map[string]int{}
		for _, n := range inds {
			plans[n.PlanID]++
			if len(n.Targets) == 0 {
				t.Errorf("%s without targets", n.Name)
			}
		}
		if len(inds) != 3 || plans[city.plan.ID] != 1 || plans[county.plan.ID] != 2 {
			t.Errorf("IndicatorsByKey = %d indicators over %v", len(inds), plans)
		}
		for _, n := range inds {
			if n.ID == extra.ID && (len(n.Observations) != 1 || n.Observations[0].Value != 3.2 || n.Name != "R&D经费支出占GDP比重") {
				t.Errorf("the added indicator read back: %+v", n)
			}
		}
		if got, _ := s.IndicatorsByKey(ctx, "单位GDP能耗"); len(got) != 2 {
			t.Errorf("IndicatorsByKey(单位GDP能耗) = %d, want 2", len(got))
		}
		if got, err := s.IndicatorsByKey(ctx, "没有的指标"); err != nil || len(got) != 0 {
			t.Errorf("IndicatorsByKey(none) = %v, %v", got, err)
		}
		if got, err := s.Indicator(ctx, extra.ID[:11]); err != nil || got.ID != extra.ID {
			t.Errorf("Indicator(prefix) = %v, %v", got.ID, err)
		}
		if _, err := s.Indicator(ctx, "zzzzzzzzzzzzzzzz"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Indicator(missing) = %v", err)
		}
		twice := store.Indicator{PlanID: city.plan.ID, Name: "x",
			Targets: []store.Target{{Year: 2025, Value: 1, Op: ">="}, {Year: 2025, Value: 2, Op: ">="}}}
		if err := s.AddIndicator(ctx, &twice); !errors.Is(err, store.ErrConflict) || twice.ID != "" {
			t.Errorf("two targets for one year: %v (ID %q), want ErrConflict", err, twice.ID)
		}
		if err := s.AddIndicator(ctx, &store.Indicator{PlanID: "zzzzzzzzzzzzzzzz", Name: "x"}); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("AddIndicator(missing plan) = %v", err)
		}
		if inds, _ := s.Indicators(ctx, city.plan.ID); len(inds) != 2 {
			t.Errorf("a refused indicator was stored: %d", len(inds))
		}
	})
}

// TestRangeTargets stores the targets plans state besides a single figure:
// a range (增长4.5%—5%) as one target with both ends, 左右 as a flag, next
// to a plain floor of another year; they read back as written, through
// every reader, and a range that runs backwards is refused.
func TestRangeTargets(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := jiaxing(t, s)
		top := 5.0
		tests := []struct {
			name    string
			targets []store.Target
			wantErr bool
		}{
			{"range", []store.Target{{Year: 2026, Value: 4.5, ValueMax: &top, Op: "="}}, false},
			{"about", []store.Target{{Year: 2026, Value: 5, Op: "=", Approx: true}}, false},
			{"range and floor", []store.Target{{Year: 2026, Value: 4.5, ValueMax: &top, Op: "=", Approx: true},
				{Year: 2030, Value: 5, Op: ">="}}, false},
			{"backwards", []store.Target{{Year: 2026, Value: 6, ValueMax: &top, Op: "="}}, true},
		}
		for _, tt := range tests {
			ind := store.Indicator{PlanID: f.plan.ID, Name: "地区生产总值增长 " + tt.name, Unit: "%", Targets: tt.targets}
			err := s.AddIndicator(ctx, &ind)
			if tt.wantErr {
				if err == nil {
					t.Errorf("%s: stored %+v", tt.name, tt.targets)
				}
				continue
			}
			if err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			one, err := s.Indicator(ctx, ind.ID)
			if err != nil {
				t.Fatal(err)
			}
			byKey, err := s.IndicatorsByKey(ctx, ind.Key)
			if err != nil || len(byKey) != 1 {
				t.Fatalf("%s: IndicatorsByKey = %d, %v", tt.name, len(byKey), err)
			}
			for _, got := range [][]store.Target{one.Targets, byKey[0].Targets} {
				if len(got) != len(tt.targets) {
					t.Fatalf("%s: %d targets back, want %d", tt.name, len(got), len(tt.targets))
				}
				for i, w := range tt.targets {
					g := got[i]
					if g.Year != w.Year || g.Value != w.Value || g.Op != w.Op || g.Approx != w.Approx ||
						(g.ValueMax == nil) != (w.ValueMax == nil) || (g.ValueMax != nil && *g.ValueMax != *w.ValueMax) {
						t.Errorf("%s: target %d = %+v, want %+v", tt.name, i, g, w)
					}
				}
			}
		}
		inds, err := s.Indicators(ctx, f.plan.ID)
		if err != nil {
			t.Fatal(err)
		}
		ranges := 0
		for _, ind := range inds {
			for _, tg := range ind.Targets {
				if tg.ValueMax != nil {
					ranges++
				}
			}
		}
		if len(inds) != 5 || ranges != 2 {
			t.Errorf("plan has %d indicators with %d ranges, want 5 and 2 (the backwards one refused)", len(inds), ranges)
		}
	})
}
